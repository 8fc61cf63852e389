"""A hand-in written as a patch: a unified diff or a ``git format-patch`` series that fills in an answer template,
or a diff pasted into a report between a draft and the final version.

A TA grades the tree after the last patch: the lines a hunk removes (the template's blanks, an earlier patch's
answer that a later one replaces) are no answer, the lines it adds and keeps are. Each file is rebuilt from its
hunks' new sides, in order; a later hunk on the same file is applied where its old side (context and removed
lines) stands in what is rebuilt so far, so "patch 2/2: add the missing x" replaces patch 1/2's line in place.
The text around the hunks (an e-mail on top, the report a diff is pasted into, a series' cover letter) stays where
it is; a ``git format-patch`` series' commit messages say what was done and are bookkeeping. Nothing is applied
to any real file: this only rebuilds text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_HUNK = re.compile(r"@@ -(?P<at>\d+)(?:,(?P<old>\d+))? \+(?P<to>\d+)(?:,(?P<new>\d+))? @@[^\n]*")
# a mail's and git's bookkeeping around the patches: headers, the diffstat, the signature and git's version
_BOOKKEEPING = re.compile(r"From [0-9a-f]{40} |(?:From|Date|To|Cc|Message-Id|In-Reply-To|References|MIME-Version"
                          r"|Content-Type|Content-Transfer-Encoding|X-Mailer):|[ \t]\S{1,200} \|[ \t]+\d+ [+-]*$"
                          r"|[ \t]\d+ files? changed|-- $|---$|\d+\.\d+(?:\.\d+)?$|base-commit:", re.IGNORECASE)
_SUBJECT = re.compile(r"Subject:\s*\[PATCH(?:[^\]\d]{0,20})?\s*(\d+)/\d+\]\s*")  # "Subject: [PATCH 2/3] …"
_NEW_FILE = re.compile(r"\+\+\+ (?:b/)?(?P<name>[^\t\n]+)")
MAX_LINES = 20_000


@dataclass
class _File:
    name: str
    lines: list[str] = field(default_factory=list)
    origin: int = 1  # the line number its first hunk starts at (where later hunks' numbers point)


def is_patch(text: str) -> bool:
    """Whether the text holds a unified diff (a ``+++`` file line and a hunk header under it)."""
    return re.search(r"(?m)^\+\+\+ [^\n]+\n@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@", text) is not None


def patch_files(text: str) -> list[tuple[str, str]]:
    """The text as the patches leave it, in order: each run of text outside the hunks as ("", its text), each
    patched file once, where it is first patched, as (its name, its text after every hunk). A ``git format-patch``
    series' cover letter and the notes under a patch's "---" stay as text (a note there may change an answer);
    its commit messages (what each patch did, applied in the tree), mail headers, diffstat and signature do not."""
    lines = text.split("\n")[:MAX_LINES]
    pieces: list[tuple[str, str | _File]] = []
    prose: list[str] = []
    files: dict[str, _File] = {}
    current: _File | None = None
    message = False  # inside a patch's commit message (what the commit did, applied in the tree)
    k = 0
    while k < len(lines):
        line = lines[k]
        subject = _SUBJECT.match(line)
        if subject is not None or message and line.rstrip() != "---":
            message = subject is None or subject.group(1) != "0"  # (a cover letter, [PATCH 0/n], stays)
            if not message and subject is not None:
                prose.append(line[subject.end():])
            k += 1
            continue
        message = False  # ("---": the notes under it, above the diff, are the writer's own to the reader)
        named = _NEW_FILE.match(line)
        if named is not None:
            name = named.group("name").strip()
            if name not in files:
                files[name] = _File(name)
                pieces += [("", "\n".join(prose))] * bool(prose) + [(name, files[name])]
                prose = []
            current = files[name]
            k += 1
            continue
        hunk = _HUNK.match(line)
        if hunk is None or current is None:
            if not line.startswith(("diff --git", "index ", "--- ")) and not _BOOKKEEPING.match(line):
                prose.append(line)  # (a cover letter, the notes under a patch's "---", the text around a pasted
                current = None  # diff)
            k += 1
            continue
        k = _read_hunk(lines, k + 1, hunk, current)
    pieces += [("", "\n".join(prose))] * bool(prose)
    return [(name, body if isinstance(body, str) else "\n".join(body.lines) + "\n") for name, body in pieces]


def _read_hunk(lines: list[str], k: int, hunk: re.Match[str], target: _File) -> int:
    """The hunk whose lines start at ``k`` applied to ``target``; where the lines after it start."""
    old_count, new_count = int(hunk.group("old") or 1), int(hunk.group("new") or 1)
    if not target.lines:
        target.origin = int(hunk.group("to"))
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
    _apply(target, old, new, int(hunk.group("at")) - target.origin)
    return k


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


def _apply(target: _File, old: list[str], new: list[str], near: int) -> None:
    """A hunk applied to what is rebuilt so far: where its old side stands (of several places, the one nearest the
    line its header names), replaced by its new side; else its new side added after it (a file's first hunks, or
    a part the earlier patches did not show)."""
    n, start = len(old), 0
    found: list[int] = []
    while n and len(found) < 200 and start < len(target.lines):  # (bounded: a file of equal lines is not searched
        try:  # for ever)
            start = target.lines.index(old[0], start)
        except ValueError:
            break
        if target.lines[start:start + n] == old:
            found.append(start)
        start += 1
    if found:
        at = min(found, key=lambda k: abs(k - near))
        target.lines[at:at + n] = new
        return
    if target.lines:
        target.lines.append("")
    target.lines.extend(new)


_KEYED_LINE = re.compile(r"([ \t]*)([^\s:|][^:\n|]{0,120}):[ \t]*(\S[^\n]*)?")  # an answer sheet's "key: answer"


def merged_sides(ours: str, theirs: str) -> str:
    """The two sides of a conflict in an answer sheet, read as its ``key: answer`` lines, as one sheet: a key the
    sides answer differently with both answers ("stride: 1 or 2", a person decides), a key only the other side
    has after it."""
    our_lines, their_lines = ours.split("\n"), theirs.split("\n")
    mine, others = _keyed_lines(our_lines), _keyed_lines(their_lines)
    other = {key: value for key, value in others if key is not None and value}
    merged = [f"{line} or {other[key]}" if key is not None and value and key in other and other[key] != value
              else line for line, (key, value) in zip(our_lines, mine, strict=True)]
    known = {key for key, _ in mine}
    extra = [line for line, (key, value) in zip(their_lines, others, strict=True)
             if key is not None and value and key not in known]
    return "\n".join(merged + [""] + extra)


def _keyed_lines(lines: list[str]) -> list[tuple[tuple[str, str] | None, str]]:
    """Each line's key (the section above it where indented, then its own key) and answer; (None, "") for others."""
    out: list[tuple[tuple[str, str] | None, str]] = []
    section = ""
    for line in lines:
        m = _KEYED_LINE.fullmatch(line)
        if m is None:
            out.append((None, ""))
            continue
        if not m.group(1):
            section = m.group(2) if not m.group(3) else section
        out.append(((section if m.group(1) else "", m.group(2)), m.group(3) or ""))
    return out
