"""Jupyter notebooks, read with nbformat: markdown cells become the report, code cells the code."""
from __future__ import annotations

import nbformat


def read_notebook(text: str, name: str, notes: list[str]) -> tuple[str, list[str]]:
    """(markdown text, code cells); a corrupt notebook is a note and yields nothing."""
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # noqa: BLE001 - nbformat raises many types for broken files
        notes.append(f"{name} is not a readable notebook ({type(exc).__name__}); its answers were not read")
        return "", []
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    return "\n\n".join(markdown), code
