"""Validate a check's rubric parameters against the dataclass the check declares.

Small on purpose: the types rubric parameters use (str, int, float, bool, lists,
string-keyed tables, optional values and nested dataclasses). Errors name the key.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Union


class ParamError(ValueError):
    """A parameter is missing, unknown or of the wrong type; the message names it."""


def build_params(cls: type, raw: Any, where: str = "params") -> Any:
    """An instance of dataclass ``cls`` from the TOML table ``raw``, type-checked."""
    if not isinstance(raw, dict):
        raise ParamError(f"{where} must be a table, found {type(raw).__name__}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise ParamError(f"unknown parameter {where}.{unknown[0]} (known: {', '.join(sorted(fields)) or 'none'})")
    values = {}
    for name, f in fields.items():
        if name in raw:
            values[name] = _coerce(hints[name], raw[name], f"{where}.{name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ParamError(f"missing parameter {where}.{name}")
    return cls(**values)


def _coerce(tp: Any, value: Any, where: str) -> Any:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is Any:
        return value
    if origin in (Union, types.UnionType):
        errors = []
        for option in args:
            if option is type(None):
                if value is None:
                    return None
                continue
            try:
                return _coerce(option, value, where)
            except ParamError as exc:
                errors.append(str(exc))
        raise ParamError(errors[0] if errors else f"{where}: unexpected value")
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return build_params(tp, value, where)
    if origin in (list, tuple):
        if not isinstance(value, list):
            raise ParamError(f"{where} must be a list, found {type(value).__name__}")
        item = args[0] if args else Any
        out = [_coerce(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
        return tuple(out) if origin is tuple else out
    if origin is dict:
        if not isinstance(value, dict):
            raise ParamError(f"{where} must be a table, found {type(value).__name__}")
        return {str(k): _coerce(args[1] if args else Any, v, f"{where}.{k}") for k, v in value.items()}
    if tp is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if tp in (str, int, bool) and type(value) is tp:
        return value
    raise ParamError(f"{where} must be {getattr(tp, '__name__', tp)}, found {type(value).__name__} {value!r}")
