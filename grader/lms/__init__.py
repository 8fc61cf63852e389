"""From a course's LMS and back: read a download as the LMS gives it, hand grades back in the LMS's format.

``intake`` turns a Canvas, Moodle or Gradescope download (or plain folders and zips) into a typed
list of :class:`HandIn` (stable id, files, student, submitted-at, late marker); ``roster`` matches
them to the course's students; ``late`` computes a late penalty, kept on the result as an
adjustment; ``canvas``, ``moodle``, ``gradescope`` and ``plain`` write what each LMS imports.
``run`` ties them to the batch grader.
"""
from __future__ import annotations

from grader.lms.handins import HandIn, Intake, Student

__all__ = ["HandIn", "Intake", "Student"]
