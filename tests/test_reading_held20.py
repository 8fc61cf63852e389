"""Reading rules found by red team 20 and on the twentieth held-out batch (an ordinary class, LaTeX users, a
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
