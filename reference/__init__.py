"""Homeworks this grader knows: one sub-package each, holding its rubric and reference code."""
