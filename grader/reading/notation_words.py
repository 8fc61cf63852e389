"""A function named in words: "I have used `s()` for sigmoid", "g denotes the logistic sigmoid", "the sigmoid is
written s". A TA reads s as σ from that sentence; the hand-in never writes s = σ as an equation.

Read from the hand-in's text with its math and code marks removed. Only a short name (one to three letters, not a
word of prose) is taken, and only before or after one of the homework's own function words.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_SAYS = (r"(?:for|f[üu]r|pour|para|per|voor|denotes?|means|represents|stands\s+for|is|=|:=|as|als|comme|como)")
_ARTICLE = r"(?:(?:the|a|die|der|la|le|el|il|de)\s+)?(?:logistic\s+|logistische\s+|logistique\s+)?"
_NAMED = r"(?:written|denoted|called|named|abbreviated|notated|geschrieben|not[ée]e?|llamada)"
_PROSE = {"is", "the", "for", "use", "and", "of", "a", "an", "to", "in", "as", "we", "i", "it", "by", "on", "or",
          "be", "die", "der", "la", "le", "el", "il", "de", "und", "et", "y", "e", "per", "ist", "als", "are"}
_MARKS = re.compile(r"[`$*]|(?<!\w)_|_(?!\w)|\\[()\[\]]")  # not the _ inside a name (dsigma_du)


def function_names(text: str, words: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(name, word) for each short name the text says stands for one of ``words`` (``sigmoid``), in order."""
    plain = _MARKS.sub(" ", text)
    for word in words:
        w = "|".join(re.escape(v) for v in (word, *_SYNONYMS.get(word, ())))
        w = f"(?:{w})"
        patterns = (
            # s() for sigmoid (not "dσ/du = sigmoid(u)(1 − …)": a derivative's denominator names nothing; not
            # "b = sigmoid(a)": the function applied, a value)
            rf"(?<![\w\\'/∂])([A-Za-z]{{1,3}})(?:\s*\(\s*\w?\s*\))?\s+{_SAYS}\s+{_ARTICLE}{w}\w*(?![\w(])",
            rf"\b{w}\w*\s+(?:function\s+|funktion\s+|fonction\s+)?(?:is\s+|ist\s+|est\s+)?{_NAMED}\s+"
            rf"(?:as\s+|by\s+|als\s+|par\s+)?([A-Za-z]{{1,3}})(?![\w'])",  # the sigmoid is written s
        )
        for pattern in patterns:
            for m in re.finditer(pattern, plain, re.IGNORECASE):
                if m.group(1).lower() not in _PROSE and not _OTHER_MEANING.search(_sentence(plain, m)):
                    yield m.group(1), word


# other words for a function, said in a sentence ("sig for the logistic function")
_SYNONYMS = {"sigmoid": ("logistic",)}
NOT_A_NUMBER = r"(?!\s*\d+(?:\.\d+)?\s*(?:[,;.)]|$))"  # "s=1, 20ch": a number, no function's definition


def usual_abbreviation(text: str, pieces: Iterable[str], name: str, derivative: bool = False) -> bool:
    """Whether ``name`` (``sig``) is used as a function (``sig(u)``, ``sig1(x1)``) and never defined: no formula
    gives it a meaning and no sentence says it is a derivative or anything else, so it is its usual word.
    ``derivative``: the name is a derivative's (``dsig``); only a definition, or a sentence giving it another
    meaning than the derivative (its inverse, the function itself), says otherwise."""
    if re.search(rf"(?<![A-Za-z\\]){name}\d?\s*\(", text) is None:
        return False
    defines = rf"(?<![A-Za-z\\_]){name}\s*(?:\(\s*\w\s*\))?\s*"
    if any(re.search(rf"{defines}(?::=|=|≔|<-|←){NOT_A_NUMBER}", p) for p in pieces) \
            or any(not _SIGMOID_ITSELF.match(text, m.end())
                   for m in re.finditer(rf"{defines}(?::=|=(?!=)|≔|<-|←)(?={NOT_A_NUMBER})", text)):
        return False  # sig(u) = …: the hand-in's own definition decides (not "s=1", a stride's value elsewhere;
        # not "# sig(u) = 1/(1+e^-u)" in a comment no formula reading takes: the sigmoid itself, its usual name)
    plain = _POSSESSIVE.sub("", _MARKS.sub(" ", text))
    if derivative:
        return not any(re.search(r"inverse|itself|logistic|sigmoid\s+(?:function|itself)|=", _sentence(plain, m), re.I)
                       for m in re.finditer(rf"(?<![A-Za-z\\]){name}(?![A-Za-z])", plain)
                       if _SAYS_WHAT.search(_sentence(plain, m)))
    return not any(_OTHER_MEANING.search(_sentence(plain, m))
                   for m in re.finditer(rf"(?<![A-Za-z\\]){name}(?![A-Za-z])", plain)
                   if _SAYS_WHAT.search(_sentence(plain, m)))


# a sentence that says what a name is: "let s denote", "s stands for", "I use sig for", "sig is"
# (words, not pieces of words: "forward", "this" say nothing)
_SAYS_WHAT = re.compile(r"\bdenot|\bmean|\bstand|\bwrit|\bwrote\b|\bcall|\blet\b|\bfor\b|\bus(?:e|ed|es|ing)\b|\bis\b",
                        re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b")  # "store x1, x2, sig's": a plural or a possessive, no prime


_SIGMOID_ITSELF = re.compile(r"\s*1\s*/\s*\(\s*1\s*\+\s*(?:e\s*\*\*|e\s*\^|exp|np\.exp|math\.exp)"
                             r"\s*\(?\s*-\s*\(?\s*\w\s*\)?\s*\)?\s*\)[ \t]*$", re.MULTILINE)
# words that give a name another meaning than the function itself: its derivative, slope, inverse
_OTHER_MEANING = re.compile(r"deriv|slope|gradient|prime|inverse|ableitung|steigung|d[ée]riv|pente|pendiente"
                            r"|производн|导数|微分|導関数|′|'(?![a-z])", re.IGNORECASE)  # a prime, not "I'm"


def _sentence(plain: str, m: re.Match[str]) -> str:
    start = max(plain.rfind(c, 0, m.start()) for c in ".!?\n") + 1
    ends = [i for c in ".!?\n" if (i := plain.find(c, m.end())) >= 0]
    return plain[start:min(ends, default=len(plain))]
