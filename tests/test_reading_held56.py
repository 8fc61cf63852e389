"""Readings from batch 55's terse sheets and batch 56's reports (answer sheets as CSV and tables, key: value lines,
own numberings, Org definition lists, cheat-sheet arrows, chat and e-mail prose, OCR of handwriting, notebooks):
each reading with a wrong twin."""
from __future__ import annotations

import pytest

from grader.reading.labels import read_label
from tests.helpers import grade_report_item

SHEET = """id,question,answer,notes
0,notation,"s(u) = 1/(1+exp(-u)); u1 = w1*x; h1 = s(u1); u2 = w2*h1; h2 = s(u2); out = w3*h2",used everywhere below
1b-i,ds/du (with exp),"exp(-u) / (1 + exp(-u))^2",
1b-ii,ds/du (with s),"{bii}",
1d,d out / d w3,{d},
1e-w2,d out / d w2,"w3 * h2 * (1 - h2) * h1",
1e-w1,d out / d w1,"w3 * h2 * (1 - h2) * w2 * h1 * (1 - h1) * x",reuses the first two factors of 1e-w2
2a-in,input dim,28 x 28 (x1 channel),
2a-filt,conv1 filter,5 x 5 x 1 (20 filters),
2a-conv,after conv1,24 x 24 x 20,
2a-pool,after pool1,12 x 12 x 20,
2b,conv2 settings,"filter {k} x {k}, stride 1, channel dim 20 (50 such filters), no padding",
2c-conv1,#params conv1,{conv1},
2c-relu1,#params relu1,0,
2c-pool1,#params pool1,0,
2c-conv2,#params conv2,25050,
2c-relu2,#params relu2,0,
2c-pool2,#params pool2,0,
2c-fc1,#params fc1,400500,800 = 4*4*50
2c-fc2,#params fc2,5010,
2c-total,#params total,431080,incl. biases
"""


def _sheet(bii: str = "s(u) * (1 - s(u))", d: str = "h2", k: str = "5", conv1: str = "520") -> str:
    return SHEET.format(bii=bii, d=d, k=k, conv1=conv1)


@pytest.mark.parametrize("text, part, sub, key", [
    ("| 1b-i | x |", "b", "i", None), ("| 1b-ii | x |", "b", "ii", None), ("| 1e-w2 | d |", "e", None, "w2"),
    ("| 2c-conv1 | 520 |", "c", None, "conv1"), ("1e-w2: w3", "e", None, "w2")])
def test_an_answer_sheets_ids_with_a_hyphen_are_labels_with_their_sub_part_or_key(text: str, part: str,
                                                                                  sub: str | None,
                                                                                  key: str | None) -> None:
    label = read_label(text, 0)
    assert label is not None and (label.part, label.sub, label.key) == (part, sub, key)


@pytest.mark.parametrize("item, sheet, expected", [
    ("p1.b.ii", _sheet(), "pass"), ("p1.b.ii", _sheet(bii="s(u) * (1 + s(u))"), "fail"),
    ("p1.d", _sheet(), "pass"), ("p1.d", _sheet(d="h1"), "fail"),
    ("p2.a", _sheet(), "pass"),
    ("p2.b", _sheet(), "pass"), ("p2.b", _sheet(k="3"), "partial"),
    ("p2.c", _sheet(), "pass"), ("p2.c", _sheet(conv1="500"), "partial")])
def test_a_csv_answer_sheet_with_question_and_notes_columns_reads_each_row(rubric, item: str, sheet: str,
                                                                          expected: str) -> None:
    """An empty notes cell, a question column before the answer, a bare name under "d out / d w3", keyed rows
    ("2c-conv1") read under the sheet's head, a cell that names its own values."""
    assert grade_report_item(rubric, item, sheet, "answers.csv").status == expected


TABLE = r"""| part | answer | note |
|---|---|---|
| notation | $x_1 = w_1x$, $x_2 = w_2\sigma_1(x_1)$, $f = w_3\sigma_2(x_2)$ | HW3 |
| 1(b)(i) | $\dfrac{e^{-u}}{(1+e^{-u})^{BI}}$ | quotient rule on $1/(1+e^{-u})$ |
| 1(b)(ii) | $\sigma_1(u)\,(1-\sigma_1(u))$ | NOTE |
| 1(d) | $\sigma_2(x_2) = \sigma_2(w_2\sigma_1(w_1x))$ | $f$ is linear in $w_3$ |
| 1(e) $w_2$ | $w_3\sigma_2(x_2)(1-\sigma_2(x_2))SIGMA$ | $\partial f/\partial x_2 \cdot \partial x_2/\partial w_2$ |
| 1(f) update | $w \leftarrow w - \alpha\,\nabla_w L(w)$ | one GD step, $\alpha$ = learning rate |
"""


@pytest.mark.parametrize("item, changes, expected", [
    ("p1.b.i", {"BI": "2"}, "pass"), ("p1.b.i", {"BI": "3"}, "fail"),
    ("p1.b.ii", {"NOTE": r"since $1-\sigma_1 = \frac{e^{-u}}{1+e^{-u}}$"}, "pass"),
    ("p1.b.ii", {"NOTE": r"not sure, maybe $\sigma_1(u)(1+\sigma_1(u))$"}, "review"),
    ("p1.d", {}, "pass"),
    ("p1.e.w2", {"SIGMA": r"\sigma_1(x_1)"}, "pass"), ("p1.e.w2", {"SIGMA": "x"}, "fail"),
    ("p1.f.update", {}, "pass")])
def test_an_answer_tables_note_column_is_no_answer(rubric, item: str, changes: dict[str, str],
                                                  expected: str) -> None:
    """Math in a "note" column after the answer column is a remark (a rule, a chain of names, a definition); a
    note that doubts the answer still sends it to a person; "1(e) $w_2$" in the label cell names the row."""
    report = TABLE
    for old, new in {"BI": "2", "NOTE": "since", "SIGMA": r"\sigma_1(x_1)", **changes}.items():
        report = report.replace(old, new)
    status = grade_report_item(rubric, item, report, "r.md").status
    assert status == expected, status


BIASES = """| part | answer | note |
|---|---|---|
| 2(c) conv1 | 500 | $5\\cdot5\\cdot1\\cdot20$ |
| 2(c) relu1 / pool1 | 0 / 0 | no weights |
| 2(c) conv2 | 25000 | |
| 2(c) fc1 | 400000 | |
| 2(c) fc2 | 5000 | |
| 2(c) total | TOTAL | |
"""


@pytest.mark.parametrize("total, expected", [("430500", "fail"), ("431080", "review")])
def test_two_named_slips_grade_a_part_whatever_fields_are_missing_unless_a_right_count_stands_beside_them(
        rubric, total: str, expected: str) -> None:
    """Biases left out of four layers and of the total: wrong (relu/pool "0 / 0" read, or not); a right total
    beside the slips says they may be misread (a person)."""
    status = grade_report_item(rubric, "p2.c", "Problem 2\n\n" + BIASES.replace("TOTAL", total), "r.md").status
    assert status == expected or expected == "fail" and status == "partial", status


KEYVALUE = """# hw3 answers
# names: z1 = w1*x, a1 = sig(z1), z2 = w2*a1, a2 = sig(z2), f = w3*a2
#        sig(u) = 1/(1+e^-u)

1d: df/dw3 = a2 = sig(w2 * sig(w1*x))
1e_w2: df/dw2 = w3 * a2(1-a2) * {w2}
1e_w1: df/dw1 = w3 * a2(1-a2) * a1(1-a1) * x
1e_w1 (fixed, forgot dz2/da1 = w2): df/dw1 = w3 * a2(1-a2) * w2 * a1({sign}a1) * x
"""


@pytest.mark.parametrize("item, w2, sign, expected", [
    ("p1.e.w2", "a1", "1-", "pass"), ("p1.e.w2", "z1", "1-", "fail"),
    ("p1.e.w1", "a1", "1-", "pass"), ("p1.e.w1", "a1", "1+", "fail"),
    ("p1.d", "a1", "1-", "pass")])
def test_a_key_value_sheets_heading_names_and_a_keyed_fix_in_brackets(rubric, item: str, w2: str, sign: str,
                                                                     expected: str) -> None:
    """"# names: z1 = w1*x, a1 = sig(z1), …" (a comment line, a heading to Markdown) defines the names; "1e_w1
    (fixed, …): …" replaces the first 1e_w1 and leaves 1e_w2 alone."""
    report = KEYVALUE.format(w2=w2, sign=sign)
    assert grade_report_item(rubric, item, report, "answers.txt").status == expected


LEGEND = """legend (my number -> handout part)
  1.1 = P1(a)   1.2 = P1(b)(i)   1.3 = P1(b)(ii)   1.4 = P1(c)   1.5 = P1(d)
  1.6 = P1(e) w2   1.7 = P1(e) w1   1.8 = P1(f) gradient   1.9 = P1(f) update

let  S(u) = 1/(1+e^{-u})
     p = w1 x,   q = w2 S(p),   f = w3 S(q)

1.2  S'(u) = e^{-u} / (1 + e^{-u})^2

1.3  S'(u) = S(u)(1 {sign} S(u))

1.5  df/dw3 = S(q) = S(w2 S(w1 x))

1.6  df/dw2 = w3 * S'(q) * {last}

1.7  df/dw1 = w3 * S'(q) * w2 * S'(p) * x
"""


@pytest.mark.parametrize("item, sign, last, expected", [
    ("p1.b.ii", "-", "S(p)", "pass"), ("p1.b.ii", "+", "S(p)", "fail"),
    ("p1.e.w2", "-", "S(p)", "pass"), ("p1.e.w2", "-", "p", "fail"), ("p1.e.w1", "-", "S(p)", "pass")])
def test_an_own_numbering_legend_names_sub_parts_and_weights(rubric, item: str, sign: str, last: str,
                                                            expected: str) -> None:
    report = LEGEND.replace("{sign}", sign).replace("{last}", last)
    assert grade_report_item(rubric, item, report, "sheet.txt").status == expected


ORG = """* Notation
- σ :: σ1 = σ2 = σ, σ(u) = 1/(1+exp(−u))
- x_1 :: w_1 x
- x_2 :: w_2 σ(x_1)
- f :: w_3 σ(x_2)

* Problem 1
- (b)(i) :: dσ/du = e^{−u}/(1+e^{−u})^2
- (d) ∂f/∂w_3 :: σ(x_2) = σ(w_2 σ(w_1 x))
- (e) ∂f/∂w_2 :: ∂f/∂x_2 · ∂x_2/∂w_2 = w_3 · σ(x_2)(1−σ(x_2)) · {last}
- (f) update :: w^{new} = w − α ∇_w L(w)
"""


@pytest.mark.parametrize("item, last, expected", [
    ("p1.d", "σ(x_1)", "pass"), ("p1.e.w2", "σ(x_1)", "pass"), ("p1.e.w2", "x_1", "fail"),
    ("p1.f.update", "σ(x_1)", "pass")])
def test_an_org_description_list_whose_term_names_a_formula(rubric, item: str, last: str, expected: str) -> None:
    """"- (d) ∂f/∂w_3 :: σ(x_2)": the term names the description; "- x_1 :: w_1 x" defines x_1; "- f :: …" after a
    list of names is no part (f)."""
    assert grade_report_item(rubric, item, ORG.replace("{last}", last), "r.org").status == expected


def test_an_org_description_list_labelled_by_letters_keeps_its_parts(rubric) -> None:
    report = "* Problem 1\n- b :: e^{-u}/(1+e^{-u})^2 , σ(u)(1−σ(u))\n- d :: σ(w_2 σ(w_1 x))\n"
    assert grade_report_item(rubric, "p1.d", report, "r.org").status == "pass"


@pytest.mark.parametrize("answer, expected", [("o       = g(w2·g(w1x))", "pass"), ("h       = g(w1x)", "fail"),
                                              ("o       = g(w1x)", "review")])
def test_a_cheat_sheets_arrow_then_equals_says_what_the_item_is(rubric, answer: str, expected: str) -> None:
    report = f"g = sigmoid\nnames: h = g(w1 x), o = g(w2 h)\n\n (d)      ∂f/∂w3 → {answer}\n"
    assert grade_report_item(rubric, "p1.d", report, "cheat.txt").status == expected


@pytest.mark.parametrize("point, expected", [("xᶦ", "pass"), ("x", "fail")])
def test_the_small_capital_i_is_a_data_points_index(rubric, point: str, expected: str) -> None:
    report = ("(f) ∇L = Σ_{i=1,2} 2·(f(xᶦ) − yᶦ) · [ w3·σ2(w2σ1(w1" + point + "))(1−σ2(w2σ1(w1" + point + ")))·w2·"
              "σ1(w1" + point + ")(1−σ1(w1" + point + "))·" + point + " , w3·σ2(w2σ1(w1" + point + "))(1−σ2(w2σ1(w1"
              + point + ")))·σ1(w1" + point + ") , σ2(w2σ1(w1" + point + ")) ]\n")
    assert grade_report_item(rubric, "p1.f.grad", report, "r.txt").status == expected


QUESTIONED = r"""$$f_w(x)=w_3\sigma_2(w_2\sigma_1(w_1x)),\ \text{sig}(u):=\sigma_1(u)=\sigma_2(u)=\frac{1}{1+e^{-u}}$$

### (b)

(i) $$\text{sig}'(u)=\frac{e^{-u}}{(1+e^{-u})^2}$$

(ii) $$\text{sig}'(u) = \text{sig}(u)\,\big(1-\text{sig}(u)\big)$$
AFTER
"""


@pytest.mark.parametrize("after, expected", [
    (r"← 근데 직접 정리해보니까 $\text{sig}(u)\,\big(1+\text{sig}(u)\big)$ 가 나온 것 같기도 함?? 부호 확인 필요",
     "review"),
    (r"← 강의 슬라이드에 있던 형태. 부호 확인 완료.", "pass")])
def test_another_formula_asked_about_right_after_the_answer_hedges_it(rubric, after: str, expected: str) -> None:
    """In any language, another formula with "??" after it is offered and not chosen; a remark without one is no
    hedge."""
    status = grade_report_item(rubric, "p1.b.ii", QUESTIONED.replace("AFTER", after), "r.md").status
    assert status == expected, status


@pytest.mark.parametrize("sign, expected", [("−", "pass"), ("+", "fail")])
def test_an_equation_that_gives_the_reason_for_the_formula_it_concludes(rubric, sign: str, expected: str) -> None:
    """"e^{−u}/(1 + e^{−u}) = 1 − σ(u), so the same derivative is σ(u)·(1 − σ(u))": the conclusion is the answer."""
    report = ("**(b)**\n(i) σ'(u) = e^{−u} / (1 + e^{−u})².\n"
              f"(ii) e^{{−u}}/(1 + e^{{−u}}) = 1 − σ(u), so the same derivative is σ(u)·(1 {sign} σ(u)).\n")
    assert grade_report_item(rubric, "p1.b.ii", report, "r.md").status == expected


@pytest.mark.parametrize("sign, expected", [("-", "pass"), ("+", "fail")])
def test_an_inline_formula_the_words_say_the_answer_is(rubric, sign: str, expected: str) -> None:
    report = ("(b) (i) $$\\frac{d\\sigma}{du} = \\frac{e^{-u}}{(1+e^{-u})^2}$$\n\n(ii) and since "
              f"$\\frac{{e^{{-u}}}}{{1+e^{{-u}}}} = 1-\\sigma(u)$, the same thing is "
              f"$\\sigma(u)\\,(1{sign}\\sigma(u))$.\n")
    assert grade_report_item(rubric, "p1.b.ii", report, "r.md").status == expected


def test_a_part_cited_at_the_start_of_a_wrapped_line_is_no_label(rubric) -> None:
    """"… via" / "(b)(ii), times the x …": the answer to (e) after it stays (e)'s."""
    report = ("**(e)** *w.r.t. w1.* the σ' of the first layer again via\n(b)(ii), times the x coming out of w1·x:\n\n"
              "  ∂f/∂w1 = w3 · h2(1 − h2) · w2 · h1(1 − h1) · x.\n\nwhere h1 = σ(w1 x), h2 = σ(w2 h1).\n")
    assert grade_report_item(rubric, "p1.e.w1", report, "r.md").status != "review"


OCR6 = """   f_w(x) = w3 · 62( w2 · 61( w1 x ))            6(u) = 1 / (1 + e^-u)

   Llamo:   z1 = w1·x        a1 = 6(z1)
            z2 = w2·a1       a2 = 6(z2)        =>   f = w3 · a2

b)
   (ii)  6'(u) = 6(u) · (1 {sign} 6(u))

d)   ∂f/∂w3  =  a2  =  6( w2 · 6(w1 x) )
"""


@pytest.mark.parametrize("item, sign, expected", [("p1.b.ii", "-", "pass"), ("p1.b.ii", "+", "fail"),
                                                  ("p1.d", "-", "pass")])
def test_a_scans_glyph_defined_as_the_sigmoid_is_sigma(rubric, item: str, sign: str, expected: str) -> None:
    """"6(u) = 1 / (1 + e^-u)": the scan's 6 is σ wherever it is applied (6(z1), 62(…), 6'(u))."""
    assert grade_report_item(rubric, item, OCR6.replace("{sign}", sign), "scan.txt").status == expected


OCRZ = """f_w(x) = w3 · o2 ( w2 · o1 ( w1 · x ) )

Oznaczam:   u1 = w1·x       s1 = o1(u1)       o1(u) = o2(u) = 1/(1 + exp(-u))
            uz = wz·s1      s2 = oz(u2)          f = w3·s2

e)   ∂f/∂wz = w3 · s2(1 - s2) · s1
     ∂f/∂wl = w3 · s2(l - s2) · wz · {last} · x

ZADANIE 2

c)  liczba parametrów:
        conv1 :  (5·5·1 + 1) · 20   =      52O
        relu1 :                            0
        pool1 :                            O
        conv2 :  (5·5·20 + 1) · 50  =   25 05O
        relu2 :                            0
        pool2 :                            0
        fc1   :  (4·4·50 + 1) · 500 =  400 5OO
        fc2   :  (500 + 1) · 10     =    5 O1O
        razem                          {total}
"""


@pytest.mark.parametrize("item, last, total, expected", [
    ("p1.e.w2", "s1(1 - s1)", "431 O8O", "pass"), ("p1.e.w1", "s1(1 - s1)", "431 O8O", "pass"),
    ("p1.e.w1", "s1", "431 O8O", "fail")])
def test_ocr_names_read_back_z_as_2_and_l_as_1(rubric, item: str, last: str, total: str, expected: str) -> None:
    """"wz", "uz", "oz(u2)" and "ul", "(l - s2)" where w2, u2, u1 are written too: a handwritten 2 and 1."""
    report = "ZADANIE 1\n\n" + OCRZ.replace("{last}", last).replace("{total}", total)
    assert grade_report_item(rubric, item, report, "scan.txt").status == expected


@pytest.mark.parametrize("total, expected", [("431 O8O", "pass"), ("421 O8O", "partial")])
def test_a_scans_zeros_read_as_letter_o_in_a_column_of_counts(rubric, total: str, expected: str) -> None:
    """Four O's inside numbers ("52O", "5OO") say it is a scan; a column's result after a spaced "=" is the count."""
    report = "ZADANIE 1\n\n" + OCRZ.replace("{last}", "s1").replace("{total}", total)
    assert grade_report_item(rubric, "p2.c", report, "scan.txt").status == expected


@pytest.mark.parametrize("power, expected", [("2", "pass"), ("3", "fail")])
@pytest.mark.parametrize("space", [r"\;", r"\,"])
def test_spacing_at_the_end_of_a_boxed_formula(rubric, power: str, expected: str, space: str) -> None:
    report = ("**(i)** in terms of $\\exp$:\n$$\\boxed{" + space + "\\frac{d\\sigma_1}{du} = \\frac{e^{-u}}"
              "{\\left(1+e^{-u}\\right)^{" + power + "}}" + space + "}$$\n")
    assert grade_report_item(rubric, "p1.b.i", report, "r.md").status == expected


@pytest.mark.parametrize("last, expected", [("v_1", "pass"), ("u_1", "fail")])
def test_definitions_after_an_elided_french_word(rubric, last: str, expected: str) -> None:
    """"j'appelle u_1 = w_1x, v_1 = σ(u_1), …": "j'appelle" is a word, not part of u_1's name."""
    report = ("Notations : j'appelle u_1 = w_1x, v_1 = σ(u_1), u_2 = w_2v_1, v_2 = σ(u_2), donc la sortie est "
              f"f = w_3v_2.\n\n(e) ∂f/∂w_2 = w_3 v_2(1 − v_2) {last}\n")
    assert grade_report_item(rubric, "p1.e.w2", report, "r.md").status == expected


@pytest.mark.parametrize("aside, expected", [("the 20 input channels", "pass"), ("50 channels", "partial")])
def test_a_label_inside_a_closed_aside_names_nothing_after_it(rubric, aside: str, expected: str) -> None:
    report = ("Problem 2\n\n(b) filter 5×5, stride 1, channel dim 20 (" + aside + "), 50 filters → 50 output channels."
              if expected == "pass" else
              "Problem 2\n\n(b) filter 5×5, stride 1, channel dim 50 (the 20 input channels), 50 filters.")
    assert grade_report_item(rubric, "p2.b", report, "r.md").status == expected


@pytest.mark.parametrize("stride, expected", [("1", "pass"), ("2", "partial")])
def test_an_aside_a_line_break_cuts_is_read_whole(rubric, stride: str, expected: str) -> None:
    other = "2" if stride == "1" else "1"
    report = ("Problem 2\n\n(b) We need 12x12x20 -> 8x8x50. Without padding, out = (12 - k)/s + 1,\n"
              f"and out = 8 works with k = 5 and stride {stride} (k = 6 with stride {other} would give 4,\n"
              "no). So conv2 uses 5x5 filters; each filter has channel\ndimension 20 (5x5x20), 50 filters.\n")
    assert grade_report_item(rubric, "p2.b", report, "mail.txt").status == expected


@pytest.mark.parametrize("fc2, expected", [("5,010", "pass"), ("5,000", "partial")])
def test_a_paragraph_that_opens_the_code_part_ends_the_written_part(rubric, fc2: str, expected: str) -> None:
    """"Code part: with the attached Net (… fc1 500 -> relu -> fc2 10) I get 99.11 %": sizes, not counts."""
    report = ("Problem 2\n\n(c) Counting weights and biases for each layer:\n\n"
              "    conv1 : 20 * (5*5*1) + 20 bias      =     520\n    relu1 : no parameters  =  0\n"
              "    pool1 : no parameters  =  0\n    conv2 : 50 * (5*5*20) + 50 bias     =  25,050\n"
              "    relu2 :    0\n    pool2 :    0\n    fc1   : 800 * 500 + 500  (800 = 4*4*50)  = 400,500\n"
              f"    fc2   : 500 * 10 + 10               =   {fc2}\n\n"
              "Total: 520 + 25,050 + 400,500 + 5,010 = 431,080.\n\n"
              "Code part: with the attached Net (conv1 -> relu -> pool -> conv2 -> relu ->\n"
              "pool -> flatten 800 -> fc1 500 -> relu -> fc2 10) I get 99.11 % test accuracy.\n")
    assert grade_report_item(rubric, "p2.c", report, "mail.txt").status == expected


PANDOC = """**Q1 -- Back propagation**

We have f~w~(x) = w~3~ σ~2~(w~2~ σ~1~(w~1~x)) with σ~1~(u) = σ~2~(u) = 1 / (1 + exp(−u)).

I will call x~1~ = w~1~x and x~2~ = w~2~σ~1~(x~1~), so f~w~(x) = w~3~σ~2~(x~2~).

**Q1(b)**

\\(i\\) Using the quotient rule,

σ′(u) = \\[0·(1 + e^−u^) − 1·(−e^−u^)\\] / (1 + e^−u^)^2^ = e^−u^ / (1 + e^−u^)^{power}^

**Q1(d)**

∂f~w~/∂w~3~ = σ~2~(x~2~) = σ~2~(w~2~σ~1~(w~1~x))
"""


@pytest.mark.parametrize("power, expected", [("2", "pass"), ("3", "review")])
def test_brackets_a_word_export_escaped_mid_line_are_brackets(rubric, power: str, expected: str) -> None:
    """"σ′(u) = \\[0·(1 + e^−u^) − …\\] / (1 + e^−u^)^2^": in a hand-in with no TeX, brackets, not a display."""
    report = PANDOC.replace("{power}", power)
    assert grade_report_item(rubric, "p1.b.i", report, "r.md").status == expected


WORKED_ROW = """Names: h_1 = σ(w_1 x), h_2 = σ(w_2 h_1), f = w_3 h_2.

**Part e**

| **weight** | **chain rule** | **result** |
|---|---|---|
| ∂f_w/∂w_2 | (∂f/∂h_2)(∂h_2/∂w_2) = w_3 · σ′(w_2h_1) · h_1 | w_3 h_1 h_2(1{sign}h_2) |
"""


@pytest.mark.parametrize("sign, expected", [("−", "pass"), ("+", "review")])
def test_a_table_row_that_names_its_derivative_works_it_and_gives_the_result(rubric, sign: str,
                                                                            expected: str) -> None:
    """"| ∂f_w/∂w_2 | … = w_3 · σ′(w_2h_1) · h_1 | w_3 h_1 h_2(1−h_2) |": one chain, the last cell its result."""
    report = WORKED_ROW.replace("{sign}", sign)
    assert grade_report_item(rubric, "p1.e.w2", report, "r.md").status == expected


PERCENT = """# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
# ---

# %% [markdown]
# # HW2
# ## Problem 1
# Names: $z_1 = w_1 x$, $s_1 = \\sigma(z_1)$, $z_2 = w_2 s_1$, $s_2 = \\sigma(z_2)$.

# %%
import sympy as sp

# %% [markdown]
# ### (d)
# $$\\frac{\\partial f}{\\partial w_3} = {d}$$
"""
LIVE = """%% HW2 - Backpropagation
% Jisoo Kang
%% Problem 1
% Notation: $n_1 = w_1 x$, $o_1 = \\sigma(n_1)$, $n_2 = w_2 o_1$, $o_2 = \\sigma(n_2)$
syms u x w1 w2 w3 real
%% (d)
% $$\\frac{\\partial f}{\\partial w_3} = {d}$$
"""


@pytest.mark.parametrize("suffix, text, right, wrong", [(".py", PERCENT, "s_2", "s_1"), (".m", LIVE, "o_2", "o_1")])
def test_a_notebook_saved_as_a_script_is_a_report(rubric, tmp_path, suffix: str, text: str, right: str,
                                                  wrong: str) -> None:
    """Jupytext's percent format and a MATLAB live script: the text cells are the report (and the hand-in's
    program, with no such cells, is never taken for one)."""
    from grader.reading.formats_script import is_script_notebook, script_markdown
    from grader.submission import answer_files

    (tmp_path / f"hw2{suffix}").write_text(text.replace("{d}", right), encoding="utf-8")
    (tmp_path / "DeepMNIST.py").write_text("import torch\n\nclass Net(torch.nn.Module):\n    pass\n", encoding="utf-8")
    assert [p.name for p in answer_files(tmp_path, [])] == [f"hw2{suffix}"]
    assert not is_script_notebook("import torch\n# %% a cell\nx = 1\n", ".py")
    for d, expected in ((right, "pass"), (wrong, "fail")):
        report = script_markdown(text.replace("{d}", d), suffix)
        assert grade_report_item(rubric, "p1.d", report, "r.md").status == expected


@pytest.mark.parametrize("count, expected", [("800·500 + 500 = 400,500", "pass"), ("800·500 = 400,000", "partial")])
def test_a_layers_input_and_output_sizes_before_its_count_are_no_count(rubric, count: str, expected: str) -> None:
    """"fc1: input is 4·4·50 = 800, output 500 → 800·500 + 500 = 400,500": 800 and 500 are sizes."""
    report = ("Problem 2\n\n(c)\n- conv1: (5·5·1 + 1)·20 = 520\n- relu1, pool1: 0\n- conv2: (5·5·20 + 1)·50 = 25,050\n"
              f"- relu2, pool2: 0\n- fc1: input is 4·4·50 = 800, output 500 → {count}\n- fc2: 500·10 + 10 = 5,010\n"
              "- total: 431,080\n")
    assert grade_report_item(rubric, "p2.c", report, "r.md").status == expected


@pytest.mark.parametrize("fc2, expected", [("5,OlO", "pass"), ("5,OOO", "partial")])
def test_a_scans_numbers_with_letters_o_and_l_among_their_digits(rubric, fc2: str, expected: str) -> None:
    report = ("=== OCR — IMG_2041.jpg ===\n\nProblem 2\n\n(c)  conv1  : 5.5.l.2O + 2O    = 52O\n     relu1  : O\n"
              "     pool1  : O\n     conv2  : 5.5.2O.5O + 5O   = 25,O5O\n     relu2  : O\n     pool2  : O\n"
              f"     fc1    : 8OO.5OO + 5OO    = 4OO,5OO\n     fc2    : 5OO.lO + lO      = {fc2}\n"
              "     total                     = 43l,O8O\n")
    assert grade_report_item(rubric, "p2.c", report, "scan.txt").status == expected


@pytest.mark.parametrize("size, expected", [("5\\times5\\times1", "pass"), ("5\\times5\\times20", "partial")])
def test_filters_of_a_size_said_in_german(rubric, size: str, expected: str) -> None:
    report = ("\\section*{Aufgabe 2}\n\\paragraph{(a)} Eingabe: $28\\times 28$ (ein Kanal).\n"
              f"conv1: 20 Filter der Größe ${size}$.\nnach conv1 $24\\times24\\times20$; "
              "nach dem Max-Pooling $12\\times12\\times20$.\n")
    assert grade_report_item(rubric, "p2.a", report, "r.tex").status == expected


@pytest.mark.parametrize("channels, expected", [("20", "pass"), ("50", "partial")])
def test_a_count_before_input_channels_names_the_channels(rubric, channels: str, expected: str) -> None:
    report = ("Problem 2\n\n(b) conv2 has filters of size **5×5**, **stride 1**, and each filter spans all "
              f"**{channels}** input channels; there are 50 filters.\n")
    assert grade_report_item(rubric, "p2.b", report, "r.md").status == expected


STACKED = """b)  (ii)  zauwazam  ze     exp(-u)          1 + exp(-u) - 1
                        ___________  =  ___________________ = 1 - o(u)
                        1 + exp(-u)         1 + exp(-u)

          wiec  o'(u) =    1          exp(-u)
                        _________ · _________  =  o(u) · ( 1 {sign} o(u) )
                        1+exp(-u)   1+exp(-u)
"""


@pytest.mark.parametrize("sign, expected", [("-", "pass"), ("+", "fail")])
def test_fractions_a_scan_drew_with_underscores_after_words_and_a_left_side(rubric, sign: str,
                                                                          expected: str) -> None:
    """"zauwazam ze" and "wiec o'(u) =" on the numerators' line, bars of "____": one equation each."""
    report = "ZADANIE 1\n\nf_w(x) = w3 · o2(w2 · o1(w1 · x)),  o1(u) = o2(u) = 1/(1 + exp(-u))\n\n" \
        + STACKED.replace("{sign}", sign)
    assert grade_report_item(rubric, "p1.b.ii", report, "scan.txt").status == expected


@pytest.mark.parametrize("stride, expected", [("1", "pass"), ("2", "partial")])
def test_a_label_that_names_a_symbol_of_a_formula_labels_no_result_of_it(rubric, stride: str, expected: str) -> None:
    """"stride s :  (12-k)/s+1 = 8": 8 is the formula's output size, not the stride."""
    report = ("Problem 2\n\n(b) We need 12×12×20 → 8×8×50. With no padding and stride s :  (12-k)/s+1 = 8.\n\n"
              f"* filter size 5×5,\n* stride {stride} (no padding),\n* channel dimension of each filter = 20.\n")
    assert grade_report_item(rubric, "p2.b", report, "r.md").status == expected


@pytest.mark.parametrize("again, expected", [("σ(u)(1 − σ(u))", "review"), ("σ(u)(1 + σ(u))", "fail")])
def test_a_part_named_again_inside_its_own_text_with_another_answer(rubric, again: str, expected: str) -> None:
    """A chat's fix in a later message, "ugh sign typo, thanks. (b)(ii) is σ(u)(1 − σ(u))": two answers for one
    part, a person decides (the same one said again changes nothing)."""
    report = ("Aiko  9:07 PM\n(b)(i) dσ/du = e^-u / (1 + e^-u)^2\n\nAiko  9:08 PM\n(b)(ii) dσ/du = σ(u)(1 + σ(u))\n\n"
              "Ben  9:10 PM\nhm. at u = 0 that gives 0.75 but the slope is 1/4 ?\n\n"
              f"Aiko  9:12 PM\nugh sign typo, thanks. (b)(ii) is {again}. at u=0: 0.25\n\n"
              "Aiko  9:17 PM\n(d) ∂f/∂w3 = σ(x2)\n")
    assert grade_report_item(rubric, "p1.b.ii", report, "chat.txt").status == expected


@pytest.mark.parametrize("depth, expected", [("20", "pass"), ("50", "partial")])
def test_a_label_then_which_is_then_its_value(rubric, depth: str, expected: str) -> None:
    """"the number of channels coming in, which is 20": one clause, its value after "which is"."""
    report = ("Problem 2\n\n(b) The kernel must be 5×5 with stride 1 (12 − 5 + 1 = 8). The filter depth must equal the "
              f"number of channels coming in, which is {depth}, and to end up with 50 channels we need 50 filters.\n")
    assert grade_report_item(rubric, "p2.b", report, "r.md").status == expected


@pytest.mark.parametrize("sign, expected", [("-", "pass"), ("+", "fail")])
def test_an_rst_definition_list_whose_term_names_a_formula(rubric, sign: str, expected: str) -> None:
    """"(b)(ii) dσ1/du" at the margin, its definition indented under it: the term names the definition."""
    report = ("Notation\n========\n\nv1\n    w1·x\ns1\n    σ1(v1)\n\nProblem 1\n=========\n\n"
              "(b)(i) dσ1/du\n    e^{−u} / (1 + e^{−u})²\n\n"
              f"(b)(ii) dσ1/du\n    σ1(u)·(1 {sign} σ1(u))\n\n(d) ∂f/∂w3\n    σ2(w2·s1)\n")
    assert grade_report_item(rubric, "p1.b.ii", report, "sheet.rst").status == expected
    assert grade_report_item(rubric, "p1.d", report, "sheet.rst").status == "pass"


FILL = """(copied from the handout; my answers are inside [[ ]])

Problem 1. Back propagation
f_w(x) = w3 * sigma2( w2 * sigma1( w1 * x ) ),  sigma1(u) = sigma2(u) = 1/(1+exp(-u))
Use x1 = w1*x and x2 = w2*sigma1(x1).

(e) df/dw2 = ______                               [[ w3 sigma2'(x2) sigma1(x1)
                                                     = w3 sigma2(x2)(1-sigma2(x2)) {last} ]]
(f) gradient descent update with step size alpha:  w_new = ______
        [[ w {sign} alpha * grad_w L ]]
"""


@pytest.mark.parametrize("item, last, sign, expected", [
    ("p1.e.w2", "sigma1(x1)", "-", "pass"), ("p1.e.w2", "x1", "-", "review"),
    ("p1.f.update", "sigma1(x1)", "-", "pass"), ("p1.f.update", "sigma1(x1)", "+", "fail")])
def test_a_handouts_blanks_filled_in_double_brackets(rubric, item: str, last: str, sign: str, expected: str) -> None:
    """"df/dw2 = ______   [[ … ]]" (the answer wrapped over lines) and "w_new = ______" / "[[ … ]]" below it: each
    answer read where its blank is."""
    report = FILL.replace("{last}", last).replace("{sign}", sign)
    assert grade_report_item(rubric, item, report, "sheet.txt").status == expected
