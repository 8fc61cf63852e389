"""Problem-2 values as a whole class writes them: self-corrections, star products, named terms of a sum,
an aside's count. Each rule has a wrong twin: a corrected value that is wrong fails, two finals with no
correction marker go to a person."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

REST = "relu1: 0, pool1: 0, relu2: 0, pool2: 0, total: 431,080"


def grade(item: str, body: str, rubric):
    part = item.split(".")[1]
    return grade_report_item(rubric, f"p{item}", f"# 1 [Backprop]\n(a) graph\n\n## 2 [MNIST]\n\n({part})\n\n{body}\n")


def field(result, name: str) -> str:
    return result.details["fields"][name]["status"]


# ------------------------------------------------------------------ self-corrections
@pytest.mark.parametrize("body", [
    f"- conv1: 500\n  - correction: forgot the bias, + 20 → **520**\n- conv2: 25,050\n- fc1: 400,500\n- fc2: 5,010\n{REST}",
    f"conv1: 500, actually 520\nconv2: 25,050\nfc1: 400,500\nfc2: 5,010\n{REST}",
    f"conv1: 500\nEDIT: forgot the bias, 520\nconv2: 25,050\nfc1: 400,500\nfc2: 5,010\n{REST}",
    f"conv1: ~~500~~ 520\nconv2: 25,050\nfc1: 400,500\nfc2: 5,010\n{REST}",
])
def test_the_corrected_value_is_the_answer(rubric, body: str) -> None:
    result = grade("2.c", body, rubric)
    assert result.status == "pass", result.feedback


@pytest.mark.parametrize("body", [
    f"conv1: 500\nEDIT: forgot the bias, 540\nconv2: 25,050\nfc1: 400,500\nfc2: 5,010\n{REST}",
    f"conv1: 520, actually 500\nconv2: 25,050\nfc1: 400,500\nfc2: 5,010\n{REST}",
])
def test_a_wrong_correction_fails(rubric, body: str) -> None:
    result = grade("2.c", body, rubric)
    assert field(result, "conv1") == "fail" and result.status != "pass", result.feedback


def test_two_finals_without_a_marker_go_to_a_person(rubric) -> None:
    body = f"conv1: 500\nconv1: 520\nconv2: 25,050\nfc1: 400,500\nfc2: 5,010\n{REST}"
    result = grade("2.c", body, rubric)
    assert result.status == "review" and field(result, "conv1") == "review", result.feedback


def test_a_correction_below_two_fields_names_neither(rubric) -> None:
    """"correction: 520" under a line that names two layers: which one it corrects is a person's call."""
    body = f"conv1: 500, conv2: 25,050\ncorrection: 520\nfc1: 400,500\nfc2: 5,010\n{REST}"
    result = grade("2.c", body, rubric)
    assert field(result, "conv1") != "pass", result.feedback


# ------------------------------------------------------------------ star products and named terms
@pytest.mark.parametrize("line,ok", [
    ("conv1 : (5*5*1 + 1) * 20   =     520", True),
    ("- conv1: 5\\*5\\*1\\*20 + 20 = 520", True),
    ("- conv1: 5×5×1×20 weights + 20 biases = 520", True),
    ("- conv1: 5×5×1×20 weights + 20 biases = 500", False),
    ("conv1 : (5*5*1 + 1) * 20   =     540", False),
])
def test_the_result_of_a_working_is_read(rubric, line: str, ok: bool) -> None:
    body = f"{line}\nconv2: 25,050\nfc1: 400,500\nfc2: 5,010\n{REST}"
    result = grade("2.c", body, rubric)
    assert (field(result, "conv1") == "pass") is ok, result.feedback
    assert result.status == ("pass" if ok else "partial"), result.feedback


def test_named_terms_without_a_result_are_not_an_answer(rubric) -> None:
    """"500 weights + 20 biases" with no "=": the sum is not written, the field is not read as 20."""
    body = f"conv1: 500 weights + 20 biases\nconv2: 25,050\nfc1: 400,500\nfc2: 5,010\n{REST}"
    result = grade("2.c", body, rubric)
    assert field(result, "conv1") != "pass", result.feedback


# ------------------------------------------------------------------ an aside's count
def test_an_asides_count_leaves_the_size_to_the_questions_order(rubric) -> None:
    result = grade("2.b", "5×5, stride 1, channels 20 (50 filters)", rubric)
    assert result.status == "pass", result.feedback


def test_an_asides_count_with_a_wrong_size_fails(rubric) -> None:
    result = grade("2.b", "3×3, stride 1, channels 20 (50 filters)", rubric)
    assert field(result, "filter") == "fail", result.feedback


def test_an_asides_count_alone_is_only_a_count(rubric) -> None:
    result = grade("2.b", "stride 1, channels 20 (50 filters)", rubric)
    assert field(result, "filter") == "review", result.feedback


# ------------------------------------------------------------------ the total
LAYERS = "conv1 520, relu1 0, pool1 0, conv2 25050, relu2 0, pool2 0, fc1 400500, fc2 5010"


@pytest.mark.parametrize("body", [
    f"{LAYERS}  => 431080",
    f"520 + 0 + 0 + 25 050 + 0 + 0 + 400 500 + 5 010 = 431 080\n\n({LAYERS})",
    "| layer | working | params |\n|---|---|---|\n| conv1 | (25+1)·20 | 520 |\n| relu1 | | 0 |\n| pool1 | | 0 |\n"
    "| conv2 | (500+1)·50 | 25,050 |\n| relu2 | | 0 |\n| pool2 | | 0 |\n| fc1 | (800+1)·500 | 400,500 |\n"
    "| fc2 | (500+1)·10 | 5,010 |\n| Σ | | **431,080** |",
    f"{LAYERS}\nTotal[520, 25050, 400500, 5010] = 431080",
])
def test_a_total_written_as_a_sum_or_a_sign(rubric, body: str) -> None:
    result = grade("2.c", body, rubric)
    assert result.status == "pass", result.feedback


@pytest.mark.parametrize("body", [
    f"{LAYERS}  => 431000",  # does not add up: not read as the total, and not as fc2
    f"520 + 0 + 0 + 25 050 + 0 + 0 + 400 500 + 5 010 = 431 000\n\n({LAYERS})",
])
def test_a_sum_that_does_not_add_up_is_not_the_total(rubric, body: str) -> None:
    result = grade("2.c", body, rubric)
    assert result.status != "pass" and field(result, "total") != "pass", result.feedback


def test_a_layers_own_sum_is_not_the_total(rubric) -> None:
    body = f"conv1: 500 + 20 + 0 = 520\nconv2 25050, relu1 0, pool1 0, relu2 0, pool2 0, fc1 400500, fc2 5010"
    result = grade("2.c", body, rubric)
    assert field(result, "conv1") == "pass" and field(result, "total") == "review", result.feedback


def test_a_spaced_dot_before_an_aside_separates_values(rubric) -> None:
    result = grade("2.b", "filter 5×5 · stride 1 · channel dimension 20 · (50 filters, padding 0)", rubric)
    assert result.status == "pass", result.feedback


def test_an_asides_setting_is_not_a_missing_field(rubric) -> None:
    """"(50 filters, padding 0)": the 0 is the padding, never the channel dimension."""
    result = grade("2.b", "5×5, stride 1 (50 filters, padding 0)", rubric)
    assert field(result, "channels") == "review", result.feedback


# ------------------------------------------------------------------ one filter bank said twice
A_TABLE = ("| tensor | C×H×W |\n|---|---|\n| input | 1×28×28 |\n| conv1 filter | {f} |\n| conv1 out | 20×24×24 |\n"
           "| maxpool out | 20×12×12 |")


def test_a_shape_with_its_count_first_and_last_is_one_answer(rubric) -> None:
    result = grade("2.a", A_TABLE.format(f="20×1×5×5 (20 filters of 1×5×5)"), rubric)
    assert result.status == "pass", result.feedback


def test_a_swapped_shape_beside_its_count_is_not_passed(rubric) -> None:
    result = grade("2.a", A_TABLE.format(f="1×20×5×5 (20 filters of 1×5×5)"), rubric)
    assert field(result, "filter") != "pass", result.feedback


# ------------------------------------------------------------------ an aside that names its own values
def test_an_asides_label_names_the_values_in_it(rubric) -> None:
    body = "input 28×28×1 → conv1 (5×5×1, 20 filters) → 24×24×20 → maxpool 2×2 → 12×12×20"
    result = grade("2.a", body, rubric)
    assert result.status == "pass", result.feedback


def test_an_asides_wrong_filter_fails(rubric) -> None:
    body = "input 28×28×1 → conv1 (3×3×1, 20 filters) → 24×24×20 → maxpool 2×2 → 12×12×20"
    result = grade("2.a", body, rubric)
    assert field(result, "filter") == "fail" and field(result, "conv") == "pass", result.feedback


def test_a_terse_list_with_its_sum_is_read_in_order(rubric) -> None:
    result = grade("2.c", "520 / 0 / 0 / 25050 / 0 / 0 / 400500 / 5010 -> 431080", rubric)
    assert result.status == "pass", result.feedback
