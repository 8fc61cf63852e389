"""What checks ask of the sandboxed child: typed requests, merged explicitly, one stop for a failed child."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from grader.checks.base import Check, CheckContext, Outcome, RequestError, Requests, merge_requests
from grader.errors import RubricError
from grader.plugins import discover
from grader.rubric import RubricItem, load_rubric
from grader.training import Recipe
from tests.helpers import grade_item, reference_probe, without_training

HEADER = '[homework]\nreference = "reference.mnist_backprop"\n\n'


def test_every_builtin_check_answers_with_requests(rubric) -> None:
    for item in rubric.items:
        assert isinstance(rubric.plugin(item).requests(item.params), Requests), item.check


def test_merging_probes_once_keeps_the_one_recipe_and_the_longest_timeout() -> None:
    recipe = Recipe(epochs=3)
    merged = merge_requests([("a", Requests()), ("b", Requests(probe=True, timeout_s=60.0)),
                             ("c", Requests(probe=True, train=recipe, timeout_s=900.0)),
                             ("d", Requests(probe=True, train=Recipe(epochs=3), timeout_s=30.0))])
    assert merged == Requests(probe=True, train=recipe, timeout_s=900.0)
    assert not merge_requests([("a", Requests()), ("b", Requests())]).runs_child
    assert merge_requests([("a", Requests(train=recipe))]).runs_child  # training runs the code, probe or not


def test_two_different_recipes_are_refused_naming_the_later_item() -> None:
    with pytest.raises(RequestError, match="item b asks for another training recipe than item a") as caught:
        merge_requests([("a", Requests(train=Recipe())), ("b", Requests(train=Recipe(epochs=5)))])
    assert caught.value.item == "b"


def test_a_check_that_asks_with_a_dict_is_refused_by_name() -> None:
    with pytest.raises(RequestError, match="item a: its check's requests\\(\\) returned dict, not a"):
        merge_requests([("a", {"probe": {}})])  # type: ignore[list-item]


def test_a_rubric_with_two_recipes_is_a_rubric_error_at_its_line(tmp_path: Path) -> None:
    body = ('[[item]]\nid = "a"\npoints = 1\ncheck = "accuracy"\n\n'
            '[[item]]\nid = "b"\npoints = 1\ncheck = "accuracy"\n[item.params.recipe]\nepochs = 5\n')
    path = tmp_path / "rubric.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(RubricError, match="another training recipe") as caught:
        load_rubric(path)
    assert caught.value.line == 9
    path.write_text(HEADER + body.replace("epochs = 5", "epochs = 2"), encoding="utf-8")  # the default: the same
    assert load_rubric(path).requests().train == Recipe()


def test_the_rubric_says_once_whether_it_trains(rubric) -> None:
    accuracy = next(i for i in rubric.items if i.check == "accuracy")
    assert rubric.requests().train == accuracy.params.recipe
    assert rubric.requests().timeout_s == accuracy.params.timeout_s
    untrained = without_training(rubric)
    assert untrained.requests().train is None and untrained.requests().runs_child


@dataclass(frozen=True)
class _NoParams:
    pass


class Counting(Check):
    """Needs a measured network; counts how often it was asked to grade."""

    Params = _NoParams
    calls = 0

    def requests(self, params: _NoParams) -> Requests:
        return Requests(probe=True, needs_probe=True)

    def grade(self, item: RubricItem, ctx: CheckContext) -> Outcome:
        Counting.calls += 1
        probe = ctx.measurements.probe
        return Outcome.passed(f"{probe and probe.param_count} parameters")


def test_a_failed_child_fails_a_probing_item_once_without_asking_the_check(rubric) -> None:
    registry = discover()
    registry.register("counting", Counting)
    item = RubricItem("x.count", "count", 2.0, "counting", _NoParams(), None)
    counted = replace(rubric, registry=registry, items=[item])
    Counting.calls = 0
    failed = grade_item(counted, "x.count", measurements={"error": {"stage": "build", "error": "ValueError: no"}})
    assert (failed.status, failed.score) == ("fail", 0.0)
    assert failed.feedback == "failed while building the network: ValueError: no"
    skipped = grade_item(counted, "x.count", measurements={"skipped": "no DeepMNIST.py in the hand-in"})
    assert skipped.feedback == "no DeepMNIST.py in the hand-in"
    assert Counting.calls == 0
    measured = grade_item(counted, "x.count", measurements=reference_probe())
    assert (measured.status, measured.feedback, Counting.calls) == ("pass", "431080 parameters", 1)
