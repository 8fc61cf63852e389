"""A hand-in written as a patch: a unified diff or a ``git format-patch`` series that fills in an answer template,
or a diff pasted into a report between a draft and the final version.

A TA grades the tree after the last patch: the lines a hunk removes (the template's blanks, an earlier patch's
answer that a later one replaces) are no answer, the lines it adds and keeps are. Each file is rebuilt from its
hunks' new sides, in order; a later hunk on the same file is applied where its old side (context and removed
lines) stands in what is rebuilt so far, so "patch 2/2: add the missing x" replaces patch 1/2's line in place.
The text around the hunks (an e-mail on top, the report a diff is pasted into) stays where it is; a ``git
format-patch`` series' cover letter and commit messages are bookkeeping. Nothing is applied to any real file:
this only rebuilds text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_HUNK = re.compile(r"@@ -\d+(?:,(?P<old>\d+))? \+\d+(?:,(?P<new>\d+))? @@[^\n]*")
_NEW_FILE = re.compile(r"\+\+\+ (?:b/)?(?P<name>[^\t\n]+)")
MAX_LINES = 20_000


@dataclass
class _File:
    name: str
    lines: list[str] = field(default_factory=list)


def is_patch(text: str) -> bool:
    """Whether the text holds a unified diff (a ``+++`` file line and a hunk header under it)."""
    return re.search(r"(?m)^\+\+\+ [^\n]+\n@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@", text) is not None


def patch_files(text: str) -> list[tuple[str, str]]:
    """The text as the patches leave it, in order: each run of text outside the hunks as ("", its text), each
    patched file once, where it is first patched, as (its name, its text after every hunk). A ``git format-patch``
    series keeps its files only: its cover letter and commit messages are about the patches, the tree is the
    answer."""
    lines = text.split("\n")[:MAX_LINES]
    mail = _MAIL_PATCH.match(text) is not None
    pieces: list[tuple[str, str | _File]] = []
    prose: list[str] = []
    files: dict[str, _File] = {}
    current: _File | None = None
    k = 0
    while k < len(lines):
        line = lines[k]
        named = _NEW_FILE.match(line)
        if named is not None:
            name = named.group("name").strip()
            if name not in files:
                files[name] = _File(name)
                pieces += [("", "\n".join(prose))] * bool(prose and not mail) + [(name, files[name])]
                prose = []
            current = files[name]
            k += 1
            continue
        hunk = _HUNK.match(line)
        if hunk is None or current is None:
            if not line.startswith(("diff --git", "index ", "--- ")):
                prose.append(line)  # (a commit's message, the text around a pasted diff)
                current = None
            k += 1
            continue
        k = _read_hunk(lines, k + 1, int(hunk.group("old") or 1), int(hunk.group("new") or 1), current)
    pieces += [("", "\n".join(prose))] * bool(prose and not mail)
    return [(name, body if isinstance(body, str) else "\n".join(body.lines) + "\n") for name, body in pieces]


def _read_hunk(lines: list[str], k: int, old_count: int, new_count: int, target: _File) -> int:
    """The hunk whose lines start at ``k`` applied to ``target``; where the lines after it start."""
    old: list[str] = []
    new: list[str] = []
    while k < len(lines) and (len(old) < old_count or len(new) < new_count):
        body = lines[k]
        if body.startswith("\\"):  # "\ No newline at end of file"
            k += 1
            continue
        mark, rest = body[:1], body[1:]
        if mark == "-":
            old.append(rest)
        elif mark == "+":
            new.append(rest)
        elif mark in (" ", ""):
            old.append(rest)
            new.append(rest)
        else:
            break
        k += 1
    _apply(target, old, new)
    return k


_MAIL_PATCH = re.compile(r"From [0-9a-f]{40} ")


def conflict_sides(text: str) -> tuple[str, str, str] | None:
    """A text with a merge conflict left in (``<<<<<<< HEAD`` … ``=======`` … ``>>>>>>> branch``) as its two
    versions, each whole, and as itself with both sides of each conflict in place (the markers dropped): which
    one the student meant is not the reader's to choose. None without one."""
    if "<<<<<<<" not in text:
        return None
    ours: list[str] = []
    theirs: list[str] = []
    both: list[str] = []
    side = 0
    for line in text.split("\n"):
        if line.startswith("<<<<<<<"):
            side = 1
        elif line.startswith("=======") and side == 1:
            side = 2
            both.append("")
        elif line.startswith(">>>>>>>") and side:
            side = 0
        else:
            if side != 2:
                ours.append(line)
            if side != 1:
                theirs.append(line)
            both.append(line)
    return "\n".join(ours), "\n".join(theirs), "\n".join(both)


def _apply(target: _File, old: list[str], new: list[str]) -> None:
    """A hunk applied to what is rebuilt so far: where its old side stands, replaced by its new side; else its new
    side added after it (a file's first hunks, or a part the earlier patches did not show)."""
    n, start, tries = len(old), 0, 0
    while n and tries < 2000:  # (bounded: a file of many equal lines is not searched for ever)
        try:
            start = target.lines.index(old[0], start)
        except ValueError:
            break
        if target.lines[start:start + n] == old:
            target.lines[start:start + n] = new
            return
        start, tries = start + 1, tries + 1
    if target.lines:
        target.lines.append("")
    target.lines.extend(new)
