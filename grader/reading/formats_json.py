"""An answer sheet saved as JSON, YAML, TOML, INI or a Python dict literal (``{"1b_i": "…", "1f_grad":
{"dL/dw1": "…"}}``, ``problem1: {b_i: …}``, ``[problem1] b_i = "…"``), as lines of keys and answers.

Parsed with the standard ``json``, ``tomllib``, ``configparser`` (no interpolation) and ``ast`` modules or
PyYAML's ``safe_load``: nothing in it is evaluated (a Python sheet is only parsed, and only its literal
strings, numbers and nested dicts and lists are taken; a YAML sheet with anchors or aliases, which can
multiply a small file into a huge one, is read as text). Each answer becomes a
line ``key: answer`` as a terse sheet writes it: a nested object's keys join its parent's until the key names a
part (``problem1`` → ``problem1_b_i``), a part's own object is written with its keys indented under it, a list's
items on one line; a YAML sheet's comments (its notation, its remarks) come first, as lines of text. A chat's
exported messages are its log, as text. Text that is not an object is returned as it is (it is read as text, or
holds no answer).
"""
from __future__ import annotations

import ast
import configparser
import json
import re
from dataclasses import dataclass
from html import unescape
from typing import Any

from grader.compat import tomllib
from grader.reading.answer_columns import doubted
from grader.reading.formats_board import board_markdown
from grader.reading.formats_cells import zeppelin_markdown
from grader.reading.formats_mindmap import outline_json_markdown
from grader.reading.formats_notes import notes_json_text

MAX_DEPTH = 6  # an answer sheet nests a part's answers under it, no deeper
MAX_LINES = 2000
# a key that names a part by itself: "1f_grad", "problem2_a", "q1.e", "p2c"
_PART_KEY = re.compile(r"(?i)(?:p|q|prob|problem|ex|task|aufgabe)?[._-]?[1-9][._-]?\(?[a-h]\)?(?:[._-]\w+)?")
_ONE_NAME = re.compile(r"[A-Za-zσα-ω](?:_?\{?\d\}?|_?\{?\[\d\]\}?)")  # "a2", "h_2", "a_{2}", "a[2]"
_ROMAN_KEY = re.compile(r"(?i)\(?(i{1,3}|iv)\)?[._ -][a-z]\w*")  # a sub-answer's key: "i_exp", "ii_sigma"
_ANCHOR = re.compile(r"(?m)(?:^|[\s:\[{,-])[&*][\w-]")  # a YAML anchor or alias


def json_lines(text: str) -> str:
    """The JSON object's keys and answers as ``key: answer`` lines, in the sheet's order."""
    try:  # (a key written twice keeps both answers: both are read, as a TA sees both)
        data = json.loads(text, object_pairs_hook=_Pairs)
    except (ValueError, RecursionError):
        return text
    if (notes := notes_json_text(data)) is not None:
        return notes  # a note app's export (Simplenote, Standard Notes): its notes' text
    if (chat := chat_messages(data)) is not None:
        return chat  # a chat's export (Slack, Discord, Matrix, Telegram): its messages, as a log is read
    if (note := zeppelin_markdown(data)) is not None:
        return note  # a Zeppelin note: its %md paragraphs, its code paragraphs fenced
    if (canvas := canvas_text(data)) is not None:
        return canvas  # a canvas of notes (Obsidian's .canvas, JSON Canvas): its text cards
    if (outline := outline_json_markdown(data)) is not None:
        return outline  # an outliner's export (Roam, Logseq): its blocks as a nested list
    if (board := board_markdown(data)) is not None:
        return board  # a whiteboard's export (Excalidraw, tldraw, Mural): its frames and notes in reading order
    return _as_lines(data) if isinstance(data, dict) else text


def canvas_text(data: Any) -> str | None:
    """A canvas of cards (Obsidian's ``.canvas``, the JSON Canvas format: ``{"nodes": [{"type": "text", "text": …,
    "x": …, "y": …}], "edges": […]}``): its text cards as Markdown, in the order the file keeps them (the order they
    were made in, as the student wrote them); cards of files, links and groups have no text of the student's."""
    if not isinstance(data, dict) or not isinstance(nodes := data.get("nodes"), list) or "edges" not in data:
        return None
    cards = [n["text"] for n in nodes[:5_000] if isinstance(n, dict) and n.get("type") == "text"
             and isinstance(n.get("text"), str)]
    return "\n\n".join(cards) + "\n" if cards else None


_MESSAGE_TEXT = ("text", "content", "body", "message", "msg")
_MESSAGE_AUTHOR = ("user_profile", "user_name", "real_name", "author", "sender", "from", "user", "username", "name")
_MESSAGE_LISTS = ("messages", "chat", "history", "items", "data")
_SLACK_MENTION = re.compile(r"<[@#!][^<>\n]{1,80}>")
MIN_MESSAGES = 3


def chat_messages(data: Any) -> str | None:
    """A chat's exported messages in order, each as "author: text" (Slack's list of messages, an export's
    ``{"messages": [...]}`` with ``text``/``content``/``body`` and an author), or None for anything else: a
    study group's log handed in as it was exported is read as the log a TA scrolls through."""
    if isinstance(data, dict):
        data = next((data[k] for k in _MESSAGE_LISTS if isinstance(data.get(k), list)), None)
    if not isinstance(data, list):
        return None
    lines = []
    for message in _in_time_order([m for m in data[:20_000] if isinstance(m, dict)]):
        said = _message_text(message) if message.get("subtype") not in _NOTICES else None
        if said is None:  # (the channel's own notice: "… has joined the channel")
            continue
        author = next((a for a in (_author(message.get(k)) for k in _MESSAGE_AUTHOR) if a), "")
        said = unescape(_SLACK_MENTION.sub("", said)).strip() if "&" in said or "<" in said else said.strip()
        if "```" in said:  # Slack's "```df/dw2 = …```": a block on the message's own lines, its fences on theirs
            said = re.sub(r"[ \t]*```[ \t]*", "\n```\n", said).strip()
        if said:
            lines.append(f"{author}:\n{said}" if author else said)
    return "\n\n".join(lines) + "\n" if len(lines) >= MIN_MESSAGES else None


_NOTICES = {"channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name", "channel_archive",
            "group_join", "group_leave", "pinned_item", "unpinned_item", "message_deleted", "tombstone"}
_ENTITY_MARKS = {"strikethrough": "~~", "code": "`", "bold": "**"}  # Telegram's text pieces, as Markdown marks them


def _message_text(message: dict[str, Any]) -> str | None:
    for key in _MESSAGE_TEXT:
        value = message.get(key)
        if isinstance(value, dict):  # Matrix: "content": {"body": …}
            value = value.get("body") or value.get("text")
        if isinstance(value, list):  # Telegram: "text": ["plain", {"type": "strikethrough", "text": …}]
            value = "".join(v if isinstance(v, str) else _entity(v) if isinstance(v, dict) else ""
                            for v in value[:1000])
        if isinstance(value, str):
            return value[:20_000]
    return None


def _entity(piece: dict[str, Any]) -> str:
    text = str(piece.get("text", ""))
    mark = _ENTITY_MARKS.get(str(piece.get("type", "")), "")
    return f"{mark}{text}{mark}" if mark and text.strip() else text


def _in_time_order(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The messages oldest first, by their time stamps when every one has one (an API dump lists the newest
    first); as listed otherwise."""
    stamps = [next((m[k] for k in ("ts", "timestamp", "date", "origin_server_ts", "time") if k in m), None)
              for m in messages]
    if not messages or any(not isinstance(t, (str, int, float)) for t in stamps):
        return messages
    keys: list[tuple[float, str]]
    try:
        keys = [(float(t or 0), "") for t in stamps]  # Slack's "1773360243.198717", Matrix's milliseconds
    except (TypeError, ValueError):
        keys = [(0.0, str(t)) for t in stamps]  # ISO times sort as text
    order = sorted(range(len(messages)), key=lambda k: keys[k])
    return [messages[k] for k in order]


def _author(value: Any) -> str:
    if isinstance(value, dict):  # Discord: "author": {"name": …}; Slack's "user_profile" is read as "user"
        value = value.get("real_name") or value.get("name") or value.get("nickname") or ""
    return value.strip()[:80] if isinstance(value, str) and len(value) <= 80 and " " not in value.strip()[:1] \
        and not re.fullmatch(r"[UW][A-Z0-9]{6,}", value.strip()) else ""


class _Pairs(dict[str, Any]):
    """A JSON object with its keys in order, a key written twice kept twice (``json`` keeps the last one)."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.pairs = pairs

    def items(self) -> Any:
        return iter(self.pairs)


def yaml_lines(text: str) -> str:
    """The YAML mapping's keys and answers as ``key: answer`` lines; text that is no mapping stays as it is."""
    import yaml

    if _ANCHOR.search(text):
        return text
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError, ValueError):
        return text
    if not isinstance(data, dict):
        return text
    keys = [m.group(1) for m in _TOP_KEY.finditer(text)]
    if len(keys) != len(set(keys)):
        return text  # a key said twice ("p2_a: … not sure, so both"): YAML keeps the last, a TA reads both
    head, remarks = _remarks(text, "#")
    if any(isinstance(data.get(key), (dict, list)) and any(_remark_counts(r) for r in said)
           for (section, key), said in remarks.items() if not section):
        return text  # a remark inside a nested block: which answer it is about is read in place, as text
    return "\n".join(head[:200]) + ("\n\n" if head else "") + _as_lines(_attach(data, remarks, ""))


_COMMENT = re.compile(r"(?m)^[ \t]*#[ \t]?(.{1,500})$")
_TOP_KEY = re.compile(r"(?m)^([\w.-]{1,80}|\"[^\"\n]{1,80}\"|'[^'\n]{1,80}')[ \t]*:(?=[ \t]|$)")
# a top-level key whose answer is quoted or a block ("q1b_i: '\frac{…}'", "q1f_grad: |"): YAML's own writing
_YAML_ANSWER = re.compile(r"(?m)^(?P<key>[\w.-]{1,40}):[ \t]+(?:'|\"|[|>][-+]?[ \t]*$)")


def yaml_sheet_lines(text: str) -> str | None:
    """A text file that is an answer sheet in YAML (a form's answer file handed in as .txt: several parts' keys
    with quoted or block answers, and the whole a mapping YAML reads) as :func:`yaml_lines` writes it, else None."""
    keys = [m.group("key") for m in _YAML_ANSWER.finditer(text, 0, 200_000)]
    if len(keys) < 6 or sum(1 for k in keys if _PART_KEY.fullmatch(k)) < 4:
        return None
    lines = yaml_lines(text)
    return None if lines is text else lines


def _with_remarks(text: str, data: dict[Any, Any], marks: str) -> str:
    """The sheet's lines with its comments where a TA reads them: those above its first key first (its notation),
    each later one that may change it beside the answer it follows (on the key's line, or on the lines under it),
    as a one-row answer table with a note column (which sends that answer to a person)."""
    head, remarks = _remarks(text, marks)
    attached = _attach(data, remarks, "")
    return "\n".join(head[:200]) + ("\n\n" if head else "") + _as_lines(attached)


def remarked_answers(text: str, data: dict[str, Any]) -> dict[str, Any]:
    """A TOML answer file keyed by the rubric's ids with each answer's remarks (``"<id>" = "A"   # not sure,
    maybe B?``, or a comment line under it) written into it when they may change it: such an answer is then
    no formula alone, and a person reads it (tomllib drops comments, a TA does not)."""
    if "#" not in text:
        return data
    _, remarks = _remarks(text, "#")

    def attach(node: dict[str, Any], section: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in node.items():
            said = [r for r in remarks.get((section, key), []) if _remark_counts(r)]
            if isinstance(value, dict):
                out[key] = attach(value, f"{section}.{key}".lstrip("."))
            elif said and isinstance(value, (str, list)):
                note = f"   ({'; '.join(said)})"
                out[key] = f"{value}{note}" if isinstance(value, str) else [f"{v}{note}" for v in value]
            else:
                out[key] = value
        return out

    return attach(data, "")


_SECTION = re.compile(r"[ \t]*\[\[?[ \t]*([^\]\n]{1,80}?)[ \t]*\]\]?[ \t]*(?:[#;].*)?$")
_KEY_LINE = re.compile(r"[ \t]*([\w\"' .-]{1,80}?)[ \t]*[=:]")


def _remarks(text: str, marks: str) -> tuple[list[str], dict[tuple[str, str], list[str]]]:
    """The comments above a sheet's first key, and each later comment by the (section, key) it follows."""
    head: list[str] = []
    remarks: dict[tuple[str, str], list[str]] = {}
    section, key = "", None
    previous_blank = False
    pending: list[str] = []  # whole-line comments after a key, not yet known to be its remarks
    blank_before = False  # … that came after a blank line: over the next key they are its heading ("# (b) conv2:")

    def settle(heading: bool) -> None:
        if pending and not (heading and blank_before):
            (head if key is None else remarks.setdefault((section, key), [])).extend(pending)
        pending.clear()

    for line in text.split("\n")[:20_000]:
        stripped = line.strip()
        if stripped[:1] in marks and stripped:
            said = stripped.lstrip(marks).strip()
            if said:
                if key is None:
                    head.append(said[:500])
                else:
                    blank_before = blank_before if pending else previous_blank
                    pending.append(said[:500])
            previous_blank = False
            continue
        previous_blank = not stripped
        if not stripped:
            settle(heading=False)
            continue
        settle(heading=True)
        if (heading := _SECTION.fullmatch(line)) is not None:
            section, key = ".".join(k.strip("\"' ") for k in heading.group(1).split(".")), None
            continue
        named = _KEY_LINE.match(line)
        if named is not None and (not line[:1].isspace() or key is None):  # (not a value going on below its key)
            key = named.group(1).strip("\"' ")
        if key is not None and (said := _trailing_comment(line, marks)):
            remarks.setdefault((section, key), []).append(said[:500])
    settle(heading=False)
    return head, remarks


def _trailing_comment(line: str, marks: str) -> str:
    """A comment at the end of a line, outside its quoted strings ("d = "s(x2)"   # not sure …")."""
    quote = ""
    line = line.replace('"""', "   ").replace("'''", "   ")  # a long string's quotes ("""   # or …?")
    for k, ch in enumerate(line):
        if quote:
            quote = "" if ch == quote and line[k - 1] != "\\" else quote
        elif ch in "\"'":
            quote = ch
        elif ch in marks and (k == 0 or line[k - 1] in " \t"):
            return line[k + 1:].strip()
    return ""


def _attach(node: dict[Any, Any], remarks: dict[tuple[str, str], list[str]], section: str) -> dict[Any, Any]:
    """The sheet with each key's remarks beside its answer: every one that may change or doubt it (a person then
    reads them together); one that restates the answer ("= s(w2*s(w1*x))") or says how it was found adds nothing."""
    out: dict[Any, Any] = {}
    for raw, value in node.items():
        if isinstance(value, dict):
            out[raw] = _attach(value, remarks, f"{section}.{raw}".lstrip("."))  # [problem2.c]: "problem2.c"
            continue
        said = [r for r in remarks.get((section, str(raw)), []) if _remark_counts(r)]
        out[raw] = _Remarked(value, tuple(said)) if said else value
    return out


def _remark_counts(remark: str) -> bool:
    """Whether a remark beside an answer may change it: it doubts or corrects it, or it is in words this reading
    cannot weigh (another language); not a restatement ("= …") or a how ("quotient rule")."""
    if doubted(remark) or _CHANGE_WORDS.search(remark):
        return True
    if remark.startswith("=") or re.fullmatch(r"[\s\w()*/+^.,:=-]*", remark) and not re.search(r"[A-Za-z]{3,}", remark):
        return False
    return re.search(r"[^\W\d_]", re.sub(r"[A-Za-z]", "", remark)) is not None  # letters of another script


_CHANGE_WORDS = re.compile(r"(?i)\b(?:wrong|should|instead|actually|final\w*|correct\w*|redo|fix\w*|typo|mistake|"
                           r"falsch|faux|errado|sbagliat\w*|incorrect\w*|drop\w*|without|minus|plus|forgot\w*|pad\w*|"
                           r"stride|remove\w*|delete\w*|ignore|not)\b|->|→|=>")


def toml_lines(text: str) -> str:
    """A TOML sheet with the student's own keys (``[problem1]`` ``b_i = "…"``) as ``key: answer`` lines, its
    comments first; text that is not TOML stays as it is."""
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return text
    return _with_remarks(text, data, "#")


def ini_lines(text: str) -> str:
    """An INI sheet (``[problem1]`` ``b_i = …`` or ``b_i: …``, a value going on in indented lines) as ``key: answer``
    lines under their section, its comments first; text that is no INI file stays as it is."""
    parser = configparser.RawConfigParser(strict=True, allow_no_value=True, comment_prefixes=("#", ";"),
                                          inline_comment_prefixes=(" #", " ;", "\t#", "\t;"),
                                          default_section="\x00none")  # (a key given twice: read as text)
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # a key as the student wrote it
    try:
        parser.read_string(text)
    except (configparser.Error, ValueError):
        return text
    data = {name: dict(parser.items(name)) for name in parser.sections()}
    return _with_remarks(text, data, "#;") if data else text


def python_sheet_lines(text: str) -> str | None:
    """A Python file that only assigns a literal dict of answers (``ANSWERS = {"1b": {"i": "…"}, …}``) as
    ``key: answer`` lines, its comments first; None when it is a program (anything else in it)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    sheets = [node.value for node in tree.body if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)]
    others = [node for node in tree.body if not isinstance(node, (ast.Assign, ast.Import, ast.ImportFrom))
              and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
              and not isinstance(node, ast.If)]  # (a docstring, "if __name__ == …: pprint(…)")
    changed = [node for node in tree.body if isinstance(node, ast.Assign)
               and not all(isinstance(t, ast.Name) for t in node.targets)]  # ANSWERS["1d"] = …: a program's work
    if len(sheets) != 1 or others or changed:
        return None
    lines = text.split("\n")
    data = _literal(sheets[0], 0, text, lines)
    if not isinstance(data, dict) or sum(1 for key in data if _PART_KEY.fullmatch(str(key))) < 2 \
            and sum(isinstance(v, dict) for v in data.values()) < 2:
        return None
    first = next((k.lineno for k in sheets[0].keys if k is not None), sheets[0].lineno)
    head = [said for said in _line_remarks(lines[:first - 1]) if said][:200]  # its notation, above its answers
    return "\n".join(head) + ("\n\n" if head else "") + _as_lines(data)


def _literal(node: ast.AST, depth: int, text: str, lines: list[str]) -> Any:
    """A value of the sheet from its syntax tree: strings and numbers, dicts and lists of them; anything else (a
    product ``5*5*1*20 + 20``, a tuple of sizes ``(28, 28)``) as the text written there, never evaluated. The
    comments from a key's line down to the next key are read beside its answer when they may change it."""
    if depth > MAX_DEPTH * 2:
        return None
    if isinstance(node, ast.Dict):
        pairs = [(k, v) for k, v in zip(node.keys, node.values, strict=True) if k is not None]
        out = []
        for n, (k, v) in enumerate(pairs):
            value = _literal(v, depth + 1, text, lines)
            if not isinstance(v, ast.Dict):  # the remarks from its key's line down to the next key: beside it
                stop = pairs[n + 1][0].lineno - 1 if n + 1 < len(pairs) else (node.end_lineno or k.lineno)
                said = [r for r in _line_remarks(lines[k.lineno - 1:stop]) if _remark_counts(r)]
                value = _Remarked(value, tuple(said)) if said else value
            out.append((str(_literal(k, depth + 1, "", [])), value))
        return _Pairs(out)
    if isinstance(node, ast.List) or isinstance(node, ast.Tuple) and any(
            isinstance(item, ast.Constant) and isinstance(item.value, str) for item in node.elts):
        return [_literal(item, depth + 1, text, lines) for item in node.elts[:50]]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    value = (ast.get_source_segment(text, node) or "") if text else ""
    return f"{value} = {total}" if (total := _arithmetic(node)) is not None and not isinstance(node, ast.Constant) \
        else value


def _line_remarks(lines: list[str]) -> list[str]:
    """The comments on a few lines of a Python sheet: whole lines and ends of lines."""
    return [said for line in lines if (said := _trailing_comment(line, "#"))]


def _arithmetic(node: ast.AST, depth: int = 0) -> int | None:
    """A count written as a product of whole numbers (``(5*5*1 + 1) * 20``), worked out from its syntax tree as a
    TA works it out (+, −, × of small whole numbers only; nothing is evaluated)."""
    if depth > 20:
        return None
    if isinstance(node, ast.Constant) and type(node.value) is int and 0 <= node.value < 10**9:
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult)):
        left, right = _arithmetic(node.left, depth + 1), _arithmetic(node.right, depth + 1)
        if left is None or right is None:
            return None
        total = left + right if isinstance(node.op, ast.Add) else left - right if isinstance(node.op, ast.Sub) \
            else left * right
        return total if abs(total) < 10**12 else None
    return None




def _as_lines(data: dict[Any, Any]) -> str:
    out: list[str] = []
    _entries(data, "", 0, 0, out, "")
    return "\n".join(out[:MAX_LINES]) + "\n"


@dataclass(frozen=True)
class _Remarked:
    """An answer with the remarks its sheet writes beside it that may change it."""

    value: Any
    remarks: tuple[str, ...]


def _entries(node: dict[Any, Any], prefix: str, depth: int, level: int, out: list[str], above: str) -> None:
    """``depth``: the indent (a part's answers under its key); ``level``: how deep in the sheet (bounded);
    ``above``: the part's key over these (an answer with remarks is written out with it)."""
    indent = "  " * depth
    for raw, value in node.items():
        if len(out) >= MAX_LINES:
            return
        key = f"{prefix}{raw}"
        if depth > 0 and (roman := _ROMAN_KEY.fullmatch(key)):  # "i_exp", "ii-sigma" under (b): its (i), (ii)
            key = roman.group(1)
        if isinstance(value, dict) and level < MAX_DEPTH:
            if depth > 0 or _PART_KEY.fullmatch(key):
                out.append(f"{indent}{key}:")  # "1f_grad": {"dL/dw1": …}: the part's answers under its key
                _entries(value, "", depth + 1, level + 1, out, f"{above} {key}".strip())
            else:  # "problem1": {"b_i": …}: the part is named by the keys together, problem1_b_i
                _entries(value, f"{key}_", depth, level + 1, out, above)
        elif isinstance(value, _Remarked):  # a row of an answer table with a note column: a note that may change
            named = f"{above} ({key})" if above else key  # the answer sends it to a person, as a TA reads it
            notes = "; ".join(r.replace("|", "/") for r in value.remarks)
            out.extend(["", "| part | answer | note |", "|---|---|---|",
                        f"| {named} | {_shown(value.value).replace(chr(10), ' ').replace('|', '/')} | {notes} |", ""])
        else:
            out.append(f"{indent}{key}: {_shown(value)}")


def _shown(value: Any) -> str:
    """A leaf as text: a string as written (its own line breaks kept as breaks), a list's items joined by ``; ``."""
    if isinstance(value, str):  # a value that is one name ("a2", "h_2") is the answer in a sheet: written as math
        return f"${value}$" if _ONE_NAME.fullmatch(value) else value.replace("\r\n", "\n")
    if isinstance(value, list):
        return "; ".join(_shown(v) for v in value[:50] if not isinstance(v, (dict, list)))
    return "" if value is None or isinstance(value, (dict, list)) else json.dumps(value, default=str)
