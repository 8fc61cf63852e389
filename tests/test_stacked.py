"""Fractions a PDF export broke over lines are read back as one equation, and only when every piece has its place."""
from __future__ import annotations

from grader.reading.document import read_document
from grader.reading.stacked import read_block, rebuild_layout


def _stacked(text: str) -> list[str]:
    doc = read_document(text)
    return [doc.read(m) for m in doc.math if m.kind in ("stacked", "viewer")]


def test_layout_fraction_on_both_sides() -> None:
    text = ("(c)\n"
            "        dg          a\n"
            "             =\n"
            "        dz       (1 + a)2\n")
    assert _stacked(text) == ["(dg)/(dz) = (a)/((1 + a)2)"]


def test_layout_product_of_fractions_then_result() -> None:
    up = "     ∂h      ∂h    ∂q"
    mid = "          =     ·       = k q"
    down = "     ∂p      ∂q    ∂p"
    assert read_block("\n".join((up, mid, down))) == "(∂h)/(∂p) = (∂h)/(∂q) · (∂q)/(∂p) = k q"


def test_layout_text_over_the_line_is_no_fraction() -> None:
    # a sum sign set above the line with nothing below it: not rebuilt
    assert rebuild_layout("   X   ", " L =  (y - h)2", "       ") is None
    # an operator as numerator (d/du applied to what follows): not rebuilt
    assert rebuild_layout("  d     1", "     =", " du  1 + a") is None


def test_viewer_pieces_one_a_line() -> None:
    text = "(d)\n∂h\n∂p 2\n= k (q 2 )\n"
    assert _stacked(text) == ["(∂h)/(∂p 2) = k (q 2 )"]
    text = "(e)\n∂h\n∂p\n=\n∂h\n∂q\n·\n∂q\n∂p\n= k q\n"
    assert _stacked(text) == ["(∂h)/(∂p) = (∂h)/(∂q) · (∂q)/(∂p) = k q"]


def test_viewer_cut_short_by_a_limit_is_left_alone() -> None:
    # "L =" over a sum sign whose limit "i=1" follows: no fraction "2/X"
    assert _stacked("(f)\nL =\n2\nX\ni=1\n(y i − h) 2\n") == []


def test_viewer_odd_piece_count_is_left_alone() -> None:
    assert read_block("∂h\n∂p\nq\n= k", viewer=True) is None


def test_layout_two_pieces_over_one_is_left_alone() -> None:
    # "d" and "1" over one phrase "du 1 + a": no single fraction
    assert rebuild_layout("  d      1", "                =", "  du 1 + a") is None
