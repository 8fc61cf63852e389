"""Is the student's expression the reference function? Decided numerically, with mistake diagnosis."""
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from grader.checks.base import Check, CheckContext, Outcome
from grader.checks.chain import (
    CHAIN_RULE,
    EXPLICIT,
    RESTATES,
    UNREADABLE,
    UNWORKED,
    Side,
    base,
    chain_context,
    classify_text,
    describe_side,
    read_side,
    readable,
    strip_qualifier,
)
from grader.checks.readers import ExpressionReader
from grader.expressions.budget import BudgetExceeded
from grader.expressions.compare import Candidate, Tolerance, Verdict, compare
from grader.expressions.latex import split_chain
from grader.expressions.latex_state import Overlay
from grader.expressions.lenient import lenient_readings, restored_powers
from grader.expressions.parse import ExpressionSyntaxError, parse_expression
from grader.expressions.vec import Vec
from grader.homework import Reference
from grader.params import ParamError
from grader.reading.extract import HEDGE, LatexChain
from grader.rubric import RubricItem
from grader.sandbox.protocol import JSON

MISTAKE_KINDS = ("scale", "missing_factor", "variant")


@dataclass(frozen=True)
class Mistake:
    """A known slip: ``scale`` (answer = k·reference), ``missing_factor`` (answer·F = reference),
    ``variant`` (answer = another reference expression)."""

    kind: str
    feedback: str
    credit: float = 0.0
    factor: str | None = None
    reference: str | None = None


@dataclass(frozen=True)
class ExpressionParams:
    reference: str
    forbid: list[str] = field(default_factory=list)  # function names the asked-for form must not use
    form_credit: float = 0.5
    points: int = 16
    min_valid: int = 12
    rtol: float = 1e-6
    atol: float = 1e-9
    mistakes: list[Mistake] = field(default_factory=list)
    building_blocks: list[str] = field(default_factory=list)  # tags of named results an answer may use
    # a building block another item answers ({ grad = "<item id>" }): an answer written with it carries the
    # hand-in's own answer there; a right answer built on a wrong one of its own is a person's call
    carries: dict[str, str] = field(default_factory=dict)
    # what a right answer built on a wrong one of the hand-in's own gets: "review" (a person applies the course's
    # policy) or "forward" (error carried forward when the own block is a positive multiple of the right one, so
    # the answer keeps its meaning, a descent step say: the mistake costs points once, where it was made)
    carried_errors: str = "review"
    # names of the homework an answer to this item has no use for (σ's argument u in ∂f/∂w₃): one left in a
    # wrong answer is a name the hand-in used without defining it (σ(u) where it named u₁ and u₂), a person asks
    foreign: list[str] = field(default_factory=list)
    # a name an answer may be built on whose vector the hand-in may write out, with the reference expression of
    # each entry ({ "df/dw" = ["df_dw1", "df_dw2", "df_dw3"] }): an answer built on the hand-in's ∇f (written
    # out below it with a wrong entry) is not confirmed, a person decides
    stated: dict[str, list[str]] = field(default_factory=dict)


class ExpressionCheck(Check[ExpressionParams]):
    Params = ExpressionParams

    def reader(self, params: ExpressionParams) -> ExpressionReader:
        return ExpressionReader(forbid=tuple(params.forbid), stated=tuple(params.stated))

    def validate(self, params: ExpressionParams, reference: Reference) -> None:
        if params.reference not in reference.expressions:
            raise ParamError(f"params.reference: no reference expression {params.reference!r}")
        if not 1 <= params.min_valid <= params.points:
            raise ParamError("params.min_valid must be between 1 and params.points")
        if params.carried_errors not in ("review", "forward"):
            raise ParamError(f"params.carried_errors must be 'review' or 'forward', found {params.carried_errors!r}")
        for tag, names in params.stated.items():
            missing = [n for n in names if n and n not in reference.expressions]  # "": an entry not checked here
            if missing:
                raise ParamError(f"params.stated.{tag}: no reference expression {missing[0]!r}")
        for i, m in enumerate(params.mistakes):
            where = f"params.mistakes[{i}]"
            if m.kind not in MISTAKE_KINDS:
                raise ParamError(f"{where}.kind must be one of {', '.join(MISTAKE_KINDS)}, found {m.kind!r}")
            if m.kind in ("scale", "missing_factor"):
                if not m.factor:
                    raise ParamError(f"{where}.factor is required for kind {m.kind!r}")
                try:
                    parse_expression(m.factor, reference.vocabulary)
                except ExpressionSyntaxError as exc:
                    raise ParamError(f"{where}.factor: {exc}") from None
            if m.kind == "variant" and m.reference not in reference.expressions:
                raise ParamError(f"{where}.reference: no reference expression {m.reference!r}")
            if not 0 <= m.credit <= 1:
                raise ParamError(f"{where}.credit must be between 0 and 1")

    def grade(self, item: RubricItem[ExpressionParams], ctx: CheckContext) -> Outcome:
        p = item.params
        ref = ctx.reference.expressions[p.reference]
        raw = ctx.submission.answer(item.id)
        if raw is None:
            return Outcome.no_answer()
        if isinstance(raw, LatexChain):
            try:
                return self._grade_chain(raw, ref, p, ctx, item.text.lhs if item.text else None)
            except BudgetExceeded as exc:
                return Outcome(0.0, "review", f"not graded automatically: {exc}", {"answer": str(raw)[:500]})
        return self.grade_text(_as_text(raw), ref, p, ctx)

    def grade_text(self, text: str, ref: Any, p: ExpressionParams, ctx: CheckContext) -> Outcome:
        """An answer given as a plain expression (an answers file, a form field)."""
        try:
            answer = parse_expression(text, ctx.reference.vocabulary, allow_vector=isinstance(ref, list))
        except ExpressionSyntaxError as exc:
            return Outcome(0.0, "review", f"could not read the answer: {exc}", {"answer": text[:500]})
        try:
            return self._judge(answer, ref, p, ctx, {"answer": text[:500], "read_as": _show(answer)})
        except BudgetExceeded as exc:
            return Outcome(0.0, "review", f"not graded automatically: {exc}", {"answer": text[:500]})

    def _grade_offered(self, chain: LatexChain, ref: Any, p: ExpressionParams, ctx: CheckContext,
                       asked_tag: str | None, details: dict[str, JSON]) -> Outcome:
        """Two answers offered for one: whichever counts, a TA gives full marks when each is right on its own
        ("σ(u)(1 − σ(u)), i.e. σ'(u) = σ(1 − σ)" said twice in two places); otherwise a person decides."""
        offered = chain.sides[-1].split(HEDGE)
        each = [self._grade_chain(replace(chain, sides=[*chain.sides[:-1], *split_chain(text)]), ref, p, ctx, asked_tag)
                for text in offered]  # (each offered with its own left side, "w_new = …", read as that chain)
        if all(o.status == "pass" and o.fraction >= 1.0 for o in each):
            return replace(each[-1], feedback=f"{each[-1].feedback} (answered {len(each)} times, "
                                                          "each time right)".strip())
        shown = chain.sides[-1].replace(HEDGE, " or ")[:200]
        return Outcome(0.0, "review", f"two answers offered for one ({shown}): a person should decide which one counts",
                       details)

    def _grade_chain(self, chain: LatexChain, ref: Any, p: ExpressionParams, ctx: CheckContext,
                     asked_tag: str | None) -> Outcome:
        """The final explicit side is the answer; restatements never earn and never rescue."""
        details: dict[str, JSON] = {"answer": str(chain)[:1000], "found_in": f"part {chain.part}"}
        vocab = ctx.reference.latex
        if vocab is None:
            return Outcome.error("this homework cannot read LaTeX answers")
        notation = getattr(chain, "notation", None)
        overlay = notation.overlay if notation is not None else None
        classify = ctx.reference.classify_lhs
        lhs = chain.sides[0] if chain.named else None
        asked = {base(t) for t in (asked_tag,
                                   classify_text(classify, lhs, overlay) if lhs else None) if t}
        cc = chain_context(lhs or _asked_left_side(asked_tag, ctx.reference), asked, p.building_blocks,
                           len(ref) if isinstance(ref, list) else 0, vocab, overlay, classify)
        at = _at_argument(lhs, ref, cc)  # "σ'(z_1) = a_1(1 − a_1)": the derivative at the hand-in's own z_1
        if isinstance(ref, list) and (short := _short_range(chain.sides, len(ref))) is not None:
            return Outcome(0.0, "review", f"the answer is given for {short} only, not for every weight: a person "
                           "should decide", details)  # "w_j ← w_j − α ∂L/∂w_j, j = 1, 2": w3 left out
        texts = [strip_qualifier(t) for t in (chain.sides[1:] if chain.named else chain.sides)]
        if chain.flattened and any(restored_powers(t) != t for t in texts):
            texts = [restored_powers(t) for t in texts]  # "e−u", "(1 + e−u)2" in a text layer with no power at all
            details["read_with"] = ["this hand-in's text lost its superscripts: e−u read as e^{-u}, (…)2 as a square"]
        if texts and HEDGE in texts[-1]:
            return self._grade_offered(chain, ref, p, ctx, asked_tag, details)
        sides = [_outside(read_side(text, cc), overlay, ref) for text in texts if text]
        details["steps"] = [f"{s.text[:200]}: {describe_side(s)}" for s in sides]
        if not sides:  # "∂f/∂w_1 =" and nothing after it (a struck-out answer, a cut export)
            return Outcome(0.0, "review", "nothing follows the equals sign: a person should read the part", details)
        if any(re.fullmatch(r"\s*[a-z]\s*", s.text) and s.kind == UNREADABLE for s in sides[:-1]):
            # ∇L = i=1,2 2(…): a Σ lost in conversion (a letter the hand-in defined, ∂f/∂w_3 = b = …, is a step)
            return Outcome(0.0, "review", "the equation holds an index range (i = 1, 2) where a sum should be: "
                           "a summation sign lost in conversion? a person should decide", details)
        answers = [s for s in sides if s.kind not in (RESTATES, CHAIN_RULE)]
        if not answers:
            what = "the chain rule" if all(s.kind == CHAIN_RULE for s in sides) else "the question"
            return Outcome.failed(f"restates {what}, nothing derived: {describe_side(sides[-1])}", **details)
        final = answers[-1]
        if final.kind == UNREADABLE:
            return Outcome(0.0, "review", f"could not read the answer: {final.problem}", details)
        assert final.reading is not None
        details["read_as"] = readable(final.reading.value)
        if final.reading.info:
            details["read_with"] = list(final.reading.info)
        if final.unknown:
            return Outcome(0.0, "review", f"the answer {describe_side(final)}: a person should decide", details)
        if len(answers) > 1 and (other := _built_on_another(answers[:-1], asked | set(p.building_blocks), classify,
                                                             overlay)) is not None:
            return Outcome(0.0, "review", f"an earlier form is built on {other}, another answer of this hand-in's, "
                           "and is not worked out: whether it equals the final one is a person's call", details)
        outcome = self._judge(final.reading.value, at, p, ctx, {})
        if at is not ref and outcome.fraction < 1 and self._judge(final.reading.value, ref, p, ctx, {}).fraction >= 1:
            # "σ'(x_1) = σ(u)(1 − σ(u))": no answer at x_1, yet right in u: a person reads it
            outcome = Outcome(0.0, "review", "right in u, but written at another argument: a person should decide")
        verdict = self._verdict(final, answers[:-1], outcome, ref, p, ctx, details, also=at)
        if verdict.status == "fail" and (renamed := _renamed_variable(final.reading.value, ref)) is not None \
                and self._judge(renamed[1], ref, p, ctx, {}).fraction >= 1:
            # "1b  e^-x1/(1+e^-x1)^2": right with x_1 as the variable, which is also the handout's w_1·x
            return Outcome(0.0, "review", f"right if {renamed[0]} is read as the variable "
                           f"{next(iter(ref.free_symbols))}, but it is also a name of the handout's: a person should "
                           "decide", details)
        if verdict.status == "fail" and (stray := _stray_names(final.reading.value, p.foreign)):
            return Outcome(0.0, "review", f"not right as read, but it depends on {', '.join(stray)}, which an "
                           "answer here has no use for and this hand-in does not define: what does it stand for? a "
                           "person should decide", details)
        if verdict.status in ("fail", "partial") and (named := self._own_block(final, cc, ref, p, ctx)) is not None:
            return Outcome(0.0, "review", f"right if {named[0]} were the true {named[1]}, but {named[0]} is this "
                           f"hand-in's own {named[1]}, which is not right: whether the error carries forward is a "
                           "person's call", details)
        if verdict.status in ("fail", "partial"):
            return self._damaged(final, verdict, cc, ref, p, ctx, details)
        if verdict.status == "pass" and (own := self._stated_wrong(chain, p, ctx, overlay, classify)) is not None:
            return Outcome(0.0, "review", f"right as written, but this hand-in writes out {own}: the answer is built "
                           "on that, a person should decide", details)
        if verdict.status == "pass" and (unread := _entries_unread(answers[:-1], final, cc, p)) is not None:
            return Outcome(0.0, "review", f"right as written with {unread[1]}, but the entries written out before it "
                           f"({unread[0].text[:120]}) could not be read ({unread[0].problem}): a person should decide",
                           details)
        if verdict.status == "pass" and (carried := self._carried(final, cc, p, ctx)) is not None:
            why, scale = carried
            if p.carried_errors == "forward" and scale is not None and scale > 0:
                return Outcome(1.0, "pass", f"{why}; it is {scale:.4g} times the right one, so this is still a "
                               "descent step: the error counted where it was made (carried forward)", details)
            return Outcome(0.0, "review", f"{why}: whether the error carries forward is a person's call", details)
        return verdict

    def _stated_wrong(self, chain: LatexChain, p: ExpressionParams, ctx: CheckContext, overlay: Overlay | None,
                      classify: Any) -> str | None:
        """The first vector the hand-in writes out for a name the answer may be built on (``∇f = (…)ᵀ``) with an
        entry that is not the reference's (an entry not read is no evidence), described; None when there is none."""
        vocab = ctx.reference.latex
        if vocab is None:
            return None
        for tag, vector in chain.stated:
            names = p.stated.get(tag, [])
            if len(vector.entries) != len(names):
                continue
            for k, (entry, name) in enumerate(zip(vector.entries, names, strict=True), 1):
                if not entry or not name:
                    continue
                cc = chain_context(None, set(), [], 0, vocab, overlay, classify)
                side = _outside(read_side(entry, cc), overlay, ctx.reference.expressions[name])
                if side.kind not in (EXPLICIT, UNWORKED) or side.reading is None or side.unknown \
                        or not getattr(side.reading.value, "free_symbols", None):
                    continue  # a number is a value at some point (a printout), not the entry's formula
                plain = ExpressionParams(reference=name, rtol=p.rtol, atol=p.atol)
                verdict = self._judge(side.reading.value, ctx.reference.expressions[name], plain, ctx, {})
                if verdict.status != "review" and verdict.fraction < 1:
                    return f"{vector.text[:160]}, whose entry {k} ({entry[:80]}) is not right ({verdict.feedback})"
        return None

    def _carried(self, final: Side, cc: Any, p: ExpressionParams, ctx: CheckContext
                 ) -> tuple[str, float | None] | None:
        """Why a right answer written with a building block (``w − α∇L``) may not be full marks: the hand-in's own
        answer for that block (its ∇L) is not right, so the answer carries a wrong value (one not read is no
        evidence either way); with that block's size against the right one when it is a constant multiple.
        Whether an error carries forward is a course's policy (``carried_errors``). None when nothing is carried."""
        assert final.reading is not None
        tags = {base(classify_text(cc.classify, n.text, cc.overlay)) for n in final.reading.named}
        for name, item_id in p.carries.items():
            own = ctx.submission.answer(item_id) if name in tags else None
            if own is None or name not in ctx.reference.expressions:
                continue
            plain = ExpressionParams(reference=name, rtol=p.rtol, atol=p.atol,
                                     building_blocks=[b for b in p.building_blocks if base(b.rstrip("*")) != name])
            ref = ctx.reference.expressions[name]
            if isinstance(own, LatexChain):
                outcome = self._grade_chain(own, ref, plain, ctx, name)
            else:
                outcome = self.grade_text(_as_text(own), ref, plain, ctx)
            doubted = _DOUBTED in outcome.feedback
            if outcome.status == "review" and (not outcome.feedback.startswith(_UNREAD) or doubted):
                # its own ∇L offered twice, a slip in its last line, a sum lost, a name in it defined twice two ways
                # (r_i = f − y, then r_i := y − f): it may be another one than the right one
                return (f"written with this hand-in's own {name} ({str(own)[:160]}), which could not be confirmed "
                        f"({outcome.feedback[:160]})", None)
            if outcome.status in ("fail", "partial") and "read_as" in outcome.details:  # a value, not a restatement
                scale = outcome.details.get("scale")
                return (f"right with the true {name}, but the answer is written with this hand-in's own {name} "
                        f"({str(own)[:160]}), which is not right ({outcome.feedback})",
                        float(scale) if isinstance(scale, (int, float)) else None)
        return None

    def _own_block(self, final: Side, cc: Any, ref: Any, p: ExpressionParams, ctx: CheckContext
                   ) -> tuple[str, str] | None:
        """(name, block) when a wrong answer is written with a name the hand-in gave its own wrong value of a building
        block (``g = Σ 2(y − f)∇f``, then ``w ← w − ηg``): with the true block under that name it would be right,
        so the error may be carried, not made here (the same call as ``w − α∇L`` with its own ∇L wrong)."""
        overlay = cc.overlay
        if overlay is None or final.reading is None or not p.carries:
            return None
        for name in sorted(n for n in final.reading.names if n in overlay.symbols):
            own = overlay.symbols[name]
            for block in p.carries:
                true = ctx.reference.expressions.get(block)
                if true is None:
                    continue
                plain = ExpressionParams(reference=block, rtol=p.rtol, atol=p.atol)
                if self._judge(own, true, plain, ctx, {}).fraction >= 1:
                    continue  # the hand-in's own value is right: nothing is carried
                swapped = replace(overlay, symbols={**overlay.symbols,
                                                    name: Vec(true) if isinstance(true, list) else true})
                side = read_side(final.text, replace(cc, overlay=swapped))
                if side.reading is not None and not side.unknown \
                        and self._judge(side.reading.value, ref, p, ctx, {}).fraction >= 1:
                    return name, block
        return None

    def _damaged(self, final: Side, verdict: Outcome, cc: Any, ref: Any, p: ExpressionParams, ctx: CheckContext,
                 details: dict[str, JSON]) -> Outcome:
        """A wrong literal reading that a lost superscript or bracket would make right goes to a person."""
        for text in lenient_readings(final.text):
            side = _outside(read_side(text, cc), cc.overlay, ref)
            if side.kind != EXPLICIT or side.reading is None or side.unknown or side.reading.notes:
                continue
            if self._judge(side.reading.value, ref, p, ctx, {}).fraction >= 1:
                return Outcome(0.0, "review", f"read literally, {final.text[:120]!r} is not right "
                               f"({verdict.feedback}); read as {text[:120]!r} (a superscript or bracket lost "
                               "in conversion?) it is: a person should decide", details)
        return verdict

    def _verdict(self, final: Side, earlier: list[Side], outcome: Outcome, ref: Any, p: ExpressionParams,
                 ctx: CheckContext, details: dict[str, JSON], also: Any = None) -> Outcome:
        """Full marks only for an explicit, confirmed final side; a right earlier step never rescues. ``also``: the
        reference as the left side states it (at its own argument), which a step may equal too."""
        assert final.reading is not None
        if outcome.status == "review":
            return Outcome(0.0, "review", outcome.feedback, details)
        if final.kind == UNWORKED and outcome.fraction >= 1:
            return Outcome(0.0, "review", f"equal to the reference, but the answer {describe_side(final)}: "
                           "a person should decide", details)
        if final.reading.notes:
            verdict = "right" if outcome.fraction >= 1 else "not right"
            return Outcome(0.0, "review", f"{verdict} if {'; '.join(final.reading.notes)}: a person should "
                           f"confirm ({outcome.feedback})", details)
        explicit = [s for s in earlier if s.kind == EXPLICIT and s.reading is not None and not s.reading.notes
                    and not s.unknown]
        if outcome.fraction < 1:
            for side in explicit:
                if self._judge(side.reading.value, ref, p, ctx, {}).fraction >= 1:  # type: ignore[union-attr]
                    return Outcome(0.0, "review", f"an earlier step ({side.text[:120]}) equals the reference, "
                                   f"but the final one does not ({outcome.feedback}): a slip in the last line? "
                                   "a person should decide", details)
        else:  # a right final side after a false step is a chain of guesses, not a derivation
            for side in explicit:
                if _numbers_only(side.reading.value) and not _numbers_only(ref):  # type: ignore[union-attr]
                    continue  # "= (−0.0284, 0.1707, 0.2603) = Σ …": the formula worked out at an example's weights
                step = self._judge(side.reading.value, ref, p, ctx, {})  # type: ignore[union-attr]
                if also is not None and also is not ref and step.fraction < 1:
                    step = self._judge(side.reading.value, also, p, ctx, {})  # type: ignore[union-attr]
                if step.status == "fail" or (step.status == "partial" and not step.feedback.startswith(_EQUAL)):
                    # a sign flipped in a step is as false as any other slip; a step in another form is no slip
                    return Outcome(0.0, "review", f"the final side equals the reference, but an earlier step "
                                   f"({side.text[:120]}) does not ({step.feedback}): the chain is not a "
                                   "derivation; a person should decide", details)
        feedback = outcome.feedback
        if final.reading.info:
            feedback += f" (read with your notation: {'; '.join(final.reading.info)})"
        return Outcome(outcome.fraction, outcome.status, feedback, {**details, **outcome.details})

    def _judge(self, answer: Any, ref: Any, p: ExpressionParams, ctx: CheckContext,
               details: dict[str, JSON]) -> Outcome:
        vector = isinstance(ref, list)
        refs = ref if vector else [ref]
        answers = list(answer) if isinstance(answer, list) else [answer]
        if len(answers) != len(refs):
            return Outcome.failed(f"expected {len(refs)} component(s), found {len(answers)}", **details)
        if any(isinstance(a, list) for a in answers):  # a vector inside a vector: a shape no reading explains
            return Outcome(0.0, "review", "could not read the answer: a component written as a vector", details)
        verdicts = [self._compared(a, r, i, p, ctx) for i, (a, r) in enumerate(zip(answers, refs, strict=True))]
        parts = [self._component(a, v, p) for a, v in zip(answers, verdicts, strict=True)]
        if any(kind == "invalid" for _, _, kind in parts):
            return Outcome(0.0, "review", "; ".join(f for _, f, k in parts if k == "invalid"), details)
        fraction = sum(part[0] for part in parts) / len(parts)
        feedbacks = [f for _, f, _ in parts]
        if not vector:
            feedback = feedbacks[0]
        elif len(set(feedbacks)) == 1:
            feedback = f"every component: {feedbacks[0]}"
        else:
            feedback = "; ".join(f"component {i + 1}: {f}" for i, f in enumerate(feedbacks))
        ratios = {v.ratio for v in verdicts}
        if fraction < 1 and len(ratios) == 1 and (scale := ratios.pop()) is not None:
            details = {**details, "scale": scale}  # the whole answer is this multiple of the right one
        return Outcome.graded(fraction, feedback, **details)

    def _compared(self, answer: sp.Expr, ref: sp.Expr, index: int, p: ExpressionParams, ctx: CheckContext) -> Verdict:
        return compare(answer, ref, ctx.reference.numeric_model, points=p.points, min_valid=p.min_valid,
                       seed=ctx.seed, tol=Tolerance(p.rtol, p.atol),
                       candidates=self._candidates(p, ref, index, ctx.reference))

    @staticmethod
    def _component(answer: sp.Expr, verdict: Verdict, p: ExpressionParams) -> tuple[float, str, str]:
        """(fraction, feedback, kind) for one component of an answer."""
        if verdict.imprecise:
            return 0.0, ("its value depends on the working precision (cancellation or huge values), "
                         "so it cannot be compared reliably"), "invalid"
        if verdict.valid_points < p.min_valid:
            return 0.0, (f"invalid answer: defined at only {verdict.valid_points} of {p.points} sample points "
                         f"(at least {p.min_valid} needed)"), "invalid"
        if verdict.equal:
            used = sorted(functions_used(answer) & set(p.forbid))
            if used:
                return p.form_credit, (f"{_EQUAL}, but the asked-for form must not use "
                                       f"{', '.join(used)}"), "form"
            return 1.0, "correct", "ok"
        if verdict.mistake:
            return verdict.mistake.credit, verdict.mistake.feedback, "mistake"
        if verdict.ratio is not None:
            return 0.0, f"not equal to the reference: it is {verdict.ratio:.4g} times the right answer", "wrong"
        return 0.0, "not equal to the reference", "wrong"

    @staticmethod
    def _candidates(p: ExpressionParams, ref: sp.Expr, index: int, reference: Reference) -> list[Candidate]:
        out: list[Candidate] = []
        for m in p.mistakes:
            if m.kind == "variant":
                variant = reference.expressions[m.reference]  # type: ignore[index]
                expr = variant[index] if isinstance(variant, list) else variant
            else:
                factor = parse_expression(m.factor or "1", reference.vocabulary)
                expr = sp.Mul(ref, factor, evaluate=False) if m.kind == "scale" else sp.Mul(
                    ref, sp.Pow(factor, -1, evaluate=False), evaluate=False)
            out.append(Candidate(m.kind, expr, m.feedback, m.credit))
        if not any(m.kind == "scale" and m.factor == "-1" for m in p.mistakes):
            out.append(Candidate("scale", sp.Mul(sp.S.NegativeOne, ref, evaluate=False),
                                 "sign flipped: the answer is minus the right one"))
        return out


# an own answer sent to a person only because it was not read (no sign that it differs from the right one): an
# answer built on it carries it forward as a right one would (the person reading it sees both)
_EQUAL = "equal to the reference"  # how a partial that is right in value (in a form not asked for) begins
_DOUBTED = "is defined twice, differently"  # a name read two ways: no "not read", a doubt about which
_UNREAD = ("could not read", "the answer still holds", "no answer found", "nothing follows")


_RANGE_SAID = re.compile(r"(?:\\q?quad|[,;~(]|\\[,;:!])\s*\(?\s*(?:\\text\s*\{\s*(?:for|where)[^{}]*\}|\\forall)?\s*"
                         r"([a-z])\s*(?:=|\\in)\s*(?:\\\{)?\s*(\d(?:\s*,\s*\d)*)\s*(?:\\\})?\s*\)?\s*[.,]?\s*$")


def _short_range(sides: list[str], size: int) -> str | None:
    """``j = 1, 2`` after an answer given by a generic index of the weights (``w_j``), where the weights are
    ``size``: the range it says (it leaves a weight out), else None. (``i = 1, 2`` of the data points is no
    weight's range.)"""
    m = _RANGE_SAID.search(sides[-1][-200:])
    if m is None or not re.search(rf"(?:w|\\theta|θ)\s*_\s*\{{?\s*{m.group(1)}\b", " ".join(sides)):
        return None
    said = {int(d) for d in re.findall(r"\d", m.group(2))}
    return None if said == set(range(1, size + 1)) else f"{m.group(1)} = {', '.join(map(str, sorted(said)))}"


def _built_on_another(earlier: list[Any], asked: set[str], classify: Any, overlay: Any) -> str | None:
    """"∂f/∂w1 = (∂f/∂w2)·w2 σ1'(x1) x, or equivalently …": an earlier side that holds another asked quantity
    (an item of its own, not a step of this one's chain rule nor a result it may use, ``asked``), left unworked;
    its name, else None."""
    for side in earlier:
        if side.kind != UNWORKED:
            continue
        for name in side.unworked:
            tag = classify_text(classify, name, overlay)
            if tag and not tag.startswith("definition") and not any(
                    base(tag) == b or b.endswith("*") and base(tag).startswith(b.rstrip("*")) for b in asked):
                return name  # (a building block the item may use, ∇L in the update, is no other answer)
    return None


def _at_argument(lhs: str | None, ref: Any, cc: Any) -> Any:
    """The reference of a function's derivative (in its variable u) at the argument the left side gives it, when that
    is one of the hand-in's own names ("σ'(z_1) = a_1(1 − a_1)" with z_1 = w_1x): the answer is a function of that
    name, right when it equals the derivative there. Else the reference as it is."""
    from grader.expressions.lhs import describe

    if not lhs or not isinstance(ref, sp.Expr):
        return ref
    shape = describe(lhs, cc.vocab, cc.overlay)
    if shape is None or shape.kind != "apply" or not shape.of.endswith("'") \
            or re.fullmatch(r"[a-z]|\\[a-z]+", shape.arg or ""):
        return ref
    params = [w for (n, w) in cc.vocab.derivatives if n == shape.of.rstrip("'") and w in cc.vocab.symbols]
    if not params:
        return ref
    side = read_side(shape.arg, replace(cc, scopes=(cc.scopes[0],)))
    value = side.reading.value if side.kind == EXPLICIT and side.reading is not None else None
    if not isinstance(value, sp.Expr) or not value.free_symbols or side.unknown:
        return ref
    return ref.subs(cc.vocab.symbols[params[0]], value)


def _stray_names(value: Any, foreign: list[str]) -> list[str]:
    """The names an answer depends on that an answer to its item has no use for."""
    values = value if isinstance(value, list) else [value]
    used = set().union(*(e.free_symbols for e in values if isinstance(e, sp.Basic)))
    return sorted(str(s) for s in used if str(s) in foreign)


def _asked_left_side(tag: str | None, reference: Reference) -> str | None:
    """For an answer written without its left side (``1b  σ(1-σ)``): the derivative the item asks for, as the
    homework writes it (``\\frac{d\\sigma}{du}``), so that σ written alone takes its argument from it."""
    vocab, classify = reference.latex, reference.classify_lhs
    if tag is None or vocab is None or classify is None:
        return None
    for function, variable in vocab.derivatives:
        text = f"\\frac{{d{function}}}{{d{variable}}}"
        if re.fullmatch(r"[a-z]", variable) and classify(text) == tag:
            return text
    return None


def _outside(side: Side, overlay: Overlay | None, ref: Any) -> Side:
    """The side with the hand-in's values of the problem's variables (u = w_1 x) put in, where the reference
    is not a function of them."""
    if overlay is None or not overlay.outside or side.reading is None:
        return side
    used = set().union(*(r.free_symbols for r in (ref if isinstance(ref, list) else [ref])))
    values = {s: v for s, v in overlay.outside.items() if s not in used}
    if not values:
        return side
    value = side.reading.value
    put = [e.xreplace(values) for e in value] if isinstance(value, list) else value.xreplace(values)
    if put == value:
        return side
    side.reading.value = type(value)(put) if isinstance(value, list) else put
    side.reading.info.extend(overlay.notes[str(s)] for s in values if str(s) in overlay.notes)
    return side


def functions_used(expr: sp.Expr) -> set[str]:
    names = {type(f).__name__ for f in expr.atoms(AppliedUndef)}
    if expr.atoms(sp.exp) or sp.E in expr.atoms():
        names.add("exp")
    if expr.atoms(sp.cosh, sp.sinh, sp.tanh):
        names.add("hyperbolic")  # cosh, sinh, tanh: exp in another form, not the exp form itself
    return names


def _as_text(raw: Any) -> str:
    if isinstance(raw, list):
        return "[" + ", ".join(str(v) for v in raw) + "]"
    return str(raw)


def _show(expr: sp.Expr | list[sp.Expr]) -> str:
    return str(expr) if not isinstance(expr, list) else "[" + ", ".join(str(e) for e in expr) + "]"



def _entries_unread(earlier: list[Side], final: Side, cc: Any, p: ExpressionParams) -> tuple[Side, str] | None:
    """"w_j := w_j − α·…" each written out (read as one vector), then "i.e. w_new = w − α∇L": the final side names
    another item's answer (a building block it carries, or one it is built on: ∇L = Σ −2(yⁱ − f(xⁱ))∇f(xⁱ)), so it
    always equals the reference and can confirm nothing;
    entries written out before it that could not be read are the answer a person reads. The unread entries and the
    block's name; None otherwise."""
    assert final.reading is not None
    unread = [s for s in earlier if s.kind == UNREADABLE and s.text.lstrip().startswith("\\begin{bmatrix}")]
    own_wrong = bool(unread) and "you defined" in (unread[0].problem or "")  # entries written with a definition of
    # the hand-in's own that is not right ("σ'(u) = −…"): the general form built on ∇f(xⁱ) cannot vouch for them
    named = [n.text for n in final.reading.named
             if (tag := base(classify_text(cc.classify, n.text, cc.overlay) or "")) in p.carries
             or own_wrong and tag and any(fnmatch.fnmatchcase(tag, block) for block in p.building_blocks)]
    return (unread[0], named[0][:40]) if unread and named else None


def _numbers_only(value: Any) -> bool:
    """Whether a reading is a number (or a vector of numbers): a value worked out at a point, no formula."""
    entries = list(value) if isinstance(value, Vec) else [value]
    return all(isinstance(e, sp.Expr) and not e.free_symbols and not e.atoms(AppliedUndef) for e in entries)


def _renamed_variable(value: Any, ref: Any) -> tuple[str, sp.Expr] | None:
    """An answer in one other symbol where the reference is a function of one variable (``e^{-x_1}/(1+e^{-x_1})^2``
    for dσ/du): the symbol's name and the answer with the variable put for it; None otherwise."""
    if not isinstance(value, sp.Expr) or not isinstance(ref, sp.Expr) or len(ref.free_symbols) != 1:
        return None
    variable = next(iter(ref.free_symbols))
    own = value.free_symbols
    if variable in own or len(own) != 1:
        return None
    symbol = next(iter(own))
    return str(symbol), value.xreplace({symbol: variable})
