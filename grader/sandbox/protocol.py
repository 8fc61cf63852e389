"""The child boundary in one place: the request, the stages, the events and what they measure.

Everything the sandboxed child sends is a claim made by code that shares an interpreter with
the student's. So every event is parsed here, by type and by size, before the parent uses
it: a line that is not JSON, nests too deep, carries a string where a number belongs or a
list longer than any honest run produces becomes a ``ProtocolError``, which the runner turns
into that hand-in's error (never the grader's crash).
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal, Protocol, TypeVar

Stage = Literal["import", "find", "build", "forward", "train", "evaluate"]
STAGES: tuple[Stage, ...] = ("import", "find", "build", "forward", "train", "evaluate")
STAGE_WORDS: dict[str, str] = {
    "import": "importing the code",
    "find": "looking for the network class",
    "build": "building the network",
    "forward": "running forward on a batch",
    "train": "training",
    "evaluate": "evaluating on the test images",
}
ERROR_CHARS = 300  # a child's error text in a report: enough to act on, too little to smuggle much out
MAX_LIST = 100_000  # far above any honest list (10,000 predictions, a few thousand loss points)
INIT_SAMPLE = 1_000  # test images predicted before training (accuracy at initialisation)


@dataclass(frozen=True)
class Recipe:
    """How the grader trains every student's network (the rubric may override fields); sent to the child whole."""

    epochs: int = 2
    batch_size: int = 128
    max_lr: float = 6e-3
    weight_decay: float = 0.0
    label_smoothing: float = 0.1
    pct_start: float = 0.3
    eval_batch_size: int = 1000
    train_limit: int | None = None  # train on the first N images only (tests, smoke runs)
    channels_last: bool = True


# what an event carries: JSON values only (the child writes them, the parent parses them back by type)
JSON = None | bool | int | float | str | Sequence["JSON"] | Mapping[str, "JSON"]


class Send(Protocol):
    """The child's end of the channel: one event of ``kind`` with its fields, written as one signed line."""

    def __call__(self, kind: str, /, **payload: JSON) -> None: ...


class ProtocolError(ValueError):
    """An event the parent cannot accept: malformed, too large, out of order or not from the grader."""


@dataclass(frozen=True)
class Request:
    """What the runner asks of one child run (written as JSON; read by the child before any student code)."""

    code_path: str
    class_name: str
    input_shape: tuple[int, ...]
    seed: int
    device: str
    threads: int
    mean: float
    std: float
    fd: int
    train: Recipe | None = None
    data_file: str | None = None
    plan_file: str | None = None
    weights_cache: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Request:
        raw = json.loads(text)
        raw["input_shape"] = tuple(raw["input_shape"])
        raw["train"] = None if raw.get("train") is None else Recipe(**raw["train"])
        return cls(**raw)


# ---- measurements -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Parameter:
    name: str
    shape: list[int]
    numel: int


@dataclass(frozen=True)
class Activation:
    kind: str
    op: str
    module: str | None
    shape: list[int]


@dataclass(frozen=True)
class Probe:
    parameters: list[Parameter]
    activations: list[Activation]
    param_count: int
    output_shape: list[int]
    output_finite: bool


@dataclass(frozen=True)
class Training:
    epoch_losses: list[float]
    loss_curve: list[float]
    steps: int
    train_s: float
    channels_last: bool
    train_images: int
    from_cache: bool = False


@dataclass(frozen=True)
class StageEvent:
    stage: Stage


@dataclass(frozen=True)
class Imported:
    skipped_lines: list[int]


@dataclass(frozen=True)
class Fingerprint:
    key: str | None
    why: str


@dataclass(frozen=True)
class Progress:
    step: int
    total: int
    epoch: int
    loss: float


@dataclass(frozen=True)
class Predictions:
    values: list[int]
    eval_s: float


@dataclass(frozen=True)
class InitialPredictions:
    """Predictions of the freshly built network on the first ``INIT_SAMPLE`` shuffled test images."""

    values: list[int]


@dataclass(frozen=True)
class Weights:
    """The network's state (``torch.save`` of its state_dict, base64) after building or training, and the
    state's names in first-use order (what the weights cache stores)."""

    when: Literal["built", "trained"]
    data: str
    order: list[str]


@dataclass(frozen=True)
class ChildError:
    stage: str
    error: str


@dataclass(frozen=True)
class Done:
    pass


Event = (StageEvent | Imported | Probe | Fingerprint | Progress | Predictions | InitialPredictions | Weights
         | Training | ChildError | Done)
EventFn = Callable[[Event], None]  # who watches a run (a progress bar): told of each stage, step and result


# ---- validation ---------------------------------------------------------------------------------------------

T = TypeVar("T")


def _int(v: object, lo: int = 0, hi: int = 2**53) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        raise ProtocolError(f"expected a whole number in [{lo}, {hi}], got {_show(v)}")
    return v


def _float(v: object) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise ProtocolError(f"expected a finite number, got {_show(v)}")
    return float(v)


def _bool(v: object) -> bool:
    if not isinstance(v, bool):
        raise ProtocolError(f"expected true or false, got {_show(v)}")
    return v


def _str(v: object, max_len: int = 200) -> str:
    if not isinstance(v, str):
        raise ProtocolError(f"expected text, got {_show(v)}")
    return v[:max_len]


def _opt_str(v: object, max_len: int = 200) -> str | None:
    return None if v is None else _str(v, max_len)


def _list(v: object, item: Callable[[object], T], max_len: int = MAX_LIST) -> list[T]:
    if not isinstance(v, list) or len(v) > max_len:
        raise ProtocolError(f"expected a list of at most {max_len} items, got {_show(v)}")
    return [item(x) for x in v]


def _dims(v: object) -> list[int]:
    return _list(v, lambda d: _int(d, 0, 2**31), 8)


def _obj(v: object) -> dict[str, object]:
    if not isinstance(v, dict):
        raise ProtocolError(f"expected an object, got {_show(v)}")
    return v


def _show(v: object) -> str:
    return type(v).__name__ if isinstance(v, (list, dict)) else repr(v)[:40]


def _stage(v: object) -> Stage:
    for s in STAGES:
        if v == s:
            return s
    raise ProtocolError(f"unknown stage {_show(v)}")


def parse_probe(e: dict[str, object]) -> Probe:
    """A probe event (the child's measurement of the network) as a ``Probe``, or ``ProtocolError``."""
    params = _list(e.get("parameters"), lambda p: Parameter(
        _str(_obj(p).get("name")), _dims(_obj(p).get("shape")), _int(_obj(p).get("numel"))), 10_000)
    acts = _list(e.get("activations"), lambda a: Activation(
        _str(_obj(a).get("kind"), 20), _str(_obj(a).get("op"), 60), _opt_str(_obj(a).get("module")),
        _dims(_obj(a).get("shape"))), 10_000)
    return Probe(params, acts, _int(e.get("param_count")), _dims(e.get("output_shape")),
                 _bool(e.get("output_finite")))


def _training(e: dict[str, object]) -> Training:
    return Training(_list(e.get("epoch_losses"), _float, 1_000), _list(e.get("loss_curve"), _float),
                    _int(e.get("steps")), _float(e.get("train_s")), _bool(e.get("channels_last")),
                    _int(e.get("train_images")), _bool(e.get("from_cache", False)))


def _key(v: object) -> str | None:
    if v is None:
        return None
    key = _str(v, 40)
    if len(key) != 40 or any(c not in "0123456789abcdef" for c in key):
        raise ProtocolError("a fingerprint is 40 hex digits")
    return key


_PARSERS: dict[str, Callable[[dict[str, object]], Event]] = {
    "stage": lambda e: StageEvent(_stage(e.get("stage"))),
    "imported": lambda e: Imported(_list(e.get("skipped_lines"), _int, 100_000)),
    "probe": parse_probe,
    "fingerprint": lambda e: Fingerprint(_key(e.get("key")), _str(e.get("why", ""), ERROR_CHARS)),
    "progress": lambda e: Progress(_int(e.get("step")), _int(e.get("total")), _int(e.get("epoch")),
                                   _float(e.get("loss"))),
    "init_predictions": lambda e: InitialPredictions(_list(e.get("values"), lambda x: _int(x, 0, 2**31),
                                                           INIT_SAMPLE)),
    "predictions": lambda e: Predictions(_list(e.get("values"), lambda x: _int(x, 0, 2**31)),
                                         _float(e.get("eval_s"))),
    "weights": lambda e: Weights("trained" if e.get("when") == "trained" else "built",
                                 _str(e.get("data"), 2**31), _list(e.get("order"), _str, 10_000)),
    "trained": _training,
    "error": lambda e: ChildError(_str(e.get("stage"), 20), _str(e.get("error"), ERROR_CHARS)),
    "done": lambda e: Done(),
}


def parse_event(line: bytes, nonce: str) -> Event:
    """One line of the child as a typed event, or ``ProtocolError``.

    ``nonce`` is the run's secret, handed to the grader's child code before the student's import:
    a line without it was not written by the grader's channel.
    """
    try:
        raw = json.loads(line)
    except RecursionError:
        raise ProtocolError("an event nested too deep to read") from None
    except ValueError:
        raise ProtocolError("a line that is not JSON") from None
    event = _obj(raw)
    if event.get("k") != nonce:
        raise ForeignLine("a line not written by the grader's channel")
    kind = event.get("type")
    parser = _PARSERS.get(kind) if isinstance(kind, str) else None
    if parser is None:
        raise ProtocolError(f"unknown event {_show(kind)}")
    try:
        return parser(event)
    except ProtocolError as exc:
        raise ProtocolError(f"a malformed {kind!r} event: {exc}") from None


class ForeignLine(ProtocolError):
    """A line on the channel without the run's secret: someone other than the grader's child code wrote it."""


# ---- what a run measured ------------------------------------------------------------------------------------

@dataclass
class ChildRun:
    """Everything the parent accepted from one child run, plus what the parent measured itself."""

    isolation: str
    stage: Stage = "import"
    imported: Imported | None = None
    probe: Probe | None = None
    fingerprint: Fingerprint | None = None
    training: Training | None = None
    eval_s: float | None = None
    error: ChildError | None = None
    done: bool = False
    foreign_lines: int = 0
    # measured by the parent
    accuracy: float | None = None
    init_accuracy: float | None = None
    weights_state: dict[str, tuple[list[int], int]] | None = None  # name -> (shape, numel), read by the parent
    weights_order: list[str] = field(default_factory=list)
    offer_installed: bool | None = None
    child: dict[str, object] = field(default_factory=dict)
    skipped: str | None = None

    def as_mapping(self) -> dict[str, object]:
        """The measurements as the checks read them (``ctx.measurements``)."""
        out: dict[str, object] = {"isolation": self.isolation, "stage": self.stage}
        if self.imported is not None:
            out["import"] = asdict(self.imported)
        if self.probe is not None:
            out["probe"] = asdict(self.probe)
        if self.fingerprint is not None:
            out["fingerprint"] = asdict(self.fingerprint)
        if self.training is not None:
            out["training"] = asdict(self.training)
        if self.error is not None:
            out["error"] = asdict(self.error)
        if self.done:
            out["done"] = True
        for name in ("accuracy", "init_accuracy", "eval_s", "offer_installed", "skipped"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        if self.weights_state is not None:
            out["weights_state"] = {k: {"shape": s, "numel": n} for k, (s, n) in self.weights_state.items()}
        if self.child:
            out["child"] = dict(self.child)
        out["foreign_lines"] = self.foreign_lines
        return out


@dataclass(frozen=True)
class Retry:
    """A second training at another seed, asked for by a check (a result just below its threshold)."""

    seed: int
    accuracy: float | None
    epoch_losses: list[float] | None
    train_s: float | None
    error: str | None


@dataclass(frozen=True)
class PublicMeasurements:
    """What report.json stores of a child run: figures a reader needs, never the raw probe dump."""

    accuracy: float | None = None
    param_count: int | None = None
    output_shape: list[int] | None = None
    epoch_losses: list[float] | None = None
    loss_curve: list[float] | None = None
    channels_last: bool | None = None
    train_images: int | None = None
    weights_from_cache: bool = False
    fingerprint: str | None = None
    init_accuracy: float | None = None
    integrity: list[dict[str, str]] = field(default_factory=list)
    error: dict[str, str] | None = None
    child: dict[str, object] | None = None
    isolation: str | None = None
    skipped: str | None = None
    retries: list[Retry] | None = None  # a second training the accuracy check asked for

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        for name in ("error", "child", "isolation", "skipped", "init_accuracy", "retries"):
            if out[name] is None:
                del out[name]
        if not out["integrity"]:
            del out["integrity"]
        return out
