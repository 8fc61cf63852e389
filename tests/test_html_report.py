"""The student's report.html and the instructor's index.html: escaped, self-contained, no solutions
unless asked, and safe in a real browser. Built from result objects alone (no grading needed)."""
from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

import pytest

from grader.batch import BatchEntry
from grader.overrides import apply_overrides
from grader.report import write_reports
from grader.report.gradebook import class_stats
from grader.report.html import Solution, render_html, render_index
from grader.results import CheckResult, SubmissionResult
from grader.review.views import solutions
from tests.browser import CANARY, RAW_DOLLARS, open_chromium, wait_for

HOSTILE = ('<script>window.canary="script"</script> <img src=x onerror="window.canary=\'img\'"> '
           '[link](javascript:window.canary=\'md\') <a href="javascript:window.canary=\'a\'">a</a> '
           r"$\href{javascript:window.canary='href'}{x}$ $\url{javascript:alert(1)}$ $\htmlClass{c}{y}$ "
           r"$\rule{100000em}{100000em}$ $\def\a{\a\a}\a$ and $x^2$ </body>")


def result(answer_c: str = HOSTILE, sid: str = "s1") -> SubmissionResult:
    checks = [
        CheckResult("p1.c", "(c) prose", 0.0, 2.0, "manual", "graded by a person", {"answer": answer_c}),
        CheckResult("p1.d", "(d) ∂f/∂w3", 0.0, 1.0, "fail", "not equal to the reference",
                    {"answer": r"\frac{\partial f}{\partial w_3} = w_3 \sigma_2(x_2)", "found_in": "part 1.d",
                     "read_as": "w3*sigma(x2)"}),
        CheckResult("p2.a", "(a) dims", 2.0, 2.0, "pass", "all values correct", {"read": {"input": "28x28"}}),
        CheckResult("code.params", "params", 1.0, 1.0, "pass", "431,080", {"per_layer": {"conv1": 520}}),
    ]
    return SubmissionResult(sid, checks, "0.1.0", 0, "cpu", "rubric", {
        "accuracy": 99.3, "epoch_losses": [0.3, 0.1], "loss_curve": [2.3, 1.0, 0.5, 0.2]})


def test_everything_from_a_hand_in_is_escaped_and_only_our_script_may_run() -> None:
    page = render_html(result())
    body = page[page.index("<body"):page.rindex("<script>")]
    assert "<script>window.canary" not in page and "&lt;script&gt;window.canary" in body
    assert "<img src=x" not in page and 'href="javascript' not in page and "</body> " not in body
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 1  # KaTeX and our renderer, allowed by its hash alone
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing fetched from anywhere: works offline
    assert "data:font/woff2;base64," in page and "url(fonts/" not in page


def test_the_students_page_shows_reading_feedback_and_a_persons_change_but_no_solution(rubric, tmp_path) -> None:
    r = result("The forward pass computes $f_w(x)$.")
    (tmp_path / "overrides.toml").write_text('["p1.c"]\npoints = 1.5\nreason = "backward pass too vague"\n')
    apply_overrides(r, tmp_path / "overrides.toml")
    page = render_html(r)
    assert "backward pass too vague" in page and "Points set by a person" in page
    assert "w3*sigma(x2)" in page and "part 1.d" in page and "not equal to the reference" in page
    assert "<polyline" in page and "99.3 %" in page and "parameters of conv1" in page
    answers = solutions(rubric)
    reference = answers["p1.d"].text
    assert reference and reference not in page and "Reference answer" not in page
    shown = render_html(r, answers)
    assert "Reference answer" in shown and Solution(reference, True).text in shown


def test_reports_and_the_index_are_written_with_the_other_files(rubric, tmp_path) -> None:
    entries = [BatchEntry("s1", result=result(sid="s1")), BatchEntry('a"b<c>', result=result("ok", 'a"b<c>')),
               BatchEntry("broken", error="cannot unpack: <bad zip>")]
    folder = write_reports(entries[0].result, tmp_path)
    assert (folder / "report.html").is_file() and (folder / "report.json").is_file()
    index = render_index(entries, class_stats(entries, rubric_without_missing(rubric, entries)), "HW <1>",
                         {"scores.png": b"\x89PNG"})
    assert 'href="s1/report.html"' in index and "a&#34;b&lt;c&gt;" in index and 'href="a%22b%3Cc%3E/report.html"' in index
    assert "cannot unpack: &lt;bad zip&gt;" in index and "HW &lt;1&gt;" in index
    assert "data:image/png;base64,iVBORw" in index and "<script" not in index


def rubric_without_missing(rubric, entries):
    """The rubric cut to the items these made-up results hold."""
    import dataclasses

    ids = {c.id for c in entries[0].result.checks}
    return dataclasses.replace(rubric, items=[i for i in rubric.items if i.id in ids])


@pytest.fixture(scope="module")
def browser():
    yield from open_chromium(1000, 800)


def test_in_a_real_browser_a_hostile_page_runs_nothing_and_its_math_is_rendered(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    path = tmp_path / "report.html"
    path.write_text(render_html(result()), encoding="utf-8")
    browser.get(path.as_uri())
    wait_for(browser, "return document.documentElement.dataset.math === 'rendered'")
    for link in browser.find_elements(By.CSS_SELECTOR, "a"):
        if link.is_displayed():
            link.click()
    assert browser.execute_script(CANARY) is None
    assert browser.find_elements(By.CSS_SELECTOR, ".answer.prose .katex") and browser.find_elements(
        By.CSS_SELECTOR, ".answer.tex .katex")
    assert browser.execute_script(RAW_DOLLARS) == []
    assert not browser.find_elements(By.CSS_SELECTOR, ".answer img, .answer script, .katex a")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 1000  # the huge \rule is capped: nothing pushes the page sideways
