"""The grading core (grader/) knows no homework: no dataset name, network class name or item id of one."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "grader"

EXEMPT_DIRS: tuple[str, ...] = ()  # none: every module of the core is scanned
EXEMPT_FILES: tuple[str, ...] = ()



def homework_item_ids() -> list[str]:
    """Every item id of every homework under reference/ (``p1.b.i``, ``code.accuracy``, ...)."""
    ids = []
    for rubric in sorted((ROOT / "reference").glob("*/rubric.toml")):
        ids += [item["id"] for item in tomllib.loads(rubric.read_text(encoding="utf-8"))["item"]]
    return ids


ITEM_IDS = homework_item_ids()
# an id on its own, not the tail of an attribute chain such as ``rubric.code.build``
ITEM_ID = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, ITEM_IDS)) + r")(?![\w.])")
FORBIDDEN = {
    "the dataset's name": re.compile(r"mnist", re.IGNORECASE),
    "the network class's name": re.compile(r"\bNet\b"),
    "an item id of the homework": ITEM_ID,
}


def test_the_homework_has_item_ids() -> None:
    assert {"p1.b.i", "p2.c", "code.accuracy"} <= set(ITEM_IDS)


def core_modules() -> list[Path]:
    out = []
    for path in sorted(CORE.rglob("*.py")):
        rel = path.relative_to(CORE).as_posix()
        if rel.split("/")[0] in EXEMPT_DIRS or rel in EXEMPT_FILES:
            continue
        out.append(path)
    return out


def test_the_scan_sees_the_core() -> None:
    names = {p.relative_to(CORE).as_posix() for p in core_modules()}
    assert {"cli.py", "rubric.py", "bench.py", "errors.py", "sandbox/child.py"} <= names


@pytest.mark.parametrize("pattern", FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_patterns_catch_what_they_are_for(pattern: re.Pattern[str]) -> None:
    samples = ["the MNIST digits", "class Net(nn.Module)", "item p1.b.i", "item p2.c", "code.accuracy"]
    assert any(pattern.search(s) for s in samples)
    assert not pattern.search("the network class reads the dataset; an item id like part.one; rubric.code.build")


def test_no_core_module_names_the_homework() -> None:
    found = []
    for path in core_modules():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for what, pattern in FORBIDDEN.items():
                if (match := pattern.search(line)):
                    found.append(f"{path.relative_to(CORE)}:{number}: {what} ({match.group(0)!r})")
    assert not found, "\n".join(found)
