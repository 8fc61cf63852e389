"""Reports written on a course wiki: MediaWiki pages (.wiki) and DokuWiki pages exported as text."""
from __future__ import annotations

from grader.reading.formats_wiki import is_dokuwiki, wiki_markdown
from tests.helpers import grade_report_item

MEDIAWIKI = """__NOTOC__
= HW2 =
== Problem 1 ==
The network: <math>f_w(x) = w_3\\sigma_2(x_2)</math>, with <math>x_1 = w_1 x</math>,
<math>x_2 = w_2\\sigma_1(x_1)</math>.
=== (b) ===
; (i)
: <math>\\frac{d\\sigma_1}{du} = \\frac{e^{-u}}{(1+e^{-u})^2}</math>
=== (e) ===
:<math>\\frac{\\partial f}{\\partial w_2} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))%s</math>
== Problem 2 ==
=== (c) ===
{| class="wikitable" style="text-align:right"
! layer !! computation !! parameters
|-
| conv1 || (5·5·1+1)·20 || 520
|-
| relu1, pool1 || — || 0
|-
| conv2 || (5·5·20+1)·50 || 25,050
|-
| relu2, pool2 || — || 0
|-
| fc1 || (800+1)·500 || %s
|-
| fc2 || (500+1)·10 || 5,010
|-
! total !! !! 431,080
|}
"""

DOKUWIKI = """====== HW2 ======

//Nayeon Kang// (exported from our group wiki)

===== Problem 1 =====

==== b) ====

  * (i) $$\\sigma_1'(u) = \\frac{e^{-u}}{(1+e^{-u})^2}$$

==== e) ====

$$\\frac{\\partial f}{\\partial w_2} = w_3 \\sigma_2(x_2)(1-\\sigma_2(x_2))%s$$

===== Problem 2 =====

==== a) ====

^ what ^ size ^
| input | 28x28 |
| conv1 filter | 5x5x1x20 |
| after conv1 | %s |
| after pool | 12x12x20 |
"""


def test_a_mediawiki_page_is_read_with_its_math_tags_and_tables(rubric) -> None:
    right = MEDIAWIKI % ("\\sigma_1(x_1)", "400,500")
    assert grade_report_item(rubric, "p1.e.w2", right, "hw.wiki").status == "pass"
    assert grade_report_item(rubric, "p1.b.i", right, "hw.wiki").status == "pass"
    assert grade_report_item(rubric, "p2.c", right, "hw.wiki").status == "pass"
    wrong = MEDIAWIKI % ("", "3,600,500")
    assert grade_report_item(rubric, "p1.e.w2", wrong, "hw.wiki").status == "partial"
    assert grade_report_item(rubric, "p2.c", wrong, "hw.wiki").status != "pass"


def test_a_dokuwiki_page_saved_as_text_is_read_as_the_wiki_it_is(rubric) -> None:
    assert is_dokuwiki(DOKUWIKI) and not is_dokuwiki("# Notes\n\n== not a heading ==\n")
    right = DOKUWIKI % ("\\sigma_1(x_1)", "24x24x20")
    assert grade_report_item(rubric, "p1.e.w2", right, "hw.txt").status == "pass"
    assert grade_report_item(rubric, "p2.a", right, "hw.txt").status == "pass"
    wrong = DOKUWIKI % ("", "28x28x20")
    assert grade_report_item(rubric, "p1.e.w2", wrong, "hw.txt").status == "partial"
    assert grade_report_item(rubric, "p2.a", wrong, "hw.txt").status != "pass"


def test_wiki_markup_becomes_markdown() -> None:
    md = wiki_markdown("== Part ==\n# first\n'''bold''' [[Page|shown]] [[File:g.png|thumb]] x<sub>1</sub>\n")
    assert md.splitlines() == ["## Part", "1. first", "**bold** shown   x_1"]
    two = wiki_markdown("a <math>x</math>, <math>y</math>\n:<math>z = 1</math>\n")
    assert two.splitlines() == ["a $x$, $y$", "", "$$", "z = 1", "$$", ""]
