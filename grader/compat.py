"""The one place that papers over Python versions: ``tomllib`` (3.11+) or its backport ``tomli``."""
from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["tomllib"]
