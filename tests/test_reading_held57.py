"""Readings from red team 56 and batch 57 (answer-table notes that change their answer, words under an answer
that say what it lacks, a doubted line under it, "so the same derivative is", channels said twice, a handout
name redefined, chat transcripts, "sig for the logistic function", arrows that mark the answer): each reading
with a twin it must not pass."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

TABLE = """| part | answer | note |
|---|---|---|
| notation | $x_1 = w_1x$, $x_2 = w_2\\sigma_1(x_1)$, $f = w_3\\sigma_2(x_2)$ | |
| 1(b)(i) | $\\dfrac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}$ | quotient rule on $1/(1+e^{{-u}})$ |
| 1(d) | $\\sigma_2(x_2)$ | $f$ is linear in $w_3$ |
| 1(e) $w_2$ | {w2} | {note} |
| 1(e) $w_1$ | $w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x$ | one more link |
"""
RIGHT_W2 = "$w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)$"
CHAIN_W2 = ("$\\frac{\\partial f}{\\partial \\sigma_2}\\frac{\\partial \\sigma_2}{\\partial x_2}"
            "\\frac{\\partial x_2}{\\partial w_2}$")


@pytest.mark.parametrize("w2, note, expected", [
    (RIGHT_W2, "$\\frac{\\partial f}{\\partial \\sigma_2}\\frac{\\partial \\sigma_2}{\\partial x_2}$", "pass"),
    (RIGHT_W2, "$\\cdot\\,w_2$ at the end, ran out of space", "review"),  # the note finishes the answer
    (RIGHT_W2, "forgot the $w_2$ here", "review"),
    (RIGHT_W2, "with (b)(ii): $= w_3\\,\\sigma_2(x_2)(1+\\sigma_2(x_2))\\,\\sigma_1(x_1)$", "review"),
    (CHAIN_W2, "$= w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)$", "pass"),  # the note works the chain out
    (CHAIN_W2, "$= w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)$", "fail")])
def test_an_answer_tables_note_that_changes_or_works_out_its_answer_is_read(rubric, w2: str, note: str,
                                                                            expected: str) -> None:
    status = grade_report_item(rubric, "p1.e.w2", TABLE.format(w2=w2, note=note), "answers.md").status
    assert status == expected or expected == "fail" and status == "partial", status


def test_a_spreadsheet_formula_in_a_notes_column_changes_no_count(rubric) -> None:
    sheet = ("| part | answer | note |\n|---|---|---|\n| 2(c) conv1 | 520 | =SUM(B2:B3) |\n| 2(c) relu1 | 0 | |\n"
             "| 2(c) pool1 | 0 | |\n| 2(c) conv2 | 25050 | = (5·5·20+1)·50 |\n| 2(c) relu2 | 0 | |\n"
             "| 2(c) pool2 | 0 | |\n| 2(c) fc1 | 400500 | |\n| 2(c) fc2 | 5010 | |\n| 2(c) total | 431080 | |\n")
    assert grade_report_item(rubric, "p2.c", sheet, "answers.md").status == "pass"
    doubted = sheet.replace("| 2(c) total | 431080 | |", "| 2(c) total | 431080 | not sure, maybe without biases |")
    assert grade_report_item(rubric, "p2.c", doubted, "answers.md").status == "review"


PLAIN = """s(u) = 1/(1+e^-u), x1 = w1 x, x2 = w2 s(x1), f = w3 s(x2)

(d) df/dw3 = s(x2)

(e) df/dw2 = w3 s(x2)(1 - s(x2)) s(x1)
{under}
    df/dw1 = w3 s(x2)(1 - s(x2)) w2 s(x1)(1 - s(x1)) x

(f) grad L = sum_{{i=1,2}} 2 (f(x^i) - y^i) grad_w f(x^i)
"""


@pytest.mark.parametrize("under, expected", [
    ("", "pass"), ("    (the last factor is dx2/dw2)", "pass"),
    ("    ^ missing the w2 from x2 = w2 s(x1)", "review"), ("    (forgot: times w2)", "review"),
    ("    w3 s(x2)(1 - s(x2)) w2 s(x1) ?", "review"), ("    (times w2 ??)", "review"),
    ("    hmm w3 s(x2)(1 - s(x2)) w2 s(x1) maybe", "review")])
def test_a_line_under_an_answer_that_says_what_it_lacks_or_doubts_it_goes_to_a_person(rubric, under: str,
                                                                                     expected: str) -> None:
    assert grade_report_item(rubric, "p1.e.w2", PLAIN.format(under=under), "r.txt").status == expected


def test_a_late_sentence_that_names_the_derivative_and_what_it_lacks_sends_it_to_a_person(rubric) -> None:
    text = PLAIN.format(under="")
    assert grade_report_item(rubric, "p1.e.w2", text, "r.txt").status == "pass"
    late = text + "\nChecking with autograd, my df/dw2 was short of a factor w2.\n"
    assert grade_report_item(rubric, "p1.e.w2", late, "r.txt").status == "review"


@pytest.mark.parametrize("conclusion, expected", [
    ("w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x", "pass"),
    ("w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))", "review")])  # lost x
def test_so_the_same_derivative_is_makes_its_formula_the_answers_last_side(rubric, conclusion: str,
                                                                            expected: str) -> None:
    text = ("$x_1 = w_1x$, $x_2 = w_2\\sigma_1(x_1)$\n\n**(e)** "
            "$\\dfrac{\\partial f}{\\partial w_1} = w_3\\,\\sigma_2'(x_2)\\,w_2\\,\\sigma_1'(x_1)\\,x$, "
            f"so the same derivative is ${conclusion}$\n")
    assert grade_report_item(rubric, "p1.e.w1", text, "r.md").status == expected


@pytest.mark.parametrize("line, expected", [
    ("filter 5x5, stride 1, channel dim (the 50 filters give 50 output maps) 20", "pass"),
    ("filter 5x5, stride 1, channel dim (the 20 input channels become) 50", "partial"),
    ("filter 5x5, stride 1, channels: 20 -> 50 (in -> out)", "pass"),
    ("filter 5x5, stride 1, channels: 20 -> 50, channel dim of the filter = 50", "review"),
    ("5 × 5 filters, stride 1, and each filter has channel depth 20 (to match the input)", "pass"),
    ("5 × 5 filters, stride 1, and each filter has channel depth 50", "partial")])
def test_conv2s_channels_said_after_an_aside_or_twice(rubric, line: str, expected: str) -> None:
    text = ("2(a) input 28x28; conv1 filter 5x5x1, 20 filters; after conv1 24x24x20; after pool 12x12x20\n\n"
            f"2(b) {line}\n")
    status = grade_report_item(rubric, "p2.b", text, "r.txt").status
    assert status == expected or expected == "partial" and status == "fail", status


NAMES = """# hw3 answers
# names{aside}: x1 = w2*s(x2), x2 = w1*x, f = w3*s(x1)
#        s(u) = 1/(1+e^-u)

1d: df/dw3 = s(x1)
1e_w2: df/dw2 = {w2}
"""


@pytest.mark.parametrize("aside", ["", " (numbered from the output end, like the backward pass)"])
@pytest.mark.parametrize("w2, expected", [("w3 * s(x1)(1-s(x1)) * s(x2)", "pass"),
                                          ("w3 * s(x2)(1-s(x2)) * s(x1)", "fail")])
def test_names_defined_in_a_comment_heading_with_an_aside_are_the_students(rubric, aside: str, w2: str,
                                                                          expected: str) -> None:
    status = grade_report_item(rubric, "p1.e.w2", NAMES.format(aside=aside, w2=w2), "r.txt").status
    assert status == expected or expected == "fail" and status == "partial", status


def test_the_model_stated_with_another_node_sends_answers_using_that_name_to_a_person(rubric) -> None:
    """"f = w_3 σ(x_1)": with the handout's x_1 it is not the model, so the hand-in's x_1 is another node."""
    answer = "$\\dfrac{\\partial f}{\\partial w_2} = w_3\\,\\sigma(x_2)(1-\\sigma(x_2))\\,\\sigma(x_1)$"
    handout = f"On a $f = w_3\\,\\sigma(x_2)$.\n\n**(e)** {answer}\n"
    assert grade_report_item(rubric, "p1.e.w2", handout, "r.md").status == "pass"
    other = f"On a $f = w_3\\,\\sigma(x_1)$.\n\n**(e)** {answer}\n"
    assert grade_report_item(rubric, "p1.e.w2", other, "r.md").status == "review"


TRANSCRIPT = """**Q:** (b) asks for dσ1/du in terms of σ1.

**A:** Split the fraction. So

    (ii) dσ1/du = {bii}

---

**Q:** (d) ∂f/∂w3 — is it just the last sigmoid?

**A:** Yes: ∂f/∂w3 = σ2(w2 · σ1(w1 · x))

---

**Q:** Now Problem 2. (a) Input and conv1?

**A:** input 28 × 28; conv1 filter 5 × 5 × 1 (20 of them); after conv1 24 × 24 × 20; after pool {pool}
"""


@pytest.mark.parametrize("item, bii, pool, expected", [
    ("p1.b.ii", "σ1(u) · (1 − σ1(u))", "12 × 12 × 20", "pass"),
    ("p1.b.ii", "σ1(u) · (1 + σ1(u))", "12 × 12 × 20", "fail"),
    ("p2.a", "σ1(u) · (1 − σ1(u))", "12 × 12 × 20", "pass"), ("p2.a", "σ1(u) · (1 − σ1(u))", "4 × 4 × 50", "partial")])
def test_a_chat_transcripts_question_turns_carry_the_part_labels(rubric, item: str, bii: str, pool: str,
                                                                 expected: str) -> None:
    status = grade_report_item(rubric, item, TRANSCRIPT.format(bii=bii, pool=pool), "chat.md").status
    assert status == expected or expected == "partial" and status == "fail", status


@pytest.mark.parametrize("answer, expected", [("w3 * sig2(u2)(1 - sig2(u2)) * sig1(u1)", "pass"),
                                              ("w3 * sig2(u2)(1 + sig2(u2)) * sig1(u1)", "fail")])
def test_sig_said_to_stand_for_the_logistic_function_is_the_sigmoid(rubric, answer: str, expected: str) -> None:
    text = ("I'm using u1 = w1*x, u2 = w2*sig(u1) as shorthand, and sig for the logistic function "
            f"(sig1 = sig2 = sig).\n\n(e) df/dw2 = {answer}\n")
    status = grade_report_item(rubric, "p1.e.w2", text, "mail.txt").status
    assert status == expected or expected == "fail" and status == "partial", status


@pytest.mark.parametrize("answer, expected", [("w3 * sigma'(x2) * h = w3 * sigma2'(x2) * sigma1(x1)", "pass"),
                                              ("w3 * sigma'(x2) * h = w3 * sigma2'(x2) * sigma1(x1) * w2", "review")])
def test_an_arrow_that_marks_the_final_answer_is_no_part_of_it(rubric, answer: str, expected: str) -> None:
    text = ("    x1 = w1 * x\n    h  = sigma1(x1)\n    x2 = w2 * h\n\n(e) df/dw2.\n\n"
            "    My first line was: df/dw2 = w3 * h. Wait, no, with all the links:\n\n"
            f"    ==> (e)  df/dw2 = {answer}\n")
    assert grade_report_item(rubric, "p1.e.w2", text, "r.txt").status == expected


@pytest.mark.parametrize("note, expected", [
    ("$f$ is linear in $w_3$", "pass"), ("through $\\sigma_1$ as well", "pass"),
    ("and $\\cdot\\,w_2$ from $\\partial x_2/\\partial\\sigma_1$", "review"),  # a factor still to come
    ("brakuje jeszcze $w_2$", "review"), ("ohne das $x$ am Ende", "review"), ("最後に $w_2$ をかける", "review")])
def test_a_note_that_names_a_factor_in_any_language_sends_its_row_to_a_person(rubric, note: str,
                                                                              expected: str) -> None:
    status = grade_report_item(rubric, "p1.e.w2", TABLE.format(w2=RIGHT_W2, note=note), "answers.md").status
    assert status == expected, status


def test_an_expanded_column_that_disagrees_with_the_answer_goes_to_a_person(rubric) -> None:
    table = ("| part | answer | expanded |\n|---|---|---|\n| 1(d) | {d} | $\\sigma(w_2\\,\\sigma(w_1 x))$ |\n"
             "| 2(a) | input $28\\times28$ | $(28-5)/1+1 = 24$ |\n")
    assert grade_report_item(rubric, "p1.d", table.format(d="$w_3\\,\\sigma_2(x_2)$"), "a.md").status == "review"
    assert grade_report_item(rubric, "p1.d", table.format(d="$w_3\\,\\sigma_2(x_2)$"), "a.md").status != "pass"


@pytest.mark.parametrize("pair, expected", [("0 / 0", "pass"), ("0 / 500", "review")])
def test_a_table_row_of_two_layers_gives_each_its_count(rubric, pair: str, expected: str) -> None:
    table = ("## Problem 2\n\n**(c)**\n\n| layer | weights | total |\n|---|---|---|\n| conv1 | 500 | 520 |\n"
             f"| relu1 / pool1 | – | {pair} |\n| conv2 | 25000 | 25050 |\n| relu2 / pool2 | – | 0 / 0 |\n"
             "| fc1 | 400000 | 400500 |\n| fc2 | 5000 | 5010 |\n| total | | 431080 |\n")
    assert grade_report_item(rubric, "p2.c", table, "a.md").status == expected


@pytest.mark.parametrize("answer, expected", [("w3 * sig2 (1 - sig2) sig1", "pass"),
                                              ("w3 * sig2 (1 + sig2) sig1", "fail")])
def test_numbered_values_of_a_function_said_in_words_are_the_students_own(rubric, answer: str,
                                                                          expected: str) -> None:
    text = ("I write sig for the logistic function and sig1 = sig(x1), sig2 = sig(x2), with x1 = w1 x and "
            f"x2 = w2 sig1.\nSo f = w3 sig2.\n\nd      df/dw3 = sig2\ne      df/dw2 = {answer}\n")
    status = grade_report_item(rubric, "p1.e.w2", text, "r.txt").status
    assert status == expected or expected == "fail" and status == "partial", status


def test_the_model_stated_with_shifted_nodes_doubts_every_node_name(rubric) -> None:
    """The hand-in numbers from the output: its x_1 feeds σ_2, so its x_2 is the handout's x_1 as well."""
    text = ("I number from the output end: $x_1$ is the input of $\\sigma_2$, $x_2$ the input of $\\sigma_1$, "
            "so that $f_w(x) = w_3\\,\\sigma_2(x_1)$.\n\n**(d)** $\\dfrac{\\partial f}{\\partial w_3} = {d}$\n")
    assert grade_report_item(rubric, "p1.d", text.replace("{d}", "\\sigma_2(x_2)"), "r.md").status == "review"
    assert grade_report_item(rubric, "p1.d", text.replace("{d}", "\\sigma_2(x_1)"), "r.md").status == "review"


@pytest.mark.parametrize("words, expected", [("", "pass"),
                                             ("Не знаю, какой из двух правильный, оставляю оба.", "review"),
                                             ("Nie wiem, która z nich jest dobra, zostawiam obie.", "review")])
def test_words_that_keep_two_answers_in_other_languages_doubt_the_answer(rubric, words: str, expected: str) -> None:
    text = ("**(d)** $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$, "
            f"хотя может быть $w_3\\,\\sigma_2(x_2)$. {words}\n")
    assert grade_report_item(rubric, "p1.d", text, "r.md").status == expected


def test_a_layers_call_arguments_are_no_thousands(rubric) -> None:
    text = ("Problem 2\n\n(c) conv1 : (5*5*1 + 1) * 20 = 520\n    relu1 : 0\n    pool1 : 0\n"
            "    conv2 : (5*5*20 + 1) * 50 = 25.050\n"
            "    relu2 : 0\n    pool2 : 0\n    fc1 : (800 + 1) * 500 = {fc1}\n    fc2 : (500 + 1) * 10 = 5.010\n"
            "    Toplam = 431.080\n\nKod: fc1 = nn.Linear(800,500), fc2 = nn.Linear(500,10)\n")
    assert grade_report_item(rubric, "p2.c", text.format(fc1="400.500"), "r.txt").status == "pass"
    assert grade_report_item(rubric, "p2.c", text.format(fc1="400.000"), "r.txt").status != "pass"


@pytest.mark.parametrize("own, expected", [("w3 · σ2(x2)(1 − σ2(x2)) · w2 · σ1(x1)(1 − σ1(x1)) · x", "review"),
                                           ("w3 · σ2(x2)(1 − σ2(x2)) · w2 · σ1(x1)(1 − σ1(x1))", "review")])
def test_the_students_own_version_after_a_tutors_answer_goes_to_a_person(rubric, own: str, expected: str) -> None:
    text = ("**Q:** (e) ∂f/∂w1?\n\n**A:**\n\n    ∂f/∂w1 = w3 · σ2(x2)(1 − σ2(x2)) · w2 · σ1(x1)(1 − σ1(x1)) · x\n\n"
            f"*For ∂f/∂w1 I will hand in my own version: {own}.*\n")
    assert grade_report_item(rubric, "p1.e.w1", text, "chat.md").status == expected
    plain = text.split("*For")[0]
    assert grade_report_item(rubric, "p1.e.w1", plain, "chat.md").status == "pass"


@pytest.mark.parametrize("after, expected", [
    ("", "pass"), (" because $f$ is linear in $w_3$", "pass"), (" where $x_2 = w_2\\sigma_1(w_1x)$", "pass"),
    (" multiplied by $w_3$ again", "review"), (" (times $w_3$)", "review"), (" mal $w_3$", "review"),
    (" squared", "review"), (" halved", "review"), (" to the power $-1$", "review"),
    (" умноженное на $w_3$", "review"), ("\n\nmultiplied by $w_3$ of course, since $f$ is linear in it.", "review")])
def test_words_right_after_an_inline_answer_that_operate_on_it_send_it_to_a_person(rubric, after: str,
                                                                                   expected: str) -> None:
    text = f"**(d)** $\\dfrac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(x_2)${after}\n\n**(e)** see below\n"
    assert grade_report_item(rubric, "p1.d", text, "r.md").status == expected


@pytest.mark.parametrize("after, expected", [("", "pass"), (" with the sum taken over the first point only", "review"),
                                             (" over $N = 2$", "review")])
def test_a_gradient_taken_back_in_words_goes_to_a_person(rubric, after: str, expected: str) -> None:
    text = f"**(f)** $\\nabla_w L = \\sum_{{i=1}}^{{2}} 2\\big(f_w(x^i)-y^i\\big)\\nabla_w f_w(x^i)${after}\n"
    assert grade_report_item(rubric, "p1.f.grad", text, "r.md").status == expected


@pytest.mark.parametrize("after, expected", [("", "pass"),
                                             (" minus the biases, since they are no parameters", "review")])
def test_counts_taken_back_in_words_go_to_a_person(rubric, after: str, expected: str) -> None:
    text = ("## Problem 2\n\n**(c)** conv1 520, relu1 0, pool1 0, conv2 25,050, relu2 0, pool2 0, fc1 400,500, "
            f"fc2 5,010; total 431,080{after}.\n")
    assert grade_report_item(rubric, "p2.c", text, "r.md").status == expected
