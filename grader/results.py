"""The one result model. Every renderer (console, JSON, Markdown, HTML, the class's files) reads it;
none computes a score."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["pass", "partial", "fail", "error", "manual", "review"]
STATUSES: tuple[Status, ...] = ("pass", "partial", "fail", "error", "manual", "review")


@dataclass
class CheckResult:
    """The outcome of one rubric item.

    ``details`` carries what a reader needs to see why (the text read, the
    expression understood, measured values); it is rendered, never re-scored.
    """

    id: str
    title: str
    score: float
    max_score: float
    status: Status
    feedback: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        self.score = round(min(max(self.score, 0.0), self.max_score), 4)


@dataclass
class Adjustment:
    """Points added to or taken from the total outside the rubric's items (a late penalty).

    Kept apart from the checks so a regrade recomputes it from its reason, never on top of
    an already reduced score; ``points`` is negative for a penalty.
    """

    id: str
    title: str
    points: float
    reason: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class SubmissionResult:
    """Everything known about one graded hand-in."""

    submission: str
    checks: list[CheckResult]
    grader_version: str
    seed: int
    device: str
    rubric: str
    measurements: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)
    resume_key: str | None = None  # a batch's hash of the hand-in and settings: a re-run reuses a current report

    @property
    def items_score(self) -> float:
        """The rubric items' points, before any adjustment."""
        return round(sum(c.score for c in self.checks), 4)

    @property
    def score(self) -> float:
        """The total: the items' points plus every adjustment, never below 0 nor above the maximum."""
        return round(min(max(self.items_score + sum(a.points for a in self.adjustments), 0.0), self.max_score), 4)

    @property
    def max_score(self) -> float:
        return round(sum(c.max_score for c in self.checks), 4)

    def check(self, item_id: str) -> CheckResult:
        for c in self.checks:
            if c.id == item_id:
                return c
        raise KeyError(item_id)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SubmissionResult:
        """The inverse of ``to_dict`` (for reports stored by an earlier run)."""
        checks = [CheckResult(**{k: c[k] for k in ("id", "title", "score", "max_score", "status", "feedback",
                                                   "details")}) for c in data["checks"]]
        adjustments = [Adjustment(**{k: a[k] for k in ("id", "title", "points", "reason", "details")})
                       for a in data.get("adjustments", [])]
        return cls(data["submission"], checks, data["grader_version"], data["seed"], data["device"], data["rubric"],
                   data.get("measurements", {}), data.get("timings", {}), data.get("notes", []), adjustments,
                   data.get("resume_key"))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``report.json``); stable keys that gradebooks rely on."""
        return {
            "submission": self.submission,
            "score": self.score,
            "max_score": self.max_score,
            "checks": [asdict(c) for c in self.checks],
            "adjustments": [asdict(a) for a in self.adjustments],
            "grader_version": self.grader_version,
            "seed": self.seed,
            "device": self.device,
            "rubric": self.rubric,
            "accuracy": self.measurements.get("accuracy"),
            "param_count": self.measurements.get("param_count"),
            "measurements": self.measurements,
            "timings": self.timings,
            "notes": self.notes,
            **({"resume_key": self.resume_key} if self.resume_key is not None else {}),
        }


@dataclass
class HandinResult:
    """One hand-in of a class: its result, or why it could not be graded at all.

    ``code`` and ``answers`` are the hand-in's normalised code and answers, compared (never
    shown) to flag near-identical hand-ins; empty when there is nothing to compare.
    """

    id: str
    result: SubmissionResult | None = None
    error: str | None = None
    reused: bool = False  # the stored report was current and is used as it is
    code: str = ""
    answers: str = ""
