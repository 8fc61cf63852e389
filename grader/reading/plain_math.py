"""Math written without delimiters, as Word and PDF exports leave it: ``∂f/∂w₃ = σ(w₂σ(w₁x))``.

A line with no ``$`` math that holds an equation (``=``, ``:=``, ``←``, ``<-``) with math on both
sides becomes a math piece: the run of math-like words around the first equals sign, up to
a wide gap (an aside set apart, "(j = 1, 2, 3)"), so
"so dL/dw1 = 2*(f(x1)-y1)*x1 for each point" gives ``dL/dw1 = 2*(f(x1)-y1)*x1``. The
tokenizer decides later whether it can read it.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from grader.expressions.asciimath import is_asciimath
from grader.expressions.code_math import is_code
from grader.expressions.prose_tail import OTHER_SCRIPT, PROSE_SCRIPT, changes_formula
from grader.expressions.starmath import WORDS as STARMATH_WORDS
from grader.expressions.starmath import is_starmath
from grader.expressions.tokens import GREEK_NAMES
from grader.expressions.typst_math import is_typst
from grader.reading.answer_words import ANSWER_WORDS

# a word; "梯度下降:w ← …", a lead-in in another script glued to the formula by its colon, is a word of its own
# (a formula glued by a comma to the words after it, "w3·σ2(x2),其他不变", ends at the comma)
_WORDS = re.compile(f"\\S*?[{OTHER_SCRIPT}][:,;](?=\\S)|\\S+?[,;](?=[{OTHER_SCRIPT}])|\\S+")
_EQUALS = ("=", "≔", "←", "<-", "\\leftarrow", ":=")
_BRACED = re.compile(r"\{[^{}\s]{0,40}\}")
_MATH_WORDS = {"exp", "sigma", "sigmoid", "sum", "log", "ln", "max", "min", "relu", "tanh", "alpha", "alfa", "eta",
               "grad", "nabla", "delta", "partial", "new", "old", "cdot", "times", "frac", "prod", "sig", "sigm", "sgm",
               "dsig", "dsigma", "lr"}
_NAME_WORDS = ("out",)  # "out = w3·h2": a word a student names the model's output with, set right before "="
_PROSE_SHORT = {"is", "the", "of", "to", "we", "so", "as", "by", "in", "at", "on", "it", "be", "an", "or", "if",
                "and", "for", "get", "thus", "then", "hence", "where", "with", "which", "gives", "ist", "und",
                "mit", "wir", "die", "der", "das", "et", "le", "la", "les", "est", "y", "el", "es", "fn", "let",
                "ans", "def", "im", "auf", "dem", "den", "von", "zu", "sind", "dans", "des", "sur", "con",
                "para", "por", "och", "wo"}  # not du, da, de: d/du, da/dz
# an operator glued to what it acts on, as answer sheets write ∇L: gradL, nablaf, gradw
_OPERATOR_NAMED = re.compile(r"(?:grad|nabla)(?:[A-Z]|[fw](?![a-z]))\w{0,2}")
# a name with its accent spelled out, as plain text writes ŷ, x̄, ẇ: yhat, y_hat, xbar, wdot; a PDF's "wnew" (w^new)
_DECORATED = re.compile(r"(?!(?:knew|anew|renew|sold|bold|told|hold|fold|gold|cold|mold)$)"
                        r"[A-Za-z]{1,2}_?(?:hat|bar|dot|tilde|star|prime|new|old)(?:_?\d)?", re.I)


# "vì", "là", "và", "dé", "für": a short word with a letter no formula writes (an accent of a language, not ŷ or ẋ)
_ACCENTED_WORD = re.compile(r"(?=\w*[À-ÖØ-öø-ÿĀ-žƠ-ưẠ-ỹ])(?!\w*[ŷȳŵẋẏẇẑ])[^\W\d_]{2,}")


_HYPHENATED = re.compile(r"[A-Za-z]{2,}(?:-[A-Za-z]{3,})+")


_ELIDED = re.compile(r"(?i)(?:[a-z]{1,4}|dell|dall|nell|sull)['’][^\W\d_]{3,}")


# a name's subscript in the student's own script ("w_нав", "w_{חדש}": the new w), or a letter of it: no prose
_SCRIPT_SUBSCRIPT = f"_\\{{?[{OTHER_SCRIPT}]{{1,12}}\\}}?"
_OWN_SUBSCRIPT = re.compile(f"{_SCRIPT_SUBSCRIPT}|([{OTHER_SCRIPT}])")


def _prose_start(line: str, start: int, end: int) -> int | None:
    """Where words in a script no formula is written in begin between ``start`` and ``end`` (a subscript in it is
    a name's), or None."""
    return next((m.start() for m in _OWN_SUBSCRIPT.finditer(line, start, end) if m.group(1)), None)


def _mathlike(word: str) -> bool:
    if word in (",", ";", "."):
        return True  # "[ δ₁ⁿ xⁿ ,  δ₂ⁿ a₁ⁿ ]": a separator set apart inside a vector; "(f − y) . ∇f": a product dot
    if word in ("--", "---", "—", "⇒", "⟹", "=>", "∴", "∵", "•", "◦", "▪", "‣", "●", "○", "■", "➢"):
        return False  # "… -- kyunki …", "⇒ w_new = …", "∴ …", "• ∂f/∂w3 = …": a dash, a "hence" or a bullet
    bare = word.strip(".,;:")
    if re.fullmatch(r"\([^\W\d_]{3,}\)", bare):
        return False  # "g(u) := 1/(1+e^(−u)) (sigmoid),": a word in brackets, an aside
    if bare.startswith("(") and bare.lstrip("(").isalpha() and len(bare.lstrip("(")) >= 3:
        bare = bare.lstrip("(")  # "(both σ1 and σ2)": an aside in words opens here
    if re.fullmatch(f"[A-Za-z]{_SCRIPT_SUBSCRIPT}", bare):
        return True  # "w_нав": the new w, its mark in the student's language
    if not bare or PROSE_SCRIPT.search(bare):
        return False
    if bare.lower() in _PROSE_SHORT or _ACCENTED_WORD.fullmatch(bare):
        return False
    if _ELIDED.fullmatch(bare):
        return False  # "j'appelle", "l'entrée", "dell'output", "qu'on": a word after an elided article or pronoun
    if _HYPHENATED.fullmatch(bare) and not any(p.lower() in _MATH_WORDS for p in bare.split("-")):
        return False  # "pre-activation", "chain-rule": a word, not pre − activation
    if bare in GREEK_NAMES or _DECORATED.fullmatch(bare) or (bare.isupper() and bare.isalpha() and len(bare) <= 4) \
            or _OPERATOR_NAMED.fullmatch(bare):
        return True  # theta, Lambda, yhat, SSE, gradL: names a student spells out
    return not (bare.isalpha() and len(bare) >= 3 and bare.lower() not in _MATH_WORDS)


# Typst's and AsciiMath's operator words, math in a line that carries the dialect's marks
_DIALECT_WORDS = {"del", "diff", "dif", "dot", "xx", "larr", "rarr", "quad", "vec", "mat", "cal", "hat", "times",
                  "nabla", "grad", "sum", "prod", "lr", "upright", "ubrace", "obrace"}


def _dialect_word(word: str) -> bool:
    """In a Typst or AsciiMath line, ``del f // del w_3`` and ``(diff f)/(diff w)`` are math, not prose."""
    return word.strip(".,;:`(").lower() in _DIALECT_WORDS or _mathlike(word)


def _starmath_word(word: str) -> bool:
    """In a LibreOffice Math line, ``over``, ``from``, ``to``, ``func`` are math, not prose."""
    return word.strip(".,;:").lower() in STARMATH_WORDS or _mathlike(word)


_OPERATORS = ("+", "-", "−", "·", "*", "×")
# a formula among words: a function applied, an operator between names, a fraction or a derivative
_FORMULA_MARK = re.compile(r"[A-Za-zσ]\w{0,6}['′]*\(|\w\s*[\^*·]\s*\w|\\(?:frac|sigma|partial|nabla)\b|[∂∇σ]|\$")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _gap(line: str, a: tuple[int, int, str], b: tuple[int, int, str], spaced: bool = False) -> bool:
    """Three or more spaces between words: an aside set apart, as Word and PDF layouts leave it; not
    when the next term of a sum starts after it ("σ1(x1¹)      +  2 r² …": terms aligned in columns)."""
    wide = b[0] - a[1] >= 3 or "\t" in line[a[1]:b[0]]  # a tab: a table's next column
    if spaced and wide and (a[2] in _EQUALS or a[2] in _PRODUCT_SIGNS or b[2] in _PRODUCT_SIGNS) \
            and not _DRAWN_BAR.match(a[2]) and not _DRAWN_BAR.match(b[2]):
        return False  # "=    w3   *  s2(x2)" alone between blank lines: hand-drawn math spaced wide (a formula
        # never ends at its sign); a line among others keeps its columns (a PDF's layout, a drawn fraction)
        # (a fraction's bar after it, "=   ----", is a layout's next column: the formula is drawn, read elsewhere)
    return wide and not (b[2].startswith(_OPERATORS) and len(b[2]) == 1 and a[2][-1:] in ")¹²ⁱ")


_PRODUCT_SIGNS = ("*", "·", "⋅", "×")  # a product's sign standing alone (never a dash before an aside)
_DRAWN_BAR = re.compile(r"[-─—–_]{2,}")  # a fraction's bar drawn in dashes


# a table's cell bar set apart by spaces ("| wⱼ ← wⱼ − α ∂L/∂wⱼ |") and a plain-text box ("[[ w_new = … ]]")
# frame an equation; they are no part of it (an absolute value is written |x|, with no space inside)
_FRAMES = ("|", "||", "[[", "]]", ">>>")  # a table's bars, a REPL's prompt


_ABBREVIATION = re.compile(r"(?:i\.\s?e|e\.\s?g|d\.\s?h|z\.\s?B|resp|bzw|vs|viz|cf|dvs|tj|usw|etc)\.", re.IGNORECASE)


def _abbreviation(word: str) -> bool:
    return _ABBREVIATION.fullmatch(word.lstrip("(,")) is not None


def _sentence_end(word: str) -> bool:
    """``sigmoid.`` before ``x1 = …``: a full stop after a name ends the sentence, and the equation in it."""
    return len(word) > 1 and word.endswith(".") and not word.endswith("..") \
        and (word[-2].isalnum() or word[-2] == ")") \
        and not _abbreviation(word)  # "i.e.", "e.g.", "bzw.": the sentence goes on


def _separates(line: str, word: tuple[int, int, str], eq: tuple[int, int, str]) -> bool:
    """``x1 = w1*x, x2 = …``: a comma that ends a word before the left side separates two equations; not one
    inside the left side's brackets (``Grad[L, {w1, w2, w3}] = …``)."""
    between = line[word[1]:eq[0]]
    if re.fullmatch(r"\(?(?:\s*[A-Za-z]\w{0,3}\s*,)+\s*[A-Za-z]\w{0,3}\s*", line[word[0]:eq[0]]):
        return False  # "a, b, c = w1, w2, w3": names assigned together
    return word[2].endswith(",") and sum(between.count(c) for c in ")]}") <= sum(between.count(c) for c in "([{")


_ARROWS = ("→", "=>", "⇒", "->", "⟹", "⟶")


def _arrow_to_equation(words: list[tuple[int, int, str]], k: int) -> bool:
    """``σ1(u) = 1/(1+exp(-u)) → dσ1/du = exp(-u)/…``: an arrow before a new left side and its equals sign ends
    the equation before it; the one after it is read on its own."""
    return words[k][2] in _ARROWS and _left_side_after(words, k)


def _abbreviation_to_equation(words: list[tuple[int, int, str]], k: int) -> bool:
    """``Δw = −α∇L, i.e. w_i ← w_i − α∂L/∂w_i``: "i.e." before a new left side ends the equation before it."""
    return _abbreviation(words[k][2]) and _left_side_after(words, k)


def _left_side_after(words: list[tuple[int, int, str]], k: int) -> bool:
    """Whether the words after word ``k`` start an equation of their own: a left side, then its equals sign."""
    rest = " ".join(w for _, _, w in words[k + 1:k + 3])
    return re.match(r"[^\s=]{1,40}\s*(?::=|=(?!=)|←|<-)", rest) is not None


def _balanced(text: str) -> bool:
    """No bracket left open: "(h1 = sig1(x1), h2 = …)" is one aside, its equations read together."""
    return text.count("(") <= text.count(")")


def _next_equation(words: list[tuple[int, int, str]], k: int) -> bool:
    """``…/dwj ,  j = 1,2,3``: after a comma, a name and an equals sign start another equation."""
    if not (words[k][2] == "," or (words[k][2].startswith(",") and len(words[k][2]) > 1)) and \
            not (k > 0 and words[k - 1][2].endswith(",") and len(words[k - 1][2]) > 1):
        return False
    first = k + 1 if words[k][2] == "," else k
    rest = " ".join(w for _, _, w in words[first:first + 2])
    return re.match(r"[A-Za-z]\w{0,3}\s*=(?!=)", rest) is not None


def _aside_opens(words: list[tuple[int, int, str]], k: int, mathlike: Callable[[str], bool]) -> bool:
    """``… = 1/(1+e^{-t}) (I write s for both …)``: a bracket opened on a short word that words follow starts an
    aside in prose, not more of the formula."""
    word = words[k][2]
    return word.startswith("(") and not word.endswith(")") and len(word) <= 4 and k + 1 < len(words) \
        and not mathlike(words[k + 1][2]) and (word.lstrip("(").isalpha()  # "(w3 just multiplies it)": a name,
                                               or re.fullmatch(r"[a-z]{3,}", words[k + 1][2]) is not None)  # words



_BEFORE_OPERAND = ("-", "+", "−", "–", "·", "*", "/", "×", "(", "=", "⋅")


def _operand(words: list[tuple[int, int, str]], k: int) -> bool:
    """A one-letter word after an operator is its operand ("( fw(x) - y )"), whatever the word means in prose (y)."""
    word = words[k][2].rstrip(")],.;")
    return len(word) == 1 and word.isalpha() and k > 0 and words[k - 1][2] in _BEFORE_OPERAND


# a derivative named, then an arrow and what it is: "∂f/∂w1  →  w3 · σ(x2)(1−σ(x2)) · …", "σ'(u) -> σ(u)(1 − σ(u))"
_ARROW_ANSWER = re.compile(r"(?:.*?[ \t(])?(?P<lhs>(?:∂|d)[^\s/]{0,12}/(?:∂|d)[^\s/]{1,8}"
                           r"|∇\S{0,8}(?:[ \t][A-Za-z]\S{0,2})?|[^\s()]{1,8}['′]\([a-z]\))"
                           r"[ \t]+(?:→|->|⟶)[ \t]+(?P<rhs>\S(?:.*\S)?)[ \t.;]*$")
_ARROW_AGAIN = re.compile(r"(?:→|->|⟶|=>)")


def equation_in_line(line: str, in_code: bool = False, spaced: bool = False) -> tuple[int, int] | None:
    """(start, end) of the equation in a line of prose, or None when it holds none; ``in_code``: the line is the
    inside of a code span (`out = w3 * s(w2*h)`), where a name in words assigned to is the program's name."""
    if (said := _ARROW_ANSWER.match(line)) is not None and not _ARROW_AGAIN.search(said.group("rhs")) \
            and not any(e in line[:said.start("rhs")] or e in said.group("rhs") and e != "=" for e in _EQUALS):
        return said.start("lhs"), said.end("rhs")  # a cheat sheet's "∂f/∂w1  →  w3 · σ(x2)…": what it is
    words = [(m.start(), m.end(), m.group()) for m in _WORDS.finditer(line)]
    starmath = is_starmath(line)
    eq = next((i for i, (_, _, w) in enumerate(words)
               if any(e in _BRACED.sub("", w) for e in _EQUALS) or (starmath and w.lower() in ("larrow", "leftarrow"))
               or w in ("larr", "lArr")), None)  # AsciiMath's arrow
    # ("\sum_{i=1}^{2}": an equals sign inside a sum's limits is not the equation's)
    mathlike = _starmath_word if starmath else _dialect_word if is_typst(line) or is_asciimath(line) else _mathlike
    if eq is None:
        return None
    code = in_code or is_code(line)
    named = words[eq][2].split("=")[0].split("<-")[0].strip(":")
    if not (mathlike(named or "x") or (code and _IDENTIFIER.fullmatch(named)) or named.lower() in _ANSWER_WORDS):
        return None
    left = eq
    if not named and eq > 0 and words[eq - 1][2].lower() in _ANSWER_WORDS:
        left -= 1  # "…: final = w3σ2(x2)(1+σ2(x2))σ1(x1)": the answer, set equal to a word that says so
    if code and not named and eq > 0 and _IDENTIFIER.fullmatch(words[eq - 1][2]) \
            and not _gap(line, words[eq - 1], words[eq], spaced):
        left -= 1  # dsig = @(u) …, grad <- …: in a line of code the name assigned to is math
    while left > 0 and (mathlike(words[left - 1][2]) or left == eq and words[left - 1][2] in _NAME_WORDS) \
            and words[left - 1][2] not in _FRAMES + _ARROWS \
            and not _separates(line, words[left - 1], words[eq]) \
            and (not _gap(line, words[left - 1], words[left], spaced) or (left == eq and words[eq][2] in _EQUALS)) \
            and not _sentence_end(words[left - 1][2]) and not words[left - 1][2].endswith(":") \
            and not _abbreviation(words[left - 1][2]):
        left -= 1  # "f    = w3*out2": an equals sign set in a column; "(step α): w ← …": a colon ends the lead
    while left < eq and words[left][2] == ".":
        left += 1  # "…(−u)). θ_l := w_l": a full stop set apart ends the sentence before, it starts nothing
    right = eq
    while right + 1 < len(words) and (mathlike(words[right + 1][2]) or _operand(words, right + 1)) \
            and not _gap(line, words[right], words[right + 1], spaced) \
            and words[right + 1][2] not in _FRAMES and not _sentence_end(words[right][2]) \
            and not _arrow_to_equation(words, right + 1) and not _abbreviation_to_equation(words, right + 1) \
            and not (_next_equation(words, right + 1) and _balanced(line[words[left][0]:words[right][1]])) \
            and not _aside_opens(words, right + 1, mathlike) and not _pronoun(words, right + 1):
        right += 1
    if right + 2 == len(words) and _GLUED_NAME.fullmatch(words[right + 1][2]) \
            and not _gap(line, words[right], words[right + 1], spaced) and not _sentence_end(words[right][2]):
        right += 1  # "w := w − a VwL": a scan's ∇wL, the line's last word glued to the formula, is its last factor
    piece = line[words[left][0]:words[right][1]]
    lhs, rhs = _at_sign(piece)
    if not rhs.strip() or (not lhs.strip(" :") and left > 0):
        return None  # an empty left side only on a line that continues the one before: "   = w₃ · σ′(x₂)"
    end = words[right][1]
    if (prose := _prose_start(line, words[left][0], end)) is not None:
        end = prose  # "…=(∂f/∂w₁, ∂f/∂w₂)在 x = xⁱ 处": the formula ends where the words begin
    tail = re.split(r"[。．!?]|\.\s", line[end:], maxsplit=1)[0]
    if changes_formula(tail):
        end = len(line.rstrip())  # "… , умноженное на w₂", "… 的一半": words that may change it; kept, never read
    while end > words[left][0] and line[end - 1] in ".,;: ":
        end -= 1
    if (dash := _DASH_THEN_WORDS.search(line[:end])) is not None and dash.start() > words[left][0] \
            and _WORDS_AFTER.match(line, end) and not _MATH_AFTER.search(line, end):
        end = dash.start()  # "= e^u/(1 + e^u)²  – same thing, …": a dash before words ends the formula, no minus
    start = words[left][0]
    aside = _ASIDE_LEAD.match(line, start, end)
    if aside is not None and _SIGN.search(line, aside.end(), end):
        start = aside.end()  # "(lr = α): w ← w − lr·∇L": a definition in brackets leads in; the equation follows
    if line[start:start + 1] == "[" and line[end - 1:end] == "]" and "[" not in line[start + 1:end - 1]:
        start, end = start + 1, end - 1  # "[s = σ1]": a remark in brackets, the equation inside them
    if (concluded := _CONCLUDED.match(line, end)) is not None and not code \
            and all(_mathlike(w) for w in concluded.group("f").split()) and _FORMULA_MARK.search(concluded.group("f")):
        return concluded.start("f"), concluded.end("f")  # "e^{−u}/(1+e^{−u}) = 1 − σ(u), so the same derivative
        # is σ(u)·(1 − σ(u))": the equation is the reason, the formula it concludes is what the line says
    if code and not _balanced(line[start:end]):
        comment = _CODE_COMMENT.search(line, end)
        rest = line[start:comment.start() if comment else len(line)].rstrip(" \t.,;")
        if _GENERATOR.search(rest, end - start) and rest.count("(") == rest.count(")"):
            end = start + len(rest)  # "sum(2*(f(x) - y) * grad_f(x) for (x, y) in D) + …": a generator's words
            # close the call; the line up to its comment is the formula, whatever follows the call
    return start, end


_DASH_THEN_WORDS = re.compile(r"[ \t]+[-–—]{1,2}$")
_WORDS_AFTER = re.compile(r"[ \t]+[^\W\d_]{2,}")
_MATH_AFTER = re.compile(r"[\d()=+*/^·×∙σ∂∇′'_]|\b(?:sigma|sig|exp)\b")  # "– same thing as σ1(u)·(1 + σ1(u))": math
_CONCLUDED = re.compile(r"[ \t]*[,;]?[ \t]*(?:so|hence|thus|therefore|which\s+gives|giving)[ \t]+"
                        r"(?:[^\W\d_]+[ \t]+){0,5}?(?:is|equals|becomes|gives)[ \t]+(?P<f>\S[^\n]*?)[ \t.;]*$",
                        re.IGNORECASE)
_GLUED_NAME = re.compile(r"[A-Za-z][a-z]{0,2}[A-Z0-9][A-Za-z0-9]{0,2}")  # VwL, dLdw, gradL: a name, no word
_GENERATOR = re.compile(r"\bfor\b.*?\bin\b")
_CODE_COMMENT = re.compile(r"[ \t](?:#|%|//)")


def _pronoun(words: list[tuple[int, int, str]], k: int) -> bool:
    """"…σ2(x2); I also got …", "…, I think": a capital I before a word in lower case is the writer, no symbol."""
    return words[k][2] == "I" and k + 1 < len(words) \
        and re.fullmatch(r"[a-z]{2,}(?:'[a-z]+)?", words[k + 1][2]) is not None


_ANSWER_WORDS = ("final", "answer", "result")
_LABEL = r"(?:\(?[1-9]?\.?[a-h]\)(?:[ \t]*\((?:iii|ii|iv|vi|v|i)\))?|\((?:iii|ii|iv|vi|v|i)\))"
# "==> (e)  df/dw2 = …", "    (ii) dσ1/du = …": an arrow marking the answer or a sub-part's label before the equation
_ARROW_LEAD = re.compile(rf"[ \t]*(?:(?:={{1,3}}>|-{{1,3}}>|⟹|⇒|➜|➔|→)[ \t]*(?:{_LABEL}[ \t]*)?"
                         r"|\((?:iii|ii|iv|vi|v|i)\)[ \t]+(?=[^\s=]+[ \t]*=))"
                         r"(?=\S)")
_ASIDE_LEAD = re.compile(r"\([^()]{0,80}\)\s*:\s*")
_SIGN = re.compile("|".join(re.escape(e) for e in _EQUALS) + r"|(?<![\w\\])(?:left|l)arrow\b")  # (LibreOffice Math's)


def _at_sign(piece: str) -> tuple[str, str]:
    """A line's equation split at its first equals sign or assignment (``=``, ``≔``, ``←``, ``<-``)."""
    m = _SIGN.search(piece)
    return (piece, "") if m is None else (piece[:m.start()], piece[m.end():])


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


# "analytic : dw1=-0.0285…  dw2=0.0756…": a program's printout of values, two or more names each set to a number
_VALUES_PRINTED = re.compile(r"^[ \t]*(?:[A-Za-z][A-Za-z ]{0,20}:[ \t]*)?"
                             r"(?:\b[A-Za-z_]\w{0,12}[ \t]*=[ \t]*[-+−]?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?:[ \t,;]+|$)){2,}"
                             r"$"  # (the whole line, a label at most before it: "… = −2(…)∇f(xⁱ), lr = 0.05,
                             # steps = 200" holds a formula)
                             # a program's printed value ("dσ_exp.(u) = [0.10499358540350652, 0.25, …]", "… =
                             # 0.2217128"): a list of numbers or a number with many decimals, never a formula
                             r"|^[^=\n]{1,80}=[ \t]*(?:\[[-+−\d.eE, \t]{1,2000}\]"
                             r"|[-+−]?\d+\.\d{5,}(?:e[-+]?\d+)?)[ \t]*$")


_MARGIN_SIGN = re.compile(r"[ \t]{2,}(?:←|<-{1,3}|⟵|=>|->)[ \t]*(?=\S)")  # an arrow set apart after an equation


_GOES_ON = re.compile(r"[^\W\d_]{0,3}(?:[^A-Za-z]|[A-Za-z]{1,3}(?![A-Za-z])|exp|sigma|sig)*")  # no word of prose


_LABEL_FIRST = re.compile(r"[ \t]*(?:\(?[a-h]\)|\(?(?:i|ii|iii|iv)\)|[a-h]\.)")  # "(ii) …": the next part, no term


def _open_end(formula: str) -> bool:
    """Whether a formula's line ends with an operator that needs its right side ("… · w₂ ·"; not Markdown's "**")."""
    return re.search(r"[^-*/+·×−⋅_\s][ \t]*[·×*+\-−/⋅]$", formula.rstrip()) is not None  # (not a fraction's "-----")


_LONE_BAR = re.compile(r"[ \t]*[-─—_]{3,}[ \t]*")


def _over_lone_bar(text: str, start: int, end: int) -> bool:
    """Whether the line ``start``–``end`` stands over a fraction bar drawn alone on the next line, under its right
    side only (not under the whole line, as a heading's rule is): the line is a numerator, no formula of its own."""
    if end >= len(text) or text[end] != "\n":
        return False
    stop = text.find("\n", end + 1)
    below = text[end + 1:stop if stop >= 0 else len(text)]
    if len(below) > 200 or not _LONE_BAR.fullmatch(below):
        return False
    after_end = text.find("\n", stop + 1) if stop >= 0 else -1
    after = text[stop + 1:after_end if after_end >= 0 else len(text)] if stop >= 0 else ""
    if not after.strip():
        return False  # a rule under the line with nothing below it: the answer underlined, not a numerator
    head = text.rfind("\n", 0, start) + 1
    line = text[head:end]
    indent = len(line) - len(line.lstrip())
    bar = len(below) - len(below.lstrip())
    return indent < bar < len(line.rstrip()) and "=" in line[:bar] and not line.lstrip().startswith("=")
    # ("   = e-u" over "   -----" over "(1+e-u)2": a chain's next side drawn as a fraction, read with its chain)


def _between_blank_lines(text: str, start: int, end: int) -> bool:
    """Whether the line ``start``–``end`` has a blank line (or the text's edge) above and below it."""
    head = text.rfind("\n", 0, start)
    above = text[text.rfind("\n", 0, max(0, head)) + 1:head] if head > 0 else ""
    stop = text.find("\n", end + 1)
    below = text[end + 1:stop if stop >= 0 else len(text)] if end < len(text) else ""
    return not above.strip() and not below.strip()


def plain_math(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Equations in the given lines (start, end offsets in ``text``) that hold no delimited math."""
    out: list[tuple[int, int]] = []
    covered = 0  # the end of a vector written over several lines, read with its first
    for start, end in lines:
        if start < covered:
            continue
        line = text[start:end]
        if "$" in line or "\\(" in line or "\\[" in line or len(line) > 2000 or _VALUES_PRINTED.search(line):
            continue
        if _over_lone_bar(text, start, end):
            continue  # "dσ/du =    e^{-u}" over "   ───────" over "(1 + e^{-u})²": a numerator, read as one if at all
        if out and text.count("\n", out[-1][1], start) == 1 and _open_end(text[out[-1][0]:out[-1][1]]) \
                and not text[out[-1][1]:start].strip() and _GOES_ON.fullmatch(line.strip()) \
                and not _LABEL_FIRST.match(line):
            out[-1] = (out[-1][0], start + len(line.rstrip(" .,;")))  # "… · w₂ ·" / "σ₁(x₁)(1-σ₁(x₁)) · x": a
            continue  # product a phone's text wrapped after its operator goes on on the next line: one formula
        if out and text.count("\n", out[-1][1], start) == 1:
            head = text.rfind("\n", 0, start) + 1
            marker = text[head:start].strip()  # "+ w3 σ(x2)…" read by Markdown as a list item: its marker
            above_line = text[text.rfind("\n", 0, out[-1][0]) + 1:out[-1][0]]
            shallower = text.index(marker, head) - head < len(above_line) - len(above_line.lstrip(" \t"))
            # "      - ∂f/∂w1" after "        - **= …**": an outline's next node, not the sum's next term
            if marker in ("+", "-", "−", "*") and not shallower and (run := continued_term(marker + " " + line)) \
                    and run[1] >= len(marker) + 1 + len(line.rstrip(" .,;")):
                out.append((text.index(marker, head), start + run[1] - len(marker) - 1))
                continue  # a bullet that is all math right under an equation: its next term, sign included
            if not re.search(r"[^\W\d_]{2,}", marker) \
                    and ((run := continued_term(line)) or (run := offered_instead(line))):  # (not after words on
                # its line: "Check - σ1·(1−σ1) = …" is a check with its own lead, no term of the line above)
                out.append((start + run[0], start + run[1]))  # "         + 2*(f(x^2)-y^2)*[…]": the sum goes on;
                continue  # "   or   w3·σ2′(x2)·σ1(x1)": another answer offered for the one above
        elif out and not text[out[-1][1]:start].strip(" \t\n-–•+") and (run := offered_instead(line)):
            out.append((start + run[0], start + run[1]))  # "- or just  w3·σ2′(x2)" after a blank line: the same
            continue
        above = text[out[-1][0]:out[-1][1]] if out and text.count("\n", out[-1][1], start) <= 2 \
            and not text[out[-1][1]:start].strip(" \t\n-*•") else ""
        if not above and start > 0:  # "no wait, w2 is missing:" right above: the formula under it is the answer
            previous = text[text.rfind("\n", 0, start - 1) + 1:start - 1]
            above = previous if _TAKEN_BACK.search(previous.rstrip()) else ""
        if (run := _answer_under(above, line)) is not None:
            out.append((start + run[0], start + run[1]))  # "∂f/∂w2 =" then the formula on the next line; a name
            continue  # then "Answer: w3·σ2(x2)(1 − σ2(x2))·σ1(x1)"
        spans = [m for m in _CODE_SPAN.finditer(line) if any(e in m.group(1) for e in _EQUALS)]
        if spans:  # "- (ii) `ds1/du = s1(u)(1 − s1(u))` -- kyunki `…`": each code span its own formula
            for m in spans:
                if (found := equation_in_line(m.group(1), in_code=True)) is not None:
                    code = m.group(1)
                    if not _balanced(code[found[0]:found[1]]) and _balanced(code[found[0]:]):
                        found = (found[0], len(code.rstrip(" .,;")))  # `2*sum(… for xi, yi in D)`: a generator's words
                    out.append((start + m.start(1) + found[0], start + m.start(1) + found[1]))
            continue
        bare = line.rstrip()
        if _LONE_DERIVATIVE.fullmatch(bare) and re.match(r"[ \t]*\n[ \t]*=", text[end:end + 200]):
            lead = len(bare) - len(bare.lstrip(" \t*_"))
            out.append((start + lead, start + len(bare.rstrip("*_ "))))  # "∂f/∂w_1" then "= …" lines under it
            continue
        if bare.endswith(_EQUALS) and len(line.strip()) > 2 and (found := equation_in_line(bare + " 0")) is not None \
                and found[1] == len(bare) + 2 and line[found[0]:].strip() not in _EQUALS:
            out.append((start + found[0], start + len(bare)))  # "∂f/∂w2 =": its right side on the next line
            continue
        pos, skipped = 0, False
        alone = _between_blank_lines(text, start, end)  # (hand-drawn math, its spacing wide)
        if (arrow_lead := _ARROW_LEAD.match(line)) is not None:
            pos = arrow_lead.end()  # "==> (e)  df/dw2 = …": an arrow marking the answer, and its part's label
        while pos < len(line) and len(out) < 10_000:  # "x1 = w1*x , x2 = w2*s(x1)": each equation on the line
            found = equation_in_line(line[pos:], spaced=alone)
            if not found and out and out[-1][1] == start + pos and (arrow := _MARGIN_SIGN.match(line, pos)):
                pos = arrow.end()  # "w ← w − α∇L     ← fixed: sign is +, w ← w + α∇L": the margin's own equation
                continue
            if not found and (comma := _NEXT_CLAUSE.search(line, pos)) is not None:
                pos = comma.end()  # "notation: sig = sigmoid, a = w1*x, b = …": a word's definition, then formulas
                skipped = True
                continue
            if found and skipped and re.match(r"[^=]*=\s*\(", line[pos + found[0]:pos + found[1]]) \
                    and "," in line[pos + found[0]:pos + found[1]]:
                break  # "…; b = (b1,b2,b3) are the w's": a name for the weights in words, read by renaming them
            skipped = False
            if pos == 0 and (said := worded_answer(line[:found[0]] if found else line)) is not None:
                out.append((start + said[0], start + said[1]))  # "The answer is … for (i). I got it by writing
                if not found:  # σ = (1 + e^(-u))^(-1) and …": the answer, then the working's equation
                    break
            if not found:
                break
            piece = line[pos + found[0]:pos + found[1]]
            if ":" in piece and (colon := _COLON_BETWEEN.search(piece)) is not None \
                    and "=" in piece[:colon.start()] and "=" in piece[colon.end():] \
                    and _balanced(piece[:colon.start()]) and re.search(r"[^\W\d_]{3,}$", piece[:colon.start()]) is None:
                found = (found[0], found[0] + colon.start())  # "1 − σ(u) = e^(−u)/(1 + e^(−u)): dσ/du = σ(1 − σ)":
                # a fact, then the equation it gives, two formulas
            out.append((start + pos + found[0], start + pos + found[1]))
            pos += max(found[1], 1)
            if _SET_APART_TAIL.match(line, pos):  # "A      |     B": a second answer set apart on the line, kept
                out[-1] = (out[-1][0], start + len(line.rstrip()))  # with the first (the two are never read as one)
                break
            if (closed := _closed_below(text, out[-1][0], end)) is not None and not line[pos:].strip(" ,;"):
                out[-1] = (out[-1][0], closed)  # "grad = [ A ," then "B ," then "C ]": one vector, three lines
                covered = closed
                break
    out = [(bold.end(), b) if (bold := _BOLD_LEAD.match(text, a, b)) is not None else (a, b) for a, b in out]
    return [(a + dash.end(), b) if (dash := _DASH_LEAD.match(text, a, b)) is not None
            and re.search(r"[^\W\d_]{2,}", text[text.rfind("\n", 0, a) + 1:a]) else (a, b) for a, b in out]


# "Check - σ1·(1−σ1) = …": a dash after the words that lead a formula sets them apart, no minus sign of it
_DASH_LEAD = re.compile(r"[-–—][ \t]+(?=\S)")


_COLON_BETWEEN = re.compile(r"(?<=[\w)\]}'])[ \t]?:[ \t]+(?![=\s])")


# "The answer is σ(u2), i.e. …", "for (ii) the result is s(1 − s), since …", "so we get w3·σ'(u2)·σ(u1)": words that
# say the formula after them is the answer, in a sentence with no equation
_ANSWER_SAID = re.compile(r"(?i)\b(?:(?:the|my|our)[ \t]+)?(?:final[ \t]+)?(?:answer|result|solution)[ \t]+"
                          r"(?:is|would[ \t]+be|comes[ \t]+out[ \t]+(?:as|to))[ \t]*:?[ \t]+"
                          rf"|\b(?:{ANSWER_WORDS}|result)[ \t]*:[ \t]+"
                          r"|\b(?:the[ \t]+)?derivative[ \t]+is[ \t]+(?:just[ \t]+|simply[ \t]+)?"
                          r"|\b(?:so[ \t]+|then[ \t]+|and[ \t]+)?(?:we|I)[ \t]+"
                          r"(?:get|got|obtain|obtained|find|found)[ \t]+(?:that[ \t]+)?(?:it[ \t]+is[ \t]+)?")


_ASIDE_AFTER = re.compile(r"[,;]?[ \t]+\((?=[^()]*$)|[ \t]*[,;][ \t]+(?:i\.[ \t]?e\.?"
                          r"|(?:that[ \t]+is|since|because|where|which|so|as|and)\b)|[ \t]*;")


def worded_answer(line: str) -> tuple[int, int] | None:
    """(start, end) of the formula that words in a sentence say is the answer ("the answer is σ(u2), i.e. …"):
    a run of math that opens right after them, holds a formula's mark and is not changed by the words after it."""
    for lead in _ANSWER_SAID.finditer(line):
        run = math_run(line[lead.end():])
        if run is None:
            continue
        start, end = lead.end() + run[0], lead.end() + run[1]
        if (aside := _ASIDE_AFTER.search(line, start, end)) is not None:
            end = aside.start()  # "σ(u2), i.e. σ(w2σ(w1x)); w3 …", "σ(u2) (w3 is only a factor)": the answer ends
        piece, first = line[start:end], line[start:end].split()[0]
        if not _mathlike(first) or not re.search(r"[(^*/·∂∇σ']", piece) or not re.search(r"[^\W\d_]", piece) \
                or piece.rstrip().endswith(("+", "-", "−", "*", "·", "/", "^", "=")):
            continue
        tail = re.split(r"[。．!?]|\.\s", line[end:], maxsplit=1)[0]
        if changes_formula(tail) or not _CLEAN_TAIL.fullmatch(tail.strip()):
            return start, len(line.rstrip(" \t.,;"))  # "… and we keep the w3 in front of it": words a person reads
        return start, end
    return None


# what may follow an answer said in a sentence and leave it as said: the sentence's end, or what it answers
_CLEAN_TAIL = re.compile(r"[.,;:]?|(?:for|in)[ \t]+(?:part[ \t]+)?\((?:i{1,3}|iv|[a-h])\)[.,;]?", re.IGNORECASE)


# "**Answer (update):** w^(t+1) = …": a bold label before the equation is no part of its left side
_BOLD_LEAD = re.compile(r"(?:\*\*|__)[^*_\n=]{1,40}?(?::(?:\*\*|__)|(?:\*\*|__):)[ \t]*(?=\S)")


_SET_APART_TAIL = re.compile(r"[ \t]{2,}(?:\||/{1,2})[ \t]{2,}\S")
_LONE_DERIVATIVE = re.compile(r"[ \t*_]*(?:∂|d)\s*[A-Za-zσ]\w{0,3}\s*/\s*(?:∂|d)\s*[A-Za-z]\w{0,2}(?:_\{?\w{1,2}\}?)?"
                              r"[ \t*_]*"  # "∂f/∂w_1" alone on its line; an equation editor's
                              r"|[ \t]*\{[ \t]*(?:partial|d)[ \t]+[A-Za-z%]\w{0,8}[ \t]*\}[ \t]*over[ \t]*"
                              r"\{[ \t]*(?:partial|d)[ \t]+[A-Za-z]\w{0,4}[ \t]*\}[ \t]*")
# ("{partial f_w} over {partial w_2}" too)
_NEXT_CLAUSE = re.compile(r"[,;:][ \t]+(?=[^,;:=]{1,40}=)")  # "(α = learning rate): w^(new) = …" too


def _bracket_depth(text: str) -> int:
    return sum({"[": 1, "(": 1, "]": -1, ")": -1}.get(c, 0) for c in text)


def _closed_below(text: str, start: int, line_end: int) -> int | None:
    """Where the bracket a line leaves open (``grad = [ …,``) closes on the lines right below it (at most eight,
    none blank), or None."""
    depth = _bracket_depth(text[start:line_end])
    if depth <= 0:
        return None
    pos = line_end
    for _ in range(8):
        if pos >= len(text) or text[pos] != "\n":
            return None
        nxt = text.find("\n", pos + 1)
        nxt = len(text) if nxt < 0 else nxt
        body = text[pos + 1:nxt]
        if not body.strip() or "$" in body or len(body) > 2000:
            return None
        depth += _bracket_depth(body)
        if depth == 0:
            return nxt
        if depth < 0:
            return None
        pos = nxt
    return None


# a line's lead that says the formula after it is the answer: "Answer:", "Ans:", "Final answer:", "Result:"
ANSWER_LEAD = re.compile(r"[ \t]*(?:[-*•+][ \t]+)?(?:[*_]{1,3}(?=\w))?(?:(?:final[ \t]+)?(?:answer|ans\.?|result|"
                          r"réponse|respuesta|antwort|ergebnis|risposta|resposta|odpowiedź|ответ|відповідь|答案?|답|kết\s+quả)"
                          r"(?:[ \t]*\(?[a-h]?\)?\(?(?:iii|ii|iv|vi|v|i)\))?[ \t]*[:：](?:[*_]{1,3})?"
                          r"|(?:final(?:[ \t]+(?:answer|result))?|answer|result)[ \t]*=(?!=))[ \t]*",
                          re.IGNORECASE)  # and "final = …", "answer = …": a word set equal to the answer


# a line that takes back the formula above it and leads to the fixed one: "no wait, w2 is missing:", "oops, it is:"
_TAKEN_BACK = re.compile(r"(?i)\b(?:no,?\s+wait|wait,?\s+no|oops|scratch\s+that|correction|sorry|i\s+meant|actually)\b"
                         r"[^\n=]{0,60}:$")


def _answer_under(above: str, line: str) -> tuple[int, int] | None:
    """(start, end) of the formula on ``line`` that answers the equation above it (``∂f/∂w2 =`` then
    ``w3·σ2(x2)…``), or that the line says is the answer ("Answer: w3·σ2(x2)…", with no equals sign)."""
    above = above.rstrip()
    lead = ANSWER_LEAD.match(line)
    if not (above.endswith(_EQUALS) or lead or _TAKEN_BACK.search(above)):
        return None  # (a line of words that take the answer above back, "no wait, w2 is missing:", leads to one)
    indent = len(line) - len(line.lstrip())
    offset = lead.end() if lead else indent
    if any(e in line[offset:] for e in _EQUALS):
        return None  # an equation of its own
    run = math_run("+ " + line[offset:])
    if run is None or run[1] - 2 <= 0:
        return None
    formula = line[offset:offset + run[1] - 2]
    if len(formula.strip()) < 2 or not re.search(r"[(/^*·σ]|\w\d", formula):
        return None
    if lead and "(" in line[indent:lead.end()]:  # "ANSWER (i):  exp(-u)/…": the lead holds the sub-part's label,
        return offset, offset + run[1] - 2  # where that sub-part's text starts
    return indent, offset + run[1] - 2  # with its lead "Answer:", which the equation reader takes off


_TERM_START = re.compile(r"[ \t]*([+\-−·×÷]|/(?![/*])|\*(?!\*)|\\cdot|\\times)\s*\S")  # "**1e**" is bold, not a
# product; "/ (1 + e^(-u))^2" under its numerator, a fraction's denominator (never "//" or "/*", a comment)


def continued_term(line: str) -> tuple[int, int] | None:
    """(start, end) of a line that goes on with the equation on the line above it (``+ 2·(…)``): it starts
    with an operator and holds no equals sign before its first word of prose, where its math ends."""
    m = _TERM_START.match(line)
    if m is None:
        return None
    run = math_run(line)  # "· (1 - sigma(x2)), where x2 = …": the equals sign of a remark after it is not its own
    return None if run is None or any(e in line[:run[1]] for e in _EQUALS) else run


def math_run(line: str) -> tuple[int, int] | None:
    """(start, end) of the math that opens a line, up to the first word of prose or a wide gap."""
    words = [(w.start(), w.end(), w.group()) for w in _WORDS.finditer(line)]
    if not words:
        return None
    right = 0
    while right + 1 < len(words) and _mathlike(words[right + 1][2]) and not _gap(line, words[right], words[right + 1]):
        right += 1
    end = words[right][1]
    while end > words[0][0] and line[end - 1] in ".,;:":
        end -= 1
    if right == 0 and len(words[0][2].rstrip(".,;:")) <= 1:
        return None  # "- then we compute …": a dash before prose, not a term
    return (words[0][0], end) if end > words[0][0] else None


# "or" in the languages of a class, said between two answers offered for one
OR_WORDS = (r"or\s+(?:is\s+it|was\s+it|should\s+it\s+be|could\s+it\s+be|maybe\s+it'?s|perhaps\s+it'?s|it\s+could\s+be)"
            r"|(?:o|ou)\s+(?:es|será|sería|seria|é|è|sarà|sarebbe|est-ce|c'est)|oder\s+ist\s+es"  # "¿o es …?"
            r"|(?:or|oder|of|óf|ou|o|или|lub|atau|eller|nebo)\s+(?:maybe|perhaps|rather|else|vielleicht|misschien|peut-être"
            r"|quizás|forse|talvez|может\s+быть|może|mungkin|kanskje|možná|eventuell|eventueel)"
            r"|maybe|perhaps|possibly|alternatively|alternativ|otherwise|either|eventuell|eventueel|eventualmente"
            r"|also\s+possible|another\s+(?:answer|option|possibility)"
            r"|(?:I\s+|we\s+)?(?:also|alternatively)\s+(?:got|get|obtained|obtain|found|find|derived|have\s+got)"
            r"|or(?:\s+else)?|else|otherwise|and/or|vs\.?|versus|bzw\.?|resp\.?|sinon|rather"
            r"|oder(?:\s+auch)?|vielleicht|ou(?:\s+bien|\s+alors)?|o(?:\s+bien)?|oppure|óf|of|или|lub|albo|veya|ya\s+da"
            r"|hoặc(?:\s+là)?|或者?|还是|還是|または|あるいは|もしくは|또는|혹은|아니면|ή|atau|eller|tai|nebo|vagy|sau|یا|أو|या"
            r"|หรือ|або|чи|או|ou\s+então|lub\s+też|vai|arba|või|alebo|ili|ali|eða|অথবা|அல்லது|ወይም|ან|կամ"
            r"|немесе|әлде|yoki|və\s+ya|yaxud|эсвэл|же|яки|ຫຼື|သို့မဟုတ်|ឬ|లేదా|അല്ലെങ്കിൽ|ਜਾਂ|અથવા|किंवा|अथवा|či|bądź"
            r"|ו?אולי|ربما|شاید|شايد")  # ("and maybe", "maybe" in Hebrew, Arabic, Persian and Urdu)
# words of a student who has not chosen between two answers: the part goes to a person whatever is read from it
UNDECIDED = re.compile(r"\btorn\s+between\b|\bnot\s+sure\s+between\b"
                       r"|\bnot\s+sure\b[^.\n]{0,20}?\bleav(?:e|ing)\s+both\b"
                       r"|\bis\s+it\s+[^\s?]{1,12}\s+or\s+[^\s?]{1,12}\s*\?\?|\b(?:can(?:no|')?t|could(?:n't|\s+not)|unable\s+to)\s+decide\b"
                       r"|\bundecided\b|\bnot\s+sure\s+(?:if|whether)\b[^.\n]{0,40}?\bshould\s+be\s+\S+\s+or\b|(?<!\d)50\s*/\s*50(?!\d)|\bfifty[\s-]fifty\b|\bsecond\s+guess\b|\b(?:might|may|could)\s+actually\s+be\b"
                       r"|\b(?:TODO|FIXME)\b[^.\n]{0,20}?\b(?:check|verify|decide|compare)\b|\$\s*\?\?\s*\)|\bunless\b[^.\n]{0,120}?\b(?:then|in\s+which\s+case)\b"
                       r"|それとも|どちらか|自信がない|(?<=\$)\s*か\s*(?=\$)|인지\s*[^.\n]{0,80}인지|이거나|\bто\s+ли\b"
                       r"|\bhay\s+là\b|\byoksa\b|(?<=\$)\s*czy\s*(?=\$)|\bentah\b"
                       # "one of the two" in Hebrew, Arabic, Persian, Urdu
                       r"|אחד\s+מה?שניים|אחד\s+משניהם|أحد\s+(?:الاثنين|الخيارين)|یکی\s+از\s+(?:این\s+)?دو|دونوں\s+میں\s+سے\s+ایک"
                       # "ChatGPT gave me …, but I could not verify it, so I am leaving (ii) open": not the student's
                       r"|\bcould(?:n'?t|\s+not)\s+(?:verify|check)\s+(?:it|this|that)\b"
                       # "(…, or `w + lr * grad`, I am not sure of the sign)" of a program's line; "(same as
                       # `w += alpha * grad`)" beside a step that subtracts: the program said to be the same adds
                       r"|`[^`\n]{1,40}`[^\n`]{0,40}\bnot\s+(?:sure|certain)\s+(?:of|about)\s+the\s+sign\b"
                       r"|\bsame\s+as\s+`[^`\n]{0,40}\+="
                       r"|\bleav(?:e|ing)\s+(?:\([a-z]{1,3}\)\s+|it\s+|this\s+(?:part\s+)?)?(?:open|unanswered|blank)\b"
                       # "not sure which of the two is correct" (a line of its own, about both items of its part)
                       r"|\bnot\s+sure\s+which\s+of\s+the\s+two\b",
                       re.IGNORECASE)
# words that allow a second answer beside the first ("either should work", "could also be 2 with padding", "is
# fine as well"): two answers offered, none chosen (not "could also be written as …", one answer said twice)
ALSO_ALLOWED = (r"\beither\s+(?:one\s+|form\s+|way\s+|answer\s+|value\s+)?(?:should|would|will|might|could|may|can)\s+"
                r"(?:work|do|be\s+(?:fine|ok(?:ay)?|right|correct|acceptable|valid))\b"
                r"|\b(?:could|might|may)\s+also\s+be\b(?!\s+(?:written|computed|expressed|seen|derived|obtained|done|"
                r"simplified|shown|read|viewed|interpreted|called|noted|checked|verified|used))"
                r"|\b(?:is|are)\s+(?:fine|ok(?:ay)?|acceptable|valid)\s+(?:as\s+well|too)\b"
                r"|\b(?:would|should|will)\s+also\s+be\s+(?:fine|ok(?:ay)?|right|correct|acceptable|valid)\b"
                r"|\bboth\s+(?:work|(?:are|look|seem)\s+(?:fine|ok(?:ay)?|correct|right|acceptable|valid))\b"
                r"|\btake\s+your\s+pick\b|\bworks\s+(?:too|as\s+well)\b|\b(?:either|any)\s+(?:one\s+)?is\s+fine\b"
                r"|\b(?:could|might|may)\s+(?:just\s+|even\s+)?be\s+\$")  # "low — could be $w_3σ_2(x_2)$": offered
# "or" opening a line ("- or just  w3·σ2′(x2)", a list dash before it; "(or −e^-u/(1+e^-u)^2, not sure"; "Hmm, or is
# it …?")
ALTERNATIVE = re.compile(rf"[ \t]*(?:[-–•+][ \t]+|[(\[¿][ \t]*)?(?:(?:hmm+|hm|wait|well|ok(?:ay)?|but)[,.!…]*[ \t]+)?"
                         rf"(?P<word>{OR_WORDS})"
                         r"(?:[ \t]+(?:just|simply|even|only))?[ \t]*[:,]?[ \t]+(?=\S)", re.IGNORECASE)


def offered_instead(line: str) -> tuple[int, int] | None:
    """(start, end) of a line that offers another answer for the equation above it (``or  w3·σ2′(x2)·σ1(x1)``):
    the word "or", then a formula up to the first word of prose or a wide gap; read later as a hedge."""
    m = ALTERNATIVE.match(line)
    if m is None:
        return None
    run = math_run("+ " + line[m.end():])
    if run is None or run[1] - 2 <= 0:
        return None
    formula = line[m.end():m.end() + run[1] - 2]
    if not re.search(r"[A-Za-zσ]\w{0,6}['′]*\(|[/^*·]|[A-Za-z]_?\d", formula):
        return None  # "or something like that": words, not a formula
    return m.start("word"), m.end() + run[1] - 2


_COMMENT_TEXT = re.compile(r"[ \t]*(?:\(\*|#|%|//|--|;)[ \t]*(?P<text>[^\n]{0,200})")


def doubting_comment(line: str) -> bool:
    """A program's comment beside or under the answer that doubts it, offers another one or changes it in words:
    "(* sign?? *)", "# or: w3*s2*(1-s2)*s1*(1-s1)*x", "% oder …", "# -> without x: …", "# actually drop the a1?",
    "# multiplied by w3", "# then halved" (a person decides)."""
    m = _COMMENT_TEXT.match(line)
    if m is None:
        return False
    text = m.group("text")
    if _SAME.search(text):
        return False  # "// (multiplying top and bottom by e^u: same thing as …)": an equivalent form, no doubt
    return "?" in text or bool(re.match(rf"\(?\s*(?:{OR_WORDS}|actually|instead|->|→|=>|⇒)(?![\w-])", text, re.I)) \
        or changes_formula(text) or _COMMENT_DOUBT.search(text) is not None


_SAME = re.compile(r"\b(?:same\s+(?:thing|as|result)|equivalent\w*|identical|i\.\s?e\.|gleich\w*|même|mismo)\b", re.I)
# words of a comment that take the answer beside it back ("# eigentlich ohne das w2", "# the w2 does not belong")
_COMMENT_DOUBT = re.compile(r"\b(?:not\s+sure|unsure|halved|drop(?:ped)?|without|ohne|sans|sin\s+(?:el|la|los|las)|"
                            r"senza|zonder|bez|"
                            r"eigentlich|en\s+fait|en\s+realidad|in\s+realtà|really|wrong|falsch|faux|incorrect|"
                            r"mistake|typo|does\s*n[o']t\s+belong|should\s*n[o']t|should\s+not|not\s+needed|"
                            r"unnecessary|remove|delete|cancels?|cross(?:ed)?\s+out|ignore|scrap)\b", re.IGNORECASE)
