"""Reading rules found on the twenty-fifth held-out batch (an international class, LaTeX sources with the exam class
and theorem-like environments, notebooks), each with its twin that must read the other way."""
from __future__ import annotations

import pytest

from tests.helpers import assert_twins, grade_report_item

A = "## Problem 2\n\n(a) input 28×28×1, conv1 filter SHAPE, after conv1 24×24×20, after pooling 12×12×20\n"


@pytest.mark.parametrize("shape", ["$5\\times5\\times1$ (20개)", "5×5×1 \\ (× 20)", "5×5×1（共 20 个）",
                                   "5×5×1 × 20枚", "5×5×1 (20 filters)"])
def test_a_filter_shape_then_how_many(rubric, shape: str) -> None:
    """A shape then the count of filters in brackets or with a counter word: 5×5×1×20; the count's own 20 is no
    second filter size, and a full shape before "(20 filters)" stays as it is."""
    assert_twins(rubric, "p2.a", A.replace("SHAPE", shape), ("24×24×20", "25×25×20"))
    assert grade_report_item(rubric, "p2.a", A.replace("SHAPE", shape.replace("5×5×1", "5×5×20")
                                                       .replace("5\\times5\\times1", "5\\times5\\times20"))
                             ).status != "pass"
    full = A.replace("SHAPE", "5 × 5 × 1 × 20 (20 filters)")
    assert grade_report_item(rubric, "p2.a", full).status == "pass"


def test_part_words_after_the_problem_word() -> None:
    """"Задача 1, пункт а", "Exercice 2 question a": the problem's word, its number, then the part's word and letter."""
    from grader.reading.labels import read_label

    for line, want in (("### Задача 1, пункт а — вычислительный граф", ("1", "a")),
                       ("### Задача 2, пункт в — число параметров", ("2", "c")),
                       ("Exercice 2 question a", ("2", "a"))):
        found = read_label(line, 0, heading=line.startswith("#"))
        assert found is not None and (found.problem, found.part) == want, line


EXAM = ("\\documentclass{exam}\n\\begin{document}\n\\begin{questions}\n\\question Backprop\n\\begin{parts}\n"
        "\\part Graph.\n\\part Derivative.\n\\part Passes.\n"
        "\\part $\\sigma_2(x_2)$\n\\end{parts}\n"
        "\\question\n\\begin{parts}\n\\part Dimensions.\n\\begin{solution}\nInput $28\\times28$; conv1 filter "
        "$5\\times5\\times1\\times20$; conv1 output $24\\times24\\times20$; after pooling $12\\times12\\times20$.\n"
        "\\end{solution}\n\\end{parts}\n\\end{questions}\n\\end{document}\n")


def test_the_exam_class_numbers_its_questions_and_parts(rubric) -> None:
    """\\question, \\part in the exam class are Problem n and its parts (a), (b), …"""
    for item, old, new in (("p2.a", "24\\times24\\times20$;", "25\\times25\\times20$;"),
                           ("p1.d", "$\\sigma_2(x_2)$", "$w_3\\sigma_2(x_2)$")):
        assert grade_report_item(rubric, item, EXAM, "r.tex").status == "pass", item
        assert grade_report_item(rubric, item, EXAM.replace(old, new), "r.tex").status != "pass", item


def test_a_theorem_like_environment_titled_by_its_part(rubric) -> None:
    """``\\begin{problem}[1(d)]`` … ``\\begin{solution}``: the environment's title names the part."""
    tex = ("\\documentclass{article}\n\\begin{document}\n\\begin{problem}[1(c)]\\end{problem}\n\\begin{solution}\n"
           "words\n\\end{solution}\n\\begin{problem}[1(d)]\\end{problem}\n\\begin{solution}\n"
           "$\\sigma(x_2)$\n\\end{solution}\n\\end{document}\n")
    assert grade_report_item(rubric, "p1.d", tex, "r.tex").status == "pass"
    slip = tex.replace("$\\sigma(x_2)$", "$w_3\\sigma(x_2)$")
    assert grade_report_item(rubric, "p1.d", slip, "r.tex").status != "pass"
