"""Each built-in check on its own, with answers and measurements made up in the test."""
from __future__ import annotations

import pytest
import torch.nn.functional as F
from torch import nn

from tests.helpers import grade_item, measured, reference_probe


# ------------------------------------------------------------------ expression
@pytest.mark.parametrize("item, answer, score, status, says", [
    ("p1.b.i", "exp(-u)/(1+exp(-u))^2", 1, "pass", "correct"),
    ("p1.b.i", "-exp(-u)/(1+exp(-u))^2", 0.5, "partial", "inner derivative"),
    ("p1.b.i", "sigma(u)*(1-sigma(u))", 0.5, "partial", "must not use sigma"),
    ("p1.b.ii", "exp(-u)/(1+exp(-u))^2", 0.5, "partial", "must not use exp"),
    ("p1.b.ii", "σ1(u)-σ1(u)**2", 1, "pass", "correct"),
    ("p1.d", "σ2(w2*σ1(w1*x))", 1, "pass", "correct"),
    ("p1.d", "w3*σ2(x2)", 0, "fail", "extra factor w3"),
    ("p1.e.w2", "σ2(x2)*(1-σ2(x2))*σ1(x1)", 1, "partial", "missing chain-rule factor w3"),
    ("p1.e.w2", "w3*σ1(x1)", 1, "partial", "σ2'(x2)"),
    ("p1.e.w1", "w3*dsigma(x2)*dsigma(x1)*x", 1, "partial", "factor w2"),
    ("p1.e.w1", "w3*dsigma(x2)*w2*x", 1, "partial", "σ1'(x1)"),
    ("p1.e.w1", "-w3*dsigma(x2)*w2*dsigma(x1)*x", 0, "fail", "sign flipped"),
    ("p1.e.w1", "4*w3*dsigma(x2)*w2*dsigma(x1)*x", 0, "fail", "4 times the right answer"),
    ("p1.e.w1", "w3*dsigma(x2)*w2*dsigma(x1)*x*x", 0, "fail", "not equal to the reference"),
    ("p1.d", "sigma(x2", 0, "review", "could not read the answer"),
    ("p1.d", "1/(x-x)", 0, "review", "invalid answer"),
])
def test_expression(rubric, item, answer, score, status, says) -> None:
    result = grade_item(rubric, item, {item: answer})
    assert (result.score, result.status) == (score, status), result.feedback
    assert says in result.feedback


PIECES = ["w3*dsigma(w2*σ(w1*xa))*w2*dsigma(w1*xa)*xa", "w3*dsigma(w2*σ(w1*xa))*σ(w1*xa)", "σ(w2*σ(w1*xa))"]


def grad(point_a: bool = True, point_b: bool = True, scale: str = "1") -> list[str]:
    """The gradient the way a student writes it, with optional slips."""
    out = []
    for piece in PIECES:
        a = "2*(f(xa)-ya)*" + piece
        b = a.replace("xa", "xb").replace("ya", "yb")
        terms = [t for t, keep in ((a, point_a), (b, point_b)) if keep]
        out.append(f"{scale}*(" + " + ".join(terms) + ")")
    return out


@pytest.mark.parametrize("answer, score, says", [
    (grad(), 3, "every component: correct"),
    (grad(scale="-1"), 1.5, "sign flipped"),
    (grad(scale="1/2"), 1.5, "missing factor 2"),
    (grad(point_b=False), 1.02, "only the first data point"),
    (grad(point_a=False), 1.02, "only the second data point"),
])
def test_gradient_mistakes(rubric, answer, score, says) -> None:
    result = grade_item(rubric, "p1.f.grad", {"p1.f.grad": answer})
    assert result.score == pytest.approx(score), result.feedback
    assert says in result.feedback


def test_vector_answers_are_graded_per_component(rubric) -> None:
    answer = grad()
    answer[1] = "0"
    result = grade_item(rubric, "p1.f.grad", {"p1.f.grad": answer})
    assert result.score == pytest.approx(2) and result.status == "partial"
    assert "component 2: not equal" in result.feedback
    short = grade_item(rubric, "p1.f.grad", {"p1.f.grad": answer[:2]})
    assert short.status == "fail" and "expected 3 component(s), found 2" in short.feedback


def test_ascent_update_is_named(rubric) -> None:
    g = grad()
    ascent = [f"w{i + 1} + alpha*({c})" for i, c in enumerate(g)]
    descent = [f"w{i + 1} - α*({c})" for i, c in enumerate(g)]
    assert grade_item(rubric, "p1.f.update", {"p1.f.update": descent}).score == 2
    wrong = grade_item(rubric, "p1.f.update", {"p1.f.update": ascent})
    assert wrong.score == 0 and "gradient ascent" in wrong.feedback


def test_missing_and_hostile_answers(rubric) -> None:
    assert grade_item(rubric, "p1.d", {}).feedback == "no answer found"
    hostile = grade_item(rubric, "p1.d", {"p1.d": "__import__('os').system('touch /tmp/pwned')"})
    assert hostile.status == "review" and "could not read" in hostile.feedback
    huge = grade_item(rubric, "p1.d", {"p1.d": "x+" * 50_000 + "x"})
    assert huge.status == "review" and "characters long" in huge.feedback
    tower = grade_item(rubric, "p1.d", {"p1.d": "10**10**10"})
    assert tower.status == "review" and "too large" in tower.feedback


# ------------------------------------------------------------------ value
@pytest.mark.parametrize("answers, score, says", [
    ({"input": "28 x 28", "filter": "5×5×1×20", "conv": "24x24x20", "pool": "(20, 12, 12)"}, 2, "all values"),
    ({"input": "28x28x1", "filter": "20x1x5x5", "conv": "24 by 24 by 20", "pool": "12x12x20"}, 2, "all values"),
    ({"input": "28x28", "filter": "5x5x1x20", "conv": "23x23x20", "pool": "12x12x20"}, 1.5, "off by one"),
    ({"input": "28x28", "filter": "5x5x1x20", "conv": "24x24x20"}, 1.5, "pool: missing"),
    ({"input": "28x28", "filter": "5x5", "conv": "24x24x20", "pool": "twelve"}, 1.0, "cannot read"),
])
def test_value_dimensions(rubric, answers, score, says) -> None:
    result = grade_item(rubric, "p2.a", {"p2.a": answers})
    assert result.score == pytest.approx(score), result.feedback
    assert says in result.feedback


def test_value_counts_and_bias_mistakes(rubric) -> None:
    right = {"conv1": "520", "relu1": 0, "pool1": "0", "conv2": "25,050", "relu2": 0, "pool2": 0,
             "fc1": "(4*4*50 + 1) * 500 = 400500", "fc2": 5010, "total": "431 080"}
    assert grade_item(rubric, "p2.c", {"p2.c": right}).score == 3
    no_bias = dict(right, conv1="500", total="430,500")
    result = grade_item(rubric, "p2.c", {"p2.c": no_bias})
    assert result.score == pytest.approx(3 * 7 / 9, abs=1e-4)  # scores are kept to 4 decimals
    assert "conv1: biases left out" in result.feedback and "total: biases left out" in result.feedback


def test_value_wants_a_table_for_several_fields(rubric) -> None:
    result = grade_item(rubric, "p2.b", {"p2.b": "5x5"})
    assert result.status == "fail" and "expected a table" in result.feedback


# ------------------------------------------------------------------ build, shapes, params
class Wide(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, 5, 1)
        self.conv2 = nn.Conv2d(20, 50, 3, 1)
        self.fc1 = nn.Linear(50 * 5 * 5, 500)
        self.fc2 = nn.Linear(500, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(self.conv2(x), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


class SequentialNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(20, 50, 5),
                                      nn.MaxPool2d(2), nn.ReLU())
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10))

    def forward(self, x):
        return self.head(self.features(x))


def test_reference_network_passes_every_code_check(rubric) -> None:
    m = reference_probe()
    for item in ("code.build", "code.shapes", "code.params"):
        assert grade_item(rubric, item, measurements=m).status == "pass", item


def test_sequential_variant_with_pool_before_relu_passes(rubric) -> None:
    m = reference_probe(SequentialNet())
    shapes = grade_item(rubric, "code.shapes", measurements=m)
    assert shapes.status == "pass", shapes.feedback
    assert grade_item(rubric, "code.params", measurements=m).status == "pass"


def test_wrong_network_mismatches_are_named(rubric) -> None:
    m = reference_probe(Wide())
    shapes = grade_item(rubric, "code.shapes", measurements=m)
    assert shapes.status == "partial"
    assert "conv2: expected weight 50×20×5×5" in shapes.feedback
    assert "conv2: expected conv giving 50×8×8, found conv (conv2) giving 50×10×10" in shapes.feedback
    assert "relu2: no ReLU after conv2" in shapes.feedback
    params = grade_item(rubric, "code.params", measurements=m)
    assert params.status == "fail"
    assert "conv2 has 9,050 (expected 25,050)" in params.feedback and "fc1 has 625,500" in params.feedback


def test_build_failures_are_explained(rubric) -> None:
    err = {"error": {"stage": "build", "error": "TypeError: __init__() missing 1 required argument"}}
    result = grade_item(rubric, "code.build", measurements=err)
    assert result.status == "fail" and result.feedback.startswith("failed while building the network")
    assert grade_item(rubric, "code.shapes", measurements=err).status == "fail"
    assert "no DeepMNIST.py" in grade_item(rubric, "code.params",
                                           measurements={"skipped": "no DeepMNIST.py in the hand-in"}).feedback
    bad_out = reference_probe()
    bad_out["probe"]["output_shape"] = [2, 20]
    assert "expected 2×10" in grade_item(rubric, "code.build", measurements=bad_out).feedback


# ------------------------------------------------------------------ accuracy and claims
@pytest.mark.parametrize("accuracy, score, status", [
    (99.31, 4, "pass"), (99.0, 4, "pass"), (98.7, 2, "partial"), (96.0, 1, "partial"), (50.0, 0, "fail"),
])
def test_accuracy_threshold_and_bands(rubric, accuracy, score, status) -> None:
    result = grade_item(rubric, "code.accuracy", measurements={"accuracy": accuracy, "training": {}})
    assert (result.score, result.status) == (score, status)


def test_accuracy_without_predictions_is_a_failure_with_the_reason(rubric) -> None:
    m = {"error": {"stage": "train", "error": "timed out after 60 s"}}
    result = grade_item(rubric, "code.accuracy", measurements=m)
    assert result.status == "fail" and "timed out after 60 s" in result.feedback


def test_claims_compare_statements_with_measurements(rubric) -> None:
    m = {**reference_probe(), "accuracy": 99.3}
    honest = {"claims": {"accuracy": "99.25"}, "p2.c": {"total": "431,080"}, "p2.a": {"conv": "24x24x20"}}
    assert grade_item(rubric, "code.claims", honest, m).status == "pass"
    inflated = {"claims": {"accuracy": "99.9 %"}, "p2.c": {"total": "431080"}, "p2.a": {"conv": "24x24x20"}}
    assert grade_item(rubric, "code.claims", inflated, {**m, "accuracy": 97.5}).feedback == (
        "test accuracy (%): stated 99.9, the code gives 97.5 (tolerance 1)")
    silent = grade_item(rubric, "code.claims", {}, m)
    assert silent.score == 0 and "states none" in silent.feedback


def test_a_check_that_crashes_costs_only_its_item(rubric, monkeypatch) -> None:
    from grader.checks.value import ValueCheck

    def boom(self, item, ctx):
        raise RuntimeError("bug")

    monkeypatch.setattr(ValueCheck, "grade", boom)
    result = grade_item(rubric, "p2.a", {"p2.a": {}})
    assert result.status == "error" and "internal error in check 'value': RuntimeError: bug" in result.feedback


# ------------------------------------------------------------------ a second training just below the threshold
def test_a_result_just_below_the_threshold_asks_for_one_retraining_at_another_seed(rubric) -> None:
    item = rubric.item("code.accuracy")
    check = rubric.plugin(item)
    p = item.params
    assert p.retry.margin > 0
    just_below = p.threshold - p.retry.margin / 2
    assert check.retry_seed(p, measured({"accuracy": just_below}), 3) == 3 + p.retry.seed_offset
    assert check.retry_seed(p, measured({"accuracy": p.threshold}), 3) is None  # passing needs no second chance
    assert check.retry_seed(p, measured({"accuracy": p.threshold - p.retry.margin - 0.01}), 3) is None  # clearly below
    assert check.retry_seed(p, measured({"error": {"stage": "train"}}), 3) is None


def test_the_better_of_two_trainings_counts_and_the_report_says_both(rubric) -> None:
    p = rubric.item("code.accuracy").params
    first, second = p.threshold - 0.1, p.threshold + 0.2
    m = {"accuracy": first, "training": {}, "retries": [{"seed": 1000, "accuracy": second}]}
    result = grade_item(rubric, "code.accuracy", measurements=m)
    assert result.status == "pass", result.feedback
    assert f"seed 0: {first:.2f} %" in result.feedback and f"seed 1000: {second:.2f} %" in result.feedback
    assert result.details["trainings"] == [{"seed": 0, "accuracy": first}, {"seed": 1000, "accuracy": second}]
    both_low = {**m, "retries": [{"seed": 1000, "accuracy": first - 0.3}]}
    low = grade_item(rubric, "code.accuracy", measurements=both_low)
    assert low.status == "partial" and f"{first:.2f} %" in low.feedback  # the better of two below: still below


def test_a_retry_rule_the_rubric_cannot_apply_is_refused_when_it_loads(tmp_path) -> None:
    from grader.errors import RubricError
    from grader.rubric import load_rubric
    from tests.conftest import RUBRIC_PATH

    text = RUBRIC_PATH.read_text().replace('counts = "better"', 'counts = "best of three"')
    bad = tmp_path / "rubric.toml"
    bad.write_text(text)
    with pytest.raises(RubricError, match="retry"):
        load_rubric(bad)
