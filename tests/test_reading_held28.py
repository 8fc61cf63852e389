"""The 28th held-out batch (an ordinary class, less common markup: Typst, AsciiMath, Word's linear format, Djot,
BBCode, Textile, e-mail; twenty-four languages; hand-ins by e-mail; terse statistics and physics students) and the
27th's outliner exports: each reading with its twin (the same layout with a wrong answer, which must not pass)."""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item

E_RIGHT = "w3σ2(x2)(1−σ2(x2))σ1(x1)"
E_SHORT = "w3σ2(x2)(1−σ2(x2))"


def status(rubric, item: str, report: str, name: str = "r.md") -> str:
    return grade_report_item(rubric, item, report, name).status


def test_an_outline_answer_sits_under_the_quantity_it_answers(rubric) -> None:
    """"- **d.** ∂f/∂w3" then "  - σ2(x2)"; "- ∂f/∂w2" with working nested under it, then "  - **= …**"."""
    tree = ("- **P1**\n    - **d.** ∂f/∂w3\n      - {d}\n    - **e.**\n      - ∂f/∂w2\n"
            "        - working: f = w3σ2(x2), x2 = w2σ1(x1)\n        - ∂x2/∂w2 = σ1(x1)\n        - **= {e}**\n"
            "      - ∂f/∂w1\n        - = w3σ2(x2)(1−σ2(x2))·w2σ1(x1)(1−σ1(x1))·x\n")
    assert status(rubric, "p1.d", tree.format(d="σ2(x2)", e=E_RIGHT)) == "pass"
    assert status(rubric, "p1.d", tree.format(d="w3σ2(x2)", e=E_RIGHT)) != "pass"
    assert status(rubric, "p1.e.w2", tree.format(d="σ2(x2)", e=E_RIGHT)) == "pass"
    assert status(rubric, "p1.e.w2", tree.format(d="σ2(x2)", e=E_SHORT)) == "partial"
    assert status(rubric, "p1.e.w1", tree.format(d="σ2(x2)", e=E_RIGHT)) == "pass"


def test_an_equals_line_nested_under_a_sibling_equation_is_not_the_quantitys(rubric) -> None:
    """"  - ∂f/∂x2 = …" then "    - = …" one level deeper continues ∂f/∂x2, not the ∂f/∂w2 above both."""
    tree = "(e)\n- ∂f/∂w2\n  - ∂f/∂x2 = w3σ2'(x2)\n    - = w3σ2(x2)(1−σ2(x2))\n"
    assert status(rubric, "p1.e.w2", tree) != "pass"


@pytest.mark.parametrize("d, verdict", [("σ2(x2) = σ2(w2σ1(w1x))", "pass"), ("w3σ2(x2) = w3σ2(w2σ1(w1x))", "fail")])
def test_a_mind_map_drawn_with_box_characters_is_a_nested_list(rubric, d: str, verdict: str) -> None:
    tree = ("HW2\n├── 1 Backprop\n│   ├── (d) ∂f/∂w3\n│   │   └── {d}\n│   ├── (e)\n"
            "│   │   ├── ∂f/∂w2 = " + E_RIGHT + "\n│   │   └── ∂f/∂w1 = x\n└── 2 MNIST\n")
    assert status(rubric, "p1.d", tree.format(d=d), "r.txt") == verdict
    assert status(rubric, "p1.e.w2", tree.format(d=d), "r.txt") == "pass"


@pytest.mark.parametrize("update", ["w_nove = w - alfa * grad_w L(w)", "w_baharu = w - alpha . grad_w L(w)",
                                    "$$w_{bago} = w - \\alpha\\nabla_w L(w)$$",
                                    "w(t+1) = w(t) - alpha * grad_w L(w(t))",
                                    "$$w(k+1) = w(k) - \\alpha \\nabla L(w(k))$$", "w^((t+1))=w^((t))−α∇_w L(w^((t)))"])
def test_the_next_iterate_in_any_language_or_by_its_step(rubric, update: str) -> None:
    """w_nove, w_bago, w_baharu (a word of the student's own under w), w(t+1), Word's w^((t+1))."""
    assert status(rubric, "p1.f.update", f"(f) {update}\n") == "pass"
    assert status(rubric, "p1.f.update", f"(f) {update.replace('-', '+').replace('−', '+')}\n") != "pass"


def test_a_subscript_that_names_a_start_is_no_update(rubric) -> None:
    assert status(rubric, "p1.f.update", "(f) $$w_{init} = w - \\alpha \\nabla L$$\n") != "pass"


def test_a_table_of_the_losss_derivatives_by_weight_answers_no_derivative_of_f(rubric) -> None:
    """Rows "| w_3 | Σ_i 2(f − y)·σ_2(x_2^i) |" under the head "∂L/∂w_j" are the gradient's entries."""
    report = ("### (d)\n\n∂f/∂w_3 = σ_2(x_2) = σ_2(w_2σ_1(w_1x))\n\n### (f)\n\n| component | ∂L/∂w_j |\n|---|---|\n"
              "| w_1 | Σ_i 2(f_w(x^i) − y^i) · w_3 |\n| w_3 | Σ_i 2(f_w(x^i) − y^i) · σ_2(x_2^i) |\n")
    assert status(rubric, "p1.d", report) == "pass"
    assert status(rubric, "p1.d", report.replace("= σ_2(x_2) = σ_2(w_2", "= w_3σ_2(x_2) = w_3σ_2(w_2")) != "pass"


def test_typst_lists_quads_and_arrows(rubric) -> None:
    """Typst's "+" items, "sigma_1'(u)" in plain words, "quad" between definitions, "<-" as the assignment."""
    b = "*(b)*\n\n+ $ sigma_1'(u) = e^(-u) / (1 + e^(-u))^2 $\n+ $ sigma_1'(u) = sigma_1 (u) (1 - sigma_1 (u)) $\n"
    assert status(rubric, "p1.b.i", b, "r.typ") == "pass"
    assert status(rubric, "p1.b.ii", b, "r.typ") == "pass"
    assert status(rubric, "p1.b.i", b.replace("e^(-u) / (1 + e^(-u))^2", "e^(u) / (1 + e^(-u))^2"), "r.typ") != "pass"
    e = ("$ x_1 = w_1 x, quad h_1 = sigma_1 (x_1), quad x_2 = w_2 h_1, quad h_2 = sigma_2 (x_2) $\n\n*(e)*\n\n"
         "$ (diff f)/(diff w_2) = w_3 h_2 (1 - h_2) {} $\n\n*(f)*\n\n$ w <- w {} alpha nabla_w L $\n")
    assert status(rubric, "p1.e.w2", e.format("h_1", "-"), "r.typ") == "pass"
    assert status(rubric, "p1.e.w2", e.format("", "-"), "r.typ") == "partial"
    assert status(rubric, "p1.f.update", e.format("h_1", "-"), "r.typ") == "pass"
    assert status(rubric, "p1.f.update", e.format("h_1", "+"), "r.typ") != "pass"


def test_asciimath_derivatives_in_backticks(rubric) -> None:
    html = "<h3>(e)</h3>\n<p class=\"ans\">`(del f_w)/(del w_2) = w_3 sigma_2(x_2)(1-sigma_2(x_2)) {}`</p>\n" * 1
    assert status(rubric, "p1.e.w2", html.format("sigma_1(x_1)"), "r.html") == "pass"
    assert status(rubric, "p1.e.w2", html.format(""), "r.html") == "partial"


@pytest.mark.parametrize("arrow", ["=>", "==>", "⇒", "->"])
def test_an_arrow_that_opens_a_line_leads_to_an_equation(rubric, arrow: str) -> None:
    work = "(e) df/dh2 = w3\n    dh2/da2 = h2(1-h2)\n    da2/dw2 = h1\n    {} df/dw2 = {}\n"
    assert status(rubric, "p1.e.w2", work.format(arrow, "w3 h2(1-h2) h1") + "h1 = s(w1 x), h2 = s(w2 h1)\n") \
        == "pass"
    assert status(rubric, "p1.e.w2", work.format(arrow, "w3 h2(1-h2)") + "h1 = s(w1 x), h2 = s(w2 h1)\n") \
        == "partial"


@pytest.mark.parametrize("mark", ["\\quad\\leftarrow\\text{ fixed}", "   <-- corrected", "  ← updated"])
def test_an_arrow_in_the_margin_is_a_remark_not_an_assignment(rubric, mark: str) -> None:
    assert status(rubric, "p1.e.w2", f"(e) $$\\frac{{\\partial f}}{{\\partial w_2}} = {E_RIGHT}{mark}$$\n"
                  if "\\" in mark else f"(e) df/dw2 = {E_RIGHT}{mark}\n") == "pass"
    assert status(rubric, "p1.e.w2", f"(e) df/dw2 = {E_SHORT}   <-- corrected\n") == "partial"


def test_a_line_that_says_the_answer_below_is_already_fixed_corrects_nothing(rubric) -> None:
    note = ("> EDIT: fixed a typo in (d), I had typed $\\sigma_1$ instead of $\\sigma_2$. "
            "Answer below is the fixed one.\n\n")
    assert status(rubric, "p1.d", note + "(d) $\\partial f/\\partial w_3 = \\sigma_2(x_2)$\n") == "pass"
    assert status(rubric, "p1.d", note + "(d) $\\partial f/\\partial w_3 = w_3\\sigma_2(x_2)$\n") != "pass"
    fix = "EDIT: (d) should be $\\sigma_1(x_1)$ instead\n\n"  # a correction still goes to a person
    assert status(rubric, "p1.d", "(d) $\\partial f/\\partial w_3 = \\sigma_2(x_2)$\n\n" + fix) == "review"


def test_a_last_side_in_both_forms_is_not_cut_to_the_asked_one(rubric) -> None:
    """(b)(i) asks for exp: "… = σ1(u)·e^(-u)/(1+e^(-u))" ends in a mixed form; the exp step before it is no
    answer by itself (a person decides); a last side wholly in the other form still is a detour."""
    mixed = "(b)(i) dσ1/du = e^(-u)/(1+e^(-u)) * 1/(1+e^(-u)) = σ1(u) * e^(-u)/(1+e^(-u))\n"
    assert status(rubric, "p1.b.i", mixed) != "pass"
    assert status(rubric, "p1.b.i", "(b)(i) dσ1/du = e^(-u)/(1+e^(-u))^2 = σ1(u)(1-σ1(u))\n") == "pass"
    braced = ("(b)(i) $\\sigma_1'(u)=\\frac{\\exp(-u)}{(1+\\exp(-u))^2}="
              "\\underbrace{\\frac{1}{1+\\exp(-u)}}_{\\sigma_1(u)}\\cdot\\underbrace{\\frac{\\exp(-u)}{1+\\exp(-u)}}_{1-\\sigma_1(u)}$\n")
    assert status(rubric, "p1.b.i", braced) == "pass"  # an underbrace's label is no part of the form


def test_a_word_processors_no_break_hyphen_in_a_label(rubric) -> None:
    report = "Q1\u2011b)\n- (i) σ^′ (u)=e^(−u)/(1+e^(−u))^2\n- (ii) σ^′ (u)=σ(u)(1−σ(u))\n"
    assert status(rubric, "p1.b.i", report) == "pass"
    assert status(rubric, "p1.b.ii", report.replace("(1−σ(u))", "(1+σ(u))")) == "fail"
