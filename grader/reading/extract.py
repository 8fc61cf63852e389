"""Find each rubric item's answer in a written report, as the rubric's ``text`` spec says.

The result has the same shape as ``answers.toml`` (item id -> answer), so every check
grades a report and a structured answer file alike. Expression answers become
:class:`LatexChain` values (the equation's sides as LaTeX text); values become tables
of field -> text; prose stays text.
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any, TypeVar

from grader.expressions.prose_tail import (
    BUT_IN_WORDS,
    CONFIRMED,
    PROSE_SCRIPT,
    REASON_IN_WORDS,
    RESTRICTED,
    RESTRICTED_BEFORE,
    change_sentences,
    changes_formula,
    operation_named,
)
from grader.reading.answer_words import ANSWER_WORDS
from grader.reading.document import Document, Span, elsewhere_only
from grader.reading.labels import ROMAN
from grader.reading.layout import OLD_VERSION, OLD_VERSION_SAID
from grader.reading.math_rows import graph_steps
from grader.reading.plain_math import (
    _FORMULA_MARK,
    ALSO_ALLOWED,
    ALTERNATIVE,
    ANSWER_LEAD,
    OR_WORDS,
    UNDECIDED,
    _mathlike,
    doubting_comment,
    math_run,
)
from grader.reading.revisions import COMMENT_DOUBT
from grader.reading.value_corrections import TAKE_BACK

_SPACING = re.compile(r"^(?:\s|\\quad|\\qquad|\\,|\\;|\\:|\\!|\\ )+")


DEFINITION = "definition"  # the tag of a left side the hand-in uses to define a name ("definition:<tag>": the
# definition of a name the homework also asks for, "dsig(u) = …" in the part that asks for σ')


@dataclass(frozen=True)
class TextSpec:
    """Where an item's answer is in a report.

    ``part``: the label path ("1.b.i", "2.c"). Expressions: ``lhs``, the tag the homework
    gives the equation's left side (its ``classify_lhs``), else the ``index``-th equation.
    Values: ``order`` (fields in the order their values appear) or ``labels`` (field ->
    regular expressions that introduce its value).
    """

    part: str
    lhs: str | None = None
    index: int = 0
    order: list[str] = field(default_factory=list)
    labels: dict[str, list[str]] = field(default_factory=dict)
    # field -> patterns read only when the field's own labels find nothing in the part (a formula's letter, "S = 1",
    # names the stride where no word does; beside the word, "S = 2" is more often a working's alternative)
    fallback: dict[str, list[str]] = field(default_factory=dict)
    key: list[str] = field(default_factory=list)  # an answer key's words for the item ("w2" in "1e_w2 → …")
    # how many answers the part's label holds (the rubric's items with this part), and its parent's (a part's
    # sub-parts together, 1.b.i and 1.b.ii under 1.b): answers written alone, in order, are read by position only
    # when there are exactly as many (more is a hedge); 0: not counted (a spec made by hand), no such check
    answers: int = 0
    answers_in_parent: int = 0
    # what names another subject than the item's (conv1, in the part about conv2): a field's label owned by it
    # ("conv1's filter", "conv1의 필터", "the stride of conv1") names that subject's value, not the item's
    elsewhere: list[str] = field(default_factory=list)
    # what names the item's own subject (conv2, in the part about conv2): in a text that answers two parts at once, a
    # sentence that names it stays the item's even when it names the other's too ("Unlike conv1, conv2 uses …")
    own: list[str] = field(default_factory=list)
    # fields whose value is where a change starts: "channels 20 → 50" says a layer takes 20 channels and makes 50,
    # so 20 answers a field that asks what goes in (a correction is said in words: "50, not 20")
    change_from: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        """A label that is no regular expression is the rubric's error, said when it loads, not when one is read."""
        from grader.params import ParamError

        unknown = [f for f in self.change_from if f not in self.labels and f not in self.order]
        if unknown:
            raise ParamError(f"text.change_from: {', '.join(unknown)} is no field of the item")

        for kind, table in (("labels", self.labels), ("fallback", self.fallback), ("elsewhere", {"": self.elsewhere}),
                            ("own", {"": self.own})):
            for name, patterns in table.items():
                for pattern in patterns:
                    where = f"text.{kind}.{name}" if name else f"text.{kind}"
                    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", pattern):  # TOML's "\b" is a backspace, not \b
                        raise ParamError(f"{where}: {pattern!r} holds a control character: in a TOML string with "
                                         "double quotes write \\b for a word's edge, or use single quotes")
                    try:
                        re.compile(pattern)
                    except re.error as exc:
                        raise ParamError(f"{where}: {pattern!r} is no regular expression ({exc})") from None


@dataclass(frozen=True)
class LatexChain:
    """An equation as written: ``sides[0] = sides[1] = …``; ``named`` when sides[0] names the answer."""

    sides: list[str]
    named: bool
    part: str
    notation: Any = field(default=None, compare=False, repr=False)  # the hand-in's own notation
    # vectors the hand-in writes out for names its answer may be built on (∇f = (…)ᵀ), by the homework's tag
    stated: tuple[tuple[str, Any], ...] = field(default=(), compare=False, repr=False)
    flattened: bool = field(default=False, compare=False, repr=False)  # a text layer that lost every superscript

    def __str__(self) -> str:
        return " = ".join(s.removesuffix("\\gets").strip() for s in self.sides)


_TOP = re.compile(r"(?P<gap>(?:(?<!\\)[,;])?\s*\\q?quad\b"
                  r"(?:\s*(?:\\(?:text|textrm|textit|textbf|mathrm|mbox|operatorname)\s*"
                  r"\{[^{}]{0,30}\}|[A-Za-z][A-Za-z.]{0,11})\s*\\q?quad\b)?)"
                  r"|\\[{}()\[\]]|\\[a-zA-Z]+|[{}()\[\]]")
# a chunk that is an equation of its own: a short left side (no words), then = or an assignment
_OWN_EQUATION = re.compile(r"\s*(?:\\[,;:!]\s*)*[^=()\s](?:[^=()]|\([^=()]{0,30}\)){0,59}?(?<![<>!:])"
                           r"(?:=|\\leftarrow|\\gets|←|:=)")  # "∇L(w) = …": a bracket of its own in a left side
_CONTINUE = ("\\cdot", "\\times", "+", "-", "−", "\\pm", "\\cdots", "\\ldots", "\\dots", "÷", "\\div", "·", "×")
_ALONE = ("inline", "cell")  # math that never continues the equation before it with an operator
_CHAIN_START = ("=", "\\leftarrow", ":=")
_DEFINES = (":=", "\\coloneqq", "\\equiv", "\\triangleq", "\\overset{def}", "\\stackrel{def}")
_NAME = re.compile(r"(?:\\(?:mathcal|mathrm|operatorname|text)\{\w+\}|\\[a-zA-Z]+|[a-zA-Z][₀-₉ᵢⱼₖₙ]*)(?:_\{?[\w,]+\}?)?"
                   r"(?:'|\^\{?[\w()]+\}?)*(?:\([^()]{0,40}\))?")
_GROUP = r"\{(?:\\partial|∂|d)(?:[^{}]|\{[^{}]*\})*\}"
_DERIVATIVE = re.compile(rf"\\[dt]?frac{_GROUP}{_GROUP}"
                         r"|\(?\s*(?:\\partial|∂|\bdel\b|\bdiff\b|\bd)\s*(?:\\math[a-z]+\s*\{?\s*\w+\s*\}?|[\w\\{}]+)"
                         r"\s*\)?\s*/{1,2}\s*"
                         r"\(?\s*(?:\\partial|∂|\bdel\b|\bdiff\b|d)\s*[\w{}]+(?:\s*_\s*\{?\w+\}?)?\s*\)?"
                         r"|(?:\\nabla|∇|grad)(?:_\{?\w+\}?)?\s*(?:\\mathcal\{L\}|L|f_w|f)?(?:\([^()]*\))?")
_LAYOUT = re.compile(r"\\(?:cdot|times|left|right|[bB]igg?[lrm]?|quad|qquad|top"
                     r"|begin\{[pb]?matrix\}|end\{[pb]?matrix\})"
                     r"|\\[,;! ]|\\\\|\^\{?\s*(?:\\[!,]\s*)?(?:T|\\top|\\intercal|\\math(?:sf|rm)\{T\})\}?"
                     r"|ᵀ|[\s(){}\[\]*,&·`]")


@dataclass
class Equation:
    """One equation as written (its sides), where it was seen (inline, display, env, plain) and how."""

    sides: list[str]
    kind: str = "display"
    defines: bool = False  # written with := (or ≡): a definition, not an answer
    again: bool = False  # "…, \\quad\\text{i.e.}\\quad …": the equation before, said again in other terms
    marked: bool = False  # "Answer: …", "──→ [ans] …": the hand-in says this one is its answer


def equations(pieces: list[str], kinds: list[str] | None = None) -> list[list[str]]:
    """Math pieces joined into equations (see :func:`read_equations`), as lists of sides."""
    return [e.sides for e in read_equations(pieces, kinds)]


def read_equations(pieces: list[str], kinds: list[str] | None = None,
                   led: frozenset[int] = frozenset()) -> list[Equation]:
    """Math pieces joined into equations, as a TA reads a derivation that runs over several lines.

    A display or line that starts with ``=`` (``\\leftarrow``, ``:=``) adds sides to the equation
    before it; one that starts with ``\\cdot``, ``\\times``, ``+`` or ``-``, or follows a line that
    ends with an operator, continues its last side. Inline math only continues with ``=``. ``led``: the
    pieces that words lead to ("…, so the derivative is" then "-1 * (…)"): a new equation, whatever sign
    opens them.
    """
    from grader.expressions.latex import SHORT_RANGE, split_chain
    from grader.expressions.tokens import from_exports

    out: list[Equation] = []
    pieces = [from_exports(p) for p in pieces]  # "\\= w\\_3 …": an exporter's Markdown escapes
    pieces = [_CONTROL_SPACE.sub(" ", p) if "\\ " in p else p for p in pieces]  # "…\big)\ = …": a space
    kinds = [k for p, k in zip(pieces, kinds or ["display"] * len(pieces), strict=True) for _ in graph_steps(p)]
    origin = [i for i, p in enumerate(pieces) for _ in graph_steps(p)]
    pieces = [step for p in pieces for step in graph_steps(p)]
    pieces = [_inline_or(_arrows_as_sides(_equal_aside(p))) for p in pieces]
    split = [(part, joined, kinds[i], origin[i] in led and n == 0) for i, piece in enumerate(pieces)
             for n, (one, joined) in enumerate(several(piece)) for part in split_equations(one)]
    for piece, joined, kind, new in split:
        margin = _MARGIN_ARROW.search(_SPACING.sub("", piece))
        body = _PROOF_END.sub("", _MARGIN_ARROW.sub("", _SPACING.sub("", piece)))
        if margin is not None and _MARGIN_DOUBT.search(margin.group()) and body.strip():
            body = f"{body.strip()}{HEDGE}{_FIXED_BESIDE}"  # "… · x   ← no wait, w2 is missing:": it is not the answer
        body = _ANNOTATED_FACTOR.sub(_annotation, body) if "brace" in body else body
        body = _augmented(_without_unopened_close(_TRAILING_SPACING.sub("", body.strip())).rstrip(",.;").strip())
        if not body:
            continue
        prev = out[-1] if out else None
        if prev is not None and joined == "side" and len(prev.sides) > 1:
            prev.sides.append(split_chain(body.lstrip("= "))[-1])  # "A \quad\text{i.e.}\quad B"
            continue
        offered = ALTERNATIVE.match(body) if kind == "plain" else None
        if prev is not None and (joined == "or" or (offered and prev.sides)):
            # "A \quad\text{or}\quad B", "… = A" then "ou bien  B": two answers offered for one
            prev.sides[-1] = f"{prev.sides[-1]}{HEDGE}{split_chain(body[offered.end():] if offered else body)[-1]}"
            continue
        again = joined == "again"
        if prev is not None and len(prev.sides) > 1 and _RANGE.fullmatch(body):
            if (limit := SHORT_RANGE.fullmatch(body)) is not None:  # "… , \qquad j = 1, 2": the range stays with
                prev.sides[-1] = f"{prev.sides[-1]} \\qquad {limit.group(1)}"  # the answer, which it limits
            continue  # "… for j = 1, 2, 3": the range of the index of the equation before, not an equation
        if prev is not None and len(prev.sides) > 1 and _IMPLIES_END.search(prev.sides[-1]) and "=" not in body:
            prev.sides[-1] = _IMPLIES_END.sub("", prev.sides[-1]).strip()  # "… = (−1)(…)(−e^{−u}) ⇒" then
            prev.sides.append(body)  # "ANS: $\dfrac{e^{-u}}{(1+e^{-u})^2}$": the result it leads to, its last side
            continue
        said = ANSWER_LEAD.match(body)
        body = body[said.end():] if said else body
        if (lead := _IMPLIES_LEAD.match(body)) is not None and lead.end() < len(body):
            # "=> df/dw2 = w3 h2(1-h2) h1": a new equation the working leads to; "=> w3 s2(…)…": the next side
            body = body[lead.end():] if _has_own_sign(body[lead.end():]) else f"= {body[lead.end():]}"
        if said and prev is not None and not _QUANTITY_ALONE.match(prev.sides[0]) and not _has_own_sign(body) \
                and (named := next((e for e in reversed(out[-4:]) if _QUANTITY_ALONE.match(e.sides[0])), None)):
            named.sides.append(body)  # "∂f/∂w2 = …", a side remark "σ' = σ(1+σ)", then "final = …": the
            continue  # answer it says is final is the quantity's, not the remark's
        if prev is not None and _QUANTITY_ALONE.match(prev.sides[0]) \
                and (said or len(prev.sides) == 1 and kind == "plain" and prev.kind == "plain"):
            if not _has_own_sign(body):
                prev.sides.append(body)  # "Answer: …" under a quantity's own equation: its last side; "(e) ∂f/∂w2"
                continue  # alone, then its value on the next line
            if len(prev.sides) == 1 and _VALUE_SIDE.match(body):
                prev.sides.extend(s for s in split_chain(body) if s)  # "(d) ∂f/∂w3" then "σ2(x2) = σ2(w2σ1(w1x))":
                continue  # the value, then the same written out
        if prev is not None and body.startswith(_CHAIN_START):
            prev.sides.extend(s for s in split_chain(body)[1:] if s)
            prev.kind = _stronger(prev.kind, kind)
        elif prev is not None and len(prev.sides) > 1 and not new and kind == "plain" and prev.kind == "plain" \
                and re.match(r"/(?![/*])", body) and prev.sides[-1].strip():
            sides = split_chain(body)  # "e^(-u)" over "/ (1 + e^(-u))^2": the line above is the numerator
            prev.sides[-1] = f"({prev.sides[-1].strip()}) {sides[0]}"
            prev.sides.extend(s for s in sides[1:] if s)
        elif (prev is not None and len(prev.sides) > 1 and not new and (
                (kind not in _ALONE and prev.kind not in _ALONE
                 and (body.startswith(_CONTINUE) or body.startswith("* ") or _ends_open(prev.sides[-1])))
                or not prev.sides[-1].strip())):  # "$\\partial f/\\partial w_1 =$ $w_3 x$": the side it left open
            sides = split_chain(body)
            prev.sides[-1] = f"{prev.sides[-1]} {sides[0]}".strip()
            prev.sides.extend(s for s in sides[1:] if s)
        else:
            if "quad" in body and "=" in body:
                body = _ASIDE_BEFORE_SIDE.sub(" ", body)  # "A \quad(\text{multiply top and bottom by } e^{2u})
                # \;=\; B": how the next side was found; B is the chain's next side
            sides = _lead_in(split_chain(body))
            if len(sides) > 1 and (tail := _GAP_TAIL.search(body)) is not None and _CONDITION.search(tail.group(1)) \
                    and not _CONDITION_ON_STEP.search(tail.group(1)):
                sides[-1] = f"{sides[-1]}{HEDGE}{_TAKEN_BACK_SHOWN}"  # "… \quad (u \geq 0; 0 for u < 0)", "(j = 1, 2;
                # w_3 is not trained)": words after the gap that limit or change the answer: a person reads them
            elif len(sides) > 1 and (after := after_comma(body)) is not None:
                said_how, other = after  # "dw2 = A, B": a second formula offered; "A, i.e. B": B is A again
                if said_how == "again":
                    sides.append(other)
                else:
                    sides[-1] = f"{sides[-1]}{HEDGE}{other}"
            out.append(Equation(sides, kind, any(d in body for d in _DEFINES), again, marked=bool(said)))
    return out


# an equation that opens with a value, not a name it defines (σ2(x2) = …, w3·σ'(x2)·σ1(x1) = …; not x2 = …, f(x) = …)
_VALUE_SIDE = re.compile(r"\s*(?![fFLyŷ]\b|f_|\\mathcal|\\hat)[^=]*?[(·*]")
# a quantity's name alone (a derivative, a gradient): "∂f/∂w2", "\frac{\partial f}{\partial w_2}", "dL/dw", "∇_w L"
_QUANTITY_ALONE = re.compile(r"\s*(?:∂|\\partial|\\frac\s*\{\s*(?:\\partial|d)\b|∇|\\nabla|d[A-Za-zσ]\w{0,3}\s*/\s*d\w"
                             r"|grad\b)[^=+\-−]{0,40}$")
# "… = θ₃ b(1−b) x. \qquad\blacksquare": the end of a proof after the answer's full stop
# "… · x \quad\leftarrow\text{ fixed}", "…(1 - sigma1(u))   <-- corrected": an arrow in the margin that points at
# the line (to a remark or to nothing), no assignment
_MARGIN_ARROW = re.compile(r"(?:\s|\\q?quad\b)+(?:\\leftarrow|\\gets|\\Leftarrow|←|⟵|⇐|<-{1,3}|<=+)\s*"
                           r"(?:\\text(?:bf|it)?\s*\{[^{}=]{0,60}\}|[^\W\d_][^\W\d_ ]*(?:\s+[^\W\d_]+){0,4})?[\s.!]*$")
_PROOF_END = re.compile(r"(?:\s|\\q?quad\b|\\(?:blacksquare|qed|square|Box|qedsymbol)\b|∎|□)+$")
# w1 -= alpha*dL/dw1: a program's augmented assignment, the update w1 ← w1 − (alpha*dL/dw1)
_AUGMENTED = re.compile(r"((?:[^=:]{1,30}:\s+)?)([A-Za-z]\w*(?:_\{?\w+\}?)?)\s*([-+])=(?!=)\s*(\S.*)", re.DOTALL)


def _augmented(body: str) -> str:
    """``w -= lr * g`` as the assignment it is: ``w ← w − (lr * g)`` (the whole right side in brackets)."""
    m = _AUGMENTED.fullmatch(body)
    return body if m is None else f"{m.group(1)}{m.group(2)} ← {m.group(2)} {m.group(3)} ({m.group(4)})"


_LEAD_IN = re.compile(r"\s*(?:\\text\s*\{[^{}]{1,30}\}|[^=:{}()]{1,30}?)\s*:\s+(?=\S)")


def _lead_in(sides: list[str]) -> list[str]:
    """A left side after words and a colon (``In terms of exp: dσ/du = …``, ``σ1: dσ1/du = …``) starts after it."""
    if len(sides) > 1:
        m = _LEAD_IN.match(sides[0])
        if m and ":" not in sides[0][m.end():]:
            sides[0] = sides[0][m.end():]
    return sides


def several(piece: str) -> list[tuple[str, str]]:
    """One display holding several equations set apart by ``\\quad`` (``w_1 ← …,\\quad w_2 ← …``,
    ``… \\qquad\\text{soit}\\qquad w ← …``): each is its own equation, flagged "again" when words join it to
    the one before (said again), "or" when the word is "or" (``A \\quad\\text{or}\\quad B``: another answer
    offered). A remark without an equation after the gap ("\\quad (j = 1, 2, 3)" is one) stays with the
    equation before it."""
    cuts, depth = [], 0
    for m in _TOP.finditer(piece):
        tok = m.group()
        if tok in ("{", "(", "["):
            depth += 1
        elif tok in ("}", ")", "]"):
            depth = max(0, depth - 1)
        elif depth == 0 and m.group("gap"):
            word = re.search(r"\{([^{}]*)\}|\\q?quad\s*([A-Za-z][A-Za-z.]*)\s*\\q?quad", tok)
            said = (word.group(1) if word.group(1) is not None else word.group(2)).strip() if word is not None else ""
            offered = _OR_WORD.fullmatch(said) or _HEDGE_WORD.search(said) or _OPTION.fullmatch(said)
            cuts.append((m.start(), m.end(), "" if word is None else "or" if offered
                         else "again" if _SAID_AGAIN.fullmatch(said)
                         else "and" if _AND_WORD.fullmatch(said) else "worded"))
    if not cuts:
        return [(piece, "")]
    out: list[tuple[str, str]] = []
    start, out_end, worded = 0, 0, ""
    for a, b, words in [*cuts, (len(piece), len(piece), "")]:
        chunk = piece[start:a]
        if out and worded == "or":
            out.append((chunk, "or"))  # "A \quad\text{or}\quad B": B with or without its own left side
        elif out and worded == "again" and chunk.strip() and not _has_own_sign(chunk) and not _RANGE.fullmatch(chunk):
            out.append((chunk, "side"))  # "A \quad\text{i.e.}\quad B": B is one more side of the same equation
        elif out and worded == "worded" and not _has_own_sign(chunk) and not _RANGE.fullmatch(chunk) \
                and _FORMULA_TAIL.search(chunk):
            out.append((chunk, "or"))  # "A \quad\text{namely}\quad B": words not read here, then another formula:
            # which one is the answer, a person decides
        elif out and (not _OWN_EQUATION.match(chunk) or _RANGE.fullmatch(chunk)):
            out[-1] = (out[-1][0] + piece[out_end:a], out[-1][1])
        else:
            out.append((chunk, "again" if out and worded and worded != "and" else ""))  # "A \qquad and \qquad B":
        out_end, start, worded = a, b, words  # two equations listed, each its own answer
    return out


def _has_own_sign(text: str) -> bool:
    """An equals sign outside brackets, or an assignment: the text is an equation of its own."""
    return _top_equals(text) or re.search(r"\\leftarrow|\\gets|←|:=|\\coloneqq", text) is not None


def _top_equals(text: str) -> bool:
    """Whether ``text`` has an equals sign outside brackets and braces (not the one in ``\\sum_{i=1}``)."""
    depth = 0
    for c in text:
        depth += (c in "{([") - (c in "})]")
        if c == "=" and depth == 0:
            return True
    return False


_OR_WORD = re.compile(rf"(?:{OR_WORDS})[?!.]*", re.IGNORECASE)  # "A \\quad\\text{or}\\quad B"
# an option's own mark between two formulas: "(A) … \qquad \text{(B)}\quad …", "Option 2", "Variante B"
_OPTION = re.compile(r"\(?\s*(?-i:[A-D])\s*\)[.:]?|(?:option|variant|variante|version|choice)\s*[A-D1-4][.:)]?",
                     re.IGNORECASE)
_AND_WORD = re.compile(r"(?:and|und|et|y|e|og|och|en|oraz|и|和|及|と|그리고)[,;]?", re.IGNORECASE)  # a list
# words that offer another answer, anywhere in the words between two formulas: "or maybe", "vs.", "alternatively"
_HEDGE_WORD = re.compile(r"(?<!\w)(?:or|óf|vs\.?|versus|maybe|perhaps|alternatively|otherwise|either|oder|ou|alors"
                         r"|bzw\.?|resp\.?|respectively|sinon|eller|lub|albo|atau|nebo|mungkin|kanskje|možná|alternativ|rather"
                         r"|vielleicht|peut-être|quizás|tal\s+vez|forse|talvez|или|может|或|또는|または)(?!\w)",
                         re.IGNORECASE)
# words that say the same thing again: "A \\quad\\text{i.e.}\\quad B" (B is A in other terms, one more side)
_SAID_AGAIN = re.compile(r"(?:i\.\s?e\.?|ie|so|hence|thus|therefore|that\s+is|which\s+is|equivalently|namely|viz\.?"
                         r"|(?:which\s+)?simplifies\s+to|d\.\s?h\.|das\s+heißt|dvs\.?|tj\.?|yani|azaz|also|soit|donc"
                         r"|c'est-à-dire|cioè|es\s+decir|ou\s+seja|tức\s+là|即|つまり|즉"
                         r"|т\.\s?е\.|то\s+есть|then|gives|yields|=)[,:]?", re.IGNORECASE)


_IMPLIES = r"\\(?:Rightarrow|implies|Longrightarrow|therefore)\b|⇒|⟹"  # "σ = … ⇒ dσ/du = …": two equations
_IMPLIES_LEAD = re.compile(rf"\s*(?:==?>|-->?|->|→|∴|{_IMPLIES})\s*")
_IMPLIES_END = re.compile(rf"\s*(?:{_IMPLIES})\s*$")
_SEPARATOR = re.compile(rf"\\\\|(?:[,;]\s*)?\\q?quad\b|(?<!\\)[,;]|(?<![:\\]):(?![=:])|{_IMPLIES}")  # (not "\;", "\,";
# a colon that leads another equation: "x2 = w2 σ1: ∂f/∂w2 = …")
# "\underbrace{\frac{\partial h_2}{\partial x_2}}_{\sigma_2'(x_2)}": a chain-rule factor with its value written
# under it, as a TA reads it: the value (the last side of the note: "_{h_1=\sigma_1(x_1)}" is σ₁(x₁))
_ANNOTATED_FACTOR = re.compile(r"\\(?:under|over)brace\s*\{\s*(\\[dt]?frac\s*\{\s*(?:\\partial|d)[^{}]{0,40}\}\s*"
                               r"\{\s*(?:\\partial|d)[^{}]{0,40}\})\s*\}\s*[_^]\s*\{((?:[^{}]|\{[^{}]{0,60}\}){1,120})\}")


def _annotation(m: re.Match[str]) -> str:
    value = m.group(2).rsplit("=", 1)[-1].strip()
    return f"{{{value}}}" if value and "\\text" not in value and not re.search(r"\\partial|\bd\w", value) \
        else m.group(1)


_CONTROL_SPACE = re.compile(r"(?<!\\)\\ ")


def _without_unopened_close(body: str) -> str:
    """A side cut out of a frame at a label inside it (``\\boxed{\\ \\text{(i)}\\ \\ A\\ }``: "A\\ }"): the frame's
    closing braces, which nothing in it opens, dropped."""
    while body.endswith("}") and body.count("}") > body.count("{"):
        body = _TRAILING_SPACING.sub("", body[:-1])
    return body


_TRAILING_SPACING = re.compile(r"(?:\s|\\[,;:! ]|\\q?quad\b)+$")  # "… ^{2}\;" inside a \boxed{\; … \;}
_COMMAND = re.compile(r"\\(?:[a-zA-Z]+|.?)", re.DOTALL)
_TRAILING = re.compile(rf"(?:\s|\\\\|\\q?quad\b|[,;]|\\[,;:! ]|{_IMPLIES})*$")
_RANGE = re.compile(r"\s*(?:\\q?quad\s*)*\(?\s*[a-zA-Z]\s*(?:=|\\in)\s*"
                    r"\\?\{?[\d\s,.]*(?:\\[lc]?dots)?[\d\s,.]*\\?\}?\s*\)?[\s,.;]*")
_STARTS = re.compile(rf"(?:\s|&|\\q?quad\b|\\[,;:! ]|\\text\s*\{{\s*(?:and|und|et|y|e|and also)\s*\}})*"
                     rf"(?:{_DERIVATIVE.pattern}|{_NAME.pattern}|[a-zA-Z]\d{{1,2}})\s*&?\s*(?:=|:=|\\leftarrow|\\gets|\\coloneqq|←|<-|[-+]=)")


def split_equations(piece: str) -> list[str]:
    """One math piece cut where another equation begins: ``w_1 ← …, \\quad w_2 ← …`` or aligned rows.

    A cut is made only at the top level (outside brackets and braces), at ``\\\\``, ``\\quad`` or a
    comma, and only where a name and ``=`` (``\\leftarrow``, ``:=``) follow: ``j = 1, 2, 3`` or a row
    that continues with ``= …`` stays whole.
    """
    cuts, depth, i = [0], 0, 0
    while i < len(piece):
        c = piece[i]
        if c == "\\" and i + 1 < len(piece) and piece[i + 1] in "{}()[]":
            i += 2  # \{ and \} are set braces, counted by the brace they contain below only once
            depth += 1 if piece[i - 1] in "{([" else -1
            depth = max(depth, 0)
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth = max(0, depth - 1)
        elif depth == 0 and i > cuts[-1]:
            m = _SEPARATOR.match(piece, i)
            if m and ((start := _STARTS.match(piece, m.end())) is not None
                      and start.group().count("{") == start.group().count("}")  # (not "\sum_{i=1}")
                      or re.fullmatch(_IMPLIES, m.group().strip())):
                cuts.append(m.end())
                i = m.end()
                continue
        if c == "\\":  # a command (\, \quad \sigma) is passed whole: its comma is no separator
            command = _COMMAND.match(piece, i)
            assert command is not None  # a backslash, then anything or nothing: it always matches
            i += len(command.group())
            continue
        i += 1
    cuts.append(len(piece))
    out: list[str] = []
    for a, b in pairwise(cuts):
        if out and _RANGE.fullmatch(piece[a:b]):
            out[-1] += piece[a:b]  # "…, \\quad j = 1, 2, 3": the range of the index, part of the equation
        elif piece[a:b].strip():
            out.append(piece[a:b])
    return [_TRAILING.sub("", p) for p in out[:-1]] + out[-1:]


_SAID_AGAIN_LEAD = re.compile(rf"(?:{_SAID_AGAIN.pattern})\s+", re.IGNORECASE)  # "…, i.e. σ(w_2 σ(w_1 x))"
_OR_LEAD = re.compile(rf"(?:{OR_WORDS})[:,]?\s+", re.IGNORECASE)
_FORMULA_TAIL = re.compile(r"[A-Za-zσ]\w{0,6}['′]*\(|[/^*·]|\\(?:frac|sigma|cdot|exp)\b|[A-Za-z]\w*\s*\(")
_RELATION = re.compile(r"[<>≤≥∈→←=]|\\(?:in|le|ge|leq|geq|to|neq|approx)\b")


# a word of prose in a formula's tail ("component-wise", "where"): a remark, not a formula
_WORDY = re.compile(r"(?<![\\A-Za-z])(?!(?:sigma|sigmoid|exp|sum|alpha|grad|nabla|partial|frac|cdot|times|left|right"
                    r"|bigl?|bigr?|Big|tanh|relu)(?![A-Za-z]))[A-Za-z]{4,}")


def after_comma(body: str) -> tuple[str, str] | None:
    """What follows an equation's last side after a comma, when it is a formula of its own (no equals sign, no
    words, no relation, no range), which a reading that stops at the comma would never see: ``("again", B)`` for
    ``A, i.e. B`` (B is A said again, one more side), ``("or", B)`` for ``A, B`` or ``A, or maybe B`` (a second
    answer offered). ``…, \\quad j = 1, 2, 3``, ``…, u ∈ ℝ``, ``…, where …`` are remarks: None."""
    tail = _tail_after_comma(body)
    if tail is None:
        return None
    if tail.startswith(HEDGE.strip()):  # "A, or B" with its "or" already marked
        tail = _OR_LEAD.sub("", tail[len(HEDGE.strip()):].strip(), count=1)
        return ("or", tail) if _formula_alone(tail) else None
    for how, lead in (("again", _SAID_AGAIN_LEAD), ("or", _OR_LEAD)):
        m = lead.match(tail)
        if m is not None:
            rest = tail[m.end():]
            return (how, rest) if _formula_alone(rest) else None
    return ("or", tail) if _formula_alone(tail) else None


def _tail_after_comma(body: str) -> str | None:
    """What follows the first comma outside brackets after an equation's last equals sign (None: no such comma)."""
    depth, last_eq, comma, width = 0, -1, -1, 1
    for i, c in enumerate(body):
        depth += (c in "{([") - (c in "})]")
        if depth == 0 and c == "=":
            last_eq, comma = i, -1
        elif depth == 0 and c == "," and last_eq >= 0 and comma < 0 and body[i - 1:i] != "\\" \
                and not (body[i - 1:i].isdigit() and body[i + 1:].lstrip()[:1].isdigit()):
            comma, width = i, 1  # (not "i = 1,2": a list of numbers)
        elif depth == 0 and c == "\\" and last_eq >= 0 and comma < 0 and (space := _WIDE_SPACE.match(body, i)):
            comma, width = i, len(space.group())  # "A \qquad B": a wide space parts two formulas as a comma does
    return body[comma + width:].strip().rstrip(".,;") if comma >= 0 else None


_WIDE_SPACE = re.compile(r"(?:\\q?quad\b|\\hspace\*?\{[^{}]*\})(?:\s*(?:\\q?quad\b|\\hspace\*?\{[^{}]*\}))*")


def _formula_alone(tail: str) -> bool:
    from grader.reading.plain_math import _mathlike

    return bool(tail) and not (_RELATION.search(tail) or _WORDY.search(tail) or "\\text" in tail or "\\q" in tail
                               or _RANGE.fullmatch(tail)) \
        and _FORMULA_TAIL.search(tail) is not None and all(_mathlike(w) for w in tail.split())


_ARROW = re.compile(rf"\s*(?:{_IMPLIES}|\\(?:long)?rightarrow\b|→|⟶|\\to\b)\s*")
_OR_IN_TEXT = (r"\\(?:text|textrm|textit|textbf|mathrm|mbox)\s*\{\s*\(?\s*(?:or|oder|ou|o|bzw\.?|resp\.?|vai"
               r"|arba|või|tai|vagy|sau|eller|ili|или|lub|albo|atau|nebo|veya|hoặc|ή|або|أو|או|alebo|eða|অথবা|அல்லது)")
# "A \text{ or } B", and "A \quad\text{or, if } x_2 \text{ counts, } \quad B" (the words after "or" are the
# condition of the second answer: the spacing before it goes too, or the chain would end there)
_INLINE_OR = re.compile(rf"\s*{_OR_IN_TEXT}\s*\}}\s*"
                        rf"|(?:\s|\\q?quad\b|\\[,;:!])*{_OR_IN_TEXT}[\s,;:][^{{}}]{{1,40}}\}}(?!\s*\\q?quad)\s*"
                        r"|\s+(?:or|oder|bzw\.|resp\.)\s+(?=\S)"
                        r"|\s*\\q?quad\s*/\s*/\s*\\q?quad\s*", re.IGNORECASE)  # "A \quad // \quad B": a scan's two


# "A \;\; \big(= B\big)": the same written once more in brackets at the end, one more side of the equation
_EQUAL_ASIDE = re.compile(r"(?:\s|\\[,;:!]|\\q?quad\b)*(?:\\[bB]igg?l?)?\(\s*=\s*([^()]*(?:\([^()]*\)[^()]*)*?)\s*"
                          r"(?:\\[bB]igg?r?)?\)\s*$")


def _equal_aside(piece: str) -> str:
    """``∂f/∂w₂ = A \\;\\; \\big(= B\\big)``: B, a formula alone, is one more side of the equation; an aside with
    words in it (``(= B, multiplying by e^u)``) or a line that is only the aside stays as it is."""
    m = _EQUAL_ASIDE.search(piece) if "(" in piece and "=" in piece else None
    if m is None or "=" not in piece[:m.start()] or re.search(r"(?<!\\),|\\text", m.group(1)):
        return piece
    return f"{piece[:m.start()]} = {m.group(1)}"


def _arrows_as_sides(piece: str) -> str:
    """``∂f/∂w₃ = A ⇒ B``, ``= A \\rightarrow B``: after an equals sign, an arrow to a formula with no equals sign
    of its own leads to what A comes to, one more side of the equation (so a wrong B is never left unread)."""
    if "=" not in piece or not _ARROW.search(piece):
        return piece
    out, depth, seen_eq, i = [], 0, False, 0
    while i < len(piece):
        c = piece[i]
        depth += (c in "{([") - (c in "})]")
        m = _ARROW.match(piece, i) if depth == 0 and seen_eq and c in " \\⇒⟹→⟶" else None
        if m is not None and m.end() > i and "=" not in piece[m.end():]:
            out.append(" = ")
            i = m.end()
            continue
        seen_eq = seen_eq or (depth == 0 and c == "=")
        out.append(c)
        i += 1
    return "".join(out)


def _inline_or(piece: str) -> str:
    """``A \\text{ or } B``, ``A \\mathrm{or} B``, ``A or B`` inside one formula: two answers offered (the hedge
    mark every reading leaves to a person)."""
    return _INLINE_OR.sub(lambda _: HEDGE, piece) if _INLINE_OR.search(piece) else piece


def _stronger(a: str, b: str) -> str:
    return a if a != "inline" else b


def _ends_open(side: str) -> bool:
    side = side.rstrip()
    return not side or side.endswith(("+", "-", "\\cdot", "\\times", "=", "\\\\"))


def is_definition(eq: Equation) -> bool:
    """σ(x) = …, D = {…}, j = 1, 2, 3, L(w) := Σ…: what the student defines, never the answer to grade."""
    if eq.defines:
        return True
    if len(eq.sides) < 2:
        return False
    lhs = re.sub(r"\s+|\\left|\\right|\\,", "", eq.sides[0])
    rhs = eq.sides[-1].strip()
    if rhs.startswith(("\\{", "\\lbrace")) or re.fullmatch(r"[\d\s,.\\ldots]+", rhs):
        return True
    return _NAME.fullmatch(lhs) is not None


def is_restatement(side: str) -> bool:
    """A side made only of named derivatives (∂f/∂σ₂·∂σ₂/∂x₂, ∇L): it restates, it derives nothing."""
    return not _LAYOUT.sub("", _DERIVATIVE.sub("", re.sub(r"\\[,;:! ]", " ", side)))


def find_expression(doc: Document, spec: TextSpec, classify: Callable[[str], str | None] | None,
                    forbid: Sequence[str] = ()) -> LatexChain | None:
    """The equation that answers the item, chosen as a TA does.

    The equation whose left side names the item (the homework's ``classify_lhs``), the last
    explicit one when several do (earlier ones are steps); else, when the part names none of
    its equations, the ``index``-th equation that is not a definition. A part whose only math
    is inline fragments in words ($w_2$) has no answer here: a person reads it.
    """
    part = spec.part
    if part not in doc.segments and (found := _in_parent(doc, spec, classify, forbid)) is not None:
        pass  # "1b  e^-u/(1+e^-u)^2 ; σ(1-σ)": the sub-parts answered in order under the part's label
    elif part not in doc.segments:  # no label for this part: the answer is found by what it names
        from grader.reading.by_name import by_name

        found = by_name(doc, spec, classify, forbid)
    else:
        found = _expression_in(doc, doc.segments[part], spec, classify, forbid)
        if (found is None or is_restatement(found.sides[-1])) and (first := doc.ranged.get(part)) is not None \
                and part not in doc.shared and first in doc.segments:  # "1(d), 1(e) partial derivatives" over
            ranged = _expression_in(doc, doc.segments[first], replace(spec, part=first), classify, forbid)
            if ranged is not None and ranged.named and not is_restatement(ranged.sides[-1]):  # both answers, then
                found = replace(ranged, part=part)  # "Chain rule used for (e): ∂f/∂w1 = ∂f/∂g·∂g/∂z…"
    if found is None and part in doc.segments and (above := _output_above(doc, doc.segments[part])) is not None:
        found = LatexChain([above], False, part)  # "(i) That output is the answer": the printout over the label
    if found is not None and part in doc.segments and spec.key \
            and (used := _used_later(doc, doc.segments[part].end, spec)) is not None:
        found = _with_final(found, LatexChain([spec.lhs or "", used], True, part))  # "… so the update I use is $B$"
    if found is not None and part in doc.segments and spec.lhs and classify is not None:
        found = _with_final(found, _numbered_answer(doc, doc.segments[part], spec, classify))  # "Answer: ∂f/∂w₁
        # is (4)": the equation tagged 4 is the final answer, the proof's steps before it
    unread: list[str] = []  # a later line naming the part with a formula that is not read as its answer
    relabelled: list[str] = []  # such a line, unless the item's equation is written out right under it
    for span in doc.again.get(part, []):
        later = _expression_in(doc, span, spec, classify, forbid, summary=True) if span.kind != "cited" \
            else _named_in(doc, span, spec, classify)
        if span.kind == "mention" and (_unread_mention(doc, span, later) or _formula_in_check(doc, span, found)):
            if _names_another(doc, span, spec.lhs, classify):
                continue  # "Correction to 1(e), $∂f/∂w_1$" read for ∂f/∂w_2: about the other answer of the part
            relabelled.append(doc.text[span.start:span.end])  # unread, unless the item is written out under it
        elif span.kind == "mention" and later is not None and not later.named and _setting(later):
            continue  # "finite differences (h = 1e-5) vs my formulas": a step size set, no answer said again
        elif span.kind == "segment" and (later is None or not later.named or spec.lhs and classify is not None
                                         and classify(later.sides[0]) != spec.lhs) \
                and _FIX_SAID.search(doc.text, span.start, span.end):
            unread.append(doc.text[span.start:span.end])  # "- P1 b) ii) wait no, it's s(u)(1 - s(u)) not 1+":
            continue  # the part named again with a fix this reading cannot take whole: a person reads it
        found = _with_final(found, later)
    if found is not None and part in doc.segments:
        found = _with_final(found, _keyed_later(doc, doc.segments[part], spec, classify, forbid))
    if found is not None and spec.lhs and classify is not None and HEDGE not in found.sides[-1]:
        found = _with_final(found, _as_component(doc, spec, classify, forbid))
    if found is not None and spec.lhs and classify is not None and HEDGE not in found.sides[-1] \
            and part in doc.segments:
        later_said = _named_later(doc, spec, classify, forbid)
        if later_said is not None and _superseding(doc, doc.segments[part].end, later_said.sides[-1]):
            found = LatexChain([found.sides[0], later_said.sides[-1]], found.named, found.part)  # "Errata: …
            # Correction to (ii): … The answer to (ii) is $…$": the earlier working is withdrawn, not a step of it
        else:
            found = _with_final(found, later_said)
    corrections = doc.corrected.get(part, []) + [c for c in doc.corrected.get(part.rpartition(".")[0], [])
                                                 if not _names_only_other_sub(c, part)]
    if part in doc.segments and spec.lhs and classify is not None:
        unread += _changed_by_name(doc, doc.segments[part].end, spec.lhs, classify)
        unread += _changed_by_name(doc, doc.segments[part].start, spec.lhs, classify, _OWN_VERSION,
                                   doc.segments[part].end)
        unread += _changed_by_name(doc, doc.segments[part].start, spec.lhs, classify, _CHANGED_ABOVE,
                                   doc.segments[part].end)
        unread += _changed_by_name(doc, 0, spec.lhs, classify, _ABSENT_FROM)  # anywhere, a caption too
        unread += _noted_by_key(doc, spec)
    relabelled += [line for line in _changed_by_label(doc, part) if not _line_names_another(line, spec.lhs, classify)] \
        if part in doc.segments else []
    if found is not None and part in doc.segments:
        unread += [line for line in _relabelled_in_part(doc, doc.segments[part], part)
                   if not _restates(line, _SPACE.sub("", found.sides[-1]))]
    final = _SPACE.sub("", found.sides[-1]) if found is not None else ""
    unread += [line for line in relabelled if not _written_out_after(doc, line, final, spec.lhs, classify)]
    corrections = [c for c in corrections if not _written_out_after(doc, c, final, spec.lhs, classify)
                   and not _about_another(doc, c, spec.lhs, classify) and not _names_another_key(c, spec.key)
                   and not _fixes_numbers_only(c)
                   and not all(_OLD_VERSION.search(one) for one in c.split("\n") if one.strip())]
    if found is not None and HEDGE not in found.sides[-1] and (unread or corrections and not any(
            _restates(one, final) for lines in corrections for one in lines.split("\n"))):
        # "EDIT: dw2 should be …" below an answer the reading took from elsewhere: which one counts, a person decides
        return LatexChain([*found.sides[:-1], f"{found.sides[-1]}{HEDGE}{_CORRECTED}"], found.named, found.part)
    return found


_CORRECTED = "\\text{(a correction written later)}"
_SUB_LABEL = re.compile(r"\((iii|ii|iv|i)\)")


def _names_only_other_sub(line: str, part: str) -> bool:
    """Whether a correction of a part names only other sub-parts than ``part``'s ("EDIT: (ii) is wrong above" is
    no correction of (i))."""
    own = part.rsplit(".", 1)[-1]
    named = {m.group(1) for m in _SUB_LABEL.finditer(line[:400])}
    return part.count(".") == 2 and bool(named) and own not in named \
        and not re.search(r"(?i)\b(?:both|all|same|also|too|as\s+well|either|other|exp\w*)\b", line[:400])
    # ("(ii) is wrong above, and the exp version has the same slip": about (i) too)
# what follows an equation's last gap (\quad), and the words in it that set a condition on it or change it
_GAP_TAIL = re.compile(r"\\q?quad\b(?!.*\\q?quad\b)(.{2,400})$", re.DOTALL)
_CONDITION = re.compile(r"(?i)\b(?:if|only|otherwise|unless|except|whenever|when|fixed|kept|keep|constant|frozen|"
                        r"unchanged|untouched|not\s+(?:trained|updated|used|changed|learned)|stays?|remains?|else|"
                        r"ignor\w*|drop\w*|without|instead|times|multipl\w*|divided|plus|minus|larger|smaller|"
                        r"positive|negative)\b|[<>≤≥]|\\(?:le|ge|leq|geq|lt|gt|neq)\b|\b0\s*(?:\\text\s*\{)?\s*for\b")
_ASIDE_BEFORE_SIDE = re.compile(r"\\q?quad\s*\((?:[^()\n]|\([^()\n]{0,80}\)){1,200}\)"
                                r"(?=\s*(?:\\[;,:! ]\s*|\\q?quad\s*)*=)")
_CONDITION_ON_STEP = re.compile(r"^\W*(?:\\alpha|\\eta|α|η|lr)\s*(?:>|\\gt|\\geq?)\s*0\W*$")  # "(α > 0)": the step
_FIX_SAID = re.compile(r"(?i)\b(?:wait|oops|correction|corrected|fix(?:ed|es)?|actually|should\s+(?:be|read|have)|"
                       r"typo|mistake|instead)\b")
# words in the margin that take the line back ("← no wait, w2 is missing:"), not ones that say it is fixed
_MARGIN_DOUBT = re.compile(r"(?i)\b(?:wait|wrong|missing|forg[eo]t\w*|oops|should|not\s+right|mistake|scratch)\b")
_FIXED_BESIDE = "\\text{(a correction written beside it)}"


_ANSWER_LEAD = re.compile(r"(?i)^[ \t*_-]*(?:final\s+)?(?:answer|result|ans)\b[^:=]{0,30}:[ \t*_$]*")


def _written_out_after(doc: Document, correction: str, final: str, lhs: str | None,
                       classify: Callable[[str], str | None] | None) -> bool:
    """"sorry, typo above, dw1 should have x at the end:" and, in the lines right after it, an equation that names
    the item and ends on the formula read as the answer: the correction is written out, nothing is left for a person
    to apply."""
    if classify is None or not lhs or not final or not correction.strip():
        return False
    at = doc.text.find(correction.strip()[:200])
    if at < 0:
        return False
    for line in doc.text[at:at + 600].split("\n")[1:4]:
        left, sign, right = line.strip().strip("$").partition("=")
        left = _ANSWER_LEAD.sub("", left)  # "final answer: **∂f/∂w1 = …**"
        if sign and classify(left.strip().strip("$*").strip()) == lhs \
                and _SPACE.sub("", right).rstrip(".,;$*_").split("=")[-1] == final:
            return True
    if any(classify(left.strip().strip("$*_").strip()) == lhs
           for m in re.finditer(r"([^\s=:;,$][^=:;,$]{0,40}?)\s*=(?!=)", correction[:600].replace("$", " "))
           for left in (m.group(1), m.group(1).split()[-1])):
        return False  # the note writes the item's own formula, another one: a person compares the two
    below = doc.text.find("\n", at)  # the answer itself written after the correction, in its part, as the document
    holding = [s for s in [*doc.segments.values(), *(a for spans in doc.again.values() for a in spans)]
               if s.start <= at < s.end]  # reads its math ("Σ_{i=1,2}" is a \sum); a part said again counts too
    if not holding:
        return False  # a note above every part (a forum's reply over the quoted post): about what follows it
    part_end = min([s.end for s in holding if s.kind == "segment"] or [s.end for s in holding])  # (a mention's own
    # span is its line: the answer is written under it)
    after = [m for m in doc.math if below >= 0 and below < m.start < part_end]
    return any(len(eq.sides) >= 2 and classify(eq.sides[0].strip()) == lhs
               and _SPACE.sub("", eq.sides[-1]).rstrip(".,;$") == final
               for eq in read_equations([doc.read(m) for m in after], [m.kind for m in after]))


def _names_another(doc: Document, span: Span, lhs: str | None, classify: Callable[[str], str | None] | None) -> bool:
    """A line naming the part whose formulas are only the names of its other items ("Correction to 1(e),
    $\\partial f_w/\\partial w_1$." read for ∂f/∂w₂): about the other item, nothing for this one."""
    if classify is None or not lhs:
        return False
    return _other_items_only([classify(doc.read(m).strip().rstrip(".,;:")) for m in doc.math_spans("", span)], lhs)


def _doubt_about_another(doc: Document, segment: Span, lhs: str | None,
                         classify: Callable[[str], str | None] | None) -> bool:
    """Whether every sentence of the part that says two answers were left ("I am leaving both expressions for
    $∂f_w/∂w_1$ above") names only another item of the part in its math: no doubt about this one."""
    text = doc.text[segment.start:segment.end][:20_000]
    found = list(_WHICH_ONE.finditer(text))
    return bool(found) and all(_line_names_another(_sentence_around(text, m.start(), m.end()), lhs, classify)
                               or _before_own(doc, segment, segment.start + m.start(), lhs, classify) for m in found)


def _before_own(doc: Document, segment: Span, at: int, lhs: str | None,
                classify: Callable[[str], str | None] | None) -> bool:
    """Whether words at ``at`` come after another item's equation and before any of this item's (``lhs``): "∂f/∂w2
    = A", "or is it B? not sure which one is right", then "For w_1: ∂f/∂w1 = …": about the one above."""
    if classify is None or not lhs or not _weights_of(lhs):
        return False  # (only a derivative by a weight: an update's own line is not always found by its name)
    other = mine = False
    for m in doc.math:
        if m.start < segment.start or m.start >= segment.end:
            continue
        sides = _ASSIGNED_SPLIT.split(doc.read(m), maxsplit=1)
        named = classify(sides[0].strip()) if len(sides) > 1 else None
        if m.start < at and named and named != lhs and not named.startswith(DEFINITION):
            other = True
        if named == lhs and m.start < at:
            mine = True
    return other and not mine


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (to its full stops or blank lines, at most 300 characters each way) holding ``text[start:end]``."""
    before = max(text.rfind(". ", max(0, start - 300), start), text.rfind("\n\n", max(0, start - 300), start),
                 start - 300)
    ends = [k for k in (text.find(". ", end, end + 300), text.find("\n\n", end, end + 300)) if k >= 0]
    return text[max(0, before):min(ends) if ends else end + 300]


def _line_names_another(line: str, lhs: str | None, classify: Callable[[str], str | None] | None) -> bool:
    """The same for a line's text: its math (``$…$``, ``\\(…\\)``) only names other items of the part."""
    if classify is None or not lhs:
        return False
    return _other_items_only([classify((m.group(1) or m.group(2)).strip().rstrip(".,;:"))
                              for m in _INLINE_MATH.finditer(line)], lhs)


def _other_items_only(tags: list[str | None], lhs: str) -> bool:
    """Whether formulas read as ``tags`` are there and each names an item other than ``lhs`` (no definition)."""
    return bool(tags) and all(t is not None and not t.startswith(DEFINITION) and t != lhs for t in tags)


_INLINE_MATH = re.compile(r"\$([^$\n]{1,200})\$|\\\((.{1,200}?)\\\)")


def _about_another(doc: Document, correction: str, lhs: str | None,
                   classify: Callable[[str], str | None] | None) -> bool:
    """"Correction to 1e_w1: df/dw1 = …" read for ∂f/∂w2: the correction's equations all name another item of the
    part (and none this one), so it changes nothing here; a correction that names none of them ("Korrektur:
    ∂x₁/∂w₁ = x vergessen, richtig ist") is about the item its next equation names."""
    if classify is None or not lhs:
        return False
    named = _items_named(correction, classify)
    if all(n.startswith(DEFINITION) for n in named) and _LEADS_ON.search(correction.strip()[-60:]) \
            and (at := doc.text.find(correction.strip()[:200])) >= 0 \
            and (below := doc.text.find("\n", at)) >= 0:  # ("da fehlt ∂x₂/∂σ₁ = w₂. Richtig:": a node's derivative)
        window = doc.text[below + 1:below + 600]
        if (equals := window.find("=")) > 0:  # the next equation's left side, on its line or the line above it
            left = [ln for ln in window[:equals].split("\n")[:6] if ln.strip(" \t$>*")]
            named = {t for t in [classify(left[-1].strip(" \t$>*_"))] if t} if left else set()
    return bool(named) and lhs not in named and all(not n.startswith(DEFINITION) for n in named if n)


def _names_another_key(correction: str, keys: Sequence[str]) -> bool:
    """A remark that names, in words or inline math, another item's weight as what is derived for and never this
    one's ("along the $w_2$ path the last factor should be σ₁′" read for the w1 item): about that item. Keys are
    the rubric's answer-key words of the item ("w2"); another item's is the same stem with another number."""
    ours = {k.lower() for k in keys if _KEY_WORD.fullmatch(k.lower())}
    if not ours:
        return False
    said = {f"{m.group(1)}{m.group(2)}".lower() for m in _KEY_SAID.finditer(correction[:4000].replace("$", ""))}
    stems = {re.sub(r"\d+$", "", k) for k in ours}
    return not said & ours and any(re.sub(r"\d+$", "", w) in stems for w in said)


_KEY_WORD = re.compile(r"[a-z]{1,2}\d")  # "w2": a name and its number
# an item's weight named as what is derived for ("for $w_2$", "w.r.t. w2", "∂f/∂w_2", "along the $w_2$ path"), not as
# a factor in it ("the factor $w_2$ should not be there" is about the w1 item)
_KEY_SAID = re.compile(r"(?:\b(?i:for|wrt|w\.r\.t\.|respect\s+to|along\s+the|through)\s*\$?\s*|∂\s*|\\partial\s*|\bd)"
                       r"([A-Za-z]{1,2})\s*_?\s*\{?\s*(\d)(?!\d)")


# a correction's last words leading on to the formula under it ("…, richtig ist", "Correct:", "it should be")
_LEADS_ON = re.compile(r"(?i)(?::|\b(?:ist|is|be|lautet|richtig|correct|right|est|es|fix(?:ed)?)\b)[ \t*_]*$")


def _fixes_numbers_only(correction: str) -> bool:
    """A correction whose every equation gives a number worked out with decimals ("redo last row: … → ∂f/∂w1 =
    −0.12238"): a check's value put right, no formula changed."""
    sides = re.findall(r"=[ \t*_$]*([^=\n]{0,40})", correction[:2000])
    return bool(sides) and all(re.match(r"[−-]?\d+[.,]\d", side.strip(" *_$")) for side in sides)


def _items_named(lines: str, classify: Callable[[str], str | None]) -> set[str]:
    """The items the left sides of ``lines``' equations name (classify's tags; a name it does not know is none)."""
    named = set()
    for line in lines.split("\n")[:6]:
        for m in re.finditer(r"([^\s=:;,$][^=:;,$]{0,40}?)\s*=(?!=)", line.replace("$", " ")):
            named.add(classify(m.group(1).strip(" \t*_>")))
    named.discard(None)
    return {n for n in named if n}


# "∂f/∂w3 is actually σ1(x1)", "dL/dw should be …": a quantity named, then words that change what it is
_NAMED_CHANGE = re.compile(r"(\$[^$]{1,60}\$|\\\([^$]{1,60}?\\\)|\S{2,60}?)\s+"
                           r"(?:is\s+(?:actually|really|in\s+fact)|should\s+(?:be|read|have\s+been)|must\s+be"
                           r"|was\s+wrong|is\s+wrong|turns\s+out(?:\s+to\s+be)?|ends\s+up(?:\s+(?:as|being))?"
                           r"|comes\s+out(?:\s+(?:as|to)|(?=\s*[=:$]))|simplifies\s+to|reduces\s+to"
                           # "$∂f/∂w_3$ should get a prime", "$∂f/∂w_1$ needs no extra $x$", "… is $σ'$ after all",
                           # "the step goes the other way"
                           r"|should\s+(?:get|have|lose|drop|gain)|(?:also\s+|still\s+)?needs?\s+(?:no|an?|the|one|to)"
                           r"|does\s+not\s+need"
                           r"|is\b(?=[^.\n]{0,80}\bafter\s+all\b)|goes\s+the\s+other\s+way|points\s+the\s+other\s+way"
                           r"|(?:is|was)\s+(?:backwards|reversed|flipped)"
                           # "my $∂f/∂w_2$ was short of a factor $w_2$", "df/dw2 above is missing the w2"
                           r"|(?:above\s+|here\s+)?(?:is|was|were)\s+(?:short\s+of|missing|lacking|off\s+by)"
                           r"|(?:above\s+)?(?:lacks|lacked|misses|missed|has\s+an\s+extra|had\s+an\s+extra))\b",
                           re.IGNORECASE)
# inside the part, under its answer: "df/dw2 in the markdown above is missing the w2, it is …", "∂f/∂w1 above
# should have an x": a name, where it was said before, and words that change it
_CHANGED_ABOVE = re.compile(r"(\$[^$]{1,60}\$|\\\([^$]{1,60}?\\\)|\S{2,60}?)\s+"
                            r"(?:(?:in|on)\s+(?:the\s+)?(?:markdown|cell|text|line|formula|answer|equation|part)\s+)?"
                            r"(?:above|earlier|before)\s+"
                            r"(?:is\s+(?:actually|really|wrong|missing|short\s+of|lacking)"
                            r"|was\s+(?:wrong|missing|short\s+of)|should\s+(?:be|read|have|get|lose|drop)|lacks|misses"
                            r"|needs?|has\s+an\s+extra)\b", re.IGNORECASE)
# "… so no w2 appears in ∂f/∂w1": a factor said not to be in the quantity (which the answer may well hold)
_ABSENT_FROM = re.compile(r"\b(?:no|not\s+an?)\s+\$?[a-zσ](?:_?\{?\d\}?)?\$?\s+(?:factor\s+)?"
                          r"(?:appears|shows\s+up|occurs|is\s+(?:needed|present))\s+in\s+(\$[^$]{1,60}\$|\S{2,60}?)(?=[\s.,;:)*]*(?:$|\s))",
                          re.IGNORECASE)
# "For ∂f/∂w1 I will hand in my own version: …" (in a transcript whose tutor wrote another): the student's own
_OWN_VERSION = re.compile(r"(\$[^$]{1,60}\$|\\\([^$]{1,60}?\\\)|\S{2,60}?)\s+"
                          r"(?:I\s+(?:will|'ll|’ll|am\s+going\s+to)\s+(?:hand\s+in|submit|go\s+with|keep|use|write)"
                          r"|my\s+own\s+(?:version|answer|result)|I\s+(?:hand\s+in|submit)\b)", re.IGNORECASE)
# a step of descent named in words ("the step goes the other way", "the update rule should be …")
_STEP_IN_WORDS = re.compile(r"(?i)\b(?:the\s+)?(?:(?:gradient[\s-]+descent\s+)?(?:step|update)(?:\s+rule)?)\s*$")
# "the gradient w.r.t. $w_2$", "dw₂": a derivative of f named in words or by its weight alone
_DERIVATIVE_IN_WORDS = re.compile(r"(?i)(?:\b(?:gradient|derivative|partial(?:\s+derivative)?)\s+(?:of\s+f\s+)?"
                                  r"(?:w\.?\s?r\.?\s?t\.?|with\s+respect\s+to|for)\s+|(?<![\w\\])d\s*)(?:\$?\s*w\s*_?\s*"
                                  r"\{?\s*([123₁₂₃])\s*\}?\s*\$?|the\s+(first|inner|middle|second|last|third|outer)\s+weight)"
                                  r"\s*$")
_WEIGHT_WORDS = {"first": "1", "inner": "1", "middle": "2", "second": "2", "last": "3", "third": "3", "outer": "3"}


# a note after the last part: "Note on the update: we move w along the gradient, i.e. add α times it"
_NOTE_LEAD = re.compile(r"^[ \t>*_#\-•]*(?:note|p\.?\s?s\.?|remark|edit|update|addendum|nb|n\.b\.)\b[^\n]{0,30}?"
                        r"\b(?:on|about|re|regarding|for|to)\s+(?:the\s+)?(\w+)", re.IGNORECASE | re.MULTILINE)


# words that say a change is already in the answers ("I used the corrected one", "I'd already written these with …")
_APPLIED_ALREADY = re.compile(r"(?i)\b(?:used|using|uses|took|take)\s+the\s+(?:[^\W\d_]+\s+){0,3}?"
                              r"(?:corrected|fixed|right|updated|new)\b|\bthe\s+(?:corrected|fixed|updated)\s+one\b"
                              r"|\balready\s+(?:written|used)\s+(?:these|them|it|this)\s+with\b")
# (not "I had already fixed this in my notes": the notes are not the answer)


def _changed_by_label(doc: Document, part: str) -> list[str]:
    """Sentences after the part that name it by its label and say in words that its answer changes ("In (i) I
    dropped a minus: the whole fraction gets a minus sign in front", "P.S. in (d) I forgot the w3"), or write a
    corrected formula for it: which answer counts, a person decides."""
    from grader.reading.mentions import CHANGED, FIXING, changes_it
    keys = part.split(".")
    if len(keys) < 2 or not re.fullmatch(r"[a-h]", keys[1]):
        return []
    prob, letter = re.escape(keys[0]), keys[1]
    if len(keys) > 2:
        label = rf"(?<![\w(^{{_])(?:{prob}[ \t]*)?(?:\(?{letter}\)?[ \t]*)?\({keys[2]}\)"  # (not x^{{(i)}})
    else:
        label = (rf"(?<![\w(])(?:\({letter}\)|(?:part|teil|partie|parte)[ \t]+\(?{letter}\b\)?"
                 rf"|{prob}[ \t]*\(?{letter}\b\)?)")
    named = re.compile(label, re.IGNORECASE)
    segment = doc.segments[part]
    out = []
    others = [s for k, s in doc.segments.items()  # later parts (not (ii) beside (i): a remark there is about both)
              if k.split(".")[:2] != part.split(".")[:2] and s.start >= segment.end]
    pos = segment.end
    for sentence in re.split(r"(?<=[.!?。])\s+|\n", doc.text[segment.end:segment.end + 60_000]):
        at, pos = pos, pos + len(sentence) + 1
        said = CONFIRMED.sub(" ", sentence) if len(sentence) < 400 else ""
        if said and named.search(sentence) and (change_sentences(said) or CHANGED.search(said)
                                                and _FORMULA_MARK.search(said)):
            if any(s.start <= at < s.end for s in others) and not changes_it(said) and not FIXING.search(said):
                continue  # in a later part's own working: "everything in (e) just gets multiplied by that" uses (e)
            if _APPLIED_ALREADY.search(said):
                continue  # "(I used the (ii) form, the corrected one — I'd already written these with 1−σ)": done
            out.append(sentence.strip())  # ("the (i) above should have no square: $e^{-u}/(1+e^{-u})$")
    return out


def _noted_by_key(doc: Document, spec: TextSpec) -> list[str]:
    """A note after every part's text that names the item by its key word and says something about it in words
    ("Note on the update: … add α times it"): which reading counts, a person decides."""
    last = max((s.end for s in doc.segments.values()), default=len(doc.text))
    tail_start = max((s.start for s in doc.segments.values()), default=0)
    keys = {k.lower() for k in spec.key if k.isalpha() and len(k) > 3}
    out = []
    for m in _NOTE_LEAD.finditer(doc.text, tail_start, last):
        line_end = doc.text.find("\n", m.end())
        line = doc.text[m.start():len(doc.text) if line_end < 0 else line_end]
        if m.group(1).lower() in keys and len(line) < 400:
            out.append(line)
    return out


def _changed_by_name(doc: Document, after: int, lhs: str, classify: Callable[[str], str | None],
                     said: re.Pattern[str] | None = None, end: int | None = None) -> list[str]:
    """Lines after the part that name what it asks for and say it is something else ("P.S. ∂f/∂w3 is actually
    σ1(x1)"): which one counts, a person decides. ``said`` and ``end``: other words, looked for up to ``end``."""
    from grader.expressions.tokens import from_exports

    out = []
    for line in doc.text[after:end].split("\n"):
        for m in (said or _NAMED_CHANGE).finditer(line[:400]):
            name = m.group(1).strip("$*_`[]:,;").removeprefix("\\(").removesuffix("\\)")
            worded = _DERIVATIVE_IN_WORDS.search(line[:m.end(1)])
            if worded:  # "the gradient w.r.t. $w_2$ turns out to be …", "… with respect to the last weight is …"
                index = "123"["123₁₂₃".index(worded.group(1)) % 3] if worded.group(1) else \
                    _WEIGHT_WORDS[worded.group(2).lower()]
                name = f"\\partial f/\\partial w_{index}"
            if _STEP_IN_WORDS.search(line[:m.end(1)]):
                name = "w^{new}"
            if name and classify(from_exports(name)) == lhs:
                out.append(line)
                break
    return out


def _named_in(doc: Document, span: Span, spec: TextSpec,
              classify: Callable[[str], str | None] | None) -> LatexChain | None:
    """A later part citing this one ("in (e) I forgot the x: ∂f/∂w₁ = …"): an equation there that names what
    this item asks for is this item said again; nothing else there is."""
    spans = doc.math_spans(spec.part, span)
    named = [e for e in read_equations([doc.read(m) for m in spans], [m.kind for m in spans])
             if len(e.sides) > 1 and spec.lhs and _tag_of(e, classify) == spec.lhs]
    return LatexChain(named[-1].sides, True, spec.part) if named else None


# "$h_2$ does not depend on $w_3$": a "not" that explains a derivative, no change of an answer
_EXPLAINING_NOT = re.compile(r"(?i)\b(?:does|do|did|is|are)\s+not\s+(?:depend|involve|contain|affect|appear)\w*")


_CHECKING = re.compile(r"(?i)\b(?:check\w*|sanity|verif\w*|finite[ \t-]+differences?|gradcheck|test(?:ing|ed)?)\b")
# words of a check that revise or doubt the answer ("so w_2 is counted twice", "or maybe", "belongs on the end too",
# "leave out the factor 2", "might be the intended one")
_REVISED = re.compile(r"(?i)\b(?:or\s+maybe|not\s+sure|might\s+be|counted\s+twice|one\s+too\s+many|belongs?|leave\s+out"
                      r"|left\s+out|drop\w*|without|absorbed|can'?t\s+tell)\b|\?\?")
_NUMERIC = re.compile(r"[\W\d_]*(?:[A-Za-z](?:_\{?\w{1,3}\}?)?[ \t]*=[\W\d_]*)*")  # "h=10^{-5}", "w=(1,2,1)"


def _formula_in_check(doc: Document, span: Span, found: LatexChain | None) -> bool:
    """A section that checks a part ("## Numeric check of (e)", "Backup: sanity check for (b)") and writes a formula
    that is not the part's answer again ("… so w_2 is counted twice; the w_1-gradient is …", "or maybe w_3σ_2(x_2)"):
    the check may revise or doubt the answer, and a person reads it. Numbers and settings ("h = 10^{-5}",
    "w = (1, 2, 1)") are the check's own."""
    from grader.reading.mentions import CHANGES

    head = doc.text[span.start:span.end].split("\n", 1)[0]
    if not _CHECKING.search(head):
        return False
    final = _SPACE.sub("", found.sides[-1]) if found is not None else ""
    ends = [b.start for b in doc.blocks if b.kind == "heading" and b.start > span.start + 1] \
        + [s.start for s in doc.segments.values() if s.start > span.start]
    section = Span(span.start, min(ends, default=len(doc.text)), span.kind)  # the check's text, to its next heading
    words = CONFIRMED.sub(" ", doc.text[section.start:section.end])
    if not (CHANGES.search(words) or _REVISED.search(words)):
        return False  # a check that only computes ("(f(w1 + eps) - f(w1 - eps))/(2 eps)"): its formulas are its own
    for m in doc.math_spans("", section):
        piece = _SPACE.sub("", doc.read(m))
        if piece and not _NUMERIC.fullmatch(piece) and piece != final and not _restates(piece, final):
            return True
    return False


def _setting(chain: LatexChain) -> bool:
    """An unnamed equation that sets one letter to a number ("(h = 1e-5)", "h = 0.001"): a check's step size."""
    return re.match(r"\W*[A-Za-z]\s*=\s*\d[\d.]*(?:e[-+]?\d+)?(?![\w.(])", " = ".join(chain.sides)) is not None


# "(d)–(e) with $x$ replaced by $x^i$", "with $x^{(i)}$ in place of $x$": the earlier answers evaluated at a data
# point, as the question asks, not changed
_AT_DATA_POINT = re.compile(r"\$?\bx\$?[ \t]+(?:replaced|substituted)[ \t]+(?:by|with|for)[ \t]+\$?x[\^_]"
                            r"|\$?\bx[\^_][^$\s]{1,8}\$?[ \t]+(?:in[ \t]+place[ \t]+of|instead[ \t]+of|for)"
                            r"[ \t]+\$?x\b")


def _unread_mention(doc: Document, span: Span, later: LatexChain | None) -> bool:
    """A later line naming the part whose formulas are not all read as one answer ("(d): $σ_1(x_1)$ statt
    $σ_2(x_2)$", a formula the reading does not take): which one it means, a person decides."""
    from grader.reading.mentions import CHANGED, CHANGES

    text = _AT_DATA_POINT.sub(" ", CONFIRMED.sub(" ", doc.text[span.start:span.end]))
    if not _FORMULA_MARK.search(text) or not CHANGES.search(text if CHANGED.search(text)
                                                         else _EXPLAINING_NOT.sub(" ", text)):
        return False  # a summary's line: read when it reads (a different answer is graded), else left to the part
    if later is None:
        return True
    read = _SPACE.sub("", "".join(later.sides))
    pieces = {_SPACE.sub("", doc.read(m)) for m in doc.math_spans("", span)}
    return any(p and p not in read for p in pieces)


def _relabelled_in_part(doc: Document, segment: Span, part: str) -> list[str]:
    """Lines of the part, after its first, that name it again and say what it is ("ugh sign typo, thanks. (b)(ii)
    is σ(u)(1 − σ(u))" in a chat): the part answered twice, which one counts is a person's call (unless the same)."""
    keys = part.split(".")
    if len(keys) < 2 or not re.fullmatch(r"[a-h]", keys[1]):
        return []
    sub = rf"[ \t]*\({keys[2]}\)" if len(keys) > 2 else ""
    said = re.compile(rf"(?<![\w(])\({keys[1]}\){sub}[ \t]+(?:is|=|:)[ \t]+(?P<f>[^\n]{{1,200}})")
    text = doc.text[segment.start:segment.end]
    first = text.find("\n")
    found = [m.group("f").split(". ")[0].strip() for m in said.finditer(text, first + 1)] if first >= 0 else []
    return [f for f in found if f and all(_mathlike(w) for w in f.split()) and _FORMULA_OPERATOR.search(f)]


def _restates(line: str, final: str) -> bool:
    """Whether a correcting line ends with the answer itself, not with a longer formula that ends like it
    ("it is $w_3\\,\\sigma_2(x_2)$" does not restate "\\sigma_2(x_2)")."""
    squeezed = _SPACE.sub("", line).rstrip(".,;$")
    if not final or not squeezed.endswith(final):
        return False
    before = squeezed[:len(squeezed) - len(final)]
    return not before or re.search(r"(?:[$=:]|\b(?:is|be|to|are|gives|becomes|reads)|→|⇒|=>|->)$", before) is not None


def _tag_of(eq: Equation, classify: Callable[[str], str | None] | None) -> str | None:
    """The tag of an equation's left side; ``g = dL/dw = Σ …``: a name the hand-in gives what is asked, the tag
    of the side it names."""
    if classify is None or len(eq.sides) < 2:
        return None
    tag = classify(left_side(eq))
    if (tag is None or tag.startswith(DEFINITION)) and len(eq.sides) > 2 \
            and (_NAME_ONLY.fullmatch(eq.sides[0]) or tag is None and _BY_POSITION.fullmatch(eq.sides[0])):
        second = classify(eq.sides[1])
        if second is not None and not second.startswith(DEFINITION):
            return second
    return tag


def named_last(tag: str | None, eq: Equation, spec: TextSpec, classify: Callable[[str], str | None] | None
               ) -> tuple[str | None, Equation]:
    """``σ(u)(1−σ(u)) = e^{-u}/(1+e^{-u})^2 = \\dot σ(u)``: a chain that names what is asked at its end, read from
    that name (its first side is then the answer, as written first); other equations as they are."""
    if tag is not None or not spec.lhs or classify is None or len(eq.sides) < 2 \
            or classify(eq.sides[-1]) != spec.lhs or _NAME_ONLY.fullmatch(eq.sides[0]) \
            or not _APPLIED_NAME.fullmatch(eq.sides[-1]):
        return tag, eq
    return spec.lhs, replace(eq, sides=list(reversed(eq.sides)))


# a function's name applied to its variable alone: σ'(u), \dot\sigma(u), dsig(u) (not a formula that ends the chain)
_APPLIED_NAME = re.compile(r"\s*\\?[^\W\d_]{1,8}\s*(?:'|′|\^\{?\\prime\}?|\\[a-z]{2,8}\s*\{?)*\s*\\?[^\W\d_]{0,8}\}?"
                           r"(?:_\{?\w{1,3}\}?)?\s*(?:'|′)*\s*\(\s*[a-z]\s*\)\s*")


def bare_name_of(eq: Equation, spec: TextSpec, classify: Callable[[str], str | None] | None) -> bool:
    """``(b) σ' = e^{-u}/(1+e^{-u})^2``: a derivative named without its argument, read where the part asks for
    it (elsewhere a bare ``σ' = σ(1−σ)`` is a fact recalled on the way, never an answer)."""
    return bool(spec.lhs) and classify is not None and len(eq.sides) > 1 and _BARE_PRIME.fullmatch(eq.sides[0]) \
        is not None and re.search(r"[^\W\d_]", eq.sides[-1]) is not None \
        and classify(eq.sides[0].strip() + "(x)") == spec.lhs  # not "σ' = 0.25", a check at a point


# a function's derivative named without its argument: σ', \sigma_1', s′, sig^{\prime}
_BARE_PRIME = re.compile(r"\s*\\?[^\W\d_]{1,8}(?:_\{?\w{1,3}\}?)?\s*(?:'|′|\^\{?\\prime\}?)\s*")


def _other_index(lhs: str, tag: str) -> bool:
    """Whether a left side not read as any item's names an index (w₁, w_1, θ1) and none the item's tag has."""
    if not _DERIVATIVE_MARK.search(lhs):
        return False  # "σ2(x2) = …": the answer said twice, no name of what it is
    wanted = set(re.findall(r"\d", tag))
    said = set(re.findall(r"\d", lhs.translate(_SUBSCRIPT_DIGITS)))
    return bool(wanted and said and not wanted & said)


_DERIVATIVE_MARK = re.compile(r"∂|\\partial|(?<![\\\w])partial(?![A-Za-z])|(?<![\w\\])D_\{?\d|\bd\w{0,8}\s*/\s*d"
                              r"|\bd\w{1,8}_d|∇|\\nabla|\bgrad")
_SUBSCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


# a derivative on a left side that no reading names (Typst's "partial g \/ partial x_2"), and the model's or the
# loss' name: a derivative of something else is a local one, a step
_LOCAL_DERIVATIVE = re.compile(r"(?:∂|\\partial|(?<![\\\w])partial\b|(?<![\\\w])d)\s*\{?\s*[A-Za-zσ\\][\w\\]*\s*\}?\s*"
                               r"(?:\\?/|\}\s*\{)\s*(?:∂|\\partial|partial|d)")  # a quotient ("∂w2 =" alone: an answer)
_OF_MODEL = re.compile(r"(?<![A-Za-z\\])(?:f|F|L|ŷ)(?![A-Za-z])|\\mathcal\s*\{?\s*L|\\hat\s*\{?\s*y|\\nabla|∇")
_TWO_ARGUMENTS = re.compile(r"\\(?!frac|dfrac|tfrac)[A-Za-z]+\s*\{[^{}]*\}\s*\{")  # a macro of two arguments
_NAME_ONLY = re.compile(r"\s*\\?[A-Za-z](?:_\{?\w{1,3}\}?)?\s*")
# "∂_2 f = D_{w_2} f = …", "D_3 f = …": a derivative by the argument's position, said again by its name after it
_BY_POSITION = re.compile(r"\s*(?:∂|\\partial|D)\s*_\s*\{?\s*[1-9]\s*\}?\s*\{?\s*f(?:_\{?w\}?)?\s*\}?"
                          r"(?:\s*\(\s*w\s*\))?\s*")
_AT_NUMBER = re.compile(r"\(\s*-?\d+(?:[.,]\d+)?\s*\)\s*$")  # a left side at a number: a check, not the answer


def _in_parent(doc: Document, spec: TextSpec, classify: Callable[[str], str | None] | None,
               forbid: Sequence[str]) -> LatexChain | None:
    """A sub-part with no label of its own, under a part whose only math is its answers, none named: the
    sub-part's answer is the one in its place (``(i)`` the first, ``(ii)`` the second)."""
    parent, _, sub = spec.part.rpartition(".")
    if sub not in ROMAN or parent not in doc.segments or any(s.startswith(f"{parent}.") for s in doc.segments):
        return None
    segment = doc.segments[parent]
    spans = doc.math_spans(parent, segment)
    texts = [doc.read(m) for m in spans]
    found = [e for e in read_equations(texts, ["plain"] * len(texts)) if any(e.sides)]
    if len(found) < 2 or (spec.answers_in_parent and len(found) != spec.answers_in_parent) \
            or any(len(e.sides) > 1 for e in found) or not _only_math(doc, segment, spans):
        return None
    return _expression_in(doc, segment, replace(spec, part=parent, lhs=None, index=ROMAN.index(sub),
                                                answers=spec.answers_in_parent), classify, forbid)


# "… so the update I use is $w + \alpha\nabla_w L$" (a backup slide's check, an appendix): the item named by its key
# word and said to be the one used
_USED_IS = re.compile(r"(?i)\b(?:the|my|our)\s+([a-z]{3,12})\s+(?:I|we)\s+(?:use|used|take|took|choose|chose|pick|keep"
                      r"|go\s+with)\s+is\s*:?\s*\$([^$\n]{1,300})\$")


def _used_later(doc: Document, after: int, spec: TextSpec) -> str | None:
    """The last formula after the part that words call the one used for the item ("the update I use is $B$"): its
    final answer (one that differs from the part's goes to a person)."""
    keys = {k.lower() for k in spec.key}
    found = None
    for m in itertools.islice(_USED_IS.finditer(doc.text, after, after + 200_000), 50):
        if m.group(1).lower() in keys:
            found = m.group(2)
    return found


def _keyed_later(doc: Document, segment: Span, spec: TextSpec, classify: Callable[[str], str | None] | None,
                 forbid: Sequence[str] = ()) -> LatexChain | None:
    """The item answered again after its part by its key word (a "Summary of answers" table at the end,
    ``| w2 | w3*s2(x2)*s1(x1) |``): the last such answer, compared with the part's as a summary is."""
    later = [m for m in doc.math if m.start >= segment.end
             and not _QUOTE_BEFORE.match(doc.text[max(0, m.start - 2):m.start][::-1])][:2000]  # (a book's, quoted)
    texts = [doc.read(m) for m in later]
    problem = spec.part.split(".")[0]  # after the problem's last part, an equation naming what is asked is a fix
    beyond = max((s.end for k, s in doc.segments.items() if k.split(".")[0] == problem), default=len(doc.text))
    starts = [m.start for m in later]
    pointwise = _AT_INDEXED_POINT.search(doc.text, segment.start, segment.end) is not None
    keyed = [e for e in read_equations(texts, [m.kind for m in later])
             if len(e.sides) > 1 and (_keyed_as(tag := _tag_of(e, classify), spec)
                                      or e.kind in ("row", "cells") and spec.lhs and tag == spec.lhs  # "| ∂f/∂w₂ | … |"
                                      or spec.lhs and tag == spec.lhs and _first_at(e, texts, starts) >= beyond)
             and not _forbidden(e.sides[-1], forbid)  # (b)(ii)'s row is no later answer to (b)(i)
             and not (_AT_INDEXED_POINT.search(e.sides[-1]) and not pointwise)]  # "| w2 | w3·s(zⁱ)(1 − s(zⁱ))·aⁱ |":
    # (f)'s entry at xⁱ, no later answer to a part that never speaks of the data points
    return LatexChain(keyed[-1].sides, True, spec.part) if keyed else None


_AT_INDEXED_POINT = re.compile(r"[_^]\s*\{?\s*\(?\s*[ijkn](?![A-Za-z])|[ⁱʲᵏⁿ]")


def _first_at(eq: Equation, texts: list[str], starts: list[int]) -> int:
    """Where an equation read from ``texts`` starts in the document (its first side's piece), or -1."""
    head = _SPACE.sub("", eq.sides[0])[:40]
    return next((start for text, start in zip(texts, starts, strict=True) if head and head in _SPACE.sub("", text)), -1)


_COLUMN = re.compile(r"^\s*(?:\\left\s*[(\[]\s*)?\\begin\{([pbvBV]?matrix|array)\}(?:\{[lcr]*\})?"
                     r"((?:(?!\\begin|\\end).)*)\\end\{\1\}"
                     r"\s*(?:\\right\s*[)\]]\s*)?(?:\^\s*\{?\s*(?:T|\\top|\\intercal)\s*\}?)?\s*[.,;]?\s*$", re.DOTALL)
# the data point a vector is taken at, written as the handout's marks of a point: x^i, x^{(i)}, x^1
_AT_POINT_ARGUMENT = re.compile(r"\(\s*x\s*(?:\^\s*\{?\s*\(?\s*([a-z1-9])\s*\)?\s*\}?)\s*\)")


def _as_component(doc: Document, spec: TextSpec, classify: Callable[[str], str | None],
                  forbid: Sequence[str]) -> LatexChain | None:
    """The item said again as one entry of a vector written in another part: ``∇_w f_w(x^i) = (…, …, …)^T`` in
    (f) lists ∂f/∂w₂ second. A vector whose left side the homework tags ``T`` lists the items tagged ``T1``,
    ``T2``, … in order; an entry at the vector's data point (``x^i``) is read at x, as the item asks. Another
    value there than the item's own answer is two answers for one (a person decides, see :func:`_with_final`)."""
    own = doc.segments.get(spec.part)
    spans = [m for m in doc.math if m.kind in ("display", "env") and not (own and own.start <= m.start < own.end)]
    if not spans or len(spans) > 400:
        return None
    texts = [doc.read(m) for m in spans]
    found = None
    for eq in read_equations(texts, [m.kind for m in spans]):
        if len(eq.sides) < 2 or len(eq.sides[0]) > 120:
            continue
        tag = _tag_of(eq, classify)
        m = re.fullmatch(re.escape(tag or "\x00") + r"(\d)", spec.lhs or "")
        column = _COLUMN.match(eq.sides[-1]) if m else None
        if m is None or column is None:
            continue
        rows = [r.strip() for r in re.split(r"\\\\(?:\[[^\]]*\])?", column.group(2)) if r.strip()]
        if len(rows) == 1:  # a row vector, transposed: its entries between &
            rows = [r.strip() for r in rows[0].split("&") if r.strip()]
        k = int(m.group(1))
        if not 1 <= k <= len(rows) or len(rows) > 6 or _forbidden(rows[k - 1], forbid):
            continue
        entry = rows[k - 1]
        if _NAMED_ENTRY.search(entry) or _A_REFERENCE.fullmatch(entry):
            continue  # an entry that names a derivative ("∂f_w(x^i)/∂w_1") or points at it (\eqref) restates
        head = re.sub(r"\\(?:left|right|big|Big|bigl|bigr|Bigl|Bigr)(?![A-Za-z])", "", eq.sides[0])
        point = _AT_POINT_ARGUMENT.search(head)
        if point is not None:  # ∇f(x^i) = (…x^i…): the entry at the point, read at x
            mark = re.escape(point.group(1))
            entry = re.sub(rf"x\s*\^\s*(?:\{{\s*\(\s*{mark}\s*\)\s*\}}|\(\s*{mark}\s*\)|\{{\s*{mark}\s*\}}"
                           rf"|{mark}(?![A-Za-z]))", "x", entry)
        elif re.search(r"\(\s*(?!x\s*\))[^()]*\)\s*$", head):
            continue  # taken at some other argument: not the item's
        if re.search(r"[_^]\s*\{?\s*\(?\s*[ijkn](?![A-Za-z])", entry):
            continue  # still at an indexed point: not read at x
        found = LatexChain([spec.lhs or "", entry], True, spec.part)
    return found


_LEADING_OPERATOR = re.compile(r"\s*(?:\\displaystyle\s*)?[-+−·*/×]")
_LINE_MARKUP = re.compile(r"[\s$\\()\[\]>*_.,;:-]*")


def _kind_on_its_line(doc: Document, m: Span) -> str:
    """A math piece's kind, a bare inline formula that stands alone on its line ("\\(σ_1(u)(1−σ_1(u))\\)" under
    the part's words, a flashcard's back) read as the display it is: no fragment of a sentence."""
    body = doc.text[m.start:m.end]
    if m.kind != "inline" or "=" in body or _LEADING_OPERATOR.match(body):
        return m.kind  # (an equation names what it is; "−\\frac{…}" printed alone might go on from the one before)
    start = doc.text.rfind("\n", 0, m.start) + 1
    end = doc.text.find("\n", m.end)
    end = len(doc.text) if end < 0 else end
    alone = end - start < 2000 and _LINE_MARKUP.fullmatch(doc.text, start, m.start) is not None \
        and _LINE_MARKUP.fullmatch(doc.text, m.end, end) is not None
    return "display" if alone else m.kind


def _without_checked_value(eq: Equation) -> Equation:
    """An equation without the value a check puts after its formula ("| ∂f/∂w_2 | w_3σ_2(1−σ_2) | 0{,}2194 |"):
    the formula answers, every side after it worked out in numbers is left ("= 2·0.2273·0.6225 ≈ 0.2830"); when no
    side but the name is a formula, nothing is left out."""
    if eq.sides and _TICKED.search(eq.sides[-1]) and any(_TICK_FORMULA.search(side) for side in eq.sides) \
            and _NUMBERS_ONLY.fullmatch(value := _TICKED.sub("", eq.sides[-1])):
        eq = replace(eq, sides=[*eq.sides[:-1], value])  # "= 0.082114 \ ✓": a check's value ticked (a formula
        # ticked, "… = e^{-u}/(1+e^{-u})^2 \checkmark", is a verification: left as it is, for a person)
    formula = max((k for k, side in enumerate(eq.sides) if not _NUMBERS_ONLY.fullmatch(side)), default=0)
    if formula >= 1 and formula < len(eq.sides) - 1 \
            and all(_a_value(side) or worked_at_a_point(side) for side in eq.sides[formula + 1:]):
        return replace(eq, sides=eq.sides[:formula + 1])  # "= 2·0.2273·0.6225 ≈ 0.2830": worked out at a point
    approx = _APPROX_VALUE.search(eq.sides[-1]) if len(eq.sides) > 1 else None
    if approx and re.search(r"[A-Za-z∂σ]", eq.sides[-1][:approx.start()]):
        return replace(eq, sides=[*eq.sides[:-1], eq.sides[-1][:approx.start()]])  # "σ(x_2)σ(x_1) ≈ 0.2830"
    return eq


_TICK_FORMULA = re.compile(r"\\[A-Za-z]|[σ∂∇]|[A-Za-z]\s*\(|[A-Za-z]_")  # (a check in numbers alone keeps its tick)
_TICKED = re.compile(r"(?:\s|\\[ ,;:!]|\\q?quad)*(?:✓|✔|☑|✅|\\checkmark|\\(?:text|mathrm)\{\s*(?:✓|✔|ok|OK)\s*\})\s*$")
_APPROX_VALUE = re.compile(r"(?:\\approx|≈|(?<![\\\w])approx\b)\s*[-−]?\s*\d(?:[\d.,{}()\s·×*/^]|\\cdot|\\times){0,60}"
                           # then the check's own value beside it: "\ [0.162526]", "&&(\text{FD } 0.112066)"
                           r"(?:(?:\s|\\[ ,;:!]|\\q?quad|&){0,6}[\[(](?:[^\[\]()\n]|\\text\{[^{}\n]{0,30}\}){0,60}"
                           r"[\])])?\s*$")


def _named_later(doc: Document, spec: TextSpec, classify: Callable[[str], str | None],
                 forbid: Sequence[str]) -> LatexChain | None:
    """The item named again after its part, in another part's text or a remark ("### Remarks … the fixed version
    is $∂f/∂w_2 = …$"): its last such equation, read as the item's final word (the derivation's own sides stay
    before it, so a changed one goes to a person). Not one taken at a data point (``∂f(x^i)/∂w_2``: a step
    of the gradient), nor in code."""
    own = doc.segments[spec.part]
    siblings = [s for k, s in doc.segments.items() if k != spec.part and k.count(".") == 2
                and k.rsplit(".", 1)[0] == spec.part.rsplit(".", 1)[0] and spec.part.count(".") == 2]
    spans = [m for m in doc.math if m.start >= own.end and (
                 m.kind in ("display", "env", "inline")
                 or m.kind == "plain" and (_AFTERTHOUGHT.search(doc.text, max(0, m.start - 300), m.start)
                                           or _under_summary(doc.text, own.end, m.start)))
             and not any(c.start <= m.start < c.end for c in doc.code_spans)
             and not _QUOTE_BEFORE.match(doc.text[max(0, m.start - 2):m.start][::-1])  # '"$σ'(x)=…$"': a book's
             and not any(s.start <= m.start < s.end for s in siblings if not _names_sub_part(doc, m, spec.part))]
    if not spans or len(spans) > 400:
        return None
    found = None
    for eq in read_equations([doc.read(m) for m in spans], [m.kind for m in spans]):
        eq = _without_checked_value(eq)
        if len(eq.sides) < 2 or len(eq.sides[0]) > 120 or eq.defines or _AT_A_POINT.search(eq.sides[0]):
            continue
        if _tag_of(eq, classify) != spec.lhs or is_restatement(eq.sides[-1]) or _forbidden(eq.sides[-1], forbid) \
                or _A_REFERENCE.fullmatch(eq.sides[-1]) or _NUMBERS_ONLY.fullmatch(eq.sides[-1]) \
                or _INEQUALITY.search(eq.sides[-1]):  # "(\eqref{eq:dw1}, …)": points back, says nothing new;
            # "∂f/∂w_3 & 0{,}541144" in a later check's table: a value; "∂f/∂w_3 = σ_2 > 0": a sign, no formula
            continue
        found = LatexChain([spec.lhs or "", eq.sides[-1]], True, spec.part)
    own_letters = set(re.findall(r"(?<![A-Za-z\\])[a-z](?![A-Za-z])", doc.text[own.start:own.end]))
    if found is not None and set(re.findall(r"(?<![A-Za-z\\])[a-z](?![A-Za-z])", found.sides[-1])) - own_letters:
        return None  # "S'(t) = S(t)(1 − S(t))" recalled under another dummy letter: a reminder, not a new answer
    return found


_QUOTE_BEFORE = re.compile(r"\$?[\"“„«]")  # (read backwards from the math's start: a quotation mark just before)


# a heading that gathers answers given above ("## Summary of problem 1", "**Final answers**", "Summary of marginal
# effects (for my own reference):"), a line of its own
_SUMMARY_HEAD = re.compile(r"(?im)^[ \t]*(?:#{1,6}[ \t]+|\*\*|__|=head\d[ \t]+)?[^\n]{0,40}"
                           r"\b(?:summary|summari[sz]ed|recap|final\s+answers|answers\s+(?:at\s+a\s+glance|in\s+short)|zusammenfassung|r[ée]sum[ée]"
                           r"|resumen|riepilogo|resumo|samenvatting|podsumowanie|итог\w*|özet|összefoglal\w*|yhteenveto"
                           r"|kokkuvõte)\b(?:[^\n]{0,40}?(?:\*\*|__)?[ \t]*$|[^\n]{0,80}:[ \t]*$)")
_HEADING_LINE = re.compile(r"(?m)^[ \t]*(?:#{1,6}[ \t]+\S|\*\*[^*\n]{1,60}\*\*[ \t:]*$)[^\n]*$")


def _under_summary(text: str, start: int, at: int) -> bool:
    """Whether the line at ``at`` stands under a summary's heading written after ``start`` (a part's end), with no
    other heading between: a list there says the answers again, each to be compared with its part's."""
    region = text[max(start, at - 3000):at]
    summary = None
    for found in _SUMMARY_HEAD.finditer(region):
        summary = found
    return summary is not None and _HEADING_LINE.search(region, summary.end()) is None


_INEQUALITY = re.compile(r"[<>≤≥≠]|\\(?:[lg]eq?|[lg]eqslant|neq|ne|lt|gt)(?![A-Za-z])")
# "P.S. I just noticed …", "EDIT:": a later word on the answers above
_AFTERTHOUGHT = re.compile(r"(?:^|\n)[ \t]*(?:[Pp]\.?[ \t]?[Ss]\.?(?=[ \t:]|$)|(?:EDIT|UPDATE|[Cc]orrection)\b)")
_A_REFERENCE = re.compile(r"\s*\(?\s*\\(?:eq|auto|c|C)?ref\s*\{[^{}]{0,80}\}\s*\)?\s*")


_SUPERSEDES = re.compile(r"(?i)\b(?:correct(?:ion|ed)|errat(?:um|a)|revised|amended)\b")
_QUOTED = re.compile(r"``[^`'\n]{0,200}''|“[^”\n]{0,200}”|\"[^\"\n]{0,200}\"")  # the TA's words, quoted
_SUPERSEDE_DOUBT = re.compile(r"(?i)\?|\b(?:maybe|perhaps|not\s+sure|unsure|or\s+(?:rather|maybe)|either)\b")


def _superseding(doc: Document, after: int, final: str) -> bool:
    """Whether the later equation ending on ``final`` (after the part's end ``after``) stands under a correction's
    own words a few lines above it ("Correction to 1(b)(ii) … The answer to (ii) is"), with no doubt in them: it
    replaces the part's answer, its working withdrawn with it."""
    squeezed = _SPACE.sub("", final)
    for m in doc.math:
        if m.start < after or not _SPACE.sub("", doc.read(m)).rstrip(".,;").endswith(squeezed):
            continue
        lead = doc.text[max(after, m.start - 400):m.start]
        lead = lead[lead.rfind("\n\n") + 2:] if "\n\n" in lead else lead
        return bool(_SUPERSEDES.search(lead)) and not _SUPERSEDE_DOUBT.search(_QUOTED.sub(" ", lead))
    return False


def _names_sub_part(doc: Document, m: Span, part: str) -> bool:
    """Whether the words just before ``m`` name the sub-part ``part`` ("so (i) is $…$"): in a sibling's text,
    (ii) answers (ii), not (i) again, unless it says it is (i)'s."""
    label = re.escape(part.rsplit(".", 1)[-1])
    before = doc.text[max(0, m.start - 120):m.start]
    return re.search(rf"\(\s*{label}\s*\)(?!\s*\$?\s*\\?[=(])[^.$]{{0,40}}\$?\s*$", before, re.IGNORECASE) is not None


_AT_A_POINT = re.compile(r"[_^]\s*\{?\s*\(?\s*(?:[ijkn]|[1-9])\s*\)?\s*\}?\s*\)|\(\s*x\s*[_^]")  # f(x^i), x_i

_NAMED_ENTRY = re.compile(r"\\partial|\\nabla|∂|∇|\\frac\s*\{\s*d|\\text|\\mathrm\s*\{\s*d\s*\}|\bd[A-Za-z]+/d")


def _numbered_answer(doc: Document, segment: Span, spec: TextSpec,
                     classify: Callable[[str], str | None]) -> LatexChain | None:
    """The equation a part's "Answer:" line names as the item's by its number ("Answer: $∂_{w_1}f$ is (4)"), read
    as the item's final answer; None where the line names no such number."""
    from grader.reading.pointers import answers_by_number

    for name, m in answers_by_number(doc, segment):
        if classify(name) != spec.lhs:
            continue
        eqs = read_equations([doc.read(m)], [m.kind])
        if eqs and len(eqs[0].sides) >= 2 and classify(eqs[0].sides[0]) in (spec.lhs, None):
            return LatexChain([spec.lhs or "", eqs[0].sides[-1]], True, spec.part)
    return None


def _with_final(chain: LatexChain | None, final: LatexChain | None) -> LatexChain | None:
    """A part answered again later (a summary of final answers, a fix): the later answer is the one graded,
    and the derivation's sides stay before it as steps, so a summary that disagrees with its derivation
    never gets full marks (a right step before a wrong final side, or the reverse, goes to a person)."""
    if final is None or chain is None:
        return chain or final
    if HEDGE in chain.sides[-1]:  # "σ(z₂) (or σ(z₂)(1−σ(z₂))? not sure)", then a table of σ(z₂): the part left two
        return chain  # answers open, and a later list of one of them does not say the other was withdrawn
    last = final.sides[-1]
    if re.sub(r"\s+", "", last) == re.sub(r"\s+", "", chain.sides[-1]) or is_restatement(last) \
            or (worked_at_a_point(last) or _NUMBERS_ONLY.fullmatch(last)) and HEDGE not in last:
        return chain  # (a value at a point, "∂f/∂w_3 = 0.8119" in a check's list, is no answer said again)
    return LatexChain([*chain.sides, last], chain.named, chain.part)


_PROSE_GAP = re.compile(r"(?:[^\W\d_]{2,}\W+){3}")  # three words or more: a new sentence, not a line break


def _words_between(doc: Document, spans: list[Span], texts: list[str]) -> list[str]:
    """"∇L = (…)^T, and the update with learning rate `lr` $=\alpha$": inline math that starts with ``=`` after a
    sentence of words says what the words before it name; it goes on no equation before it."""
    out = list(texts)
    for k in range(1, len(spans)):
        if spans[k].kind == "inline" and out[k].lstrip().startswith("=") \
                and _PROSE_GAP.search(doc.text, spans[k - 1].end, spans[k].start):
            out[k] = out[k].lstrip()[1:]
    return out


# "…, so derivative is" at a line's end: the words name the math after them, a new equation (never "… the chain rule
# gives" / "· σ(x2)(1 − σ(x2))": a factor the line multiplies in)
_LEADS_TO = re.compile(r"\b(?:derivative|answer|result)[ \t]+(?:is|equals|comes[ \t]+out[ \t]+as)[ \t]*:?[ \t]*$",
                       re.IGNORECASE)


# words that say what the answer is, right before its inline formula: "the same thing is", "so it equals", "gives"
_SAID_TO_BE = re.compile(r"(?i)\b(?:is|are|equals|gives|becomes|becoming|get|obtain|ist|est|es|è|é|wird|ergibt)"
                         r"(?:\s+(?:just|simply|then|also|again|exactly))?\s*:?\s*$"
                         r"|[^\W\d_][ \t]*[:：][ \t]*$|(?:->|→|=>|⇒)[ \t]*$"  # "in terms of σ: $…$", "→ $…$"
                         # "최종 답은 $…$", "答えは $…$", "答案是 $…$", "ответ $…$", "равно $…$": the same in words
                         r"|(?:답|결과|값)[은는이가][ \t]*$|(?:答え|結果)[はが][ \t]*$"
                         r"|(?:答案|结果|結果)[是为為][ \t]*$"
                         r"|(?<![\w])(?:равно|равна|ответ)[ \t]*$")


# a bracket of definitions set beside an answer: "(z1 = w1 x, a1 = σ1(z1), z2 = w2 a1, a2 = σ2(z2))"
_DEFINED_ASIDE = re.compile(r"\s*\(\s*[A-Za-zσ]\w{0,3}\s*=[^=(),]*(?:\([^()]*\)[^=(),]*)*"
                            r"(?:,\s*[A-Za-zσ]\w{0,3}\s*=[^=(),]*(?:\([^()]*\)[^=(),]*)*)+\)\s*")


def _named_then_said(doc: Document, spans: list[Span], texts: list[str], lhs: str,
                     classify: Callable[[str], str | None]) -> tuple[list[Span], list[str]]:
    """"$∂f/∂w_3$ is just what $w_3$ multiplies: $σ_2(z) = σ(w_2σ(w_1x))$": the quantity named in inline math, words
    that end in a colon, then the formula: one equation, the quantity its left side."""
    for i in range(len(spans) - 2, -1, -1):
        a = spans[i]
        if a.kind != "inline" or "=" in texts[i] or i + 1 >= len(spans) or classify(texts[i].strip()) != lhs:
            continue
        for j in range(i + 1, min(i + 4, len(spans))):  # (a symbol in the words between: "what $w_3$ multiplies")
            b = spans[j]
            words = _DELIMITERS.sub(" ", doc.text[a.end:b.start])
            if len(words) > 90 or "\n" in words.rstrip().strip("$ "):  # (the formula may stand on its own line)
                break
            if _SAID_COLON.fullmatch(words.replace("$", "")) and not _SUBJECT_NEXT.match(doc.text, b.end) \
                    and not _in_open_aside(doc.text, a.start):
                texts = [*texts[:i], f"{texts[i]} = {texts[j]}", *texts[j + 1:]]
                spans = [*spans[:i], Span(a.start, b.end, b.kind), *spans[j + 1:]]
                break
    return spans, texts


# "… is just what $w_3$ multiplies:", "… equals:", "… is simply:": words from a quantity to its value, a colon last
# ("$∂σ_1/∂u$ expressed with $\exp$:" over it, or "=" alone)
_SAID_COLON = re.compile(r"(?i)\s*(?:is|equals|becomes|reads|comes\s+out\s+as"
                         r"|(?:expressed|written)\s+(?:with|as|in|using)|in\s+terms\s+of)\b[^\n.;]{0,70}:\s*|\s*=\s*")
# "… is the big fraction above: $\frac{e^{-x_2}}{…}$ is $σ'(x_2)$": the formula after the colon is the subject of
# its own statement, not the value the words announced
_SUBJECT_NEXT = re.compile(r"[$)\\\]]*[ \t]*(?:is|are|equals|=)(?![\w=])")


def _in_open_aside(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a bracket opened earlier on its line ("(the raw form of $∂f/∂w_1$ is …")."""
    before = re.sub(r"\\[()]", "", text[text.rfind("\n", max(0, pos - 400), pos) + 1:pos])  # (not MathJax's \( \))
    return before.count("(") > before.count(")")


_DELIMITERS = re.compile(r"\\[()\[\]]")


def _said_to_be(doc: Document, spans: list[Span], eq: Equation) -> bool:
    """Whether ``eq`` is the part's last math, an inline formula (not a bare name) that the words before it say the
    answer is; an earlier piece of math of the part ends before those words."""
    if not spans or spans[-1].kind != "inline" or len(eq.sides) != 1:
        return False
    last = spans[-1]
    if _SPACE.sub("", doc.read(last)) != _SPACE.sub("", eq.sides[0]) or not _FORMULA_OPERATOR.search(eq.sides[0]):
        return False
    line_start = doc.text.rfind("\n", 0, last.start) + 1
    start = max(line_start, spans[-2].end if len(spans) > 1 else line_start)
    words = re.sub(r"[$\\()]", " ", doc.text[start:last.start])
    if len(spans) > 1 and spans[-2].kind == "inline" and spans[-2].end > line_start and "=" not in doc.read(spans[-2]) \
            and len(words.split()) <= 3:
        return False  # "$∂x_2/∂w_2$ is just $σ_1(x_1)$": the words say what the math before them is, not the answer
    end = doc.text.find("\n", last.end)
    after = doc.text[last.end:len(doc.text) if end < 0 else end].strip(" $\\).")
    after = _COPULA_AFTER.sub("", after)  # "…$입니다.", "…$ です。": the sentence's own end
    return _SAID_TO_BE.search(words) is not None and not after


_COPULA_AFTER = re.compile(r"^(?:입니다|이다|임|です|である|だ)?[ \t]*[。.!！]?$")


_FORMULA_OPERATOR = re.compile(r"[-+*/^(]|\\(?:frac|cdot|left|big)")
# "$∂f/∂w_1 = B$, so the same derivative is $C$": the words after the answer conclude another formula from it
_CONCLUDES = re.compile(r"[ \t]*[,;]?[ \t]*(?:so|hence|thus|therefore|which\s+gives|giving|i\.\s?e\.|that\s+is|"
                        r"which\s+(?:simplifies|reduces|comes)\s+to|which\s+is)[ \t,]+"
                        r"(?:[^\W\d_]+[ \t]+){0,5}?(?:is|equals|becomes|gives|reads)?[ \t]*:?[ \t]*$", re.IGNORECASE)


_MATH_CLOSE = re.compile(r"\$+|\\[\])]|\\end\{[a-z]+\*?\}|\\begin\{[a-z]+\*?\}")


def _concluded_after(doc: Document, spans: list[Span], chosen: Equation, forbid: Sequence[str]) -> list[str]:
    """The formula the words right after the chosen answer conclude from it, on its line ("…$, so the same
    derivative is $C$") or opening the next ("$$A$$" / "Which simplifies to $C$."): C is the answer's last side,
    so B and C never differ unseen (a person compares them)."""
    tail = _SPACE.sub("", chosen.sides[-1])
    for k in range(len(spans) - 1):
        m, nxt = spans[k], spans[k + 1]
        if not _SPACE.sub("", doc.read(m)).endswith(tail):
            continue
        between = _MATH_CLOSE.sub("", doc.text[m.end:nxt.start])
        if between.count("\n") > 2 or len(between) > 120 or (m.kind != "inline" or nxt.kind != "inline") and not (
                between.count("\n") and between.lstrip()[:1].isalpha()):  # "$$A$$" / "Which simplifies to $C$."
            continue
        if _CONCLUDES.fullmatch(" ".join(between.split()) + " " if "\n" in between else between) is None:
            continue
        c = doc.read(nxt).strip()
        if c and not re.search(r"=|\\(?:leftarrow|gets|to|rightarrow)\b|[←→]", c) and _FORMULA_OPERATOR.search(c) \
                and not is_restatement(c) and not _forbidden(c, forbid):
            return [c]
    return []


_ANOTHER_EQUATION = re.compile(r"=|\\(?:leftarrow|gets|to|rightarrow|mapsto)\b|[←→↦]")
# words just before a later formula that make it the final one: "the final form is $C$", "final: $C$", "which after
# all carries the factor $w_3$: $C$", "Which expands to $C$"
_FINAL_WORD = re.compile(r"(?i)(?:\b(?:final(?:ly)?|in\s+the\s+end|after\s+all|second\s+thoughts?|on\s+reflection)\b"
                         r"[^$\n]{0,60}"
                         r"|\b(?:expands?\s+to|simplif\w*\s+to|reduces?\s+to|rewritten\s+as|becomes"
                         r"|\b(?:the|my|our)\s+(?:derivative|gradient|answer|result|update|form)\s+is)"
                         r"[ \t]*(?:just|simply|then|now)?[ \t]*:?"
                         r"|\b(?:fix|correct)\w*\b[^$\n]{0,40}(?:\bis|:))[ \t]*$")  # ("fixed for descent, is $C$")
_COMPUTED = re.compile(r"[-+*/^·×]|\\(?:frac|cdot|times|exp|sigma)")  # a formula, not a label "(i)" or a name


def _final_said_after(doc: Document, spans: list[Span], chosen: Equation, forbid: Sequence[str]) -> list[str]:
    """A formula a few words after the chosen answer, in its part, that those words call final ("$$A$$" / "Using the
    chain rule once more, the final form is $C$."): C is the answer's last side, so A and C never differ unseen."""
    tail = _SPACE.sub("", chosen.sides[-1])
    at = next((k for k, m in enumerate(spans) if _SPACE.sub("", doc.read(m)).endswith(tail)), None)
    if at is None:
        return []
    for k in range(at + 1, min(len(spans), at + 4)):
        m = spans[k]
        if m.start - spans[at].end > 600 or m.kind not in ("inline", "plain") \
                or _ANOTHER_EQUATION.search(re.sub(r"_\{[^{}]*\}", "", doc.read(m))):
            break  # (the next equation, another answer's: what follows is its own)
        start = max(spans[at].end, doc.text.rfind("\n", 0, m.start) + 1)
        words = _MATH_CLOSE.sub("", re.sub(r"\$[^$\n]{1,200}\$", "X", doc.text[start:m.start]))  # (math: a name)
        c = doc.read(m).strip()
        if _FINAL_WORD.search(words) and _COMPUTED.search(c) and not _A_PIECE.search(words) \
                and not is_restatement(c) and not _forbidden(c, forbid) and _SPACE.sub("", c) != tail:
            return [c]
    return []


# "Correction: the last factor should be $σ_1'(x_1)$": a piece of the answer, not the whole of it
_A_PIECE = re.compile(r"(?i)(?:factors?|terms?|pieces?|parts?|exponents?|numerators?|denominators?)[^$\n]{0,40}$")


def _led_by_words(doc: Document, spans: list[Span]) -> frozenset[int]:
    """The plain lines whose math the words before them lead to (see :func:`read_equations`)."""
    return frozenset(k for k in range(1, len(spans)) if spans[k].kind == "plain"
                     and doc.read(spans[k]).lstrip()[:1] in ("-", "−")
                     and _LEADS_TO.search(doc.text[max(spans[k - 1].end, spans[k].start - 80):spans[k].start].strip()))


def _expression_in(doc: Document, segment: Span, spec: TextSpec, classify: Callable[[str], str | None] | None,
                   forbid: Sequence[str], summary: bool = False) -> LatexChain | None:
    """The equation that answers the item inside one labelled segment (see :func:`find_expression`).

    ``summary``: the part said again in a list or table of final answers, where a lone inline formula
    (``| 1(d) | $\\sigma_2(x_2)$ |``) is the whole answer, not a fragment in words."""
    part = spec.part
    spans = [m for m in doc.math_spans(part, segment) if not _a_reason(doc, m)]
    spans = [m for m in spans if not _a_check(doc, m)] or spans  # the part's only equation is its answer
    spans = [m for m in spans if not _program_aside(doc, m)] or spans
    spans = [m for m in spans if not _DEFINED_ASIDE.fullmatch(doc.read(m))] or spans  # "a2   (z1 = w1 x, …)"
    texts = _words_between(doc, spans, [doc.read(m) for m in spans])
    if spec.lhs and classify is not None:
        spans, texts = _named_then_said(doc, spans, texts, spec.lhs, classify)
    found = [_closed(e) for e in read_equations(texts, [_kind_on_its_line(doc, m) for m in spans],
                                                _led_by_words(doc, spans))
             if any(s for s in e.sides)]
    if not found:
        return None
    marks = {_SPACE.sub("", t) for m, t in zip(spans, texts, strict=True) if _MARKED_BEFORE.search(
        doc.text, max(doc.text.rfind("\n", 0, m.start) + 1, m.start - 60), m.start)}
    found = [replace(e, marked=True) if _SPACE.sub("", e.sides[-1]) in marks else e for e in found]
    found = [_arrow_named(e, classify) for e in found if not _dependency_path(e)]
    found = [_without_checked_value(e) for e in found]
    if not found:
        return None
    tagged = [(_tag_of(e, classify), e) for e in found]
    tagged = [(spec.lhs if tag is None and bare_name_of(e, spec, classify) else tag, e) for tag, e in tagged]
    tagged = [named_last(tag, e, spec, classify) for tag, e in tagged]
    if not spec.key:  # "| (i) exp | e^-u/(1+e^-u)^2 |": a row's words in a part no key names, the row's formula alone
        tagged = [(None, replace(e, sides=e.sides[1:])) if tag and tag.startswith("key:") and len(e.sides) > 1
                  else (tag, e) for tag, e in tagged]
    if spec.lhs:
        naming = [e for tag, e in tagged if tag == spec.lhs or _keyed_as(tag, spec)] \
            or [e for tag, e in tagged if tag == f"{DEFINITION}:{spec.lhs}"]  # a definition of what is asked
        said_again = [e for e in naming if e.again]
        naming = [e for e in naming if not e.again] or naming  # the answer as first said
        naming = [e for e in naming if not (_AT_NUMBER.search(e.sides[0]) and all(_NUMBERS_ONLY.fullmatch(x)
                                                                                for x in e.sides[1:]))]
        naming = [e for e in naming if not _AT_NUMBER.search(e.sides[0])] or naming  # "check: σ'(0) = 1/4"
        # ("σ'(0) = 0{,}5·0{,}5 = 0{,}25": a check worked out in numbers alone never answers)
        naming = [e for e in naming if not (e.kind == "inline" and _NUMBER.fullmatch(e.sides[-1]))
                  and not _a_value(e.sides[-1])] or naming  # "sanity check: ∇L = (-0.2008, 0.3599, …)"
        naming = _in_form(naming, forbid)
        naming = [e for e in naming if not AT_ARGUMENT.search(e.sides[0])] or naming  # "σ1′(u) = σ1(u)(1 − σ1(u)).
        # In my shorthand σ1′(x1) = p(1 − p) and σ2′(x2) = q(1 − q)": the answer, then its uses at the network's nodes
        naming = [e for tag, e in tagged if e in naming and not (tag and tag.startswith("key:")
                                                                 and not re.search(r"[A-Za-z]", e.sides[-1]))] \
            or naming  # "grad = [0, 0, 0]" before a loop adds to it: a program's start, not its answer
        vector = _components([(tag, e.sides) for tag, e in tagged], spec)
        if naming and (vector is None or any(not is_restatement(e.sides[-1]) for e in naming)):
            chosen = _last_explicit(naming)
            fixed = _fixed_below(doc, texts, spans, chosen, found)  # "A" / "no wait, w2 is missing:" / "B"
            again = [e.sides[-1] for e in said_again if found.index(e) > found.index(chosen)
                     and _SPACE.sub("", e.sides[0]) == _SPACE.sub("", chosen.sides[0])  # the same, again
                     and not is_restatement(e.sides[-1]) and e.sides[-1] != chosen.sides[-1]
                     and not _a_value(e.sides[-1])  # (a check's row "∂f/∂w3 & 0{,}54": a value)
                     and not _forbidden(e.sides[-1], forbid)]  # the other form said too ("σ(1−σ), i.e. e^{-u}/…")
            # "A \quad\text{i.e.}\quad B": B said again after the answer is its last side, so the two never differ
            # unseen (a right answer restated wrongly, or the reverse, goes to a person)
            before = _worked_before(naming, chosen)
            # "I got two things for df/dw2, leaving both": words of doubt are about an item the part answers twice,
            # or about the one answer of a part that asks for one
            doubted = spec.answers <= 1 or len({_SPACE.sub("", e.sides[-1]) for e in naming}) > 1 \
                and not _doubt_about_another(doc, segment, spec.lhs, classify)
            said = _said_before(naming, chosen)  # "the right one is ∂f/∂w2 = A", then "∂f/∂w2 = B": A is a step
            first = list(dict.fromkeys(e.sides[-1] for e in said if not _self_fixed(doc, texts, spans, e, chosen)))
            # (unless words between the two, "(scratch that, …)", "Actually:", "~~…~~", say which one is final);
            # every one of them: the last may be a step of the chosen answer's own derivation, split off at "⟹"
            after = vector is not None and not first and _components_after(tagged, chosen, spec)
            worked = vector if after or vector is not None and not first and _components_before(
                tagged, chosen, spec) else None
            if after and _GENERIC_INDEX.search(chosen.sides[0]) and _BY_INDEX.search(chosen.sides[-1]):
                # ∂L/∂w_j = Σ 2(f − y) ∂f/∂w_j, then each ∂L/∂w_j worked out: the entries are the answer (the
                # general form always equals the reference: it can rescue nothing)
                return worked
            if worked is not None:
                first = [worked.sides[-1]]  # ∇L = …, then a table of ∂L/∂w_j: the entries are a step of the answer
            again = again or _concluded_after(doc, spans, chosen, forbid) \
                or _final_said_after(doc, spans, chosen, forbid)
            if fixed is not None:  # B replaces A: A is taken back, not a step of B
                return _unfinished(doc, segment, LatexChain([chosen.sides[0], fixed], True, part), words=doubted,
                                   beside=spec.answers > 1)
            return _unfinished(doc, segment, LatexChain([chosen.sides[0], *before[-1:], *first,
                                                         *chosen.sides[1:], *again[-1:]], True, part), words=doubted,
                               beside=spec.answers > 1)
        if vector is not None:  # ∇L = (∂L/∂w₁, …) restated, each component worked out on its own
            return vector
        if any(tag and not tag.startswith(DEFINITION) for tag, _ in tagged):  # the part names its equations, not this
            return None
    candidates = [e for tag, e in tagged if not tag and not is_definition(e)]
    if not candidates and len(tagged) == 1 and tagged[0][0] == DEFINITION \
            and ("(" in found[0].sides[0] or _D_NAME.fullmatch(found[0].sides[0])
                 or _NODE_NAME.fullmatch(found[0].sides[0])) \
            and not found[0].defines and _only_math(doc, segment, spans):
        candidates = [found[0]]  # "d) σ2(x2) = σ(w2σ(w1x))", all a part holds: its answer, said twice (or
        # "1d: o = g(w2*g(w1*x))": the hand-in's own name for it, with what it is)
    if spec.lhs and (spec.answers or 1) > 1:  # "∂g/∂x_2 = σ'(x_2)", "partial x_2 \/ partial w_2 = h" among a
        # part's several answers: a local derivative, a step (a part of one answer, "ds/du = …", keeps its own)
        candidates = [e for e in candidates if len(e.sides) < 2 or not _LOCAL_DERIVATIVE.search(e.sides[0])
                      or _OF_MODEL.search(e.sides[0])]
    candidates = [e for e in candidates if len(e.sides) < 2 or not all(
        _NUMBERS_ONLY.fullmatch(side) and re.search(r"\d", side) for side in e.sides)]  # "1/2 · 1/2 = 1/4": a check
    if spec.lhs and any(_DERIVATIVE.search(e.sides[0]) or _TWO_ARGUMENTS.search(e.sides[0])
                        for e in candidates if len(e.sides) > 1):
        return None  # it names its equations in a way not read here (\pp{f}{w_1}): by position would be a guess
    named = [e for e in candidates if len(e.sides) > 1 and (e.sides[0].strip() or spec.answers <= 1)]
    named = [e for e in named if e.kind != "inline"] or named  # a display over a fact said in passing
    # ("   = w3 …", a line that goes on from a left side not read, names none of a part's two answers)
    alone = [e for e in candidates if len(e.sides) == 1 and e.kind != "inline"
             and not (summary and e.kind == "cell")]  # a summary's cells: by position only when one is left
    if not named and not alone and len(candidates) == 1 and (summary or (
            _only_math(doc, segment, spans) and not is_restatement(candidates[0].sides[-1])
            and (spec.answers <= 1 or candidates[0].sides[0].strip()))):  # (a line that goes on, in a part of two:
        # which answer it ends is unsaid)
        alone = candidates  # "**1d** $\sigma_2(x_2)$": an answers-only line, the formula is the whole answer
    elif not named and not alone and (len(candidates) == spec.answers > 1 if spec.answers else len(candidates) > 1) \
            and not summary \
            and _only_math(doc, segment, spans) \
            and not any(is_restatement(e.sides[-1]) or _LONE.fullmatch(e.sides[-1]) for e in candidates):
        alone = candidates  # "(e) $…$ ; $…$": the answers alone, in the order the part asks for them
    if not named and not alone and candidates and (spec.answers or 1) <= 1 and not summary \
            and _said_to_be(doc, spans, candidates[-1]):
        alone = [candidates[-1]]  # "(ii) and since $A = B$, the same thing is $σ(u)(1-σ(u))$": what the words say it is
    if spec.answers and not named and len(alone) > spec.answers:
        return None  # "1d  σ2(x2) ; w3·σ2(x2)": more answers written alone than the part asks for, a hedge
    pool = named if spec.part in doc.shared else named or alone  # a range's text: its answers by name only
    marked = [e for e in named + alone if e.marked]
    if (spec.answers or 1) <= 1 and len(marked) == 1 and spec.part not in doc.shared:
        pool = marked  # "(i) ──→ [ans] e^{-u}/(1+e^{-u})^2", then a step towards (ii): the one it marks
    if pool is alone and (spec.answers or 1) > 1 and len(pool) > 1:
        led = _led_by_key(doc, spans, texts, pool, spec.key)  # "For $w_1$:" over each bare display: by its words
        if led is not None:
            return _unfinished(doc, segment, LatexChain(led.sides, False, part)) if led.sides else None
        at = _order_said(doc, segment, spans, texts, pool, spec)  # "… w.r.t. $w_1$ and $w_2$ are, respectively,"
        if at is not None:
            return _unfinished(doc, segment, LatexChain(pool[at].sides, False, part)) if at >= 0 else None
    if spec.index < len(pool):
        eq = pool[spec.index]
        if spec.lhs and len(eq.sides) > 1 and _other_index(eq.sides[0], spec.lhs):
            return None  # "∂f_∂w₁ = …" second where the part asks for w₂ second: by position would be a guess
        return _unfinished(doc, segment, LatexChain(eq.sides, len(eq.sides) > 1, part))
    return None


def _led_by_key(doc: Document, spans: list[Span], texts: list[str], pool: list[Equation],
                keys: Sequence[str]) -> Equation | None:
    """Of a part's bare formulas, each under words that name the weight it is for ("For $w_1$:", "with respect to
    $w_2$"), the one for this item (an empty one where the words name other weights only): the words decide, not
    the order the part asks in. None when some formula has no such words (then position decides)."""
    ours = {k.lower() for k in keys if _KEY_WORD.fullmatch(k.lower())}
    if not ours:
        return None
    compact = [_SPACE.sub("", t) for t in texts]
    named: list[set[str]] = []
    for eq in pool:
        at = next((k for k, t in enumerate(compact) if t == _SPACE.sub("", eq.sides[0])), None)
        if at is None:
            return None
        start = spans[at].start
        line_start = doc.text.rfind("\n", 0, start)
        above = doc.text.rfind("\n", 0, max(0, line_start - 1)) if doc.text[line_start - 1:line_start] == "\n" \
            else line_start
        lead = doc.text[max(0, above - 200, doc.text.rfind("\n", 0, max(0, above)) + 1):start].replace("$", "")
        said = {f"{m.group(1)}{m.group(2)}".lower() for m in _KEY_SAID.finditer(lead[-200:])}
        if len(said) != 1:
            return None
        named.append(said)
    if len({next(iter(n)) for n in named}) != len(named):
        return None
    return next((eq for eq, n in zip(pool, named, strict=True) if n & ours), Equation([]))


def _order_said(doc: Document, segment: Span, spans: list[Span], texts: list[str], pool: list[Equation],
                spec: TextSpec) -> int | None:
    """Where the words before a part's bare formulas name its weights in an order of their own ("the derivatives
    with respect to $w_1$ and $w_2$ are, respectively,", "I give ∂f/∂w₁ first"): the index of this item's formula
    in that order when the words say it is the order (-1 when they name another order without saying so: a
    person reads it); None when they agree with the part's own order or name none."""
    ours = [k.lower() for k in spec.key if _KEY_WORD.fullmatch(k.lower())]
    first = next((k for k, t in enumerate(texts) if _SPACE.sub("", t) == _SPACE.sub("", pool[0].sides[0])), None)
    if not ours or first is None:
        return None
    words = doc.text[segment.start:spans[first].start][-600:].replace("$", "").translate(_SUBSCRIPT_DIGITS)
    stem = ours[0][:-1]
    order = list(dict.fromkeys(f"{m.group(1)}{m.group(2)}".lower() for m in _WEIGHT_NAMED.finditer(words)
                               if m.group(1).lower() == stem))
    if ours[0] not in order or len(order) != len(pool) or order.index(ours[0]) == spec.index:
        return None
    return order.index(ours[0]) if _IN_ORDER.search(words) else -1


_WEIGHT_NAMED = re.compile(r"(?<![A-Za-z\\])([A-Za-z]{1,2})\s*_?\s*\{?\s*(\d)(?!\d)")
_IN_ORDER = re.compile(r"(?i)\b(?:respectively|in\s+(?:this|that|the\s+same)\s+order)\b"
                       r"|\b(?:give|write|list|put|start\s+with|begin\s+with)\b[^.\n]{0,80}?\bfirst\b")


# (possessive quantifiers: linear on a run of blanks)
_OR = re.compile(rf"(?:\s|&nbsp;|\\[,;:!]|\\q?quad\b)*+[—–,;-]?\s*+[\[(]{{0,2}}\s*+(?:(?:unsure|not\s+sure)[,:]?\s*+)?"
                 rf"(?:{OR_WORDS})[:,]?"
                 r"(?:\s|&nbsp;|\\[,;:!]|\\q?quad\b)++(?=\$|\\\()", re.IGNORECASE)  # "$A$ \; or \; $B$", "[(or $B$"


# "$A$    |    $B$", "$A$    //    $B$": a bar or slashes set apart between two formulas offer the second
_SET_APART = re.compile(r"[ \t]{2,}(?:\||/{1,2})[ \t]{2,}(?=\$|\\\()")
_ENV_END = re.compile(r"(?:\\\\|\\end\{[a-z]{1,12}\*?\})+$")  # an environment's last row ends where its \end is
_TRAILING_SPACE = re.compile(r"(?:\\q?quad|\\[,;:! ])+$")  # "\( A \quad \) or \( \quad B \)": spacing after A
_ALNUM = re.compile(r"[\W_]+")  # all but letters and digits: a formula compared across dialects
HEDGE = " \\mathrm{or} "  # joins two answers offered for one: a side no reading takes, sent to a person
# the words before a formula on its line that say it is the answer ("Answer: …", "[ans] …", "Final result:")
_MARKED_BEFORE = re.compile(rf"(?i)(?:\b{ANSWER_WORDS}|\bans\.?|\bfinal\s+result|\bfinal)[ \t]*[:：=][ \t*_]*$")
_CLOSING = re.compile(r"\$+|\\\)|\s*(?:\\\]|\\end\{(?:equation|align|gather|displaymath|multline)\*?\})")


_MOST_ENDINGS = 24  # pieces ending with the answer looked around for a hedge: a part writes it a few times


def hedged(doc: Document, segment: Span, last: str, *, words: bool = True) -> str | None:
    """``A or B`` when the math piece that ends with ``last`` is followed on its line or the next by "or" (or
    "maybe", "perhaps", …) and another one, or comes after another one and "or" ("either $A$ or $B$"); with
    ``words``, the answer of a part whose words say the student does not know which of two answers is right
    (the caller says whether those words can be about this answer)."""
    if words and _doubted_from_outside(doc, segment):
        return f"{last}{HEDGE}{_DOUBTED_SHOWN}"  # "(b) {>>not sure about the sign in (i)<<}", or beside (ii)
    if words and segment.end - segment.start < 20_000 \
            and _WHICH_ONE.search(COMMENT_DOUBT.sub(_beside_its_answer, doc.text[segment.start:segment.end])):
        return f"{last}{HEDGE}{_WHICH_ONE_SHOWN}"  # "… I got e^(u)/… and I don't know which sign is right"
    if words and _two_options(doc.text[segment.start:segment.end][:20_000]):
        return f"{last}{HEDGE}{_OPTIONS_SHOWN}"  # "Variant 1: $A$ … Variant 2 (if …): $B$"
    tail = re.sub(r"\s+", "", last)
    inside = [(k, m, re.sub(r"\s+", "", doc.text[m.start:m.end])) for k, m in enumerate(doc.math)
              if segment.start <= m.start < segment.end]  # each piece without its spaces, made once
    ending = [(k, m) for k, m, bare in inside
              if tail and _TRAILING_SPACE.sub("", _ENV_END.sub("", bare).rstrip("$")).endswith(tail)]
    if not ending and (loose := _ALNUM.sub("", last).lower()):  # read through a dialect ("E^(-u)", "s[u]")
        ending = [(k, m) for k, m, bare in inside if _ALNUM.sub("", bare).lower().endswith(loose)]
    if not ending and tail:  # a piece read through a dialect ("alpha*grad_L" read as "\alpha\nabla L"): as read
        from grader.expressions.tokens import from_exports

        ending = [(k, m) for k, m, _ in inside if _SPACE.sub("", from_exports(doc.read(m))).endswith(tail)]
    if not ending and len(tail) >= 12:  # a plain line whose start was rewritten ("∑i=1,2" read as "Σi"): its end
        ending = [(k, m) for k, m, bare in inside if m.kind == "plain" and bare.endswith(tail[-12:])]
    for k, m in ending[-_MOST_ENDINGS:]:  # (a line of thousands of "$σ$": each is searched around, the last few)
        line_end = doc.text.find("\n", m.end)
        line_stop = len(doc.text) if line_end < 0 else line_end
        if any(m.end <= a < line_stop for a, _ in doc.doubted):
            return f"{last}{HEDGE}{_DOUBTED_SHOWN}"  # "| 1(b)(ii) | $σ(1-σ)$ | not sure, maybe $σ(1+σ)$ |"
        lead_start = doc.text.rfind("\n", 0, max(0, doc.text.rfind("\n", 0, m.start) - 1)) + 1
        lead = doc.text[max(lead_start, m.start - 300, segment.start):m.start]
        if lead.rstrip(" \t$\n\\[").endswith(":") and RESTRICTED_BEFORE.search(lead):
            return f"{last}{HEDGE}{_TAKEN_BACK_SHOWN}"  # "The update, with $w_1$ held constant: $$…$$"
        next_end = _next_line_end(doc.text, line_end)
        closing = _CLOSING.match(doc.text, m.end)
        after = closing.end() if closing else m.end  # past the piece's own delimiter
        further = _next_line_end(doc.text, next_end) if next_end >= 0 else -1  # "$A$\n[(or\n$B$?": "or" alone between
        below = doc.text[line_stop:next_end].strip() if next_end >= 0 else ""
        aside = below.startswith("(") and not _LABEL_OPENS.match(below)  # an aside under it, not the next "(ii)"
        if _ALLOWED.search(doc.text, after, next_end if aside else line_stop):
            return f"{last}{HEDGE}{_WHICH_ONE_SHOWN}"  # "$A$ (or without the x, $B$, either should work)"
        if 0 <= line_end < next_end <= segment.end and _doubted_below(doc.text[line_end + 1:next_end]):
            return f"{last}{HEDGE}{_WHICH_ONE_SHOWN}"  # "df/dw2 = A" then "    A·w2 ?" or "(times w2 ??)" under it
        row = doc.text[doc.text.rfind("\n", 0, m.start) + 1:m.start].lstrip().startswith("|")  # a table's cells
        hedge = _OR.match(doc.text, after, len(doc.text) if further < 0 else further) \
            or (None if row else _SET_APART.match(doc.text, after, line_stop)) \
            or _PUT_RIGHT_AFTER.match(doc.text, after, line_stop)  # "$A$, I mean $B$": two offered, a person decides
        if hedge:
            other = next((n for n in doc.math if 0 <= n.start - hedge.end() <= 3), None)
            if other is not None:
                return f"{last}{HEDGE}{doc.text[other.start:other.end].strip('$')}"
        elif len(tail) >= 4 and (offered := _offered_plain(doc.text, after, line_stop)) is not None:
            return f"{last}{HEDGE}{offered}"
        rest_of_line = doc.text[after:line_stop].strip()
        if (asked_too := _asked_instead(doc, after, line_stop if rest_of_line else next_end)):  # this line or the next
            return f"{last}{HEDGE}{asked_too}"
        said = doc.text[after:line_stop]
        worded = _WORDED_ASIDE.search(doc.text, m.start, m.end) if m.kind == "plain" else None
        if worded is not None and _TAKEN_BACK.search(worded.group(1)):  # "w ← w − α∇L (with ∇L taken with opposite
            return f"{last}{HEDGE}{_TAKEN_BACK_SHOWN}"  # sign)": a plain line's own aside that changes it
        short = len(said) < 600  # an aside after an answer is short: a long line is never searched back and forth
        if short and (led := _ASIDE_ARROW.search(said)) and _ASKED_SIGNS.search(led.group(1)) \
                and not _SAME_THING.search(said, led.start(), led.start(1)):  # ("(same thing; no overflow for u → −∞)")
            return f"{last}{HEDGE}{led.group(1).strip()}"  # "σ2(x2) (differentiating it as well → σ2(x2)(1−σ2(x2)))"
        if short and (asked := _BRACKET_ASKED.match(said)) and _ASKED_SIGNS.search(asked.group(1)):
            return f"{last}{HEDGE}{asked.group(1).strip()}"  # "A   [B?]": another formula offered with a question
        if (doubted := _second_in_doubt(doc, after, said)) is not None:
            return f"{last}{HEDGE}{doubted}"  # "$A$, $B$ (not sure which one)"
        if short and BUT_IN_WORDS.search(said[:160]) and PROSE_SCRIPT.match(said.lstrip(" \t$)(*،,")):
            return f"{last}{HEDGE}{_TAKEN_BACK_SHOWN}"  # "$A$ یعنی همان عبارت ولی بدون x" (… but without the x)
        if short and (_DOUBT.search(said.split(". ")[0][:120]) or _TRAILING_DOUBT.search(said.split(". ")[0][:120])):
            return f"{last}{HEDGE}{_DOUBTED_SHOWN}"  # "dσ/du = σ(u)(1 − σ(u))  not sure about this", "… (?)", "… 🤔"
        clause = said.split(". ")[0][:300]
        lead = " ".join(clause.split()[:8])  # words right after it, not a remark's further on
        if (_TAKEN_BACK.search(said.split(". ")[0]) and not _ALREADY_FIXED.search(said)) or _CHANGED_TO.search(said) \
                or RESTRICTED.search(said.split(". ")[0]) \
                or (said[:1] in ",;" and operation_named(clause) and not _JUSTIFIED.match(clause)) \
                or (operation_named(lead) and not _REASON_LEAD.match(clause) and not _SAME_SAID.search(clause)):
            return f"{last}{HEDGE}{_TAKEN_BACK_SHOWN}"  # "$A$, but I drop the 2", "…, which we still scale by w3",
            # "$A$ multiplied by $w_3$", "$A$ (times $w_3$)", "$A$ mal $w_3$": words that change the answer
        start_next = min(line_stop + 1, len(doc.text))
        window = doc.text[start_next:start_next + 2000]
        following = start_next + len(window) - len(window.lstrip())  # where the next line of words starts
        if m.kind != "plain" and following < segment.end and _OPERATION_LEAD.match(doc.text, following) \
                and not _SAME_SAID.search(doc.text[following:doc.text.find("\n", following) % (len(doc.text) + 1)]):
            return f"{last}{HEDGE}{_TAKEN_BACK_SHOWN}"  # "$A$" then, under it, "multiplied by $w_3$ of course"
        below = doc.text[line_stop + 1:next_end] if next_end > line_stop else ""
        if (questioned := _questioned_other(doc, after, next_end if next_end > line_stop else line_stop, tail)):
            return f"{last}{HEDGE}{questioned}"  # "← 근데 … $σ(1+σ)$ 가 나온 것 같기도 함??": another one, asked
        if doubting_comment(said) or doubting_comment(below):
            return f"{last}{HEDGE}{_DOUBTED_SHOWN}"  # "s'[u] = -E^(-u)/(1 + E^(-u))^2   (* sign?? *)", "# or: …"
        before = doc.math[k - 1] if k else None
        if before is not None and before.start >= segment.start \
                and (_BETWEEN_OR.fullmatch(doc.text, before.end, m.start)
                     or _COMMENT_OR.fullmatch(doc.text, before.end, m.start)):
            return f"{doc.text[before.start:before.end].strip('$')}{HEDGE}{last}"
    if ending:  # later in the part, after the answer's first line: "so I leave the $x$ off in my final answer",
        # "EDIT: the minus should be a plus": a change said in words, which no formula shows (looked for once)
        k, m = ending[0]
        line_end = doc.text.find("\n", m.end)
        line_stop = len(doc.text) if line_end < 0 else line_end
        named = next((n for _, n in ending if _DERIVATIVE.search(doc.text[n.start:n.end].rsplit("=", 1)[0])), m)
        if line_stop < segment.end and _changed_in_words_after(doc, segment, line_stop, m, named.end) is not None:
            return f"{last}{HEDGE}{_TAKEN_BACK_SHOWN}"
    return None


def _changed_in_words_after(doc: Document, segment: Span, after: int, answer: Span, last: int) -> str | None:
    """A sentence after the answer, in its part, that says in words that an answer changes ("so I leave the $x$ off
    in my final answer"); not one followed by a formula with the answer's own left side (the change written out,
    which is read). ``last``: where the piece that names the answer ends (in a problem without labels, the words
    after it up to the next heading are the answer's own)."""
    part = next((k for k, s in doc.segments.items() if s == segment), "")
    own = _SPACE.sub("", doc.read(answer).split("=")[0]) if "=" in doc.read(answer) else None
    if own == "":  # "= w3·σ2(x2)(1 − σ2(x2))·σ1(x1)": a chain's last row, its left side the row's above
        own = _left_side_above(doc, segment, answer)
    stop = min([segment.end, *(at for _, at in doc.labels if after < at < segment.end)])  # the next part's label
    rule = len(doc.text)  # where a later update rule stands ("w ← w ∓ α∇L"): words after it about its sign ("not
    if own is not None and not _ASSIGNED.search(own):  # sure if it is minus or plus") are about it, not the gradient
        rule = next((m.start for m in doc.math if after <= m.start < stop and _ASSIGNED.search(doc.read(m))), rule)
    if not part:  # a problem read without labels: "### ∂out/∂w1" opens another answer's section (not "## Errata")
        heading = next((h for h in _NEXT_HEADING.finditer(doc.text, max(after, last), stop)
                        if not _LATER_WORD_TITLE.match(doc.text, h.end())), None)
        stop = heading.start() if heading is not None else stop
    for offset, sentence in change_sentences(doc.text[after:stop], part):
        if _OLD_VERSION.search(sentence):
            continue  # "EDIT (v2): v1 had … without the minus. The line above is the corrected one": the history
        if _in_same_aside(doc.text, after + offset) or elsewhere_only(sentence):
            continue  # "(Same function as e^(-u)/(1+e^(-u))^2, … For very positive u it's the other way around …)",
            # "In some courses the loss is ½Σ(y−f)², and then the 2 cancels": another convention
        if after + offset > rule and _ABOUT_THE_STEP.search(sentence) and not _ABOUT_THE_SUM.search(sentence):
            continue
        if _in_numeric_row(doc.text, after + offset) \
                or _FORMULAS_FINE.search(doc.text, after + offset, after + offset + len(sentence) + 300):
            continue  # "| w1 | | −0.26220 (not sure?) ← no wait … redo |": a check's number doubted, not the formula
        stop_at = _SENTENCE_STOP.search(doc.text, after + offset + 1, after + offset + 800)
        whole = doc.text[after + offset:stop_at.end() if stop_at else after + offset + 800]  # (not cut at 120)
        if own and _names_only_another(whole, own):
            continue  # "The derivative by the middle weight should have …" under ∂f/∂w1: about ∂f/∂w2
        if own and _another_weight_between(doc, own, after, after + offset) \
                and not _names_weight(sentence, own) and not _BOTH_LINES.search(sentence):
            continue  # "∂f/∂w2 = A", then "∂f/∂w1 = B or C (maybe x shouldn't be there??)": about ∂f/∂w1 (not
            # "For $w_2$ the last factor is σ1'", nor "the labels of these two lines are the other way round")
        start = after + offset + len(sentence)
        following = next((m for m in doc.math if start <= m.start < segment.end), None)
        if own and following is not None and "=" in (said := doc.read(following)) \
                and _SPACE.sub("", said.split("=")[0]) == own:
            continue
        return sentence
    return None


def _left_side_above(doc: Document, segment: Span, answer: Span) -> str:
    """The left side of the chain a row opening with "=" goes on: the nearest row above it in its part that has one."""
    above = [m for m in doc.math if segment.start <= m.start and m.end <= answer.start][-3:]
    for m in reversed(above):
        said = doc.read(m)
        if "=" in said and (lhs := _SPACE.sub("", said.split("=")[0])):
            return lhs
    return ""


_BY_WEIGHT = re.compile(r"∂[ \t]*w[ \t_{]*([1-9])|\\partial[ \t{]*w[ \t_{]*([1-9])|\bd[ \t]*w[ \t_{]*([1-9])")


_FORMULAS_FINE = re.compile(r"(?i)\b(?:the\s+)?formulas?\s+(?:is|are)\s+(?:fine|right|correct|ok(?:ay)?)\b")


def _in_numeric_row(text: str, pos: int) -> bool:
    """Whether ``pos`` is in a table row that holds a number with decimals (a check's table, not an answer's)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    row = text[start:end if end >= 0 else len(text)]
    return row.lstrip().startswith("|") and re.search(r"\d\.\d", row) is not None


_BOTH_LINES = re.compile(r"(?i)\b(?:labels?|lines?|swap\w*|switch\w*|other\s+way|(?:the|these|those)\s+two"
                         r"|both\s+(?:lines|formulas|answers|derivatives|equations)|first|second|former|latter|either"
                         r"|neither|each|above|earlier|previous|upper|top)\b|\bmixed\s+up\b"
                         r"|\b(?:one\s+)?before\s+(?:this|that|it)\b")  # (or another one: "the one before this")


def _weights_of(lhs: str) -> set[str]:
    """The digits of the weights a left side differentiates by ("∂f/∂w_2": {"2"})."""
    return {next(g for g in m.groups() if g) for m in _BY_WEIGHT.finditer(lhs)}


def _names_weight(sentence: str, own: str) -> bool:
    """Whether a sentence names the weight the answer's own left side differentiates by ("For $w_2$ …", "the middle
    weight", "the 2nd weight")."""
    said = sentence.translate(_SUBSCRIPT_DIGITS)
    return any(re.search(rf"[wW][ \t_{{]*{k}(?!\d)", said)
               or k in _ORDINAL_WEIGHT and re.search(_ORDINAL_WEIGHT[k], said) for k in _weights_of(own))


_ORDINAL_WEIGHT = {k: re.compile(rf"(?i)\b(?:{words})[ \t-]+weight\b") for k, words in (
    ("1", "first|1st|inner(?:most)?"), ("2", "second|2nd|middle"), ("3", "third|3rd|last|outer(?:most)?"))}


def _another_weight_between(doc: Document, own: str, start: int, end: int) -> bool:
    """Whether an equation between ``start`` and ``end`` names a derivative by another weight than the answer's
    own left side ``own`` does ("∂f/∂w1 = …" after "∂f/∂w2 = …"): words after it are about that one."""
    mine = _weights_of(own)
    if len(mine) != 1:
        return False
    for m in doc.math[bisect.bisect_left([s.start for s in doc.math], start):]:
        if m.start >= end:
            break
        if "=" in (said := doc.read(m)) and (theirs := _weights_of(said.split("=")[0])) and not theirs & mine:
            return True
    return False


_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)|\n")


def _sentence_at(text: str, found: re.Match[str]) -> str:
    """The sentence, on its line, that holds ``found``."""
    line_start = text.rfind("\n", 0, found.start()) + 1
    end = _SENTENCE_STOP.search(text, found.end(), found.end() + 400)
    pieces = re.split(r"(?<=[.!?])\s", text[line_start:end.start() if end else found.end() + 400])
    return next((p for p in reversed(pieces) if p.strip()), "")


def _names_only_another(sentence: str, own: str) -> bool:
    """Whether a sentence names another weight than the one ``own`` differentiates by, and not that one ("The
    derivative by the middle weight should have …" after ∂f/∂w1)."""
    mine = _weights_of(own)
    if len(mine) != 1 or _names_weight(sentence, own):
        return False
    said = sentence.translate(_SUBSCRIPT_DIGITS)
    return any(k in _weights_of(said) or _ORDINAL_WEIGHT[k].search(said)
               or re.search(rf"(?i)\b(?:for|about|wrt|w\.r\.t\.?|respect\s+to)[ \t$\\(]*[wW][ \t_{{]*{k}(?!\d)",
                            said)
               for k in "123" if k not in mine)  # (the other weight as what is differentiated by, not a factor)


def _in_same_aside(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a bracketed aside that opens by saying the answer is the same as another form
    ("(Same function as …, I just like this form more: …)"): an explanation, whatever its later words say."""
    pos += len(text[pos:pos + 40]) - len(text[pos:pos + 40].lstrip())
    if text[pos:pos + 1] == "(":
        return _SAME_OPENING.match(text, pos + 1) is not None  # the sentence opens the aside itself
    depth = 0
    for k in range(pos - 1, max(-1, pos - 1_000), -1):  # the bracket left open before pos (not one of "e^(-u)")
        if text[k] == ")":
            depth += 1
        elif text[k] == "(":
            if depth == 0:
                return _SAME_OPENING.match(text, k + 1) is not None
            depth -= 1
    return False


_SAME_OPENING = re.compile(r"\s*(?:this\s+is\s+|it'?s\s+|that'?s\s+)?(?:the\s+)?"
                           r"(?:same|equivalent|identical|i\.\s?e\.)\b",
                           re.IGNORECASE)
_ASSIGNED = re.compile(r"\\leftarrow|\\gets|←|:=|\\coloneqq")
_ASSIGNED_SPLIT = re.compile(rf"{_ASSIGNED.pattern}|=")  # an equation's left side ends at an arrow or "="
_ABOUT_THE_STEP = re.compile(r"(?i)\b(?:minus|plus|sign|ascent|descent|downhill|uphill|learning\s+rate)\b"
                             r"|[∓±]|\\mp|\\pm")
_ABOUT_THE_SUM = re.compile(r"(?i)\b(?:sum|terms?|points?|samples?|examples?|factor|components?|gradient|bracket)\b"
                            r"|\by\s*[−-]\s*f|\bf\s*[−-]\s*y")


# a sentence about an earlier version of the answer ("v1 said …", "my first draft had …", "originally I wrote …"):
# what the answer was, not a change still to make to it
_OLD_VERSION = re.compile(rf"\b(?:{OLD_VERSION}|before\s+the\s+fix)\b[^.\n]{{0,40}}?\b{OLD_VERSION_SAID}\b"
                          r"|\b(?:the\s+)?(?:line|formula|version|one)\s+above\s+is\s+(?:the\s+)?(?:corrected|fixed|final|right)",
                          re.IGNORECASE)
_NEXT_HEADING = re.compile(r"\n[ \t]{0,3}#{1,6}[ \t]|\n[ \t]*\\(?:sub)*section\*?\s*\{")
_LATER_WORD_TITLE = re.compile(r"[*_ \t]*(?:\d+[.)]?[ \t]*)?(?:errat\w*|correct\w*|fix\w*|edit\w*|notes?\b|remarks?\b"
                               r"|addend\w*|nachtrag|korrektur|p\.?\s?s\b|changes?\b|summary|final\s+answers?\b"
                               r"|(?:later|late)\s+\w+)", re.IGNORECASE)  # (its title's first words)
_OR_PLAIN = re.compile(rf"[ \t]*+(?:[—–,;]|\.{{2,3}}|…)?[ \t]*+(?:(?:hmm+|hm|wait|um+|uh|eh|ah)[ \t]*+[,.!]*+[ \t]*+)?"
                       rf"[(\[]?[ \t]*+(?:{OR_WORDS})(?:[ \t]*+[:,])?[ \t]++"  # "… hmm, or is it B?" (possessive)
                       r"(?:[^\W\d_][^\W\d_ \t]*(?:[ \t]+[^\W\d_]+){0,5}[ \t]*,[ \t]+"  # "— or, counting w3, B"
                       r"|(?:it[ \t]+)?(?:should|could|might|would|must)[ \t]+be[ \t]+|it'?s[ \t]+|it[ \t]+is[ \t]+)?",
                       # "or maybe it should be B"
                       re.IGNORECASE)
# the words that take the answer back, then another formula: "$A$, I mean $B$", "$A$ — that's wrong, …: $B$"
_TAKEN_BACK_LEAD = rf"[ \t]*+(?:--|[—–,;:(.-])?[ \t]*+(?:{TAKE_BACK})\b"
_PUT_RIGHT_AFTER = re.compile(rf"{_TAKEN_BACK_LEAD}[^$\n]{{0,80}}?(?=\$|\\\()", re.IGNORECASE)  # (math after)
_PUT_RIGHT_PLAIN = re.compile(rf"{_TAKEN_BACK_LEAD}[ \t]*+[:,]?[ \t]*+", re.IGNORECASE)  # (plain text after)
_SLASH_APART = re.compile(r"[ \t]{2,}/[ \t]{2,}")  # "A   /   B  (not sure which)": a slash set apart is no division
_ASKED_SIGNS = re.compile(r"[*/^+\-−·×σ√=]|\\[a-z]+|\bexp\b")
_FORMULA_SIGNS = re.compile(r"[()*/^+\-−·×σ√]|\\[a-z]+|\bexp\b")


def _offered_plain(text: str, start: int, end: int) -> str | None:
    """``df/dw1 = A   or   B  (not sure …)`` in plain text: "or" (or "or maybe", …, or a slash set apart) after
    the answer on its line, then a formula, is another answer offered for the same item."""
    m = _OR_PLAIN.match(text, start, end) or _SLASH_APART.match(text, start, end) \
        or _PUT_RIGHT_PLAIN.match(text, start, end)  # "sigma2(x2)   hmm no: w3 · sigma2(x2)"
    if m is None:
        return None
    rest = text[m.end():end]
    if m.re is _SLASH_APART and re.match(r"[\w∂∇/′']{1,10}[ \t]*:", rest):
        return None  # "w2: A  /  w1: B": the next item's answer, by its name
    run = math_run(rest)
    if run is None:
        return None
    other = rest[run[0]:run[1]].strip()
    return other if len(other) >= 3 and _FORMULA_SIGNS.search(other) else None


# a part's words that say two answers were found and none chosen
_WHICH_ONE = re.compile(r"\b(?:(?:don'?t|do\s+not|didn'?t)\s+know\s+which|not\s+sure\s+which|which\s+(?:one|sign|form|"
                        r"version|of\s+(?:the|these|those)\s+two)\s+is\s+(?:right|correct)|one\s+of\s+(?:those|these)\s+two"
                        r"\b|weiß\s+nicht,?\s+welche|je\s+ne\s+sais\s+pas\s+laquelle|no\s+sé\s+cuál"
                        r"|(?:leav(?:e|ing)|keep(?:ing)?|giv(?:e|ing))\s+both\b|(?:je\s+)?donne\s+les\s+deux|doy\s+(?:las\s+dos|ambas)"
                        r"|gebe\s+beide|do\s+entrambe|dou\s+as\s+duas|để\s+cả\s+hai|deixo\s+(?:as\s+)?duas|dejo\s+(?:las\s+)?dos"
                        r"|je\s+(?:laisse|garde)\s+les\s+deux|lasse\s+beide|lascio\s+entrambe|\bboth\s+(?:versions|options|answers|results)\b"
                        r"|\b(?:got|have|get|found)\s+two\s+(?:different\s+)?(?:things|answers|results|versions|options)\b"
                        r"|\btwo\s+(?:different\s+)?(?:attempts|tries|candidates)\b|\bthey\s+(?:don'?t|do\s+not)\s+agree\b"
                        r"|\bno\s+idea\s+(?:who|which(?:\s+one)?)\s+is\s+right\b|\b(?:can'?t|cannot|couldn'?t)\s+tell\s+which"
                        r"|\bnot\s+sure\s+who\s+is\s+right\b|\b(?:could\s*n[o']?t|can\s*n[o']?t|cannot)\s+decide\b"
                        r"|둘\s*중[^.\n]{0,12}?(?:확실하지|모르겠)|どちらが正しいか(?:分から|わから)|不确定哪个|不確定哪個"
                        r"|لست\s+متأكد\w*\s+أي|לא\s+בטוח\w*\s+איזה|مطمئن\s+نیستم\s+کدام"  # "not sure which" in Arabic,
                        # Russian, Polish, Turkish, Chinese, Japanese: "which of the two is right", "leaving both"
                        r"|как(?:ой|ая|ое)\s+из\s+(?:двух|них)|оставляю\s+(?:оба|обе)|не\s+знаю,?\s+как(?:ой|ая|ое)"
                        r"|któr[ya]\s+z\s+(?:dwóch|nich)|zostawiam\s+(?:oba|obie)|hangisi(?:nin)?\s+doğru|ikisini\s+de"
                        r"|两个都|哪个(?:是)?对|哪一个(?:是)?对|両方(?:を)?残|どちらが正しい"
                        # Hebrew, Persian
                        # "… would also be fine", "σ1(x1) is also acceptable", "either works": another answer allowed
                        r"|\b(?:would|could|might|is|are)\s+(?:also|equally)\s+(?:be\s+)?(?:fine|ok(?:ay)?|acceptable|valid)\b"
                        r"|\beither\s+(?:one\s+|form\s+|way\s+)?works\b|\b(?:could|would|might)\s+work\s+(?:as\s+well|too)\b"
                        rf"|{ALSO_ALLOWED})",
                        re.IGNORECASE)
# a line that opens one of several answers offered: "Option 1:", "Variant 2 (if …):", "Версія B", "Варіант 1:"
_OPTION_LEAD = re.compile(r"^[ \t>*_#•-]*(?:\(?[a-h]\)[ \t]+|[a-h][.:][ \t]+)?"
                          r"(?:options?|variant[ea]?|versions?|possibilit(?:y|é)|alternatives?|candidates?|cases?|ways?|tr(?:y|ies)|approach(?:es)?|solutions?|ansatz"
                          r"|attempts?|guess|opci[oó]n|opzione|varianta?|варіант|вариант|версія|версия|wariant|možnost"
                          r"|seçenek|phương\s+án|pilihan|möglichkeit|tentativa|intento|tentative|选项|方案|オプション|案)"
                          r"[ \t]*(?P<which>[1-9]|[A-Da-d]|I{1,3})[ \t]*(?:[:.)]|\(|$)", re.IGNORECASE | re.MULTILINE)
_OPTIONS_SHOWN = "\\text{(your answer is given as options, none chosen)}"


def _two_options(text: str) -> bool:
    """Whether a part's text offers its answer as two or more numbered options ("Option 1: … Option 2: …")."""
    return len({m.group("which").upper() for m in _OPTION_LEAD.finditer(text)}) >= 2


_WHICH_ONE_SHOWN = "\\text{(your words say two answers were found, none chosen)}"
_LABEL_OPENS = re.compile(r"\((?:[a-h]|[ivx]{1,4})\)(?![ \t]*(?:or|maybe|perhaps|oder|ou|o)\b)")  # "(ii) …": a
# part's label opening the line (not a footnote's "(1)", not "(b) or …")
_OTHER_PART = re.compile(r"\((?:[a-h]|i{1,3}|iv)\)|\b(?:part|for|about|in)[ \t]+\(?(?:[a-h]|i{1,3}|iv)\b",
                         re.IGNORECASE)


def _doubted_from_outside(doc: Document, segment: Span) -> bool:
    """Whether a doubting comment outside this sub-part is about it: set on its part's heading ("(b) {>>not sure
    about (i)<<}"), or beside another sub-part's answer and naming this one ("for (i) I am not sure")."""
    if COMMENT_DOUBT.search(doc.text) is None:
        return False
    key = next((k for k, s in doc.segments.items() if s == segment), None)
    parent = doc.segments.get(key.rsplit(".", 1)[0]) if key and key.count(".") >= 2 else None
    if key is None or parent is None:
        return False
    own = re.escape(key.rsplit(".", 1)[1])
    names = re.compile(rf"\(\s*{own}\s*\)|\b(?:part|for|about|in)[ \t]+\(?{own}\b", re.IGNORECASE)
    for m in COMMENT_DOUBT.finditer(doc.text, parent.start, min(parent.end, parent.start + 20_000)):
        if segment.start <= m.start() < segment.end:
            continue
        inside_other = any(s.start <= m.start() < s.end for k, s in doc.segments.items()
                           if k.startswith(key.rsplit(".", 1)[0] + ".") and k != key)
        if not inside_other or names.search(m.group()):
            return True
    return False


def _beside_its_answer(m: re.Match[str]) -> str:
    """A doubting comment set beside an answer doubts that answer only (it is dropped from the words read for the
    whole part); one on a line with no formula, or naming another part ("for (i) I am not sure"), stays."""
    line = m.string[m.string.rfind("\n", 0, m.start()) + 1:m.start()]
    beside = "$" in line or "=" in line or "\\(" in line
    return "" if beside and not _OTHER_PART.search(m.group()) else m.group()
# a line of math (no equation of its own) under an answer, offered with a doubt: "w3 s(x2)(1 - s(x2)) w2 s(x1) ?",
# "(times w2 ??)", "hmm w3 … w2 s(x1) maybe"
_DOUBT_BELOW = re.compile(r"\?|(?<![\w-])(?:hmm+|maybe|perhaps|not(?:\s+\S+){0,2}?\s+sure|unsure|idk|dunno|no\s+idea|"
                          r"vielleicht|peut-être|quizás|forse|"
                          r"może|возможно|也许|아마)(?![\w-])", re.IGNORECASE)


def _doubted_below(line: str) -> bool:
    """Whether a line under an answer offers it changed, in doubt: math alone with a question mark or a doubting
    word ("w3 s(x2)(1 - s(x2)) w2 s(x1) ?"), or a short aside of an operation ("(times w2 ??)"); no equation of
    its own (the next answer's), no label, no sentence (a remark in words doubts nothing it changes)."""
    body = line.strip()
    if body.startswith("(note:") and _DOUBT_BELOW.search(body) and (
            changes_formula(body.split("?")[0]) or _TAKEN_BACK.search(body.split("?")[0])):
        return True  # a plain text's note "<!-- maybe without the w2? not sure -->" under the answer
    if not 0 < len(body) <= 200 or "=" in body or _DOUBT_BELOW.search(body) is None \
            or re.match(r"[|*#>•-]|[(\[]?\s*(?:[1-9]\s*)?\(?[a-h]\)", body):
        return False
    aside = re.search(r"\([^()]{0,80}\)\s*$", body)
    if aside is not None and _DOUBT_BELOW.search(aside.group()) and body[:aside.start()].strip():
        body = body[:aside.start()]  # "w3 … x   (not 100% sure about the w2)": the formula, doubted aside
    rest = _DOUBT_BELOW.sub(" ", body).strip(" ()[].,;:!")
    words = rest.split()
    if not words:
        return False
    if all(_mathlike(w) for w in words) and _FORMULA_OPERATOR.search(rest):
        return True
    return body.startswith("(") and len(words) <= 4 and changes_formula(rest)


_ALLOWED = re.compile(ALSO_ALLOWED, re.IGNORECASE)  # right after an answer: about that answer
# words after an answer, on its line, that take it back or change it ("…$, but I drop the 2", "where I take α<0")
# "=… ⋅x     ← forgot the ∂x_1/∂w_1=x, fixed": what the line lacked, put in on this line (it is the fix; not "fixed
# below", which points at another line)
_ALREADY_FIXED = re.compile(r"(?i)[,;:—–(-][ \t]*(?:now[ \t]+)?(?:fixed|corrected|added|redone|included)(?:[ \t]+(?:now"
                            r"|here|on\s+this\s+line))?[ \t.!)]*$")
_TAKEN_BACK = re.compile(r"\b(?:but|however|except|although|though|instead|actually|drop(?:ped|ping)?|without\s+the|"
                         r"ignor\w*|absorb\w*|aber|mais|pero|ma|maar|men|(?:the\s+)?other\s+way\s+a?round|revers\w*|"
                         r"swapp\w*|flipp\w*|opposite|umgekehrt|à\s+l'envers|al\s+revés|negat\w*|uphill|invert\w*|"
                         r"along\s+(?:it|the\s+gradient)"
                         # "<-- still needs the w2", "(left out the $w_3$)", "… forgot the x": what it lacks
                         r"|(?:first|second|one)\s+(?:data\s+)?(?:point|sample)\s+only|only\s+(?:over\s+|for\s+)?(?:the\s+)?"
                         r"(?:first|one)\s+(?:data\s+)?(?:point|sample)"
                         r"|still\s+needs?|needs?\s+(?:an?|the|one|another)\s+(?:extra\s+|more\s+)?(?:factor|\$|\\\(|\w{1,3}\b)"
                         r"|missing|left\s+out|lacks?|forg[oe]t\w*\s+(?:the|an?|one|another|its|my|to\s+(?:multiply|add|"
                         r"include|divide|put\s+(?:in\s+)?(?:the|an?)\b)))\b"
                         r"|(?:\\alpha|α|\\eta|η)\s*\$?\s*<\s*0",
                         re.IGNORECASE)
# "$w - α∇L$ (update: after checking, we ascend, so it is $+α$)": words after the answer that give another formula
_CHANGED_TO = re.compile(r"\b(?:so\s+it\s+(?:is|'s)|it\s+should\s+(?:be|read)|should\s+(?:be|read)|must\s+be"
                         r"|is\s+actually|it\s+becomes)\s*(?:\$|\\\()", re.IGNORECASE)
_WORDED_ASIDE = re.compile(r"\(([^()\n]*[^\W\d_]{3,}[^()\n]*)\)\s*$")  # "… (with ∇L taken the other way)" at the end
# words after an answer that say why it is what it is, or define its names: no operation on it
_REASON_LEAD = re.compile(r"[\s$.)]*(?:\[[a-z]{1,2}\]\s*)?[,;:—–→-]*\s*"  # (after a comment's mark "[a]")
                          r"(?:because|since|as|given|where|basically|meaning|i\.\s?e\.|that\s+is"
                          r"|with\s+(?:x|u|h|a|z|s|σ)\w*\s*="
                          r"|for\s+(?:all|each|every)"
                          r"|weil|da|car|porque|perché|поскольку|так\s+как)\b", re.IGNORECASE)
# an operation said as a check or another form of the same answer: "(multiply out: … ✓)", "multiply top and bottom
# by $e^{2u}$: $= …$, same thing"
_SAME_SAID = re.compile(r"(?:^|:)\s*\$?\s*=|✓|✔|\bsame\b|equivalent|\bcheck|top\s+and\s+bottom|numerator|denominator"
                        r"|num\.|denom\.|verif|cancel|\binner\b|\bouter\b|\brule\b|derivative\s+of|:\s*$"
                        r"|haut\s+et\s+(?:en\s+)?bas|num[ée]rateur|d[ée]nominateur|oben\s+und\s+unten|z[äa]hler|nenner"
                        r"|arriba\s+y\s+abajo|numerador|denominador|sopra\s+e\s+sotto"
                        r"|같은|동일|분자|분모|同じ|分子|分母|相同|一样|一樣|同样|同樣",
                        re.IGNORECASE)
# a line under the answer that begins with an operation on it: "multiplied by $w_3$ of course", "times x"
_OPERATION_LEAD = re.compile(r"[ \t>*_]*(?:and\s+|then\s+|still\s+)?(?:multipl\w*|times|divided|halved|squared"
                             r"|all\s+over"
                             r"|mal\b|умнож\w*)", re.IGNORECASE)
_TAKEN_BACK_SHOWN = "\\text{(words after the answer change it)}"
# "…, because $w_3$ only multiplies $σ_2(h_2)$": why the answer is what it is, not an operation on it ("…, since it
# is still multiplied by w3" speaks of the answer itself: it may change it)
_JUSTIFIED = re.compile(r"[,;]\s*(?:because|since|as|given\s+that)\b"
                        r"(?![^.]*\b(?:it|this|that|the\s+(?:result|answer|whole|expression|formula))\b)",
                        re.IGNORECASE)
# a program's comment beside or under the answer that doubts it (:func:`plain_math.doubting_comment`)
_DOUBTED_SHOWN = "\\text{(a comment after the answer doubts it)}"
_DOUBT = re.compile(r"\bnot\s+sure\b|\bunsure\b|\bwhich\s+one\b|\?|\bweiß\s+nicht\b|\bpas\s+sûr|\bno\s+estoy\s+segur"
                    r"|\bnão\s+(?:sei|tenho\s+certeza)|\bnon\s+(?:ne\s+)?sono\s+sicur|\bniet\s+zeker|\bnie\s+jestem\s+pew|не\s+уверен"
                    r"|не\s+впевнен|不确定|不確定|確信がない|わからない|확실하지|모르겠|emin\s+değil|(?:không|chưa)\s+chắc|ไม่แน่ใจ"
                    r"|tidak\s+yakin|مطمئن\s+نیستم|متأكد|निश्चित\s+नहीं|nejsem\s+si\s+jist|nem\s+vagyok\s+biztos"
                    r"|inte\s+säker|nu\s+sunt\s+sigur|δεν\s+είμαι\s+σίγουρ|en\s+ole\s+varma|לא\s+בטוח|እርግጠኛ\s+አይደለሁም"
                    r"|არ\s+ვარ\s+დარწმუნებული|\buncertain\b|\bnot\s+certain\b|\bunsicher\b|\bno\s+lo\s+tengo\s+claro"
                    r"|\btwijfel|\bquizás?\b|🤔", re.IGNORECASE)


_TRAILING_DOUBT = re.compile(r"(?i)\b(?:hopefully|probably|maybe|perhaps|idk|dunno|no\s+idea)\b")


# an aside after the answer whose words lead by an arrow to another formula
_SAME_THING = re.compile(r"(?i)\b(?:same|equivalent|identical|gleich|même|mismo|misma|stesso|stessa)\b"
                         r"|同じ|같은|相同|一样")  # an aside that says the answer is the same, rewritten
_ASIDE_ARROW = re.compile(r"[(\[][^()\[\]\n]*?(?:→|->|=>|⇒|\\to\b|\\Rightarrow\b|\\rightarrow\b)"
                          r"[ \t]*([^\n]*?)[ \t]*[)\]][ \t.,;]*$")
# "A   [w3·σ2′(x2)·w2?]": a bracket after the answer holding a formula and a question mark, nothing else
_BRACKET_ASKED = re.compile(r"[ \t]*[\[(][ \t]*([^\n]*?)[ \t]*\?+[^\[\]()\n?]{0,40}[\])][ \t.]*$")  # "[B ?? not sure]"


# "… oppure va messo anche il fattore $B$? Non ne sono sicura": a line that opens with "or", offers another formula
# in words and doubts it
_OR_OPENS_LINE = re.compile(r"\s*(?:[-*•+][ \t]+)?(?:(?:hmm+|hm|well|wait|um+|uh)[,.…!]*\s*)?(?:\.{2,3}|…)?\s*"
                            r"(?:or|oppure|oder|ou|o|ó|of|или|lub|albo|veya|hoặc|或者?|还是"
                            r"|または|또는|혹은|eller|nebo|vagy|sau|або|чи|atau|tai|alternativ\w*|otherwise)(?![\w'])",
                            re.IGNORECASE)  # "- or, counting the last layer too: B (?)": a list item opens with it too
_WHERE_LINE = re.compile(r"\s*(?:where|with|here|wo|mit|où|avec|donde|con|dove)\b[^\n]*(?:\n|$)", re.IGNORECASE)
# words after that "or" that take the answer up again: "Or, thinking about it once more, it is B"
_RECONSIDERED = re.compile(r"\b(?:thinking|second\s+thought|once\s+more|again|actually|rather|instead|was\s+it|is\s+it"
                           r"|maybe|perhaps|possibly|depending)\b", re.IGNORECASE)


def _asked_instead(doc: Document, after: int, stop: int) -> str | None:
    """The formula a line right after the answer offers in its place, opening with "or" and doubting it."""
    text = doc.text[after:stop if stop > after else len(doc.text)][:400]
    if (where := _WHERE_LINE.match(text)) is not None:  # "where x₂ = …" between: the line after it
        after += where.end()
        end = _next_line_end(doc.text, after if doc.text[after - 1:after] != "\n" else after - 1)
        text = doc.text[after:end if end > after else len(doc.text)][:400]
    lead = _OR_OPENS_LINE.match(text)
    if lead is None or not (_DOUBT.search(text) or _RECONSIDERED.search(text, lead.end(), lead.end() + 80)):
        return None
    other = [n for n in doc.math if after + lead.end() <= n.start < after + len(text)]
    return doc.text[other[-1].start:other[-1].end].strip("$") if other else None


def _questioned_other(doc: Document, start: int, end: int, tail: str) -> str | None:
    """Another formula in the words right after the answer (its line or the next) with a question mark after it on
    its line ("but working it out myself I get $σ(1+σ)$?? must recheck the sign", in any language): offered, asked
    about, and not chosen."""
    if end - start > 600:
        return None
    for n in doc.math if "?" in doc.text[start:end] else []:
        if start <= n.start and n.end <= end and n.kind == "inline" and not _leads_elsewhere(doc, start, n.start):
            other = doc.text[n.start:n.end].strip("$")
            line_end = doc.text.find("\n", n.end)
            rest = doc.text[n.end:len(doc.text) if line_end < 0 else line_end]
            if "?" in rest[:200] and _ASKED_SIGNS.search(other) and "=" not in other \
                    and re.sub(r"\s+", "", other) != tail:  # (not "does $σ'(0) = 1/4$? yes": a check)
                return other
    return _offered_below(doc, start, tail)


def _offered_below(doc: Document, start: int, tail: str) -> str | None:
    """A line of words a little below the answer (its next two lines of text, a blank line between allowed) that
    offers another formula with a doubt and no equals sign ("maybe it is σ1(u)·(1 + σ1(u)) ?? the two minus signs
    confuse me"), in plain text: not chosen, so a person decides."""
    pos, seen = doc.text.find("\n", start), 0
    while 0 <= pos < min(len(doc.text), start + 800) and seen < 2:
        end = doc.text.find("\n", pos + 1)
        end = len(doc.text) if end < 0 else end
        line = doc.text[pos + 1:end]
        if line.strip():
            seen += 1
            if _leads_elsewhere(doc, start, pos + 1 + len(line) - len(line.lstrip())) \
                    or line.lstrip().startswith("|") or _DERIVATIVE.search(line):
                return None  # (a table's next row, a line naming a derivative: another answer's)
            if ("?" in line or _UNSURE.search(line)) and "=" not in line and _DOUBT_WORD.search(line) \
                    and _ASKED_SIGNS.search(line) \
                    and _PLAIN_FORMULA.search(line) and re.sub(r"\s+", "", line) != tail:
                return line.strip()[:120]
        pos = end
    return None


_DOUBT_WORD = re.compile(r"(?i)\b(?:maybe|perhaps|might|or|probably)\b")
_UNSURE = re.compile(r"(?i)\b(?:not\s+sure|unsure|no\s+idea|can'?t\s+tell|not\s+certain)\b")  # ("?" or these)
_PLAIN_FORMULA = re.compile(r"(?:σ|\\sigma|sigma|sig|∂|exp|e\^)[^\n]{0,20}\(")  # a function applied: a formula


# the next question of a question-and-answer report: "**Q: And written only with $σ_1$? (b)(ii)**", "Q3. Why …"
_QUESTION_LINE = re.compile(r"\s*[*_#>]*\s*(?:Q\d{0,2}|Question\s*\d{0,2}|Frage|Pregunta)\s*[:.)]", re.IGNORECASE)
def _next_question(text: str, start: int) -> bool:
    """The line at ``start`` asks the next question of a question-and-answer report ("**Q: And written only with
    $σ_1$? (b)(ii)**", then "A: …"): it names a part at its end, or an answer line follows it. ("Q: Or is it without
    the w₂? I don't know which." under an answer, no label and no answer after it, doubts that answer.)"""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if _QUESTION_LINE.match(text, start, end) is None:
        return False
    from grader.reading.labels import trailing_heading_label

    return trailing_heading_label(text[start:end].strip().strip("*_"), 0) is not None \
        or _ANSWER_LINE.match(text, end) is not None


_ANSWER_LINE = re.compile(r"\s*[*_>]*\s*(?:A\d{0,2}|Answer|Antwort|Respuesta|Réponse)\s*[:.)]", re.IGNORECASE)
_SPEAKER = re.compile(r"(?:^|[\s\[(])[A-Z][a-z]{1,15}:[ \t]")  # "Lena: shouldn't it be …": someone else's words


def _leads_elsewhere(doc: Document, start: int, at: int) -> bool:
    """Whether the words from the answer's end to ``at`` begin another answer on a line of their own (a label, a
    table's row, "Update:", an equation): what is asked there is about that one."""
    from grader.reading.labels import read_label

    if doc.text.rfind("[", start, at) > doc.text.rfind("]", start, at) or _SPEAKER.search(doc.text, start, at):
        return True  # "[Lena: shouldn't it be $…$?]": a reviewer's comment in the margin, not the student's offer
    line_start = doc.text.rfind("\n", start, at)
    if line_start < 0:
        return False  # the answer's own line
    lead = doc.text[line_start + 1:at]
    first = len(lead) - len(lead.lstrip())
    return "=" in lead or lead.lstrip().startswith(("|", "$")) or re.match(r"\s*[^\W\d_]{2,20}\s*:", lead) is not None \
        or read_label(doc.text, line_start + 1 + first) is not None or _next_question(doc.text, line_start + 1)


def _second_in_doubt(doc: Document, after: int, said: str) -> str | None:
    """``$A$, $B$ (not sure which one)``: a second formula right after the answer, then doubt on the line."""
    m = re.match(r"\s*[,;/—–]\s*", said)
    if m is None:
        return None
    other = next((n for n in doc.math if 0 <= n.start - (after + m.end()) <= 2), None)
    if other is None:
        return None
    rest = doc.text[other.end:after + len(said)]
    return doc.text[other.start:other.end].strip("$") if _DOUBT.search(rest) else None


def _next_line_end(text: str, line_end: int) -> int:
    """The end of the next line that is not blank after the line ending at ``line_end`` (-1: the text's end)."""
    if line_end < 0:
        return -1
    pos = line_end + 1
    while pos < len(text):
        end = text.find("\n", pos)
        if end < 0:
            return -1
        if text[pos:end].strip():
            return end
        pos = end + 1
    return -1


# "df_dw2 = A\n# or maybe??\ndf_dw2 = B" in a block of formulas: a comment that offers the line after it instead
_COMMENT_OR = re.compile(rf"[ \t]*\n[ \t]*(?:#+|%+|//)[ \t]*\(?(?:{OR_WORDS})\b[^\n]*\n[ \t]*", re.IGNORECASE)
_BETWEEN_OR = re.compile(rf"[$\\)\]]*(?:\s|&nbsp;)*(?:{OR_WORDS})(?:\s|&nbsp;)*[$\\(\[]*", re.IGNORECASE)


# "=    e^-u …" (not "==> (d) df/dw3 = …", an arrow before an equation of its own), "==> w3 s(x2)…" (an arrow
# before the formula the line above comes to)
_GOES_ON = re.compile(r"^[ \t]*(?:=(?![=>])|(?:={2,3}>|-{1,3}>|⟹|⇒|→)(?![^\n]*[=←:≔]|[^\n]*\\(?:leftarrow|gets)))"
                      r"[ \t]*(\S.*)$", re.MULTILINE)


def _undecided_beside(doc: Document, segment: Span, last: str, own: str = "") -> re.Match[str] | None:
    """Words of indecision in a part that answers two items, unless they stand on the line of another formula:
    "update: w ← w ± α∇L   <- TODO sign" is about the update, not the gradient above it; a line of words alone
    ("not sure about any of (f)") is about both."""
    tail = _SPACE.sub("", last)[-30:]
    starts = [m.start for m in doc.math]
    inside = doc.math[bisect.bisect_left(starts, segment.start):bisect.bisect_left(starts, segment.end)]
    answers = [m.end for m in inside if tail and _SPACE.sub("", doc.read(m)).endswith(tail)]  # (read once each)
    mine = _weights_of(own)
    others = [m.start for m in inside if len(mine) == 1 and "=" in (said := doc.read(m))
              and (theirs := _weights_of(said.split("=")[0])) and not theirs & mine] if answers else []
    for found in itertools.islice(UNDECIDED.finditer(doc.text, segment.start, segment.end), 200):
        start = doc.text.rfind("\n", 0, found.start()) + 1
        end = doc.text.find("\n", found.end())
        end = len(doc.text) if end < 0 else end
        beside = doc.math[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        if not beside and own and _undecided_about_other(doc, own, answers, others, found):
            continue  # (a line of words after the other weight's two answers: about those)
        if not beside or any(tail and _SPACE.sub("", doc.read(m)).endswith(tail) for m in beside):
            return found
    return None


_BOTH_SPELLED = re.compile(r"(?i)\bboth\b[^\n]{0,20}?:[^\n]{1,200}?\bor\b")  # "both: (… x1) or (… x)"


def _undecided_about_other(doc: Document, own: str, answers: list[int], others: list[int],
                           found: re.Match[str]) -> bool:
    """Whether words of indecision on a line of their own come after another weight's answers and are about them
    ("∂f/∂w2 = A", then "(A) ∂f/∂w1 = …", "(B) ∂f/∂w1 = …", "I'll leave both, I couldn't decide"): not when
    they name this answer's weight or speak of the lines, and "both" only where the other weight has two.
    ``answers``: where this answer's pieces end; ``others``: where the other weight's equations start."""
    sentence = _sentence_at(doc.text, found)
    if _names_only_another(sentence, own):
        return True  # "For the middle weight I could not decide …" under ∂f/∂w1: about ∂f/∂w2
    k = bisect.bisect_left(answers, found.start())
    if k == 0:  # words before any of this answer's lines, after another weight's equation ("∂f/∂w2 = A", "or is it
        return bisect.bisect_left(others, found.start()) > 0 and not _names_weight(sentence, own)  # B? not sure",
        # then "For w_1: …"): about that one
    between = bisect.bisect_left(others, found.start()) - bisect.bisect_left(others, answers[k - 1])

    line_end = doc.text.find("\n", found.end())
    line = doc.text[doc.text.rfind("\n", 0, found.start()) + 1:line_end if line_end >= 0 else len(doc.text)]
    if between and _BOTH_SPELLED.search(line[:2000]) and not _names_weight(line[:2000], own):
        return True  # "not sure, leaving both:  (... * x1)  or  (... * x)" under the other weight's one equation
    if not between or _names_weight(sentence, own) or _BOTH_LINES.search(line[:2000].replace(found.group(), " ")):
        return False  # ("not sure about the one before this though, maybe …? can't decide": its line points back;
        # "not sure which of the two" itself points at the two just above)
    return between >= 2 or not re.search(r"(?i)\b(?:both|all|any|them|these)\b", sentence)


def _unfinished(doc: Document, segment: Span, chain: LatexChain, *, words: bool = True,
                beside: bool = False) -> LatexChain:
    """A derivation that goes on in a line not read (``=    e^-u`` over a dashed fraction bar): that line is its
    final side, so the answer is never an earlier step that happens to be right (it goes to a person). A final
    side offered with another one (``$= A$ or $B$ ??``) is a hedge: both, as one side no reading takes."""
    hedge = hedged(doc, segment, chain.sides[-1], words=words)
    undecided = UNDECIDED.search(doc.text, segment.start, segment.end) if words and not beside \
        else _undecided_beside(doc, segment, chain.sides[-1], chain.sides[0] if len(chain.sides) > 1 else "")
    # (a part of two answers: the words beside this one)
    if hedge is None and undecided is not None:  # "I'm torn between A and B", "A, unless …, then B", "TODO: check"
        hedge = f"{chain.sides[-1]}{HEDGE}\\text{{(undecided: {undecided.group().strip()[:40]})}}"
    if hedge is not None:
        return LatexChain([*chain.sides[:-1], hedge], chain.named, chain.part)
    if len(chain.sides) < 2:
        return chain
    if _broken_apart(doc, segment, chain.sides[-1]):
        return LatexChain([*chain.sides, _BROKEN_SHOWN], chain.named, chain.part)
    for m in _GOES_ON.finditer(doc.text, segment.start, segment.end):
        rest = m.group(1).strip().strip("*_").strip()
        arrow = not m.group().lstrip().startswith("=")
        above = doc.text[doc.text.rfind("\n", 0, max(0, m.start() - 1)) + 1:m.start()]
        if arrow and not (re.search(r"[A-Za-zσ]", rest) and _FORMULA_OPERATOR.search(rest)
                          and all(_mathlike(w) for w in rest.split())
                          and _SPACE.sub("", above).endswith(_SPACE.sub("", chain.sides[-1])[-12:])):
            continue  # "⇒ [0, 0, 0]", "→ see below": an arrow before no formula, or under another answer's line
        at = m.start(1) + len(m.group(1)) - len(m.group(1).lstrip("$ \t\\(["))  # ("= $B$": B's math, past its "$")
        inside = next((s for s in doc.math if s.start <= at < s.end), None)
        if inside is None:
            return LatexChain([*chain.sides, rest], chain.named, chain.part)
        if inside.start >= m.start() and _goes_on_from(doc, m.start(), chain.sides[-1]):
            said = doc.read(inside).lstrip(" =")  # "$$…$$" then "= $B$" on the next line: B goes on with it
            if _SPACE.sub("", said) != _SPACE.sub("", chain.sides[-1]):
                return LatexChain([*chain.sides, said], chain.named, chain.part)
    after = _plain_after(doc, segment, chain.sides[-1])
    return chain if after is None else LatexChain([*chain.sides, after], chain.named, chain.part)


def _goes_on_from(doc: Document, line_start: int, last: str) -> bool:
    """Whether the math right before ``line_start`` (nothing but space between) ends with ``last``: the chain's own
    formula, which the line starting with "=" goes on with."""
    before = next((m for m in reversed(doc.math) if m.end <= line_start), None)
    return before is not None and not doc.text[before.end:line_start].strip(" \t\n$") \
        and _SPACE.sub("", doc.read(before)).endswith(_SPACE.sub("", last))


# a PDF viewer's copy that sets each superscript on a line of its own: "… = −(1 + e" / "−u" / ")" / "−2" / "· (−e"
_FRAGMENT = re.compile(r"[ \t]*(?:[−–-]?[ \t]*\d{1,2}|[·×*/=+][^\n]{0,30}|[−–-][ \t]*[a-z]{1,2}|[()])[ \t]*")
_BROKEN_SHOWN = "\\text{(the formula goes on over lines a PDF viewer broke apart: not read)}"


def _broken_apart(doc: Document, segment: Span, last: str) -> bool:
    """The answer's last side ends where its formula goes on, in a part whose lines a PDF viewer broke into
    fragments: the next line is a fragment of the same formula (a power, an operator and what follows)."""
    text = doc.text[segment.start:segment.end][:20_000]
    if "$" in text or "\\" in text:
        return False  # math set in TeX is whole where it is written: a viewer's copy is plain text
    lines = [ln for ln in text.split("\n") if ln.strip(" \t>")]
    if len(lines) < 6 or sum(1 for ln in lines if len(ln.strip()) <= 4 and not ln.lstrip().startswith(("```", "~~~"))
                             and re.search(r"[\w()+\-−=·×*/]", ln)) * 3 < len(lines):  # (a fence, an emoji: no piece)
        return False
    tail = re.sub(r"\s+", "", last)[-12:]
    flat = re.sub(r"\s+", "", text)
    at = flat.rfind(tail) if tail else -1
    if at < 0:
        return False
    end = at + len(tail)
    if end == len(flat):
        return False  # nothing follows the last side in the part
    following, seen = text.split("\n"), 0
    index = len(following) - 1
    for k, line in enumerate(following):  # the line where the side ends, in the text as written
        seen += len(re.sub(r"\s+", "", line))
        if seen >= end:
            index = k
            break
    after = [ln for ln in following[index + 1:] if ln.strip()]
    if not after or _FRAGMENT.fullmatch(after[0]) is None:
        return False
    # a number alone is a power only among fragments: before a heading it is the page's number
    return not re.fullmatch(r"\s*\d{1,2}\s*", after[0]) or (len(after) > 1 and len(after[1].strip()) <= 4)


# "…$, final answer: dσ1/du = e^{u}/(1+e^{-u})^2": plain math after the last read piece, on its line
_RESULT_LEAD = re.compile(r"^\W{0,3}$|\b(?:final(?:\s+answer)?|answer|result|so|therefore|thus|hence|i\.?\s?e\.?|gives"
                          r"|ergibt|donc|luego|por\s+lo\s+tanto|quindi|portanto)\b[^()]*$|(?:=>|⇒|→)\s*[^()]*$",
                          re.IGNORECASE)
_PLAIN_RESULT = re.compile(r"=\s*([^=$\n]{3,200}?)\s*[.;,]?\s*$")


def _plain_after(doc: Document, segment: Span, last: str) -> str | None:
    """The right side of an equation written in plain text after the answer's math on the same line: the
    answer the student gives last, read as the final side (a different one never passes unseen)."""
    from grader.reading.plain_math import _FORMULA_MARK

    tail = _SPACE.sub("", last)
    for m in doc.math:
        if not (segment.start <= m.start < segment.end) or not tail \
                or not _SPACE.sub("", doc.text[m.start:m.end]).rstrip("$").endswith(tail):
            continue
        closing = _CLOSING.match(doc.text, m.end)
        start = closing.end() if closing else m.end
        stop = doc.text.find("\n", start)
        rest = doc.text[start:len(doc.text) if stop < 0 else stop]
        if "$" in rest or "\\(" in rest or any(start <= n.start < start + len(rest) for n in doc.math):
            continue
        found = _PLAIN_RESULT.search(rest)
        lead = rest[:found.start()] if found else ""
        if found and not (_RESULT_LEAD.search(lead) and lead.count("(") <= lead.count(")")):
            continue  # "(com x2 = w2*sigma1(w1*x))", ", with grad f = …": an aside, not the answer given last
        operated = found is not None and re.search(r"\d\s*[-+/^*]|[-+/^*]\s*\(", found.group(1))
        if found and (_FORMULA_MARK.search(found.group(1)) or operated):
            return found.group(1).strip()
    return None


_SPACE = re.compile(r"\s+")


def left_side(eq: Equation) -> str:
    """An equation's left side as the homework's classifier reads it: ``w = w - lr*grad`` and ``w1 = w1 - …``,
    a right side that starts from the left side and goes on with a sign, is a program's assignment (``w ←``)."""
    left = eq.sides[0]
    if len(eq.sides) == 2:
        name, rhs = _SPACE.sub("", left), _SPACE.sub("", eq.sides[1])
        if name and rhs.startswith(name) and rhs[len(name):len(name) + 1] in ("-", "+", "−") \
                and not re.search(r"[=←]|\\leftarrow|\\gets|:$", left):
            return f"{left} \\leftarrow"
    return left


def _keyed_as(tag: str | None, spec: TextSpec) -> bool:
    """An answer a key names with one of the item's words (``1e_w2``, ``1f upd``: a word's first letters)."""
    if not tag or not tag.startswith("key:"):
        return False
    word = tag[4:].lower().replace("_", "")
    return any(word == k.lower() or (len(word) >= 3 and k.lower().startswith(word)) for k in spec.key)


_LONE = re.compile(r"\s*\\?[A-Za-z]+(?:\s*_\s*\{?\s*\w+\s*\}?)?\s*")  # "$w_2$": a name, not an answer
# a value worked out at numbers (a sanity check), not the formula asked for: a tuple, or a number with decimals
_NUMBERS = re.compile(r"\s*[(\[]\s*[-−]?\d+(?:\.\d+)?(?:\s*[,;]\s*[-−]?\d+(?:\.\d+)?)+\s*[)\]]"
                      r"(?:\s*(?:ᵀ|\^\s*(?:T|\{T\}|\\top|\{\\top\}|\\intercal)|'))?\s*"  # (a column: "(0.4, 0.96)ᵀ")
                      r"|\s*[-−]?(?:\d*(?:\.|\{,\})\d+|0,\d+|\d,\d{4,})(?:[eE][-−+]?\d{1,3})?\s*"  # (a decimal comma:
                      r"|\s*[-−]?\d+[eE][-−+]?\d{1,3}\s*")  # "0{,}5411", "0,1604"; a check's "7.2e-12", "1e-10")
_PHANTOM = re.compile(r"\\[hv]?phantom\s*\{[^{}]{0,40}\}")


def _a_value(side: str) -> bool:
    """Whether a side is a value worked out at numbers (``0.5413``, ``(-0.2, 0.36)``, ``\\phantom{-}0{,}541``)."""
    return _NUMBERS.fullmatch(_PHANTOM.sub("", side) if "phantom" in side else side) is not None


_NUMBER = re.compile(r"\s*[-−]?\s*\d+(?:\.\d+)?\s*")  # "unless $\nabla L = 0$": a remark in passing, not the answer


# "(ii) follows because `exp(-u)/(1+exp(-u)) = 1 - sigmoid(u)`", "s(u)(1-s(u)) since 1 - s(u) = …", "Since $A = B$ and
# $C = D$:": a formula given as the reason for something else is no answer
_BECAUSE = re.compile(r"\b(?:since|because|weil|car|puisque|porque|perché|poiché|omdat|eftersom|fordi|ponieważ|protože"
                      rf"|çünkü|vì|karena)\b|{REASON_IN_WORDS.pattern}", re.IGNORECASE)
_THEREFORE = re.compile(r"\b(?:so|hence|thus|then|therefore|we\s+get|gives?|yields?|also|daher|deshalb|somit|donc|ainsi"
                        r"|luego|entonces|así\s+que|por\s+lo\s+tanto|então|logo|portanto|quindi|dunque|więc|zatem"
                        r"|dolayısıyla|bu\s+yüzden|jadi|maka|sehingga|nên|vậy|do\s+đó|suy\s+ra|поэтому|значит|άρα"
                        # the main clause's verb after a reason with no comma: "omdat 1−σ = … geldt σ' = …"
                        r"|geldt|volgt|gilt|folgt|ergibt\s+sich|on\s+a|on\s+obtient|tenemos|obtenemos|temos|obtemos"
                        r"|abbiamo|otteniamo|mamy|otrzymujemy|получаем|имеем|ta\s+có|kita\s+dapat|it\s+follows)\b"
                        r"|⇒|=>|→|所以|因此|だから|よって|したがって|따라서|그래서|لذا|إذن|इसलिए", re.IGNORECASE)


# "…, which is (i).", "— same as (i)": an equation that shows one form equals another part's (not "as in (d)", which
# cites the part the equation uses)
_CHECKS_AGAINST = re.compile(r"[\s,;—–-]*(?:\$\s*)?[,;]?\s*(?:which\s+(?:is|equals|gives)|this\s+is"
                             r"|same\s+as|matching|matches"
                             r"|agrees?\s+with|consistent\s+with|equal\s+to|the\s+same\s+as|confirming|confirms"
                             r"|c'est)\s+(?:exactly\s+|just\s+)?(?:part\s+|the\s+form\s+(?:of|in)\s+)?"
                             r"\(?(?:[ivx]{1,4}|[a-h])\)(?!\w)", re.IGNORECASE)


def _a_check(doc: Document, m: Span) -> bool:
    """An equation followed by "which is (i)": a check that two forms agree, not an answer of the part it is in."""
    said = doc.read(m) if m.end - m.start < 2000 else ""
    first = said.find("=")
    if m.kind != "cell" and first > 0 and said[first - 1] not in "=<>!" and re.search(r"[A-Za-z\\∂]", said[:first]) \
            and (worked_at_a_point(said[first + 1:]) or _AT_A_NUMBER.search(said[:first])
                 and _NUMBERS_ONLY.fullmatch(said[first + 1:])):
        # (every side after the name a number, not "σ(1+σ) = 0.75"; a name before it, not "0.7·0.3 = 0.21")
        return True  # "∂f/∂w_1 = 0.6750·0.3250·0.7311 ≈ 0.0431": the formula worked out at a point, a check
        # (or "σ'(0) = 1/2 · 1/2 = 1/4": a function at a number, its value)
    return m.kind != "cell" and _CHECKS_AGAINST.match(doc.text, m.end, min(len(doc.text), m.end + 80)) is not None




def worked_at_a_point(sides: str) -> bool:
    """Whether what follows an equals sign is numbers only, worked out with a decimal ("0.675·0.325 ≈ 0.0431"): a
    value at a point, not a formula (nor "1,2,3.", an index's range)."""
    return _DECIMAL.search(sides) is not None and all(_NUMBERS_ONLY.fullmatch(side) for side in sides.split("="))


_DECIMAL = re.compile(r"\d(?:\.|\{,\})\d|(?<![\d,.])0,\d|\d,\d{4,}(?!\d)")  # (a decimal comma too: "0{,}541144",
# "0,2194", "1,7311"; never "25,050" or "1,2,3")
_AT_A_NUMBER = re.compile(r"[\w'′)}][ \t]*\([ \t]*[-−]?\d{1,6}(?:\.\d{1,6})?[ \t]*\)[ \t]*$")  # "σ₁'(0)", "f(1)"
_NUMBERS_ONLY = re.compile(r"(?:[\d.,\s()+\-−·×*/^{}≈]|(?<=\d)[eE](?=[-−+]?\d)"
                           r"|\\(?:cdot|times|approx|[,;! ]|left|right|quad|[hv]?phantom))+")


# "(same as `w -= alpha * grad` / one `optimizer.step()`)": the answer said again in a program, in an aside
_SAME_IN_CODE = re.compile(r"[(（]\s*(?:same\s+as|like|i\.\s?e\.|equivalently|in\s+code|in\s+python|cf\.|=)"
                           r"[^()（）\n]{0,20}`$", re.IGNORECASE)


def _program_aside(doc: Document, m: Span) -> bool:
    """A code span in an aside that says it is the same as the answer in a program: never the answer itself (unless
    the aside doubts it or its program adds where the answer subtracts: then it is read, and a person compares)."""
    if _SAME_IN_CODE.search(doc.text, max(0, m.start - 40), m.start) is None:
        return False
    close = doc.text.find(")", m.end, m.end + 300)
    aside = doc.text[max(0, m.start - 40):close if close > 0 else m.end + 300]
    return _ASIDE_DOUBTS.search(aside) is None


_ASIDE_DOUBTS = re.compile(r"\bor\b|not\s+sure|\?|\+=|\bvs\.?\b|\bbut\b", re.IGNORECASE)


def _a_reason(doc: Document, m: Span) -> bool:
    line = max(m.start - 600, doc.text.rfind("\n", max(0, m.start - 600), m.start) + 1)  # (its sentence, bounded)
    before = re.split(r"[.;:!?](?:\s|$)", doc.text[line:m.start])[-1]
    because = next(reversed(list(_BECAUSE.finditer(before))), None)
    return because is not None and not _THEREFORE.search(before, because.end()) \
        and not re.search(r",\s", before[because.end():]) \
        and not _MAIN_SUBJECT.search(before, because.end()) \
        and not _REASON_THEN_MAIN.search(before, because.end())  # "Since f is w3 times σ(x2), ∂f/∂w3 = …": the main
    # clause; "since $1 − σ = σ(−u)$ the correct form is $…$": the reason's own math, then the main clause's words


# the reason's own formula, then words that carry on past it: the main clause
_REASON_THEN_MAIN = re.compile(r"(?:\$[^$\n]{1,300}\$|\\\([^\n]{1,300}?\\\))\s+[^\W\d_]+(?:\s+[^\W\d_$]+){1,}")


# "since x is fixed data we simply use $…$": a subject after the reason's own clause opens the main clause (not
# "since we know $…$", where the pronoun is the reason's subject)
_MAIN_SUBJECT = re.compile(r"(?<!^)(?<!\bthat)(?<!\bsince)(?<!\bbecause)\s+(?:we|I|one|you|let's|let\s+us)\s+\w+",
                           re.IGNORECASE)


def _only_math(doc: Document, segment: Span, spans: list[Span]) -> bool:
    """Whether a part holds nothing but its math (and marks: bold, punctuation), no words around it."""
    text, pos, rest = doc.text, segment.start, []
    line_start = text.rfind("\n", 0, pos) + 1
    if text[line_start:pos].lstrip().startswith("#") and (end := text.find("\n", pos, segment.end)) >= 0 \
            and not any(pos <= m.start < end for m in spans):
        pos = end  # "### (b) (i) derivative in terms of exp": the heading's words title the part, no answer's words
    for a, b in doc.noted:  # an answer table's note beside the answer ("| $σ_2(x_2) = …$ | linear in $w_3$ |")
        if segment.start <= a < segment.end:
            text = text[:a] + " " * (b - a) + text[b:]
    for m in spans:
        rest.append(text[pos:m.start])
        pos = m.end
    rest.append(text[pos:segment.end])
    words = _TEX_SPACE.sub(" ", _NEXT_TITLE.sub("", "".join(rest)))  # the command opening the next part's title
    words = _NUMBER_GIVEN_ABOVE.sub(" ", words)  # "| 1(d) | (5): $g(b)$ |": the number it was given above, no words
    return re.fullmatch(r"[\s*_.,;:|$()\\\[\]-]*", words) is not None


_NUMBER_GIVEN_ABOVE = re.compile(r"(?i)(?<![\w(])(?:(?:eqn?|equation)\.?[ \t]*)?\(\d{1,2}(?:\.\d{1,2})?\)"
                                 r"(?=[ \t]*[:=]?[ \t]*(?:\$|\\\(|$))")
_TEX_SPACE = re.compile(r"\\(?:q?quad|[,;:! ]|hfill|newline|medskip|smallskip|bigskip)(?![A-Za-z])")  # "$…$ \quad (ii)"
# LaTeX's structure around a part's math, no words of it: \end{solution}, \begin{problem}[1(e)], the next
# \paragraph{ or \item[ or the exam class's \question and \part
_NEXT_TITLE = re.compile(r"\\(?:begin|end)\{[A-Za-z]+\*?\}(?:\[[^\]\n]{0,40}\]?)?"
                         r"|\\(?:item|question|part|subpart)\b\s*\[?"
                         r"|\\(?:(?:sub)*section|(?:sub)?paragraph)\*?\s*\{\s*\Z")


_PATH_NODE = re.compile(r"\s*[^\W\d_][\w₀-₉']{0,5}\s*(?:\\gets)?\s*")


def _dependency_path(eq: Equation) -> bool:
    """"the chain is f ← a₂ ← z₂ ← w₂": a path through the graph written with arrows, three names or more and
    nothing else (words may follow the last one), no equation."""
    return len(eq.sides) >= 3 and all("\\gets" in side for side in eq.sides[:-1]) \
        and all(_PATH_NODE.fullmatch(side) for side in eq.sides[:-1]) \
        and _PATH_NODE.match(eq.sides[-1]) is not None and not re.search(r"[()+*/^·=-]", eq.sides[-1])


_ARROW_SAYS = re.compile(r"[ \t]+(?:→|->|⟶|=>|⇒)[ \t]+")


def _arrow_named(eq: Equation, classify: Callable[[str], str | None] | None) -> Equation:
    """A cheat sheet's "∂f/∂w3  →  σ(x2)" (an "=" may follow): the arrow says what the named item is, when the side
    before the one arrow names an item; an arrow after anything else ("x → x^i", a graph's steps) stays as written."""
    if classify is None or not eq.sides or len(found := _ARROW_SAYS.split(eq.sides[0])) != 2:
        return eq
    left, right = (f.strip() for f in found)
    if not left or not right or classify(left) is None:
        return eq
    return replace(eq, sides=[left, right, *eq.sides[1:]])  # "∂f/∂w3 → o   = g(w2·g(w1x))": o, then what it is


def _closed(eq: Equation) -> Equation:
    """An equation left open (``\\partial f/\\partial w_1 =`` and nothing after it) has no answer side."""
    while len(eq.sides) > 1 and not eq.sides[-1].strip():
        eq.sides.pop()
    return eq


def _forbidden(side: str, forbid: Sequence[str]) -> bool:
    from grader.reading.by_name import uses

    return any(uses(side, n) for n in forbid)


def _in_form(eqs: list[Equation], forbid: Sequence[str]) -> list[Equation]:
    """Of several equations that name the item, those in the form it asks for (when any are)."""
    return [e for _, e in in_asked_form([(None, e) for e in eqs], forbid)] or eqs


_Where = TypeVar("_Where")


def in_asked_form(found: list[tuple[_Where, Equation]], forbid: Sequence[str]) -> list[tuple[_Where, Equation]]:
    """Of equations that name the item (each with where it was found), those that end in the form the item asks
    for; else those that reach that form on the way to another one, cut there (:func:`asked_form`)."""
    in_form = [(where, e) for where, e in found if not _forbidden(e.sides[-1], forbid)]
    return in_form or [(where, cut) for where, cut in ((where, asked_form(e, forbid)) for where, e in found)
                       if not _forbidden(cut.sides[-1], forbid)]


def asked_form(eq: Equation, forbid: Sequence[str]) -> Equation:
    """``σ' = … = e^{-u}/(1+e^{-u})^2 = σ(1−σ)`` read for the form without σ: the chain up to its last side in
    that form (the form asked for, said on the way to another one); the equation itself when it ends in it."""
    if not forbid or not _forbidden(eq.sides[-1], forbid) or _mixed(eq.sides[-1], forbid):
        return eq  # "= σ1(u)·e^(-u)/(1+e^(-u))": a last side in both forms is the answer, not a detour
    for i in range(len(eq.sides) - 2, 0, -1):
        if not _forbidden(eq.sides[i], forbid) and not is_restatement(eq.sides[i]) \
                and not re.search(r"\\frac\s*\{\s*d\s*\}|\bd\s*/\s*d[a-z]", eq.sides[i]):
            # the sides after it stay as steps before it, so a false one ("= σ(1+σ)") is never dropped unseen;
            # "d/du (1+e^{-u})^{-1}": a derivative still to take is no answer
            return replace(eq, sides=[*eq.sides[:i], *eq.sides[i + 1:], eq.sides[i]])
    return eq


def _mixed(side: str, forbid: Sequence[str]) -> bool:
    """Whether ``side`` uses a forbidden function and one of the forms allowed too (σ and exp together)."""
    from grader.reading.by_name import FORMS, uses

    return any(uses(side, n) for n in FORMS if n not in forbid)


_NODE_NAME = re.compile(r"\s*[A-Za-z](?:_?\{?[\w']{1,3}\}?)?\s*")  # "o", "h_2", "a2": a hand-in's name for a node
_D_NAME = re.compile(r"\s*d[A-Za-z]\w{0,7}\s*")  # "(i) ds = exp(-u)/…": a program's name for a derivative
_GENERIC_INDEX = re.compile(r"_\{?[a-z]\}?(?![\w{])|[ᵢⱼₖ]")  # ∂L/∂w_j: one component for each j, not the vector
_BY_INDEX = re.compile(r"(?:∂|\\partial|\bd)\s*\{?\s*(?:w|θ|\\theta)_?\{?[a-z]\}?(?![\w{])")  # "…∂f(x^i)/∂w_j"
_NAMED_RESULT = re.compile(r"∇|\\nabla|\bgrad")  # "w − α∇L": a final line that names a result instead of writing it


# a derivative's left side at one of the network's own names, not at a variable: σ1′(x1), \sigma'(z_1), σ'(w_1x)
AT_ARGUMENT = re.compile(r"(?:'|′|\^\{?\\prime\}?)\s*(?:\\left|\\big)?\(\s*(?![a-z]\s*(?:\\right|\\big)?\))[^()]{1,24}"
                          r"(?:\\right|\\big)?\)\s*$")


def _worked_before(naming: list[Equation], chosen: Equation) -> list[str]:
    """"w^new = w − α∇L = w − αΣ(f−y)∇f", then "Final: w ← w − α∇L": results worked out, under another left side,
    before a chosen final line that only names its result; each is a step of the answer, so a wrong one is never
    hidden behind a line that restates it. Not a component by index (∂L/∂w_j) nor a program's line
    (``gradL = 2*e(1)*[…]``): those are read too loosely to judge."""
    if not _NAMED_RESULT.search(chosen.sides[-1]):
        return []
    lhs = _SPACE.sub("", chosen.sides[0]).rstrip("=")
    return [e.sides[-1] for e in naming[:naming.index(chosen)] if len(e.sides) > 1
            and not is_restatement(e.sides[-1]) and e.sides[-1] not in chosen.sides
            and _SPACE.sub("", e.sides[0]).rstrip("=") != lhs
            and not _GENERIC_INDEX.search(e.sides[0]) and not _BY_INDEX.search(e.sides[-1]) and "*" not in e.sides[-1]]


# words between two answers that say the later one replaces the first ("scratch that", "Actually:", "Korrektur")
_SELF_FIX = re.compile(r"(?i)\b(?:scratch|actually|wrong|mistake|oops|wait|instead|correct\w*|korrektur|korrig\w*|"
                       r"corrig\w*|fix\w*|re-?do\w*|should\s+(?:be|have)|meant|not\s+right|can'?t\s+be|final|no,|typo|forgot|"
                       r"eigentlich|en\s+fait|en\s+realidad|исправ\w*|ошиб\w*|falsch|fehler|erreur|errore|sbagliat\w*)"
                       r"|yanl[ıi][şs]|d[üu]zelt\w*|\bsai\b|nh[ầa]m|b[łl][ąa]d|popraw\w*"
                       r"|~~|\\sout|<del>|修正|訂正|订正|정정|不对|不對|错了|錯了|改正|更正|間違|違う|잘못|틀렸")


def _self_fixed(doc: Document, texts: list[str], spans: list[Span], earlier: Equation, chosen: Equation) -> bool:
    """Whether words between an earlier answer and the chosen one say the chosen one replaces it."""
    def at(side: str) -> int:  # the first piece that holds a side (its last side: the answer it gives)
        head = _SPACE.sub("", side)[-40:]
        return next((k for k, text in enumerate(texts) if head and head in _SPACE.sub("", text)), -1)

    i, j = at(earlier.sides[-1]), at(chosen.sides[-1])
    if i < 0 or j < 0:
        return False
    a, end = spans[i].start, spans[j].end
    line_end = doc.text.find("\n", end)
    return _SELF_FIX.search(doc.text, a, len(doc.text) if line_end < 0 else line_end) is not None


# a part that says its answer is the output printed right above it ("(i) That output is the answer in terms of exp",
# "see the output above", "the sympy result above is my answer")
_OUTPUT_ABOVE = re.compile(r"(?i)\W{0,6}(?:that|this|the)\s+(?:\w+\s+)?(?:output|result|printout)\s+(?:above\s+)?is\s+"
                           r"(?:the|my)\s+(?:final\s+)?answer\b|\W{0,6}see\s+(?:the\s+)?(?:\w+\s+)?output\s+above\b")


def _output_above(doc: Document, segment: Span) -> str | None:
    """The formula printed right above a part whose first words say it is the answer: the last math before the
    part's label, with no other label and no words between them (a cell's printout, then the part)."""
    if not _OUTPUT_ABOVE.match(doc.text, segment.start, min(segment.end, segment.start + 200)):
        return None
    before = [m for m in doc.math if m.end <= segment.start]
    if not before:
        return None
    last = before[-1]
    between = doc.text[last.end:segment.start]
    if len(between) > 40 or re.search(r"[^\W\d_]{3,}", between) or any(last.end <= pos < segment.start - 8
                                                                        for _, pos in doc.labels):
        return None
    read = doc.read(last)
    return read if "=" not in read else None


def _fixed_below(doc: Document, texts: list[str], spans: list[Span], chosen: Equation,
                 found: list[Equation]) -> str | None:
    """"∂f/∂w1 = A" then a line of words that take it back ("no wait, w2 is missing:") and a formula alone under
    them: that formula is the answer, as a TA reads it; None when no such line follows the chosen answer."""
    head = _SPACE.sub("", chosen.sides[-1])[-40:]
    k = next((k for k, text in enumerate(texts) if head and head in _SPACE.sub("", text)), -1)
    if k < 0 or k + 1 >= len(spans):
        return None
    between = doc.text[spans[k].end:spans[k + 1].start]
    lines = between.rstrip(" \t$").split("\n")
    if len(between) > 200 or not _SELF_FIX.search(between) or len(lines) < 2 or lines[-1].strip() \
            or not lines[-2].rstrip().endswith(":"):
        return None  # the words end in a colon on their line, the formula alone on the next
    after = [e for e in found if _SPACE.sub("", texts[k + 1]) and len(e.sides) == 1
             and _SPACE.sub("", e.sides[0]) == _SPACE.sub("", texts[k + 1])]
    return after[0].sides[0] if len(after) == 1 and not is_restatement(after[0].sides[0]) else None


def _said_before(naming: list[Equation], chosen: Equation) -> list[Equation]:
    """Equations for the same quantity worked out before the chosen one with another result (under any spelling of
    its name): their results are steps of the answer, so two different answers never pass as the last one alone
    (a person compares)."""
    lhs = _SPACE.sub("", chosen.sides[0])
    return [e for e in naming[:naming.index(chosen)] if len(e.sides) > 1 and not e.defines
            and (_SPACE.sub("", e.sides[0]) == lhs or not any(  # ∂L/∂w_j, w_j ← …: one entry, not the vector
                _GENERIC_INDEX.search(side) or _BY_INDEX.search(side) for side in (e.sides[0], chosen.sides[0])))
            and not is_restatement(e.sides[-1])
            and _SPACE.sub("", e.sides[-1]) not in {_SPACE.sub("", s) for s in chosen.sides}]


def _last_explicit(eqs: list[Equation]) -> Equation:
    explicit = [e for e in eqs if not is_restatement(e.sides[-1])]
    return (explicit or eqs)[-1]


def _components_after(tagged: list[tuple[str | None, Equation]], chosen: Equation, spec: TextSpec) -> bool:
    """Whether the answer's components (∂L/∂w_1 = …) are written after it, each worked out (not a restatement)."""
    at = next(k for k, (_, e) in enumerate(tagged) if e is chosen)
    return any(tag and tag.startswith(f"{spec.lhs}[") and not is_restatement(e.sides[-1]) for tag, e in tagged[at:])


def _components_before(tagged: list[tuple[str | None, Equation]], chosen: Equation, spec: TextSpec) -> bool:
    """Whether components are written out before the answer (w_1 := w_1 − α·Σ…, then "i.e. w_new = w − α∇L"): the
    written-out entries are a step of that answer, so the vector form said last never hides entries that disagree
    with it. Entries that all name derivatives (w_1 ← w_1 − α ∂L/∂w_1) say the same as the vector form: no step."""
    at = next(k for k, (_, e) in enumerate(tagged) if e is chosen)
    entries = [e for tag, e in tagged[:at] if tag and tag.startswith(f"{spec.lhs}[")]
    return bool(entries) and not all(is_restatement(e.sides[-1]) or _DERIVATIVE.search(e.sides[-1])
                                     for e in entries)


def _components(tagged: list[tuple[str | None, list[str]]], spec: TextSpec) -> LatexChain | None:
    """A vector answer written one component per equation (w_1^new = …, w_2^new = …), as one bmatrix."""
    found: dict[int, list[str]] = {}
    for tag, chain in tagged:
        m = re.fullmatch(re.escape(spec.lhs or "") + r"\[(\d+)\]", tag or "")
        if m:
            found[int(m.group(1))] = chain  # the last one written for each component
    if len(found) < 2 or sorted(found) != list(range(1, len(found) + 1)):
        return None
    rows = " \\\\ ".join(found[i][-1] for i in sorted(found))
    names = ", ".join(found[i][0] for i in sorted(found))
    return LatexChain([names, f"\\begin{{bmatrix}} {rows} \\end{{bmatrix}}"], True, spec.part)
