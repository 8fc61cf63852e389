"""Checks are plugins: an outside package registers through the same entry-point group as the built-ins."""
from __future__ import annotations

import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader.checks.base import Check, Outcome
from grader.errors import PluginError
from grader.pipeline import Options, grade_submission
from grader.plugins import Registry, discover
from grader.rubric import load_rubric

PLUGIN = '''
from dataclasses import dataclass
from grader.checks.base import Check, Outcome
from grader.checks.readers import AnswerReader


@dataclass(frozen=True)
class WordsParams:
    minimum: int


class WordCount(Check):
    """A tiny outside check: does the answer have enough words?"""
    Params = WordsParams

    def grade(self, item, ctx):
        words = len(str(ctx.submission.answer(item.id) or "").split())
        return Outcome.graded(min(1.0, words / item.params.minimum), f"{words} words")


@dataclass(frozen=True)
class BulletParams:
    needed: list[str]


class BulletReader(AnswerReader):
    """Reads what no built-in reader does: the part's bullet points, as a tuple."""

    def read(self, report, spec):
        text = report.doc.segment_text(spec.part) or ""
        bullets = tuple(line.strip()[2:].strip() for line in text.splitlines() if line.strip().startswith("- "))
        return bullets or None


class Bullets(Check):
    """A tiny outside check that brings its own answer reader."""
    Params = BulletParams

    def reader(self, params):
        return BulletReader()

    def grade(self, item, ctx):
        bullets = ctx.submission.answer(item.id)
        if bullets is None:
            return Outcome.no_answer()
        found = [b for b in item.params.needed if b in bullets]
        return Outcome.graded(len(found) / len(item.params.needed), f"bullets {list(bullets)}")
'''


@pytest.fixture
def outside_plugin(tmp_path: Path):
    """Install a one-module distribution with a grader.checks entry point onto sys.path."""
    site = tmp_path / "site"
    (site / "tiny_wordcount-1.0.dist-info").mkdir(parents=True)
    (site / "tiny_wordcount.py").write_text(PLUGIN)
    (site / "tiny_wordcount-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: tiny-wordcount\n"
                                                                    "Version: 1.0\n")
    (site / "tiny_wordcount-1.0.dist-info" / "entry_points.txt").write_text(
        "[grader.checks]\nwordcount = tiny_wordcount:WordCount\nbullets = tiny_wordcount:Bullets\n")
    sys.path.insert(0, str(site))
    yield site
    sys.path.remove(str(site))
    sys.modules.pop("tiny_wordcount", None)


def test_builtins_are_entry_points() -> None:
    names = discover().names()
    for name in ("expression", "value", "layer_shapes", "param_count", "accuracy", "claims", "manual", "build"):
        assert name in names


def test_outside_plugin_is_discovered_and_grades(outside_plugin: Path, tmp_path: Path) -> None:
    assert "wordcount" in discover().names()
    rubric_path = tmp_path / "rubric.toml"
    rubric_path.write_text(textwrap.dedent('''
        [homework]
        reference = "reference.mnist_backprop"
        [[item]]
        id = "essay"
        points = 2
        check = "wordcount"
        [item.params]
        minimum = 4
    '''))
    handin = tmp_path / "handin"
    handin.mkdir()
    (handin / "answers.toml").write_text('essay = "two words"\n')
    result = grade_submission(handin, load_rubric(rubric_path), Options())
    check = result.check("essay")
    assert (check.score, check.status, check.feedback) == (1.0, "partial", "2 words")


def test_outside_plugin_brings_its_own_answer_reader(outside_plugin: Path, tmp_path: Path) -> None:
    """A third-party check reads a written report its own way; the other items keep the built-in readers."""
    rubric_path = tmp_path / "rubric.toml"
    rubric_path.write_text(textwrap.dedent('''
        [homework]
        reference = "reference.mnist_backprop"
        [[item]]
        id = "steps"
        points = 3
        check = "bullets"
        text = { part = "2.a" }
        [item.params]
        needed = ["forward", "backward", "update"]
        [[item]]
        id = "essay"
        points = 1
        check = "manual"
        text = { part = "2.b" }
    '''))
    handin = tmp_path / "handin"
    handin.mkdir()
    (handin / "report.md").write_text("## Problem 2\n\n(a)\n\n- forward\n- update\n- sleep\n\n(b)\n\nIt learns.\n")
    result = grade_submission(handin, load_rubric(rubric_path), Options())
    steps = result.check("steps")
    assert steps.status == "partial" and steps.score == pytest.approx(2.0)
    assert steps.feedback == "bullets ['forward', 'update', 'sleep']"
    assert "It learns." in result.check("essay").details["answer"]


def test_built_in_checks_bring_the_built_in_readers() -> None:
    from grader.checks.expression import ExpressionParams
    from grader.checks.readers import ExpressionReader, ProseReader, ValuesReader
    from grader.checks.value import ValueParams

    registry = discover()

    def reader(name: str, params: object) -> object:
        cls = registry.get(name)
        assert cls is not None
        return cls().reader(params)

    assert reader("expression", ExpressionParams("f", forbid=["sigma"])) == ExpressionReader(forbid=("sigma",))
    assert ExpressionReader.math and not ValuesReader.math and not ProseReader.math
    assert isinstance(reader("value", ValueParams({"n": "3"})), ValuesReader)
    for name in ("manual", "claims", "accuracy", "layer_shapes", "param_count", "build"):
        assert type(reader(name, None)) is ProseReader, name


def test_a_plugin_without_a_reader_is_refused() -> None:
    @dataclass(frozen=True)
    class P:
        pass

    class Bare:  # the check shape, written out without subclassing Check
        Params = P

        def grade(self, item, ctx):
            return Outcome.passed()

        def requests(self, params):
            return None

        def validate(self, params, reference):
            return None

        def retry_seed(self, params, measurements, seed):
            return None

    with pytest.raises(PluginError, match="lacks reader"):
        Registry().register("bare", Bare)  # type: ignore[arg-type]


def test_outside_plugin_parameters_are_validated(outside_plugin: Path, tmp_path: Path) -> None:
    from grader.errors import RubricError

    path = tmp_path / "rubric.toml"
    path.write_text('[homework]\nreference = "reference.mnist_backprop"\n[[item]]\nid = "e"\npoints = 1\n'
                    'check = "wordcount"\n[item.params]\nminimum = "four"\n')
    with pytest.raises(RubricError, match="params.minimum must be int"):
        load_rubric(path)


def test_a_check_is_named_by_its_registration_only() -> None:
    """The entry point (the registry key) is the one name: the class carries none that could disagree."""
    registry = discover()
    for name in registry.names():
        cls = registry.get(name)
        assert cls is not None and "name" not in vars(cls) and not hasattr(cls, "name"), name
    registry.register("same_check_other_name", registry.get("manual"))  # type: ignore[arg-type]
    assert registry.get("same_check_other_name") is registry.get("manual")


def test_malformed_plugins_are_refused_at_registration() -> None:
    registry = Registry()

    class NoParams:
        def grade(self, item, ctx):
            return Outcome.passed()

    @dataclass(frozen=True)
    class P:
        pass

    class BadSignature(Check):
        Params = P

        def grade(self, item):  # type: ignore[override]
            return Outcome.passed()

    with pytest.raises(PluginError, match="Params must be a dataclass"):
        registry.register("a", NoParams)
    with pytest.raises(PluginError, match="must take \\(self, item, ctx\\)"):
        registry.register("b", BadSignature)
    with pytest.raises(PluginError, match="is not a class"):
        registry.register("c", lambda: None)  # type: ignore[arg-type]
