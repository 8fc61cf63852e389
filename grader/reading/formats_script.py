"""A notebook saved as a script, as the Markdown the reader understands.

Jupytext's percent format (what VS Code, Spyder and "Download .py" of some notebook services write) keeps a
notebook in a ``.py`` file: ``# %% [markdown]`` opens a text cell whose lines are comments (``# ## (b) …``),
``# %%`` a code cell. A MATLAB live script exported as a ``.m`` file does the same with ``%%`` sections and
``% `` text lines. A student hands one in as the written report: its text cells are the report, its code
cells are fenced code (where the network's class may be). A script without those markers is a program, never
a report (:func:`is_script_notebook`).
"""
from __future__ import annotations

import re

from grader.reading.formats_cells import CELL_TOOLS, cells_kind, cells_markdown
from grader.reading.formats_json import python_sheet_lines

_PY_MARKDOWN = re.compile(r"(?m)^#[ \t]*%%[ \t]*\[markdown\]")
_PY_CELL = re.compile(r"^#[ \t]*%%(?P<md>[ \t]*\[markdown\])?.*$")
_M_SECTION = re.compile(r"^%%(?:[ \t]+(?P<title>.*))?$")
_M_TEXT = re.compile(r"^%(?:[ \t](?P<text>.*))?$")
MIN_TEXT_CELLS = 2


def is_script_notebook(text: str, suffix: str) -> bool:
    """Whether a script is a report: a notebook saved as a script (two text cells or more), or a program that
    answers the written parts in its comments; otherwise it is a program only."""
    return _script_kind(text, suffix) is not None


def _script_kind(text: str, suffix: str) -> str | None:
    """What a script is: a tool's notebook (:data:`CELL_TOOLS`), "percent" (a notebook in Jupytext's percent
    format), "sheet" (a dict of answers and nothing else), "commented" (a program answering in
    its comments; a MATLAB file that is that too is read so), "live" (a MATLAB live script), or None (a program)."""
    head = text[:200_000]
    if (tool := cells_kind(head, suffix)) is not None:
        return tool  # a marimo, Databricks or Pluto notebook
    if suffix == ".py" and len(_PY_MARKDOWN.findall(head)) >= MIN_TEXT_CELLS:
        return "percent"
    if suffix == ".py" and "{" in head and python_sheet_lines(head) is not None:
        return "sheet"
    if is_commented_program(head, suffix):
        return "commented"
    return "live" if suffix == ".m" and _is_live_script(head) else None


def _is_live_script(head: str) -> bool:
    sections = sum(1 for line in head.split("\n") if _M_SECTION.match(line))
    texts = sum(1 for line in head.split("\n") if line.startswith("% ") and re.search(r"[A-Za-z]{3,}", line))
    return sections >= MIN_TEXT_CELLS and texts >= 3


def script_markdown(text: str, suffix: str) -> str:
    """The notebook's text cells as Markdown and its code cells as fenced code, in order; a program that answers
    in its comments, as :func:`commented_program_markdown` reads it."""
    kind = _script_kind(text, suffix)
    if kind in CELL_TOOLS:
        return cells_markdown(text, kind)
    if kind == "percent":
        return _percent_markdown(text)
    if kind == "live":
        return _live_script_markdown(text)
    if kind == "sheet":
        return python_sheet_lines(text) or text
    return commented_program_markdown(text, suffix)


def _percent_markdown(text: str) -> str:
    """Text cells as text; a code cell fenced, then its whole-line comments as text, as a notebook's code cell is
    read ("# (d)  d out/d w3 = h2" above the code that computes it is a written answer)."""
    out: list[str] = []
    said: list[str] = []
    markdown, fenced = False, False
    for line in _without_header(text.split("\n")):
        cell = _PY_CELL.match(line)
        if cell is not None:
            if fenced:
                out.extend(["```", "", *said, ""] if said else ["```"])
                said = []
            markdown, fenced = cell.group("md") is not None, cell.group("md") is None
            out.append("" if markdown else "```python")
            continue
        if markdown:
            out.append(re.sub(r"^#[ \t]?", "", line) if line.startswith("#") else line)
        else:
            out.append(line)
            if (comment := _COMMENT_LINE.match(line)) is not None:
                said.append(undecorated(comment.group(1)))
    if fenced:
        out.extend(["```", "", *said] if said else ["```"])
    return "\n".join(out)


_RULED = re.compile(r"[-=#*~_ \t]{3,}(\S.{0,80}?)[ \t]*[-=#*~_]{3,}[ \t]*")


def undecorated(comment: str) -> str:
    """A comment's title without the rules drawn around it: "---- (b) -----" is "(b)"."""
    m = _RULED.fullmatch(comment)
    return m.group(1) if m is not None else comment


_COMMENT_LINE = re.compile(r"^[ \t]*#(?![!%@])[ \t]?(.*)$")  # not a shebang, a magic or a form's markup


def _without_header(lines: list[str]) -> list[str]:
    """Jupytext's metadata header (``# ---`` … ``# ---`` at the top) is no text of the hand-in."""
    if lines and lines[0].strip() == "# ---":
        end = next((k for k in range(1, min(len(lines), 200)) if lines[k].strip() == "# ---"), None)
        if end is not None:
            return lines[end + 1:]
    return lines


def _live_script_markdown(text: str) -> str:
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        section = _M_SECTION.match(line)
        said = _M_TEXT.match(line) if section is None else None
        if (section is not None or said is not None) and fenced:
            out.append("```")
            fenced = False
        if section is not None:
            title = (section.group("title") or "").strip()
            out.append(f"## {title}" if title else "")
        elif said is not None:
            out.append(said.group("text") or "")
        elif line.strip():
            if not fenced:
                out.append("```matlab")
                fenced = True
            out.append(line)
        elif not fenced:
            out.append(line)
    if fenced:
        out.append("```")
    return "\n".join(out)


# a program handed in as the written report: its answers in comments and docstrings, its formulas as one-line
# functions ("σ′(u) = σ(u) * (1 - σ(u))", "ds = @(u) s(u) .* (1 - s(u));", "d_w3 <- function(w, x) …")
_LANGUAGE = {".py": "python", ".jl": "julia", ".r": "r", ".m": "matlab"}
_COMMENT = {".py": "#", ".jl": "#", ".r": "#", ".m": "%"}
_PART_LABEL = re.compile(r"^[ \t]*[-=#*~_ \t>]*(?:(?:problem|part|q)[ \t]*)?(?:[12][ \t]*[.]?[ \t]*)?"
                         r"\(?([a-h])\)(?![\w])", re.IGNORECASE)
_RULE_AROUND = re.compile(r"^[-=#*~_ \t]{3,}|[ \t]*[-=#*~_]{3,}[ \t]*$")  # "---- 1(b) ----", "----------- 1(b)"
_ANSWER_MARK = re.compile(r"(?i)^[<>=←\- \t]*(?:my[ \t]+)?answer\b|^ans\b")  # "% <- answer (b)(i)", ">>> ANSWER (d)"
MIN_COMMENT_LABELS = 4  # distinct parts labelled at the start of a comment line: fewer is a program's remarks
_ONE_LINE = {
    "julia": re.compile(r"^([ \t]*)([^\W\d][\w′∂∇₀-₉]*)\(([^()\n]*)\)[ \t]*=(?!=)[ \t]*([^#\n]+?)[ \t]*"
                        r"(?:#[ \t]*(.*))?$"),
    "matlab": re.compile(r"^([ \t]*)([A-Za-z]\w*)[ \t]*=[ \t]*@\(([^()\n]*)\)[ \t]*([^%\n]+?)[ \t]*;?[ \t]*"
                         r"(?:%[ \t]*(.*))?$"),
    "r": re.compile(r"^([ \t]*)([A-Za-z.][\w.]*)[ \t]*(?:<-|=)[ \t]*function[ \t]*\(([^()\n]*)\)[ \t]*([^#{\n]+?)"
                    r"[ \t]*(?:#[ \t]*(.*))?$"),
    "python": re.compile(r"^([ \t]*)([A-Za-z_]\w*)[ \t]*=[ \t]*lambda[ \t]+([^:\n]*):[ \t]*([^#\n]+?)[ \t]*"
                         r"(?:#[ \t]*(.*))?$"),
}
_PY_DEF = re.compile(r"^def[ \t]+([A-Za-z_]\w*)[ \t]*\(([^()\n]*)\)[ \t]*(?:->[^:\n]*)?:[ \t]*$")
_PY_UNPACK = re.compile(r"^[ \t]+(?P<names>[A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)+)[ \t]*=[ \t]*[A-Za-z_]\w*[ \t]*$")
# what a program does that a formula does not (a branch, a loop, a print, integer division, Python's ^ as xor,
# an index from 0 where the language counts from 1): such a function is a program, read as code
_PROGRAM_ONLY = re.compile(r"\b(?:if|else|elif|for|while|print\w*|return|ifelse|where|max|min|abs|clip|round|floor|"
                           r"ceil|int)\b|\?|//|%|\)\.\w")
_ANSWER_NAME = re.compile(r"(?i)d\w{0,6}_?d\w{1,4}|grad\w*|d_?w\d|dsig\w*|update\w*|step\w*")  # df_dw1, grad_L
_FROM_ZERO = re.compile(r"[\[(][ \t]*0[ \t]*[\])]")  # "w[0]", "w(0)": no first element in Julia, R or MATLAB
_PY_RETURN = re.compile(r"^[ \t]+return[ \t]+([^#\n]+?)[ \t]*(?:#[ \t]*(.*))?$")


def _comment_text(lines: list[str], suffix: str) -> list[str | None]:
    """Each line's text when it is a comment or inside a docstring or block comment (its marks dropped), else None."""
    mark = _COMMENT[suffix]
    out: list[str | None] = []
    quote = ""  # the docstring or block comment the line is in
    for line in lines:
        stripped = line.strip()
        if quote:
            closed = stripped.endswith(quote) if quote in ('"""', "'''", "=#") else stripped.startswith(quote)
            out.append(stripped[:-len(quote)] if closed and quote in ('"""', "'''") else ("" if closed else line))
            quote = "" if closed else quote
            continue
        opener = next((q for q in ('"""', "'''") if stripped.startswith(q)), None) if suffix in (".py", ".jl") else None
        block = {".jl": ("#=", "=#"), ".m": ("%{", "%}")}.get(suffix)
        if opener is not None:
            body = stripped[3:]
            if body.endswith(opener) and len(body) >= 3:
                out.append(body[:-3])
            else:
                out.append(body)
                quote = opener
        elif block is not None and (stripped == block[0] or suffix == ".jl" and stripped.startswith("#=")
                                    and not stripped.endswith("=#")):
            out.append("")  # Julia's "#= ---- REPL ----" opens a block comment whatever follows it on its line
            quote = block[1]
        elif suffix == ".m" and stripped.startswith("%%"):  # a section's title, its rules dropped
            title = _RULE_AROUND.sub("", stripped[2:].strip())
            out.append(f"## {title}" if title else "")
        elif stripped.startswith(mark) and not stripped.startswith("#!"):
            comment = stripped.lstrip(mark)
            comment = (comment[1:] if suffix == ".r" and comment[:1] in ("'", "+") else comment).strip()  # roxygen's
            # "#' (b)(i) …" and knitr's spin "#+": comments all the same
            if re.fullmatch(r"[-=#*~_ \t]*", comment):
                out.append("")  # a rule drawn in a comment: a break, no text (a lone "=" would be a heading's rule)
                continue
            comment = re.sub(r"^(?:>{2,}|->|=>)[ \t]*", "", comment)  # "# >>> ANSWER (i):": a pointer, no quote
            ruled = _RULE_AROUND.sub("", comment)
            out.append(f"## {ruled}" if ruled != comment and _PART_LABEL.match(ruled) else undecorated(comment))
        else:
            out.append(None)
    return out


def _formula_body(body: str, language: str) -> bool:
    """Whether a one-line function's body is a formula a TA reads as written: no branch, no program-only operator,
    no index the language does not have."""
    if _PROGRAM_ONLY.search(body):
        return False
    if language == "python" and ("^" in body or re.search(r"\[[ \t]*(?:[3-9]|-)", body)):
        return False  # Python's ^ is xor; w[3] or w[-1] is no weight of three
    return not (language in ("julia", "r", "matlab") and _FROM_ZERO.search(body))


def _weights_unpacked(line: str) -> bool:
    """``w1, w2, w3 = w``: the weights named in their order (any other unpacking renames them)."""
    m = _PY_UNPACK.match(line)
    return m is not None and [n.strip() for n in m.group("names").split(",")] == ["w1", "w2", "w3"]


def _unread_program(name: str) -> list[str]:
    """The line that stands for an answer written as a program this reading does not read: its name equal to no
    formula, so the answer goes to a person."""
    return ["", f"{name} = ⟨the program of {name}⟩", ""]


def is_commented_program(text: str, suffix: str) -> bool:
    """Whether a program answers the written parts in its comments (four parts or more labelled where a comment
    line starts: "# --- 1(b) ---", "%% 1(d)", a docstring's "(e) df/dw2 = …")."""
    if suffix not in _LANGUAGE:
        return False
    lines = text[:200_000].split("\n")
    labels = {m.group(1).lower() for said in _comment_text(lines, suffix) if said
              for m in [_PART_LABEL.match(said)] if m is not None}
    return len(labels) >= MIN_COMMENT_LABELS


def commented_program_markdown(text: str, suffix: str) -> str:
    """The program as a report: comment and docstring lines as text, a one-line function (and a Python function
    that only returns an expression) as the formula it writes, the rest fenced code in its language."""
    language = _LANGUAGE[suffix]
    lines = text.split("\n")
    said = _comment_text(lines, suffix)
    out: list[str] = []
    code: list[str] = []

    def flush() -> None:
        if any(c.strip() for c in code):
            out.extend([f"```{language}", *code, "```"])
        code.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if said[i] is not None:
            flush()
            out.append(said[i] or "")
            i += 1
            continue
        one = _ONE_LINE[language].match(line)
        if one is not None and _formula_body(one.group(4), language):
            flush()
            out.extend(["", f"{one.group(2)}({one.group(3).strip()}) = {one.group(4).strip()}"])
            out.extend([one.group(5), ""] if one.group(5) and not _ANSWER_MARK.match(one.group(5)) else [""])
            i += 1
            continue
        if language == "python" and (head := _PY_DEF.match(line)) is not None:
            body = i + 1
            while body < len(lines) and (said[body] is not None or _weights_unpacked(lines[body])
                                         or not lines[body].strip()):
                body += 1
            ret = _PY_RETURN.match(lines[body]) if body < len(lines) else None
            after = body + 1
            if ret is not None and _formula_body(ret.group(1), language) \
                    and (after >= len(lines) or not lines[after].startswith((" ", "\t")) or not lines[after].strip()):
                flush()
                out.extend(said[k] or "" for k in range(i + 1, body) if said[k] is not None)
                out.extend(["", f"{head.group(1)}({head.group(2).strip()}) = {ret.group(1).strip()}", ""])
                i = after
                continue
            if _ANSWER_NAME.fullmatch(head.group(1)):  # a derivative's function that is a program: its answer is
                flush()  # in code this reading does not run or read; a person reads it
                out.extend(said[k] or "" for k in range(i + 1, body) if said[k] is not None)
                out.extend(_unread_program(head.group(1)))
                i = body
                continue
        code.append(line)
        if one is not None and _ANSWER_NAME.fullmatch(one.group(2)):  # a derivative's one-liner that is a program
            flush()  # ("σ(w[1] * σ(w[0] * x))" in Julia): its answer is not read as a formula; a person reads it
            out.extend(_unread_program(one.group(2)))
        i += 1
    flush()
    return "\n".join(out)


# a C-family source handed in as text (C, C++, Java, C#, Go, Rust, Kotlin, TypeScript): comments hold the answers
_C_COMMENT = re.compile(r"^[ \t]*(?://[/!]?|/\*[*!]?|\*(?!\*)|\*/)")
_C_CODE = re.compile(r"^[ \t]*(?:#include\b|package[ \t]+[\w.]+;?[ \t]*$|import[ \t]+[\w.\"{(]|using[ \t]+[\w:.]+|"
                     r"(?:public|private|static|inline|final|const|let|var|fn|func|fun|class|struct|return)\b)")
_DOXYGEN_TAG = re.compile(r"(?<![\w\\])[@\\](?:brief|return|returns|note|details|param(?:\[[a-z,]+\])?[ \t]+\w+)\b"
                          r"[ \t]*")


def is_c_family(text: str) -> bool:
    """Whether a text is a C-family program: it opens with a comment or code, a quarter or more of its lines are
    comments (three at least) and two or more are its code (not an answer sheet with a few snippets in it)."""
    lines = [ln for ln in text[:100_000].split("\n") if ln.strip()]
    comments = sum(1 for ln in lines if _C_COMMENT.match(ln))
    return bool(lines) and bool(_C_COMMENT.match(lines[0]) or _C_CODE.match(lines[0])) and comments >= 3 \
        and comments >= len(lines) // 4 and sum(1 for ln in lines if _C_CODE.match(ln)) >= 2  # (it opens as a program)


def c_family_markdown(text: str) -> str:
    """A C-family program as a report: its comments as text (Doxygen's ``@f$ … @f$`` and ``@f[ … @f]`` as math, its
    tags dropped), its code as fenced code, as a TA reads a program whose comments answer the questions."""
    out: list[str] = []
    code: list[str] = []
    in_block = False
    for line in text.split("\n"):
        stripped = line.strip()
        comment = None
        if in_block:
            comment = re.sub(r"^\*+(?!/)[ \t]?", "", stripped)
            if "*/" in comment:
                comment, in_block = comment.split("*/", 1)[0], False
        elif stripped.startswith("//"):
            comment = re.sub(r"^//[/!]?[ \t]?", "", stripped)
        elif stripped.startswith("/*"):
            comment = re.sub(r"^/\*[*!]?[ \t]?", "", stripped)
            in_block = "*/" not in comment
            comment = comment.split("*/", 1)[0]
        if comment is None:
            code.append(line)
            continue
        if code and any(c.strip() for c in code):
            out.extend(["```", *code, "```"])
        code = []
        comment = comment.replace("@f[", "$$").replace("@f]", "$$").replace("\\f[", "$$").replace("\\f]", "$$")
        out.append(_DOXYGEN_TAG.sub("", comment.replace("@f$", "$").replace("\\f$", "$")))
    if code and any(c.strip() for c in code):
        out.extend(["```", *code, "```"])
    return "\n".join(out)
