"""The step size under the student's own name: "step size γ", "learning rate η", "a = learning rate", "η (= α)",
"Lernrate lr"; and η, said nowhere, times a gradient in a hand-in that never writes α: the usual name of the
learning rate.

Read from the hand-in's text with its math delimiters removed, in the languages a class writes.
A name said to be the learning rate or the step, or said equal to the handout's step, becomes
a second name for it; a name of the homework's own variables is never taken.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

_RATE = (r"(?:learning[ -]?rate|step[ -]?(?:size|length|width)|\blr\b|lernrate|schrittweite|шаг\w*"
         r"|скорост\w* обучения|taux d'apprentissage|pas d'apprentissage|tasa de aprendizaje"
         r"|tasso di apprendimento|współczynnik uczenia|öğrenme oranı|学习率|步长|学習率|taxa de aprendi[sz]ag\w*"
         r"|raz[óo]n de aprendizaje|laju pembelajaran|tốc độ học|ρυθμός μάθησης|βήμα μάθησης|학습률|معدل التعلم"
         r"|सीखने की दर)")
# "η in place of α", "η no lugar de α": the hand-in's step named by the handout's
_INSTEAD = (r"(?:instead\s+of|in\s+place\s+of|no\s+lugar\s+de|en\s+lugar\s+de|au\s+lieu\s+de|anstelle\s+von|statt"
            r"|invece\s+di|zamiast|αντί\s+για|yerine)")
# (the names spelled out in plain text, "step size eta", in lower case only: "Lambda" is a logistic function)
_GREEK = (r"(\\(?:eta|gamma|lambda|epsilon|varepsilon|mu|rho|tau|kappa)(?![A-Za-z])|[ηγλεμρτκ]|(?<![\w\\])lr(?![\w])"
          r"|(?-i:(?<![\w\\])(?:eta|gamma|lambda|epsilon|mu|rho|tau|kappa)(?![\w])))")
_STEP = r"(?:\\alpha(?![A-Za-z])|α|\balpha\b)"
_WORKED = r"\s*(?:[/*·×⋅^_]|\\(?:cdot|times|frac|over)(?![A-Za-z])|[-+−]\s*[\w\\(]|\(|\d)"  # α/2, α·…, α − …
_ALONE = rf"(?!{_WORKED})"  # α alone
_GAP = r"(?:(?!\\alpha|α|alpha|[,;])[^.\n]){0,25}?"  # not across the handout's own α ("step size α, momentum μ")
_PATTERNS = (
    re.compile(_RATE + _GAP + _GREEK, re.IGNORECASE),  # step size γ, с шагом η
    re.compile(_GREEK + _GAP + _RATE, re.IGNORECASE),  # η is the learning rate
    re.compile(_GREEK + r"\s*\(?\s*=\s*" + _STEP + _ALONE),  # η (= α), not η = α/2
    re.compile(_GREEK + r"\s*,?\s*" + _INSTEAD + r"\s*" + _STEP, re.IGNORECASE),  # η in place of α
    # "η הוא גודל הצעד (α בשאלה)", "η la taxa … (el pas α de l'enunciat)": the handout's α named in brackets after it
    re.compile(_GREEK + r"[^()\n=]{0,60}?\([^()\n]{0,30}?" + _STEP + _ALONE + r"[^()\n]{0,40}\)"),
    # "(η = স্টেপ সাইজ, প্রশ্নের α)": in one bracket, the name, words, and the handout's α
    re.compile(r"\(\s*" + _GREEK + r"\s*[:=][^()\n]{0,60}?" + _STEP + _ALONE + r"[^()\n]{0,20}\)"),
    re.compile(r"\bstep\s*" + _GREEK, re.IGNORECASE),  # gradient descent, step γ
    re.compile(r"(?<![\w\\'])([a-z])\s*=\s*(?:the\s+)?(?:" + _RATE + r"|" + _STEP + _ALONE + r")",
               re.IGNORECASE),  # a = alpha
    re.compile(r"\(\s*([a-z])\s*:\s*(?:the\s+)?" + _RATE + r"\s*\)", re.IGNORECASE),  # "Update (a: step size): …"
    re.compile(_RATE + r"[ \t]*:?[ \t]*\$?[ \t]*([a-zA-Z])(?=[ \t]*\$?[ \t]*(?:[:;,)=]|$))",
               re.IGNORECASE | re.M),  # "step size s:" (on its line: "step size\nw = …" names no step)
)
_UNICODE = {"η": "\\eta", "γ": "\\gamma", "λ": "\\lambda", "ε": "\\epsilon", "μ": "\\mu", "ρ": "\\rho", "τ": "\\tau",
            "κ": "\\kappa"}
_DELIMITERS = re.compile(r"\$|\\[()\[\]]")


def step_names(text: str) -> Iterator[str]:
    """The names (canonical: ``\\eta``, ``a``) the text says are the step size, in order."""
    plain = _DELIMITERS.sub(" ", text)
    for pattern in _PATTERNS:
        for m in pattern.finditer(plain):
            name = m.group(1)
            if _defined_otherwise(plain, name):
                continue  # "learning rate lr", then lr = α/|D|: the hand-in's own step, read where it is defined
            if re.fullmatch(r"[a-z]{2,7}", name) and name != "lr":
                name = "\\" + name  # "eta" as typed without Greek
            if name in ("\\varepsilon", "\\epsilon", "ε"):  # ε and \varepsilon: one letter in two shapes
                yield "\\varepsilon"
            yield _UNICODE.get(name, "\\epsilon" if name == "\\varepsilon" else name)


def _defined_otherwise(plain: str, name: str) -> bool:
    """Whether the text sets ``name`` equal to a multiple of α (``lr = alpha / len(D)``, ``η = \\frac{α}{2}``), not
    to α itself or to words ("lr = learning rate")."""
    spelled = "|".join(re.escape(n) for n in {name, *(u for u, c in _UNICODE.items() if c == name)})
    return re.search(rf"(?<![\w\\])(?:{spelled})(?![\w])\s*(?::=|=|←|<-)\s*(?:{_STEP}{_WORKED}"
                     rf"|\\frac\s*\{{\s*{_STEP}|\d+(?:\.\d+)?\s*(?:[*·⋅×]|\\cdot)\s*{_STEP})", plain) is not None


# η∇L, \eta\,\nabla_w L, η·∂L/∂w: η times a gradient, as an update writes its step
_ETA = re.compile(r"(?:(?P<eta>\\eta(?![A-Za-z])|η)|(?<![\w\\])lr)\s*(?:\\[,;:! ]\s*|\\cdot\s*|[·*⋅]\s*)*"
                  r"(?:\\nabla|∇|\\partial|∂|\\frac\s*\{\s*\\partial|\\frac\s*\{\s*d"
                  r"|(?<=\blr)\s*[*·⋅]?\s*(?:grad|dL|d[A-Za-z]\w*_d|g\b|\(?\s*dL))")  # lr * grad_w, lr*dL_dw1
# "w <- w - a*grad L": a plain-text α, as a keyboard without Greek types it, times a gradient after a minus or plus
_PLAIN_A = re.compile(r"(?<=[-+−])\s*a\s*(?:[*·⋅]\s*)?(?:grad(?:[A-Z_]\w{0,5})?\b|nabla|∇|\\nabla|dL\b|dL/dw"
                      r"|\(?\s*dL)")
_DEFINES_A = re.compile(r"(?<![\w\\])a\s*(?:_?\{?\w\}?)?\s*(?:=|:=|<-|←)")
_ALPHA = re.compile(r"\\alpha(?![A-Za-z])|α|\balpha\b", re.IGNORECASE)


def usual_step_name(text: str) -> str | None:
    """``\\eta`` (or ``lr``, as a program names it; or ``a``, α typed without Greek, in ``w - a*grad L``) where
    the text writes η times a gradient and never α: η is what most texts call the step size; a hand-in that also
    writes α could mean something else by it."""
    if _ALPHA.search(text):
        return None
    m = _ETA.search(text)
    if m is None:
        return "a" if _PLAIN_A.search(text) and not _DEFINES_A.search(text) else None
    return "\\eta" if m.group("eta") else "lr"


# the loss under the student's own name: "Loss $ℓ(a,b,c) = …$", "the cost function J", "E is the loss", "error E(θ)"
_LOSS_WORD = (r"(?:loss|cost|objective|error|risk|Verlust\w*|Kosten\w*|Fehler\w*|perte|coût|pérdida|costo|errore"
              r"|perda|損失|损失|손실)")
_LOSS_NAME = (r"(\\ell(?![A-Za-z])|ℓ|\\math(?:cal|scr)\s*\{\s*[A-Z]\s*\}"
              r"|(?<![\w\\])[CEJLQR](?![\w']))")
_LOSS_PATTERNS = (
    re.compile(_LOSS_WORD + r"(?:\s+function)?[ \t]*(?:is|:|,)?\s{0,8}" + _LOSS_NAME
               + r"(?=[ \t]*(?:\(|=|:=|$|,|\.|;|\s+(?:is|as|of|over|for|with)\b))", re.IGNORECASE | re.MULTILINE),
    re.compile(_LOSS_NAME + r"(?:\s*\([^()\n]{0,30}\))?\s+(?:is|denotes|for|=)\s+(?:the\s+)?(?:total\s+|squared\s+)?"
               + _LOSS_WORD + r"\b(?!\s+(?:term|signal))", re.IGNORECASE),
)


def loss_names(text: str) -> Iterator[str]:
    """The names (canonical: ``\\ell``, ``E``) the text says are the loss ("Loss $ℓ(a,b,c) = …$", "E is the cost"),
    in order; not an "error term δ" (a letter of the backward pass)."""
    plain = _DELIMITERS.sub(" ", text[:200_000])
    for pattern in _LOSS_PATTERNS:
        for m in pattern.finditer(plain):
            name = re.sub(r"\\math(?:cal|scr)\s*\{\s*([A-Z])\s*\}", r"\1", m.group(1))
            if re.search(r"(?i)\b(?:term|signal|bar|rate)\s*$", plain[max(0, m.start(1) - 12):m.start(1)]):
                continue
            yield "\\ell" if name == "ℓ" else name
