"""Find and validate check plugins. Built-in checks register like third-party ones.

Every check is an entry point in the ``grader.checks`` group (``name = "module:Class"``);
``pyproject.toml`` declares the built-in ones there. A plugin is validated when it is
registered, with an error that says what is wrong with it, not when it first runs.
"""
from __future__ import annotations

import dataclasses
import inspect
from importlib.metadata import entry_points

from grader.checks.base import Check
from grader.errors import PluginError

GROUP = "grader.checks"


def validate_plugin(name: str, cls: object) -> None:
    """A plugin is a class with ``Params`` (a dataclass) and ``grade(self, item, ctx)``."""
    if not inspect.isclass(cls):
        raise PluginError(f"check {name!r}: {cls!r} is not a class")
    params = getattr(cls, "Params", None)
    if params is None or not dataclasses.is_dataclass(params):
        raise PluginError(f"check {name!r}: {cls.__name__}.Params must be a dataclass")
    grade = getattr(cls, "grade", None)
    if not callable(grade):
        raise PluginError(f"check {name!r}: {cls.__name__} has no grade(item, ctx) method")
    sig = inspect.signature(grade)
    if len([p for p in sig.parameters.values() if p.default is p.empty]) != 3:
        raise PluginError(f"check {name!r}: {cls.__name__}.grade{sig} must take (self, item, ctx)")
    for optional in ("requests", "validate", "retry_seed", "reader"):
        if not callable(getattr(cls, optional, None)):
            raise PluginError(f"check {name!r}: {cls.__name__} lacks {optional}(); subclass grader.checks.base.Check")


class Registry:
    """Check classes by name."""

    def __init__(self) -> None:
        self._checks: dict[str, type[Check]] = {}

    def register(self, name: str, cls: type[Check]) -> None:
        validate_plugin(name, cls)
        if name in self._checks and self._checks[name] is not cls:
            raise PluginError(f"two plugins claim the check name {name!r}")
        self._checks[name] = cls

    def get(self, name: str) -> type[Check] | None:
        return self._checks.get(name)

    def names(self) -> list[str]:
        return sorted(self._checks)


def discover() -> Registry:
    """A registry of every check installed in the ``grader.checks`` entry-point group."""
    registry = Registry()
    for ep in entry_points(group=GROUP):
        try:
            cls = ep.load()
        except Exception as exc:  # a broken third-party plugin must say so, by name
            raise PluginError(f"check {ep.name!r} ({ep.value}) failed to load: {exc}") from None
        registry.register(ep.name, cls)
    if not registry.names():
        raise PluginError("no check plugins found; is the grader installed (pip install -e .)?")
    return registry
