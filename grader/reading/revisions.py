"""A hand-in that still carries its revision marks, read as the version its author handed in.

Word processors and writing tools keep an edit's history on the page: Word's "All Markup" text export
(``[deleted: …]`` / ``[inserted: …]``), Google Docs' suggestions (``[[Suggested deletion: …]]``) and comment
anchors (``…σ1(x1)[c]`` over a list of threads ``[c]Lena: …`` at the end), Pandoc's reading of tracked changes
(``[…]{.deletion author="…"}``, ``[…]{.insertion …}``, ``[…]{.comment-start …}``) and CriticMarkup
(``{--…--}``, ``{++…++}``, ``{~~old~>new~~}``, ``{==…==}``, ``{>>…<<}``). A TA grades the text as it stands
after the edits, as the student did when they accepted them: deleted text is gone, inserted text stays, a
substitution keeps its new side. A reviewer's or the author's comment is discussion, not an answer, and is
dropped, unless it doubts (``{>>not sure about the x here<<}``): then it stays, as an aside the reading weighs.
"""
from __future__ import annotations

import re

_BRACKETED = r"((?:[^\[\]]|\[[^\[\]\n]{0,200}\]){0,4000}?)"  # a bracket's text, with one level of inner brackets
_WORD_EDIT = re.compile(r"\[(?P<kind>deleted|inserted|deletion|insertion)(?:[ \t]+by[ \t]+[^:\]\n]{1,80})?:[ \t]?"
                        + _BRACKETED + r"\]", re.IGNORECASE)
_SUGGESTED = re.compile(r"\[\[Suggested[ \t]+(?P<kind>deletion|insertion):[ \t]?" + _BRACKETED + r"\]\]",
                        re.IGNORECASE)
_PANDOC_EDIT = re.compile(r"\[" + _BRACKETED + r"\]\{\.(?P<kind>deletion|insertion|comment-start|comment-end|"
                          r"paragraph-insertion|paragraph-deletion)\b[^{}\n]{0,300}\}")
_CRITIC = re.compile(r"\{--(?P<deleted>.{0,2000}?)--\}|\{\+\+(?P<inserted>.{0,2000}?)\+\+\}"
                     r"|\{~~(?P<substituted>.{0,2000}?)~~\}|\{==(?P<marked>.{0,2000}?)==\}"
                     r"|\{>>(?P<comment>.{0,2000}?)<<\}", re.DOTALL)
# LaTeX's struck-out text (ulem's \sout, \xout; soul's \st): work the author took back, outside math (inside it,
# \text{\sout{…}}, the document reader takes it out)
_LATEX_STRUCK = re.compile(r"\\(sout|xout|st)[ \t]*\{(?:[^{}]|\{(?:[^{}]|\{[^{}]{0,400}\}){0,400}\}){0,2000}\}")
_DOUBT = re.compile(r"\b(?:not\s+(?:sure|certain)|unsure|maybe|perhaps|don'?t\s+know|no\s+idea"
                    r"|can'?t\s+(?:decide|tell)|or\s+is\s+it|or\s+should\s+it|either)\b", re.IGNORECASE)
# Google Docs' comments under the text: "[a]Lena Vogt: …", each thread opening with its anchor's letter
_THREAD = re.compile(r"^\[([a-z]{1,2})\](?=\S)", re.MULTILINE)


def final_version(text: str) -> str:
    """``text`` with its revision marks applied; text without them comes back unchanged."""
    if "[" in text:
        if "eleted" in text or "nserted" in text or "eletion" in text or "nsertion" in text:
            text = _WORD_EDIT.sub(lambda m: _kept(m.group("kind"), m.group(2)), text)
            text = _SUGGESTED.sub(lambda m: _kept(m.group("kind"), m.group(2)), text)
        if "]{." in text:
            text = _PANDOC_EDIT.sub(_pandoc, text)
        if _THREAD.search(text):
            text = _without_anchors(text)
    if "\\sout" in text or "\\xout" in text or "\\st" in text:
        text = _LATEX_STRUCK.sub(_struck, text)
    if "{" in text and re.search(r"\{(?:--|\+\+|==|>>|~~)", text):
        text = _CRITIC.sub(_critic, text)
    return text


def _struck(m: re.Match[str]) -> str:
    """``\\sout{…}`` outside math is gone; inside ``\text{…}`` it is left to the document reader (it keeps the
    formula's spacing), and a macro the hand-in defines under that name is its own."""
    return m.group() if m.string.rfind("\\text", max(0, m.start() - 8), m.start()) >= 0 \
        or re.search(r"\\(?:re)?newcommand\*?\s*\{?\\" + m.group(1) + r"\b", m.string[:20_000]) else ""


def _kept(kind: str, body: str) -> str:
    return "" if kind.lower().startswith("delet") else body


def _pandoc(m: re.Match[str]) -> str:
    kind, body = m.group("kind"), m.group(1)
    if kind == "comment-start":
        return _comment(body)
    return "" if kind in ("deletion", "paragraph-deletion", "comment-end") else body


def _critic(m: re.Match[str]) -> str:
    if m.group("deleted") is not None:
        return ""
    if (substituted := m.group("substituted")) is not None:
        return substituted.split("~>", 1)[1] if "~>" in substituted else substituted
    if (comment := m.group("comment")) is not None:
        return _comment(comment)
    return m.group("inserted") if m.group("inserted") is not None else m.group("marked")


def _comment(body: str) -> str:
    """A comment's text as read: dropped, unless it doubts what it sits beside."""
    return f" ({body.strip()})" if _DOUBT.search(body) else ""


def _without_anchors(text: str) -> str:
    """Google Docs' comment anchors (``σ1(x1)[c]``) taken out of the text where a thread of that letter follows
    at the end; each thread that was marked resolved is dropped with them (the discussion is over, the text
    above is the answer)."""
    threads = {m.group(1) for m in _THREAD.finditer(text)}
    first = min(m.start() for m in _THREAD.finditer(text))
    body, tail = text[:first], text[first:]
    body = re.sub(r"(?<=\S)\[([a-z]{1,2})\]", lambda m: "" if m.group(1) in threads else m.group(), body)
    kept = [t for t in re.split(r"(?m)^(?=\[[a-z]{1,2}\]\S)", tail)
            if t.strip() and not re.search(r"marked\s+as\s+resolved|^_?resolved_?$", t, re.IGNORECASE | re.MULTILINE)]
    return body + "".join(kept)
