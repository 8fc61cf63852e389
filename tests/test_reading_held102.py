"""Readings from batch 102 (creoles, scripts without spaces, number habits, note apps, operator notation): each
with a twin it must not pass, and each new pattern read in bounded time on hostile text.
"""
from __future__ import annotations

import json
import time

import pytest

from tests.helpers import grade_file_item, grade_report_item, grading_seconds_on_repeated


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


# --- labels and prose in other scripts ----------------------------------------------------------------------------

_W1_RIGHT = "w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\, w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\, x"


@pytest.mark.parametrize("x, full", [(_W1_RIGHT, True), (_W1_RIGHT.removesuffix("\\, x"), False)])
def test_mathjax_letter_inside_a_line_is_a_name_not_a_label(rubric, x: str, full: bool) -> None:
    report = ("* Problem 1\n\n** Kestion (e)\n*Repons* pou \\(w_1\\): chain rule depi \\(f\\) ziska \\(x_1\\):\n"
              f"\\[ \\frac{{\\partial f_w}}{{\\partial w_1}} = {x} \\]\n")
    assert _full(grade_report_item(rubric, "p1.e.w1", report, "report.org")) is full


@pytest.mark.parametrize("prose", ["ຄຳຕອບແມ່ນ", "ເນື່ອງຈາກ x2 ບໍ່ຂຶ້ນກັບ w3 ດັ່ງນັ້ນຄຳຕອບແມ່ນ", "ចម្លើយគឺ",
                                   "အဖြေမှာ", "መልሱ"])
@pytest.mark.parametrize("answer, full", [("σ(w2·σ(w1·x))", True), ("σ(w2·w1·x)", False)])
def test_prose_of_other_scripts_ends_before_a_plain_formula(rubric, prose: str, answer: str, full: bool) -> None:
    report = f"Problem 1\n\n(d) {prose} ∂f/∂w3 = σ2(x2) = {answer}\n"
    assert _full(grade_report_item(rubric, "p1.d", report, "report.txt")) is full


@pytest.mark.parametrize("stop", ["។", "။", "።", "।", "։"])
def test_a_scripts_full_stop_ends_the_sentence(rubric, stop: str) -> None:
    right = f"Problem 1\n\n(d) ∂f/∂w3 = σ(w2·σ(w1·x)){stop}\n"
    assert _full(grade_report_item(rubric, "p1.d", right, "report.txt"))
    assert not _full(grade_report_item(rubric, "p1.d", right.replace("σ(w1·x)", "w1·x"), "report.txt"))


_P2A = "- {input}: $28\\times28$\n- {filt} conv1: $5\\times5\\times1$, 20\n- {after} conv1: {conv}\n- pool: $12\\times12\\times20$\n"


@pytest.mark.parametrize("words", [
    {"input": "Dimansyon antre", "filt": "Filtè", "after": "Apre"},  # Haitian
    {"input": "input", "filt": "filta blong", "after": "afta"},  # Bislama
    {"input": "ទំហំ input", "filt": "តម្រង (filter) របស់", "after": "ទំហំក្រោយ"},  # Khmer
])
@pytest.mark.parametrize("conv, full", [("$24\\times24\\times20$", True), ("$23\\times23\\times20$", False)])
def test_field_words_of_creoles_and_khmer(rubric, words: dict[str, str], conv: str, full: bool) -> None:
    report = "## Problem 2\n\n### (a)\n\n" + _P2A.format(conv=conv, **words)
    assert _full(grade_report_item(rubric, "p2.a", report)) is full


@pytest.mark.parametrize("total", ["**olgeta** | **{n}**", "總和 & {n}", "សរុប: {n}", "ລວມທັງໝົດ = {n}", "စုစုပေါင်း = {n}"])
@pytest.mark.parametrize("n, full", [("431,080", True), ("430,580", False)])
def test_total_words_of_more_languages(rubric, total: str, n: str, full: bool) -> None:
    rows = "conv1: 520\nrelu1: 0\npool1: 0\nconv2: 25,050\nrelu2: 0\npool2: 0\nfc1: 400,500\nfc2: 5,010\n"
    report = "## Problem 2\n\n### (c)\n\n" + rows + total.format(n=n) + "\n"
    assert _full(grade_report_item(rubric, "p2.c", report)) is full


@pytest.mark.parametrize("channels, full", [("٢٠", True), ("٥٠", False)])
def test_arabic_depth_names_the_channels(rubric, channels: str, full: bool) -> None:
    report = ("## المسألة 2\n\n### (b)\n\nإذن: حجم الفلتر 5×5, الـ stride = 1, وعمق (channels) الفلتر = "
              f"{channels}، وعدد الفلاتر ٥٠، والـ padding = صفر.\n")
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("conv, full", [("24×24×20", True), ("23×23×20", False)])
def test_a_burmese_problem_heading_with_burmese_digits(rubric, conv: str, full: bool) -> None:
    report = (f"## ပုစ္ဆာ ၁ — Back propagation\n\n### (d)\n$\\sigma(w_2\\sigma(w_1 x))$\n\n"
              f"### ပုစ္ဆာ ၁ အဖြေများ အကျဉ်းချုပ်\n\n| (d) | $\\sigma(w_2\\sigma(w_1x))$ |\n\n"
              f"## ပုစ္ဆာ ၂ — MNIST\n\n### (a)\n- input — 28×28\n- conv1 filter — 5×5×1, 20\n"
              f"- conv1 ပြီးနောက် — {conv}\n- max-pooling ပြီးနောက် — 12×12×20\n")
    assert _full(grade_report_item(rubric, "p2.a", report)) is full


# --- numbers: a British raised decimal point ----------------------------------------------------------------------

@pytest.mark.parametrize("w2, full", [("w_3 \\cdot s_2(1-s_2) \\cdot s_1", True), ("w_3 \\cdot s_2(1-s_2)", False)])
def test_a_check_table_in_raised_decimals_is_no_answer(rubric, w2: str, full: bool) -> None:
    report = ("## Problem 1\n\nShorthand: $x_1 = w_1 x$, $x_2 = w_2\\,\\sigma_1(x_1)$, $s_1 := \\sigma_1(x_1)$ and "
              f"$s_2 := \\sigma_2(x_2)$.\n\n## (e)\n\\[ \\frac{{\\partial f}}{{\\partial w_2}} = {w2} \\]\n\n"
              "Numerical sanity check, $x = 1$, $w = (0·5,\\ -1,\\ 2)$:\n\n| quantity | formula | central diff |\n"
              "|---|---|---|\n| ∂f/∂w₂ | 0·2829 | 0·2829 |\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report)) is full


def test_own_value_names_at_a_point_beside_a_programs_sigmoid(rubric) -> None:
    report = ("## Problem 1\n\nAlso $s_1 := \\sigma_1(x_1)$ and $s_2 := \\sigma_2(x_2)$, $x_1 = w_1x$, "
              "$x_2 = w_2\\sigma_1(x_1)$.\n\n## (e)\n\\[ \\frac{\\partial f}{\\partial w_2} = w_3 \\cdot s_2(1-s_2) "
              "\\cdot s_1 \\]\n\n```python\ns = lambda u: 1/(1+math.exp(-u))\n```\n\n## (f)\nwriting "
              "$s_1^i = \\sigma_1(w_1x^i)$ and $s_2^i = \\sigma_2(w_2 s_1^i)$, each point's own values.\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report))
    assert not _full(grade_report_item(rubric, "p1.e.w2", report.replace("\\cdot s_1 \\]", "\\]")))


# --- operator notation ----------------------------------------------------------------------------------------------

_PHI = ("Problem 1\n=========\n\nNotation: φ(u) = 1/(1 + e^{{-u}}); ξ := w₁x and η := w₂ φ(ξ).\n\n(d)\n---\n\n"
        ".. math::\n\n   \\frac{{\\partial f_w}}{{\\partial w_3}} = {d}\n")


@pytest.mark.parametrize("d, full", [("\\varphi\\bigl(w_2\\,\\varphi(w_1 x)\\bigr)", True),
                                     ("\\varphi\\bigl(w_2 w_1 x\\bigr)", False)])
def test_varphi_is_the_phi_a_student_typed(rubric, d: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.d", _PHI.format(d=d), "report.rst")) is full


@pytest.mark.parametrize("entry, full", [("\\sigma'(x_1^i)", True), ("\\sigma(x_1^i)", False)])
def test_a_check_of_sigma_prime_at_a_number_is_no_definition(rubric, entry: str, full: bool) -> None:
    report = ("## Problem 1\n\n### (b)\n$$\\sigma'(u) = \\sigma(u)\\bigl(1-\\sigma(u)\\bigr)$$\n\nSanity check: "
              "$\\sigma'(0) = \\tfrac14$ both ways.\n\n### (f)\nWriting $x_1^i = w_1x^i$, $x_2^i = w_2\\sigma(x_1^i)$:"
              "\n\n$$\\nabla_w L(w) = \\sum_{i=1}^{2} 2\\bigl(f_w(x^i)-y^i\\bigr)\\begin{pmatrix} w_3\\,\\sigma'(x_2^i)"
              f"\\,w_2\\,{entry}\\,x^i\\\\ w_3\\,\\sigma'(x_2^i)\\,\\sigma(x_1^i)\\\\ \\sigma(x_2^i)\\end{{pmatrix}}$$\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


@pytest.mark.parametrize("z1, full", [("z_1", True), ("z_2", False)])
def test_a_derivative_by_position_said_again_by_name(rubric, z1: str, full: bool) -> None:
    report = ("\\section*{Problem 1}\n$u_1 = w_1x$, $z_1 = \\sigma(u_1)$, $u_2 = w_2 z_1$, $z_2 = \\sigma(u_2)$.\n"
              "\\subsection*{(e)}\n\\begin{align*}\n\\partial_2 f = D_{w_2} f &= w_3\\,\\sigma(u_2)\\bigl(1-\\sigma(u_2)"
              f"\\bigr)\\,{z1}\n\\end{{align*}}\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "report.tex")) is full


@pytest.mark.parametrize("d, full", [("\\operatorname{expit}\\bigl(w_2\\,\\operatorname{expit}(w_1x)\\bigr)", True),
                                     ("\\operatorname{expit}\\bigl(w_2 w_1 x\\bigr)", False),
                                     ("logistic(w2 * logistic(w1 * x))", True), ("logistic(w2 * w1 * x)", False)])
def test_expit_and_logistic_are_the_sigmoid(rubric, d: str, full: bool) -> None:
    report = f"## Problem 1\n\n### (d)\n$\\frac{{\\partial f_w}}{{\\partial w_3}} = {d}$\n"
    assert _full(grade_report_item(rubric, "p1.d", report)) is full


_WRITTEN_OUT = ("Aufgabe 1\n\n(f)\n\n∂L/∂w = \\begin{{bmatrix}} Σᵢ 2(f_w(xⁱ) − yⁱ) · w₃ σ₂(x₂ⁱ)(1 − σ₂(x₂ⁱ)) · {w2}"
                "σ₁(x₁ⁱ)(1 − σ₁(x₁ⁱ)) · xⁱ \\\\ Σᵢ 2(f_w(xⁱ) − yⁱ) · w₃ σ₂(x₂ⁱ)(1 − σ₂(x₂ⁱ)) · σ₁(x₁ⁱ) \\\\ "
                "Σᵢ 2(f_w(xⁱ) − yⁱ) · σ₂(x₂ⁱ) \\end{{bmatrix}} = Σᵢ 2(f_w(xⁱ) − yⁱ) · ∂f_w(xⁱ)/∂w\n")


@pytest.mark.parametrize("w2, full", [("w₂ ", True), ("", False)])
def test_a_written_out_gradient_before_its_general_form_is_read(rubric, w2: str, full: bool) -> None:
    result = grade_report_item(rubric, "p1.f.grad", _WRITTEN_OUT.format(w2=w2), "report.txt")
    assert _full(result) is full  # (a slip in the written-out entries under a general form that always holds: never
    # full marks; a person decides, since an entry that reads wrong may be one read wrong)


@pytest.mark.parametrize("second, status", [("w_k ← w_k − α ∂L/∂w_k", "pass"), ("w_k ← w_k + α ∂L/∂w_k", "review")])
def test_two_updates_offered_each_with_its_own_left_side(rubric, second: str, status: str) -> None:
    report = ("Aufgabe 1\n\n(f)\n\n∇_w L = Σᵢ 2(f(xⁱ) − yⁱ) ∇f(xⁱ)\n\nUpdate (Gradientenabstieg, Schrittweite α):\n\n"
              f"w_neu = w − α · ∇_w L(w)   bzw.  {second},  k = 1,2,3\n")
    assert grade_report_item(rubric, "p1.f.update", report, "report.txt").status == status


def test_fix_x_is_no_correction_nor_a_checks_expected_value(rubric) -> None:
    report = ("Fix $x$ and put $g := w_1 x$ and $a := w_2\\,\\sigma(g)$.\n\n## Problem 1\n\n**(e)** "
              "$\\dfrac{\\partial f}{\\partial w_2} = w_3\\,\\sigma(a)\\bigl(1-\\sigma(a)\\bigr)\\,\\sigma(g)$\n\n"
              "```julia\n# finite-difference check, should be ~1e-10\nmaximum(abs.(fd - g))\n```\n\n**(f)** …\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report))
    edited = report.replace("**(f)** …", "**(f)** …\n\nFix: in (e) it should be $w_3\\,\\sigma(g)$.")
    assert grade_report_item(rubric, "p1.e.w2", edited).status == "review"


@pytest.mark.parametrize("channels, full", [("20", True), ("50", False)])
def test_a_field_wrapped_across_a_tex_line(rubric, channels: str, full: bool) -> None:
    report = ("\\section*{Problem 2}\n\\subsection*{(b)}\nHence conv2 has kernels of size $5\\times5$, stride $1$, "
              f"channel\ndimension (input depth) ${channels}$, no zero-padding.\n")
    assert _full(grade_report_item(rubric, "p2.b", report, "report.tex")) is full


# --- note apps' JSON ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("d, full", [("s2(w2 * s1(w1*x))", True), ("s2(w2 * w1*x)", False)])
def test_a_simplenote_export_is_read_as_its_notes(rubric, d: str, full: bool) -> None:
    note = f"HW2\n\n# Problem 1\n\ns = sigmoid, x1 = w1*x, x2 = w2*s1(x1)\n\n**(d)**\ndf/dw3 = s2(x2) = {d}\n"
    export = json.dumps({"activeNotes": [{"id": "8e2f", "content": note, "tags": []}],
                         "trashedNotes": [{"id": "0a1b", "content": "**(d)**\ndf/dw3 = w3\n"}]})
    assert _full(grade_file_item(rubric, "p1.d", export, "notes.json")) is full


# --- hostile text: the new patterns in bounded time ------------------------------------------------------------------

@pytest.mark.parametrize("piece", ["0·" * 3, "\\(f\\) ", "∂_1 f = " * 2, "Fix $x$ ", "should be ~", "channel\n",
                                   "∇_{w} f " * 2, "۰·۱ ", "ລວມ "])
def test_batch_102_patterns_are_bounded_on_hostile_text(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece, 40_000) < 20.0


def test_raised_decimals_and_mathjax_letters_in_one_pass() -> None:
    from grader.reading.document import read_document

    start = time.perf_counter()
    read_document("0·" + "1·" * 50_000 + "\n" + " \\(a\\)" * 20_000)
    assert time.perf_counter() - start < 20.0


# --- batch 103 and red team 103 -------------------------------------------------------------------------------------

_TABS = ("---\ntitle: HW3\n---\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n"
         "## Problem 1\n\n### (b)\n\n<Tabs>\n  <TabItem value=\"exp\" label=\"(i) with exp\">\n\n"
         "$$\\frac{{d\\sigma}}{{du}} = \\frac{{e^{{-u}}}}{{(1+e^{{-u}})^2}}$$\n\n  </TabItem>\n"
         "  <TabItem value=\"sigma\" label=\"(ii) with σ\">\n\n$$\\frac{{d\\sigma}}{{du}} = {ii}$$\n\n  </TabItem>\n"
         "</Tabs>\n\n### (c) forward / backward\n")


@pytest.mark.parametrize("ii, full", [("\\sigma(u)(1-\\sigma(u))", True), ("\\sigma(u)(1+\\sigma(u))", False)])
def test_an_mdx_tab_is_read_under_its_label(rubric, ii: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.b.ii", _TABS.format(ii=ii), "report.mdx")) is full


@pytest.mark.parametrize("after", ["fois x", "vezes x", "gånger x", "krát x", "kertaa x", "keer x", "επί x",
                                   "into x", "over 4"])
def test_words_after_a_formula_that_change_it(rubric, after: str) -> None:
    report = "Problem 1\n\n(e) ∂f/∂w2 = w3 σ2(x2)(1 − σ2(x2)) σ1(x1) {}\n"
    assert _full(grade_report_item(rubric, "p1.e.w2", report.format(""), "report.txt"))
    assert not _full(grade_report_item(rubric, "p1.e.w2", report.format(after), "report.txt"))


@pytest.mark.parametrize("lead", ["Check", "စစ်ဆေးချက်"])
@pytest.mark.parametrize("ii, full", [("σ1(u) · (1 − σ1(u))", True), ("σ1(u) · (1 + σ1(u))", False)])
def test_a_check_led_by_words_and_a_dash_is_no_term_of_the_answer(rubric, lead: str, ii: str, full: bool) -> None:
    report = (f"Problem 1\n\n(b) (i)  dσ1/du = exp(-u) / (1 + exp(-u))^2\n    (ii) dσ1/du = {ii}\n"
              f"         {lead} - σ1·(1−σ1) = [1/(1+e^-u)]·[e^-u/(1+e^-u)] ✔\n\n(c) forward, backward\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "report.txt")) is full


@pytest.mark.parametrize("css", [".gone{display:none}", ".gone{color:#ffffff}", ".gone { color: #FDFEFD; }"])
def test_an_element_a_style_sheet_hides_is_no_answer(rubric, css: str) -> None:
    page = (f"<html><head><style>{css}</style></head><body><p>Problem 1</p><p>(e) ∂f/∂w1 = w3 σ2(x2)(1 − σ2(x2)) "
            "w2 σ1(x1)(1 − σ1(x1))<span class=\"gone\"> x</span></p></body></html>")
    assert not _full(grade_file_item(rubric, "p1.e.w1", page, "report.html"))
    assert _full(grade_file_item(rubric, "p1.e.w1", page.replace(' class="gone"', ""), "report.html"))


def test_white_text_on_a_dark_ground_is_seen(rubric) -> None:
    page = ("<html><head><style>.hd{background-color:#434343;color:#ffffff}</style></head><body><p>Problem 1</p>"
            "<p>(e) ∂f/∂w1 = w3 σ2(x2)(1 − σ2(x2)) w2 σ1(x1)(1 − σ1(x1))<span class=\"hd\"> x</span></p></body></html>")
    assert _full(grade_file_item(rubric, "p1.e.w1", page, "report.html"))
