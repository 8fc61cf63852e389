"""What an office document's page shows, from its XML: Word's and OpenDocument's own marks for text that is kept
in the file but not shown (tracked deletions, hidden and struck-through runs, a style that hides, white or
two-point text, a phantom in an equation, the copy of alternate content an application would not pick, margin
comments) are taken out, and text written as a symbol font's code or a special character is put in as the
character a reader sees. Parsed with the standard library's ElementTree (expat: no external entity is fetched,
nested entity expansion is refused).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
_PREFIXES = {"w": W, "m": M, "mc": MC, "r": R, "text": TEXT, "style": STYLE, "office": OFFICE, "fo": FO, "svg": SVG,
             "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
             "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0", "xlink": "http://www.w3.org/1999/xlink",
             "mml": "http://www.w3.org/1998/Math/MathML", "wp": "http://schemas.openxmlformats.org/drawingml/2006/"
             "wordprocessingDrawing", "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
             "v": "urn:schemas-microsoft-com:vml", "o": "urn:schemas-microsoft-com:office:office"}
for _prefix, _uri in _PREFIXES.items():
    ET.register_namespace(_prefix, _uri)  # (the reader reads Word's and ODF's elements by these names)

# namespaces Word reads: alternate content that requires one of them is the copy Word shows, else its fallback is
_WORD_KNOWS = {"wps", "wpg", "wpc", "wpi", "wp14", "w14", "w15", "w16", "w16se", "w16cid", "w16cex", "w16sdtdh",
               "w16du", "a14", "m", "v", "o", "w10", "wne", "mc", "r", "a", "pic", "dgm", "c", "cx", "cx1", "cx2",
               "cx3", "cx4", "cx5", "cx6", "cx7", "cx8", "aink", "am3d", "x14", "p14"}
_OFF = ("0", "false", "off", "none")
# the Symbol font's codes as the characters it draws (Word's "Insert Symbol", a run set in Symbol)
_SYMBOL = {**dict(zip("abcdefghijklmnopqrstuvwxyz", "αβχδεφγηιϕκλμνοπθρστυϖωξψζ", strict=True)),
           **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ", strict=True)),
           "-": "−", "*": "∗", "\xa2": "′", "\xb2": "″", "\xa3": "≤", "\xb3": "≥", "\xb4": "×", "\xb6": "∂",
           "\xb7": "•", "\xb8": "÷", "\xb9": "≠", "\xba": "≡", "\xbb": "≈", "\xd1": "∇", "\xd7": "⋅", "\xe5": "∑",
           "\xae": "→", "\xac": "←", "\xde": "⇒", "\xa5": "∞", "\xd6": "√", "\xc5": "⊕", "\xc4": "⊗"}


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


# Word's elements whose text the page does not show: tracked deletions and moves, field codes, comment anchors
_DROPPED = {_q(W, n) for n in ("del", "moveFrom", "delText", "instrText", "delInstrText", "commentRangeStart",
                               "commentRangeEnd")}
# its formatting, read where the text it formats is read (an edit's recorded formatting goes with it)
_FORMATTING = {_q(W, n) for n in ("rPr", "pPr", "sectPr", "proofErr", "bookmarkStart", "bookmarkEnd",
                                  "lastRenderedPageBreak", "tblPr", "tblGrid", "trPr", "tcPr")}


def _on(element: ET.Element | None) -> bool:
    """Whether a Word toggle property (``<w:vanish/>``, ``<w:strike w:val="0"/>``) is set."""
    return element is not None and element.get(_q(W, "val"), "true").lower() not in _OFF


def _symbol_text(text: str) -> str:
    return "".join(_SYMBOL.get(chr(ord(c) - 0xF000) if 0xF020 <= ord(c) <= 0xF0FF else c, c) for c in text)


class _Word:
    """One Word part cleaned to what Word's page shows."""

    def __init__(self, styles: str | None, chunks: Callable[[str], str | None]) -> None:
        self.hidden_styles, self.struck_styles = _word_styles(styles)
        self.chunks = chunks
        self.inserted: list[str] = []

    def _run_hidden(self, props: ET.Element | None) -> bool:
        if props is None:
            return False
        style = props.find(_q(W, "rStyle"))
        if style is not None and style.get(_q(W, "val")) in self.hidden_styles | self.struck_styles:
            return True
        color, size = props.find(_q(W, "color")), props.find(_q(W, "sz"))
        mark, shade = props.find(_q(W, "highlight")), props.find(_q(W, "shd"))
        ground = [e.get(_q(W, "val" if e is mark else "fill"), "") for e in (mark, shade) if e is not None]
        white = color is not None and _whitish(color.get(_q(W, "val")) or "") \
            and all(g.lower() in ("", "auto", "none", "clear") or _whitish(g) for g in ground)  # (white on white)
        tiny = size is not None and (size.get(_q(W, "val")) or "").isdigit() and int(size.get(_q(W, "val")) or 9) <= 4
        return _on(props.find(_q(W, "vanish"))) or _on(props.find(_q(W, "specVanish"))) or white or tiny \
            or _on(props.find(_q(W, "strike"))) or _on(props.find(_q(W, "dstrike")))

    def clean(self, root: ET.Element) -> str:
        """The part's text as Word shows it, in one walk (a run's formatting is read when the run is, then dropped
        with the rest of the formatting: what is left is the text)."""
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in list(root.iter(_q(MC, "AlternateContent"))):
            self._alternate(element, parents)
        for element in list(root.iter()):
            parent = parents.get(element)
            if parent is None:
                continue
            if element.tag in _DROPPED or element.tag in _FORMATTING:
                _remove_keeping_tail(parent, element)
            elif element.tag in (_q(W, "r"), _q(M, "r")):
                props = element.find(_q(W, "rPr"))  # (its own properties, not those a change recorded under them)
                if self._run_hidden(props):
                    _remove_keeping_tail(parent, element)
                    continue
                self._characters(element, props)
                element.attrib.clear()  # (revision ids)
            elif element.tag == _q(M, "phant") and not _on_math(element):
                _remove_keeping_tail(parent, element)
            elif element.tag == _q(W, "p") and self._paragraph_hidden(element):
                _remove_keeping_tail(parent, element)
            elif element.tag == _q(W, "p"):
                element.attrib.clear()
            elif element.tag == _q(W, "altChunk"):
                html = self.chunks(element.get(_q(R, "id"), ""))
                if html is not None:
                    self.inserted.append(html)
                    marker = ET.Element(_q(W, "p"))
                    ET.SubElement(ET.SubElement(marker, _q(W, "r")), _q(W, "t")).text = _marker(len(self.inserted))
                    parent.insert(list(parent).index(element), marker)
                _remove_keeping_tail(parent, element)
        xml = ET.tostring(root, encoding="unicode")
        for n, html in enumerate(self.inserted, 1):
            xml = xml.replace(_marker(n), html, 1)
        return xml

    def _paragraph_hidden(self, paragraph: ET.Element) -> bool:
        props = paragraph.find(_q(W, "pPr"))
        style = props.find(_q(W, "pStyle")) if props is not None else None
        return style is not None and style.get(_q(W, "val")) in self.hidden_styles | self.struck_styles

    def _characters(self, run: ET.Element, props: ET.Element | None) -> None:
        """Symbols and special characters as the text they show; a raised or lowered run as <sup>/<sub>."""
        fonts = props.find(_q(W, "rFonts")) if props is not None else None
        symbol = fonts is not None and "symbol" in (fonts.get(_q(W, "ascii")) or "").lower()
        for child in list(run):
            if child.tag == _q(W, "sym"):
                code = int(child.get(_q(W, "char"), "0") or "0", 16) if re.fullmatch(
                    r"[0-9A-Fa-f]{1,4}", child.get(_q(W, "char"), "") or "") else 0
                shown = chr(code - 0xF000 if code >= 0xF000 else code) if code else ""
                child.tag, child.attrib, child.text = _q(W, "t"), {}, \
                    _symbol_text(shown) if "symbol" in (child.get(_q(W, "font")) or "").lower() else shown
            elif child.tag == _q(W, "noBreakHyphen"):
                child.tag, child.text = _q(W, "t"), "-"
            elif child.tag == _q(W, "t") and child.text and symbol:
                child.text = _symbol_text(child.text)
        align = props.find(_q(W, "vertAlign")) if props is not None else None
        where = align.get(_q(W, "val")) if align is not None else None
        if run.tag == _q(W, "r") and where in ("superscript", "subscript"):
            run.tag = "sup" if where == "superscript" else "sub"

    def _alternate(self, element: ET.Element, parents: dict[ET.Element, ET.Element]) -> None:
        """Alternate content as Word shows it: the first choice whose namespaces it knows, else the fallback."""
        parent = parents.get(element)
        if parent is None:
            return
        chosen = next((c for c in element.findall(_q(MC, "Choice"))
                       if all(p in _WORD_KNOWS for p in (c.get("Requires") or "").split())), None)
        if chosen is None:
            chosen = element.find(_q(MC, "Fallback"))
        at = list(parent).index(element)
        parent.remove(element)
        for k, child in enumerate(list(chosen) if chosen is not None else []):
            parent.insert(at + k, child)
            parents[child] = parent


def _on_math(phantom: ET.Element) -> bool:
    """Whether an equation's phantom shows its content (``<m:show m:val="0"/>``: only its room is kept)."""
    props = phantom.find(_q(M, "phantPr"))
    show = props.find(_q(M, "show")) if props is not None else None
    return show is None or show.get(_q(M, "val"), "1").lower() not in _OFF


def _marker(n: int) -> str:
    return f"OFFICECHUNKMARK{n}END"


def _word_styles(styles: str | None) -> tuple[set[str], set[str]]:
    """The ids of Word styles that hide their text or strike it through (a style based on one does too)."""
    root = _parsed(styles) if styles else None
    if root is None:
        return set(), set()
    based: dict[str, str] = {}
    hidden, struck = set(), set()
    for style in root.iter(_q(W, "style")):
        sid = style.get(_q(W, "styleId"), "")
        props = style.find(_q(W, "rPr"))
        color = props.find(_q(W, "color")) if props is not None else None
        if props is not None and (_on(props.find(_q(W, "vanish"))) or _on(props.find(_q(W, "specVanish")))
                                  or color is not None and _whitish(color.get(_q(W, "val")) or "")):
            hidden.add(sid)
        if props is not None and (_on(props.find(_q(W, "strike"))) or _on(props.find(_q(W, "dstrike")))):
            struck.add(sid)
        parent = style.find(_q(W, "basedOn"))
        if parent is not None:
            based[sid] = parent.get(_q(W, "val"), "")
    for sid in list(based):
        seen, at = set(), sid
        while at in based and at not in seen:  # (a chain of styles, each based on the next: a loop read once)
            seen.add(at)
            at = based[at]
            if at in hidden:
                hidden.add(sid)
            if at in struck:
                struck.add(sid)
    return hidden, struck


def _parsed(xml: str) -> ET.Element | None:
    try:
        return ET.fromstring(xml)
    except (ET.ParseError, ValueError, RecursionError):
        return None


def word_shown(xml: str, styles: str | None, chunks: Callable[[str], str | None]) -> str | None:
    """A Word part (the body, its footnotes) as the page shows it; None when the part is not well-formed XML (read
    as it is). ``chunks``: an embedded chunk's HTML by its relationship id (``w:altChunk``)."""
    root = _parsed(xml)
    return None if root is None else _Word(styles, chunks).clean(root)


def odf_shown(xml: str, styles: str | None) -> str | None:
    """An OpenDocument text as LibreOffice shows it: hidden and struck-through spans, hidden text and paragraphs,
    margin annotations and images' alternative text left out; a footnote's text set after the body, not inside the
    sentence (or the equation) that cites it. None when the part is not well-formed XML."""
    root = _parsed(xml)
    if root is None:
        return None
    hidden: set[str] = set()
    position: dict[str, str] = {}  # a style that raises or lowers its text: "sup" or "sub"
    parent_of: dict[str, str] = {}
    for source in (root, _parsed(styles) if styles else None):
        for style in source.iter(_q(STYLE, "style")) if source is not None else []:
            name = style.get(_q(STYLE, "name"), "")
            if style.get(_q(STYLE, "parent-style-name")):
                parent_of[name] = style.get(_q(STYLE, "parent-style-name"), "")
            props = style.find(_q(STYLE, "text-properties"))
            if props is None:
                continue
            size = props.get(_q(FO, "font-size"), "")
            if props.get(_q(TEXT, "display")) == "none" \
                    or props.get(_q(STYLE, "text-line-through-style"), "none") not in ("none", "") \
                    or _whitish(props.get(_q(FO, "color"), "")) \
                    or re.fullmatch(r"[0-2](?:\.\d+)?pt", size):
                hidden.add(name)
            raised = props.get(_q(STYLE, "text-position"), "").split()
            shift = float(raised[0][:-1]) if raised and re.fullmatch(r"-?\d{1,3}(?:\.\d+)?%", raised[0]) else 0.0
            if raised and (raised[0] in ("super", "sub") or shift):
                position[name] = "sub" if raised[0] == "sub" or shift < 0 else "sup"
    for name in list(parent_of):
        seen, at = set(), name
        while at in parent_of and at not in seen:  # (a style inherits what its parent hides or strikes)
            seen.add(at)
            at = parent_of[at]
            if at in hidden:
                hidden.add(name)
    parents = {child: parent for parent in root.iter() for child in parent}
    notes: list[ET.Element] = []
    drop = {_q(OFFICE, "annotation"), _q(OFFICE, "annotation-end"), _q(TEXT, "hidden-text"), _q(SVG, "title"),
            _q(SVG, "desc"), _q(TEXT, "tracked-changes")}
    for element in list(root.iter()):
        parent = parents.get(element)
        if parent is None:
            continue
        if element.tag in drop or element.tag in (_q(TEXT, "span"), _q(TEXT, "p"), _q(TEXT, "h")) \
                and element.get(_q(TEXT, "style-name")) in hidden \
                or element.tag == _q(TEXT, "hidden-paragraph") \
                and element.get(_q(TEXT, "is-hidden"), "true") != "false":
            _remove_keeping_tail(parent, element)
        elif element.tag == _q(TEXT, "span") and element.get(_q(TEXT, "style-name")) in position:
            element.tag = position[element.get(_q(TEXT, "style-name"), "")]  # read as <sup>/<sub>
        elif element.tag == _q(TEXT, "note"):
            body = element.find(_q(TEXT, "note-body"))
            if body is not None:
                notes.append(body)
            _remove_keeping_tail(parent, element)
    office_text = next(root.iter(_q(OFFICE, "text")), root)
    for body in notes:
        for paragraph in list(body):
            office_text.append(paragraph)
    return ET.tostring(root, encoding="unicode")


def _whitish(color: str) -> bool:
    """Whether a colour is white or all but white ("#ffffff", "FDFDFD", "white"): text no reader sees on a page."""
    value = color.strip().lstrip("#").lower()
    if value == "white":
        return True
    return bool(re.fullmatch(r"[0-9a-f]{6}", value)) and all(int(value[k:k + 2], 16) >= 0xF0 for k in (0, 2, 4))


def _remove_keeping_tail(parent: ET.Element, element: ET.Element) -> None:
    """Remove an element; the text after it (ElementTree keeps it on the element) stays where it was."""
    if element.tail:
        siblings = list(parent)
        at = siblings.index(element)
        if at:
            siblings[at - 1].tail = (siblings[at - 1].tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
