"""Hand-ins in forum, tracker and mail formats: a BBCode post, a Textile page, a Djot file, an e-mail message
(and a reply over the message it quotes), each graded as its author meant it, with a wrong twin that fails."""
from __future__ import annotations

import email.message
import time

import pytest

from grader.reading.document import read_document
from grader.reading.formats import format_of
from grader.reading.formats_forum import bbcode_markdown, is_bbcode, textile_markdown
from grader.reading.formats_mail import earlier_first, mail_body
from tests.helpers import grade_report_item

E_RIGHT = "w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)"
E_SHORT = "w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))"


def status(rubric, item: str, report: str, name: str) -> str:
    return grade_report_item(rubric, item, report, name).status


BBCODE = ("[color=#336699][b]Re: HW2 thread[/b][/color]\n[spoiler=Problem 1]\n[b]1-(d)[/b] "
          "[tex]\\frac{{\\partial f}}{{\\partial w_3}}=\\sigma_2(x_2)[/tex]\n\n[b]1-(e)[/b]\n"
          "[tex]\\frac{{\\partial f}}{{\\partial w_2}}={e}[/tex]\n[/spoiler]\n[quote=TA]please use [i]tex[/i] tags"
          "[/quote]\n[list]\n[*]x[sub]1[/sub] = w[sub]1[/sub]x\n[/list]\n")


@pytest.mark.parametrize("name", ["post.txt", "post.md"])
def test_a_bbcode_post_is_read_as_the_forum_shows_it(rubric, name: str) -> None:
    assert is_bbcode(BBCODE.format(e=E_RIGHT))
    assert status(rubric, "p1.e.w2", BBCODE.format(e=E_RIGHT), name) == "pass"
    assert status(rubric, "p1.e.w2", BBCODE.format(e=E_SHORT), name) == "partial"
    assert status(rubric, "p1.d", BBCODE.format(e=E_RIGHT), name) == "pass"


def test_bbcode_tags_become_markdown() -> None:
    out = bbcode_markdown("[b]bold[/b] [i]it[/i] [s]gone[/s]\n[list]\n[*]one\n[*]two\n[/list]\n"
                          "[code]x = 1[/code]\n[quote=Kim]old[/quote]\nw[sub]12[/sub] e[sup]-u[/sup]")
    assert "**bold**" in out and "*it*" in out and "~~gone~~" in out
    assert "- one" in out and "- two" in out and "```\nx = 1\n```" in out and "> old" in out
    assert "w_{12}" in out and "e^{-u}" in out


def test_brackets_in_prose_or_math_are_no_bbcode() -> None:
    assert not is_bbcode("The interval [0, 1] and x[i] with [a, b] and [1] citations [/not a tag]")


TEXTILE = ("h2. Problem 1\n\nh3. (d)\n\np. ∂f/∂w~3~ = σ~2~(x~2~)\n\nh3. (e)\n\np. ∂f/∂w~2~ = {e}\n\n"
           "h3. (f)\n\n# L = Σ (y − f)^2^\n# update: w ← w − α ∇L\n\n|_. layer |_. params |\n| conv1 | 520 |\n")


def test_a_textile_page_is_read_with_its_subscripts(rubric) -> None:
    right = "w~3~σ~2~(x~2~)(1 − σ~2~(x~2~)) · σ~1~(x~1~)"
    assert status(rubric, "p1.e.w2", TEXTILE.format(e=right), "r.textile") == "pass"
    assert status(rubric, "p1.e.w2", TEXTILE.format(e="w~3~σ~2~(x~2~)(1 − σ~2~(x~2~))"), "r.textile") == "partial"
    md = textile_markdown(TEXTILE.format(e=right))
    assert "## Problem 1" in md and "1. update" in md and "(y − f)^2" in md and "| layer | params |\n|---|---|" in md


def test_a_djot_file_with_its_own_math_marks(rubric) -> None:
    djot = ("{{.title}}\n# HW2\n\n### (e)\n\n$$`\\frac{{\\partial f}}{{\\partial w_2}} = {e}`\n\n"
            "![g](g.png){{width=60%}}\n")
    assert status(rubric, "p1.e.w2", djot.format(e=E_RIGHT), "r.dj") == "pass"
    assert status(rubric, "p1.e.w2", djot.format(e=E_SHORT), "r.dj") == "partial"
    assert format_of("r.djot") == "djot"


def _message(body: str, subtype: str = "plain", cte: str = "quoted-printable") -> str:
    m = email.message.EmailMessage()
    m["From"], m["To"], m["Subject"] = "student@example.org", "ta@example.org", "HW2"
    m.set_content(body, subtype=subtype, charset="utf-8", cte=cte)
    return m.as_string()


@pytest.mark.parametrize("cte", ["quoted-printable", "base64", "8bit"])
def test_an_email_message_is_read_by_its_body(rubric, cte: str) -> None:
    body = "Hi TA,\n\n(e) ∂f/∂w2 = {e}\n\nThanks, Kim\n"
    right, short = "w3σ2(x2)(1−σ2(x2))σ1(x1)", "w3σ2(x2)(1−σ2(x2))"
    assert status(rubric, "p1.e.w2", _message(body.format(e=right), cte=cte), "hw.eml") == "pass"
    assert status(rubric, "p1.e.w2", _message(body.format(e=short), cte=cte), "hw.eml") == "partial"


def test_an_html_email_is_read_as_html(rubric) -> None:
    raw = _message("<p>(e) ∂f/∂w2 = w3σ2(x2)(1−σ2(x2))σ1(x1)</p>", subtype="html", cte="base64")
    assert mail_body(raw)[1] == "html"
    assert status(rubric, "p1.e.w2", raw, "hw.eml") == "pass"


def test_text_that_is_no_message_stays_as_it_is() -> None:
    assert mail_body("(e) df/dw2 = w3\n") == ("(e) df/dw2 = w3\n", None)


def test_a_reply_is_set_after_the_message_it_quotes() -> None:
    reply = ("Sorry, one fix: (f) should be minus.\n\n> On Apr 14, 2020, at 23:49, Kim <k@x.org> wrote:\n>\n"
             "> (f) w ← w + α∇L\n> > On Apr 13, TA wrote:\n> > please resend\n")
    out = earlier_first(reply)
    assert out.index("please resend") < out.index("(f) w ← w + α∇L") < out.index("Sorry, one fix")
    assert not any(ln.startswith(">") for ln in out.split("\n"))
    bottom = "> On Apr 14, Kim wrote:\n> (f) w ← w + α∇L\n\nthe fix: minus\n"
    assert earlier_first(bottom) == bottom  # a reply under the quote is in order already


def test_a_fix_written_over_the_quoted_hand_in_is_not_lost(rubric) -> None:
    """"(f) should be MINUS" on top of the quoted hand-in: the fix comes after the answer it fixes, so the old
    wrong answer never passes on its own (a person compares the two)."""
    reply = ("Sorry one more fix! In 1(f) I wrote w + α∇L, it should be MINUS.\nFinal update rule:\n\n"
             "  w ← w − α ∇_w L\n\n"
             "> On Apr 14, 2020, at 23:49, Kim <k@x.org> wrote:\n>\n> (e) ∂f/∂w2 = w3σ2(x2)(1−σ2(x2))σ1(x1)\n"
             "> (f) ∇L = Σ 2(f(x^i) − y^i)∇f(x^i)\n>     w ← w + α∇_w L\n")
    assert status(rubric, "p1.f.update", reply, "r.txt") != "pass"
    assert status(rubric, "p1.e.w2", reply, "r.txt") == "pass"


@pytest.mark.parametrize("text", ["(f) w^((" * 20_000 + "t", "[b]" * 20_000 + "x", "[tex]" + "{" * 30_000,
                                  "h1. " + "~a" * 20_000,
                                  "|" + " " * 50_000 + "x\n" + "│   " * 5_000 + "├── y", "> " * 30_000 + "wrote:",
                                  "| answer | note |\n|---|---|\n| " + " " * 50_000 + "x |\n",
                                  "answer " + " " * 50_000 + "|" + "| 2c-conv1 | #params | 520 |\n" * 3_000,
                                  # a note that goes on, a pointer under an answer, a conclusion, a transcript's turns,
                                  # a names heading with an aside, an arrow lead (this stop's readings)
                                  "| part | answer | note |\n|---|---|---|\n| 1e | $w$ | " + "= " * 20_000 + "|\n",
                                  "(e) df/dw2 = w3\n" + "    ^" + " " * 50_000 + "missing\n" + "(forgot " * 10_000,
                                  "(e) $a = b$" + " " * 50_000 + "so the same derivative is $c$",
                                  "**Q:** " * 20_000 + "(b)",
                                  "# names (" + "a" * 70 + "): " + "x1 = w2*s(x2), " * 3_000,
                                  "==> (e) " * 20_000 + "df/dw2 = w3", "(ii) " * 20_000 + "x = 1\n" + "w ?\n" * 5_000])
def test_hostile_markup_is_read_in_bounded_time(text: str) -> None:
    start = time.perf_counter()
    for kind in (None, "textile", "djot", "mail"):
        read_document(text, kind)
    assert time.perf_counter() - start < 20


def test_a_long_reply_is_set_in_order_in_one_pass() -> None:
    """Quoted and unquoted lines alternating 40,000 times: the quoted tail is found counting from the end once."""
    start = time.perf_counter()
    earlier_first("reply\n" + "> a\nb\n" * 40_000)
    assert time.perf_counter() - start < 5
