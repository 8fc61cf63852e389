"""Notebooks of other tools, saved as their own source files, as the Markdown the reader understands.

Each keeps a notebook's cells in a file of its own kind: a marimo notebook is a Python file whose text cells are
``mo.md(r\"\"\"…\"\"\")`` calls under ``@app.cell``; a Databricks notebook exported as source is a Python file whose
cells are cut by ``# COMMAND ----------`` and whose text cells are ``# MAGIC %md`` lines; a Pluto notebook is a Julia
file whose cells follow ``# ╔═╡`` marks and whose text cells are ``md\"\"\"…\"\"\"`` strings (Julia's Markdown, where
````x_1```` is inline math); a Zeppelin note is JSON whose paragraphs' text starts with ``%md``. A student who hands
one in writes the report in its text cells: those are the report, the code cells fenced code, in order.
"""
from __future__ import annotations

import re
import textwrap
from typing import Any

MAX_CELLS = 2_000
CELL_TOOLS = ("marimo", "databricks", "pluto")

_MARIMO = re.compile(r"(?m)^import marimo\b|^app = marimo\.App\b")
_MARIMO_CELL = re.compile(r"(?m)^@app\.cell\b")
# a text cell's call: mo.md(r"""…"""), mo.md(f'''…'''), mo.md("…"); its string's quotes
_MO_MD = re.compile(r"\bmo\.md\(\s*(?:[rRfF]{1,2})?(\"\"\"|'''|\"|')")

_DATABRICKS = "# Databricks notebook source"
_COMMAND = re.compile(r"(?m)^# COMMAND -{5,}[ \t]*$")
_MAGIC = re.compile(r"^#[ \t]MAGIC(?:[ \t]|$)")

_PLUTO = re.compile(r"(?m)^### A Pluto\.jl notebook ###")
_PLUTO_CELL = re.compile(r"(?m)^# ╔═╡ .*$")
_PLUTO_TEXT = re.compile(r"^md(\"\"\"|\")(.*?)\1[ \t]*$", re.DOTALL)
_JULIA_MATH = re.compile(r"(?<!`)``(?!`)([^`\n]{1,400}?)``(?!`)")  # Julia Markdown's ``x_1`` is inline LaTeX


def cells_kind(text: str, suffix: str) -> str | None:
    """Which tool's notebook a source file is ("marimo", "databricks", "pluto"), or None."""
    head = text[:200_000]
    if suffix == ".py" and head.startswith(_DATABRICKS):
        return "databricks"
    if suffix == ".py" and _MARIMO.search(head) and _MARIMO_CELL.search(head) and _MO_MD.search(head):
        return "marimo"
    if suffix == ".jl" and _PLUTO.search(head) and _PLUTO_CELL.search(head):
        return "pluto"
    return None


def cells_markdown(text: str, kind: str) -> str:
    """The notebook ``kind`` (:func:`cells_kind`) as Markdown: text cells as text, code cells fenced."""
    if kind == "databricks":
        return _databricks(text)
    if kind == "marimo":
        return _marimo(text)
    return _pluto(text)


def _fenced(code: str, language: str) -> list[str]:
    return [f"```{language}", code.strip("\n"), "```", ""] if code.strip() else []


def _databricks(text: str) -> str:
    out: list[str] = []
    for cell in _COMMAND.split(text[len(_DATABRICKS):])[:MAX_CELLS]:
        lines = cell.strip("\n").split("\n")
        if lines and all(_MAGIC.match(line) for line in lines if line.strip()):
            body = [_MAGIC.sub("", line, count=1) for line in lines]
            magic = re.match(r"[ \t]*%(\w+)[ \t]*", body[0]) if body else None
            if magic is not None and magic.group(1) == "md":
                out.extend([body[0][magic.end():], *body[1:], ""])
            else:  # %sql, %sh, %pip: code of another language
                out.extend(_fenced("\n".join(body), magic.group(1) if magic else ""))
        else:
            out.extend(_fenced(cell, "python"))
    return "\n".join(out)


def _marimo(text: str) -> str:
    out: list[str] = []
    for cell in _MARIMO_CELL.split(text)[1:MAX_CELLS]:
        code: list[str] = []
        pos = 0
        for m in _MO_MD.finditer(cell):
            end = cell.find(m.group(1), m.end())
            if end < 0:
                break
            code.append(cell[pos:m.start()])
            out.extend(_fenced(_marimo_code("".join(code)), "python"))
            code = []
            out.extend([textwrap.dedent(cell[m.end():end]).strip("\n"), ""])
            pos = end + len(m.group(1))
        out.extend(_fenced(_marimo_code(cell[pos:]), "python"))
    return "\n".join(out)


def _marimo_code(code: str) -> str:
    """A cell's code without marimo's frame (``def _(mo):``, the ``return`` of its names, a call's closing)."""
    lines = [line for line in code.split("\n")
             if not re.fullmatch(r"[ \t]*(?:def _\([^)]*\):|return\b.*|\)[ \t]*|if __name__ == .*|app\.run\(\))?[ \t]*",
                                 line)]
    return textwrap.dedent("\n".join(lines))


def _pluto(text: str) -> str:
    out: list[str] = []
    body = text.split("# ╔═╡ Cell order:")[0]
    for cell in _PLUTO_CELL.split(body)[1:MAX_CELLS]:
        said = _PLUTO_TEXT.match(cell.strip())
        if said is not None:
            out.extend([_JULIA_MATH.sub(lambda m: f"${m.group(1)}$", textwrap.dedent(said.group(2))).strip("\n"), ""])
        else:
            out.extend(_fenced(cell, "julia"))
    return "\n".join(out)


def zeppelin_markdown(data: Any) -> str | None:
    """A Zeppelin note (``{"paragraphs": [{"text": "%md …"}, …]}``): its ``%md`` paragraphs as text, the others
    as fenced code in their interpreter's language; None for any other JSON."""
    if not isinstance(data, dict) or not isinstance(paragraphs := data.get("paragraphs"), list):
        return None
    texts = [p.get("text") for p in paragraphs[:MAX_CELLS] if isinstance(p, dict)]
    if not any(isinstance(t, str) and t.lstrip().startswith("%") for t in texts):
        return None
    out: list[str] = []
    for text in texts:
        if not isinstance(text, str):
            continue
        magic = re.match(r"[ \t\n]*%([\w.]+)[ \t]*\n?", text)
        if magic is not None and magic.group(1) == "md":
            out.extend([text[magic.end():], ""])
        else:
            out.extend(_fenced(text[magic.end():] if magic else text, magic.group(1).split(".")[-1] if magic else ""))
    return "\n".join(out)
