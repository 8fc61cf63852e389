"""Readings from batch 73 (filled-in handouts, Q&A reports, students' own names for the weights, the loss and the
data, numeric checks beside answers): each with a twin it must not pass.
"""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item, grading_seconds_on_repeated


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


QA = r"""## Problem 1

I use $x_1 = w_1 x$ and $x_2 = w_2\,\sigma_1(x_1)$.

**Q: What is $d\sigma_1/du$ written with exp? (b)(i)**

A: $$\frac{d\sigma_1}{du} = @B_I@$$

**Q: And written only with $\sigma_1$? (b)(ii)**

A: $$\frac{d\sigma_1}{du} = \sigma_1(u)\,\big(1-\sigma_1(u)\big)$$

**Q: What is $\partial f_w/\partial w_2$? (e)**

A: $$\frac{\partial f_w}{\partial w_2} = @E_W2@$$

**Q: What is $\partial f_w/\partial w_1$? (e)**

A: $$\frac{\partial f_w}{\partial w_1} = w_3\,\sigma_2(x_2)(1-\sigma_2(x_2))\,w_2\,\sigma_1(x_1)(1-\sigma_1(x_1))\,x$$

## Problem 2

**Q: What is the output after conv1 and after pooling? (a)**

A: input $28\times28\times1$, filter $5\times5\times1$ (20 of them), after conv1 @CONV@, after pooling $12\times12\times20$.

**Q: Which filter size / stride / channel dimension makes conv2 go from $12\times12\times20$ to $8\times8\times50$ and then $4\times4\times50$? (b)**

A: $5\times5$, stride 1, channel dimension 20, no padding.
"""
RIGHT = {"B_I": r"\frac{e^{-u}}{(1+e^{-u})^2}", "E_W2": r"w_3\,\sigma_2(x_2)(1-\sigma_2(x_2))\,\sigma_1(x_1)",
         "CONV": r"$24\times24\times20$"}


def _qa(**changed: str) -> str:
    report = QA
    for key, value in {**RIGHT, **changed}.items():
        report = report.replace(f"@{key}@", value)
    return report


def test_a_question_and_answer_report_reads_each_answer_under_its_question(rubric) -> None:
    report = _qa()
    for item in ("p1.b.i", "p1.b.ii", "p1.e.w2", "p1.e.w1", "p2.a"):
        assert _full(grade_report_item(rubric, item, report)), item  # the next question's formula is no second answer


@pytest.mark.parametrize("item, changed", [
    ("p1.b.i", {"B_I": r"\frac{e^{u}}{(1+e^{-u})^2}"}),
    ("p1.e.w2", {"E_W2": r"w_3\,\sigma_2(x_2)(1-\sigma_2(x_2))"}),
    ("p2.a", {"CONV": r"$23\times23\times20$"}),
])
def test_a_slip_in_a_question_and_answer_report_does_not_pass(rubric, item: str, changed: dict[str, str]) -> None:
    assert not _full(grade_report_item(rubric, item, _qa(**changed)))


FILLED = """## 2 [MNIST]

(a) What is the dimension of the input? 28×28. The filter of the first conv layer? 5×5×1, 20 of them. Output after \
the 2D-convolution: {conv} and after the 2×2 max-pooling: 12×12×20

(b) The output of the second conv layer should be 8×8×50, and 4×4×50 after pooling. Find the filter size, stride and \
channel dimension of the second conv layer.
> 12×12×20 → 8×8×50: (12−5)/1+1 = 8 so **5×5, stride 1, channel 20**, 50 filters, no padding

(c) Compute the number of parameters of each layer, including the biases, and the total.
> conv1 = 5·5·1·20 + 20 = 520
> relu1 = 0, pool1 = 0
> conv2 = 5·5·20·50 + 50 = 25050
> relu2 = 0, pool2 = 0
> fc1 = 800·500 + 500 = 400500
> fc2 = 500·10 + 10 = 5010
> **total = {total}**

(d) Implement Net, train it for 10 epochs and report the test accuracy. → 99.21%
"""


@pytest.mark.parametrize("conv, full", [("24×24×20", True), ("23×23×20", False)])
def test_a_filled_in_handouts_next_question_changes_no_value(rubric, conv: str, full: bool) -> None:
    report = FILLED.format(conv=conv, total="431080")
    assert _full(grade_report_item(rubric, "p2.a", report)) is full  # "(b) … should be 8×8×50 …": the handout's words


@pytest.mark.parametrize("total, full", [("431080", True), ("430080", False)])
def test_answers_set_as_quotes_under_the_handouts_questions_are_read_in_place(rubric, total: str, full: bool) -> None:
    report = FILLED.format(conv="24×24×20", total=total)
    assert _full(grade_report_item(rubric, "p2.c", report)) is full  # no e-mail reply: the quotes are the answers


OWN_NAMES = """Problem 1

    o = f(x) = c · g( b · g( a · x ) )

where g(v) = 1/(1 + e^(−v)) is the sigmoid, and {renamed}.
Intermediate values:   h1 = a·x ,   h2 = b·g(h1) ,   o = c·g(h2).

(b)
 (i)   g_prime(v) = e^(−v) / (1 + e^(−v))²

 (ii)  g_prime(v) = {b_ii}

(d)  ∂o/∂c = g(h2) = g( b·g(a·x) )

(e)  ∂o/∂b = c · g(h2)(1 − g(h2)) · {e_w2}

     ∂o/∂a = c · g(h2)(1 − g(h2)) · b · g(h1)(1 − g(h1)) · x
"""


@pytest.mark.parametrize("renamed", ["a, b, c are w1, w2, w3", "I use a, b and c for the handout's w1, w2, w3",
                                     "w1, w2, w3 are called a, b, c here"])
def test_weights_renamed_in_words_as_two_lists(rubric, renamed: str) -> None:
    report = OWN_NAMES.format(renamed=renamed, b_ii="g(v) · (1 − g(v))", e_w2="g(h1)")
    for item in ("p1.d", "p1.e.w2", "p1.e.w1"):
        assert _full(grade_report_item(rubric, item, report, "report.txt")), item
    swapped = OWN_NAMES.format(renamed=renamed.replace("w1, w2", "w2, w1"), b_ii="g(v) · (1 − g(v))", e_w2="g(h1)")
    assert not _full(grade_report_item(rubric, "p1.d", swapped, "report.txt"))  # a, b now w2, w1: another network


@pytest.mark.parametrize("b_ii, full", [("g(v) · (1 − g(v))", True), ("g(v) · (1 + g(v))", False)])
def test_a_programs_name_for_a_derivative_is_the_derivative(rubric, b_ii: str, full: bool) -> None:
    report = OWN_NAMES.format(renamed="a, b, c are w1, w2, w3", b_ii=b_ii, e_w2="g(h1)")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "report.txt")) is full  # g_prime(v) is g'(v)


@pytest.mark.parametrize("e_w2, full", [("g(h1)", True), ("g(h2)", False)])
def test_weights_never_said_to_be_w_are_read_from_the_model_they_restate(rubric, e_w2: str, full: bool) -> None:
    """"o = f(x) = c·g(b·g(a·x))" with a, b, c never said to be w: the student's own model, restated with the
    handout's f, maps them (every order is tried and only the one that restates the model is kept), as the writers
    of batch 105 read such hand-ins; a sentence about other names ("x and y are …") renames nothing."""
    report = OWN_NAMES.format(renamed="x and y are the input and the target", b_ii="g(v) · (1 − g(v))", e_w2=e_w2)
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.txt")) is full


OWN_LOSS = """## Problem 1

The network is $f(x) = c\\,\\mathrm{{expit}}\\big(b\\,\\mathrm{{expit}}(a\\,x)\\big)$ with
$\\mathrm{{expit}}(t) = 1/(1+e^{{-t}})$, and $a, b, c$ for the handout's $w_1, w_2, w_3$.

$$k_1 = a\\,x, \\qquad k_2 = b\\,\\mathrm{{expit}}(k_1)$$

### (f)

Training set $\\{{(u_1,y_1),(u_2,y_2)\\}}$. {word}

$$
\\ell(a,b,c) = \\sum_{{j=1}}^{{2}}\\big(y_j - f(u_j)\\big)^2 .
$$

With $k_{{1,j}} = a u_j$ and $k_{{2,j}} = b\\,\\mathrm{{expit}}(k_{{1,j}})$:

$$
\\begin{{aligned}}
\\frac{{\\partial \\ell}}{{\\partial a}} &= \\sum_{{j=1}}^{{2}} {factor}\\big(y_j - f(u_j)\\big)\\; c\\,\\mathrm{{expit}}'(k_{{2,j}})\\, b\\,\\mathrm{{expit}}'(k_{{1,j}})\\, u_j \\\\
\\frac{{\\partial \\ell}}{{\\partial b}} &= \\sum_{{j=1}}^{{2}} {factor}\\big(y_j - f(u_j)\\big)\\; c\\,\\mathrm{{expit}}'(k_{{2,j}})\\,\\mathrm{{expit}}(k_{{1,j}}) \\\\
\\frac{{\\partial \\ell}}{{\\partial c}} &= \\sum_{{j=1}}^{{2}} {factor}\\big(y_j - f(u_j)\\big)\\; \\mathrm{{expit}}(k_{{2,j}})
\\end{{aligned}}
$$

Gradient descent step with step size $\\varepsilon$:

$$
(a, b, c) \\leftarrow (a, b, c) {sign} \\varepsilon\\,\\nabla \\ell(a,b,c)
$$
"""


@pytest.mark.parametrize("sign, full", [("-", True), ("+", False)])
def test_the_loss_under_its_own_name_and_the_data_under_their_own_letters(rubric, sign: str, full: bool) -> None:
    report = OWN_LOSS.format(word="Loss", factor="-2", sign=sign)
    assert _full(grade_report_item(rubric, "p1.f.update", report)) is full  # ℓ is L, ε the step


@pytest.mark.parametrize("factor, full", [("-2", True), ("-", False)])
def test_a_gradient_component_at_the_students_own_data_points(rubric, factor: str, full: bool) -> None:
    report = OWN_LOSS.format(word="Loss", factor=factor, sign="-")
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full  # (u_j, y_j): the handout's (x^j, y^j)


def test_a_loss_said_nowhere_is_not_taken_for_the_loss(rubric) -> None:
    report = OWN_LOSS.format(word="Then", factor="-2", sign="-").replace("\\ell", "Q")
    assert not _full(grade_report_item(rubric, "p1.f.update", report))  # ∇Q: nothing says Q is the loss


CHECKED = """## Problem 1

### (d)

$$\\frac{{\\partial f_w}}{{\\partial w_3}} = {d}$$

### (e)

$$\\frac{{\\partial f_w}}{{\\partial w_2}} = w_3\\,\\sigma_2(x_2)\\big(1-\\sigma_2(x_2)\\big)\\,\\sigma_1(x_1)$$

Check at $w=(1,2,3)$, $x=1$: $\\sigma_2(x_2)=0.8119$, so
- $\\partial f/\\partial w_3 = 0.8119$
- $\\partial f/\\partial w_2 = 3\\times0.8119\\times0.1881\\times0.7311 \\approx 0.3350$

### (f)

$$w \\leftarrow w - \\alpha\\,\\nabla_w\\mathcal{{L}}(w)$$

I checked on a toy example that $\\mathcal{{L}}$ goes down after one step, so the sign {sign_said}. \
(Question for the TA: is it enough to refer to (d) and (e)?)
"""


@pytest.mark.parametrize("d, full", [("\\sigma_2(x_2)", True), ("\\sigma_2'(x_2)", False)])
def test_a_value_worked_out_at_a_point_is_a_check_not_an_answer(rubric, d: str, full: bool) -> None:
    report = CHECKED.format(d=d, sign_said="should be right")
    assert _full(grade_report_item(rubric, "p1.d", report)) is full  # "∂f/∂w_3 = 0.8119": no final answer
    assert _full(grade_report_item(rubric, "p1.e.w2", report))


@pytest.mark.parametrize("sign_said, full", [("should be right", True), ("should be a plus", False)])
def test_a_check_that_confirms_is_no_change(rubric, sign_said: str, full: bool) -> None:
    report = CHECKED.format(d="\\sigma_2(x_2)", sign_said=sign_said)
    assert _full(grade_report_item(rubric, "p1.d", report)) is full  # "should be a plus" still goes to a person


@pytest.mark.parametrize("name", ["mid", "hid"])
def test_a_weight_named_where_it_sits_is_a_name_not_an_update(rubric, name: str) -> None:
    report = (f"I name the weights $w_{{in}}$ (= $w_1$, multiplies the input), $w_{{{name}}}$ (= $w_2$) and "
              f"$w_{{out}}$ (= $w_3$).\n\n$$h_1 = w_{{in}}x,\\qquad h_2 = w_{{{name}}}\\,\\sigma(h_1)$$\n\n"
              "### (d)\n\n$$\\frac{\\partial f}{\\partial w_{out}} = \\sigma(h_2) = "
              f"\\sigma\\big(w_{{{name}}}\\,\\sigma(w_{{in}}x)\\big)$$\n")
    assert _full(grade_report_item(rubric, "p1.d", report))
    assert not _full(grade_report_item(rubric, "p1.d", report.replace("(= $w_2$)", "(= $w_1$)")))


@pytest.mark.parametrize("piece", [
    "a, b, c, d are w1, w2, w3, w4 and ",  # lists of names
    "Loss ℓ(a) = , cost J is the loss ",  # loss words
    "(u_1, t_1) and (u_2, t_2), ",  # data pairs
    "$\\partial f/\\partial w_3 = 0.1 \\cdot 0.2 = 0.3 = 0.4$ ",  # numbers only
    "so the sign should be right, ",
    "**Q: why? (b)**\n> a\n",  # quoted answers under questions
    "g_prime(g_prime(",
])
def test_the_new_readings_take_bounded_time_on_hostile_text(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece) < 30


SIZES = """## Problem 2

(a) input 28×28×1, conv1 filter 5×5×1 (20 filters), output after conv1 24×24×20, after pooling 12×12×20

(b) filter 5×5, stride 1, channel dimension 20

(c) total 431,080

{later}
"""


@pytest.mark.parametrize("later, full", [
    ("Note: shouldn't the output after conv1 be 23×23×20?", False),  # a doubt after the part: a person reads it
    ("Note: is the output after conv1 maybe 23×23×20? not sure", False),
    ("Is the output after conv1 24×24×20? Yes, (28-5)/1+1 = 24.", True),  # the same value asked and confirmed
    ("(b) The output of conv2 should be 8×8×50. Find the filter size.", True),  # the handout's task, kept
])
def test_a_later_line_that_doubts_a_value_is_read_with_the_part(rubric, later: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.a", SIZES.format(later=later))) is full
