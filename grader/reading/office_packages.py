"""Reports handed in as office documents (Word's ``.docx``, OpenDocument's ``.odt``): a zip archive whose text is
one XML part, read as the XML reader reads a flat ODT or Word's own XML.

A package is read with the standard library's ``zipfile``, nothing in it is run, and each limit is checked
before a byte is inflated: the archive's size, its count of members, each part's declared and actual size (a
"zip bomb" declares little and inflates a lot: the read stops one byte past the limit). An archive that is
broken, encrypted or over a limit gives a note and no text, never an error of the grader's.
"""
from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile

from grader.reading.office_shown import odf_shown, word_shown

OFFICE_SUFFIXES = (".docx", ".docm", ".odt")
MAX_PACKAGE_BYTES = 20_000_000  # the archive as handed in (images included)
MAX_MEMBERS = 2_000
MAX_PART_BYTES = 8_000_000  # one XML part, inflated
MAX_OBJECTS = 200  # formulas an ODT embeds as objects of their own

_WORD_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
_RELATION = re.compile(r"<Relationship\b[^<>]{0,1000}>")
_ATTRIBUTE = re.compile(r'([\w:]{1,40})\s*=\s*"([^"<>]{0,400})"')
_ODF_OBJECT = re.compile(r'<draw:object\b[^<>]{0,400}?xlink:href="(?:\./)?([^"<>#]{1,200})"[^<>]{0,400}?(/?)>')
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^<>]{0,200}\?>\s*(?:<!DOCTYPE[^<>]{0,400}>\s*)?")
_RUN = re.compile(r"<w:r(?=[\s>])[^<>]{0,400}>")
_HIDDEN = re.compile(r'<w:(?:vanish|specVanish)\b(?![^<>]{0,40}w:val="(?:0|false|off)")')


def _relations(rels: str) -> dict[str, tuple[str, str]]:
    """A relationships part's entries: id → (type, target), whatever order their attributes are written in."""
    out = {}
    for m in _RELATION.finditer(rels):
        attributes = dict(_ATTRIBUTE.findall(m.group()))
        if "Id" in attributes and "Target" in attributes:
            out[attributes["Id"]] = (attributes.get("Type", ""), attributes["Target"])
    return out


def _without_hidden_runs(xml: str) -> str:
    """Word's body without its hidden runs (``w:vanish``), for a part that is no well-formed XML (then read as it
    is otherwise): the page shows none of them."""
    out, pos, scanned = [], 0, 0
    for m in _RUN.finditer(xml):
        if m.start() < scanned:
            continue  # (a run inside the run just read, as a text box's: each stretch of text is read once)
        end = xml.find("</w:r>", m.end())
        if end < 0:
            break
        scanned = end
        props_end = xml.find("</w:rPr>", m.end(), end)
        if props_end >= 0 and _HIDDEN.search(xml, m.end(), props_end):
            out.append(xml[pos:m.start()])
            pos = end + len("</w:r>")
    return "".join(out) + xml[pos:]


class PackageError(Exception):
    """Why an office document could not be read (said in the hand-in's notes)."""


def _part(archive: zipfile.ZipFile, name: str) -> str | None:
    """One member's text, or None where the archive has no such member."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.flag_bits & 0x1:
        raise PackageError("it is encrypted")
    if info.file_size > MAX_PART_BYTES:
        raise PackageError(f"its part {name} is larger than {MAX_PART_BYTES:,} bytes")
    with archive.open(info) as fh:
        data = fh.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise PackageError(f"its part {name} inflates past {MAX_PART_BYTES:,} bytes")
    return data.decode("utf-8", errors="replace")


def _word_xml(archive: zipfile.ZipFile) -> str:
    """A Word document's body, then its footnotes and endnotes (where a student's aside may sit), each as the page
    shows it (:mod:`grader.reading.office_shown`)."""
    main = next((target for kind, target in _relations(_part(archive, "_rels/.rels") or "").values()
                 if kind.endswith("/officeDocument")), _WORD_PARTS[0])
    first = posixpath.normpath(main.lstrip("/"))
    folder = posixpath.dirname(first)
    rels = _relations(_part(archive, f"{folder}/_rels/{posixpath.basename(first)}.rels") or "")
    styles = _part(archive, f"{folder}/styles.xml")

    def chunk(rid: str) -> str | None:  # "w:altChunk": a piece of HTML (or text) Word shows in its place
        kind, target = rels.get(rid, ("", ""))
        name = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
        if not kind.endswith("/aFChunk") or name.startswith(("..", "/")):
            return None
        text = _part(archive, name)
        if text is None:
            return None
        if name.lower().endswith((".mht", ".mhtml")):
            from grader.reading.formats_mail import mail_body
            text = mail_body(text)[0]
        return text if "<" in text else "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())

    texts = []
    for name in (first, *(posixpath.join(folder, posixpath.basename(p)) for p in _WORD_PARTS[1:])):
        raw = _part(archive, name)
        if raw:
            body = _XML_DECLARATION.sub("", raw)
            texts.append(word_shown(body, styles, chunk) or _without_hidden_runs(body))
    if not texts:
        raise PackageError("it holds no document part (word/document.xml)")
    return "\n".join(texts)


def _odf_xml(archive: zipfile.ZipFile) -> str:
    """An OpenDocument text's body as LibreOffice shows it, each formula object (LibreOffice Math's MathML) put in
    where it stands, once (an object cited again is not read again)."""
    content = _part(archive, "content.xml")
    if content is None:
        raise PackageError("it holds no document part (content.xml)")
    content = _XML_DECLARATION.sub("", content)
    content = odf_shown(content, _part(archive, "styles.xml")) or content
    seen: set[str] = set()

    def formula(m: re.Match[str]) -> str:
        name = posixpath.normpath(m.group(1))
        keep = "" if m.group(2) else "<draw:object>"  # (an element left open is closed as written)
        if name in seen or len(seen) >= MAX_OBJECTS or name.startswith(("..", "/")):
            return keep
        seen.add(name)
        inner = _part(archive, f"{name}/content.xml")
        return (_XML_DECLARATION.sub("", inner) if inner and "<math" in inner else "") + keep

    return _ODF_OBJECT.sub(formula, content)


def package_xml(data: bytes, suffix: str) -> str:
    """The XML text of an office document's bytes (``suffix``: its file's, lower case). Raises
    :class:`PackageError` with the reason it cannot be read."""
    if len(data) > MAX_PACKAGE_BYTES:
        raise PackageError(f"it is larger than {MAX_PACKAGE_BYTES:,} bytes")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if len(archive.infolist()) > MAX_MEMBERS:
                raise PackageError(f"it holds more than {MAX_MEMBERS:,} parts")
            return _odf_xml(archive) if suffix == ".odt" else _word_xml(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError, OSError,
            ValueError) as exc:  # (a broken archive, an unknown compression, a bad CRC)
        raise PackageError(f"it is no readable zip archive ({type(exc).__name__})") from exc
