"""Readings from batch 98 (Greek, Georgian and Armenian, Hungarian/Finnish/Estonian students; Unix tools' own formats;
math worksheet apps) and the gaps batches 96 and 97 left: each with a twin it must not pass, and each new pattern
read in bounded time on hostile text.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from grader.pipeline import Options, grade_submission
from tests.helpers import grade_file_item, grade_report_item


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


def _seconds(rubric, item: str, report: str, name: str) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    grade_report_item(rubric, item, report, name)
    return time.perf_counter() - start


_CONV2 = "## Problem 2\n\n### (b)\n\n- filtre boyutu: 5 × 5\n- adım (stride): 1\n- {line}\n- padding: 0\n"


# --- values: a line's key, a filter's depth, a poster's boxes ---------------------------------------------------------

@pytest.mark.parametrize("line, full", [
    ("kanal sayısı: filtre başına 20 giriş kanalı (5×5×20), toplam 50 filtre", True),
    ("kanal sayısı: filtre başına 50 giriş kanalı, toplam 50 filtre", False),
])
def test_a_lines_key_and_the_noun_after_its_count_name_the_field(rubric, line: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.b", _CONV2.format(line=line))) is full


@pytest.mark.parametrize("filter_, full", [("5×5×20", True), ("5×5×50", False)])
def test_a_filter_written_with_its_depth_answers_the_channels(rubric, filter_: str, full: bool) -> None:
    report = f"## Problem 2\n\n### (b)\n\nconv2: filter {filter_}, stride 1, padding 0\n50 filters → 8×8×50\n"
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


def test_a_filter_without_its_depth_leaves_the_channels_to_a_person(rubric) -> None:
    report = "## Problem 2\n\n### (b)\n\nconv2: filter 5×5, stride 1, padding 0\n50 filters → 8×8×50\n"
    assert grade_report_item(rubric, "p2.b", report).status == "review"


_POSTER = ("HW2 at a glance\n\nBACKPROP\nf(x) = w3 σ(w2 σ(w1 x)), x1 = w1 x, x2 = w2 σ(x1)\n\n∂f/∂w3 = σ(x2)\n\n"
           "∂f/∂w2 = w3 σ(x2)(1 − σ(x2)) σ(x1)\n∂f/∂w1 = w3 σ(x2)(1 − σ(x2)) w2 σ(x1)(1 − σ(x1)) x\n\n"
           "w ← w − α ∇L, ∇L = Σ 2 (f(xⁱ) − yⁱ) ∇f(xⁱ)\n\nMNIST CNN AT A GLANCE\n\nINPUT\n28 × 28 grey image (1 channel)\n\nCONV 1\n"
           "20 filters of 5 × 5 × 1\n→ {conv}\n\nPOOL 1 (2×2 max)\n→ 12 × 12 × 20\n\nCONV 2\n50 filters of 5 × 5 × 20\n"
           "stride 1, no padding\n→ 8 × 8 × 50\n")


@pytest.mark.parametrize("conv, full", [("24 × 24 × 20", True), ("23 × 23 × 20", False)])
def test_a_posters_boxes_read_as_one_part(rubric, conv: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.a", _POSTER.format(conv=conv), "poster.txt")) is full


@pytest.mark.parametrize("pool, full", [("12\\times12\\times20", True), ("11\\times11\\times20", False)])
def test_an_after_word_set_after_its_operation_and_an_aside(rubric, pool: str, full: bool) -> None:
    report = ("## 2. feladat\n\n### a)\n\n- bemenet: $28\\times28$\n- conv1 szűrő: $5\\times5\\times1$, 20 darab\n"
              "- conv1 után: $24\\times24\\times20$\n"
              f"- $2\\times2$ max-poolingin (stride 2) jälkeen: ${pool}$\n")
    assert _full(grade_report_item(rubric, "p2.a", report)) is full


@pytest.mark.parametrize("depth, full", [("20", True), ("50", False)])
def test_an_indented_plain_text_paragraph_is_one_sentence(rubric, depth: str, full: bool) -> None:
    report = ("PROBLEM 2\n\n(b)\n    conv2: filter size 5 x 5, stride 1, padding 0, channel (depth) dimension of\n"
              f"    each filter = {depth} (input channels), and 50 filters -> 8x8x50,\n    then pooling -> 4x4x50.\n")
    assert _full(grade_report_item(rubric, "p2.b", report, "hw.txt")) is full


@pytest.mark.parametrize("word, full", [("βάθος (channels) φίλτρου 20", True), ("βάθος φίλτρου 50", False)])
def test_greek_depth_and_output_channels(rubric, word: str, full: bool) -> None:
    report = (f"## Θέμα 2\n\n### β)\n\n- φίλτρο 5×5, stride 1, χωρίς padding\n- {word}, και 50 φίλτρα ώστε να "
              "βγουν 50 κανάλια εξόδου.\n")
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("total, full", [("431\\,080", True), ("431\\,030", False)])
def test_armenian_labels(rubric, total: str, full: bool) -> None:
    report = ("\\section*{Խնդիր 2}\n\\subsection*{գ)}\n\\begin{tabular}{ll}\nconv1 & 520 \\\\\nrelu1 & 0 \\\\\n"
              "pool1 & 0 \\\\\nconv2 & 25\\,050 \\\\\nrelu2 & 0 \\\\\npool2 & 0 \\\\\nfc1 & 400\\,500 \\\\\n"
              f"fc2 & 5\\,010 \\\\\nԸնդամենը & {total} \\\\\n\\end{{tabular}}\n")
    assert _full(grade_report_item(rubric, "p2.c", report, "hw.tex")) is full


# --- Unix tools' own formats -------------------------------------------------------------------------------------

_TEXI = ("\\input texinfo\n@setfilename hw2.info\n@settitle HW2\n\n@node Top\n@top HW2\n\n@menu\n* Backprop::\n@end menu\n\n"
         "@node Backprop\n@chapter Problem 1\n\n@section (b) Derivative of the sigmoid\n\n@enumerate i\n@item\n"
         "@math{{d\\sigma \\over du} = {e^{-u} \\over (1+e^{-u})^2}}\n\n@item\n@math{{d\\sigma \\over du} = {b_ii}}\n"
         "@end enumerate\n\n@section (d)\n\n@example\ndf/dw3 = sigma(w2 * sigma(w1 * x))\n@end example\n@bye\n")


@pytest.mark.parametrize("b_ii, full", [("\\sigma(u)(1-\\sigma(u))", True), ("\\sigma(u)(1+\\sigma(u))", False)])
def test_a_texinfo_report(rubric, b_ii: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.b.ii", _TEXI.replace("{b_ii}", b_ii), "hw2.texi")) is full


_POD = ("=pod\n\n=head1 PROBLEM 1\n\n=head2 (e) df/dw2, df/dw1\n\n    df/dw2 = w3 * s2(x2)*(1 - s2(x2)) * s1(x1)\n\n"
        "    df/dw1 = w3 * s2(x2)*(1 - s2(x2)) * w2 * s1(x1)*(1 - s1(x1)) * x\n\nwith C<s = sigma>, C<x1 = w1*x>, "
        "C<x2 = w2*s1(x1)>.\n\n=head2 (f) update\n\n    w <- w - alpha * grad L\n\n=head2 Summary of problem 1\n\n"
        "=over 4\n\n=item * df/dw1 = {summary}\n\n=back\n\n=cut\n")


@pytest.mark.parametrize("summary, status", [("w3 s2(x2)(1 - s2(x2)) w2 s1(x1)(1 - s1(x1)) x", "pass"),
                                             ("w3 s2(x2)(1 - s2(x2)) w2 s1(x1)(1 - s1(x1)) w1", "review")])
def test_a_pod_report_and_its_summary_list(rubric, summary: str, status: str) -> None:
    assert grade_report_item(rubric, "p1.e.w1", _POD.replace("{summary}", summary), "hw2.pod").status == status


@pytest.mark.parametrize("answer, full", [("\\(*s(x2)", True), ("\\(*s(x1)", False)])
def test_a_man_page_with_troff_named_characters(rubric, answer: str, full: bool) -> None:
    report = (".TH HW2 1\n.SH NAME\nhw2 \\- homework 2\n.SH PROBLEM 1\n.SS (d)\n.nf\n"
              f"\\(pdf/\\(pdw3 = {answer}, where x2 = w2 \\(*s(w1 x)\n.fi\n")
    assert _full(grade_report_item(rubric, "p1.d", report, "hw2.1")) is full


@pytest.mark.parametrize("answer, full", [("w3 * s2(x2)*(1 - s2(x2)) * s1(x1)", True), ("w3 * s1(x1)", False)])
def test_nroff_output_with_overstrikes(rubric, answer: str, full: bool) -> None:
    bold = "".join(f"{c}\b{c}" for c in "(e)")
    report = f"PROBLEM 1\n\n{bold}\n\n     df/dw2 = {answer}\n\nwhere s = sigma, x1 = w1*x, x2 = w2*s1(x1)\n"
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "hw2.txt")) is full


@pytest.mark.parametrize("final, full", [("(exp(-u))/((1 + exp(-u))^2)", True), ("(exp(-u))/(1 + exp(-u))", False)])
def test_a_product_going_on_below_a_line(rubric, final: str, full: bool) -> None:
    report = ("PROBLEM 1\n\n(b)\n\n(i)  dsigma/du  = d/du (1 + exp(-u))^(-1) = -(1 + exp(-u))^(-2)\n"
              f"     * exp(-u) * (-1)\n\n              = {final}\n")
    assert _full(grade_report_item(rubric, "p1.b.i", report, "hw.txt")) is full


def test_a_table_of_contents_names_no_parts(rubric) -> None:
    report = ("Table of Contents\n\n   1. Conventions ..........................1\n"
              "   2. Problem 1: Back Propagation ..........1\n   3. Problem 2: MNIST .....................4\n\n"
              "1.  Conventions\n\n   s is the sigmoid.\n\n2.  Problem 1\n\n3.  Problem 2: MNIST\n\n3.1.  (a)\n\n"
              "   input 28x28, conv1 filter 5x5x1 (20 filters), after conv1 24x24x20, after pooling 12x12x20\n")
    assert _full(grade_report_item(rubric, "p2.a", report, "rfc.txt"))


# --- notation ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer, full", [("w_3 σ_2(x_2)(1 - σ_2(x_2)) σ_1(x_1)", True), ("w_3 σ_1(x_1)", False)])
def test_an_economists_primed_subscript_names_a_partial(rubric, answer: str, full: bool) -> None:
    report = f"Problem 1\n\n(e) f'_{{w_2}} = {answer}\n"
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "hw.txt")) is full


@pytest.mark.parametrize("letter, full", [("х", True), ("y", False)])
def test_a_cyrillic_lookalike_in_a_formula(rubric, letter: str, full: bool) -> None:
    report = f"## Задача 1\n\n### (d)\n\n$\\dfrac{{\\partial f}}{{\\partial w_3}} = \\sigma(w_2\\sigma(w_1{letter}))$\n"
    assert _full(grade_report_item(rubric, "p1.d", report)) is full


@pytest.mark.parametrize("letter, full", [("ς3", True), ("ς2", False)])
def test_a_greek_keyboards_w(rubric, letter: str, full: bool) -> None:
    report = f"ΘΕΜΑ 1\n\nε) df/dw2 = {letter} * σ2(x2)*(1 - σ2(x2)) * σ1(x1)\n   (sorry, to ς einai w)\n"
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "mail.txt")) is full


@pytest.mark.parametrize("answer, full", [("s1(u)*(1-s1(u))", True), ("s1(u)*(1+s1(u))", False)])
def test_an_own_value_name_applied_to_the_dummy_is_the_function(rubric, answer: str, full: bool) -> None:
    report = (f"notation: s = sigma, s1 = s(x1), s2 = s(x2), x1 = w1*x, x2 = w2*s1\n\nPROBLEM 1\n\n(b)\n"
              f" (i)  ds1/du = e^(-u)/(1+e^(-u))^2\n (ii) ds1/du = {answer}\n")
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "hw.txt")) is full


@pytest.mark.parametrize("answer, full", [("σ_1(u)(1 − σ_1(u))", True), ("σ_1(u)(1 + σ_1(u))", False)])
def test_a_fact_then_a_colon_then_the_answer(rubric, answer: str, full: bool) -> None:
    report = f"Problem 1\n\n(b)\n\n(ii) Since 1 − σ_1(u) = e^(−u)/(1 + e^(−u)): dσ_1/du = {answer}\n"
    assert _full(grade_report_item(rubric, "p1.b.ii", report, "hw.txt")) is full


def test_a_numeric_check_written_as_a_transposed_column_is_no_answer(rubric) -> None:
    report = ("## Problem 1\n\n### (f)\n\n∂L/∂wk = −2 · Σ_{i=1}^{2} (y⁽ⁱ⁾ − f_w(x⁽ⁱ⁾)) · ∂f_w(x⁽ⁱ⁾)/∂wk\n\n"
              "Check with w = (0.5, 1, 2):\n\n```\n∇L(w) = (0.39884, 0.96105, 2.16667)ᵀ\n```\n")
    assert grade_report_item(rubric, "p1.f.grad", report).status != "fail"


# --- encodings ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer, full", [("σ(w₂σ(w₁x))", True), ("σ(w₁x)", False)])
def test_a_page_in_its_declared_windows_encoding(rubric, tmp_path: Path, answer: str, full: bool) -> None:
    page = ('<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1253"></head><body>'
            f"<h1>Άσκηση 1</h1><p>δ) df/dw₃ = {answer}</p></body></html>")
    path = tmp_path / "hw.html"
    path.write_bytes(page.replace("₂", "2").replace("₁", "1").replace("₃", "3").encode("cp1253"))
    result = grade_submission(path, rubric, Options(text_budget=None)).check("p1.d")
    assert _full(result) is full


def test_notepads_unicode_file_is_read(rubric, tmp_path: Path) -> None:
    path = tmp_path / "hw.txt"
    path.write_bytes("Problem 1\n\n(d) ∂f/∂w3 = σ(w2·σ(w1·x))\n".encode("utf-16"))
    assert _full(grade_submission(path, rubric, Options(text_budget=None)).check("p1.d"))


def test_an_encoding_that_is_no_text_codec_is_not_used(rubric, tmp_path: Path) -> None:
    path = tmp_path / "hw.html"
    path.write_bytes(b'<meta charset="zlib"><p>Problem 1</p><p>(d) df/dw3 = sigma(w2 sigma(w1 x)) \xff</p>')
    result = grade_submission(path, rubric, Options(text_budget=None)).check("p1.d")
    assert result.status in ("pass", "review")


# --- bounded time -------------------------------------------------------------------------------------------------

def test_hostile_new_patterns_are_read_quickly(rubric) -> None:
    dots = "Problem 2 " + "." * 50_000 + " x\n"
    assert _seconds(rubric, "p2.a", "## Problem 2\n\n### (a)\n\n" + dots * 4, "hw.md") < 30
    summary = ("## Summary" + " of" * 20_000 + "\n- df/dw1 = w3\n") * 2
    assert _seconds(rubric, "p1.e.w1", "## Problem 1\n\n### (e)\n\ndf/dw1 = x\n\n" + summary, "hw.md") < 30
    colons = "(ii) A = B" + ": C" * 20_000 + " = D\n"
    assert _seconds(rubric, "p1.b.ii", "Problem 1\n\n(b)\n\n" + colons, "hw.txt") < 30
    key = "- kanal sayısı" + " sayı" * 20_000 + ": filtre 20 kanal\n"
    assert _seconds(rubric, "p2.b", "## Problem 2\n\n### (b)\n\n" + key, "hw.md") < 30
    pod = "=pod\n\n=head1 P\n\n" + "C<< " * 30_000 + "\n\n=cut\n"
    assert _seconds(rubric, "p1.d", pod, "hw.pod") < 30
    texi = "\\input texinfo\n@chapter Problem 1\n" + "@math{{" * 30_000 + "\n@bye\n"
    assert _seconds(rubric, "p1.d", texi, "hw.texi") < 30
    roff = ".TH X 1\n.SH P\n" + "\\(" * 50_000 + "\\[" * 50_000 + "\n"
    assert _seconds(rubric, "p1.d", roff, "hw.1") < 30
    struck = "Problem 1\n\n(d) " + "a\b" * 100_000 + "\n"
    assert _seconds(rubric, "p1.d", struck, "hw.txt") < 30
    wrapped = "PROBLEM 2\n\n(b)\n" + "    word word word word of\n" * 4_000
    assert _seconds(rubric, "p2.b", wrapped, "hw.txt") < 30
    boxes = "PROBLEM 2\n\n" + "CONV 1\n→ 24 × 24 × 20\n\n" * 1_000
    assert _seconds(rubric, "p2.a", boxes, "hw.txt") < 30


def test_hostile_declared_encodings_are_read_quickly(rubric, tmp_path: Path) -> None:
    path = tmp_path / "hw.txt"
    path.write_bytes(b"charset=" * 500 + b"\xff" * 100_000)
    start = time.perf_counter()
    grade_submission(path, rubric, Options(text_budget=None))
    assert time.perf_counter() - start < 30


def test_a_file_item_reader_still_reads_utf8(rubric) -> None:
    assert _full(grade_file_item(rubric, "p1.d", "Problem 1\n\n(d) ∂f/∂w3 = σ(w2·σ(w1·x))\n", "hw.txt"))


# --- red team 96: what a hand-in writes out for a name its answer uses ------------------------------------------

_E = ("## Problem 1\n\n**(e)** $$\\frac{\\partial f_w}{\\partial w_2} = w_3\\,\\sigma'(x_2)\\,\\sigma(x_1)$$\n\n"
      "$$\\frac{\\partial f_w}{\\partial w_1} = w_3\\,\\sigma'(x_2)\\,w_2\\,\\sigma'(x_1)\\,x$$\n\n{where}\n")


@pytest.mark.parametrize("where, full", [
    ("where $\\sigma'(x_k) = \\sigma(x_k)\\,\\big(1-\\sigma(x_k)\\big)$ for $k = 1, 2$.", True),
    ("where $\\sigma'(x_k) = \\sigma(x_k)\\,\\big(1+\\sigma(x_k)\\big)$ for $k = 1, 2$.", False),
    ("Here $\\sigma'(x_k) = \\dfrac{e^{x_k}}{\\left(1+e^{-x_k}\\right)^2}$ at the node $x_k$.", False),
    ("with $s_1 = \\sigma(x_1)$, $s_2 = \\sigma(x_2)$ and $\\sigma'(x_1) = s_1(1+s_1)$.", False),
])
def test_sigma_prime_spelled_out_at_the_nodes(rubric, where: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.e.w2", _E.replace("{where}", where))) is full


@pytest.mark.parametrize("local, full", [("\\sigma_2(x_2)\\big(1-\\sigma_2(x_2)\\big)", True),
                                         ("\\sigma_2(x_2)\\big(1+\\sigma_2(x_2)\\big)", False)])
def test_a_local_derivative_listed_before_the_product(rubric, local: str, full: bool) -> None:
    report = ("## Problem 1\n\n**(e)** Local derivatives: $\\frac{\\partial f}{\\partial \\sigma_2} = w_3$, "
              f"$\\frac{{\\partial \\sigma_2}}{{\\partial x_2}} = {local}$, $\\frac{{\\partial x_2}}{{\\partial w_2}} = "
              "\\sigma_1(x_1)$.\n\n$$\\frac{\\partial f_w}{\\partial w_2} = w_3\\,\\sigma_2'(x_2)\\,\\sigma_1(x_1)$$\n")
    assert _full(grade_report_item(rubric, "p1.e.w2", report)) is full


@pytest.mark.parametrize("node, full", [("\\sigma(w_2\\,\\sigma(w_1 x))", True), ("\\sigma(w_2 x_1)", False),
                                        ("\\dfrac{1}{1+e^{x_2}}", False)])
def test_a_handout_functions_value_at_a_node_spelled_out(rubric, node: str, full: bool) -> None:
    report = f"## Problem 1\n\n**(d)** $$\\frac{{\\partial f_w}}{{\\partial w_3}} = \\sigma_2(x_2)$$ with $\\sigma_2(x_2) = {node}$.\n"
    assert _full(grade_report_item(rubric, "p1.d", report)) is full


_F = ("## Problem 1\n\n**(f)** $$\\nabla_w L = \\sum_{i=1}^{2} 2\\,\\big(f_w(x^i) - y^i\\big)\\,\\nabla_w f_w(x^i)$$\n\n"
      "where, at the data point $x^i$:\n\n- $\\partial f_w(x^i)/\\partial w_1 = {w1}$\n"
      "- $\\partial f_w(x^i)/\\partial w_2 = w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)$\n"
      "- $\\partial f_w(x^i)/\\partial w_3 = \\sigma_2(x_2)$\n")


@pytest.mark.parametrize("w1, full", [
    ("w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x^i", True),
    ("w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))", False),
])
def test_gradient_entries_written_one_an_equation(rubric, w1: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.f.grad", _F.replace("{w1}", w1))) is full


@pytest.mark.parametrize("entry, full", [("w_3\\sigma'(x_2)\\,w_2\\,\\sigma'(x_1)\\,x", True),
                                         ("w_3\\sigma'(x_2)\\,w_2\\,\\sigma'(x_1)", False)])
def test_a_vector_under_the_hand_ins_own_name(rubric, entry: str, full: bool) -> None:
    report = ("## Problem 1\n\n**(f)** Let $g_i = \\nabla_w f_w(x^i)$. Then\n\n$$\\nabla_w L = \\sum_{i=1}^{2} "
              f"2\\,\\big(f_w(x^i) - y^i\\big)\\,g_i$$\n\nwith $g_i = \\big({entry},\\; w_3\\sigma'(x_2)\\,\\sigma(x_1),"
              "\\; \\sigma(x_2)\\big)^T$ at $x = x^i$.\n")
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full


@pytest.mark.parametrize("point, full", [("w", True), ("w^{(t)}", True), ("w^{(0)}", False), ("w_{init}", False),
                                         ("w^{(t-1)}", False)])
def test_the_gradient_taken_at_other_weights(rubric, point: str, full: bool) -> None:
    report = f"## Problem 1\n\n**(f)** $$w^{{(t+1)}} = w^{{(t)}} - \\alpha\\,\\nabla_w L({point})$$\n"
    assert _full(grade_report_item(rubric, "p1.f.update", report)) is full


_C = ("## Problem 2\n\n**(c)** conv1: 520, relu1: 0, pool1: 0, conv2: 25,050, relu2: 0, pool2: 0, fc1: {fc1}, "
      "fc2: 5,010.\n\n{total}\n")


@pytest.mark.parametrize("total, full", [("Total: 430,080 (edit: re-added, total = 431,080 parameters).", True),
                                         ("Total: 431,080 (correction: I double-checked, it is 430,580).", False)])
def test_a_correction_in_brackets(rubric, total: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.c", _C.format(fc1="400,500", total=total))) is full


@pytest.mark.parametrize("fc1, full", [("$(4\\cdot4\\cdot50+1)\\cdot500 = 400{,}500$", True),
                                       ("$(8\\cdot8\\cdot50+1)\\cdot500 = 400{,}500$", False)])
def test_a_working_that_gives_another_number(rubric, fc1: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.c", _C.format(fc1=fc1, total="Total: 431,080."))) is full


@pytest.mark.parametrize("line, full", [
    ("Kernel $4\\times4$? no wait: $12 - 5 + 1 = 8$, so the filter is $5\\times5$, stride 1, 20 channels.", True),
    ("Kernel $4\\times4$? no wait: $12 - 5 + 1 = 8$, so the filter is $5\\times5$, stride 2, 20 channels.", False),
])
def test_one_correcting_line_gives_each_field_its_value(rubric, line: str, full: bool) -> None:
    report = f"## Problem 2\n\n**(b)** $8 = 12 - F + 1 \\Rightarrow F = 4$. {line}\n"
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


def test_hostile_workings_are_read_quickly(rubric) -> None:
    working = "fc1: " + "(1+" * 3_000 + "1" + ")" * 3_000 + " = 400,500\n"
    report = "## Problem 2\n\n**(c)** " + working + ("fc2 = " + "1·" * 10_000 + "1 = 5,010\n") * 3
    assert _seconds(rubric, "p2.c", report, "hw.md") < 30


@pytest.mark.parametrize("conv1, full", [("5∙5∙1∙20+20=520", True), ("5∙5∙1∙20+20=540", False)])
def test_a_working_with_bullet_operators_is_no_mismatch(rubric, conv1: str, full: bool) -> None:
    report = (f"## Problem 2\n\n**(c)** conv1: {conv1}, relu1: 0, pool1: 0, conv2: 25,050, relu2: 0, pool2: 0, "
              "fc1: 400,500, fc2: 5,010.\n\nTotal: 431,080.\n")
    assert _full(grade_report_item(rubric, "p2.c", report)) is full


@pytest.mark.parametrize("count, full", [("20", True), ("50", False)])
def test_filters_counted_as_of_them(rubric, count: str, full: bool) -> None:
    report = ("PROBLEM 2\n\n(a)\n  input ...................... 28 x 28\n"
              f"  conv1 filter ............... 5 x 5 x 1, and conv1 has {count} of them\n"
              "  after conv1 ................ 24 x 24 x 20\n  after pooling .............. 12 x 12 x 20\n")
    assert _full(grade_report_item(rubric, "p2.a", report, "hw.txt")) is full
