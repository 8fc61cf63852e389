"""Sizes, counts and per-layer tables against the reference, field by field, with targeted feedback.

A written report gives every field its candidates (see ``grader.reading.values``): the
check takes the kind it expects (a single count, or a shape) and the surest label;
two different values for one field, or a field not found, go to a person (``review``)
with the part's text, never a silent 0.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from grader.checks.base import Check, CheckContext, Outcome
from grader.checks.readers import ValuesReader
from grader.homework import Reference
from grader.params import ParamError
from grader.reading.number_words import spelled_as_digits
from grader.reading.values import FENCE_BLOCK, label_pattern
from grader.rubric import RubricItem
from grader.sandbox.protocol import JSON
from grader.values import (
    ValueSyntaxError,
    dims_text,
    off_by_one,
    parse_numbers,
    same_dims,
)


@dataclass(frozen=True)
class ValueMistake:
    value: str
    feedback: str
    field: str | None = None  # None: any field
    credit: float = 0.0


@dataclass(frozen=True)
class Contradiction:
    """A statement a part's text may make that the reference contradicts: ``pattern`` (a regular expression of the
    rubric's, matched in the part's text, case-insensitive) and what a person is told."""
    pattern: str
    feedback: str


@dataclass(frozen=True)
class ValueParams:
    fields: dict[str, str]
    aliases: dict[str, list[str]] = field(default_factory=dict)  # other accepted values per field
    ignore_unit_dims: bool = True
    any_order: bool = True
    mistakes: list[ValueMistake] = field(default_factory=list)
    off_by_one_hint: str = ""  # added to the feedback when every dimension is within one of the answer
    ordered: list[str] = field(default_factory=list)  # fields whose order and 1s matter (5×5×1×20 ≠ 5×5×20×1)
    two_readings: list[ValueMistake] = field(default_factory=list)  # values a TA reads two ways: a person decides
    # values the question itself states (the sizes a layer goes from and to): a hand-in that restates one beside
    # its answer is not answering with it, so it never makes "two different values given"
    given: list[str] = field(default_factory=list)
    # what the question does not ask for but a hand-in may state beside its answer, wrongly ("stride 1, padding 2"):
    # not stating it costs nothing; stating it sends the item to a person, never full marks
    contradictions: list[Contradiction] = field(default_factory=list)
    # a field the hand-in answers inside another's value ("filter 5×5×20": the filter's depth is the channel count):
    # per field not found, the other field and the values of it that state this one. Only a right value is listed,
    # so a field read this way passes and never hides a wrong one
    implied_by: dict[str, dict[str, list[str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class FieldVerdict:
    credit: float
    status: str  # pass | partial | fail | review
    feedback: str
    read: str


class ValueCheck(Check[ValueParams]):
    Params = ValueParams

    def reader(self, params: ValueParams) -> ValuesReader:
        return ValuesReader()

    def validate(self, params: ValueParams, reference: Reference) -> None:
        if not params.fields:
            raise ParamError("params.fields must name at least one expected value")
        for name, text in [*params.fields.items(), *((m.field or "*", m.value) for m in params.mistakes)]:
            try:
                parse_numbers(text)
            except ValueSyntaxError as exc:
                raise ParamError(f"params.fields.{name}: {exc}") from None
        for value, where in [*((m.value, "two_readings") for m in params.two_readings),
                             *((g, "given") for g in params.given)]:
            try:
                parse_numbers(value)
            except ValueSyntaxError as exc:
                raise ParamError(f"params.{where}: {exc}") from None
        for c in params.contradictions:
            try:
                re.compile(c.pattern)
            except re.error as exc:
                raise ParamError(f"params.contradictions: {c.pattern!r}: {exc}") from None
        for name in [*params.aliases, *params.ordered]:
            if name not in params.fields:
                raise ParamError(f"params.aliases / params.ordered: no such field {name!r}")
        for name, sources in params.implied_by.items():
            for source, values in sources.items():
                if name not in params.fields or source not in params.fields or source == name:
                    raise ParamError(f"params.implied_by.{name}.{source}: no such pair of fields")
                for value in values:
                    try:
                        parse_numbers(value)
                    except ValueSyntaxError as exc:
                        raise ParamError(f"params.implied_by.{name}.{source}: {exc}") from None

    def grade(self, item: RubricItem[ValueParams], ctx: CheckContext) -> Outcome:
        p = item.params
        raw = ctx.submission.answer(item.id)
        if raw is None:
            return Outcome.no_answer()
        if not isinstance(raw, dict):
            if len(p.fields) != 1:
                return Outcome.failed(f"expected a table with the fields {', '.join(p.fields)}", answer=str(raw)[:200])
            raw = {next(iter(p.fields)): raw}
        written = hasattr(raw, "part")  # read from a report: a field not found goes to a person
        verdicts = {name: self._field(name, expected, raw.get(name), p, written) for name, expected in p.fields.items()}
        _implied(verdicts, p, getattr(raw, "said", frozenset()))
        fraction = sum(v.credit for v in verdicts.values()) / len(p.fields)
        notes = [f"{name}: {v.feedback}" for name, v in verdicts.items() if v.feedback]
        details: dict[str, JSON] = {
            "read": {name: v.read for name, v in verdicts.items()},
            "fields": {name: {"status": v.status, "read": v.read, "feedback": v.feedback or "correct"}
                       for name, v in verdicts.items()},
        }
        hedged = getattr(raw, "hedged", "")
        if hedged and fraction > 0:  # "stride 1 (… could also be 2, either should work)": two answers offered
            notes.append(f"the part allows another answer ({hedged!r})")
            details.update(answer=getattr(raw, "text", "")[:1500], found_in=f"part {getattr(raw, 'part', '')}")
            return Outcome(0.0, "review", "; ".join(notes) + ": a person should decide which one counts", details)
        mismatch = getattr(raw, "mismatch", "")
        if mismatch and fraction >= 1:  # "(8·8·50 + 1)·500 = 400,500": the working says another number (a wrong
            # result is graded as it is; the note says what its working gives)
            notes.append(f"the working and its result disagree ({mismatch})")
            details.update(answer=getattr(raw, "text", "")[:1500], found_in=f"part {getattr(raw, 'part', '')}")
            return Outcome(min(fraction, 0.5), "review", "; ".join(notes) + ": a person should decide which one "
                           "the student meant", details)
        silent = _printout_only(raw, verdicts) if written and fraction >= 1 else ""
        if silent:  # "Adding all of these up I get 430,580" unread, the pasted summary's 431,080 read for it
            notes.append(f"{silent} read from the pasted printout only, while the words give other numbers")
            details.update(answer=getattr(raw, "text", "")[:1500], found_in=f"part {getattr(raw, 'part', '')}")
            return Outcome(0.0, "review", "; ".join(notes) + ": a person should check", details)
        said = _contradicted(getattr(raw, "text", "") if written else "", p)
        if said:
            notes.append(said)
            details.update(answer=getattr(raw, "text", "")[:1500], found_in=f"part {getattr(raw, 'part', '')}")
            return Outcome(min(fraction, 0.5), "review", "; ".join(notes) + ": a person should check", details)
        if any(v.status == "review" for v in verdicts.values()) and not _wrong_anyway(verdicts, p):
            details.update(answer=getattr(raw, "text", "")[:1500], found_in=f"part {getattr(raw, 'part', '')}")
            return Outcome(max(0.0, min(1.0, fraction)), "review", "; ".join(notes) + ": a person should check",
                           details)
        return Outcome.graded(fraction, "; ".join(notes) or "all values correct", **details)

    def _field(self, name: str, expected: str, raw: Any, p: ValueParams, written: bool) -> FieldVerdict:
        if raw is None:
            if written:
                return FieldVerdict(0.0, "review", "not found in the part", "")
            return FieldVerdict(0.0, "fail", "missing", "")
        integers = all(float(v).is_integer() for v in parse_numbers(expected))
        candidates = getattr(raw, "candidates", None)
        if candidates:
            chosen = self._choose(name, expected, candidates, integers, p)
            if isinstance(chosen, FieldVerdict):
                return chosen
            raw = chosen
        try:
            got = parse_numbers(raw, integers=integers)
        except ValueSyntaxError as exc:
            return FieldVerdict(0.0, "fail", f"cannot read {str(raw)[:60]!r}: {exc}", str(raw)[:60])
        doubt = next((m for m in p.two_readings if m.field in (None, name)
                      and self._same(got, parse_numbers(m.value), p, name)), None)
        if doubt is not None:
            return FieldVerdict(0.0, "review", doubt.feedback, dims_text(got))
        credit, note = self._judge(name, expected, got, p)
        batch = _TUPLE_WRITTEN.match(str(raw)) is not None or any(
            re.search(r"(?i)\bbatch", getattr(c, "line", "")) for c in candidates or ())  # "64×20×24×24 (a batch)"
        if credit < 1 and name not in p.ordered and len(got) == 4 and batch \
                and self._judge(name, expected, got[1:], p)[0] >= 1:
            credit, note = 1.0, ""  # "(64, 20, 24, 24)", "[1, 20, 24, 24]": a batch of maps, as code prints it (not
            # "5×24×24×20", a product written with its extra factor)
        status = "pass" if credit >= 1 else ("partial" if credit > 0 else "fail")
        return FieldVerdict(credit, status, note, dims_text(got))

    def _choose(self, name: str, expected: str, candidates: Any, integers: bool, p: ValueParams) -> str | FieldVerdict:
        """Of a field's candidates: the expected kind (count or shape) where given, the surest label; one value."""
        want_shape = len(parse_numbers(expected)) > 1
        readable = []
        for c in candidates:
            try:
                readable.append((c, parse_numbers(c.text, integers=integers)))
            except ValueSyntaxError:
                continue
        if not readable:
            return candidates[0].text
        if p.given:
            stated = [parse_numbers(g) for g in p.given]
            answering = [(c, v) for c, v in readable if not any(_restates(v, g) for g in stated)
                         or self._judge(name, expected, v, p)[0] >= 1]
            if not answering:  # "to get 8×8×50 from 12×12×20 …": only the question's own sizes found here
                shown = " and ".join(dict.fromkeys(dims_text(v) for _, v in readable))
                return FieldVerdict(0.0, "review", f"only sizes the question gives found ({shown})", shown)
            readable = answering
        kind = [(c, v) for c, v in readable if (len(v) > 1) == want_shape]
        sides = parse_numbers(expected)
        if want_shape and not kind and all(c.rank > 0 or len(sides) == 2 and v[0] > 2 * max(sides)
                                           for c, v in readable):  # "(50 filters)": how many, not the size asked
            shown = " and ".join(dict.fromkeys(dims_text(v) for _, v in readable))  # for ("filtra 50": fifty
            return FieldVerdict(0.0, "review", f"only a count found ({shown}), no size", shown)  # filters, no 50×50)
        kind = kind or readable
        if (differ := self._words_and_printout(name, expected, kind, p)) is not None:
            return differ
        best = min(c.rank for c, _ in kind)
        top = [_fuller(c, v, kind) for c, v in kind if c.rank == best]
        if want_shape:
            top = [_with_count(c, v, readable, len(parse_numbers(expected))) for c, v in top]
        top = _count_first(top)
        distinct: list[tuple[float, ...]] = []
        for _, v in top:
            if not any(self._same(v, d, p, name) for d in distinct):
                distinct.append(v)
        whole = _sum_of_the_others(distinct) if any(_BIASES.search(getattr(c, "line", "")) for c, _ in top) else None
        if whole is not None:
            return dims_text(whole)  # "conv1.weight 500, conv1.bias 20, conv1 520": a count with its parts
        if len({self._judge(name, expected, v, p) for v in distinct}) > 1:  # 5×5 and 5×5×20 are both right
            shown = " and ".join(dims_text(v) for v in distinct)
            return FieldVerdict(0.0, "review", f"two different values given ({shown})", shown)
        return top[0][0].text if len(top[0][1]) == len(parse_numbers(top[0][0].text)) else dims_text(top[0][1])

    def _words_and_printout(self, name: str, expected: str, kind: list[tuple[Any, tuple[float, ...]]],
                            p: ValueParams) -> FieldVerdict | None:
        """The student's own words and a pasted printout (torchsummary) that say different things: the words are
        the answer and the printout what the code does; neither is picked by how surely it is labelled, a person
        decides. None when they agree or only one of them is there."""
        printed = [(c, v) for c, v in kind if getattr(c, "printed", False)]
        own = [(c, v) for c, v in kind if not getattr(c, "printed", False) and c.rank <= 3]
        if not printed or not own:
            return None
        firsts = [min(group, key=lambda cv: cv[0].rank) for group in (own, printed)]
        best = [[v for c, v in group if c.rank == first[0].rank] for group, first in zip((own, printed), firsts,
                                                                                         strict=True)]
        if {self._judge(name, expected, v, p) for v in best[0]} == {self._judge(name, expected, v, p) for v in best[1]}:
            return None
        shown = f"{' and '.join(dict.fromkeys(dims_text(v) for v in best[0]))} in the words, " \
                f"{' and '.join(dict.fromkeys(dims_text(v) for v in best[1]))} in the pasted printout"
        return FieldVerdict(0.0, "review", f"two different values given ({shown})", shown)

    def _judge(self, name: str, expected: str, got: tuple[float, ...], p: ValueParams) -> tuple[float, str]:
        if len(parse_numbers(expected)) == 1 and len(got) == 2 and got[0] == got[1]:
            got = got[:1]  # "stride=(1, 1)": a step said for both directions, as PyTorch prints it
        shown = dims_text(got)
        accepted = [expected, *p.aliases.get(name, [])]
        if any(self._same(got, parse_numbers(a), p, name) for a in accepted):
            return 1.0, ""
        for m in p.mistakes:
            if m.field in (None, name) and self._same(got, parse_numbers(m.value), p, name):
                return m.credit, m.feedback
        want = parse_numbers(expected)
        if off_by_one(got, want):
            hint = f" ({p.off_by_one_hint})" if p.off_by_one_hint else ""
            return 0.0, f"{shown} is off by one: expected {dims_text(want)}{hint}"
        return 0.0, f"{shown}, expected {dims_text(want)}"

    @staticmethod
    def _same(a: tuple[float, ...], b: tuple[float, ...], p: ValueParams, name: str) -> bool:
        if name in p.ordered:
            return a == b
        return same_dims(a, b, ignore_unit_dims=p.ignore_unit_dims, any_order=p.any_order)


_TUPLE_WRITTEN = re.compile(r"\s*[(\[]\s*\d+\s*,")  # "(64, 20, 24, 24)": a shape as a program prints it


def _printout_only(raw: Any, verdicts: dict[str, FieldVerdict]) -> str:
    """The fields whose value came from a pasted printout alone, when the part's own words (outside its code
    blocks) hold a count none of the fields has: the student said a number the reading did not place, and the
    printout's is no answer in their stead. "" when there is none."""
    printed = [name for name in verdicts if (found := raw.get(name)) is not None
               and (candidates := getattr(found, "candidates", ())) and all(getattr(c, "printed", False)
                                                                             for c in candidates)]
    if not printed:
        return ""
    words = FENCE_BLOCK.sub(" ", str(getattr(raw, "text", ""))[:50_000])
    read = {re.sub(r"\D", "", v.read) for v in verdicts.values()}
    unplaced = [n for n in _COUNT_SAID.findall(words) if re.sub(r"\D", "", n) not in read]
    return ", ".join(printed) if unplaced else ""


_COUNT_SAID = re.compile(r"(?<![\d.,×x*·/^-])\d{1,3}(?:[,' \u2009\u202f]\d{3})+(?![\d,×x*·/^]|\.\d)"
                         r"|(?<![\d.,×x*·/^-])\d{4,7}(?![\d,×x*·/^]|\.\d)")  # (a count in the thousands, not a
# working's factor)


def _restates(v: tuple[float, ...], given: tuple[float, ...]) -> bool:
    """A value that is one of the sizes the question gives, in any layout ("[B, 50, 8, 8]" for 8×8×50)."""
    return any(same_dims(w, given, ignore_unit_dims=True, any_order=True) for w in (v, v[1:]) if len(w) >= len(given))


_BIASES = re.compile(r"(?i)bias|biais|sesgo|偏置|바이어스|バイアス|смещ")  # a count split into weights and biases


def _sum_of_the_others(values: list[tuple[float, ...]]) -> tuple[float, ...] | None:
    """Of three or more counts given for one field, the one that is the sum of all the others (the weights, the
    biases, and their total), else None."""
    if len(values) < 3 or any(len(v) != 1 for v in values):
        return None
    total = sum(v[0] for v in values)
    return next((v for v in values if v[0] * 2 == total), None)


def _implied(verdicts: dict[str, FieldVerdict], p: ValueParams, said: frozenset[str]) -> None:
    """Each field not found that a right value of another states ("filter 5×5×20" states 20 channels), passed as
    read there; not where the part names the field in words of its own that were not read ("channel dimension:
    fifty" says a value this reading missed: a person reads it)."""
    for name, sources in p.implied_by.items():
        if name in said:
            continue
        if verdicts[name].feedback != "not found in the part" \
                and not verdicts[name].feedback.startswith("only sizes the question gives found"):
            continue  # (a size the question gives, restated beside the answer, answers nothing either)
        for source, values in sources.items():
            given = verdicts[source]
            if given.status == "pass" and given.read and any(
                    parse_numbers(given.read) == parse_numbers(v) for v in values):
                verdicts[name] = FieldVerdict(1.0, "pass", f"stated by the {source} ({given.read})", given.read)
                break


def _wrong_anyway(verdicts: dict[str, FieldVerdict], p: ValueParams) -> bool:
    """Fields not found, but two or more found with a slip the rubric names (biases left out of conv1 and fc1) and
    none of the others that count something right: the part is wrong whatever the missing ones say, so it is
    graded, not sent to a person."""
    named = {m.feedback for m in p.mistakes}
    slips = sum(1 for v in verdicts.values() if v.status in ("fail", "partial") and v.feedback in named)
    right = any(v.status == "pass" and any(parse_numbers(p.fields[name])) for name, v in verdicts.items())
    return slips >= 2 and not right \
        and all(v.feedback == "not found in the part" for v in verdicts.values() if v.status == "review")
    # (a right count beside them, "… 520 parameters … 431,080 in total", says the slips may be misread: a person)


_STRUCK = re.compile(r"(?<!~)~~(?!~)[^~\n]{1,200}?~~(?!~)")  # struck through: withdrawn, not stated
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`")


def _contradicted(text: str, p: ValueParams) -> str:
    """What the part's text states against the reference ("padding 2" of a layer without padding), with the words
    found; empty when it states nothing of the kind."""
    plain = spelled_as_digits(_EMPHASIS.sub("", _STRUCK.sub(" ", text[:20_000])))  # "padding **1**", "two pixels
    # of padding": the words as read, without their emphasis, numbers in words as digits ("padding ~~0~~ 2": 2)
    for c in p.contradictions:
        for m in label_pattern(c.pattern).finditer(plain):
            if not _HYPOTHETICAL.search(_sentence(plain, m.start(), m.end())):
                return f"{c.feedback} ({m.group().strip()!r})"
    return ""


# a sentence that tells what another setting would do, not what this layer has: "flax's nn.Conv uses padding='SAME'
# by default, which would keep 12×12", "if you pad by 1 you get 10×10", "you could also do k=7 with padding 1, but …
# I stick with that" (not "Could instead use 9×9 with padding 2": another answer offered)
_HYPOTHETICAL = re.compile(r"(?i)\b(?:would(?:n'?t)?|could\b[^\n]{0,160}?\b(?:but|however|stick|keep)|by\s+default"
                           r"|defaults?\s+to|if\s+(?:you|we|one|I)|otherwise|instead\s+of|careful|watch\s+out|trap|don'?t|do\s+not)\b")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``: up to the full stops (or line ends) around it."""
    stops = [m.start() for m in _STOP.finditer(text, max(0, start - 2_000), min(len(text), end + 2_000))]
    before = max([k for k in stops if k < start], default=max(-1, start - 2_001))
    after = min([k for k in stops if k >= end], default=min(len(text), end + 2_000))
    return text[before + 1:after]


_STOP = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bcf)(?<!\bvs)\. |\? |\n")  # not "e.g. k=7": an abbreviation


def _fuller(c: Any, v: tuple[float, ...], kind: list[tuple[Any, tuple[float, ...]]]) -> tuple[Any, tuple[float, ...]]:
    """"5×5×1, 20 of them (5×5×1×20)": a shape that another candidate holds whole, with more dimensions (or
    without its one input channel: "5×5×1×20 (20 filters of 5×5)", "20 filters of 5×5 (5×5×1×20)"), is that one
    said in part; the fuller one is the answer (and is what is judged). One read less surely on another line
    (another layer's "conv1's 5×5×1 filters" under the answer's "filter size 5×5") is not."""
    longer = [(d, w) for d, w in kind if len(w) > len(v) > 1
              and (getattr(d, "rank", 0) <= getattr(c, "rank", 0) or _statement(d) == _statement(c))
              and (w[:len(v)] == v or w[-len(v):] == v or (
                  (_in_aside(c) or (_in_aside(d) and getattr(d, "line", 0) == getattr(c, "line", 1)) or _restated(c))
                  and _one_channel_more(w, v)) or _count_more(w, v))]
    return max(longer, key=lambda t: len(t[1])) if longer else (c, v)


def _statement(c: Any) -> str:
    """Where a candidate was said: its line, or its table row (a row's cells are one statement)."""
    line = str(getattr(c, "line", id(c)))
    return line.split(" | ")[0] if " | " in line else line


def _count_more(w: tuple[float, ...], v: tuple[float, ...]) -> bool:
    """Whether ``w`` is the filter ``v`` (its one input channel said) with a count more, in the framework's order:
    "each filter is 5×5×1, i.e. the weight has shape 20×1×5×5"."""
    return len(w) == len(v) + 1 and 1 in v and any(
        w[k] > 1 and sorted(w[:k] + w[k + 1:]) == sorted(v) for k in range(len(w)))


def _one_channel_more(w: tuple[float, ...], v: tuple[float, ...]) -> bool:
    """Whether ``w`` is ``v`` (in any order) with one more dimension of 1: 5×5×1×20 and 20×5×5."""
    return len(w) == len(v) + 1 and any(w[k] == 1 and sorted(w[:k] + w[k + 1:]) == sorted(v) for k in range(len(w)))


def _restated(c: Any) -> bool:
    """"20×1×5×5, i.e. 20 filters of 5×5": a shape said again in words after "i.e." (in any order, its one
    channel left out) is the same filters."""
    line, end = _after_text(c)
    start = end - len(getattr(c, "text", ""))
    return end >= 0 and _THAT_IS.search(line[max(0, start - 40):start]) is not None


_THAT_IS = re.compile(r"(?:\bi\.\s*e\.?|\bthat\s+is\b|\bnamely\b|\bd\.\s*h\.|\bc\.-?à-?d\.?|\bes\s+decir\b|\bcioè\b"
                      r"|\bczyli\b|\bt\.\s*е\.|\bто\s+есть\b|\bou\s+seja\b|\btức\s+là\b|\byaitu\b|\byani\b|\bdvs\.?"
                      r"|即|也就是|つまり|すなわち|즉)[^.;\d]{0,30}$", re.IGNORECASE)  # in the class's languages


def _in_aside(c: Any) -> bool:
    """Whether a candidate stands inside brackets on its line ("5×5×1×20 (20 filters of size 5x5)"), an aside that
    says again what the line gives; "5×5×1×20 / 5×5×20" offers two."""
    line, end = _after_text(c)
    start = end - len(getattr(c, "text", ""))
    return end >= 0 and line.rfind("(", 0, start) > line.rfind(")", 0, start)


def _with_count(c: Any, v: tuple[float, ...], readable: list[tuple[Any, tuple[float, ...]]],
                dims: int) -> tuple[Any, tuple[float, ...]]:
    """"filters 5×5×1, 20 of them", "20 filters of size 5×5×1": a shape one dimension short with a count
    said on the same line is the shape with that count last (and is judged so, right or wrong)."""
    if len(v) == 1:  # "kernel_size=5": a square kernel said by its side; "(50 filters)" is a count, no side
        return (c, (v[0], v[0])) if dims == 2 and c.rank == 0 else (c, v)
    if len(v) == dims - 2 and (said_both := _channels_and_count(c)) is not None:
        return c, (*v, *said_both)  # "5x5 (1 channel, 20 filters)": both missing sizes said in its aside
    if len(v) != dims - 1:
        return c, v
    counts = [w for d, w in readable if len(w) == 1 and d.line == c.line and d.rank <= 3 and w[0] > 1]  # asides too
    if not counts and (said := _count_after(c) or _count_before(c)) is not None:
        counts = [(said,)]
    return (c, (*v, counts[0][0])) if len({w for w in counts}) == 1 else (c, v)


# right after a shape: how many of it ("5×5×1, × 20 filters", "5x5x1 (20 Stueck)", "5×5×1 filters, 20 of them")
_COUNT_AFTER = re.compile(r"\s*(?:filters?|kernels?)?\s*[,(]?\s*(?:[x×*]\s*|(?:and|with|und|mit|et|avec|con|com|"
                          r"وعددها|عددها)\s+)?(\d{1,4}|two|four|five|six|eight|ten|twelve|sixteen|twenty|thirty|forty|fifty|sixty|hundred)\s*"
                          r"(?:filters?|kernels?|of\s+them|St(?:ü|ue)ck|Filter|Kerne|\)|$|\s*[|/;,—–]"
                          r"|[^\W\d_]{2,20}\s*(?=\)|$|[|/;,—–]))", re.IGNORECASE)  # "(20 filtrů)", "(20 stuks)"


# "5x5 (20 filters, 1 channel)", "5x5 (x1 ch, 20 filters)": the in-channels and the count in the shape's aside
_CHANNELS = r"[x×*]?\s*(\d{1,4})\s*(?:input\s+|in[- ]?)?(?:ch\b\.?|channels?)"
_FILTERS = r"(\d{1,4})\s*(?:filters?|kernels?)"
_BOTH_AFTER = (re.compile(rf"\s*\(\s*{_CHANNELS}\s*[,;/&]\s*(?:and\s+)?{_FILTERS}\s*\)", re.IGNORECASE),
               re.compile(rf"\s*\(\s*{_FILTERS}\s*[,;/&]\s*(?:and\s+)?{_CHANNELS}\s*\)", re.IGNORECASE))


def _channels_and_count(c: Any) -> tuple[float, float] | None:
    line, end = _after_text(c)
    if end < 0:
        return None
    for k, pattern in enumerate(_BOTH_AFTER):
        if (m := pattern.match(line, end)) is not None:
            channels, count = (m.group(1), m.group(2)) if k == 0 else (m.group(2), m.group(1))
            return float(channels), float(count)
    return None


def _count_after(c: Any) -> float | None:
    line, end = _after_text(c)
    m = _COUNT_AFTER.match(line, end) if end >= 0 else None
    if m is None:
        return None
    return _many(m.group(1))  # "…, twenty of them"


def _many(said: str) -> float | None:
    """A count said in digits or in words ("20", "twenty"), when it is more than one."""
    count = float(_COUNT_WORDS.get(said.lower(), 0) or said)
    return count if count > 1 else None


# "twenty 5×5×1 filters", "20 5x5x1 kernels": how many, said before the shape the filters have
_COUNT_WORDS = {"two": 2, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10, "twelve": 12, "sixteen": 16,
                "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100}
_COUNT_BEFORE = re.compile(r"(?:^|[\s(,:=])(\d{1,4}|" + "|".join(_COUNT_WORDS) + r")\s+$", re.IGNORECASE)
_THEM_EACH = re.compile(r"(?:^|[\s(,:=])(\d{1,4}|" + "|".join(_COUNT_WORDS) + r")\s+of\s+them\s*[,;:]?\s*each\s+"
                        r"(?:(?:one\s+)?(?:is|of|has|with)\s+)?(?:size\s+)?$", re.IGNORECASE)
_FILTERS_AFTER = re.compile(r"\s*(?:filters?|kernels?)\b", re.IGNORECASE)


def _count_before(c: Any) -> float | None:
    line, end = _after_text(c)
    if end >= 0 and (them := _THEM_EACH.search(line, 0, end - len(getattr(c, "text", "")))) is not None:
        return _many(them.group(1))  # "conv1 filters: twenty of them, each 5×5×1"
    if end < 0 or not _FILTERS_AFTER.match(line, end):
        return None
    m = _COUNT_BEFORE.search(line, 0, end - len(getattr(c, "text", "")))
    return None if m is None else _many(m.group(1))


def _after_text(c: Any) -> tuple[str, int]:
    """A candidate's line and where its text ends in it (-1: the text is not found there)."""
    line, text = getattr(c, "line", ""), getattr(c, "text", "")
    at = line.find(text) if text else -1
    return line, at + len(text) if at >= 0 else -1


def _count_first(top: list[tuple[Any, tuple[float, ...]]]) -> list[tuple[Any, tuple[float, ...]]]:
    """"20×1×5×5 (20 filters of 1×5×5)": one line that gives a shape with its count first and again with
    the count last says the same filters twice; the count-first form is the one written whole."""
    out = []
    for c, v in top:
        twin = (v[-1], *v[:-1])
        if len(v) > 2 and twin != v and any(w == twin and d.line == c.line for d, w in top):
            continue
        out.append((c, v))
    return out or top
