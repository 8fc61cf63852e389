"""Shared test material: grade single rubric items against in-memory answers and measurements (no child,
no disk), the sample hand-ins, and rubrics cut down for quick runs."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from grader.checks.base import CheckContext, Measured
from grader.pipeline import run_check
from grader.results import CheckResult
from grader.rubric import Rubric
from grader.sandbox.probe import probe
from grader.sandbox.protocol import ChildError, ChildRun, Retry, parse_probe
from grader.submission import TEX_SUFFIXES, Submission
from reference.mnist_backprop.net import Net
from tests.conftest import SHARED

# A written hand-in of the course's sample set, and the items it answers in writing.
SAMPLE = SHARED / "assignment" / "000_8542a249f735d025.txt"
WRITTEN = ["p1.b.i", "p1.b.ii", "p1.d", "p1.e.w2", "p1.e.w1", "p1.f.grad", "p1.f.update", "p2.a", "p2.b", "p2.c"]

# The homework's network as a student writes it: hand-ins for the sandbox, batch and hostile tests.
GOOD_NET = '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, 5, 1)
        self.conv2 = nn.Conv2d(20, 50, 5, 1)
        self.fc1 = nn.Linear(800, 500)
        self.fc2 = nn.Linear(500, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2, 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2, 2)
        return self.fc2(F.relu(self.fc1(x.view(-1, 800))))
'''


def grade_item(rubric: Rubric, item_id: str, answers: dict[str, Any] | None = None,
               measurements: dict[str, Any] | None = None, seed: int = 0) -> CheckResult:
    sub = Submission("unit", Path("."), None, answers or {})
    ctx = CheckContext(sub, rubric.reference, rubric.code, measured(measurements), seed)
    return run_check(rubric, rubric.item(item_id), ctx)


def measured(raw: dict[str, Any] | None = None) -> Measured:
    """Measurements written the way the child's events carry them, as the checks receive them: the probe parsed
    by the protocol's own parser, the run's accuracy and error, why the code was not run, the retries."""
    raw = raw or {}
    run = None
    if raw.keys() - {"skipped", "retries"}:
        error = raw.get("error")
        run = ChildRun("test", probe=parse_probe(raw["probe"]) if "probe" in raw else None,
                       error=None if error is None else ChildError(error.get("stage", ""), error.get("error", "")),
                       accuracy=raw.get("accuracy"))
    retries = tuple(Retry(r["seed"], r.get("accuracy"), None, None, None) for r in raw.get("retries", []))
    return Measured(run, raw.get("skipped"), retries)


def reference_probe(model=None) -> dict[str, Any]:
    return {"probe": probe(model or Net(), (1, 28, 28), seed=0)}


def grade_report_item(rubric: Rubric, item_id: str, report: str, name: str = "report.md") -> CheckResult:
    """Grade one item of a report (Markdown unless ``name`` says another format; answers found the way ``grade``
    finds them)."""
    from grader.reading.answers import answers_from_document
    from grader.reading.document import read_document
    from grader.reading.formats import format_of

    kind = "tex" if name.endswith(TEX_SUFFIXES) else format_of(name)  # as the submission reads a .tex report
    sub = Submission("unit", Path("."), None, answers_from_document(read_document(report, kind), rubric),
                     source=name)
    ctx = CheckContext(sub, rubric.reference, rubric.code, Measured(), 0)
    return run_check(rubric, rubric.item(item_id), ctx)


def grade_file_item(rubric: Rubric, item_id: str, report: str, name: str) -> CheckResult:
    """Grade one item of a report handed in as the file ``name`` (a notebook, a script, a sheet), read exactly as
    ``grade`` reads a hand-in of that one file."""
    import tempfile

    from grader.pipeline import Options, grade_submission

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(report, encoding="utf-8")
        return grade_submission(path, rubric, Options(text_budget=None)).check(item_id)


def short_training(rubric: Rubric, images: int = 3000) -> Rubric:
    """The rubric with a one-epoch training on the first ``images`` images (quick tests of the training path)."""
    import dataclasses

    def short(params):  # noqa: ANN001, ANN202
        return dataclasses.replace(params, recipe=dataclasses.replace(params.recipe, train_limit=images, epochs=1),
                                   retry=dataclasses.replace(params.retry, margin=0.0))

    items = [dataclasses.replace(i, params=short(i.params)) if i.check == "accuracy" else i for i in rubric.items]
    return dataclasses.replace(rubric, items=items)


def without_training(rubric: Rubric) -> Rubric:
    """The rubric without its accuracy item: for tests about building and running, not training."""
    import dataclasses

    return dataclasses.replace(rubric, items=[i for i in rubric.items if i.check != "accuracy"])


def quick_class_rubric(rubric: Rubric, images: int = 6000) -> Rubric:
    """A one-epoch training on ``images`` images, judged against a threshold it can reach (90 %), the
    accuracy claim given a tolerance to match: every other item is graded as with the real rubric."""
    import dataclasses

    quick = short_training(rubric, images)
    items = []
    for i in quick.items:
        if i.check == "accuracy":
            i = dataclasses.replace(i, params=dataclasses.replace(i.params, threshold=90.0))
        elif i.check == "claims":
            claims = [dataclasses.replace(c, tolerance=10.0) if c.measure == "accuracy" else c
                      for c in i.params.claims]
            i = dataclasses.replace(i, params=dataclasses.replace(i.params, claims=claims))
        items.append(i)
    return dataclasses.replace(quick, items=items)


def assert_twins(rubric: Rubric, item_id: str, report: str, *slips: tuple[str, str]) -> None:
    """The report's answer to ``item_id`` passes, and each wrong twin (``report`` with ``old`` put as ``new``,
    a slip planted) does not: a reading rule tested on both sides, as every reading test here is."""
    assert grade_report_item(rubric, item_id, report).status == "pass", item_id
    for old, new in slips:
        assert old in report, old
        assert grade_report_item(rubric, item_id, report.replace(old, new)).status != "pass", (item_id, new)


def grading_seconds_on_repeated(rubric: Rubric, piece: str, size: int = 60_000) -> float:
    """Seconds to read (b)(ii) and 2(a) from a report whose part (b) is ``piece`` repeated to ``size`` characters
    (hostile text for a reading rule's pattern: its time must stay bounded, never grow with a power of the size)."""
    import time

    report = "## Problem 1\n\n### (b)\n\n" + piece * (size // len(piece)) + "\n\n### (d)\n\n$\\sigma_2(x_2)$\n"
    start = time.perf_counter()
    grade_report_item(rubric, "p1.b.ii", report, "report.md")
    grade_report_item(rubric, "p2.a", report, "report.txt")
    return time.perf_counter() - start
