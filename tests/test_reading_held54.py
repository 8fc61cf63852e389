"""Readings from batch 54's reports (ink and OCR text, notebooks and code-minded students, cheat sheets, LaTeX
sources, Word and RTF, CSV answer sheets and quiz exports, LMS and chat hand-ins): each reading with a wrong twin."""
from __future__ import annotations

import csv
import io

import pytest

from tests.helpers import grade_report_item

COMPONENTS_THEN_VECTOR = """Problem 1

Names (forward pass):
    x1 = w1·x
    s1 = σ(x1)
    x2 = w2·s1
    s2 = σ(x2)
    f  = w3·s2

(e) words

(f) L(w) = Σ_{(x,y)∈D} (y − f_w(x))².

  ∂L/∂w3 = Σ_{i=1}^{2} 2 (fⁱ − yⁱ) · s2ⁱ

  Step with α:
      w1 := w1 − α · Σ_i {k}(fⁱ − yⁱ) · w3 · s2ⁱ(1 − s2ⁱ) · w2 · s1ⁱ(1 − s1ⁱ) · xⁱ
      w2 := w2 − α · Σ_i {k}(fⁱ − yⁱ) · w3 · s2ⁱ(1 − s2ⁱ) · s1ⁱ
      w3 := w3 − α · Σ_i {k}(fⁱ − yⁱ) · s2ⁱ
  i.e. w_new = w − α·∇_w L.

Problem 2
"""
POINT_NAMES = "  For each point i = 1, 2 the forward pass on its own:\n  x1ⁱ = w1·xⁱ, s1ⁱ = σ(x1ⁱ), x2ⁱ = w2·s1ⁱ, s2ⁱ = σ(x2ⁱ), fⁱ = w3·s2ⁱ.\n\n"


@pytest.mark.parametrize("factor, expected", [("2", "pass"), ("", "not pass")])
def test_an_update_written_out_per_component_before_its_vector_form_is_a_step_of_it(rubric, factor: str,
                                                                                   expected: str) -> None:
    """The vector form said last ("i.e. w_new = w − α∇L") never hides written-out entries that disagree with it."""
    report = COMPONENTS_THEN_VECTOR.replace("(f) L(w)", POINT_NAMES + "(f) L(w)").replace("{k}", factor)
    status = grade_report_item(rubric, "p1.f.update", report, "r.txt").status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("last, expected", [("431080", "pass"), ("430080", "partial")])
def test_a_total_worked_over_lines_that_start_with_equals_is_its_last_side(rubric, last: str, expected: str) -> None:
    """The first line's terms add up right; the total said is the last line's, whatever the terms would give."""
    report = ("Problem 2\n\n(c)\n    conv1 : (5·5·1 + 1)·20  = 520\n    relu1 : 0\n    pool1 : 0\n"
              "    conv2 : (5·5·20 + 1)·50 = 25050\n    relu2 : 0\n    pool2 : 0\n"
              "    fc1 : (800 + 1)·500 = 400500\n    fc2 : (500 + 1)·10 = 5010\n\n"
              "    total = 520 + 25050 + 400500 + 5010\n          = 25570 + 400500 + 5010\n"
              f"          = 425570 + 5010\n          = {last}\n")
    assert grade_report_item(rubric, "p2.c", report, "r.txt").status == expected


INK = """Problem l : Backprop

fw(x) = w3 o2( W2 ol( wl x ) )        ol = o2 = sigmoid ,  o(u) = l/(l+e-u)

names :   xl = wl·x      hl = ol(xl)
          x2 = W2·hl     h2 = o2(x2)

(b)
  (i)  o'(u) = e-u / (l + e-u)2
  (ii) o'(u) = o(u)·(l - o(u))

(c) forward and backward, in words

(d)
  8f/8w3 = h2 = o2(x2)

(e)
  8f/8W2 = w3 · h2(l-h2) · {dw2}
  8f/8wl = w3 h2(l-h2) W2 hl(l-hl) x

(f) see next page
"""


@pytest.mark.parametrize("dw2, expected", [("hl", "pass"), ("x", "fail")])
def test_ink_converted_to_text_with_every_one_an_l(rubric, dw2: str, expected: str) -> None:
    """A handwriting converter that wrote l for 1, 8 for ∂, W for w and o for σ: each put back, then read."""
    assert grade_report_item(rubric, "p1.e.w2", INK.format(dw2=dw2), "r.txt").status == expected


def test_a_hand_in_that_names_things_l_now_and_then_is_not_read_as_ink(rubric) -> None:
    """A loss named l and a few lone l's are not the converter's l-for-1: nothing is changed."""
    from grader.reading.document import read_document

    text = "Let l(w) be the loss, l = (y - f)^2; with l we mean the loss.\n(d) df/dw3 = σ(x2)\n"
    assert "l(w)" in read_document(text, None).text


@pytest.mark.parametrize("factor, expected", [("2", "pass"), ("3", "partial")])
def test_a_name_for_the_models_gradient_at_each_data_point(rubric, factor: str, expected: str) -> None:
    """"Let g^i := ∇_w f_w(x^i)": a name for derivatives the homework knows, at each point; g^1 is that at x^1."""
    report = ("## Problem 1\n\n(f) Let $g^i := \\nabla_{w} f_{w}(x^i) \\in \\mathbb{R}^3$. Then\n"
              f"$$\\nabla_w L = {factor}(f_w(x^1)-y^1)\\, g^1 + {factor}(f_w(x^2)-y^2)\\, g^2$$\n")
    status = grade_report_item(rubric, "p1.f.grad", report).status
    assert status == expected or expected != "pass" and status in ("fail", "partial"), status


@pytest.mark.parametrize("answer, expected", [("h_2", "pass"), ("w_3 h_2", "fail")])
def test_a_word_in_text_named_as_the_output(rubric, answer: str, expected: str) -> None:
    """"\\text{out} = f_w(x) = w_3 h_2": out is the model's output; ∂out/∂w_3 asks for (d)."""
    report = ("\\section*{Problem 1}\n\\begin{gather}\n a_1 = w_1 x, \\qquad h_1 = s(a_1), \\qquad a_2 = w_2 h_1, "
              "\\qquad h_2 = s(a_2), \\\\\n \\text{out} = f(x) = w_3 h_2 . \\notag\n\\end{gather}\n"
              "where $s$ is the sigmoid.\n\\subsection*{(d)}\n"
              f"\\[ \\frac{{\\partial\\,\\text{{out}}}}{{\\partial w_3}} = {answer}. \\]\n\\subsection*{{(e)}}\nwords\n")
    assert grade_report_item(rubric, "p1.d", report, "r.tex").status == expected


@pytest.mark.parametrize("dw2, expected", [("s(w2 h)(1 − s(w2 h)) · h", "pass"), ("s(w2 h) · h", "fail")])
def test_names_defined_in_code_spans(rubric, dw2: str, expected: str) -> None:
    """"* `out = w3 * s(w2*h)` — f_w(x)": a program's name for the output, defined in a code span."""
    report = ("## P1\n\nI call the sigmoid `s` and use\n\n* `h = s(w1*x)`  — output of the first sigmoid\n"
              "* `out = w3 * s(w2*h)`  — f_w(x)\n\n### d\n\nso ∂out/∂w3 = s(w2·h).\n\n### e\n\n"
              f"∂out/∂w2 = w3 · {dw2}\n\n### f\n\nwords\n")
    assert grade_report_item(rubric, "p1.e.w2", report).status == expected


@pytest.mark.parametrize("answer, expected", [("a_2", "pass"), ("w_3 a_2", "fail")])
def test_a_notebooks_table_of_names_with_code_cells(rubric, answer: str, expected: str) -> None:
    """"| `a2` | `s(z2)` |", "| `out` | $w_3 \\cdot$ `a2` $= f_w(x)$ |": each row defines its name."""
    report = ("## Problem 1\n\n| name | meaning |\n|---|---|\n| `s(u)` | $1/(1+e^{-u})$ |\n| `z1` | $w_1 x$ |\n"
              "| `a1` | `s(z1)` |\n| `z2` | $w_2 \\cdot$ `a1` |\n| `a2` | `s(z2)` |\n"
              "| `out` | $w_3 \\cdot$ `a2` $= f_w(x)$ |\n\n### (d)\n\n"
              f"$$\\frac{{\\partial\\,\\text{{out}}}}{{\\partial w_3}} = {answer}$$\n\n### (e)\n\nwords\n")
    assert grade_report_item(rubric, "p1.d", report).status == expected


CHEAT_SHEET = """HW2 — final answers only

P1   f = w3 σ(w2 σ(w1 x))        x1 := w1x     x2 := w2 σ(x1)

(b)(i)   σ'(u)  →  e^(-u) / (1 + e^(-u))^2
(b)(ii)  σ'(u)  →  σ(u)(1 − σ(u))
(d)  ∂f/∂w3  →  σ(x2)
(e)  ∂f/∂w2  →  w3 · σ(x2)(1−σ(x2)) · σ(x1)
     ∂f/∂w1  →  {dw1}
(f)  ∇_w L  →  Σ_{{i=1,2}} 2 (f_w(x^i) − y^i) · ∇_w f_w(x^i)
     update →  w ← w − α ∇_w L
"""


@pytest.mark.parametrize("item, dw1, expected", [
    ("p1.e.w1", "w3 · σ(x2)(1−σ(x2)) · w2 · σ(x1)(1−σ(x1)) · x", "pass"),
    ("p1.e.w1", "w3 · σ(x2)(1−σ(x2)) · w2 · x", "partial"),
    ("p1.b.i", "x", "pass"),
    ("p1.f.grad", "x", "pass"),
])
def test_a_cheat_sheets_arrow_after_a_named_derivative(rubric, item: str, dw1: str, expected: str) -> None:
    """"∂f/∂w1  →  …": the arrow says what the named derivative is; "P1   f = …" opens Problem 1, no part (f)."""
    assert grade_report_item(rubric, item, CHEAT_SHEET.format(dw1=dw1), "r.txt").status == expected


def test_an_arrow_after_anything_but_a_named_derivative_is_no_answer() -> None:
    from grader.reading.plain_math import equation_in_line

    assert equation_in_line("with x → x^i from (e)") is None
    assert equation_in_line("∂f/∂w1  →  w3 · x → more") is None


@pytest.mark.parametrize("update, expected", [("w − α ∇_w L", "pass"), ("w + α ∇_w L", "fail")])
def test_the_same_answer_in_a_program_in_an_aside_is_no_answer(rubric, update: str, expected: str) -> None:
    """"(same as `w -= alpha * grad`)": the program says the answer again; the formula before it is the answer."""
    report = ("## P1\n\n### f\n\n∇_w L = −2 [ (y¹ − f(x¹)) ∇_w f(x¹) + (y² − f(x²)) ∇_w f(x²) ]\n\n"
              f"Gradient descent with step α:\n\nw ← {update}\n\n"
              "(same as `w -= alpha * grad` / one `optimizer.step()` of plain SGD with lr = α)\n\n## P2\n")
    assert grade_report_item(rubric, "p1.f.update", report).status == expected


RTF_PARAGRAPH = (r"{\rtf1\ansi\deff0{\fonttbl{\f0 Calibri;}}" "\n"
                 r"\pard\b Problem 1.\b0  Let me call the sigmoid s, so s(u) = 1/(1+exp(-u)), and I write p = w1x, "
                 r"q = w2 s(p), so f = w3 s(q). For (a) the graph is a chain of multiply and sigmoid nodes, drawn "
                 r"on paper. For (b), the quotient rule gives the derivative, see the notes. For (c), the forward "
                 r"pass computes p, s(p), q, s(q) and f, and the backward pass runs the chain rule. For (d), "
                 r"df/dw3 = s(q). For (e), df/dw2 = {dw2}, and one step further back df/dw1 = w3 s(q)(1 - s(q)) w2 "
                 r"s(p)(1 - s(p)) x.\par" "\n}")


@pytest.mark.parametrize("dw2, expected", [("w3 s(q)(1 - s(q)) s(p)", "pass"), ("w3 s(q) s(p)", "fail")])
def test_a_rich_text_paragraph_with_its_parts_in_sentences(rubric, dw2: str, expected: str) -> None:
    """RTF's own line breaks are no text: the paragraph is read as text, cut where its parts' labels run in order."""
    report = RTF_PARAGRAPH.replace("{dw2}", dw2)
    assert grade_report_item(rubric, "p1.e.w2", report, "r.rtf").status == expected


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("dw2, expected", [("df/dw2 = w3 * s(h2)(1-s(h2)) * s(h1)", "pass"),
                                           ("df/dw2 = w3 * s(h1)", "partial")])
def test_a_quiz_export_with_question_and_response_columns(rubric, dw2: str, expected: str) -> None:
    """An LMS's responses export: each question a heading, its response under it, in the quiz's order."""
    report = _csv([["Surname", "First name", "State", "Question 1", "Response 1", "Question 2", "Response 2"],
                   ["Nguyen", "Lan", "Finished", "P1(b): Compute dσ1/du.", "Let s(u) = 1/(1+exp(-u)).\n(i) ds/du = exp(-u)/(1+exp(-u))^2\n"
                    "(ii) ds/du = s(u)(1-s(u))",
                    "P1(c)-(e): forward/backward; the derivatives.",
                    f"(c) forward: h1 = w1 x, h2 = w2 s(h1), f = w3 s(h2), kept\n\n(d) df/dw3 = s(h2)\n\n(e) {dw2}\n"
                    "df/dw1 = w3 * s(h2)(1-s(h2)) * w2 * s(h1)(1-s(h1)) * x"]])
    assert grade_report_item(rubric, "p1.e.w2", report, "quiz.csv").status == expected


@pytest.mark.parametrize("total, expected", [("431080", "pass"), ("430500", "fail")])
def test_a_spreadsheets_answer_sheet_saved_as_csv(rubric, total: str, expected: str) -> None:
    """One row per question, a first column that only counts rows: a table whose rows the parts' labels start."""
    rows = [["id", "part", "answer", "note"], ["1", "P2 (c) conv1", "520", ""], ["2", "P2 (c) relu1", "0", ""],
            ["3", "P2 (c) pool1", "0", ""], ["4", "P2 (c) conv2", "25050", ""], ["5", "P2 (c) relu2", "0", ""],
            ["6", "P2 (c) pool2", "0", ""], ["7", "P2 (c) fc1", "400500", ""], ["8", "P2 (c) fc2", "5010", ""],
            ["9", "P2 (c) total", total, "=SUM(C2:C9)"]]
    status = grade_report_item(rubric, "p2.c", _csv(rows), "sheet.csv").status
    assert status == expected or expected == "fail" and status == "partial", status


@pytest.mark.parametrize("line, expected", [
    ("conv1 has 20 filters and each filter is 5 by 5 by 1.", "pass"),
    ("conv1 has 20 filters and each filter is 5 by 5 by 20.", "not pass"),
    ("Conv1 has 20 filters whose dimension is\n$5\\times5\\times1$.", "pass"),
    ("conv1 has 20 filters\nof size 5×5×1.", "pass"),
    ("conv 1 filter 5x5x1 (x20)", "pass"),
])
def test_a_count_of_filters_then_their_shape_in_words(rubric, line: str, expected: str) -> None:
    report = (f"Problem 2\n\n(a) The input is 28×28 with one channel. {line}\n"
              "The output after conv1 is 24×24×20, and after pooling 12×12×20.\n\n(b) words\n")
    status = grade_report_item(rubric, "p2.a", report, "r.txt").status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("stride, expected", [("1", "pass"), ("2", "not pass")])
def test_the_padding_letter_set_to_zero_is_no_stride(rubric, stride: str, expected: str) -> None:
    report = ("Problem 2\n\n(b) With input width 12, output width 8, filter width F, stride S and padding P=0,\n"
              f"8 = (12-F)/S + 1. So conv2 uses a 5x5 filter with stride {stride}; every filter has channel\n"
              "dimension 20 and there are 50 filters.\n\n(c) words\n")
    status = grade_report_item(rubric, "p2.b", report, "r.txt").status
    assert (status == "pass") == (expected == "pass"), status


P2C_BULLETS = """Problem 2

(c) Counting weights plus one bias per output channel / unit:
\t•\tconv1: each filter has 5·5·1 = 25 weights + 1 bias = 26, times 20 filters → {conv1}
\t•\tReLU after conv1: nothing to learn → 0
\t•\tpool1: 0
\t•\tconv2: 5·5·20 = 500 weights + 1 bias = 501 per filter, times 50 → 25,050
\t•\tReLU: 0
\t•\tpool2: 0
\t•\tfc1: 800 inputs × 500 outputs = 400,000 weights + 500 biases → 400,500
\t•\tfc2: 500 × 10 = 5,000 weights + 10 biases → 5,010
All together: 520 + 25,050 + 400,500 + 5,010 = 431,080 parameters.
"""


@pytest.mark.parametrize("conv1, expected", [("520", "pass"), ("500", "not pass")])
def test_a_working_in_words_that_ends_with_an_arrow_to_the_value(rubric, conv1: str, expected: str) -> None:
    """"…, times 20 filters → 520": the arrow's value; "ReLU after conv1: … → 0" is the ReLU's, "501 per filter" a
    filter's count."""
    status = grade_report_item(rubric, "p2.c", P2C_BULLETS.format(conv1=conv1), "r.txt").status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("working, expected", [("28 – 5 + 1 = 24", "pass"), ("28 – 5 = 23", "not pass")])
def test_a_word_processors_dash_is_a_minus(rubric, working: str, expected: str) -> None:
    report = ("PROBLEM 2\n\n2(a)\nThe input is one 28 × 28 image (28 × 28 × 1).\nconv1 uses 20 filters, and each "
              f"filter is 5 × 5 × 1.\nSpatial size after conv1 (stride 1, no padding): {working}, so the output is "
              f"{working.rsplit(' ', 1)[-1]} × {working.rsplit(' ', 1)[-1]} × 20.\nThe 2 × 2 max pool halves it: "
              "12 × 12 × 20.\n\n2(b)\nwords\n")
    status = grade_report_item(rubric, "p2.a", report, "r.txt").status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("dw1, expected", [("w_3 dot dsg(b) dot w_2 dot dsg(a) dot x", "pass"),
                                           ("w_3 dot dsg(b) dot w_2 dot x", "partial")])
def test_a_typst_shorthand_after_a_subscript(rubric, dw1: str, expected: str) -> None:
    """"#let bw = $bold(w)$" then "f_bw": Typst reads the subscript as the shorthand, and so does the reader."""
    report = ("#let sg = $sigma$\n#let dsg(arg) = $sigma'(#arg)$\n#let bw = $bold(w)$\n\n= Problem 1\n\n"
              "$ a := w_1 x, quad b := w_2 sg(a). $\n\n== (d)\n$ (diff f_bw)/(diff w_3) = sg(b). $\n\n== (e)\n"
              f"$ (diff f_bw)/(diff w_1) = {dw1} . $\n\n== (f)\nwords\n")
    assert grade_report_item(rubric, "p1.e.w1", report, "r.typ").status == expected


@pytest.mark.parametrize("bii, expected", [("s(u) (1 - s(u))", "pass"), ("s(u) (1 + s(u))", "fail")])
def test_the_hand_ins_own_number_then_the_handouts_label_in_brackets(rubric, bii: str, expected: str) -> None:
    """"1.2 [1b-ii]  s'(u) = …": the bracket names the handout's part; the number before it is the student's own."""
    report = ("HW2 -- answers          (numbering is mine, handout part in [ ])\n\n"
              "notation: s = sigmoid = σ1 = σ2,  z1 = w1 x,  h = s(z1)\n\n"
              "1.0 [1a]  graph: x -> (*w1) -> z1 -> s -> h\n1.1 [1b-i]   s'(u) = e^{-u} / (1 + e^{-u})^2\n"
              f"1.2 [1b-ii]  s'(u) = {bii}\n1.3 [1c]  forward = compute z1, h from x\n")
    assert grade_report_item(rubric, "p1.b.ii", report, "r.txt").status == expected


def test_an_aside_that_opens_on_a_name_then_words_ends_the_formula() -> None:
    """"= s(x2)  (x2 being the second input)": the bracket is prose about x2, not a factor (x2 + 1) of the formula."""
    from grader.reading.plain_math import equation_in_line

    line = "df/dw3 = s(x2)  (x2 being the second input)"
    found = equation_in_line(line)
    assert found is not None and line[found[0]:found[1]] == "df/dw3 = s(x2)"
    line = "df/dw3 = s(x2) (x2 + 1)"
    found = equation_in_line(line)
    assert found is not None and line[found[0]:found[1]] == line


CHAT_FIX = """[10/14/2023 11:07 PM] jlin.codes
1e)
df/dw2 = w3 * s'(x2) * s(x1) = w3 s(x2)(1-s(x2)) s(x1)
df/dw1 = w3 * s'(x2) * w2 * s'(x1) = w3 s(x2)(1-s(x2)) w2 s(x1)(1-s(x1))

[10/14/2023 11:09 PM] jlin.codes
sorry, typo above, dw1 should have x at the end:
df/dw1 = {fix}

[10/14/2023 11:15 PM] jlin.codes
1f) words
"""


@pytest.mark.parametrize("fix, expected", [("w3 s(x2)(1-s(x2)) * w2 s(x1)(1-s(x1)) * x", "pass"),
                                           ("w3 s(x2)(1-s(x2)) * w2 * x", "not pass")])
def test_a_typo_said_and_fixed_in_the_next_message(rubric, fix: str, expected: str) -> None:
    """"sorry, typo above, dw1 should have x at the end:" then the fixed formula: the fix is the answer."""
    report = "ok problem 1. im calling sigma just s. x1 = w1*x, x2 = w2*s(x1), f = w3*s(x2)\n\n" + CHAT_FIX.format(fix=fix)
    status = grade_report_item(rubric, "p1.e.w1", report, "chat.txt").status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("pool, expected", [("12\n× 12 × 20", "pass"), ("14\n× 14 × 20", "not pass")])
def test_a_shape_a_page_wrapped_after_its_first_number(rubric, pool: str, expected: str) -> None:
    report = ("Problem 2\n\n(a) input 28 × 28, filter 5 × 5 × 1 × 20, after conv1 24 × 24 × 20, after pooling "
              f"{pool}\n\n(b) words\n")
    status = grade_report_item(rubric, "p2.a", report, "r.txt").status
    assert (status == "pass") == (expected == "pass"), status


def test_a_layer_placed_after_another_in_a_hedge_keeps_its_value_offered(rubric) -> None:
    """"fc1 = 400,500, or if the flatten comes before pool2, 1,600,500": two counts offered, a person decides."""
    report = ("Problem 2\n\n(c) conv1 = 520, relu1 = 0, pool1 = 0, conv2 = 25,050, relu2 = 0, pool2 = 0, fc2 = 5,010\n\n"
              f"fc1 = 400,500, or if the flatten comes before pool2, 1,600,500\n\ntotal = 431,080\n")
    assert grade_report_item(rubric, "p2.c", report).status == "review"


def test_a_dictionary_named_for_its_part_is_that_parts_answer(rubric) -> None:
    """"p2a = {…}" labels part 2(a) ("P1   f = …", a letter set apart before "=", names a formula instead)."""
    report = ('# ---------- Problem 2 ----------\n\np2a = {\n    "input":       (28, 28),\n'
              '    "conv1_filter": (5, 5, 1, 20),\n    "after_conv1": (24, 24, 20),\n    "after_pool1": (12, 12, 20),\n}\n\n'
              'p2b = {"filter": (5, 5), "stride": 1, "channels": 20}\n')
    assert grade_report_item(rubric, "p2.a", report, "answers.txt").status == "pass"


def test_an_arrow_after_a_layers_name_concludes_nothing(rubric) -> None:
    """"Pool → 4×4×50" ends the line with the pooled size, no count of the field the line names (channels 20)."""
    report = ("Problem 2\n\n(b) $8 = (12-F)/S+1$. Choose $F=5$, $S=1$, input channels $=20$, 50 filters. "
              "Pool → $4\\times4\\times50$.\n\n(c) words\n")
    assert grade_report_item(rubric, "p2.b", report).status == "pass"


ZH = """## 第1题　反向传播

设 $s(u)=\\dfrac{1}{1+e^{-u}}$。

### （2）S 型函数的导数

(i) 用 exp 表示。

$$s'(u)=-(1+e^{-u})^{-2}\\cdot\\frac{d}{du}\\left(1+e^{-u}\\right)=-\\frac{e^{-u}}{(1+e^{-u})^2}$$

等等，不对：上面漏掉了内层的负号。改正后两个负号相消：

$$s'(u)=-(1+e^{-u})^{-2}\\cdot(-e^{-u})={fixed}$$

(ii) $s'(u)=s(u)(1-s(u))$

### （3）前向传播与反向传播

文字

## 第2题　MNIST

### （1）各层维度

输入维度为 28×28。第一个卷积层的卷积核：每个 5×5×1，共 20 个。
经过 conv1：输出 24×24×20；经过 2×2 最大池化：输出 {pool}。

### （2）第二个卷积层

文字
"""


@pytest.mark.parametrize("item, fixed, pool, expected", [
    ("p1.b.i", "\\frac{e^{-u}}{(1+e^{-u})^{2}}", "12×12×20", "pass"),
    ("p1.b.i", "\\frac{e^{-u}}{(1+e^{-u})^{3}}", "12×12×20", "not pass"),
    ("p2.a", "x", "12×12×20", "pass"),
    ("p2.a", "x", "14×14×20", "not pass"),
])
def test_parts_numbered_in_brackets_under_a_problem_and_a_fix_said_in_chinese(rubric, item: str, fixed: str,
                                                                            pool: str, expected: str) -> None:
    """"### （2）…" numbers a problem's parts where no part is lettered; "等等，不对" says the next formula replaces the
    one before it."""
    report = ZH.replace("{fixed}", fixed).replace("{pool}", pool)
    status = grade_report_item(rubric, item, report).status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("last, expected", [("426070+5010 = 431080", "pass"), ("426070+5010 = 431180", "not"),
                                            ("426070+5010 = 431080 + 100", "not")])
def test_a_sum_added_up_in_steps_is_its_last_result(rubric, last: str, expected: str) -> None:
    """"520+25050 = 25570; 25570 + 400500 = 426070; 426070+5010 = 431080": the total is the last step's result."""
    report = ("## Problem 2\n\n(c)\n\n- conv1: $20\\,(25\\cdot 1+1) = 520$\n- relu1, pool1: $0$, $0$\n"
              "- conv2: $50\\,(25\\cdot20+1) = 25050$\n- relu2, pool2: $0$, $0$\n- fc1: $500\\cdot801 = 400500$\n"
              f"- fc2: $10\\cdot 501 = 5010$\n\nSum: $520+25050 = 25570$; $25570 + 400500 = 426070$; ${last}$.\n")
    status = grade_report_item(rubric, "p2.c", report).status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("shape, expected", [("5 by 5 by 1", "pass"), ("5 by 5 by 20", "not")])
def test_a_layer_that_consists_of_its_filters(rubric, shape: str, expected: str) -> None:
    """"conv1 consists of twenty filters, each 5 by 5 by 1": the filters' shape; "24 positions per axis" counts
    positions, no filter's size."""
    report = (f"## Problem 2\n\n(a) The input is a 28 by 28 image. conv1 consists of twenty filters, each {shape}. "
              "Each filter slides over $28-5+1 = 24$ positions per axis, so the conv1 output is 24 by 24 by 20. "
              "The 2 by 2 max-pool halves both sides: 12 by 12 by 20.\n\n(b) words\n")
    status = grade_report_item(rubric, "p2.a", report).status
    assert (status == "pass") == (expected == "pass"), status


PANDOC_TABLE = """**2-c**

  -----------------------------------------------------------------------
  Layer           Output             Parameters
  --------------- ------------------ ------------------------------------
  conv1           24×24×20           (5·5·1 + 1)·20 = 520

  relu1           24×24×20           0

  pool1           12×12×20           0

  conv2           8×8×50             (5·5·20 + 1)·50 = 25,050

  relu2           8×8×50             0

  pool2           4×4×50             0

  fc1             500                (800 + 1)·500 = {fc1}

  fc2             10                 (500 + 1)·10 = 5,010

  **Total**                          **431,080**
  -----------------------------------------------------------------------

Test accuracy after 10 epochs: 99.0%
"""


@pytest.mark.parametrize("fc1, expected", [("400,500", "pass"), ("400,000", "not")])
def test_a_pandoc_multiline_table_keeps_its_columns(rubric, fc1: str, expected: str) -> None:
    """A Word table through pandoc: the dash rule marks the columns, so fc1's output size (500) is not its count."""
    status = grade_report_item(rubric, "p2.c", PANDOC_TABLE.format(fc1=fc1)).status
    assert (status == "pass") == (expected == "pass"), status


def test_a_simple_table_ends_at_a_blank_line() -> None:
    from grader.reading.dash_tables import dash_tables

    text = "Layer   Params\n------- -------\nconv1   520\nfc2     5010\n\nAfter the table: words -- more words\n"
    out = dash_tables(text)
    assert "| conv1 | 520 |" in out and "| fc2 | 5010 |" in out and "After the table: words -- more words" in out


@pytest.mark.parametrize("fc2, expected", [("5 010", "pass"), ("5 000", "not")])
def test_questions_numbered_with_their_word_and_a_tab_separated_table(rubric, fc2: str, expected: str) -> None:
    """"Q2.3  Number of parameters": the question's word before a section-style number; Word's tab table under it."""
    report = ("Q1  Back propagation\n\nQ1.1  Computational graph: drawn.\n\nQ2  MNIST\n\nQ2.1  The input is 28×28.\n\n"
              "Q2.3  Number of parameters (weights + biases):\n\nLayer\tComputation\t# params\n"
              "conv1\t(5⋅5⋅1+1)⋅20\t520\nrelu1\t–\t0\npool1\t–\t0\nconv2\t(5⋅5⋅20+1)⋅50\t25 050\nrelu2\t–\t0\n"
              f"pool2\t–\t0\nfc1\t(4⋅4⋅50+1)⋅500\t400 500\nfc2\t(500+1)⋅10\t{fc2}\nTotal\t\t431 080\n\nCode: words\n")
    status = grade_report_item(rubric, "p2.c", report, "r.txt").status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("shape, expected", [("5 × 5 × 1", "pass"), ("5 × 5 × 20", "not")])
def test_a_phone_scans_lines_cut_between_a_noun_its_verb_and_its_count(rubric, shape: str, expected: str) -> None:
    """Google Lens keeps the photo's line breaks: "The conv1 filter" / "is 5 × 5 × 1, and there are 20" / "filters."."""
    report = ("Problem 2. MNIST\n(a) The input is 28 × 28\n(one channel). The conv1 filter\n"
              f"is {shape}, and there are 20\nfilters. After conv1 the output\nis 24 × 24 × 20 and after the\n"
              "2×2 max pooling it is 12 × 12 × 20.\n(b) words\n")
    status = grade_report_item(rubric, "p2.a", report, "r.txt").status
    assert (status == "pass") == (expected == "pass"), status


# ---- red team 54's attacks on the readings above, each mended: the wrong answer no longer passes ----


@pytest.mark.parametrize("relu1, expected", [("0", "pass"), ("520", "not")])
def test_a_relu_named_by_the_conv_it_follows(rubric, relu1: str, expected: str) -> None:
    """"ReLU after conv1: 520" is the first ReLU's count (wrong), never overwritten by "ReLU after conv2: 0"."""
    report = ("Problem 2\n\n(c) parameters\nconv1: 520\n"
              f"ReLU after conv1: {relu1}\npool1: 0\nconv2: 25050\nReLU after conv2: 0\npool2: 0\n"
              "fc1: 400500\nfc2: 5010\ntotal: 431080\n")
    status = grade_report_item(rubric, "p2.c", report, "r.txt").status
    assert (status == "pass") == (expected == "pass"), status


def test_an_equals_line_of_words_does_not_go_on_with_the_total(rubric) -> None:
    """"total = … = 431,080" then "= 430,500 weights + 580 biases": a breakdown in words, not the total's last side."""
    report = ("Problem 2\n\n(c) conv1 520, relu1 0, pool1 0, conv2 25,050, relu2 0, pool2 0, fc1 400,500, fc2 5,010\n"
              "total = 520 + 25,050 + 400,500 + 5,010 = 431,080\n      = 430,500 weights + 580 biases\n")
    assert grade_report_item(rubric, "p2.c", report, "r.txt").status == "pass"


@pytest.mark.parametrize("w1, expected", [("w2 · σ(x1^i)(1 − σ(x1^i))", "pass"), ("σ(x1^i)(1 − σ(x1^i))", "not")])
def test_entries_written_out_before_the_vector_form_even_with_one_named(rubric, w1: str, expected: str) -> None:
    """One entry by name (∂f/∂w3) does not exempt the others: the written-out ones are a step of "w − α∇L"."""
    report = ("Problem 1\n\nx1 = w1 x, x2 = w2 σ(x1), f = w3 σ(x2)\n\n(e) words\n\n(f) The update, per weight:\n"
              f"w1 := w1 − α Σ_i 2 (f(x^i) − y^i) · w3 σ(x2^i)(1 − σ(x2^i)) · {w1} · x^i\n"
              "w2 := w2 − α Σ_i 2 (f(x^i) − y^i) · w3 σ(x2^i)(1 − σ(x2^i)) · σ(x1^i)\n"
              "w3 := w3 − α Σ_i 2 (f(x^i) − y^i) · ∂f/∂w3(x^i)\n"
              "i.e.  w_new = w − α ∇L\n\nProblem 2\n")
    status = grade_report_item(rubric, "p1.f.update", report, "r.txt").status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("aside", ["(same as `w += alpha * grad` in my numpy code)",
                                   "(= `w - lr * grad`, or `w + lr * grad`, I am not sure of the sign)"])
def test_an_aside_that_doubts_or_contradicts_the_update_goes_to_a_person(rubric, aside: str) -> None:
    report = f"## Problem 1\n\n### (f)\n\nThe step is $w_{{new}} = w - \\alpha\\nabla_w L$ {aside}.\n\n## Problem 2\n"
    assert grade_report_item(rubric, "p1.f.update", report).status == "review"


@pytest.mark.parametrize("answer, expected", [("w3*sigma'(x2)*sigma(x1)", "pass"), ("w3*sigma'(x2)*w2*sigma(x1)", "not")])
def test_a_sheets_answer_column_is_the_answer_not_its_working(rubric, answer: str, expected: str) -> None:
    rows = [["id", "question", "answer", "working"], ["1", "1(d)", "sigma(x2)", "w3 only multiplies it"],
            ["2", "1(e)", answer, "df/dw2 = w3*sigma'(x2)*sigma(x1) by the chain rule"]]
    report = "x1 = w1*x ; x2 = w2*sigma(x1)\n" + _csv(rows)
    status = grade_report_item(rubric, "p1.e.w2", _csv(rows), "sheet.csv").status
    assert (status == "pass") == (expected == "pass") or expected == "not" and status != "pass", (status, report)


@pytest.mark.parametrize("run, expected", [(r"\'b7x", "pass"), (r"{\deleted\revauthdel1 \'b7x}", "not")])
def test_a_tracked_deletion_in_rich_text_is_not_the_answer(rubric, run: str, expected: str) -> None:
    report = (r"{\rtf1\ansi{\fonttbl{\f0 Calibri;}}" "\n" r"\pard Problem 1\par" "\n"
              r"(d) df/dw3 = s(x2)\par" "\n"
              rf"(e) df/dw1 = w3 s(x2)(1 - s(x2)) w2 s(x1)(1 - s(x1)){run}\par" "\n"
              r"where s is the sigmoid, x1 = w1 x, x2 = w2 s(x1).\par" "\n}")
    status = grade_report_item(rubric, "p1.e.w1", report, "r.rtf").status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("w1, expected", [(r"w_2\,s_1^i(1-s_1^i)\,x^i", "not fail"), (r"w_2\,s_1^i(1-s_1^i)", "not")])
def test_a_shorthand_with_a_layer_index_and_a_data_points(rubric, w1: str, expected: str) -> None:
    """"$s_k^i = \\sigma(x_k^i)$": s_1^1, s_1^2, s_2^1, s_2^2, so the entries written with it are read and compared
    (the right ones are not yet confirmed: x_1^i, the handout's x_1 at a data point, goes to a person)."""
    report = ("# Problem 1\n\nSetup: $x_1 = w_1x$, $x_2 = w_2\\sigma_1(x_1)$, $f_w(x) = w_3\\sigma_2(x_2)$.\n\n"
              "## (e)\nwords\n\n## (f)\nAt data point $i$ I write $s_k^i = \\sigma(x_k^i)$ ($k = 1, 2$). Per component:\n\n"
              f"$$\\frac{{\\partial L}}{{\\partial w_1}}=\\sum_{{i=1}}^{{2}}2(f_w(x^i)-y^i)\\,w_3\\,s_2^i(1-s_2^i)\\,{w1}$$\n"
              "$$\\frac{\\partial L}{\\partial w_2}=\\sum_{i=1}^{2}2(f_w(x^i)-y^i)\\,w_3\\,s_2^i(1-s_2^i)\\,s_1^i$$\n"
              "$$\\frac{\\partial L}{\\partial w_3}=\\sum_{i=1}^{2}2(f_w(x^i)-y^i)\\,s_2^i$$\n\n"
              "i.e. $$\\nabla_w L=\\sum_{i=1}^{2}2(f_w(x^i)-y^i)\\,\\nabla_w f_w(x^i)$$\n\n# Problem 2\n")
    status = grade_report_item(rubric, "p1.f.grad", report).status
    assert status in ("pass", "review") if expected == "not fail" else status != "pass", status


@pytest.mark.parametrize("shape, expected", [("5 \\times 5 \\times 1", "pass"), ("5 \\times 5 \\times 20", "not")])
def test_a_count_of_filters_then_every_filters_shape(rubric, shape: str, expected: str) -> None:
    """"uses 20 filters, and every filter is \\(5 \\times 5 \\times 1\\)": one bank of 20 (never 5×5×1 with the width 24
    worked out after it)."""
    report = ("\\section*{Problem 2}\n(a) The input image is \\(28 \\times 28\\). The first convolution uses 20 filters, "
              f"and every filter is \\({shape}\\). Without padding and with stride 1 the width becomes \\(28-5+1=24\\), "
              "so after conv1 we have \\(24 \\times 24 \\times 20\\). The max-pooling halves it: \\(12 \\times 12 \\times 20\\).\n"
              "(b) words\n")
    status = grade_report_item(rubric, "p2.a", report, "r.tex").status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("dw1, expected", [("w₃ · a₂(1 − a₂) · w₂ · a₁(1 − a₁) · x", "pass"),
                                           ("w₃ · a₂(1 − a₂) · w₂ · x", "not")])
def test_a_path_through_the_graph_written_with_arrows_is_no_answer(rubric, dw1: str, expected: str) -> None:
    """"the chain is f ← a₂ ← z₂ ← a₁ ← z₁ ← w₁": names joined by arrows, no equation; the answer is the formula."""
    report = ("**Problem 1.** I write z₁ = w₁x, a₁ = σ(z₁), z₂ = w₂a₁, a₂ = σ(z₂), f = w₃a₂.\n\n**(d)** words\n\n"
              "**(e)** For the first weight the chain is f ← a₂ ← z₂ ← a₁ ← z₁ ← w₁, and multiplying the local "
              f"derivatives gives\n\n∂f/∂w₁ = {dw1}\n\n**(f)** words\n")
    status = grade_report_item(rubric, "p1.e.w1", report).status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("factor, expected", [("2", "pass"), ("3", "fail")])
def test_a_function_named_for_the_models_derivatives_by_name(rubric, factor: str, expected: str) -> None:
    """"g(x) := (df/dw1, df/dw2, df/dw3)": the derivatives at the input g is applied to, so g(x^1) is ∇f at x^1
    (it was read at x, and a right gradient failed)."""
    report = ("## Problem 1\n\n(f) Let $g(x) := (df/dw1, df/dw2, df/dw3)$ at the input x.\n\n"
              f"$$\\nabla_w L = {factor}(f_w(x^1)-y^1) g(x^1) + {factor}(f_w(x^2)-y^2) g(x^2)$$\n")
    assert grade_report_item(rubric, "p1.f.grad", report).status == expected
