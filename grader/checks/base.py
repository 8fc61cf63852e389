"""The one check interface.

A check is a class, named only by its ``grader.checks`` entry point, with a ``Params`` dataclass
(its rubric parameters, validated when the rubric is loaded), optionally ``requests`` (a :class:`Requests`: what
the sandboxed child must do for it), ``validate`` (parameters against the reference) and
``reader`` (how a written report is read for it: ``grader.checks.readers``), and
``grade(item, ctx) -> Outcome``. It returns a fraction of the item's points, never
points, so the rubric alone decides what an item is worth.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from grader.params import ParamError
from grader.results import Status
from grader.sandbox.protocol import STAGE_WORDS

if TYPE_CHECKING:
    from grader.checks.readers import AnswerReader
    from grader.homework import CodeSettings, Reference
    from grader.rubric import RubricItem
    from grader.submission import Submission
    from grader.training import Recipe


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


@dataclass(frozen=True)
class Requests:
    """What the sandboxed child must do for one check (or, merged, for a whole rubric: one run serves all).

    ``probe``: run the hand-in's code and measure its network. ``train``: also train it with this
    recipe. ``timeout_s``: the seconds that training may take. ``needs_probe``: ``grade`` only sees a
    hand-in whose network was measured; otherwise the pipeline fails the item with the child's reason,
    so no check repeats that opening.
    """

    probe: bool = False
    train: Recipe | None = None
    timeout_s: float | None = None
    needs_probe: bool = False

    @property
    def runs_child(self) -> bool:
        """Whether the hand-in's code must run at all."""
        return self.probe or self.train is not None


class RequestError(ParamError):
    """What an item asks of the child cannot be served: not a ``Requests``, or a second, different training
    (one child run trains once)."""

    def __init__(self, item: str, message: str) -> None:
        self.item = item
        super().__init__(message)


def merge_requests(requests: Iterable[tuple[str, Requests]]) -> Requests:
    """One child run for every item: probe if any item probes, the one recipe, the longest timeout.

    Two different recipes are an error (naming the later item), never "the first one wins".
    """
    probe, train, trained_by, timeouts = False, None, "", []
    for item_id, r in requests:
        if not isinstance(r, Requests):
            raise RequestError(item_id, f"item {item_id}: its check's requests() returned {type(r).__name__}, "
                               "not a grader.checks.base.Requests")
        probe = probe or r.runs_child
        if r.train is not None and train is not None and r.train != train:
            raise RequestError(item_id, f"item {item_id} asks for another training recipe than item "
                                  f"{trained_by}; the code is trained once per hand-in: give both the same recipe")
        if r.train is not None and train is None:
            train, trained_by = r.train, item_id
        if r.timeout_s is not None:
            timeouts.append(r.timeout_s)
    return Requests(probe=probe, train=train, timeout_s=max(timeouts, default=None))


def child_failure(measurements: Mapping[str, Any]) -> str | None:
    """Why the child did not measure the network, as a sentence; None when it did."""
    if "probe" in measurements:
        return None
    err = measurements.get("error")
    if err:
        return describe_error(err)
    return str(measurements.get("skipped", "the code was not run"))


def describe_error(err: Mapping[str, Any]) -> str:
    """The child's error event as one sentence: where it failed and why."""
    where = STAGE_WORDS.get(err.get("stage", ""), err.get("stage") or "running the code")
    return f"failed while {where}: {err.get('error')}"


@dataclass
class CheckContext:
    """Everything a check may look at. Measurements come from the child; the check judges them."""

    submission: Submission
    reference: Reference
    code: CodeSettings
    measurements: Mapping[str, Any]
    seed: int


class Check:
    """Base class of check plugins (subclassing is optional; the registry checks the shape).

    A check has no name of its own: a rubric names it by its entry point in ``grader.checks``
    (the registry key), the one place a check's name is written."""

    Params: ClassVar[type] = NoParams
    held_by_flags: ClassVar[bool] = True  # integrity flags of the code hold its points for a person

    def requests(self, params: Any) -> Requests:
        """What the sandboxed child must do for this check (default: nothing; the code is not run)."""
        return Requests()

    def reader(self, params: Any) -> AnswerReader:
        """How a written report is read for this check (default: the part's text, as written)."""
        from grader.checks.readers import ProseReader  # the reading pipeline loads only when a report is read

        return ProseReader()

    def retry_seed(self, params: Any, measurements: Mapping[str, Any], seed: int) -> int | None:
        """The seed of a second run of the child this check asks for, after seeing the first (None: none)."""
        return None

    def validate(self, params: Any, reference: Reference) -> None:
        """Raise ``ParamError`` when the parameters do not fit the reference."""

    def grade(self, item: RubricItem, ctx: CheckContext) -> Outcome:  # pragma: no cover - interface
        raise NotImplementedError
