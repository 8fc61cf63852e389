"""A hand-in on disk: its code and its answers, whatever form they came in.

A hand-in is a folder (or a single report file). Answers are read from every source it
holds, in a fixed order (:data:`ANSWER_ORDER`): ``answers.toml`` (rubric ids as keys), a
written report (``report.md``/``.txt``/``.tex``), a notebook (``.ipynb``). An item's answer
is the first source's that answers it (a template left empty never wins over a full
report, a stub report never hides a notebook); the report's notes say what was read and
what was ignored, and the pipeline sends an item to ``review`` when two sources answer it
and grade differently. The code is the rubric's code file, else the notebook cell or
fenced code block that defines the network class. Nothing is run here, and a broken file
becomes a note that costs the items it holds.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.compat import tomllib
from grader.errors import SubmissionError
from grader.reading.document import Document, read_document
from grader.reading.formats import SUFFIXES as FORMAT_SUFFIXES
from grader.reading.formats import format_of
from grader.reading.office_packages import MAX_PACKAGE_BYTES, OFFICE_SUFFIXES, PackageError, package_xml

if TYPE_CHECKING:
    from grader.rubric import Rubric


MAX_FILE_BYTES = 1_000_000
MAX_TOML_DEPTH = 32  # nested arrays and tables; an answer file needs a handful
TEX_SUFFIXES = (".tex", ".ltx", ".mkiv", ".mkxl")  # LaTeX's and ConTeXt's sources
WRITTEN_SUFFIXES = (".md", ".txt", *TEX_SUFFIXES, *FORMAT_SUFFIXES, *OFFICE_SUFFIXES)  # in the order a folder's
# report is chosen
REPORT_SUFFIXES = (*WRITTEN_SUFFIXES, ".ipynb")
SCRIPT_SUFFIXES = (".py", ".m", ".jl", ".r")  # a notebook saved as a script (jupytext's percent format, a MATLAB
# live script), or a program that answers in its comments
ANSWER_ORDER = ("answers.toml, then the written report (.md, .txt, .tex, .rst, .org, .adoc, .typ, .qmd, .Rmd, "
                ".html, .wiki, .textile, .dj, .eml, .lyx, .rtf, .csv, .tsv, .json, .yaml, .toml, .ini, .mmd), then the "
                "notebook (.ipynb), then a notebook saved as a script (.py with '# %% [markdown]' cells, .m live "
                "script), a Python file that only holds a dict of answers, or a program that answers in its "
                "comments (.py, .m, .jl, .R)")
MAX_SOURCES = 6  # answer files read per hand-in (each costs reading time); the rest are named in a note
IGNORED_STEMS = ("readme", "license", "requirements", "pyproject", "setup", "tox", "environment")


@dataclass
class Submission:
    id: str
    folder: Path
    code: str | None
    answers: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    code_origin: str = ""
    source: str = ""  # where the answers came from (the first source that holds any)
    others: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # later sources with answers
    over_budget: str = ""  # why the text was not read in full (the reading ran past its budget)

    def answer(self, item_id: str) -> Any:
        """The answer for ``item_id`` from the first source that answers it, or None.

        Keys may be quoted dotted ids (``"part2.c"``), nested tables (``[part2.c]``), or a mix
        (``total`` inside ``["part2.c"]`` answers ``part2.c.total``).
        """
        parts = item_id.split(".")
        found = _lookup(self.answers, parts)
        if has_answer(found):
            return found
        for _, answers in self.others:
            other = _lookup(answers, parts)
            if has_answer(other):
                return other
        return found

    def alternatives(self, item_id: str) -> list[Submission]:
        """This hand-in as each source that answers ``item_id`` would have it alone, in order."""
        parts = item_id.split(".")
        sources = [(self.source, self.answers), *self.others]
        answering = [(name, answers) for name, answers in sources if has_answer(_lookup(answers, parts))]
        for name, answers in list(answering):  # one file answering twice (``"part1.d"`` and ``part1.d``): both count
            others = [v for v in _all_lookups(answers, parts)[1:] if has_answer(v)]
            answering += [(f"{name} (its answer {n + 2} to {item_id})", {**answers, item_id: v})
                          for n, v in enumerate(others)]
        return [Submission(self.id, self.folder, self.code, answers, code_origin=self.code_origin, source=name)
                for name, answers in answering]


def has_answer(value: Any) -> bool:
    """Something written: not None, not blank, not a table or list of blanks."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(has_answer(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(has_answer(v) for v in value)
    sides = getattr(value, "sides", None)
    return has_answer(list(sides)) if sides is not None else True


def _all_lookups(node: Any, parts: list[str], depth: int = 0) -> list[Any]:
    """Every value a spelling of ``parts`` reaches (``"part1.d"``, ``part1.d``, ``["part1"].d``), in lookup order."""
    if not parts:
        return [node]
    if not isinstance(node, dict) or depth > 8:
        return []
    found = []
    for i in range(len(parts), 0, -1):
        key = ".".join(parts[:i])
        if key in node:
            found += [v for v in _all_lookups(node[key], parts[i:], depth + 1) if v is not None]
    return found


def _lookup(node: Any, parts: list[str]) -> Any:
    if not parts:
        return node
    if not isinstance(node, dict):
        return None
    for i in range(len(parts), 0, -1):
        key = ".".join(parts[:i])
        if key in node:
            found = _lookup(node[key], parts[i:])
            if found is not None:
                return found
    return None


def load_submission(path: str | Path, rubric: Rubric) -> Submission:
    """Read a hand-in folder or a single report file; what is missing becomes a note."""
    path = Path(path)
    if path.is_file():
        folder, files, ident = path.parent, [path], path.stem
    elif path.is_dir():
        folder, files, ident = path, [], path.resolve().name
    else:
        raise SubmissionError(f"{path} is neither a hand-in folder nor a report file")
    sub = Submission(ident, folder, None, {})
    if path.is_dir():
        files = answer_files(folder, sub.notes)
    sources = [(_shown(folder, f), _read_source(f, rubric, sub)) for f in files]
    choose_sources(sub, sources, rubric)
    if path.is_dir():
        read_code_file(sub, rubric)
    if sub.code is None:
        sub.notes.append(f"no {rubric.code.file} and no code defining class {rubric.code.class_name}: "
                         "the code checks cannot run")
    return sub


def read_code_file(sub: Submission, rubric: Rubric) -> None:
    """The rubric's code file of a hand-in folder, when there is one (it wins over code in a report)."""
    code_file = sub.folder / rubric.code.file
    if code_file.is_symlink():
        sub.notes.append(f"{rubric.code.file} is a symbolic link; it was not followed")
    elif code_file.is_file():
        sub.code, sub.code_origin = _read_text(code_file, sub.notes), rubric.code.file


def answer_files(folder: Path, notes: list[str]) -> list[Path]:
    """Every answer source of the hand-in in :data:`ANSWER_ORDER` (names in any case; ``report.*`` before
    other names of its kind), at most :data:`MAX_SOURCES`; a folder with none at its top is looked into
    one level down. Nothing is silently left out: what is not read is named in a note."""
    found = _answer_files_in(folder)
    subfolders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()
                        and not p.name.startswith((".", "__")))
    below = [f for sub in subfolders[:20] for f in _answer_files_in(sub)]
    if not found and below:
        found = below
        notes.append(f"no answer file at the top of the hand-in; read from {found[0].parent.name}/")
    elif below:
        notes.append("answer files in subfolders were not read (the top of the hand-in has its own): "
                     + ", ".join(_shown(folder, f) for f in below[:MAX_SOURCES]))
    if len(found) > MAX_SOURCES:
        notes.append(f"{len(found)} possible answer files; only the first {MAX_SOURCES} were read: "
                     + ", ".join(_shown(folder, f) for f in found[:MAX_SOURCES]))
        found = found[:MAX_SOURCES]
    if not found and (unknown := _reports_of_other_formats(folder)):
        found = unknown  # a report in a format no reader here knows: read as plain text, said in a note
        notes.append(f"{found[0].name} is read as plain text: its format ({found[0].suffix}) is not one this "
                     "grader reads")
    if not found:
        notes.append("no answers.toml and no report (report.md, .txt, .tex, .rst, .org, .adoc, .typ, .qmd, "
                     ".Rmd, .html, .ipynb or a notebook saved as .py/.m): "
                     "the written answers cannot be graded")
    return found


def _visible_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


HEAD_BYTES = 200_000  # how much of a file is looked at to tell what it is


def _file_head(path: Path) -> bytes | None:
    """A file's first :data:`HEAD_BYTES`, or None when it cannot be read."""
    try:
        with path.open("rb") as f:
            return f.read(HEAD_BYTES)
    except OSError:
        return None


def _answer_files_in(folder: Path) -> list[Path]:
    files = _visible_files(folder)
    order: list[Path] = [p for p in files if p.name.lower() == "answers.toml"]
    for kind in (WRITTEN_SUFFIXES, (".ipynb",), SCRIPT_SUFFIXES):
        candidates = [p for p in files if p.suffix.lower() in kind and p.stem.lower() not in IGNORED_STEMS
                      and p not in order
                      and (kind is not SCRIPT_SUFFIXES or _script_notebook(p))]
        named = [p for p in candidates if p.stem.lower() == "report"]
        named.sort(key=lambda p: (kind.index(p.suffix.lower()), p.name != f"report{p.suffix.lower()}"))
        order += named + [p for p in candidates if p not in named]
    return order


# a program's or a data file's suffix: never a report, whatever its comments say
_NOT_REPORTS = (".c", ".h", ".cc", ".cpp", ".hpp", ".java", ".js", ".ts", ".go", ".rs", ".rb", ".sh", ".pl", ".php",
                ".cs", ".kt", ".swift", ".scala", ".hs", ".lua", ".sql", ".pt", ".pth", ".ckpt", ".npy", ".npz",
                ".pkl", ".zip", ".gz", ".tar", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".svg",
                ".xlsx", ".pptx", ".log", ".lock", ".cfg", ".gitignore")
_PART_MARK = re.compile(r"(?:^|[\s{=#*|>\[])\(([a-f])\)")  # "(a)", "== (b) ==", "@subsection{(c) …}"
MIN_PART_MARKS = 3  # distinct parts a text must mark to be taken for a report


def _reports_of_other_formats(folder: Path) -> list[Path]:
    """Text files whose suffix no reader knows but which mark the parts of a report ("(a)" … "(c)"): a report
    written in a format of its own (a txt2tags, a Scribble, an AsciiDoc variant), read as plain text."""
    out: list[Path] = []
    for path in _visible_files(folder):
        if path.suffix.lower() in (*REPORT_SUFFIXES, *SCRIPT_SUFFIXES, *_NOT_REPORTS) or path.name == "answers.toml":
            continue
        head = _file_head(path)
        if head is None or b"\0" in head:
            continue  # unreadable, or a binary file
        text = head.decode("utf-8", errors="replace")
        if len({m.group(1) for m in _PART_MARK.finditer(text)}) >= MIN_PART_MARKS:
            out.append(path)
    return out[:MAX_SOURCES]


def _script_notebook(path: Path) -> bool:
    """Whether a ``.py`` or ``.m`` file of the hand-in is a notebook saved as a script (its text cells a report)."""
    from grader.reading.formats_script import is_script_notebook

    head = _file_head(path)
    return head is not None and is_script_notebook(head.decode("utf-8", errors="replace"), path.suffix.lower())


def _shown(folder: Path, path: Path) -> str:
    return path.name if path.parent == folder else f"{path.parent.name}/{path.name}"


def choose_sources(sub: Submission, sources: list[tuple[str, dict[str, Any]]], rubric: Rubric) -> None:
    """The first source with answers answers first; the others fill in what it leaves out. Said in a note."""
    ids = [i.id for i in rubric.items] + list(rubric.text_claims)
    answered = {name: [i for i in ids if has_answer(_lookup(answers, i.split(".")))] for name, answers in sources}
    with_answers = [(name, answers) for name, answers in sources if answered[name]]
    if not with_answers:
        if sources:
            sub.source = sources[0][0]
        return
    (sub.source, sub.answers), sub.others = with_answers[0], with_answers[1:]
    if len(sources) < 2:
        return
    sub.notes.append(f"answers were read from {sub.source} (the order is {ANSWER_ORDER})")
    taken = set(answered[sub.source])
    for name, _ in sources:
        if name == sub.source:
            continue
        if not answered[name]:
            sub.notes.append(f"{name} was ignored: it holds no answer to any item")
            continue
        filled = [i for i in answered[name] if i not in taken]
        taken.update(filled)
        both = [i for i in answered[name] if i in answered[sub.source]]
        sub.notes.append(f"{name} also holds answers: " + (f"{', '.join(filled)} taken from it" if filled
                                                           else "none taken from it")
                         + (f"; {', '.join(both)} also answered in {sub.source} (review where they differ)"
                            if both else ""))


def _read_text(path: Path, notes: list[str], limit: int = MAX_FILE_BYTES) -> str:
    """The file as text (capped, undecodable bytes replaced); each problem becomes a note.

    Symbolic links are not followed: a hand-in must not make the grader read outside it.
    """
    if path.is_symlink():
        notes.append(f"{path.name} is a symbolic link; it was not followed")
        return ""
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        notes.append(f"{path.name} is larger than {limit:,} bytes; only the first part was read")
        data = data[:limit]
    text, encoding = decoded(data)
    if encoding == UNDECLARED:
        notes.append(f"{path.name} is not valid UTF-8 text and declares no encoding; it was read as Windows' "
                     f"{_UNDECLARED} page")
    elif encoding != "utf-8":
        notes.append(f"{path.name} is not UTF-8 text; it was read as {encoding}, as the file says")
    elif "\ufffd" in text:
        notes.append(f"{path.name} is not valid UTF-8 text; unreadable bytes were replaced")
    return text.replace("\x00", "")


# the encoding a file names for itself: an HTML page's meta tag, an XML declaration, a mail's MIME header, LaTeX's
# inputenc, an editor's coding line
_DECLARED = re.compile(rb"""(?:<meta[^<>]{0,120}?charset\s*=\s*["']?|^\s*<\?xml[^<>]{0,60}?encoding\s*=\s*["']"""
                       rb"""|\\usepackage\s*\[|^[^\n]{0,40}-\*-[^\n]{0,40}?coding[:=]\s*|^Content-Type:[^\n]{0,60}?charset="?)"""
                       rb"""([A-Za-z][\w.:-]{1,30})""", re.IGNORECASE | re.MULTILINE)  # (not "encoding=" in a program)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_LATEX_ENCODINGS = {"ansinew": "cp1252", "applemac": "mac-roman"}  # inputenc's names Python's codecs do not know


def decoded(data: bytes) -> tuple[str, str]:
    """Bytes as text and the encoding read: UTF-8 where they are; else a byte-order mark's (Notepad's "Unicode" is
    UTF-16) or the encoding the file declares in its first lines (a Word page in windows-1253); else UTF-8 with its
    stray bytes replaced where most of it reads as UTF-8, or Windows' "ANSI" page (cp1252). Only a codec Python
    knows is used; nothing in the file is run."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:  # (a mark that only looks like one, on bytes that are no such text, is no mark)
                return data.decode(name).lstrip("\ufeff"), "utf-8" if name == "utf-8-sig" else name
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for m in _DECLARED.finditer(data[:4096]):
        name = m.group(1).decode("ascii", errors="replace").lower().rstrip("]}")
        name = _LATEX_ENCODINGS.get(name, name)
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if codec in ("utf-8", "utf-16", "utf-32"):
            continue
        try:
            return data.decode(codec, errors="replace"), codec
        except LookupError:  # ("rot13", "zlib", "base64": no text encoding)
            continue
    text = data.decode("utf-8", errors="replace")
    if sum(1 for c in text if ord(c) > 127 and c != "\ufffd") > text.count("\ufffd"):
        return text, "utf-8"  # UTF-8 with a stray byte (a Latin-1 "é" pasted into code): its own text kept
    return data.decode(_UNDECLARED, errors="replace"), UNDECLARED


# bytes that are no UTF-8 and declare nothing: Windows' "ANSI" page, what Notepad and Word's "plain text" write on a
# Western system (its ×, ², é, µ; what the student saw in their editor)
_UNDECLARED = "cp1252"
UNDECLARED = "cp1252, declared nowhere"  # what :func:`decoded` says it read such bytes as


def _read_source(path: Path, rubric: Rubric, sub: Submission) -> dict[str, Any]:
    """One answer source's answers; whatever goes wrong in it is a note and costs only its answers."""
    try:
        if path.suffix.lower() == ".toml":
            answers = _read_toml(path, sub.notes)
            if not answers or any(has_answer(_lookup(answers, i.id.split("."))) for i in rubric.items):
                return answers
            # a sheet with the student's own keys ([problem1] b_i = "…"): read as a TA reads it, key by key
            sub.notes.append(f"{path.name} does not use the rubric's item ids; it was read as a written answer sheet")
        return _read_report(path, rubric, sub)
    except Exception as exc:  # noqa: BLE001 - malformed text of any kind costs that source's answers only
        sub.notes.append(f"{path.name} could not be read ({type(exc).__name__}); its answers were not read")
        return {}


def _read_toml(path: Path, notes: list[str]) -> dict[str, Any]:
    text = _read_text(path, notes)
    if "\ufffd" in text:
        notes.append("answers.toml was not read")
        return {}
    depth = toml_depth(text)
    if depth > MAX_TOML_DEPTH:
        notes.append(f"answers.toml nests arrays or tables {depth} deep (at most {MAX_TOML_DEPTH}); "
                     "its answers were not read")
        return {}
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        notes.append(f"answers.toml is not valid TOML ({exc}); its answers were not read")
        return {}
    if nesting(data) > MAX_TOML_DEPTH:  # dotted keys nest tables without brackets
        notes.append(f"answers.toml nests tables more than {MAX_TOML_DEPTH} deep; its answers were not read")
        return {}
    from grader.reading.formats_json import remarked_answers

    return remarked_answers(text, data)  # "# not sure, maybe …" beside an answer: read with it


def nesting(value: Any) -> int:
    """How deep tables and arrays nest, counted without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth <= MAX_TOML_DEPTH and isinstance(node, (dict, list)):
            stack.extend((v, depth + 1) for v in (node.values() if isinstance(node, dict) else node))
    return deepest


def toml_depth(text: str) -> int:
    """How deep ``[`` and ``{`` nest outside strings and comments: one linear pass, before any parsing."""
    depth = deepest = i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i = _string_end(text, i + len(quote), quote)
        else:
            if c in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif c in "]}":
                depth = max(0, depth - 1)
            i += 1
    return deepest


def _string_end(text: str, start: int, quote: str) -> int:
    """The offset after the string that began before ``start`` (basic strings know backslash escapes)."""
    j = start
    while True:
        k = text.find(quote, j)
        if k < 0:
            return len(text)
        backslashes = 0
        while quote[0] == '"' and k - backslashes - 1 >= start and text[k - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return k + len(quote)
        j = k + 1


def _office_text(path: Path, notes: list[str]) -> str:
    """An office document's XML (its body's paragraphs, tables and formulas), or "" with a note saying why not."""
    if path.is_symlink():
        notes.append(f"{path.name} is a symbolic link; it was not followed")
        return ""
    with open(path, "rb") as fh:
        data = fh.read(MAX_PACKAGE_BYTES + 1)
    try:
        xml = package_xml(data, path.suffix.lower())
        if len(xml) > MAX_FILE_BYTES:
            notes.append(f"{path.name} holds more than {MAX_FILE_BYTES:,} characters of text and markup; only the "
                         "first part was read")
        return xml[:MAX_FILE_BYTES]
    except PackageError as exc:
        notes.append(f"{path.name} could not be read as an office document: {exc}")
        return ""


def _notes_shown(text: str) -> str:
    """Plain text's "<!-- … -->" notes as a reader sees them, "(note: …)"; an arrow "-->" outside one stays."""
    out, pos = [], 0
    while (start := text.find("<!--", pos)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        out += [text[pos:start], "(note:", text[start + 4:end], ")"]
        pos = end + 3
    return "".join(out) + text[pos:].replace("<!--", "(note:")  # (one never closed is shown all the same)


def _read_report(path: Path, rubric: Rubric, sub: Submission) -> dict[str, Any]:
    from grader.reading.answers import answers_from_document
    from grader.reading.formats_script import c_family_markdown, is_c_family, is_script_notebook, script_markdown
    from grader.reading.notebook import MAX_NOTEBOOK_BYTES, read_notebook
    from grader.reading.numbered_items import numbered_items

    code_cells: list[str] = []
    if path.suffix.lower() == ".ipynb":  # parsed first, outputs dropped, then the text is size-limited
        text, code_cells = read_notebook(_read_text(path, sub.notes, MAX_NOTEBOOK_BYTES), path.name, sub.notes)
    elif path.suffix.lower() in OFFICE_SUFFIXES:
        text = _office_text(path, sub.notes)
    else:
        text = _read_text(path, sub.notes)
    if path.suffix.lower() in SCRIPT_SUFFIXES and is_script_notebook(text, path.suffix.lower()):
        text = script_markdown(text, path.suffix.lower())  # its text cells the report, its code cells fenced code
    if path.suffix.lower() == ".txt" and is_c_family(text):
        text = c_family_markdown(text)  # a C/C++/Java/Go source handed in as text: its comments are the report
    if path.suffix.lower() == ".txt" and "<!--" in text \
            and len(re.findall(r"<[a-zA-Z][^<>\n]{0,40}>", text[:20_000])) < 5:  # (not a page saved as .txt)
        # plain text shows its "<!-- … -->" notes: a TA reads
        text = _notes_shown(text)  # them, no page renders them away (an arrow "-->" stays one)
    text = numbered_items(text, [(i.text.part, tuple(i.text.key), i.check != "manual")
                                 for i in rubric.items if i.text is not None and i.text.part])
    kind = "tex" if path.suffix.lower() in TEX_SUFFIXES else "xml" if path.suffix.lower() in OFFICE_SUFFIXES \
        else format_of(path.name)
    doc: Document = read_document(text, kind)
    sub.notes.extend(doc.notes)  # about the whole report (no part labels found)
    answers = answers_from_document(doc, rubric)
    if sub.code is None:
        _code_from(code_cells + doc.code_blocks, code_cells, path.name, rubric, sub)
    return answers


def _code_from(blocks: list[str], code_cells: list[str], name: str, rubric: Rubric, sub: Submission) -> None:
    pattern = re.compile(rf"^[ \t]*class[ \t]+{re.escape(rubric.code.class_name)}\b", re.M)
    for block in blocks:
        if pattern.search(block):
            where = "a notebook code cell" if block in code_cells else f"a code block of {name}"
            sub.code, sub.code_origin = block, where
            sub.notes.append(f"the code is the class {rubric.code.class_name} in {where} "
                             "(torch, nn and F imports added when missing)")
            return
