"""Load and validate a rubric before any hand-in is touched.

A rubric is a TOML file: a ``[homework]`` table (which reference module, how to
find the student's code) and one ``[[item]]`` table per graded item (``id``,
``title``, ``points``, ``check`` and the check's ``[item.params]``). Every problem is
a :class:`RubricError` naming the file and line: an unknown check, a duplicate id,
a bad parameter.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from grader.checks.base import Check, RequestError, Requests, merge_requests
from grader.compat import tomllib
from grader.errors import RubricError
from grader.homework import CodeSettings, Reference, load_reference
from grader.params import ParamError, build_params
from grader.plugins import Registry, discover
from grader.reading.extract import TextSpec
from grader.reading.labels import ROMAN
from grader.samples import Sample, SampleResult, validate_sample

ID_PATTERN = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
ITEM_KEYS = {"id", "title", "points", "check", "params", "text", "samples"}


P = TypeVar("P")


@dataclass(frozen=True)
class RubricItem(Generic[P]):
    """One graded item; ``params`` is its check's ``Params``, built and validated when the rubric loads."""

    id: str
    title: str
    points: float
    check: str
    params: P
    line: int | None
    text: TextSpec | None = None  # where the answer is in a written report
    samples: tuple[Sample, ...] = ()  # answers with their expected verdict (grade --selftest grades them)


@dataclass(frozen=True)
class Rubric:
    path: Path
    name: str
    items: list[RubricItem]
    code: CodeSettings
    reference: Reference
    registry: Registry
    digest: str
    text_claims: dict[str, list[str]] = field(default_factory=dict)  # answer path -> label patterns

    @property
    def max_score(self) -> float:
        return sum(i.points for i in self.items)

    def item(self, item_id: str) -> RubricItem:
        return next(i for i in self.items if i.id == item_id)

    def plugin(self, item: RubricItem) -> Check:
        return self.registry.get(item.check)()  # type: ignore[misc]

    def requests(self) -> Requests:
        """What the child must do for every item, merged: one run serves the whole rubric."""
        return merge_requests((i.id, self.plugin(i).requests(i.params)) for i in self.items)


def load_rubric(path: str | Path, registry: Registry | None = None, samples: bool = False) -> Rubric:
    """Parse and validate ``path``; raises RubricError (with a line number) on any problem.

    Sample answers (``[[item.samples]]``) are always validated here; ``samples=True`` also
    grades them (about 0.1 s per expression sample, so ``grade --selftest`` and the tests
    do it, not every load).
    """
    path = Path(path)
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError(where, None, f"cannot read rubric: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        raise RubricError(where, int(found.group(1)) if found else None, f"not valid TOML: {exc}") from None
    registry = registry or discover()
    homework = data.get("homework")
    if not isinstance(homework, dict) or not isinstance(homework.get("reference"), str):
        raise RubricError(where, _line_of(text, r"^\s*\[homework\]"), "needs [homework] with reference = \"module\"")
    reference = load_reference(homework["reference"], where)
    try:
        code = build_params(CodeSettings, homework.get("code", {}), "homework.code")
        code = CodeSettings(**{**code.__dict__, "input_shape": tuple(code.input_shape)})
        if "code" in homework and not (code.class_name and code.input_shape and code.dataset):
            raise ParamError("homework.code needs class_name, input_shape and dataset")
    except ParamError as exc:
        raise RubricError(where, _line_of(text, r"^\s*\[homework\.code\]"), str(exc)) from None
    raw_items = data.get("item")
    if not isinstance(raw_items, list) or not raw_items:
        raise RubricError(where, None, "no [[item]] tables: a rubric needs at least one graded item")
    lines = _item_lines(text, len(raw_items))
    items: list[RubricItem] = []
    seen: dict[str, int | None] = {}
    for raw, line in zip(raw_items, lines, strict=True):
        item = _build_item(raw, line, where, registry, reference)
        item = replace(item, samples=_samples(raw, line, text, where, item))
        if item.id in seen:
            raise RubricError(where, line, f"duplicate item id {item.id!r} (first at line {seen[item.id]})")
        seen[item.id] = line
        items.append(item)
    items = _answers_per_label(items)
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    try:
        claims = build_params(_TextClaims, homework.get("text", {}), "homework.text").claims
    except ParamError as exc:
        raise RubricError(where, _line_of(text, r"^\s*\[homework\.text\]"), str(exc)) from None
    rubric = Rubric(path, str(homework.get("name", path.stem)), items, code, reference, registry, digest, claims)
    try:
        rubric.requests()
    except RequestError as exc:
        raise RubricError(where, seen.get(exc.item), str(exc)) from None
    if samples:
        check_rubric_samples(rubric)
    return rubric


def check_rubric_samples(rubric: Rubric) -> list[SampleResult]:
    """Grade every sample answer; the first whose verdict differs from the expected one is a RubricError
    at its line. Returns the results (all passed)."""
    results = sample_results(rubric)
    failed = [r for r in results if r.problem]
    if failed:
        more = f" (and {len(failed) - 1} more failing samples)" if len(failed) > 1 else ""
        raise RubricError(str(rubric.path), failed[0].sample.line, failed[0].describe() + more)
    return results


def sample_results(rubric: Rubric) -> list[SampleResult]:
    from grader.samples import grade_sample

    return [grade_sample(rubric, item, sample) for item in rubric.items for sample in item.samples]


def _samples(raw: dict, line: int | None, text: str, where: str, item: RubricItem) -> tuple[Sample, ...]:
    """The item's ``[[item.samples]]``, validated, each with its line in the file."""
    found = raw.get("samples", [])
    if not isinstance(found, list) or not all(isinstance(s, dict) for s in found):
        raise RubricError(where, line, f"item {item.id}: samples must be [[item.samples]] tables")
    if found and item.text is None:
        raise RubricError(where, line, f"item {item.id}: samples need the item's text spec (where its answer is)")
    lines = _sample_lines(text, line, len(found))
    out = []
    for i, (s, at) in enumerate(zip(found, lines, strict=True)):
        problem = validate_sample(s, f"item {item.id}: samples[{i}]")
        if problem:
            raise RubricError(where, at, problem)
        credit = None if s.get("credit") is None else float(s["credit"])
        out.append(Sample(s["answer"], s["expect"], s.get("feedback", ""), credit, at))
    return tuple(out)


def _sample_lines(text: str, item_line: int | None, count: int) -> list[int | None]:
    """The line of each ``[[item.samples]]`` header of the item that starts at ``item_line``."""
    if item_line is None:
        return [None] * count
    found: list[int | None] = []
    for i, line in enumerate(text.splitlines()[item_line:], start=item_line + 1):
        if re.match(r"^\s*\[\[\s*item\s*\]\]", line):
            break
        if re.match(r"^\s*\[\[\s*item\.samples\s*\]\]", line):
            found.append(i)
    return found if len(found) == count else [item_line] * count


@dataclass(frozen=True)
class _TextClaims:
    claims: dict[str, list[str]] = field(default_factory=dict)


def _build_item(raw: Any, line: int | None, where: str, registry: Registry, reference: Reference) -> RubricItem:
    if not isinstance(raw, dict):
        raise RubricError(where, line, "an [[item]] must be a table")
    unknown = sorted(set(raw) - ITEM_KEYS)
    if unknown:
        raise RubricError(where, line, f"unknown key {unknown[0]!r} in item (allowed: {', '.join(sorted(ITEM_KEYS))})")
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not ID_PATTERN.match(item_id):
        raise RubricError(where, line, f"item id must look like 'part1.a' (dotted words), found {item_id!r}")
    points = raw.get("points")
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points < 0:
        raise RubricError(where, line, f"item {item_id}: points must be a number >= 0, found {points!r}")
    name = raw.get("check")
    cls = registry.get(name) if isinstance(name, str) else None
    if cls is None or not isinstance(name, str):
        installed = ", ".join(registry.names())
        raise RubricError(where, line, f"item {item_id}: unknown check {name!r} (installed: {installed})")
    try:
        params = build_params(cls.Params, raw.get("params", {}), "params")
        cls().validate(params, reference)
    except ParamError as exc:
        raise RubricError(where, line, f"item {item_id} ({name}): {exc}") from None
    try:
        spec = None if "text" not in raw else build_params(TextSpec, raw["text"], "text")
    except ParamError as exc:
        raise RubricError(where, line, f"item {item_id}: {exc}") from None
    return RubricItem(item_id, str(raw.get("title", item_id)), float(points), name, params, line, spec)


def _answers_per_label(items: list[RubricItem]) -> list[RubricItem]:
    """Each written item told how many answers its part's label holds: the items reading that part, with a
    part's sub-parts (1.b.i, 1.b.ii) counted under the part (1.b), as a terse hand-in answers them in one line."""
    def label(part: str) -> str:
        head, _, last = part.rpartition(".")
        return head if head and last in ROMAN else part

    own = Counter(i.text.part for i in items if i.text is not None)
    under = Counter(label(i.text.part) for i in items if i.text is not None)
    return [replace(i, text=replace(i.text, answers=own[i.text.part], answers_in_parent=under[label(i.text.part)]))
            if i.text is not None else i for i in items]


def _item_lines(text: str, count: int) -> list[int | None]:
    """The line of each ``[[item]]`` header, so errors can point at it."""
    found: list[int | None] = [i + 1 for i, line in enumerate(text.splitlines())
                               if re.match(r"^\s*\[\[\s*item\s*\]\]", line)]
    return found if len(found) == count else [None] * count


def _line_of(text: str, pattern: str) -> int | None:
    for i, line in enumerate(text.splitlines()):
        if re.match(pattern, line):
            return i + 1
    return None
