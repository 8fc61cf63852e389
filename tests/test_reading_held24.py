"""Reading rules found on the twenty-fourth held-out batch (answer sheets written in a hurry, LaTeX paragraphs),
each with its twin that must read the other way."""
from __future__ import annotations

from tests.helpers import assert_twins, grade_report_item

SHEET = ("P1\n\n"
         "a - chain graph: x, w1 -> (*) -> x1 -> sig -> (*) w/ w2 -> x2 -> sig -> f\n\n"
         "b - (i) e^-u/(1+e^-u)^2   (ii) sig(u)(1-sig(u))\n\n"
         "c - forward: evaluate f from x, store x1,x2,sig's. backward: multiply local derivs back\n\n"
         "d - sig2(w2 sig1(w1 x))\n\n"
         "e - dw2: w3 sig2'(x2) sig1(x1)   where sig' = sig(1-sig)\n"
         "    dw1: w3 sig2'(x2) w2 sig1'(x1) x\n\n"
         "P2\n\n"
         "a - 28x28 | 5x5x1 (x20) | 24x24x20 | 12x12x20\n"
         "b - 5x5, s=1, C=20\n")


def test_parts_labelled_by_a_letter_and_a_dash(rubric) -> None:
    """"d - sig2(w2 sig1(w1 x))": three or more lines opening with a letter and a dash, in order (each problem
    starting at a again), are the parts; sig (with "sig's" a plural, no prime) is the sigmoid's abbreviation."""
    assert_twins(rubric, "p1.d", SHEET, ("sig2(w2 sig1(w1 x))", "sig2(w1 sig1(w2 x))"))
    assert_twins(rubric, "p1.b.ii", SHEET, ("sig(u)(1-sig(u))", "sig(u)(1+sig(u))"))
    assert_twins(rubric, "p2.a", SHEET, ("24x24x20", "25x25x20"))


def test_a_lone_letter_dash_line_is_no_label(rubric) -> None:
    """One line "e - 1 = …" in a report labelled otherwise is arithmetic, not part (e)."""
    from grader.reading.labels import read_label

    text = "## Problem 1\n\n(d) $x$\n\ne - 1 = 2\n"
    assert read_label(text, text.index("e - 1")) is None
    assert read_label(SHEET, SHEET.index("e - dw2")) is not None


def test_answers_named_under_a_part_in_any_order(rubric) -> None:
    """"(e)" alone on its line, then "dw1: …" and "dw2: …": each line is the answer its name says, whatever the
    order; a side note set apart after the answer ("   where sig' = …") is not part of it."""
    assert_twins(rubric, "p1.e.w1", SHEET, ("w3 sig2'(x2) w2 sig1'(x1) x", "w3 sig2'(x2) sig1'(x1) x"))
    assert_twins(rubric, "p1.e.w2", SHEET, ("dw2: w3 sig2'(x2) sig1(x1)", "dw2: sig2'(x2) sig1(x1)"))
    e = ("## Problem 1\n\n(e)\n∂f/∂w1: w3 σ2'(x2) w2 σ1'(x1) x\n∂f/∂w2: w3 σ2'(x2) σ1(x1)\n")
    assert_twins(rubric, "p1.e.w2", e, ("∂f/∂w2: w3 σ2'(x2) σ1(x1)", "∂f/∂w2: w3 σ2'(x2) w2 σ1(x1)"))
    swapped = e.replace("∂f/∂w1:", "∂f/∂wB:").replace("∂f/∂w2:", "∂f/∂w1:").replace("∂f/∂wB:", "∂f/∂w2:")
    assert grade_report_item(rubric, "p1.e.w2", swapped).status != "pass"
    assert grade_report_item(rubric, "p1.e.w1", swapped).status != "pass"
    wrong_note = SHEET.replace("where sig' = sig(1-sig)", "where sig' = sig(1+sig)")
    assert grade_report_item(rubric, "p1.e.w2", wrong_note).status != "pass"


def test_latex_paragraph_titles_and_spacing(rubric) -> None:
    """``\\paragraph{1d} $…$``: the title names the part; ``\\quad`` between two answers is spacing, not words."""
    tex = ("\\documentclass{article}\n\\begin{document}\n"
           "\\paragraph{1b} (i) $\\frac{\\exp(-u)}{(1+\\exp(-u))^2}$ \\quad (ii) $\\sigma_1(u)(1-\\sigma_1(u))$\n\n"
           "\\paragraph{1d} $\\sigma_2(w_2\\sigma_1(w_1x))$\n\n"
           "\\paragraph{1e} text\n\\end{document}\n")
    for item, old, new in (("p1.d", "w_2\\sigma_1(w_1x)", "w_1\\sigma_1(w_2x)"),
                           ("p1.b.i", "\\exp(-u)}{", "\\exp(u)}{"),
                           ("p1.b.ii", "(1-\\sigma_1(u))", "(1+\\sigma_1(u))")):
        assert grade_report_item(rubric, item, tex, "r.tex").status == "pass", item
        assert grade_report_item(rubric, item, tex.replace(old, new), "r.tex").status != "pass", item


def test_a_slash_set_apart_offers_a_second_answer(rubric) -> None:
    """"df/dw2 = A   /   B   (not sure which)": two answers for one item, a person decides; "w2: A  /  w1: B" is
    two items, each by its name."""
    one = "## Problem 1\n\n(e) df/dw2 = w3 * s2'(x2) * s1(x1)   /   w3 * s2'(x2) * w2 * s1(x1)   (not sure which)\n"
    assert grade_report_item(rubric, "p1.e.w2", one).status == "review"
    two = ("## Problem 1\n\n- 1e) w2: w3 σ(x2)(1−σ(x2)) σ(x1)  /  w1: w3 σ(x2)(1−σ(x2)) w2 σ(x1)(1−σ(x1)) x\n")
    assert_twins(rubric, "p1.e.w2", two, ("w2: w3 σ(x2)", "w2: w2 σ(x2)"))
    assert_twins(rubric, "p1.e.w1", two, ("w2 σ(x1)(1−σ(x1)) x", "σ(x1)(1−σ(x1)) x"))


def test_an_equation_applying_the_sigmoid_names_no_function() -> None:
    """"dσ/du = sigmoid(u)·…" and "b = sigmoid(a)" give a value, not a name for the sigmoid; "I use s for the
    sigmoid" and "s = sigmoid" do name it."""
    from grader.reading.notation_words import function_names

    assert list(function_names("(ii) `dσ/du = sigmoid(u) * (1 - sigmoid(u))`", ["sigmoid"])) == []
    assert list(function_names("Definitions: ``a = w1*x``, ``b = sigmoid(a)``", ["sigmoid"])) == []
    assert list(function_names("I use s for the sigmoid.", ["sigmoid"])) == [("s", "sigmoid")]
    assert list(function_names("here s = sigmoid, applied twice", ["sigmoid"])) == [("s", "sigmoid")]


def test_part_letters_of_other_alphabets_without_brackets() -> None:
    """"1.α", "**۱-الف)**", "1(א)", "סעיף ה", "قسمت پ", "Zadanie 2 pkt b", "Sehemu d)": a problem's number or a part's
    word, then a letter in the hand-in's alphabet (Persian order where the hand-in labels with پ, ت or الف)."""
    from grader.reading.labels import read_label

    def label(line: str, text: str = "") -> tuple[str | None, str | None]:
        whole = (text + "\n" + line) if text else line
        found = read_label(whole, whole.index(line))
        assert found is not None, line
        return found.problem, found.part

    assert label("**1.α** — Γράφος") == ("1", "a")
    assert label("**2.γ**") == ("2", "c")
    assert label("**1.στ**") == ("1", "f")
    assert label("1(ה) df/dw2 = w3") == ("1", "e")
    assert label("### סעיף ה") == (None, "e")
    assert label("**۱-الف)** گراف") == ("1", "a")
    assert label("**۱-ج)**", "**۱-پ)** x") == ("1", "f")  # Persian order: ج is the sixth
    assert label("### قسمت ث") == (None, "e")
    assert label("### Zadanie 2 pkt b") == ("2", "b")
    assert label("Sehemu d)  df/dw3 = a2") == (None, "d")
    assert read_label("Sehemu d)  df/dw3", 0).end == len("Sehemu d)  ")
    assert read_label("1.α2 = 3", 0) is None  # a letter inside a word is no label


def test_problem_2_in_more_languages(rubric) -> None:
    """Swahili, Persian (its own digits and thousands sign), Greek and Swedish words for Problem 2's fields."""
    sw = ("## Swali 2\n\n### Swali 2 (a)\n- Kipimo cha ingizo: $28\\times28$\n"
          "- Kichujio (filter) cha conv1: $5\\times5\\times1$, vichujio 20 → $5\\times5\\times1\\times20$\n"
          "- Baada ya conv1: $24\\times24\\times20$\n- Baada ya max-pooling $2\\times2$: $12\\times12\\times20$\n")
    assert_twins(rubric, "p2.a", sw, ("$24\\times24\\times20$", "$25\\times25\\times20$"))
    fa = ("## مسئله ۲\n\n### قسمت ب\nاندازه‌ی فیلتر $5\\times5$، گام (stride) برابر ۱، بُعد کانال ۲۰ و "
          "تعداد فیلترها ۵۰.\n\n"
          "### قسمت پ\n| لایه | تعداد |\n|---|---|\n| conv1 | ۵۲۰ |\n| relu1 | ۰ |\n| pool1 | ۰ |\n| conv2 | ۲۵٬۰۵۰ |\n"
          "| relu2 | ۰ |\n| pool2 | ۰ |\n| fc1 | ۴۰۰٬۵۰۰ |\n| fc2 | ۵٬۰۱۰ |\n| **مجموع** | **۴۳۱٬۰۸۰** |\n")
    assert_twins(rubric, "p2.c", fa, ("۲۵٬۰۵۰", "۲۵٬۰۰۰"), ("۴۳۱٬۰۸۰", "۴۳۰٬۰۸۰"))
    assert_twins(rubric, "p2.b", fa, ("بُعد کانال ۲۰", "بُعد کانال ۵۰"))
    el = ("## Άσκηση 2\n\n**Ερώτημα (β).**\nΜέγεθος φίλτρου $5\\times5$, βήμα (stride) 1, διάσταση καναλιών 20 "
          "(50 φίλτρα).\n")
    assert_twins(rubric, "p2.b", el, ("καναλιών 20", "καναλιών 50"))
    sv = ("## Uppgift 2\n\n### Uppgift 2b\nFilterstorlek $5\\times5$, steg $1$, kanaldimension $20$, och 50 filter.\n")
    assert_twins(rubric, "p2.b", sv, ("steg $1$", "steg $2$"))


def test_a_table_set_in_columns_is_read_by_its_columns(rubric) -> None:
    """"layer  weights  bias  total" over rows set in columns (spaces in a fence, or a word processor's tabs): each
    row's value is the one under the last column, even where one space parts it from the bias."""
    spaced = ("## Problem 2\n\n**(c)**\n```\nlayer    weights        bias   total\nconv1    5*5*1*20=500   20     520\n"
              "relu1    -              -      0\npool1    -              -      0\n"
              "conv2    5*5*20*50=25000 50    25050\nrelu2    -              -      0\n"
              "pool2    -              -      0\n"
              "fc1      800*500=400000 500    400500\nfc2      500*10=5000    10     5010\n"
              "                         sum = 431080\n```\n")
    assert_twins(rubric, "p2.c", spaced, ("50    25050", "50    25000"), ("10     5010", "10     5000"))
    tabbed = ("## Problem 2\n\nc.\t\n\tLayer\tFormula\t# params\n\tconv1\t5×5×1×20 + 20\t520\n\trelu1\t\t0\n"
              "\tpool1\t\t0\n\tconv2\t5×5×20×50 + 50\t25050\n\trelu2\t\t0\n\tpool2\t\t0\n\tfc1\t800×500 + 500\t400500\n"
              "\tfc2\t500×10 + 10\t5010\n\tTotal\t\t431080\n")
    assert_twins(rubric, "p2.c", tabbed, ("+ 20\t520", "+ 20\t500"))


def test_a_word_processors_footnote_mark_is_no_factor(rubric) -> None:
    """"σ₁(u)(1 − σ₁(u))[2]" with "[2] Because …" at the end: a footnote mark, not ×2; a footnote that changes the
    answer keeps its mark (the formula then does not pass)."""
    text = ("Problem 1\n\n(b)\n  (i) dσ₁/du = exp(−u) / (1 + exp(−u))²\n  (ii) dσ₁/du = σ₁(u)(1 − σ₁(u))[2]\n\n"
            "(c) words\n\n[2] Because 1 − σ₁(u) = exp(−u)/(1 + exp(−u)).\n")
    assert_twins(rubric, "p1.b.ii", text, ("(1 − σ₁(u))[2]", "(1 + σ₁(u))[2]"))
    changed = text.replace("[2] Because", "[2] Actually it should be σ₁(u)(1 + σ₁(u)). Because")
    assert grade_report_item(rubric, "p1.b.ii", changed).status != "pass"
