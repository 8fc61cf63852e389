"""A hand-in that still carries its revision marks, read as the version its author handed in.

Word processors and writing tools keep an edit's history on the page: Word's "All Markup" text export
(``[deleted: …]`` / ``[inserted: …]``), Google Docs' suggestions (``[[Suggested deletion: …]]``) and comment
anchors (``…σ1(x1)[c]`` over a list of threads ``[c]Lena: …`` at the end), Pandoc's reading of tracked changes
(``[…]{.deletion author="…"}``, ``[…]{.insertion …}``, ``[…]{.comment-start …}``) and CriticMarkup
(``{--…--}``, ``{++…++}``, ``{~~old~>new~~}``, ``{==…==}``, ``{>>…<<}``). A TA grades the text as it stands
after the edits the author made: deleted text is gone, inserted text stays, a substitution keeps its new side.
An edit still pending (a Google Docs suggestion, a tracked change signed by someone, "[Deleted by Tom: …]") is
not the author's yet: unless its thread says it was accepted, or it touches no formula, the text keeps its own
version and offers the edited one beside it ("A (or maybe B?)"), and a person decides. A comment is discussion,
not an answer, and is dropped (with its thread, once resolved), unless it doubts ("not sure about the x here",
"or σ(1+σ)??", "может быть …"): then it stays where it was anchored, as an aside the reading weighs.
"""
from __future__ import annotations

import re

_BRACKETED = r"((?:[^\[\]]|\[[^\[\]\n]{0,200}\]){0,4000}?)"  # a bracket's text, with one level of inner brackets
_WORD_EDIT = re.compile(r"\[(?P<kind>deleted|inserted|deletion|insertion)(?P<by>[ \t]+by[ \t]+[^:\]\n]{1,80})?:[ \t]?"
                        + _BRACKETED + r"\]", re.IGNORECASE)
_SUGGESTED = re.compile(r"\[\[Suggested[ \t]+(?P<kind>deletion|insertion):[ \t]?" + _BRACKETED + r"\]\]",
                        re.IGNORECASE)
# Pandoc's comments on a Word file ("[text]{.comment-start id="0" author="…"}" … "[]{.comment-end id="0"}"); its
# tracked changes ({.deletion}, {.insertion}) are spans the document reader applies with its other spans
_PANDOC_COMMENT = re.compile(r"\[" + _BRACKETED + r"\]\{\.(?P<kind>comment-start|comment-end)\b"
                             r"(?P<attributes>[^{}\n]{0,300})\}")
_CRITIC = re.compile(r"\{--(?P<deleted>.{0,2000}?)--\}|\{\+\+(?P<inserted>.{0,2000}?)\+\+\}"
                     r"|\{~~(?P<substituted>.{0,2000}?)~~\}|\{==(?P<marked>.{0,2000}?)==\}"
                     r"|\{>>(?P<comment>.{0,2000}?)<<\}", re.DOTALL)
# LaTeX's struck-out text (ulem's \sout, \xout; soul's \st): work the author took back, outside math (inside it,
# \text{\sout{…}}, the document reader takes it out)
_LATEX_STRUCK = re.compile(r"\\(sout|xout|st)[ \t]*\{(?:[^{}]|\{(?:[^{}]|\{[^{}]{0,400}\}){0,400}\}){0,2000}\}")
# a comment that doubts, in the languages a class writes in
_DOUBT = re.compile(r"\b(?:not\s+(?:sure|certain|100)|unsure|maybe|perhaps|might|could\s+(?:also\s+)?be|i\s+think"
                    r"|idk|dunno|don'?t\s+know|no\s+idea|can'?t\s+(?:decide|tell)|either|or|which\s+one"
                    r"|nicht\s+sicher|unsicher|vielleicht|evtl|eventuell|oder|pas\s+sûr|peut-être|ou\s+bien"
                    r"|no\s+estoy\s+segur[oa]|quizás?|tal\s+vez|não\s+tenho\s+certeza|talvez|non\s+sono\s+sicur[oa]"
                    r"|forse|niet\s+zeker|misschien|nie\s+jestem\s+pew\w+|może|albo|lub|не\s+уверен\w*|может|возможно"
                    r"|или|emin\s+değil\w*|belki|tidak\s+yakin|mungkin|không\s+chắc|có\s+thể|hoặc)\b"
                    r"|不确定|不確定|也许|也許|或者|たぶん|自信がない|확실하지|아마", re.IGNORECASE)
_MATH = re.compile(r"[=+\-−*/^_()σ∂∇αΣ×·⋅\d]|\\[A-Za-z]|sigma|\b[wx]\s?\d")
# Google Docs' comments under the text: "[a]Lena Vogt: …", each thread opening with its anchor's letter
_THREAD = re.compile(r"^\[([a-z]{1,2})\](?=[^\s\[\]:][^\[\]\n:]{0,60}:)", re.MULTILINE)  # (not "[b]bold[/b]")
_RESOLVED = re.compile(r"^[ \t_*]*(?:marked\s+as\s+resolved|resolved)[ \t_*.]*$", re.IGNORECASE)
_PENDING = re.compile(r"\[\[Suggested[ \t]+(?:deletion|insertion):"
                      r"|\[(?:deleted|inserted|deletion|insertion)[ \t]+by[ \t]", re.IGNORECASE)


def final_version(text: str) -> str:
    """``text`` with its revision marks applied; text without them comes back unchanged."""
    if "\n@@ -" in text and "\n+++ " in text:
        text = _diff_applied(text)
    if "[" in text:
        threads = _threads(text) if _THREAD.search(text) else {}
        if threads:
            text = text[:min(start for start, _, _ in threads.values())]
        if _PENDING.search(text):
            text = "\n".join(_pending(line, threads) if _PENDING.search(line) else line for line in text.split("\n"))
        if "eleted" in text or "nserted" in text or "eletion" in text or "nsertion" in text:
            text = _WORD_EDIT.sub(lambda m: _kept(m.group("kind"), m.group(3)), text)
        if "]{.comment-" in text:
            comments = {_comment_id(m): m.group(1) for m in _PANDOC_COMMENT.finditer(text)
                        if m.group("kind") == "comment-start"}
            text = _PANDOC_COMMENT.sub(lambda m: _pandoc_comment(m, comments), text)
        if threads:
            text = _anchored(text, threads)
    if "\\DIF" in text:
        text = _latexdiff_applied(text)
    if "\\sout" in text or "\\xout" in text or "\\st" in text:
        text = _LATEX_STRUCK.sub(_struck, text)
    if "{" in text and re.search(r"\{(?:--|\+\+|==|>>|~~)", text):
        text = _CRITIC.sub(_critic, text)
    return text


_DIF_MARK = re.compile(r"\\DIF(?:O?(?:del|add|mod)(?:begin|end)(?:FL)?)(?![A-Za-z])[ \t]*")
_DIF_TEXT = re.compile(r"\\DIF(del|add)(?:FL)?[ \t]*\{")
_DIF_MATH = re.compile(r"\\begin\{DIFdelmath\}[\s\S]{0,20000}?\\end\{DIFdelmath\}|\\(?:begin|end)\{DIFaddmath\}")


def _latexdiff_applied(text: str) -> str:
    """latexdiff's output read as the new version it marks: ``\\DIFdel{old}`` gone, ``\\DIFadd{new}`` its text, the
    begin/end marks and deleted math environments gone (the preamble's definitions are comments, read as such)."""
    from grader.reading.tex_source import closing_brace

    text = _DIF_MATH.sub("", text)
    out: list[str] = []
    pos = 0
    for m in _DIF_TEXT.finditer(text):
        if m.start() < pos:
            continue
        close = closing_brace(text, m.end() - 1, m.end() + 20_000)
        if close < 0:
            continue
        out += [text[pos:m.start()], "" if m.group(1) == "del" else text[m.end():close]]
        pos = close + 1
    return _DIF_MARK.sub("", "".join(out) + text[pos:])


def _diff_applied(text: str) -> str:
    """A unified diff pasted as the hand-in (``git diff`` between a draft and the final version): each file as the
    hunks leave it (the "-" lines were the draft); the text around it stays."""
    from grader.reading.formats_patch import patch_files

    return "\n".join(body for _, body in patch_files(text))


def _doubts(comment: str, *, open_thread: bool = False) -> bool:
    """Whether a comment doubts what it is about ("not sure", "?"); an open thread also when it changes it ("this
    should be w3·σ2(x2)": nobody answered it; a note beside an edit says what the edit did)."""
    from grader.reading.mentions import CHANGES

    return "?" in comment or _DOUBT.search(comment) is not None \
        or open_thread and CHANGES.search(comment) is not None


def _struck(m: re.Match[str]) -> str:
    """``\\sout{…}`` outside math is gone; inside ``\\text{…}`` it is left to the document reader (it keeps the
    formula's spacing), and a macro the hand-in defines under that name is its own."""
    line = m.string[m.string.rfind("\n", 0, m.start()) + 1:m.start()]
    if len(re.findall(r"(?<!\\)\$", line)) % 2:
        return m.group()  # "$\sout{…}": inside math, where the document reader takes it out
    return m.group() if m.string.rfind("\\text", max(0, m.start() - 8), m.start()) >= 0 \
        or re.search(r"\\(?:(?:re)?newcommand\*?\s*\{?|def\s*|let\s*)\\" + m.group(1) + r"(?![A-Za-z])",
                     m.string[:20_000]) else ""


def _kept(kind: str, body: str) -> str:
    return "" if kind.lower().startswith("delet") else body


def _pending(line: str, threads: dict[str, tuple[int, bool, str]]) -> str:
    """A line with edits still pending: the edited line where its thread accepted them or they touch no formula;
    else the line as the author wrote it, with the edited formula offered beside it."""
    def version(edited: bool) -> str:
        def one(m: re.Match[str]) -> str:
            deleted = m.group("kind").lower().startswith("delet")
            return "" if deleted == edited else m.group(m.lastindex or 0)
        kept = _SUGGESTED.sub(lambda m: one(m) if m.group(2) is not None else "", line)
        return _WORD_EDIT.sub(lambda m: one(m) if m.group("by") else m.group(), kept)

    changed = "".join(m.group(2) or "" for m in _SUGGESTED.finditer(line)) \
        + "".join(m.group(3) or "" for m in _WORD_EDIT.finditer(line) if m.group("by"))
    anchors = [threads[a] for a in re.findall(r"\[([a-z]{1,2})\]", line) if a in threads]
    if not _MATH.search(changed) or any(accepted for _, accepted, _ in anchors):
        return version(edited=True)
    first = min(m.start() for m in _PENDING.finditer(line))
    start = line.rfind("=", 0, first) + 1
    offered = re.sub(r"\[[a-z]{1,2}\]", "", version(edited=True)[start:]).strip()
    return f"{version(edited=False).rstrip()} (or maybe {offered}?)"


def _threads(text: str) -> dict[str, tuple[int, bool, str]]:
    """Google Docs' comment threads at the end of the text, by anchor letter: where the list starts, whether the
    thread accepted a suggestion (and was resolved), and its text while it is still open (else "")."""
    marks = list(_THREAD.finditer(text))
    first = marks[0].start()
    if text.count("\n", first) > 40 * len(marks) + 40 or marks[0].group(1) != "a" or "[/" in text[first:]:
        return {}  # "[a] …" lines in the body of the text, not a list of comments at its end (which opens with
        # the first letter; a forum post's tags close)
    out: dict[str, tuple[int, bool, str]] = {}
    for k, m in enumerate(marks):
        body = text[m.end():marks[k + 1].start() if k + 1 < len(marks) else len(text)]
        lines = [ln for ln in body.split("\n") if ln.strip()]
        resolved = bool(lines) and _RESOLVED.match(lines[-1]) is not None
        accepted = resolved and re.search(r"\baccept", body, re.IGNORECASE) is not None \
            and re.search(r"\breject", body, re.IGNORECASE) is None
        said = " ".join(ln.strip() for ln in lines if not _RESOLVED.match(ln))
        out[m.group(1)] = (first, accepted, "" if resolved else said)
    return out


def _anchored(text: str, threads: dict[str, tuple[int, bool, str]]) -> str:
    """The comment anchors in the text (``σ1(x1)[c]``), in the order Google Docs lettered them, each replaced
    by its thread while it is open (an aside where it was written, said as a doubt when it doubts), else taken
    out."""
    letters = iter(sorted(threads, key=lambda a: (len(a), a)))
    expected = next(letters, None)
    out, pos = [], 0
    for m in re.finditer(r"(?<=\S)\[([a-z]{1,2})\]", text):
        if expected is None:
            break
        if m.group(1) != expected:
            continue  # "s[a]" in a Mathematica formula: not the next anchor
        said = threads[expected][2]
        out += [text[pos:m.start()], "" if not said else f" ({_DOUBTED} {said})" if _doubts(said, open_thread=True)
                else f" (comment: {said})"]
        pos = m.end()
        expected = next(letters, None)
    return "".join(out) + text[pos:]


def _comment_id(m: re.Match[str]) -> str:
    found = re.search(r"\bid=\"?([\w-]+)", m.group("attributes"))
    return found.group(1) if found else ""


def _pandoc_comment(m: re.Match[str], comments: dict[str, str]) -> str:
    """A comment (its text opens where it is anchored) said at its end, after the text it is about, when it
    doubts that text."""
    if m.group("kind") == "comment-start":
        return "" if _comment_id(m) in comments else _comment(m.group(1))
    return _comment(comments.get(_comment_id(m), ""))


def _critic(m: re.Match[str]) -> str:
    if m.group("deleted") is not None:
        return ""
    if (substituted := m.group("substituted")) is not None:
        return substituted.split("~>", 1)[1] if "~>" in substituted else substituted
    if (comment := m.group("comment")) is not None:
        return _comment(comment)
    return m.group("inserted") if m.group("inserted") is not None else m.group("marked")


def comment_as_read(body: str) -> str:
    """A comment's text where its anchor is (see :func:`_comment`): its doubt, or nothing."""
    return _comment(body)


def _comment(body: str) -> str:
    """A comment's text as read: dropped, unless it doubts what it sits beside; then it stays, said as the doubt
    it is ("not sure which is right"), in whatever words and language it was written, so a person reads the part."""
    return f" ({_DOUBTED} {body.strip()})" if _doubts(body) else ""


_DOUBTED = "a comment here says it might also be:"
# a doubting comment as set in the text, to the end of its line: it doubts the answer it sits beside, not its part
# ("ii" doubted by a comment leaves "i" of the same part alone); the answer's own line still carries it
COMMENT_DOUBT = re.compile(r"\(" + re.escape(_DOUBTED) + r"[^\n]*")
