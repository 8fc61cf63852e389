"""Each error type carries its exit code, and ``grade`` returns it; one place imports tomllib."""
from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

import grader
from grader import cli
from grader.errors import DataError, GraderError, PluginError, RubricError, SubmissionError, UsageError
from grader.sandbox.isolation import IsolationUnavailable

PACKAGE = Path(grader.__file__).parent


@pytest.mark.parametrize("error, code", [
    (UsageError("x"), 2), (RubricError("r.toml", 3, "x"), 2), (PluginError("x"), 2), (SubmissionError("x"), 2),
    (DataError("x"), 1), (IsolationUnavailable("x"), 1), (GraderError("x"), 1),
])
def test_each_error_carries_its_exit_code(error: GraderError, code: int) -> None:
    assert error.exit_code == code


def test_grade_returns_the_exit_code_the_error_carries(monkeypatch, capsys, tmp_path: Path) -> None:
    class Busy(GraderError):
        exit_code = 3
        tip = "try again later"

    def refuse(path: object) -> None:
        raise Busy("the rubric is locked")

    monkeypatch.setattr(cli, "load_rubric", refuse)
    code = cli.main([str(tmp_path), "--rubric", str(tmp_path / "r.toml")], console=Console(width=200))
    printed = capsys.readouterr().err
    assert code == 3 and "ERROR: the rubric is locked" in printed and "TIP: try again later" in printed


@pytest.mark.parametrize("error", [PluginError("no such check"), SubmissionError("not a hand-in"),
                                   DataError("no dataset"), GraderError("something else")])
def test_grade_review_returns_the_exit_code_the_error_carries(monkeypatch, capsys, tmp_path: Path,
                                                              error: GraderError) -> None:
    import grader.rubric
    from grader.review import cli as review_cli

    def refuse(path: object) -> None:
        raise error

    monkeypatch.setattr(grader.rubric, "load_rubric", refuse)
    code = review_cli.main([str(tmp_path), "--rubric", str(tmp_path / "r.toml"), "--export"],
                           console=Console(width=200))
    assert code == error.exit_code and f"ERROR: {error}" in capsys.readouterr().err


def test_one_module_imports_tomllib_by_python_version() -> None:
    switching = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                       if "import tomli as tomllib" in p.read_text(encoding="utf-8"))
    assert switching == ["compat.py"]
