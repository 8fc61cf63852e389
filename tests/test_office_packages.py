"""Reports handed in as office documents (.docx, .odt) and note apps' exports (.enex, .mht): each read as the
document the student saw, each checked on a wrong twin, and each broken or hostile package a note, never a crash.
"""
from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest

from grader.pipeline import Options, grade_submission
from grader.reading.office_packages import MAX_PART_BYTES, PackageError, package_xml
from tests.helpers import grade_file_item

REPORTS = Path(__file__).parent / "corpus" / "reports"
ITEMS = ("p1.b.i", "p1.b.ii", "p1.d", "p1.e.w2", "p1.e.w1", "p1.f.grad", "p1.f.update", "p2.a", "p2.b", "p2.c")


def _graded(path: Path, rubric) -> list[tuple[str, str, float]]:  # type: ignore[no-untyped-def]
    result = grade_submission(path, rubric, Options(text_budget=None))
    return [(i, result.check(i).status, result.check(i).score) for i in ITEMS]


def _docx_of_flat_xml(flat: str, out: Path) -> Path:
    """Word's flat XML (one file, every part inline) as the .docx Word saves: the same parts, zipped."""
    parts = re.findall(r'<pkg:part pkg:name="([^"]+)"[^>]*>\s*<pkg:xmlData>(.*?)</pkg:xmlData>\s*</pkg:part>',
                       flat, re.S)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        for name, body in parts:
            z.writestr(name.lstrip("/"), '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body)
    return out


def _odt_of_flat_odt(flat: str, out: Path) -> Path:
    """A flat ODT as LibreOffice's .odt: the body in content.xml, each formula an object of its own."""
    objects: list[str] = []

    def embedded(m: re.Match[str]) -> str:
        objects.append(m.group(1))
        n = len(objects)
        return (f'<draw:object xlink:href="./Object {n}" xlink:type="simple" xlink:show="embed" '
                f'xlink:actuate="onLoad"/><draw:image xlink:href="./ObjectReplacements/Object {n}"/>')

    body = re.sub(r"<draw:object>(.*?)</draw:object>", embedded, flat, flags=re.S)
    body = body.replace("<office:document ", "<office:document-content ").replace(
        "</office:document>", "</office:document-content>")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", body)
        for n, math in enumerate(objects, 1):
            z.writestr(f"Object {n}/content.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE math:math '
                       'PUBLIC "-//OpenOffice.org//DTD Modified W3C MathML 1.01//EN" "math.dtd">\n' + math)
            z.writestr(f"ObjectReplacements/Object {n}", b"\x00\x01binary preview")
    assert objects
    return out


def test_a_word_document_reads_as_its_flat_xml(rubric, tmp_path: Path) -> None:
    flat = REPORTS / "xml87-06-word-flatopc.xml"
    docx = _docx_of_flat_xml(flat.read_text(encoding="utf-8"), tmp_path / "report.docx")
    graded = _graded(docx, rubric)
    assert graded == _graded(flat, rubric)
    assert sum(status == "pass" for _, status, _ in graded) >= 6  # (a report with answers, most of them right)


def test_an_opendocument_text_reads_its_formula_objects(rubric, tmp_path: Path) -> None:
    flat = REPORTS / "xml87-03-libreoffice.fodt"
    odt = _odt_of_flat_odt(flat.read_text(encoding="utf-8"), tmp_path / "report.odt")
    graded = _graded(odt, rubric)
    assert graded == _graded(flat, rubric)
    assert dict((i, s) for i, s, _ in graded)["p1.e.w1"] == "pass"  # (its answer is a formula object)


_WORD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxml'
         'formats.org/wordprocessingml/2006/main"><w:body>{}</w:body></w:document>')


def _paragraphs(*texts: str) -> str:
    return "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>" for t in texts)


@pytest.mark.parametrize("answer, full", [("σ(w2·σ(w1·x))", True), ("σ(w2·w1·x)", False)])
def test_a_word_document_of_plain_runs_is_read_and_its_twin_fails(rubric, tmp_path: Path, answer: str,
                                                                  full: bool) -> None:
    path = tmp_path / "Homework 3.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", _WORD.format(_paragraphs("Problem 1", f"(d) ∂f/∂w3 = {answer}")))
    check = grade_submission(path, rubric, Options(text_budget=None)).check("p1.d")
    assert (check.status == "pass" and check.score >= check.max_score) is full


def test_a_tracked_deletion_in_word_is_no_answer(rubric, tmp_path: Path) -> None:
    deleted = ('<w:p><w:r><w:t xml:space="preserve">(d) ∂f/∂w3 = </w:t></w:r><w:del w:id="1" w:author="me">'
               '<w:r><w:delText>σ(w2·w1·x)</w:delText></w:r></w:del><w:ins w:id="2" w:author="me"><w:r>'
               '<w:t>σ(w2·σ(w1·x))</w:t></w:r></w:ins></w:p>')
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", _WORD.format(_paragraphs("Problem 1") + deleted))
    assert grade_submission(path, rubric, Options(text_budget=None)).check("p1.d").status == "pass"


@pytest.mark.parametrize("hidden", [
    '<w:r><w:rPr><w:vanish/></w:rPr><w:t>σ(w2·w1·x)</w:t></w:r>',
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>σ(w2·σ(w1·x))</w:t></mc:Choice>'
    '<mc:Fallback><w:t>σ(w2·w1·x)</w:t></mc:Fallback></mc:AlternateContent></w:r>',
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> QUOTE "σ(w2·w1·x)" </w:instrText></w:r>',
])
def test_text_word_does_not_show_is_no_answer(rubric, tmp_path: Path, hidden: str) -> None:
    shown = '<w:r><w:t xml:space="preserve">(d) ∂f/∂w3 = </w:t></w:r>'
    right = "" if "Choice" in hidden else '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>σ(w2·σ(w1·x))</w:t></w:r>'
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", _WORD.format(_paragraphs("Problem 1") + f"<w:p>{shown}{hidden}{right}</w:p>"))
    check = grade_submission(path, rubric, Options(text_budget=None)).check("p1.d")
    assert check.status == "pass" and check.score >= check.max_score


def test_hidden_runs_are_found_in_linear_time() -> None:
    from grader.reading.office_packages import package_xml as read
    for body in ("<w:r>" * 300_000 + "</w:r>", "<w:r><w:rPr>" * 200_000, '<w:r><w:rPr><w:vanish w:val="' * 50_000):
        data = tmp_zip({"word/document.xml": body})
        start = time.perf_counter()
        read(data, ".docx")
        assert time.perf_counter() - start < 3


def tmp_zip(parts: dict[str, str]) -> bytes:
    import io
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return buffer.getvalue()


def _bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", " " * (MAX_PART_BYTES + 10))
    return path


@pytest.mark.parametrize("make, reason", [
    (_bomb, "larger than"),
    (lambda p: (p.write_bytes(b"PK\x03\x04 not really a zip" * 50), p)[1], "no readable zip archive"),
    (lambda p: (zipfile.ZipFile(p, "w").writestr("notes.txt", "hi"), p)[1], "no document part"),
])
def test_a_broken_or_hostile_package_is_a_note_and_costs_only_its_items(rubric, tmp_path: Path, make,  # noqa: ANN001
                                                                        reason: str) -> None:
    path = make(tmp_path / "report.docx")
    start = time.perf_counter()
    result = grade_submission(path, rubric, Options(text_budget=None))
    assert time.perf_counter() - start < 30
    assert any("could not be read as an office document" in n and reason in n for n in result.notes), result.notes
    assert result.check("p1.d").status != "pass"


def test_an_odt_object_outside_the_package_is_not_followed(tmp_path: Path) -> None:
    path = tmp_path / "report.odt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("content.xml", '<office:document-content><text:p>(d) <draw:object xlink:href="../../etc"/>'
                                  '<draw:object xlink:href="./Object 1"/></text:p></office:document-content>')
        z.writestr("Object 1/content.xml", "<math><mi>σ</mi></math>")
    xml = package_xml(path.read_bytes(), ".odt")
    assert "<math><mi>σ</mi></math>" in xml and "etc" not in xml
    with pytest.raises(PackageError):
        package_xml(b"\x00" * 100, ".docx")


_ENEX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE en-export SYSTEM "http://xml.evernote.com/pub/evernote-export4.dtd">
<en-export export-date="20261120T101500Z" application="Evernote" version="10.60.4">
  <note>
    <title>DL HW3 &amp; backprop</title>
    <created>20261118T201010Z</created>
    <content>
      <![CDATA[<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE en-note SYSTEM "http://xml.evernote.com/pub/enml2.dtd">
<en-note><div><b>Problem 1</b></div><div>(d) ∂f/∂w<sub>3</sub> = {answer}</div><div><br/></div></en-note>]]>
    </content>
    <resource><data encoding="base64">iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk</data>
      <mime>image/png</mime></resource>
  </note>
</en-export>
"""

_MHT = """MIME-Version: 1.0
Content-Type: multipart/related; boundary="----=_NextPart_01DB3A"

This document is a Single File Web Page, also known as a Web Archive file.

------=_NextPart_01DB3A
Content-Location: file:///C:/Users/student/hw3.htm
Content-Transfer-Encoding: quoted-printable
Content-Type: text/html; charset="utf-8"

<html><body><p class=3DMsoNormal>Problem 1</p>
<p class=3DMsoNormal>(d) =E2=88=82f/=E2=88=82w<sub>3</sub> =3D {answer}</p></body></html>

------=_NextPart_01DB3A
Content-Location: file:///C:/Users/student/hw3_files/filelist.xml
Content-Type: text/xml; charset="utf-8"

<xml><o:File HRef=3D"colorschememapping.xml"/></xml>
------=_NextPart_01DB3A--
"""


@pytest.mark.parametrize("name, template", [("notes.enex", _ENEX), ("hw3.mht", _MHT)])
@pytest.mark.parametrize("answer, full", [("σ(w<sub>2</sub>σ(w<sub>1</sub>x))", True),
                                          ("σ(w<sub>2</sub>w<sub>1</sub>x)", False)])
def test_a_note_apps_export_is_read_as_the_page_it_shows(rubric, name: str, template: str, answer: str,
                                                         full: bool) -> None:
    text = template.replace("{answer}", answer if name.endswith(".enex") else answer.replace("=", "=3D"))
    check = grade_file_item(rubric, "p1.d", text, name)
    assert (check.status == "pass" and check.score >= check.max_score) is full


# --- what Word's page shows (red team 102): each hidden piece holds the right answer, the page shows a wrong one --

_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def _docx(path: Path, body: str, styles: str | None = None, extra: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {_NS}><w:body>'
                   f'<w:p><w:r><w:t>Problem 1</w:t></w:r></w:p>{body}</w:body></w:document>')
        if styles:
            z.writestr("word/styles.xml", f"<w:styles {_NS}>{styles}</w:styles>")
        for name, text in (extra or {}).items():
            z.writestr(name, text)
    return path


def _d(*runs: str) -> str:
    return '<w:p><w:r><w:t xml:space="preserve">(d) ∂f/∂w3 = </w:t></w:r>' + "".join(runs) + "</w:p>"


def _t(text: str, props: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _math(*runs: str) -> str:
    return "<m:oMath>" + "".join(runs) + "</m:oMath>"


def _mt(text: str, props: str = "") -> str:
    return f'<m:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<m:t>{text}</m:t></m:r>'


_HIDDEN_STYLE = '<w:style w:type="character" w:styleId="Quiet"><w:rPr><w:vanish/></w:rPr></w:style>' \
                '<w:style w:type="character" w:styleId="Quieter"><w:basedOn w:val="Quiet"/></w:style>'
_SHOWN_WRONG = [  # (body, styles): the page shows σ(w2σ(x)) or σ(w2·w1·x); the file keeps σ(w2σ(w1x)) somewhere
    (_d(_math(_mt("σ(w2σ("), '<w:del w:id="1" w:author="s">' + _mt("w1") + "</w:del>", _mt("x))"))), None),
    (_d(_math(_mt("σ(w2σ("), _mt("w1", "<w:vanish/>"), _mt("x))"))), None),
    (_d(_t("σ(w2σ("), _t("w1", '<w:rStyle w:val="Quieter"/>'), _t("x))")), _HIDDEN_STYLE),
    (_d(_t("σ(w2σ("), _t("w1", '<w:color w:val="FFFFFF"/>'), _t("x))")), None),
    (_d(_t("σ(w2σ("), _t("w1", '<w:sz w:val="2"/>'), _t("x))")), None),
    (_d(_t("σ(w2σ("), _t("w1", "<w:strike/>"), _t("x))")), None),
    (_d(_math(_mt("σ(w2σ("), '<m:phant><m:phantPr><m:show m:val="0"/></m:phantPr><m:e>' + _mt("w1")
              + "</m:e></m:phant>", _mt("x))"))), None),
    (_d('<w:r><mc:AlternateContent><mc:Choice Requires="zzq"><w:t>σ(w2σ(w1x))</w:t></mc:Choice>'
        "<mc:Fallback><w:t>σ(w2·w1·x)</w:t></mc:Fallback></mc:AlternateContent></w:r>"), None),
]
_SHOWN_RIGHT = [  # the page shows σ(w2σ(w1x)): a formatting change recorded, a web-only hidden mark, a symbol
    _d(_t("σ(w2σ("), _t("w1", '<w:rPrChange w:id="3" w:author="s"><w:rPr><w:vanish/></w:rPr></w:rPrChange>'),
       _t("x))")),
    _d(_t("σ(w2σ("), _t("w1", "<w:webHidden/>"), _t("x))")),
    _d('<w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:t>s</w:t></w:r>', _t("(w2"),
       '<w:r><w:sym w:font="Symbol" w:char="F073"/></w:r>', _t("(w1x))")),
    _d('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>σ(w2σ(w1x))</w:t></mc:Choice>'
       "<mc:Fallback><w:t>σ(w2·w1·x)</w:t></mc:Fallback></mc:AlternateContent></w:r>"),
]


@pytest.mark.parametrize("body, styles", _SHOWN_WRONG)
def test_text_words_page_does_not_show_is_no_answer(rubric, tmp_path: Path, body: str, styles: str | None) -> None:
    check = grade_submission(_docx(tmp_path / "report.docx", body, styles), rubric, Options(text_budget=None))
    assert not (check.check("p1.d").status == "pass")


@pytest.mark.parametrize("body", _SHOWN_RIGHT)
def test_text_words_page_shows_is_read(rubric, tmp_path: Path, body: str) -> None:
    check = grade_submission(_docx(tmp_path / "report.docx", body), rubric, Options(text_budget=None)).check("p1.d")
    assert check.status == "pass" and check.score >= check.max_score


@pytest.mark.parametrize("sign, full", [("−", True), ("", False)])
def test_a_non_breaking_hyphen_is_a_minus(rubric, tmp_path: Path, sign: str, full: bool) -> None:
    hyphen = "<w:r><w:noBreakHyphen/></w:r>" if sign else ""
    body = ('<w:p><w:r><w:t xml:space="preserve">(b) (i) dσ/du = e</w:t></w:r><w:r><w:rPr><w:vertAlign '
            f'w:val="superscript"/></w:rPr><w:t>−u</w:t></w:r><w:r><w:t>/(1 + e^(−u))^2</w:t></w:r></w:p>'
            '<w:p><w:r><w:t xml:space="preserve">(ii) dσ/du = σ(u)(1 </w:t></w:r>' + hyphen
            + "<w:r><w:t xml:space=\"preserve\"> σ(u))</w:t></w:r></w:p>")
    check = grade_submission(_docx(tmp_path / "report.docx", body), rubric, Options(text_budget=None))
    assert (check.check("p1.b.ii").status == "pass") is full
    assert check.check("p1.b.i").status == "pass"  # (a raised run is a superscript: e^{−u})


@pytest.mark.parametrize("target", ["afchunk.htm", "/word/afchunk.htm"])
@pytest.mark.parametrize("answer, full", [("σ(w2σ(w1x))", True), ("σ(w2·w1·x)", False)])
def test_an_embedded_html_chunk_is_read_where_it_stands(rubric, tmp_path: Path, target: str, answer: str,
                                                        full: bool) -> None:
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            f'Target="{target}" Id="chunk1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/aFChunk"/></Relationships>')
    path = _docx(tmp_path / "report.docx", '<w:altChunk r:id="chunk1"/>',
                 extra={"word/_rels/document.xml.rels": rels,
                        "word/afchunk.htm": f"<html><body><p>(d) ∂f/∂w3 = {answer}</p></body></html>"})
    check = grade_submission(path, rubric, Options(text_budget=None)).check("p1.d")
    assert (check.status == "pass" and check.score >= check.max_score) is full


def test_the_main_part_is_found_whatever_order_its_relationship_is_written_in(rubric, tmp_path: Path) -> None:
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Target="word/document2.xml" Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument"/></Relationships>')
    shown = f'<w:document {_NS}><w:body>{_d(_t("σ(w2·w1·x)"))}</w:body></w:document>'
    path = _docx(tmp_path / "report.docx", _d(_t("σ(w2σ(w1x))")),  # (a stale part under the usual name)
                 extra={"_rels/.rels": rels, "word/document2.xml": shown})
    assert grade_submission(path, rubric, Options(text_budget=None)).check("p1.d").status != "pass"


# --- what LibreOffice shows ----------------------------------------------------------------------------------------

_ODF = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><office:automatic-styles>'
        '<style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style>'
        '<style:style style:name="T2" style:family="text"><style:text-properties '
        'style:text-line-through-style="solid"/></style:style></office:automatic-styles><office:body><office:text>'
        "<text:p>Problem 1</text:p><text:p>(d) ∂f/∂w3 = {d}</text:p></office:text></office:body>"
        "</office:document-content>")


@pytest.mark.parametrize("d", [
    'σ(w2σ(<text:span text:style-name="T1">w1</text:span>x))',
    'σ(w2σ(<text:span text:style-name="T2">w1</text:span>x))',
    "σ(w2·w1·x)<office:annotation><dc:creator>Kim</dc:creator><text:p>∂f/∂w3 = σ(w2σ(w1x))</text:p>"
    "</office:annotation>",
])
def test_text_libreoffice_does_not_show_is_no_answer(rubric, tmp_path: Path, d: str) -> None:
    path = tmp_path / "report.odt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("content.xml", _ODF.format(d=d))
    assert grade_submission(path, rubric, Options(text_budget=None)).check("p1.d").status != "pass"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("content.xml", _ODF.format(d="σ(w2σ(w1x))"))
    assert grade_submission(path, rubric, Options(text_budget=None)).check("p1.d").status == "pass"


def test_a_formula_object_cited_again_is_read_once() -> None:
    body = "<office:document-content><text:p>" + '<draw:object xlink:href="./Object 1"/>' * 5_000 \
        + "</text:p></office:document-content>"
    data = tmp_zip({"content.xml": body, "Object 1/content.xml": "<math>" + "<mi>σ</mi>" * 20_000 + "</math>"})
    assert package_xml(data, ".odt").count("<math>") == 1


def test_hidden_elements_of_a_page_are_found_nested_and_after_a_long_style(rubric) -> None:
    style = "mso-bidi-font-size:11.0pt;" * 30
    page = (f'<html><body><p>Problem 1</p><p>(d) ∂f/∂w3 = w3·σ2(x2) <span style="{style}display:none">~~ w3 ~~'
            '</span></p><div hidden><div>old:</div> (d) ∂f/∂w3 = σ2(x2)</div></body></html>')
    assert grade_file_item(rubric, "p1.d", page, "report.html").status != "pass"


@pytest.mark.parametrize("position, full", [("super 58%", True), ("0% 100%", False)])
def test_an_odt_raised_span_is_a_superscript(rubric, tmp_path: Path, position: str, full: bool) -> None:
    content = _ODF.replace("</office:automatic-styles>", '<style:style style:name="T9" style:family="text">'
                           f'<style:text-properties style:text-position="{position}"/></style:style>'
                           "</office:automatic-styles>").replace("(d) ∂f/∂w3 = {d}", "(b) (i) dσ/du = {d}")
    path = tmp_path / "report.odt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("content.xml", content.format(d='exp(−u) / (1 + exp(−u))<text:span text:style-name="T9">2'
                                                   "</text:span>"))
    check = grade_submission(path, rubric, Options(text_budget=None)).check("p1.b.i")
    assert (check.status == "pass" and check.score >= check.max_score) is full
