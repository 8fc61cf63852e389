"""An answer sheet saved as JSON or YAML (``{"1b_i": "…", "1f_grad": {"dL/dw1": "…"}}``, ``problem1: {b_i: …}``),
as lines of keys and answers.

Parsed with the standard ``json`` module or PyYAML's ``safe_load`` (nothing in it is evaluated; a YAML sheet
with anchors or aliases, which can multiply a small file into a huge one, is read as text). Each answer becomes a
line ``key: answer`` as a terse sheet writes it: a nested object's keys join its parent's until the key names a
part (``problem1`` → ``problem1_b_i``), a part's own object is written with its keys indented under it, a list's
items on one line; a YAML sheet's comments (its notation, its remarks) come first, as lines of text. Text that
is not an object is returned as it is (it is read as text, or holds no answer).
"""
from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 6  # an answer sheet nests a part's answers under it, no deeper
MAX_LINES = 2000
# a key that names a part by itself: "1f_grad", "problem2_a", "q1.e", "p2c"
_PART_KEY = re.compile(r"(?i)(?:p|q|prob|problem|ex|task|aufgabe)?[._-]?[1-9][._-]?\(?[a-h]\)?(?:[._-]\w+)?")
_ANCHOR = re.compile(r"(?m)(?:^|[\s:\[{,-])[&*][\w-]")  # a YAML anchor or alias


def json_lines(text: str) -> str:
    """The JSON object's keys and answers as ``key: answer`` lines, in the sheet's order."""
    try:  # (a key written twice keeps both answers: both are read, as a TA sees both)
        data = json.loads(text, object_pairs_hook=_Pairs)
    except (ValueError, RecursionError):
        return text
    return _as_lines(data) if isinstance(data, dict) else text


class _Pairs(dict[str, Any]):
    """A JSON object with its keys in order, a key written twice kept twice (``json`` keeps the last one)."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.pairs = pairs

    def items(self) -> Any:
        return iter(self.pairs)


def yaml_lines(text: str) -> str:
    """The YAML mapping's keys and answers as ``key: answer`` lines; text that is no mapping stays as it is."""
    import yaml

    if _ANCHOR.search(text):
        return text
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError, ValueError):
        return text
    if not isinstance(data, dict):
        return text
    said = [m.group(1) for m in _COMMENT.finditer(text)]  # the sheet's comments: its notation, its remarks
    return "\n".join(said[:200]) + ("\n\n" if said else "") + _as_lines(data)


_COMMENT = re.compile(r"(?m)^[ \t]*#[ \t]?(.{1,500})$")


def _as_lines(data: dict[Any, Any]) -> str:
    out: list[str] = []
    _entries(data, "", 0, 0, out)
    return "\n".join(out[:MAX_LINES]) + "\n"


def _entries(node: dict[Any, Any], prefix: str, depth: int, level: int, out: list[str]) -> None:
    """``depth``: the indent (a part's answers under its key); ``level``: how deep in the sheet (bounded)."""
    indent = "  " * depth
    for raw, value in node.items():
        if len(out) >= MAX_LINES:
            return
        key = f"{prefix}{raw}"
        if isinstance(value, dict) and level < MAX_DEPTH:
            if depth > 0 or _PART_KEY.fullmatch(key):
                out.append(f"{indent}{key}:")  # "1f_grad": {"dL/dw1": …}: the part's answers under its key
                _entries(value, "", depth + 1, level + 1, out)
            else:  # "problem1": {"b_i": …}: the part is named by the keys together, problem1_b_i
                _entries(value, f"{key}_", depth, level + 1, out)
        else:
            out.append(f"{indent}{key}: {_shown(value)}")


def _shown(value: Any) -> str:
    """A leaf as text: a string as written (its own line breaks kept as breaks), a list's items joined by ``; ``."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, list):
        return "; ".join(_shown(v) for v in value[:50] if not isinstance(v, (dict, list)))
    return "" if value is None or isinstance(value, (dict, list)) else json.dumps(value, default=str)
