"""An automated grader for homework hand-ins: rubric + hand-in -> checks -> one result."""
from __future__ import annotations

__version__ = "0.1.0"
