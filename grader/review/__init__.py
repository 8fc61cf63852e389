"""The review workstation: a local web app where course staff finish a grade.

``grade review REPORTS_DIR`` serves it (``grader.review.cli``); ``app.build_app`` is the
ASGI app, ``store.ReviewStore`` reads the stored reports and writes a person's points
into ``overrides.toml`` (with who, when and the earlier points kept), then brings the
hand-in's reports, ``gradebook.csv`` and the class summary up to date without
regrading anything. Templates and KaTeX are served from this package, so it works offline.
"""
from __future__ import annotations
