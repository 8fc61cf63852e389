"""The tests use the grader through its public names, and share material through tests/helpers.py, not
through each other's modules: a private function can change without a test to rewrite."""
from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imports(path: Path) -> list[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.module, alias.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
            for alias in node.names]


def test_no_test_imports_a_private_name_or_another_test_module() -> None:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for module, name in imports(path):
            private = module.startswith(("grader", "reference")) and name.startswith("_")
            if private or module.startswith("tests.test_"):
                found.append(f"{path.relative_to(TESTS)}: from {module} import {name}")
    assert found == []


def test_the_check_is_not_blind() -> None:
    sample = TESTS / "helpers.py"
    assert ("grader.pipeline", "run_check") in imports(sample)
