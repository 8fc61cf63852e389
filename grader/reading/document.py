"""A written report as positions: blocks from a Markdown (or LaTeX) parser, math pieces, and parts.

The steps, each in its own module: the text becomes blocks and math spans
(:mod:`markdown_tree`, or :mod:`tex_source` for LaTeX source); alignment environments become
rows (:mod:`math_rows`); lines of undelimited math are marked (:mod:`plain_math`); part labels
found at the start of headings, lines, list items and displays become segments (:mod:`parts`).
Everything stays an offset into the text, so a segment (the text of one part) may begin inside
a math block, as ``$$(d) \\frac…$$`` or ``\\quad (i) \\quad`` do.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from grader.expressions.lenient import lost_powers
from grader.expressions.prose_tail import changed_by_words_after, same_form_aside
from grader.expressions.starmath import is_starmath
from grader.reading.answer_columns import note_cells, note_head
from grader.reading.drawn_boxes import unboxed, unframed
from grader.reading.emoji_marks import emoji_marks
from grader.reading.formats import format_of, to_markdown, unwrapped
from grader.reading.formats_board import board_csv
from grader.reading.formats_cards import cards_markdown, inline_cards
from grader.reading.formats_confluence import confluence_markdown, is_confluence
from grader.reading.formats_csv import csv_markdown
from grader.reading.formats_forum import is_bbcode
from grader.reading.formats_html import inline_html
from grader.reading.formats_json import ini_lines, json_lines, toml_lines, yaml_lines, yaml_sheet_lines
from grader.reading.formats_light import is_asciidoc
from grader.reading.formats_lyx import is_lyx, lyx_latex
from grader.reading.formats_mindmap import is_mind_map, mind_map_markdown
from grader.reading.formats_patch import conflict_sides, is_patch, merged_sides, patch_files
from grader.reading.formats_pod import is_pod
from grader.reading.formats_quiz import is_quiz_review, quiz_markdown
from grader.reading.formats_roff import is_roff
from grader.reading.formats_rtf import is_rtf, rtf_markdown
from grader.reading.formats_texinfo import is_texinfo
from grader.reading.formats_texmacs import is_texmacs, texmacs_latex
from grader.reading.formats_wiki import is_creole, is_dokuwiki, is_mediawiki
from grader.reading.indexed_names import counts_from_one, indexed_names
from grader.reading.keyed_answers import keyed_lines
from grader.reading.labels import Label, number_first
from grader.reading.layout import (
    NAMED,
    after_labels,
    asked,
    bare_lines,
    corrected_bare,
    join_cells,
    named_lines,
    not_quoted_old,
    not_struck,
    outline_answers,
    row_key,
    row_names,
    whole_cells,
    without_history,
    without_pitfalls,
    without_roster,
    worded_names,
)
from grader.reading.markdown_tree import Block, line_starts, read_markdown
from grader.reading.math_rows import clean, matrix_close, rows
from grader.reading.mentions import CHANGES, arabic_and_numbered
from grader.reading.omml import word_comments, word_equations
from grader.reading.own_numbering import own_numbering
from grader.reading.parts import Site, segment
from grader.reading.plain_math import _mathlike, doubting_comment, plain_math
from grader.reading.pointers import followed
from grader.reading.program_functions import LANGUAGES as FUNCTION_LANGUAGES
from grader.reading.program_functions import functions_as_formulas, named
from grader.reading.program_loops import fold_loops, point_named, program_formulas
from grader.reading.restated import restated_questions
from grader.reading.revisions import final_version
from grader.reading.row_labels import (
    cross_referenced,
    inline_sub_labels,
    labels_before_rows,
    trailing_part_tags,
    trailing_sub_labels,
)
from grader.reading.slides import slide_titles
from grader.reading.spoken_math import spoken_formulas
from grader.reading.stacked import (
    bracket_columns,
    dash_fractions,
    raised_powers,
    read_block,
    reading_order_sums,
    stacked,
    stacked_sums,
    tall_brackets,
    two_columns,
)
from grader.reading.tables import table_head
from grader.reading.tex_dialects import is_tex_dialect, latex_of_dialect
from grader.reading.tex_source import closing_brace
from grader.reading.unclosed import closed_displays, closed_fences, closed_org_blocks

NO_LABELS = ("no part labels such as (a), b), 1.c, Part (d) or Problem 2 were found in the report, "
             "so its answers could not be matched to the questions")
_TEX = re.compile(r"\\documentclass|\\begin\{document\}|^\s*\\(?:sub)*section\*?\{", re.MULTILINE)


class Macro(NamedTuple):
    """A macro the hand-in defines: how many arguments it takes, its body, and the first argument's default
    where that one is optional (``\\newcommand{\\act}[2][]{…}`` is used as ``\\act{u}`` and ``\\act[1]{u}``)."""
    arguments: int
    body: str
    default: str | None = None


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str = "math"  # inline, display, env or plain for math pieces


@dataclass
class Document:
    text: str
    code_blocks: list[str] = field(default_factory=list)
    code_spans: list[Span] = field(default_factory=list)
    math: list[Span] = field(default_factory=list)  # content offsets (one per row), delimiters excluded
    segments: dict[str, Span] = field(default_factory=dict)  # "1.b", "1.b.i", "2.c" -> text range
    again: dict[str, list[Span]] = field(default_factory=dict)  # a part labelled again later: a summary, a fix
    shared: set[str] = field(default_factory=set)  # later parts of a range label ("(d)–(e)"): its first part's text
    ranged: dict[str, str] = field(default_factory=dict)  # a later part of a range label -> the range's first part
    blocks: list[Block] = field(default_factory=list)
    labels: list[tuple[str, int]] = field(default_factory=list)  # (key, offset) in reading order
    notes: list[str] = field(default_factory=list)  # about the whole report
    noted: list[tuple[int, int]] = field(default_factory=list)  # an answer table's note cells (answer_columns)
    doubted: list[tuple[int, int]] = field(default_factory=list)  # those whose words doubt their row's answer
    remarks: list[Span] = field(default_factory=list)  # the math in them: definitions, no answer
    macros: dict[str, Macro] = field(default_factory=dict)  # \\newcommand: name -> its arguments and body
    asked: dict[int, str] = field(default_factory=dict)  # an answer's end -> the name its question gives it
    corrected: dict[str, list[str]] = field(default_factory=dict)  # part -> the lines that correct its answer

    def segment_text(self, key: str) -> str | None:
        span = self.segments.get(key)
        return None if span is None else self.text[span.start:span.end]

    def math_spans(self, key: str, span: Span | None = None) -> list[Span]:
        """Math pieces inside a segment (or ``span``), clipped to it (a segment may start inside a math block)."""
        span = span or self.segments.get(key)
        if span is None:
            return []
        return [Span(max(m.start, span.start), min(m.end, span.end), m.kind)
                for m in self.math if m.end > span.start and m.start < span.end]

    def read(self, m: Span) -> str:
        """A math piece as read: alignment markup removed; a table row's cells joined by ``=``; an answer
        under a question that names it (``**∂f/∂w3?** → $\\sigma_2(x_2)$``) with that name as its left side."""
        name = self.asked.get(m.end)
        if name is None and m.kind == "inline" and _EQUALS_BEFORE.search(self.text, max(0, m.start - 12), m.start):
            return f"= {self._read(m)}"  # "$σ'(u) = A$ = $B$": B is the next side of the equation before it
        if name is None and m.kind == "inline" and "=" in self.text[max(0, m.start - 3):m.start] \
                and (lead := _PLAIN_LEAD.match(self.text, self.text.rfind("\n", 0, m.start) + 1, m.start)):
            return f"{clean(lead.group('lead'))} {self._read(m)}"  # "dσ1/du = -1·(1+e^{-u})^{-2}·… = $\frac{…}{…}$":
            # a derivation typed in plain text, its result in math: one equation
        return self._read(m) if name is None else f"{name} = {self._read(m)}"

    def _read(self, m: Span) -> str:
        if m.kind == "row":
            return " = ".join(c.strip() for c in self.text[m.start:m.end].strip().strip("|").split("|"))
        if m.kind == "cells":  # "| (d) | $\\partial f/\\partial w_3$ | $\\sigma_2(x_2)$ |": name = answer
            inner = self.text[m.start:m.end]
            pieces = _BETWEEN_PARENS.split(inner) if "\\)" in inner else re.findall(r"\$([^$]+)\$", f"${inner}$")
            cell = self.text[self.text.rfind("|", 0, m.start) + 1:m.start]
            weight = _PART_IN_CELL.match(cell) and _BARE_WEIGHT.fullmatch(pieces[0].strip())
            if weight and (key := row_key(pieces[0])):  # "| 1(e) $w_2$ | $w_3 …$ |": the label's key, not w_2 = …
                return _expand(f"{KEY_NAME}{{K{key}}} = {clean(pieces[-1])}", self.macros)
            row = self.text[self.text.rfind("\n", 0, m.start) + 1:m.end].strip()
            label = row.strip("|").split("|")[0].strip(" $*_") if row.startswith("|") else ""
            rest = pieces[1:] if _BARE_WEIGHT.fullmatch(pieces[0].strip()) else pieces
            if len(rest) >= 2 and label and _BARE_WEIGHT.fullmatch(label) and (key := row_key(label)) \
                    and len(_CHAIN_FACTOR.findall(rest[-2])) >= 2 and not _ASSIGNS.search(rest[-1]):
                # "| $w_2$ | chain rule | result |": the weight names its row, its last cell is its answer
                return _expand(" = ".join([f"{KEY_NAME}{{K{key}}}", *(clean(p) for p in rest[-2:])]), self.macros)
            if len(pieces) >= 3 and _CELL_VALUE.fullmatch(pieces[-1]):  # "| ∂f/∂w_2 | w_3σ_2'σ_1 | 0{,}2194 |":
                return _expand(" = ".join(clean(p) for p in (pieces[0], pieces[-2], pieces[-1])), self.macros)
            return _expand(f"{clean(pieces[0])} = {clean(pieces[-1])}", self.macros)
        if m.kind in ("stacked", "viewer"):  # a fraction a PDF export broke over lines, set on one line
            first = self.text.rfind("\n", 0, m.start) + 1
            block = self.text[m.start:m.end]
            if m.kind == "stacked":
                block = " " * (m.start - first) + block
            return clean(read_block(block, viewer=m.kind == "viewer") or "")
        if m.kind == "plain":  # w <- w - alpha*dL/dw: an ASCII arrow; "2 (f(x) - y) . ∇f": a typed product dot
            piece = self.text[m.start:m.end]
            if piece[:1] == ">" and (quoted := _POINTER_MARK.match(piece)) and "=" in piece \
                    and _INDENTED.match(self.text, self.text.rfind("\n", 0, m.start) + 1, m.start):
                piece = piece[quoted.end():]  # "      > dσ₁/du = σ₁(u)·(1 − σ₁(u))": a quote's mark in an
                # indented (code) block, pointing at the answer (a quote of the lecture is a quote: not here)
            line = self.text[self.text.rfind("\n", 0, m.start) + 1:m.start]
            if piece.strip()[:1] == piece.strip()[-1:] == "|" and piece.count("|") == 2 \
                    and line.lstrip().startswith("|") and line.strip("| \t"):
                return piece.strip().strip("|").strip()  # "| 1(b)(i) | e^(-u)/… |": the answer's cell, after its
                # label's cell in a summary table
            piece = _STRUCK_IN_LINE.sub("", piece) if "~~" in piece else piece  # "~~2(y − f)~~ 2(f − y)": withdrawn
            if (comment := _KEPT_COMMENT.search(piece)) is not None and doubting_comment(comment.group()):
                return _doubted(self._read(Span(m.start, m.start + comment.start(), m.kind)),
                                "a comment beside it changes or doubts it")  # "… # then halved": a person reads it
            if (same := same_form_aside(piece)) is not None:
                piece = piece[:same]  # "…   (같은 식, 분자 분모에 e^u 곱함)": the same formula, rewritten
            if (words := changed_by_words_after(piece)) is not None:  # "σ2(x2), where x2 = …, and this still gets
                return _doubted(self._read(Span(m.start, m.start + words, m.kind)),  # multiplied by w3": the
                                "words after it change it")  # answer is not what it says
            head = table_head(self.text, m.start) if "|" in piece else None
            plain = _DOT.sub(" · ", _R_ASSIGN.sub("←", _unbolded(_row_chain(piece, head))))
            read = clean(plain) if "←" in plain else _expand(_braced_atoms(clean(plain)), self.macros)
            return _doubted(read, "a comment under it changes or doubts it") if self._comment_under(m) \
                else read  # "w = w - lr*g" then "# albo w = w + lr*g" in the fence
        piece = self.text[m.start:m.end]
        if self.macros and _WRAPPER_NAMES.search(piece):  # "\hl" the hand-in's own h, not a highlight around it
            piece = _expand(piece, {k: v for k, v in self.macros.items() if _WRAPPER_NAMES.fullmatch(k)})
        return _expand(_braced_atoms(clean(piece)), self.macros)

    def with_macros(self, math: str) -> str:
        """``math`` with the report's own macros expanded (\\logit for \\Lambda), as its answers are read."""
        return _expand(math, self.macros)

    def math_in(self, key: str) -> list[str]:
        """The math of a segment as read: rows of alignments, without ``&``, ``\\label`` or ``\\tag``."""
        return [self.read(m) for m in self.math_spans(key)]

    def math_with_lines(self, key: str) -> list[tuple[int, str]]:
        """Math pieces of a segment in order, each with the offset of the line it starts on."""
        return [(self.text.rfind("\n", 0, m.start) + 1, self.read(m))
                for m in self.math_spans(key)]

    def _comment_under(self, m: Span) -> bool:
        """A program's line of comment right under a plain formula in a code block that doubts it or offers
        another ("# albo w = w + lr * grad_L", "% or without the x?")."""
        line_end = self.text.find("\n", m.end)
        if line_end < 0:
            return False
        below_end = self.text.find("\n", line_end + 1)
        if not doubting_comment(self.text[line_end + 1:below_end if below_end >= 0 else len(self.text)]):
            return False  # the cheap test first: a report of many formulas has many blocks to look through
        return any(b.kind == "code" and b.start <= m.start and line_end < b.end for b in self.blocks)

    def has_labels(self) -> bool:
        """Whether any part label was found (else answers cannot be matched to questions by place)."""
        return any("." in k for k in self.segments)

    def prose(self) -> str:
        """The text outside code blocks."""
        out, last = [], 0
        for s in self.code_spans:
            out.append(self.text[last:s.start])
            last = s.end
        return "".join(out) + self.text[last:]


_BOLD_MARK = re.compile(r"(?!(?<=[\w)\]] )\*\*(?= [-−]?[\w(]))"  # (1 + exp(-u)) ** 2: a power set apart, no bold
                        r"(?:(?<![\w)\]])(?:\*\*|__)|(?:\*\*|__)(?![\w(\[]|[-−][\w(]))")  # (1+exp(-u))**-2 stays


_CODE_SIDE = re.compile(r"(?<=[^$]\$)([ \t]*=[ \t]*)`([^`\n$]{1,300})`")  # "$σ'(u) = …$ = `exp(-u)/(…)`"
_EQUALS_BEFORE = re.compile(r"(?:[^$]\$|\\\))[ \t]*=[ \t]*(?:\$|\\\()$")  # "$A$ = $": an inline piece led by "="


_POINTER_MARK = re.compile(r">(?:[ \t]*>){0,3}[ \t]+")
_INDENTED = re.compile(r"(?: {4}|\t)[ \t]*$")
# a line of plain math that names a derivative and ends on "=" right before an inline formula
# (after the part's own label, "p1 (d) ∂f/∂w3 = $…$")
_PLAIN_LEAD = re.compile(r"[ \t*_>-]*(?:(?:p|q)?[1-9]?[ \t]?\([a-h]\)(?:\((?:i{1,3}|iv)\))?[ \t]+)?"
                         r"(?P<lead>(?:[dδ∂][^\s/=$`]{0,12}[ \t]?/[ \t]?[dδ∂][^\s=$`]{1,12}"
                         r"|[^\s=$`(]{1,12}['′]\([^()$`\n]{1,12}\))[ \t]*(?:=[^$`\n]{0,300}?)?=)[ \t]*\$")
_MAXIMA_CONSTANT = re.compile(r"%(?:e|pi)\b")
_EMPTY_DASH_COMMENT = re.compile(r"(?m)^--[ \t]*$")
_DASH_COMMENT = re.compile(r"(?m)^--(?=[ \t])")  # a line of notes "-- …" (Haskell's, SQL's, Lua's comment)
MIN_DASH_COMMENTS = 5
_KEPT_COMMENT = re.compile(r"(?<![ \t])[ \t]+(?:#|%|//)[ \t][^\n]*$")  # a program's comment a plain formula kept


# an answer sheet kept as a program's dict or JSON: '"1e_w2": "w3*…",' (a part's label as the key, its answer as a
# string); read as the line "1e_w2  w3*…" an answer sheet writes (same length)
_DICT_ENTRY = re.compile(r"""^([ \t]*)(["'])([1-9][ \t._-]?[a-h](?:[ \t._-]?[\w.]{1,8})?)\2[ \t]*:[ \t]*"""
                         r"""(?:(["'])(?P<text>[^"'\n]*)\4|(?P<raw>\{[^\n]*\}|[\d][\d.,_ ]*))[ \t]*,?[ \t]*$""",
                         re.MULTILINE)


def _entry(m: re.Match[str]) -> str:
    value = (m.group("text") or "").replace("\\\\", "\\") or m.group("raw") or ""  # a repr doubles backslashes
    line = f"{m.group(1)} {m.group(3)}    {value}"
    return line.ljust(len(m.group()))


def _doubted(read: str, why: str) -> str:
    """A formula read with the reason it may not be the answer, joined as a second answer offered ("A or (…)"):
    a side no reading takes, so the item goes to a person with both shown."""
    return f"{read} \\mathrm{{or}} \\text{{({why})}}"


def _unbolded(piece: str) -> str:
    """``**∂f/∂w2 = w3 σ2'(x2) σ1(x1)**, **∂f/∂w1 = …**``: Markdown's bold marks around equations in plain text,
    dropped (``x**2``, ``(…)**-2``, a power between a name and its exponent, stays)."""
    return _BOLD_MARK.sub(" ", piece) if "**" in piece or "__" in piece else piece


def is_latex(text: str) -> bool:
    return _TEX.search(text[:20000]) is not None


_BIDI_MARK = re.compile("[\u200e\u200f\u202a-\u202c\u2066-\u2069\u061c]")  # (not an override: it reorders)
# a Cyrillic keyboard's х typed for x, alone (never a letter of a word: "σ2(х2)", "w1·х"), and у for y where only a
# formula has it ("(у − f)", "у1"): the letters a TA reads (the word "у", "at", stays)
_CYRILLIC_X = re.compile(r"(?<![\u0400-\u04ff])[хХ](?![\u0400-\u04ff])"
                         r"|(?<![\u0400-\u04ff])у(?=[\d₀-₉⁰-⁹ⁱ_^)′']|[ \t]*[−=+*·×/-][ \t]*[\w(σ∂])")
# a function's derivative under an evaluation bar, at a point: "\left.\frac{d\sigma}{du}\right|_{u=x_2}" is σ'(x₂)
_EVALUATED_DERIVATIVE = re.compile(r"(?:\\left\s*\.\s*)?\\[dt]?frac\s*\{\s*d\s*(\\sigma(?:_\{?\d\}?)?)\s*\}\s*"
                                   r"\{\s*d\s*([a-z])\s*\}\s*\\(?:right|[Bb]igg?[rl]?)\s*\|\s*_\s*\{\s*\2\s*=\s*"
                                   r"([^{}]{1,20})\}")
# Arabic-Indic and Persian digits, the Arabic thousands separator and decimal point, its comma, semicolon and
# question mark
_EASTERN_DIGITS = {**{0x0660 + k: ord(str(k)) for k in range(10)}, **{0x06F0 + k: ord(str(k)) for k in range(10)},
                   0x066C: ord(","), 0x066B: ord("."), 0x060C: ord(","), 0x061B: ord(";"), 0x061F: ord("?")}
# a decimal point raised, as British print writes it: after a lone 0 ("0·5", "−0·1068": no one multiplies by
# zero), or before a percentage's two decimals ("99·19 %"); "5·5·20", "(800 + 1)·500" stay products
_RAISED_DECIMAL = re.compile(r"(?<![\d.,·])(0|\d{1,3}(?=·\d{1,2}[ \t]?%))·(?=\d{1,12}(?![\d·]))")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
# （b） f（x）＝ 1／（1＋e⁻ᵘ）, as a Chinese or Japanese input method types them: the ASCII marks they stand for
# (one character for one, so every offset stays; superscripts and subscripts are left as they are)
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0x3002: ord("."), 0x3001: ord(",")} \
    | {0x30FB: ord("·"), 0xFF65: ord("·"), 0x060C: ord(","), 0x061B: ord(";")} \
    | {0x00A0: 0x20, 0x2007: 0x20, 0x202F: 0x20, 0xF0B7: ord("•"), 0xF0A7: ord("▪"), 0xF076: ord("•")} \
    | {0x2010: ord("-"), 0x2011: ord("-")} \
    | {ord(c): ord(".") for c in "।॥។။።།։"} | {0x17D6: ord(":"), 0x104A: ord(","), 0x1363: ord(",")}
# a word processor's hyphens (Q1‑b: a no-break hyphen) as the hyphen; the full stops, colons and commas of Indic,
# Khmer, Myanmar, Ethiopic, Tibetan and Armenian script as the marks they are ("σ(1−σ)។" ends its sentence);
# a Japanese middle dot (w3・σ2) as the product dot; Arabic script's comma and semicolon (x₁ = w₁x ، x₂ = …);
# a word processor's no-break spaces and its private-use bullet glyphs (Symbol/Wingdings), as plain marks; and
# the mathematical alphanumeric letters a PDF of Word's equations is copied as (𝑤, 𝜎, 𝑒: w, σ, e), one for one
_FULL_WIDTH |= {c: ord(n) for c in range(0x1D400, 0x1D800)
                if len(n := unicodedata.normalize("NFKC", chr(c))) == 1 and n != chr(c)}
_FULL_WIDTH[0x212F] = ord("e")  # ℯ: the script e some write for Euler's number (ℯ^{−u})
_FULL_WIDTH[0x210E] = ord("h")  # ℎ: the italic h, missing from the block above (Word's math italic writes it)
# Arabic's short vowels and shadda (المرشّح is المرشح; not the tatweel, the stroke of the label هـ): marks a writer
# may add or not, never part of the spelling a label is looked for by
_FULL_WIDTH |= {c: None for c in [*range(0x064B, 0x0660), 0x0670]}


_COMMENT_MARK = re.compile(r"^[ \t]*(#|//|%)(?:\1|%)*[ \t]?", re.MULTILINE)
# a statement of a program or a formula written as one: "df_dw3 = sig(x2);", "grad = zeros(3,1);", "end"
_STATEMENT = re.compile(r"^[ \t]*(?:[A-Za-z_][\w\[\]().,' ]*?[ \t]*(?:[-+*/.]?=|<-)|(?:for|end|if|while|return|def)\b"
                        r"|[(\[{}\])\"']"  # a data row of a list or dict: ("conv1", 520),
                        # a session's prompt (">> P = […]", ">>> sig(0)"), a printed number row, a rule
                        r"|>>>?[ \t]|[-+\d.eE \t]+$|[=\-_]{5,}[ \t]*$)")


# what a reader of the rendered hand-in never sees: HTML/Markdown comments, LaTeX's \iffalse … \fi and comment
# environment, Org's comment blocks, AsciiDoc's comment blocks, HTML elements marked hidden
_UNSEEN = (("<!--", re.compile(r"<!--[\s\S]*?(?:-->|$)")),
           # (up to its \else: what follows it is printed, "\iffalse A \else B \fi" shows B)
           ("\\iffalse", re.compile(r"\\iffalse(?![A-Za-z])[\s\S]*?(?:\\else(?![A-Za-z])|\\fi(?![A-Za-z])|$)")),
           ("\\begin{comment}", re.compile(r"\\begin\{comment\}[\s\S]*?(?:\\end\{comment\}|$)")),
           # todonotes' \todo{…}: the author's reminder in the margin, which the hand-in's final form drops
           ("\\todo", re.compile(r"\\todo(?![A-Za-z])\s*(?:\[[^\[\]\n]{0,80}\])?\s*\{(?:[^{}]|\{[^{}]*\}){0,2000}\}")),
           ("_comment", re.compile(r"(?im)^[ \t]*#\+begin_comment\b[\s\S]*?(?:^[ \t]*#\+end_comment\b.*$|\Z)")),
           ("////", re.compile(r"(?m)^////[ \t]*$[\s\S]*?(?:^////[ \t]*$|\Z)")),
           # R Markdown's and Quarto's chunks left out of the page ("```{r, include=FALSE}", "#| include: false")
           # and Quarto's hidden content ("::: {.content-hidden}")
           ("include", re.compile(r"(?m)^[ \t]*```+[ \t]*\{[A-Za-z]+[^}\n]{0,200}?\binclude[ \t]*=[ \t]*(?:FALSE|F)\b"
                                  r"[^}\n]{0,200}\}[ \t]*$[\s\S]*?(?:^[ \t]*```+[ \t]*$|\Z)"
                                  r"|^[ \t]*```+[ \t]*\{[A-Za-z]+[^}\n]{0,200}\}[ \t]*\n(?:[ \t]*#\|[^\n]*\n){0,20}?"
                                  r"[ \t]*#\|[ \t]*include:[ \t]*false\b[\s\S]*?(?:^[ \t]*```+[ \t]*$|\Z)")),
           ("content-hidden", re.compile(r"(?m)^[ \t]*:::+[ \t]*\{[^}\n]{0,200}\.content-hidden\b[^}\n]{0,200}\}[ \t]*$"
                                         r"[\s\S]*?(?:^[ \t]*:::+[ \t]*$|\Z)")))
_HIDDEN_OPEN = re.compile(r"<(\w{1,20})\b[^<>]{0,4000}?(?:(?<!:)\shidden(?=[\s>=/\"'])|display\s*:\s*none"
                          r"|visibility\s*:\s*hidden)[^<>]{0,4000}>", re.IGNORECASE)  # (not "overflow: hidden";
# Word's pages write a long style before its "display:none")
_CLOSE_TAG = re.compile(r"</(\w{1,20})\s*>")
_OPEN_TAG = re.compile(r"<(\w{1,20})\b[^<>]{0,4000}(?<!/)>")
MAX_NESTED_STEPS = 20_000  # tags walked to find where one hidden element closes
_ADOC_IFDEF = re.compile(r"(?m)^ifdef::([\w-]{1,40})\[\][ \t]*$[\s\S]*?(?:^endif::[\w-]*\[\][ \t]*$|\Z)")
_ORG_COMMENT_TREE = re.compile(r"(?m)^(\*+)[ \t]+COMMENT\b.*$")


def _blank(m: re.Match[str]) -> str:
    return _spaces(m.group())


def _spaces(text: str) -> str:
    """``text`` as spaces, its line breaks kept (so every offset and line after it stays)."""
    return re.sub(r"[^\n]", " ", text)


# a derivative written with spaces, as a word processor's student types it: "d out / d w2", "d L / d w1"
_SPACED_DERIVATIVE = re.compile(r"(?<![\w/])d[ \t]+([A-Za-z][A-Za-z0-9_]{0,5})[ \t]*/[ \t]*d[ \t]+"
                                r"([A-Za-z][A-Za-z0-9_]{0,3})(?![\w(])")


# LaTeX written into a program's string without doubled backslashes ("\alpha" in a Python literal): its "\a", "\b",
# "\f", "\v" became control characters no editor shows, and "\n", "\t", "\r" before a command's rest became breaks
_CONTROL_ESCAPE = re.compile("\x07(?=lpha|pprox|ngle|st|mp)"
                             "|\x08(?=ig|egin|eta|ar|oldsymbol|inom|ullet|ot|ackslash|rack|ox|m\\b)"
                             "|\x0c(?=rac|orall|lat|box|oot)|\x0b(?=ec|arepsilon|arphi|ert|dots|ee)")  # (a form feed
# alone is a page break: a PDF's text layer has one between its pages)
_CONTROLS = {"\x07": "\\a", "\x08": "\\b", "\x0b": "\\v", "\x0c": "\\f"}
_BROKEN_COMMAND = re.compile("\n(?=(?:abla|eq|eg|ewline|ot)(?![A-Za-z]))|\t(?=(?:imes|heta|ext|frac|au|o|ilde|op)"
                             "(?![A-Za-z]))|\r(?=(?:ight|ho|angle|brace|floor|ceil)(?![A-Za-z]))")


# the sum's index glued to a letter in plain text: "Σ_i 2(f(xi) − yi)·…·xi", "with ai = w1·xi"
_SUM_OVER_I = re.compile(r"(?:Σ|∑|\\sum|\bsum)[ \t]*_[ \t]*\{?[ \t]*i\b|\bfor (?:each|every|all) i\b|\bi ?= ?1 ?, ?2\b")
_GLUED_I = re.compile(r"(?<![A-Za-z\\_])([xy])i(?![A-Za-z(_])")
_GLUED_I_NAMED = re.compile(r"(?<![A-Za-z\\_])([a-hj-oq-wz])i[ \t]*=(?!=)")  # (not "ii", "pi", "xi", "yi")


def _glued_index(text: str) -> str:
    """"f(xi) − yi" in a hand-in that sums over i: the data point's index glued to x and y (and to the hand-in's own
    names defined per point, "ai = w1·xi"), written as the index it is (x^i); "ξ" is never meant where y has it."""
    if not _SUM_OVER_I.search(text) or not re.search(r"(?<![A-Za-z\\])yi(?![A-Za-z(])", text) or lost_powers(text):
        return text  # (a text layer that lost every superscript is read with its powers restored, later, as a whole)
    own = {m.group(1) for m in _GLUED_I_NAMED.finditer(text)}
    glued = re.compile(rf"(?<![A-Za-z\\_])([xy{''.join(sorted(own))}])i(?![A-Za-z(_])") if own else _GLUED_I
    out, pos = [], 0  # (a program's "for (xi, yi) in D" is code, kept as written)
    for opening, close in _fence_pairs(text):
        out += [glued.sub(r"\1^i", text[pos:opening.start()]), text[opening.start():close.end()]]
        pos = close.end()
    left_open = _OPENING.search(text, pos)  # a fence never closed runs to the end
    end = left_open.start() if left_open is not None else len(text)
    return "".join(out) + glued.sub(r"\1^i", text[pos:end]) + text[end:]


# (only a "%" that is its line's first, after text: a comment's own "%" ("% ---- plug in ---- %", "… i.e. 1%") ends
# nothing, the comment line does not take the next one with it)
_PHANTOM_SIDE = re.compile(r"\\h?phantom\s*\{(?:[^{}\n]|\{(?:[^{}\n]|\{[^{}\n]{0,40}\}){0,80}\}){0,120}\}(?=\s*&?\s*=)")
# two inline formulas with only a product's sign between them (a factor set apart, "… times $w_3$"; a sum's "+" may
# join two answers, not one)
_INLINE_PRODUCT = re.compile(r"(?<![$\\])\$(?!\$)([^$\n]{1,2000}?)(?<![\\\s])\$[ \t]*(·|⋅|×|\*|times)[ \t]*"
                             r"\$(?![$\s])([^$\n]{1,2000}?)(?<=\S)\$(?!\$)")
_PRODUCT_SIGN = {"·": "\\cdot", "⋅": "\\cdot", "×": "\\times", "*": "\\cdot", "times": "\\cdot"}


# a table whose head names a problem in each column ("| **P1 — Backprop** | **P2 — CNN** |"), its rows
_PROBLEM_HEAD_CELL = (r"[ \t]*(?:\*+[ \t]*)?"  # (one run of spaces: "[ \t]*\**[ \t]*" split 50,000 of them every way)
                      r"(?:P|Problem|Prob\.?|Aufgabe|Q|Question|Exercise|Ex\.?)[ \t]*[1-9]\b[^|\n]{0,60}")
_PROBLEM_COLUMNS = re.compile(rf"(?m)^[ \t]*\|(?:{_PROBLEM_HEAD_CELL}\|){{2,4}}[ \t]*\n"
                              r"[ \t]*\|(?:[ \t:]*-{2,}[ \t:]*\|){2,4}"
                              r"[ \t]*\n(?:[ \t]*\|[^\n]*\|[ \t]*(?:\n|$)){1,300}", re.IGNORECASE)


def _columns_in_turn(m: re.Match[str]) -> str:
    """A table of problems side by side, each column as its problem's text: its head a heading, its cells lines."""
    rows = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in m.group().strip("\n").split("\n")]
    head, body = rows[0], [r for r in rows[2:] if len(r) == len(rows[0])]
    out = []
    for k, name in enumerate(head):
        out += ["", f"## {name.strip('* ')}", "", *(r[k] for r in body if r[k])]
    return "\n".join(out) + "\n"


def _one_product(m: re.Match[str]) -> str:
    """"$A$ · $B$" as "$A \\cdot B$" when B is a factor; "$x_1 = w_1x$ · $x_2 = …$" (a list of definitions set
    apart by dots) stays as it is."""
    if "=" in m.group(3) or "\\leftarrow" in m.group(3) or ":" in m.group(3):
        return m.group()
    return f"${m.group(1)} {_PRODUCT_SIGN[m.group(2)]} {m.group(3)}$"


def _inline_pairs(m: re.Match[str]) -> str:
    """The opening "$$…$$" of a line as inline math, and every later "$$…$$" pair on that line too ("$$A$$ ·
    $$σ_1(x_1)$$": one formula set in two pieces)."""
    return f"{m.group(1)}${m.group(2)}$" + _DOUBLE_DOLLAR_PAIR.sub(r"$\1$", m.group(3))


_DOUBLE_DOLLAR_PAIR = re.compile(r"\$\$(?=[^\s$])([^$\n]{1,2000}?)(?<=\S)\$\$")
_INDEX_IS_WEIGHT = re.compile(r"\\partial_\{?([a-z])\}?\s*(?:\\equiv|:=|\\coloneqq|=)\s*"
                              r"(?:\\partial\s*/\s*\\partial\s*w_\{?\1\}?|\\frac\s*\{\s*\\partial\s*\}\s*\{\s*\\partial\s*w_\{?\1\}?\s*\})")
_PARTIAL_BY_INDEX = re.compile(r"\\partial_\{?([1-3])\}?\s*(f(?:_w|_\{w\})?|L|\\mathcal\{L\})(?![A-Za-z])")
_WORDPRESS_CODE = re.compile(r"(?m)^[ \t]*\[/?(?:code|sourcecode)(?:[ \t][^\]\n]{0,80})?\][ \t]*$")
_WORDPRESS_LATEX = re.compile(r"\$latex[ \t]+([^$\n]{1,2000}?)\$|\[latex(?:[ \t][^\]\n]{0,80})?\]([\s\S]{1,4000}?)"
                              r"\[/latex\]")
_TEX_COMMENT = re.compile(r"(?m)(?<!\\)%[^\n]*$")
_TEX_LINE_JOIN = re.compile(r"(?m)^((?:[^%\n\\]|\\.)*?[^\s%\\])%[ \t]*\n[ \t]*(?=\S)")


# a line (or list item) that opens with "$$…$$" and goes on with words: the formula is inline (Roam's and Logseq's
# "$$" is their inline math), not a display block whose end is sought on later lines
_OPENING_INLINE_DISPLAY = re.compile(r"(?m)^([ \t>]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?)\$\$(?=[^\s$])([^$\n]{1,2000}?)"
                                     r"(?<=\S)\$\$(?=[ \t]*[^\s$])([^\n]*)")


def _lost_escapes(text: str) -> str:
    """The LaTeX a student meant where a program's string ate its backslashes (only in a text that shows it by its
    control characters: a break or a tab is read as one elsewhere)."""
    text = _CONTROL_ESCAPE.sub(lambda m: _CONTROLS[m.group()], text)
    return _BROKEN_COMMAND.sub(lambda m: {"\n": "\\n", "\t": "\\t", "\r": "\\r"}[m.group()], text)


# LaTeX's notes: a footnote, a note in the margin (todonotes' \todo, the author's reminder, is blanked with what the
# page never shows; a caption, "Problem 2(a) and 2(b).", stays where it is: it names a table, opens no part)
_TEX_NOTE = re.compile(r"\\(?:footnote|marginpar|marginnote|sidenote)(?![A-Za-z])\s*"
                       r"(?:\[[^\[\]\n]{0,80}\])?\s*\{")
MAX_NOTE = 4000


def _notes_apart(text: str) -> str:
    """A LaTeX note (``…$.\\footnote{On second thought the $x$ should not be there …}``) set on lines of its own, as
    the page shows it apart from the sentence that cites it: its words are then read as a remark on the part
    ("On second thought", "Correction:"), not as the end of a sentence. Same length: the command and its braces
    become a paragraph break and spaces."""
    from grader.expressions.dialect_text import closing

    out, pos = [], 0
    for m in list(_TEX_NOTE.finditer(text))[:500]:
        if m.start() < pos:
            continue
        end = closing(text, m.end() - 1)
        if end < 0 or end - m.end() > MAX_NOTE:
            continue
        head = "\n\n" + " " * (m.end() - m.start() - 2) if m.end() - m.start() >= 2 else " " * (m.end() - m.start())
        out += [text[pos:m.start()], head, text[m.end():end], "\n"]
        pos = end + 1
    return "".join(out) + text[pos:]


# a name's definition said in words between two pieces of inline math: "$x_2$ is $w_2 x_1$", "$h$ stands for
# $\sigma(x_1)$" (a short name only: "$\partial f/\partial w_3$ is $\sigma_2(x_2)$" is an answer, read as one)
_NAME_SAID_TO_BE = re.compile(r"(?<![$\\])\$((?:[A-Za-z]|\\[a-zA-Z]{2,8})(?:_\{?[A-Za-z0-9]{1,3}\}?)?"
                              r"(?:\^\{?\(?[A-Za-z0-9]\)?\}?)?)"
                              r"(\$[ \t]*(?:(?<=[ \t])(?:is|stands[ \t]+for|denotes|for)[ \t]+|:=[ \t]*|≔[ \t]*"
                              r"|=[ \t]*)\$)"
                              r"(?=[^$\n]{0,120}?[A-Za-z\\][^$\n]{0,120}\$)")


def _as_definition(m: re.Match[str]) -> str:
    """"$x_2$ is $w_2 x_1$" as "$x_2 =  …  w_2 x_1$" (same length): one equation, a definition the notation reads;
    only in a sentence that says it defines ("In my notation …", "Let …", "where …"), and never a function's
    name ("the upstream gradient at $σ_2$ is $w_3$" says what flows back, not what σ₂ is)."""
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    between = m.group(2)
    symbol = ":=" in between or "≔" in between or "=" in between  # "- $\theta_1$ := $w_1$": a definition by its sign
    listed = re.fullmatch(r"\$\s*for\s*\$", between) is not None  # "- $S$ for $\sigma_1$": a list of names
    if listed and not _LIST_ITEM.fullmatch(m.string, line_start, m.start()):
        return m.group()
    if (m.group(1).startswith(("\\sigma", "\\phi", "\\varphi")) and not symbol and not listed) \
            or not (symbol or listed) and not _DEFINING.search(m.string, max(line_start, m.start() - 160), m.start()) \
            or _AN_OBJECT.search(m.string, max(line_start, m.start() - 30), m.start()) \
            or not _CLAUSE_ENDS.match(m.string, max(m.end(), m.string.find("$", m.end()) + 1)):
        return m.group()  # ("the derivative of $f_w$ with respect to $w_3$ is $σ_2'(x_2)$": w₃ is no subject;
        # "$a$ is $σ_2(x_2)$ multiplied by $w_3$", "$x_1$ is $w_1$ times the input": the formula is not all it is)
    return f"${m.group(1)}" + " = ".ljust(len(m.group(2)))


_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+")
_CLAUSE_ENDS = re.compile(r"[ \t]*(?:[,.;:)]|\band\b|\bor\b|\(|\n|$)")
_AN_OBJECT = re.compile(r"(?i)\b(?:of|to|wrt|w\.r\.t\.|for|at|by|on|in|with|from|than|over|under|times)\s*$")
_DEFINING = re.compile(r"(?i)\b(?:notation|let|where|define[sd]?|denote|write|writing|call|here|i\s+use|we\s+use)\b")


def _unseen(text: str) -> str:
    """The hand-in with what its reader never sees blanked (kept as spaces, so offsets stay): a TA grades the
    rendered page, and an answer left in a comment is no answer."""
    for mark, pattern in _UNSEEN:
        if mark in text:
            text = pattern.sub(_blank, text)
    if "hidden" in text or "none" in text:
        text = _hidden_elements(text)
    if "ifdef::" in text:  # AsciiDoc's ifdef::draft[] … endif::[]: shown only when the attribute is set
        attributes = set(re.findall(r"(?m)^:([\w-]{1,40}):", text))
        text = _blanked(text, [m.span() for m in _ADOC_IFDEF.finditer(text) if m.group(1) not in attributes])
    if "COMMENT" in text:  # Org's "* COMMENT" subtree: hidden down to the next heading of its level or above
        spans, covered = [], 0
        for m in _ORG_COMMENT_TREE.finditer(text):
            if m.start() < covered:
                continue
            end = re.compile(rf"(?m)^\*{{1,{len(m.group(1))}}}[ \t]").search(text, m.end())
            covered = end.start() if end else len(text)
            spans.append((m.start(), covered))
        text = _blanked(text, spans)
    return text


def _hidden_elements(text: str) -> str:
    """``<p hidden>…</p>``, ``<div style="display:none">…</div>``: blanked up to the first closing tag of the
    element's name (found by bisection over the closing tags, so that many unclosed ones cost no more than one)."""
    import bisect

    openers = list(_HIDDEN_OPEN.finditer(text))
    if not openers:
        return text
    names = {m.group(1).lower() for m in openers}
    tags: dict[str, list[tuple[int, int, int]]] = {}  # by name: (start, end, +1 opening / -1 closing), in order
    for pattern, step in ((_CLOSE_TAG, -1), (_OPEN_TAG, 1)):  # (only the names a hidden element has)
        for m in pattern.finditer(text):
            if m.group(1).lower() in names:
                tags.setdefault(m.group(1).lower(), []).append((m.start(), m.end(), step))
    for events in tags.values():
        events.sort()
    spans, covered = [], 0
    for m in openers:
        events = tags.get(m.group(1).lower(), [])
        k = bisect.bisect_left(events, (m.end(), 0, -2))
        if m.start() < covered:
            continue
        end = _closing(events, k)
        if end < 0:
            continue
        spans.append((m.start(), end))
        covered = end
    return _blanked(text, spans)


def _closing(events: list[tuple[int, int, int]], k: int) -> int:
    """Where the element opened just before ``events[k]`` closes (elements of its name nested in it counted); the
    first closing tag after a long walk (a page that never closes what it opens); -1 where none follows."""
    depth = 1
    walked = events[k:k + MAX_NESTED_STEPS]
    first = next((e for e in walked if e[2] < 0), None)
    for _start, end, step in walked:
        depth += step
        if depth == 0:
            return end
    return first[1] if first is not None else -1


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of the (ordered, disjoint) ``spans`` made spaces, its line breaks kept; linear."""
    out, pos = [], 0
    for a, b in spans:
        out += [text[pos:a], _spaces(text[a:b])]
        pos = b
    return "".join([*out, text[pos:]])


def _unstruck(text: str) -> str:
    """A typewriter's overstrikes (a character, a backspace, the same character again: bold; an underscore and a
    backspace: underlined) as the characters a reader sees."""
    text = re.sub(r"_\x08([^\n\x08])", r"\1", text)
    text = re.sub(r"([^\n\x08])\x08(?=\1)", "", text)
    text = re.sub(r"([^\n\x08])\x08_", r"\1", text)
    return text.replace("\x08", "")


def _without_contents(text: str) -> str:
    """A table of contents under its heading ("Table of Contents", "Inhalt", "Índice"): its lines of titles, dot
    leaders and pages taken out (a list of values set with leaders, "stride ........ 1", is no table of contents),
    or its list of titles ("1. Problem 1 — Back propagation", "- [Problem 2](#problem-2)"), which would otherwise
    open each problem once more before its own heading."""
    out: list[str] = []
    inside = listed = False
    for line in text.split("\n"):
        if _CONTENTS_HEAD.fullmatch(line):
            inside, listed = True, False
            out.append(line)
            continue
        title = inside and _CONTENTS_TITLE.fullmatch(line) is not None
        if inside and line.strip() and not _CONTENTS_LINE.fullmatch(line) and not title \
                or inside and listed and not line.strip():
            inside = False
        if inside and (_CONTENTS_LINE.fullmatch(line) or title):
            listed = listed or title
            out.append("")
            continue
        out.append(line)
    return "\n".join(out)


_A_CONTENTS_HEAD = re.compile(r"^[ \t#*_]*(?:table\s+of\s+contents|contents|inhalt|índice|indice|sommaire"
                              r"|table\s+des|содержание|spis\s+treści|obsah|sisällys|innhold|innehåll|inhoud|目次|目录|목차)"
                              r"[ \t:*_]*$",
                              re.IGNORECASE | re.MULTILINE)  # (a cheap look for one before the lines are walked)
_CONTENTS_HEAD = re.compile(r"[ \t#*_]*(?:table\s+of\s+contents|contents|inhalt(?:sverzeichnis)?|índice|indice|sommaire"
                            r"|table\s+des\s+matières|содержание|spis\s+treści|obsah|sisällys(?:luettelo)?|innhold"
                            r"|innehåll|inhoud(?:sopgave)?|目次|目录|목차)[ \t:*_]*", re.IGNORECASE)
# a table of contents' list item: a short title, no math, no value ("2. Jiskt'a 2 — …", "* [Problem 1](#p1)")
_CONTENTS_TITLE = re.compile(r"[ \t]{0,8}(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[-*+•])[ \t]+(?![^\n]*[$=\\])[^\n]{1,100}")
# a table of contents' line: a title, dot leaders, its page number
_CONTENTS_LINE = re.compile(r"[ \t]*(?:[-*][ \t]+)?[^\n.…]{0,6}[\w(][^\n]{0,100}?(?:[.…][ \t]*){4,}+"
                            r"\d{1,3}[ \t]*$")


def _uncommented(text: str) -> str:
    """A hand-in written as code comments (``# (b)(i) dsig/du = …``, ``% (d)`` in an Octave file): the text
    in the comments. Markdown would take each ``#`` line for a heading; a file is read so only when it is
    made of comments with one mark (at least eight lines, a third of them comments) and statements
    (``df_dw3 = sig(x2);``), as a program file is."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    marks = [m.group(1) for ln in lines if (m := _COMMENT_MARK.match(ln))]
    if len(lines) < 8 or len(marks) * 3 < len(lines) or len(set(marks)) != 1:
        return text
    others = [ln for ln in lines if not _COMMENT_MARK.match(ln)]
    if len(marks) * 10 < len(lines) * 9 and sum(1 for ln in others if _STATEMENT.match(ln)) * 4 < len(others) * 3:
        return text  # lines that are neither comments nor statements: a report with a few headings
    return _one_line_functions(_COMMENT_MARK.sub("", text))


def _one_line_functions(text: str) -> str:
    """``def s(u):`` then ``return 1/(1+exp(-u))``: the formula ``s(u) = 1/(1+exp(-u))`` a program writes down."""
    return _DEF_RETURN.sub(lambda d: f"{d.group(1)}{d.group(2)}({d.group(3)}) = {d.group(4)}", text)


# pandoc's Markdown sub- and superscripts, as a converted Word file keeps them: w~2~, e^−u^ (not ~~struck~~)
_PANDOC_SUB = re.compile(r"(?<=[^\s~^$])~(?!~)([\w,]{1,6}|[\w,=()∈+\-−]{1,14})~(?!~)")  # w~2~, Σ~i=1,2~
_BRACKETED_SCRIPT = re.compile(r"(?<=\S)\[([~^])([^\s~^\]\[]{1,12})\1\]")  # Textile's "σ[~1~]", "e[^-u^]"
_PANDOC_SUP = re.compile(r"(?<=[^\s~^$])\^([−\-–]?\w{1,4})\^")


# "sum over i=1,2 of 2(f(x^i)-y^i)*grad f(x^i)", "sum for i = 1..2 of": a sum's range said in words, as a
# plain-text hand-in writes it; made the flat "sum i=1,2 …" that a formula reads
_SPOKEN_SUM = re.compile(r"\b(sum|Σ)\s+(?:over|for)\s+([a-z])\s*=\s*(\d)\s*(,|\.\.\.?|…|to|-)\s*(\d)\s+of\b",
                         re.IGNORECASE)


# "sum over D of 2(f(x) − y)∇f(x)", "sum over (x,y) in D: …", "sum over the (two) data points of …": the sum over the
# data said in words, as Σ_{(x,y)∈D} writes it
_SUM_OVER_DATA = re.compile(r"\b(?:sum|Σ|∑)[ \t]+over[ \t]+(?:D|the[ \t]+data(?:[ \t]*set)?"
                            r"|(?:the[ \t]+|both[ \t]+)?(?:two[ \t]+)?(?:data[ \t]+)?points"
                            r"|\(x[ \t]*,[ \t]*y\)[ \t]+(?:in|∈)[ \t]+D)[ \t]*(?:of\b|:)?[ \t]*",
                            re.IGNORECASE)


# a part label inside a long line: "… (b) (i) dsigma1/du = … (ii) … (c) …", "1a graph, 1b e^(-u)/…, 1c …"
_MID_LABEL = re.compile(r"(?<=[\s,;])(?:\((?P<p>[a-h]|iii|ii|iv|i)\)|(?P<n>[1-9])(?P<q>[a-h])(?=[:)]?\s))")


# a mind map or directory tree exported as text: "│   ├── (d) ∂f/∂w3", "    └── σ2(x2)", ASCII "|-- ", "`-- "
_TREE_BRANCH = re.compile(r"^(?P<rails>(?:[│┃|][ \t\u00a0]{1,4}|[ \t\u00a0])*)(?:[├└┣┗][─━]{1,3}|[|`+]--)[ \t]?"
                          r"(?=[^\s─━┼┬┴│|\-])", re.MULTILINE)
_TREE_RAILS = re.compile(r"^[ \t]*[│┃](?:[ \t]+[│┃])*[ \t]*$", re.MULTILINE)


def _tree_drawing(text: str) -> str:
    """A tree drawn with box characters reads as the nested list it is: each branch a list item, indented by its
    rails (a node's children under it), so its labels start lines and an answer sits under the quantity it answers;
    a line of rails alone is blank."""
    if not any(c in text for c in "├└┣┗") and "-- " not in text:
        return text
    text = _TREE_BRANCH.sub(lambda m: " " * len(m.group("rails")) + "- ", text)
    return _TREE_RAILS.sub("", text)


def _unflattened(text: str) -> str:
    """A text box that lost its line breaks (an LMS, a chat) holds a whole problem on one line: where a long line
    runs through three or more part labels in order ((a), (b), (c) or 1a, 1b, 1c), each starts a line again, as
    the student wrote it."""
    lines = text.split("\n")
    return "\n".join(_broken_at_labels(line) if len(line) > 300 else _sentences_at_labels(line) for line in lines)


# "1a graph. 1b e^-u/(1+e^-u)^2, s(1-s). 1c …", "**P1** a) graph; b) …; c) …": an answer sheet's line that opens
# with a part label and goes on, after a full stop or a semicolon, with the next parts' labels in order
_OPENING_LABEL = re.compile(r"^\s*(?:\*\*[^*\n]{1,12}\*\*\s*)?(?:(?P<n>[1-9])(?P<q>[a-h])|\(?(?P<p>[a-h])\))[\s:.)]")
_SENTENCE_LABEL = re.compile(r"(?<=[.;])\s+(?:(?P<n>[1-9])(?P<q>[a-h])|\(?(?P<p>[a-h])\))(?=[\s:])")


def _sentences_at_labels(line: str) -> str:
    first = _OPENING_LABEL.match(line)
    if first is None or (";" not in line and ". " not in line):
        return line
    problem, last, cuts = first.group("n"), first.group("q") or first.group("p"), []
    for m in _SENTENCE_LABEL.finditer(line, first.end()):
        letter = m.group("q") or m.group("p")
        if letter <= last or m.group("n") != problem:
            return line  # labels out of order or of another problem: a sentence that names a part, not a sheet
        cuts.append(m.start())
        last = letter
    return "\n".join(p.strip() if k else p for k, p in enumerate(_cut_at(line, cuts)))


def _broken_at_labels(line: str) -> str:
    from grader.reading.labels import ROMAN

    marks = list(_MID_LABEL.finditer(line))
    letters = [m for m in marks if (m.group("p") or m.group("q") or "z") in "abcdefgh"]
    kept: list[re.Match[str]] = []
    last = ""
    for m in letters:
        letter = m.group("p") or m.group("q")
        if letter > last and (not kept or m.group("n") == kept[-1].group("n")):
            kept.append(m)
            last = letter
    if len(kept) < 3:
        return line
    cuts = {m.start() for m in kept}
    cuts |= {m.start() for m in marks if m.group("p") in ROMAN[1:] and m.group("p") not in "abcdefgh"}  # (ii)
    pieces = _cut_at(line, sorted(cuts))
    pieces = [p.rstrip(" ,;") for p in pieces[:-1]] + pieces[-1:]
    return "\n".join(p for p in pieces if p.strip())


def _cut_at(line: str, cuts: list[int]) -> list[str]:
    """``line`` cut before each of ``cuts`` (in order): its pieces, each label starting the next one."""
    return [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]


def _spoken_sums(text: str) -> str:
    text = _worded_derivatives(text) if "derivative" in text.lower() or " is " in text else text
    if "plus" in text or "minus" in text or "times" in text:
        text = _SPOKEN_OPERATOR.sub(lambda m: f" {_OPERATOR_SIGN[m.group(1)]} ", text)
        text = _SPOKEN_LEAD.sub(lambda m: f"{m.group(1)}{_OPERATOR_SIGN[m.group(2)]} ", text)
    text = _SPOKEN_OVER.sub(" / ", text) if " over " in text else text
    text = _SUM_OVER_DATA.sub("Σ_{(x,y)∈D} ", text) if " over " in text else text
    return _SPOKEN_SUM.sub(r"\1 \2=\3\4\5", text) if "sum" in text.lower() or "Σ" in text else text


# "the derivative of f with respect to w3 is sigma(q)", "d f / d w3 is sigma2(x2)": a derivative named in words or
# in symbols, then "is" where an equation has "="; only before a formula in plain text (a word, "$", "\(" after
# "is" leave the line as it is: "… is the derivative of σ2 …", "… is $…$" is read by its math); never the object of
# "of" ("the last factor of ∂f/∂w1 is x^i" says what a factor is)
_DERIVATIVE_IS = re.compile(r"(?i)(?:\b(?:the\s+)?(?:partial\s+)?derivative\s+of\s+(?P<f>[^\W\d][\w'′]{0,8})\s+"
                            r"(?:with\s+respect\s+to|w\.?r\.?t\.?)\s+(?P<v>[^\W\d]\w{0,3})"
                            r"|(?<![\w/])(?<!\bof[ \t])"
                            r"(?P<name>[d∂][ \t]?[^\W\d][\w]{0,4}[ \t]?/[ \t]?[d∂][ \t]?[^\W\d]\w{0,3}))"
                            r"[ \t]+(?:is|equals|is[ \t]+equal[ \t]+to)(?:[ \t]+(?:simply|just))?"
                            r"(?P<gap>[ \t]+|[ \t]*\n[ \t]+)"
                            r"(?=(?P<next>[^\s$\\][^\s]*))")


def _worded_derivatives(text: str) -> str:
    """``the derivative of f with respect to w3 is sigma(q)`` as ``df/dw3 = sigma(q)``, ``d f / d w3 is …`` as
    ``d f / d w3 = …``: the words a student writes in place of an equals sign, before a formula."""
    def equation(m: re.Match[str]) -> str:
        if not _mathlike(m.group("next")) or m.group("next").strip(".,;:").lower() in ("a", "i", "e"):
            return m.group()
        name = m.group("name") or f"d{m.group('f')}/d{m.group('v')}"
        return f"{name} ={m.group('gap')}"  # a formula set on the next line stays there
    return _DERIVATIVE_IS.sub(equation, text)


# "w3 * sigma(q) plus w3 * …", "sigma(x2)" / "times (1 - sigma(x2))": an operator said in words between two
# operands (a bracket, a number or a one-letter name before it), or leading a line that goes on with the formula
# above: the sign it names, so the formula is read whole and never cut at the word
_OPERATOR_SIGN = {"plus": "+", "minus": "−", "times": "·"}
_SPOKEN_OPERATOR = re.compile(r"(?:(?<=[)\]\d])|(?<=\b[A-Za-zσ])|(?<=[A-Za-zσ]\d))[ \t]+(plus|minus|times)[ \t]+"
                              r"(?=[(\[\d]|[A-Za-zσ∂∇][\w(^*]|[A-Za-zσ][ \t]*[*·(])")
_SPOKEN_LEAD = re.compile(r"(?m)^([ \t]*)(plus|minus|times)[ \t]+(?=[(\[\d]|[A-Za-zσ][\w(]?[ \t]*[*·(]|[A-Za-zσ]\d?\b)")


# "e^(-u) over (1 + e^(-u))^2": a fraction said in words (a handwriting converter's "a over b"), between a number
# or a bracket and a bracket or a number; never "sum over D", "∇f(x) over (x¹,y¹), (x²,y²)"
_SPOKEN_OVER = re.compile(r"(?<=[\d)\]])[ \t]+over[ \t]+(?=[(\[\d])(?![(\[][^()\[\]\n]*,)")  # not "over (x¹,y¹)"


# pandoc's Markdown from a Word file escapes the marks Markdown uses: "\(b\)", "f\_w", "2 \* x", "(1+e^-u)\^2";
# with no LaTeX command and no dollar sign in the text, "\(" is such an escape, never an inline-math delimiter
_ESCAPED = re.compile(r"\\([()\[\]_*^#~`|<>])")
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]{2,}")


_HTML_START = re.compile(r"\s*(?:<!DOCTYPE html|<html|<body|<div|<p[\s>]|<h[1-6][\s>]|<article|<section)",
                         re.IGNORECASE)
_HTML_TAG = re.compile(r"</(?:p|div|sub|sup|span|li|h[1-6]|strong|em|b|i|td|tr)>", re.IGNORECASE)


# rendered math copied from a page a glyph per line ("d\nσ\n1\nd\nu\n=\ne\n−\nu…"), the line before it the same
# glyphs run together ("dσ1du=e−u(1+e−u)2"): the page's rendering twice over, its powers and fractions lost
_GLYPH_RUN = re.compile(r"(?m)^(?P<flat>[^\n]{3,300})\n(?P<run>(?:[ \t]*\S{1,2}[ \t]*\n){6,})")


def _glyph_columns(text: str) -> str:
    """The hand-in without rendered math pasted twice (run together, then a glyph per line): a TA reads the formula
    the page also gives as text ("[ dσ1/du = e^(−u) / (1 + e^(−u))^2 ]"), never the flattened copies, which read as
    another formula (e−u(1+e−u)2). A flattened line that is not the glyphs' twin, and the glyphs, stay."""
    def twin(m: re.Match[str]) -> str:
        glyphs = "".join(m.group("run").split())
        return "\n" if glyphs == "".join(m.group("flat").split()) else m.group()

    text = _GLYPH_RUN.sub(twin, text) if _GLYPH_RUN.search(text) else text
    return _BRACKET_DISPLAY.sub(lambda m: re.sub(r"\n[ \t]*", " ", m.group()), text) if "[ " in text else text


# a display MathJax shows, copied as its text with the brackets of "\[ … \]" left: "[ ∂f/∂w1 = (chain)" on one
# line, "= w3 · … · x ]" on the next (one line, as a display is one formula)
_BRACKET_DISPLAY = re.compile(r"(?m)^\[[ \t][^\[\]\n]+\n(?:[ \t]+[=+·×*−-][^\[\]\n]*\n){0,5}"
                              r"[ \t]+[=+·×*−-][^\[\]\n]*[ \t]\]$")


# a layer's index written as a bracketed superscript (a^{[2]}, z^{[1]}, g^{[1]}, as a deep-learning course writes
# it): never a power, the layer's own name (a_2)
_LAYER_INDEX = re.compile(r"\^\{?\[([0-9])\]\}?")
# and with a data point's index after it, a^{[2](i)}: layer 2's a at point i, as a_2^{(i)}
_LAYER_AND_POINT = re.compile(r"\^\{\s*\[([0-9])\]\s*(\([a-z0-9]\)|\{\s*\([a-z0-9]\)\s*\})\s*\}")


# a paragraph of a Markdown file that is an HTML block (an LMS editor's "HTML view" pasted in): it opens with a tag
_HTML_PARAGRAPH = re.compile(r"(?m)^(?=<(?:p|div|ul|ol|table|h[1-6]|blockquote|span|pre)[\s>])[^\n]+(?:\n[^\n]+)*\n?")


def _outside_html_blocks(text: str, convert: Callable[[str], str]) -> str:
    """``text`` with ``convert`` applied to what lies between its HTML blocks (each kept as it is)."""
    out, pos = [], 0
    for m in _HTML_PARAGRAPH.finditer(text):
        out += [convert(text[pos:m.start()]), m.group()]
        pos = m.end()
    return "".join(out) + convert(text[pos:])


def _html_paragraphs(text: str) -> str:
    """Each HTML block of a Markdown file as the text a page shows (``<p>x<sub>1</sub> &#8722; …</p>``: x_1 − …),
    its Markdown around it as written; Markdown would show such a block as it is, its markup a reader never sees."""
    from grader.reading.formats_html import html_markdown

    return _HTML_PARAGRAPH.sub(lambda m: html_markdown(m.group()) + "\n", text)


def _pandoc_escapes(text: str) -> str:
    if "\\" not in text or "$" in text or _LATEX_COMMAND.search(text):
        return text
    if len(re.findall(r"\\[+=]", text)) >= 2:  # a word processor's export escapes its signs: "5×5×1×20 \+ 20 \= 520"
        text = _ESCAPED_SIGN.sub(r"\1", text)
    if "\\[" in text:  # "σ′(u) = \[0·(1 + e^−u^) − 1·(−e^−u^)\] / (1 + e^−u^)^2^": brackets pandoc escaped, mid-line
        text = _ESCAPED_BRACKETS.sub(r"\1[\2]", text)  # (in a hand-in with no TeX, a display stands on its own)
    if len(re.findall(r"\\[_*^]", text)) >= 2:
        return _ESCAPED.sub(r"\1", text)
    return _ESCAPED_LABEL.sub(r"(\1)", text)  # "\(ii\) dσ~1~/du = …": a label, not inline math


_ESCAPED_BRACKETS = re.compile(r"(?<=\S)([ \t]*)\\\[([^\n\\]{0,400}?)\\\]")
_ESCAPED_SIGN = re.compile(r"\\([-+=.!\[\]])")


_ESCAPED_LABEL = re.compile(r"\\\(([a-h]|(?:iii|ii|iv|vi|v|i))\\\)")


# pandoc's bracketed spans from a Word file's tracked changes and comments: "[[or]{.insertion author=…}]{…}",
# "[]{.comment-start id=…}"; the text of a span is kept (a tracked deletion is dropped), its attributes never
_SPAN_ATTRIBUTES = re.compile(r"\]\{((?:[.#][A-Za-z][\w-]*|[A-Za-z][\w-]*=)[^{}\n]*)\}")  # not "[3]{#1\times #2}"


# a converter that escaped the math's own backslashes ("$\\sigma\_1'(u) = \\frac{…}$", pandoc writing GitHub Markdown
# from R Markdown): three or more commands doubled so, in a hand-in whose math is written that way
_DOUBLED_COMMAND = re.compile(r"\\\\(?=(?:frac|dfrac|sigma|partial|nabla|sum|alpha|eta|cdot|times|left|right|exp|theta"
                              r"|mathrm|text|big|Big|bigl|bigr|Bigl|Bigr|leftarrow|gets|prime|top|quad|qquad|mathbf"
                              r"|boldsymbol|operatorname|mathcal|in|cdots|ldots|sqrt|lambda|delta|odot)(?![A-Za-z])"
                              r"|[,;!](?!\n))")  # (a spacing command too: "w\\_3\\, \\sigma")


# a statement MATLAB and Octave carry on over the next line with "...": an operator ends the line or starts the next
_CONTINUED = re.compile(r"(?:(?<=[*/+\-^(,=])[ \t]*\.\.\.[ \t]*(?:%[^\n]*)?\n[ \t]*"
                        r"|[ \t]*\.\.\.[ \t]*(?:%[^\n]*)?\n(?:[ \t]{4,}(?=[*/^+])|[ \t]*(?=\.[*/^]|[*/^+](?!\s))))")
# (a line "* x: …" at the margin is a bullet, no factor)


# OCR that reads every minus as an em dash: "(y1 — fw(x1))" inside brackets, more than once
_DASH_IN_BRACKETS = re.compile(r"\(\s*[\w.]{1,4}\s—\s(?![A-Za-z]{3,}\b)[\w(][^()\s]{0,8}[()]")  # (y1 — fw(x1))
# (not "(σ — the sigmoid)"; nor a dash before words: "— 2w is the penalty's gradient")
_DASH_BETWEEN = re.compile(r"(?<=[\w)²³]) — (?=[\w(][^\s—]{0,10}(?:\s|$))"
                           r"(?![^\s—]+\s+(?:[a-z]{2,}\s+){1,2}[a-z]{3,}\b(?!\())", re.M)
_OCR_NABLA = re.compile(r"(?<![\w∇])V(?=_?w_?(?:L|fw?)\b|_?w_?fw?\()")  # the same OCR's ∇ read as V: VwL, Vwfw(x1)
_MATH_LINE = re.compile(r"^.*[=(].*$", re.M)


def _scan_minus(text: str) -> str:
    """A scan whose OCR writes each minus as an em dash ("w := w — a VwL"): between two short names, in a line of
    math, the dash is the minus it stands for; a dash in prose ("— the output of …") stays."""
    if len(_DASH_IN_BRACKETS.findall(text, 0, 200_000)) < 2:
        return text
    return _MATH_LINE.sub(lambda m: _OCR_NABLA.sub("∇", _DASH_BETWEEN.sub(" − ", m.group())), text)


def _doubled_escapes(text: str) -> str:
    if "\\\\" not in text or len(_DOUBLED_COMMAND.findall(text, 0, 200_000)) < 3:
        return text
    return re.sub(r"\\([_*^])", r"\1", _DOUBLED_COMMAND.sub(r"\\", text))


def _pandoc_spans(text: str) -> str:
    if "]{" not in text:
        return text
    for _ in range(50):  # innermost first; spans nest a few deep (an insertion inside a paragraph's insertion)
        for m in _SPAN_ATTRIBUTES.finditer(text):
            opening = _opening_bracket(text, m.start())
            if opening is None:
                continue
            body = "" if ".deletion" in m.group(1) else text[opening + 1:m.start()]
            text = text[:opening] + body + text[m.end():]
            break
        else:
            return text
    return text


def _opening_bracket(text: str, close: int) -> int | None:
    """Where the bracket closed at ``close`` opens ("[… [x]]": brackets inside a span's text are its own)."""
    depth = 0
    for i in range(close - 1, max(-1, close - 5000), -1):
        if text[i] == "]":
            depth += 1
        elif text[i] == "[":
            if depth == 0:
                return i
            depth -= 1
        elif text[i] == "\n" and text[i - 1:i] == "\n":
            return None  # a blank line: no span runs over a paragraph
    return None


# *h*~1~ = *w*~1~*x*: an exporter sets every letter of a formula in italics (Word to Markdown); the letter is the
# name ("2*x*3", a product, has a digit or letter on either side of its stars and stays)
_ITALIC_LETTER = re.compile(r"(?<![\w*\\])\*([^\W\d_]{1,2}|[α-ωσℒ])\*(?![\w*])")


def _italic_letters(text: str) -> str:
    """Only where a text sets at least three single letters in italics (an exported formula), never one ``*x*``."""
    if "*" not in text or len(_ITALIC_LETTER.findall(text, 0, 50_000)) < 3:
        return text
    return _ITALIC_LETTER.sub(r"\1", text)


_BRACKETED_SUB = re.compile(r"(?<=[^\W_]|[∇∑∂)′'])_\(")  # pandoc's plain text: "f_(w)(x^(i))", "∑_(i = 1)^(2)"


# an answer sheet's key said again with a mark ("1e.dw2.fix:", "1e.dw2.alt:", "2c.total.v2:"): another answer for
# the key, which a person compares with the first
_DOTTED_AGAIN = re.compile(r"(?im)^(?P<lead>[ \t]*)(?P<label>\d[a-h](?:\.[a-z]\w{0,12})*?)\."
                           r"(?:fix(?:ed)?|alt\w*|new|corr\w*|v\d|old|edit\w*|redo|revised|second|other|again|2)"
                           r"[ \t]*:"
                           # "1e_w1 (fixed, forgot dz2/da1 = w2): …": the key said again with its fix in brackets
                           r"|^(?P<lead2>[ \t]*)(?P<label2>\d[a-h](?:[._-][a-z]\w{0,12})?)[ \t]*"
                           r"\((?:fix(?:ed)?|corr\w*|"
                           r"redo|revised|edited|v2|second\s+try)\b[^()\n]{0,80}\)[ \t]*:")  # (not "1f(update):")


def _bracketed_subscripts(text: str) -> str:
    """``f_(w)``, ``∇_(w)L``, ``∑_((x, y) ∈ D)``: a converter's subscript in brackets, as a TeX group (``f_{w}``);
    only in a text that writes three or more of them (a converter's habit, not a typo's)."""
    if "_(" not in text or len(_BRACKETED_SUB.findall(text, 0, 200_000)) < 3:
        return text
    from grader.expressions.dialect_text import closing

    out, pos = [], 0
    for m in list(_BRACKETED_SUB.finditer(text))[:5000]:
        if m.start() < pos:
            continue
        inside = closing(text[m.end() - 1:m.end() + 60].split("\n", 1)[0], 0)  # on its line, 60 characters at most
        if inside < 0:
            continue
        end = m.end() - 1 + inside
        out.append(f"{text[pos:m.end() - 1]}{{{text[m.end():end]}}}")
        pos = end + 1
    return "".join(out) + text[pos:]


def _pandoc_scripts(text: str) -> str:
    """Only in a text that has pandoc's subscripts (``~`` is no mark of plain math): ``e^-u/1+e^-u^2``, typed by
    hand, is not read as raised text."""
    if "~" not in text or not _PANDOC_SUB.search(text):
        return text
    text = _BRACKETED_SCRIPT.sub(lambda m: ("_{" if m.group(1) == "~" else "^{") + m.group(2) + "}", text)
    return _PANDOC_SUP.sub(r"^{\1}", _PANDOC_SUB.sub(r"_{\1}", text))


# an outliner's block property (Logseq, Roam: "- answer:: σ2(x2)", "grad:: ∇L = …"): a name and its value; not
# Org's description item "- a :: …"
_OUTLINE_PROPERTY = re.compile(r"(?m)^([ \t]*(?:[-*+][ \t]+)?[^\W\d][^:\n$`]{0,40}?)(?<![\s:])::[ \t]+(?=\S)")


# a highlight (Obsidian, Typora, pandoc's mark): "==Update:== $w ← …$" is the words, marked
_HIGHLIGHT = re.compile(r"(?<![=\w\\])==(?=\w)([^=\n$]{1,80}?)(?<=\S)==(?![=\w])")  # (also "==24×24×20==")
_ROAM_HIGHLIGHT = re.compile(r"(?<![\^\w\\])\^\^(?=\S)([^\^\n]{1,300}?)(?<=\S)\^\^(?![\^\w])")  # Roam's "^^total = …^^"


_HIGHLIGHTED_MATH = re.compile(r"(?<![=\w\\])==(\$[^$\n]{1,400}\$)==(?![=\w])")  # "==$σ(u)(1-σ(u))$=="
_WORD_FOOTNOTE = re.compile(r"^[ \t]*\[(\d{1,2})\][ \t]+(\S.*)$", re.MULTILINE)  # a word processor's "[2] Because …"


def _footnote_marks(text: str) -> str:
    """A word processor's footnote mark glued to a formula (``σ₁(u)(1 − σ₁(u))[2]``) blanked, so it is not read
    as a factor 2, where the footnote says nothing that changes an answer (one that does keeps its mark: the
    formula then reads wrongly, and the note is read as a correction)."""
    if "[" not in text:
        return text
    for m in _WORD_FOOTNOTE.finditer(text):
        if _footnote_corrects(m.group(2)):
            continue
        text = re.sub(rf"(?<=[^\s\[(])\[{m.group(1)}\](?=[\s.,;:]|$)", " " * (len(m.group(1)) + 2), text)
    return text


# a scan's text recognition that reads l as 1 and 0 as O ("Prob1em 2", "fi1ter 5 x 5 x 1 x 2O", "chain ru1e"): a 1
# between letters of a word, an O among digits or alone, an l before a digit or a weight's "wl"
_OCR_ONE = re.compile(r"(?<=[A-Za-z]{2})1(?=[a-z]{2})|(?<=\b[A-Z][a-z]{2})1(?=[a-z])|(?<=\bre)1(?=u\d?\b)"
                      r"|(?<=\bpoo)1(?=1?\b)|\b1(?=ocal|oss|earning)")
_OCR_WORD_END = re.compile(r"\b(tota|channe|fina|mode|kerne|labe)1\b")  # "tota1", "channe1 dim"
_OCR_ZERO = re.compile(r"(?<=\d)O|(?<![\w.])O(?=\d)|(?<=[:=][ \t])O(?![\w(])|(?<=\d[ \t]x[ \t])O\b"
                       r"|(?<=[ \t]{3})O(?=[ \t]*(?:\n|$))")  # "pool1 :      O": a column's count
# a number a scan wrote with letters O and l among its digits (a digit in it, letters only at its ends' inside)
_OCR_NUMBER = re.compile(r"(?<![A-Za-z\d])(?=[\dOl.,]*\d)(?=[\dOl.,]*[Ol])[\dOl](?:[\dOl]|[.,](?=[\dOl]))*"
                         r"(?![A-Za-z\d])"
                         r"|(?<=[+·×*=/(][ \t])l[O]{1,3}(?![A-Za-z\d])")  # "+ lO": a term, 10
_OCR_DIGITS = str.maketrans("Ol", "01")
_OCR_L = re.compile(r"(?<![\w.])l(?=\d)|(?<=w)l\b|(?<=\()l(?=[ \t]?[-−+][ \t]?[A-Za-zσ])"  # "l2", "wl", "(l - s2)"
                    r"|(?<=\d)l(?=[\d,.]|\b)|(?<=[\d,.])l(?=\d)")  # "43l,080", "5,0l0", "500.l0": inside a number
_OCR_NAME_L = re.compile(r"(?<![A-Za-z\d\\])([uosahx])l(?![A-Za-z0-9])")  # "ul", "sl": u1, s1 (where u1 is written)
_INK_NAME_L = re.compile(r"(?<![A-Za-z\d\\])([σw])l(?![A-Za-z0-9_])")  # "σl(wl x)": σ1, w1 (where they are written)
_OCR_BARE_NABLA = re.compile(r"(?<![\w\\])V(?=[Lf]\b|[Lf]\(|_?w\b)")  # "VL", "Vf(x^1)": the scan's ∇
# "o1 = o2 = o = 1/(1+e^-u)": the scan's σ, said to be the sigmoid by its formula
_OCR_SIGMA_DEFINED = re.compile(r"(?m)^[^\n]*?(?<![\w\\])o(?:[12])?(?:\([a-z]\))?"
                                r"(?:[ \t]*=[ \t]*o[12]?(?:\([a-z]\))?)*[ \t]*=[ \t]*1[ \t]*/[ \t]*\(")
_INK_SIGMA_DEFINED = re.compile(_OCR_SIGMA_DEFINED.pattern.replace("o", "[oG]"))  # ink's σ may be a G too
_OCR_O_APPLIED = re.compile(r"(?<![\w\\.])o(?=[12]?['′]?\()")  # not "o (": a word ("or" in Spanish)
_OCR_D_O = re.compile(r"(?<![\w\\])do(?=[12]?[ \t]*/[ \t]*d)")  # "do1/du": the scan's dσ1/du


# the other way round, ink read as text: every 1 an l ("Problem l", "l/(l+e-u)", "wl x", "l2 x l2 x 20", "stride l"),
# ∂ an 8 ("8out/8W2"), a weight's w a capital W: an l alone, or after one of the network's one-letter names
_INK_ELL = re.compile(r"(?<![A-Za-z0-9_'])l(?![A-Za-z0-9(])")
_INK_ONE = re.compile(r"(?<![A-Za-z0-9_'])l(?![A-Za-z(])|(?:(?<=\b[wxyhoazsGWXH])|(?<=[d∂][wxh]))l(?=\b|[i]\b)"
                      r"|(?<=\d[xX])l(?=\b|\d)|(?<=\d)l(?=\d)")
_INK_SIGMA = re.compile(r"(?<![\w\\])G(?=[12]?\()")  # "G2( w2 Gl(w1 x) )": σ again, in a hand-in that defines σ
_INK_PARTIAL = re.compile(r"(?<![\w.])8(?=[A-Za-z]\w{0,3}(?:\([^()\n]{0,12}\))?[ \t]*/[ \t]*8[A-Za-z])"
                          r"|(?<=/)([ \t]*)8(?=[A-Za-z])")
_INK_WEIGHT = re.compile(r"(?:(?<![\w\\])|(?<=[/ (]d)|(?<=∂))W(?=[123](?![\d×x]))")  # "W2", "df/dW2"


def _ink_fixed(text: str) -> tuple[str, bool]:
    """Ink converted to text that writes every 1 as an l (six lone l's or more, more than the lone 1's): each 1, ∂
    and w put back (σ is put back by :func:`_ocr_fixed`); and whether it was such a text."""
    ells = len(_INK_ELL.findall(text, 0, 100_000))
    if ells < 6 or ells <= len(re.findall(r"(?<![\w.])1(?![\d.,])", text[:100_000])):
        return text, False
    text = _INK_PARTIAL.sub(lambda m: f"{m.group(1) or ''}∂", text)
    return _INK_WEIGHT.sub("w", _INK_ONE.sub("1", text)), True


_FILLED = re.compile(r"\[\[[ \t]*([^\[\]]{0,600}?)[ \t]*\]\]")
_BLANK = re.compile(r"_{4,}")


# an answer written into a worksheet's blank, between its underscores ("Output after conv1: ____24×24×20____"); a
# blank left empty ("Score: ____ / 20") or a rule ("______") holds nothing
_UNDERSCORED = re.compile(r"(?<![\w\\])_{3,}(?=[^\s_])((?:[^_\n]|_(?!__)){1,600}?)(?<=[^\s_])_{3,}(?!\w)")


def _underscored_answers(text: str) -> str:
    """Each answer a worksheet's blank holds, its underscores made spaces: a line's answer as if typed on it."""
    return _UNDERSCORED.sub(lambda m: f" {m.group(1)} ", text)


def _filled_blanks(text: str) -> str:
    """A handout's sheet with its blanks filled in ("(d) df/dw3 = ______      [[ sigma2(x2) ]]"): each answer set
    where its line's blank is (an answer wrapped over lines first joined), the brackets dropped elsewhere."""
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        while "[[" in line and "]]" not in line[line.rfind("[["):] and k + 1 < len(lines) and len(line) < 2000:
            k += 1
            line = f"{line.rstrip()} {lines[k].strip()}"  # "[[ w3 σ' σ1" / "= w3 σ(1−σ) σ1 ]]": one answer
        below = _FILLED.match(lines[k + 1].strip()) if k + 1 < len(lines) and "[[" not in line else None
        blanks = list(_BLANK.finditer(line))
        if below is not None and blanks:  # "grad_w L = ______" / "[[ -2 (y^1 - …) ]]": the answer under its blank
            said = re.split(r"[ \t]{2,}", below.group(1).strip()) if len(blanks) > 1 else [below.group(1)]
            if len(said) == len(blanks):  # "filter size ____ stride ____" / "[[ 5 x 5   1   20 ]]": in order
                for blank, answer in reversed(list(zip(blanks, said, strict=True))):
                    line = line[:blank.start()] + answer + line[blank.end():]
                out.append(f"{line} {lines[k + 1].strip()[below.end():].strip()}".rstrip())
                k += 2
                continue
        filled = _FILLED.search(line)
        gap = _BLANK.search(line, 0, filled.start()) if filled is not None else None
        if filled is not None and gap is not None:
            line = line[:gap.start()] + filled.group(1) + line[gap.end():filled.start()].rstrip() \
                + line[filled.end():]
        out.append(_FILLED.sub(lambda m: m.group(1), line))
        k += 1
    return "\n".join(out)


def _ocr_fixed(text: str) -> str:
    """A scan's text with the recognizer's usual swaps undone, only where it shows three or more of them (or is ink
    converted to text)."""
    text, inked = _ink_fixed(text)
    defined = (_INK_SIGMA_DEFINED if inked else _OCR_SIGMA_DEFINED).search(text) is not None
    if len(_OCR_ONE.findall(text, 0, 100_000)) >= 3 or defined or len(_OCR_ZERO.findall(text, 0, 100_000)) >= 4:
        # (four letter O's inside numbers, "52O", "25 05O", "400 5OO": a scan, whatever else it shows)
        text = _OCR_WORD_END.sub(r"\1l", _OCR_ONE.sub("l", text))
        for _ in range(3):  # "4OO5OO": each O after the one before it
            text = _OCR_ZERO.sub("0", text)
        text = _OCR_BARE_NABLA.sub("∇", _OCR_NABLA.sub("∇", _OCR_L.sub("1", text)))
        text = _OCR_NUMBER.sub(lambda m: m.group().translate(_OCR_DIGITS), text)  # "500.lO", "5,OlO", "43l,O8O"
        text = _OCR_NAME_L.sub(lambda m: f"{m.group(1)}1" if f"{m.group(1)}1" in text else m.group(), text)
    if "l" in text and ("σl" in text or "wl" in text):  # "σ2( w2 σl(wl x) )": a handwritten 1 read as l, alone
        text = _INK_NAME_L.sub(lambda m: f"{m.group(1)}1" if f"{m.group(1)}1" in text else m.group(), text)
    if len(_OCR_Z.findall(text, 0, 100_000)) >= 2:
        text = _OCR_Z.sub(lambda m: f"{m.group(1)}2" if f"{m.group(1)}2" in text else m.group(), text)
    if defined:
        text = _OCR_O_APPLIED.sub("σ", _OCR_D_O.sub("dσ", text))
    if inked:  # "62(x2)(1 - 62(x2))", "G2( w2 G1(w1 x) )": σ₂ as the converter wrote it
        text = _OCR_SIGMA.sub("σ", text)
        text = _INK_SIGMA.sub("σ", text) if defined else text
    return text


# "wz", "uz", "oz(u2)": a handwritten 2 read as z after one of the hand-in's one-letter names (only where the same
# name with a 2 is in the text too, and two of them or more: "oz" alone may be an ounce)
_OCR_Z = re.compile(r"(?<![A-Za-z\d\\])([wuo])z(?![A-Za-z0-9])")
# σ₁ that a handwriting reader took for "o" or "6" ("o1(x1)", "62(x2)", "o_{1}\left(x_{1}\right)"), in a hand-in that
# writes σ elsewhere: only applied to one of the network's own names, where "o" or 62 times it would mean nothing
_OCR_SIGMA = re.compile(r"(?<![\w\\.])[o6](?=_?\{?[12]\}?[ \t]*(?:\\left)?\([ \t]*[A-Za-z](?:_?\{?[12]\}?)?"
                        r"(?:\^\{?\(?[a-z\d]\)?\}?)?[ \t]*(?:\\right)?\))")
# (also "o1(A)", "6_2(B^i)": σ as a keyboard without Greek typed it, applied to one of the hand-in's own names, in a
# hand-in that says sigma in words)
_SIGMA_WORD = re.compile(r"\bsigma", re.IGNORECASE)
# a hand-in that says how its scan or photo wrote σ: "6 = sigma", "o1 is sigma1", "sigma looks like o"
_DECLARED_SIGMA = re.compile(r"(?i)(?<![\w.])[\"'“‘]?(?P<g>[o06])(?:[12])?[\"'”’]?[ \t]+(?:=|is|means|stands[ \t]+for)"
                             r"[ \t]+(?:the[ \t]+|a[ \t]+)?(?:sigma|σ)[12]?(?![\w(_'′{\\~^])(?![ \t]*\()"
                             # (not o = σ(v), nor pandoc's "o = σ~2~(w~2~h)")
                             r"|\bsigma\w*[ \t]+(?:\w+[ \t]+){0,3}?"
                             r"(?:looks?|comes?|reads?|turns?|turned|becomes?|became)"
                             r"[ \t]+(?:out[ \t]+)?(?:like|as|into)[ \t]+(?:an?[ \t]+)?[\"'“‘]?(?P<h>[o06])(?![\w.])"
                             # "6(u) = 1 / (1 + e^-u)": a scan's σ, defined as the sigmoid
                             r"|(?<![\w.])(?P<k>[o6])[ \t]*\([ \t]*[a-z][ \t]*\)[ \t]*:?=[ \t]*1[ \t]*/[ \t]*"
                             r"\(?[ \t]*1[ \t]*\+"
                             r"[ \t]*(?:e|exp)\b")


def _glyph_as_sigma(glyph: str) -> re.Pattern[str]:
    """Where the declared glyph stands for σ: before its index and an argument (``61(x1)``, ``o2 (b)``), or after a
    derivative's d (``d61/du``); a 0 only with its index, as a count of 0 is common."""
    after = r"[12](?![\d.,])" if glyph == "0" else r"(?:[12](?![\d.,])|[ \t]?\(|['′][ \t]?\()"  # (and "6'(u)")
    return re.compile(rf"(?<![A-Za-z0-9.,']){re.escape(glyph)}(?={after})"
                      rf"|(?<=(?<![A-Za-z0-9])[d∂]){re.escape(glyph)}(?=[12]?(?:\s|/|\)|$))")


_STRUCK_IN_LINE = re.compile(r"~~[^~\n]{1,300}~~")
_MID_BULLET = re.compile(r"(?<=[\w)\]}])[ \t]*•[ \t]*(?=[\w(\[{\\σ∂])")
_NOTE_WORD = re.compile(r"(?<![\\\w])(?!(?:exp|sig\w*|sum|log|tanh|grad|nabla|alpha|eta|delta|partial)\b)[^\W\d_]{3,}")


# an aside set in italics or bold (a wiki's //…//), "… $σ(u)(1-σ(u))$ *(or maybe σ(1+σ)? not sure)*": read as the
# aside it is (its markers would hide the bracket from the readings of hedges and asides)
_EMPHASIZED_ASIDE = re.compile(r"(?<=[ \t])([*_]{1,3}|//)"
                               r"(\((?:[^()\n]|\((?:[^()\n]|\([^()\n]{0,80}\)){0,120}\)){1,300}\))"
                               r"\1(?![\w*_])")
_DASH_BULLET = re.compile(r"[ \t]*[–•▪◦‣●○■➢][ \t]+\S|(?:\t|[ \t]{2,})o[ \t]+\S")


def _dash_bullets(text: str) -> str:
    """An en dash that opens a line among bulleted lines (PowerPoint's, Word's second level: "• Notation:" /
    "   – a = w₁x") is a bullet, as "•" is, not a minus on the formula after it; so is an indented "o" (Word's and
    OneNote's second level pasted as text: "\t\to =w_3∙σ_2 (x_2 )…"), not a name set equal to the formula."""
    lines = text.split("\n")
    bulleted = [bool(_DASH_BULLET.match(ln)) for ln in lines]
    for i, ln in enumerate(lines):
        lead = len(ln) - len(ln.lstrip(" \t"))
        minus = ln[lead:lead + 1] == "–" and (_TERM_AFTER.match(ln, lead + 1) is not None
                                               or i > 0 and _OPEN_END.search(lines[i - 1]) is not None)
        if minus and _TERM_AFTER.match(ln, lead + 1) and i > 0 and "=" in lines[i - 1]:
            ln = lines[i] = ln[:lead] + "−" + ln[lead + 1:]  # "     – 2(y² − f_w(x²))·…": the sum above goes on
        among = i > 0 and bulleted[i - 1] or i + 1 < len(lines) and bulleted[i + 1]
        if bulleted[i] and (ln[lead:lead + 1] in ("–", "o") and not minus and among
                            or ln[lead:lead + 1] in _GLYPHS):  # "▪ or σ1(u)·(1 + σ1(u))?": a third level
            ln = lines[i] = ln[:lead] + "•" + ln[lead + 1:]
        if i > 0 and _BULLET_GOES_ON.match(ln) and "=" in lines[i - 1]:
            lines[i] = _BULLET_GOES_ON.sub(r"\1 \2", ln, count=1)  # "• dσ/du = …" / "• = e^(−u)/…": the bullet
            # goes on with the equation above, its next side (never a line of its own that names nothing)
    return "\n".join(lines)


_GLYPHS = "▪◦‣●○■➢"
_TERM_AFTER = re.compile(r"[ \t]*[\d(\[{]")  # "   – 2(y² − f(x²))·…": a term the sum above goes on with, a minus
_OPEN_END = re.compile(r"[-+−–·*×/(=][ \t]*$")  # (or any line after one that ends on an operator)
_BULLET_GOES_ON = re.compile(r"([ \t]*)•[ \t]*(=(?!=))")


def _bullet_product(m: re.Match[str]) -> str:
    """A bullet between two pieces of a formula is a product typed as a bullet ("w3 • σ2(x2)(1-σ2(x2)) • σ1(x1)");
    one before words ("• 2 data points", "20 • 50 filters") or between two equations sets them apart and stays."""
    line_end = m.string.find("\n", m.end())
    after = m.string[m.end():len(m.string) if line_end < 0 else line_end].split("•")[0]
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    before = m.string[line_start:m.start()].split("•")[-1]
    if _NOTE_WORD.search(after) or "=" not in before + after and _NOTE_WORD.search(before) \
            or "=" in before and "=" in after:
        return m.group()  # (and "x1 = w1·x • x2 = …": two equations listed)
    return " · "


_BE_DEFINED = re.compile(r"(?:^|[:(,;]|\blet\b|\bwhere\b|\s{3})[ \t]*б[12₁₂]?[ \t]*(?:\([^()\n]*\))?[ \t]*"
                         r"(?::?=|≔|means|denotes|stands|is\b|for\b)([^\n]*)",
                         re.IGNORECASE | re.MULTILINE)  # where a definition starts, not "= б2(t) = …" in a chain
_DERIVATIVE_SAID = re.compile(r"(?i)d[ \t]*σ|∂|deriv|['′]|\([ \t]*1[ \t]*[-–−]|prime")
_SIGMOID_SAID = re.compile(r"(?i)1[ \t]*/[ \t]*\(?[ \t]*1[ \t]*\+|\bsigma\b|\bsigmoid\b|σ")


def _be_defined_otherwise(text: str) -> bool:
    """Whether the hand-in says what б is, and it is not the sigmoid ("б(u) := dσ/du", "б means the derivative"):
    then б is a name of its own, read as written (here: by a person), not a scan's σ."""
    return any(_DERIVATIVE_SAID.search(m.group(1)) or not _SIGMOID_SAID.search(m.group(1))
               for m in _BE_DEFINED.finditer(text))


_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{2,}")


_SHEETS = {"json": json_lines, "yaml": yaml_lines, "toml": toml_lines, "ini": ini_lines}


# MathType's copy of an equation as TeX keeps its own data in comment lines ("% MathType!MTEF!2!1!+-" …
# "% MathType!End!2!1!"): an encoding of the equation for the editor to open again, never text ("…Lq=Jc9")
_MATHTYPE_DATA = re.compile(r"(?m)^[ \t]*%[ \t]*MathType!MTEF![^\n]*\n"
                            r"(?:[ \t]*%[ \t]*[A-Za-z0-9+/=@!.-]+[ \t]*\n){0,200}"  # (its data lines are one word each)
                            r"(?:[ \t]*%[ \t]*MathType!End![^\n]*\n?)?")


# an equation's number as Word's linear format (UnicodeMath) writes it after the equation: "σ_1 (u)=…#(1.2)"
_LINEAR_EQUATION_NUMBER = re.compile(r"(?m)(?<=[^\s#])[ \t]*#\([ \t]*\d{1,3}(?:[.\-]\d{1,3}){0,2}[a-z]?[ \t]*\)"
                                     r"(?=[ \t]*$)")


# a line's words set between the same run of fence marks ("~~~ DL hw3 ~~~  by Jun"): a decorated title; a fence's
# opening line has its marks on one side only
_DECORATED_TITLE = re.compile(r"(?m)^([ \t]*)(~{3,}|`{3,})[ \t]+([^\n`~]*?[^\s`~])[ \t]+\2(?![~`])")
_STARMATH_WRAPPED = re.compile(r"(?m)(?<=[^\s=])[ \t]*\n[ \t]{2,}"
                               r"(?=(?:left\s*[(\[{]|cdot\b|times\b|matrix\s*\{|stack\s*\{|\{\s*partial\b)[^=\n]*$)")


# LaTeX held in a program's string, its backslashes doubled ("\\frac{\\partial f_w}{\\partial w_2} = …" in a JavaScript
# or Python cell, shown by KaTeX): the math the page shows
_LATEX_STRING = re.compile(r"([\"`])((?:[^\"`\\\n]|\\\\.){0,400}?\\\\(?:frac|partial|sigma|nabla|sum|cdot)\b"
                           r"(?:[^\"`\\\n]|\\\\.){0,400}?)\1")


def _latex_string(m: re.Match[str]) -> str:
    return "$" + m.group(2).replace("\\\\", "\\") + "$"


# a question's equation with nothing but a question mark after its one equals sign ("Q: (d) df/dw3 = ?" over "A:
# sigma2(x2) = …"): the left side of the answer below it, no answer "?"
_ASKED_EQUATION = re.compile(r"(?m)^([^=\n?]{1,80}=)[ \t]*\?{1,3}[ \t]*$")


# a line a handwriting app exports as crossed-out ink ("[crossed out] =w_3⋅σ_2 (x_2)(1−σ_2 (x_2))…"): struck, as
# Markdown's ~~…~~ (withdrawn work, not an answer)
_STRUCK_MARKED_LINE = re.compile(r"(?im)^([ \t]*)\[(?:crossed[ -]out|struck(?:[ -]through)?|strike[ -]?through"
                                 r"|scratched[ -]out|durchgestrichen|barré|tachado|rayé)\][ \t]*([^\s~][^~\n]{0,190}?)"
                                 r"[ \t]*$")


def _patched_file(name: str, body: str) -> str:
    """A file a patch leaves, as text: an answer sheet (``answers.toml``) as its keys and answers; a merge conflict
    left in it with both its sides (in a sheet, a key the sides answer differently with both answers, "stride: 1
    or 2"): which one the student meant, a person decides."""
    kind = format_of(name)
    sides = conflict_sides(body)
    if kind not in _SHEETS:
        return body if sides is None else sides[2]
    if sides is None:
        return _SHEETS[kind](body)
    return merged_sides(_SHEETS[kind](sides[0]), _SHEETS[kind](sides[1]))


def read_document(text: str, kind: str | None = None) -> Document:
    """``kind``: "tex" for LaTeX source, a :func:`formats.format_of` name (rst, org, adoc, typst, quarto,
    html) for a format read as Markdown, else Markdown (also plain text); found from the text when None."""
    text, kind = unwrapped(text, kind)  # a message's, a web archive's, an Evernote export's pages, decoded first
    if "\b" in text:  # nroff's output saved as text: "(\b(b\bb)\b)" is a bold "(b)", "_\bx" an underlined x
        text = _unstruck(text)
    if kind is None and "\n@@ -" in text and is_patch(text):  # a diff that fills in a template: the tree it leaves
        text = "\n\n".join(_patched_file(name, body) if name else body for name, body in patch_files(text)) + "\n"
    if kind == "texmacs" or kind is None and is_texmacs(text):
        text, kind = texmacs_latex(text), "tex"  # TeXmacs' own source: the LaTeX it exports
    if kind in (None, "xml", "html") and ("<outline" in text or "<node" in text) and is_mind_map(text):
        text, kind = mind_map_markdown(text), None  # an outline's or a mind map's file: its nodes as a nested list
    if kind == "rtf" or kind is None and is_rtf(text):  # Rich Text's own line breaks are no text: its text first,
        text, kind = rtf_markdown(text), None  # then read as any text (a break put in at a label stays a break)
    elif kind == "csv" and (deck := cards_markdown(text, sheet=True)) is not None:
        text, kind = deck, None  # a flashcard deck's sheet ("question, answer, tags"): each card, front over back
    elif kind in ("csv", None) and ("Frame" in text[:5000] or "frame" in text[:5000]) \
            and (board := board_csv(text)) is not None:
        text, kind = board, None  # a whiteboard's notes exported as CSV (Miro's "Frame" column): by frame
    elif kind == "csv":  # a spreadsheet's answer sheet or a quiz's export: its cells, as a table or as answers
        text, kind = csv_markdown(text), None
    elif kind is None and ("\t" in text or ";" in text or "," in text[:200]) and (deck := cards_markdown(text)):
        text = deck  # … or a deck exported as text (Anki's notes, Quizlet's terms)
    elif kind is None and ("::" in text or ">>" in text or ";;" in text):
        text = inline_cards(text)  # … or cards written in a note, one to a line ("p1 (d) ∂f/∂w3::σ2(x2)")
    elif kind in _SHEETS:  # an answer sheet saved as JSON, YAML, TOML or INI: its keys and answers as lines
        text, kind = _SHEETS[kind](text), None
    elif kind is None and ": " in text and (sheet := yaml_sheet_lines(text)) is not None:
        text = sheet  # … or a YAML one handed in as text
    if kind in (None, "tex", "org", "quarto") and "\\begin{" in text:
        text = closed_displays(text)  # "\begin{align}" left open: it ends at the next display or section
    if kind == "org":
        text = closed_org_blocks(text)  # "#+begin_src" left open: it ends at the next heading
    if kind in (None, "quarto") and ("```" in text or "~~~" in text):
        text = closed_fences(text)  # a code fence left open ends where the parts go on
    if "msEquation" in text and (kind in ("html", "mail-html") or kind is None and "<m:oMath" in text):
        text = word_equations(text)  # a Word page's own equations live in comments only Word reads: made visible
    if "comment-list" in text and kind in ("html", "mail-html", None):
        text = word_comments(text)  # … and its comments, listed at its end: read where they are anchored
    text = _lost_escapes(text) if _CONTROL_ESCAPE.search(text) else text  # "$\x07lpha$": a string's "\alpha"
    if "partial_" in text and _INDEX_IS_WEIGHT.search(text):  # "∂_i ≡ ∂/∂w_i", then "∂_3 f = σ(u_2)": ∂f/∂w_3
        text = _PARTIAL_BY_INDEX.sub(lambda m: f"\\frac{{\\partial {m.group(2)}}}{{\\partial w_{m.group(1)}}}", text)
    if "right|" in text or "Big|" in text or "big|" in text:  # "\left.\frac{dσ}{du}\right|_{u=x_2}": σ'(x_2)
        text = _EVALUATED_DERIVATIVE.sub(lambda m: f"{m.group(1)}'({m.group(3).strip()})", text)
    if "latex" in text and ("$latex " in text or "[latex" in text or "[/latex]" in text):
        text = _WORDPRESS_LATEX.sub(lambda m: f"${m.group(1) or m.group(2)}$", text)  # WordPress's shortcodes:
        # "$latex \sigma'(u)$", "[latex]f_w(x) = …[/latex]" are the formulas its page shows
        text = _WORDPRESS_CODE.sub("\n```\n", text)  # and "[code language=…] … [/code]" its program
    text = _unseen(text.replace("\r\n", "\n").replace("\r", "\n")).translate(_FULL_WIDTH)
    text = final_version(text)  # tracked changes, suggestions and CriticMarkup: the text after its edits
    text = emoji_marks(text)  # ❌ strikes what it marks, 🤔 doubts it, other emoji are decoration
    text = _STRUCK_MARKED_LINE.sub(r"\1~~\2~~", text) if "]" in text else text  # "[crossed out] =w_3⋅σ_2 …"
    text = _LATEX_STRING.sub(_latex_string, text) if "\\\\" in text else text  # const dw2 = "\\frac{…}…"
    html_tags = len(_HTML_TAG.findall(text, 0, 200_000))  # (counted before inline HTML is read as text)
    if kind in (None, "quarto") and ("<" in text or "&" in text) and not _HTML_START.match(text):
        text = _outside_html_blocks(text, inline_html)  # "w<sub>3</sub>", "&sigma;": Markdown where no math
        # renders, typeset by its own inline HTML (an HTML block is read whole by the HTML parser, later)
    if "~~~" in text or "```" in text:
        text = _DECORATED_TITLE.sub(r"\1\3", text)  # "~~~ DL hw3 ~~~": a title between tildes, no code fence
    text = _MATHTYPE_DATA.sub("", text) if "MathType!MTEF!" in text else text
    text = _PHANTOM_SIDE.sub("", text) if "phantom" in text else text  # "\phantom{w^{new}} = w + …": a row that
    # goes on with "=", its left side kept as room only
    text = _LINEAR_EQUATION_NUMBER.sub("", text) if "#(" in text else text  # Word's linear format: "…#(1.2)"
    if is_starmath(text):  # LibreOffice Math's line break inside one formula ("newline") is no line of its own;
        text = _STARMATH_WRAPPED.sub(" ", re.sub(r"(?m)^[ \t]*newline[ \t]*\n", "", text))  # a formula's next line
        # with no sign of its own ("      left( matrix{ … } right)") goes on with the one above
    if re.search("[\u200e\u200f\u202a-\u202c\u2066-\u2069\u061c]", text):
        text = _BIDI_MARK.sub("", text)  # an editor's invisible direction marks around "channel dimension\u200e"
    if "х" in text or "Х" in text or "у" in text:
        text = _CYRILLIC_X.sub(lambda m: "x" if m.group() == "х" else "X" if m.group() == "Х" else "y", text)
    if re.search("[\u0660-\u066c\u06f0-\u06f9\u060c\u061b\u061f]", text):
        text = text.translate(_EASTERN_DIGITS)  # "٢٤×٢٤×٢٠", "۴۳۱٬۰۸۰": the digits a reader sees, one for one
    if "0·" in text:
        text = _RAISED_DECIMAL.sub(r"\1.", text)  # "0·2829", "99·19 %": a British raised decimal point, no product
    if re.search("[\ufb00-\ufb06]", text):
        text = text.translate(_LIGATURES)  # "ﬁlter", "ﬂattened" in a PDF's text layer: the letters, as a reader sees
    text = _doubled_escapes(_pandoc_spans(text))
    if "^{[" in text or "^[" in text:  # a^{[2]}: layer 2's a
        text = _LAYER_INDEX.sub(r"_{\1}", _LAYER_AND_POINT.sub(r"_{\1}^{\2}", text))
    text = _CONTINUED.sub(" ", text) if "..." in text else text  # MATLAB's "w(2) ..." / ".* dsig( w(1).*x )"
    text = _scan_minus(text) if " — " in text else text
    text = unboxed(text) if kind != "tex" else text  # an answer framed in "****" / "*  …  *": the frame is no product
    text = unframed(text) if kind is None else text  # "+----+" / "|  …  |", "┌──┐": a frame drawn around math
    text = slide_titles(text) if kind is None and "lide" in text else text  # a deck's text export: titles as headings
    if kind != "tex" and ("*(" in text or "_(" in text or "/(" in text):
        text = _EMPHASIZED_ASIDE.sub(r"\2", text)
    text = _glyph_columns(text) if kind is None and "\n" in text else text
    if kind == "lyx" or kind is None and is_lyx(text):
        text, kind = lyx_latex(text), "tex"  # LyX's own source: the LaTeX it exports
    elif kind is None and ("h1." in text or "h2." in text or "{math" in text) and is_confluence(text):
        text = confluence_markdown(text)  # a wiki page in Confluence's markup, as Markdown
    if kind is None and "uestion" in text and is_quiz_review(text):
        text = quiz_markdown(text)  # a learning platform's quiz review: each question's text over its response
    if kind is None and "  " in text:
        text = dash_fractions(bracket_columns(tall_brackets(stacked_sums(two_columns(text)))))
    # a PDF's page as text, a column vector drawn in brackets, a fraction drawn with a bar of dashes
    text = reading_order_sums(text) if kind is None else text  # a PDF's text in reading order
    text = _HIGHLIGHT.sub(lambda m: f"  {m.group(1)}  ", text) if "==" in text else text
    text = _ROAM_HIGHLIGHT.sub(lambda m: f"  {m.group(1)}  ", text) if "^^" in text else text
    text = _HIGHLIGHTED_MATH.sub(lambda m: f"  {m.group(1)}  ", text) if "==$" in text else text
    text = _ocr_fixed(text) if kind is None else text
    text = _without_contents(text) if "..." in text or "…" in text or ". . ." in text \
        or _A_CONTENTS_HEAD.search(text) else text  # a table of
    # contents ("2. Problem 1: Back Propagation ......... 1"): titles and pages, no part of the answers
    text = _filled_blanks(text) if kind is None and "[[" in text and "___" in text else text
    text = _underscored_answers(text) if kind is None and "___" in text else text
    text = _OCR_SIGMA.sub("σ", text) if "σ" in text or "\\sigma" in text or _SIGMA_WORD.search(text) else text
    text = _BOXED_MARK.sub(" Answer: ", text) if "]" in text or "】" in text else text  # "──→ [ans] e^{-u}/…"
    text = _ASKED_EQUATION.sub(r"\1", text) if "?" in text else text  # "Q: (d) df/dw3 = ?": the answer follows
    text = _SHEET_FUNCTION.sub(lambda m: m.group(1).lower() + "(", text) if "EXP(" in text or "LN(" in text else text
    if "%e" in text and ("(%o" in text or "%e^" in text):
        text = _MAXIMA_CONSTANT.sub(lambda m: {"%e": "e", "%pi": "π"}[m.group()], text)  # Maxima's "%e^(-u)": e
    if kind is None and "\n--" in text and len(_DASH_COMMENT.findall(text, 0, 200_000)) >= MIN_DASH_COMMENTS:
        text = _DASH_COMMENT.sub("   ", _EMPTY_DASH_COMMENT.sub("", text))  # "-- (b)(i)  ds1/du = …": a session
        # log's notes, as its comments ("--" alone: an empty line of them, between two derivations)
    text = _dash_bullets(text) if "–" in text or "•" in text or "▪" in text else text  # "   – a = w₁x": a bullet
    text = _MID_BULLET.sub(_bullet_product, text) if "•" in text else text  # "w3 • σ2(x2)": a product
    text = _SPACED_DERIVATIVE.sub(r"d\1/d\2", text) if "/ d" in text else text  # "d out / d w2": dout/dw2
    for glyph in {m.group("g") or m.group("h") or m.group("k") for m in _DECLARED_SIGMA.finditer(text)}:
        text = _glyph_as_sigma(glyph).sub("σ", text)  # "6 = sigma everywhere (the scan reads my sigma as a 6)"
    if "б" in text and not _CYRILLIC_WORD.search(text) and not _be_defined_otherwise(text):
        text = text.replace("б", "σ")  # a scan's σ read as Cyrillic б, in a hand-in that writes no Cyrillic word
        # (and defines б as nothing but σ: "б(u) := σ'(u)" names a derivative, read as written, by a person)
    text = _bracketed_subscripts(_pandoc_scripts(_italic_letters(_pandoc_escapes(text))))
    text = _DICT_ENTRY.sub(_entry, text) if '":' in text or "':" in text else text  # "1d": "…", a dict of answers
    text = _OUTLINE_PROPERTY.sub(r"\1: ", text) if "::" in text else text
    text = spoken_formulas(_unflattened(_tree_drawing(raised_powers(text))))  # "d sigma one over d u equals …"
    text = _footnote_marks(cross_referenced(_spoken_sums(text)))
    text = _DOTTED_AGAIN.sub(lambda m: f"{m.group('lead') or m.group('lead2') or ''}Correction to "
                             f"{m.group('label') or m.group('label2')}:", text)  # "1e.dw2.fix: …": a key said again
    text = keyed_lines(text) if kind is None else text  # "p1_b_i: …", "p2_c_fc1: …": a sheet's keys as labels
    text = restated_questions(text)  # "> *Question (b): compute …, (i) in terms of exp …*": the handout's words
    text = number_first(text) if "-" in text or "‑" in text or "–" in text else text  # "1-маселе (b)"
    text = trailing_part_tags(trailing_sub_labels(inline_sub_labels(labels_before_rows(own_numbering(text)))))
    if kind is None and _HTML_START.match(text) and len(_HTML_TAG.findall(text, 0, 20_000)) >= 5:
        kind = "html"  # an LMS text box saved with a .txt name: its markup, not text
    elif kind is None and "==" in text and "<math" in text and is_mediawiki(text):
        kind = "wiki"  # MediaWiki's wikitext saved as text (its <math> and <sub> tags are the wiki's, no page's)
    elif kind is None and html_tags >= 5:
        text = _html_paragraphs(text)  # Markdown with an editor's HTML pasted into it: each HTML block as text
    elif kind is None and "==" in text and (is_dokuwiki(text) or is_creole(text) or is_mediawiki(text)):
        kind = "wiki"  # a course wiki's page exported as text
    elif kind is None and "[/" in text and is_bbcode(text):
        kind = "bbcode"  # a forum post saved as text
    elif kind is None and "\n." in text and is_roff(text):
        kind = "roff"  # a groff source uploaded as .txt
    elif kind is None and "\n@" in text and is_texinfo(text):
        kind = "texinfo"  # a Texinfo source uploaded as .txt
    elif kind is None and "\n=" in text and is_pod(text):
        kind = "pod"  # a POD document uploaded as .txt
    elif kind is None and ("stem:[" in text or "math:[" in text or "\n:" in text) and is_asciidoc(text):
        kind = "adoc"  # an AsciiDoc source uploaded as .txt
    latex = kind == "tex" or (kind is None and is_latex(text))
    if latex and is_tex_dialect(text):
        text = latex_of_dialect(text)  # plain TeX's \item{(a)}, AMS-TeX's \subhead, ConTeXt's \startformula
    if latex and "%" in text:  # "… we get $%" / "12\times 12\times 20$": a line ended by "%" goes on on the next
        text = _TEX_LINE_JOIN.sub(r"\1", text)  # (Scientific WorkPlace wraps every long line so)
    if latex and "%" in text:  # a comment is no text of the page a TA reads ("% in the code alpha = 0.01, i.e. 1%")
        text = _TEX_COMMENT.sub("", text)
    if latex and _TEX_NOTE.search(text):
        text = _notes_apart(text)  # a footnote, a margin note, a caption: read as the paragraph it is on the page
    if kind != "html" and "&nbsp;" in text:  # "&nbsp;&nbsp;\= w\_3 …": an exporter's indent in Markdown
        text = re.sub(r"(?m)^(?:&nbsp;)+", "", text).replace("&nbsp;", " ")
    if not latex:
        one_based = counts_from_one(text)  # before R Markdown's chunks are read as text
        text = indexed_names(_answer_fences(to_markdown(_uncommented(text), kind)), one_based)  # w[0], X[1]: w_1, x²
        text = restated_questions(text) if kind == "html" else text  # (its paragraphs, once they are text)
        if kind == "html" and "uestion" in text and is_quiz_review(text):
            text = quiz_markdown(text)  # a learning platform's quiz review saved as a page
        text = final_version(text) if kind == "html" and "[" in text else text  # a page's comment threads ("[a]Lena:
        # …" under a Google Docs export), once its markup is text
        text = _labelled_fences(_functions_as_formulas(_each_fence(text, _loops_folded)))
        text = _labelled_prompts(_arrow_functions(_echoed_results(text)))
        text = _CODE_SIDE.sub(r"\1$\2$", text) if "`" in text else text  # "$A$ = `B`": B is math, the last side
    text = _glued_index(text) if "yi" in text and "xi" in text else text  # "Σ_i 2(f(xi) − yi)": x^i, y^i
    text = _NAME_SAID_TO_BE.sub(_as_definition, text) if "$ is $" in text or "$ stands" in text \
        or "$ denotes $" in text or "$ for $" in text or "$ := $" in text or "$:=$" in text or "$ = $" in text \
        else text  # "In my notation $x_2$ is $w_2 x_1$", "- $\theta_1$ := $w_1$": a definition said in words
    if not latex and "$$" in text:  # "- $$L = …$$ with $$D = …$$, so …": an outliner's inline math, which would
        text = _OPENING_INLINE_DISPLAY.sub(_inline_pairs, text)  # open a display block running to the next "$$"
    if not latex and "$" in text:  # "$\frac{∂f}{∂w_2} = w_3 σ_2'(x_2)$ · $σ_1(x_1)$": one formula set in two pieces
        for _ in range(3):
            joined = _INLINE_PRODUCT.sub(_one_product, text)
            if joined == text:
                break
            text = joined
    if not latex and "|" in text and _PROBLEM_COLUMNS.search(text):  # "| **P1 — Backprop** | **P2 — CNN** |": a
        text = _PROBLEM_COLUMNS.sub(_columns_in_turn, text)  # poster's columns, each problem's column read in turn
    text = without_pitfalls(text)  # "> **Pitfall.** … writing σ(1+σ) instead of σ(1−σ)": others' mistakes
    text = without_history(text)  # "## CHANGELOG … v1 had w + α∇L": how the answers changed, not answers
    text = without_roster(text)  # "| 1 (f) | Jiwoo | Mei |": who wrote which part, no answer
    doc = Document(text)
    if latex:
        from grader.reading.tex_source import read_tex

        doc.macros = _macros(text)
        text = doc.text = _label_macros(_math_wrappers(_boxed_dollars(_tracked_changes(text)), doc.macros),
                                        doc.macros)
        blocks, maths = read_tex(text)
    else:
        blocks, maths = read_markdown(text)
        doc.macros = _macros(text) if "newcommand" in text or "DeclareMathOperator" in text or "def\\" in text \
            else {}
    doc.blocks = blocks
    maths = not_quoted_old(text, not_struck(text, maths))
    for b in blocks:
        if b.kind == "code":
            doc.code_blocks.append(_fence_body(text, b))
            if not formula_fence(_fence_body(text, b), _fence_info(text, b)):
                doc.code_spans.append(Span(b.start, b.end, "code"))
    for m in maths:
        doc.math.extend(Span(a, b, m.kind) for a, b in rows(text, m.start, m.end))
    taken = [(m.start, m.end) for m in maths]
    free = _free_lines(text, blocks, taken)
    broken = stacked(text, free)
    doc.math.extend(Span(a, b, kind) for a, b, kind in broken)
    free = [ln for ln in free if not any(a <= ln[0] < b for a, b, _ in broken)]
    doc.math.extend(Span(a, b, "plain") for a, b in plain_math(text, free))
    doc.math.extend(_table_equations(text, blocks))
    if notes := note_cells(text):  # "| 1(b)(i) | $\dfrac{e^{-u}}{…}$ | quotient rule on $1/(1+e^{-u})$ |"
        doc.noted = [(n.start, n.end) for n in notes if not n.doubts and not n.goes_on]
        doc.doubted = [(n.start, n.end) for n in notes if n.doubts]
        doc.remarks = [m for m in doc.math if any(n.start <= m.start and m.end <= n.end
                                                  and (n.doubts or not n.goes_on) for n in notes)]
        doc.math = [m for m in doc.math if m not in doc.remarks]
    rows_read = _formula_rows(text, blocks, doc.math)
    doc.math = _not_inside(doc.math, rows_read) + rows_read
    doc.math = whole_cells(text, blocks, join_cells(text, blocks, doc.math))
    doc.math.sort(key=lambda s: s.start)
    doc.math, doc.asked = asked(text, doc.math)
    doc.asked = {**row_names(text, blocks, doc.math), **doc.asked}
    _segment(doc)
    followed(doc)  # "| 1(d) | Eq. (7) |": a part answered by a pointer takes the text it points to
    doc.asked.update(corrected_bare(text, doc.math, doc.asked, [(s.start, s.end) for s in doc.segments.values()]))
    doc.asked.update(worded_names(text, doc.math, doc.asked))
    return doc


_ATOM = re.compile(r"\{\s*(\\[A-Za-z]+|[A-Za-z0-9])\s*\}(?=\s*[_^])")
_INDEXED_ATOM = re.compile(r"\{\s*((?:\\[A-Za-z]+|[A-Za-z])[ \t]*_[ \t]*(?:\{[A-Za-z0-9]{1,3}\}|[A-Za-z0-9]))\s*\}"
                           r"(?![ \t]*[_^])")
_AFTER_COMMAND = re.compile(r"\\(?!(?:left|right|cdot|times|quad|qquad|big|Big|bigl|bigr|Bigl|Bigr)\b)[A-Za-z]+\s*"
                            r"(?:\[[^\[\]{}]{0,20}\]\s*)?$")  # (and after its optional argument: \act[2]{x_2})
_DOUBLED_BRACES = re.compile(r"\{\{([^{}]{0,200})\}\}")


def _braced_atoms(math: str) -> str:
    """An equation editor's braces around one symbol before its index (``{\\sigma }_{1}``, ``{w}_{3}``,
    ``{e}^{-u}``, as Word and WPS export them) dropped: ``\\sigma_{1}``. A command's argument
    (``\\frac{a}{b}^2``, ``\\sqrt{x}^2``) and an index (``x^{a}_{b}``) keep their braces."""
    if "{" not in math:
        return math
    math = _ATOM.sub(lambda m: m.group(1) if _free(math, m.start()) else m.group(), math)
    for _ in range(3):  # MathType's "{{x_1}}" and "{\sigma _1}\left( u \right)": one symbol with its index, braced;
        # "\frac{{\partial {f_w}}}{{\partial {w_1}}}": a group in a group is that group
        if not _INDEXED_ATOM.search(math) and "{{" not in math:
            break
        math = _INDEXED_ATOM.sub(lambda m: m.group(1) if _free(m.string, m.start()) and not _AFTER_COMMAND.search(
            m.string, 0, m.start()) else m.group(), math)  # ("\pdv{f_w}{w_3}", "\sig{x_2}": a macro's arguments)
        math = _DOUBLED_BRACES.sub(r"{\1}", math) if "{{" in math else math
    return math


def _free(math: str, pos: int) -> bool:
    """Whether a brace group at ``pos`` stands on its own (not an argument, not an index)."""
    before = math[:pos].rstrip()
    if not before or before[-1] in "^_":
        return before == "" or False
    if before[-1] == "}":  # after an index (x_{2}{w}_{3}) it stands alone; after an argument it is one
        depth, i = 0, len(before) - 1
        while i >= 0:
            depth += {"}": 1, "{": -1}.get(before[i], 0)
            if depth == 0:
                break
            i -= 1
        return i > 0 and before[i - 1] in "^_"
    found = re.search(r"\\?[A-Za-z]*$", before)
    assert found is not None  # it may match empty: it always matches
    letters = found.group()
    return not letters.startswith("\\") or letters[1:] not in _TAKES_ARGUMENT


_TAKES_ARGUMENT = {"frac", "dfrac", "tfrac", "cfrac", "sqrt", "binom", "mathrm", "mathbf", "mathit", "mathsf",
                   "mathcal", "mathbb", "boldsymbol", "bm", "text", "textrm", "textbf", "textit", "operatorname",
                   "hat", "widehat", "bar", "tilde", "widetilde", "vec", "dot", "ddot", "overline", "underline",
                   "boxed", "underbrace", "overbrace", "color", "textcolor", "begin", "end", "label", "tag"}


_NEWCOMMAND = re.compile(r"\\(?:re)?newcommand\*?\s*\{?(\\[A-Za-z]+)\}?\s*(?:\[([1-9])\])?\s*"
                         r"(?:\[([^\[\]\n]{0,40})\])?\s*\{((?:[^{}\n]|\{(?:[^{}\n]|\{[^{}\n]*\})*\}){1,120})\}")
_DEF = re.compile(r"\\[gex]?def\s*(\\[A-Za-z]+)((?:#[1-9]){0,9})\s*"  # \def, and KaTeX's \gdef
                  r"\{((?:[^{}\n]|\{(?:[^{}\n]|\{[^{}\n]*\})*\}){1,120})\}")
_BRACED = re.compile(r"\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_ARG = re.compile(r"\s*\{((?:[^{}]|\{[^{}]*\})*)\}|\s*([A-Za-z0-9])")  # {…}, or one character as TeX takes it: \S1


_WRAPS_MATH = re.compile(r"\$[^$]*#1[^$]*\$|\\\[.*#1.*\\\]|\\\(.*#1.*\\\)", re.DOTALL)


def _math_wrappers(text: str, macros: dict[str, Macro]) -> str:
    """A macro of one argument that sets it as math (``\\newcommand{\\final}[1]{\\fbox{$\\displaystyle #1$}}``),
    used in the text: ``\\final{w - \\alpha\\nabla L}`` is the formula ``$w - \\alpha\\nabla L$`` (padded: offsets
    stay)."""
    from grader.expressions.dialect_text import closing

    names = [name for name, macro in macros.items() if macro.arguments == 1 and _WRAPS_MATH.search(macro.body)]
    begin = max(0, text.find("\\begin{document}"))
    for name in names[:20]:
        head = re.compile(re.escape(name) + r"(?![A-Za-z])\s*\{")
        pos = begin
        for _ in range(500):
            m = head.search(text, pos)
            if m is None:
                break
            end = closing(text, m.end() - 1)
            if end < 0:
                break
            inner = text[m.end():end]
            formula = f" {inner} " if _inside_math(text, begin, m.start()) else f"${inner}$"  # "$… = \final{…}$"
            text = text[:m.start()] + formula.ljust(end + 1 - m.start()) + text[end + 1:]
            pos = m.start() + len(formula)
    return text


# a macro of one argument that prints it as a label: \newcommand{\Q}[1]{\par\noindent\textbf{Q#1}\quad},
# \def\part#1{\textit{(#1)}}: its formatting, an optional word, the argument, punctuation
_LABEL_BODY = re.compile(r"(?:\s|\\(?:par|noindent|medskip|smallskip|bigskip"
                         r"|vspace\*?\{[^{}]*\}|hspace\*?\{[^{}]*\})(?![A-Za-z]))*"
                         r"(?:\\(?:textbf|textit|textsc|emph|underline|bfseries|itshape)\s*\{?\s*)?"
                         r"(?P<word>[A-Za-z]{1,10}\.?)?\s*(?P<open>\(?)#1(?P<close>\)?)[.:]?\s*\}?"
                         r"(?:\s|\\(?:quad|qquad|enspace)(?![A-Za-z])|\\ |~)*")


def _label_macros(text: str, macros: dict[str, Macro]) -> str:
    r"""Each use of a macro that prints its argument as a label (``\Q{1(b)}``) as that label's text, padded to
    the same length so offsets stay: ``Q1(b)``, or the argument alone where the word does not fit."""
    begin = max(0, text.find("\\begin{document}"))
    for name, macro in list(macros.items())[:60]:
        shape = _LABEL_BODY.fullmatch(macro.body) if macro.arguments == 1 else None
        if shape is None:
            continue
        use = re.compile(re.escape(name) + r"(?![A-Za-z])\s*\{([^{}\n]{1,12})\}")

        def label(m: re.Match[str], shape: re.Match[str] = shape) -> str:
            arg = shape.group("open") + m.group(1).strip() + shape.group("close")
            word = (shape.group("word") or "").rstrip(".")
            said = f"{word} {arg}" if word and len(word) > 1 else f"{word}{arg}"
            return (said if len(said) <= len(m.group()) else arg).ljust(len(m.group()))

        text = text[:begin] + use.sub(label, text[begin:])
    return text


_DISPLAY_EDGE = re.compile(r"\\\[|\\\]|\\(?:begin|end)\{(?:align|equation|gather|multline|flalign|eqnarray)\*?\}"
                           r"|(?<!\\)\$\$?")


_TEXT_BOX = re.compile(r"\\(?:fbox|mbox|framebox|makebox|hbox|text|textrm|textbf)\s*\{\s*\$(?!\$)")


_CHANGE_MARK = re.compile(r"\\(replaced|added|deleted)\s*(?:\[[^\]\n]{0,60}\])?\s*\{"
                          r"|\\(?:text|mbox|textrm)\s*(\{)\s*\\(?:sout|st|xout)\s*\{")  # "$A = \text{\sout{$B$}} C$"


MAX_CHANGE = 4000  # a tracked change is a few lines: a brace not closed within this is left as written
_CHANGE_WORDS = ("\\replaced", "\\added", "\\deleted", "\\sout", "\\st", "\\xout")  # (what _CHANGE_MARK needs)
_MATH_GAP = re.compile(r"(?:\s|\\q?quad\b|\\[,;:! ])+")


def _tracked_changes(text: str) -> str:
    r"""The ``changes`` package's marks as the document reads once they are accepted (an Overleaf project edited
    by a team): ``\replaced[id=K]{new}{old}`` is *new*, ``\added{x}`` is *x*, ``\deleted{x}`` is gone, and so is
    ``\text{\sout{…}}`` struck out inside math; padded with spaces, so offsets stay."""
    if not any(mark in text for mark in _CHANGE_WORDS):
        return text
    out, pos = [], 0
    for m in list(_CHANGE_MARK.finditer(text))[:500]:
        if m.start() < pos:
            continue
        at = m.end() - 1 if m.group(1) else m.start(2)
        end = closing_brace(text, at, at + MAX_CHANGE)
        if end < 0:
            continue
        kept, stop = text[m.end():end], end + 1
        if m.group(1) == "replaced":
            second = re.match(r"\s*\{", text[stop:stop + 20])
            old_end = closing_brace(text, stop + second.end() - 1, stop + MAX_CHANGE) if second else -1
            if old_end < 0:
                continue
            stop = old_end + 1
        elif m.group(1) in ("deleted", None):
            kept = ""  # (struck out inside math: work taken back, as \sout{…} in the text is; the space set after
            if m.group(1) is None and (gap := _MATH_GAP.match(text, stop)) is not None:  # it goes with it)
                stop = gap.end()
        out += [text[pos:m.start()], kept, re.sub(r"[^\n]", " ", text[m.start() + len(kept):stop])]
        pos = stop
    return "".join(out) + text[pos:]


def _boxed_dollars(text: str) -> str:
    """``$\\dd{f}{w_3} = \\fbox{$\\sigma_2(v_2)$}$``: a box around a result inside math, its own ``$`` pair
    (math again inside the box's text) set as spaces, so the formula is one piece of math (same length)."""
    from grader.expressions.dialect_text import closing

    if "{$" not in text.replace(" ", ""):
        return text
    begin = max(0, text.find("\\begin{document}"))
    for m in list(_TEXT_BOX.finditer(text, begin))[:200]:
        end = closing(text, text.rfind("{", m.start(), m.end()))
        inner_dollar = m.end() - 1
        if end < 0 or text[end - 1] != "$" or text[inner_dollar] != "$" or "$" in text[inner_dollar + 1:end - 1] \
                or not _inside_math(text, begin, m.start()):
            continue
        text = text[:inner_dollar] + " " + text[inner_dollar + 1:end - 1] + " " + text[end:]
    return text


def _inside_math(text: str, begin: int, pos: int) -> bool:
    """Whether ``pos`` of a LaTeX source is inside math: an open ``$``, ``$$``, ``\\[`` or display environment."""
    inside = False
    for m in _DISPLAY_EDGE.finditer(text, begin, pos):
        edge = m.group()
        inside = edge.startswith("$") and not inside or edge in ("\\[",) or edge.startswith("\\begin")
    return inside


def _macros(text: str) -> dict[str, Macro]:
    """A LaTeX source's macros from its preamble; a Markdown report's from anywhere (MathJax reads
    ``$\\newcommand{\\pd}[2]{…}$`` where it stands)."""
    begin = text.find("\\begin{document}")
    head = text[:begin] if begin >= 0 else text
    found = {m.group(1): Macro(int(m.group(2) or 0), m.group(4), m.group(3) if m.group(2) else None)
             for m in _NEWCOMMAND.finditer(head)}  # \newcommand{\act}[2][]{…}: its first argument optional
    found.update({m.group(1): Macro(len(m.group(2)) // 2, m.group(3)) for m in _DEF.finditer(head)  # \def\pp#1#2{…}
                  if m.group(2) == "".join(f"#{k}" for k in range(1, len(m.group(2)) // 2 + 1))})
    found.update({m.group(1): Macro(0, f"\\operatorname{{{m.group(2)}}}") for m in _MATH_OPERATOR.finditer(head)
                  if m.group(1) not in found})
    found.update({m.group(1): Macro(1, f"\\left{m.group(2)} #1 \\right{m.group(3)}") for m in _PAIRED.finditer(head)
                  if m.group(1) not in found})  # \DeclarePairedDelimiter{\paren}{(}{)}: \paren*{x} is (x)
    bodies: dict[str, set[str]] = {}
    for m in _NEWCOMMAND.finditer(text):  # anywhere, the preamble and the body: one defined twice, two ways
        bodies.setdefault(m.group(1), set()).add(re.sub(r"\s+", "", m.group(4)))
    for name, seen in bodies.items():
        if len(seen) > 1 and name in found:
            found[name] = Macro(found[name].arguments, _TWICE)  # which one a formula means, a person decides
    return found


# a macro the hand-in defines twice with different bodies (\renewcommand in the middle of the text): a name no
# reading knows, so an answer written with it is not read
_TWICE = r"\definedtwice"


_PAIRED = re.compile(r"\\DeclarePairedDelimiter\s*\{?(\\[A-Za-z]+)\}?\s*\{(\\?[^{}\s]{1,10})\}"
                     r"\s*\{(\\?[^{}\s]{1,10})\}")
_MATH_OPERATOR = re.compile(r"\\DeclareMathOperator\*?\s*\{?(\\[A-Za-z]+)\}?\s*\{([A-Za-z]{1,20})\}")


# physics' \pdv, \dv (derivative's \odv too), diffcoeff's \diffp, \diff; \qty and \grad
_PHYSICS = re.compile(r"\\(?:(p?)dv|o(dv)|diff(p?))\*?(?![A-Za-z])|\\qty(?![A-Za-z])|\\grad(?![A-Za-z])"
                      r"|\\(?P<matrix>[pbvBs]?mqty)(?![A-Za-z])")


def _physics(math: str, own: dict[str, Macro] | None = None) -> str:
    """The physics package's commands, as physicists write derivatives: ``\\pdv{f}{w_1}`` is
    ``\\frac{\\partial f}{\\partial w_1}``, ``\\dv{u}`` alone the operator d/du, ``\\qty(…)`` brackets, ``\\grad`` ∇,
    ``\\mqty(a \\\\ b)`` a matrix;
    the derivative and diffcoeff packages' ``\\odv``, ``\\diff``, ``\\diffp`` alike. A name the hand-in defines
    itself (``own``: its ``\\newcommand{\\diff}``) is its own."""
    if "\\" not in math or _PHYSICS.search(math) is None:
        return math
    out, pos = [], 0
    for m in _PHYSICS.finditer(math):
        if m.start() < pos or (own and m.group().rstrip("*") in own and not m.group().startswith("\\grad")):
            continue  # its own \diff or \qty ("\newcommand{\qty}[1]{\left( #1 \right)}") is its own; its \grad is ∇
        if m.group("matrix") and (close := matrix_close(math, m.end(), len(math))) > 0:
            opening = math.index(math[m.end():close].lstrip()[0], m.end())
            env = "bmatrix" if m.group("matrix") == "bmqty" or math[opening] == "[" else "pmatrix"
            body = _physics(math[opening + 1:close - 1], own)  # (its entries' own \pdv too)
            out.append(f"{math[pos:m.start()]}\\begin{{{env}}}{body}\\end{{{env}}}")
            pos = close  # \mqty(a \\ b): a column vector
            continue
        out.append(math[pos:m.start()])
        pos = m.end()
        if m.group().startswith(("\\qty", "\\grad")):
            out.append(" " if m.group() == "\\qty" else "\\nabla ")
            continue
        d = "\\partial" if m.group(1) or m.group(3) else "d"
        first = _BRACED.match(math, pos)
        if first is None:
            out.append(m.group())
            continue
        second = _BRACED.match(math, first.end())
        top = f"{d} {first.group(1)}" if second else d
        bottom = second.group(1) if second else first.group(1)
        out.append(f"\\frac{{{top}}}{{{d} {bottom}}}")
        pos = (second or first).end()
    return "".join(out) + math[pos:]


def _bounded(expanded: str, written: str) -> str:
    """A macro's text with its inner macros written out, unless that makes it long (a macro that fills a page
    is no notation: kept as written, never multiplied by every use)."""
    return expanded if len(expanded) <= 2_000 else written


# markup a reading looks through (\hl{…}, \boxed{…}, \bm{…}) that a hand-in may define as its own notation
_WRAPPER_NAMES = re.compile(r"\\(?:boxed|fbox|framebox|bbox|bm|boldsymbol|pmb|highlight|hl)(?![A-Za-z])")


def _expand(math: str, macros: dict[str, Macro], depth: int = 0,
            memo: dict[tuple[str, int], str] | None = None) -> str:
    """A report's own macros (\\sig for \\sigma, \\pd{f}{w} for \\frac{\\partial f}{\\partial w}) written
    out; a macro's body and its arguments' own macros too, a few levels deep (``\\sg{w_2\\,\\sg{w_1 x}}``,
    ``\\htwo`` → ``\\sig(w_2\\hone)`` → ``\\sigma(w_2\\sigma(w_1x))``)."""
    math = _physics(math, macros)
    if not macros:
        return math
    out, pos = [], 0
    for m in re.finditer(r"\\[A-Za-z]+", math):
        if m.start() < pos or m.group() not in macros:
            continue
        count, body, default = macros[m.group()]
        end, args = m.end(), []
        if count and (size := _STAR_OR_SIZE.match(math, end)):
            end = size.end()  # \paren*{…}, \paren[\big]{…}: a starred or sized variant, the same text
        if count and default is not None:  # \act[1]{u}, or \act{u} with the first argument's default
            given = _OPTIONAL.match(math, end)
            args.append(given.group(1) if given else default)
            end = given.end() if given else end
        for _ in range(count - len(args)):
            arg = _ARG.match(math, end)
            if arg is None:
                break
            args.append(arg.group(1) if arg.group(1) is not None else arg.group(2))
            end = arg.end()
        if len(args) != count:
            continue
        plain = {k: v for k, v in macros.items() if v.arguments == 0}  # \\pd{\\sig}{x}: the arguments' own macros
        inner = macros if depth < 3 else plain
        args = [_bounded(_expand(a, inner, depth + 1), a) if count else a for a in args]
        # \dsig{z} = \sig{z}(1-\sig{z}): a macro of arguments inside another's body, expanded as its arguments are
        body = _filled(_bounded(_expand(body, inner, depth + 1), body) if count and inner else body, args)  # \pf{w}
        if not count and depth < 3 and "\\" in body and body != m.group():  # \htwo → \sig(w_2\hone): its own
            memo = {} if memo is None else memo  # names written out too, a few levels deep (each name once)
            key = (m.group(), depth)
            if key not in memo:
                memo[key] = _bounded(_expand(body, macros, depth + 1, memo), body)
            body = memo[key]
        after = math[end:end + 1]
        before = " " if body[:1].isalpha() and math[m.start() - 1:m.start()].isalpha() else ""  # \partial\fw
        out.append(math[pos:m.start()] + before + body + (" " if body[-1:].isalpha() and after.isalpha() else ""))
        pos = end
    expanded = "".join(out) + math[pos:]
    return expanded if depth or len(expanded) <= max(MAX_EXPANDED, 4 * len(math)) else math  # (a text its macros
    # blow up is no notation: read as written)


MAX_EXPANDED = 20_000


_STAR_OR_SIZE = re.compile(r"\*|\[\\[A-Za-z]+\]")
_OPTIONAL = re.compile(r"\s*\[([^\[\]]{0,40})\]")


def _filled(body: str, args: list[str]) -> str:
    """A macro body with #1, #2, … replaced by its arguments."""
    return re.sub(r"#([1-9])", lambda k: args[int(k.group(1)) - 1] if int(k.group(1)) <= len(args) else "", body)


def _fence_body(text: str, block: Block) -> str:
    body = text[block.start:block.end]
    if block.content > block.start:  # LaTeX verbatim/lstlisting: content given
        return text[block.content:block.end]
    first = body.find("\n")
    inner = body[first + 1:] if first >= 0 else ""
    stripped = inner.rstrip("\n")
    last = stripped.rfind("\n")
    tail = stripped[last + 1:] if last >= 0 else stripped
    if tail.lstrip().startswith(("```", "~~~")):
        inner = stripped[:last + 1] if last >= 0 else ""
    return inner


def _broken_heading(text: str, b: Block) -> bool:
    """A "heading" of three or more lines: a plain-text export's lone ``=`` line (a broken fraction)
    read as a setext underline, not a heading; its lines are prose."""
    return b.kind == "heading" and text[b.start:b.end].strip().count("\n") >= 2


# what only a program has: a fence holding it is code; one holding none is formulas set in monospace
_PROGRAM = re.compile(r"^\s*(?:def |class |import |from \S+ import|for\b.*:\s*$|if\b.*:\s*$|while\b|return\b"
                      r"|print\s*\(|@\w|#include|function\b|end\s*$)|\bnn\.|\bself\.|\bF\.relu"
                      r"|\btorch\.(?!(?:sigmoid|exp|special\.expit)[ \t]*\()",  # torch.sigmoid(z1): a formula's σ
                      re.M)


_BLOCK_COMMENT = re.compile(r"%\{|#=|/\*|\"\"\"|'''|<!--")


_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[ \t]*(?:text|txt|plain)?[ \t]*\n(.*?)^\1\2[ \t]*$", re.M | re.S)


def _answer_fences(text: str) -> str:
    """A chat message's answers pasted in a fence (```\n1b) i  e^(-u)/…\n1d) σ2(x2)\n```): most lines start
    with a part label, so it is the report's text, not code; its fence lines become blank (offsets kept)."""
    from grader.reading.labels import read_label

    def unfence(m: re.Match[str]) -> str:
        body_start = m.start(3)
        body = m.group(3)
        lines = [(body_start + k, ln) for k, ln in zip(line_starts(body), body.split("\n"), strict=True) if ln.strip()]
        labelled = sum(1 for pos, ln in lines if read_label(text, pos + len(ln) - len(ln.lstrip())) is not None)
        if not lines or labelled * 2 < len(lines):
            return m.group()
        whole = m.group()
        head = whole.index("\n")
        tail = whole.rstrip("\n").rfind("\n") + 1
        return " " * head + whole[head:tail] + " " * (len(whole) - tail)

    if "```" not in text and "~~~" not in text:
        return text
    out, pos = [], 0
    for m in _fences(text):
        out.append(text[pos:m.start()])
        out.append(unfence(m))
        pos = m.end()
    return "".join(out) + text[pos:]


_OPENING = re.compile(r"^([ \t]*)(`{3,}|~{3,})[ \t]*([\w+-]*)[^\n]*$", re.M)
_LINE_COMMENT = re.compile(r"^([ \t]*)(?:#+|%+|//)[ \t]?")
_TRAILING_COMMENT = re.compile(r"(?<![ \t])[ \t]+(?:#|%|//)[ \t]*(.*)$")
_DEF_RETURN = re.compile(r"^([ \t]*)def[ \t]+(\w+)[ \t]*\(([^()]*)\)[ \t]*:[ \t]*\n[ \t]+return[ \t]+([^\n]+)$", re.M)


_DEF_BLOCK = re.compile(r"^([ \t]*)def[ \t]+(\w+)[ \t]*\(([^()\n]*)\)[ \t]*(?:->[^:\n]*)?:[ \t]*(?:#[^\n]*)?\n"
                        r"((?:\1[ \t]+[A-Za-z_]\w*[ \t]*=(?!=)[^\n]*\bfor\b[^\n]*\n(?:[ \t]*\n)*"  # a loop folded into
                        # its sum keeps its lines, blank
                        r"|\1[ \t]+(?:#[^\n]*|(?:[A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*[ \t]*=(?!=)[^\n]*))\n)*)"
                        # comments, assignments (a tuple unpacked: "w1, w2, w3 = w")
                        r"\1[ \t]+return[ \t]+([^\n#]+?)[ \t]*(?:#[^\n]*)?$", re.M)


# "sum(2*(f(x) - y)*grad_f(x) for (x, y) in D)": a sum over the data set, as Python writes it
_GENERATOR_SUM = re.compile(r"\bsum\(\s*([^\n]{1,300}?)\s+for\s+\(?\s*(\w+)\s*,\s*(\w+)\s*\)?\s+in\s+(\w+)\s*\)")


def _loops_folded(whole: str, info: str, inner: str) -> str:
    """A fenced block whose loops add up a sum over the data, each loop written as that sum, and (in a program's
    language) each statement its brackets carry over lines set on one line (same length)."""
    folded = program_formulas(inner, info) if info.lower() in _PROGRAM_LANGUAGES else fold_loops(inner, info)
    return whole if folded == inner else whole.replace(inner, folded, 1)


_CHUNK_ENGINE = re.compile(r"[ \t]*(?:`{3,}|~{3,})[ \t]*\{[ \t]*(\w+)")


def _functions_as_formulas(text: str) -> str:
    """A Python block of small functions that only compute a formula (``def df_dw2(x, w1, w2, w3):`` then
    ``h1 = sig(w1 * x); x2 = w2 * h1`` then ``return w3 * dsig(x2) * h1``): the formulas they write down,
    ``df_dw2(x, w1, w2, w3) = w3 * dsig(x2) * h1`` after its steps; a block with anything else a program does
    (loops, branches, prints) stays code. Offsets after each block are kept (it is padded)."""
    if "```" not in text or ("def " not in text and " for " not in text and "function" not in text):
        return text

    def rewrite(whole: str, info: str, inner: str) -> str:
        engine = _CHUNK_ENGINE.match(whole)  # R Markdown's ```{r name}: a chunk of R
        language = info or (engine.group(1) if engine else "")
        if language.lower() in FUNCTION_LANGUAGES:  # R, Julia, MATLAB: "d_w3 <- function(w, x) …"
            written = functions_as_formulas(inner, language)
            return whole if written == inner else whole.replace(inner, written, 1)
        if info.lower() not in _PYTHON:
            return whole
        body = _GENERATOR_SUM.sub(_data_sum, _DEF_BLOCK.sub(_def_formula, inner))
        if body == inner or not formula_program(body):
            return whole
        head = whole[:whole.index("\n") + 1]
        out = head + body + whole[whole.rstrip().rfind("\n") + 1:] if whole.count("\n") > 1 else whole
        return out + " " * max(0, len(whole) - len(out)) if len(out) <= len(whole) else whole

    return _each_fence(text, rewrite)


def _def_formula(d: re.Match[str]) -> str:
    """A ``def`` that only computes a formula: its steps, then its name equal to what it returns."""
    return f"{_steps(d.group(4))}{d.group(1)}{named(d.group(2), d.group(3), d.group(5))} = {d.group(5)}"


def _data_sum(g: re.Match[str]) -> str:
    """``sum(e for (x, y) in D)`` as Σ over the set; the point's own names (``xi, yi``, ``x_i, y_i``) are x and y
    in the summand, where nothing else there is called x or y."""
    body, x, y, over = g.group(1), g.group(2), g.group(3), g.group(4)
    if (named := point_named(body, x, y)) is not None:
        body, x, y = named, "x", "y"
    return f"Σ_{{({x},{y})∈{over}}} ({body})"


def _steps(body: str) -> str:
    """A function's assignments before its return, dedented, one to a line (``h1 = …; x2 = …`` split); a vector
    unpacked into its own entries (``w1, w2, w3 = w``) says nothing new and is left out."""
    lines = [part.strip() for ln in body.split("\n") if ln.strip() and not ln.strip().startswith("#")
             for part in _PY_COMMENT.sub("", ln).split(";") if part.strip()]
    return "".join(f"{ln}\n" for ln in lines if not _unpacked_entries(ln))


def _unpacked_entries(line: str) -> bool:
    """``w1, w2, w3 = w`` or ``w_1, w_2 = w``: a vector's entries named by its own name and their place."""
    m = re.fullmatch(r"([\w\s,]+?)\s*=\s*([A-Za-z]\w*)", line)
    if m is None or "," not in m.group(1):
        return False
    names = [n.strip() for n in m.group(1).split(",")]
    return all(re.fullmatch(rf"{re.escape(m.group(2))}_?{k}", n) for k, n in enumerate(names, start=1))


def _labelled_fences(text: str) -> str:
    """A block of formulas set as code whose comments label the parts (``# (b)(i)`` above a line,
    ``dsig = @(u) …;  % (b)(ii)`` after it), as a student who thinks in code hands in: its lines are the
    report's text, each label before its formula (``def s(u): return …`` read as ``s(u) = …``); a program (loops,
    imports, calls on objects) stays code. Offsets after each block are kept (the block is padded)."""
    if "```" not in text and "~~~" not in text:
        return text
    from grader.reading.labels import read_label

    def rewrite(whole: str, info: str, inner: str) -> str:
        body = _one_line_functions(inner)
        lines, labelled, statements = [], [], []
        for line in body.split("\n"):
            lead = _LINE_COMMENT.match(line)
            if lead is not None:
                said = line[lead.end():]
                if (label := read_label(said, 0)) is not None and "=" not in said:  # not "% e(i) = f(i) - y(i)"
                    labelled.append((label.problem, label.part, label.sub))
                lines.append(" " * len(lead.group()) + said)
                continue
            statements.append(_TRAILING_COMMENT.sub("", line))
            trailing = _TRAILING_COMMENT.search(line)
            if trailing is not None and (label := read_label(trailing.group(1), 0)) is not None \
                    and not trailing.group(1)[label.end - label.start:].strip():
                labelled.append((label.problem, label.part, label.sub))
                line = f"{trailing.group(1).strip()} {line[:trailing.start()].strip()}"
            lines.append(line)
        program = "\n".join(st for st in statements if st.strip())
        if len(set(labelled)) < len(labelled):
            return whole  # "dw2 = …  # (e)" twice: notes on which line answers what, not the parts' labels
        if not labelled or not program or not (formula_program(program) if info.lower() in _PYTHON
                                               else formula_fence(program, info or "text")):
            return whole
        out = "\n" + "\n".join(lines) + "\n"
        return out + " " * max(0, len(whole) - len(out))

    return _each_fence(text, rewrite)


# an interpreter's question and its answer: ">>> sp.diff(f, w3)" then "1/(1 + exp(-w2/…))" on the next line,
# Mathematica's "In[3]:= D[f, w1]" then "Out[3]= …"; the question an expression (no assignment), the answer one line
_ASKED = re.compile(r"([ \t]*)(?:>>>[ \t]+|In\[\d{1,3}\]:=[ \t]*)")
_ANSWERED = re.compile(r"[ \t]*(?:Out\[\d{1,3}\]=[ \t]*)?")
_NO_ANSWER = (">>>", "In[", "Traceback", "...")


def _echoed_results(text: str) -> str:
    """``>>> sp.diff(sig(u), u)`` then ``exp(-u)/(1 + exp(-u))**2``: what the session printed is the value of
    what was asked, read as the equation ``sp.diff(sig(u), u) = exp(-u)/…`` (on the question's line, padded so
    every offset after it stays). Only a question that is a call (``diff(…)``, ``D[…]``) and an answer that is no
    prompt, traceback or continuation. Line by line, each line looked at once."""
    if ">>>" not in text and "In[" not in text:
        return text
    lines = text.split("\n")
    for k in range(len(lines) - 1):
        asked = _ASKED.match(lines[k])
        if asked is None or len(lines[k]) > 500 or len(lines[k + 1]) > 500:
            continue
        ask = lines[k][asked.end():].strip()
        answer = lines[k + 1][_ANSWERED.match(lines[k + 1]).end():].strip()  # type: ignore[union-attr]
        if not answer or answer.startswith(_NO_ANSWER) or "#" in ask or re.search(r"(?<![=!<>])=(?!=)", ask) \
                or not re.search(r"[\w.]\s*[(\[]", ask):
            continue
        said = f"{asked.group(1)}{ask} = {answer}"
        width = len(lines[k]) + 1 + len(lines[k + 1])  # the two lines, the line break between them kept
        if len(said) < width:
            lines[k], lines[k + 1] = said, " " * (width - len(said) - 1)
    return "\n".join(lines)


# ">>> dsig_i = lambda u: …   # (i)": an interpreter's line labelled by its comment
_PROMPT = re.compile(r"(?m)^([ \t]*)>>>[ \t]+")
_PROMPT_LABEL = re.compile(r"[ \t]*(\(?[ivx]{1,4}\)|[a-h]\)|\([a-h]\))[ \t]*")


def _labelled_prompts(text: str) -> str:
    """``>>> dsig_ii = lambda u: sig(u)*(1 - sig(u))   # (ii)``: a session pasted at an interpreter's prompt whose
    comments label the parts; the label is put before its line (padded, so offsets stay), as in a labelled block.
    Each line is cut at its last ``#`` (no pattern backtracks over a long line)."""
    if ">>>" not in text:
        return text
    out, pos = [], 0
    for m in _PROMPT.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        mark = text.rfind("#", m.end(), end)
        code = text[m.end():mark].rstrip(" \t") if mark > m.end() else ""
        label = _PROMPT_LABEL.fullmatch(text, mark + 1, end) if code and text[mark - 1] in " \t" else None
        if label is None or "#" in code:
            continue
        out += [text[pos:m.start()], f"{m.group(1)}{label.group(1)} {code}".ljust(end - m.start())]
        pos = end
    return "".join([*out, text[pos:]])


# "const sig = u => 1 / (1 + Math.exp(-u));", "dsig = (u) => …": JavaScript's function, sig(u) = …
_ARROW_FUNCTION = re.compile(r"(?m)(?:\b(?:const|let|var)[ \t]+)?\b([A-Za-z_]\w{0,30})[ \t]*=[ \t]*"
                             r"(?:([A-Za-z_]\w{0,10})|\([ \t]*([A-Za-z_]\w{0,10}(?:[ \t]*,[ \t]*(?:[A-Za-z_]\w{0,10}"
                             r"|\[[\w \t,]{1,40}\]))*)[ \t]*\))[ \t]*=>[ \t]*(?=[^\s{])")


def _arrow_functions(text: str) -> str:
    """``sig = u => 1/(1 + Math.exp(-u))`` read as ``sig(u) = …`` (padded, so offsets stay): an arrow is no "hence"
    in a line of JavaScript."""
    if "=>" not in text:
        return text
    def formula(m: re.Match[str]) -> str:  # "(x, [w1, w2, w3]) =>": the weights unpacked, named w
        args = re.sub(r"\[[^\]]*\]", "w", m.group(2) or m.group(3))
        said = f"{named(m.group(1), args)} = "
        return said.rjust(len(m.group())) if len(said) <= len(m.group()) else m.group()  # no gap

    return _ARROW_FUNCTION.sub(formula, text)


def _each_fence(text: str, rewrite: Callable[[str, str, str], str]) -> str:
    """``text`` with each fenced block replaced by ``rewrite(block, info, body)`` (the same length, so every offset
    after it keeps its place)."""
    out, pos = [], 0
    for opening, close in _fence_pairs(text):
        out += [text[pos:opening.start()], rewrite(text[opening.start():close.end()], opening.group(3),
                                                   text[opening.end() + 1:close.start()])]
        pos = close.end()
    return "".join(out) + text[pos:]


def _fence_pairs(text: str) -> list[tuple[re.Match[str], re.Match[str]]]:
    """Every fenced block of ``text`` as (opening line, closing line), found by one scan in order, so a block's
    closing fence is never taken for the opening of another, and a fence never closed ends the scan (it runs to
    the end of the text) instead of being looked for again from every later line."""
    found, pos = [], 0
    while (opening := _OPENING.search(text, pos)) is not None:
        close = re.compile(rf"^{re.escape(opening.group(1))}{opening.group(2)[0]}{{{len(opening.group(2))},}}[ \t]*$",
                           re.M).search(text, opening.end())
        if close is None:
            break
        found.append((opening, close))
        pos = close.end()
    return found


def _fences(text: str) -> list[re.Match[str]]:
    """The plain fences (no language, or text) of ``text``, each matched from its opening line."""
    return [m for opening, close in _fence_pairs(text)
            if (m := _FENCE.match(text, opening.start())) is not None and m.end() == close.end()]


def formula_fence(body: str, info: str = "") -> bool:
    """A fenced block of formulas a student set in monospace (``dsig/du = sig(u)*(1-sig(u))``), not code:
    unlabelled or in a formula language (MATLAB, Julia, R, text), an equation on most lines and nothing only
    a program has. A Python block is code (it is where a hand-in's program lives) unless it is only formulas
    assigned (:func:`formula_program`)."""
    if info.strip().lower() in _PYTHON:
        return formula_program(body)
    if info.strip().lower() not in _FORMULA_LANGUAGES:
        return False
    lines = [ln for ln in body.splitlines() if ln.strip() and not ln.lstrip().startswith(("#", "%", "//"))]
    if not lines or len(lines) > 40 or _PROGRAM.search(body) or _BLOCK_COMMENT.search(body):
        return False  # a block comment (%{ … %}, #= … =#) hides lines that are not the answer: code
    return sum(1 for ln in lines if "=" in ln or "<-" in ln or "←" in ln) * 2 >= len(lines)


_PYTHON = {"python", "py", "python3", "ipython", "ipython3", "numpy"}
_PROGRAM_LANGUAGES = _PYTHON | {"julia", "jl", "r", "matlab", "octave", "m", "js", "javascript", "ts", "typescript"}
_ASSIGNMENT = re.compile(r"[ \t]*(?:[A-Za-z_]\w*(?:\[\d\])?(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*[ \t]*[-+]?=(?!=)|=[ \t]"
                         r"|[-+*/][ \t]|[A-Za-z_]\w*\([\w, \t]*\)[ \t]*=(?!=)"  # "f(x, w) = …": a def as a formula
                         r"|[d∂][^\s=/]{1,8}[ \t]*/[ \t]*[d∂]\w{1,4}[ \t]*=(?!=))")  # "dσ/du = …", no Python at all
# a call on an object (model.parameters(), optim.SGD(…)): a program's work; np.exp(…), math.exp(…) and a library's
# sigmoid (torch.sigmoid(…), F.sigmoid(…), special.expit(…)) are formulas
_OBJECT_CALL = re.compile(r"\b(?!(?:np|numpy|math|jnp)\.)[A-Za-z_]\w*\."
                          r"(?!(?:exp|sigmoid|expit|log|sqrt|tanh|pow|power|square)[ \t]*\()[A-Za-z_]\w*[ \t]*\(")
_CONSTRUCTED = re.compile(r"=[ \t]*[A-Z][a-z]\w*\(")  # model = Model(): an object a program builds, no formula
_PY_COMMENT = re.compile(r"(?<![ \t])[ \t]+#.*$")


_MATH_IMPORT = re.compile(r"^[ \t]*(?:import[ \t]+(?:numpy|math|sympy|scipy(?:\.special)?|torch)(?:[ \t]+as[ \t]+\w+)?"
                          r"|from[ \t]+(?:numpy|math|sympy|scipy(?:\.special)?)[ \t]+import[ \t]+[\w, *]+)[ \t]*$",
                          re.M)


def formula_program(source: str) -> bool:
    """Python that only writes formulas down (``df_dw2 = w3 * s2 * (1 - s2) * s1``, ``sigmoid = lambda u: …``):
    every line an assignment (or its continuation, ``        = np.exp(-u) / …``), no loop, function,
    import (but of a maths library) or call on an object. A student's answer set as code, read as the formulas it
    names, never run."""
    source = _MATH_IMPORT.sub("", source)  # "import numpy as np" above the formulas: what np.exp means
    lines = [_PY_COMMENT.sub("", ln) for ln in source.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    code = "\n".join(lines)  # what a comment says ("# grad_f(x) = torch.stack(…)") is no program's work
    if not lines or len(lines) > 30 or _PROGRAM.search(code) or _OBJECT_CALL.search(code) \
            or _CONSTRUCTED.search(code):
        return False
    return all(_ASSIGNMENT.match(ln) for ln in lines) and any(  # a formula, not only settings (x = 1, lr = 0.1)
        re.search(r"[A-Za-z_]", ln.partition("=")[2]) for ln in lines)


_COMMENTS = ("#", "%", "//", "--", "```", "~~~")
_COMMENTED_ALTERNATIVE = re.compile(r"[ \t]*(?:#|%|//|--)[ \t]*(?=(?:or|oder|ou|o|oppure|或者?|または|또는)[ \t]+\S)",
                                    re.IGNORECASE)
_FORMULA_LANGUAGES = {"", "text", "txt", "plain", "plaintext", "math", "julia", "jl", "matlab", "octave", "m", "r",
                      "mathematica", "wolfram", "asciimath", "none", "js", "javascript", "ts", "typescript"}


def _fence_info(text: str, block: Block | Span) -> str:
    """The language after a fence's opening backticks (``julia`` in ```` ```julia ````), else empty."""
    line = text[block.start:text.find("\n", block.start) if "\n" in text[block.start:] else len(text)]
    m = re.match(r"\s*(?:`{3,}|~{3,})\s*\{?\s*([\w+-]*)", line)
    return m.group(1) if m else "?"


def _free_lines(text: str, blocks: list[Block], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lines of prose blocks (from where their content starts) that hold no delimited math."""
    starts = line_starts(text) + [len(text) + 1]
    lines: dict[int, int] = {}
    import bisect

    for b in blocks:
        if b.kind not in ("paragraph", "item", "row") and not _broken_heading(text, b) \
                and not (b.kind == "code" and formula_fence(_fence_body(text, b), _fence_info(text, b))):
            continue
        i = bisect.bisect_right(starts, b.start) - 1
        while i < len(starts) - 1 and starts[i] < b.end:
            if b.kind == "code" and text[starts[i]:starts[i + 1]].lstrip().startswith(_COMMENTS):
                if (mark := _COMMENTED_ALTERNATIVE.match(text, starts[i], starts[i + 1])) is not None:
                    lines[starts[i]] = mark.end()  # "#   or   w3 * a2*(1-a2) * a1*(1-a1) * x  ??": another
                i += 1  # answer offered in a comment under the one above (read as a hedge)
                continue  # "# d/du … = …" in a block of formulas: a remark, never the answer
            begin = max(starts[i], b.content if starts[i] <= b.content < starts[i + 1] else starts[i])
            if (quoted := _QUOTE_MARK.match(text, begin, starts[i + 1])) is not None \
                    and not _CITING.search(text, max(0, b.start - 160), b.start):
                begin = quoted.end()  # "> σ′(u) = …": a quote's mark is no part of its formula (a quote of a
                # lecture's slide or the question stays unread: it is not the student's answer)
            lines[starts[i]] = max(lines.get(starts[i], begin), begin)
            i += 1
    out = []
    for line, begin in sorted(lines.items()):
        end = text.find("\n", line)
        end = len(text) if end < 0 else end
        j = bisect.bisect_right(taken, (end, end)) - 1
        if j >= 0 and taken[j][1] > line:
            continue
        out.append((begin, end))
    return out


_QUOTE_MARK = re.compile(r"[ \t]{0,3}(?:>[ \t]?)+")
_CITING = re.compile(r"(?i)\b(?:slides?|lecture|lectures|said|says|handout|sheet|notes|textbook|book|question|"
                     r"task|exercise|assignment|quote|quoting|according\s+to)\b[^\n]*(?:\n[ \t>]*){0,2}\Z")
_OPERATOR = re.compile(r"[·*/^∂σ′'+−]|\\(?:frac|cdot|sigma|partial)")
_BETWEEN_PARENS = re.compile(r"\\\).*?\\\(")  # "A\) | \(B\) | \(C": between the cells' \(…\) math
# "w <- w - a*g", "w <-- w - …": an arrow; "s <- function(u) …": R's definition
# a part's label alone before the math of its row's first cell: "| 1(e) $w_2$ |", "| **e** $w_2$ |"
_BARE_WEIGHT = re.compile(r"w_?\{?[123]\}?")
_PART_IN_CELL = re.compile(r"\s*(?:[*_]{1,2})?(?:(?:(?-i:P|Q|Pb|Ex)\.?[ \t]?)?[1-9][.\s]?)?[ \t]?\(?[a-h]\)?,?"
                           r"(?:[*_]{1,2})?\s*(?:\$|\\\()?$")  # "1(e) $w_2$", "P1 (e), $w_2$"
_R_ASSIGN = re.compile(r"<-{1,3}(?!\s*function\b)")
_CELL_BAR = re.compile(r"(?:^|\s)\|(?:\s|$)")


def _formula_rows(text: str, blocks: list[Block], math: list[Span]) -> list[Span]:
    """A plain-text table row with no math read yet whose last cell is a formula (``| w2 | w3*s2(x2)*s1(x1) |``,
    ``| b(ii) | 1/(1+e^-u)·… | sig1(u)*(1 - sig1(u)) |``), or only an equation in its last cell after a formula cell
    (``| w3 | df/dw3 | s2(x2) = s2(w2*s1(w1*x)) |``): the row is one piece, read as :func:`_row_chain`."""
    import bisect

    ordered = sorted(math, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    out = []
    for b in blocks:
        row = text[b.start:b.end].rstrip("\n")
        if b.kind != "row" or "$" in row or "\\(" in row or len(row) > 2000:
            continue
        cells = _answer_cells(row, functools.partial(table_head, text, b.start))
        row = row[:_cells_end(row, len(cells))]
        last_cell = b.start + row.rstrip().rstrip("|").rfind("|")
        read = ordered[bisect.bisect_left(starts, b.start):bisect.bisect_left(starts, b.end)]
        if read and not all(m.kind == "plain" and m.start > last_cell for m in read) \
                and not _worked_across(cells, read):
            continue  # read already (an equation in a cell, a derivation row); not "| w3 | df/dw3 | s2 = … |"
        if read and not any(_OPERATOR.search(c) and not re.search(r"[=$]", c) for c in cells[:-1]):
            continue  # an equation in the last cell, the cells before it no formula: that equation alone
        if len(cells) >= 2 and (_OPERATOR.search(cells[-1]) and all(w == "=" or _mathlike(w) for w in cells[-1].split())
                                or _named_answer(cells)):
            out.append(Span(b.start + len(row) - len(row.lstrip()), b.start + len(row.rstrip()), "plain"))
    return out


def _not_inside(math: list[Span], rows: list[Span]) -> list[Span]:
    """The math pieces that no row read whole holds (its cells' own equations give way to the row)."""
    import bisect

    ordered = sorted((r.start, r.end) for r in rows)
    starts = [a for a, _ in ordered]
    out = []
    for m in math:
        i = bisect.bisect_right(starts, m.start) - 1
        if not (i >= 0 and m.end <= ordered[i][1]):
            out.append(m)
    return out


def _row_chain(piece: str, head: str | None = None) -> str:
    """A plain-text table row read as one piece (``| 1/(1+e^-u)·[…] | sig1(u)*(1 - sig1(u)) |``, working then
    result): its formula cells, left to right, are the sides of one chain, so the last cell is the answer;
    cells of words ("direct", "—") are no sides."""
    if not _CELL_BAR.search(piece):
        return piece
    from grader.reading.layout import row_key

    cells = _answer_cells(piece, lambda: head)
    sides = [c for c in cells if c and _OPERATOR.search(c) and all(w == "=" or _mathlike(w) for w in c.split())]
    if _named_answer(cells):
        sides.append(cells[-1])
    if not sides or sides[-1] != cells[-1] or sum(1 for c in cells if c) < 2:
        return piece
    named = row_key(cells[0]) if len(cells) > 1 and cells[0] not in sides else ""
    if named and head is not None and _OF_LOSS.search(head):  # under "| component | ∂L/∂w_j |" the row w3 is
        weight = re.fullmatch(r"w(\d)", named)  # the gradient's entry ∂L/∂w3, not ∂f/∂w3
        return " = ".join([f"∂L/∂w_{weight.group(1)}" if weight else f"{KEY_NAME}{{KdL{named}}}", *sides])
    return " = ".join([f"{KEY_NAME}{{K{named}}}"] * bool(named) + sides)  # "| w1 | … |": w1's row, by name


_NOTES_HEAD = re.compile(r"(?i)\s*(?:notes?|remarks?|comments?|bemerkung(?:en)?|remarques?|notas?|observa\w*|"
                         r"anmerkung(?:en)?|kommentar|備考|备注|注|비고)\s*")


def _answer_cells(row: str, head_of: Callable[[], str | None]) -> list[str]:
    """A table row's cells up to its answer: trailing empty cells go (a spreadsheet's blank notes column), and so
    does a last cell of words under a "notes" head ("| 1e-w1 | … | w3·… | reuses the factors of 1e-w2 |") unless it
    doubts or changes the answer (then it stays, and the row is no chain: a person reads it)."""
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    while len(cells) > 1 and not cells[-1]:
        cells.pop()
    if len(cells) <= 2:
        return cells
    head = head_of()  # (a table's head is found by walking up to it)
    heads = [c.strip() for c in head.strip().strip("|").split("|")] if head else []
    column = len(heads) - (len(row.strip().strip("|").split("|")) - len(cells)) - 1
    if 0 <= column < len(heads) and _OPERATOR.search(cells[-1]) and note_head(heads[column]) \
            and "=" in cells[-1] and not cells[-1].lstrip("$ ").startswith("="):
        cells.pop()  # "| 1d | df/dw3 | s(x2) | x2 = w2*s(x1) |": a definition in the notes column, no step of the row
        return cells
    if _OPERATOR.search(cells[-1]):
        return cells
    if 0 <= column < len(heads) and _NOTES_HEAD.fullmatch(heads[column]) and not doubting_comment(cells[-1]) \
            and changed_by_words_after(f"x {cells[-1]}") is None:
        cells.pop()
        while len(cells) > 1 and not cells[-1]:
            cells.pop()
    return cells


_BARE_NAME = re.compile(r"[A-Za-zσα-ω][A-Za-z]?_?\d?['′]?")
_BY_NAME = re.compile(r"(?:\bd|∂|\\partial)\s*[\w()]{1,6}\s*/\s*(?:d|∂|\\partial)\s*\w{1,4}")


def _worked_across(cells: list[str], read: list[Span]) -> bool:
    """"| ∂f_w/∂w_2 | (∂f/∂h_2)(∂h_2/∂w_2) = w_3 · σ_2′(w_2h_1) · h_1 | w_3 h_1 h_2(1−h_2) |": a derivative named in
    the first cell, its working (an equation of plain text) in the middle, its result alone in the last: one chain."""
    return len(cells) >= 3 and all(m.kind == "plain" for m in read) and "=" not in cells[-1] \
        and "=" not in cells[0] and _BY_NAME.search(cells[0].replace("_", "")) is not None \
        and _OPERATOR.search(cells[-1]) is not None and all(_mathlike(w) for w in cells[-1].split())


def _named_answer(cells: list[str]) -> bool:
    """A row whose answer is one of the hand-in's names under a derivative said by name ("| d out / d w3 | h2 |"):
    the name is the row's last side (the hand-in's notation says what it stands for)."""
    return len(cells) >= 2 and _BARE_NAME.fullmatch(cells[-1]) is not None \
        and _BY_NAME.search(cells[-2]) is not None and "=" not in cells[-2]


def _cells_end(row: str, kept: int) -> int:
    """Where a row's first ``kept`` cells end (after the bar that closes the last of them)."""
    bars = [k for k, c in enumerate(row) if c == "|" and (k == 0 or row[k - 1] != "\\")]
    lead = 1 if row.strip().startswith("|") else 0
    return bars[kept + lead - 1] + 1 if len(bars) >= kept + lead else len(row)


# a table head that says its rows are the loss's derivatives: "∂L/∂w_j", "dL/dw", "∇L", "gradient of L"
_OF_LOSS = re.compile(r"∂\s*L|\\partial\s*(?:\\mathcal\s*\{?)?L|\bdL\s*/|∇\s*(?:_\{?\w+\}?)?\s*L|\\nabla|\bgrad", re.I)


def _table_equations(text: str, blocks: list[Block]) -> list[Span]:
    """A derivation laid out as a table row, ``| ∂f/∂w₂ | ∂f/∂σ₂ · ∂σ₂/∂w₂ | w₃ · σ′(x₂) |``: one equation."""
    out = []
    for b in blocks:
        line = text[b.start:b.end].rstrip("\n")
        if b.kind != "row" or "=" in line or "$" in line or len(line) > 2000:
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and all(cells) and all(_mathlike(w) for w in cells[0].split()) \
                and any(_OPERATOR.search(c) for c in cells[1:]) and _OPERATOR.search(cells[0]):
            out.append(Span(b.start, b.start + len(line), "row"))
    return out


def _summary_only(doc: Document) -> None:
    """A sub-part labelled only in a summary after its part ("1(b)(i)" in a table of final answers, where
    the derivation said "(i)" in words): that segment is the answer said again, not the part's only text."""
    for key, span in list(doc.segments.items()):
        parent = doc.segments.get(key.rsplit(".", 1)[0]) if key.count(".") == 2 else None
        if parent is not None and span.start >= parent.end:
            del doc.segments[key]
            doc.again.setdefault(key, []).insert(0, span)


_PRINTOUT = ("", "text", "txt", "plain", "output", "console", "none", "?")  # a fence that shows, not runs
_CHUNK = re.compile(r"[ \t]*(?:`{3,}|~{3,})[ \t]*\{")  # ```{r}, ```{python}, ```{code-cell}: a literate chunk


# a table cell holding only a value worked out at a point ("0{,}2194", "\\phantom{-}0.0431", "-0.17"): the
# formula in the cell before it is the row's answer, the value its check
_CELL_VALUE = re.compile(r"\s*(?:\\[hv]?phantom\{[^{}]{0,10}\}\s*)?[-−]?\d*(?:\.|\{,\}|,)\d+\s*")
KEY_NAME = "\\key"  # the left side given to an answer a key names: "1e_w2 | $…$" reads "\\key{w2} = …"
_DOT = re.compile(r"(?<=[\w)\]}])[ \t]+\.[ \t]+(?=[\w(\[\\∇∂σ])"
                  r"|(?:(?<=[^\W\d_])(?<![^\W\d_]{2})|(?<=[^\W\d_]\d)(?<![^\W\d_]{2}\d)|(?<=[)\]}'′]))"
                  r"\.(?!(?<=\bi\.)e(?![^\W\d_])|(?<=\be\.)g(?![^\W\d_]))"  # not "i.e." or "e.g."
                  r"(?=[^\W\d_]\d?(?![^\W\d_]|\.)|[(\[∇∂])")  # "w3.σ2(w2.σ1(w1.x))": a product
_KEY_MARKUP = re.compile(r"[\\_{} ]")  # "w_2", "\\nabla L" as a key's word: w2, nablaL
_ASSIGNS = re.compile(r"=|←|:=|\\leftarrow|\\gets|<-")


def _keyed(doc: Document, marks: list[Label]) -> dict[int, str]:
    """An answer key's rows (``1e_w2 → expr``, ``| e, w1 | $…$ |``): the first bare formula after a label
    that carries the item's word is that item's answer, named by the word (the rubric says which words
    name which item); a formula with its own left side keeps it."""
    import bisect

    starts = [m.start for m in doc.math]
    out: dict[int, str] = {}
    for mark in marks:
        if not mark.key:
            continue
        end = doc.text.find("\n", mark.end)
        end = len(doc.text) if end < 0 else end
        i = bisect.bisect_left(starts, max(mark.end, mark.key_end))
        if i < len(doc.math) and doc.math[i].start < end and doc.math[i].end not in doc.asked \
                and (not _ASSIGNS.search(read := doc._read(doc.math[i])) or _chain_rule_side(read)):
            key = mark.key.strip("$ ")
            word = _KEY_MARKUP.sub("", key)  # K below: no rewrite of a program's names reaches the word
            out[doc.math[i].end] = key if NAMED.fullmatch(key) else f"{KEY_NAME}{{K{word}}}"
    return out


_CHAIN_FACTOR = re.compile(r"\\frac\s*\{\s*\\partial|∂[^/=∂]{0,20}/\s*∂|\bd[^/=\s]{1,20}/d")


_NAME_SIDE = re.compile(r"\s*(?:\\nabla\s*(?:_\s*\{?\w{1,4}\}?)?\s*)?\\?[^\W\d_]{1,12}[\d₀-₉]{0,3}"
                        r"(?:\s*_\s*\{?[\w,]{1,8}\}?)?"
                        r"(?:\s*\^\s*(?:\{[^{}]{0,12}\}|\w))?(?:'|′|\^\{?\\prime\}?)*\s*(?:\([^()]{0,30}\))?\s*")


def _chain_rule_side(formula: str) -> bool:
    """``1e_w2: ∂f/∂σ2 · ∂σ2/∂x2 · ∂x2/∂w2 = …`` or ``1e_w1: w3 σ2'(x2) w2 σ1'(x1) x = …``: a first side that is
    the chain rule's product of factors (two derivatives or more) or a formula (no name, no derivative) names
    no item; the key before it does."""
    first = _ASSIGNS.split(formula, maxsplit=1)[0].rstrip(" \t:")  # ("w1 := …": the name before ":=")
    if len(first) > 300 or not first.strip():
        return False
    factors = len(_CHAIN_FACTOR.findall(first))
    return factors >= 2 or factors == 0 and _NAME_SIDE.fullmatch(first) is None \
        and re.search(r"[*·×⋅+(]|\\cdot", first) is not None and re.search(r"∇|\\nabla|grad", first) is None


# a program listing (the hand-in's code, after its answers), not a snippet inside one ("grad = [0, 0, 0]", a loop)
_LISTING = re.compile(r"^\s*(?:def |class |import |from \S+ import|@\w|#include|function\b)", re.M)


_PROGRAM_HEAD = re.compile(r"^\s*(?:class |import |from \S+ import|#include|using |library\()", re.M)


def _told_on(text: str, span: Span) -> bool:
    """A few small functions (``function ∇L(w, D) … end``) that the part goes on to explain in words after them
    (``i.e. ∇L = −2(y¹ − f(x¹))∇f(x¹) − …``): the part's own working, not a program handed in after the answers.
    A listing with imports or classes, or a long one, is a program wherever it stands."""
    body = text[span.start:span.end]
    if _PROGRAM_HEAD.search(body) or body.count("\n") > 30:
        return False
    after = re.compile(r"\s*\n([^\n]*\S[^\n]*)").match(text, span.end)
    if after is None:
        return False
    line, start = after.group(1), after.start(1)
    from grader.reading.labels import read_label

    return not line.lstrip().startswith(("#", "```", "~~~", "---", "===")) and read_label(text, start) is None


# "2. Image data" / "(a) input : …": a plain text's problem titled on a line of its own by its number, a part label
# on one of the lines under it (no Markdown heading marks it; a phone's text export has none)
_TITLE_LINE = re.compile(r"(?m)^[ \t]*([1-9])[.)][ \t]+[^\W\d_][^\W\d_-]*(?:[ \t]+[^\W\d_][^\W\d_-]*){0,4}[ \t]*$")
_PART_LINE = re.compile(r"[ \t]*\(?[a-h]\)")
TITLE_REACH = 6  # lines under a title within which a part label shows it titles a problem
_AFTERWORD = re.compile(r"(?i)\b(?:correct\w*|errat\w*|fix\w*|notes?|remarks?|final|summary|answers?|appendix|"
                        r"addend\w*|"
                        r"changes?|updates?|edits?|afterthoughts?|comments?|second\s+thoughts?|revis\w*|p\.?\s?s)\b")


def _title_lines(text: str) -> set[int]:
    """Where each problem's title line starts, when the text titles its problems so ("1. Derivatives",
    "2. Image data", each once, a part label under each): a numbered list of steps is not read so."""
    found = [m for m in _TITLE_LINE.finditer(text[:200_000])]
    if any(_AFTERWORD.search(m.group()) for m in found):
        return set()  # "3. Corrections", "3. Errata", "3. Final answers": not a problem, a word on the ones before
    numbers = [m.group(1) for m in found]
    if len(found) < 2 or len(set(numbers)) != len(numbers) \
            or set(numbers) != {str(k) for k in range(1, len(found) + 1)}:
        return set()
    out = set()
    for m, following in zip(found, [*found[1:], None], strict=True):
        below = text[m.end() + 1:following.start() if following else None].split("\n", TITLE_REACH)[:TITLE_REACH]
        first = next((p for line in below if (p := _PART_LINE.match(line)) is not None), None)
        if first is None or first.group().strip(" \t()") not in ("a", "b"):
            return set()  # a problem's parts start at (a) ((b) where (a) is a drawing); a later letter fixes another
        out.add(m.start() + len(m.group()) - len(m.group().lstrip()))
    return out


_BOXED = re.compile(r"\n[^\n]*\n[ \t]*={3,}[ \t]*\n?\Z")  # two lines or more over a rule of three "=" or more


def _segment(doc: Document) -> None:
    """Parts from labels. A program listing ends the part it is in (code after an answer is not the answer),
    but a literate document's executed chunk (```{r}``) is where that part computes its answer, and a snippet
    (``grad = [0, 0, 0]``, a loop) or a fenced printout (a summary table) is part of the text around it."""
    text = doc.text
    starts = line_starts(text) + [len(text) + 1]
    sites: list[Site] = []
    regions: list[tuple[int, int]] = []
    import bisect

    titles = _title_lines(text)
    for b in doc.blocks:
        if b.kind == "code":
            continue
        line = text.rfind("\n", 0, b.content) + 1
        line += len(text[line:b.content]) - len(text[line:b.content].lstrip())
        if b.kind == "item" and line in titles:  # "1. Derivatives" read by Markdown as a list's item
            sites.append(Site(line, heading=True))
            regions.append((b.start, b.end))
            continue
        sites.append(Site(b.content, heading=b.kind == "heading" or b.content in titles,
                          given=b.number if b.number.startswith(("(", "Question ")) else "",
                          number=b.number if b.kind == "item" else "", depth=b.level))
        regions.append((b.start, b.end))
        if b.kind in ("paragraph", "row", "math") or b.kind == "heading" and _BOXED.search(text, b.content, b.end):
            # (a text's box of lines under a rule of "=" is read by Markdown as one heading: each line is a line)
            i = bisect.bisect_right(starts, b.start)
            while i < len(starts) - 1 and starts[i] < b.end:
                sites.append(Site(starts[i], heading=starts[i] in titles))
                i += 1
    cuts = [(s.start, s.end) for s in doc.code_spans if not _CHUNK.match(text, s.start)
            and _LISTING.search(text, s.start, s.end)  # a snippet or a printout inside a part: no cut
            and not _told_on(text, s)]
    seg = segment(text, sites, regions, cuts)
    doc.segments = {k: Span(a, b, "segment") for k, (a, b) in seg.segments.items()}
    doc.again = {k: [Span(a, b, "segment") for a, b in spans] for k, spans in seg.again.items()}
    for key, mark in seg.found:  # "(d)–(e)", "** d, e": one text answers each part of the range
        head, _, part = key.rpartition(".")
        if mark.through and key in doc.segments and len(part) == 1:
            for letter in map(chr, range(ord(part) + 1, ord(mark.through) + 1)):
                later = f"{head}.{letter}" if head else letter
                doc.ranged.setdefault(later, key)
                if later not in doc.segments:
                    doc.segments[later] = doc.segments[key]
                    doc.shared.add(later)
    _summary_only(doc)
    doc.labels = [(k, m.start) for k, m in seg.found]
    doc.math = after_labels(text, doc.math, [m for _, m in seg.found] + seg.repeated)
    doc.math, named = bare_lines(text, doc.math, sorted([m for _, m in seg.found] + seg.repeated,
                                                        key=lambda m: m.start))
    doc.asked.update(named)
    doc.math, named = named_lines(text, doc.math)
    doc.asked.update(named)
    doc.math, named = outline_answers(text, doc.math)
    doc.asked.update(named)
    doc.asked.update(_keyed(doc, [m for _, m in seg.found] + seg.repeated))
    doc.corrected = corrected_parts(doc)
    _read_later_mentions(doc)
    if not doc.has_labels():
        doc.notes.append(NO_LABELS)


# a typed-up sheet's mark for a boxed answer, with the arrow drawn to it: "──→ [ans]", "=> [answer]", "【答】"
_BOXED_MARK = re.compile(r"(?:[─━—–=~-]{1,6}[ \t]*[→⟶⇒⟹➜➔>]|[⟶⇒⟹➜➔→])?[ \t]*"
                         r"(?:\[(?:final[ \t]+)?(?:ans|answer|result|boxed)\]|【(?:答|答え|解答|ans|answer)】)[ \t]*:?",
                         re.IGNORECASE)
_SHEET_FUNCTION = re.compile(r"(?<![A-Za-z])(EXP|LN)\(")  # a spreadsheet's "EXP(-u)": the exponential
_SAYS_EQUAL = re.compile(r"=|←|\\leftarrow|\\gets|:=")
# words of a note written after the work, which says the answer above is not the final one
_LATE = re.compile(r"(?i)\b(?:added\s+later|later\s+note|after\s+(?:handing|submitting|writing|the\s+deadline)|"
                   r"i\s+reali[sz]ed|revisit\w*|on\s+second\s+thought|thinking\s+(?:about\s+it\s+)?again|"
                   r"looking\s+(?:at\s+it\s+)?again|going\s+back|nachtr\w*|später|plus\s+tard|más\s+tarde)\b")


def _read_later_mentions(doc: Document) -> None:
    """A line after a part's own text that names it (a late fix in any words, a summary) is that part said
    again (:mod:`grader.reading.mentions`); one in words alone that change the answer goes to a person."""
    from grader.reading.mentions import named_later
    from grader.reading.plain_math import _FORMULA_MARK

    for key, start, end, kind in list(named_later(doc)):
        if any(s.start <= start < s.end for s in doc.again.get(key, [])):
            continue  # already read as this part's summary
        doc.again.setdefault(key, []).append(Span(start, end, kind))
        text = doc.text[start:end]
        if kind == "mention" and CHANGES.search(text) and not _SAYS_EQUAL.search(text) \
                and (not (_FORMULA_MARK.search(text) or re.search(r"\d", text)) or _LATE.search(text)):
            # "Note added later: in (d) I missed the outer factor w3": words that change it, no equation to read
            doc.corrected.setdefault(key, []).append(text.strip())


# a line that corrects an answer given above it: "EDIT: dw2 should be …", "**Correction to (e):** …",
# "- d (revised) ::", ".. note:: Actually …", "## 1d (redo)" (not "Update: w ← …", the answer to (f), nor a
# summary of final answers, compared elsewhere)
# (every run of blanks in the lead is taken whole: "a" and a line of spaces is never tried every way; "Fix $x$ and
# put …", "Fix the input": mathematics' "hold fixed", no correction)
_CORRECTION = re.compile(r"^[ \t>*_#\-•.▸▹▾▿▶►▼➤]*+(?:\[\^[^\]\s]{1,20}\]:\s*+)?(?:\.\.\s*+(?:note|warning)::\s*+)?"
                         # LaTeX's type around the word: "\emph{Actually}, …", "\footnotesize Correction: …"
                         r"(?:\\(?:emph|textbf|textit|textsc|underline|footnotesize|small|scriptsize|itshape|bfseries)"
                         r"(?![A-Za-z])\s*+\{?\s*+){0,3}"
                         r"(?:(?:[1-9]\s*+\.?\s*+)?[a-h]\s*+)?\(?"  # "d (revised)", "1d (redo)"
                         r"(?:nota\s+bene|note)?\s*+[/:—–-]?\s*+"  # "Nota bene / correzione per (d): …"
                         r"(?:edit(?:ed)?\b|correct(?:ions?|ed)\b|corrig|nota\s+bene\b|(?:nota|n\.\s?b\.|remarks?\s+(?:on|to|about))(?=\s*(?:part\s+)?[1-9]?\.?\s*\(?[a-h]\)?\s*[:,)])"
                         r"|remarque|(?:bemerkung|anmerkung)\s+zu\b|fix(?:es|ed)\b"
                         r"|fix\b(?![ \t]++(?:\$|\\\(|`|[A-Za-z]\b"
                         r"|(?:the|an?|any|some)[ \t]++(?:input|weights?|point|data|sample)))"
                         r"|late\s+(?:fix|change|edit)|korrektur|berichtigung|erratum|revis(?:ed|ion)\b"
                         r"|correc(?:ci[oó]n|ção|ao)|correzion|korekt|poprawk|исправлен|виправлен|oprava\b|düzeltme"
                         r"|sửa\s+lại|koreksi|rettifica|修正|更正|订正|訂正|정정|nachtrag|addendum|errata\b|\bp\.?\s?s\.?(?=\s)"
                         r"|post\s*scriptum|update\s+(?:after|to|on|for|regarding|re)\b|later\s+(?:note|edit)"
                         r"|on\s+second\s+thought|actually\b|oops|i\s+was\s+wrong|note\)?\s*::"
                         r"|scratch\s+that|second\s+thoughts?|after-?thought|on\s+reflection|(?:thinking|looking)\s+again"
                         r"|come\s+to\s+think|never\s*mind|nvm\b|re-?do(?:ne)?\b|second\s+(?:try|attempt)|sorry\b|typo\b|(?:i\s+)?meant\b|no,?\s+wait\b|my\s+bad\b"
                         r"|correcți|corecta|korjaus|rättelse|javítás|ispravk|taisym|تصحيح|ملاحظة(?=\s*\()|תיקון)",
                         re.IGNORECASE | re.MULTILINE)
# a footnote's text: "[^1]: …" (what it says is about the part that cites it)
_FOOTNOTE = re.compile(r"^[ \t>*_\-•.]*\[(?:\^([^\]\s]{1,20})\]:|(\d{1,2})\][ \t])", re.MULTILINE)  # [^1]: …, [1] …
# other footnotes, notes only where their mark is cited: "¹ …", "† …", "\* …", "[a] …" (a comment of a shared
# document), "$^{1}$ …", "Note 2: …"
_MARKED_NOTE = re.compile(r"^[ \t>]*(?:[⁽(]?(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})[⁾)]?|\\?(?P<sym>\*{1,3}|†{1,2}|‡|§|¶|※|⁂|⁑|#)"
                          r"|\[(?P<letter>[a-z])\]"
                          r"|\$?\^\{?(?P<tex>\d{1,2})\}?\$?|(?:foot)?note\s+(?P<num>\d{1,2})\s*[:.)])[ \t]+(?=\S)",
                          re.MULTILINE | re.IGNORECASE)
# a footnote that explains the formula citing it ("[2] Because 1 − σ(u) = …"), rather than changing it
EXPLAINS = re.compile(r"[ \t]*(?:because|since|as\b|by\b|using|from\b|see\b|recall|note\s+that|this\s+(?:is|follows)|"
                      r"i\.\s?e\.|cf\.|weil|da\b|car\b|porque|perch[ée])", re.IGNORECASE)


def _footnote_corrects(remark: str) -> bool:
    """Whether a footnote's text may change the formula citing it: words that change an answer, or a formula of its
    own that does not explain ("[2] Without the last factor σ1(x1)", not "[2] Because 1 − σ(u) = …")."""
    from grader.reading.plain_math import _FORMULA_MARK

    return bool(CHANGES.search(remark) or (_FORMULA_MARK.search(remark) and not EXPLAINS.match(remark)
                                           and not _worked_number(remark)))


_EQUIVALENTLY = re.compile(r"(?i)[\s*_]*(?:equivalently|in\s+other\s+words)\b")
# a remark about how others write it: "in some courses", "other textbooks", "some authors", "many books" (see
# elsewhere_only: not one the student applies to an answer, "… so take w_1 as the last factor of my ∂f/∂w1")
ELSEWHERE = re.compile(r"(?i)\b(?:in\s+(?:some|other|many|most)|(?:some|other|many|most))\s+(?:other\s+)?(?:courses?"
                        r"|(?:text)?books?|texts|lectures?|classes|conventions?|frameworks?|papers?|authors?|people"
                        r"|references?|libraries|sources?)\b")
_APPLIED = re.compile(r"\b(?:I|I'll|I'm|I've|my|mine)\b"
                      r"|(?i:\b(?:take|taking|final\w*|answer\w*|use|using|go\s+with|keep)\b)")


def elsewhere_only(remark: str) -> bool:
    """A remark about how other courses or books write it, which the student does not take for an answer."""
    return ELSEWHERE.search(remark) is not None and _APPLIED.search(remark) is None


def _worked_number(remark: str) -> bool:
    """A remark whose math is a number worked out ("$σ(0)(1-σ(0)) = \\frac12\\cdot\\frac12 = \\frac14$"): no
    variable in it, so it changes no formula."""
    math = "".join(re.findall(r"\$([^$]{1,400})\$", remark)) or remark
    bare = re.sub(r"\\[A-Za-z]+|σ|sigma|exp|\be\b", "", math)
    return "=" in math and re.search(r"\d", bare) is not None and re.search(r"[^\W\d_]", bare) is None


# "edit: fixed a typo in 1e" says the text above is already right
# a line under an answer that says what it lacks ("^ missing the w2", "↑ forgot $w_3$", "(forgot: times w2)",
# "% ^ this does not print 0 … df/dw2 above is missing the w2"); not one that tells of a fix already made ("(forgot
# the $w_2$ … the first time.)") or writes the fixed formula ("(forgot a bracket, it should be: …)", read as a fix)
_POINTS_UP = re.compile(r"^[ \t>*_\-•]*+(?:(?:%|//)[ \t]*+)?"
                        r"(?:(?:\^|↑|⬆)[ \t]|\(?[ \t]*+(?:forg[oe]t\w*|missing|short\s+of|left\s+out"
                        r"|(?:still\s+)?needs?"
                        r"|lacks?|lacking)\b)",
                        re.IGNORECASE | re.MULTILINE)
# a row of arrows under a vector that names its entries ("↑ w1      ↑ w2      ↑ w3"): no words, nothing is changed
_ARROWS_NAME = re.compile(r"[ \t>*_\-•]*+(?:[↑⬆^][ \t]*+[^\W_]{1,3}(?:[ \t]*+[₀-₉\d]{1,2})?[ \t]*+){2,8}")
_FIX_TOLD = re.compile(r"(?i)\b(?:the\s+first\s+time|at\s+first|earlier|previously|originally|fixed|corrected"
                       r"|should\s+(?:be|read)|it\s+is\s*:|correct\s+(?:one|version|form)\s+is)\b")
_DONE = re.compile(r"(?i)\b(?:fixed|corrected|edited|updated|amended|added|changed|replaced)\b")
# a note that tells the reader to change the answer ("put a minus sign in front of the line above", "that minus is
# part of my final answer"), or says what a sign became ("changed the sign to a plus … changed it above"): a person
# compares it with the text, which may not hold it
_INSTRUCTS = re.compile(r"(?i)\b(?:put|add|insert|change|flip|negate|multiply|divide|remove|drop|replace|swap|take"
                        r"|read)\b|\b(?:part\s+of\s+my|my\s+final|final)\s+answer\b")
_ABOVE = re.compile(r"(?i)\b(?:the\s+(?:line|formula|answer|equation|result)\s+above|above|previous\s+line)\b")
_SIGN_WORDS = re.compile(r"(?i)\b(?:plus|minus|sign|positive|negative|ascent|descent)\b")
_ASIDES = re.compile(r"\([^()\n]{0,120}\)")  # "($∂x_1/∂w_1 = x$)": a reason in brackets, no equation of the answer's


def _struck_before(doc: Document, pos: int) -> bool:
    """Whether the part holding ``pos`` struck a formula through before it (``~~$…$~~``): the hand-in edited in
    place, and a note after it tells why."""
    span = next((s for s in doc.segments.values() if s.start <= pos < s.end), None)
    return span is not None and "~~" in doc.text[span.start:pos]
_EQUATION_SAID = re.compile(r"=|\\leftarrow|←|\w\(")  # "∂f/∂w3 = σ2(w2 w1 x)", "σ2(w2 w1 x)": a formula, no symbol
# words that say the answer as it stands already holds the fix ("the answer below is the fixed one", "updated above")
_ALREADY_IN = re.compile(r"(?i)\b(?:(?:below|above)\s+(?:is|are)\s+(?:the\s+)?(?:fixed|corrected|updated|new|right)"
                         r"|(?:is|are)\s+(?:already\s+)?(?:fixed|corrected|updated)\s+(?:below|above|in\s+the\s+text)"
                         r"|(?:fixed|corrected|updated)\s+(?:version\s+)?(?:below|above)|already\s+(?:fixed|corrected|updated)"
                         r"|(?:added|changed|fixed|corrected|updated|replaced)\s+(?:it|them|this|that)\s+(?:above|below))")
# the same in the class's languages: the formula above already holds the fix, or is the answer
_ANSWER_IS_ABOVE = re.compile(r"(?i)(?:the|my)\s+answer\s+is\s+the\s+(?:expression|formula|one|result)\s+above"
                              r"|התשובה\s+היא\s+הביטוי\s+שלמעלה|odpowiedź\w*\s+(?:jest\s+)?(?:wzór|wyrażenie)\s+powyżej"
                              r"|die\s+antwort\s+ist\s+(?:der|die)\s+(?:ausdruck|formel)\s+oben")
_ALREADY_SAID = re.compile(r"(?i)już\s+uwzględnion|jest\s+już\s+(?:poprawn|uwzględn)"
                           r"|bereits\s+(?:enthalten|berücksichtigt|korrigiert|drin)|schon\s+(?:enthalten|drin|korrigiert)|déjà\s+(?:inclus|pris\s+en\s+compte"
                           r"|corrig)|ya\s+(?:está\s+)?(?:incluid|corregid|considerad)|già\s+(?:inclus|corrett)"
                           r"|já\s+(?:está\s+)?(?:incluíd|corrigid)|уже\s+(?:учтен|учтён|исправлен|включен)"
                           r"|zaten\s+(?:dahil|düzeltil)|sudah\s+(?:termasuk|diperbaiki|dikoreksi)|đã\s+(?:bao\s+gồm|sửa)"
                           r"|已(?:经)?(?:包含|改正|修正|更正)|既に(?:含|修正)|이미\s*(?:포함|수정)|זה\s+אותו\s+דבר"
                           r"|(?:that|it)\s*(?:'s|\s+is)\s+the\s+same\s+(?:thing|expression|formula)|"
                           + _ANSWER_IS_ABOVE.pattern[4:])
_STILL = re.compile(r"(?i)\b(?:should|actually|really|wrong|instead|meant|not)\b")  # "fixed (d): it should be …"
# a lead that is a correction only with what it changes on its own line ("sorry, typo: I meant $…$"), never a
# heading over the lines under it ("(sorry for plain txt)")
_APOLOGY = re.compile(r"(?i)^[ \t>*_\-•.(]*(?:\[\^[^\]\s]{1,20}\]:\s*)?"
                      r"(?:sorry|typo|(?:i\s+)?meant|no,?\s+wait|my\s+bad)\b")
# the part a correction names: "(e)", "1e", "1.e", "1(e)", "- d (revised) ::" (a letter alone, then a bracket or
# "::"), "(د)" / "(هـ)" (Arabic letters in their alphabet's order)
_NAMED_PART = re.compile(r"(?:(?<!\w)([1-2])\s*\.?\s*)?"
                         r"(?:\(([a-h])\)|(?<![\w∂∇/])([a-h])(?=\s*(?:\(|::|\)|:)))"
                         r"|(?<!\w)([1-2])\s*\.?\s*([a-h])(?![A-Za-z])")
_BELOW = 6  # lines under a short correcting heading that may hold the part it names and the new answer


# a footnote's next lines, up to a blank line or the next note, heading, quote, table or label
_NOTE_GOES_ON = re.compile(r"(?:\n(?![ \t]*(?:\[\^|[#>|]|\(?[a-h]\)|[1-9][.)]))[ \t]*\S[^\n]*){1,8}")


# "∂f/∂w3 = σ(u2). Actually no, it is σ(u1).", "… — no wait, it is …", "…; correction: …": a sentence on the
# answer's own line that takes it back
_FIX_IN_LINE = re.compile(r"(?i)(?:[.!?;]|[ \t][—–-]{1,2})[ \t]+(?=(?:actually,?\s+no|no,?\s+wait|wait,?\s+no"
                          r"|on\s+second\s+thought|(?:hmm+,?\s+)?I\s+now\s+think)\b|correction\s*:)")


def corrected_parts(doc: Document) -> dict[str, list[str]]:
    """Parts whose answer a later line corrects (a person compares the two), with the correcting lines: the part
    the line names ("Correction to (e)", "- d (revised) ::", "PS re 1.4"), else the part the line is in (a
    footnote: the part that cites it). A line counts when it carries a formula, names a part in words that change
    an answer ("P.S. in (d) it is really σ1"), or is a short heading with a formula in the lines under it
    ("## Fixes", "(d)", "$…$")."""
    from grader.reading.plain_math import _FORMULA_MARK

    out: dict[str, list[str]] = {}
    leads = {m.start() + m.group().rfind("\n") + 1 for m in _CORRECTION.finditer(doc.text)}  # its own line
    in_line = {m.end() for m in _FIX_IN_LINE.finditer(doc.text, 0, 500_000)}
    pointers = {m.start() for m in _POINTS_UP.finditer(doc.text, 0, 500_000)
                if not _FIX_TOLD.search(doc.text, m.start(), _line_end(doc.text, m.start()))
                and not _ARROWS_NAME.fullmatch(doc.text, m.start(), _line_end(doc.text, m.start()))}
    starts = sorted(leads | pointers | {m.start() for m in _FOOTNOTE.finditer(doc.text)}
                    | {m.start() for m in _MARKED_NOTE.finditer(doc.text)} | in_line)
    fenced = [m.span() for m in _FENCED.finditer(doc.text)] if "```" in doc.text else []
    for start in starts:
        if any(a < start < b for a, b in fenced) \
                and (not _CODE_COMMENT.match(doc.text, doc.text.rfind("\n", 0, start) + 1)
                     or _EXPECTED.search(doc.text, start, _line_end(doc.text, start))):
            continue  # a program's line ("eps = 1e-7"): no correction of a written answer (its comment may be one,
            # but not "# finite-difference check, should be ~1e-10": what a check expects to print)
        line_end = doc.text.find("\n", start)
        line = doc.text[start:len(doc.text) if line_end < 0 else line_end]
        if start in in_line and (_worked_on(doc, line_end if line_end >= 0 else len(doc.text))
                                 or not _FORMULA_MARK.search(line)):
            continue  # "… wait, no: the signs cancel" inside a working that goes on below: a step, not a fix
        under = _lines_under(doc.text, line_end) if line_end >= 0 else []
        said = _parts_named(doc, line[:200])
        note = _note(doc.text, line, start)
        if note and line_end >= 0 and not _FORMULA_MARK.search(line) and not CHANGES.search(line) \
                and (rest := _NOTE_GOES_ON.match(doc.text, line_end)) and _FORMULA_MARK.search(rest.group()):
            line += rest.group().replace("\n", " ")  # a note in words whose formula is on its next lines
        if note and not _CORRECTION.match(line) and (elsewhere_only(line[note[0]:])
                                                     or _EQUIVALENTLY.match(line, note[0]) and "=" not in line):
            continue  # "[^half]: In some courses the loss is ½Σ(y−f)², and the gradient is …": another convention;
            # "[^2]: Equivalently, L with the ½ and rate 2α gives exactly the same step": the same answer, explained
        if start not in pointers and not _CORRECTION.match(line) and not CHANGES.search(line) \
                and not (note and _footnote_corrects(line[note[0]:])):
            continue  # a footnote that explains ("[^1]: see the lecture notes"), not one that corrects
        if not _FORMULA_MARK.search(line) and _DONE.search(line) and not _STILL.search(line) \
                and not _SIGN_WORDS.search(line):
            continue  # "edit: fixed a typo in 1e": the text above is already right
        if _DONE.search(line) and _ALREADY_IN.search(line) and not _EQUATION_SAID.search(_ASIDES.sub("", line)) \
                and not _SIGN_WORDS.search(line):
            continue  # "EDIT: fixed a typo in (d), I had $σ_1$ … Answer below is the fixed one": the text says so
            # (a note that writes an equation of its own, "… the right one is ∂f/∂w2 = …", still goes to a person)
        if _ALREADY_SAID.search(line) and not _SIGN_WORDS.search(line) and (
                _ANSWER_IS_ABOVE.search(line) or not _EQUATION_SAID.search(_ASIDES.sub("", line))):
            continue  # "Poprawka: … w wzorze powyżej jest już uwzględniony", "… כלומר התשובה היא הביטוי שלמעלה"
        if _struck_before(doc, start) and not _EQUATION_SAID.search(_ASIDES.sub("", line.replace("$", ""))) \
                and not _STILL.search(line) and not _INSTRUCTS.search(line):
            continue  # "~~$…$~~ $…$ (edit: the two minus signs cancel)": the edit struck through, the note explains it
        if _FORMULA_MARK.search(line) or ((said or note or _ABOVE.search(line)) and CHANGES.search(line)) \
                or start in pointers:
            under = []  # the formula (or the words) on the line ("put a minus sign in front of the line above",
            # "(forgot: times w2)" under the answer it changes)
        elif len(line.strip()) <= 40 and not _APOLOGY.match(line) \
                and any(_FORMULA_MARK.search(u) or CHANGES.search(u) for u in under):
            said = said or next((n for u in under if (n := _parts_named(doc, u[:80]))), [])  # "## Fixes", "(d)"
        else:
            continue
        named = [k for k in doc.segments if any(k == _part_key(doc, p, q) for p, q in said)]
        where = note[1] if note else start  # "[^1]: Correction …": the part that cites [^1]
        if not named and where == start and note:
            continue  # a footnote cited nowhere
        inside = [k for k, span in doc.segments.items() if span.start <= where < span.end]
        if not _SUB_NAMED.search(line):  # (b)(ii)'s, not all (b)'s (unless it names a sub-part: "Correction to (i)")
            inside = [k for k in inside if not any(o.startswith(f"{k}.") for o in inside)]
        for key in named or inside:
            out.setdefault(key, []).append("\n".join([line, *under]).strip())
    return out


_FENCED = re.compile(r"(?ms)^[ \t]*```[^\n]*\n.*?^[ \t]*```")
_EXPECTED = re.compile(r"(?i)\bshould\s+(?:be|print|give|show)\s+(?:~|≈|about|around|roughly|close|near|tiny|small|zero"
                       r"|negligible|[<≤]|\d|the\s+same|equal|identical|true)")
_CODE_COMMENT = re.compile(r"[ \t]*(?:#|//|%|--)")
_SUB_NAMED = re.compile(r"(?<![\w\\])\(?(?:i{1,3}|iv)\)|\b(?:i{1,3}|iv)\b(?=\s*(?:above|below|oben|unten))")


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _worked_on(doc: Document, pos: int) -> bool:
    """Whether math follows ``pos`` inside the part that holds it (the working goes on after a line)."""
    part = next((s for s in doc.segments.values() if s.start <= pos < s.end), None)
    return part is not None and any(pos < m.start < part.end for m in doc.math)


def _lines_under(text: str, line_end: int) -> list[str]:
    """The non-blank lines under a heading, up to the next heading or a few lines."""
    out: list[str] = []
    for below in text[line_end + 1:line_end + 1200].split("\n"):
        if below.lstrip().startswith("#") or len(out) >= _BELOW:
            break
        if below.strip():
            out.append(below.strip())
    return out[:3]


def _parts_named(doc: Document, text: str) -> list[tuple[str, str]]:
    """(problem, part) of each part ``text`` names ("(e)", "1e", "1.e", "- d (revised) ::", "(د)", and "1.4"
    in a hand-in whose parts are numbered)."""
    named = [(m1 or m4, m2 or m3 or m5) for m1, m2, m3, m4, m5 in _NAMED_PART.findall(text)]
    # Arabic letters and numbered parts in their order of appearance, as they were read before
    return named + [(problem, part) for _, problem, part in arabic_and_numbered(doc, text)]


def _note(text: str, line: str, start: int) -> tuple[int, int] | None:
    """A footnote's text: where its mark ends on ``line`` and where it is cited (``$…$[^1]`` in part (d) for
    ``[^1]: Correction: …`` at the end; ``start`` when cited nowhere). A mark other than ``[^1]:``/``[1]`` (a bullet
    "* " looks like one) makes a note only where it is cited: ``$…$¹``, ``$…$†``, ``(see note 2)``."""
    note = _FOOTNOTE.match(line)
    if note is not None:
        if note.group(1):
            cited = re.search(rf"\[\^{re.escape(note.group(1))}\](?!:)", text)
        else:  # a word processor's "[2] …": cited by "[2]" glued to what it notes
            cited = re.search(rf"(?<=[^\s\[(])\[{note.group(2)}\](?![:\w])", text)
        return note.end(), start if cited is None else cited.start()
    marked = _MARKED_NOTE.match(line)
    if marked is None:
        return None
    mark = next(m for m in (marked.group(g) for g in ("sup", "sym", "letter", "tex", "num")) if m)
    citation = _citation(marked, re.escape(mark))
    for cited in re.finditer(citation, text, re.IGNORECASE | re.MULTILINE):
        if not start <= cited.start() < start + len(line):
            return marked.end(), cited.start()
    return None


def _citation(marked: re.Match[str], mark: str) -> str:
    """How a footnote of the kind ``marked`` is cited: its mark glued after what it notes."""
    if marked.group("sup"):  # after a formula, a bracket or a word, not an exponent ("x¹"); "⁽¹⁾", "(¹)"
        return rf"(?:(?<=[$)\]}}])|(?<=[^\W\d_]{{2}}))[⁽(]?{mark}[⁾)]?(?![¹²³⁴⁵⁶⁷⁸⁹⁰])"
    if marked.group("sym"):  # after a formula or a bracket at the end of its line, not a bullet's, a product's
        return rf"(?<=[$)\]}}|])[ \t]?\\?{mark}(?=[ \t]*(?:[.,;]?[ \t]*$))"  # or an emphasis' star
    if marked.group("letter"):
        return rf"(?<=\S)\[{mark}\]"
    if marked.group("tex"):
        return rf"(?<=\$)\$?\^\{{?{mark}\}}?"
    return rf"\b(?:see\s+|cf\.?\s+)?(?:foot)?note\s+{mark}\b"


def _part_key(doc: Document, problem: str, part: str) -> str:
    if problem:
        return f"{problem}.{part}"
    keys = [k for k in doc.segments if k.endswith(f".{part}") and k.count(".") == 1]
    return keys[0] if len(keys) == 1 else f"1.{part}"
