"""Definitions laid out as a table, as students who name a forward pass write them.

``| `s1` | $\\sigma_1(x_1)$ |`` or ``| $h_1$ | activation, layer 1 | $\\sigma_1(x_1)$ |``: the first cell
is one short name (set as math or code) and a later cell a formula; the row says ``s1 = σ₁(x₁)``.
A row of values (``| conv1 | 24×24×20 | 520 |``) names nothing in math and is left alone.
"""
from __future__ import annotations

import re
from typing import Any

from grader.reading.labels import symbol_column

_NAME_CELL = re.compile(r"\s*(?:\$\s*([^$]{1,24}?)\s*\$|`([^`]{1,12})`)\s*(?:\([^()|]{0,30}\))?\s*")
_MATH = re.compile(r"\$([^$]{1,400})\$")
_FORMULA = re.compile(r"[A-Za-z\\σ].*(?:[(*·+\-−/^]|\\[a-z]+|\s)|[a-z]_?\d")  # a formula, not a count


# a column that holds something other than the name's value: a derivative, a gradient, a backward pass
_NOT_VALUE = re.compile(r"deriv|grad|backward|local|upstream|partial|∂|d/d|ableitung|dériv|导|微分|미분|도함수|"
                        r"производ|type|shape|size|unit|adjoint|sensitiv|\\bar|\\overline|\\delta|δ|error|"
                        r"\\dot|\\nabla|∇|input|operand|argument|parent|depend|eingab|entrada|entrée|输入",
                        re.IGNORECASE)  # v̄ = ∂f/∂v, δ: a column of adjoints; "$w_1$, $x$": of a node's inputs


# a name written as plain text in a table's first cell: "a", "h1", "z_2", "s₁" (not "conv1", "input")
_PLAIN_NAME = re.compile(r"\s*([A-Za-z](?:_?\d|[₀-₉])?)\s*")
# a cell that is a formula in plain text: "w1 · x", "σ1(a)", "w3*q"; words other than a function's name are prose
_PLAIN_FORMULA = re.compile(r"[^$`|]*[A-Za-zσ][^$`|]*")
_PROSE_WORD = re.compile(r"(?<![\w\\])(?!(?:exp|sigma|sigmoid|sig|tanh|log|ln)\b)[A-Za-z]{3,}")
_OPERATOR = re.compile(r"[(*·×/^+\-−]|\b[a-z]\d?\s+[a-z]\d?\b")


def _plain_definition(cells: list[str], header: list[str]) -> str | None:
    """``name = formula`` for a plain-text row ``| a | w1 · x | input to stage 1 |`` of a table of symbols (not
    of parts: ``| e | w2 | w3 * … |`` answers (e)): one short name, then exactly one cell that is a formula in the
    hand-in's own names (prose, numbers and derivative columns are not)."""
    m = _PLAIN_NAME.fullmatch(cells[0])
    if m is None:
        return None
    formulas = [(k, cell.strip()) for k, cell in enumerate(cells[1:], 1)
                if _PLAIN_FORMULA.fullmatch(cell) and _OPERATOR.search(cell) and not _PROSE_WORD.search(cell)
                and not re.fullmatch(r"[\d\s.,×x*()+\-−/]+", cell)]
    if len(formulas) != 1:
        return None
    column, formula = formulas[0]
    if "=" in formula or _NOT_VALUE.search(header[column] if column < len(header) else ""):
        return None
    return f"{m.group(1)} = {formula}"


# "where $\sigma'(u)$ is $\sigma(u)(1+\sigma(u))$", "let $s'$ stand for $s\,(1+s)$": a derivative defined in words
_SAID_IS = re.compile(r"\$\s*([^$]{1,40}?(?:'|′|\\prime|\\dot)[^$]{0,20}?)\s*\$\s*(?:is|stands?\s+for|denotes|means"
                      r"|is\s+defined\s+as|is\s+short\s+for)\s*\$\s*([^$]{1,200}?)\s*\$")


# "$\delta^i$ (= prediction − target, i.e. $f_w(x^i) - y^i$)": a name, and in brackets what it equals, words first
_ASIDE_EQUALS = re.compile(r"\$\s*(\\?[A-Za-z]{1,8}(?:[_^]\{?\w{1,3}\}?){0,2})\s*\$\s*[(（]\s*=\s*[^()（）$\n]{0,60}?"
                           r"\$\s*([^$]{1,120}?)\s*\$\s*(?:[,;][^()（）$\n]{0,60})?[)）]")  # "(= $w_1$, the input's)"


def prose_definitions(doc: Any) -> list[tuple[int, str]]:
    """(offset, ``name = formula``) for a derivative defined in a sentence ("$σ'(u)$ is $σ(u)(1+σ(u))$") and a
    name whose value an aside after it gives ("$δ^i$ (= prediction − target, i.e. $f_w(x^i) - y^i$)")."""
    text = (getattr(doc, "text", "") or "")[:200_000]
    found = [(m.start(), f"{m.group(1)} = {m.group(2)}") for m in _SAID_IS.finditer(text)]
    found += [(m.start(), f"{m.group(1)} = {m.group(2)}") for m in _ASIDE_EQUALS.finditer(text)
              if "=" not in m.group(2)]
    found += _heading_definitions(text)
    found += _written_for(text)
    found += _listed_names(text)
    return sorted(found)


# "a, b, c are w1, w2, w3", "θ1, θ2 and θ3 stand for w_1, w_2, w_3", "w1, w2, w3 are called a, b, c": two lists of
# names of the same length joined by a word that pairs them, in order
_NAME = r"\$?(?:\\[A-Za-z]{2,8}|[A-Za-zα-ωΑ-Ω])(?:[_^]\{?[\w\\]{1,5}\}?|\d)?['′]?\$?"  # a letter, not a word
_NAME_LIST = rf"({_NAME}(?:[ \t]*,[ \t]*{_NAME}){{0,3}}(?:,?[ \t]+(?:and|und|et|y|e)[ \t]+|[ \t]*,[ \t]*){_NAME})"
_PAIRS = re.compile(rf"(?<![\w\\]){_NAME_LIST}[ \t]+(?:(?P<new>are[ \t]+(?:called|named|renamed|written)"
                    rf"|(?:are[ \t]+)?(?:renamed|written)[ \t]+(?:as|to)|become)"
                    rf"|(?:are|denote|stand[ \t]+for|for|mean|represent|correspond[ \t]+to|play[ \t]+the[ \t]+role"
                    rf"[ \t]+of)(?:[ \t]+(?:the[ \t]+)?(?:handout's|weights?)[ \t]*:?)?)[ \t]+"
                    rf"(?:the[ \t]+handout's[ \t]+)?{_NAME_LIST}(?![\w(])")


def _listed_names(text: str) -> list[tuple[int, str]]:
    """(offset, ``name = name``) for each pair of two lists a sentence pairs (see :data:`_PAIRS`)."""
    out: list[tuple[int, str]] = []
    for m in list(_PAIRS.finditer(text[:100_000]))[:10]:
        first, second = (re.split(r"[ \t]*,[ \t]*(?:(?:and|und|et|y|e)[ \t]+)?|[ \t]+(?:and|und|et|y|e)[ \t]+",
                                  m.group(k).strip()) for k in (1, 3))
        if len(first) != len(second) or len(first) < 2:
            continue
        if m.group("new"):
            first, second = second, first
        pairs = [(a.strip("$ "), b.strip("$ ")) for a, b in zip(first, second, strict=True)]
        out += [(m.start(), f"{a} = {b}") for a, b in pairs]
        stems = {(_INDEXED.sub("", a), _INDEXED.sub("", b)) for a, b in pairs}
        if len(stems) == 1 and all(_INDEXED.search(a) and _INDEXED.search(b) for a, b in pairs):
            (own, theirs), = stems  # "θ_1, θ_2, θ_3 for w_1, w_2, w_3": θ is w as well (∇_θ L, θ^{(t+1)})
            out.append((m.start(), f"{own} = {theirs}"))
    return out


_INDEXED = re.compile(r"_?\{?\d\}?$")  # the index of one of a family: θ_1, w_{2}, a1


# "I'll write A for σ(w1x) and B for σ(w2A), so f = w3B": names given in words, each for the formula after "for"
_WRITE_LEAD = re.compile(r"(?i)\b(?:write|use|call)[ \t]+(?=\$?[A-Za-zσ][\w′']{0,4}\$?[ \t]+for[ \t])")
_WRITTEN_FOR = re.compile(r"[ \t]*(?:,[ \t]*|(?:,[ \t]*)?and[ \t]+)?\$?([A-Za-zσ][\w′']{0,4})\$?[ \t]+for[ \t]+"
                          r"\$?([^$\n,;]{1,80}?)\$?(?=[ \t]*(?:[,;]|\.(?:[ \t]|$)|\band\b|$))", re.MULTILINE)


def _written_for(text: str) -> list[tuple[int, str]]:
    """(offset, ``name = formula``) for each name a sentence says it writes for a formula (see :data:`_WRITE_LEAD`)."""
    out: list[tuple[int, str]] = []
    for lead in list(_WRITE_LEAD.finditer(text))[:20]:
        pos = lead.end()
        while (m := _WRITTEN_FOR.match(text, pos)) is not None and len(out) < 40:
            formula = m.group(2).strip()
            if formula.count("(") < formula.count(")"):
                formula = formula[:-1].rstrip()  # "(… B for σ(w2A))": the aside's own bracket
            if not _OPERATOR.search(formula) or _PROSE_WORD.search(formula) or formula.count("(") != formula.count(")"):
                break  # "use x for the input": no formula
            out.append((m.start(1), f"{m.group(1)} = {formula}"))
            pos = m.end()
    return out


# "# names: z1 = w1*x, a1 = sig(z1), …" (a plain-text sheet's comment line, a heading to Markdown), "## Notation:
# h = σ(w1 x)": definitions in a heading line, one per comma or semicolon
_HEADING = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+(?:[A-Za-z ]{1,20}(?:\([^()\n]{0,80}\)[ \t]*)?:[ \t]*)?"
                      r"([^\n]{3,400})$")
# ("# names (numbered from the output end, like the backward pass): x1 = w2*s(x2), …": an aside in the lead)
_HEADING_DEFINITION = re.compile(r"[ \t]*([A-Za-zσ][\w′']{0,5}(?:\([a-z]\))?)[ \t]*:?=[ \t]*([^=\n]{1,120}?)[ \t]*")


def _heading_definitions(text: str) -> list[tuple[int, str]]:
    """(offset, ``name = formula``) for each definition a heading line lists (see :data:`_HEADING`)."""
    out: list[tuple[int, str]] = []
    for m in _HEADING.finditer(text):
        if "=" not in m.group(1) or len(out) > 40:
            continue
        pieces = re.split(r"[,;](?![^()]*\))", m.group(1))
        read = [d for piece in pieces if (d := _HEADING_DEFINITION.fullmatch(piece)) is not None
                and _FORMULA.search(d.group(2)) and not _PROSE_WORD.search(d.group(2))]
        if len(read) == len(pieces):  # every piece a definition: a heading of words is none
            out += [(m.start(1), f"{d.group(1)} = {d.group(2)}") for d in read]
    return out


# a cell made of math and code pieces only: "`s(z1)`", "$w_3 \\cdot$ `a2` $= f_w(x)$" (a notebook's names in code)
_PIECES = re.compile(r"\s*(?:(?:\$[^$]{1,200}\$|`[^`]{1,60}`)\s*)+")
_PIECE = re.compile(r"\$([^$]{1,200})\$|`([^`]{1,60})`")
_CODE_FORMULA = re.compile(r"[\w\s()*/+\-^·]+")  # "s(z1)", "w3 * a2": not "nn.Conv2d(1, 20, 5)"


# "… $= f_w(x)$" at a cell's end: the row's name is the model's output, said after its formula
_OUTPUT_TAIL = re.compile(r"\s*=\s*(?:f_\{?w\}?|f)\s*\(\s*x\s*\)\s*$")


def _said_equal_to_output(cells: list[str]) -> bool:
    """Whether the row's only "=" ends a cell of pieces by saying the formula is f_w(x)."""
    joined = [" ".join((m.group(1) or m.group(2)).strip() for m in _PIECE.finditer(c)) for c in cells[1:]
              if "=" in c and _PIECES.fullmatch(c)]
    return len(joined) == sum("=" in c for c in cells) == 1 and _OUTPUT_TAIL.search(joined[0]) is not None \
        and joined[0].count("=") == 1


def _cell_formulas(cell: str) -> list[str]:
    """The formula a cell gives a name: its one math span ("$w_1$, $x$" is a list of inputs, not a value), or a
    cell of math and code pieces read as one ("$w_3 \\cdot$ `a2` $= f_w(x)$": w_3 · a2, which is f_w(x))."""
    maths = _MATH.findall(cell)
    if "`" in cell and _PIECES.fullmatch(cell):
        pieces = [m.group(1) or m.group(2) for m in _PIECE.finditer(cell)]
        if any(m.group(2) is not None and not _CODE_FORMULA.fullmatch(m.group(2)) for m in _PIECE.finditer(cell)):
            return []
        joined = _OUTPUT_TAIL.sub("", " ".join(p.strip() for p in pieces))
        return [joined] if _FORMULA.search(joined) and not _PROSE_WORD.search(joined) else []
    return [f for f in maths if _FORMULA.search(f)] if len(maths) == 1 else []


def table_definitions(doc: Any) -> list[tuple[int, str]]:
    """(offset, ``name = formula``) for every row of a definitions table in ``doc``."""
    out: list[tuple[int, str]] = []
    header: list[str] = []
    for block in getattr(doc, "blocks", []):
        if block.kind != "row":
            header = []
            continue
        line = doc.text[block.start:block.end].strip()
        cells = [c for c in line.strip("|").split("|")]
        if not header:
            header = cells  # the first row of a table names its columns
            continue
        if len(cells) < 2 or "=" in line and not _said_equal_to_output(cells):
            continue
        m = _NAME_CELL.fullmatch(cells[0])
        if m is None:
            plain = _plain_definition(cells, header) if symbol_column(doc.text, block.start) else None
            if plain is not None:
                out.append((block.start, plain))
            continue
        name = (m.group(1) or m.group(2)).strip()
        if not re.fullmatch(r"\\?[A-Za-z]{1,8}(?:_?\{?\w{1,3}\}?)?(?:\^\{?\(?\w\)?\}?)?(?:'|′)?", name):
            continue
        formulas = [(k, f) for k, cell in enumerate(cells[1:], 1) for f in _cell_formulas(cell)]
        if not formulas and (plain := _plain_definition([name, *cells[1:]], header)) is not None:
            out.append((block.start, plain))  # "| `z` | w2 · h | pre-activation |": the formula in plain text
            continue
        if len(formulas) == 1 and not _NOT_VALUE.search(header[formulas[0][0]] if formulas[0][0] < len(header) else ""):
            out.append((block.start, f"{name} = {formulas[0][1].strip()}"))
    return out


# a one-parameter function a program defines in one line: Python's "sig = lambda z: 1/(1+sp.exp(-z))" and
# "def sig(z): return …" (the return on the next line too), R's "sig <- function(u) 1/(1+exp(-u))", MATLAB's
# "sig = @(u) 1./(1+exp(-u));", Julia's "sig(u) = 1/(1+exp(-u))" (the last one is math already)
_CODE_FUNCTION = re.compile(
    r"(?m)^[ \t]*(?:(?P<a>[A-Za-z_]\w{0,20})[ \t]*=[ \t]*lambda[ \t]+(?P<ap>[A-Za-z_]\w{0,8})[ \t]*:"
    r"|def[ \t]+(?P<b>[A-Za-z_]\w{0,20})[ \t]*\([ \t]*(?P<bp>[A-Za-z_]\w{0,8})[ \t]*(?::[^)]{0,20})?\)[ \t]*"
    r"(?:->[^:\n]{0,20})?:[ \t]*(?:\n[ \t]+)?return\b"
    r"|(?P<c>[A-Za-z_]\w{0,20})[ \t]*<-[ \t]*function[ \t]*\([ \t]*(?P<cp>[A-Za-z_]\w{0,8})[ \t]*\)[ \t]*\{?"
    r"|(?P<d>[A-Za-z_]\w{0,20})[ \t]*=[ \t]*@[ \t]*\([ \t]*(?P<dp>[A-Za-z_]\w{0,8})[ \t]*\))"
    r"[ \t]*(?P<body>[^\n#%]{1,200}?)[ \t;}]*(?:[#%][^\n]*)?$")


_MODULE = re.compile(r"\b(?:np|numpy|math|Math|sp|sympy|torch|jnp)\.(?=[a-z])")
_ELEMENTWISE = re.compile(r"\.([*/^])")


def code_definitions(doc: Any) -> list[tuple[int, str]]:
    """(offset, ``name(u) = formula``) for each one-line function the hand-in's code blocks define: the
    student's own name for σ ("sig") is theirs in the prose too. Read as a definition only, never run."""
    text = getattr(doc, "text", "") or ""
    out: list[tuple[int, str]] = []
    for span in getattr(doc, "code_spans", []):
        for m in _CODE_FUNCTION.finditer(text[span.start:min(span.end, span.start + 50_000)]):
            name = m.group("a") or m.group("b") or m.group("c") or m.group("d")
            param = m.group("ap") or m.group("bp") or m.group("cp") or m.group("dp")
            body = _MODULE.sub("", _ELEMENTWISE.sub(r"\1", m.group("body").strip()))  # np.exp, ./ and .^
            if re.search(rf"\b{re.escape(param)}\b", body) and not re.search(r"\b(?:return|for|if|while)\b", body):
                out.append((span.start + m.start(), f"{name}({param}) = {body}"))
    return out
