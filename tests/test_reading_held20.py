"""Reading rules found by red teams 20 and 21 and on the twentieth held-out batch (an ordinary class, LaTeX users, a
notebook class, programmers, an international class), each with a wrong twin that must not pass."""
from __future__ import annotations

from tests.helpers import grade_report_item

D_RIGHT = "## Problem 1\n\n(d) $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$\n"
W2 = "w_3\\,\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)"
COUNTS = ("(c) conv1 520, relu1 0, pool1 0, conv2 25050, relu2 0, pool2 0, fc1 400500, fc2 5010, total 431080\n")


def test_a_correction_that_ends_like_the_answer_is_still_another_answer(rubric) -> None:
    """"*Edit:* it is $w_3\\,\\sigma_2(x_2)$" under an answer $\\sigma_2(x_2)$: a longer formula that only ends like the
    answer changes it (a person decides); a correction that repeats the answer changes nothing."""
    changed = D_RIGHT + "\n*Edit:* forgot the weight, it is $w_3\\,\\sigma_2(x_2)$.\n"
    assert grade_report_item(rubric, "p1.d", changed).status == "review"
    same = D_RIGHT + "\n*Edit:* checked again, it is $\\sigma_2(x_2)$.\n"
    assert grade_report_item(rubric, "p1.d", same).status == "pass"


def test_a_footnote_that_corrects_an_answer_belongs_to_the_part_that_cites_it(rubric) -> None:
    cited = ("## Problem 1\n\n(d) $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$[^1]\n\n(e) nothing here\n\n"
             "## Problem 2\n\n" + COUNTS + "\n[^1]: Correction after checking: it must be $w_3\\,\\sigma_2(x_2)$.\n")
    assert grade_report_item(rubric, "p1.d", cited).status == "review"
    assert grade_report_item(rubric, "p2.c", cited).status == "pass"
    remark = cited.replace("Correction after checking: it must be $w_3\\,\\sigma_2(x_2)$.", "See the lecture notes.")
    assert grade_report_item(rubric, "p1.d", remark).status == "pass"


def test_a_cancelled_factor_is_not_read_as_written(rubric) -> None:
    right = "## Problem 1\n\n(e) $\\frac{\\partial f}{\\partial w_2} = " + W2 + "$\n"
    assert grade_report_item(rubric, "p1.e.w2", right).status == "pass"
    cancelled = right.replace("\\,\\sigma_1(x_1)$", "\\,\\cancel{\\sigma_1(x_1)}$")
    assert grade_report_item(rubric, "p1.e.w2", cancelled).status == "review"


def test_a_second_size_said_to_do_as_well_is_a_hedge(rubric) -> None:
    report = "## Problem 2\n\n(b) conv2: filter 5×5, stride 1, 20 input channels, 50 filters, no padding\n"
    assert grade_report_item(rubric, "p2.b", report).status == "pass"
    for aside in ("5×5 (I'd guess 3×3 could work too)", "5×5, 3×3 would also be fine"):
        assert grade_report_item(rubric, "p2.b", report.replace("5×5", aside, 1)).status == "review", aside
    refused = report.replace("5×5", "5×5 (3×3 would not give 8×8)", 1)
    assert grade_report_item(rubric, "p2.b", refused).status == "pass"


def test_or_and_leaving_both_in_vietnamese_are_hedges(rubric) -> None:
    right = "## Problem 1\n\n**1d)**\n∂f/∂w₃ = σ₂(x₂)\n"
    assert grade_report_item(rubric, "p1.d", right).status == "pass"
    hedged = right.replace("σ₂(x₂)\n", "σ₂(x₂)   hoặc là   w₃·σ₂(x₂)(1 − σ₂(x₂)) ?\n")
    assert grade_report_item(rubric, "p1.d", hedged).status == "review"
    both = right + "(em chưa chắc, em để cả hai: w₃·σ₂(x₂))\n"
    assert grade_report_item(rubric, "p1.d", both).status == "review"


def test_a_comment_offering_another_line_in_a_block_of_formulas_is_a_hedge(rubric) -> None:
    block = ("## Problem 1\n\n(e)\n```python\ndf_dw2 = w3 * sigma2(x2)*(1-sigma2(x2)) * sigma1(x1)\n{comment}\n"
             "df_dw2 = sigma2(x2)*(1-sigma2(x2)) * sigma1(x1)\n```\n")
    assert grade_report_item(rubric, "p1.e.w2", block.format(comment="# or maybe??")).status == "review"
    assert grade_report_item(rubric, "p1.e.w2", block.format(comment="# without w3:")).status != "pass"


def test_a_heading_of_a_number_and_a_letter_labels_a_part(rubric) -> None:
    report = ("# Problem 1\n\n## 1d\n$\\partial f/\\partial w_3 = \\sigma_2(x_2)$\n\n# Problem 2\n\n## 2a\n"
              "Input $28\\times28\\times1$, conv1 filters $5\\times5\\times1\\times20$, "
              "after conv1 $24\\times24\\times20$,"
              " after pooling $12\\times12\\times20$.\n\n## 2b\nKernel $5\\times5$, stride $1$, input channels $20$.\n")
    for item in ("p1.d", "p2.a", "p2.b"):
        assert grade_report_item(rubric, item, report).status == "pass", item
    assert grade_report_item(rubric, "p2.b", report.replace("Kernel $5", "Kernel $3").replace("5$,", "3$,")
                             ).status != "pass"


def test_definitions_split_by_an_arabic_comma(rubric) -> None:
    report = ("## Problem 1\n\nNotation: x₁ = w₁·x ، x₂ = w₂·σ₁(x₁) ، f = w₃·σ₂(x₂)\n\n"
              "(e)\n∂f/∂w₂ = w₃ × σ₂(x₂)(1 − σ₂(x₂)) × σ₁(x₁)\n")
    assert grade_report_item(rubric, "p1.e.w2", report).status == "pass"
    assert grade_report_item(rubric, "p1.e.w2", report.replace("w₃ × σ₂", "σ₂")).status != "pass"


def test_a_value_then_with_starts_the_next_field(rubric) -> None:
    report = "## Problem 2\n\n(b) $12 - F + 1 = 8 \\Rightarrow F = 5$ with stride $1$ and no padding. "
    report += "Filter $5\\times5$, channel dimension 20, 50 filters.\n"
    assert grade_report_item(rubric, "p2.b", report).status == "pass"
    assert grade_report_item(rubric, "p2.b", report.replace("stride $1$", "stride $2$")).status != "pass"


def test_a_latex_tabular_is_read_by_its_columns(rubric) -> None:
    table = ("\\documentclass{article}\\begin{document}\n\\section*{Problem 2}\n\\paragraph{(c)}\n"
             "\\begin{tabular}{lrrr}\n\\toprule\nlayer & weights & biases & total\\\\ \\midrule\n"
             "conv1 & $5\\cdot5\\cdot1\\cdot20 = 500$ & $20$ & $520$\\\\\nrelu1 & -- & -- & $0$\\\\\n"
             "pool1 & -- & -- & $0$\\\\\nconv2 & $5\\cdot5\\cdot20\\cdot50 = 25000$ & $50$ & $25050$\\\\\n"
             "relu2 & -- & -- & $0$\\\\\npool2 & -- & -- & $0$\\\\\n"
             "fc1 & $800\\cdot500 = 400000$ & $500$ & $400500$\\\\\n"
             "fc2 & $500\\cdot10 = 5000$ & $10$ & $5010$\\\\ \\midrule\n\\multicolumn{3}{l}{total} & $431080$\\\\\n"
             "\\bottomrule\n\\end{tabular}\n\\end{document}\n")
    assert grade_report_item(rubric, "p2.c", table, "report.tex").status == "pass"
    assert grade_report_item(rubric, "p2.c", table.replace("$400500$", "$400000$"), "report.tex").status != "pass"
    headless = ("\\documentclass{article}\\begin{document}\n\\section*{Problem 2}\n\\paragraph{(c)}\n"
                "\\begin{tabular}{lr}\nconv1 & $(25+1)\\times20=520$\\\\\nrelu1 & 0\\\\\npool1 & 0\\\\\n"
                "conv2 & $50(500+1)=25{,}050$\\\\\nrelu2 & 0\\\\\npool2 & 0\\\\\n"
                "fc1 & $800\\times500+500=400{,}500$\\\\\nfc2 & $500\\times10+10=5{,}010$\\\\\n\\hline\n"
                "$\\Sigma$ & $431{,}080$\n\\end{tabular}\n\\end{document}\n")
    assert grade_report_item(rubric, "p2.c", headless, "report.tex").status == "pass"
    assert grade_report_item(rubric, "p2.c", headless.replace("=520", "=500"), "report.tex").status != "pass"


def test_definitions_set_in_a_cases_brace(rubric) -> None:
    report = ("\\documentclass{article}\\begin{document}\n\\section*{Problem 1}\n\\[\n\\begin{cases}\n"
              "h_1 = w_1x, & s_1 = \\sigma(h_1),\\\\\nh_2 = w_2s_1, & s_2 = \\sigma(h_2),\\\\\n\\hat y = w_3s_2.\n"
              "\\end{cases}\n\\]\n\\subsection*{(e)}\n\\[\\frac{\\partial f}{\\partial w_2} = w_3 s_2(1-s_2)s_1\\]\n"
              "\\end{document}\n")
    assert grade_report_item(rubric, "p1.e.w2", report, "report.tex").status == "pass"
    assert grade_report_item(rubric, "p1.e.w2", report.replace("w_3 s_2(1-s_2)s_1", "w_3 s_2(1+s_2)s_1"),
                             "report.tex").status != "pass"


def test_values_in_a_program_named_by_their_comments_and_unpacked(rubric) -> None:
    report = ("## Problem 2\n\n### 2a\n```python\n(28, 28)        # input\n(5, 5, 1, 20)   # conv1 filters\n"
              "(24, 24, 20)    # after conv1\n(12, 12, 20)    # after 2x2 pooling\n```\n\n### 2b\n```python\n"
              "kernel_size, stride, in_channels = 5, 1, 20     # 50 filters\n```\n")
    for item in ("p2.a", "p2.b"):
        assert grade_report_item(rubric, item, report).status == "pass", item
    assert grade_report_item(rubric, "p2.b", report.replace("= 5, 1, 20", "= 5, 2, 20")).status != "pass"
    assert grade_report_item(rubric, "p2.a", report.replace("(24, 24, 20)", "(28, 28, 20)")).status != "pass"


def test_a_highlight_and_a_weights_row(rubric) -> None:
    report = ("## 1. Backprop\n\n### 1f\n$$\\nabla_wL=\\sum_{i=1}^{2}2\\,(f_w(x^i)-y^i)\\nabla_w f_w(x^i)$$\n"
              "where the superscript $(i)$ means the data point.\n\n==Update:== $w\\leftarrow w-\\alpha\\nabla_wL$\n\n"
              "## 2. MNIST\n\n### 2a\n| | |\n|---|---|\n| input | 28×28×1 |\n| conv1 W | 5×5×1×20 |\n"
              "| conv1 out | 24×24×20 |\n| pool1 out | 12×12×20 |\n")
    for item in ("p1.f.grad", "p1.f.update", "p2.a"):
        assert grade_report_item(rubric, item, report).status == "pass", item
    assert grade_report_item(rubric, "p1.f.update", report.replace("w-\\alpha", "w+\\alpha")).status == "fail"
    assert grade_report_item(rubric, "p2.a", report.replace("| 5×5×1×20 |", "| 5×5×20 |")).status != "pass"


def test_sig_defined_in_a_comment_is_the_sigmoid(rubric) -> None:
    report = ("Problem 1\n\nb)\n\n    # sig(u) = 1/(1+e^-u)\n    (ii) dsig/du = sig(u) * (1 - sig(u))\n\n"
              "d)\n\n    df/dw3 = sig2(x2)\n")
    assert grade_report_item(rubric, "p1.d", report, "report.txt").status == "pass"
    assert grade_report_item(rubric, "p1.d", report.replace("= sig2(x2)", "= sig2(x2)*(1-sig2(x2))"),
                             "report.txt").status != "pass"


def test_arabic_problem_word_labels_a_part(rubric) -> None:
    report = ("**المسألة 1 (ب):**\n\n(i) dσ₁/du = e^(−u) / (1 + e^(−u))²\n\n(ii) dσ₁/du = σ₁(u) × (1 − σ₁(u))\n\n"
              "**المسألة 1 (د):**\n∂f/∂w₃ = σ₂(x₂)\n")
    for item in ("p1.b.i", "p1.b.ii", "p1.d"):
        assert grade_report_item(rubric, item, report).status == "pass", item
    assert grade_report_item(rubric, "p1.b.ii", report.replace("(1 − σ₁(u))", "(1 + σ₁(u))")).status != "pass"


P2 = ("## Problem 2\n\n(a) input 28×28×1, conv1 filter 5×5×1×20, output after conv1 24×24×20, "
      "after pooling 12×12×20\n\n(b) conv2: filter 5×5, stride 1, 20 input channels, 50 filters, no padding\n\n"
      + COUNTS)
F_UPDATE = ("\n(f) $\\nabla_w L = \\sum_{i=1}^{2} 2\\,(f_w(x^i)-y^i)\\,\\nabla_w f_w(x^i)$\n\n"
            "Update: $w \\leftarrow w - \\alpha \\nabla_w L$\n")


def test_late_revisions_in_many_words_are_second_answers(rubric) -> None:
    """Red team 21: a revision at the end that does not open with "Correction" or "Edit" was ignored."""
    report = D_RIGHT + F_UPDATE + "\n" + P2 + "\n{late}\n"
    assert grade_report_item(rubric, "p1.d", report.replace("{late}", "Thanks for reading.")).status == "pass"
    for late in ("Nachtrag zu (d): ich habe mich vertan, richtig ist $\\partial f/\\partial w_3 = w_3\\sigma_2(x_2)$.",
                 "P.S. I think I got (d) wrong above, it should be $\\partial f/\\partial w_3 = w_3\\sigma_2(x_2)$.",
                 "Corrección (d): $\\frac{\\partial f}{\\partial w_3} = w_3\\sigma_2(x_2)$",
                 "Addendum (d): $\\frac{\\partial f}{\\partial w_3} = w_3\\sigma_2(x_2)$",
                 "Update after office hours — (d): $\\frac{\\partial f}{\\partial w_3} = \\sigma_1(x_1)$",
                 "Nota bene / correzione per (d): $\\frac{\\partial f}{\\partial w_3} = w_3\\sigma_2(x_2)$"):
        assert grade_report_item(rubric, "p1.d", report.replace("{late}", late)).status == "review", late
    assert grade_report_item(rubric, "p1.f.update", report.replace("{late}", "")).status == "pass"  # "Update:" answers


def test_a_summary_after_the_last_problem_is_compared_with_the_parts(rubric) -> None:
    report = D_RIGHT + F_UPDATE + "\n" + P2 + "\n## Summary of answers\n\n- (d) {d}\n"
    assert grade_report_item(rubric, "p1.d", report.replace("{d}", "σ2(x2)")).status == "pass"
    assert grade_report_item(rubric, "p1.d", report.replace("{d}", "σ1(x1)")).status == "review"
    assert grade_report_item(rubric, "p2.c", report.replace("{d}", "σ1(x1)")).status == "pass"  # Problem 2 has no (d)


def test_words_that_allow_another_answer_are_a_hedge(rubric) -> None:
    for words in (", probably $\\sigma_1(x_1)$ is also acceptable.", "; writing $\\sigma_2(x_1)$ would also be fine."):
        report = D_RIGHT.rstrip("\n") + words + "\n"
        assert grade_report_item(rubric, "p1.d", report).status == "review", words
    p2b = "## Problem 2\n\n(b) conv2: filter 5×5, stride 1, 20 input channels, 50 filters, no padding{aside}\n"
    assert grade_report_item(rubric, "p2.b", p2b.format(aside="")).status == "pass"
    aside = " (a 3×3 filter with stride 1 and padding 0 twice could work as well)"
    assert grade_report_item(rubric, "p2.b", p2b.format(aside=aside)).status == "review"


def test_small_python_functions_are_the_formulas_they_return(rubric) -> None:
    """The twenty-first held-out batch (math written as code): ``def df_dw2(…):`` with its steps, then ``return``."""
    report = ("## Problem 1\n\n### (e)\n\n```python\nimport numpy as np\n\ndef df_dw2(x, w1, w2, w3):\n"
              "    h1 = sig(w1 * x); x2 = w2 * h1\n"
              "    return w3 * dsig(x2) * h1           # df/dh2 * dh2/dx2 * dx2/dw2\n"
              "```\n\n### (f)\n\n```python\ndef grad_L(w, D):\n    # dL/dw\n"
              "    return sum(2 * (f(x, w) - y) * grad_f(x, w) for (x, y) in D)\n\n"
              "w_new = w - alpha * grad_L(w, D)\n```\n"
              "\nanalytic : dw1=-0.0285564  dw2=0.0756380  dw3=0.2235810\n")
    for item in ("p1.e.w2", "p1.f.grad", "p1.f.update"):
        assert grade_report_item(rubric, item, report).status == "pass", item
    assert grade_report_item(rubric, "p1.e.w2", report.replace("w3 * dsig(x2)", "dsig(x2)")).status != "pass"
    assert grade_report_item(rubric, "p1.f.grad", report.replace("2 * (f(x, w)", "(f(x, w)")).status != "pass"
    program = report.replace("    h1 = sig", "    print(x)\n    h1 = sig")  # a program's work: not read as a formula
    assert grade_report_item(rubric, "p1.e.w2", program).status != "pass"


def test_alternatives_side_by_side_or_in_other_words_are_hedges(rubric) -> None:
    table = ("## Problem 2\n\n(b)\n\n| | option A | option B |\n|---|---|---|\n| filter size | 5 x 5 | 6 x 6 |\n"
             "| stride | 1 | 2 |\n| channels | 20 | 20 |\n")
    assert grade_report_item(rubric, "p2.b", table).status == "review"
    one = table.replace("option A | option B", "weights | checked").replace("| 6 x 6 |", "| 5 x 5 |").replace(
        "| 1 | 2 |", "| 1 | 1 |")
    assert grade_report_item(rubric, "p2.b", one).status == "pass"
    plain = "Problem 1\n\n(d) df/dw3 = sigma2(x2){tail}\n"
    assert grade_report_item(rubric, "p1.d", plain.replace("{tail}", ""), "report.txt").status == "pass"
    for tail in ("  ... or w3*sigma2'(x2)?", "\n      or is it  w3 * sigma2(x2) ?? (not sure)"):
        assert grade_report_item(rubric, "p1.d", plain.replace("{tail}", tail), "report.txt").status == "review", tail
    latex = ("## Problem 1\n\n(d) $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$ \\; or \\; "
             "$w_3\\sigma_2(x_2)$ ?\n")
    assert grade_report_item(rubric, "p1.d", latex).status == "review"
    words = D_RIGHT + "\nJe ne suis pas sûr, donc je donne les deux : $w_3\\sigma_2(x_2)$.\n"
    assert grade_report_item(rubric, "p1.d", words).status == "review"


def test_a_count_after_a_shape_in_any_language(rubric) -> None:
    report = "## Problem 2\n\n(a) vstup 28×28, filtr 5×5×1 (20 filtrů), po conv1 24×24×20, po poolingu 12×12×20.\n"
    assert grade_report_item(rubric, "p2.a", report).status == "pass"
    assert grade_report_item(rubric, "p2.a", report.replace("(20 filtrů)", "(10 filtrů)")).status != "pass"


def test_one_text_for_a_range_of_parts_is_read_by_name(rubric) -> None:
    """"(d),(e)", "** d, e": one table answers both parts, each row by the quantity it names."""
    table = ("Problem 1\n\n(d),(e)\n   | wrt | chain | result |\n   |-----|-----|-----|\n"
             "   | w3  | df/dw3 | s2(x2) = s2(w2*s1(w1*x)) |\n   | w2  | df/dh2 * dh2/dx2 * dx2/dw2 | {w2} |\n"
             "   | w1  | df/dh2 * dh2/dh1 * dh1/dw1 | w3 * s2(x2)(1-s2(x2)) * w2 * s1(x1)(1-s1(x1)) * x |\n")
    right = table.replace("{w2}", "w3 * s2(x2)(1-s2(x2)) * s1(x1)")
    for item in ("p1.d", "p1.e.w2", "p1.e.w1"):
        assert grade_report_item(rubric, item, right, "report.txt").status == "pass", item
    assert grade_report_item(rubric, "p1.e.w2", table.replace("{w2}", "s2(x2)(1-s2(x2)) * s1(x1)"),
                             "report.txt").status in ("fail", "partial")
    org = right.replace("(d),(e)", "** d, e").replace("Problem 1", "* P1")
    assert grade_report_item(rubric, "p1.e.w1", org, "report.org").status == "pass"
    unnamed = "## Problem 1\n\n(d)–(e)\n\n$\\sigma_2(x_2)$, $w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\sigma_1(x_1)$\n"
    assert grade_report_item(rubric, "p1.e.w2", unnamed).status == "review"  # by position in a shared text: no


def test_a_row_named_in_words_in_a_part_no_key_names(rubric) -> None:
    table = ("Problem 1\n\n(b)\n   | form | ds1/du |\n   |---|---|\n   | (i)  exp  | exp(-u) / (1+exp(-u))^2 |\n"
             "   | (ii) sig  | s1(u) * (1 - s1(u)) |\n")
    for item in ("p1.b.i", "p1.b.ii"):
        assert grade_report_item(rubric, item, table, "report.txt").status == "pass", item
    assert grade_report_item(rubric, "p1.b.ii", table.replace("(1 - s1(u))", "(1 + s1(u))"),
                             "report.txt").status in ("fail", "partial")


def test_numbered_parts_with_one_lettered_mention(rubric) -> None:
    """Red team 21: "1.4 ∂f/∂w3 = σ1(w1 x)" and, at the end, "(d) see 1.4; for reference ∂f/∂w3 = σ2(x2) …": the
    numbered parts are the parts (one bracketed letter is a mention), so 1.4 is the answer to (d)."""
    report = ("# HW3\n\n1.1 graph: x -> w1 -> σ1 -> w2 -> σ2 -> w3 -> f\n\n1.2 (i) dσ/du = e^{-u}/(1+e^{-u})^2 "
              "(ii) σ(u)(1-σ(u))\n\n1.3 forward computes values, backward propagates gradients.\n\n"
              "1.4 ∂f/∂w3 = {d}\n\n1.5 ∂f/∂w2 = w3 σ2(x2)(1-σ2(x2)) σ1(x1)\n\n"
              "(d) see 1.4; for reference ∂f/∂w3 = σ2(x2) is the general form.\n")
    assert grade_report_item(rubric, "p1.d", report.replace("{d}", "σ1(w1 x)"), "report.txt").status != "pass"


def test_words_after_an_update_that_give_another_formula(rubric) -> None:
    report = D_RIGHT + F_UPDATE.replace("Update: $w \\leftarrow w - \\alpha \\nabla_w L$",
                                        "$w_{new} = w - \\alpha \\nabla_w L$ {after}")
    assert grade_report_item(rubric, "p1.f.update", report.replace("{after}", "(a small step)")).status == "pass"
    changed = report.replace("{after}", "(update: after checking with the TA, we ascend, so it is $+\\alpha$)")
    assert grade_report_item(rubric, "p1.f.update", changed).status == "review"


def test_late_revisions_under_a_note_or_a_heading(rubric) -> None:
    """Red team 22: "Nota (d): …", "N.B. (e): …", "Remark on (e): …", a "## Fixes" or "* Corrections" heading with
    "(d) …" under it, after the last problem: a second answer for that part."""
    report = D_RIGHT + F_UPDATE + "\n" + P2 + "\n{late}\n"
    for late in ("Nota (d): $\\partial f/\\partial w_3 = \\sigma_1(x_1)$",
                 "N.B. (d): on reflection $\\partial f/\\partial w_3 = \\sigma_1(x_1)$",
                 "Remark on (d): on reflection $\\partial f/\\partial w_3 = \\sigma_1(x_1)$",
                 "## Fixes\n\n(d) $\\sigma_1(x_1)$"):
        assert grade_report_item(rubric, "p1.d", report.replace("{late}", late)).status == "review", late
    assert grade_report_item(rubric, "p1.d", report.replace("{late}", "## Thanks\n\nfor reading")).status == "pass"
