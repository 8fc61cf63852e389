"""The fidelity corpus: realistic written reports with a TA's per-item verdicts, decided before grading."""
