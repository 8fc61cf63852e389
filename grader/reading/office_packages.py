"""Reports handed in as office documents (Word's ``.docx``, OpenDocument's ``.odt``): a zip archive whose text is
one XML part, read as the XML reader reads a flat ODT or Word's own XML.

A package is read with the standard library's ``zipfile``, nothing in it is run, and each limit is checked
before a byte is inflated: the archive's size, its count of members, each part's declared and actual size (a
"zip bomb" declares little and inflates a lot: the read stops one byte past the limit). An archive that is
broken, encrypted or over a limit gives a note and no text, never an error of the grader's.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile

OFFICE_SUFFIXES = (".docx", ".docm", ".odt")
MAX_PACKAGE_BYTES = 20_000_000  # the archive as handed in (images included)
MAX_MEMBERS = 2_000
MAX_PART_BYTES = 8_000_000  # one XML part, inflated
MAX_OBJECTS = 200  # formulas an ODT embeds as objects of their own

_WORD_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
_OFFICE_RELATION = re.compile(r'<Relationship\b[^<>]{0,400}?Type="[^"<>]{0,200}/officeDocument"[^<>]{0,400}?'
                              r'Target="([^"<>]{1,200})"')
_ODF_OBJECT = re.compile(r'<draw:object\b[^<>]{0,400}?xlink:href="(?:\./)?([^"<>#]{1,200})"[^<>]{0,400}?(/?)>')
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^<>]{0,200}\?>\s*(?:<!DOCTYPE[^<>]{0,400}>\s*)?")


_RUN = re.compile(r"<w:r(?=[\s>])[^<>]{0,400}>")
_HIDDEN = re.compile(r'<w:(?:vanish|specVanish|webHidden)\b(?![^<>]{0,40}w:val="(?:0|false|off)")')


def _without_hidden_runs(xml: str) -> str:
    """Word's body without its hidden text (a run whose properties say ``w:vanish``): the page shows none of it."""
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
    """A Word document's body, then its footnotes and endnotes (where a student's aside may sit)."""
    rels = _part(archive, "_rels/.rels") or ""
    main = _OFFICE_RELATION.search(rels)
    first = posixpath.normpath(main.group(1).lstrip("/")) if main else _WORD_PARTS[0]
    texts = [t for name in (first, *_WORD_PARTS[1:]) if (t := _part(archive, name))]
    if not texts:
        raise PackageError("it holds no document part (word/document.xml)")
    return "\n".join(_without_hidden_runs(_XML_DECLARATION.sub("", t)) for t in texts)


def _odf_xml(archive: zipfile.ZipFile) -> str:
    """An OpenDocument text's body, each formula object (LibreOffice Math's MathML) put in where it stands."""
    content = _part(archive, "content.xml")
    if content is None:
        raise PackageError("it holds no document part (content.xml)")
    count = 0

    def formula(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        name = posixpath.normpath(m.group(1))
        if count > MAX_OBJECTS or name.startswith(("..", "/")):
            return "" if m.group(2) else "<draw:object>"
        inner = _part(archive, f"{name}/content.xml")
        math = _XML_DECLARATION.sub("", inner) if inner and "<math" in inner else ""
        return math + ("" if m.group(2) else "<draw:object>")  # (an element left open is closed as written)

    return _XML_DECLARATION.sub("", _ODF_OBJECT.sub(formula, content))


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
