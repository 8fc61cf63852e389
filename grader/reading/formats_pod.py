"""A report written in Perl's POD (``.pod``), read as Markdown.

POD is paragraphs: ``=head1``…``=head4`` are headings, ``=over``/``=item``/``=back`` a list, an indented paragraph
is verbatim (where such a writer sets a formula), and ``C<…>``, ``B<…>``, ``I<…>`` (also ``C<< … >>``) style
words. A verbatim paragraph is kept as its lines, its indent taken off, so its formulas read as lines of the
report; ``=pod``, ``=cut``, ``=encoding`` and ``=begin``/``=end`` blocks for other formatters are dropped. Text to
text: nothing is run.
"""
from __future__ import annotations

import re

_ENTITIES = {"lt": "<", "gt": ">", "verbar": "|", "sol": "/", "amp": "&", "quot": '"', "apos": "'", "nbsp": " "}
_CODE = re.compile(r"([BCIFSLXZE])(<{2,})\s([^\n]{0,500}?)\s(>{2,})|([BCIFSLXZE])<([^<>\n]{0,500})>")


def is_pod(text: str) -> bool:
    """Whether ``text`` is a POD document: ``=head1``/``=pod`` commands at lines' starts."""
    return len(re.findall(r"^=(?:pod|head[1-4]|over|item|back|cut)\b", text[:200_000], re.M)) >= 3


def pod_markdown(text: str) -> str:
    """The report as Markdown: headings, list items as lines, verbatim paragraphs dedented."""
    out: list[str] = []
    skipping = ""  # "=begin html" … "=end html": for another formatter
    cut = False  # after "=cut", up to the next command: a program's text, never shown
    bullets: list[bool] = []
    for paragraph in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        if not paragraph.strip():
            continue
        head = paragraph.lstrip("\n")
        if cut and not head.startswith("="):
            continue
        cut = head.startswith("=cut")
        if skipping:
            skipping = "" if re.match(rf"^=end[ \t]+{re.escape(skipping)}\b", head) else skipping
            continue
        command = re.match(r"^=(\w+)[ \t]*(.*)", head, re.S)
        if command is not None:
            name, args = command.group(1), command.group(2).strip()
            if name.startswith("head") and name[4:].isdigit():
                out += [f"{'#' * int(name[4:])} {_inline(' '.join(args.split()))}", ""]
            elif name == "over":
                bullets.append(False)
            elif name == "back" and bullets:
                bullets.pop()
            elif name == "item":
                bullet = args.startswith("*") and (args[1:2] in ("", " "))
                words = _inline(args[1:].strip() if bullet else args)
                out += [f"- {words}" if bullet else words, ""]
            elif name == "begin":
                skipping = args.split()[0] if args else ""
            elif name == "for":
                continue
            continue
        if paragraph[:1] in (" ", "\t"):
            lines = paragraph.split("\n")
            indent = min(len(ln) - len(ln.lstrip()) for ln in lines if ln.strip())
            out += [ln[indent:].rstrip() for ln in lines] + [""]
        else:
            out += [_inline(paragraph), ""]
    return "\n".join(out)


def _inline(text: str) -> str:
    """POD's formatting codes as the words they hold (``C<x1 = w1*x>``: ``x1 = w1*x``)."""
    for _ in range(4):
        new = _CODE.sub(_code, text)
        if new == text:
            break
        text = new
    return text


def _code(m: re.Match[str]) -> str:
    letter, inner = (m.group(1), m.group(3)) if m.group(1) else (m.group(5), m.group(6))
    if letter == "E":
        return _ENTITIES.get(inner, chr(int(inner)) if inner.isdigit() else inner)
    if letter in ("X", "Z"):
        return ""
    if letter == "L":
        return inner.split("|")[0]
    return inner
