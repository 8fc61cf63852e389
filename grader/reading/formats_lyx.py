"""A LyX document (a ``.lyx`` file, LyX's own source) as the LaTeX it exports, read as LaTeX.

LyX keeps a document as layouts (``\\begin_layout Section`` … ``\\end_layout``) holding text and insets;
its formulas are LaTeX already (``\\begin_inset Formula $…$`` or a display environment). The header, pictures,
notes' frames and LyX's own settings carry no answer and are left out.
"""
from __future__ import annotations

import re

_HEADINGS = {"Part": "part", "Section": "section", "Subsection": "subsection", "Subsubsection": "subsubsection",
             "Paragraph": "paragraph", "Title": "title"}
_ITEMS = {"Enumerate": "enumerate", "Itemize": "itemize"}  # a list's layout: the LaTeX environment of its items
# (a float's table is printed; a note is not, unless it is a greyed-out one, which the PDF shows in grey)
_DROPPED = ("Graphics", "CommandInset", "ERT_settings", "Index", "Box_settings", "Note")
_HEADER = re.compile(r"\\begin_header\b.*?\\end_header\b", re.DOTALL)
_SETTING = re.compile(r"^\\(?:lyxformat|begin_document|end_document|begin_body|end_body|begin_deeper|end_deeper"
                      r"|noindent|align|labelwidthstring|paragraph_spacing|series|shape|family|emph|bar|size|lang"
                      r"|color|status|begin_local_layout|end_local_layout|backslash|leftindent)\b.*$", re.MULTILINE)


def is_lyx(text: str) -> bool:
    return text.lstrip().startswith("#LyX") or "\\begin_layout" in text[:20_000]


def lyx_latex(text: str) -> str:
    """The document's text as LaTeX: headings as sectioning commands, lists as ``\\item``s, formulas as written."""
    body = text.find("\\begin_document")  # LyX's comments ("#LyX 2.3 created this file") come before the document;
    text = _HEADER.sub("", re.sub(r"(?m)^#.*$", "", text[:max(body, 0)]) + text[max(body, 0):])  # a line of it that
    text = text.replace("\\backslash\n", "\\")  # opens with "#" ("# parameters" in a table's head) is text
    out: list[str] = ["\\begin{document}"]
    layout, skip, item_open, sections = "", 0, "", 0
    cell: bool | None = None  # in a table: whether a cell is open (None outside tables)
    for line in text.split("\n"):
        if (tabular := _table_markup(line, cell)) is not None:
            piece, cell = tabular
            out.append(piece)
            continue
        if skip:
            skip += line.startswith("\\begin_inset") - line.startswith("\\end_inset")
            continue
        if line.startswith("\\begin_inset"):
            kind = line.split()[1] if len(line.split()) > 1 else ""
            if kind in _DROPPED and not (kind == "Note" and line.split()[2:3] == ["Greyedout"]):
                skip = 1
            elif kind == "Formula":
                out.append(" " + line[len("\\begin_inset Formula"):].strip())
            continue
        if line.startswith("\\end_inset"):
            continue
        if line.startswith("\\begin_layout"):
            layout = line.split(maxsplit=1)[1].strip() if len(line.split()) > 1 else "Standard"
            base = layout.rstrip("*")
            if base in _ITEMS and item_open != base:
                out.append(f"\\begin{{{_ITEMS[base]}}}")
                item_open = base
            elif base not in _ITEMS and item_open:
                out.append(f"\\end{{{_ITEMS[item_open]}}}")
                item_open = ""
            sections += layout == "Section"
            number = f"{sections} " if layout == "Section" else ""  # a numbered section, printed "2 Title"
            if cell:
                continue  # a cell's paragraph: its text stays on the row's line
            out.append("\n\\item " if base in _ITEMS else f"\n\\{_HEADINGS[base]}{'*' if layout.endswith('*') else ''}"
                       f"{{{number}" if base in _HEADINGS else "\n")
            continue
        if line.startswith("\\end_layout") and cell:
            out.append(" ")
            continue
        if line.startswith("\\end_layout"):
            if layout.rstrip("*") in _HEADINGS:
                out.append("}")
            out.append("\n")
            layout = ""
            continue
        if _SETTING.match(line):
            continue
        out.append(line)
    if item_open:
        out.append(f"\\end{{{_ITEMS[item_open]}}}")
    out.append("\\end{document}")
    latex = "".join(p + "\n" if p.startswith("\\") else p for p in out)
    return re.sub(r"\n{3,}", "\n\n", _ROW_END.sub(r" \\\\\n", latex) if "<lyxtabular" in text else latex)


_ROW_END = re.compile(r"[ \t]*&[ \t]*\\\\\n")  # "… & 520 &  \\": a row's last cell, its separator taken back
_COLUMNS = re.compile(r'columns="(\d{1,3})"')


def _table_markup(line: str, cell: bool | None) -> tuple[str, bool | None] | None:
    """A line of LyX's table markup (``<lyxtabular>``, ``<row>``, ``<cell>``) as the LaTeX tabular it exports, with
    whether a cell is open after it; None for any other line."""
    stripped = line.strip()
    if not stripped.startswith("<") or not re.match(r"</?(?:lyxtabular|features|column|row|cell)\b", stripped):
        return None
    if stripped.startswith("<lyxtabular"):
        columns = int(m.group(1)) if (m := _COLUMNS.search(stripped)) else 1
        return f"\n\\begin{{tabular}}{{{'l' * min(columns, 40)}}}\n", False
    if stripped.startswith("</lyxtabular"):
        return "\\end{tabular}\n", None
    if stripped.startswith("<row"):
        return "", False
    if stripped.startswith("</row"):
        return " \\\\\n", False
    if stripped.startswith("<cell"):
        return "", True
    if stripped.startswith("</cell"):
        return " & ", False  # (the row's last one is taken back at the row's end)
    return "", cell  # <features>, <column>: the table's look
