"""Jupyter notebooks: markdown and raw cells become the report, code cells the code.

A notebook is parsed first, its images dropped, and only then is the text that remains
size-limited: an honest notebook with an embedded plot is read in full. A code cell's
comments and printed text follow it in the report (students answer there too). The reading
is lenient and total: a cell without ``cell_type``, a ``source`` of the wrong type or JSON
nested beyond reason costs that cell or the notebook (a note), never the grade.
"""
from __future__ import annotations

import json
import re
from typing import Any

from grader.reading.document import formula_fence, formula_program
from grader.reading.formats_script import undecorated
from grader.reading.program_functions import functions_as_formulas
from grader.reading.program_loops import code_only, program_formulas
from grader.reading.tables import _SUMMARY_HEAD

MAX_NOTEBOOK_BYTES = 50_000_000  # the file, outputs included
MAX_NOTEBOOK_TEXT = 1_000_000  # the cells' text once outputs are dropped
MAX_CELLS = 5_000


def read_notebook(text: str, name: str, notes: list[str]) -> tuple[str, list[str]]:
    """(markdown text, code cells); a corrupt notebook is a note and yields nothing."""
    try:
        nb = json.loads(text)
    except (ValueError, RecursionError, MemoryError) as exc:
        notes.append(f"{name} is not a readable notebook ({type(exc).__name__}); its answers were not read")
        return "", []
    cells = _cells(nb)
    if cells is None:
        notes.append(f"{name} is not a notebook (no list of cells); its answers were not read")
        return "", []
    markdown: list[str] = []
    code: list[str] = []
    skipped = 0
    language = _language(nb)  # a Julia or R kernel's cell of formulas (σ′(u) = σ(u)*(1 - σ(u))) is read as one
    budget = MAX_NOTEBOOK_TEXT
    read = [_cell(cell) for cell in cells[:MAX_CELLS]]  # each cell's (kind, text), joined once
    forms = any(kind == "code" and text and "#@param" in text for kind, text in read)  # a notebook of Colab forms:
    # a titled cell that prints is one of its answers ("#@title 2(c) number of parameters", then its printout)
    code_of = [code_only(text[:MAX_SAID], language or "python") if kind == "code" and text else ""
               for kind, text in read] if any(kind == "code" and text and "for" in text for kind, text in read) else []
    for index, cell in enumerate(cells[:MAX_CELLS]):
        kind, source = read[index]
        if kind not in ("markdown", "code", "raw") or source is None:
            skipped += 1
            continue
        if len(source) > budget:
            notes.append(f"{name}: the text of its cells is larger than {MAX_NOTEBOOK_TEXT:,} characters "
                         "(outputs not counted); only the first part was read")
            source = source[:budget]
        budget -= len(source)
        if kind == "code" and (magic := _TEXT_MAGIC.match(source)) is not None:
            markdown.append(_as_markdown(source[magic.end():], magic.group(1)))  # %%latex, %%markdown: a text cell
            continue
        if kind == "code" and (_FORM_TEXT.search(source) or forms and _TITLE.match(source) and cell.get("outputs")):
            form, source = _form_text(source)  # a Colab form's "#@title (b) …" and "#@markdown …" lines: the text
            markdown.append(form)  # the form shows, read as the report's own
        (code if kind == "code" else markdown).append(source)  # a raw cell is shown as it is: text the TA reads
        if kind == "code":  # what the cell says in words and prints is written answer text too
            later = _later_code(code_of, index) if "for" in source else ""  # a sum a later cell changes (grad /= 2)
            source = program_formulas(source, language or "python", later)  # a loop adding up: the sum it writes
            source = functions_as_formulas(source, language)  # an R or Julia kernel's "d_w3 <- function(w, x) …"
            formulas = formula_program(source) if language in ("", "python") else formula_fence(source, language)
            said = _said(source, cell, formulas=formulas)[:max(0, budget)]
            budget -= len(said)
            if said:
                markdown.append(said)
        if budget <= 0:
            break
    if skipped:
        notes.append(f"{name}: {skipped} cell(s) without a readable type or text were skipped")
    if len(cells) > MAX_CELLS:
        notes.append(f"{name}: only the first {MAX_CELLS:,} cells were read")
    return "\n\n".join(markdown), code


# a Colab form cell: "#@title (b) derivative { display-mode: "form" }", then "#@markdown **(i)** $…$" lines
_FORM_TEXT = re.compile(r"^[ \t]*#@markdown\b|\A[ \t]*#@title\b(?=[\s\S]*#@param\b)", re.MULTILINE)
_TITLE = re.compile(r"[ \t]*#@title\b")
# a form's field: "filter_size = 5  #@param {type:"integer"}" shows as the field's name and its value
_FORM_PARAM = re.compile(r"^[ \t]*([A-Za-z_]\w{0,40})[ \t]*=[ \t]*(.{1,200}?)[ \t]*#@param\b.*$", re.MULTILINE)
_FORM_LINE = re.compile(r"^[ \t]*#@(title|markdown)\b[ \t]?(.*)$", re.MULTILINE)
_FORM_OPTIONS = re.compile(r"\s*\{[^{}\n]*\}\s*$")  # "{ display-mode: "form" }" after a title


def _form_text(source: str) -> tuple[str, str]:
    """(the text a Colab form cell shows, its code): its title as a heading line and its markdown lines as text."""
    shown = [f"**{_FORM_OPTIONS.sub('', m.group(2)).strip()}**" if m.group(1) == "title" else m.group(2)
             for m in _FORM_LINE.finditer(source)]
    shown += [f"{m.group(1)}: {m.group(2).strip().strip(chr(34) + chr(39))}" for m in _FORM_PARAM.finditer(source)]
    return "\n".join(shown), _FORM_LINE.sub("", source)


MAX_SAID = 20_000  # per code cell: its comments and printed text (a training log is not an answer)
# (not a shebang, a magic, or Colab's form markup "#@title (d), (e)": a cell's caption, not the report's labels)
_COMMENT = re.compile(r"^[ \t]*#(?![!%@])[ \t]?(.*)$", re.MULTILINE)


_TRAILING = re.compile(r"(?<![ \t])[ \t]+#.*$")  # "df_dw3 = s2  # = sigmoid(x2)": a note beside the formula, not read


def _said(source: str, cell: Any, formulas: bool = False) -> str:
    """A code cell's whole-line comments and printed text, as lines of the report: students answer
    there ("# (a) input: 28x28x1", ``print("df/dw3 = σ2(x2)")``'s output). Read as text, never run.
    ``formulas``: a cell that only writes formulas down (``df_dw3 = s2``): its lines are the text, in order."""
    if formulas:
        comments = [m.group(1).rstrip() if (m := _COMMENT.fullmatch(ln)) else _TRAILING.sub("", ln).rstrip()
                    for ln in source.splitlines() if _COMMENT.fullmatch(ln) or not ln.lstrip().startswith("#")]
    else:
        comments = [undecorated(m.group(1).rstrip()) for m in _COMMENT.finditer(source)]  # "---- (b) ----": "(b)"
    printed = [_output_text(o) for o in cell.get("outputs") or [] if isinstance(o, dict)]
    lines = [c for c in comments if c.strip()]
    for text in (_without_index(t.strip("\n")) for t in printed if t.strip()):
        if _SUMMARY_HEAD.search(text):  # a printed layer summary stays printed output, read as its rows
            lines.append(f"\n```text\n{text.replace('`', chr(39))}\n```\n")
        elif _sentences(text):
            lines.append(text)
        elif all(_sentences(ln) or _NUMBERS_ONLY.fullmatch(ln) for ln in text.splitlines()):
            lines.append("\n".join(ln for ln in text.splitlines() if _sentences(ln)))  # "(b)(i) ds/du = …" printed
            # above a check's bare numbers (not a pretty-printed formula's lines, whose pieces are no sentences)
    return "\n".join(lines)[:MAX_SAID]


_INDEXED = re.compile(r"^(\d{1,4})[ \t]{2,}(?=\S)")  # a printed table's row number: "3       1(e) w2  ∂f/∂w2 = …"


def _without_index(printed: str) -> str:
    """A printed data frame without its row numbers (0, 1, 2, … down the left edge), so that each row starts with
    what the student wrote there ("1(e) w2  ∂f/∂w2 = …", a part's label and its answer)."""
    lines = printed.split("\n")
    numbers = [m.group(1) for ln in lines[1:] if (m := _INDEXED.match(ln))]
    if len(lines) < 3 or numbers != [str(k) for k in range(len(lines) - 1)]:
        return printed
    return "\n".join([lines[0], *(_INDEXED.sub(lambda m: " " * len(m.group()), ln) for ln in lines[1:])])


def _later_code(code_of: list[str], index: int) -> str:
    """The code of the cells after ``index``, comments removed (bounded): what a program does to a value after the
    cell that makes it."""
    out, size = [], 0
    for code in code_of[index + 1:]:
        if code:
            out.append(code)
            size += len(code)
            if size > MAX_SAID * 5:
                break
    return "\n".join(out)


_NUMBERS_ONLY = re.compile(r"\s*|(?=.*\d)[\s\d.,eE+\-\[\]()]*")  # "0.2217 0.2217 [1.0, 2.0]": a check's numbers printed


def _sentences(printed: str) -> bool:
    """Printed text that reads as words ("df/dw3 = σ2(x2)", "conv1 520"); a bare number printed is a
    computation's result that names nothing, not an answer."""
    return all(re.search(r"[A-Za-z\u00c0-\uffff]", line) for line in printed.splitlines()
               if line.strip(" \t{}[](),-=_+|*~"))  # a printed dict's own brackets are no number, nor a table's rule


# a cell magic that makes a code cell a cell of text: what it holds is rendered, as a markdown cell's text is
_TEXT_MAGIC = re.compile(r"[ \t]*%%(latex|markdown|md)[ \t]*(?:\n|$)")
_OBJECT = re.compile(r"<IPython\.core\.display\.\w+ object>")  # the plain stand-in of a rendered output


def _output_text(output: dict[str, Any]) -> str:
    """The text an output shows: a stream's text, or a result's rendered Markdown or LaTeX
    (``display(Math(…))``, ``display(Markdown(…))``: what the reader of the notebook sees), else its
    ``text/plain`` (images are dropped)."""
    text = output.get("text")
    if text is None and isinstance(output.get("data"), dict):
        data = output["data"]
        for kind, as_kind in (("text/markdown", "markdown"), ("text/latex", "latex"), ("text/plain", "")):
            shown = data.get(kind)
            if isinstance(shown, list) and all(isinstance(t, str) for t in shown):
                shown = "".join(shown)
            if isinstance(shown, str) and shown.strip() and not _OBJECT.fullmatch(shown.strip()):
                return _as_markdown(shown, as_kind) if as_kind else shown
        return ""
    if isinstance(text, list) and all(isinstance(t, str) for t in text):
        text = "".join(text)
    return text if isinstance(text, str) else ""


def _as_markdown(text: str, kind: str) -> str:
    """Rendered text as a markdown cell would hold it: LaTeX that opens no math of its own (``\\frac{…}{…}``, as
    ``%%latex`` and ``Math(…)`` take it) is set between ``$$``; Markdown and delimited LaTeX stay as written."""
    if kind != "latex" or "$" in text or "\\begin{" in text or "\\[" in text or "\\(" in text:
        return text
    return f"$$\n{text.strip()}\n$$"


def _language(nb: Any) -> str:
    """The language of a notebook's kernel ("julia", "r", "python"), lower case; empty when it does not say."""
    meta = nb.get("metadata") if isinstance(nb, dict) else None
    if not isinstance(meta, dict):
        return ""
    for key, field in (("kernelspec", "language"), ("language_info", "name")):
        entry = meta.get(key)
        if isinstance(entry, dict) and isinstance(entry.get(field), str):
            return entry[field].strip().lower()[:20]
    return ""


def _cells(nb: Any) -> list[Any] | None:
    """The cells of a version 4 notebook, or of a version 3 notebook's worksheets."""
    if not isinstance(nb, dict):
        return None
    if isinstance(nb.get("cells"), list):
        return nb["cells"]
    sheets = nb.get("worksheets")
    if isinstance(sheets, list):
        return [c for s in sheets if isinstance(s, dict) and isinstance(s.get("cells"), list) for c in s["cells"]]
    return None


def _cell(cell: Any) -> tuple[str | None, str | None]:
    """(kind, text) of one cell; its outputs are read apart (:func:`_said`)."""
    if not isinstance(cell, dict):
        return None, None
    kind = cell.get("cell_type")
    source = cell.get("source", cell.get("input"))  # version 3 code cells keep their text in "input"
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        source = "".join(source)
    return (kind if isinstance(kind, str) else None), (source if isinstance(source, str) else None)
