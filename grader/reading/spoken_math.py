"""Math written as it is spoken, set as the formula it speaks.

A student who works with a screen reader or dictation hands in math in words: MathSpeak as a screen reader
speaks it ("StartFraction d sigma Subscript 1 Baseline Over d u EndFraction equals …"), ClearSpeak ("the fraction
with numerator e to the negative u power and denominator …"), or dictated English ("d sigma one over d u equals
sigma one of u times open paren one minus sigma one of u close paren"). A TA reads such a line as the formula
it speaks; here it is set as that formula, in LaTeX between dollars, for the readers of math that follow.

Only a run of words that are all math words, holding an equals sign, is set: a word outside the vocabulary
ends the run ("…, which is …"), and a run that does not translate whole (an unknown construction, brackets that
do not close) is left as the words it was, so a person reads it. Nothing is evaluated: words map to LaTeX.
"""
from __future__ import annotations

import re

_NUMBER_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                 "seven": "7", "eight": "8", "nine": "9", "ten": "10"}
_ORDINALS = {"first": "1", "second": "2", "third": "3", "i-th": "i", "ith": "i", "j-th": "j", "k-th": "k"}
_GREEK = {"sigma": "\\sigma", "alpha": "\\alpha", "eta": "\\eta", "beta": "\\beta", "delta": "\\delta",
          "lambda": "\\lambda", "theta": "\\theta", "mu": "\\mu", "tau": "\\tau", "phi": "\\phi"}
_OPERATORS = {"plus": "+", "minus": "-", "times": "\\cdot", "dot": "\\cdot", "equals": "=", "comma": ","}
# words that may stand inside a run of spoken math; any other word ends it
_STRUCTURE = {"of", "to", "the", "power", "sub", "subscript", "superscript", "baseline", "over", "by", "divided",
              "open", "close", "left", "right", "paren", "parenthesis", "bracket", "left-parenthesis",
              "right-parenthesis", "startfraction", "endfraction", "startstartfraction", "overover",
              "endendfraction", "fraction", "with", "numerator", "denominator", "and", "squared", "cubed", "prime",
              "negative", "d", "partial", "partial-differential", "nabla", "gradient", "respect", "sum", "from",
              "for", "in", "element-of", "sigma-summation", "underscript", "overscript", "endscripts", "cap",
              "upper", "script", "at", "raised", "is", "equal", "left-arrow", "gets", "new", "you", "why", "normal",
              "start", "matrix", "row", "endmatrix", "1st", "2nd", "3rd", "startset", "endset", "derivative"}
_LETTER = re.compile(r"[a-zA-Z]")
_NAME = re.compile(r"[a-zA-Z]|\\[a-z]+")  # a name with no index yet
_INDEXED = re.compile(r"([a-zA-Z])(\d)")  # "x1", "w3": a name and its index, written together
_TOKEN = re.compile(r"\d(?:st|nd|rd|th)\b|[A-Za-z]\d\b|[A-Za-z][A-Za-z\-]*|\d+|,|\S")
_OPEN = {"open", "left"}
_PAREN = {"paren", "parenthesis", "bracket"}


class _Untranslatable(Exception):
    """The words are not spoken math this reading knows: they stay as they were."""


class _Reader:
    """A recursive reading of a run of spoken-math words into LaTeX."""

    def __init__(self, words: list[str]) -> None:
        self.raw = words
        self.words = [w.lower() for w in words]
        self.pos = 0
        self.in_fraction = 0  # inside MathSpeak's "StartFraction … Over": its "Over" is the fraction's own

    def peek(self, ahead: int = 0) -> str:
        k = self.pos + ahead
        return self.words[k] if k < len(self.words) else ""

    def take(self, *expected: str) -> bool:
        """Consume the words ``expected`` when they come next."""
        if all(self.peek(k) == w for k, w in enumerate(expected)):
            self.pos += len(expected)
            return True
        return False

    def sequence(self, stops: frozenset[str] = frozenset()) -> str:
        """Terms and operators up to a word in ``stops`` (not consumed) or the end."""
        out: list[str] = []
        while self.pos < len(self.words) and self.peek() not in stops:
            if self.peek() == ",":
                self.pos += 1  # a spoken pause
                continue
            if (sign := self._operator()) is not None:
                out.append(sign)
                continue
            if self._closes(stops):
                break
            out.append(self.term())
        return " ".join(out)

    def _closes(self, stops: frozenset[str]) -> bool:
        return ")" in stops and self.peek() in ("close", "right", "right-parenthesis")

    def _operator(self) -> str | None:
        word = self.peek()
        if word in _OPERATORS:
            self.pos += 1
            return _OPERATORS[word]
        if self.take("divided", "by"):
            return "/"
        if self.take("is", "equal", "to"):
            return "="
        if word in ("left-arrow", "gets"):
            self.pos += 1
            return "\\leftarrow"
        if word == "over" and self.peek(1) not in ("", ","):
            self.pos += 1
            return "/"
        if word == "by" and self.peek(1) not in ("", ","):
            self.pos += 1
            return "\\times"  # "24 by 24 by 20": a size ("d f by d w" is a derivative, read with its d)
        if word in ("in", "element-of"):
            self.pos += 1
            return "\\in"
        return None

    def term(self) -> str:
        """One atom with its scripts, primes and argument ("sigma sub 1 of u", "e to the negative u power")."""
        atom = self.atom()
        while True:
            word = self.peek()
            if word in _NUMBER_WORDS and _LETTER.search(atom) and "_" not in atom and not atom.startswith("\\frac") \
                    and not atom.startswith("("):
                self.pos += 1
                atom = f"{atom}_{{{_NUMBER_WORDS[word]}}}"  # "w three", "sigma one": an index
            elif word.isdigit() and len(word) == 1 and _LETTER.search(atom) and "_" not in atom \
                    and not atom.startswith(("(", "\\frac")) and self.peek(1) not in ("", ","):
                self.pos += 1
                atom = f"{atom}_{{{word}}}"
            elif word == "new" and _NAME.fullmatch(atom):
                self.pos += 1
                atom = f"{atom}_{{\\text{{new}}}}"  # "w new": the updated weights
            elif word == "to" and self.peek(1) not in ("the", "minus", "negative", "power", "") \
                    and _NAME.fullmatch(atom) and atom != "e":
                self.pos += 1
                atom = f"{atom}_{{2}}"  # dictation's "x to" for "x two"
            elif word in ("sub", "subscript"):
                self.pos += 1
                script = self.atom()
                self.take("baseline")
                atom = f"{atom}_{{{script}}}"
            elif word == "superscript":
                self.pos += 1
                sign = "-" if self.take("negative") or self.take("minus") else ""
                script = self.atom()
                self.take("baseline")
                atom = f"{atom}^{{{sign}{script}}}"
            elif word in ("squared", "cubed"):
                self.pos += 1
                atom = f"{atom}^{{{'2' if word == 'squared' else '3'}}}"
            elif word == "prime":
                self.pos += 1
                atom = f"{atom}'"
            elif word == "to" and self.peek(1) == "the" or word == "raised" and self.peek(1) == "to":
                atom = f"{atom}^{{{self._power()}}}"
            elif word in ("of", "at") and self.peek(1) not in ("", "the"):
                self.pos += 1
                self.take(",")
                argument = self.term()
                if self.peek() in ("times", "dot", "by") and not argument.startswith(("x", "u", "\\left(")):
                    raise _Untranslatable  # "sigma of w two times sigma of …": where the argument ends, unsaid
                atom = f"{atom}\\left({argument}\\right)"
            elif word == "i" and _LETTER.fullmatch(atom[:1]) and "^" not in atom:
                self.pos += 1
                atom = f"{atom}^{{i}}"  # "x i", "y i": the i-th data point
            else:
                return atom

    def _power(self) -> str:
        self.take("raised")
        if not self.take("to", "the"):
            raise _Untranslatable
        if self.take("power", "of") or self.take("power"):
            return self.atom()
        sign = "-" if self.take("minus") or self.take("negative") else ""
        if self.peek() in _ORDINALS:
            power = _ORDINALS[self.words[self.pos]]
            self.pos += 1
        else:
            power = self.atom()
        self.take("power")
        return f"{sign}{power}"

    def atom(self) -> str:
        word = self.peek()
        if not word:
            raise _Untranslatable
        self.pos += 1
        if word in _NUMBER_WORDS:
            return _NUMBER_WORDS[word]
        if word.isdigit():
            return word
        if word in ("minus", "negative"):
            return f"-{self.term()}"
        if word in _GREEK:
            return _GREEK[word]
        if (m := _INDEXED.fullmatch(word)) is not None:
            return f"{m.group(1)}_{{{m.group(2)}}}"
        if word in _OPEN and self.peek() in _PAREN or word == "left-parenthesis":
            if word != "left-parenthesis":
                self.pos += 1  # "paren", "parenthesis", "bracket"
            inside = self.sequence(frozenset({")"}))
            if not (self.take("close", self.peek(1)) and self.words[self.pos - 1] in _PAREN
                    or self.take("right", self.peek(1)) and self.words[self.pos - 1] in _PAREN
                    or self.take("right-parenthesis")):
                raise _Untranslatable
            return f"\\left({inside}\\right)"
        if word in ("startfraction", "startstartfraction"):
            over, end = ("over", "endfraction") if word == "startfraction" else ("overover", "endendfraction")
            self.in_fraction += 1
            top = self.sequence(frozenset({over}))
            self.in_fraction -= 1
            if not self.take(over):
                raise _Untranslatable
            bottom = self.sequence(frozenset({end}))
            if not self.take(end):
                raise _Untranslatable
            return f"\\frac{{{top}}}{{{bottom}}}"
        if word == "the" and self.take("fraction", "with", "numerator"):
            top = self.sequence(frozenset({"and"}))
            if not self.take("and", "denominator"):
                raise _Untranslatable
            self.take(",")
            bottom = self.sequence(frozenset({"equals", "and", ","}))  # (its end said by a pause)
            return f"\\frac{{{top}}}{{{bottom}}}"
        if word in ("d", "partial", "partial-differential"):
            top = self.term()
            if self.peek() in ("over", "by") and self.peek(1) in ("d", "partial", "partial-differential") \
                    and not self.in_fraction:
                self.pos += 2
                bottom = self.term()
                sign = "d" if word == "d" else "\\partial "
                return f"\\frac{{{sign}{top}}}{{{sign}{bottom}}}"
            return f"{'d' if word == 'd' else chr(92) + 'partial '}{top}"
        if word == "the" and self.peek() in ("sum", "gradient", "derivative", "partial"):
            return self.atom()
        if word == "derivative" or word == "partial" and self.peek() in ("of", "derivative"):
            sign = "d" if word == "derivative" else "\\partial "
            self.take("derivative")
            if not self.take("of"):
                raise _Untranslatable
            top = self.term()
            if not self.take("with", "respect", "to"):
                raise _Untranslatable
            return f"\\frac{{{sign}{top}}}{{{sign}{self.atom()}}}"  # "derivative of f with respect to w2"
        if word in ("sum", "sigma-summation"):
            return self._sum()
        if word == "nabla" or word == "gradient" and self.take("of"):
            if word == "nabla" and self.take("sub"):
                below = self.atom()
                return f"\\nabla_{{{below}}} {self.term()}"
            if word == "nabla" and self.take("subscript"):
                below = self.atom()
                self.take("baseline")
                return f"\\nabla_{{{below}}} {self.term()}"
            body = self.term()
            if self.take("with", "respect", "to"):
                return f"\\nabla_{{{self.atom()}}} {body}"
            return f"\\nabla {body}"
        if word in ("cap", "upper"):
            letter = self.peek()
            if not _LETTER.fullmatch(letter):
                raise _Untranslatable
            self.pos += 1
            return letter.upper()
        if word == "script" and self.take("upper"):
            return self.atom().upper()
        if word == "normal":
            return self.atom()  # MathSpeak's upright letter: "normal nabla"
        if word == "new":
            return "\\text{new}"
        if word == "start" and self.peek().isdigit() and self.take(self.peek(), "by") and self.peek().isdigit():
            return self._matrix()
        if word == "startset":
            inside = self.sequence(frozenset({"endset"}))
            if not self.take("endset"):
                raise _Untranslatable
            return f"\\{{{inside}\\}}"
        if word == "why":
            return "y"  # dictation's "why" for y
        if word == "you":
            return "u"
        if _LETTER.fullmatch(word) and word != "a":
            return self.raw[self.pos - 1]  # "L", "D": as written
        raise _Untranslatable

    def _matrix(self) -> str:
        """MathSpeak's "Start 3 By 1 Matrix 1st Row … 2nd Row … EndMatrix": a matrix, row by row."""
        self.pos += 1  # its column count
        if not self.take("matrix"):
            raise _Untranslatable
        rows: list[str] = []
        while self.peek() in ("1st", "2nd", "3rd") and self.peek(1) == "row":
            self.pos += 2
            rows.append(self.sequence(frozenset({"1st", "2nd", "3rd", "endmatrix"})))
        if not rows or not self.take("endmatrix"):
            raise _Untranslatable
        return "\\begin{pmatrix} " + " \\\\ ".join(rows) + " \\end{pmatrix}"

    def _sum(self) -> str:
        """"sum for i equals 1 to 2 of", "sum over open paren x comma y close paren in cap D of", MathSpeak's
        "sigma-summation Underscript … Overscript … Endscripts": ``\\sum_{…}^{…}``."""
        if self.take("underscript"):
            below = self.sequence(frozenset({"overscript", "endscripts"}))
            above = self.sequence(frozenset({"endscripts"})) if self.take("overscript") else ""
            if not self.take("endscripts"):
                raise _Untranslatable
            return f"\\sum_{{{below}}}^{{{above}}}" if above else f"\\sum_{{{below}}}"
        if self.take("for") or self.take("from") or self.take("over"):
            below = self.sequence(frozenset({"to", "of"}))
            above = ""
            if self.take("to"):
                above = self.atom()
            if not self.take("of"):
                raise _Untranslatable
            self.take(",")
            return f"\\sum_{{{below}}}^{{{above}}}" if above else f"\\sum_{{{below}}}"
        raise _Untranslatable


def _in_vocabulary(word: str) -> bool:
    w = word.lower()
    return w in _STRUCTURE or w in _OPERATORS or w in _NUMBER_WORDS or w in _GREEK or w in _ORDINALS \
        or w.isdigit() or w == "," or _INDEXED.fullmatch(w) is not None \
        or (len(w) == 1 and w.isalpha() and word != "I" and w != "a")


_EDGE = {"the", "and", "with", "of", "to", "by", ",", "is", "at", "in", "for", "from", "over"}
_SPOKEN = re.compile(r"\b(?:equals|is\s+equal\s+to|left-arrow)\b", re.IGNORECASE)
_CUE = re.compile(r"\b(?:paren|parenthesis|fraction|sub|subscript|superscript|times|plus|minus|over|sigma|squared"
                  r"|partial|nabla)\b", re.IGNORECASE)
# a run that names a variable ("sigma", "w three", "x"): math with names, not arithmetic (which the values are
# read from as it is written)
_NAMED = re.compile(r"\b(?:sigma|alpha|nabla|gradient|partial|[a-zA-Z](?:\d|\b))", re.IGNORECASE)
_MOST_RUN = 400  # words in one run of spoken math


def spoken_formulas(text: str) -> str:
    """``text`` with each run of spoken math holding an equals sign set as ``$…$`` (see the module's docstring)."""
    if not _SPOKEN.search(text) or not _CUE.search(text):
        return text
    return "\n".join(_line(line) if _SPOKEN.search(line) and "$" not in line and "\\" not in line else line
                     for line in text.split("\n"))


_EQUATES = ("equals", "equal", "left-arrow", "gets")
# what may stand around a formula spoken on its own line: a label or "Answer:" before it, punctuation after it;
# a sentence beside it ("Sorry, I mean …", "Scratch that.", "not sure whether …") may change it, and a
# reading of words cannot tell: the formula is then left to a person
_LEAD = re.compile(r"[ \t>*_#•-]*(?:(?:\(?[a-h]\)|\(?(?:i{1,3}|iv)\)|part[ \t]+\w{1,3}(?:[ \t]+\w{1,3})?[.:]?"
                   r"|[^\n]{0,60}[:|]|so|thus|hence|then|and|written out:?)[ \t*_]*)?", re.IGNORECASE)
_TAIL = re.compile(r"[ \t.,;:*_)]*(?:\|[^\n]{0,200})?")  # (a table's cell: the next cells after its bar)


def _line(line: str) -> str:
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(line)]
    out, last, k = [], 0, 0
    while k < len(tokens):
        if not _in_vocabulary(tokens[k][2]):
            k += 1
            continue
        j = k
        while j < len(tokens) and j - k < _MOST_RUN and _in_vocabulary(tokens[j][2]):
            j += 1
        run = tokens[k:j]
        while run and run[0][2].lower() in _EDGE - {"the"}:
            run = run[1:]
        while run and run[-1][2].lower() in _EDGE:
            run = run[:-1]
        words = [t[2] for t in run]
        glued = bool(run) and run[0][0] > 0 and not line[run[0][0] - 1].isspace()  # "∂f/∂w₃ equals …": mid-formula
        said = " ".join(words)
        if len(words) >= 4 and any(w.lower() in _EQUATES for w in words) and not glued \
                and _CUE.search(said):
            whole = _LEAD.fullmatch(line[:run[0][0]]) is not None and _TAIL.fullmatch(line[run[-1][1]:]) is not None
            latex = _translated(words) if whole else None  # (words around it may change it: a person)
            if latex is None and len(words) >= 6 and len(_CUE.findall(said)) >= 2 and _NAMED.search(said):
                latex = _unread(words)  # spoken math not read: a formula no reading takes, so its part goes to
                # a person (rather than an earlier line, "d f by d w two equals …", standing in for it)
            if latex is not None:
                out += [line[last:run[0][0]], latex]
                last = run[-1][1]
        k = j
    return "".join(out) + line[last:] if out else line


def _unread(words: list[str]) -> str:
    """A run of spoken math that does not translate whole, set as its left side (when that translates) equal to
    its words: ``$\\frac{df}{dw_2} = \\text{w three times …}$``, an answer to that derivative no reading takes."""
    said = " ".join(words)
    cut = next((k for k, w in enumerate(words) if w.lower() in _EQUATES), None)
    if cut:
        reader = _Reader(words[:cut])
        try:
            left = reader.sequence()
        except (_Untranslatable, RecursionError):
            left = ""
        if left and reader.pos == cut and "=" not in left:
            sign = "=" if words[cut].lower() == "equals" else "\\leftarrow"  # "w left-arrow …": an update
            return f"${left} {sign} \\text{{{' '.join(words[cut + 1:])}}}$"
    return f"$\\text{{{said}}}$"


def _translated(words: list[str]) -> str | None:
    """The formula a run of spoken-math words says (LaTeX between dollars; arithmetic as plain text), or None
    when it does not translate whole."""
    reader = _Reader(words)
    try:
        latex = reader.sequence()
    except (_Untranslatable, RecursionError):
        return None
    if reader.pos < len(reader.words) or "=" not in latex or latex.count("\\left(") != latex.count("\\right)"):
        return None
    if _mixed(latex):
        return None  # "σ(u) times, one minus σ(u)", "5 times 5 plus 1, times 20": grouping said by pauses only
    if not re.search(r"[a-zA-Z]", re.sub(r"\\[a-zA-Z]+", "", latex)) and "\\sigma" not in latex:
        # "open paren 5 times 5 times 1 plus 1 close paren times 20 equals 520": arithmetic, set as plain text does
        plain = latex.replace("\\left(", "(").replace("\\right)", ")").replace("\\cdot", "×").replace("\\times", "×")
        return None if "\\" in plain or "{" in plain else plain
    return f"${latex}$"


def _mixed(latex: str) -> bool:
    """Whether a side of the formula adds or subtracts after it multiplies or divides, outside any bracket: spoken
    without brackets, its grouping was said by pauses a reading cannot hear ("σ(u) times, one minus σ(u)")."""
    depth, level = 0, [""]
    for token in re.findall(r"\\left\(|\\right\)|\\[a-zA-Z]+|[{}()]|[^\\{}()]", latex):
        if token in ("{", "(", "\\left("):
            depth += 1
        elif token in ("}", ")", "\\right)"):
            depth -= 1
        elif depth == 0:
            if token == "=" or token == "\\leftarrow":
                level.append("")
            else:
                level[-1] += "*" if token in ("/", "\\cdot") else token if token in ("+", "-") else ""
    # a sum after a product ("σ(u) times 1 minus σ(u)", "e^{-u} over 1 plus e^{-u}") is what a pause grouped;
    # a product after a sum ("w minus alpha times …") reads as spoken
    return any("*+" in re.sub(r"\*+", "*", side).replace("-", "+") for side in level)
