"""The one check interface.

A check is a class with a ``name``, a ``Params`` dataclass (its rubric parameters,
validated when the rubric is loaded), optionally ``requests`` (what the sandboxed
child must measure for it) and ``validate`` (parameters against the reference), and
``grade(item, ctx) -> Outcome``. It returns a fraction of the item's points, never
points, so the rubric alone decides what an item is worth.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from grader.results import Status

if TYPE_CHECKING:
    from grader.homework import CodeSettings, Reference
    from grader.rubric import RubricItem
    from grader.submission import Submission


@dataclass(frozen=True)
class NoParams:
    """For checks that take no parameters."""


@dataclass(frozen=True)
class Outcome:
    """What a check decided: the share of the item's points, a status, and why."""

    fraction: float
    status: Status
    feedback: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    missing: bool = False  # no answer was found (a report that hides it goes to a person)

    @classmethod
    def no_answer(cls) -> Outcome:
        return cls(0.0, "fail", "no answer found", {}, missing=True)

    @classmethod
    def passed(cls, feedback: str = "", **details: Any) -> Outcome:
        return cls(1.0, "pass", feedback, details)

    @classmethod
    def failed(cls, feedback: str, **details: Any) -> Outcome:
        return cls(0.0, "fail", feedback, details)

    @classmethod
    def error(cls, feedback: str, **details: Any) -> Outcome:
        return cls(0.0, "error", feedback, details)

    @classmethod
    def graded(cls, fraction: float, feedback: str, **details: Any) -> Outcome:
        """pass / partial / fail from the fraction earned."""
        status: Status = "pass" if fraction >= 1.0 else ("partial" if fraction > 0 else "fail")
        return cls(max(0.0, min(1.0, fraction)), status, feedback, details)


@dataclass
class CheckContext:
    """Everything a check may look at. Measurements come from the child; the check judges them."""

    submission: Submission
    reference: Reference
    code: CodeSettings
    measurements: Mapping[str, Any]
    seed: int


class Check:
    """Base class of check plugins (subclassing is optional; the registry checks the shape)."""

    name: ClassVar[str] = ""
    Params: ClassVar[type] = NoParams
    reads: ClassVar[str] = "prose"  # how a report is read for it: "expression", "values" or "prose"

    def requests(self, params: Any) -> dict[str, Any]:
        """What the sandboxed child must measure: {"probe": {...}} and/or {"train": {...}}."""
        return {}

    def retry_seed(self, params: Any, measurements: Mapping[str, Any], seed: int) -> int | None:
        """The seed of a second run of the child this check asks for, after seeing the first (None: none)."""
        return None

    def validate(self, params: Any, reference: Reference) -> None:
        """Raise ``ParamError`` when the parameters do not fit the reference."""

    def grade(self, item: RubricItem, ctx: CheckContext) -> Outcome:  # pragma: no cover - interface
        raise NotImplementedError
