"""Where answers are: labels out of order, ranges, long numbered lists, table rows, answers found by name."""
from __future__ import annotations

from grader.reading.document import read_document
from grader.reading.extract import HEDGE, TextSpec, find_expression
from reference.mnist_backprop.vocabulary import classify_lhs

EXP = "\\frac{d\\sigma}{du} = \\frac{e^{-u}}{(1+e^{-u})^2}"
SIG = "\\frac{d\\sigma}{du} = \\sigma(u)(1-\\sigma(u))"


def keys(text: str) -> list[str]:
    return [k for k, _ in read_document(text).labels]


def pick(report: str, part: str, lhs: str | None, forbid: tuple[str, ...] = ()) -> str | None:
    chain = find_expression(read_document(report), TextSpec(part, lhs=lhs), classify_lhs, forbid)
    return None if chain is None else str(chain)


def test_parts_answered_in_another_order_stay_in_their_problem() -> None:
    text = "## Problem 2\n\n**(c)** x\n\n**(a)** y\n\n**(b)** z\n\n## Problem 1\n\n**(f)** u\n\n**(d)** v\n"
    assert keys(text) == ["2", "2.c", "2.a", "2.b", "1", "1.f", "1.d"]


def test_a_restart_without_a_heading_is_still_the_next_problem() -> None:
    assert keys("(a) x\n(b) y\n(c) z\n(a) u\n(b) v\n") == ["1.a", "1.b", "1.c", "2.a", "2.b"]
    assert keys("## Problem 1\n(a) x\n(c) y\n(a) u\n") == ["1", "1.a", "1.c", "2.a"]  # (a) answered: a restart


def test_a_range_of_parts_is_not_a_label_of_the_last_one() -> None:
    text = "- [x] Problem 1 (a)–(f)\n- [x] Problem 2 (a)–(c)\n\n## Problem 1\n\n**(a)** g\n\n**(b)–(e)** t\n\n(f) w\n"
    assert keys(text) == ["1", "2", "1", "1.a", "1.b", "1.f"]
    assert keys("(a) x\n\n(b) - c is small\n") == ["1.a", "1.b"]  # a dash and a word: no range


def test_a_long_numbered_list_is_a_list_of_answers_not_of_parts() -> None:
    text = "".join(f"{n}. answer {n}\n" for n in range(1, 13))
    assert not read_document(text).has_labels()
    assert keys("1. x\n2. y\n3. z\n") == ["1.a", "1.b", "1.c"]


def test_a_table_row_names_in_one_cell_and_answers_in_another() -> None:
    text = ("**(b)–(e)**\n\n| part | quantity | answer |\n| --- | --- | --- |\n"
            "| (b)(i) | $\\frac{d\\sigma}{du}$ via exp | $\\frac{e^{-u}}{(1+e^{-u})^2}$ |\n"
            "| (d) | $\\frac{\\partial f}{\\partial w_3}$ | $\\sigma_2(x_2)$ |\n")
    assert pick(text, "1.b.i", "dsigma") == EXP
    assert pick(text, "1.d", "df/dw3") == "\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)"


def test_without_labels_the_asked_for_form_tells_two_answers_of_one_name_apart() -> None:
    text = "Answers\n\n" + "".join(f"{n}. ${eq}$\n" for n, eq in enumerate([EXP, SIG] + ["x"] * 8, 1))
    assert pick(text, "1.b.i", "dsigma", ("sigma", "dsigma")) == EXP
    assert pick(text, "1.b.ii", "dsigma", ("exp",)) == SIG


def test_a_sub_part_without_its_label_is_found_in_its_part() -> None:
    text = f"(a) graph\n\n(b) (ii) ${SIG}$ and (i) ${EXP}$\n\n(c) words\n"
    assert pick(text, "1.b.ii", "dsigma", ("exp",)) == SIG


def test_two_answers_left_for_one_item_are_never_guessed() -> None:
    other = "\\frac{d\\sigma}{du} = \\frac{e^{-u}}{1+e^{-u}}"
    text = f"Answers\n\n$${EXP}$$\n\nand later\n\n$${other}$$\n"
    found = pick(text, "1.b.i", "dsigma", ("sigma", "dsigma"))  # both offered: the check grades each, a person
    assert found == f"{EXP}{HEDGE}\\frac{{e^{{-u}}}}{{1+e^{{-u}}}}"  # decides unless each is right


def test_an_equation_of_another_part_is_not_taken_for_a_missing_one() -> None:
    text = ("(d) $$\\frac{\\partial f}{\\partial w_3} = \\sigma_2(x_2)$$\n\n"
            "(f) $$\\frac{\\partial f}{\\partial w_2} = w_3$$\n\n"
            "see also $$\\frac{\\partial f}{\\partial w_2} = w_3 x$$\n")
    text = text.replace("see also", "(g)")
    assert pick(text, "1.e", "df/dw2") == f"\\frac{{\\partial f}}{{\\partial w_2}} = w_3{HEDGE}w_3 x"  # each offered:
    # neither taken alone (the check passes them only if each is right)


def test_labels_in_exports_html_chat_and_bare_letter_headings() -> None:
    assert keys("<summary>(a)</summary>\n\nx\n\n<summary>(b)</summary>\n\ny\n") == ["1.a", "1.b"]
    assert keys("[23:02] ann: a) graph\n[23:03] ann: b) y = 2\n") == ["1.a", "1.b"]
    assert keys("## Problem 2\n\n### a\nx\n\n### b\ny\n") == ["2", "2.a", "2.b"]
    assert keys("a cat\n\nb dog\n") == []


def test_keyed_answers_and_a_label_said_again_within_its_part() -> None:
    text = "1d -> df/dw3 = s2\n1e_w2 -> df/dw2 = w3 x\n1e_w1 -> df/dw1 = w3 w2 x\n"
    assert keys(text) == ["1.d", "1.e"]
    doc = read_document(text)
    assert [doc.read(m).split(" =")[0] for m in doc.math_spans("1.e")] == ["df/dw2", "df/dw1"]


def test_a_notebook_code_cell_answers_in_its_comments_and_printed_text() -> None:
    import json

    from grader.reading.notebook import read_notebook

    cells = [{"cell_type": "markdown", "source": "## Problem 2"},
             {"cell_type": "code", "source": "# (a) input: 28x28x1\nx = 1  # not a whole-line comment\n",
              "outputs": [{"output_type": "stream", "name": "stdout", "text": ["conv1 520\n"]},
                          {"output_type": "display_data", "data": {"image/png": "AAAA"}}]},
             {"cell_type": "code", "source": "print(n)\nsummary(net)",
              "outputs": [{"output_type": "stream", "text": "431079\n"},
                          {"output_type": "stream",
                           "text": "Layer (type)  Output Shape  Param #\nConv2d-1 [-1, 20] 520\n"}]}]
    text, code = read_notebook(json.dumps({"cells": cells}), "nb.ipynb", [])
    assert "(a) input: 28x28x1" in text and "conv1 520" in text
    assert "not a whole-line comment" not in text and "AAAA" not in text
    assert code[0] == "# (a) input: 28x28x1\nx = 1  # not a whole-line comment\n"
    assert "431079" not in text  # a bare number printed names nothing
    assert "```text\nLayer (type)" in text  # a printed layer summary stays printed output


def test_an_assignment_to_a_name_like_a_label_is_not_a_label() -> None:
    assert keys("q1 = w1 x\nq2 = w2 s(q1)\n\n(a) x\n") == ["1.a"]
    doc = read_document("q1 = w1 x\n\n(a) y\n")
    assert doc.read(doc.math[0]).startswith("q1")


def test_an_org_mode_table_is_read_as_a_table() -> None:
    from grader.reading.values import find_values

    text = ("* Problem 2\n** (c)\n   #+NAME: params\n   | layer | formula | params |\n   |-------+---------+--------|\n"
            "   | conv1 | (5*5*1+1)*20 | 520 |\n   | fc2 | (500+1)*10 | 5010 |\n   #+TBLFM: @>$3=vsum(@2..@-1)\n")
    spec = TextSpec("2.c", order=["conv1", "fc2"], labels={"conv1": [r"\bconv1\b"], "fc2": [r"\bfc2\b"]})
    found = find_values(read_document(text), spec)
    assert found is not None and (found["conv1"], found["fc2"]) == ("520", "5010")


def test_crossed_out_work_is_not_read_and_an_open_equation_takes_the_next_math() -> None:
    from grader.reading.values import find_values

    text = "(e) $\\partial f/\\partial w_1 =$ ~~$w_3 x$~~ $w_3 w_2 x$\n"
    assert pick(text, "1.e", "df/dw1") == "\\partial f/\\partial w_1 = w_3 w_2 x"
    assert pick("(e) $\\partial f/\\partial w_1 =$\n", "1.e", "df/dw1") is None
    spec = TextSpec("2.a", order=["conv"], labels={"conv": [r"\bafter conv1"]})
    found = find_values(read_document("## Problem 2\n\n(a) after conv1 ~~$23\\times23$~~ $24\\times24$\n"), spec)
    assert found is not None and found["conv"] == "24×24"


def test_values_between_bracket_delimiters_are_values_not_asides() -> None:
    from grader.reading.values import find_values

    text = "## Problem 2\n\n(a) input \\(=28 \\times 28 \\times 1\\)\nafter conv1 \\(=24 \\times 24 \\times 20\\)\n"
    spec = TextSpec("2.a", order=["input", "conv"], labels={"input": [r"\binput"], "conv": [r"\bafter conv1"]})
    found = find_values(read_document(text), spec)
    assert found is not None and (found["input"], found["conv"]) == ("28 × 28 × 1", "24 × 24 × 20")


def test_values_of_a_part_without_its_label_are_taken_only_when_one_reading_is_left() -> None:
    from grader.reading.values import find_values

    spec = TextSpec("2.b", order=["stride", "filter"], labels={"stride": [r"\bstride"], "filter": [r"\bfilter"]})
    text = "Answers\n\n10. conv1 filter 5x5x1x20\n11. conv2 filter 5x5\n12. stride 1\n"
    found = find_values(read_document(text), spec)
    assert found is not None and found["stride"] == "1" and "filter" not in found


def test_a_pooling_window_is_no_answer_in_any_word_order() -> None:
    from grader.reading.values import find_values

    spec = TextSpec("2.a", order=["conv", "pool"], labels={"conv": [r"\bconv1\b"], "pool": [r"\bpool(?:ing)?\b"]})
    for line in ("conv1 sonrası: $24\\times24\\times20$. $2\\times 2$ max-pooling sonrası: $12\\times12\\times20$.",
                 "after conv1: 24×24×20. Dopo il max pooling 2×2 otteniamo 12×12×20."):
        found = find_values(read_document(f"## Problem 2\n\n(a) {line}\n"), spec)
        assert found is not None and found["pool"] == "12×12×20", line
        assert all(c.rank == 3 for c in found["pool"].candidates if c.text == "2×2")  # only as a modifier


def test_a_question_that_names_its_quantity_names_the_bare_answer_under_it() -> None:
    faq = ("**Q: What's ∂f/∂w3?**\n- just the thing w3 multiplies: $\\sigma_2(x_2)$\n\n"
           "* **∂f/∂w2?** → $w_3\\,\\sigma_2'(x_2)\\,\\sigma_1(x_1)$, where $\\sigma_2'(x_2)=\\sigma_2(1-\\sigma_2)$\n")
    assert pick(faq, "1.d", "df/dw3") == "∂f/∂w3 = \\sigma_2(x_2)"
    assert pick(faq, "1.e", "df/dw2") == "∂f/∂w2 = w_3\\,\\sigma_2'(x_2)\\,\\sigma_1(x_1)"
    repeated = "**(d) Compute $\\partial f/\\partial w_3$.**\n\nA: $\\sigma_2(x_2)$\n\n**(e) more**\n"
    assert pick(repeated, "1.d", "df/dw3") == "\\partial f/\\partial w_3 = \\sigma_2(x_2)"


def test_a_question_naming_two_quantities_or_answered_in_words_names_nothing() -> None:
    two = "**Q: ∂f/∂w2 and ∂f/∂w1?**\n- $w_3\\,\\sigma_1(x_1)$\n"
    assert pick(two, "1.e", "df/dw2") is None
    words = "**∂f/∂w3?** → it is $\\sigma_2(x_2)$ times nothing\n"
    assert pick(words, "1.d", "df/dw3") is None
    continued = "**∂f/∂w3?** → $\\sigma_2$ + $x_2$\n"
    assert pick(continued, "1.d", "df/dw3") is None


def test_a_bare_expression_after_its_label_is_the_parts_answer() -> None:
    text = "(c) words\n(d) s(x2)\n(e) dw2: w3 s(x2) s(x1)\n    dw1: w3 w2 s(x1) x\n(f) on paper\n"
    assert pick(text, "1.d", "df/dw3") == "s(x2)"
    chain = find_expression(read_document(text), TextSpec("1.e", lhs="df/dw1", index=1), classify_lhs)
    assert chain is not None and chain.sides[-1] == "w3 w2 s(x1) x"  # named by its lead (dw1), as a key names it
    assert pick("(d) on paper, see figure\n", "1.d", "df/dw3") is None  # words are no expression
    sizes = read_document("(a) 28x28, 5x5x1x20\n(c) 520 / 0 / 25050 -> 431080\n")
    assert not sizes.math  # sizes and counts are values, not math


def test_words_before_a_colon_are_not_part_of_the_left_side() -> None:
    text = ("(b)\n   i. In terms of exp: dσ1/du = e^(-u) / (1+e^(-u))^2\n"
            "   ii. In σ1: dσ1/du = σ1(u)(1 − σ1(u))\n(c) x\n")
    assert pick(text, "1.b.i", "dsigma", ("sigma",)) == "dσ1/du = e^(-u) / (1+e^(-u))^2"
    assert pick(text, "1.b.ii", "dsigma", ("exp",)) == "dσ1/du = σ1(u)(1 − σ1(u))"


def test_a_full_stop_ends_a_plain_equation() -> None:
    from grader.reading.plain_math import equation_in_line

    line = "s = sigmoid. x1 = w1 x"
    a, b = equation_in_line(line)
    assert line[a:b] == "s = sigmoid"


def test_a_formula_that_is_a_table_cells_whole_content_is_its_answer() -> None:
    text = ("| Question | Answer | Notes |\n|---|---|---|\n| 1c | words | |\n"
            "| 1d | $\\sigma_2(x_2)$ | $x_2=w_2\\sigma_1(w_1x)$ |\n| 1e | said $w_3$ in words | |\n")
    assert pick(text, "1.d", "df/dw3") == "\\sigma_2(x_2)"
    assert pick(text, "1.e", "df/dw2") is None  # a formula inside words in a cell is no answer


def test_a_summary_table_of_two_unnamed_formulas_of_one_part_is_not_read_by_position() -> None:
    text = ("(f) $$w \\leftarrow w - \\alpha\\nabla_w L(w)$$\n\n## Summary\n\n| Part | Final |\n|---|---|\n"
            "| 1(f) gradient | $\\sum_i 2(f_w(x^i)-y^i)\\nabla_w f_w(x^i)$ |\n"
            "| 1(f) update | $w - \\alpha\\nabla_w L$ |\n")
    assert pick(text, "1.f", "update") == "w = w - \\alpha\\nabla_w L(w)"  # not the gradient cell
