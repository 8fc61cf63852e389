"""Readings added around held-out batch 40: a parameter table that offers two counts side by side (with and without
biases), a named vector as R prints it, the abjad order of Persian part letters, more words for a total. Each
reading has a twin: a table whose columns add up is still read, a wrong count still loses its marks."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

P2 = "## Problem 2\n\n"


def _table(head: str, rows: list[tuple[str, str, str]]) -> str:
    body = "".join(f"| {name} | {a} | {b} |\n" for name, a, b in rows)
    return f"{P2}(c)\n\n| layer | {head} |\n|---|---|---|\n{body}"


_WITH_WITHOUT = [("conv1", "520", "500"), ("relu1", "0", "0"), ("pool1", "0", "0"), ("conv2", "25,050", "25,000"),
                 ("relu2", "0", "0"), ("pool2", "0", "0"), ("fc1", "400,500", "400,000"), ("fc2", "5,010", "5,000"),
                 ("total", "431,080", "430,500")]


def test_two_counts_offered_side_by_side_go_to_a_person(rubric) -> None:
    check = grade_report_item(rubric, "p2.c", _table("with bias | without bias", _WITH_WITHOUT))
    assert check.status == "review", check.feedback
    assert "two different values" in check.feedback


@pytest.mark.parametrize("head, rows, expected", [
    ("weights | total", [("conv1", "500", "520"), ("relu1", "0", "0"), ("pool1", "0", "0"), ("conv2", "25,000", "25,050"),
                         ("relu2", "0", "0"), ("pool2", "0", "0"), ("fc1", "400,000", "400,500"),
                         ("fc2", "5,000", "5,010"), ("total", "430,500", "431,080")], "pass"),
    ("weights | total", [("conv1", "500", "500"), ("relu1", "0", "0"), ("pool1", "0", "0"), ("conv2", "25,000", "25,000"),
                         ("relu2", "0", "0"), ("pool2", "0", "0"), ("fc1", "400,000", "400,000"),
                         ("fc2", "5,000", "5,000"), ("total", "430,500", "430,500")], "partial"),
    ("formula | count", [("conv1", "(25+1)·20", "520"), ("relu1", "-", "0"), ("pool1", "-", "0"),
                         ("conv2", "(500+1)·50", "25,050"), ("relu2", "-", "0"), ("pool2", "-", "0"),
                         ("fc1", "(800+1)·500", "400,500"), ("fc2", "(500+1)·10", "5,010"),
                         ("total", "", "431,080")], "pass"),
])
def test_a_table_whose_last_column_is_the_count_is_read(rubric, head: str, rows, expected: str) -> None:
    check = grade_report_item(rubric, "p2.c", _table(head, rows))
    assert check.status == expected, check.feedback


def _r_vector(conv2: str) -> str:
    return (f"{P2}(c)\n\n```\n## conv1  relu1  pool1  conv2  relu2  pool2    fc1    fc2 \n"
            f"##   520      0      0  {conv2}      0      0 400500   5010 \n## [1] 431080\n```\n\n"
            "**Erantzuna:** guztira 431.080 parametro.\n")


@pytest.mark.parametrize("conv2, expected", [("25050", "pass"), ("25000", "partial")])
def test_a_named_vector_as_r_prints_it(rubric, conv2: str, expected: str) -> None:
    check = grade_report_item(rubric, "p2.c", _r_vector(conv2))
    assert check.status == expected, check.feedback


def test_a_line_of_names_over_a_line_of_fewer_numbers_is_no_vector() -> None:
    from grader.reading.tables import pipe_tables

    cells, _ = pipe_tables("conv1  relu1  pool1\n520  0\n")
    assert cells == []


@pytest.mark.parametrize("letters, part", [("الف ب ج د", "2.c"), ("الف ب پ ت ث ج", "2.f")])
def test_persian_part_letters_in_either_order(letters: str, part: str) -> None:
    from grader.reading.document import read_document

    labels = letters.split()
    text = "## سؤال ۲\n\n" + "".join(f"### {label})\n\nmatn {k}\n\n" for k, label in enumerate(labels))
    doc = read_document(text)
    assert part in doc.segments, doc.segments
    assert "2.a" in doc.segments, doc.segments


def _shapes(conv: str) -> str:
    return (f"{P2}(a)\n\n```python\n>>> x = torch.randn(1, 1, 28, 28)     # input 28 x 28 (x 1 channel)\n"
            ">>> net.conv1.weight.shape\ntorch.Size([20, 1, 5, 5])   # 20 filters of 5x5x1  -> 5 x 5 x 1 x 20\n"
            f">>> F.relu(net.conv1(x)).shape\ntorch.Size([1, 20, {conv}])   # {conv.replace(', ', ' x ')} x 20 "
            "after conv1\n>>> F.max_pool2d(F.relu(net.conv1(x)), 2, 2).shape\n"
            "torch.Size([1, 20, 12, 12])   # 12 x 12 x 20 after pooling\n```\n")


@pytest.mark.parametrize("conv, expected", [("24, 24", "pass"), ("25, 25", "partial")])
def test_what_a_student_says_in_a_programs_comments(rubric, conv: str, expected: str) -> None:
    check = grade_report_item(rubric, "p2.a", _shapes(conv))
    assert check.status == expected, check.feedback


@pytest.mark.parametrize("total, expected", [("431080", "pass"), ("431580", "partial")])
def test_a_printed_value_said_in_the_comment_beside_the_print(rubric, total: str, expected: str) -> None:
    report = (f"{P2}(c)\n\n```python\nparams = {{\n    \"conv1\": (5*5*1 + 1) * 20,     # 520\n    \"relu1\": 0,\n"
              "    \"pool1\": 0,\n    \"conv2\": (5*5*20 + 1) * 50,    # 25050\n    \"relu2\": 0,\n    \"pool2\": 0,\n"
              "    \"fc1\":   (4*4*50 + 1) * 500,   # 400500\n    \"fc2\":   (500 + 1) * 10,       # 5010\n}\n"
              f"print(sum(params.values()))        # {total}\n```\n")
    check = grade_report_item(rubric, "p2.c", report)
    assert check.status == expected, check.feedback


_NUMPY = ("## Problem 1\n\n### (d)\n\n```python\ndef df_dw3(x, w):\n    w1, w2, w3 = w\n    z1 = w1 * x\n"
          "    h1 = sig(z1)\n    z2 = w2 * h1\n    return sig(z2)\n```\n\n### (f)\n\n```python\ndef grad_L(w, D):\n"
          "    g = np.zeros(3)\n    for x, y in D:\n        g += -2 * (y - f(x, w)) * grad_f(x, w)\n    return g\n\n"
          "def gd_step(w, D, alpha):\n    return w {sign} alpha * grad_L(w, D)\n```\n")


@pytest.mark.parametrize("item, sign, expected", [("p1.d", "-", "pass"), ("p1.f.grad", "-", "pass"),
                                                  ("p1.f.update", "-", "pass"), ("p1.f.update", "+", "fail")])
def test_python_functions_that_unpack_the_weights_loop_and_step(rubric, item: str, sign: str, expected: str) -> None:
    check = grade_report_item(rubric, item, _NUMPY.format(sign=sign))
    assert check.status == expected, check.feedback


def test_a_function_that_unpacks_the_weights_under_other_names_is_not_guessed(rubric) -> None:
    report = "## Problem 1\n\n(d)\n\n```python\ndef df_dw3(x, w):\n    a, b, c = w\n    return sig(b * sig(a * x))\n```\n"
    assert grade_report_item(rubric, "p1.d", report).status == "review"


@pytest.mark.parametrize("factor, expected", [("w[3] * ", "pass"), ("", "partial")])
def test_julia_functions_with_their_own_unicode_names(rubric, factor: str, expected: str) -> None:
    report = ("Problem 1\n\ne)\n\n```julia\nfunction ∂f∂w₂(x, w)\n    z₁ = w[1] * x;  h₁ = σ(z₁);  z₂ = w[2] * h₁\n"
              f"    return {factor}σ′(z₂) * h₁\nend\n```\n")
    check = grade_report_item(rubric, "p1.e.w2", report)
    assert check.status == expected, check.feedback


@pytest.mark.parametrize("inner, expected", [("sig(w2 * sig(w1 * x))", "pass"), ("sig(w1 * sig(w2 * x))", "fail")])
def test_a_javascript_arrow_function_of_several_arguments(rubric, inner: str, expected: str) -> None:
    report = f"## Problem 1\n\n**(d)**\n\n```js\nconst df_dw3 = (x, [w1, w2, w3]) => {inner};\n```\n"
    check = grade_report_item(rubric, "p1.d", report)
    assert check.status == expected, check.feedback


@pytest.mark.parametrize("argument, expected", [("u", "review"), ("u_2", "pass"), ("u_1", "fail")])
def test_a_name_the_hand_in_never_defined_goes_to_a_person(rubric, argument: str, expected: str) -> None:
    report = ("Let $u_1 = w_1 x$, $h_1 = \\sigma(u_1)$, $u_2 = w_2 h_1$.\n\n"
              f"## (d)\n\n$$\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma({argument})$$\n")
    check = grade_report_item(rubric, "p1.d", report)
    assert check.status == expected, check.feedback


@pytest.mark.parametrize("heading", ["#### Sign check against part (e)", "#### Tidying up before (f)",
                                     "#### Second look, with (e)", "#### Sanity check: (d) and (e)"])
def test_a_heading_that_relates_to_a_part_does_not_move_the_text_under_it(rubric, heading: str) -> None:
    report = ("## Problem 1\n\n### (e)\n\n$\\frac{\\partial f}{\\partial w_2} = w_3 \\sigma'(x_2) \\sigma(x_1)$\n\n"
              "### (f)\n\n$w \\leftarrow w - \\alpha \\nabla_w L$\n\n"
              f"{heading}\n\nThe sign was wrong, so $w \\leftarrow w + \\alpha \\nabla_w L$\n\n## Problem 2\n")
    assert grade_report_item(rubric, "p1.f.update", report).status != "pass"
    clean = report.replace("The sign was wrong, so $w \\leftarrow w + \\alpha \\nabla_w L$", "Nothing changes.")
    assert grade_report_item(rubric, "p1.f.update", clean).status == "pass"


@pytest.mark.parametrize("after, expected", [("so it should be\n\n$\\sigma'(w_2 \\sigma(w_1 x))$", "not pass"),
                                             ("so the answer is just\n\n$\\sigma(w_2 \\sigma(w_1 x))$", "pass")])
def test_a_formula_offered_after_all_as_the_answer(rubric, after: str, expected: str) -> None:
    report = ("### (d)\n$\\frac{\\partial f}{\\partial w_3} = \\sigma(w_2 \\sigma(w_1 x))$\n\n"
              f"Hmm, looking at it again, {after}\n\n### (e)\n")
    status = grade_report_item(rubric, "p1.d", report).status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("two, expected", [("2", "pass"), ("", "not pass")])
def test_a_short_program_the_part_goes_on_to_explain_stays_in_the_part(rubric, two: str, expected: str) -> None:
    report = ("Problem 1\n\nf) L(w) = Σ_{(x,y)∈D} (y − f(x, w))²\n\n```julia\nfunction ∇L(w, D)\n    g = zeros(3)\n"
              f"    for (x, y) in D\n        g .+= -{two or 1} * (y - f(x, w)) .* ∇f(x, w)\n    end\n    return g\nend\n"
              f"```\n\ni.e. ∇L = −{two}(y¹ − f(x¹))∇f(x¹) − {two}(y² − f(x²))∇f(x²).\n\nProblem 2\n")
    status = grade_report_item(rubric, "p1.f.grad", report).status
    assert (status == "pass") == (expected == "pass"), status


_F = ("## Problem 1\n\n### (e)\n\n$$\\frac{{\\partial f}}{{\\partial w_2}} = w_3\\sigma'(x_2)\\sigma(x_1)$$\n\n"
      "$$\\frac{{\\partial f}}{{\\partial w_1}} = w_3\\sigma'(x_2) w_2 \\sigma'(x_1) x$$\n\n### (f)\n\n"
      "$$\\nabla_w L = \\sum_{{i=1}}^{{2}} 2(f_w(x^{{(i)}}) - y^{{(i)}})\\nabla_w f_w(x^{{(i)}})$$\n\nwhere {column}\n\n"
      "$$w \\leftarrow w - \\alpha\\nabla_w L$$\n")
_RIGHT = ["w_3\\sigma'(x_2) w_2 \\sigma'(x_1) x", "w_3 \\sigma'(x_2)\\sigma(x_1)", "\\sigma(x_2)"]
_SLIP = ["w_3\\sigma'(x_2) w_2 \\sigma'(x_1) x", "w_3 \\sigma(x_1)", "\\sigma(x_2)"]
_FORMS = [
    "$$\\nabla_w f_w(x) = \\begin{{pmatrix}} {0} \\\\ {1} \\\\ {2} \\end{{pmatrix}}$$",
    "$$\\nabla_w f_w(x) = \\left({0},\\; {1},\\; {2}\\right)^{{\\mathsf{{T}}}}$$",
    "$\\nabla_w f_w(x^{{(i)}}) = \\begin{{bmatrix}} {0} & {1} & {2} \\end{{bmatrix}}^\\top$",
    "$$\\nabla_w f_w(x) = \\begin{{pmatrix}} {0} \\\\ {1} \\\\ {2} \\end{{pmatrix}} \\in \\mathbb{{R}}^3$$",
    "$$\\begin{{pmatrix}} \\partial f/\\partial w_1 \\\\ \\partial f/\\partial w_2 \\\\ \\partial f/\\partial w_3"
    " \\end{{pmatrix}} = \\begin{{pmatrix}} {0} \\\\ {1} \\\\ {2} \\end{{pmatrix}}$$",
]


@pytest.mark.parametrize("form", _FORMS)
def test_the_hand_ins_own_gradient_of_f_written_out_is_checked(rubric, form: str) -> None:
    right = _F.format(column=form.format(*_RIGHT))
    slip = _F.format(column=form.format(*_SLIP))
    for item in ("p1.f.grad", "p1.e.w2"):
        assert grade_report_item(rubric, item, right).status == "pass", (item, form)
        assert grade_report_item(rubric, item, slip).status == "review", (item, form)
    assert grade_report_item(rubric, "p1.f.update", slip).status == "pass"  # the step itself is right: counted once


def test_a_gradient_of_f_spelled_out_by_name_states_nothing(rubric) -> None:
    named = _F.format(column="$$\\nabla_w f_w(x) = \\begin{pmatrix} \\partial f/\\partial w_1 \\\\ \\partial f/\\partial "
                             "w_2 \\\\ \\partial f/\\partial w_3 \\end{pmatrix}$$")
    assert grade_report_item(rubric, "p1.f.grad", named).status == "pass"


@pytest.mark.parametrize("term, expected", [("2(f_w(x^2) - y^2)\\nabla_w f_w(x^2)", "pass"),
                                            ("\\cancelto{0}{2(f_w(x^2) - y^2)\\nabla_w f_w(x^2)}", "not pass")])
def test_a_term_cancelled_to_zero_is_zero(rubric, term: str, expected: str) -> None:
    report = f"### (f)\n\n$$\\nabla_w L = 2(f_w(x^1) - y^1)\\nabla_w f_w(x^1) + {term}$$\n"
    status = grade_report_item(rubric, "p1.f.grad", report).status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("colour, expected", [("blue", "pass"), ("white", "not pass"), ("#FFFFFF", "not pass")])
def test_a_factor_set_in_white_is_not_on_the_page(rubric, colour: str, expected: str) -> None:
    report = f"### (e)\n\n$$\\frac{{\\partial f}}{{\\partial w_2}} = w_3 \\, {{\\color{{{colour}}}\\sigma'(x_2)}} \\, " \
             "\\sigma(x_1)$$\n"
    status = grade_report_item(rubric, "p1.e.w2", report).status
    assert (status == "pass") == (expected == "pass"), status


@pytest.mark.parametrize("after, expected", [
    ("Or, thinking about it once more, it is $w_3\\sigma_2(x_2)$.", "review"),
    ("- or, counting the last layer too: $w_3\\sigma_2(x_2)$ (?)", "review"),
    ("Hmm… or was it $w_3\\sigma_2(x_2)$, with the $w_3$.", "review"),
    ("where $x_2 = w_2\\sigma_1(x_1)$ is the input of the last sigmoid.\n\nOr maybe $w_3\\sigma_2(x_2)$? I am not sure.",
     "review"),
    ("Of toch $w_3\\sigma_2(x_2)$? Twijfel.", "review"),
    ("Or, written out, $\\sigma_2(w_2\\sigma_1(w_1x))$.", "pass"),
    ("where $x_2 = w_2\\sigma_1(x_1)$ is the input of the last sigmoid.", "pass"),
])
def test_another_formula_offered_after_the_answer(rubric, after: str, expected: str) -> None:
    report = f"### (d)\n\n$$\\frac{{\\partial f_w}}{{\\partial w_3}} = \\sigma_2(x_2)$$\n\n{after}\n\n### (e)\n"
    check = grade_report_item(rubric, "p1.d", report)
    assert check.status == expected, check.feedback


@pytest.mark.parametrize("inner, expected", [("\\sigma_2(v_2)", "pass"), ("\\sigma_1(v_1)", "fail")])
def test_a_box_with_its_own_dollars_inside_math(rubric, inner: str, expected: str) -> None:
    report = ("\\documentclass{article}\n\\begin{document}\n\\section*{Problem 1}\n"
              "Let $v_1 := w_1 x$, $v_2 := w_2\\sigma_1(v_1)$.\n\\subsection*{d)}\n"
              f"$\\displaystyle \\frac{{\\partial f}}{{\\partial w_3}} = \\fbox{{${inner}$}}$\n\\end{{document}}\n")
    check = grade_report_item(rubric, "p1.d", report, "r.tex")
    assert check.status == expected, check.feedback


_TEMPLATE = ("\\documentclass{{article}}\n\\usepackage{{enumitem}}\n{preamble}\n\\begin{{document}}\n"
             "\\section*{{1.\\ Back propagation}}\n\\begin{{enumerate}}\n\\item graph\n\\item b\n\\item c\n"
             "\\item $\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(w_2\\sigma_1(w_1x))$\n\\end{{enumerate}}\n"
             "\\section*{{2.\\ MNIST}}\n\\begin{{enumerate}}\n\\item input $28\\times28$, conv1 filter "
             "$5\\times5\\times1\\times20$, after conv1 ${conv}$, after pooling $12\\times12\\times20$\n"
             "\\end{{enumerate}}\n\\end{{document}}\n")


@pytest.mark.parametrize("preamble", ["\\setlist[enumerate,1]{label=\\textbf{(\\alph*)}, leftmargin=*}",
                                      "\\setlist[enumerate]{label=(\\alph*)}",
                                      "\\renewcommand{\\labelenumi}{(\\alph{enumi})}"])
@pytest.mark.parametrize("conv, expected", [("24\\times24\\times20", "pass"), ("28\\times28\\times20", "partial")])
def test_the_preamble_sets_how_items_are_numbered(rubric, preamble: str, conv: str, expected: str) -> None:
    report = _TEMPLATE.format(preamble=preamble, conv=conv)
    assert grade_report_item(rubric, "p2.a", report, "r.tex").status == expected
    assert grade_report_item(rubric, "p1.d", report, "r.tex").status == "pass"


@pytest.mark.parametrize("conv, expected", [("24\\times24\\times20", "pass"), ("28\\times28\\times20", "partial")])
def test_a_homework_templates_problems_and_parts(rubric, conv: str, expected: str) -> None:
    report = ("\\documentclass{article}\n\\newenvironment{homeworkProblem}{\\section{Problem}}{}\n"
              "\\newcommand{\\part}[1]{\\textbf{Part \\Alph{partCounter}}}\n\\begin{document}\n"
              "\\begin{homeworkProblem}\n\\part{f}\n\\begin{algorithm}[h]\n\\begin{algorithmic}[1]\n"
              "\\State $w \\gets w - \\alpha\\nabla_w L(w)$\n\\end{algorithmic}\n\\end{algorithm}\n\\end{homeworkProblem}\n"
              "\\begin{homeworkProblem}\nMNIST\n\\part{a}\nInput: $28\\times28$\\\\\nconv1 filter: $5\\times5\\times1\\times20$\\\\\n"
              f"after conv1: ${conv}$\\\\\nafter max pooling: $12\\times12\\times20$\n\\end{{homeworkProblem}}\n"
              "\\end{document}\n")
    assert grade_report_item(rubric, "p2.a", report, "r.tex").status == expected


@pytest.mark.parametrize("sign, expected", [("-", "pass"), ("+", "fail")])
def test_an_update_per_weight_in_a_brace(rubric, sign: str, expected: str) -> None:
    rows = "\\\\\n".join(f"w_{k} \\leftarrow w_{k} {sign} \\alpha\\,\\frac{{\\partial L}}{{\\partial w_{k}}}" for k in (1, 2, 3))
    report = f"## (f)\n\n$$\n\\begin{{cases}}\n{rows}\n\\end{{cases}}\n$$\n"
    assert grade_report_item(rubric, "p1.f.update", report).status == expected


@pytest.mark.parametrize("answer, expected", [
    ("Recall conv1 used filter size 5x5 and stride 1 (see (a)). For conv2 I take a 3x3 window, step 2, over all 20 "
     "channels.", "not pass"),
    ("참고로 conv1의 필터는 5×5, 스트라이드 1 이었다. conv2는 3×3 크기로 2칸씩 이동하고, 입력 채널은 20개.", "not pass"),
    ("Filter 5x5, stride 1, 20 channels (the 20 filters of conv1), 50 filters.", "pass"),
    ("conv2: a 5x5 window, step 1, over the 20 channels conv1 gives.", "pass"),
    ("5x5 stride 1, or a 7x7 window with padding 1; I don't know which one the question is after.", "review"),
])
def test_values_said_of_conv1_in_the_part_about_conv2(rubric, answer: str, expected: str) -> None:
    status = grade_report_item(rubric, "p2.b", f"{P2}(b) {answer}\n").status
    assert (status == "pass") == (expected == "pass") and (expected != "review" or status == "review"), status


_D = "### (d)\n\n$$\\frac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$$\n\n### (f)\n\n$$w \\leftarrow w - \\alpha\\nabla L$$\n\n"


@pytest.mark.parametrize("later, expected", [
    ("where, by (d), the derivative of $f_w$ with respect to $w_3$ is $\\sigma_2'(x_2)$.", "review"),
    ("where the last entry of $\\nabla_w f_w$ is $\\sigma_2'(x_2)$ (part (d)).", "review"),
    ("where $\\dfrac{\\partial f_w}{\\partial w_3}\\Big|_{x} = \\sigma_2'(x_2)$ from (d).", "review"),
    ("where (see (d)) $f_{w_3} = \\sigma_2'(x_2)$.", "review"),
    ("where, by (d), the derivative of $f_w$ with respect to $w_3$ is $\\sigma_2(x_2)$.", "pass"),
    ("P.S. Looking again at the graph, $\\partial f/\\partial w_3$ should get a prime: $\\sigma_2'(x_2)$.", "review"),
    ("P.S. The derivative with respect to the outer weight is $\\sigma_2'(x_2)$ after all.", "review"),
    ("P.S. Thanks for the extension.", "pass"),
])
def test_the_item_said_again_later_in_other_words(rubric, later: str, expected: str) -> None:
    check = grade_report_item(rubric, "p1.d", _D + later + "\n")
    assert check.status == expected, check.feedback


@pytest.mark.parametrize("later, expected", [("P.S. Looking again, the step goes the other way: "
                                              "$w + \\alpha\\nabla_w L(w)$.", "review"), ("", "pass")])
def test_a_ps_that_turns_the_step_around(rubric, later: str, expected: str) -> None:
    check = grade_report_item(rubric, "p1.f.update", _D + later + "\n")
    assert check.status == expected, check.feedback


@pytest.mark.parametrize("body, expected", [("\\sigma'(x_2)", "review"), ("\\sigma(x_1)", "pass")])
def test_a_macro_defined_again_in_the_text(rubric, body: str, expected: str) -> None:
    report = ("$\\newcommand{\\s}{\\sigma(x_1)}$\n\n### (e)\n\n"
              "$$\\frac{\\partial f}{\\partial w_2} = w_3 \\sigma'(x_2) \\s$$\n\n"
              f"### (f)\n\n$\\renewcommand{{\\s}}{{{body}}}$ and so on.\n")
    check = grade_report_item(rubric, "p1.e.w2", report)
    assert check.status == expected, check.feedback


@pytest.mark.parametrize("fixed, expected", [("w_3 \\sigma'(x_2) \\sigma'(x_1)", "review"),
                                             ("w_3 \\sigma'(x_2) \\sigma(x_1)", "pass")])
def test_the_item_named_again_under_a_later_heading(rubric, fixed: str, expected: str) -> None:
    report = ("### (e)\n$\\frac{\\partial f}{\\partial w_2} = w_3 \\sigma'(x_2) \\sigma(x_1)$\n\n### (f)\n"
              "$w \\leftarrow w - \\alpha \\nabla_w L$\n\n### Remarks\nIn (e), to be sure, the version to use is\n"
              f"$\\frac{{\\partial f}}{{\\partial w_2}} = {fixed}$.\n")
    check = grade_report_item(rubric, "p1.e.w2", report)
    assert check.status == expected, check.feedback
