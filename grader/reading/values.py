"""Values in a written part (sizes, counts), each with the label that says what it is.

A TA reads "conv1: 520, conv2: 25,050", a pipe table, a printed layer summary and
``$$\\text{conv}_1 : (5 \\times 5 + 1) \\times 20 = 520$$`` alike: math markup is made
plain, tables become (row, column, cell) triples, and every line is read the same
way. The rubric's label patterns (per field, first field first) are found and set
aside, so "conv 1" or "Conv2d-1" is never read as a value; then each value takes its
label, by rank:

0. a label before it on its line (or, for a value alone on its line, a label line just above);
1. a label after it on its line, or the label of the value before it on the line;
2. a context line just below ("after 2D-convolution");
3. a label near a value used as a modifier ("after 2×2 max-pooling").

A value inside an aside ("(28 − 4 + 1 = 25)", "(including biases)") or on the left of
an equals sign ("(5·5·1 + 1)·20 = 520") is not an answer. Every candidate is kept: the
check chooses among them (the kind it expects, the best rank) and sends two different
values for one field to a person. Every scan is a single pass of simple patterns.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from grader.expressions.prose_tail import change_said
from grader.reading import value_corrections as corrections
from grader.reading import value_sums as sums
from grader.reading.layer_calls import calls_read, only_call
from grader.reading.number_words import spelled_as_digits
from grader.reading.parameter_rows import is_parameter_row, layer_totals
from grader.reading.plain import plain
from grader.reading.plain_math import ALSO_ALLOWED, UNDECIDED
from grader.reading.tables import Cell, pipe_tables, summary_rows, table_head
from grader.reading.workings import wrong_workings

if TYPE_CHECKING:
    from grader.reading.document import Document
    from grader.reading.extract import TextSpec

MAX_LINE = 2000  # longer lines are cut: no real answer line is that long
_MASK = "\u00a7"  # stands for text that is not a value (labels, asides, computations)
_NUM = r"\d{1,2}(?:,\d\d)+,\d{3}(?!\d)|\d{1,3}(?:(?:,|'|[ \u00a0\u2009\u202f]|\.)\d{3})+(?![\d])|\d+(?:\.\d+)?"
_DIMS = re.compile(rf"(?:{_NUM})(?:\s*[x×X*·@]\s*(?:{_NUM}))*")
_TUPLE = re.compile(rf"[(\[]\s*(?:(?:-1|None|N|B)\s*,\s*)?(?:{_NUM})(?:\s*,\s*(?:{_NUM}))+\s*[)\]]")
# a run of digits and marks that may hold a value ("(N, 20, 24, 24)": a batch dimension first)
# (a number right after Japanese, Chinese or Korean text is a value: "ストライドは1", "通道数为20", "필터는5")
_RUN = re.compile(r"(?:(?<![\w.\-\u00a7])|(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]))"
                  r"(?:[(\[](?:N|B|None|-1)\s*,\s*|[\d(\[])[\d\s.,'()\[\]×xX*·@+\-−/÷^]*+")
# where a value ends and a working begins; "(4*4*50+1)*500 400500": a printout's columns (not "25 050", nor an OCR's
# "2 8")
_RUN_BREAK = re.compile(r"[.,]\s+|\s{2,}|(?<=\d)\s+(?=[(\[])|(?<=\d\d)[ \t](?=\d{4,})")
# words that lead from an operation to its result: "pooling 2×2 gives 12×12×20", "max pooling 之后 12×12×20"
_RESULT = re.compile(r"→|=>|\b(?:gives?|yields?|results?\s+in|we\s+get|get|gets|obtain\w*|becomes?|produces?"
                     r"|leads?\s+to|ottien\w*|otteniamo|obten\w*|obtien\w*|erh[aä]lt\w*|ergibt|ergeben|donne|devient|daje|otrzym\w*"
                     r"|elde\s+edil\w*|verir)\b|之后|之後|以后|得到|になる|後|후", re.IGNORECASE)
# "after" written after the operation it follows ("2×2 max pooling 之后 12×12×20"): the label introduces the next value
_ARROW = re.compile(r"\s*(?:→|⇒|⟹|⟶|=>|->|\\Rightarrow|\\to)\s*")  # a value, an arrow, then the value it leads to
_AFTER = re.compile(r"\s*(?:之后|之後|以后|以後|の後|後|후|이후|sonra)")
# "relu1, pool1: 0, 0": labels listed before one colon name their values together (no clause between them)
# where a new label may begin (not after an abbreviation: "channel dim. 20")
_CLAUSE = re.compile(r"[;|•]|\s·\s|(?<!\bdim)(?<!\bapprox)(?<!\bresp)(?<!\bno)(?<!\bnr)(?<!\bcf)(?<!\bvs)(?<!\bi\.e)"
                     r"(?<!\be\.g)\.\s"  # "channel dimension, i.e. the number of filters, is 50": one clause
                     r"|,\s+(?=[A-Za-z])(?!i\.e\.|e\.g\.|is\s|are\s|was\s|which\s+(?:is|are)\s"
                     r"|(?:leaving|giving|yielding|producing|resulting\s+in)\s+(?=[\d(]))"  # ", leaving 12×12×20"
                     r"|(?<!\u00a7),\s+(?=\u00a7)"
                     r"|(?<=\u00a7),\s+(?=\u00a7(?![\u00a7\s,&\u2016]*[:=]))|(?<=[\d)\]$])\s+/\s+(?=[^\W\d_]|\u00a7)")
# (a label's bracketed aside masked between them: "channel dimension (depth) of each filter")
_OF = re.compile(r"[\s\w]{0,20}?(?:§{3,}[\s\w]{0,12}?)?"
                 r"\b(?:of|de[sl]?|du|dei|della|der|des|của|do|da|dos|das|van|von|του|της|των)\s+"
                 r"(?:the\s+|each\s+|a\s+|chaque\s+|ogni\s+|mỗi\s+|het\s+|de\s+|dem\s+|des\s+|jedes\s+)?"
                 r"(?:(?:conv\w{0,12}|second|2nd|first|1st|layer)[\s-]+)?",  # "… of each conv2 filter"
                 re.IGNORECASE)
_JOIN = re.compile(r"\s*(?:=|,|&|/|\band\b|\bund\b|\bet\b)\s*", re.IGNORECASE)
_ASIDE = re.compile(r"\([^()\n]*\)|\[[^\[\]\n]*\]")
_WORD_AFTER = re.compile(r"\s*-?\s*([^\W\d_][\w-]*)")
_UNITS = re.compile(r"(?:param|weight|bias|pixel|channel|filter|kernel|neuron|unit|feature|element|entr|value|number|"
                    r"px|in\b|for\b|at\b|after\b)", re.IGNORECASE)
# operators spelled as words by equation editors (LibreOffice Math, Hancom): "5 times 5", "(5 cdot 5 + 1) cdot 20"
_SPOKEN = re.compile(r"(?<=[\d)])\s*\b(?:times|TIMES|Times|cdot|CDOT|xx)\b\s*(?=[\d(])")  # AsciiMath: "5 xx 5"
# a lone star between numbers is a product, escaped or not ("(5*5*1 + 1) * 20", Markdown's "5\*5\*1"): never emphasis
# a product's star ("5*5", "5 * 5"), not emphasis closing after a value ("*… channel dimension 20* (50 filters)")
_STAR = re.compile(r"(?<=[\d)\]])(?:\s+\\?\*(?!\*)\s*|\\?\*(?!\*))(?=[\d(\[])")
# full-width forms as ASCII ("２８×２８", "５＋１"); wide punctuation carries its own space ("20（50 个" is "20 (50 个")
_WIDE: dict[int, int | str] = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20} | {
    0xFF08: " (", 0xFF09: ") ", 0xFF0C: ", ", 0xFF1B: "; ", 0xFF1A: ": ", 0x3001: ", ", 0x3002: ". "} | {
    zero + i: ord(str(i)) for zero in (0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50) for i in range(10)} | {
    0x066C: ",", 0x066B: ".", 0x066A: "%"}  # ۲۵٬۰۵۰: Persian and Arabic digits with their own separators
# "通道数 20,(50 个)", "通道维度 20(50 个": punctuation typed wide and made ASCII has no space around it
_TIGHT = re.compile(r"(?<=[\d)\]])([,;:])(?=[^\s\d])|(?<=[\d\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])\((?=[\d$\\])")
_MODIFIER_BEFORE = re.compile(r"(?:\b(?:after|before|with|using|a|an|the|by|of|each|every|per|from|into|to)|[→>])\s*$",
                              re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A value read for a field: its text, how surely it belongs to the field (0 best), and its line; ``printed``:
    read from a program's printed summary (torchsummary, Keras), what the code says rather than the student."""

    text: str
    rank: int
    line: str
    printed: bool = False


class FieldReading(str):
    """The value read for one field (its best candidate), carrying every candidate for the check."""

    candidates: tuple[Candidate, ...]

    def __new__(cls, text: str, candidates: tuple[Candidate, ...] = ()) -> FieldReading:
        obj = super().__new__(cls, text)
        obj.candidates = candidates or (Candidate(text, 0, text),)
        return obj


class ValueAnswers(dict):
    """field -> FieldReading for one part, the part's text (shown when a person must look), and the words that
    allow a second answer ("either should work"), when the part has them."""

    part: str = ""
    text: str = ""
    hedged: str = ""
    mismatch: str = ""  # a working whose arithmetic gives another number than the result written after it
    said: frozenset[str] = frozenset()  # the fields whose labels the part's text holds, read or not


@dataclass(frozen=True)
class _Value:
    text: str
    start: int
    end: int
    modifier: bool


def flat(line: str) -> str:
    """A line with math markup made plain, full-width forms made ASCII, numbers in words as digits and spoken
    operators as signs."""
    line = _LIST_NUMBER.sub(r"\1", line[:MAX_LINE])  # "1. conv1: … = 520", "## 2.4 Code": a number of its place
    line = _CLOCK.sub(" ", line) if ":" in line else line  # "EDIT 11:20 PM: forgot the fc1 bias": a time, no value
    line = _TIBBLE.sub(" ", line) if "tibble" in line else line  # R's "# A tibble: 8 × 2": the table's shape
    line = _STAR.sub("×", spelled_as_digits(line.translate(_WIDE))).replace("\\_", "_")  # LaTeX's out\_channels
    line = _TIGHT.sub(lambda m: f"{m.group(1)} " if m.group(1) else " (", line)
    line = _SPOKEN.sub(lambda m: "·" if "d" in m.group().lower() else "×", plain(line))
    line = _SPACED_DOT.sub(" · ", line)
    line = _PLACED_AFTER.sub(lambda m: f"{m.group(1)}{m.group(2)}", line) if "after" in line.lower() else line
    line = _DASH_MINUS.sub(" - ", line) if "–" in line or "−" in line else line
    line = _COUNT_OF_SHAPE.sub(_count_of_shape, line)
    line = _MAPS_OF.sub(_maps_of, line) if "map" in line else line  # "20 feature maps of 24 by 24": 24×24×20
    if "k" in line:  # "431k (431,080 exactly)": the exact count; "25.05k": 25,050
        line = _THOUSANDS.sub(_in_full, _ROUNDED_THEN_EXACT.sub(lambda m: m.group(1), line))
    line = _SHAPE_THEN_COUNT.sub(lambda m: f"{_BLANKS.sub('', m.group(1))}×{next(g for g in m.groups()[1:] if g)}",
                                 line)
    return _COUNT_TIMES_SHAPE.sub(lambda m: _BLANKS.sub("", m.group(2)) + "×" + m.group(1), line)


_BLANKS = re.compile(r"[ \t]+")
_MAPS_OF = re.compile(r"(?<![\d.×x])(\d{1,4}|twenty|fifty|ten)[ \t]+(?:feature[ \t]+|output[ \t]+|activation[ \t]+)?"
                      r"maps?[ \t]+(?:of[ \t]+(?:size[ \t]+)?|sized[ \t]+)(\d{1,3})[ \t]*(?:by|x|×)[ \t]*(\d{1,3})"
                      r"(?![\d.]|[ \t]*[x×*])", re.IGNORECASE)
_MAP_COUNTS = {"twenty": "20", "fifty": "50", "ten": "10"}


def _maps_of(m: re.Match[str]) -> str:
    return f"{m.group(2)}×{m.group(3)}×{_MAP_COUNTS.get(m.group(1).lower(), m.group(1))}"
_ROUNDED_THEN_EXACT = re.compile(r"(?<![\w.])\d{1,4}(?:\.\d{1,3})?[ \t]?k[ \t]*\([ \t]*(?:exactly[ \t]+)?"
                                 r"(\d{1,3}(?:[,' ]\d{3})+|\d{4,7})(?:[ \t]+exactly)?[ \t]*\)")
_ROUGHLY = re.compile(r"(?:[≈~]|\bapprox\w*|\babout|\baround|\broughly|\bca\.?)[ \t]*$", re.IGNORECASE)
_THOUSANDS = re.compile(r"(?<![\w.])(\d{1,4})(?:\.(\d{1,3}))?k\b(?![\w=-]|[ \t]*=)")  # not "1 k=5"


def _in_full(m: re.Match[str]) -> str:
    """"0.52k", "25.05k", "400.5k" as the counts they stand for (520, 25050, 400500); "≈ 431k" stays a rounding."""
    if _ROUGHLY.search(m.string, max(0, m.start() - 12), m.start()):
        return m.group()
    whole, decimals = m.group(1), (m.group(2) or "")
    return str(int(whole) * 1000 + int(decimals.ljust(3, "0")) if decimals else int(whole) * 1000)
_TIBBLE = re.compile(r"\bA[ \t]+tibble:[ \t]*\d+[ \t]*[×x][ \t]*\d+")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?[ \t]*(?:[AaPp]\.?[Mm]\b\.?|Uhr\b|h\b)")
_LIST_NUMBER = re.compile(r"^[ \t]*\d{1,2}[.)][ \t]+(?=[^\W\d_])"  # "1. conv1 …", and a heading's section number
                          r"|^[ \t]*(#{1,6}[ \t]+)\d{1,2}(?:\.\d{1,2})*\.?[ \t]+(?=[^\W\d_]|\()")  # "## 2.4 Code"
# "ReLU after conv1", "the max-pool after conv2": the first ReLU, the second pooling (named by the conv they follow)
_PLACED_AFTER = re.compile(r"\b(relu|(?:max[ \t-]?)?pool(?:ing)?)[ \t]+(?:layer[ \t]+)?(?:after|following)[ \t]+"
                           r"(?:the[ \t]+)?conv(?:olution(?:al)?)?(?:[ \t]*layer)?[ \t]*([12])\b", re.IGNORECASE)
_DASH_MINUS = re.compile(r"(?<=\d)(?:[ \t]+[–−][ \t]+|−)(?=\d)")  # "28 – 5 + 1 = 24": a word processor's minus
_SPACED_DOT = re.compile(r"(?<=\d)[ \t]\.[ \t](?=\(?\d)")  # "800 . 500 + 500": a product's dot, written by hand


def _count_of_shape(m: re.Match[str]) -> str:
    """"20 filters of 5×5×1" as "filters 5×5×1×20"; with a comma only where "each" or a bracket says the shape is
    theirs ("(20 filters, 5×5×1)"), and not after "=" ("conv1 = 20 filters, each 5×5×1": the label's count)."""
    before = m.string[:m.start()]
    if "," in m.group() and (re.search(r"(?:=|\d[ \t]*[×xX*])[ \t]*$", before)  # "5×5×1 x 20 filters, …"
                             or (not re.search(r"\b(?:each|every)\b", m.group(), re.IGNORECASE)
                                 and not re.search(r"\([ \t]*$", before))):
        return m.group()  # "with 50 filters, 4×4×50 after pool": a list, not the filters' shape
    return f"{m.group(2)} {_BLANKS.sub('', m.group(3))}×{m.group(1)}"


# "20 filters of dimension 5×5×1", "(20 filters, 5×5×1)", "20 filters, each 5×5×1": a count of filters, then their
# shape (5×5×1×20)
# (not "conv 1 filter 5x5x1": a layer's number)
_COUNT_OF_SHAPE = re.compile(r"(?<![\w.,×])(?<!conv )(?<!layer )(\d{1,4})[ \t]+(filters?|kernels?)"
                             r"(?:[ \t]*,[ \t]*|[ \t]+)"  # "20 filters and each filter is 5 by 5 by 1"
                             r"(?:(?:and[ \t]+)?(?:each|every)(?:[ \t]+(?:filter|kernel|one))?"
                             r"(?:[ \t]+(?:is|has))?[ \t]+"
                             r"|whose[ \t]+(?:dimension|size|shape)s?[ \t]+(?:is|are)[ \t]+)?"
                             r"(?:of[ \t]+)?"
                             r"(?:(?:size|dimension|shape)[ \t]+)?(?:of[ \t]+)?"
                             r"(\d+(?:[ \t]*[×x][ \t]*\d+){2,3})(?![\d×x])", re.IGNORECASE)
# "5×5×1 \ (× 20)", "5×5×1 (共 20 个)", "5×5×1 × 20枚", "5×5×1 (20 filters)": a filter's shape, then how many
_COUNTER = r"(?:个|個|枚|개)"
_SHAPE_THEN_COUNT = re.compile(r"(?<![\d×x.,])(?<![×x] )(?<![×x]  )"
                               r"(\d{1,2}[ \t]*[×x][ \t]*\d{1,2}[ \t]*[×x][ \t]*\d{1,2})[ \t]*(?:\\[ \t]*)?"
                               rf"(?:\([ \t]*(?:[×x]|共|in[ \t]+total|total)[ \t]*(\d{{1,4}})[ \t]*{_COUNTER}?[ \t]*\)"
                               rf"|[×x][ \t]*(\d{{1,4}})[ \t]*{_COUNTER}"
                               rf"|\([ \t]*(\d{{1,4}})[ \t]*(?:{_COUNTER}|filters|Filter|filtres|filtros|фильтр\w*"
                               r"|of[ \t]+them)"
                               r"[ \t]*\)|[ \t]*จำนวน[ \t]*(\d{1,4})[ \t]*ตัว"  # Thai: "5×5×1 จำนวน 20 ตัว"
                               # "5×5×1 and there are 20 of them", "5×5×1, and there are 20 such filters"
                               r"|,?[ \t]+and[ \t]+there[ \t]+are[ \t]+(\d{1,4})[ \t]*"
                               r"(?:(?:of[ \t]+(?:them|those)|(?:such[ \t]+)?filters)\b|(?=[ \t]*(?:[,;.)]|$)))"
                               r"(?![ \t]*,?[ \t]*(?:or|oder|ou)\b|[ \t]*\?))")  # (or "… and there are 20,")
# "20 × (5×5×1)": a count times a bracketed filter shape, the shape with the count last (5×5×1×20)
_COUNT_TIMES_SHAPE = re.compile(r"(?<![\d.,×x])(\d{1,4})[ \t]*[×x][ \t]*\([ \t]*"
                                r"(\d+(?:[ \t]*[×x][ \t]*\d+){1,3})[ \t]*\)")


# a sentence a page's text wrapped before its value: "… the 2 × 2 max-pooling halves this to" / "12 × 12 × 20."
_WRAPPED_VALUE = re.compile(r"(?m)(?<=[a-z])[ \t]*\n"
                            r"(?=[ \t]*\d{1,6}(?:[ \t]*[×xX*][ \t]*\d{1,6}){0,3}[ \t]*[.,;]?[ \t]*$)")
_WRAP_END = re.compile(r"[a-z][ \t]*$")  # a line of prose that stops mid-sentence
_WRAP_GOES_ON = re.compile(r"[ \t]*\d{1,6}(?:[ \t]*[×xX*][ \t]*\d{1,6}){1,3}[ \t]*(?:[.,;]|$)")  # the next starts
# with a size that ends its sentence ("12x12x20. For conv2 …"; not "12x12x20 before I fixed …, I get 13x13x20")


_RESULT_BELOW = re.compile(r"[ \t]*=[ \t]*\d[\d,. \u2009]*[ \t]*(?:[.;]|[a-z]{2,}[ \t]*\.?)?[ \t]*$")


# a line whose last inline formula is still open: an odd number of single "$" (not "$$", not "\$")
_INLINE_OPEN = re.compile(r"[^$\n]{0,2000}?(?:(?<!\\)\$(?!\$)[^$\n]{0,2000}?(?<!\\)\$(?!\$)[^$\n]{0,2000}?){0,20}"
                          r"(?<![\\$\w])\$(?![$\s{])[^$\n]{0,2000}")  # (not R's "model$fc1", nor a template's
# "${tex`…`}")


def _unwrapped(text: str) -> str:
    """A part's text with sentences that a page wrapped before a value set on one line: a value alone on its
    line after a line that stops mid-sentence, a long line of prose (a wrapped paragraph) whose next line
    opens with a size ("… max pooling 2x2 halves it to" / "12x12x20. For conv2 …"), and a working's result on the
    line under it ("fc1: 800*500 + 500" / "= 400,500.")."""
    text = _WRAPPED_VALUE.sub(" ", text)
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        if _INLINE_OPEN.fullmatch(out[-1]) and line.strip():
            out[-1] = f"{out[-1].rstrip()} {line.lstrip()}"  # "… output is $(28-5+1) \times (28-5+1)" / "\times 20 =
            continue  # 24\times 24\times 20$": a formula a source wrapped, one line as it is typeset
        if len(out[-1]) >= 60 and _WRAP_END.search(out[-1]) and _WRAP_GOES_ON.match(line) \
                and not out[-1].lstrip().startswith(("|", "#", "-", "*")) \
                or _RESULT_BELOW.match(line) and out[-1].strip() and not out[-1].lstrip().startswith("|") \
                and "=" in out[-1] and not out[-1].rstrip().endswith((".", ":")):
            out[-1] = f"{out[-1].rstrip()} {line.lstrip()}"  # "… 800*500 + 500" / "= 400,500.": one working
        else:
            out.append(line)
    return "\n".join(out)


# a call's arguments ("nn.Linear(800,500)", "Conv2d(1,20,5,1)"): numbers apart, no thousands separator
_CALL = re.compile(r"(?<=[A-Za-z_\d]\()\d[\d, ]{0,40}\)")


@functools.lru_cache(maxsize=4096)
def label_pattern(pattern: str) -> re.Pattern[str]:
    """A rubric's label pattern, compiled once per process. The rubric's few hundred patterns, compiled again for
    every part read, overflowed the regular-expression module's own cache of 512 (measured: a fifth of a report's
    reading time went to compiling them again)."""
    return re.compile(pattern, re.IGNORECASE)


def find_values(doc: Document, spec: TextSpec) -> ValueAnswers | None:
    """The values of ``spec``'s fields in its part; None when the part is not there."""
    from grader.reading.by_name import unlabelled_text

    text, order, wide = part_text(doc, spec.part), spec.order, False
    later: list[str] = []
    replaced = _replaced(text, doc, spec.part) if text is not None else None
    if replaced is not None:  # "c) (old, forgot biases) …" then "c) corrected — final: …": the final one counts
        text, final = replaced
    elif text is not None:  # the part said again later (a summary; a fix: "## Fixes", "2(b)", "stride 2, not 1")
        later = [doc.text[s.start:s.end] for s in doc.again.get(spec.part, []) if s.kind != "cited"
                 and not (s.kind == "mention" and _only_confirms(doc.text[s.start:s.end]))]
        # ("The parameter count printed by the script matches my hand calculation in (c)": a check, no answer)
        later += doc.corrected.get(spec.part, [])
        later = [t for t in dict.fromkeys(later) if t not in text]
    if text is None:  # no label for the part: its values are looked for by their labels, never by place
        text, order, wide = unlabelled_text(doc, spec.part), [], True
        if not text:
            return None
        if (block := _fields_block(text, spec)) is not None:
            text, wide = block, False  # the paragraph that answers it, read as the part's own text
    text = _CALL.sub(lambda m: re.sub(r",(?=\d)", ", ", m.group()), _unwrapped(text))
    text = _without_row_numbers(text) if "\n" in text else text
    text = _without_tensor_counts(text) if ".weight" in text else text
    whole = text  # what the part says, every word of it (a contradiction anywhere in it counts)
    if spec.elsewhere and (spec.part in doc.ranged or spec.part in doc.ranged.values()):
        text = _without_others(text, spec)  # "(a) and (b): …": one text answers both parts
    fields = list(spec.labels) + [f for f in spec.order if f not in spec.labels]
    patterns = {f: [label_pattern(p) for p in spec.labels.get(f, [])] for f in fields}
    if spec.part in doc.segments:
        later += [line for line in _changed_later(doc, doc.segments[spec.part].end, patterns) if line not in later]
        first = min(span.start for span in doc.segments.values())  # a note above every part (a cover letter:
        later += [line for line in _changed_later(doc, 0, patterns, first) if line not in later]  # "the stride
        # has to be 2, not 1 … please grade (b) as …")
        later += [line for line in _named_inside(doc, spec.part) if line not in later]
    found = read_part(text, patterns)
    if (span := doc.segments.get(spec.part)) is not None and _SEE_ABOVE.search(text[:400]) \
            and any(not found.get(f) for f in spec.labels) \
            and (shown := _fields_block(doc.text[max(0, span.start - 20_000):span.start], spec)) is not None:
        text = f"{text}\n\n{shown}"  # "(c) See the table: …", the table printed by a cell above: read with the part
        found = read_part(text, patterns)
    _fallback(found, text, spec, patterns)  # ("… → F = 5": a field's own symbol, before any value is taken by place)
    _by_order(found, order, text, patterns)
    _owned_elsewhere(found, spec, patterns)
    _from_side(found, spec.change_from)
    if replaced is not None:  # each value the final version gives replaces the draft's; the others stay
        final_found = read_part(final, patterns)
        _by_order(final_found, order, final, patterns)
        found.update({name: candidates for name, candidates in final_found.items() if candidates})
        text = f"{text}\n{final}"
    for again in later:
        _said_again(found, again, order, patterns)
    out = ValueAnswers()
    out.part, out.text = spec.part, "\n\n".join([whole.strip(), *later])[:4000]
    allowed = re.search(ALSO_ALLOWED, text[:20_000], re.IGNORECASE) or UNDECIDED.search(text[:20_000]) \
        or _BIASES_TAKEN_OFF.search(text[:20_000]) \
        or _WHICH_OF_THEM.search(text[:20_000]) or _SIZES_OFFERED.search(text[:20_000]) \
        or _CORRECTED_ASIDE.search(text[:20_000]) or _SECOND_THOUGHT.search(text[:20_000]) \
        or _TAKEN_BACK.search(text[:20_000].replace("\\times", "×")) \
        or _MARKED_UNSURE.search(text[:20_000]) or _UNSURE_IN_WORDS.search(text[:20_000]) \
        or _OR_ASKED.search(text[:20_000]) or _TWO_VALUES_OR.search(text[:20_000]) \
        or _bare_second(text[:20_000])
    out.hedged = "" if allowed is None else allowed.group() if len(allowed.group()) > 1 \
        else text[allowed.start():allowed.start() + 120].split("\n")[0]  # a bracket's words, not its "("
    if not out.hedged and (changed := change_said(text[:20_000], spec.part, loose=False)) is not None:
        out.hedged = changed  # "take the +1 out of every row", "the last number there should be the 50"
    if not out.hedged and (span := doc.segments.get(spec.part)) is not None:
        doubt = next(((a, b) for a, b in doc.doubted if span.start <= a < span.end), None)
        if doubt is not None:  # "| 2(b) | …, channel dim 20 | the filter depth is …, not the 20 |": a note doubts it
            out.hedged = doc.text[doubt[0]:doubt[1]].strip()[:120]
    out.said = frozenset(f for f in fields if any(p.search(whole[:20_000]) for p in patterns[f]))
    results = {name: re.sub(r"\D", "", min(found[name], key=lambda c: c.rank).text)
               for name in fields if found.get(name)}
    bad = wrong_workings(whole, set(results.values())) if results else []  # "(8·8·50 + 1)·500 = 400,500": which
    # did the student mean?
    out.mismatch = next((said for name in fields if name in results for result, said in bad
                         if result == results[name]), "")
    for name in fields:
        best = min((c.rank for c in found.get(name, [])), default=0)
        if wide and len({_side(c.text) for c in found.get(name, []) if c.rank == best}) > 1:
            continue  # outside its part a label may name another part's value: one reading only, else a person
        if found.get(name):
            ranked = sorted(found[name], key=lambda c: c.rank)
            out[name] = FieldReading(ranked[0].text, tuple(ranked))
    return out


# "not sure" in the scripts the grader reads no further (Persian, Arabic, Hebrew, Urdu): a value beside it doubted
_UNSURE_IN_WORDS = re.compile(r"مطمئن\s+نیستم|لست\s+متأكد\w*|غير\s+متأكد\w*|לא\s+בטוח\w*|یقین\s+نہیں")
# "400,500 (or 800·500 = 400,000 if the bias isn't counted here?)": another value offered in an aside, asked
_OR_ASKED = re.compile(r"\(\s*(?:or|oder|ou|o|of)\s[^()\n]{0,160}?\d[^()\n]{0,160}?\?\s*\)"
                       r"|\b(?:or|oder|ou|o)\s+(?:is\s+it|was\s+it|should\s+it\s+be|could\s+it\s+be|maybe|perhaps|es|é|ist\s+es)"
                       r"\s+\d[\d,.×x ]{0,20}\?"
                       r"|(?<![\w-])(?:or|oder|ou|o)\s+\d[\d,.×x ]{0,20}\?", re.IGNORECASE)  # "50 (I think -- or is it
# 20? …", "50, because … Or 20? …"
# two values offered in words: "Жооп 431 030 же 431 080", "total 431,030 or 431,080", "stride 1 oder 2"
_TWO_VALUES_OR = re.compile(r"(?<![\w.])\d[\d ,.'×x]{0,12}?\d?[ \t]+(?:or|oder|ou|o|или|же|yoki|veya|ya\s+da"
                            r"|немесе|або|lub|albo|nebo|vagy|eller|hoặc|atau|或|还是|또는)[ \t]+\d",
                            re.IGNORECASE)  # (not "of")
# a doubt said in brackets beside a value ("5×5 (not sure?)"; an emoji of doubt is read as these words)
_MARKED_UNSURE = re.compile(r"\(\s*not\s+sure\s*\?\s*\)", re.IGNORECASE)
# "total 431,080 minus the biases, since biases are not counted": the counts said, then taken back in words
_BIASES_TAKEN_OFF = re.compile(r"(?:\bminus|[−-]|\bwithout|\bexcluding|\bnot\s+counting|\bless)\s+"
                               r"(?:the\s+|all\s+(?:the\s+)?)?bias",
                               re.IGNORECASE)
# "I don't know which one the question is after": the part's values offered, none chosen
_WHICH_OF_THEM = re.compile(r"\b(?:don'?t|do\s+not|didn'?t)\s+know\s+which\b|\bnot\s+sure\s+which\b"
                            r"|\b(?:here\s+are|I\s+(?:give|gave|list|show|report|wrote|write))\s+both\b"
                            r"|\bboth\s+(?:counts|versions|answers|options|numbers)\b"
                            r"|\bI\s+(?:always|often|keep|still)\s+(?:mix(?:ing)?|confus(?:e|ing))\s+(?:them\s+)?up\b",
                            re.IGNORECASE)  # "…, or 50, I always mix up conv1 and conv2": not chosen
# "after pooling → 12×12×20 or 4×4×50?? not sure": two sizes offered for one answer, then doubted
_SIZE = r"\d{1,4}[ \t]*[×xX*][ \t]*\d{1,4}(?:[ \t]*[×xX*][ \t]*\d{1,4}){0,2}"
_SIZES_OFFERED = re.compile(rf"{_SIZE}[=*_)\]]{{0,4}}[ \t]+(?:or|oder|ou|o|of|или|или\s+же)[ \t]+[=*_(\[]{{0,4}}{_SIZE}"
                            r"[^\n?]{0,80}(?:\?|\bnot\s+sure\b|\bunsure\b|\bno\s+idea\b)", re.IGNORECASE)
# ("so here are both counts", with and without the biases: two answers offered for one part)
_CLAUSE_END = re.compile(r"(?<=[.;!?])\s+|[。；！？]")
_OWNED = re.compile(r"\s*(?:'s|’s|の|의|的|كا|کا|का|-r?en|:)?\s*"
                    r"(?:(?:used|had|has|uses|have|was|were|is|consists\s+of|contains|comprises|holds)\s+)?"
                    r"(?:(?:a|an|the|its)\s+)?", re.IGNORECASE)  # "conv1's filter", "conv1 used filter size …"
_USED = re.compile(r"\s*(?:used|had|uses|has)\s+[\w\s]{0,20}", re.IGNORECASE)
_OF_OWNER = re.compile(r"\s*(?:of|in|for|de|del|des|von|der|di|do|da)\s+(?:the\s+)?$", re.IGNORECASE)


_CHANGE = r"(?<![\d.,×])(?<![×x*] )(\d+)[ \t]*(?:→|->|⟶|=>|\\to)[ \t]*"


# "20 -> 50 (corrected: I had written 20 first)": the arrow is a correction; "50 (… 20 → 50 …)": said on its own too
_CHANGE_WORDS = re.compile(r"\b(?:correct\w*|fix\w*|first|instead|actually|should|wrong|mistake|chang\w*|updat\w*|"
                           r"take|taking|mean)\b", re.IGNORECASE)


# a printed data frame's row number ("## 1 conv1 (5*5*1+1)*20   520", knitr's "##" or "#>" before it): its place in
# the table, no value
_ROW_NUMBER = re.compile(r"^(?P<lead>[ \t]*(?:##|#>)?[ \t]*)(?P<n>\d{1,3})[ \t]+(?=[^\W\d])")
MIN_NUMBERED_ROWS = 3


# a printed named vector of parameter tensors (R's ``sapply(net$parameters, …)``): a row of names ("conv1.weight
# conv1.bias …") over a row of their counts, each a part of a layer's count, never the count (one tensor a line is a
# parameter row: see parameter_rows)
_TENSOR_NAMES = re.compile(r"[ \t#]*(?:\w{1,30}\.(?:weight|bias)\b[ \t]*){2,}$")
_NUMBERS_ROW = re.compile(r"[ \t#]*\d[\d,_]{0,12}(?:[ \t]+\d[\d,_]{0,12})+[ \t]*$")  # (numbers apart: linear)


def _without_tensor_counts(text: str) -> str:
    """``text`` with each printed named vector of tensors' counts (its names' row and its numbers' row) blanked."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if _TENSOR_NAMES.match(line) and k + 1 < len(lines) and _NUMBERS_ROW.match(lines[k + 1]):
            lines[k], lines[k + 1] = " " * len(line), " " * len(lines[k + 1])
    return "\n".join(lines)


def _without_row_numbers(text: str) -> str:
    """``text`` with the row numbers of each printed table blanked: three or more lines in a row numbered 0 or 1 on,
    one by one, each number followed by a name."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        first = _ROW_NUMBER.match(lines[i])
        if first is None or first.group("n") not in ("0", "1"):
            i += 1
            continue
        j = i + 1
        start = int(first.group("n"))
        while j < len(lines) and (m := _ROW_NUMBER.match(lines[j])) and int(m.group("n")) == start + j - i:
            j += 1
        if j - i >= MIN_NUMBERED_ROWS:
            for k in range(i, j):
                m = _ROW_NUMBER.match(lines[k])
                if m is not None:
                    lines[k] = m.group("lead") + " " * (m.end() - m.end("lead")) + lines[k][m.end():]
        i = j
    return "\n".join(lines)


def _from_side(found: dict[str, list[Candidate]], fields: list[str]) -> None:
    """"channels 20 → 50": a field that asks what goes in is answered by where the change starts; the number it
    leads to is the layer's output, another quantity, kept only as a last resort."""
    for name in fields:
        moved: list[Candidate] = []
        arrows: dict[tuple[str, str], int] = {}  # (line, value) -> the changes leading to it not yet taken
        for c in found.get(name, []):
            m = re.search(_CHANGE + re.escape(c.text) + r"(?![\d×]|[.,]\d|[ \t]*[×x*][ \t]*\d)", c.line) \
                if c.rank == 0 and c.text.isdigit() and not _CHANGE_WORDS.search(c.line) else None
            if m is not None and re.search(rf"(?<![\d.,]){re.escape(c.text)}(?!\d|[.,]\d)", c.line[:m.start()]):
                m = None  # "Channel dimension: 50 (the depth goes 20 → 50)": said on its own before the change
            if m is not None:  # "channels: 20 -> 50, channel dim of the filter = 50": the second 50 is said on
                key = (c.line, c.text)  # its own, after the change (each change moves one value only)
                left = arrows.setdefault(key, len(re.findall(_CHANGE + re.escape(c.text) + r"(?!\d)", c.line)))
                arrows[key] = left - 1
                m = m if left > 0 else None
            moved += [replace(c, text=m.group(1), rank=0), replace(c, rank=3)] if m else [c]
        if moved:
            found[name] = moved


def _owned_elsewhere(found: dict[str, list[Candidate]], spec: TextSpec,
                     patterns: dict[str, list[re.Pattern[str]]]) -> None:
    """Values whose label another subject owns ("Recall conv1 used filter size 5x5 and stride 1" in the part about
    conv2; "conv1의 필터는 5×5, 스트라이드 1"; "the stride of conv1 is 1"): that subject's, dropped from the item's
    fields. Once the subject owns a label, the labels listed after it in the same sentence are its too."""
    if not spec.elsewhere:
        return
    owners = [label_pattern(p) for p in spec.elsewhere]
    every = [p for labels in patterns.values() for p in labels]
    for name, candidates in found.items():
        kept = [c for c in candidates if not _owned(c, owners, patterns.get(name, []), every)]
        if len(kept) != len(candidates):
            found[name] = kept


_SENTENCE_BREAK = re.compile(r"(?<=[.!?。！？])[ \t]+(?=\S)")


def _without_others(text: str, spec: TextSpec) -> str:
    """A text that answers two parts at once ("(a) and (b): The images come in as 28 by 28 … To go from 12×12×20
    to 8×8×50 the second conv needs …"), without the sentences about what the other part asks (``spec.elsewhere``):
    read for one part, the other's sentences are not its answer. Table rows and code stay as they are."""
    owners = [label_pattern(p) for p in spec.elsewhere]
    own = [label_pattern(p) for p in spec.own]
    out: list[str] = []
    for line in text.split("\n"):
        if line.lstrip().startswith(("|", "```", "    ")):
            out.append(line)
            continue
        kept = [s for s in _SENTENCE_BREAK.split(line) if not _about_the_other(s, owners, own)]
        out.append(" ".join(kept))
    left = "\n".join(out)
    return left if re.search(r"\d", left) else text


_COMPARED = re.compile(r"(?i)\b(?:unlike|like|as\s+(?:in|for|with)|same\s+as|than|compared\s+(?:to|with))[ \t]+"
                       r"(?:the[ \t]+|for[ \t]+)?$")


def _about_the_other(sentence: str, owners: list[re.Pattern[str]], own: list[re.Pattern[str]]) -> bool:
    """Whether a sentence is about the other part's subject: it names it first, or names only it ("pool" inside
    "second pool" is the other's; "Unlike conv1, conv2 …" compares, its subject is conv2)."""
    others = [m.span() for o in owners for m in o.finditer(sentence)
              if not _COMPARED.search(sentence, max(0, m.start() - 60), m.start())]  # (a window: linear on long text)
    if not others:
        return False
    mine = [m.start() for o in own for m in o.finditer(sentence) if not any(a <= m.start() < b for a, b in others)]
    return not mine or min(a for a, _ in others) < min(mine)  # the sentence's subject is the one it names first


def _value_at(clause: str, value: str) -> int | None:
    """Where a value read as ``value`` ("5×5") stands in a clause written any way ("5x5", "5 × 5")."""
    numbers = re.findall(r"\d+", value)
    if not numbers:
        return None
    m = re.search(r"(?<!\d)" + r"\D{1,4}".join(numbers) + r"(?!\d)", clause)
    return m.start() if m else None


def _owned(c: Candidate, owners: list[re.Pattern[str]], labels: list[re.Pattern[str]],
           every: list[re.Pattern[str]]) -> bool:
    digits = re.sub(r"\D", "", c.text)
    for clause in _CLAUSE_END.split(c.line):
        if not digits or digits not in re.sub(r"\D", "", clause):
            continue
        at = _value_at(clause, c.text)
        for o in (m for owner in owners for m in owner.finditer(clause) if at is not None and m.end() <= at):
            follows = [m for p in every for m in p.finditer(clause, o.end())]
            if any(_OWNED.fullmatch(clause[o.end():m.start()]) and m.start() - o.end() <= 40
                   or _USED.fullmatch(clause[o.end():m.start()]) for m in follows):
                if any(m.start() >= o.end() for p in labels for m in p.finditer(clause)):
                    return True  # the subject's own list: its label, and those after it
            if any(_OF_OWNER.match(clause[m.end():o.start()])
                   for p in labels for m in p.finditer(clause, 0, o.start())):
                return True  # "the stride of conv1"
        return False
    return False


def _fallback(found: dict[str, list[Candidate]], text: str, spec: TextSpec,
              patterns: dict[str, list[re.Pattern[str]]]) -> None:
    """Fields the part names by no label of their own (or only in asides: "(50 such filters)") read again with their
    fallback labels beside the others."""
    lacking = [f for f in spec.fallback if all(c.rank >= 3 or (c.rank >= 1 and c.text.isdigit())
                                               for c in found.get(f, []))]  # none, asides or counts ("50 filters")
    if not lacking:
        return
    wider = {f: ps + [label_pattern(p) for p in spec.fallback.get(f, [])] for f, ps in patterns.items()}
    again = read_part(text, wider)
    found.update({f: again[f] for f in lacking if again.get(f)})


# a part's label line saying its answer is a draft, or that the answer said again under it replaces an earlier one
_DRAFT = re.compile(r"(?i)\b(?:old|draft|wrong|first\s+(?:try|attempt)|forgot\w*|ignore|scratch|v1)\b|\bnot\s+final\b")
_FINAL = re.compile(r"(?i)\b(?:final|corrected|correction|revised|fixed|updated|v2|second\s+(?:try|attempt)|korrigiert"
                    r"|corrigé\w*|corregid\w*|corrett\w*|endgültig\w*|définiti\w*|definitiv\w*|окончательн\w*"
                    r"|ostateczn\w*|definitief|lopullinen)\b|최종|最終|最终|最后|最後|確定|정답")


def _replaced(text: str, doc: Document, part: str) -> tuple[str, str] | None:
    """The text of a part said once more, later, under its label with words that make the later one the answer
    ("c) corrected with biases — final:"), or after a first one its own words call a draft ("c) (old, forgot
    biases)"): (the draft's text, the final one's); None when there is no such pair (both are read as answers, and
    a difference between them is for a person)."""
    fixed = _fixed_inside(text, part)
    if fixed is not None:
        return fixed
    letter = re.escape(part.rsplit(".", 1)[-1])
    inside = [m for m in re.finditer(rf"^[ \t>*_#]*(?:[1-9][ \t.]?)?\(?{letter}\)[^\n]*", text, re.MULTILINE)
              if m.start() > 0]  # "**c) corrected with biases — final:**" under "**c)** (old …)": the label again
    if len(inside) == 1 and (_FINAL.search(inside[0].group()) and not _DRAFT.search(inside[0].group())) \
            and _says_an_answer(inside[0].group(), text[inside[0].end():]):
        return text[:inside[0].start()], text[inside[0].start():]
    again = [s for s in doc.again.get(part, []) if s.kind == "segment"]
    if len(again) != 1:
        return None
    later = doc.text[again[0].start:again[0].end]
    first_line = text.strip().split("\n")[0][:120]
    said = doc.text[doc.text.rfind("\n", 0, again[0].start) + 1:again[0].start] + later.strip().split("\n")[0][:120]
    final = _FINAL.search(said) and not _DRAFT.search(said)
    if (final or _DRAFT.search(first_line) and not _FINAL.search(first_line)) and _says_an_answer(said, later):
        return text, later
    return None


# a part said again for something else than its answer: "(c) revised architecture (extra credit, not the handout's
# network)", "(c) Final check (from the handout: run the cell below …)"
_NOT_THE_ANSWER = re.compile(r"(?i)\b(?:extra[\s-]+credit|bonus|optional|for\s+fun|not\s+(?:part\s+of\s+)?the\s+"
                             r"(?:handout|question|assignment|task)|(?:from|in)\s+the\s+handout|run\s+the\s+cell)")
FENCE_BLOCK = re.compile(r"(?ms)^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$")  # a fenced block, fences included


def _says_an_answer(label_line: str, later: str) -> bool:
    """Whether a part said again under words that make it final says an answer of its own: words of the student
    with a value (not only a pasted printout under the handout's "Final check"), and not an extension of the
    question ("extra credit", "not the handout's network")."""
    if _NOT_THE_ANSWER.search(label_line):
        return False
    return re.search(r"\d", FENCE_BLOCK.sub(" ", later[:20_000])) is not None


# a correction's heading inside the text ("\\item Correction to 2(c).", "Erratum for 2c:"): what follows it is final
_FIX_WORD = r"(?:correct(?:ion|ed)|errat(?:um|a)|fix(?:ed)?|revis(?:ed|ion))"
_FIX_HEAD = re.compile(rf"(?im)^[^\n]{{0,40}}\b{_FIX_WORD}\b[^\n]{{0,30}}?(?<![\w.])([1-9])[ \t]*\.?[ \t]*\(?([a-h])\)?"
                       r"(?!\w)")


def _fixed_inside(text: str, part: str) -> tuple[str, str] | None:
    """(the text without the correction, the correction) when the part's text holds a correction's heading naming
    this part ("Errata … \\item Correction to 2(c). … fc2 has 5 010 parameters, so the total is 431 080"), read
    up to the next correction's heading or item; None when there is none."""
    keys = part.split(".")
    heads = [m for m in _FIX_HEAD.finditer(text[:50_000]) if m.start() > 0]
    own = next((m for m in heads if (m.group(1), m.group(2)) == (keys[0], keys[1])), None) if len(keys) >= 2 else None
    if own is None:
        return None
    end = next((m.start() for m in heads if m.start() > own.start()), len(text))
    item = text.find("\\item", own.end(), end)
    end = item if item >= 0 else end
    return text[:own.start()] + text[end:], text[own.start():end]


def _side(text: str) -> str:
    """"5×5" and "k=5"'s 5: a square said by its side, one reading."""
    m = re.fullmatch(r"\s*(\d+)\s*[x×*]\s*(\d+)\s*", text)
    return m.group(1) if m and m.group(1) == m.group(2) else text.strip()


def _named_inside(doc: Document, part: str) -> list[str]:
    """Lines of the part, after its first, that name the part again ("… so (c) is 431,060 total"): read on
    their own, so a value there that differs from the first one is a second answer, not a lesser candidate."""
    from grader.reading.mentions import mentions

    span = doc.segments[part]
    text = doc.text[span.start:span.end]
    first = text.find("\n")
    out, at = [], span.start + first + 1
    for line in text[first + 1:].split("\n") if first >= 0 else []:
        if re.search(r"\d", line) and part in mentions(doc, line, at):
            out.append(_unlabelled(line))
        at += len(line) + 1
    return out


def _unlabelled(line: str) -> str:
    """A line that opens with the part's label ("| 2(c) conv2 | 25000 |", a row of an answer table) without it:
    the row's key names its layer, and the label's problem number is no value."""
    from grader.reading.labels import read_label

    start = len(line) - len(line.lstrip(" \t|"))
    label = read_label(line, start) if start < len(line) else None
    if label is None or label.problem is None:
        return line
    end = label.start + line[label.start:].find(label.key) if label.key and label.key in line[label.start:] \
        else label.end
    return line[:label.start] + " " * (end - label.start) + line[end:]


# "… matches my hand calculation in (c)": a check that names the part, no answer of it
_ONLY_CONFIRMS = re.compile(r"(?i)\b(?:match(?:es|ed)?|agrees?\s+with|(?:the\s+)?same\s+as|consistent\s+with"
                            r"|confirms?)\b[^.\n]{0,60}?\((?:[a-h]|[1-9][a-h]?)\)")
_CHANGE_SAID = re.compile(r"(?i)\b(?:but|however|not|wrong|mistake|typo|correct\w*|should|instead|actually|fix\w*"
                          r"|though|final\w*|go\s+with|answer\w*)\b")


def _only_confirms(said: str) -> bool:
    """A later mention that only says its part agrees with something ("… matches my hand calculation in (c).") and
    goes on with no value and no word of change ("…, which matches (c); the total I go with is 430,580 though")."""
    m = _ONLY_CONFIRMS.search(said)
    return m is not None and not _CHANGE_SAID.search(said) and not re.search(r"\d", said[m.end():])


def _changed_later(doc: Document, after: int, patterns: dict[str, list[re.Pattern[str]]],
                   end: int | None = None) -> list[str]:
    """Lines after the part (up to ``end``) that change one of its values by its label ("Update: conv2 stride
    should be 2, not 1"): read with the part, so a different value is a second answer."""
    from grader.reading.mentions import CHANGED

    lines = doc.text[after:end].split("\n")
    return [line for k, line in enumerate(lines) if len(line) < 400
            and (CHANGED.search(line) or end is not None and _GRADE_AS.search(line)
                 or _DOUBTED_LATER.search(line) and not _opens_a_part(line)
                 and not _question_goes_on(lines[k - 1] if k else "", line))
            and not line.lstrip().startswith("|") and re.search(r"\d", line)
            and any(p.search(line) for ps in patterns.values() for p in ps) and not _asks(line)]


# a note above the parts that says what a value is to be read as ("the stride has to be 2, not 1", "please grade (b)
# as: … stride 2")
_GRADE_AS = re.compile(r"(?i)\b(?:has|have|needs?)\s+to\s+be\b|\bmust\s+be\b|\bplease\s+(?:grade|read|take|count|use|"
                       r"consider)\b|,\s*not\s+\d")


def _question_goes_on(before: str, line: str) -> bool:
    """A handout's question wrapped over two lines ("Q: (b) … Which filter size, stride and channel" / "dimension
    must conv2 have so that the 12x12x20 input becomes 8x8x50?"): the question mark ends the task, no doubt."""
    return line.rstrip().endswith("?") and (_QUESTION_WORD.search(line) is not None
                                            or _QUESTION_WORD.search(before) is not None)


_QUESTION_WORD = re.compile(r"(?i)(?:^\s*(?:q|question|frage|pregunta)\s*[:.)]"
                            r"|\b(?:which|what|how\s+(?:many|much)|why)\b)")


# a later line that doubts a value ("shouldn't the output after conv1 be 23×23×20?", "maybe 23×23×20? not sure"): read
# with the part, so a different value is a second answer and a person decides
_DOUBTED_LATER = re.compile(r"(?i)\bshould(?:n'?t|\s+not)\b|\bnot\s+sure\b|\bunsure\b|\?\s*$")


def _opens_a_part(line: str) -> bool:
    """A line that opens with a part's label ("(b) conv2 output 8x8x50 … filter size, stride?"): that part's own
    question or answer, no doubt about this one."""
    from grader.reading.labels import read_label

    lead = len(line) - len(line.lstrip(" \t*_#>"))
    return lead < len(line) and read_label(line, lead) is not None


def _asks(line: str) -> bool:
    """A line that sets a task ("(b) The output of conv2 should be 8×8×50 … Find the filter size …", the handout's own
    words kept in a filled-in copy): it changes nothing of this part. (Not a question: "shouldn't the output after
    conv1 be 23×23×20?" doubts the answer, and a person reads it.)"""
    return _ASKING.search(line) is not None


_ASKING = re.compile(r"(?i)(?:^|[.:!?)]\s+)(?:find|compute|calculate|determine|give|state)\s+(?:the|all|each|its)\b")


def _said_again(found: dict[str, list[Candidate]], text: str, order: list[str],
                patterns: dict[str, list[re.Pattern[str]]]) -> None:
    """Values of a part said again later, read on their own: each field's value there joins the part's own
    best ones as one more (or as better, where the part only had a modifier's "2×2 pooling" and the summary
    labels its value), so a different one is a second answer (a person decides), the same one changes
    nothing, and a field only said there is read from there."""
    summed = _SUM_OF_ALL.fullmatch(text.strip(" \t\n|$"))
    terms = _PLUS.split(summed.group(1).strip()) if summed is not None else []
    if summed is not None and len(terms) + 1 == len(order):
        text = ", ".join([*terms, summed.group(2)])  # "520 + 0 + … = 431,030": every layer's count in order, then
        # their sum (the last field), as a summary's cell writes them
    more = read_part(text, patterns)
    _by_order(more, order, text, patterns)
    for name, candidates in more.items():
        if not candidates:
            continue
        if not found.get(name):
            found[name] = list(candidates)
            continue
        best, top = min(c.rank for c in found[name]), min(c.rank for c in candidates)
        joined = min(best, top) if best >= 3 else best  # a modifier's "2×2 pooling" gives way to a labelled value
        found[name] += [replace(c, rank=joined) for c in candidates if c.rank == top]


# where a paragraph ends: a blank line, or a heading, a LaTeX section or environment starting on the next line
_BLANK_LINES = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:\\(?:sub)*section\b|\\begin\{|\\end\{|\\item\b|#{1,6}[ \t]))")


def _fields_block(text: str, spec: TextSpec) -> str | None:
    """In a report without the part's label ("**The first conv block.** The input image is 28×28 …", a table of
    counts under "Counting parameters"), the one paragraph or table that names most of the part's fields with
    values, none of another part's (``spec.elsewhere``): read alone, as the part's own text would be. None when
    no paragraph stands out (then the problem's whole text is read, and a field given two values goes to a
    person)."""
    fields = list(spec.labels)
    if len(fields) < 2 or len(text) > 200_000:
        return None
    labels = {f: [label_pattern(p) for p in spec.labels[f]] for f in fields}
    others = [label_pattern(p) for p in spec.elsewhere]
    scored: list[tuple[int, str]] = []
    blocks = _BLANK_LINES.split(text)
    for block in blocks:
        if not re.search(r"\d", block) or any(o.search(block) for o in others):
            continue
        named = sum(1 for f in fields if any(p.search(block) for p in labels[f]))
        scored.append((named, block))
    if len(scored) < 2:
        return None  # one paragraph (or none) with values: the problem's whole text, read as it is
    single = max(n for n, _ in scored)
    scored += [(n, run) for n, run in _card_runs(blocks, fields, labels, others) if n > single]  # (boxes that
    # together name more fields than any one paragraph)
    best = max(n for n, _ in scored)
    top = [b for n, b in scored if n == best]
    if len(top) != 1 or best < max(2, (len(fields) + 1) // 2) or len(top[0]) > 0.5 * len(text):
        return None  # (a paragraph that is most of the text is no paragraph of its own)
    from grader.reading.mentions import CHANGED

    if any(CHANGED.search(b) and any(p.search(b) for f in fields for p in labels[f])
           for b in blocks if b != top[0] and re.search(r"\d", b)):
        return None  # another paragraph names a field in words that change it ("oops, conv1 is really …")
    return top[0]


MAX_CARD = 300  # a poster's or a slide's box: a heading and a few lines
MAX_CARDS = 40  # a poster's boxes side by side, at most


def _card_runs(blocks: list[str], fields: list[str], labels: dict[str, list[re.Pattern[str]]],
               others: list[re.Pattern[str]]) -> list[tuple[int, str]]:
    """Runs of short paragraphs side by side that each name one or more of the part's fields with a value and
    none of another part's ("INPUT / 28 × 28", "CONV 1 / 20 filters of 5 × 5 × 1 / → 24 × 24 × 20", "POOL 1 / …":
    a poster's boxes, one stage each), scored by the fields they name together, each joined as one text."""
    runs: list[tuple[int, str]] = []
    run: list[str] = []
    for block in [*blocks, ""]:
        named = {f for f in fields if any(p.search(block) for p in labels[f])}
        if named and len(block) <= MAX_CARD and re.search(r"\d", block) and not any(o.search(block) for o in others):
            run.append(block)
            continue
        if 1 < len(run) <= MAX_CARDS:
            joined = "\n\n".join(_arrows_headed(card) for card in run)
            runs.append((sum(1 for f in fields if any(p.search(joined) for p in labels[f])), joined))
        run = []
    return runs


_ARROW_LEAD = re.compile(r"[ \t]*(?:→|->|⟶|=>|⇒)[ \t]*(?=\d)")


def _arrows_headed(card: str) -> str:
    """A box's lines that open with an arrow ("→ 24 × 24 × 20") as what its heading leads to ("CONV 1 → 24 × 24 ×
    20"): the stage's output, not a value of the line above."""
    lines = card.strip("\n").split("\n")
    head = lines[0].strip()
    if len(lines) < 2 or len(head) > 60 or _ARROW_LEAD.search(head):
        return card  # (a heading is a short line of its own, no arrow in it)
    return "\n".join([lines[0], *(_ARROW_LEAD.sub(f"{head} → ", ln, count=1) if _ARROW_LEAD.match(ln) else ln
                                   for ln in lines[1:])])


def part_text(doc: Document, part: str) -> str | None:
    """The text of a part, with the code blocks that follow it before the next part (a printed summary)."""
    span = doc.segments.get(part)
    if span is None:
        return None
    later = [s.start for s in doc.segments.values() if s.start > span.start] \
        + [s.start for spans in doc.again.values() for s in spans if s.start >= span.end]  # (a part read as
    end = min(later, default=len(doc.text))  # another's said again, "(d) Complete the class …", ends it too)
    blocks = [doc.text[s.start:s.end] for s in doc.code_spans if span.end <= s.start < end]
    line_end = doc.text.find("\n", span.start, span.end)
    first = doc.text[span.start:line_end if line_end >= 0 else span.end]
    indent = " " * min(span.start - (doc.text.rfind("\n", 0, span.start) + 1), 200) \
        if re.search(r"\S {2,}\S.* {2,}\S", first) else ""  # "Q2.c  layer   weights   total": a head after
    # the part's label keeps its columns where they stand over its rows
    text = _under_its_head(doc.text, span.start, span.end) + indent + doc.text[span.start:span.end] \
        + "".join(f"\n{b}\n" for b in blocks)
    return doc.with_macros(text) if doc.macros and len(text) < 50_000 else text  # "\ReLU + pool": its own names


# a part that points at what its notebook printed right above it: "See the table", "see the output above"
_SEE_ABOVE = re.compile(r"(?i)\b(?:see|in|from)\s+(?:the\s+)?(?:table|output|printout|print-?out|summary)\b"
                        r"(?!\s+below)|\b(?:table|output|printout|summary|cell)\s+above\b")


def _under_its_head(text: str, start: int, end: int) -> str:
    """A part whose label and key are a table row's first cell ("| 2c-conv1 | #params conv1 | 520 |"): its text
    starts in the row, so the table's head, its rule and the row's first cell go before it, or its rows are no
    table."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    keyed = text[start:start + 1] not in (" ", "\t", "|", "\n", "")  # "2c-conv1": the part starts at its key
    if not before.lstrip().startswith("|") or before.count("|") != 1 or len(before) > 40 \
            or not keyed and not re.search(r"\n[ \t]*\|", text[start:end]):
        return ""  # (a row that is the whole part, "| (c) | conv1 520 / … |", reads as prose; rows of it do not)
    head = table_head(text, start)
    if head is None:
        return ""
    width = head.strip().strip("|").count("|") + 1
    return f"{head}\n|{'---|' * width}\n{before}"


# a working's result set in a column after its "=" (the line's last thing a count): one equation, not two columns
_SPACED_PLUS = re.compile(r"(?<=\d)(?:[ \t]{2,}\+[ \t]*|[ \t]*\+[ \t]{2,})(?=\d)")
_SPACED_RESULT = re.compile(r"(?m)(?<=[\d)])(?:[ \t]{2,}=[ \t]*|[ \t]*=[ \t]{2,})"
                            r"(?=\d{1,3}(?:[ ,.\u2009]\d{3})*[ \t]*$)")


# a field's word as an operand of the size formula, not a label: "(in − k + 2p)/stride + 1", "2·padding"
_OPERAND_WORD = re.compile(r"(?<=[/×·])(?:stride|padding|pad)\b(?![ \t]*[:=]?[ \t]*\d)"
                           r"|\b(?:stride|padding)(?=[×·/][\w(])"
                           r"|(?<=/)[ \t]*\(?[ \t]*stride[ \t]*\)?[ \t]*(?=\+)", re.IGNORECASE)
# (glued to its operator, or "/ stride + 1": "filter 5×5 / stride 1" and "5×5 · stride 1" list values)


# an answer key's part before the field's name ("2c_relu1", "2c.fc1"), or its problem ("p2_after_conv1", "q2_input")
_KEY_PREFIX = re.compile(r"(?<![\w.])(?:[1-9][a-h]|(?i:p|q|problem|task)[1-9](?:[_.][a-h])?)[_.](?=[A-Za-z])")


# a pooling's stride said after a comma ("2×2 max pool, stride 2 → 12×12×20"): the pooling's own, an aside of it
_POOL_STRIDE = re.compile(r"(?i)(\bpool\w{0,4})[ \t]*,[ \t]*(stride[ \t]*[:=]?[ \t]*\d)(?![\d×x*])")


_OF_THEM = re.compile(r"(?im)^([^\n(]{0,200}?\b(?:filters?|kernels?)\b[^\n(]{0,80}?"
                      r"\b(?:has|have|having|with|uses|use)[ \t]+)(\d{1,3})[ \t]+of[ \t]+them\b")
_LEADERS = re.compile(r"(?<=[^\s.])[ \t]*(?<!\.)\.{4,}+[ \t]*(?=[^\s.])")


_TIMES_COUNT = re.compile(r"\([ \t]*[x×][ \t]?(\d{1,3})[ \t]+(?=[^\W\d_])")


def read_part(text: str, patterns: dict[str, list[re.Pattern[str]]]) -> dict[str, list[Candidate]]:
    """Every labelled value of a part, per field."""
    found: dict[str, list[Candidate]] = {}
    text = _LEADERS.sub(": ", text) if "...." in text else text  # "stride ........ 1": a label's dot leaders
    text = _OF_THEM.sub(r"\1\2 filters", text) if "of them" in text else text  # "filter 5×5×1, … has 20 of them"
    text = _TIMES_COUNT.sub(r"(\1 ", text) if "(" in text else text  # "filter 5x5 (x20 kanalov)": a count of them
    text = _SPACED_RESULT.sub(" = ", text) if "  " in text else text  # "(5·5·1 + 1) · 20   =      520": a column
    text = _SPACED_PLUS.sub(" + ", text) if "  " in text else text  # "500 +  20 =  520": a sum aligned in columns
    text = _worked_in_code(_soft_wrapped(_DIGIT_GROUP.sub(",", text)))  # 25_050, 431_080: a program's digit groups
    # (a working over several "=" lines is joined first: its first line's sum is no value of its own)
    text = _CONSOLE_RESULT.sub(r"\1 = \2", text) if "[1]" in text else text
    text = _OPERAND_WORD.sub(" v ", text) if "stride" in text or "pad" in text else text  # "(in − k + 2p)/stride + 1"
    text = _POOL_STRIDE.sub(r"\1 (\2)", text) if "stride" in text else text  # "2×2 max pool, stride 2 → 12×12×20"
    text = _KEY_PREFIX.sub("", text) if "_" in text or "." in text else text  # "2c_relu1", "2c.fc1": the row's name
    text = _SHEET_KEY.sub(lambda m: m.group(1) + m.group(2).replace("_", " "), text) if "_" in text else text
    # ("conv2_filter_size: 5x5", "| p2_conv2_channels | 20 |": an answer sheet's key, its words)
    text = _NAMES_BELOW.sub(r"\1 ", text) if "(" in text else text  # "… = 431080" then "(conv1, relu1, …)"
    cells, covered = pipe_tables(text)
    rows, printed = summary_rows(text)
    for cell in cells:
        _read_cell(cell, patterns, found)
    from_summary: dict[str, list[Candidate]] = {}
    for cell in rows:
        _read_cell(cell, patterns, from_summary)
    for name, candidates in from_summary.items():
        found.setdefault(name, []).extend(replace(c, printed=True) for c in candidates)
    skip = covered | printed | _fenced(text, code_only=True, output=printed) | _session_input(text)
    said = _code_comments(text)  # "F.relu(net.conv1(x)).shape  # 24 x 24 x 20 after conv1": the student's words
    every = text.splitlines()
    prose = [(i, ln) for i, ln in enumerate(every) if (i not in skip or i in said) and not is_parameter_row(ln)]
    lines = [sub for k, (i, ln) in enumerate(prose) for sub in
             flat(said[i] if i in skip else ln).split("\n") + _comment_ends(i, k, prose, skip)]
    _read_lines(lines, patterns, found)
    # what the program built or printed ("nn.Conv2d(20, 50, 5)": the layer's sizes; conv1.weight and conv1.bias
    # rows: conv1's count), read where the words say nothing
    called = [flat(named) for i, ln in prose if i not in skip and (named := calls_read(ln)) != ln]
    call = only_call([ln for i, ln in enumerate(every) if i in skip])
    from_program: dict[str, list[Candidate]] = {}
    _read_lines(called + layer_totals(text) + ([call] if call else []), patterns, from_program)
    for name, candidates in from_program.items():
        found.setdefault(name, []).extend(Candidate(c.text, c.rank + 2, c.line) for c in candidates)
    _corrections(lines, patterns, found)
    _sums(lines, patterns, found)
    return found


_INPUT_CELL = re.compile(r"[ \t]*In\[\d{1,4}\][ \t]*:=[ \t]*[A-Za-z]\w{0,30}[ \t]*=(?!=)")  # a definition: "params = …"


def _session_input(text: str) -> set[int]:
    """The lines of a Mathematica session's input cells that define a name ("In[23]:= params = <|"conv1" ->
    (5*5*1+1)*20, …|>" and the lines it wraps onto, up to a blank line or the "Out[23]=" that prints what it
    computed): a program's text (a question's echoed result, "Total[params] = 431080", is read)."""
    if "In[" not in text:
        return set()
    out: set[int] = set()
    inside = False
    for i, line in enumerate(text.split("\n")):
        if _INPUT_CELL.match(line):
            inside = True
        elif inside and (not line.strip() or line.lstrip().startswith("Out[")):
            inside = False
        if inside:
            out.add(i)
    return out


def _comment_ends(i: int, k: int, prose: list[tuple[int, str]], skip: set[int]) -> list[str]:
    """After a code comment whose next read line is beyond more code, a line that ends its label's wait: "#
    forward: conv1-relu-pool, …, fc2" at a fence's end does not label the "10 epochs" below the fence."""
    if i not in skip or k + 1 >= len(prose) or prose[k + 1][0] == i + 1:
        return []
    return ["."]


MAX_JOINED = 2000  # a sentence (a working: a third of it) joined over lines this long is no student's: left as lines


_CODE_MARKS = frozenset("=;{}[]<>#`")


def _indented_prose(above: str, line: str) -> bool:
    """Two lines of words at one indent (a plain-text file's paragraph set in by four spaces, not code): one
    paragraph a TA reads on."""
    indent = len(above) - len(above.lstrip())
    words = above[-200:].strip()
    return indent == len(line) - len(line.lstrip()) and not _CODE_MARKS.intersection(words) \
        and len(re.findall(r"[^\W\d_]{2,}", words)) >= 4


def _soft_wrapped(text: str) -> str:
    """A sentence an editor or a converter wrapped mid-phrase ("… and the channel" / "dimension of each filter is
    20") as one line, as a reader reads it: a prose line whose last three words are words, followed by one that
    starts with a lowercase word. Not in code blocks or tables, nor after a value ("5×5×1, 20 filters" / "after
    conv1: …" are two lines of a list)."""
    if "\n" not in text:
        return text
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        tail = out[-1][-160:] if out else ""  # (each pattern below looks at a line's end: its last words)
        if out and not fenced and len(out[-1]) < MAX_JOINED and (_WRAPPED_END.search(tail)
                                                                 and _WRAPPED_START.match(line)
                                   or _DANGLING.search(tail) and re.match(r"[ \t]*[a-z]{2,}\b", line)
                                   and len(line) - len(line.lstrip()) <= max(3, len(out[-1]) - len(out[-1].lstrip()))
                                   or _CLAUSE_OPEN.search(tail) and _VERB_START.match(line)
                                   or _STAGE_END.search(tail) and _TURNS_START.match(line)
                                   or _ITEM_GOES_ON.match(out[-1]) and re.match(r"[ \t]{2,}[a-z]{2,}\b", line)
                                   or _TEX_ITEM.match(out[-1]) and _TEX_ITEM_LINE.match(line)
                                   or _SIZE_GOES_ON.search(tail) and re.match(r"[ \t]{0,3}(?:\d|[a-z]{3,})", line)
                                   or _VERB_END.search(tail) and _VALUE_START.match(line)
                                   or out[-1].rstrip().endswith(",") and _RESTATED_START.match(line)
                                   or _COUNT_END.search(tail) and _SHAPE_NEXT.match(line)
                                   or re.search(r"\d[ \t]*$", tail) and _SHAPE_GOES_ON.match(line)
                                   or _COUNT_CUT.search(tail) and _COUNTED_NEXT.match(line)
                                   or _SIZE_END.search(tail) and (_COUNT_NEXT.match(line) or _IT_IS_NEXT.match(line))
                                   or re.search(r"[^\W\d_]{3,}[ \t]*$", tail) and _IS_VALUE.match(line)
                                   or _aside_cut(out[-1], line)) \
                and "|" not in line and "|" not in out[-1] \
                and (not out[-1].startswith(("    ", "\t")) or _indented_prose(out[-1], line)) \
                or out and not fenced and _EQUALS_AGAIN.match(line) and "=" in out[-1] and "|" not in out[-1] + line \
                and len(out[-1]) < MAX_JOINED // 3:
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
    return "\n".join(out)


def _aside_cut(line: str, following: str) -> bool:
    """"… works with k = 5 and stride 1 (k = 6 with stride 2 would give 4," / "no). So conv2 uses …": brackets a
    wrap cut open, closed on the next line (an aside is read whole, or its values pass for the sentence's)."""
    opened = line.rfind("(")
    return opened >= 0 and ")" not in line[opened:] and len(line) - opened < 200 \
        and following.count(")") > following.count("(") and following.find(")") < 80


_WRAPPED_END = re.compile(r"[^\W\d_]{2,}[ \t]*,?[ \t]+[^\W\d_]{2,}[ \t]+[a-z]{2,}[ \t]*$")  # "and the channel"
# a line that stops on a word no phrase ends with ("… stride 1, 20 input" / "channels, 50 filters")
_DANGLING = re.compile(r"[ \t](?:input|output|of|per|each|the|an?|channel|filter|kernel)[ \t]*$")  # (not "and": a
# list may go on; "…, channel" / "dimension (input depth) $20$": a field's two words wrapped apart)
# "… 5 by 5 by 1 and there" / "are 20 of them, so …": a clause cut after its subject, its verb on the next line
_CLAUSE_OPEN = re.compile(r"\b(?:and|but|so)[ \t]+(?:there|they|it|this|these|those)[ \t]*$")
# "total = 520 + 25050 + …" / "      = 425070 + 5010" / "      = 430080": one working over several lines, whose
# last side is the value (never worked out again here from the first line's terms)
_EQUALS_AGAIN = re.compile(r"[ \t]*=(?![=>])[ \t]*(?:[\d(][\d \t,.'+\-−×*·/()]*$"  # numbers only: no words,
                           r"|\d[\d,']*[.;](?:[ \t]|$))")  # or a number that ends the sentence ("= 5010. In total …")
# "so" in the languages a class writes in: a conclusion's value follows
_SO = (r"(?:so|thus|hence|więc|zatem|czyli|dus|daarom|donc|entonces|quindi|dunque|portanto|então|dolayısıyla|yani|jadi"
       r"|maka|vậy|alltså|tedy|takže|tudíž|άρα|επομένως|پس|لذا|поэтому|значит|тобто)")
# "… 20 filters whose dimension is" / "$5\times5\times1$. …": a sentence cut after its verb, its value next (or
# after what it names: "… the number of input channels," / "$20$, and …")
_VERB_END = re.compile(r"(?:[^\W\d_]{2,}[ \t]+(?:is|are|was|were|equals|becomes|of|have|has|get|gives?|so|size|shape)"
                       rf"|[,;][ \t]*{_SO}|[ \t]input[ \t]+channels[ \t]*,)[ \t]*$")
# ("… = 24, so" / "$\R^{24\times24\times20}$")
# "… after pooling 12" / "× 12 × 20": a shape a page's text wrapped
_SHAPE_GOES_ON = re.compile(r"[ \t]*[×xX*][ \t]*\d+(?:[ \t]*[×xX*][ \t]*\d+)*[ \t]*[.,;]?[ \t]*$")
# "… 5 × 5 × 1, and there are 20" / "filters. After conv1 …": a count cut from its noun
_COUNT_CUT = re.compile(r"\b(?:are|is|has|have|with|uses|of)[ \t]+[*_]{0,2}\$?\d{1,4}\$?[ \t]*$")  # "uses **20"
_COUNTED_NEXT = re.compile(r"[ \t]{0,3}(?:filters?|kernels?|of[ \t]+them)\b")
# "the conv1 filters are 5 by 5 by 1" / "and there are 20 of them": a caption's line break before the count
# (number words are read later, line by line: "five by five by one" / "and there are twenty of them"; "after the max
# pool two by two" / "it's twelve by twelve by twenty")
_NUMBER = r"(?:\d{1,4}|[a-z]{3,}(?:[ -][a-z]{3,})?)"
_SIZE_END = re.compile(rf"(?:\d|[a-z]{{3,}})[ \t]*(?:[×xX*]|[ \t]by[ \t])[ \t]*{_NUMBER}[ \t]*$")
_COUNT_NEXT = re.compile(rf"[ \t]{{0,3}}(?:and[ \t]+)?(?:there[ \t]+are|we[ \t]+have|with)[ \t]+{_NUMBER}[ \t]+"
                         r"(?:of[ \t]+them|filters?|kernels?)\b")
_IT_IS_NEXT = re.compile(rf"[ \t]{{0,3}}(?:it'?s|it[ \t]+is|that'?s|which[ \t]+is)[ \t]+{_NUMBER}"
                         r"[ \t]*(?:[×xX*]|[ \t]by[ \t])")
_IS_VALUE = re.compile(r"[ \t]{0,3}(?:is|are|was|were|equals)[ \t]+\d")  # "The conv1 filter" / "is 5 × 5 × 1, …"
_COUNT_END = re.compile(r"\d[ \t]+(?:filters?|kernels?)[ \t]*$")  # "conv1 has 20 filters" / "of size 5×5×1, …"
_SHAPE_NEXT = re.compile(r"[ \t]{0,3}(?:of|each|with|whose)\b")
# "… 24 wide," / "i.e. 24 × 24 × 20, and …": a sentence a page wrapped before its restated value
_RESTATED_START = re.compile(r"[ \t]{0,3}(?:i\.[ \t]?e\.|that[ \t]+is|so|thus|hence)[ \t,:]*[*_]{0,2}\$?\d")
_VALUE_START = re.compile(r"[ \t]{0,3}[*_]{0,2}(?:\$|\\\(|\d)")
# "… and the 2×2 max-pooling" / "turns that into twenty maps of 12 by 12": a stage, then what it makes of its input
_STAGE_END = re.compile(r"(?i)\b(?:(?:max[ \t-]?)?pool(?:ing)?|conv\w{0,12}|layer)[ \t]*$")
_TURNS_START = re.compile(r"[ \t]{0,3}(?:turns|gives|yields|halves|reduces|leaves|produces|makes|shrinks|maps|outputs"
                          r"|brings|takes)\b")
_VERB_START = re.compile(r"[ \t]{0,3}(?:are|is|was|were|has|have|gives?|makes?)\b")
_ITEM_GOES_ON = re.compile(r"[ \t]*[-*+•][ \t]+\S.*[^:.;][ \t]*$")  # "- fc1: … plus 500" / "  biases, so 400,500."
# "  \item Since the input has depth 1, every filter is $5\times5\times1$;" / "        with 20 filters …": a LaTeX
# item's text goes on over the lines indented under it, up to the next \item or \end
_TEX_ITEM = re.compile(r"[ \t]*\\item\b")
_TEX_ITEM_LINE = re.compile(r"[ \t]{4,}(?!\\(?:item|end|begin)\b)\S")
_SIZE_GOES_ON = re.compile(r"\b(?:\d{1,2}|[a-z]{3,})[ \t]+by[ \t]*$")  # "… five by five by one by" / "twenty"
_WRAPPED_START = re.compile(r"[ \t]{0,3}[a-z]{2,}[ \t]+[a-z]{2,}\b")  # "dimension of …"


# an R console's "> sum(c(520, 25050, …))" then "[1] 431080": the result of the line above, "… = 431080"
_CONSOLE_RESULT = re.compile(r"(?m)^([ \t]*>[ \t]*\S[^\n]*?)[ \t]*\n[ \t]*\[1\][ \t]+([\d.,]+)[ \t]*$")


def _sums(lines: list[str], patterns: dict[str, list[re.Pattern[str]]], found: dict[str, list[Candidate]]) -> None:
    """A result that adds up the line's values before it is their total, for the field a sum sign labels."""
    total = _field_in("Σ", patterns)
    if total is None:
        return
    for line in lines:
        running = sums.running_sum(line)
        if running is not None:  # "520+25050 = 25570; 25570 + 400500 = 426070; 426070+5010 = 431080": its last
            found[total] = [c for c in found.get(total, []) if c.line != line.strip()[:200]]
            _add(found, total, running, 0, line)
            continue
        written = sums.written_sum(line, _NUM)
        if written is not None and all(f == total for _, _, f in _masked(line, patterns)[1]):  # no layer's sum
            _add(found, total, written[0], 0, line)
            continue
        values, routes, _, _ = _read_line(line, patterns)
        values = [v for v in values if not v.modifier]
        if any(not routes.get(id(v)) for v in values[:-1]):
            continue  # "520 / 0 / … -> 431080": unlabelled values are read in the question's order
        read = _masked(_unpacked(line), patterns)[0]  # where _read_line found the values
        if len(values) > 3 and sums.leads_to_sum(read, values[-2].end, values[-1].start) \
                and sums.adds_up([v.text for v in values[:-1]], values[-1].text):
            last = values[-1].text
            for f in found:  # "fc2 5010 => 431080": the sum is not a later form of the last value
                found[f] = [c for c in found[f] if not (c.text == last and c.line == line.strip()[:200])]
            _add(found, total, last, 0, line)


def _corrections(lines: list[str], patterns: dict[str, list[re.Pattern[str]]],
                 found: dict[str, list[Candidate]]) -> None:
    """"fc1: 400000" then "correction: forgot bias → 400500": the corrected value is the field's answer,
    for the fields the correcting line names, else the one field the line above it names."""
    previous: list[str] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        values, routes, labelled, _ = _read_line(line, patterns)
        named = list(dict.fromkeys(f for v in values for f, rank in routes.get(id(v), []) if rank == 0)) \
            or labelled  # "- after conv1: ~~23×23×20~~ oops, … → 24×24×20": the line's own label, not the one above
        fix = corrections.correction_in(line, values) if _MARKER_HINT.search(line) else None
        if fix is not None and (named or len(previous) == 1):
            later = {ln.strip()[:200] for ln in lines[i + 1:]} - {ln.strip()[:200] for ln in lines[:i]}
            sizes = {f: sum(c.line not in later and c.line != line.strip()[:200] for c in found.get(f, []))
                     for f in named or previous}
            for f in named or previous:  # candidates of later lines stay after the earlier ones
                found[f] = sorted(found.get(f, []), key=lambda c: c.line in later or c.line == line.strip()[:200])
            if len(named) > 1 and not _OLD_SAID.search(line, fix.marker_end):  # "4×4? no wait: … the filter is 5×5,
                for f in named:  # stride 1, 20 channels": each field its own value after the marker (not "EDIT: v1
                    # had conv2 = 25,000 …": the old values, said)
                    own = [v for v in values if v.start >= fix.marker_end and not v.modifier
                           and (f, 0) in routes.get(id(v), [])]
                    if own:
                        corrections.apply(found, sizes, [f], corrections.Correction(fix.marker_end, own[-1]), line,
                                          Candidate)
            else:
                corrections.apply(found, sizes, named or previous, fix, line, Candidate)
        previous = named


_OLD_SAID = re.compile(r"(?i)\b(?:had|was|were|v\d|before|previously|old|earlier|used\s+to|first)\b")
_MARKER_HINT = re.compile(r"(?i)edit|correct|update|actually|oops|meant|should|wait|fix|errata"
                          r"|[—–][ \t]*\w{2,5}[ \t]*[,:!]")
_CODE = re.compile(r"\b(?:def|class|import|return|self|nn|torch|print|lambda)\b|\b(?!sum\()[A-Za-z_]\w*\((?!\))|>>>")
_TEXT_FENCE = ("", "text", "txt", "plain", "plaintext", "none")
# a program's language, for a fence that only sets names to sizes (``after_conv1 = (24, 24, 20)``, a dict of counts)
_SETTINGS_FENCE = ("python", "py", "python3", "julia", "r", "matlab", "octave")


def _fenced(text: str, code_only: bool = False, output: set[int] | frozenset[int] = frozenset()) -> set[int]:
    """Lines inside code fences: code and printed output are not prose (a printed summary is read above).

    ``code_only``: a fence with no language (or ``text``) and nothing that looks like code in it is a
    student's aligned working ("conv1 : (5*5*1 + 1)*20 = 520"), read as prose: its lines are kept; one that
    holds a printed summary (lines in ``output``) is the program's output, read only as a summary."""
    out: set[int] = set()
    lines = text.splitlines()
    start: int | None = None
    for i, line in enumerate(lines):
        if not line.lstrip().startswith(("```", "~~~")):
            continue
        if start is None:
            start = i
            continue
        body = lines[start + 1:i]
        info = lines[start].strip().strip("`~").strip().lower()
        prose = code_only and info in _TEXT_FENCE + _SETTINGS_FENCE and not any(_CODE.search(b) for b in body)
        if not prose or output.intersection(range(start, i)):
            out.update(range(start, i + 1))
        else:
            out.update((start, i))
        start = None
    if start is not None:
        out.update(range(start, len(lines)))
    return out


_COMMENT_MARK = {"matlab": "%", "octave": "%", "m": "%", "haskell": "--", "hs": "--", "lua": "--", "sql": "--",
                 "javascript": "//", "js": "//", "typescript": "//", "ts": "//", "c": "//", "cpp": "//", "c++": "//",
                 "java": "//", "rust": "//", "go": "//", "swift": "//", "kotlin": "//", "scala": "//"}


def _code_comments(text: str) -> dict[int, str]:
    """Lines of code blocks that carry a comment, as the words they say: a comment alone (``# conv1: 520``), or
    the code it ends when it says only the code's value (``"conv1": (5*5*1 + 1) * 20,  # 520`` is
    ``"conv1": (5*5*1 + 1) * 20 = 520``). What a student writes beside code is prose; the code itself is not."""
    out: dict[int, str] = {}
    lines = text.splitlines()
    info: str | None = None
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            info = None if info is not None else (line.strip().strip("`~").strip("{} ").split(",")[0].split()
                                                  or [""])[0].lower()
            continue
        if info is None or info in _TEXT_FENCE:
            continue
        mark = _COMMENT_MARK.get(info, "#")
        at = _comment_at(line, mark)
        if at is None:
            continue
        code, comment = line[:at].strip().rstrip(",;"), line[at + len(mark):].strip()
        if not re.search(r"\d", comment):
            continue
        value_only = re.fullmatch(r"[=→\->:\s]*(\d[\d,._ ]*\d|\d)\s*(?:params?|parameters)?", comment)
        out[i] = f"{code} = {value_only.group(1)}" if value_only and code else comment
    return out


def _comment_at(line: str, mark: str) -> int | None:
    """Where a comment starts on a line of code (a mark at the start or after a space, outside quotes)."""
    for m in re.finditer(re.escape(mark), line):
        before = line[:m.start()]
        if (not before.strip() or before[-1:].isspace()) and before.count('"') % 2 == 0 and before.count("'") % 2 == 0:
            return m.start()
    return None


def _in_aside(line: str, v: _Value) -> bool:
    """"5×5, stride 1, channels 20 (50 filters, padding 0)": a value inside brackets with other text is
    commentary; "(5×5×1×20)", a value in brackets of its own, is not."""
    if line.count("(", 0, v.start) <= line.count(")", 0, v.start):
        return False
    return not (line[v.start - 1:v.start] == "(" and line[v.end:v.end + 1] == ")")


# a row label that names a layer (or the layers left over), not the whole: "ReLU3", "others"; "all", "params" of a
# transposed table are not
_LAYER_ROW = re.compile(r"\d|relu|pool|conv|\bfc|linear|dense|softmax|flatten|dropout|norm|layer|activation"
                        r"|other|rest\b", re.IGNORECASE)


_OPEN_WORKING = re.compile(r"[ \t]*(?:\d[\d,.]*[ \t]*[·×*⋅]?[ \t]*\(|\()"
                           r"[\d\s+\-−*/·×⋅^.,]*[+*/·×⋅^][\d\s+\-−*/·×⋅^.,]*\)"
                           r"(?:[ \t]*[·×*⋅][ \t]*\d[\d,.]*)?[ \t]*")


def _read_cell(cell: Cell, patterns: dict[str, list[re.Pattern[str]]], found: dict[str, list[Candidate]]) -> None:
    body = flat(cell.text)
    if cell.remark:
        _own_values(body, patterns, found, 1)
        return
    masked, inner = _masked(body, patterns)
    values = _values(masked)
    equals = masked.rfind("=")
    if len(masked) == len(body) and re.fullmatch(r"[\d\s()+\-−*/·×xX.,^]+", body[:max(0, equals)]) \
            and body.count("(", 0, equals) == body.count(")", 0, equals):  # "20(25+1) = 520": a working, its
        values = [v for v in values if v.start > equals]  # result the value ("24×24×20 ((28−5)+1 = 24)": an aside)
    elif equals < 0 and _OPEN_WORKING.fullmatch(body.replace("\\,", " ").replace("$", "")):
        return  # "| conv1 | 520 | 20(5·5·1+1) |": a working not carried to its result answers nothing
    shown = body if len(masked) == len(body) else masked  # the masking may blank a working's opening bracket
    values = [v for v in values if not (_in_aside(shown, v) and "=" in shown[shown.rfind("(", 0, v.start):v.start])
              ] or values  # "24×24×20 ((28−5)/1+1 = 24)": a working's result in an aside is no answer
    label = _field_in(flat(f"{cell.row} {cell.column}"), patterns) or _field_in(flat(cell.column), patterns) \
        or _field_in(flat(cell.row), patterns)  # "| Σ | | 431,080 |": a row labelled by a sign alone
    if label is None:
        _own_values(body, patterns, found, 1 if _PART_ONLY.fullmatch(cell.row.strip(" *_")) else 2)
        # "| 2b | conv2 | filter 5 x 5, stride 1, no padding |"; "| 2(c) | conv1: 520 |" (a row named by its part)
        return
    if label == _field_in("Σ", patterns) and cell.row.strip(" *_`$") and _field_in(flat(cell.row), patterns) is None \
            and _LAYER_ROW.search(cell.row):
        return  # "| ReLU3 | 0 |" under "# params": a header that names the count is no row's label (nor the total)
    outside = any(not _in_aside(masked, v) for v in values)
    asides = {id(v) for v in values if len(values) > 1 and _in_aside(masked, v) and not _HEDGED_ASIDE.search(body)
              and (_aside_label(masked, inner, v, patterns) or (None if outside else label)) != label}
    # "| channels | 20 (50 filters) |", "| channel dimension | 20 (so each filter is 5×5×20; 50 of them …) |": the
    # row's value is the one outside the aside
    masked, named = _masked(flat(cell.row), patterns, sums=False)
    spans = sorted({(a, b) for a, b, _ in named})
    listed = [f for _, _, f in named] if (len(spans) > 1 and _listed(masked, spans, row=True)) \
        or (len(spans) == 1 and label in {f for _, _, f in named}) else [label]  # "| ReLU1, pool1 |", "| others |"
    for v in values:  # a row's last value column is its answer ("weights | biases | total"), earlier ones rank 1
        if id(v) in asides:
            continue  # a count in an aside that its own word names answers another field, not the row's
        for field_name in dict.fromkeys(listed):
            found.setdefault(field_name, []).append(Candidate(v.text, 0 if cell.last else 1,
                                                              f"{cell.row} | {cell.column} | {body}"))


_PART_ONLY = re.compile(r"\(?[1-9]?[.\-]?\(?[a-h]\)?(?:\(?(?:iii|ii|i)\)?)?")  # "2(c)", "(c)", "2c", "2.c"


def _own_values(body: str, patterns: dict[str, list[re.Pattern[str]]], found: dict[str, list[Candidate]],
                least: int) -> None:
    """A cell whose row and column name no field, read as a line of prose: the values its own words name, when they
    name ``least`` fields or more (one value alone, "20 (50 filters of 5×5×20)" under "conv2 channel dim", is about
    the row's own thing; a note's "total **431080**" names its field)."""
    own: dict[str, list[Candidate]] = {}
    if _field_in(body, patterns) is not None and len(body) < 500:
        _read_lines([body], patterns, own)
    if sum(1 for candidates in own.values() if candidates) >= least:
        for name, candidates in own.items():
            found.setdefault(name, []).extend(candidates)


def _read_lines(lines: list[str], patterns: dict[str, list[re.Pattern[str]]],
                found: dict[str, list[Candidate]]) -> None:
    """Each line's values with their labels; label lines above and context lines below, as ranked above."""
    read = [_read_line(ln, patterns) for ln in lines]
    pending: str | None = None  # a label line waiting for its value
    carried: str | None = None  # the label of a worked line just read: a conclusion under it is its value too
    last: tuple[int, _Value] | None = None  # the last value with no label before it, for a context line
    for i, (values, labelled, fields_here, trailing) in enumerate(read):
        original = lines[i].strip()
        if not original:
            continue
        real = [v for v in values if not v.modifier]
        if not real:
            for v in values:
                for f in labelled.get(id(v), []):
                    _add(found, f[0], v.text, 3, original)
            pending = carried = None
            if fields_here and last is not None and not original.endswith(":"):
                _add(found, fields_here[0], last[1].text, 2, lines[last[0]])
            elif fields_here:
                pending = fields_here[0]
            last = None
            continue
        last = None
        concluding = pending is None and carried is not None and _THEREFORE.match(original) is not None
        if concluding:
            pending = carried  # "Output after conv1:" / "(28 − 5)/1 + 1 = 24" / "So: 24 × 24 × 20": its conclusion too
        carried = pending if pending is not None and "=" in original else None
        first = _chain_result(original, real) if pending is not None else real[0]
        for v in values:
            routes = labelled.get(id(v), [])
            if v is first and pending is not None and (concluding or not _text_before_beyond(lines[i], real[0])) and \
                    all(rank > 0 for _, rank in routes):  # "… output of conv1" / "$24\times24\times20$, …"
                routes = [(pending, 0)]
            for field, rank in routes:
                _add(found, field, v.text, 3 if v.modifier else rank, original)
            if not routes and not v.modifier:
                last = (i, v)
        pending = trailing


_THEREFORE = re.compile(r"(?:\*\*)?(?:(?:so|thus|hence|therefore)\b|⇒|=>|→|->|∴)", re.IGNORECASE)
_LAST_SIDE_NUMBER = re.compile(r"=[ \t]*\$?[ \t]*(\d[\d,.  \u202f\\]*?)[ \t]*\$?[ \t.]*$")


def _chain_result(line: str, real: list[_Value]) -> _Value:
    """The value a label on the line above names: the line's first value, or, on a worked line
    ("(4 · 4 · 50 + 1) · 500 = 801 · 500 = 400,500"), the number its last side gives."""
    end = _LAST_SIDE_NUMBER.search(line)
    if end is None or re.search(r"[^\W\d_]", line[:end.start()]):
        return real[0]  # (a line with words: "5×5, stride 1, …: 12 − 5 + 1 = 8" gives its values in its words)
    digits = re.sub(r"\D", "", end.group(1))
    return next((v for v in reversed(real) if re.sub(r"\D", "", v.text) == digits), real[0])


def _text_before(line: str, v: _Value) -> bool:
    return bool(re.search(r"[^\W\d_]", line[:v.start]))


# a label's measuring noun wrapped onto the next line: "channel" / "dimension 20" (not "Test accuracy: 97.9")
_WRAPPED_WORDS = re.compile(r"(?i)[ \t]*(?:dimension|dim|size|depth|count|number|shape|width|dimensione|dimensión|"
                            r"taille|größe|anzahl|tiefe|nombre)s?\.?(?:[ \t]+(?:is|of|=))?[ \t]*[:=]?[ \t]*\$?")


def _text_before_beyond(line: str, v: _Value) -> bool:
    """Text before a line's first value other than a label's last words wrapped onto it ("channel" / "dimension 20")."""
    return _text_before(line, v) and not _WRAPPED_WORDS.fullmatch(line[:v.start])


def _add(found: dict[str, list[Candidate]], field: str, text: str, rank: int, line: str) -> None:
    found.setdefault(field, []).append(Candidate(text, rank, line.strip()[:200]))


# a label that names a symbol, then a formula in it ("stride s :  (12-k)/s+1 = 8", "stride S = (12 − k)/…")
_LABEL_SYMBOL = re.compile(r"[ \t]+([A-Za-z])(?![\w(])[ \t]*[:=]?")


def _closed_aside(masked: str, start: int, end: int, value: int) -> bool:
    """Whether the label at ``start:end`` is inside brackets that close before ``value`` and hold a value of their own
    ("channel dim 20 (has to match the 20 input channels), 50 filters": the aside's "channels" names its 20, nothing
    after it)."""
    opened = masked.count("(", 0, start) - masked.count(")", 0, start)
    between = masked[end:value]
    if opened <= 0 or between.count(")") <= between.count("("):
        return False
    aside = masked[masked.rfind("(", 0, start):end + between.find(")") + 1]
    return re.search(r"\d", aside) is not None  # (the aside holds a value of its own; "profondeur (canaux) = 20":
    # a label said again in brackets names the value after them)


def _read_line(line: str, patterns: dict[str, list[re.Pattern[str]]]
               ) -> tuple[list[_Value], dict[int, list[tuple[str, int]]], list[str], str | None]:
    """A line's values, the (field, rank) routes of each, the fields labelled on it, and the field
    labelled after its last value and last clause break (a label whose value is on the next line)."""
    line = _unpacked(line)
    masked, labels = _masked(line, patterns)
    values = _values(masked, line)
    routes: dict[int, list[tuple[str, int]]] = {}
    previous_end, previous_field, chained, chained_rank = 0, None, False, 0
    carried: list[tuple[int, int, str]] = []  # the labels before a setting ("conv1: stride 1, …"), for the next value
    pieced: list[_Value] = []  # shapes a line's pieces make, offered beside a shape that disagrees with them
    checked: set[int] = set()  # a verification's values
    sized: set[int] = set()  # a layer's input or output size said before its count ("input 800, output 500 → …")
    clauses = [m.end() for m in _CLAUSE.finditer(masked)]
    pending: tuple[str, int] | None = None  # a label whose aside closed with a value of its own, and where
    for k, v in enumerate(values):
        aside_of: str | None = None
        follows = pending if pending is not None and pending[1] < v.start \
            and re.fullmatch(r"[ \t:=]*", masked[pending[1] + 1:v.start]) else None
        pending = None  # "channel dim (the 20 input channels become) 50": the value after the aside is the label's
        next_start = values[k + 1].start if k + 1 < len(values) else len(masked)
        start = max([previous_end, *(c for c in clauses if c <= v.start)])
        before = [(s, e, f) for s, e, f in labels if start <= s and e <= v.start
                  and not (k and not values[k - 1].modifier
                           and _trails(masked, values[k - 1].end, s, e, v.start, line))]
        before = _with_listed(masked, labels, before, v.start)
        before = [(s, e, f) for s, e, f in before if not _closed_aside(masked, s, e, v.start)]
        nearest = max((t for t in labels if t[1] <= v.start), key=lambda t: t[1], default=None)
        symbol = _LABEL_SYMBOL.match(masked, nearest[1]) if nearest is not None else None
        if nearest is not None and symbol is not None \
                and re.search(rf"[(/*+\-−][ \t]*{symbol.group(1)}\b", masked[nearest[1]:v.start]):
            if not re.search(rf"\b{symbol.group(1)}[ \t]*=[ \t]*$", masked[:v.start]):
                checked.add(id(v))  # "stride s: (12-k)/s+1 = 8": a value of the formula the label's symbol is in
                continue
            before = [nearest]  # "…, so k = 5 and s = 2": the symbol said equal to a value is the label's
        elif not re.search(r"[xX×]", v.text) and (
                _IN_SYMBOL_FORMULA.match(masked, v.end)
                or _SYMBOL_FORMULA_BEFORE.search(masked, max(0, v.start - 30), v.start)):
            checked.add(id(v))  # "stride 1: 12 - k + 1 = 8", "8 = 12 − F + 1": an operand or the result of a formula
            continue  # in a symbol, the working and no value of a field
        elif not re.search(r"[xX×]", v.text) \
                and (other := _SET_EQUAL.search(masked, max(0, v.start - 12), v.start)) is not None \
                and (nearest is None or other.start() >= nearest[1]) \
                and not _OWN_SYMBOL.match(masked, nearest[1] if nearest else 0, other.start() + 1):  # "stride S = 1"
            checked.add(id(v))  # "stride S=1: 8 = 12 − F + 1 ⇒ F = 5": another symbol's value, not the label's
            continue
        if before and not re.search(r"[xX×]", v.text) \
                and all(_INTO.search(masked, max(0, s - 40), s) for s, _, _ in before):
            checked.add(id(v))  # "the flatten size going into fc1 is 4·4·50 = 800": fc1's input, not its count
            continue
        if not before and _CHECK_LEAD.search(masked, max(0, masked.rfind(". ", 0, v.start)), v.start):
            checked.add(id(v))  # "Check: (12-5)/1+1 = 8, and pooling 8→4": a verification's values answer no field
            continue
        if (v.text.isdigit() and _SIZE_NOUN_AFTER.match(masked, v.end)
                or _SIZE_NOUN_BEFORE.search(masked, max(0, v.start - 16), v.start)) and _COUNT_LAST.search(masked):
            checked.add(id(v))  # "fc1: 800 inputs … to 500 outputs, plus 500 biases → … = 400,500": sizes the
            carried = before or carried  # working uses, its result (the line's last value) the count
            continue
        if (setting := _SETTING_BEFORE.search(masked, max(start, v.start - 40), v.start)) is not None \
                and (setting.group(1) is None or v.text.isdigit() and len(v.text) == 1) \
                and not (setting.group("size") and (re.search(r"[xX×(]", v.text)
                                                    or not _IN_OUT.search(masked) and not _COUNT_LAST.search(masked))) \
                or k and id(values[k - 1]) in sized and _EQUALS_ONLY.fullmatch(masked, values[k - 1].end, v.start):
            if setting is not None and setting.group("size"):
                sized.add(id(v))  # "input is 4·4·50 = 800": the size and what it comes to
            checked.add(id(v))  # "after conv1: stride 1, no padding, the output is 24×24×20": a setting no field of
            carried = before or carried  # this part names (a field's own label is masked) is not the labelled
            continue  # field's value; the label goes on to the value after it
        before, carried = before or carried, []
        after = _after(masked, labels, v.end, next(  # "12×12×20  # after 2x2 pooling": past a modifier's size
            (u.start for u in values[k + 1:] if not u.modifier), len(masked)), v.text)
        choices: list[tuple[str, int]] = []
        spans = sorted({(s, e) for s, e, _ in before})
        inner = _aside_label(masked, labels, v, patterns)
        if _chain_start(masked, labels, v, start) or _stage_aside(masked, labels, v):
            pass  # a chain's first value and a stage's own sizes in brackets: no label names them, their place does
        elif inner is not None:  # "conv1 (5×5×1, 20 filters)": an aside's own label names the values in it; its
            choices.append((inner, 1 if "×" in v.text or "x" in v.text.lower() or inner not in _COUNTED_FIELDS
                            else 3))  # count says how many ("filter 5x5 (20 kanalov)": the depth, said in an aside)
        elif len(spans) > 1 and _listed(masked, spans):  # "relu1 = pool1 = 0", "relu1, relu2 and pool1: 0"
            choices.extend((f, 0) for _, _, f in before)
        elif not before and (stage := _stage(masked, labels, v)) is not None:
            choices.append((stage, 0))  # "conv1 (filter 5×5×1×20) → 24×24×20 → maxpool": conv1's output
        elif before and _in_aside(masked, v) and max(e for _, e, _ in before) <= masked.rfind("(", 0, v.start):
            choices.extend((f, 3) for _, _, f in before)  # "after conv1 (stride 1, no padding) the output is
            aside_of = choices[0][0]  # 24×24×20": a number in an aside after the label; the label names what follows
        elif before and (unit := _unit_after(masked, labels, v, line)) is not None \
                and unit == _key_field(masked, before):
            choices.append((unit, 0))  # "kanal sayısı: filtre başına 20 giriş kanalı": the key the line opens with and
            # the noun after the count agree, whatever other label stands between ("per filter")
        elif before and (unit := _unit_after(masked, labels, v, line)) is not None \
                and (re.search(r"[^\W\d_]{2,}", masked[max(e for _, e, _ in before):v.start])
                     or re.search(r"[xX×]", v.text) and any(f == unit and 0 <= s - v.end <= 2
                                                             and not re.match(r"[ \t:=]*\d", masked[e:e + 8])
                                                             for s, e, f in labels)) \
                and not _OUTPUT_WORDS.search(masked, start, v.start):
            choices.append((unit, 0))  # "each filter has 20 channels": the word after the number names it, not a
            # label before a verb; "conv1 5x5x1 x 20 filters": the layer's filters, a shape named right after it (not
            # "pool1 0 conv2 (…)": a count, then the next label)
        elif before and all(f not in _COUNTED_FIELDS for _, _, f in before) \
                and (counted := _count_of_after(masked, labels, v)) is not None \
                and not _OUTPUT_WORDS.search(masked, start, v.start):
            choices.append((counted, 1))  # "conv1 uses 20 filters": how many filters conv1 has, not its output
        elif before:
            span = _head(masked, spans) or _compound_head(masked, before, line) or next(
                (s, e) for s, e, f in before if f == _first([f for _, _, f in before], patterns))
            rank = 2 if _counted(masked, values[:k], span, v) else 0
            choices.extend((f, max(rank, 1) if _count_under_plural(line, masked, span, f, v) else rank)
                           for s, e, f in before if (s, e) == span)  # ("filters 50": how many, not a side)
        elif k and _RESTATED.search(masked, max(0, v.start - 40), v.start) \
                and (owner := _said_in_sentence(masked, values[:k], routes, v)) is not None:
            choices.append((owner, 0))  # "fc1 takes 800 inputs to 500, i.e. 400000 + 500 = 400500": the working
            # "i.e." leads to says what the sentence's labelled value was part of
        elif after:  # "(50 filters)": a count in an aside says how many, it does not answer the field
            aside = masked.count("(", 0, v.start) > masked.count(")", 0, v.start)
            choices.append((_unit_after(masked, labels, v) or _first(after, patterns), 3 if aside else 1))
        elif k and (gathered := _gathered(masked, values[:k], routes, v)) is not None:
            choices.append((gathered[0], 0))  # "filter 5×5 (×1 channel), 20 filters → 5×5×1×20": all at once
            if gathered[1] is not None:  # the pieces say another shape: both offered
                pieced.append(gathered[1])
                routes[id(gathered[1])] = [(gathered[0], 0)]
        elif previous_field is not None:
            choices.append((previous_field, 1))
        if follows is not None and not before:
            choices = [(follows[0], 0)]
        if _in_aside(masked, v) and (close := masked.find(")", v.end)) >= 0:
            opening = masked.rfind("(", 0, v.start)
            outer = [t for t in labels if start <= t[0] and t[1] <= opening
                     and not re.search(r"\d", masked[t[1]:opening])]
            if outer:
                pending = (max(outer, key=lambda t: t[1])[2], close)
        if masked[v.end:v.end + 4].lstrip().startswith("=") or _named_term(masked, v.end) \
                or _COEFFICIENT.match(line, v.end) or (  # "26 · 20 = 520", "= 20 (5·5·1+1) = 520"
                k + 1 < len(values) and _ARROW.fullmatch(masked[v.end:next_start])  # "= 24 → 24×24×20"
                and _leads_to(masked, v, values[k + 1])
                and not _stage_output(masked, labels, values, k, choices)):
            if _COEFFICIENT.match(line, v.end):  # a factor of the working, never a term of a sum of answers
                values[k] = v = _Value(v.text, v.start, v.end, True)
            routes[id(v)] = [(f, r + 1) for f, r in choices]  # takes the label ("28 × 28 = 784" keeps both)
            previous_end, previous_field, chained = v.end, choices[0][0] if choices else None, True
            chained_rank = 2 if choices and choices[0][1] == 2 else 0  # "50 filters and …: 12-5+1=8 → 8×8×50"
            continue
        if chained and previous_field is not None and not before:  # the result of a working takes its label,
            # not the label of the next clause ("= 24 → 24×24×20, after pooling …")
            choices = [(previous_field, chained_rank)]
        if k + 1 < len(values) and not before and (op := _size_then_after(
                masked, labels, v, next((u for u in values[k + 1:] if not _in_aside(masked, u)), values[k + 1]))):
            values[k] = v = _Value(v.text, v.start, v.end, True)  # "2×2 最大池化后 12×12×20": the pooling's window,
            routes[id(v)] = [(op, 3)]  # then the size after it
            previous_end, previous_field, chained = v.end, None, False
            continue
        if k + 1 < len(values) and before and _operation_size(masked, before, v, values[k + 1]):
            values[k] = v = _Value(v.text, v.start, v.end, True)  # "max pooling 2×2 gives 12×12×20": 2×2 describes
            routes[id(v)] = [(f, 3) for f, _ in choices]     # the pooling; the value after the verb is the answer
            previous_end, previous_field, chained = before[0][0], None, False
            continue
        if k and (like := _offered_for(masked, values, k, routes) or _also_fine(masked, values, k, routes)) is not None:
            choices = list(routes[id(like)])  # "5x5 stride 1, or 3x3 stride 1": stands for 5x5, a person decides
        elif k and routes.get(id(values[k - 1])) and (_CORRECTED_TO.fullmatch(masked, values[k - 1].end, v.start) or (
                _WELL_BETWEEN.fullmatch(masked, values[k - 1].end, v.start) and _REALLY_AFTER.match(masked, v.end))) \
                and _dims(values[k - 1].text) == _dims(v.text):
            choices = [(f, 0) for f, _ in routes[id(values[k - 1])]]  # "20, I mean 50": the later one is meant,
            routes[id(values[k - 1])] = [(f, max(r, 3)) for f, r in routes[id(values[k - 1])]]  # the first taken back
        elif k and routes.get(id(values[k - 1])) and _offered_instead(masked, values[k - 1], v, bool(before),
                                                                     line=line):
            choices = list(routes[id(values[k - 1])])  # "20 or 50?": both said for one field, a person decides
        elif k and (said := _said_before_asides(masked, values, k)) is not None and routes.get(id(said)) \
                and _offered_instead(masked, said, v, bool(before), asides=True):
            choices = list(routes[id(said)])  # "400,500 (4·4·50 inputs) vs. 1,600,500 (8·8·50 inputs)"
        elif k and choices and not routes.get(id(values[k - 1])) and _offered_instead(masked, values[k - 1], v, False):
            routes[id(values[k - 1])] = list(choices)  # "50 / 20 filters": the label after both names both
        routes[id(v)] = choices
        previous_end, chained = v.end, False
        previous_field = choices[0][0] if choices and choices[0][1] == 0 else aside_of
    for v in values:  # "If S = 2 then F would be negative", "S=2 なら …", "步长为1时 F=5": a trial, not the answer
        if routes.get(id(v)) and _trial(masked, v, clauses):
            routes[id(v)] = [(f, max(r, 3)) for f, r in routes[id(v)]]
    values = [v for v in values if id(v) not in checked] + pieced
    _said_to_be_the_answer(masked, values, routes)
    _concluded(masked, values, routes)
    for v in values:  # "fc1's 800 inputs", "500 units": a count of the layer's inputs, not its value
        if routes.get(id(v)) and _COUNTS_THINGS.match(line, v.end) and re.fullmatch(r"[\d,.]+", v.text):
            routes[id(v)] = [(f, max(r, 2)) for f, r in routes[id(v)]]
    _reused(line, values, routes)
    tail = max([values[-1].end if values else len(masked), *clauses])
    trailing = [f for s, e, f in labels if s >= tail and (masked[e:].strip() in ("", ":") or len(line) == len(masked)
                                                          and _ASIDE.sub("", line[e:]).strip() == ":")  # "After 2×2
                # max pooling (stride 2):" over the value: the label, its aside, then the line's colon
                and not _COMMENT_AFTER.search(masked, tail, s)  # "(28, 28)  # input": its own
                and (values[-1].modifier or not _JOINED_LABEL.fullmatch(masked, values[-1].end, s))  # "24x24x20
                ] if values else []  # after conv1", not "2×2 max pooling:"
    return values, routes, [f for f in patterns if any(f == g for _, _, g in labels)], (
        _first(trailing, patterns) if trailing else None)


_MY_ANSWER = re.compile(r"[ \t]*(?:,|and|so)?[ \t]*(?:that|this|which)[ \t]+(?:is|'s)[ \t]+(?:my|the)[ \t]+"
                        r"(?:final[ \t]+)?answer\b", re.IGNORECASE)


def _said_to_be_the_answer(masked: str, values: list[_Value], routes: dict[int, list[tuple[str, int]]]) -> None:
    """"… printed 12x12x20 before I fixed it, by hand I get 13x13x20 and that is my answer": the value the line says
    is the answer takes the line's one field; the others on the line for that field give way to it."""
    said = [v for v in values if _MY_ANSWER.match(masked, v.end)]
    fields = {f for v in values for f, _ in routes.get(id(v), [])}
    if len(said) != 1 or len(fields) != 1:
        return
    field = fields.pop()
    for v in values:
        if v is not said[0] and routes.get(id(v)):
            routes[id(v)] = [(f, max(r, 2)) for f, r in routes[id(v)]]
    routes[id(said[0])] = [(field, 0)]


def _concluded(masked: str, values: list[_Value], routes: dict[int, list[tuple[str, int]]]) -> None:
    """"conv1: 20 filters with 25 weights and one bias each, so 520.": a working in words that ends the line with
    ", so N" gives N as the value of the one field its line names; the working's numbers give way to it."""
    if len(values) < 2 or values[-1].modifier:
        return
    last = values[-1]
    if not _LINE_DONE.match(masked, last.end):
        return
    # "…: 800·500 + 500 = 400,500": the working's last "=" right before the line's last value
    worked = _EQUALS_RESULT.search(masked, max(0, values[-2].end - 1), last.start) is not None
    if not worked and not _SO_THEN.search(masked, values[-2].end, last.start):
        return
    fields = {f for v in values[:-1] for f, r in routes.get(id(v), []) if r == 0 or worked}
    if len(fields) != 1:
        return
    field = fields.pop()
    for v in values[:-1]:
        if routes.get(id(v)):
            routes[id(v)] = [(f, max(r, 2)) if f == field else (f, r) for f, r in routes[id(v)]]
    routes[id(last)] = [(field, 0)]


_COUNTED_NOUN = re.compile(r"^[ \t]*(?:of[ \t]+them|(?:such[ \t]+)?(?:filters?|kernels?))\b")
_HEDGED_ASIDE = re.compile(r"\((?:[^()]*\b(?:or|maybe|perhaps|oder|ou)\b|[^()]*[?؟]"
                           r"|[^()]*(?:שאולי|אולי|ربما|شاید|شايد|مطمئن\s+نیستم|لست\s+متأكد|לא\s+בטוח|یقین\s+نہیں))",
                           re.IGNORECASE)  # "(or 50 …?)", "(شاید هم ۲، مطمئن نیستم)"
_COUNTS_THINGS = re.compile(r"[ \t]+(?:per[ \t]+(?:filter|kernel|unit|neuron|node|output|channel)\b"  # "501 per filter"
                            r"|(?:input|output|unit|neuron|node|feature|activation|pixel|entrie|element|position"
                            r"|weight|value|class)(?:s|es)?\b|biases\b)"  # "25 weights plus a bias", "10 classes"
                            r"(?![ \t]*(?:channel|filter|map|size|dim|depth|plane|layer))", re.IGNORECASE)
_SO_THEN = re.compile(rf"(?:[,;]|\band)[ \t]*(?:{_SO}|giving|which[ \t]+(?:is|gives|makes)"
                      r"|that[ \t]+(?:is|makes)|for[ \t]+a[ \t]+total[ \t]+of)[ \t]*(?:is[ \t]+|=[ \t]*)?$"
                      # "…, times 20 filters → 520", "… + 500 biases → 400,500": a count's working, then its value
                      r"|\b(?:filters?|kernels?|bias(?:es)?|weights?|param(?:eter)?s|units|neurons)[ \t]+"
                      r"(?:→|->|=>|⇒|⟹)[ \t]*$", re.IGNORECASE)
_EQUALS_RESULT = re.compile(r"[\d)][ \t]*=[ \t]*$")  # a working's "=" right before the line's last value
_LINE_DONE = re.compile(r"[ \t]*(?:parameters|params|weights|in[ \t]+total)?[ \t]*[.;]?[ \t]*$", re.IGNORECASE)


_CHECK_LEAD = re.compile(r"\b(?:check(?:ing)?|verif(?:y|ication)|sanity|probe|kontrolle|comprobaci[oó]n|"
                         r"vérification|проверка)\b\s*[:：]?|验证|检查|確認|확인", re.IGNORECASE)


def _said_in_sentence(masked: str, earlier: list[_Value], routes: dict[int, list[tuple[str, int]]],
                      v: _Value) -> str | None:
    """The field of the last value in ``v``'s sentence that its label names outright (rank 0), if any."""
    start = max((m.start() for m in _SENTENCE_END.finditer(masked, 0, v.start)), default=-1)
    return next((routes[id(u)][0][0] for u in reversed(earlier) if u.start > start and routes.get(id(u))
                 and routes[id(u)][0][1] == 0), None)


_SENTENCE_END = re.compile(r"(?<!\bi\.e)(?<!\be\.g)\.\s")  # not "i.e. "
_RESTATED = re.compile(r"\b(?:i\.\s?e\.|that\s+is)[,:]?\s*[\d\s+×·*§]*=\s*$", re.IGNORECASE)  # "i.e. a + b = …"
_SETTING_BEFORE = re.compile(r"(?<!\bno\s)(?<!\bgeen\s)(?<!\bwithout\s)(?<!\bsans\s)(?<!\bsin\s)(?<!\bohne\s)"
                             r"\b(?:(stride|padding|pad|dilation)|epochs?|batch[ \t]+size|learning[ \t]+rate|lr"
                             r"|(?P<size>inputs?|outputs?))[ \t]*"
                             r"(?:[A-Z][ \t]*(?==))?(?:(?:is|of|=|:)[ \t]*)?$", re.IGNORECASE)
# (a stride or padding is one digit; "padding P = 0": its letter too)
# a label said as where a size goes: "going into fc1", "the input of fc1", "fed to conv2"
_INTO = re.compile(r"(?:\b(?:going|fed|passed|goes|flows?)[ \t]+(?:in)?to|\binto"
                   r"|\binputs?[ \t]+(?:size[ \t]+)?(?:of|to|for)|\bentering)[ \t]+(?:the[ \t]+)?$", re.IGNORECASE)
_EQUALS_ONLY = re.compile(r"[ \t]*=[ \t]*")
# "fc1: input is 4·4·50 = 800, so 500 × (800 + 1) = 400 500": a working's result ends the line, the count, so the
# size said before it is the layer's input
_SIZE_NOUN_AFTER = re.compile(r"[ \t]*(?:inputs?|outputs?|units|neurons|features|biases|weights|in_features"
                              r"|out_features)\b", re.IGNORECASE)
_SIZE_NOUN_BEFORE = re.compile(r"\b(?:inputs?|outputs?|units|features)[ \t]*\([ \t]*$", re.IGNORECASE)  # "(4·4·50)"
_COUNT_LAST = re.compile(r"=[ \t]*\d{1,3}(?:[ ,.'\u2009\u202f]?\d{3})+[ \t]*[.;]?[ \t]*$")
# a layer's sizes said as a pair, its input before its output ("input is 4·4·50 = 800, output 500 → …")
_IN_OUT = re.compile(r"\binputs?\b[^.;→\n]{0,40}\boutputs?\b", re.IGNORECASE)
_JOINED_LABEL = re.compile(r"[ \t]+(?:[^\W\d_]{1,8}[ \t]+)?")  # a value then its label, a word at most between
_COMMENT_AFTER = re.compile(r"(?:^|\s)(?:#|//|%|--)\s")  # a program's comment after a value names that value


_UNPACKING = re.compile(r"^(?P<lead>[ \t]*)(?P<names>[A-Za-z_]\w{0,30}(?:[ \t]*,[ \t]*[A-Za-z_]\w{0,30}){1,7})"
                        r"[ \t]*=[ \t]*(?P<values>[^=#\n]{1,200}?)(?P<rest>[ \t]*(?:#.*)?)$")


# "[520, 0, 0, 25050, …] (conv1, relu1, pool1, conv2, …)": a program's list of values, then what each one is
# "520 + 0 + … + 5010 = 431080 (conv1, relu1, …, fc2)": a sum of values, then what each term is (the names may
# be on the line below the sum)
_NAMES_BELOW = re.compile(r"(=[ \t]*\$?[ \t]*\d[\d,]*[ \t]*\$?)[ \t]*\n[ \t]*(?:\\[;, ][ \t]*)?"
                          r"(?=\([A-Za-z_]\w*[ \t]*,)")
_SUMMED_VALUES = re.compile(r"(?P<values>\d[\d,]{0,9}(?:[ \t]*\+[ \t]*\d[\d,]{0,9}){2,11})[ \t]*=[ \t]*"
                            r"(?P<result>\d[\d,]{0,9})[^\w(]{0,6}"
                            r"\((?P<names>[A-Za-z_]\w{0,30}(?:[ \t]*,[ \t]*[A-Za-z_]\w{0,30}){1,11})"
                            r"[ \t]*(?:[;:][^()]{0,60})?\)")
_LISTED_VALUES = re.compile(r"`?\[(?P<values>\d[\d \t,]{0,120})\]`?[ \t]*\((?P<names>[A-Za-z_]\w{0,30}"
                            r"(?:[ \t]*,[ \t]*[A-Za-z_]\w{0,30}){1,11})\)")


def _listed_pairs(m: re.Match[str]) -> str:
    values = [v.strip() for v in m.group("values").split(",")]
    names = [n.strip() for n in m.group("names").split(",")]
    if len(values) != len(names) or not all(v.isdigit() for v in values):
        return m.group()
    return _named_values(names, values)


def _summed_pairs(m: re.Match[str]) -> str:
    values = [v.strip() for v in m.group("values").split("+")]
    names = [n.strip() for n in m.group("names").split(",")]
    if len(values) != len(names):
        return m.group()
    return f"{_named_values(names, values)} => {m.group('result')}"


def _named_values(names: list[str], values: list[str]) -> str:
    """``conv1 = 520, relu1 = 0``: each name with its value, as a line that labels them reads."""
    return ", ".join(f"{n} = {v}" for n, v in zip(names, values, strict=True))


def _unpacked(line: str) -> str:
    """``kernel_size, stride, in_channels = 5, 1, 20``: a program's tuple assignment, each name with its value;
    ``[520, 0, …] (conv1, relu1, …)``: a list of values with their names after it."""
    if "[" in line:
        line = _LISTED_VALUES.sub(_listed_pairs, line)
    if "+" in line and "(" in line:
        line = _SUMMED_VALUES.sub(_summed_pairs, line)
    m = _UNPACKING.match(line) if "," in line and "=" in line else None
    if m is None:
        return line
    names = [n.strip() for n in m.group("names").split(",")]
    values = [v.strip() for v in m.group("values").split(",")]
    if len(names) != len(values) or not all(re.fullmatch(r"\(?\d[\d\s*x×()]*\)?", v) for v in values):
        return line
    return m.group("lead") + _named_values(names, values) + m.group("rest")


def _with_listed(masked: str, labels: list[tuple[int, int, str]], before: list[tuple[int, int, str]],
                 value_start: int) -> list[tuple[int, int, str]]:
    """``ReLU1, pool1 & 0``, ``relu1, pool1: 0``: labels listed right before a value (nothing but marks between the
    last one and the value; a comma in the list is no clause break) name the value together. Not a list in a
    sentence ("filter size, stride and channels of conv2 such that the output is 8×8×50")."""
    if len(before) != 1 or "(" in masked[:value_start] or not _VALUE_MARKS.fullmatch(masked[before[0][1]:value_start]):
        return before
    first = before[0]
    earlier = sorted((lab for lab in labels if lab[1] <= first[0]), reverse=True)
    out = list(before)
    for lab in earlier:
        if not _JOIN.fullmatch(masked[lab[1]:first[0]]) or re.search(r"\d\**\s*$", masked[:lab[0]]):
            break  # "28x28 input, filters 5x5x1": a label right after a value is that value's, not in a list
        out.insert(0, lab)
        first = lab
    return out


_VALUE_MARKS = re.compile(r"[\s:=&|‖\-–>→]*")


def _reused(line: str, values: list[_Value], routes: dict[int, list[tuple[str, int]]]) -> None:
    """"fc1: 4·4·50 = 800; 800·500 + 500 = 400,500": a result used again as the first operand of a later
    working on its line is a step (the layer's inputs), not the answer: that working's result takes its place."""
    for k, v in enumerate(values):
        named = [f for f, rank in routes.get(id(v), []) if rank == 0]
        again = re.compile(rf"(?<![\d.,]){re.escape(v.text)}{_OPERAND.pattern}").search(line, v.end) if named else None
        if again is None or line.count("(", 0, again.start()) > line.count(")", 0, again.start()):
            continue  # "k = 5 (5×5×20)": an aside restates it
        last = next((w for w in reversed(values[k + 1:]) if w.start > again.end()
                     and line[:w.start].rstrip().endswith("=")
                     and any(f == named[0] and rank <= 1 for f, rank in routes.get(id(w), []))), None)
        if last is None:
            continue
        routes[id(v)] = [(f, 2 if f == named[0] else r) for f, r in routes[id(v)]]
        routes[id(last)] = [(f, 0 if f == named[0] else r) for f, r in routes[id(last)]]


_OPERAND = re.compile(r"\s*[·×*xX]\s*\d")
_HEDGE = re.compile(r"\s*(?:[^\W\d_]{1,12}(?:[ \t]+[^\W\d_]{1,12})?\s*\?+|\?*)\s*[/,;—–-]?\s*"
                    r"(?:(?:h+m+|äh+m?|uh+m?|um+)\b\s*[,.]?\s*)?\(?\s*¿?\s*"  # ("50 I guess? or 20", "20 hmm or 50")
                    r"(?:(?:or|oder|ou|o|ó|か|oppure|of|óf|или|lub|veya|hoặc"
                    r"|或者?|还是|還是|또는|または|else|alternatively|alternativ|resp\.?|respectively|vs\.?|versus|soit|либо"
                    r"|ya\s+da|ya\s+da\s+da"
                    r"|albo|atau|eller|nebo|vagy|sau|tai|vai|arba|või|alebo|ili|eða|або|чи|ή|أو|או|یا|या|অথবা|அல்லது|bzw\.?"
                    r"|otherwise|and/or|či|bądź|もしくは|あるいは|혹은|아니면|अथवा|hoặc\s+là|au|หรือ|ou\s+então|ali)"
                    r"(?:\s+(?:maybe|perhaps|possibly|vielleicht|peut-être|is\s+it|doch|else|eher|plutôt))?"
                    r"|maybe|perhaps|possibly|probably|vielleicht|peut-être|quizás|forse|talvez|eventuell|evtl\.?|ggf\.?"
                    # "24×24×20 - I am guessing here, it might be 23×23×20": another value the sentence offers
                    r"|(?:I(?:'m|\s+am)\s+(?:guessing|not\s+(?:sure|certain))(?:\s+here)?\s*[,;]?\s*)?(?:but\s+)?"
                    r"(?:it|that|this)\s+(?:might|could|may)\s+(?:also\s+|well\s+|actually\s+)?be)\s*[:,]?\s*"
                    r"|\s*\?\s*[/,;]?\s*",  # "20? 50?", "50?/20?": two values, each asked
                    re.IGNORECASE)
# a value put right at once, the later one meant: "20, I mean 50", "20, make that 50", "431,080 — sorry, 430,580",
# "25{,}050, äh, 25{,}000", "dubina 20, mislim 50", "通道 20，不对，是 50", "채널 20, 아니 50", "チャネル 20、いや 50"
_PUT_RIGHT = (rf"(?:{corrections.PUT_RIGHT_WORDS}|ähm?|nein|mislim|teda(?:[ \t]+vlastne)?|точніше|по-точно|тобто"
              r"|เอ้ย|मतलब)")
# the words between two values that put the first right (each word after separators: no nested blanks to backtrack)
_CORRECTED_TO = re.compile(rf"(?:[ \t]*(?:--|[,;:—–(-]))?[ \t]*{_PUT_RIGHT}(?:[ \t,，、:]+{_PUT_RIGHT})*"
                           r"[ \t,，、:]*(?:是[ \t]*)?",
                           re.IGNORECASE)
# "20 (well, 50 really — …)": a value put right by "well" only where "really"/"in fact" follows the second one
_WELL_BETWEEN = re.compile(r"(?:[ \t]*[,;(—–-])?[ \t]*(?:well|actually)[ \t]*,?[ \t]*", re.IGNORECASE)
_REALLY_AFTER = re.compile(r"[ \t]+(?:really|in[ \t]+fact|actually)\b", re.IGNORECASE)
_COUNT = r"(\d{1,3}(?:[,.' \u2009]\d{3})+|\d{3,})"
_BARE_COUNT = re.compile(rf"(?<![\w.,]){_COUNT}[ \t]*\([ \t]*{_COUNT}[ \t]*\)")
_SHAPE = r"(\d+(?:[ \t]*[×xX*][ \t]*\d+)+)"
_BARE_SHAPE = re.compile(rf"(?<![\w.]){_SHAPE}[ \t]*(?:\([ \t]*{_SHAPE}[ \t]*\)"
                         rf"|[(\[][^()\[\]\n]{{0,200}}?(?:→|->|=>|⇒)[ \t]*{_SHAPE}(?![ \t]*[×xX*]?[ \t]*\d))")


_POOLED = re.compile(r"pool|max|flatten|then|next|after", re.IGNORECASE)


def _halved(first: list[str], second: list[str]) -> bool:
    """Whether ``second`` is ``first`` pooled: every size halved or kept (the channels)."""
    return all(int(b) in (int(a), int(a) // 2) for a, b in zip(first, second, strict=True))


def _bare_second(text: str) -> re.Match[str] | None:
    """``total = 431080 (430580)``, ``12×12×20 (13×13×20)``, ``24x24x20 (… 28 → 23x23x20)``: a second value of the
    same kind in brackets right after the first (alone, or where an arrow in them leads), with no word to say which
    one is meant (the same shape in another order is no second one, nor a shape of other rank: 8×8×50 after 5×5)."""
    for m in _BARE_COUNT.finditer(text):
        if re.sub(r"\D", "", m.group(1)) != re.sub(r"\D", "", m.group(2)):
            return m
    for m in _BARE_SHAPE.finditer(text):  # "(the 5x5 kernel eats 5 pixels of the 28 → 23x23x20)" after 24x24x20
        first, second = re.findall(r"\d+", m.group(1)), re.findall(r"\d+", m.group(2) or m.group(3))
        if len(first) == len(second) and sorted(first) != sorted(second) \
                and not (m.group(3) and (_POOLED.search(m.group()) or _halved(first, second))):
            return m  # (not "8×8×50 (→ 4×4×50)": the next layer's shape, after pooling)
    return None


# a sentence after the values that changes one in words: "Hmm, thinking about it again, the stride should be two."
_SECOND_THOUGHT = re.compile(r"\b(?:hmm+|on\s+second\s+thoughts?|(?:thinking|looking)\s+(?:about\s+it\s+|at\s+it\s+)?"
                             r"again|i\s+reali[sz]ed?|wait)\b[^\n]{0,80}?"
                             r"\b(?:should|must|has\s+to|have\s+to|is\s+(?:actually|really))\b", re.IGNORECASE)
# a bracket that takes back the value before it: "24×24×20 (hmm: (28−5)/1 = 23, so actually 23×23×20)",
# "400,500 (no — … = 1,600,500)", "520 (oops, …)", "(minus the 500 fc1 biases, which I would not count: 430580)":
# which value is meant, a person decides
_CORRECTED_ASIDE = re.compile(r"[(\[]\s*(?:(?:hmm+|oops)\b|(?:no|nope|wait|err|sorry|nein|non|não|nee|нет|不对|いや"
                              r"|아니)"
                              r"\s*(?:[:,;—–!.]|-(?!\w)))[^\n]{0,60}?\d"  # not "(no padding, stride 1)"
                              r"|[(\[](?=[^()\[\]\n]{0,200}?\b(?:actually|should\s+(?:be|read)|i\s+mean|instead|rather|"
                              r"eigentlich|en\s+fait|en\s+realidad|minus\s+the|without\s+the|excluding|"
                              r"(?:would\s*n[o']t|don'?t|do\s+not)\s+count)\b[^\n]{0,60}?\d)", re.IGNORECASE)
# a value taken back right after it, with words before the next one: "12×12×20 -- scratch that, with stride 1 it is
# 23×23×20", "conv2 25050 -- that's wrong, 25000", "520 (hmm no: 500)": which one is meant, a person decides (not
# "I wrote 25×25×20 after conv1 — that's wrong, it's …": a note about an old value, the new one said)
_TAKEN_BACK = re.compile(r"(?<![\w.,×])\d++(?:[.,×x]\d++)*+[$*_ \t]{0,3}(?:--|[—–,;:(])[ \t]*+"
                         r"(?:that'?s[ \t]+wrong|that[ \t]+is[ \t]+wrong|hmm+[ \t,]*no\b|oops"
                         r"|correct[ \t]+answer|(?:scratch|make)[ \t]+that[,:]?[ \t]+(?=[^\W\d_]{3,})"
                         r"|(?:i[ \t]+mean|sorry)[,:]?[ \t]+(?=[^\W\d_]{3,}))[^\n\d]{0,80}\d", re.IGNORECASE)
_WORKED_TO = re.compile(f"{_MASK}+\\s*=\\s*$")  # a working set aside, then its result
# "total = 431,080 / …": the label's sign, no operand before it
_LABEL_SETS = re.compile(f"(?:^|[,;]\\s*){_MASK}+\\s*[=:]\\s*$")
# "…, no padding (else 3×3 …", "…; otherwise 3×3 …": an alternative offered after the clause before it
_HEDGE_AFTER_WORDS = re.compile(r"[,;(]\s*(?:else|otherwise|or\s+else|alternatively|or)\s*[:,]?\s*$", re.IGNORECASE)
_ASIDE_DOUBT = re.compile(r"[^()]*\?[^()]*\)")  # "12×12×20 (13×13×20 with ceil mode?)": a value doubted aside
# "5×5 (I'd guess 3×3 could work too)", "5×5, 3×3 would also be fine": a second value said to do as well
_ALSO_DOES = re.compile(r"[^()\n]{0,60}?\b(?:could|would|might|may|can)\s+(?:also\s+|probably\s+|maybe\s+|just\s+)?"
                        r"(?:work|be\s+(?:fine|ok(?:ay)?|valid|possible|used|right|correct|acceptable)|do)\b"
                        r"|[^()\n]{0,60}?\b(?:works?|is\s+(?:fine|ok(?:ay)?|valid|possible|acceptable))\s+(?:too|as\s+well)\b",
                        re.IGNORECASE)
_ALSO_GAP = re.compile(r"\s*[(,;—–-]\s*[^()\d\n=]{0,30}")


def _offered_for(masked: str, values: list[_Value], k: int, routes: dict[int, list[tuple[str, int]]]) -> _Value | None:
    """"Filter 5x5 stride 1, or 3x3 stride 1": after "or", a shape offered again for the last shape of its kind
    on the line (not the value right before it, a stride): that one's field, from both, a person decides."""
    v, previous = values[k], values[k - 1]
    gap = masked[previous.end:v.start]
    if not (_HEDGE.fullmatch(gap) or _HEDGE_AFTER_WORDS.search(gap)) or _dims(v.text) == _dims(previous.text) \
            or _dims(v.text) < 2:
        return None
    return next((w for w in reversed(values[:k - 1]) if _dims(w.text) == _dims(v.text) and routes.get(id(w))), None)


def _also_fine(masked: str, values: list[_Value], k: int, routes: dict[int, list[tuple[str, int]]]) -> _Value | None:
    """"filter 5×5, … (a 3×3 filter with stride 1 … could work as well)": a shape said to do as well stands for the
    last answer of its kind before it (a person decides)."""
    v = values[k]
    if _dims(v.text) < 2 or not _ALSO_DOES.match(masked, v.end):
        return None
    return next((w for w in reversed(values[:k]) if _dims(w.text) == _dims(v.text)
                 and any(rank == 0 for _, rank in routes.get(id(w), []))), None)


def _counts(a: _Value, b: _Value) -> bool:
    """Two counts of a hundred or more ("= 431,080 / 1,631,080"): two answers, never one divided by the other."""
    digits = [re.sub(r"\D", "", u.text) for u in (a, b)]
    return all(d and "." not in u.text and int(d[:12]) >= 100 for d, u in zip(digits, (a, b), strict=True))


def _said_before_asides(masked: str, values: list[_Value], k: int) -> _Value | None:
    """The last value before ``values[k]`` outside brackets, when values in brackets lie between them."""
    if k < 2 or not _in_aside(masked, values[k - 1]):
        return None
    return next((u for u in reversed(values[:k - 1]) if not _in_aside(masked, u)), None)


def _offered_instead(masked: str, previous: _Value, v: _Value, labelled: bool, asides: bool = False,
                     line: str = "") -> bool:
    """"20 or 50", "24×24×20 (or 26×26×20?)", ", maybe 13×13×20", "24×24×20 / 26×26×20", "12×12×20 (13×13×20 with
    ceil mode?)": a second value offered for the field of the one before (a person decides). ``asides``: the
    brackets between the two are passed over ("400,500 (4·4·50 inputs) vs. 1,600,500")."""
    gap = masked[previous.end:v.start]
    if asides:
        gap = _ASIDE.sub(" ", gap)
        return _HEDGE.fullmatch(gap) is not None
    if _HEDGE.fullmatch(gap) or _HEDGE.fullmatch(_WORKED_TO.sub("", gap)):  # "400,500 or 3200·500 + 500 = 1,600,500"
        return True
    if _HEDGE.fullmatch(_COUNTED_NOUN.sub("", gap, count=1)):  # "there are 20 of them, or 50": the count's noun, then
        return True  # another count
    seen = line[previous.end:v.start] if len(line) == len(masked) else gap  # an aside the masking blanked
    if "(" in seen and _HEDGE.fullmatch(_ASIDE.sub(" ", seen)):  # "5×5 (no padding) or 9×9 (padding 2)": an aside
        return True  # with no value of its own between the two
    if _dims(previous.text) == _dims(v.text) and _ALSO_GAP.fullmatch(gap) and _ALSO_DOES.match(masked, v.end):
        return True
    if labelled or (_dims(previous.text) > 1) != (_dims(v.text) > 1):
        return False
    if gap.strip() == "/" and not _ARITHMETIC_AFTER.match(masked, v.end) \
            and not (_ARITHMETIC_BEFORE.search(masked, 0, previous.start)
                     and not _LABEL_SETS.search(masked, 0, previous.start)
                     and not (_dims(previous.text) == _dims(v.text) > 1) and not _counts(previous, v)) \
            and len(re.findall(r"\s/\s", masked)) < 2:  # "5x5 / stride 1 / 20ch": slashes that list the fields
        return True  # "24×24×20 / 26×26×20", "stride 1 / 2", "fc1 400500 / 400000": another value, not a division
    if _dims(previous.text) != _dims(v.text):
        return False
    return gap.strip() == "(" and _ASIDE_DOUBT.match(masked, v.end) is not None


# a program's line that works a count out: ``conv2 = (5*5*20 + 1)*50   # 25050``, ``"fc1": (800+1)*500,``
_CODE_COUNT = re.compile(r"^(?P<lead>[ \t]*(?:[\"'][\w ]+[\"']|[A-Za-z_]\w*)[ \t]*(?::|=>|<-|=(?!=))[ \t]*)"
                         r"(?P<expr>[\d \t()+\-*/.^]*+)(?P<sep>,?[ \t]*)"  # possessive: linear on any line
                         r"(?:(?:#|%|//)[ \t]*(?P<said>[\d,]+)(?:[ \t]+[^\d\n][^\n]*)?[ \t]*)?$", re.M)


def _worked_in_code(text: str) -> str:
    """A count a program works out is the value of its expression, read (never run) by :func:`sums.arithmetic`:
    where the comment after it says the same number, the line reads as that number; where the comment says
    another (``5*5*20*50  # 25050``), both are offered (a person decides); a dict's entry or a sum without a
    comment reads as its value (a key given twice then holds two values)."""
    def worked(m: re.Match[str]) -> str:
        expr, said = m.group("expr"), m.group("said")
        if not re.search(r"\d\s*(?:\*\*|[-+*/^])\s*[\d(]", expr):  # a program's operators (not a PDF's "×")
            return m.group()
        value = sums.arithmetic(expr)
        if value is None:  # an expression not read: its comment is not believed alone
            return m.group() if said is None else f"{m.group('lead')}{expr.strip()} or {said}"
        if said is not None:
            return m.group() if int(said.replace(",", "")) == value else f"{m.group('lead')}{value} or {said}"
        if m.group("lead").strip()[:1] in "\"'" or "=>" in m.group("lead") or re.search(r"[+(]", expr):
            return f"{m.group('lead')}{value}{m.group('sep')}"  # the expression's own spaces go with it
        return m.group()

    return _CODE_COUNT.sub(worked, text) if "=" in text or ":" in text else text


_DIGIT_GROUP = re.compile(r"(?<=\d)_(?=\d{3}(?!\d))")
_PLUS = re.compile(r"[ \t]*\+[ \t]*")
_A_COUNT = r"(?:\d{1,3}(?:[,\u2009 ]\d{3})*|\d+)"  # 25,050, 25 050, 25050
_SUM_OF_ALL = re.compile(rf"({_A_COUNT}(?:[ \t]*\+[ \t]*{_A_COUNT})+)[ \t]*=[ \t]*({_A_COUNT})")
# "20 (5·5·1+1) = 520", "20(5·5·1)+20=520": 20 times the bracket, on the way to a result
_COEFFICIENT = re.compile(r"[ \t]?\([^()=\n]*\)[ \t]*(?:[+\-−·×*][ \t]*\d{1,6}[ \t]*){0,3}=(?!=)")
_ARITHMETIC_AFTER = re.compile(r"\s*(?:[=≈≅~%*×·+\-−/^)]|\\(?:approx|times|cdot))")  # "800/500 = 1.6", "24/2 · 2"
_ARITHMETIC_BEFORE = re.compile(r"[=*×·+\-−/^(]\s*$")  # "(28 − 4)/2": the value is an operand


def _dims(text: str) -> int:
    return len(re.findall(r"[x×X*·@]", text)) + 1
# words that lead from a working to its result: "… 20 biases, which is 520", "for a total of 520", "so 520"
_RESULT_WORDS = r"\b(?:which|that)\s+(?:is|makes|gives)\b|\bfor\s+a\s+total\s+of\b|so\s+(?=\d)"
_NAMED_TERM = re.compile(r"\s*(?:(?:weights?|bias(?:es)?|param(?:eter)?s?|connections?)\b\s*(=(?!=)|[+−]|plus\b"
                         rf"|,?\s*(?:{_RESULT_WORDS}))"
                         r"|(?:filters?|kernels?)\s*(=(?!=))|,?\s*(?:times|multiplied\s+by)\s+(?=\d))", re.IGNORECASE)


def _named_term(masked: str, end: int) -> bool:
    """"5×5×1×20 weights + 20 biases = 520", "= 26, times 20 filters = 520", "500 weights plus 20 biases, which is
    520": a value named by what it counts, then a sum or an equals sign (or words) that lead on to a result, is a
    term of the working; the result after "=" ("which is") is the answer."""
    m = _NAMED_TERM.match(masked, end)
    if m is None:
        return False
    if m.group(1) is not None and m.group(1).lower() == "plus":  # "500 weights plus 20 biases, so 520": a result
        sentence = masked[m.end():m.end() + 80].split(". ")[0]  # said in the same sentence
        return "=" in sentence or _WORDED_RESULT.search(sentence) is not None
    if m.group(1) is not None and m.group(1)[-1:].isalpha():
        return True  # "20 biases, which is 520", "…, so 520": the words lead to the result
    return "=" in (m.group(1), m.group(2)) or "=" in masked[m.end():]


_WORDED_RESULT = re.compile(_RESULT_WORDS, re.IGNORECASE)


def _aside_label(masked: str, labels: list[tuple[int, int, str]], v: _Value,
                 patterns: dict[str, list[re.Pattern[str]]]) -> str | None:
    """The field a label inside the same open bracket, after the value, names ("(5×5×1, 20 filters)")."""
    opened = masked.rfind("(", 0, v.start)
    if opened < 0 or masked.count(")", opened, v.start) or any(opened < s < v.start for s, _, _ in labels):
        return None  # "(conv1 520, relu1 0, …)": labels before their values inside the aside read as usual
    close = masked.find(")", v.end)
    inside = [f for s, e, f in labels if v.end <= s and (close < 0 or e <= close)]
    return _first(inside, patterns) if inside and close >= 0 else None


def _after(masked: str, labels: list[tuple[int, int, str]], value_end: int, next_start: int,
           value: str = "") -> list[str]:
    """Labels after a value; "20 channels (×50 filters)": one behind an opening bracket is an aside's. A label
    directly before a value of its own names that one ("5×5, stride 1"), unless that value says this one again
    ("5 x 5 x 1 x 20 (filters 5x5x1×20)")."""
    stop = re.search(r"[.;]\s+(?=[^\W\d_]|\u00a7)|,\s+(?=[^\W\d_]{2,}\s+[^\W\d_]{2,})",
                     masked[value_end:next_start])  # "24×24×20. Max-pooling …", "…, most of them in fc1":
    following = next_start
    again = re.match(r"[\d\s×xX*.,]+", masked[following:]) if following < len(masked) else None
    if again is not None and re.search(r"\d", again.group()) and not (
            Counter(re.findall(r"\d+", again.group())) - Counter(re.findall(r"\d+", value))):
        following = len(masked)  # the next value is this one said again (or its count): its label is this one's
    next_start = value_end + stop.start() if stop else next_start  # a new sentence names what comes next
    after = [(s, f) for s, e, f in labels if value_end <= s and e <= next_start  # "5×5, stride 1": stride's own
             and not (following < len(masked) and "#" not in masked[value_end:s]  # "conv1 filt 5×5"
                      and _only_labels(masked, labels, e, following))]  # not "(5, 5, 1, 20)  # filters: 20 of …"
    outside = [f for s, f in after if not re.search(r"[(\[]", masked[value_end:s])]
    return outside or [f for _, f in after]


def _only_labels(masked: str, labels: list[tuple[int, int, str]], start: int, end: int) -> bool:
    """Whether nothing but labels, spaces, ":" and "=" stand between ``start`` and ``end``."""
    gap = list(masked[start:end])
    for s, e, _ in labels:
        for k in range(max(s, start), min(e, end)):
            gap[k - start] = " "
    return re.fullmatch(r"[\s:=]*", "".join(gap)) is not None


_COUNTED_FIELDS = ("filter",)  # "50 filters": how many, never a filter's size
# a counted thing's plural as a label: "filters 50", "фильтров 50", "filtrów: 50" say how many, not what size
_COUNT_NOUN = re.compile(r"(?:filters|kernels|фильтр(?:ов|ы)|фільтр(?:ів|и)|filtr(?:ów|y|ů)|filtros|filtres|filtri"
                         r"|filtreler\w*)", re.IGNORECASE)


def _count_under_plural(line: str, masked: str, span: tuple[int, int], field: str, v: _Value) -> bool:
    if field not in _COUNTED_FIELDS or len(line) != len(masked) or not re.fullmatch(r"\d{1,4}", v.text.strip()):
        return False
    word = re.match(r"\w+", line[span[0]:])  # the label's whole word ("фильтр" matched in "фильтров")
    if re.match(r"[ \t]+(?:of|de|di|von)\b", line[v.end:]):
        return False  # "filters: 20 of size 5×5×1": the count of a size said after it, read with it
    return word is not None and _COUNT_NOUN.fullmatch(word.group()) is not None \
        and re.fullmatch(r"[^\S\n]*[:=]?[^\S\n]*", line[span[0] + word.end():v.start]) is not None
_OUTPUT_WORDS = re.compile(r"\b(?:output|out|result\w*|produc\w*|gives?|yields?)\b", re.IGNORECASE)  # "the output
# has 50 channels": what a layer makes, not what it takes


# a line's key: list markup, then the label and at most two words up to a colon ("- **kanal sayısı:** …")
_KEY_LEAD = re.compile(r"[ \t]*(?:[-*+•>|]+[ \t]+)?(?:\*\*|__)?[ \t]*")
_KEY_END = re.compile(r"[^\W\d]{0,20}(?:[ \t]+[^\W\d]{1,20}){0,2}[ \t]*(?:\*\*|__)?[ \t]*:(?!\S)")


def _key_field(masked: str, before: list[tuple[int, int, str]]) -> str | None:
    """The field of the label a line opens with as its key, when the line is "key: …"; else None."""
    s, e, f = min(before)
    return f if _KEY_LEAD.fullmatch(masked, 0, s) and _KEY_END.match(masked, e) else None


def _unit_after(masked: str, labels: list[tuple[int, int, str]], v: _Value, line: str = "") -> str | None:
    """The field a word right after a count names ("20 channels"): a bare number, then a space, then the label,
    which opens no clause of its own ("24×24×20  pool1 output: …" names what follows it); a side by side size
    before a plural noun names it too ("twenty 5 × 5 filters": the filters' size, not the conv's output)."""
    square = _SIDE_BY_SIDE.fullmatch(v.text.strip()) is not None
    if not re.fullmatch(r"\d{1,4}", v.text.strip()) and not square:
        return None
    return next((f for s, e, f in _labels_right_after(masked, labels, v) if not re.match(r"[^.;,\n]{0,20}:", masked[e:])
                 and (_PLURAL.fullmatch(line[s:e].strip()) is not None if square else f not in _COUNTED_FIELDS)), None)


def _count_of_after(masked: str, labels: list[tuple[int, int, str]], v: _Value) -> str | None:
    """The counted field ("filters") a bare number stands right before: how many of them, said of the layer."""
    if not re.fullmatch(r"\d{1,4}", v.text.strip()):
        return None
    return next((f for _, _, f in _labels_right_after(masked, labels, v) if f in _COUNTED_FIELDS), None)


def _labels_right_after(masked: str, labels: list[tuple[int, int, str]], v: _Value) -> list[tuple[int, int, str]]:
    """The labels after a value with only a space (or "input") between: the nouns that may name what it counts."""
    return [(s, e, f) for s, e, f in sorted(labels) if s >= v.end and _UNIT_GAP.fullmatch(masked[v.end:s])]


_SIDE_BY_SIDE = re.compile(r"\d{1,2}[ \t]*[×xX*][ \t]*\d{1,2}")
_UNIT_GAP = re.compile(r"[ \t*_]*(?:(?:input|incoming|in|giriş|kiriş|kirish|кіріс|входн\w*|вхідн\w*|wejściow\w*"
                       r"|vstupn\w*|bemeneti|sisend)[ \t]+)?", re.IGNORECASE)  # "20 input channels": its noun
_PLURAL = re.compile(r"[^\W\d_]{3,}s")


_COUNTED_GAP = re.compile(r"[^\W\d_]{0,2}\s*")  # "50 filters", "50개 필터": a count and its noun
_GOES_ON = re.compile(r"\b(?:and|und|et|e|y|i|ve|ile|with|mit|avec|con|z)\b|면|で", re.IGNORECASE)


def _counted(masked: str, earlier: list[_Value], span: tuple[int, int], v: _Value) -> bool:
    """"50 filters give 8×8×50", "50 filtre ile 8×8×50": a label right after a count names that count
    ("the number of filters"); a value after it, past a result word or a conjunction, is what they produce."""
    count = next((u for u in reversed(earlier) if u.end <= span[0]), None)
    if count is None or not re.fullmatch(r"\d+", count.text) or not _COUNTED_GAP.fullmatch(masked[count.end:span[0]]):
        return False
    gap = masked[span[1]:v.start]
    return bool(_RESULT.search(gap) or _ARROW.search(gap) or _GOES_ON.search(gap))


def _leads_to(masked: str, v: _Value, result: _Value) -> bool:
    """"= 24 → 24×24×20", "5×5 → 24×24": an arrow to a size or from a working leads to its result; "channel dim
    20 → 50 filters" goes on to a count of something else, which takes no label from the value before it."""
    if re.search(r"[×xX*]", result.text) and not re.search(r"[×xX*]", v.text) \
            and not re.search(r"=\s*$", masked[:v.start]) and v.text not in re.split(r"\s*[×xX*]\s*", result.text):
        return False  # "stride 1 → 8×8×50": a label's own number, then the next stage's size (not "24 → 24×24×20")
    return bool(re.search(r"[×xX*]", result.text) or re.search(r"=\s*$", masked[:v.start])
                or not re.match(r"\s*(?:[^\W\d_]{3,}|\u00a7)", masked[result.end:]))  # "50 filters": another count


_ARROW_AT_END = re.compile(r"(?:→|⇒|⟹|⟶|=>|->|\\Rightarrow|\\to)\s*$")


def _gathered(masked: str, earlier: list[_Value], routes: dict[int, list[tuple[str, int]]], v: _Value
              ) -> tuple[str, _Value | None] | None:
    """A shape after an arrow whose sizes are those the line gave one field piece by piece ("5×5", "×1 channel",
    "20 filters" → 5×5×1×20) says that field's value whole: (field, None). One as long, after pieces whose last
    is a count, that disagrees with them ("5×5 (×1 channel), 50 filters → 5×5×1×20") is offered with the shape
    the pieces make (field, that shape): two values, a person decides. Nothing else is read so."""
    if _ARROW_AT_END.search(masked, earlier[-1].end, v.start) is None or _dims(v.text) < 3:
        return None
    sizes = sorted(re.findall(r"\d+", v.text))
    named = [((routes.get(id(u)) or [("", 0)])[0][0], u) for u in earlier if not u.modifier]
    for field in dict.fromkeys(f for f, _ in named if f):
        said = [n for f, u in named if f == field for n in re.findall(r"\d+", u.text)]
        if not any(f == field and _dims(u.text) > 1 for f, u in named):
            continue  # pieces that are single numbers ("k = 5 … 50 filters → 8×8×50") make no shape
        if sorted(said) == sizes:
            return field, None
        if len(said) == len(sizes) and _dims(named[-1][1].text) == 1 \
                and sum(a != b for a, b in zip(said, re.findall(r"\d+", v.text), strict=True)) == 1:
            return field, _Value("×".join(said), v.start, v.start, False)  # one size changed, the rest as said
    return None


def _stage(masked: str, labels: list[tuple[int, int, str]], v: _Value) -> str | None:
    """In a chain of arrows, a value right after an arrow is the output of the stage before that arrow:
    the field of the stage's first label ("input X → conv1 (filter F) → Y": Y is conv1's output)."""
    arrow = _ARROW_AT_END.search(masked, 0, v.start)
    if arrow is None:
        return None
    before = [m.end() for m in _ARROW.finditer(masked, 0, arrow.start())]
    stage_start = before[-1] if before else 0
    named = [(s, f) for s, e, f in labels if stage_start <= s and e <= arrow.start()]
    if not named or not before or re.search(r"\d", masked[stage_start:min(named)[0]]):
        return None  # "50 filters ⇒ 8×8×50": a stage that starts with a count is not named by its label
    return min(named)[1]


def _chain_start(masked: str, labels: list[tuple[int, int, str]], v: _Value, clause_start: int) -> bool:
    """"28×28×1 → conv1 (…) → 24×24×20": the value a chain of arrows starts from, with no label before it in its
    clause, is what goes in; the stage named after the arrow is not its label."""
    return (not any(clause_start <= s and e <= v.start for s, e, _ in labels)
            and _ARROW_AT_END.search(masked, clause_start, v.start) is None
            and (arrow := _ARROW.match(masked, v.end)) is not None and masked.startswith(_MASK, arrow.end()))


def _stage_aside(masked: str, labels: list[tuple[int, int, str]], v: _Value) -> bool:
    """"→ conv1 (5×5×1×20) → 24×24×20": a size alone in brackets right after a stage's label in a chain, with the
    stage's output after the next arrow, is the stage's own size (its filter), not its output."""
    opened = masked.rfind("(", 0, v.start)
    if opened < 0 or masked[opened + 1:v.start].strip() or not masked[v.end:].lstrip().startswith(")"):
        return False
    label = next((lab for lab in labels if lab[1] <= opened and not masked[lab[1]:opened].strip()), None)
    close = masked.find(")", v.end)
    return (label is not None and _ARROW_AT_END.search(masked, 0, label[0]) is not None
            and _ARROW.match(masked, close + 1) is not None and "×" in v.text.replace("x", "×"))


def _stage_output(masked: str, labels: list[tuple[int, int, str]], values: list[_Value], k: int,
                  choices: list[tuple[str, int]]) -> bool:
    """"28x28 -> conv1 filt 5x5x1x20 -> 24x24x20": the value after the arrow is the output of the stage the value
    before it is the only value of (conv1's), not the result of a working on that value (the filter's)."""
    v, result = values[k], values[k + 1]
    stage = _stage(masked, labels, result)
    if stage is None or (choices and stage == choices[0][0]):
        return False
    arrows = [m.end() for m in _ARROW.finditer(masked, 0, v.start)]
    return not any((arrows[-1] if arrows else 0) <= u.start < v.start for u in values[:k])


def _head(masked: str, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """"channel dimension of the filter: 20": two labels joined by "of" name the first one's field."""
    joined: list[tuple[int, int]] = []
    for a, b in spans:  # "channel depth": two labels side by side are one
        if joined and not masked[joined[-1][1]:a].strip():
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    if len(joined) == 2 and len(spans) > 2 and _HAS.fullmatch(masked[joined[0][1]:joined[1][0]]):
        return next(sp for sp in spans if sp[0] >= joined[1][0])  # "each filter has channel depth 20"
    if len(spans) == 2 and _HAS.fullmatch(masked[spans[0][1]:spans[1][0]]):
        return spans[1]  # "each filter has channel dimension 20", "conv1 consists of 20 filters": what it has
    if len(spans) == 2 and _OF.fullmatch(masked[spans[0][1]:spans[1][0]]):
        return spans[0]
    if len(spans) == 2 and _POSSESSIVE.fullmatch(masked[spans[0][1]:spans[1][0]]):
        return spans[1]  # "conv1 کا فلٹر", "conv1 का फ़िल्टर", "conv1の フィルタ": the filter of conv1
    return None


# a filter named in the genitive after its noun, as Slavic languages, Greek and Romanian write "of the filter"
# and Persian and Arabic set the owner after the noun
_GENITIVE = re.compile(r"(?:filtr(?:a|u|ů|ów|ului)|фильтр(?:а|ов)|фільтр(?:а|ів)|филтъра|φίλτρ(?:ου|ων)"
                       r"|فیلتر|فلتر|ال?مرشح)(?!\w)",  # (Persian's ezafe, Arabic's idafa: the head first, unmarked)
                       re.IGNORECASE)


def _compound_head(masked: str, before: list[tuple[int, int, str]], line: str) -> tuple[int, int] | None:
    """"filter depth … input channels, 20": two labels side by side make one noun whose last word is its head
    (a filter's depth is a channel count; but "filter conv1" is conv1's filter: a layer's name after a noun names
    whose it is); when the labels that are left then name one field, it is that one."""
    spans = sorted({(s, e, f) for s, e, f in before})
    if len(spans) < 2:
        return None
    if len(line) == len(masked) and _GENITIVE.match(line, spans[-1][0]) and len({f for *_, f in spans[:-1]}) == 1 \
            and re.fullmatch(r"[\s\w()§]{0,30}", masked[spans[-2][1]:spans[-1][0]]):
        return spans[-2][:2]  # "wymiar kanałowy (głębokość) filtra", "глубина фильтра": the filter's depth, a case
        # ending for "of"
    heads = [spans[0]]
    for s, e, f in spans[1:]:
        if re.fullmatch(r"[ \t_-]+", masked[heads[-1][1]:s]):
            heads[-1] = heads[-1] if re.search(r"\d", line[s:e]) else (s, e, f)  # "filter depth": the depth
        else:
            heads.append((s, e, f))
    if len(heads) < len(spans) and len({f for _, _, f in heads}) == 1:
        return heads[-1][0], heads[-1][1]
    return None


_HAS = re.compile(r"\s*(?:(?:must|should|will|has\s+to|needs?\s+to)\s+have|has|have|having|with|consists\s+of|contains"
                  r"|comprises)\s+(?:a\s+|an\s+|the\s+|its\s+)?",
                  re.IGNORECASE)  # "conv1 has 20 filters", "conv1 consists of twenty filters, each 5 by 5 by 1"


# a possessive that puts the owner first (Urdu, Hindi, Japanese, Korean, Chinese): the second label is the field
_POSSESSIVE = re.compile(r"\s*(?:کا|کی|کے|का|की|के|の|의|的)\s*|-r?en\s+")  # Basque "conv1-en iragazkia"


_CLOSED_ASIDE = re.compile(r"[(\[][^()\[\]\n]{0,80}[)\]](?![ \t]*[*×·/^+\-−=\d(])")  # not a working's bracket


def _trails(masked: str, value_end: int, start: int, end: int, next_value: int, line: str = "") -> bool:
    """"20 input channels (and 50 …)": a label right after a value, not introducing the next one, is the first's."""
    gap = masked[value_end:start]  # "stride 1 and channel dimension 20": a conjunction starts the next one
    if re.search(r"\b(?:and|und|et|ve|và|e|y|i|en|og|och|oraz|и|و|ו|اور)\b|(?<!\w)ו", gap) \
            or not masked[end:next_value].strip():  # (Arabic's and Persian's و, Hebrew's ו, Urdu's اور)
        return False  # "F = 5 with stride 1": a label right before the next value introduces it
    seen = line if len(line) == len(masked) else masked  # an aside the masking blanked keeps its bracket in the line
    # "20 input channels (out: 50)": the aside's colon is not the label's ("(5*5*20+1)*50 = …" is a working)
    aside = _CLOSED_ASIDE.search(seen, end, next_value)
    rest = seen[end:aside.start() if aside is not None else next_value]
    return bool(re.fullmatch(r"[\s\w-]{0,24}", gap)) and not re.search(  # colon is not the label's
        r"[:=]|\b(?:is|are|of|has|have|ist|sind|gives?|becomes?)\b", rest) \
        and not _AFTER.match(masked[end:next_value])


# "after" written after its operation, as Chinese, Japanese and Korean write it: 池化后, 池化之后, プーリング後, 풀링 후
_AFTER_WORD = re.compile(r"\s*(?:\([^()\n]{0,30}\)\s*)?(?:之?后|以后|後|の後|した後|後に|\s?후(?:에)?|을\s?거친\s?후"
                         r"|jälkeen|järel|pärast|után|utáni|sonra(?:sı)?|кейін|keyin|дараа|შემდეგ|հետո|ondoren"
                         r"|के\s+बाद|পরে|பிறகு|തുടർന്ന്)\s*[:：,，]?\s*")  # (and where other languages set it last:
# "max-poolingin (stride 2) jälkeen:", "max pooling után", "havuzlamadan sonra")


def _size_then_after(masked: str, labels: list[tuple[int, int, str]], v: _Value, following: _Value) -> str | None:
    """"2×2 最大池化后 12×12×20": a window, its operation's label, a word for "after", then a size: the window is the
    operation's own size and the label names the size after it (the field, or None)."""
    if _dims(v.text) != 2 or _dims(following.text) < 2:
        return None  # a window is two sides (2×2); "24×24×20, max-pooling 후 …" is the stage before, a comma between
    inside = [(s, e, f) for s, e, f in labels if v.end <= s and e <= following.start]
    if len(inside) != 1:
        return None
    s, e, field = inside[0]
    between = masked[v.end:s]
    if len(between.strip()) > 4 or re.search(r"[,，、;；]", between) or _CLAUSE.search(between) \
            or not _AFTER_WORD.fullmatch(masked, e, following.start):
        return None
    return field


# (not "or if …": an answer offered)
_IF_BEFORE = re.compile(r"(?<!\bor )(?<!\boder )(?<!\bou )(?<!\bo )\b(?:if|suppose|supposing|wenn|falls|si|se|jeśli"
                        r"|eğer)\b|(?<!或)若|如果|假设|假如|もし(?!くは)|만약", re.I)
_IF_AFTER = re.compile(r"\s*(?:なら(?:ば)?|だと|の場合|とすると|이면|라면|일\s?때|인\s?경우|时|時|的话|的話"
                       r"|(?:would|wouldn't)\s+(?:need|give|require|mean|make|be|lead|result|yield)\b)")
# (… or said to be what it "would need": "S = 2 would need F = −2")


def _trial(masked: str, v: _Value, clauses: list[int]) -> bool:
    """A value said under "if" in its clause ("If S = 2 then …", "S=2 なら …", "步长为1时 …"): one case tried."""
    start = max([0, *(c for c in clauses if c <= v.start)])
    return bool(_IF_BEFORE.search(masked, start, v.start) or _IF_AFTER.match(masked, v.end))


def _operation_size(masked: str, before: list[tuple[int, int, str]], v: _Value, following: _Value) -> bool:
    """A value right after its label, then a result word and another value: the first is the operation's size."""
    label_end = max(e for _, e, _ in before)
    gap = masked[v.end:following.start]  # "input 28×28 → conv1 (filter …)": a label between, a new stage
    if _dims(following.text) < 2 or _dims(v.text) < 2:
        return False  # "stride 1 and no padding gives F = 5": an operation gives a size, not a number; "stride 1 →
        # 8×8×50": a window is a shape, a number after its label is that label's value
    return not masked[label_end:v.start].strip() and bool(_RESULT.search(gap)) \
        and not _CLAUSE.search(gap) and _MASK not in gap \
        and not (re.search(r"[)\]]", gap) and masked.count("(", 0, label_end) > masked.count(")", 0, label_end))


def _listed(masked: str, spans: list[tuple[int, int]], row: bool = False) -> bool:
    """Labels joined by "=", ",", "and", "&" or "/" name one value together; in a table's row label "+" too
    ("| ReLU + pool | 0 |": a sum of labels in prose, "conv1 + conv2 + … = 431,080", is the total's)."""
    gaps = [masked[a[1]:b[0]] for a, b in pairwise(spans)]
    return bool(gaps) and all(_JOIN.fullmatch(g) or (row and re.fullmatch(r"\s*\+\s*", g)) for g in gaps)


def _first(fields: list[str], patterns: dict[str, list[re.Pattern[str]]]) -> str:
    """Of several fields labelled together ("filter of conv1"), the one the rubric lists first."""
    order = list(patterns)
    return min(fields, key=order.index)


def _field_in(text: str, patterns: dict[str, list[re.Pattern[str]]]) -> str | None:
    """The field a label names; its words outside brackets first ("channel dimension (depth of filter)")."""
    if "(" in text and (bare := _BRACKETED_WORDS.sub(" ", text)) != text and bare.strip():
        outside = _field_in(bare, patterns)
        if outside is not None:
            return outside
    for name, pats in patterns.items():
        if any(p.search(text) for p in pats):
            return name
    return None


_BRACKETED_WORDS = re.compile(r"\([^()\n]{0,200}\)")


def _terms_of_a_sum(line: str, labels: list[tuple[int, int, str]],
                    patterns: dict[str, list[re.Pattern[str]]]) -> list[tuple[int, int, str]]:
    """"total = conv1 + conv2 + fc1 + fc2", "conv1 + conv2 + fc1 + fc2   # 431080": labels added up are the terms
    of a sum, not labels of the value after them; three or more added up name the total (the field a sum sign
    labels), when the homework has one."""
    spans = sorted({lab[:2] for lab in labels})  # one span may name several fields ("ReLU": relu1 and relu2)
    added = {span for a, b in pairwise(spans) if _PLUS.fullmatch(line[a[1]:b[0]]) for span in (a, b)}
    if not added:
        return labels
    terms = {k for k, lab in enumerate(labels) if lab[:2] in added}
    total = _field_in("Σ", patterns)
    out = [lab for k, lab in enumerate(labels) if k not in terms]
    first, last = min(terms), max(terms)
    if total is not None and len({labels[k][:2] for k in terms}) >= 3 and re.search(r"\d", line[labels[last][1]:]):
        out.append((labels[first][0], labels[last][1], total))
    return sorted(out)


_IDENTIFIER_JOIN = re.compile(r"(?<=[A-Za-z0-9])_(?=[A-Za-z0-9])")
# a line's key whose words are joined by underscores, before its ":", "=" or cell's end (not "x_1", "w_3")
_SHEET_KEY = re.compile(r"(?m)^([ \t]*(?:\|[ \t]*)?)((?:[A-Za-z][A-Za-z0-9]*_)+[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*)"
                        r"(?=[ \t]*(?:[:|]|=(?!=)))")


_CLAUSE_CLOSED = re.compile(r"[ \t]*(?:[;)]|\.(?!\d)|$)")  # "… is before pool2; …" (not "before pool2, 1,600,500")
_BEFORE_IT = re.compile(r"(?i)\b(?:before|vor|avant|antes\s+de|prima\s+di)[ \t]+"
                        r"(?:the[ \t]+|dem[ \t]+|la[ \t]+|le[ \t]+)?$")


_OWN_SYMBOL = re.compile(r"[ \t$\\(]*[A-Za-z]$")  # the label's own symbol, right after it: "stride $S", "padding (p"
_SET_EQUAL = re.compile(r"(?:→|⇒|⟹|=>|->)[ \t]*[A-Za-z](?<![xX])[ \t]*=[ \t]*$")  # "⇒ F = 5": what a formula gives
_IN_SYMBOL_FORMULA = re.compile(r"[ \t]*(?:=[ \t]*\(?[ \t]*\d{1,4}[ \t]*)?[-+−–][ \t]*(?!I[ \t]+[a-z]|I['’])[A-Za-z]"
                                r"(?![A-Za-z(])")  # (not a dash before "I am not sure")
_SYMBOL_FORMULA_BEFORE = re.compile(r"(?<![A-Za-z])[A-Za-z][ \t]*\)?[ \t]*"
                                    r"(?:(?:[-+−–*/·][ \t]*\d{1,4}[ \t]*\)?[ \t]*)+=|"
                                    r"[-+−–*/·])[ \t]*\(?[ \t]*$")  # "F + 1 = 8", the "1" of "F + 1"


# "(depth = 20, the channel dimension of the input)": an aside that names a value, not a working
_LABELLED_ASIDE = re.compile(r"\([ \t]*[^\W\d_]{2,}[ \t]*=[ \t]*\d{1,6}(?![\d.×x*·+\-−/])"
                             r"[ \t]*,[ \t]*[^\W\d_]")  # (not "(padding=0)": a setting in brackets stays an aside)
# "(channel dim 20 = number of conv1 output channels)": a value named, then said again in words (those are masked)
_NAMED_THEN_WORDS = re.compile(r"\([ \t]*[^\W\d_]{2,}(?:[ \t]+[^\W\d_]+){0,2}[ \t]+\d{1,6}[ \t]*"
                               r"(?==[ \t]*[^\W\d_]{2,})")


@functools.lru_cache(maxsize=64)
def _any_label(sources: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for all of a part's labels: a line that holds none of them (a training log's thousand lines) is
    passed over with one search, not one a label. None when the labels cannot be joined (then each is searched)."""
    try:
        return re.compile("|".join(f"(?:{source})" for source in sources), re.IGNORECASE) if sources else None
    except re.error:
        return None


_CORRECTING_ASIDE = re.compile(rf"\(\s*(?:{corrections.FIX_WORDS})\b", re.IGNORECASE)


def _masked(line: str, patterns: dict[str, list[re.Pattern[str]]], sums: bool = True
            ) -> tuple[str, list[tuple[int, int, str]]]:
    """The line with asides, labels and the left sides of computations masked; the labels' spans (``sums``: labels
    added up are the terms of a sum, not labels; a table's row label "ReLU + pool" names both)."""
    chars = list(line)
    for m in _ASIDE.finditer(line):  # "(28 − 4 + 1 = 25)", "(before pooling)"; "(so 5×5×1×20 in all)" stays
        if (said := _NAMED_THEN_WORDS.match(m.group())) is not None:
            chars[m.start() + said.end():m.end()] = _MASK * (m.end() - m.start() - said.end())
            continue
        words = re.search(r"[^\W\d_]{2,}", m.group())
        label_part = re.match(r"\s*:(?!:)", line[m.end():m.end() + 4]) is not None  # "conv1 (stride 1): 24×24×20"
        named = re.match(r"\s*=(?!=)", line[m.end():m.end() + 4]) is not None and not any(  # "profondeur (canaux)
            p.search(line, max(0, m.start() - 30, line.rfind(",", 0, m.start()), line.rfind(";", 0, m.start())),
                     m.start()) for ps in patterns.values() for p in ps)  # = 20": the value's name, said in brackets
        if _CORRECTING_ASIDE.match(m.group()) and not _OLD_SAID.search(m.group()):
            continue  # "431,080 (edit: re-added, total = 430,080)": a correction in brackets, its value read
        if ("=" in m.group() and not _LABELLED_ASIDE.match(m.group())) \
                or (words and not re.search(r"\d", m.group()) and not named) or (words and label_part):
            chars[m.start():m.end()] = _MASK * (m.end() - m.start())
    line = "".join(chars)
    spoken = _IDENTIFIER_JOIN.sub(" ", line)  # "conv1_filt", "after_conv1", "in_channels": a program's words
    spans: list[tuple[int, int, str]] = []
    anywhere = _any_label(tuple(p.pattern for pats in patterns.values() for p in pats))
    for name, pats in patterns.items() if anywhere is None or anywhere.search(spoken) else ():
        for p in pats:
            spans.extend((m.start(), m.end(), name) for m in p.finditer(spoken) if m.end() > m.start())
    labels: list[tuple[int, int, str]] = []
    for s, e, name in sorted(spans, key=lambda t: (t[0], -t[1])):
        if _BEFORE_IT.search(spoken, max(0, s - 16), s) and _CLAUSE_CLOSED.match(spoken, e):
            continue  # "12·12·50 is before pool2; … = 400 500": what comes before a layer is no value of its own
        if (whose := _WHOSE_SETTING.match(spoken, e)) is not None and not any(
                e <= t < whose.end() for t, _, _ in spans):
            chars[s:e] = _MASK * (e - s)  # "conv2's stride is 2" where no stride is asked: conv2's setting, not its
            continue  # count
        if labels and name != labels[-1][2] and (_QUALIFIES.fullmatch(spoken, labels[-1][1], s) or (
                _QUALIFYING_LABEL.match(spoken, s) and not spoken[labels[-1][1]:s].strip(" \t" + _MASK))):
            chars[s:e] = _MASK * (e - s)  # "filter of conv1: 5×5×1", "channel (depth) dimension of each filter = 20":
            # the first label is the value's, the second
            continue  # says whose it is
        if not labels or s >= labels[-1][1] or (s, e) == labels[-1][:2] and name != labels[-1][2]:
            labels.append((s, e, name))  # one span may name several fields ("ReLU": relu1 and relu2)
            chars[s:e] = _MASK * (e - s)
    labels = _terms_of_a_sum(line, labels, patterns) if sums else labels
    line = "".join(chars)
    for m in _RUN.finditer(line):  # "(5·5·1 + 1)·20 =" is the working, not the answer
        called = _called(line, m.start(), m.group())
        if (called or re.search(r"[-+/÷()]", m.group())) and line[m.end():m.end() + 3].lstrip().startswith("="):
            start = m.start() if called else m.start() + max((b.end() for b in _RUN_BREAK.finditer(m.group())),
                                                             default=0)
            run = line[start:m.end()]
            start += max(0, min(len(run) - len(run.lstrip("(")), run.count("(") - run.count(")")))  # "((12-5)/1+1 =
            # 8)": the aside's own bracket stays, so the result is read as the aside it is
            chars[start:m.end()] = _MASK * (m.end() - start)  # "20. (12-5)/1+1 =": 20 is an answer
    return "".join(chars), labels


# a label that opens with whose it is ("dimension of each filter") right after another: it says the first one's owner
_QUALIFYING_LABEL = re.compile(r"(?:size|dim\w*|shape|depth)[ \t]+of[ \t]", re.IGNORECASE)
# "conv2's stride", "fc1’s padding": a setting of the layer named, not what the label asks of it
_WHOSE_SETTING = re.compile(r"[ \t]*['’]s[ \t]+(?:stride|padding|kernel|filter|channel|depth|input|activation)s?\b",
                            re.IGNORECASE)
# "filter of conv1", "dimension ya filter" (Swahili), "profondeur du filtre", "Tiefe des Filters": whose it is (an
# aside masked between: "channel (depth) dimension of each filter")
_QUALIFIES = re.compile(r"(?:[ \t]*\u00a7+)?[ \t]+(?:(?:dimension|dim|size|depth)[ \t]+)?"
                        r"(?:of|for|in|de|du|des|del|da|do|di|von|der|ya|wa|za|cha|vya)[ \t]+"
                        r"(?:(?:the|la|le|l'|el|los|las|il|lo|each|every|one|a|an|jedes|jeden|chaque|cada|ogni)"
                        r"[ \t]*)?")


def _called(line: str, start: int, run: str) -> bool:
    """"Total[520, 25050, 400500, 5010] =", "sum(520, …) =": a list right after a name is a function's
    arguments (the working), not a shape."""
    bracket = start if run[:1] in "([" else start - 1
    if bracket < 1 or line[bracket] not in "([" or "," not in run or not re.search(r"[)\]]\s*$", run):
        return False
    return line[bracket - 1].isalpha() or line[bracket - 1] == _MASK


def _values(masked: str, line: str | None = None) -> list[_Value]:
    """The values of a masked line: sizes, counts and tuples; a bare sum or quotient is not one."""
    out = []
    for m in _RUN.finditer(masked):
        end = m.start() + len(m.group().rstrip(" .,;'·×xX*@+-/(["))
        if end < len(masked) and re.match(r"[A-Za-z]", masked[end]):
            if not _COUNTED_UNIT.match(masked, end):
                continue  # "2D", "3rd", "10th": part of a word
            # "s=1, 20ch": a count glued to its unit's short name is a value
        if re.match(r"\s*:(?!:)", masked[end:end + 8]) and re.search(r"[^\W\d_]", masked[:m.start()]):
            continue  # "after max-pooling 2×2: 12×12×20": a number inside the label
        pieces = _pieces(masked, m.start(), end)
        if len(pieces) == 1 and pieces[0][1][:1] in "([" and not re.search(r"[)\]]", pieces[0][1]):
            pieces = _pieces(masked, pieces[0][0] + 1, end)  # "(5×5×1, 20 filters)": an aside left open
        for piece_start, piece in pieces:
            if piece.startswith("(") and piece.endswith(")") and _DIMS.fullmatch(piece[1:-1].strip()):
                piece_start, piece = piece_start + 1, piece[1:-1].strip()  # "(5x5x1x20)"
            elif piece[:1] in "([" and not re.search(r"[)\]]", piece):
                piece_start, piece = piece_start + 1, piece[1:].strip()  # "(20 filters)"
            elif piece[-1:] in ")]" and not re.search(r"[(\[]", piece):
                piece = piece[:-1].strip()  # "… 5×5×1×20)"
            times = re.match(r"[x×*]\s*(?=\d)", piece)
            if times is not None and masked[:piece_start].rstrip().endswith("("):
                piece_start, piece = piece_start + times.end(), piece[times.end():]  # "(×20 channels)": 20 of them
            after = masked[piece_start + len(piece):piece_start + len(piece) + 4]
            if after.lstrip().startswith("%"):
                continue  # "93 % of all parameters": a share, not a size or count
            if _REJECTED.match(masked, piece_start + len(piece)):
                continue  # "(stride 2 doesn't work: … gives F = −2)": a value tried and refused, no answer
            if _MISTAKE_BEFORE.search(masked, max(0, piece_start - 40), piece_start) \
                    or _MISTAKE_AFTER.match(masked, piece_start + len(piece)):
                continue  # "I had miscalculated the sum (431.580)", "431030   <- typo": the slip a note tells of
            if piece.isdigit() and _OTHER_COUNT.match(masked, piece_start + len(piece)):
                continue  # "8 arrays, 431_080 parameters", "10 epochs": a count of something no field asks for
            if after[:1] in _CJK_MAGNITUDE or masked[max(0, piece_start - 2):piece_start].rstrip()[-1:] in _ABOUT:
                continue  # "(約43万)", "约43": a rounded figure in words, not the count
            if _TUPLE.fullmatch(piece) or _DIMS.fullmatch(piece):
                stop = piece_start + len(piece)
                out.append(_Value(piece, piece_start, stop, _is_modifier(line or masked, piece_start, stop)))
    return out


_REJECTED = re.compile(r"[ \t]*(?:(?:does[ \t]*n[o'’]t|doesn[’']t|won[’']t|wouldn[’']t|would[ \t]+not|can[’']?t"
                       r"|cannot)[ \t]+work|(?:is|would[ \t]+be)[ \t]+(?:impossible|not[ \t]+possible|invalid))\b",
                       re.IGNORECASE)
_MISTAKE_BEFORE = re.compile(r"\b(?:miscalculat\w*|mis-?counted|verrechnet|verz[äa]hlt|mistakenly"
                             r"|wrongly|erron[ée]\w*|me\s+equivoqu[ée]|mal\s+calcul\w*|sbagliat\w*)"
                             r"[ \t]*\(?[ \t]*$",  # (not "… is a typo: 400,000", which gives the value meant)
                             re.IGNORECASE)
_MISTAKE_AFTER = re.compile(r"[ \t]*(?:<-+|←|<==?|\(|:|,)?[ \t]*"
                            r"(?:typo|wrong|mistake|falsch|fehler|erreur|error|oops)\b",
                            re.IGNORECASE)
_OTHER_COUNT = re.compile(r"[ \t]*(?:arrays?|tensors?|epochs?|minutes?|mins?|seconds?|secs?|hours?|images?"
                          r"|samples?|batch(?:es)?|iterations?|[GMK]i?B)\b", re.IGNORECASE)
_CJK_MAGNITUDE = frozenset("万萬億亿千百")  # sets, not strings: "" (nothing there) is in every string
_ABOUT = frozenset("約约약")


_OPERAND_BEFORE = re.compile(r"[*×·/)][ \t]*\d{2,6}$")  # (not "+": "520 + 25 050 + …" sums counts)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """A run split at commas that separate values ("520, 25,050"), not inside brackets."""
    out, depth, begin = [], 0, start
    for i in range(start, end):
        c = text[i]
        depth += c in "(["
        depth -= c in ")]" and depth > 0
        if c in ",." and depth == 0 and (i + 1 >= end or text[i + 1].isspace()):
            out.append((begin, text[begin:i]))  # "20. 50 such filters": a sentence ends after a value
            begin = i + 1
        elif c in "([" and depth == 1 and i > begin and text[i - 1].isspace() and text[begin:i].strip():
            out.append((begin, text[begin:i]))  # "20 (50 filters)": a value, then an aside
            begin = i
        elif c in "/·" and depth == 0 and text[i - 1:i] == " " and text[i + 1:i + 2] == " " and (
                c == "/" or text[i + 2:i + 3] in "([" and text[i + 2:i + 3]  # "20 · (50 filters)": a list
                or "×" in text[begin:i] and _LISTED_SHAPE.match(text, i + 2, end)):  # "24×24×20 · 12×12×20"
            out.append((begin, text[begin:i]))  # "28×28 / 5×5×1×20 / 24×24×20": a list, not a quotient
            begin = i + 1
        elif c == " " and depth == 0 and text[i - 1:i] == " " and text[begin:i].strip():
            out.append((begin, text[begin:i]))  # "(5·5·1+1)·20    520": columns of a plain-text table
            begin = i
        elif c == " " and depth == 0 and text[i + 1:i + 4].isdigit() and _OPERAND_BEFORE.search(text, begin, i):
            out.append((begin, text[begin:i]))  # "(5*5*1+1)*20 520": a working's last operand, then its result (no
            begin = i  # "20 520" thousands apart)
    out.append((begin, text[begin:end]))
    out = [(s, p.rstrip().removesuffix(".")) for s, p in out]  # "24×24×20.  2×2 max-pool": a sentence ends
    out = [one for s, p in out for one in _comma_list(s, p)]
    return [(s + len(p) - len(p.lstrip()), p.strip()) for s, p in out if p.strip()]


_LISTED_SHAPE = re.compile(r"\d{1,3}[ \t]*×[ \t]*\d")  # a shape after a spaced dot: the list's next item
_COUNTED_UNIT = re.compile(r"(?:ch|chan|channels?|filters?|kernels?)\b", re.IGNORECASE)
_COMMA_LIST = re.compile(r"\d+(?:,\d+){2,}")


def _comma_list(start: int, piece: str) -> list[tuple[int, str]]:
    """"520,0,0,25050,0,0,400500,5010": values listed with bare commas, told from thousands separators by a
    group that is not three digits long."""
    stripped = piece.strip()
    if not _COMMA_LIST.fullmatch(stripped) or all(len(g) == 3 for g in stripped.split(",")[1:]) \
            or re.fullmatch(r"\d{1,2}(?:,\d\d)+,\d{3}", stripped):  # "4,31,080": India's grouping
        return [(start, piece)]
    out, pos = [], start + piece.index(stripped)
    for group in stripped.split(","):
        out.append((pos, group))
        pos += len(group) + 1
    return out


_WINDOW = re.compile(r"[(\[]?\s*[1-4]\s*[x×X*]\s*[1-4]\s*[)\]]?$")
_POOLING_BEFORE = re.compile(r"(?:(?:max[\s-]*)?pool(?:ing)?(?:-?[^\W\d_]{1,3})?"
                             r"|пул[иі]нг\w*|池化|プーリング|풀링|पूलिंग|พูลลิ่ง)\s*"
                     r"(?:of\s*|with\s*|di\s*|de\s*)?[(\[]?\s*$", re.IGNORECASE)  # ("max-poolingu": a case ending)
_POOLING = re.compile(r"\s*-?\s*(?:max[\s-]*)?pool(?:ing)?\b", re.IGNORECASE)


_CHANGED_FROM_AFTER = re.compile(r"[ \t]*(?:에서|から)[ \t]*(?=[\d$\\(])")


def _is_modifier(line: str, start: int, end: int) -> bool:
    """"after 2×2 max-pooling", "a 5×5 filter": a value that describes the word after it, not an answer."""
    if _WINDOW.match(line[start:end]) and (_POOLING.match(line, end) or _POOLING_BEFORE.search(line[:start])):
        return True  # "2×2 max-pooling sonrası", "max pooling 2×2 otteniamo …": the pooling window
    if _CHANGED_FROM_AFTER.match(line, end):
        return True  # "25×25×20에서 24×24×20으로 고침", "25×25×20 から 24×24×20 に": where a change starts
    word = _WORD_AFTER.match(line, end)
    if word is None or _UNITS.match(word.group(1)) or _RESULT.fullmatch(word.group(1)):
        return False  # ("a stride of 1 gives 8": a verb after it, the value is said)
    return bool(_MODIFIER_BEFORE.search(line[:start]))


def _by_order(found: dict[str, list[Candidate]], order: list[str], text: str,
              patterns: dict[str, list[re.Pattern[str]]]) -> None:
    """Fields given by position ("one value per line, in order") when no label names them.

    Used only when the unlabelled values are exactly as many as the fields still missing,
    and every one is alone on its line: anything else is left for a person.
    """
    missing = [f for f in order if all(c.rank >= 3 or (c.rank >= 1 and c.text.isdigit() and f in _COUNTED_FIELDS)
                                       for c in found.get(f, []))]  # an aside's count ("(×50 filters)"): no answer
    if not missing or pipe_tables(text)[1] or summary_rows(text)[1] or _fenced(text):
        return  # a table or printed summary names its rows; its other numbers are not answers in order
    loose = []
    for line in text.splitlines():
        flat_line = flat(line)
        masked, labels = _masked(flat_line, patterns)
        values = [v for v in _values(masked, flat_line) if not v.modifier
                  and not _SET_EQUAL.search(masked, max(0, v.start - 12), v.start)]  # "⇒ F = 5": a formula's
        if labels or not values:  # result, no answer given in order
            continue
        loose.append((values, flat_line))
    if len(loose) == len(missing) and all(len(v) == 1 for v, _ in loose):
        for name, (values, line_read) in zip(missing, loose, strict=True):
            _add(found, name, values[0].text, 2, line_read)
        return
    _in_sequence(found, order, missing, text, patterns)


def _in_sequence(found: dict[str, list[Candidate]], order: list[str], missing: list[str], text: str,
                 patterns: dict[str, list[re.Pattern[str]]]) -> None:
    """A terse answer in the question's order ("28×28 / 5×5×1×20 / 24×24×20 / 12×12×20", "5×5, stride 1,
    20 channels"): the values no label names take the missing fields in order, only when they are exactly
    as many and every field, named or not, then comes in the question's order."""
    for nouns_own, arrows in ((True, False), (False, False), (True, True)):  # "stride 1, 20, padding 0": padding's
        # 0 is no answer, unless the count needs it; "5x5, stride 1, 20 channels -> 8x8x50 -> pool 4x4x50": the shapes
        # after arrows are what the answer leads to, when the values only then come out as many as the fields
        sequence = _sequence(text, patterns, nouns_own, arrows)  # ("…, 5010, tot 431080": "tot" the total's own
        # short name)
        loose = [i for i, (f, _, _) in enumerate(sequence) if f is None]
        if len(loose) == len(missing):
            break
        # "520 / 0 / 0 / … / 5010, total 431080 (relu, pool have none)": the line gives every field in order, and an
        # aside names some of them again; each is then given twice, and two different values go to a person
        unnamed = [f for f in order if f not in {g for g, _, _ in sequence}]
        if len(loose) == len(unnamed) and len(unnamed) > len(missing) and all(
                f in missing or _number(sequence[i][1]) in {_number(c.text) for c in found.get(f, [])}
                for i, f in zip(loose, unnamed, strict=True)):  # the order agrees with what the aside says
            missing = unnamed
            break
    else:
        return
    given = dict(zip(loose, missing, strict=True))
    fields = [given.get(i, f) for i, (f, _, _) in enumerate(sequence)]
    ranks = [order.index(f) for f in fields if f in order]
    if ranks != sorted(ranks):
        return
    for i, name in given.items():
        _add(found, name, sequence[i][1], 2, sequence[i][2])


def _number(text: str) -> str:
    """A value as digits and marks only ("25,050" and "25050" alike)."""
    return re.sub(r"[\s,]", "", text)


def _sequence(text: str, patterns: dict[str, list[re.Pattern[str]]],
              nouns_own: bool, arrows: bool = False) -> list[tuple[str | None, str, str]]:
    """Each value of the part in turn: (the field its label names, "" for a count its noun names, None for none;
    the value; its line). ``nouns_own``: a number right after a word that names no field is that word's."""
    sequence: list[tuple[str | None, str, str]] = []
    for line in text.splitlines():
        flat_line = flat(line)
        values, routes, _, _ = _read_line(flat_line, patterns)
        real = [(v, routes.get(id(v), [])) for v in values if not v.modifier and not _in_aside(flat_line, v)
                and not _worked_out(flat_line, v) and not _PART_NAMED.match(flat_line, v.end)
                and not (nouns_own and _own_noun(flat_line, v) and not routes.get(id(v)))
                and not (arrows and _led_by_arrow(flat_line, v) and not routes.get(id(v)))]
        sure = {f for _, r in real for f, rank in r if rank == 0}
        for v, r in real:  # "20 channels": a label after its value names it when no other value has it
            named = [f for f, rank in r if rank == 0] or [f for f, rank in r if rank == 1 and f not in sure]
            if named and all(f in _COUNTED_FIELDS for f in named) and _counts_a_unit(flat_line, v):
                named = []  # "…, channel dim 20, 50 filters": how many filters, no filter's size out of order
            counted = not named and (any(rank == 1 and _named_right_after(flat_line, v, patterns[f]) for f, rank in r)
                                     or _counts_a_unit(flat_line, v))  # "…; 50 filters", "50 output channels":
            # a count its own noun names
            sequence.append((named[0] if named else "" if counted else None, v.text, flat_line))
    return sequence


# "5x5, stride 1, 20 channels -> 8x8x50 -> pool 4x4x50": what the answer leads to, after an arrow, no answer itself
_ARROW_BEFORE = re.compile(r"(?:->|→|=>|⇒|⟶)[ \t]*(?:[^\W\d_]{1,12}[ \t]*)?$")


def _led_by_arrow(line: str, v: _Value) -> bool:
    """Whether a value is a layer's output shape after an arrow, after earlier values on its line (the shape the
    answer leads to: "5x5, stride 1 -> 8x8x50"; not "520, 0, …, 5 010 → 431 080", a sum's result)."""
    if len(re.findall(r"[×xX*]", v.text)) < 2:
        return False
    arrow = _ARROW_BEFORE.search(line, max(0, v.start - 20), v.start)
    return arrow is not None and re.search(r"\d", line[:arrow.start()]) is not None


_NOUN_BEFORE = re.compile(r"(?<![\w-])(?!(?:is|are|was|were|be|of|to|by|and|or|then|so|gives?|equals?|becomes?|gets?"
                          r"|yields?|with|has|have|at|in|on|than|from|into|only|also|just|all)\s*$)[^\W\d_]{3,}\s*$",
                          re.IGNORECASE)


def _counts_a_unit(line: str, v: _Value) -> bool:
    """"50 output channels", "1 channel", "50 filters": a count its noun names (not a size given in order)."""
    word = _WORD_AFTER.match(line, v.end) if re.fullmatch(r"\d+", v.text) else None
    if word is None or re.match(r"(?i)in(?:put)?(?:$|[-_])", word.group(1)):
        return False  # ("20 input channels", "20 in-ch": the depth a filter takes, a field's value)
    if word.group(1).lower() in ("output", "out"):
        word = _WORD_AFTER.match(line, word.end())
    return word is not None and (_UNIT_NOUN.match(word.group(1)) is not None
                                 or _COUNT_NOUN.fullmatch(word.group(1)) is not None)  # "50 filtros", "50 filtres"


_UNIT_NOUN = re.compile(r"(?i)(?:channel|filter|kernel|map|neuron|unit)s?$")


# "Lukas: 1(f), 2(c), code": a number that names a part of the homework, no value given in order
_PART_NAMED = re.compile(r"\s?\((?:[a-h]|i{1,3}|iv|vi{0,3})\)")


def _own_noun(line: str, v: _Value) -> bool:
    """"stride 1", "padding 0": a bare number right after a word is that word's, not a size given in order."""
    return re.fullmatch(r"\d+", v.text) is not None and _NOUN_BEFORE.search(line[max(0, v.start - 30):v.start]) \
        is not None


def _worked_out(line: str, v: _Value) -> bool:
    """"(28−5+1) = 24, so 24×24×20": a number a working arrives at, which the size after it then uses."""
    before = line[max(0, v.start - 40):v.start]
    return re.fullmatch(r"\d+", v.text) is not None and re.search(r"\d\s*\)?\s*=\s*$", before) is not None \
        and re.search(r"[-+−*/×·]", before) is not None \
        and re.match(rf"[^\d]{{0,20}}\b{v.text}\s*[×x*]", line[v.end:]) is not None


def _named_right_after(line: str, v: _Value, patterns: list[re.Pattern[str]]) -> bool:
    gap = re.match(r"\s*", line[v.end:])
    start = v.end + (gap.end() if gap else 0)
    return bool(re.fullmatch(r"\d+", v.text)) and any(p.match(line, start) for p in patterns)


def find_claim(doc: Document, patterns: list[str]) -> str | None:
    """A number the hand-in states after one of ``patterns``: prose first, then its printed output."""
    for text in (plain(doc.prose()), "\n".join(doc.code_blocks)):
        found = None
        for pattern in patterns:
            for m in re.finditer(pattern + r"[^0-9\n]{0,40}?(\d+(?:\.\d+)?)", text, re.IGNORECASE):
                found = m.group(1)
        if found is not None:
            return found
    return None
