"""Reading rules found on the sixteenth held-out batch (an ordinary class, answer sheets, other disciplines,
converter output, an international class), each with a wrong twin that must not pass.
"""
from __future__ import annotations

from grader.reading.document import read_document
from tests.helpers import assert_twins, grade_report_item

P2A = "## Problem 2\n\n(a) {line}\n"


def _p2a(rubric, line: str):
    return grade_report_item(rubric, "p2.a", P2A.format(line=line))


def test_a_chain_of_arrows_names_its_values_by_place(rubric) -> None:
    right = "in: 28×28×1 → conv1 (5×5×1×20) → 24×24×20 → maxpool → 12×12×20"
    assert _p2a(rubric, right).status == "pass"
    assert _p2a(rubric, "28×28×1 → conv1 (5×5×1×20) → 24×24×20 → pool → 12×12×20").status == "pass"
    assert _p2a(rubric, right.replace("→ 24×24×20", "→ 25×25×20")).status != "pass"
    assert _p2a(rubric, right.replace("(5×5×1×20)", "(5×5×20×1)")).status != "pass"
    filt = "28x28 -> conv1 filt 5x5x1x20 -> 24x24x20 -> pool -> 12x12x20"
    assert _p2a(rubric, filt).status == "pass"  # the filter's own label, then conv1's output after the arrow
    assert _p2a(rubric, filt.replace("-> 24x24x20", "-> 28x28x20")).status != "pass"


def test_short_labels_of_a_compact_line(rubric) -> None:
    line = "in: 28×28×1 · conv1 W: 5×5×1×20 · out conv1: 24×24×20 · out pool: 12×12×20"
    assert _p2a(rubric, line).status == "pass"
    assert _p2a(rubric, line.replace("W: 5×5×1×20", "W: 5×5×20×1")).status != "pass"
    shape = "- after conv1: $C\\times H\\times W = 20\\times24\\times24$"  # W of C×H×W is no filter label
    report = ("## Problem 2\n\n### (a)\n- input: $1\\times28\\times28$\n- conv1 filter: $20\\times1\\times5\\times5$\n"
              f"{shape}\n- after pooling: $20\\times12\\times12$\n")
    assert grade_report_item(rubric, "p2.a", report).status == "pass"


def test_a_value_a_label_follows_is_not_in_the_next_values_list(rubric) -> None:
    line = "28x28 input, filters 5x5x1 x20, 24x24x20 after conv, 12x12x20 after maxpool"
    assert _p2a(rubric, line).status == "pass"
    assert _p2a(rubric, line.replace("5x5x1 x20", "5x5x1 x10")).status != "pass"


def test_a_filter_count_said_after_its_shape(rubric) -> None:
    for line in ("input **28×28** / conv1 filter **5×5×1** ×20 / after conv1 **24×24×20** / after pool **12×12×20**",
                 "in 28x28, filter 5x5 (1 channel, 20 filters), conv out 24x24x20, pooled 12x12x20",
                 "in 28x28, filter 5x5 (20 filters, 1 channel), conv out 24x24x20, pooled 12x12x20"):
        assert _p2a(rubric, line).status == "pass", line
        assert _p2a(rubric, line.replace("20 filters", "10 filters").replace("×20 /", "×10 /")).status != "pass", line
    table = ("| | size |\n|---|---|\n| input | **28×28** |\n| conv1 filter | **5×5×1, ×20** |\n"
             "| after conv1 | **24×24×20** |\n| after max-pool | **12×12×20** |\n")
    assert grade_report_item(rubric, "p2.a", "## Problem 2\n\n### 2(a)\n" + table).status == "pass"
    wrong = table.replace("5×5×1, ×20", "5×5×1, ×50")
    assert grade_report_item(rubric, "p2.a", "## Problem 2\n\n### 2(a)\n" + wrong).status != "pass"


def test_two_formulas_offered_with_or_in_plain_text_are_a_hedge(rubric) -> None:
    for word in ("or", "or maybe"):
        report = ("Q1\n(d) df/dw3 = sig2(x2)\n(e) df/dw2 = w3*sig2(x2)(1-sig2(x2))*sig1(x1)\n"
                  "    df/dw1 = w3*sig2(x2)(1-sig2(x2))*w2*sig1(x1)(1-sig1(x1))*x  " + word
                  + "  w3*sig2(x2)(1-sig2(x2))*w2*sig1(x1)(1-sig1(x1))  (not sure)\n")
        result = grade_report_item(rubric, "p1.e.w1", report)
        assert result.status == "review" and "two answers" in result.feedback, word
    said_once = ("Q1\n(d) df/dw3 = sig2(x2)\n(e) df/dw1 = w3*sig2(x2)(1-sig2(x2))*w2*sig1(x1)(1-sig1(x1))*x"
                 "  or, in words, the product of the local gradients\n")
    assert grade_report_item(rubric, "p1.e.w1", said_once).status == "pass"


def test_two_values_offered_after_a_dash_and_or_are_a_hedge(rubric) -> None:
    report = ("## Problem 2\n\n(c)\nconv1: 520\nrelu1: 0\npool1: 0\nconv2: 25,050\nrelu2: 0\npool2: 0\nfc1: 400,500\n"
              "fc2: 5,010\n\ntotal = 431,080 — or 430,080 if I add it up the way the slide did?\n")
    result = grade_report_item(rubric, "p2.c", report)
    assert result.status == "review" and "two different values" in result.feedback


def test_pandoc_spans_of_tracked_changes_are_read_as_their_text(rubric) -> None:
    text = ("$A = 1$\n[[or]{.insertion author=\"Lim\"}]{.paragraph-insertion}\n$A = 2$\n"
            "[]{.comment-start id=\"1\"}ask TA[]{.comment-end id=\"1\"} [gone]{.deletion author=\"Lim\"}\n")
    doc = read_document(text)
    assert "\nor\n" in doc.text and "{.insertion" not in doc.text and "gone" not in doc.text and "ask TA" in doc.text
    report = ("(e)\n\n$\\frac{\\partial f}{\\partial w_1} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))w_2"
              "\\sigma_1(x_1)(1-\\sigma_1(x_1))$\n[[or]{.insertion author=\"L\"}]{.paragraph-insertion}\n"
              "$\\frac{\\partial f}{\\partial w_1} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))w_2"
              "\\sigma_1(x_1)(1-\\sigma_1(x_1))x$\n")
    assert grade_report_item(rubric, "p1.e.w1", report).status == "review"
    unlabelled = report.replace("(e)\n", "e\\)\n")  # the label as pandoc escapes it: found by name, still a hedge
    assert grade_report_item(rubric, "p1.e.w1", unlabelled).status == "review"


def test_sub_part_labels_set_after_their_lines(rubric) -> None:
    report = ("### Part (b)\nStep 1. Write $\\sigma_1(u) = (1+\\exp(-u))^{-1}$.\n"
              "Step 4. Multiply: $\\frac{d\\sigma_1}{du} = \\frac{\\exp(-u)}{(1+\\exp(-u))^{2}}$. ← (i)\n"
              "Step 5. So $\\frac{d\\sigma_1}{du} = \\sigma_1(u)\\,(1-\\sigma_1(u))$. ← (ii)\n\n"
              "### Part (c)\nforward\n")
    assert_twins(rubric, "p1.b.i", report, ("\\frac{\\exp(-u)}{(1+\\exp(-u))^{2}}", "\\frac{\\exp(-u)}{(1+\\exp(-u))}"))
    assert_twins(rubric, "p1.b.ii", report, ("(1-\\sigma_1(u))$. ← (ii)", "(1+\\sigma_1(u))$. ← (ii)"))
    quoted = ("> [!info] (b) Sigmoid derivative\n> $\\sigma_1'(u) = \\dfrac{e^{-u}}{(1+e^{-u})^{2}}$ (i)\n"
              "> $\\sigma_1'(u) = \\sigma_1(u)(1-\\sigma_1(u))$ (ii)\n")
    assert_twins(rubric, "p1.b.i", quoted, ("{e^{-u}}{(1+e^{-u})^{2}}", "{e^{u}}{(1+e^{-u})^{2}}"))
    reference = "(b) as in (i)\n(i) $\\sigma'(u) = \\frac{e^{-u}}{(1+e^{-u})^2}$\n"
    assert "(i) (b)" not in read_document(reference).text  # one tagged line is a reference, not a tag


def test_one_chain_answers_both_forms_of_b(rubric) -> None:
    report = ("# Problem 1\n\n(b) $\\sigma'(u) = -(1+e^{-u})^{-2}(-e^{-u}) = \\frac{e^{-u}}{(1+e^{-u})^2}"
              " = \\sigma(u)(1-\\sigma(u))$\n\n(c) forward then backward\n")
    assert_twins(rubric, "p1.b.i", report, ("= \\frac{e^{-u}}{(1+e^{-u})^2} =", "= \\frac{e^{u}}{(1+e^{-u})^2} ="))
    assert_twins(rubric, "p1.b.ii", report, ("\\sigma(u)(1-\\sigma(u))$", "\\sigma(u)(1+\\sigma(u))$"))


SHEET = ("1a graph on paper. 1b e^-u/(1+e^-u)^2, s(1-s). 1c fwd: compute output from input; bwd: chain rule back.\n"
         "1d s(w2 s(w1 x)). 1e w2: w3 s(x2)(1-s(x2)) s(x1), w1: w3 s(x2)(1-s(x2)) w2 s(x1)(1-s(x1)) x.\n"
         "1f dL/dw = sum_i 2(f(x^i)-y^i) df(x^i)/dw ; w = w - a dL/dw.\n"
         "2a 28x28, 5x5x1 x20, 24x24x20, 12x12x20. 2b 5x5, s=1, 20ch. 2c 520,0,0,25050,0,0,400500,5010 = 431080.\n")


def test_an_answer_sheet_whose_lines_lost_their_breaks(rubric) -> None:
    assert_twins(rubric, "p1.b.i", SHEET, ("1b e^-u/(1+e^-u)^2,", "1b e^-u/(1+e^-u),"))
    assert_twins(rubric, "p1.d", SHEET, ("1d s(w2 s(w1 x))", "1d s(w1 x)"))  # "s=1" (a stride) does not define s
    assert_twins(rubric, "p1.e.w1", SHEET, ("(1-s(x1)) x.", "(1-s(x1))."))
    assert_twins(rubric, "p2.b", SHEET, ("2b 5x5, s=1, 20ch", "2b 5x5, s=1, 50ch"))
    assert_twins(rubric, "p2.c", SHEET, ("2c 520,0,0,25050", "2c 500,0,0,25050"))
    prose = "In 1a we draw it. 1c uses it. 1b is easy.\n"
    assert "\n1" not in read_document(prose).text  # sentences that name parts, not a line of labelled answers


def test_bold_problem_labels_before_part_letters(rubric) -> None:
    report = ("**P1** a) graph; b) e^{-u}/(1+e^{-u})^2, σ1(u)(1−σ1(u)); c) forward then backward; d) σ2(x2) = "
              "σ(w2σ(w1x))\n\n**P1** e) w2: w3σ2(x2)(1−σ2(x2))σ1(x1), w1: w3σ2(x2)(1−σ2(x2))w2σ1(x1)(1−σ1(x1))x\n")
    assert_twins(rubric, "p1.d", report, ("= σ(w2σ(w1x))", "= σ(w1x)"))  # the part's only equation is its answer
    assert_twins(rubric, "p1.e.w2", report, ("(1−σ2(x2))σ1(x1), w1", "(1−σ2(x2))x, w1"))


def test_values_listed_with_bare_commas_keep_indian_grouping(rubric) -> None:
    report = "## Problem 2\n\n(c) conv1 520, conv2 25,050, fc1 4,00,500, fc2 5,010, total 4,31,080\n"
    result = grade_report_item(rubric, "p2.c", report)
    assert "fc1" not in result.feedback and "total" not in result.feedback, result.feedback


def test_a_wiki_math_macro_is_read_as_math(rubric) -> None:
    macro = ('<ac:structured-macro ac:name="mathblock"><ac:plain-text-body><![CDATA[{tex}]]>'
             '</ac:plain-text-body></ac:structured-macro>')
    page = ("<html><body><h2>Problem 1</h2><p><b>(d)</b></p>"
            + macro.format(tex="\\frac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)") + "</body></html>")
    assert grade_report_item(rubric, "p1.d", page, name="report.html").status == "pass"
    wrong = page.replace("\\sigma_2(x_2)]]", "\\sigma_1(x_1)]]")
    assert grade_report_item(rubric, "p1.d", wrong, name="report.html").status != "pass"


BASE = ("## Problem 1\n\n(d) $\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$\n"
        "(e) $\\frac{\\partial f}{\\partial w_2} = w_3\\,\\sigma_2'(x_2)\\,\\sigma_1(x_1)$\n"
        "$\\frac{\\partial f}{\\partial w_1} = w_3\\,\\sigma_2'(x_2)\\,w_2\\,\\sigma_1'(x_1)\\,x$\n"
        "(f) $\\nabla_w L = \\sum_{i=1}^{2} 2\\,(f_w(x^i)-y^i)\\,\\nabla_w f_w(x^i)$\n"
        "$w_{new} = w - \\alpha \\nabla_w L$\n\n## Problem 2\n\n"
        "(a) input 28×28×1, conv1 filter 5×5×1×20, output after conv1 24×24×20, after pooling 12×12×20\n"
        "(b) conv2: filter 5×5, stride 1, 20 input channels, 50 filters, no padding\n"
        "(c) conv1 520, relu1 0, pool1 0, conv2 25050, relu2 0, pool2 0, fc1 400500, fc2 5010, total 431080\n")


def test_red_team_16_values_offered_twice_go_to_a_person(rubric) -> None:
    for item, old, new in (
            ("p2.a", "after conv1 24×24×20,", "after conv1 24×24×20 (or 26×26×20?),"),
            ("p2.a", "after conv1 24×24×20,", "after conv1 24×24×20 / 26×26×20,"),
            ("p2.a", "pooling 12×12×20\n", "pooling 12×12×20, maybe 13×13×20\n"),
            ("p2.a", "pooling 12×12×20\n", "pooling 12×12×20 (13×13×20 with ceil mode?)\n"),
            ("p2.b", "stride 1,", "stride 1 (or 2?),"),
            ("p2.c", "fc1 400500,", "fc1 400500 (or 400000?),")):
        assert grade_report_item(rubric, item, BASE).status == "pass", item
        assert grade_report_item(rubric, item, BASE.replace(old, new)).status == "review", new


def test_red_team_16_formulas_offered_twice_or_taken_back(rubric) -> None:
    for item, old, new in (
            ("p1.d", "\\sigma_2(x_2)$\n(e)", "\\sigma_2(x_2)$ (or $w_3\\sigma_2(x_2)$?)\n(e)"),
            ("p1.f.grad", "\\nabla_w f_w(x^i)$\n$w", "\\nabla_w f_w(x^i)$, but I drop the 2 (absorbed)\n$w"),
            ("p1.f.update", "\\nabla_w L$\n\n##", "\\nabla_w L$, where I take $\\alpha<0$ so that we add it\n\n##")):
        assert grade_report_item(rubric, item, BASE).status == "pass", item
        assert grade_report_item(rubric, item, BASE.replace(old, new)).status == "review", new
    plain = BASE.replace("$w_{new} = w - \\alpha \\nabla_w L$", "w_new = w - a * gradL   (or maybe w + a * gradL)")
    assert grade_report_item(rubric, "p1.f.update", plain).status == "review"
    doubt = ("## Problem 1\n\n(b)\n(i) $\\sigma'(u) = \\frac{e^{-u}}{(1+e^{-u})^2}$\n"
             "(ii) $\\sigma'(u) = \\sigma(u)(1+\\sigma(u))$, $\\sigma(u)(1-\\sigma(u))$ (not sure which one)\n")
    assert grade_report_item(rubric, "p1.b.ii", doubt).status == "review"


def test_red_team_16_tracked_deletions_and_tags_said_twice(rubric) -> None:
    deleted = BASE.replace(
        "$\\frac{\\partial f}{\\partial w_1} = w_3\\,\\sigma_2'(x_2)\\,w_2\\,\\sigma_1'(x_1)\\,x$",
        "[$\\frac{\\partial f}{\\partial w_1} = w_3\\,\\sigma_2'(x_2)\\,w_2\\,\\sigma_1'(x_1)$]"
        "{.insertion author=\"me\"}"
        "[$\\frac{\\partial f}{\\partial w_1} = w_3\\,\\sigma_2'(x_2)\\,w_2\\,\\sigma_1'(x_1)\\,x$ [x]]{.deletion}")
    assert grade_report_item(rubric, "p1.e.w1", deleted).status != "pass"  # the deleted text is not read
    twice = ("## Problem 1\n\n(b)\n$\\frac{d\\sigma}{du} = \\frac{e^{-u}}{(1+e^{-u})^2}$ ← (i)\n\n"
             "$\\frac{d\\sigma}{du} = \\sigma(u)(1+\\sigma(u))$ ← (ii)\n\n"
             "$\\frac{d\\sigma}{du} = \\sigma(u)(1-\\sigma(u))$ ← (ii)\n\n(c) forward, backward\n")
    assert grade_report_item(rubric, "p1.b.ii", twice).status == "review"


def test_a_control_engineers_model_and_weights(rubric) -> None:
    report = ("$$h_\\theta(x) = \\theta_3\\,\\sigma\\!\\left(\\theta_2\\,\\sigma(\\theta_1 x)\\right)$$\n"
              "Internal states: $x_1=\\theta_1x$, $x_2=\\theta_2\\sigma(x_1)$.\n\n"
              "**(d)** $\\dfrac{\\partial h}{\\partial\\theta_3}=\\sigma(x_2)$\n\n"
              "**(e)** $$\\frac{\\partial h}{\\partial\\theta_2}="
              "\\theta_3\\,\\sigma(x_2)(1-\\sigma(x_2))\\;\\sigma(x_1)$$\n")
    assert_twins(rubric, "p1.d", report, ("=\\sigma(x_2)$", "=\\sigma(x_1)$"))
    assert_twins(rubric, "p1.e.w2", report, ("\\;\\sigma(x_1)$$", "\\;x$$"))
    semicolon = ("System: $\\hat y = h(x;\\theta)=\\theta_3\\,\\sigma(\\theta_2\\,\\sigma(\\theta_1x))$\n\n"
                 "(f) $J(\\theta)=\\sum_{i=1}^{2}\\big(y^i-h(x^i;\\theta)\\big)^2$\n\n"
                 "$\\nabla_\\theta J(\\theta)=\\sum_{i=1}^{2}2\\,\\big(h(x^i;\\theta)-y^i\\big)\\,"
                 "\\nabla_\\theta h(x^i;\\theta)$\n")
    assert_twins(rubric, "p1.f.grad", semicolon, ("2\\,\\big(h(x^i;", "\\big(h(x^i;"))


def test_statistics_names_targets_t_and_the_model_y(rubric) -> None:
    report = ("Weights $\\theta$, model "
              "$$y(x,\\theta) = \\theta_3\\,\\sigma\\big(\\theta_2\\,\\sigma(\\theta_1 x)\\big)$$\n"
              "and intermediates a₁ = θ₁x, a₂ = θ₂σ(a₁).\n\n## Problem 1\n\n"
              "**(d)** $$\\frac{\\partial y}{\\partial\\theta_3} = \\sigma(a_2)$$\n\n"
              "**(f)** $$E(\\theta) = \\sum_{n=1}^{2}\\big(t_n - y(x_n,\\theta)\\big)^2 ,$$\n"
              "$$\\nabla_\\theta E = \\sum_{n=1}^{2} 2\\big(y(x_n,\\theta)-t_n\\big)\\,"
              "\\nabla_\\theta y(x_n,\\theta)$$\n")
    assert_twins(rubric, "p1.d", report, ("= \\sigma(a_2)$$", "= \\sigma(a_1)$$"))
    assert_twins(rubric, "p1.f.grad", report, ("2\\big(y(x_n,\\theta)-t_n\\big)", "2\\big(t_n-y(x_n,\\theta)\\big)"))


def test_bold_labels_are_not_products_and_leads_after_slashes(rubric) -> None:
    sheet = ("**1d** σ2(x2) = σ(w2 σ(w1 x))\n"
             "**1e** w2: w3 σ2(x2)(1-σ2(x2)) σ1(x1) / w1: w3 σ2(x2)(1-σ2(x2)) w2 σ1(x1)(1-σ1(x1)) x\n")
    assert_twins(rubric, "p1.e.w1", sheet, ("(1-σ1(x1)) x\n", "(1-σ1(x1))\n"))
    assert_twins(rubric, "p1.e.w2", sheet, ("σ1(x1) / w1", "x / w1"))
    division = "1b) i.  e^-u / (1+e^-u)^2\n    ii. s(u)(1-s(u))\n1c) forward, backward\n"
    assert_twins(rubric, "p1.b.i", division, ("e^-u / (1+e^-u)^2", "e^-u / (1+e^-u)"))


def test_seventeenth_batch_rules(rubric) -> None:
    macros = ("\\newcommand{\\fw}{f_{\\mathbf{w}}}\n\\section*{Problem 1}\n\\begin{enumerate}[label=(\\alph*)]\n"
              "\\setcounter{enumi}{3}\n\\item $\\dfrac{\\partial\\fw}{\\partial w_3} = \\sigma_2(x_2)$\n"
              "\\end{enumerate}\n")
    assert_twins(rubric, "p1.d", macros, ("= \\sigma_2(x_2)$", "= \\sigma_1(x_1)$"))  # \partial\fw: two commands
    stacked = "(b)\n(i)\ndσ1/du\n= e⁻ᵘ\n÷ (1+e⁻ᵘ)²\n\n(ii)\ndσ1/du\n= σ1(u)·(1−σ1(u))\n\n(c) forward\n"
    assert_twins(rubric, "p1.b.i", stacked, ("÷ (1+e⁻ᵘ)²", "÷ (1+e⁻ᵘ)"))  # "÷" opening a line goes on
    words = ("**b)**\n(i) since σ(u) = 1/(1+e^(-u)):\n  dσ/du = 0·(1+e^(-u)) − 1·(−e^(-u)) all over (1+e^(-u))² = "
             "e^(-u)/(1+e^(-u))²\n(ii) = σ(u)·(1 − σ(u))\n\n**c)** forward\n")
    assert_twins(rubric, "p1.b.i", words, ("= e^(-u)/(1+e^(-u))²", "= e^(u)/(1+e^(-u))²"))
    reason = ("(b)\n(i) $\\sigma'(u) = \\frac{e^{-u}}{(1+e^{-u})^2}$\n"
              "(ii) that's just s(u)*(1-s(u)) since $1 - \\sigma(u) = \\frac{e^{-u}}{1+e^{-u}}$\n\n(c) forward\n")
    assert grade_report_item(rubric, "p1.b.ii", reason).status == "review"  # a reason is no answer
    main_clause = "(d) Since f is just w3 times sigma(x2), df/dw3 = sigma(x2) = sigma(w2*sigma(w1*x)).\n"
    assert_twins(rubric, "p1.d", main_clause, ("= sigma(w2*sigma(w1*x))", "= sigma(w1*x)"))
    aside = "## Problem 2\n\n(b) Filter $5\\times5$ ($\\times20$ channels), stride $1$, no padding; 50 filters.\n"
    assert_twins(rubric, "p2.b", aside, ("$\\times20$ channels", "$\\times50$ channels"))


def test_shapes_with_a_batch_dimension_first(rubric) -> None:
    report = ("## 2(a)\n- input: (N, 1, 28, 28) → one image is 28×28\n"
              "- conv1 filter: 5×5×1, 20 filters → `conv1.weight.shape == torch.Size([20, 1, 5, 5])`\n"
              "- after conv1: (N, 20, 24, 24)\n- after pool: (N, 20, 12, 12)\n")
    assert_twins(rubric, "p2.a", report, ("after conv1: (N, 20, 24, 24)", "after conv1: (N, 20, 25, 25)"))


def test_bishops_names_with_the_handouts_weights(rubric) -> None:
    report = ("Notation follows Bishop: model output $y(x,\\mathbf w)$, targets $t_n$, error $E(\\mathbf w)$.\n\n"
              "$$y(x,\\mathbf w) = w_3\\,\\sigma\\big(w_2\\,\\sigma(w_1x)\\big)$$\n\n## Problem 1\n\n(f)\n\n"
              "$$E(\\mathbf w) = \\sum_{n=1}^{2}\\big(t_n - y(x_n,\\mathbf w)\\big)^2$$\n\n"
              "$$\\nabla E(\\mathbf w) = \\sum_{n=1}^{2} 2\\big(y(x_n,\\mathbf w) - t_n\\big)\\,"
              "\\nabla y(x_n,\\mathbf w)$$\n\n"
              "$$\\mathbf w^{(\\tau+1)} = \\mathbf w^{(\\tau)} - "
              "\\alpha\\,\\nabla E\\big(\\mathbf w^{(\\tau)}\\big)$$\n")
    assert_twins(rubric, "p1.f.grad", report,
                 ("2\\big(y(x_n,\\mathbf w) - t_n\\big)", "\\big(y(x_n,\\mathbf w) - t_n\\big)"))
    assert_twins(rubric, "p1.f.update", report, ("- \\alpha\\,\\nabla E", "+ \\alpha\\,\\nabla E"))


def test_words_that_say_two_answers_were_found(rubric) -> None:
    report = ("## 1(b)\n(i) so I did the quotient rule and got something like\n\ndσ/du = e^(-u) / (1+e^(-u))^2\n\n"
              "but when I redid it I got e^(u) / (1+e^(-u))^2 and I honestly don't know which sign is right.\n\n"
              "(ii) σ(u)(1 − σ(u))\n\n## 1(c)\nforward\n")
    assert grade_report_item(rubric, "p1.b.i", report).status == "review"
    sure = report.replace("and I honestly don't know which sign is right", "which was a slip")
    assert grade_report_item(rubric, "p1.b.i", sure).status == "pass"
    dash = "**d.** $\\dfrac{\\partial f}{\\partial w_3}=\\sigma_2(x_2)$ — or $\\sigma_2'(x_2)\\,\\sigma_1(x_1)$?\n"
    assert grade_report_item(rubric, "p1.d", dash).status == "review"
