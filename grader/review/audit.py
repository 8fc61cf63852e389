"""``overrides.toml`` written by the review app, in the format ``grader.overrides`` reads.

Each item keeps ``points`` and ``reason`` (what ``apply_overrides`` uses) plus ``who`` and
``when``; a later save moves the earlier one into the item's ``history`` (an array of
tables), so no person's points are ever silently lost. A hand-written file stays valid.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from grader.compat import tomllib
from grader.fileio import atomic_write

FIELDS = ("points", "reason", "who", "when")


class OverridesFileError(ValueError):
    """An ``overrides.toml`` that cannot be read: the app refuses to overwrite it."""


def read_overrides(path: Path) -> dict[str, dict[str, Any]]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise OverridesFileError(f"{path.name} cannot be read ({exc}); fix it by hand first") from None
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def version(entry: dict[str, Any] | None) -> str:
    """What a page saw of an item's override: a save based on another version is a conflict."""
    if not entry:
        return ""
    return json.dumps([entry.get(k) for k in FIELDS] + [len(entry.get("history") or [])], ensure_ascii=True)


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def record(path: Path, item_id: str, points: float, reason: str, who: str, when: str | None = None) -> dict[str, Any]:
    """Set ``item_id``'s points; the earlier entry goes into its history. Returns the new entry."""
    data = read_overrides(path)
    earlier = data.get(item_id)
    history: list[dict[str, Any]] = []
    if earlier:
        history = [h for h in earlier.get("history") or [] if isinstance(h, dict)]
        history.append({k: earlier[k] for k in FIELDS if k in earlier})
    entry: dict[str, Any] = {"points": _number(points), "reason": reason, "who": who, "when": when or now()}
    if history:
        entry["history"] = history
    data[item_id] = entry
    atomic_write(path, dump(data))
    return entry


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def dump(data: dict[str, dict[str, Any]]) -> str:
    """TOML for our one shape: tables of scalars, each with an optional array of tables ``history``."""
    out = ["# Points set by a person (grade review, or by hand). Earlier points stay in `history`.", ""]
    for item_id, entry in data.items():
        out.append(f"[{_string(item_id)}]")
        out += [f"{_key(k)} = {_value(v)}" for k, v in entry.items() if k != "history"]
        for old in entry.get("history") or []:
            out += ["", f"[[{_string(item_id)}.history]]"]
            out += [f"{_key(k)} = {_value(v)}" for k, v in old.items()]
        out.append("")
    return "\n".join(out)


def _key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() and key.isascii() else _string(key)


def _string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, plus DEL, which TOML wants escaped."""
    return json.dumps(str(text), ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, datetime):
        return value.isoformat()
    return _string(str(value))
