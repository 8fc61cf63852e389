"""Readings from batch 57's terse sheets, batch 59 and red team 59 (a learning platform's quiz review, a form's
export of one response, key-value and JSON answer sheets, a change said only in words after the answer, Word's
tracked deletions after other control words, a Word page's equation after a blanked comment, "d out / d w2",
out^1 for the model's output at the first data point, a stride that is an operand of the size formula): each
reading with a twin it must not pass."""
from __future__ import annotations

import json

import pytest

from tests.helpers import grade_report_item

RIGHT_W1 = "w3 * s(b)(1-s(b)) * w2 * s(a)(1-s(a)) * x"
SHORT_W1 = "w3 * s(b)(1-s(b)) * w2 * s(a)(1-s(a))"

QUIZ = """Quiz: HW3 written part
Started on: Tuesday, 15 October 2019, 9:02 PM

Question 4
Complete
Marked out of 1.00
Question text: (d) Compute df/dw3.
Response:
Call a = w1 x, b = w2 s(a), s = sigma. df/dw3 = s(b)

Question 5
Complete
Marked out of 2.00
Question text: (e) Compute df/dw2 and df/dw1.
Response:
df/dw2 = w3 * s(b)(1-s(b)) * s(a)
df/dw1 = {w1}

Question 7
Complete
Marked out of 1.00
Question text: Problem 2 (a) Input, conv1 filter, output after conv1 and after pooling.
Response:
input 28 x 28, conv1 filters 5 x 5 x 1 (20 of them), after conv1 24 x 24 x 20, after pooling {pool}
"""


@pytest.mark.parametrize("item, w1, pool, expected", [
    ("p1.e.w1", RIGHT_W1, "12 x 12 x 20", "pass"), ("p1.e.w1", SHORT_W1, "12 x 12 x 20", "fail"),
    ("p2.a", RIGHT_W1, "12 x 12 x 20", "pass"), ("p2.a", RIGHT_W1, "12 x 12 x 50", "fail")])
def test_a_quiz_reviews_question_numbers_are_the_quizs_and_its_question_text_labels_the_part(
        rubric, item: str, w1: str, pool: str, expected: str) -> None:
    status = grade_report_item(rubric, item, QUIZ.format(w1=w1, pool=pool), "quiz.txt").status
    assert status == expected or expected == "fail" and status == "partial", status


FORM_HEAD = ('Timestamp,Name,"1(d) df/dw3 = ?","1(e) df/dw2 = ?","1(e) df/dw1 = ?",'
             '"2(c) Number of parameters per layer and total"\n')
FORM_ROW = ('2019/10/14,Choi,"a = w1*x, b = w2*s(a), s = sigma; df/dw3 = s(b)","df/dw2 = w3 * s(b)(1-s(b)) * s(a)",'
            '"df/dw1 = {w1}","conv1 520, relu1 0, pool1 0, conv2 25050, relu2 0, pool2 0, fc1 400500, fc2 5010, '
            'total 431080"\n')


@pytest.mark.parametrize("w1, expected", [(RIGHT_W1, "pass"), (SHORT_W1, "fail")])
def test_a_forms_export_of_one_response_is_read_question_by_question(rubric, w1: str, expected: str) -> None:
    status = grade_report_item(rubric, "p1.e.w1", FORM_HEAD + FORM_ROW.format(w1=w1), "export.csv").status
    assert status == expected or expected == "fail" and status == "partial", status


def test_a_forms_export_of_several_responses_is_no_one_students_answers(rubric) -> None:
    sheet = FORM_HEAD + FORM_ROW.format(w1=RIGHT_W1) + FORM_ROW.format(w1=SHORT_W1)
    assert grade_report_item(rubric, "p1.e.w1", sheet, "export.csv").status != "pass"


KEYS = """notation: s(u) = 1/(1+exp(-u)) ; a = w1*x ; h = s(a) ; o = s(w2*h) ; f = w3*o
p1_b_i: exp(-u) / (1 + exp(-u))**2
p1_b_ii: s(u) * (1 - s(u))
p1_d: {d}
p1_e_w2: w3 * o*(1-o) * h
p1_e_w1: {w1}
p2_c_conv1: 520
"""


@pytest.mark.parametrize("item, d, w1, expected", [
    ("p1.e.w1", "o = s(w2*s(w1*x))", "w3 * o*(1-o) * w2 * h*(1-h) * x", "pass"),
    ("p1.e.w1", "o = s(w2*s(w1*x))", "w3 * o*(1-o) * w2 * h*(1-h)", "fail"),
    ("p1.d", "o = s(w2*s(w1*x))", "w3", "pass"),  # the hand-in's own name for the node, with what it is
    ("p1.d", "h = s(w1*x)", "w3", "fail")])
def test_a_key_value_sheets_keys_are_read_as_labels(rubric, item: str, d: str, w1: str, expected: str) -> None:
    status = grade_report_item(rubric, item, KEYS.format(d=d, w1=w1), "answers.txt").status
    assert status == expected or expected == "fail" and status == "partial", status


def _json_sheet(dw1: str) -> str:
    return json.dumps({
        "notation": "x_1 = w_1 x, x_2 = w_2 \\sigma_1(x_1)",
        "1e_w2": "\\frac{\\partial f}{\\partial \\sigma_2}\\frac{\\partial \\sigma_2}{\\partial x_2}"
                 "\\frac{\\partial x_2}{\\partial w_2} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)",
        "1f_grad": {"dL/dw1": "\\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\\; " + dw1,
                    "dL/dw2": "\\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\\; w_3\\sigma_2'(x_2^i)\\,\\sigma_1(x_1^i)",
                    "dL/dw3": "\\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\\; \\sigma_2(x_2^i)"},
        "1f_update": "w \\leftarrow w - \\alpha \\nabla_w L"})


@pytest.mark.parametrize("item, dw1, expected", [
    ("p1.e.w2", "w_3\\sigma_2'(x_2^i)\\,w_2\\,\\sigma_1'(x_1^i)\\,x^i", "pass"),
    ("p1.f.grad", "w_3\\sigma_2'(x_2^i)\\,w_2\\,\\sigma_1'(x_1^i)\\,x^i", "pass"),
    ("p1.f.grad", "w_3\\sigma_2'(x_2^i)\\,w_2\\,\\sigma_1'(x_1^i)", "fail")])
def test_a_json_answer_sheet_is_read_key_by_key(rubric, item: str, dw1: str, expected: str) -> None:
    status = grade_report_item(rubric, item, _json_sheet(dw1), "answers.json").status
    assert status == expected or expected == "fail" and status == "partial", status


def test_a_json_file_that_is_no_answer_sheet_answers_nothing(rubric) -> None:
    assert grade_report_item(rubric, "p1.d", '{"loss": [0.3, 0.2], "accuracy": 0.99}', "metrics.json").status \
        == "review"
    assert grade_report_item(rubric, "p1.d", "[" * 5000 + "]" * 5000, "deep.json").status == "review"


CITED = """x1 := w1 x,  x2 := w2 σ1(x1)
1d: σ2(w2σ1(w1x))
1e(w2): w3 σ2(x2)(1−σ2(x2)) σ1(x1)
1e(w1): {w1}
1f(grad): ∇_w L = Σ_{{i=1}}^{{2}} 2(f_w(x^i) − y^i) ∇_w f_w(x^i),   ∇_w f_w(x^i) = [1e(w1), 1e(w2), 1d]^T at x = x^i
"""


@pytest.mark.parametrize("w1, expected", [("w3 σ2(x2)(1−σ2(x2)) w2 σ1(x1)(1−σ1(x1)) x", "pass"),
                                          ("w3 σ2(x2)(1−σ2(x2)) w2 σ1(x1)(1−σ1(x1))", "fail")])
def test_a_vector_whose_entries_cite_the_hand_ins_own_labels_states_nothing_new(rubric, w1: str,
                                                                                expected: str) -> None:
    status = grade_report_item(rubric, "p1.e.w1", CITED.format(w1=w1), "answers.txt").status
    assert status == expected or expected == "fail" and status == "partial", status


WORDS_AFTER = """Let $x_1 = w_1x$, $x_2 = w_2\\sigma_1(x_1)$.

## 1 (b)

(i) $$\\frac{{d\\sigma_1}}{{du}} = \\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}$$

(ii) $$\\frac{{d\\sigma_1}}{{du}} = \\sigma_1(u)(1-\\sigma_1(u))$$

{bii}

## 1 (e)

$$\\frac{{\\partial f}}{{\\partial w_1}} = w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,
\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x$$

{after}

## 1 (f)

$$\\nabla_w L = \\sum_{{i=1}}^{{2}} 2\\,(f_w(x^i) - y^i)\\,\\nabla_w f_w(x^i)$$
"""


@pytest.mark.parametrize("after, expected", [
    ("", "pass"),
    ("Here the last factor is $\\partial x_1/\\partial w_1 = x$.", "pass"),
    ("The two minus signs cancel, since the chain rule gives $-(-1)$.", "pass"),
    ("(I was told the trailing $x$ is not needed, so I leave it off in my final answer.)", "review"),
    ("Final: same as above but without the last x.", "review"),
    ("I think we don't need $w_2$ there actually.", "review"),
    ("My final answer is the expression above divided by $x$.", "review"),
    ("EDIT: removed the x, it belongs to (f) only.", "review"),
    ("EDIT: forgot the $w_2$: $\\frac{\\partial f}{\\partial w_1} = w_3 w_2 x$", "fail"),  # written out: read
    ("P.S. in (f) I forgot to multiply by 2 the first time.", "pass")])  # about another part
def test_a_change_said_only_in_words_after_the_answer_goes_to_a_person(rubric, after: str,
                                                                      expected: str) -> None:
    status = grade_report_item(rubric, "p1.e.w1", WORDS_AFTER.format(bii="", after=after), "report.md").status
    assert status == expected or expected == "fail" and status == "partial", status


@pytest.mark.parametrize("bii, expected", [("", "pass"), ("In (i) I dropped a minus: the whole fraction gets a minus "
                                                          "sign in front.", "review")])
def test_a_change_said_in_words_under_another_label_that_names_the_part_goes_to_a_person(rubric, bii: str,
                                                                                        expected: str) -> None:
    status = grade_report_item(rubric, "p1.b.i", WORDS_AFTER.format(bii=bii, after=""), "report.md").status
    assert status == expected, status


def test_counts_taken_back_in_words_go_to_a_person(rubric) -> None:
    counts = ("## 2 (c)\n\n| layer | params |\n|---|---|\n| conv1 | 520 |\n| relu1 | 0 |\n| pool1 | 0 |\n"
              "| conv2 | 25050 |\n| relu2 | 0 |\n| pool2 | 0 |\n| fc1 | 400500 |\n| fc2 | 5010 |\n| total | 431080 |\n")
    assert grade_report_item(rubric, "p2.c", counts, "report.md").status == "pass"
    taken = counts + "\nThe question says weights, so take the +1 out of every row (and the total accordingly).\n"
    assert grade_report_item(rubric, "p2.c", taken, "report.md").status == "review"


RTF = ("{\\rtf1\\ansi\\deff0 {\\fonttbl{\\f0 Calibri;}}\\pard (e) df/dw1 = w3 s(x2)(1-s(x2)) w2 s(x1)(1-s(x1))"
       "{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\%s\\revauth1 \\'b7x}\\par where x1 = w1 x, x2 = w2 s(x1), s = sigma\\par}")


@pytest.mark.parametrize("run, expected", [("b", "pass"), ("deleted", "fail")])
def test_words_tracked_deletion_after_other_control_words_is_not_read(rubric, run: str, expected: str) -> None:
    status = grade_report_item(rubric, "p1.e.w1", RTF % run, "report.rtf").status
    assert status == expected or expected == "fail" and status == "partial", status


WORD_HTML = ("<html><body><h2>(d)</h2><p class=MsoNormal align=center><!--[if gte msEquation 12]><m:oMath>" + " " * 300
             + "</m:oMath><![endif]--><![if !msEquation]><span>∂𝑓/∂𝑤₃=𝜎₂(𝑤₂𝜎₁(𝑤₁𝑥)){tail}</span><![endif]></p>"
             "</body></html>")


@pytest.mark.parametrize("tail, expected", [("", "pass"), ("⋅𝑤₃", "fail")])
def test_a_word_pages_equation_after_its_blanked_office_math_is_read(rubric, tail: str, expected: str) -> None:
    status = grade_report_item(rubric, "p1.d", WORD_HTML.format(tail=tail), "report.html").status
    assert status == expected or expected == "fail" and status == "partial", status


GDOC = """* z1 \\= w1\\*x, a1 \\= s\\(z1\\), z2 \\= w2\\*a1, a2 \\= s\\(z2\\), out \\= w3\\*a2, s is the sigmoid

**\\(e\\)**

d out / d w2 \\= \\(d out / d a2\\) \\* \\(d a2 / d z2\\) \\* \\(d z2 / d w2\\)

          \\= **{w2}**
"""


@pytest.mark.parametrize("w2, expected", [("w3 \\* a2 \\* \\(1 \\- a2\\) \\* a1", "pass"),
                                          ("w3 \\* a2 \\* \\(1 \\+ a2\\) \\* a1", "fail")])
def test_a_derivative_typed_with_spaces_names_its_line(rubric, w2: str, expected: str) -> None:
    status = grade_report_item(rubric, "p1.e.w2", GDOC.format(w2=w2), "report.md").status
    assert status == expected or expected == "fail" and status == "partial", status


POINTS = """Let h = σ(w1 x), out = w3 σ(w2 h).

(f) ∇L = -2 [ (y^1 - out^1) ∇f(x^1) + (y^2 - {second}) ∇f(x^2) ]
"""


@pytest.mark.parametrize("second, expected", [("out^2", "pass"), ("out^1", "fail")])
def test_the_outputs_name_with_a_data_points_mark_is_the_output_at_that_point(rubric, second: str,
                                                                              expected: str) -> None:
    status = grade_report_item(rubric, "p1.f.grad", POINTS.format(second=second), "report.txt").status
    assert status == expected or expected == "fail" and status == "partial", status


@pytest.mark.parametrize("line, expected", [
    ("out = (in - k + 2p)/stride + 1 → 8 = (12 - k)/1 + 1 → k = 5. So: filter 5x5, stride 1, no padding, "
     "channel dim 20, 50 filters", "pass"),
    ("out = (in - k + 2p)/stride + 1 → 8 = (12 - k)/1 + 1 → k = 5. So: filter 5x5, stride 2, no padding, "
     "channel dim 20, 50 filters", "fail"),
    ("conv2 uses **5×5** filters, **stride 1**, **no padding**, channel dimension **20**, 50 filters", "pass")])
def test_a_stride_in_the_size_formula_is_an_operand_not_a_value(rubric, line: str, expected: str) -> None:
    status = grade_report_item(rubric, "p2.b", f"## 2 (b)\n\n{line}\n", "report.md").status
    assert status == expected or expected == "fail" and status == "partial", status


@pytest.mark.parametrize("update, expected", [('w^("neu") = w - alpha grad_w L(w)', "pass"),
                                              ('w^("neu") = w + alpha grad_w L(w)', "fail")])
def test_asciimaths_quoted_superscript_names_the_new_weights(rubric, update: str, expected: str) -> None:
    report = f"## (f)\n\n$\\nabla L = \\sum_i 2(f(x^i)-y^i)\\nabla f(x^i)$\n\nGradientenabstieg:\n\n$${update}$$\n"
    status = grade_report_item(rubric, "p1.f.update", report, "report.md").status
    assert status == expected or expected == "fail" and status == "partial", status


@pytest.mark.parametrize("sign, expected", [("-", "pass"), ("+", "fail")])
def test_a_thin_space_before_a_quad_is_no_separator(rubric, sign: str, expected: str) -> None:
    report = ("\\subsection*{(f)}\n\\[\n  \\boxed{\\,w^{(t+1)} = w^{(t)} " + sign
              + " \\alpha\\,\\nabla_w L\\bigl(w^{(t)}\\bigr)\\,}\n  \\qquad\\text{i.e.}\\qquad\n"
              "  w_k \\leftarrow w_k " + sign + " \\alpha\\,\\frac{\\partial L}{\\partial w_k},\\quad k=1,2,3 .\n\\]\n")
    status = grade_report_item(rubric, "p1.f.update", report, "report.tex").status
    assert status == expected or expected == "fail" and status == "partial", status


@pytest.mark.parametrize("w2, expected", [("σ2 (x2 )(1 − σ2 (x2 )) · σ1 (x1 )", "pass"),
                                          ("σ2 (x2 )(1 + σ2 (x2 )) · σ1 (x1 )", "fail")])
def test_a_pdf_copys_space_before_a_functions_bracket_is_no_product(rubric, w2: str, expected: str) -> None:
    report = f"Throughout, I write x1 = w1 x and x2 = w2 σ1 (x1 ).\n\n(e) ∂f/∂w2 = w3 · {w2}\n"
    status = grade_report_item(rubric, "p1.e.w2", report, "report.txt").status
    assert status == expected or expected == "fail" and status == "partial", status


@pytest.mark.parametrize("total, expected", [("431\\,080", "pass"), ("430\\,500", "fail")])
def test_a_tabulars_multicolumn_total_in_bold_is_read(rubric, total: str, expected: str) -> None:
    rows = ("conv1 & $520$ \\\\\nrelu1 & $0$ \\\\\npool1 & $0$ \\\\\nconv2 & $25\\,050$ \\\\\nrelu2 & $0$ \\\\\n"
            "pool2 & $0$ \\\\\nfc1 & $400\\,500$ \\\\\nfc2 & $5\\,010$ \\\\\n")
    report = ("\\section*{Problem 2}\n\\subsection*{(c)}\n\\begin{tabular}{lr}\nlayer & total \\\\\n" + rows
              + "\\multicolumn{1}{l}{\\textbf{sum}} & $\\boxed{" + total + "}$ \\\\\n\\end{tabular}\n")
    status = grade_report_item(rubric, "p2.c", report, "report.tex").status
    assert status == expected or expected == "fail" and status == "partial", status


TABLE_NAMES = """| my name | definition | what it is |
|---|---|---|
| `a` | w1 · x | pre-activation of the first sigmoid |
| `h` | σ(a) | output of the first sigmoid |
| `z` | w2 · h | pre-activation of the second sigmoid |
| `g` | σ(z) | output of the second sigmoid |

### 1(e)

∂f/∂w2 = w3 · {w2}
"""


@pytest.mark.parametrize("w2, expected", [("σ(z)(1 − σ(z)) · h", "pass"), ("σ(z)(1 − σ(z)) · a", "fail")])
def test_a_names_table_with_code_names_and_plain_formulas_defines_them(rubric, w2: str, expected: str) -> None:
    status = grade_report_item(rubric, "p1.e.w2", TABLE_NAMES.format(w2=w2), "report.md").status
    assert status == expected or expected == "fail" and status == "partial", status


@pytest.mark.parametrize("text, kind", [
    ("Question 1\nComplete\n" + "Question text: x\n" * 20_000 + "Response:\n", None),
    ("p1_b_i: 1\n" * 20_000, None), ("(e) $a=b$\n\n" + "leave " + "x " * 30_000 + "off\n", None),
    ("(e) $a=b$\n\n" + "drop the " * 20_000, None), ("d " * 30_000 + "/ d", None), ("σ " * 30_000 + "(", None),
    ('$w^("' * 20_000 + "$", None), ("## 2 (b)\n" + "(in - k)/stride " * 10_000, None),
    ("(f)\n" + "dL/dw1:" * 20_000 + " $x$", None), ('{"a":' * 3_000 + "1" + "}" * 3_000, "json"),
    ("{\\rtf1 " + "{\\b " * 20_000 + "\\deleted x}", "rtf"),
    (",".join(f'"1({chr(97 + i % 6)}) q"' for i in range(3_000)) + "\n" + ",".join("x" * 3_000) + "\n", "csv")])
def test_this_stops_readings_take_bounded_time_on_hostile_text(text: str, kind: str | None) -> None:
    import time

    from grader.reading.document import read_document

    start = time.perf_counter()
    read_document(text, kind)
    assert time.perf_counter() - start < 20


@pytest.mark.parametrize("after, expected", [
    ("Since $x$ is just the input, in the final answer I omit the $x$.", "review"),
    ("Note: the last factor $x$ does not belong there, my final answer is the first four factors.", "review"),
    ("(the exponent is $+u$ everywhere, the minus sign was a typo)", "review"),
    ("Since $x_1$ depends on $w_1$, the factor $x$ comes from $\\partial x_1/\\partial w_1$.", "pass"),
    ("Both sigmoids are the same function, which I call $\\sigma$ instead of $\\sigma_1$ and $\\sigma_2$.", "pass")])
def test_a_change_in_other_words_after_the_answer_goes_to_a_person(rubric, after: str, expected: str) -> None:
    status = grade_report_item(rubric, "p1.e.w1", WORDS_AFTER.format(bii="", after=after), "report.md").status
    assert status == expected, status


def test_a_json_key_written_twice_keeps_both_answers(rubric) -> None:
    once = ('{"notation": "x_1 = w_1 x, x_2 = w_2 \\\\sigma_1(x_1)", '
            '"1e_w1": "w_3\\\\sigma_2(x_2)(1-\\\\sigma_2(x_2)) w_2 \\\\sigma_1(x_1)(1-\\\\sigma_1(x_1)) x", "1d": "a"}')
    assert grade_report_item(rubric, "p1.e.w1", once, "answers.json").status == "pass"
    twice = once.replace('"1d"', '"1e_w1": "w_3\\\\sigma_2(x_2)(1-\\\\sigma_2(x_2)) x", "1d"')
    assert grade_report_item(rubric, "p1.e.w1", twice, "answers.json").status != "pass"


YAML = """# x_1 = w_1 x,  x_2 = w_2 \\sigma_1(x_1)
problem2:
  a:
    input: "28 x 28"
    conv1_filter: "5 x 5 x 1, 20 filters"
    after_conv1: "24 x 24 x 20"
    after_pool: "{pool}"
problem1:
  e_w1: 'w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,{last}'
"""


@pytest.mark.parametrize("item, pool, last, expected", [
    ("p1.e.w1", "12 x 12 x 20", "x", "pass"), ("p1.e.w1", "12 x 12 x 20", "w_1", "fail"),
    ("p2.a", "12 x 12 x 20", "x", "pass"), ("p2.a", "12 x 12 x 50", "x", "fail")])
def test_a_nested_yaml_sheet_is_read_with_its_comments(rubric, item: str, pool: str, last: str,
                                                       expected: str) -> None:
    status = grade_report_item(rubric, item, YAML.format(pool=pool, last=last), "answers.yaml").status
    assert status == expected or expected == "fail" and status == "partial", status


def test_a_quiz_remark_that_names_a_question_by_number_reaches_its_part(rubric) -> None:
    remark = ("\nQuestion 9\nComplete\nMarked out of 0.00\nQuestion text: Any remarks on your answers above?\n"
              "Response:\n"
              "For Question 5, the second formula: I forgot to remove the x, it should not be in it.\n")
    quiz = QUIZ.format(w1=RIGHT_W1, pool="12 x 12 x 20")
    assert grade_report_item(rubric, "p1.e.w1", quiz, "quiz.txt").status == "pass"
    assert grade_report_item(rubric, "p1.e.w1", quiz + remark, "quiz.txt").status == "review"


@pytest.mark.parametrize("rerun, expected", [("", "pass"), ("(1e_w1) (after fixing a bug) df/dw1 = w3*s(b)*(1-s(b))*w2"
                                                            "*s(a)*(1+s(a))*x\n", "review")])
def test_an_answer_key_printed_again_corrects_the_first(rubric, rerun: str, expected: str) -> None:
    printed = ("a = w1*x, b = w2*s(a), s = sigma\n(1b_i) ds/du = exp(-u)/(1+exp(-u))**2\n"
               "(1b_ii) ds/du = s(u)*(1-s(u))\n"
               "(1e_w2) df/dw2 = w3*s(b)*(1-s(b))*s(a)\n(1e_w1) df/dw1 = w3*s(b)*(1-s(b))*w2*s(a)*(1-s(a))*x\n" + rerun)
    assert grade_report_item(rubric, "p1.e.w1", printed, "out.txt").status == expected


@pytest.mark.parametrize("answer, expected", [("σ1(u)(1 − σ1(u))", "pass"), ("σ1(u)(1 + σ1(u))", "fail"),
                                              ("s(u)·(1 − s(u)), where s = σ1", "pass"),
                                              ("s(u)·(1 + s(u)), where s = σ1", "fail")])
def test_a_formula_alone_under_a_questions_heading_is_its_answer(rubric, answer: str, expected: str) -> None:
    report = f"### Problem 1(b)(ii): dσ1/du written with σ1 only.\n\n{answer}\n"
    status = grade_report_item(rubric, "p1.b.ii", report, "report.md").status
    assert status == expected or expected == "fail" and status == "partial", status


@pytest.mark.parametrize("strike, expected", [("{\\f0 \\strike \\'b7x_1\\strike0 \\'b7x}", "pass"),
                                              ("{\\f0 \\strike \\'b7x}", "fail")])
def test_a_strike_switched_off_inside_its_run_shows_what_follows(rubric, strike: str, expected: str) -> None:
    rtf = ("{\\rtf1\\ansi\\deff0 {\\fonttbl{\\f0 Calibri;}}\\pard (e) df/dw1 = w3 s(x2)(1-s(x2)) w2 s(x1)(1-s(x1))"
           + strike + "\\par where x1 = w1 x, x2 = w2 s(x1), s = sigma\\par}")
    status = grade_report_item(rubric, "p1.e.w1", rtf, "report.rtf").status
    assert status == expected or expected == "fail" and status == "partial", status


def test_a_yaml_sheet_with_anchors_is_read_as_text_in_bounded_time(rubric) -> None:
    """Aliases can multiply a small YAML file into a huge one ("billion laughs"): such a sheet is read as text."""
    import time

    from grader.reading.document import read_document

    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + k)}: &{chr(98 + k)} [*{chr(97 + k)},*{chr(97 + k)},*{chr(97 + k)},*{chr(97 + k)},*{chr(97 + k)}]\n"
        for k in range(9))
    start = time.perf_counter()
    read_document(bomb + "p1_d: x\n" * 3, "yaml")
    assert time.perf_counter() - start < 10
    assert grade_report_item(rubric, "p1.d", bomb, "answers.yaml").status == "review"
