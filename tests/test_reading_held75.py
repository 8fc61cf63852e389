"""Readings from batch 75 (slide decks: Beamer, reveal.js, text exports; course wikis in Creole and Textile;
outliners' bullets and tables; numbered checks beside answers): each with a twin it must not pass.
"""
from __future__ import annotations

import pytest

from tests.helpers import grade_report_item, grading_seconds_on_repeated


def _full(result) -> bool:  # type: ignore[no-untyped-def]
    return result.status == "pass" and result.score >= result.max_score


BEAMER = r"""\documentclass{beamer}
\begin{document}
\begin{frame}{Roadmap}
  \begin{enumerate}[<+->]
    \item Problem 1 -- backprop
    \item Problem 2 -- the CNN
    \item Results
  \end{enumerate}
\end{frame}
\section{Problem 1}
\begin{frame}{Notation}
  $x_1 := w_1 x$, $x_2 := w_2\,\sigma_1(x_1)$
\end{frame}
\begin{frame}{Backprop --- part (b): derivative of the sigmoid}
  \begin{block}{(i) in terms of $\exp$}
    \[ \frac{d\sigma_1}{du} = \frac{e^{-u}}{(1+e^{-u})^2} \]
  \end{block}
  \pause
  \begin{block}{(ii) in terms of $\sigma_1$}
    \[ \frac{e^{-u}}{(1+e^{-u})^2} = \frac{1}{1+e^{-u}}\cdot\frac{e^{-u}}{1+e^{-u}}
       \quad\Rightarrow\quad \alert<2>{\sigma_1'(u) = @B_II@} \]
  \end{block}
\end{frame}
\begin{frame}{Backprop --- part (e): $\partial f/\partial w_1$}
  \[ \frac{\partial f_w}{\partial w_1} = @E_W1@ \]
\end{frame}
\section{Problem 2}
\begin{frame}[fragile]{MNIST --- part (a)}
  \begin{itemize}
    \item shapes:
  \end{itemize}
\begin{tabular}{ll}
  input & $28\times28$ \\
  conv1 filter & $5\times5\times1$, $\times\,20$ filters \\
  after conv1 & @CONV@ \\
  after max-pool & $12\times12\times20$
\end{tabular}
\end{frame}
\end{document}
"""
BEAMER_RIGHT = {"B_II": r"\sigma_1(u)\,(1-\sigma_1(u))",
                "E_W1": r"w_3\,\sigma_2(x_2)(1-\sigma_2(x_2))\,w_2\,\sigma_1(x_1)(1-\sigma_1(x_1))\,x",
                "CONV": r"$24\times24\times20$"}


def _filled(template: str, right: dict[str, str], **changed: str) -> str:
    for key, value in {**right, **changed}.items():
        template = template.replace(f"@{key}@", value)
    return template


def test_a_beamer_decks_frame_titles_name_its_parts(rubric) -> None:
    deck = _filled(BEAMER, BEAMER_RIGHT)
    for item in ("p1.b.i", "p1.b.ii", "p1.e.w1", "p2.a"):
        assert _full(grade_report_item(rubric, item, deck, "deck.tex")), item


@pytest.mark.parametrize("item, changed", [
    ("p1.b.ii", {"B_II": r"\sigma_1(u)\,(1+\sigma_1(u))"}),  # inside \alert<2>{…}
    ("p1.e.w1", {"E_W1": r"w_3\,\sigma_2(x_2)(1-\sigma_2(x_2))\,\sigma_1(x_1)(1-\sigma_1(x_1))\,x"}),  # w2 left out
    ("p2.a", {"CONV": r"$23\times23\times20$"}),
])
def test_a_slip_on_a_beamer_slide_does_not_pass(rubric, item: str, changed: dict[str, str]) -> None:
    assert not _full(grade_report_item(rubric, item, _filled(BEAMER, BEAMER_RIGHT, **changed), "deck.tex"))


SLIDES = """HW2_final.pptx — exported as outline text

==============================
Slide 1
==============================
Problem 1 – the function
• f_w(x) = w₃ · σ₂( w₂ · σ₁( w₁ · x ) )
• Notation I use:
   – a = w₁x            (pre-activation layer 1)
   – h = σ₁(a)          (hidden 1)
   – b = w₂h            (pre-activation layer 2)
   – g = σ₂(b)          (hidden 2)

==============================
Slide 2
==============================
Backprop – part (b)(i)
• σ(u) = (1 + e^(−u))^(−1)
• dσ/du = −1 · (1 + e^(−u))^(−2) · (−e^(−u))
• = @B_I@  – same thing, symmetric in u

==============================
Slide 3
==============================
Backprop – part (d)
• ∂f/∂w₃ = @D@

==============================
Slide 4
==============================
Backup – quick numeric check of (d)
• finite differences (h = 1e-5) vs my formula: 0.3492 vs 0.3492
"""
SLIDES_RIGHT = {"B_I": "e^(−u) / (1 + e^(−u))²", "D": "g = σ₂(b)"}


@pytest.mark.parametrize("changed, full", [
    ({}, True),
    ({"B_I": "−e^(−u) / (1 + e^(−u))²"}, False),  # the sign lost
])
def test_a_slide_exports_titles_open_its_parts(rubric, changed: dict[str, str], full: bool) -> None:
    report = _filled(SLIDES, SLIDES_RIGHT, **changed)
    assert _full(grade_report_item(rubric, "p1.b.i", report, "slides.txt")) is full


@pytest.mark.parametrize("d, full", [
    ("g = σ₂(b)", True),  # g, h, a, b defined on "–" bullets (no minus)
    ("h = σ₁(a)", False),  # the wrong activation
])
def test_names_defined_on_second_level_dash_bullets(rubric, d: str, full: bool) -> None:
    report = _filled(SLIDES, SLIDES_RIGHT, D=d)
    assert _full(grade_report_item(rubric, "p1.d", report, "slides.txt")) is full


def test_a_check_slides_formulas_are_no_answer_said_again(rubric) -> None:
    report = _filled(SLIDES, SLIDES_RIGHT)
    assert _full(grade_report_item(rubric, "p1.d", report, "slides.txt"))
    fixed = report + "• oops: ∂f/∂w₃ = h = σ₁(a) actually\n"  # a formula that names the item still counts
    assert not _full(grade_report_item(rubric, "p1.d", fixed, "slides.txt"))


REVEAL = """# HW2

---

## Backprop (b)

(i) `$$ \\frac{d\\sigma_1}{du} = \\frac{e^{-u}}{(1+e^{-u})^2} $$`

(ii) `$$ \\frac{d\\sigma_1}{du} = @B_II@ $$`
<!-- .element: class="fragment" -->

---

# Problem 2: MNIST

---

## MNIST — part (c) parameter count

| layer | calculation | # params |
|---|---|---|
| conv1 | (5·5·1 + 1)·20 | 520 |
| relu1 / pool1 | – | 0 |
| conv2 | (5·5·20 + 1)·50 | 25,050 |
| relu2 / pool2 | – | 0 |
| fc1 | (800 + 1)·500 | 400,500 |
| fc2 | (500 + 1)·10 | 5,010 |
| **total** | | **@TOTAL@** |

```python
self.conv1 = nn.Conv2d(1, 20, 5, 1)
# forward: conv1-relu-pool, conv2-relu-pool, flatten, fc1-relu, fc2
```

* 10 epochs, SGD
"""
REVEAL_RIGHT = {"B_II": "\\sigma_1(u)\\,(1-\\sigma_1(u))", "TOTAL": "431,080"}


@pytest.mark.parametrize("item, changed, full", [
    ("p1.b.ii", {}, True),  # math wrapped in backticks, as reveal.js wants it
    ("p1.b.ii", {"B_II": "\\sigma_1(u)\\,(1+\\sigma_1(u))"}, False),
    ("p2.c", {}, True),  # a heading's topic after the part; a comment's "fc2" does not take "10 epochs"
    ("p2.c", {"TOTAL": "431,030"}, False),
])
def test_a_reveal_deck_with_backticked_math(rubric, item: str, changed: dict[str, str], full: bool) -> None:
    assert _full(grade_report_item(rubric, item, _filled(REVEAL, REVEAL_RIGHT, **changed))) is full


CREOLE = """= HW2 =

== Problem 2 ==

=== (c) Parameters ===
|= layer |= formula |= # params |
| conv1 | (5*5*1+1)*20 | 520 |
| relu1 | - | 0 |
| pool1 | - | 0 |
| conv2 | (5*5*20+1)*50 | 25050 |
| relu2 | - | 0 |
| pool2 | - | 0 |
| fc1 | (800+1)*500 | 400500 |
| fc2 | (500+1)*10 | 5010 |
| total | | @TOTAL@ |

{{{
check: 520 + 25050 + 400500 + 5010
}}}
"""


@pytest.mark.parametrize("total, full", [("431080", True), ("430500", False)])
def test_a_creole_pages_table(rubric, total: str, full: bool) -> None:
    report = CREOLE.replace("@TOTAL@", total)
    assert _full(grade_report_item(rubric, "p2.c", report, "page.txt")) is full


TEXTILE = """h2. Problem 1

h3. (d) ∂f[~w~]/∂w[~3~]

p. ∂f[~w~]/∂w[~3~] = σ[~2~](x[~2~]) = *σ[~2~](w[~2~]·σ[~@INNER@~](w[~1~]·x))*
"""


@pytest.mark.parametrize("inner, full", [("1", True), ("2", True)])
def test_textiles_bracketed_subscripts(rubric, inner: str, full: bool) -> None:
    report = TEXTILE.replace("@INNER@", inner)  # σ₁ and σ₂ are one function: both right
    assert _full(grade_report_item(rubric, "p1.d", report, "page.textile")) is full


def test_textiles_bracketed_subscripts_keep_a_slip(rubric) -> None:
    report = TEXTILE.replace("= *σ[~2~](w[~2~]·σ[~@INNER@~](w[~1~]·x))*", "= *σ[~1~](w[~1~]·x)*")
    assert not _full(grade_report_item(rubric, "p1.d", report, "page.textile"))


ONENOTE = """Problem 1 – Back propagation

Notation:   x_1=w_1 x,   x_2=w_2 σ_1 (x_1 )

(e)
\t• ∂f_w/∂w_2 =∂f_w/(∂σ_2 )∙(∂σ_2)/(∂x_2 )∙(∂x_2)/(∂w_2 )
\t\to =@E_W2@
\t• ∂f_w/∂w_1 =∂f_w/(∂σ_2 )∙(∂σ_2)/(∂x_2 )∙(∂x_2)/(∂σ_1 )∙(∂σ_1)/(∂x_1 )∙(∂x_1)/(∂w_1 )
\t\to =w_3∙σ_2 (x_2 )(1-σ_2 (x_2 ))∙w_2∙σ_1 (x_1 )(1-σ_1 (x_1 ))∙x
"""


@pytest.mark.parametrize("e_w2, full", [
    ("w_3∙σ_2 (x_2 )(1-σ_2 (x_2 ))∙σ_1 (x_1 )", True),  # "o": OneNote's second-level bullet, no name
    ("w_3∙σ_2 (x_2 )(1-σ_2 (x_2 ))∙σ_1 (x_2 )", False),
])
def test_onenotes_o_bullets_are_bullets(rubric, e_w2: str, full: bool) -> None:
    report = ONENOTE.replace("@E_W2@", e_w2)
    assert _full(grade_report_item(rubric, "p1.e.w2", report, "notes.txt")) is full


OUTLINE = """- ## Problem 2
\t- (c) parameter count
\t\t- | layer | # params |
\t\t  |---|---|
\t\t  | conv1 | 520 |
\t\t  | relu1 | 0 |
\t\t  | pool1 | 0 |
\t\t  | conv2 | 25,050 |
\t\t  | relu2 | 0 |
\t\t  | pool2 | 0 |
\t\t  | fc1 | @FC1@ |
\t\t  | fc2 | 5,010 |
\t\t  | total | 431,080 |
"""


@pytest.mark.parametrize("fc1, full", [("400,500", True), ("400,000", False)])
def test_an_outliners_table_under_a_bullet(rubric, fc1: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p2.c", OUTLINE.replace("@FC1@", fc1))) is full


PARTS = """## Problem 2

(a) input 28×28×1, conv1 filter 5×5×1 (20 filters), output after conv1 24×24×20, after pooling 12×12×20

(b) With no padding F = 5; with padding 1, F = 7. So conv2 is either a 5×5 filter or a 7×7 filter, stride 1,
channel dimension (depth) of each filter = @CH@, I'm not sure which one the question wants.
"""


def test_a_doubt_inside_another_part_is_that_parts_own(rubric) -> None:
    report = PARTS.replace("@CH@", "20")
    assert _full(grade_report_item(rubric, "p2.a", report))  # (a)'s filter is not doubted by (b)'s words
    assert not _full(grade_report_item(rubric, "p2.b", report))  # (b) itself offers two filters


@pytest.mark.parametrize("said, full", [
    ("filter size 5 × 5, stride 1, channel dimension (depth) of each filter = 20, no padding.", True),
    ("filter size 5 × 5, stride 1, channel dimension (depth) of each filter = 50, no padding.", False),
])
def test_a_labels_bracketed_aside_before_of_each_filter(rubric, said: str, full: bool) -> None:
    report = f"## Problem 2\n\n(b) **Answer:** {said} There are 50 such filters.\n"
    assert _full(grade_report_item(rubric, "p2.b", report)) is full


@pytest.mark.parametrize("piece", [
    "\\begin{frame}{Backprop -- part (b): x ",  # frame titles
    "Slide 1\n– x – part (b)\n• = x\n",  # slide banners, dash bullets, a bullet going on
    "`$$ a = b $$` `$x",  # backticked math
    "Backprop -- part (b) -- part (c): ",  # titled parts
    "|= a |= b\n{{{\n}}}\n",  # Creole
    "σ[~1~](x[^2^]) ",  # Textile's bracketed scripts
    "x = 1 (minus times minus = plus ",  # a bracket of words
    "x *(a (b (c) d) e)* *(((",  # an aside in italics
    "## Numeric check of (e)\nso $w_2$ is counted twice?? $h=10^{-5}$ $10^10^10^a$\n",  # a check section
    "σ(u)\nmaybe σ(u)(1+σ(u)) ??\n",  # a doubt below an answer
])
def test_the_new_readings_take_bounded_time_on_hostile_text(rubric, piece: str) -> None:
    assert grading_seconds_on_repeated(rubric, piece) < 30


# Mended after red team 76: each a way to hide a second answer or a change from the reading.

B_II = "## Problem 1\n\n### (b)\n(ii) $\\sigma'(u) = \\sigma(u)(1-\\sigma(u))${after}\n\n### (d)\n$\\sigma_2(x_2)$\n"


@pytest.mark.parametrize("after, full", [
    (" *(or maybe σ(u)(1+σ(u))? not sure)*", False),  # a hedge set in italics
    (" **(or maybe σ(u)(1+σ(u))??)**", False),
    (" *(by the quotient rule)*", True),  # an aside in italics that changes nothing
    ("\n\nmaybe it is σ(u)·(1 + σ(u)) ?? the two minus signs confuse me", False),  # offered a little below
    ("\n\nis σ(u)(1 − σ(u)) at u = 0 equal to 1/4? yes.", True),  # a check, asked and answered
])
def test_a_hedge_in_italics_or_a_line_below_is_a_second_answer(rubric, after: str, full: bool) -> None:
    assert _full(grade_report_item(rubric, "p1.b.ii", B_II.format(after=after))) is full


CHECKED = """## Problem 1

### (e)
$$\\frac{\\partial f}{\\partial w_1} = w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,w_2\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x$$

### (f)
$$\\nabla_w L = \\sum_{i=1}^{2} 2(f_w(x^i) - y^i)\\nabla_w f_w(x^i)$$@GRAD_AFTER@

## Problem 2

### (a)
input 28×28×1, filter 5×5×1 (20 of them), after conv1 24×24×20, after pooling 12×12×20

## Numeric check of (e)
@CHECK@

## Code
`DeepMNIST.py` reaches 99.1 % test accuracy.
"""


@pytest.mark.parametrize("check, full", [
    ("Finite differences ($h = 10^{-5}$) give $0.0523$, my formula $0.0523$: they agree.", True),
    ("Finite differences give half of my value, so $w_2$ is counted twice; the $w_1$-gradient is\n"
     "$$w_3\\sigma_2(x_2)(1-\\sigma_2(x_2))\\,\\sigma_1(x_1)(1-\\sigma_1(x_1))\\,x$$", False),  # the check revises (e)
])
def test_a_check_section_that_revises_the_answer_goes_to_a_person(rubric, check: str, full: bool) -> None:
    report = CHECKED.replace("@GRAD_AFTER@", "").replace("@CHECK@", check)
    assert _full(grade_report_item(rubric, "p1.e.w1", report)) is full


@pytest.mark.parametrize("grad_after, full", [
    ("", True),
    ("\n(taken as the mean over both data points, like in MSE) where $\\nabla_w f_w$ is from (d), (e).", False),
    ("\naveraged over the two points", False),
])
def test_a_gradient_said_to_be_averaged_is_no_full_marks(rubric, grad_after: str, full: bool) -> None:
    report = CHECKED.replace("@GRAD_AFTER@", grad_after).replace("@CHECK@", "They agree.")
    assert _full(grade_report_item(rubric, "p1.f.grad", report)) is full
