"""The rubric is validated before any hand-in is touched; each error names its line."""
from __future__ import annotations

from pathlib import Path

import pytest

from grader.errors import RubricError
from grader.rubric import load_rubric
from tests.conftest import RUBRIC_PATH

REQUIRED_IDS = ["p1.a", "p1.b.i", "p1.b.ii", "p1.c", "p1.d", "p1.e.w2", "p1.e.w1", "p1.f.grad", "p1.f.update",
                "p2.a", "p2.b", "p2.c", "code.build", "code.shapes", "code.params", "code.accuracy", "code.claims"]

HEADER = '[homework]\nreference = "reference.mnist_backprop"\n\n'


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "rubric.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_the_homework_rubric_has_every_item(rubric) -> None:
    assert [i.id for i in rubric.items] == REQUIRED_IDS
    assert {i.check for i in rubric.items if i.id in ("p1.a", "p1.c")} == {"manual"}
    assert rubric.code.file == "DeepMNIST.py" and rubric.code.input_shape == (1, 28, 28)


@pytest.mark.parametrize("body, line, message", [
    ('[[item]]\nid = "a"\npoints = 1\ncheck = "manual"\n\n[[item]]\nid = "b"\npoints = 1\ncheck = "nope"\n',
     9, "unknown check 'nope'"),
    ('[[item]]\nid = "a"\npoints = 1\ncheck = "manual"\n\n[[item]]\nid = "a"\npoints = 2\ncheck = "manual"\n',
     9, "duplicate item id 'a' (first at line 4)"),
    ('[[item]]\nid = "a"\npoints = 1\ncheck = "expression"\n[item.params]\nreference = "no_such"\n',
     4, "no reference expression 'no_such'"),
    ('[[item]]\nid = "a"\npoints = 1\ncheck = "expression"\n[item.params]\nreference = "df_dw3"\nrtol = "small"\n',
     4, "params.rtol must be float"),
    ('[[item]]\nid = "a"\npoints = 1\ncheck = "value"\n[item.params]\nfield = {x = "1"}\n',
     4, "unknown parameter params.field"),
    ('[[item]]\nid = "a"\npoints = 1\ncheck = "value"\n', 4, "missing parameter params.fields"),
    ('[[item]]\nid = "a"\npoints = 1\ncheck = "value"\n[item.params]\nfields = {x = "1"}\n'
     'contradictions = [{ pattern = "pad(", feedback = "x" }]\n', 4, "params.contradictions: 'pad('"),
    ('[[item]]\nid = "a"\npoints = 1\ncheck = "value"\ntext.part = "2.c"\ntext.labels.x = ["\\btotal\\b"]\n'
     '[item.params]\nfields = {x = "1"}\n', 4, "holds a control character"),  # TOML's "\b" is a backspace
    ('[[item]]\nid = "a"\npoints = -1\ncheck = "manual"\n', 4, "points must be a number >= 0"),
    ('[[item]]\nid = "A b"\npoints = 1\ncheck = "manual"\n', 4, "item id must look like"),
    ('[[item]]\nid = "a"\npoints = 1\ncheck = "manual"\nweight = 3\n', 4, "unknown key 'weight'"),
    ('[[item]]\nid = "a"\npoints = 1\ncheck = "expression"\n[item.params]\nreference = "df_dw3"\n'
     'mistakes = [{ kind = "missing_factor", factor = "__import__(1)", feedback = "x" }]\n',
     4, "unknown function '__import__'"),
    ('[[item]]\nid = "a"\npoints = 1\ncheck = "accuracy"\n[item.params]\nbands = [{ min = 99.5, credit = 0.5 }]\n',
     4, "min must be below the threshold"),
    ('[[item]]\nid = "a"\npoints = 1\ncheck = "layer_shapes"\n[item.params]\nspec = "NOPE"\n',
     4, "no layer table 'NOPE'"),
])
def test_errors_name_the_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    assert err.value.line == line
    assert message in str(err.value)
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_not_toml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[[item]]\nid = "a\n')
    with pytest.raises(RubricError, match="not valid TOML") as err:
        load_rubric(path)
    assert err.value.line == 5


def test_missing_homework_and_items(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text('[[item]]\nid = "a"\npoints = 1\ncheck = "manual"\n')
    with pytest.raises(RubricError, match="needs \\[homework\\]"):
        load_rubric(path)
    with pytest.raises(RubricError, match="no \\[\\[item\\]\\]"):
        load_rubric(write(tmp_path, ""))
    path.write_text('[homework]\nreference = "no.such.module"\n[[item]]\nid = "a"\npoints = 1\ncheck = "manual"\n')
    with pytest.raises(RubricError, match="cannot import reference module"):
        load_rubric(path)


def test_rubric_digest_changes_with_the_text(tmp_path: Path) -> None:
    text = RUBRIC_PATH.read_text()
    a = tmp_path / "a.toml"
    a.write_text(text)
    b = tmp_path / "b.toml"
    b.write_text(text.replace("points = 4", "points = 5"))
    assert load_rubric(a).digest != load_rubric(b).digest
