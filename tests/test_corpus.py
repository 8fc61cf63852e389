"""The fidelity corpus: every realistic report graded, every written item compared with the TA's verdict."""
from __future__ import annotations

import pytest

from tests.corpus.fidelity import REPORTS, grade_corpus, read_verdicts, reports

WRITTEN_ITEMS = {"p1.b.i", "p1.b.ii", "p1.d", "p1.e.w2", "p1.e.w1", "p1.f.grad", "p1.f.update", "p2.a", "p2.b",
                 "p2.c"}
MIN_AGREEMENT = 0.905  # measured: 92.0 % on 7,026 reports (68bf687) (README, "Reading fidelity"); a regression below it fails


def test_every_report_has_a_verdict_for_every_written_item():
    """An attack report (``atk-``: a wrong answer disguised against one reading rule) carries verdicts for the
    items it attacks only; every realistic report, for all of them."""
    found = reports()
    assert len(found) >= 9592, f"the corpus has {len(found)} reports"
    for report in found:
        items = set(read_verdicts(report))
        if report.name.startswith("atk-"):
            assert items and items <= WRITTEN_ITEMS, report.name
        else:
            assert items == WRITTEN_ITEMS, report.name


@pytest.fixture(scope="module")
def graded():
    return grade_corpus()


def test_no_wrong_answer_gets_full_marks(graded):
    print("\n" + graded.table())
    assert not graded.errors
    passed = [r for r in graded.rows if r.outcome in ("mistake_passed", "missing_passed")]
    assert not passed, "\n".join(f"{r.report} {r.item}: {r.feedback}" for r in passed)


def test_the_grader_agrees_with_the_ta(graded):
    assert graded.agreement >= MIN_AGREEMENT, graded.disagreements()


OPEN = REPORTS.parent / "open"


@pytest.mark.parametrize("report", reports(OPEN), ids=lambda p: p.name)
@pytest.mark.xfail(strict=True, reason="a known open attack: a wrong (or ambiguous) answer still gets full marks; when "
                   "this passes, move the report into the corpus")
def test_known_open_attacks_are_still_open(report):
    """Attacks a red team found that the reading does not catch yet (a σ' defined in words or in a table, a layer
    or a stride named in words, a note that names no part), kept here so that they are neither lost nor hidden."""
    graded = grade_corpus(OPEN, workers=1, only=[report])
    assert not [r for r in graded.rows if r.outcome in ("mistake_passed", "ambiguous_guessed")]
