"""Words after a formula that may change it, in any language: kept with the formula so that it is never read
without them (an answer the grader cannot read goes to a person; one read without its last words could pass).

``…, умноженное на w₂`` ("multiplied by w₂"), ``… 的一半`` ("half of it"), ``…, times w2``: a factor, a sign,
a number or an operation said in words after the math. ``…, j = 1, 2, 3`` or ``…, where x1 = w1 x`` change
nothing and are left to end the formula.
"""
from __future__ import annotations

import re

# letters of scripts no formula is written in (Cyrillic, Hebrew, Arabic, Indic, Thai, kana, CJK, Hangul)
OTHER_SCRIPT = "\u0400-\u04FF\u0590-\u06FF\u0900-\u0DFF\u0E00-\u0E7F\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF"
PROSE_SCRIPT = re.compile(f"[{OTHER_SCRIPT}]")
_MATH_MARK = re.compile(r"[A-Za-z0-9σαβγδθηλ∂∇±+\-−×·*/^²³⁻√]")
# an operation named in words, in the languages of the class
_OPERATION = re.compile(r"一半|相反|倍|乘|除|平方|倒数|负|反|半|배|곱|나누|제곱|반|역수|음수|掛|割|逆|負|умнож|дел|"
                        r"половин|обрат|минус|квадрат|противоп|ضرب|قسم|نصف|سالب|כפול|חלקי|חצי|שלילי|"
                        r"\b(?:times|multipl\w*|divid\w*|all\s+over|half|halv\w*|twice|double|negat\w*|minus|squared|inverse|reciprocal|"
                        r"mal|geteilt|halb\w*|mult\w*|divis\w*|moiti\w*|mitad|oppos\w*|opuest\w*|scal\w*|skalier\w*|"
                        r"multipli\w*|moltiplic\w*|vermenigvuldig\w*|pomnoż\w*|przemnoż\w*|nhân|çarp\w*|kali\w*"
                        # "…, and one more w2 in front", "(the w3 stays in front as a factor)", "has to go over …"
                        r"|in\s+front|one\s+more(?!\s+(?:link|step|layer|node|level|time))|(?:an)?other\s+factor|extra\s+(?:factor|term)|as\s+a\s+factor"
                        r"|go(?:es)?\s+over|from\s+the\s+outside|add(?:ed|ing)?|subtract\w*|plus"
                        r"|to\s+the\s+power|over\s+(?:\$?\s*N\b|n\b|the\s+number|two\b|2\b))\b",
                        re.IGNORECASE)


# the next equation of the line ("และ x2 = w2·σ1(x1)": "and", then a definition of its own)
_NEXT_EQUATION = re.compile(r"(?<![\w\\])[A-Za-z]\w{0,4}(?:_\{?\w{1,3}\}?)?(?:\([^()=]{0,12}\))?\s*=(?!=)")


_WORKED = re.compile(r"[·*×/+\-−(^]")  # a right side that works something out: a definition, not a point named


def changes_formula(tail: str) -> bool:
    """Whether words after a formula may change it: an operation in words, or any mark of math among words in
    a script the grader cannot read (up to where the line's next equation starts)."""
    if (nxt := _NEXT_EQUATION.search(tail)) is not None and PROSE_SCRIPT.search(tail, 0, nxt.start()):
        words = PROSE_SCRIPT.search(tail, nxt.end())
        last = list(_NEXT_EQUATION.finditer(tail))[-1]
        if _WORKED.search(tail, nxt.end(), words.start() if words else len(tail)) \
                and not PROSE_SCRIPT.search(tail, last.end()):  # not "在 x = xⁱ 处" (at x = xⁱ), and no words
            tail = tail[:nxt.start()]  # after the line's last equation ("…, где x2 = …, и это ещё умножить на w3")
    return _OPERATION.search(tail) is not None or (
        PROSE_SCRIPT.search(tail) is not None and _MATH_MARK.search(tail) is not None)


_REMARK = re.compile(r",\s*(?=[^\W\d_]{2,}\s)")  # ", where …", ", with …": a remark after the answer
_WORDS_AFTER = re.compile(r",\s*(?=[^\W\d_]{2,}\s+[^\W\d_])")  # ", and this …", ", und das …": prose begins


def changed_by_words_after(piece: str) -> int | None:
    """``σ2(x2), where x2 = w2 σ1(x1), and this still gets multiplied by w3``, ``σ2(x2), which we still have to
    scale by w3``: where the words begin (their comma) when a line's answer is followed, after any definition (a
    remark that changes nothing), by words that change it; the answer read alone would pass what is still to be
    multiplied. None when no such words follow."""
    equals = piece.find("=")
    words = _WORDS_AFTER.search(piece, equals) if equals >= 0 else None
    if words is None or _OPERATION.search(piece, words.end()) is None:
        return None
    remark = _REMARK.search(piece, equals)  # ", with ∇f_w = …" before the words: the answer ends at the first
    return remark.start() if remark is not None and remark.start() < words.start() else words.start()


def operation_named(text: str) -> bool:
    """An operation said in words ("times x", "divided by 2", "scale by w3", "умножить")."""
    return _OPERATION.search(text) is not None
