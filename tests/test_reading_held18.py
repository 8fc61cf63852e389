"""Reading rules found by red team 17 and on the eighteenth held-out batch (an ordinary class, math written as
code, notebooks, very thorough derivations, an international class), each with a wrong twin that must not pass.
"""
from __future__ import annotations

from tests.helpers import assert_twins, grade_report_item

P1 = "## Problem 1\n\n(d) $\\frac{{\\partial f}}{{\\partial w_3}} = \\sigma_2(x_2)$\n\n{e}\n\n(f) {f}\n"
W2 = "w_3\\,\\sigma_2'(x_2)\\,\\sigma_1(x_1)"
W1 = "w_3\\,\\sigma_2'(x_2)\\,w_2\\,\\sigma_1'(x_1)\\,x"
GRAD = "$\\nabla_w L = \\sum_{i=1}^{2} 2\\,(f_w(x^i)-y^i)\\,\\nabla_w f_w(x^i)$"


def _report(e: str, f: str = GRAD) -> str:
    return P1.format(e=e, f=f)


def test_a_main_clause_after_a_reason_is_the_answer(rubric) -> None:
    """"…, and since x is fixed data we simply use $B$": B is what the student settles on, not a reason."""
    right = f"(e) $\\frac{{\\partial f}}{{\\partial w_2}} = {W2}$\n\n$\\frac{{\\partial f}}{{\\partial w_1}} = {W1}$"
    assert grade_report_item(rubric, "p1.e.w1", _report(right)).status == "pass"
    settles = right + (", and since x is fixed data we simply use "
                       f"$\\frac{{\\partial f}}{{\\partial w_1}} = {W1.replace(chr(92) + ',x', '')}$.")
    assert grade_report_item(rubric, "p1.e.w1", _report(settles)).status != "pass"
    reason = right + ", since $\\sigma'(u) = \\sigma(u)(1-\\sigma(u))$."  # a reason about something else: no change
    assert grade_report_item(rubric, "p1.e.w1", _report(reason)).status == "pass"


def test_rows_of_a_table_are_read_by_their_names(rubric) -> None:
    table = f"(e)\n\n| weight | ∂f/∂w |\n|---|---|\n| w2 | ${W2}$ |\n| w1 | ${W1}$ |\n"
    for item in ("p1.e.w2", "p1.e.w1"):
        assert grade_report_item(rubric, item, _report(table)).status == "pass", item
    swapped = f"(e)\n\n| weight | ∂f/∂w |\n|---|---|\n| w1 | ${W2}$ |\n| w2 | ${W1}$ |\n"
    for item in ("p1.e.w2", "p1.e.w1"):
        assert grade_report_item(rubric, item, _report(swapped)).status != "pass", item
    twice = table + f"| w1 (x dropped) | ${W1.replace(chr(92) + ',x', '')}$ |\n"  # two rows for w1: no guess
    assert grade_report_item(rubric, "p1.e.w1", _report(twice)).status == "review"


def test_a_spaced_slash_between_two_values_offers_both(rubric) -> None:
    line = "(b) conv2: filter 5×5, stride 1, 20 input channels, 50 filters, no padding"
    report = "## Problem 2\n\n" + line + "\n"
    assert grade_report_item(rubric, "p2.b", report).status == "pass"
    assert grade_report_item(rubric, "p2.b", report.replace("stride 1", "stride 1 / 2")).status == "review"
    listed = "## Problem 2\n\n(b) 5x5 / stride 1 / 20ch\n"  # slashes that list the fields: no hedge
    assert grade_report_item(rubric, "p2.b", listed).status == "pass"
    counts = ("## Problem 2\n\n(c) conv1 520, relu1 0, pool1 0, conv2 25050, relu2 0, pool2 0, fc1 400500, fc2 5010,"
              " total 431080\n")
    assert grade_report_item(rubric, "p2.c", counts).status == "pass"
    assert grade_report_item(rubric, "p2.c", counts.replace("400500,", "400500 / 400000,")).status == "review"
    assert grade_report_item(rubric, "p2.c", counts.replace("431080", "431080 / 430580")).status == "review"


def test_a_shape_offered_after_or_stands_for_the_shape_before(rubric) -> None:
    report = "## Problem 2\n\n(b) Filter 5x5 stride 1, channel dimension 20.\n"
    assert grade_report_item(rubric, "p2.b", report).status == "pass"
    hedged = report.replace("stride 1,", "stride 1, or 3x3 stride 1 (with 12 → 10 → 8),")
    assert grade_report_item(rubric, "p2.b", hedged).status == "review"


def test_or_between_displays_in_other_languages(rubric) -> None:
    two = ("$$\\nabla_w L = \\sum_{i=1}^{2} 2\\,(f_w(x^i) - y^i)\\,\\nabla_w f_w(x^i)$$\n{word}\n"
           "$$\\nabla_w L = \\sum_{i=1}^{2} -2\\,(f_w(x^i) - y^i)\\,\\nabla_w f_w(x^i)$$\n")
    for word in ("หรือ", "або", "아니면", "还是"):
        report = _report(f"(e) $\\frac{{\\partial f}}{{\\partial w_2}} = {W2}$", two.replace("{word}", word))
        assert grade_report_item(rubric, "p1.f.grad", report).status == "review", word


def test_or_then_an_aside_then_another_formula_is_a_hedge(rubric) -> None:
    report = "Q1\n\n**Q1.d**\n∂f/∂w_3 = σ_2(w_2 σ_1(w_1 x))\n"
    assert grade_report_item(rubric, "p1.d", report).status == "pass"
    hedged = report.replace("x))\n", "x))  — or, counting the outer weight, w_3 σ_2(w_2 σ_1(w_1 x)) ?\n")
    assert grade_report_item(rubric, "p1.d", hedged).status == "review"


def test_a_numeric_sanity_check_is_not_the_answer(rubric) -> None:
    check = "\n\nSanity check at w = (0.5, -1.0, 2.0): formula gives ∇L = (-0.2008, 0.3599, 0.3720).\n"
    assert_twins(rubric, "p1.f.grad", _report(f"(e) ${W2}$", GRAD + check),
                 ("2\\,(f_w", "(f_w"))


def test_a_worked_result_before_a_final_line_that_names_it_is_a_step(rubric) -> None:
    """"w^new = w − α∇L = w − αΣ(f−y)∇f" (the 2 lost), then "Final answer: w ← w − α∇L": not full marks."""
    update = ("$w^{new} = w - \\alpha\\nabla_w L = w - \\alpha\\sum_{i=1}^{2} 2(f_w(x^i)-y^i)\\nabla_w f_w(x^i)$\n\n"
              "**Final answer.** $w \\leftarrow w - \\alpha\\nabla_w L$")
    assert_twins(rubric, "p1.f.update", _report(f"(e) ${W2}$", GRAD + "\n\n" + update),
                 ("\\sum_{i=1}^{2} 2(f_w", "\\sum_{i=1}^{2} (f_w"))


def test_words_of_doubt_are_about_the_item_answered_twice(rubric) -> None:
    e = ("(e) df/dw2: I got two different things, leaving both:\n```\n"
         "df/dw2 = w3 * s(x2)*(1-s(x2)) * s(x1)              # version 1\n"
         "df/dw2 = w3 * s(x2)*(1-s(x2)) * s(x1)*(1-s(x1))    # version 2\n```\n"
         "df/dw1:\n```\ndf/dw1 = w3 * s(x2)*(1-s(x2)) * w2 * s(x1)*(1-s(x1)) * x\n```\n")
    report = "Let s(u) = 1/(1+exp(-u)).\n\n## Problem 1\n\n" + e
    assert grade_report_item(rubric, "p1.e.w2", report).status == "review"
    assert grade_report_item(rubric, "p1.e.w1", report).status == "pass"
    assert grade_report_item(rubric, "p1.e.w1", report.replace(" * x\n", "\n")).status != "pass"


def test_a_closing_fence_is_never_taken_for_an_opening_one(rubric) -> None:
    """A program fence, then labelled parts, then a fence holding comments: the labels stay labels."""
    report = ("# HW\n\n```python\nsig = lambda u: 1/(1+np.exp(-u))\nx1 = w1*x\n```\n\n## Problem 1\n\n"
              "**(a)** Graph.\n\n**(b)**\n\n```python\n# (b)(i)\ndsig = lambda u: np.exp(-u)/(1+np.exp(-u))**2\n```\n\n"
              "**(d)**\n```python\ndf_dw3 = sig(w2*sig(w1*x))\n```\n")
    assert_twins(rubric, "p1.d", report, ("df_dw3 = sig(w2", "df_dw3 = w3*sig(w2"))


def test_an_update_written_with_the_hand_ins_own_wrong_gradient(rubric) -> None:
    """"w ← w − α∇L" is right with the true ∇L. With the hand-in's own ∇L half the right one (its 2 lost) it is still
    a descent step: the error counted once, in (f)'s gradient (the rubric carries it forward). With its own ∇L's
    sign flipped the step climbs: TAs disagree, so a person decides. A gradient only restated carries nothing."""
    update = "\n\n$w \\leftarrow w - \\alpha\\nabla_w L$"
    assert grade_report_item(rubric, "p1.f.update", _report(f"(e) ${W2}$", GRAD + update)).status == "pass"
    lost = GRAD.replace("2\\,(f_w", "(f_w")
    assert lost != GRAD
    assert grade_report_item(rubric, "p1.f.grad", _report(f"(e) ${W2}$", lost + update)).status != "pass"
    carried = grade_report_item(rubric, "p1.f.update", _report(f"(e) ${W2}$", lost + update))
    assert carried.status == "pass" and "carried forward" in carried.feedback and "0.5 times" in carried.feedback
    flipped = GRAD.replace("(f_w(x^i)-y^i)", "(y^i-f_w(x^i))")
    assert flipped != GRAD
    assert grade_report_item(rubric, "p1.f.update", _report(f"(e) ${W2}$", flipped + update)).status == "review"
    restated = "$\\nabla_w L = (\\partial L/\\partial w_1, \\partial L/\\partial w_2, \\partial L/\\partial w_3)$"
    assert grade_report_item(rubric, "p1.f.update", _report(f"(e) ${W2}$", restated + update)).status == "pass"


def test_data_points_named_by_letters_as_a_program_names_them(rubric) -> None:
    f = ("\n```\ngrad_L = 2*(f(x_a) - y_a)*grad_f(x_a) + 2*(f(x_b) - y_b)*grad_f(x_b)\nw = w - alpha*grad_L\n```\n")
    report = "## Problem 1\n\n(f) L = (y_a - f(x_a))**2 + (y_b - f(x_b))**2\n" + f
    assert_twins(rubric, "p1.f.grad", report, ("2*(f(x_b) - y_b)", "2*(y_b - f(x_b))"))


def test_sizes_set_as_a_programs_names(rubric) -> None:
    """``after_conv1 = (24, 24, 20)`` in a Python block: a program's words (underscores) name the fields."""
    report = ("## Problem 2\n\n**(a)**\n```python\ninput_dim   = (28, 28)        # 1 channel\n"
              "conv1_filt  = (5, 5, 1, 20)   # 20 filters of 5x5x1\nafter_conv1 = (24, 24, 20)    # 28-5+1 = 24\n"
              "after_pool1 = (12, 12, 20)\n```\n")
    assert_twins(rubric, "p2.a", report, ("(24, 24, 20)", "(25, 25, 20)"))
    matlab = ("## Problem 2\n\n(a)\n```\ninput = (28, 28, 1)\nconv1_W = (5, 5, 1, 20)\nconv1_out = (24, 24, 20)\n"
              "pool1_out = (12, 12, 20)\n```\n")
    assert_twins(rubric, "p2.a", matlab, ("(5, 5, 1, 20)", "(5, 5, 20, 1)"))


def test_counts_in_a_dict_and_a_sum_of_the_layer_names(rubric) -> None:
    report = ("## Problem 2\n\n**(c)**\n```python\nparams = {\n    \"conv1\": (5*5*1 + 1)*20,      # 520\n"
              "    \"relu1\": 0,\n    \"pool1\": 0,\n    \"conv2\": (5*5*20 + 1)*50,     # 25_050\n    \"relu2\": 0,\n"
              "    \"pool2\": 0,\n    \"fc1\":   (4*4*50 + 1)*500,    # 400_500\n"
              "    \"fc2\":   (500 + 1)*10,        # 5_010\n"
              "}\nsum(params.values())  # 431_080\n```\n")
    assert_twins(rubric, "p2.c", report, ("# 400_500", "# 400_000"))
    julia = ("## 2(c)\n```julia\nconv1 = (5*5*1 + 1) * 20    # 520\nconv2 = (5*5*20 + 1) * 50   # 25050\n"
             "fc1   = (800 + 1) * 500     # 400500\nfc2   = (500 + 1) * 10      # 5010\n"
             "# relu1, pool1, relu2, pool2 → 0\nconv1 + conv2 + fc1 + fc2   # 431080\n```\n")
    assert_twins(rubric, "p2.c", "## Problem 2\n\n" + julia, ("# 431080", "# 431580"))


def test_a_factor_before_a_bracket_is_working(rubric) -> None:
    counts = ("## Problem 2\n\n(c)\n$$N_{\\text{conv1}} = 20\\,(5\\cdot5\\cdot1+1) = 520$$\n"
              "$$N_{\\text{conv2}} = 50\\,(5\\cdot5\\cdot20 + 1) = 25\\,050$$\n"
              "$$N_{\\text{fc1}} = 500\\,(4\\cdot4\\cdot50+1) = 400\\,500$$\n"
              "$$N_{\\text{fc2}} = 10\\,(500+1) = 5\\,010$$\nReLUs and pools: 0 each.\n"
              "$$N_{\\text{tot}} = 431\\,080$$\n")
    assert_twins(rubric, "p2.c", counts, ("= 5\\,010$$", "= 5\\,000$$"))


def test_comments_that_label_the_lines_of_a_block_of_formulas(rubric) -> None:
    report = ("## Problem 1\n\n**(b)**\n```matlab\nsig  = @(u) 1/(1+exp(-u));\n"
              "dsig = @(u) exp(-u)/(1+exp(-u))^2;     % (b)(i)\n"
              "dsig = @(u) sig(u)*(1-sig(u));         % (b)(ii)\n```\n\n"
              "**(d)**\n```matlab\ndfdw3 = @(x) sig(w2*sig(w1*x));\n```\n")
    assert_twins(rubric, "p1.b.ii", report, ("sig(u)*(1-sig(u))", "sig(u)*(1+sig(u))"))
    assert_twins(rubric, "p1.b.i", report, ("exp(-u)/(1+exp(-u))^2", "exp(u)/(1+exp(-u))^2"))
    assert_twins(rubric, "p1.d", report, ("dfdw3 = @(x) sig(w2", "dfdw3 = @(x) w3*sig(w2"))
    notes = report.replace("% (b)(ii)", "% (b)(i)")  # a label said twice is a note, not a structure: no guess
    assert grade_report_item(rubric, "p1.b.ii", notes).status != "pass"


def test_a_program_file_of_commented_parts_and_one_line_functions(rubric) -> None:
    program = ("# hw2 answers as python\n# conventions: sig(u) = 1/(1+exp(-u))\n\n# (b)(i)\ndef dsig_i(u):\n"
               "    return exp(-u) / (1 + exp(-u))**2\n\n# (b)(ii)\ndef dsig_ii(u):\n"
               "    return sig(u) * (1 - sig(u))\n\n"
               "# (d)\ndf_dw3 = sig(w2*sig(w1*x))\n\n# (c)\n# forward pass: compute f\n# backward pass: chain rule\n")
    assert grade_report_item(rubric, "p1.b.i", program, "hw.txt").status == "pass"
    wrong = program.replace("exp(-u) / (1", "exp(u) / (1")
    assert grade_report_item(rubric, "p1.b.i", wrong, "hw.txt").status != "pass"


def test_a_count_worked_out_in_code_against_its_comment(rubric) -> None:
    """``conv2 = 5*5*20*50  # 25050``: the expression is read (never run); a comment that says another number
    offers a second value, and a dict key given twice holds two values: a person decides."""
    block = ("## Problem 2\n\n(c)\n```python\nconv1 = (5*5*1+1)*20   # 520\nconv2 = (5*5*20+1)*50  # 25050\n"
             "fc1 = (800+1)*500       # 400500\nfc2 = (500+1)*10        # 5010\nrelu1 = pool1 = relu2 = pool2 = 0\n"
             "conv1 + conv2 + fc1 + fc2  # 431080\n```\n")
    assert grade_report_item(rubric, "p2.c", block).status == "pass"
    told = block.replace("(5*5*20+1)*50  # 25050", "5*5*20*50      # 25050")
    assert grade_report_item(rubric, "p2.c", told).status == "review"
    entries = ("## Problem 2\n\n(c)\n```python\nparams = {\n    \"conv1\": (5*5*1+1)*20,     # 520\n"
               "    \"conv2\": (5*5*20+1)*50,    # 25050\n    \"fc1\": (800+1)*500,        # 400500\n"
               "    \"fc2\": (500+1)*10,         # 5010\n}\n# relu/pool: 0 ; total 431080\n```\n")
    assert grade_report_item(rubric, "p2.c", entries).status == "pass"
    twice = entries.replace("    \"fc2\"", "    \"conv2\": 5*5*20*50,\n    \"fc2\"")  # the key again, bias lost
    assert grade_report_item(rubric, "p2.c", twice).status != "pass"


def test_two_rows_naming_one_quantity_in_different_spellings(rubric) -> None:
    table = f"(e)\n\n| weight | ∂f/∂w |\n|---|---|\n| w2 | ${W2}$ |\n| w1 | ${W1}$ |\n"
    for spelled in ("$w_1$", "$\\partial f/\\partial w_1$"):
        twice = table + f"| {spelled} | ${W1.replace(chr(92) + ',x', '')}$ |\n"
        assert grade_report_item(rubric, "p1.e.w1", _report(twice)).status == "review", spelled
    edges = table.replace("| w2 |", "| $x_2 \\leftarrow w_2$ | $\\sigma_1(x_1)$ |\n| w2 |")  # an edge names no row
    assert grade_report_item(rubric, "p1.e.w2", _report(edges)).status == "pass"


def test_a_row_whose_answer_cell_goes_on(rubric) -> None:
    row = ("| # | what | answer |\n|:--|:--|:--|\n"
           "| 1d | $\\partial f/\\partial w_3$ | $s_2 = \\sigma_2(w_2\\,\\sigma_1(w_1x))$ |\n")
    assert_twins(rubric, "p1.d", "## Problem 1\n\n" + row, ("= \\sigma_2(w_2", "= w_3\\sigma_2(w_2"))
    reason = ("| # | answer | why |\n|---|---|---|\n| 1d | $\\sigma_2(x_2)$ | $x_2=w_2\\sigma_1(w_1x)$ |\n")
    assert grade_report_item(rubric, "p1.d", "## Problem 1\n\n" + reason).status == "pass"  # a definition beside


def test_a_plain_text_table_is_read_by_columns(rubric) -> None:
    table = ("Problem 1\n\n| part  | d f / d ... | answer                                  |\n"
             "|-------|-------------|-----------------------------------------|\n"
             "| e     | w2          | w3 * sig2(x2)*(1-sig2(x2)) * sig1(x1)   |\n"
             "| e     | w1          | w3 * sig2(x2)*(1-sig2(x2)) * w2 * sig1(x1)*(1-sig1(x1)) * x |\n")
    for item in ("p1.e.w2", "p1.e.w1"):
        assert grade_report_item(rubric, item, table, "hw.txt").status == "pass", item
    swapped = table.replace("| w2  ", "| wX  ").replace("| w1  ", "| w2  ").replace("| wX  ", "| w1  ")
    for item in ("p1.e.w2", "p1.e.w1"):
        assert grade_report_item(rubric, item, swapped, "hw.txt").status != "pass", item


def test_an_r_function_definition(rubric) -> None:
    report = "## Problem 1\n\n(b)\n(i) `dsig <- function(u) exp(-u) / (1 + exp(-u))^2`\n"
    assert_twins(rubric, "p1.b.i", report, ("exp(-u) / (1", "exp(u) / (1"))


def test_a_power_in_a_count_is_read_and_checked_against_its_comment(rubric) -> None:
    block = ("## Problem 2\n\n(c)\n```python\nconv1 = (5*5*1+1)*20   # 520\n"
             "conv2 = (5**2*20+1)*50  # 25_050 incl. bias\n"
             "fc1 = (800+1)*500       # 400500\nfc2 = (500+1)*10        # 5010\nrelu1 = pool1 = relu2 = pool2 = 0\n"
             "conv1 + conv2 + fc1 + fc2  # 431080\n```\n")
    assert grade_report_item(rubric, "p2.c", block).status == "pass"
    lost = block.replace("(5**2*20+1)*50", "5**2 * 20 * 50")  # the bias lost, the comment still says 25,050
    assert grade_report_item(rubric, "p2.c", lost).status != "pass"


def test_else_and_otherwise_offer_another_answer(rubric) -> None:
    line = "## Problem 2\n\n(b) conv2: filter 5×5, stride 1, 20 input channels, 50 filters, no padding{tail}\n"
    assert grade_report_item(rubric, "p2.b", line.replace("{tail}", "")).status == "pass"
    for tail in (" (else 3×3 with stride 1 twice)", "; otherwise 3×3 with stride 1 and padding 0 applied twice."):
        assert grade_report_item(rubric, "p2.b", line.replace("{tail}", tail)).status == "review", tail
    d = "## Problem 1\n\n(d) $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$, else $w_3\\sigma_2(x_2)$\n"
    assert grade_report_item(rubric, "p1.d", d).status == "review"


def test_a_plain_row_and_a_joined_name_count_as_the_same_rows_name(rubric) -> None:
    table = (f"(e)\n\n| | derivative |\n| --- | --- |\n| $\\partial f/\\partial w_2$ | ${W2}$ |\n"
             f"| $\\partial f/\\partial w_1$ | ${W1}$ |\n")
    assert grade_report_item(rubric, "p1.e.w1", _report(table)).status == "pass"
    twice = table + "| dfdw1 | w3*s2'(x2)*w2*s1'(x1) |\n"
    assert grade_report_item(rubric, "p1.e.w1", _report(twice)).status == "review"


def test_a_summary_table_at_the_end_that_differs_from_the_derivation(rubric) -> None:
    """A "Summary of answers" table after the last part, its rows named by key: the part's answer said again, so a
    summary that disagrees with the derivation is never full marks."""
    report = _report(f"(e) $\\frac{{\\partial f}}{{\\partial w_2}} = {W2}$") + (
        "\n## Problem 2\n\n(c) total 431080\n\n## Summary of answers\n\n| item | answer |\n| --- | --- |\n"
        "| w2 | w3*s2'(x2)*s1(x1) |\n")
    assert grade_report_item(rubric, "p1.e.w2", report).status == "pass"
    differs = report.replace("| w2 | w3*s2'(x2)*s1(x1) |", "| w2 | w3*s2(x2)*s1(x1) |")
    assert grade_report_item(rubric, "p1.e.w2", differs).status != "pass"


def test_a_course_can_send_every_carried_error_to_a_person(rubric) -> None:
    """``carried_errors = "review"``: the update built on the hand-in's own halved ∇L goes to a person; a policy the
    check does not know is refused when the rubric loads."""
    import dataclasses

    import pytest

    from grader.checks.expression import ExpressionCheck
    from grader.params import ParamError

    item = rubric.item("p1.f.update")
    strict = dataclasses.replace(item, params=dataclasses.replace(item.params, carried_errors="review"))
    course = dataclasses.replace(rubric, items=[strict if i.id == item.id else i for i in rubric.items])
    update = "\n\n$w \\leftarrow w - \\alpha\\nabla_w L$"
    lost = GRAD.replace("2\\,(f_w", "(f_w")
    assert grade_report_item(course, "p1.f.update", _report(f"(e) ${W2}$", lost + update)).status == "review"
    assert grade_report_item(course, "p1.f.update", _report(f"(e) ${W2}$", GRAD + update)).status == "pass"
    with pytest.raises(ParamError, match="carried_errors"):
        ExpressionCheck().validate(dataclasses.replace(item.params, carried_errors="always"), rubric.reference)
