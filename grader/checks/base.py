"""The one check interface.

A check is a class, named only by its ``grader.checks`` entry point, with a ``Params`` dataclass
(its rubric parameters, validated when the rubric is loaded), optionally ``requests`` (a :class:`Requests`: what
the sandboxed child must do for it), ``validate`` (parameters against the reference) and
``reader`` (how a written report is read for it: ``grader.checks.readers``), and
``grade(item, ctx) -> Outcome``. It returns a fraction of the item's points, never
points, so the rubric alone decides what an item is worth.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from grader.params import ParamError
from grader.results import Status
from grader.sandbox.protocol import JSON, STAGE_WORDS, ChildError, ChildRun, Probe, Retry, Training

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
    details: dict[str, JSON] = field(default_factory=dict)  # shown in reports, stored as JSON
    missing: bool = False  # no answer was found (a report that hides it goes to a person)

    @classmethod
    def no_answer(cls) -> Outcome:
        return cls(0.0, "fail", "no answer found", {}, missing=True)

    @classmethod
    def passed(cls, feedback: str = "", **details: JSON) -> Outcome:
        return cls(1.0, "pass", feedback, details)

    @classmethod
    def failed(cls, feedback: str, **details: JSON) -> Outcome:
        return cls(0.0, "fail", feedback, details)

    @classmethod
    def error(cls, feedback: str, **details: JSON) -> Outcome:
        return cls(0.0, "error", feedback, details)

    @classmethod
    def graded(cls, fraction: float, feedback: str, **details: JSON) -> Outcome:
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


@dataclass(frozen=True)
class Measured:
    """What the checks may look at of the hand-in's code: the child run the parent accepted (every field parsed
    and bounded by ``protocol``), or why the code was not run, and any second training a check asked for."""

    run: ChildRun | None = None
    skipped: str | None = None  # why there is no run (no code file in the hand-in)
    retries: tuple[Retry, ...] = ()

    @property
    def probe(self) -> Probe | None:
        return None if self.run is None else self.run.probe

    @property
    def accuracy(self) -> float | None:
        return None if self.run is None else self.run.accuracy

    @property
    def training(self) -> Training | None:
        return None if self.run is None else self.run.training

    @property
    def error(self) -> ChildError | None:
        return None if self.run is None else self.run.error


def child_failure(measured: Measured) -> str | None:
    """Why the child did not measure the network, as a sentence; None when it did."""
    if measured.probe is not None:
        return None
    if measured.error is not None:
        return describe_error(measured.error)
    return measured.skipped or "the code was not run"


def describe_error(err: ChildError) -> str:
    """The child's error event as one sentence: where it failed and why."""
    where = STAGE_WORDS.get(err.stage, err.stage or "running the code")
    return f"failed while {where}: {err.error}"


@dataclass
class CheckContext:
    """Everything a check may look at. Measurements come from the child; the check judges them."""

    submission: Submission
    reference: Reference
    code: CodeSettings
    measurements: Measured
    seed: int


P = TypeVar("P")


class Check(Generic[P]):
    """Base class of check plugins (subclassing is optional; the registry checks the shape).

    A check has no name of its own: a rubric names it by its entry point in ``grader.checks``
    (the registry key), the one place a check's name is written."""

    Params: ClassVar[type] = NoParams
    held_by_flags: ClassVar[bool] = True  # integrity flags of the code hold its points for a person

    def requests(self, params: P) -> Requests:
        """What the sandboxed child must do for this check (default: nothing; the code is not run)."""
        return Requests()

    def reader(self, params: P) -> AnswerReader:
        """How a written report is read for this check (default: the part's text, as written)."""
        from grader.checks.readers import ProseReader  # the reading pipeline loads only when a report is read

        return ProseReader()

    def retry_seed(self, params: P, measurements: Measured, seed: int) -> int | None:
        """The seed of a second run of the child this check asks for, after seeing the first (None: none)."""
        return None

    def validate(self, params: P, reference: Reference) -> None:
        """Raise ``ParamError`` when the parameters do not fit the reference."""

    def grade(self, item: RubricItem[P], ctx: CheckContext) -> Outcome:  # pragma: no cover - interface
        raise NotImplementedError
