"""Problem-2 values as students write them: prose, math, pipe tables, printed summaries, many notations."""
from __future__ import annotations

import time

import pytest

from grader.reading.tables import pipe_tables, summary_rows
from grader.reading.values import plain
from grader.values import parse_numbers
from tests.helpers import grade_report_item

SUMMARY = """```
----------------------------------------------------------------
        Layer (type)               Output Shape         Param #
================================================================
            Conv2d-1           [-1, 20, 24, 24]             520
              ReLU-2           [-1, 20, 24, 24]               0
         MaxPool2d-3           [-1, 20, 12, 12]               0
            Conv2d-4             [-1, 50, 8, 8]          25,050
              ReLU-5             [-1, 50, 8, 8]               0
         MaxPool2d-6             [-1, 50, 4, 4]               0
            Linear-7                  [-1, 500]         {fc1}
              ReLU-8                  [-1, 500]               0
            Linear-9                   [-1, 10]           5,010
================================================================
Total params: {total}
Trainable params: {total}
Non-trainable params: 0
----------------------------------------------------------------
```"""


def report(part: str, body: str) -> str:
    return f"# 1 [Backprop]\n(a) graph\n\n## 2 [MNIST]\n\n({part})\n\n{body}\n"


def grade(item: str, body: str, rubric):
    return grade_report_item(rubric, f"p{item}", report(item.split(".")[1], body))


# ------------------------------------------------------------------ p2.c: counts per layer
C_RIGHT = [
    "conv1: 520, relu1: 0, pool1: 0, conv2: 25,050, relu2: 0, pool2: 0, fc1: 400,500, fc2: 5,010, total: 431,080",
    "| Layer | Parameters |\n|---|---|\n| conv1 | 520 |\n| relu1 | 0 |\n| pool1 | 0 |\n| conv2 | 25,050 |\n"
    "| relu2 | 0 |\n| pool2 | 0 |\n| fc1 | 400,500 |\n| fc2 | 5,010 |\n| **Total** | **431,080** |",
    "| | conv1 | relu1 | pool1 | conv2 | relu2 | pool2 | fc1 | fc2 | total |\n|--|--|--|--|--|--|--|--|--|--|\n"
    "| # params | 520 | 0 | 0 | 25050 | 0 | 0 | 400500 | 5010 | 431080 |",
    SUMMARY.format(fc1="400,500", total="431,080"),
    "- first convolutional layer: (5·5·1 + 1)·20 = 520\n- first ReLU: 0\n- first max-pooling layer: 0\n"
    "- second convolutional layer: (5·5·20 + 1)·50 = 25 050\n- second ReLU: 0\n- second pooling: 0\n"
    "- first fully connected layer: (800 + 1)·500 = 400 500\n- second fully connected layer: 5010\n"
    "- total number of parameters: 431 080",
    "$$\\text{conv}_1 = 520,\\quad \\text{ReLU}_1 = 0,\\quad \\text{pool}_1 = 0$$\n"
    "$$\\text{conv}_2 = 25\\,050,\\quad \\text{ReLU}_2 = 0,\\quad \\text{pool}_2 = 0$$\n"
    "$$\\text{FC}_1 = 400{,}500,\\quad \\text{FC}_2 = 5{,}010$$\n$$\\text{Total} = 431{,}080$$",
    "Conv-1: 520 · ReLU-1: 0 · Pool-1: 0 · Conv-2: 25.050 · ReLU-2: 0 · Pool-2: 0 · FC-1: 400.500 · FC-2: 5.010\n"
    "Total: 431.080",
    "\\begin{align*}\n\\text{linear1} &: 400500 \\\\\n\\text{linear2} &: 5010\n\\end{align*}\n"
    "conv1 has 520 parameters, conv2 has 25050 parameters; relu1, relu2, pool1 and pool2 have none: 0.\n"
    "relu1 = 0, relu2 = 0, pool1 = 0, pool2 = 0\nIn total: 431080 parameters.",
    "conv1: 520, conv2: 25,050, fc1: 400,500, fc2: 5,010. ReLU and max-pooling layers have no parameters.\n"
    "Total: 431,080",
]


@pytest.mark.parametrize("body", C_RIGHT)
def test_p2c_right_in_every_notation(rubric, body: str) -> None:
    result = grade("2.c", body, rubric)
    assert result.status == "pass", (result.feedback, result.details.get("read"))


def test_p2c_biases_left_out_is_named_per_field(rubric) -> None:
    body = SUMMARY.format(fc1="400,000", total="430,500").replace("520", "500")
    result = grade("2.c", body, rubric)
    assert result.status == "partial" and result.score == pytest.approx(3 * 6 / 9, abs=1e-3)
    assert "fc1: biases left out" in result.feedback and "conv1: biases left out" in result.feedback
    assert result.details["fields"]["fc1"]["status"] == "fail" and result.details["fields"]["conv2"]["status"] == "pass"


@pytest.mark.parametrize("body, says", [
    ("conv1: 520\nconv2: 25050\nfc1: 400500\nrelu and pooling: 0\ntotal: 431080", "fc2: not found"),
    ("conv1: 520, conv2: 25050, fc1: 400500, fc2: 5010, relu1 = relu2 = pool1 = pool2 = 0, total 431080\n"
     "Also conv1 = 500", "conv1: two different values given (520 and 500)"),  # no correction marker
])
def test_p2c_unsure_goes_to_review_with_the_part(rubric, body: str, says: str) -> None:
    result = grade("2.c", body, rubric)
    assert result.status == "review" and says in result.feedback, result.feedback
    assert result.details["answer"].startswith(body[:20]) and result.details["found_in"] == "part 2.c"


def test_p2c_a_wrong_value_never_passes(rubric) -> None:
    for wrong in ("521", "5,200", "52.0", "25,050"):
        body = C_RIGHT[0].replace("conv1: 520", f"conv1: {wrong}")
        result = grade("2.c", body, rubric)
        assert result.score < 3 and result.details["fields"]["conv1"]["status"] == "fail", (wrong, result.feedback)


def test_p2c_the_end_of_a_chain_is_the_answer_and_a_share_is_not_a_count(rubric) -> None:
    body = ("- conv1: (5 · 5 · 1 + 1) · 20 = 26 · 20 = 520\n- relu1: 0\n- pool1: 0\n"
            "- conv2: (5 · 5 · 20 + 1) · 50 = 501 · 50 = 25 050\n- relu2: 0\n- pool2: 0\n"
            "- fc1: (4 · 4 · 50 + 1) · 500 = 801 · 500 = 400 500\n- fc2: (500 + 1) · 10 = 5 010\n"
            "Total: 520 + 25 050 + 400 500 + 5 010 = 431 080 parameters.\n\n"
            "The fc1 layer alone holds about 93 % of all parameters.")
    result = grade("2.c", body, rubric)
    assert result.status == "pass", result.feedback


def test_p2c_a_plain_text_table_with_wide_columns(rubric) -> None:
    rows = [("conv1", "$(5\\cdot5\\cdot1+1)\\cdot 20$", "520"), ("relu1", "--", "0"), ("pool1", "--", "0"),
            ("conv2", "$(5\\cdot5\\cdot20+1)\\cdot 50$", "25.050"), ("relu2", "--", "0"), ("pool2", "--", "0"),
            ("fc1", "$(4\\cdot4\\cdot50+1)\\cdot 500$", "400.500"), ("fc2", "$(500+1)\\cdot 10$", "5.010"),
            ("Summe", "", "431.080")]
    body = "  Schicht   Rechnung                       Parameter\n" + "\n".join(
        f"  {a:<9} {b:<30} {c}" for a, b, c in rows)
    assert grade("2.c", body, rubric).status == "pass"


# ------------------------------------------------------------------ p2.a: shapes
A_RIGHT = [
    "input dimension: 28x28\nfilter dimension: 5x5x1x20\noutput after conv1: 24x24x20\nafter pooling: 12x12x20",
    "Input: 28 by 28 (one channel). Filters: 20 @ 5×5×1. Conv1 output: (20, 24, 24). Pooling output: 20@12×12.",
    "- Input: $28 \\times 28 \\times 1$\n- Filter: $5 \\times 5 \\times 1 \\times 20$\n"
    "- Output of the first convolution: $24 \\times 24 \\times 20$ (since $28 - 5 + 1 = 24$)\n"
    "- After $2\\times2$ max-pooling: $12 \\times 12 \\times 20$",
    "| | dimension |\n|---|---|\n| input | 28×28×1 |\n| filter | 5×5×1×20 |\n| conv1 output | 24×24×20 |\n"
    "| max-pool output | 12×12×20 |",
    "$$28 \\times 28$$\n$$5 \\times 5 \\times 1 \\times 20$$\n$$24 \\times 24 \\times 20$$\n$$12 \\times 12 \\times 20$$",
    "Input 28×28×1; kernel 5×5×1×20.\n" + SUMMARY.format(fc1="400,500", total="431,080"),
    "输入 $28\\times28\\times1$，conv1 滤波器 $20$ 个 $5\\times5\\times1$，卷积后 $24\\times24\\times20$，池化后 $12\\times12\\times20$。",
    "input (1, 28, 28); conv1 weight (20, 1, 5, 5); after conv1 (20, 24, 24);\nafter pool1 (20, 12, 12).",
    "Input $28\\times28$, filter of conv1 $5\\times5\\times1\\times20$, output of conv1\n"
    "$24\\times24\\times20$, output after pooling $12\\times12\\times20$.",
]


@pytest.mark.parametrize("body", A_RIGHT)
def test_p2a_right_in_every_notation(rubric, body: str) -> None:
    result = grade("2.a", body, rubric)
    assert result.status == "pass", (result.feedback, result.details.get("read"))


def test_p2a_an_aside_is_not_the_answer(rubric) -> None:
    base = "input: 28x28\nfilter: 5x5x1x20\nconv1 output: {conv} (28 − 4 + 1 = 25)\npooling output: 12x12x20"
    right = grade("2.a", base.format(conv="24x24x20"), rubric)
    assert right.status == "pass", right.feedback
    wrong = grade("2.a", base.format(conv="25x25x20"), rubric)
    assert wrong.status == "partial" and "conv: 25×25×20 is off by one" in wrong.feedback


def test_p2a_filter_channels_the_wrong_way_round_fail(rubric) -> None:
    body = "input: 28x28\nfilter: 5x5x20x1\nconv1 output: 24x24x20\npooling output: 12x12x20"
    result = grade("2.a", body, rubric)
    assert result.status == "partial" and "filter: in and out channels swapped" in result.feedback


def test_p2a_padding_assumed_fails(rubric) -> None:
    body = "input: 28x28\nfilter: 5x5x1x20\nconv1 output: 28x28x20 (padding 2)\npooling output: 14x14x20"
    result = grade("2.a", body, rubric)
    assert result.score == pytest.approx(1.0) and result.details["fields"]["conv"]["status"] == "fail"


# ------------------------------------------------------------------ p2.b
@pytest.mark.parametrize("body, status", [
    ("filter size = 5 × 5\n\nstride = 1\n\nchannel dimension = 20\n\n(assuming padding 0)", "pass"),
    ("Filter size 5×5, stride 1, 20 input channels (and 50 output channels).", "pass"),
    ("kernel_size=5x5x20, stride=1, in_channels=20, out_channels=50", "pass"),
    ("filter size = 3 × 3\nstride = 1\nchannel dimension = 20", "partial"),
    ("Filter $5\\times5\\times20\\times50$: filter size 5×5, stride 1, channel dim 20 (50 filters).", "pass"),
    ("Filtergröße $5\\times5$, Schrittweite (stride) 1, Kanaldimension 20", "pass"),
    ("filter size 5×5, stride 1, channel dimension 50", "partial"),
    ("It needs filter size 5×5, stride 1 and channel dimension 20 (it has 50 filters and padding 0).", "pass"),
    ("It needs filter size 5×5, stride 1 and channel dimension 50 (it has 20 filters).", "partial"),
])
def test_p2b(rubric, body: str, status: str) -> None:
    result = grade("2.b", body, rubric)
    assert result.status == status, (result.feedback, result.details.get("read"))


# ------------------------------------------------------------------ the pieces
@pytest.mark.parametrize("text, numbers", [
    ("25,050", (25050,)), ("25\\,050", (25050,)), ("25{,}050", (25050,)), ("25 050", (25050,)),
    ("20@24×24", (20, 24, 24)), ("[-1, 20, 24, 24]", (20, 24, 24)), ("(None, 50, 4, 4)", (50, 4, 4)),
    ("28 by 28", (28, 28)),
])
def test_numbers_in_every_notation(text: str, numbers: tuple[float, ...]) -> None:
    assert parse_numbers(text) == tuple(float(n) for n in numbers)


def test_european_thousands_only_where_whole_numbers_are_expected() -> None:
    assert parse_numbers("25.050", integers=True) == (25050.0,)
    assert parse_numbers("25.050") == (25.05,)
    assert parse_numbers("99.25", integers=True) == (99.25,)


def test_plain_and_tables() -> None:
    assert plain("$\\text{conv}_{1}$ : $25\\,050$").split() == ["conv_1", ":", "25,050"]
    cells, covered = pipe_tables("a\n\n| L | P |\n|---|---|\n| conv1 | 520 |\n")
    assert [(c.row, c.column, c.text) for c in cells] == [("conv1", "P", "520")] and covered == {2, 3, 4}
    rows, _ = summary_rows(SUMMARY.format(fc1="400,500", total="431,080"))
    assert ("linear 1", "400,500") in [(c.row, c.text) for c in rows]
    assert ("conv2d 2", "[-1, 50, 8, 8]") in [(c.row, c.text) for c in rows]


def test_reading_is_linear_in_the_text(rubric) -> None:
    """Hostile lines (long runs of digits, brackets, labels) cost time in proportion to their length."""
    timings = []
    for n in (2_000, 8_000):
        body = "\n".join(["conv1 " + "(1, " * 200 + "1 x " * 200 + "= " * 50] * (n // 200))
        start = time.perf_counter()
        grade("2.c", body, rubric)
        timings.append(time.perf_counter() - start)
    assert timings[1] < 8 * timings[0] + 0.5, timings


def test_a_programs_counts_are_read_in_linear_time(rubric) -> None:
    """``a = 1 1 1 … x``: a line a program's count reader tries and gives up on costs time in proportion to it."""
    timings = []
    for n in (20_000, 200_000):
        body = "```python\n" + ("conv1 = " + "1 " * (n // 2) + "x\n") + "```\n"
        start = time.perf_counter()
        grade("2.c", body, rubric)
        timings.append(time.perf_counter() - start)
    assert timings[1] < 25 * timings[0] + 0.5, timings


# ------------------------------------------------------------------ terse answers in the question's order
@pytest.mark.parametrize("item, body, status", [
    ("2.a", "28×28 / 5×5×1×20 / 24×24×20 / 12×12×20", "pass"),
    ("2.a", "$28\\times28$; $5\\times5\\times1\\times20$; $24\\times24\\times20$; $12\\times12\\times20$.", "pass"),
    ("2.a", "28×28 / 5×5×1×20 / 23×23×20 / 11×11×20", "partial"),  # off by one, read in order, never passed
    ("2.b", "$5\\times5$, stride 1, 20 channels.", "pass"),
    ("2.b", "5×5, stride 1, kanal 20", "pass"),
    ("2.b", "3×3, stride 1, 20 channels", "partial"),
    ("2.c", "520 / 0 / 0 / 25,050 / 0 / 0 / 400,500 / 5,010 — total 431,080.", "pass"),
    ("2.c", "520 / 0 / 0 / 25,000 / 0 / 0 / 400,000 / 5,010 — total 430,530.", "partial"),
])
def test_terse_values_in_the_questions_order(rubric, item: str, body: str, status: str) -> None:
    result = grade(item, body, rubric)
    assert result.status == status, (result.feedback, result.details.get("read"))


@pytest.mark.parametrize("item, body", [
    ("2.b", "stride 1, 20 channels, 5×5"),  # the unnamed value is not where the question puts it
    ("2.a", "28×28 / 5×5×1×20 / 24×24×20"),  # one field short: not guessed
])
def test_terse_values_out_of_order_or_short_go_to_a_person(rubric, item: str, body: str) -> None:
    assert grade(item, body, rubric).status == "review"


@pytest.mark.parametrize("body, status", [
    ("input 28x28 (1 channel), conv1 filters 5x5x1, 20 of them (5x5x1x20), conv1 output 24x24x20, "
     "after pooling 12x12x20.", "pass"),
    ("input 28x28 (1 channel), conv1 filters 5x5x1, 20 of them (5x5x1x20), conv1 output 24x24x20, "
     "after pooling 12x12x20.".replace("5x5x1, 20", "5x5x1, 2"), "partial"),
    ("- input: 28×28×1\n- filter of conv1: 5 × 5 × 1 × 20 (twenty filters of size 5 × 5 × 1)\n"
     "- after conv1: 24 × 24 × 20\n- after pooling: 12 × 12 × 20", "pass"),
    ("input 28x28 (1 channel), conv1 filters 3x3x1, 20 of them (3x3x1x20), conv1 output 24x24x20, "
     "after pooling 12x12x20.", "partial"),
])
def test_p2a_a_filter_said_in_part_and_whole(rubric, body: str, status: str) -> None:
    result = grade("2.a", body, rubric)
    assert result.status == status, (result.feedback, result.details.get("read"))


@pytest.mark.parametrize("item, body", [
    ("2.b", r"Filter size $5\times5$, stride 1, channel dimension 20. $(12-5)/1+1=8$."),
    ("2.b", "conv2 filter size 5x5, stride 1, channel dim 20   [`(12-5)/1 + 1 = 8`]"),
    ("2.b", r"filtro \(5 \times 5\), stride \(=1\), canales \(=20\)"),
    ("2.b", r"Filtergr\"o\ss e $5\times5$, Stride $1$, Kanaldimension $20$ (50 Filter, kein Padding)."),
    ("2.b", "| filter size | stride | channel dim | (# filters) |\n|---|---|---|---|\n| 5 x 5 | 1 | 20 | 50 |"),
    ("2.a", r"Input $28\times28$. Dopo conv1: $24\times24\times20$. Filtro $5\times5\times1\times20$. "
            r"Dopo il max pooling $2\times 2$ otteniamo $12\times 12\times 20$."),
    ("2.a", r"输入 $28\times28\times1$；conv1 的滤波器 $5\times5\times1$，共 20 个；conv1 之后 $24\times24\times20$；"
            r"$2\times2$ max pooling 之后 $12\times12\times20$。"),
    ("2.a", "input 28x28\nconv1 filter     5 x 5 x 1  (x 20 filters)\nafter conv1 (stride 1, no padding): "
            "28 - 5 + 1 = 24, so 24x24x20\nafter pooling: 12x12x20"),
    ("2.c", "conv1: (5∙5∙1+1)∙20 = 520\nrelu1: 0\npool1: 0\nconv2: (5 × 5 × 20 + 1) × 50 = 25, 050\nrelu2: 0\n"
            "pool2: 0\nfc1: (800 + 1) × 500 = 400, 500\nfc2: (500 + 1) × 10 = 5, 010\ntotal: 43万1080"),
])
def test_values_written_by_converters_and_in_other_languages(rubric, item: str, body: str) -> None:
    check = grade(item, body, rubric)
    assert check.status == "pass", check.feedback


@pytest.mark.parametrize("item, body", [
    ("2.b", r"Filter size $5\times5$, stride 1, channel dimension 50. $(12-5)/1+1=8$."),
    ("2.a", r"Input $28\times28$, filter $5\times5\times1\times20$, conv1 $24\times24\times20$, "
            r"max pooling $2\times 2$ gives $14\times 14\times 20$."),
    ("2.c", "conv1: (5∙5∙1)∙20 = 500\nrelu1: 0\npool1: 0\nconv2: 25, 050\nrelu2: 0\npool2: 0\nfc1: 400, 500\n"
            "fc2: 5, 010\ntotal: 430, 580"),
])
def test_their_wrong_twins_do_not_pass(rubric, item: str, body: str) -> None:
    assert grade(item, body, rubric).status != "pass"


@pytest.mark.parametrize("item, body", [
    ("2.a", r"вход $28\times28$; фильтр conv1 $5\times5\times1\times20$; после conv1 $24\times24\times20$; "
            r"после пулинга $2\times2$: $12\times12\times20$."),
    ("2.b", r"размер фильтра $5\times5$, шаг (stride) 1, число входных каналов 20 (фильтров 50, без паддинга)."),
    ("2.b", "rozmiar filtra 5×5, krok 1, liczba kanałów 20"),
    ("2.b", "So conv2: filter $5\\times5$ (×20 deep), stride 1, channel dimension 20 in, 50 filters out → "
            "$8\\times8\\times50$, pool → $4\\times4\\times50$."),
    ("2.c", "conv1: 520\nrelu1: 0\npool1: 0\nconv2: 25 050\nrelu2: 0\npool2: 0\nfc1: 400 500\nfc2: 5 010\nrazem: 431 080"),
])
def test_labels_in_more_languages(rubric, item: str, body: str) -> None:
    check = grade(item, body, rubric)
    assert check.status == "pass", check.feedback


@pytest.mark.parametrize("body", [
    "3×3 filters, stride 2, 20 channels (×50 filters)",     # a label in an aside names the aside's value
    "taille du noyau 5×5, pas 1, dimension des canaux : 20",  # French plural "canaux"
    "kernel 5x5, stride 1\nchannel dimension of the filter = 20, 50 filters",  # "X of the filter" names X
])
def test_p2b_the_label_that_names_a_value(rubric, body: str) -> None:
    check = grade("2.b", body, rubric)
    assert check.details["read"]["channels"] == "20", check.details
    wrong = body.replace("20", "30")
    assert grade("2.b", wrong, rubric).status != "pass"


def test_typeset_ligatures_from_a_pdf_read_as_letters(rubric) -> None:
    body = "Rozmiar \ufb01ltra 5 × 5, krok 1, wymiar kanałów 20. Liczba \ufb01ltrów: 50."
    assert grade("2.b", body, rubric).status == "pass"
    assert grade("2.b", body.replace("5 × 5", "7 × 7"), rubric).status != "pass"


def test_p2a_values_parted_by_slashes(rubric) -> None:
    body = "input 28×28 / filter 5×5×1×20 / conv1 후 24×24×20 / pooling 후 12×12×20"
    check = grade("2.a", body, rubric)
    assert check.status == "pass", check.feedback
    assert grade("2.a", body.replace("24×24×20", "23×23×20"), rubric).status != "pass"


# ------------------------------------------------------------------ layouts of word processors and editors
@pytest.mark.parametrize("item, body, wrong", [
    # LibreOffice Math / Hancom equation scripts spell the operators as words
    ("2.a", "input 28 times 28 (one channel); conv1 filter 5 times 5 times 1 times 20; after conv1 24 times 24 "
            "times 20; after 2 times 2 max pool 12 times 12 times 20", ("24 times 24 times 20", "23 times 23 times 20")),
    ("2.c", "conv1 : (5 cdot 5 cdot 1 + 1) cdot 20 = 520\nrelu1 : 0\npool1 : 0\n"
            "conv2 : (5 TIMES 5 TIMES 20+1) TIMES 50 = 25,050\nrelu2 : 0\npool2 : 0\n"
            "fc1 : (800 + 1) cdot 500 = 400500\nfc2 : (500 + 1) cdot 10 = 5010\ntotal = 431080", ("= 520", "= 500")),
    # full-width digits and signs (Chinese and Japanese input methods)
    ("2.a", "- 输入维度：２８×２８\n- conv1 的滤波器维度：５×５×１×２０\n- conv1 之后的输出：２４×２４×２０\n- 池化之后：１２×１２×２０",
     ("２４×２４×２０", "２３×２３×２０")),
    # Indian digit grouping, in an aligned block fenced without a language
    ("2.c", "```\nconv1 : (5*5*1 + 1)*20   = 520\nrelu1 : 0\npool1 : 0\nconv2 : (5*5*20 + 1)*50  = 25,050\n"
            "relu2 : 0\npool2 : 0\nfc1   : (800 + 1)*500    = 4,00,500\nfc2   : (500 + 1)*10     = 5,010\n"
            "total                    = 4,31,080\n```", ("4,00,500", "4,00,000")),
    # the working column of a table is how the count was found, not the count
    ("2.c", "| layer | params | working |\n|---|---|---|\n| conv1 | 520 | (5×5×1＋1)×20 |\n| relu1 | 0 | |\n"
            "| pool1 | 0 | |\n| conv2 | 25,050 | (5×5×20＋1)×50 |\n| relu2 | 0 | |\n| pool2 | 0 | |\n"
            "| fc1 | 400,500 | (800＋1)×500 |\n| fc2 | 5,010 | (500＋1)×10 |\n| total | 431,080 | |", ("| 5,010", "| 5,000")),
    # labels listed before one colon, the sum sign as the total
    ("2.c", "conv1: 520\nrelu1, pool1: 0, 0\nconv2: 25050\nrelu2, pool2: 0, 0\nfc1: 400500\nfc2: 5010\nΣ = 431 080",
     ("431 080", "431 008")),
    # a working, an arrow, and the value it leads to
    ("2.a", "input: 28×28, filter: 5×5×1×20, after conv: (28-5)/1+1 = 24 → 24×24×20, after pooling 12×12×20.",
     ("→ 24×24×20", "→ 24×24×1")),
    # "e" (Italian, Portuguese) joins two labelled values like "and"
    ("2.b", "serve un filtro 5×5, stride 1 e dimensione dei canali 20 (50 filtri, padding 0)", ("canali 20", "canali 50")),
])
def test_values_in_editor_layouts(rubric, item: str, body: str, wrong: tuple[str, str]) -> None:
    check = grade(item, body, rubric)
    assert check.status == "pass", (check.feedback, check.details.get("read"))
    assert wrong[0] in body
    assert grade(item, body.replace(*wrong), rubric).status != "pass"


def test_code_in_a_plain_fence_is_not_read_as_values(rubric) -> None:
    body = ("conv1: 520, relu1: 0, pool1: 0, conv2: 25,050, relu2: 0, pool2: 0, fc1: 400,500, fc2: 5,010\n"
            "```\nself.fc1 = nn.Linear(800, 500)\ntotal = sum(p.numel() for p in net.parameters())  # 431080\n```")
    check = grade("2.c", body, rubric)
    assert check.details["fields"]["total"]["status"] == "review", check.details


def test_indian_grouping_is_read_as_one_number() -> None:
    assert parse_numbers("4,00,500", integers=True) == (400500.0,)
    assert parse_numbers("4,31,080") == (431080.0,)
    assert parse_numbers("(20, 24, 24)") == (20.0, 24.0, 24.0)


def test_a_printed_summary_in_a_plain_fence_is_output_not_prose(rubric) -> None:
    body = SUMMARY.format(fc1="400,500", total="431,080").replace(
        "Non-trainable params: 0", "Non-trainable params: 0\nEstimated Total Size (MB): 1.76")
    check = grade("2.c", body, rubric)
    assert check.status == "pass", (check.feedback, check.details.get("read"))


@pytest.mark.parametrize("body, wrong", [
    (r"filter $5\times5$, stride $1$, channel dimension $20$ — $(12-5)/1+1=8$, 50 filters give $8\times8\times50$.",
     ("5\\times5$, s", "7\\times7$, s")),
    ("Filtre boyutu: 5 × 5, adım (stride): 1, kanal boyutu: 20 → 50 filtre ile 8 × 8 × 50", ("5 × 5,", "3 × 3,")),
    (r"conv2: $5\times5$ filter, stride 1, channel dim 20 ($\Rightarrow$ $(12-5)/1+1 = 8$, 50 filters give "
     r"$8\times8\times50$).", ("channel dim 20", "channel dim 50")),
    ("conv2: filter size 5×5, stride 1, channel dimension 20, with 50 filters and no padding: 12-5+1=8 → 8×8×50",
     ("size 5×5", "size 4×4")),
])
def test_p2b_what_counted_filters_produce_is_not_the_filter_size(rubric, body: str, wrong: tuple[str, str]) -> None:
    """"50 filters give 8×8×50": the label names the count before it; the value after is the output."""
    check = grade("2.b", body, rubric)
    assert check.status == "pass", (check.feedback, check.details.get("read"))
    assert grade("2.b", body.replace(*wrong), rubric).status != "pass"


def test_p2b_a_count_of_filters_alone_is_not_a_filter_size(rubric) -> None:
    check = grade("2.b", "stride 1, 20 channels (50 filters, pad 0)", rubric)  # no size written
    assert check.status == "review", check.feedback
    assert "only a count" in check.feedback


@pytest.mark.parametrize("body, wrong", [
    ("input 28×28×1 → conv1 (filter 5×5×1×20) → 24×24×20 → maxpool 2×2 → 12×12×20", ("→ 24×24", "→ 25×25")),
    (r"input $28\times28\times1$ → conv1 (filter $5\times5\times1\times20$) → $24\times24\times20$ → maxpool → "
     r"$12\times12\times20$", ("→ $12", "→ $14")),
])
def test_p2a_a_chain_of_arrows_gives_each_stage_its_output(rubric, body: str, wrong: tuple[str, str]) -> None:
    """"input X → conv1 (filter F) → Y": X is the input (not a pooling-like size), Y is conv1's output."""
    check = grade("2.a", body, rubric)
    assert check.status == "pass", (check.feedback, check.details.get("read"))
    assert grade("2.a", body.replace(*wrong), rubric).status != "pass"


def test_p2b_a_square_kernel_said_by_its_side(rubric) -> None:
    body = "kernel_size=5, stride=1, in_channels=20 (out_channels=50, padding=0)"
    assert grade("2.b", body, rubric).status == "pass"
    assert grade("2.b", body.replace("size=5", "size=3"), rubric).status != "pass"


def test_p2b_counted_filters_before_an_arrow_do_not_name_the_output(rubric) -> None:
    body = ("Tamano de filtro 5 x 5, stride 1, dimension de canal 20.\n"
            "(12 - 5)/1 + 1 = 8 -> 8 x 8 x 50 con 50 filtros, luego pool -> 4 x 4 x 50")
    assert grade("2.b", body, rubric).status == "pass"
    body = r"conv2: filter $5\times5$, stride $1$, channel dimension $20$, 50 filters $\Rightarrow$ $8\times8\times50$"
    assert grade("2.b", body, rubric).status == "pass"


def test_p2b_a_colon_inside_an_aside_after_a_count_is_the_aside_s(rubric) -> None:
    body = "5×5 kernel, stride 1, 20 input channels (out: 50)"
    check = grade("2.b", body, rubric)
    assert check.status == "pass", (check.feedback, check.details.get("read"))
    assert grade("2.b", body.replace("20 input", "30 input"), rubric).status != "pass"
