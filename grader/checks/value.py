"""Sizes, counts and per-layer tables against the reference, with targeted feedback."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from grader.checks.base import Check, CheckContext, Outcome
from grader.homework import Reference
from grader.params import ParamError
from grader.rubric import RubricItem
from grader.values import (
    ValueSyntaxError,
    dims_text,
    off_by_one,
    parse_numbers,
    same_dims,
)


@dataclass(frozen=True)
class ValueMistake:
    value: str
    feedback: str
    field: str | None = None  # None: any field
    credit: float = 0.0


@dataclass(frozen=True)
class ValueParams:
    fields: dict[str, str]
    aliases: dict[str, list[str]] = field(default_factory=dict)  # other accepted values per field
    ignore_unit_dims: bool = True
    any_order: bool = True
    mistakes: list[ValueMistake] = field(default_factory=list)
    off_by_one_hint: str = ""  # added to the feedback when every dimension is within one of the answer


class ValueCheck(Check):
    name = "value"
    Params = ValueParams
    reads = "values"

    def validate(self, params: ValueParams, reference: Reference) -> None:
        if not params.fields:
            raise ParamError("params.fields must name at least one expected value")
        for name, text in [*params.fields.items(), *((m.field or "*", m.value) for m in params.mistakes)]:
            try:
                parse_numbers(text)
            except ValueSyntaxError as exc:
                raise ParamError(f"params.fields.{name}: {exc}") from None
        for name in params.aliases:
            if name not in params.fields:
                raise ParamError(f"params.aliases.{name}: no such field")

    def grade(self, item: RubricItem, ctx: CheckContext) -> Outcome:
        p: ValueParams = item.params
        raw = ctx.submission.answer(item.id)
        if raw is None:
            return Outcome.no_answer()
        if not isinstance(raw, dict):
            if len(p.fields) != 1:
                return Outcome.failed(f"expected a table with the fields {', '.join(p.fields)}", answer=str(raw)[:200])
            raw = {next(iter(p.fields)): raw}
        earned, notes, read = 0.0, [], {}
        for name, expected in p.fields.items():
            credit, note, shown = self._field(name, expected, raw.get(name), p)
            earned += credit
            read[name] = shown
            if note:
                notes.append(f"{name}: {note}")
        fraction = earned / len(p.fields)
        return Outcome.graded(fraction, "; ".join(notes) or "all values correct", read=read)

    def _field(self, name: str, expected: str, raw: Any, p: ValueParams) -> tuple[float, str, str]:
        if raw is None:
            return 0.0, "missing", ""
        try:
            got = parse_numbers(raw)
        except ValueSyntaxError as exc:
            return 0.0, f"cannot read {str(raw)[:60]!r}: {exc}", str(raw)[:60]
        shown = dims_text(got)
        accepted = [expected, *p.aliases.get(name, [])]
        if any(self._same(got, parse_numbers(a), p) for a in accepted):
            return 1.0, "", shown
        for m in p.mistakes:
            if m.field in (None, name) and self._same(got, parse_numbers(m.value), p):
                return m.credit, m.feedback, shown
        want = parse_numbers(expected)
        if off_by_one(got, want):
            hint = f" ({p.off_by_one_hint})" if p.off_by_one_hint else ""
            return 0.0, f"{shown} is off by one: expected {dims_text(want)}{hint}", shown
        return 0.0, f"{shown}, expected {dims_text(want)}", shown

    @staticmethod
    def _same(a: tuple[float, ...], b: tuple[float, ...], p: ValueParams) -> bool:
        return same_dims(a, b, ignore_unit_dims=p.ignore_unit_dims, any_order=p.any_order)
