"""Reports exported from a note-taking app: Evernote's ``.enex`` (its notes' pages, each kept as HTML inside the
XML) read as the HTML page the app shows, Simplenote's and Standard Notes' JSON as their notes' text; OneNote's and
Word's single-file web pages (``.mht``) are MIME messages and go to the mail reader.
"""
from __future__ import annotations

import html
from typing import Any

MAX_NOTES = 200  # notes read from one export


def _between(text: str, start: str, end: str, pos: int) -> tuple[str, int] | None:
    """The text between the next ``start`` after ``pos`` and the ``end`` after it, and where that ends."""
    a = text.find(start, pos)
    if a < 0:
        return None
    b = text.find(end, a + len(start))
    if b < 0:
        return None
    return text[a + len(start):b], b + len(end)


def _page(content: str) -> str:
    """A note's page: the HTML of its CDATA section, or the escaped HTML the element holds."""
    inner = content.strip()
    if inner.startswith("<![CDATA[") and inner.endswith("]]>"):
        return inner[len("<![CDATA["):-len("]]>")]
    return html.unescape(inner)


def is_enex(text: str) -> bool:
    """Whether a text is an Evernote export (its root element names itself)."""
    return "<en-export" in text[:4000]


def enex_html(text: str) -> str:
    """An Evernote export as one HTML page: each note's title a heading over its page, in the export's order
    (attachments' data, the ``<resource>`` elements, are no text)."""
    out, pos = [], 0
    for _ in range(MAX_NOTES):
        note = _between(text, "<note>", "</note>", pos)
        if note is None:
            break
        body, pos = note
        title = _between(body, "<title>", "</title>", 0)
        content = _between(body, "<content>", "</content>", 0)
        if title and title[0].strip():
            out.append(f"<h2>{title[0].strip()}</h2>")  # (the XML's escapes are HTML's)
        if content:
            out.append(_page(content[0]))
    return "\n".join(out) if out else text


def notes_json_text(data: Any) -> str | None:
    """A note app's JSON export as the notes it holds, each under a rule: Simplenote's ``{"activeNotes": [{"content":
    …}], "trashedNotes": […]}`` (the bin left out) and Standard Notes' ``{"items": [{"content_type": "Note",
    "content": {"title": …, "text": …}}]}``; None for any other JSON."""
    texts: list[str] = []
    if isinstance(data, dict) and isinstance(active := data.get("activeNotes"), list):
        texts = [n["content"] for n in active[:MAX_NOTES] if isinstance(n, dict) and isinstance(n.get("content"), str)]
    elif isinstance(data, dict) and isinstance(items := data.get("items"), list):
        for item in items[:MAX_NOTES * 10]:
            content = item.get("content") if isinstance(item, dict) and item.get("content_type") == "Note" else None
            if isinstance(content, dict) and isinstance(content.get("text"), str) and not content.get("trashed"):
                title = content.get("title")
                texts.append((f"# {title}\n\n" if isinstance(title, str) and title.strip() else "") + content["text"])
    texts = [t for t in texts if t.strip()][:MAX_NOTES]
    return "\n\n---\n\n".join(texts) + "\n" if texts else None
