"""A mind map's or an outliner's own file, as the Markdown the reader understands.

Students who think in outlines hand in the file their tool saves: OPML (OmniOutliner, Workflowy, Dynalist,
Logseq's and Tana's exports: ``<outline text="…" _note="…">`` nested in ``<body>``) or a FreeMind/Freeplane map
(``<map><node TEXT="…">``, a node's long text or its note in ``<richcontent TYPE="NODE|NOTE">`` as HTML, its
attributes in ``<attribute NAME=… VALUE=…>``, a Freeplane ``\\latex`` node's formula). What a reader of the map
sees is its nodes' text, each under its parent: here a nested list, one item per node, its note and attributes
as items under it. Styling, ids, dates, edges and icons are no text. Read with the standard library's lenient
HTML parser: an entity declared by the file is never expanded, and a broken file still gives its nodes. An
outliner's JSON export (Roam's pages of ``{"string": …, "children": […]}`` blocks, Logseq's ``{"blocks": [{"content":
…, "children": […]}]}``) is read the same way.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

MAX_NODES = 5_000
MAX_DEPTH = 40

_OPML = re.compile(r"\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.{0,2000}?-->\s*)*<opml\b", re.DOTALL | re.IGNORECASE)
_FREEMIND = re.compile(r"\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.{0,2000}?-->\s*)*<map\s+version=\"(?:freeplane|freemind"
                       r"|\d)", re.DOTALL | re.IGNORECASE)
_LATEX_NODE = re.compile(r"\A\s*\\latex\s+")  # Freeplane: a node whose text is LaTeX ("\latex $f_w(x) = …$")
_BLOCK_END = frozenset(("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre"))


def is_mind_map(text: str) -> bool:
    """True for an OPML outline or a FreeMind/Freeplane map (whatever its file is named)."""
    head = text[:3000]
    return bool(_OPML.match(head) or _FREEMIND.match(head)) and ("<outline" in text or "<node" in text)


def mind_map_markdown(text: str) -> str:
    """The map's nodes as a nested Markdown list: each node's text, its note's and attributes' lines under it."""
    reader = _MapReader()
    reader.feed(text)
    reader.close()
    return "\n".join(reader.lines) + "\n"


def _node_lines(text: str) -> list[str]:
    """A node's text as lines: a LaTeX node's formula kept as written, its marker dropped."""
    text = _LATEX_NODE.sub("", text)
    return [ln.strip() for ln in text.replace("\r\n", "\n").split("\n") if ln.strip()]


class _MapReader(HTMLParser):
    """Walks the map's elements: a node (``outline``/``node``) deepens the list, its rich content is gathered as
    text until the content's end."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.depth = 0
        self.nodes = 0
        self.rich: list[str] | None = None  # the text of a richcontent element being read
        self.rich_is_note = False

    def _item(self, text: str, depth: int) -> None:
        lines = _node_lines(text)
        if not lines or self.nodes >= MAX_NODES:
            return
        self.nodes += 1
        indent = "  " * min(depth, MAX_DEPTH)
        self.lines.append(f"{indent}- {lines[0]}")
        self.lines.extend(f"{indent}  {ln}" for ln in lines[1:])  # the same item's further lines

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self.rich is not None:
            if tag in _BLOCK_END:
                self.rich.append("\n")
            return
        if tag in ("outline", "node"):
            self.depth += 1
            self._item(values.get("text", ""), self.depth - 1)
            if values.get("_note"):
                self._item(values["_note"], self.depth)
        elif tag == "richcontent":
            self.rich, self.rich_is_note = [], values.get("type", "").upper() != "NODE"
        elif tag == "attribute" and values.get("name"):
            self._item(f"{values['name']}: {values.get('value', '')}", self.depth)
        elif tag == "hook" and values.get("equation"):  # FreeMind's LaTeX node: its formula, shown under the node
            self._item(f"$${values['equation']}$$", self.depth)
        elif tag == "hook" and "note" in values.get("name", "").lower():  # FreeMind 0.8's note: its <text> below
            self.rich, self.rich_is_note = [], True

    def handle_endtag(self, tag: str) -> None:
        if self.rich is not None and tag in ("richcontent", "hook"):
            text, self.rich = "".join(self.rich), None
            self._item(text, self.depth if self.rich_is_note else max(self.depth - 1, 0))
        elif self.rich is not None:
            if tag in _BLOCK_END:
                self.rich.append("\n")
        elif tag in ("outline", "node"):
            self.depth = max(self.depth - 1, 0)

    def handle_data(self, data: str) -> None:
        if self.rich is not None:
            self.rich.append(data)


_BLOCK_TEXT = ("string", "content", "text")  # Roam's, Logseq's, and other outliners' name for a block's text


def outline_json_markdown(data: Any) -> str | None:
    """An outliner's JSON export as a nested Markdown list (a page's title as a heading), or None when ``data`` is
    no tree of text blocks."""
    pages = data if isinstance(data, list) else [data]
    if not pages or not all(isinstance(p, dict) and isinstance(p.get("children", p.get("blocks")), list)
                            for p in pages[:50]):
        return None
    lines: list[str] = []

    def walk(blocks: list[Any], depth: int) -> None:
        for block in blocks:
            if len(lines) >= MAX_NODES or not isinstance(block, dict):
                continue
            text = next((block[k] for k in _BLOCK_TEXT if isinstance(block.get(k), str)), "")
            body = [ln.strip() for ln in text.split("\n") if ln.strip()]
            indent = "  " * min(depth, MAX_DEPTH)
            if body:
                lines.append(f"{indent}- {body[0]}")
                lines.extend(f"{indent}  {ln}" for ln in body[1:])
            children = block.get("children")
            if isinstance(children, list) and depth < MAX_DEPTH:
                walk(children, depth + 1)

    for page in pages[:500]:
        if isinstance(page.get("title"), str) and page["title"].strip():
            lines.extend(("", f"# {page['title'].strip()}", ""))
        walk(page.get("children", page.get("blocks")) or [], 0)
    return "\n".join(lines).strip("\n") + "\n" if any(ln.lstrip().startswith("- ") for ln in lines) else None
