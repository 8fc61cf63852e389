"""Tokens of the math students write: LaTeX, Unicode math and ASCII math, one token stream.

A TA reads ``\\frac{\\partial f}{\\partial w_1}``, ``∂f/∂w₁`` and ``df/dw1`` alike, and
``σ′(u)``, ``sigma'(u)`` and ``\\sigma'(u)`` alike; so does this tokenizer. Unicode is
mapped to the LaTeX commands (``σ`` -> ``\\sigma``, ``e⁻ᵘ`` -> ``e^{-u}``, ``w₁`` ->
``w_{1}``); ASCII words become commands (``sigma`` -> ``\\sigma``, ``exp`` -> ``\\exp``) and
a name followed by digits gets them as a subscript (``w1`` -> ``w_{1}``); font and
operator commands are unwrapped (``\\mathrm{d}`` -> ``d``, ``\\operatorname{sigmoid}`` ->
``sigmoid``). A one-word ``\\text{…}`` becomes a ``\\text:word`` token the parser keeps
when it names something and drops as prose otherwise. Nothing here evaluates anything.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from grader.expressions.asciimath import asciimath_to_latex
from grader.expressions.code_math import code_to_latex
from grader.expressions.dialect_text import closing, split_top
from grader.expressions.parse import ExpressionSyntaxError
from grader.expressions.starmath import starmath_to_latex
from grader.expressions.typst_math import typst_to_latex

DROP = {"\\left", "\\right", "\\big", "\\Big", "\\bigg", "\\Bigg", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr",
        "\\biggl", "\\biggr", "\\displaystyle", "\\limits", "\\,", "\\;", "\\:", "\\!", "\\ ", "\\quad", "\\qquad",
        "\\textstyle", "\\middle", "\\nonumber", "\\notag", "\\qedhere", "\\boxed", "\\fbox",
        "\\blacksquare", "\\qed", "\\square", "\\Box", "\\qedsymbol"}  # the end of a proof, ∎
TEXT_WORD = "\\text:"  # prefix of a one-word \text{…} token

_GREEK = ["alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "lambda",
          "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "phi", "varphi", "chi", "psi", "omega", "Sigma", "Delta",
          "Theta", "Phi", "Psi", "Omega", "Lambda", "Gamma"]
GREEK_NAMES = frozenset(_GREEK)
UNICODE = {
    "∎": " \\blacksquare ", "□": " \\square ",
    "−": "-", "–": "-", "—": "-", "·": "\\cdot ", "×": "\\times ", "⋅": "\\cdot ", "∗": "*", "∙": "\\cdot ",
    "σ": "\\sigma ", "α": "\\alpha ", "β": "\\beta ", "γ": "\\gamma ", "δ": "\\delta ", "ε": "\\epsilon ",
    "ϵ": "\\epsilon ", "η": "\\eta ", "θ": "\\theta ", "λ": "\\lambda ", "μ": "\\mu ", "π": "\\pi ",
    "τ": "\\tau ", "φ": "\\phi ", "ϕ": "\\phi ", "ψ": "\\psi ", "ω": "\\omega ", "ρ": "\\rho ", "ξ": "\\xi ",
    "Σ": "\\sum ", "∑": "\\sum ", "∏": "\\prod ", "Δ": "\\Delta ", "Θ": "\\Theta ", "Λ": "\\Lambda ",
    "Φ": "\\Phi ", "Ψ": "\\Psi ", "Ω": "\\Omega ", "Γ": "\\Gamma ", "ζ": "\\zeta ", "ν": "\\nu ",
    "χ": "\\chi ", "κ": "\\kappa ", "ϑ": "\\vartheta ", "ς": "\\sigma ",
    "ℓ": "\\ell ", "∂": "\\partial ", "∇": "\\nabla ", "√": "\\sqrt ", "∈": "\\in ", "≔": ":=", "←": "\\leftarrow ",
    "⟵": "\\leftarrow ", "→": "\\to ", "⟶": "\\to ", "⇒": "\\Rightarrow ", "′": "'", "’": "'", "´": "'",
    "″": "''", "ℒ": "L", "𝓛": "L", "𝐰": "w", "…": "\\ldots ", "⋯": "\\ldots ", "⊤": "T", "∞": "\\infty ",
    "≈": "\\approx ", "≡": "\\equiv ", "∘": "\\circ ", "÷": "/", "⁄": "/", "∕": "/",  # fraction and division slashes
    "▒": " ", "〖": "(", "〗": ")",  # Word's linear format: ∑_(i=1)^2▒〖…〗, the summand in invisible brackets
}
_SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾⁼ⁿⁱᶦᵘˣᵗʷᵀᵏʲᵃᵇᶜᵈᵉᶠᵍʰˡᵐᵒᵖʳˢᵛʸᶻ", "0123456789+-()=niiuxtwTkjabcdefghlmoprsvyz",
                strict=True))  # (ᶦ, the small capital I, is how some keyboards write the i of xⁱ)
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋₍₎₌ᵢⱼₖₙₜᵤₓᵥₐₑₒₘₚₛₗₕᵣ", "0123456789+-()=ijkntuxvaeompslhr", strict=True))
_GREEK_DIGITS = re.compile(r"([σαβγδεζηθκλμνξτφψωρ])(\d+)")
_SUP_RUN = re.compile("[" + "".join(_SUP) + "]+")
_SUB_RUN = re.compile("[" + "".join(_SUB) + "]+(?:,[" + "".join(_SUB) + "]+)*")  # "ᵢ₌₁,₂": i = 1, 2
_FONT = re.compile(r"\\(?:operatorname\*?|mathrm|mathit|mathsf|mathbf|mathnormal|boldsymbol|bm|mathbb|pmb|vec"
                   r"|vb\*?|va\*?|vectorbold\*?|mathbfit|symbf|symbfit|symit|symup|symrm"
                   r"|hat|bar|tilde|overline)\s*\{([^{}]*)\}")  # (a bar or tilde on one name is read by _BAR first)
_OLD_FONT = re.compile(r"\\(?:rm|bf|it|sf|tt|cal|mit|sl)(?![A-Za-z])\s*")
_BARE_FONT = re.compile(r"\\(?:mathbf|mathit|mathsf|boldsymbol|bm|pmb|vec|vb\*?|va\*?|symbf|mathbfit)\s*"
                        r"(\\[A-Za-z]+|[A-Za-z])(?![A-Za-z])")  # (physics' \vb, \va; \symbf)
# σ^{\prime}(u), as Mathpix writes σ′(u); σ_2^′(x_2), σ^{'}(u): Word's and OneNote's prime set as a superscript
_PRIME = re.compile(r"\^\s*(?:\{\s*((?:\\prime\s*)+)\}|\\prime|\{\s*(['′]+)\s*\}|(['′]+))")
# \dot{σ}(u), \dot σ_2(x_2): Newton's dot on a function that is applied, its derivative
_DOT = re.compile(r"\\dot\s*(?:\{\s*(\\[A-Za-z]+|[A-Za-z])\s*\}|(\\[A-Za-z]+|[A-Za-z])(?![A-Za-z]))"
                  r"(\s*_\s*(?:\{[^{}]{0,12}\}|\w))?(?=\s*(?:\(|\\left|\\[bB]ig))")
# ŷ, \\hat{y}, \\hat y: the prediction, a name of its own (y^hat), never the label y
# x̄, \bar{x}_1, \bar{x_1}, \overline{\sigma_2}, \tilde h_2: another quantity than x (an adjoint, an activation, a
# complement), a name of its own as ŷ is (x^{bar}), never x itself
_BAR = re.compile(r"\\(?P<kind>bar|overline|tilde|widetilde)\s*(?:\{\s*(?P<a>\\?[A-Za-z]+)\s*"
                  r"(?:_\s*\{?\s*(?P<s>\w{1,3})\s*\}?)?\s*\}|(?P<b>[A-Za-z])(?![A-Za-z]))"
                  r"|(?P<c>[A-Za-z]|\\[a-z]{2,8}[ ]?|[α-ω])(?P<mark>[\u0304\u0305\u0303])")


def _barred(m: re.Match[str]) -> str:
    kind = "tilde" if (m.group("kind") or "").endswith("tilde") or m.group("mark") == "\u0303" else "bar"
    base = (m.group("a") or m.group("b") or m.group("c")).strip()
    return f" {base}^{{{kind}}}" + (f"_{{{m.group('s')}}}" if m.group("s") else "")


_HAT = re.compile(r"\\(?:hat|widehat)\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z])(?![A-Za-z]))|([A-Za-z])\u0302")
_COMBINING_DOT = re.compile("([A-Za-zσ])\u0307")
# *x*, *w*₁: Markdown emphasis a word processor put on a variable, not a product
_EMPHASIS = re.compile(r"(?<![A-Za-z0-9)\]}*\\])\*([^\s*(){}\[\]]{1,12}?)\*(?![A-Za-z0-9*(])")
# \big{(}, as Nougat writes \big(: the delimiter, not a group holding it
_SIZED = re.compile(r"\\(?:left|right|[bB]igg?[lr]?)\s*\{\s*([()\[\]|.]|\\[{}|])\s*\}"
                    r"|\\math(?:open|close|ord|inner|punct|bin|rel|op)\s*\{\s*([^{}]{0,20}?)\s*\}")  # \mathopen{}
# σ 2 (x 2 ), w 1 x: a PDF copy sets a subscript as a digit after a space; read only in plain-text math
_FLAT_SUBSCRIPT = re.compile(r"(?<![\w\\])([a-zσ]) (\d)(?![\d.\w])")
# f\_w(x) \= w\_3: Markdown's escapes, as Google Docs and other exporters write plain-text math. \= \+ \_
# mean nothing in a LaTeX formula, so text holding one is escaped Markdown and every escape is its character
_MD_ESCAPED = re.compile(r"\\[=+_]")
_MD_ESCAPE = re.compile(r"\\([=+\-_*\[\]()#.!<>~])")
# = **e^(−u)/(1+e^(−u))²**: Markdown bold around an answer; ``a**2`` (a power) follows a name or bracket
_BOLD = re.compile(r"(?<![\w)\]}*])\*\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*\*(?![\w(*])")
_BOLD_CODE = re.compile(r"\*\*`([^`]+)`\*\*")  # **`exp(-u)/(1+exp(-u))**2`**: the code inside may hold powers
# Σi 2(f(xi) − yi): a plain-text sum whose index is written flat after Σ, and so in the summand (xi is x_i
# there, not ξ); read only where Σ carries the letter itself and no script
_FLAT_SUM = re.compile(r"([Σ∑])_?([ijkn])(?=[\s(\[])")
_QUOTED = re.compile(r'"([A-Za-z]{1,12})"')
# e<sup>−u</sup>, …²</li>: HTML left in text by Evernote, OneNote or a web editor's export. Only the tags of
# text markup are taken (never a bare ``<``, a comparison); a script tag is the script it marks
_HTML_SCRIPT = re.compile(r"<(sup|sub)>(.*?)</\1>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(?:sup|sub|li|ul|ol|div|span|p|br|b|i|em|strong|u|font|code|tt|var|mi|mn|mo|math)"
                       r"(?:\s[^<>]{0,200})?\s*/?>", re.IGNORECASE)
_HTML_ENTITIES = {"&lt;": "<", "&gt;": ">", "&nbsp;": " ", "&minus;": "−", "&amp;": "&", "&sigma;": "σ",
                  "&alpha;": "α", "&middot;": "·", "&times;": "×", "&prime;": "′", "&part;": "∂", "&nabla;": "∇"}
# Word's and MathML's invisible operators: function application (exp⁡(−u)), times, separator, plus, and
# a byte-order mark and a soft hyphen; a TA does not see them, so the juxtaposition they stand in keeps its usual
# reading. Zero-width spaces and joiners are not dropped: hidden inside a name they hide what is read (review)
_INVISIBLE = {"\u2061": "", "\u2062": " ", "\u2063": ",", "\u2064": "+", "\ufeff": "", "\u00ad": ""}
# a letter of a word in any script: Python's \\w leaves out the vowel signs of Devanagari, Tamil or Thai (नया, புதிய)
_MARKS = "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)) in ("Mn", "Mc"))
WORD_LETTER = "(?:[^\\W\\d_]|[" + re.escape(_MARKS) + "])"
_TEXT = re.compile(r"\\(?:text|textrm|textit|textbf|textnormal|mbox|mathtt)\s*\{\s*(" + WORD_LETTER + r"+)\s*\}")
# w^{mới}, w_{新}: a word in another script set as an index, the student's word for "new" or "old"
_SCRIPT_WORD = re.compile(r"(?<=[_^])\{\s*(" + WORD_LETTER + r"*[^\x00-\x7f]" + WORD_LETTER + r"*)\s*\}"
                          r"|(?<=[_^])(" + WORD_LETTER + r"*[^\x00-\x7f]" + WORD_LETTER + "*)(?<=" + WORD_LETTER
                          + "{2})")  # or unbraced: w_mới
_TOKEN = re.compile(r"(?P<textword>\x00" + WORD_LETTER + r"+\x01)|(?P<cmd>\\[a-zA-Z]+|\\[^a-zA-Z])"
                    r"|(?P<num>\d+(?:\.\d+)?|\.\d+)|(?P<word>[a-zA-Z]+)(?P<digits>\d+)?"
                    r"|(?P<sym>\*\*|:=|[-+*/^_(){}\[\]=,'|.:<>!&;])|(?P<space>\s+)|(?P<other>.)", re.DOTALL)
BRACKETS = {"\\{": "(", "\\}": ")", "\\lbrace": "(", "\\rbrace": ")", "\\lbrack": "[", "\\rbrack": "]",
            "\\lparen": "(", "\\rparen": ")",
            "\\varphi": "\\phi", "\\varepsilon": "\\epsilon"}  # (and one letter's two glyphs: φ typed is the
# \varphi LaTeX shows, and either is the report's φ; \varsigma is a letter of its own some give σ')
LAYOUT_ENVS = {"aligned", "align", "alignat", "split", "gathered", "gather", "equation", "eqnarray", "multline",
               "flalign", "alignedat"}
# ASCII words read as the command a TA reads them as (exp(-u), sigma(u), dL/dw1, w1_new)
WORDS = {**{g: "\\" + g for g in _GREEK}, "exp": "\\exp", "ln": "\\ln", "log": "\\log", "sqrt": "\\sqrt",
         "cosh": "\\cosh", "sinh": "\\sinh", "tanh": "\\tanh",
         "sum": "\\sum", "nabla": "\\nabla", "partial": "\\partial", "grad": "\\nabla", "cdot": "\\cdot",
         "alfa": "\\alpha", "new": "new", "old": "old", "frac": "\\frac", "dot": "\\cdot", "del": "\\partial",
         "larr": "\\leftarrow", "quad": "\\quad", "hat": "hat", "SUM": "\\sum", "Sum": "\\sum",
         "expit": "\\sigma", "logistic": "\\sigma",  # the logistic function by SciPy's and by its own name: σ
         # the next iterate in the student's language, as plain text writes it: w_neu, w_nuevo, w_next
         **{w: w for w in ("neu", "next", "nuevo", "novo", "nuovo", "nieuw", "nowy", "yeni", "nouveau", "updated",
                           "nueva", "neue", "nova", "nouvelle", "uusi", "baru", "mpya", "upd", "yangi", "novi",
                           "nove", "nov", "gdid")},
         # and the current one: w_viejo, w_alt, w_prev
         **{w: w for w in ("viejo", "vieja", "alt", "alte", "ancien", "vecchio", "velho", "antigo", "oud", "stary",
                           "eski", "vanha", "lama", "prev", "current", "curr", "zamani")}}
# w_ny (Norwegian, Danish "new"), dsig_ii (a program's version for part (ii)): a two-letter subscript, one name
_SHORT_MARKS = frozenset({"ny", "ii", "iv", "vi"})
# Typst and AsciiMath: frac(a, b), a dot b, (del f)/(del w), w larr …


def tokenize(text: str, words: Iterable[str] = ()) -> list[str]:
    """The token list of ``text``; ``words``: multi-letter names the homework knows (``sigmoid``).

    A report's lines are tokenized many times over (each reading rule asks again): the result is cached
    (a pure function of the text and the words) and each caller gets its own list to change.
    """
    return list(_tokens(text, frozenset(words)))


@functools.lru_cache(maxsize=8192)
def _tokens(text: str, words: frozenset[str]) -> tuple[str, ...]:
    known = {**WORDS, **{w: w for w in words}}
    text = _prepare(text)
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        kind, value = m.lastgroup, m.group()
        if kind == "digits":  # the word group matched with trailing digits
            out.extend(_segment(m.group("word"), known))
            out.extend(["_", "{", m.group("digits"), "}"])
            continue
        if kind == "space" or value in DROP:
            continue
        if kind == "other":
            raise ExpressionSyntaxError(f"unexpected character {value!r}")
        if kind == "textword":
            out.append(TEXT_WORD + value[1:-1])
        elif kind == "word" and out and out[-1] == "_" and (len(value) >= 3 or value in _SHORT_MARKS) \
                and value not in known:
            out.extend(["{", *value, "}"])  # w_nove, h_out: a word as a subscript is one name, not a product
        elif kind == "word":
            out.extend(["\\in"] if value == "in" else _segment(value, known))
        elif value == "**":
            out.append("^")
        else:
            out.append(BRACKETS.get(value, value))
    return tuple(_ascii_fractions(_layout(_script_groups(_braced_names(out)))))


def _braced_names(tokens: list[str]) -> list[str]:
    """``{a_2}^{(i)}``: a name with its index set in braces before a superscript is that name (at the data point),
    as ``a_2^{(i)}``; a brace group that holds more (``{(1-a)}^2``) stays a group."""
    if "{" not in tokens or "^" not in tokens:
        return tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        inner = _braced_name_at(tokens, i)
        if inner:
            out.extend(tokens[i + 1:i + 1 + inner])
            i += inner + 2
            continue
        out.append(tokens[i])
        i += 1
    return out


def _braced_name_at(tokens: list[str], i: int) -> int:
    """The length of the name inside the ``{…}`` that opens at ``i`` and is followed by ``^`` (0 when it is not one):
    a letter or Greek name, then optionally ``_`` and one token or one ``{token}``."""
    if tokens[i] != "{" or i + 1 >= len(tokens) or not _NAME_TOKEN.fullmatch(tokens[i + 1]):
        return 0
    k = i + 2
    if tokens[k:k + 1] == ["_"]:
        if tokens[k + 1:k + 2] == ["{"] and tokens[k + 3:k + 4] == ["}"]:
            k += 4
        elif k + 1 < len(tokens) and tokens[k + 1] not in ("{", "}"):
            k += 2
        else:
            return 0
    return k - i - 1 if tokens[k:k + 2] == ["}", "^"] else 0


_NAME_TOKEN = re.compile(r"[A-Za-z]|\\(?:alpha|beta|gamma|delta|sigma|theta|eta|mu|nu|phi|psi|xi|zeta|lambda|rho|tau)")


def _script_groups(tokens: list[str]) -> list[str]:
    """``w^((t+1))``: Word's linear format groups a script in brackets of its own, around a bracketed script; the
    outer pair is a group (braces), the inner one the script's own."""
    if "(" not in tokens:
        return tokens
    closes: dict[int, int] = {}  # each "(" to its ")", found in one pass (a hand-in's "w^((w^((…" stays linear)
    opened: list[int] = []
    for k, tok in enumerate(tokens):
        if tok == "(":
            opened.append(k)
        elif tok == ")" and opened:
            closes[opened.pop()] = k
    for i in range(len(tokens) - 2):
        if tokens[i] in ("^", "_") and tokens[i + 1] == "(" and tokens[i + 2] == "(" \
                and i + 2 in closes and closes.get(i + 1) == closes[i + 2] + 1:
            tokens[i + 1], tokens[closes[i + 1]] = "{", "}"
    return tokens


def _group(tokens: list[str], i: int) -> int:
    """The index just past the bracket group that opens at ``i`` (``(`` or ``{``), or -1."""
    opening = tokens[i] if i < len(tokens) else ""
    closing = {"(": ")", "{": "}"}.get(opening)
    if closing is None:
        return -1
    depth = 0
    for k in range(i, len(tokens)):
        depth += {opening: 1, closing: -1}.get(tokens[k], 0)
        if depth == 0:
            return k + 1
    return -1


def _derivative_before(out: list[str]) -> bool:
    """The ``/`` just written ends the numerator of a derivative (``∂f/``, ``d σ_2 /``)."""
    recent = out[-8:-1]
    return any(t in ("d", "\\partial") for t in recent) and not any(t in ("=", "+", "-", ",") for t in recent)


def _ascii_fractions(tokens: list[str]) -> list[str]:
    """Typst ``frac(a, b)``, AsciiMath ``frac(a)(b)`` and ``(d f)/(d w)`` as ``\\frac{a}{b}``."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        end = _group(tokens, i + 1) if tok == "\\frac" and tokens[i + 1:i + 2] == ["("] else -1
        if end > 0:
            inner = tokens[i + 2:end - 1]
            comma = _top_level(inner, ",")
            if comma >= 0:
                out += ["\\frac", "{", *inner[:comma], "}", "{", *inner[comma + 1:], "}"]
                i = end
                continue
            second = _group(tokens, end)
            if second > 0:
                out += ["\\frac", "{", *inner, "}", "{", *tokens[end + 1:second - 1], "}"]
                i = second
                continue
        if tok == "(" and tokens[i + 1:i + 2] in (["d"], ["\\partial"]):
            end = _group(tokens, i)
            second = _group(tokens, end + 1) if end > 0 and tokens[end:end + 2] in (["/", "("],) else -1
            if second > 0 and tokens[end + 2] in ("d", "\\partial"):
                out += ["\\frac", "{", *tokens[i + 1:end - 1], "}", "{", *tokens[end + 2:second - 1], "}"]
                i = second
                continue
            if end > 0 and tokens[end:end + 1] == ["/"] and tokens[end + 1:end + 2] in (["d"], ["\\partial"]):
                out += tokens[i + 1:end - 1]  # (∂σ₂)/∂x₂, as Word's linear format writes ∂σ₂/∂x₂
                i = end
                continue
            if end > 0 and out[-1:] == ["/"] and _derivative_before(out):
                out += tokens[i + 1:end - 1]  # ∂f/(∂w₁)
                i = end
                continue
        out.append(tok)
        i += 1
    return out


def _top_level(tokens: list[str], mark: str) -> int:
    depth = 0
    for k, tok in enumerate(tokens):
        depth += {"(": 1, "{": 1, "[": 1, ")": -1, "}": -1, "]": -1}.get(tok, 0)
        if depth == 0 and tok == mark:
            return k
    return -1


def _layout(tokens: list[str]) -> list[str]:
    """Drop what only lays math out: ``aligned``-like environments, ``&`` and ``\\\\[4pt]`` outside
    matrices, and braces left unmatched at either end by a cut (``}\\;\\; \\frac…``, ``… ∂f/∂w_j)``)."""
    out: list[str] = []
    matrices = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in ("\\begin", "\\end") and tokens[i + 1:i + 2] == ["{"] and "}" in tokens[i + 2:i + 16]:
            close = tokens.index("}", i + 2)
            env = "".join(tokens[i + 2:close])
            if env.rstrip("*") in LAYOUT_ENVS:
                i = close + 1
                continue
            matrices += 1 if tok == "\\begin" else -1
        if tok == "\\\\" and tokens[i + 1:i + 2] == ["["] and "]" in tokens[i + 2:i + 8]:
            out.append(tok)
            i = tokens.index("]", i + 2) + 1  # \\[4pt]: the spacing goes
            continue
        if tok in ("&", "\\\\") and matrices <= 0:
            i += 1
            continue
        out.append(tok)
        i += 1
    while out and out[0] == "}":
        out.pop(0)
    while out and out[-1] == "{":
        out.pop()
    if out and out[-1] == ")" and out.count(")") == out.count("(") + 1:
        out.pop()  # "(for each component: w_j ← …)": the aside's closing bracket, cut with the equation
    return out


# a subscript of two parts typed flat, an index and a step's word: "w_k,new", "w_1,old" (plain text's w_{k,new})
_FLAT_PAIR_SUBSCRIPT = re.compile(r"(?<![\w\\])([A-Za-z])_([A-Za-z0-9]),(new|old|next|upd|neu|nuevo)(?![\w])")


_WIDE_SPACE = re.compile(r"(?:\\ [ \t]*){2,}")  # "\ \ \ (j = 1,2,3)": pandoc writes a Word gap as spaces


@functools.lru_cache(maxsize=8192)
def scripts_as_latex(text: str) -> str:
    """Unicode super- and subscripts as LaTeX's ("a₁⁽ⁱ⁾" is a_{1}^{(i)}), as the reader reads them later: a name's
    point index written in them is then seen where a definition's sides are compared as text."""
    if not _SUP_RUN.search(text) and not _SUB_RUN.search(text):
        return text
    text = _SUP_RUN.sub(lambda m: "^{" + "".join(_SUP[c] for c in m.group()) + "}", text)
    return _SUB_RUN.sub(lambda m: "_{" + "".join(_SUB.get(c, c) for c in m.group()) + "}", text)


def from_exports(text: str) -> str:
    """Math as an editor exported it (LibreOffice or Hancom script, escaped Markdown, HTML markup, Word's
    invisible operators) or a student wrote it in another language (Typst, AsciiMath, code) as plain LaTeX/text."""
    text = _WIDE_SPACE.sub(r" \\quad ", text) if "\\ \\ " in text else text  # pandoc's Word spaces: a gap
    text = unescape_markdown(starmath_to_latex(strip_html(_visible(text))))
    text = asciimath_to_latex(typst_to_latex(code_to_latex(text)))
    text = _FLAT_PAIR_SUBSCRIPT.sub(r"\1_{\2,\3}", text) if "," in text else text  # w_k,new: w_{k,new}
    flat = "\\" not in text and "{" not in text
    summed = "Σ" in text or "∑" in text or "sum" in text or "SUM" in text
    return _SUM_RANGE.sub(lambda m: _sum_range(m, flat), text) if summed else text


# "Σ i=1,2 2(f(xi) − yi)…", "sum_{i=1,2}", "Σ_(i = 1..2)": a sum's range written flat, with an equals sign that
# is no equation's; set as the subscript and superscript it is
_SUM_RANGE = re.compile(r"([Σ∑]|\\sum|\b(?:sum|SUM|Sum)(?![A-Za-z]))\s*_?\s*[{(]?\s*([a-z])\s*=\s*(\d)"
                        r"\s*(?:,|\.\.\.?|…|to|-)\s*(\d)\s*[})]?")


def _sum_range(m: re.Match[str], flat: bool) -> str:
    if flat and (m.group(3), m.group(4)) == ("1", "2"):
        return f"Σ{m.group(2)} "  # plain text: the flat sum over the two data points (its xi is x_i, not ξ)
    return f"\\sum_{{{m.group(2)}={m.group(3)}}}^{{{m.group(4)}}} "


def _visible(text: str) -> str:
    for k, v in _INVISIBLE.items():
        if k in text:
            text = text.replace(k, v)
    return text


def strip_html(text: str) -> str:
    """``e<sup>−u</sup></li>`` -> ``e^{−u}``: the markup an HTML export left around plain-text math."""
    if "<" not in text and "&" not in text:
        return text
    text = _HTML_SCRIPT.sub(lambda m: ("^{" if m.group(1).lower() == "sup" else "_{") + m.group(2) + "}", text)
    text = _HTML_TAG.sub(" ", text)
    for k, v in _HTML_ENTITIES.items():
        if k in text:
            text = text.replace(k, v)
    return text


def unescape_markdown(text: str) -> str:
    """``f\\_w(x) \\= w\\_3`` -> ``f_w(x) = w_3``, ``**w ← …**`` -> ``w ← …``: plain-text math as an
    exporter escaped it, or a student set it in bold, in Markdown."""
    text = _BOLD.sub(lambda m: m.group(1), _BOLD_CODE.sub(r"\1", text)) if "**" in text else text
    return _MD_ESCAPE.sub(lambda m: m.group(1), text) if _MD_ESCAPED.search(text) else text


def _word_matrices(text: str) -> str:
    """Word's linear format writes a matrix ``■(a@b@c)`` (rows split by ``@``, columns by ``&``): as a bmatrix."""
    out: list[str] = []
    i = 0
    for _ in range(50):  # a matrix a line: a text of thousands of "■(" is read as it stands, not scanned for each
        if (k := text.find("■(", i)) < 0:
            break
        close = closing(text, k + 1)
        if close < 0:
            break
        rows = split_top(text[k + 2:close], "@")
        out.append(text[i:k] + "\\begin{bmatrix} " + " \\\\ ".join(rows) + " \\end{bmatrix}")
        i = close + 1
    return "".join(out) + text[i:]


def _unicode_to_latex(text: str) -> str:
    for k, v in UNICODE.items():
        if k in text:
            text = text.replace(k, v)
    return text


_CAPITAL_SIGMA = re.compile(r"\\Sigma(?=\s*[_^])")  # \Sigma_{i} 2(…): the letter typed for a sum with its range


# g_prime(v), sigmoid_prime(h2), sigPrime(u): a program's name for a function's derivative, applied: g'(v)
_PRIME_WORD = re.compile(r"(?<![\\\w])([A-Za-z][A-Za-z0-9]{0,7}?)_?(?:prime|Prime)(?=\s*\()")


# "0{,}541144", "25{,}050": LaTeX's comma between digits, a decimal comma (Europe's "0,54") unless it sets apart a
# group of three after a whole number that is not 0 (then thousands)
_BRACED_COMMA = re.compile(r"(\d+)\{,\}(\d+)")


def _braced_comma(m: re.Match[str]) -> str:
    whole, rest = m.group(1), m.group(2)
    return f"{whole}{rest}" if len(rest) == 3 and whole.lstrip("0") else f"{whole}.{rest}"


_EMPTY_SCRIPT = re.compile(r"[\^_]\s*\{\s*\}")  # (optional argument left empty: nothing raised or lowered)


# a Cyrillic letter that looks like a Latin one, typed alone in a formula on a Russian keyboard ("w₁х"): the letter
# a TA sees (inside a Cyrillic word it stays a word's letter)
_LOOKALIKE = re.compile(r"(?<![\u0400-\u04ff])[хаеосрукАВЕКМНОРСТХ](?![\u0400-\u04ff])")
_LATIN_TWIN = str.maketrans("хаеосрукАВЕКМНОРСТХ", "xaeocpykABEKMHOPCTX")


_OVER = re.compile(r"\\over(?![A-Za-z])")
MAX_OVERS = 20  # plain TeX fractions in one formula, at most (a longer formula keeps the rest as written)


def over_as_frac(text: str) -> str:
    """Plain TeX's ``{a \\over b}`` as ``\\frac{a}{b}``: the group around ``\\over`` is the fraction (the whole
    formula where no braces hold it)."""
    for _ in range(MAX_OVERS):
        m = _OVER.search(text)
        if m is None:
            break
        start, depth = m.start() - 1, 0
        while start >= 0 and (text[start] != "{" or depth):
            depth += (text[start] == "}") - (text[start] == "{")
            start -= 1
        end, depth = m.end(), 0
        while end < len(text) and (text[end] != "}" or depth):
            depth += (text[end] == "{") - (text[end] == "}")
            end += 1
        fraction = f"\\frac{{{text[start + 1:m.start()].strip()}}}{{{text[m.end():end].strip()}}}"
        text = (f"{text[:start]}{{{fraction}}}{text[end + 1:]}" if start >= 0 and end < len(text)
                else f"{text[:start + 1]}{fraction}{text[end:]}")
    return text


def _prepare(text: str) -> str:
    """Unicode to LaTeX, scripts to ``^{…}``/``_{…}``, fonts unwrapped, one-word ``\\text`` marked."""
    if "\\over" in text:
        text = over_as_frac(text)
    if _LOOKALIKE.search(text):
        text = _LOOKALIKE.sub(lambda m: m.group().translate(_LATIN_TWIN), text)
    if "ς" in text:  # a Greek keyboard's W key: "ς3" is w3 (a final sigma ends a word, never an index's letter)
        text = re.sub(r"(?<![^\W\d_])ς(?=[\d₀-₉_])", "w", text)
    text = _word_matrices(from_exports(text)) if "■" in text else from_exports(text)
    text = _COMBINING_DOT.sub(lambda m: m.group(1) + "'", text.replace("`", " "))  # `code` marks are not math
    text = _SIZED.sub(lambda m: " " + (m.group(1) or m.group(2) or "") + " ", text)
    text = _EMPTY_SCRIPT.sub("", text) if "{}" in text or "{ }" in text else text  # \partial^{} f: a macro's
    text = _CAPITAL_SIGMA.sub(r"\\sum", text) if "\\Sigma" in text else text
    text = _EMPHASIS.sub(lambda m: m.group(1), text)
    text = _BRACED_COMMA.sub(_braced_comma, text) if "{,}" in text else text
    text = _PRIME.sub(lambda m: "'" * max(1, m.group().count("\\prime") + len(m.group(2) or m.group(3) or "")), text)
    text = _PRIME_WORD.sub(r"\1'", text) if "rime" in text else text
    text = _DOT.sub(lambda m: (m.group(1) or m.group(2)) + (m.group(3) or "") + "'", text)
    text = _HAT.sub(lambda m: " " + (m.group(1) or m.group(2) or m.group(3)) + "^{hat}", text.replace("ŷ", "y\u0302"))
    if "bar" in text or "tilde" in text or "overline" in text or "\u0304" in text or "\u0303" in text:
        text = _BAR.sub(_barred, text)
    if "\\" not in text and "{" not in text:
        text = _flat_sum_index(text)
        text = _FLAT_SUBSCRIPT.sub(lambda m: m.group(1) + m.group(2), text)
    text = scripts_as_latex(text)
    text = _GREEK_DIGITS.sub(lambda m: m.group(1) + "_{" + m.group(2) + "}", text)  # σ2(x2): σ_2
    if "\\" in text and _TEXT.search(text):  # \text{νέο}: a word, its letters never read as symbols (ν, ο)
        text = _TEXT.sub(lambda m: "\x00" + m.group(1) + "\x01", text)
        pieces = re.split(r"(\x00[^\x01]*\x01)", text)
        text = "".join(p if p.startswith("\x00") else _unicode_to_latex(p) for p in pieces)
    else:
        text = _unicode_to_latex(text)
    text = text.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac").replace("\\mathrm d", "d")
    if ";" in text or "|" in text or "," in text:
        text = _WEIGHTS_FIRST.sub(r"\1(", _WEIGHTS_ARGUMENT.sub(r"\1)", text))
    text = _OLD_FONT.sub("", text)  # {\rm new}: plain TeX's font switch, the word as it is
    text = _BARE_FONT.sub(lambda m: " " + m.group(1) + " ", text)  # \mathbf w, \boldsymbol\theta
    for _ in range(3):  # nested fonts (\mathbf{\mathrm{w}}) unwrap from the inside
        text = _FONT.sub(lambda m: " " + m.group(1) + " ", text)
    text = _QUOTED.sub(lambda m: "\x00" + m.group(1) + "\x01", text)  # Typst's w^"new"
    text = _SCRIPT_WORD.sub(lambda m: "{\x00" + (m.group(1) or m.group(2)) + "\x01}", text)
    return _TEXT.sub(lambda m: "\x00" + m.group(1) + "\x01", text)


# "h(x^i;\theta)", "y(x_n | w)": a model written with its weights after a semicolon or a bar, as statistics writes
# it, is the model at the data point
# f(w, x), ∇f(w, x), f(θ; x): a program's call with the weights first, as Julia and Flux write it: f_w(x)
_WEIGHTS_FIRST = re.compile(r"((?<![\w\\])(?:grad_?)?f|\\nabla\s*f|\\nabla_w\s*f)\(\s*(?:\\theta|w|W)\s*[,;]\s*"
                            r"(?=[^(),;|]*?x)")
_WEIGHTS_ARGUMENT = re.compile(r"(\(\s*[^(),;|]*?x[^(),;|]*?)\s*(?:[;|]\s*(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{?\s*)?"
                               r"(?:\\theta|\\beta|w)|,\s*(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{?\s*)?(?:\\theta|w))"
                               r"\s*\}?\s*\)")


def _flat_sum_index(text: str) -> str:
    """``Σi 2(f(xi) − yi)`` -> ``Σ_{i} 2(f(x_{i}) − y_{i})``: one flat index, set as the subscript it is."""
    found = {m.group(2) for m in _FLAT_SUM.finditer(text)}
    if len(found) != 1:
        return text
    index = found.pop()
    text = _FLAT_SUM.sub(lambda m: m.group(1) + "_{" + index + "}", text)
    return re.sub(r"(?<![\w\\])([A-Za-z])(?:" + index + r"(?![\w'])|[ \t]" + index + r"(?=[ \t]*[),]))",
                  lambda m: m.group(1) + "_{" + index + "}", text)  # and "y i )", a PDF's flattened y^i


def _segment(run: str, known: dict[str, str]) -> list[str]:
    """A run of letters: known words (longest first) and otherwise single letters (``wx`` is w·x)."""
    out, i = [], 0
    while i < len(run):
        for end in range(len(run), i + 1, -1):
            if run[i:end] in known:
                out.append(known[run[i:end]])
                i = end
                break
        else:
            out.append(run[i])
            i += 1
    return out
