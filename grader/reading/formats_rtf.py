"""A report saved as Rich Text (a word processor's .rtf, or its source pasted into a .txt): its text, as the word
processor shows it. The control words are read by ``striprtf`` (Unicode escapes ``\\u963?`` as σ, ``\\'b7`` as ·,
``\\par`` as a line break, font and colour tables dropped); a raised or lowered run (``{\\super -u}``,
``{\\sub i=1,2}``) is kept as the power or index it shows (``^{-u}``, ``_{i=1,2}``), which plain text has no other
way to say."""
from __future__ import annotations

import re

# (its text may hold Unicode escapes: "{\\super \\u8722?u}" is the power −u)
_SCRIPT = re.compile(r"\{\\(super|sub)[ \t]*((?:[^{}\\]|\\u-?\d{1,6}\??|\\'[0-9a-fA-F]{2}){1,60})\}")


# a group the page does not show as text: a tracked deletion, struck-through text, hidden text
# (after the run's other control words, as Word writes them: "{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\deleted …}")
_UNSHOWN = re.compile(r"\{(?:\\(?!deleted|strike|v(?![a-z\d]))[a-z]{1,32}-?\d{0,10} ?){0,16}"
                      r"\\(?:deleted|strike(?!0)|striked1|v(?![a-z\d]))")
MAX_GROUPS = 2000


def _unshown(text: str) -> str:
    """The RTF without the groups Word shows crossed out or not at all (``{\\deleted …}``, ``{\\strike …}``,
    ``{\\v …}``): a student's tracked deletion is not their answer (striprtf keeps their text)."""
    out, pos = [], 0
    for m in list(_UNSHOWN.finditer(text))[:MAX_GROUPS]:
        if m.start() < pos:
            continue
        depth, k = 0, m.start()
        while k < len(text):
            if text[k] == "\\":
                k += 2
                continue
            depth += {"{": 1, "}": -1}.get(text[k], 0)
            k += 1
            if depth == 0:
                break
        group = text[m.start():k]
        off = re.search(r"\\(?:strike0|striked0|v0|deleted0)(?![a-z\d])", group)
        if off is not None:  # "{\\f0 \\strike ·x_1\\strike0 ·x}": struck up to where it is switched off, then shown
            out += [text[pos:m.start()], "{", group[off.end():]]
        else:
            out.append(text[pos:m.start()])
        pos = k
    return "".join(out) + text[pos:]


def is_rtf(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("{\\rtf")


def rtf_markdown(text: str) -> str:
    from striprtf.striprtf import rtf_to_text

    scripted = _SCRIPT.sub(lambda m: ("^\\{" if m.group(1) == "super" else "_\\{") + m.group(2).strip() + "\\}",
                           _unshown(text))  # (braces escaped: bare ones would open an RTF group, and be dropped)
    try:
        return str(rtf_to_text(scripted, errors="ignore"))
    except (ValueError, IndexError, RecursionError):  # a broken file: its text as it stands, read as plain text
        return text
