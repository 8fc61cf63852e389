"""A digital whiteboard's export, as the Markdown the reader understands.

Students who work on a board hand in what it exports: Excalidraw's JSON (``elements`` with text at x/y, frames
with names), tldraw's (``records`` of shapes whose ``props`` hold the text, frames as parents), Mural's
(``widgets``: sticky notes and text inside titled areas), or a board's CSV (Miro's: a "Frame" column names each
note's part). The app keeps its elements in the order they were made, not the order a reader sees them; a TA
reads each frame (a titled region: "Problem 1 (e)") top to bottom, left to right. So does this reader: frames
in reading order, each as a heading, its notes' lines under it in reading order (a line set beside another at
the same height is one line: "= w3 · …" and a note "· x" added at its end). Deleted and hidden elements are not
on the board.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

MAX_ELEMENTS = 20_000
MAX_HOSTS = 2_000  # notes set beside lines are looked for on boards of up to this many elements
_NOTE_CHARS = 40  # a note added beside a line ("· x      ← forgot it") is short; a line of its own is not
_FRAME_TYPES = {"frame", "magicframe", "area", "section", "group_frame"}
_LIST_KEYS = ("elements", "records", "widgets", "shapes", "items", "nodes")


@dataclass
class _Element:
    id: str
    kind: str
    text: str
    x: float
    y: float
    height: float
    parent: str | None
    width: float = 0.0


def board_markdown(data: Any) -> str | None:
    """The board's text as Markdown (see the module's text), or None when ``data`` is no board."""
    elements = _elements(data)
    if elements is None:
        return None
    frames = {e.id: e for e in elements if e.kind in _FRAME_TYPES and e.text}
    texts = [e for e in elements if e.kind not in _FRAME_TYPES and e.text.strip()]
    if not texts or not any(_has_position(e) for e in texts):
        return None
    by_id = {e.id: e for e in elements}

    def frame_of(e: _Element) -> str | None:
        seen = 0
        parent = e.parent
        while parent is not None and seen < 20:
            if parent in frames:
                return parent
            parent = by_id[parent].parent if parent in by_id else None
            seen += 1
        return None

    groups: dict[str | None, list[_Element]] = {}
    for e in texts:
        groups.setdefault(frame_of(e), []).append(e)
    out = _lines(groups.pop(None, []))
    for fid in sorted(groups, key=lambda f: (frames[f].y, frames[f].x) if f in frames else (0.0, 0.0)):
        out += ["", f"## {frames[fid].text.strip()}" if fid in frames else "", "", *_lines(groups[fid])]
    return "\n".join(out).strip("\n") + "\n"


def _has_position(e: _Element) -> bool:
    return e.x != 0.0 or e.y != 0.0


def _lines(elements: list[_Element]) -> list[str]:
    """The elements' lines in reading order: each element whole (a note beside another is a column of its own),
    elements top to bottom and left to right; a one-line note set just after the end of another's line ("· x ←
    added") goes on that line."""
    rows = {id(e): e.text.split("\n") for e in elements}
    hosted: set[int] = set()
    hosts = [h for h in elements if len(h.text.strip()) > _NOTE_CHARS and h.width > 0 and h.height > 0][:MAX_HOSTS]
    for note in elements if len(elements) <= MAX_HOSTS else []:  # (a board of thousands of notes: each its own)
        if len(rows[id(note)]) != 1 or len(note.text.strip()) > _NOTE_CHARS:
            continue
        host = next((h for h in hosts if h is not note
                     and h.y - 4 <= note.y < h.y + h.height
                     and h.x + h.width - 20 <= note.x <= h.x + h.width + 120), None)
        if host is not None:
            k = min(int((note.y - host.y + 4) / (host.height / len(rows[id(host)]))), len(rows[id(host)]) - 1)
            rows[id(host)][k] = f"{rows[id(host)][k].rstrip()} {note.text.strip()}"
            hosted.add(id(note))
    order = sorted((e for e in elements if id(e) not in hosted), key=lambda e: (round(e.y / 10), e.x))
    return [row.rstrip() for e in order for row in rows[id(e)]]


def _elements(data: Any) -> list[_Element] | None:
    items = None
    if isinstance(data, dict):
        items = next((data[k] for k in _LIST_KEYS if isinstance(data.get(k), list)), None)
        if items is None and isinstance(data.get("document"), dict):  # tldraw 1: document.pages.*.shapes
            pages = data["document"].get("pages")
            if isinstance(pages, dict):
                items = [s for p in pages.values() if isinstance(p, dict) and isinstance(p.get("shapes"), dict)
                         for s in p["shapes"].values()]
    elif isinstance(data, list):
        items = data
    if not isinstance(items, list) or not items:
        return None
    out: list[_Element] = []
    for raw in items[:MAX_ELEMENTS]:
        if not isinstance(raw, dict) or raw.get("isDeleted") or raw.get("hidden") is True:
            continue
        props: dict[str, Any] = raw["props"] if isinstance(raw.get("props"), dict) else {}
        kind = str(raw.get("type") or raw.get("typeName") or "").lower()
        text = next((v for v in (raw.get("text"), props.get("text"), raw.get("name"), props.get("name"),
                                 raw.get("title"), raw.get("content")) if isinstance(v, str)), "")
        x, y = raw.get("x"), raw.get("y")
        if not isinstance(x, (int, float)) or not isinstance(y, (int, float)):
            continue
        height = raw.get("height", props.get("h", 0))
        parent = raw.get("frameId") or raw.get("containerId") or raw.get("parentId")
        width = raw.get("width", props.get("w", 0))
        out.append(_Element(str(raw.get("id", len(out))), kind, text, float(x), float(y),
                            float(height) if isinstance(height, (int, float)) else 0.0,
                            str(parent) if parent else None, float(width) if isinstance(width, (int, float)) else 0.0))
    if not any(e.kind in _FRAME_TYPES for e in out) and not any(e.kind in ("text", "sticky note", "note", "sticky")
                                                               for e in out):
        return None
    return out


_FRAME_HEADS = ("frame", "section", "area", "group")
_TEXT_HEADS = ("content", "text", "note", "body")


def board_csv(text: str) -> str | None:
    """A board's CSV (a "Frame" column and a "Content" column, any rows before the header a note): each frame as a
    heading, its notes under it, frames in the order they first appear; None when the text has no such table."""
    lines = text.split("\n")
    head = next((k for k, ln in enumerate(lines[:60]) if ln.count(",") >= 1
                 and any(h in ln.lower() for h in _FRAME_HEADS) and any(h in ln.lower() for h in _TEXT_HEADS)), None)
    if head is None:
        return None
    rows = list(csv.reader(io.StringIO("\n".join(lines[head:]))))
    if len(rows) < 2:
        return None
    names = [c.strip().lower() for c in rows[0]]
    frame = next((k for k, n in enumerate(names) if n in _FRAME_HEADS), None)
    body = next((k for k, n in enumerate(names) if n in _TEXT_HEADS), None)
    if frame is None or body is None:
        return None
    groups: dict[str, list[str]] = {}
    for row in rows[1:MAX_ELEMENTS]:
        if len(row) > max(frame, body) and row[body].strip():
            groups.setdefault(row[frame].strip(), []).append(row[body].strip())
    preface = "\n".join(lines[:head]).strip()
    out = [preface] if preface else []
    for name, notes in sorted(groups.items(), key=lambda g: _part_order(g[0])):
        out += ["", f"## {name}" if name else "", "", *("\n".join(notes).split("\n"))]
    return "\n".join(out).strip("\n") + "\n"


def _part_order(name: str) -> tuple[int, str]:
    """Frames named by part in the handout's order ("Problem 1 (b)" before "Problem 2 (a)"); others keep theirs."""
    m = re.search(r"(\d)\s*\(?([a-h])?\)?", name)
    return (int(m.group(1)) * 10 + (ord(m.group(2)) - 96 if m.group(2) else 0), name) if m else (999, "")
