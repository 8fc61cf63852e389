"""Words after a formula that may change it, in any language: kept with the formula so that it is never read
without them (an answer the grader cannot read goes to a person; one read without its last words could pass).

``…, умноженное на w₂`` ("multiplied by w₂"), ``… 的一半`` ("half of it"), ``…, times w2``: a factor, a sign,
a number or an operation said in words after the math. ``…, j = 1, 2, 3`` or ``…, where x1 = w1 x`` change
nothing and are left to end the formula.
"""
from __future__ import annotations

import re

# letters of scripts no formula is written in (Cyrillic, Armenian, Hebrew, Arabic, Indic, Thai, Lao, Tibetan, Myanmar,
# Georgian, Ethiopic, Khmer, Mongolian, kana, CJK, Hangul)
OTHER_SCRIPT = ("\u0400-\u058F\u0590-\u07BF\u0900-\u0DFF\u0E00-\u0FFF\u1000-\u139F\u1780-\u18AF\u3040-\u30FF"
                "\u3400-\u9FFF\uAC00-\uD7AF")
PROSE_SCRIPT = re.compile(f"[{OTHER_SCRIPT}]")
_MATH_MARK = re.compile(r"[A-Za-z0-9σαβγδθηλ∂∇±+\-−×·*/^²³⁻√]")
# an operation named in words, in the languages of the class
_OPERATION = re.compile(r"一半|相反|倍|乘|除|平方|倒数|负|反|半|배|곱|나누|제곱|반|역수|음수|掛|割|逆|負|умнож|дел|"
                        r"половин|обрат|минус|квадрат|противоп|ضرب|قسم|نصف|سالب|כפול|חלקי|חצי|שלילי|"
                        r"\b(?:times|multipl\w*|divid\w*|all\s+over|half|averag\w*|mean\s+over|(?:other|opposite|reversed?)\s+sign|on\s+the\s+end|together\s+with\s+the\s+input|halv\w*|twice|double|negat\w*|minus|squared|inverse|reciprocal|"
                        r"mal|geteilt|halb\w*|mult\w*|divis\w*|moiti\w*|mitad|oppos\w*|opuest\w*|scal\w*|skalier\w*|"
                        r"multipli\w*|moltiplic\w*|vermenigvuldig\w*|pomnoż\w*|przemnoż\w*|nhân|çarp\w*|kali\w*"
                        # "…, and one more w2 in front", "(the w3 stays in front as a factor)", "has to go over …"
                        r"|in\s+front|one\s+more(?!\s+(?:link|step|layer|node|level|time))|(?:an)?other\s+factor|extra\s+(?:factor|term)|as\s+a\s+factor"
                        r"|go(?:es)?\s+over|from\s+the\s+outside|add(?:ed|ing)?|subtract\w*|plus"
                        r"|to\s+the\s+power|over\s+(?:\$?\s*N\b|n\b|the\s+number|two\b|\$?\d{1,4}\b)"
                        # "… fois x", "vezes x", "gånger x", "krát x", "kertaa x", "keer x", "επί x", "durch 2",
                        # "hoch 2", Indian English's "into x" (times a name, not "into account")
                        r"|fois|vezes|vece[s]?|g[åa]nger|kr[áa]t|kertaa|keer|durch|hoch|razy|maal|gange"
                        # words that are also prepositions: "por $w_3$", "per $x$", "ori x" only before a math name
                        r"|(?:into|por|per|ori|puta)(?=\s+(?:\$|\\\(|[A-Za-zσ](?:_?\{?\d\}?)?(?![\w(])))"
                        r"|(?:into)(?=\s+\$?\\?[A-Za-zσ]\w{0,3}\b))\b|помнож"
                        r"|επί|διά",
                        re.IGNORECASE)


# the next equation of the line ("และ x2 = w2·σ1(x1)": "and", then a definition of its own)
_NEXT_EQUATION = re.compile(r"(?<![\w\\])[A-Za-z]\w{0,4}(?:_\{?\w{1,3}\}?)?(?:\([^()=]{0,12}\))?\s*=(?!=)")


# "the same (for)", "that is" in the scripts the grader reads no further: Hebrew, Arabic, Persian, Urdu, Chinese,
# Japanese, Russian
_SAME_IN_WORDS = re.compile(r"אותו\s+דבר|כלומר|نفس\s+(?:الشيء|الأمر|الصيغة)|یعنی|همان|وہی|یکسان"
                            r"|同样|相同|同じ|то\s+же\s+самое")
# "but", "without", "maybe" in those scripts: "یعنی همان عبارت قبلی ولی بدون x" (the same, but without the x)
BUT_IN_WORDS = re.compile(r"ולי|אבל|בלי|ללא|אולי|ولی|اما|بدون|شاید|شايد|لكن|ولكن|من\s+دون|ربما|لیکن|مگر|بغیر|بجز")
# "because" in those scripts: "σ(1−σ) כי e^(−u)/(1+e^(−u)) = 1 − σ": the words after the formula give its reason
REASON_IN_WORDS = re.compile(r"(?<![^\W\d_])(?:כי|מכיוון\s+ש|משום\s+ש|היות\s+ו|لأن|لان|لأنّ|بما\s+أن|چون|زیرا"
                             r"|کیونکہ|क्योंकि|так\s+как|поскольку|потому\s+что|оскільки|бо|защото|тъй\s+като|因为|因為|由于|由於"
                             r"|なぜなら|왜냐하면|เพราะ|ምክንያቱም)(?=[\s,:]|$)")
_WORKED = re.compile(r"[·*×/+\-−(^]")  # a right side that works something out: a definition, not a point named


def changes_formula(tail: str) -> bool:
    """Whether words after a formula may change it: an operation in words, or any mark of math among words in
    a script the grader cannot read (up to where the line's next equation starts)."""
    if (reason := REASON_IN_WORDS.match(tail.lstrip(" \t,;:(‏‎"))) is not None \
            and _OPERATION.search(tail, 0, tail.find(reason.group())) is None:
        return False  # "… כי …", "… так как …": the reason for the formula, which it leaves as it is
    if _SAME_IN_WORDS.search(tail) is not None and _OPERATION.search(tail) is None \
            and BUT_IN_WORDS.search(tail) is None:
        return False  # "(זה אותו דבר ל-σ₁ ול-σ₂)", "(یعنی …)": the same thing, or the same said again
    if (nxt := _NEXT_EQUATION.search(tail)) is not None and PROSE_SCRIPT.search(tail, 0, nxt.start()):
        words = PROSE_SCRIPT.search(tail, nxt.end())
        last = list(_NEXT_EQUATION.finditer(tail))[-1]
        if _WORKED.search(tail, nxt.end(), words.start() if words else len(tail)) \
                and not PROSE_SCRIPT.search(tail, last.end()):  # not "在 x = xⁱ 处" (at x = xⁱ), and no words
            tail = tail[:nxt.start()]  # after the line's last equation ("…, где x2 = …, и это ещё умножить на w3")
    return _OPERATION.search(tail) is not None or RESTRICTED.search(tail) is not None or (
        PROSE_SCRIPT.search(tail) is not None and _MATH_MARK.search(tail) is not None)


_REMARK = re.compile(r",\s*(?=[^\W\d_]{2,}\s)")  # ", where …", ", with …": a remark after the answer
_SAME_FORM = re.compile(r"(?i)\b(?:same|equivalent|identical|numerator|denominator|top\s+and\s+bottom|[ée]quivalent\w*"
                        r"|haut\s+et\s+(?:en\s+)?bas|num[ée]rateur|d[ée]nominateur|z[äa]hler|nenner|gleich\w*|mismo|misma)\b"
                        r"|같은|동일|분자|분모|同じ|分子|分母|相同|一样|一樣|同样|同樣")
_BUT = re.compile(r"(?i)\b(?:but|aber|mais|pero|ma|maar|men|only|except)\b|하지만|그런데|但|しかし|ただし")
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
    if _SAME_FORM.search(piece, words.start()) and not _BUT.search(piece, words.start()):
        return None  # "…  (같은 식, 분자 분모에 e^u 곱함)": the same formula, how it was rewritten (not "the same,
        # but times x")
    remark = _REMARK.search(piece, equals)  # ", with ∇f_w = …" before the words: the answer ends at the first
    return remark.start() if remark is not None and remark.start() < words.start() else words.start()


def same_form_aside(piece: str) -> int | None:
    """Where a bracketed remark at the end of a formula's line begins when it says the formula is the same one,
    rewritten ("= 1/(e^{u/2} + e^{-u/2})^2   (같은 식, 분자 분모에 e^u 곱함)", "(same thing, top and bottom times
    e^u)"): the formula ends there, nothing changed. None when there is none."""
    if "(" not in piece and "（" not in piece:
        return None
    aside = _LAST_ASIDE.search(piece)
    if aside is None or "=" not in piece[:aside.start()] or not _SAME_FORM.search(aside.group()) \
            or _BUT.search(aside.group()):
        return None
    return aside.start()


_LAST_ASIDE = re.compile(r"[ \t]+[(（][^()（）\n]{2,200}[)）][ \t.]*$")


# a condition on a variable: "$u \le 0$", "x_1 > 0", "u ≤ 0" (not "the ReLU and pooling layers")
_CONDITION = r"\$?[^$\n]{0,20}?(?:<|>|\\le|\\ge|\\lt|\\gt|≤|≥)"
# words after a formula that keep it to part of its domain or data: "for $u > 0$, and $0$ for $u \le 0$", "where the
# sum only runs over the pairs whose …"
RESTRICTED = re.compile(r"(?i)\band\s+\$?0\$?\s+(?:for|when|if|whenever)\s+" + _CONDITION + r"|\b0\s+otherwise\b"
                         r"|\bsum\s+only\s+(?:runs|goes)\s+over\b|\bonly\s+(?:over|for)\s+the\s+(?:pairs|points|examples"
                         r"|samples)\s+(?:of\s+\$?D\$?\s+)?(?:whose|with|where|that)\b")


# the same said in the words that lead to the formula: "The update, with $w_1$ held constant:", "Using one pair at a
# time:"
RESTRICTED_BEFORE = re.compile(r"(?i)\b(?:kept|held|stays?|remains?|left)\s+(?:fixed|constant|frozen|unchanged)\b"
                               r"|\bone\s+(?:pair|example|sample|point)\s+at\s+a\s+time\b|\bat\s+random\b"
                               r"|\bonly\s+(?:for|to|over)\s+\$?w_?\{?\d\}?\$?(?:\s+and\s+\$?w_?\{?\d\}?\$?)?\b")


def operation_named(text: str) -> bool:
    """An operation said in words ("times x", "divided by 2", "scale by w3", "умножить")."""
    return _OPERATION.search(text) is not None


# a sentence, anywhere after an answer in its part, that says the answer is to be changed: a piece of it left off,
# a sign or a factor that should be another, the answer divided or multiplied again, its labels swapped
_OBJECT = r"(?:it|this|that|them|everything|(?:the|my|that|this)\s+[^.\n]{1,40}?|\$[^$\n]{1,30}\$|[^\s.,;]{1,12})"
_CHANGE_SAID = re.compile(
    # "averaged over the two points", "taken as the mean over both data points": the sum halved
    r"\b(?:averag(?:e|ed|es|ing)|mean)\s+(?:over|of|across)\s+(?:the\s+|both\s+|all\s+)?(?:two\s+|2\s+)?"
    r"(?:data\s+|training\s+)?(?:points?|samples?|examples?|pairs?|i\b)"
    # "the factor w_2 is one too many", "… is counted twice": a factor taken back
    r"|\b(?:is|are)\s+one\s+too\s+many\b|\b(?:is|are|was|were|gets?)\s+counted\s+twice\b"
    r"|\b(?:leav(?:e|ing)|left|tak(?:e|ing)|took|cross(?:ed|ing)?|strik(?:e|ing)|struck)\s+" + _OBJECT
    + r"\s+(?:off|out|away)\b"
    r"|\b(?:drop(?:s|ped|ping)?|remov(?:e|es|ed|ing))\s+(?:it|this|that|them"
    r"|the\s+(?:last|first|trailing|extra|final|outer|inner|whole)\b|the\s+(?:factor|term|sign|minus|plus|bias)"
    r"|\$[^$\n]{1,30}\$|[a-zσ](?:_?\d)?['′]?(?![\w'′])(?!\s*=))"
    r"|\b(?:is|are)\s+not\s+needed\b|\b(?:don'?t|do\s+not|doesn'?t|does\s+not)\s+need\s+(?:the\s+)?(?:\$|[a-zσ](?:_?\d)?['′]?(?![\w'′])"
    r"|factor|term)"
    r"|\bwithout\s+the\s+(?:last|first|trailing|extra|final|outer)\b|\bbut\s+without\b"
    r"|\bforg[oe]t\s+(?:to\s+)?(?:multiply|divide|add|include|put|the\s+(?:factor|term|minus|sign|\$)|\$)"
    # "forgot the w3 factor"
    r"|\bforg[oe]t\s+(?:the\s+|a\s+|an\s+)?(?:[a-zσ](?:_?\{?\d\}?)?['′]?|[σ∂]\S{0,6})\s+(?:factor|term)\b"
    r"|\b(?:should|must|has\s+to|have\s+to|needs?\s+to|ought\s+to)\s+(?:be\s+)?(?:a\s+|an\s+)?(?:plus|minus|positive"
    r"|negative|removed|dropped|deleted|added|subtracted|multiplied|divided|halved|doubled|swapped|replaced"
    r"|switched|taken\s+out|left\s+out)\b"
    r"|\bthe\s+(?:minus|plus|sign)\s+(?:should|must|has\s+to|is\s+wrong)"
    r"|\b(?:the\s+)?(?:other|opposite)\s+way\s+a?round\b|\b(?:labels?|names?|lines?)\s+[^.\n]{0,30}?\b(?:swapped|switched)"
    r"|\b(?:divide|multiply|scale)\s+(?:it|this|that|everything|(?:the|my)\s+(?:result|answer|line|expression|"
    r"formula|final|total|gradient|update))\s+by\b|\b(?:divided|multiplied)\s+by\s+[^.\n]{1,20}?\s+(?:again|too|as\s+well)\b"
    r"|\b(?:subtract|add|take)\s+[^.\n]{1,40}?\s+(?:once\s+more|again|from\s+(?:it|that|this|the\s+total))\b"
    r"|\btimes\s+[^.\n]{1,20}?\s+again\b|\bin\s+my\s+final\b|\bmy\s+final\s+(?:answer\s+)?is\s+the\s+(?:expression|line|"
    r"one|formula)\s+above\s+(?:but|without|divided|multiplied|times)"
    r"|\buse\s+[^.\n]{1,20}?\s+instead\s+of\b|[αa]\s*<\s*0|\b(?:alpha|α)\s+(?:is|be)\s+negative"
    # "… should have $σ_1(x_1)(1−σ_1(x_1))$ at the end instead", "it must end in x instead"
    r"|\b(?:should|must|has\s+to|needs?\s+to)\s+(?:have|contain|end\s+(?:with|in)|include|read|be)\b[^.\n]{1,120}?"
    r"\binstead\b"
    # "I crossed it out on paper", "it should not be there", "removed the x", "I mixed these up", "dropped a minus",
    # "the expression above divided by x", "the last factor is σ1′", "x in the last factor means x1",
    # "the last number there should be the 50", "gets a minus sign in front", "scratch the stride above"
    r"|\bcross(?:ed)?\s+(?:it\s+|them\s+)?out\b|\bshould\s*(?:n[o']?t|not)\s+be\s+there\b"
    r"|\b(?:remov|delet|dropp)ed\s+(?:a|the)\s+(?:\$[^$\n]{1,30}\$|[a-zσ](?:_?\d)?['′]?(?![\w'′])|minus|plus|sign|factor|term)"
    r"|\bmix(?:ed)?\s+(?:\w+\s+){0,2}up\b|\bmix-?up\b"
    r"|\b(?:expression|line|formula|answer|result)\s+above\s+(?:divided|multiplied|times|over|without|minus|plus)\b"
    r"|\b(?:last|first|second|third|outer|inner)\s+(?:number|value|factor|term|entry)\s+(?:there\s+|here\s+)?"
    r"(?:should|must|has\s+to|is\s+(?:actually|really)|means|stands\s+for)\b"
    r"|\bin\s+the\s+(?:last|first|second|third)\s+(?:factor|term)\s+(?:means|stands\s+for|should\s+be)\b"
    r"|\bthe\s+last\s+factor\s+is\s+\$[^$\n]{1,30}\$\s*(?:,\s*)?(?:and\s+)?not\b"
    r"|\bgets\s+(?:a|an|another)\s+(?:minus|plus|factor|sign)\b"
    r"|\b(?:scratch|disregard|ignore)\s+(?:what\s+I|the\s+\w+(?:\s+\w+)?\s+above)\b"
    # "the 2 in front cancels against the two data points", "the factor $w_2$ …, which actually cancels": a piece
    # of the answer said to go away (not "the two minus signs cancel", a step of the working)
    r"|\b(?:the\s+)?(?:2|two|½|factor(?:\s+\$[^$\n]{1,20}\$)?|term|\$w_?\{?[123]\}?\$|w_?[123])\s+(?![^.\n]{0,40}?"
    r"(?:\b(?:minus|signs?|negatives?)\b|[-−]\s*1))[^.\n]{0,40}?\b(?:actually\s+|then\s+|just\s+)?cancel(?:s|led|ed)?\s+(?:out\s+)?"
    r"(?:against|with|because|so|when)\b"
    # "α is divided by the length of the gradient", "the step is normalised by |∇L|": another step than α∇L
    r"|(?:\b(?:alpha|step(?:\s+size)?|learning\s+rate)|α|\$\\alpha\$)\s+(?:is\s+)?(?:divided|normali[sz]ed|scaled)\s+by\b"
    # "pick one of the two points at random and compute ∇L from that point only": a stochastic step, not (f)'s
    r"|\bone\s+of\s+the\s+(?:two\s+)?(?:data\s+)?points\s+at\s+random\b|\bfrom\s+(?:that|this|one|a\s+single)\s+"
    r"(?:data\s+)?(?:point|sample)\s+only\b"
    # a step on part of the data or part of the weights, or at other weights: "computed on one pair picked at random",
    # "after each pair", "applied to $w_1$ and $w_2$ only", "$w_3$ is kept fixed", "evaluated at the new weights",
    # "the sum only runs over the pairs whose …"
    r"|\b(?:computed|evaluated|taken|calculated)\s+(?:on|at|from|over|for)\s+(?:only\s+)?(?:one|a\s+single)\s+"
    r"(?:pair|example|sample|(?:data\s+)?point)\b|\b(?:picked|chosen|drawn|sampled)\s+at\s+random\b"
    r"|\b(?:one|each)\s+(?:pair|example|sample|point)\s+at\s+a\s+time\b|\bafter\s+each\s+(?:pair|example|sample)\b"
    r"|\b(?:applied|updated?|used)\s+(?:to|for|on)\s+\$?w_?\{?[1-9]\}?\$?\s+and\s+\$?w_?\{?[1-9]\}?\$?\s+only\b"
    r"|\b(?:kept|held|stays?|remains?|left)\s+(?:fixed|constant|frozen|unchanged)\b|\bis\s+not\s+updated\b"
    r"|\b(?:at|with)\s+the\s+(?:new|next|updated|previous|old)\s+(?:weights|iterate)\b|\bprevious\s+iterate\b"
    r"|\bonce\s+per\s+(?:data\s+)?(?:pair|example|sample|point)\b|\bonly\s+(?:its|their|the)\s+signs?\b"
    r"|\bonly\s+the\s+\$?i\s*=\s*\d\$?\s+term\b|\bonly\s+\$?w_?\{?\d\}?\$?\s+and\s+\$?w_?\{?\d\}?\$?\s+(?:move|change)"
    r"|\bsum\s+only\s+(?:runs|goes)\s+over\b|\bonly\s+(?:over|for)\s+the\s+(?:pairs|points|examples|samples)\s+"
    r"(?:whose|with|where|that)\b"
    # a piece set to zero on part of the inputs ("for $u > 0$, and $0$ for $u \le 0$"), the last factor replaced
    r"|\band\s+\$?0\$?\s+(?:for|when|if|whenever)\s+" + _CONDITION + r"|\b0\s+otherwise\b"
    r"|\bthe\s+(?:last|first|final|outer|inner)\s+[^.\n]{0,20}?\s+replaced\s+(?:by|with)\b"
    # other languages: "muss weg", "weglassen", "enlever", "quitar", "빼야", "去掉", "应该是加号"
    r"|\bweg(?:lassen|gelassen|streichen|nehmen)\b|\bstreich(?:en|e)\b|\b(?:enlever|retirer|supprimer)\b"
    r"|\b(?:quitar|eliminar|sobra)\b|\b(?:togliere|rimuovere)\b|\b(?:weglaten|schrappen)\b"
    r"|빼야|빼고|빼면|지워|없애|去掉|删掉|删去|应该是|应为|改成|改为|取り除|消す|убрать|убираю|вычеркн|usuń|usunąć",
    re.IGNORECASE)
# looser: a sentence that names a piece of the answer ("the x", "$w_2$", "the 2", "the minus", "the exponent") and
# says it goes, turns or means something else ("omit", "ignore", "does not belong", "flip", "instead of", "rather
# than", "excluding", "only keep", "halve", "was a typo", "really means", "ohne")
_PIECE = re.compile(r"\$[^$\n]{1,30}\$|(?<![\w\\])(?:x|w_?[123]|σ_?[12]?['′]?|sigma_?\d?['′]?)(?![\w'′])"
                    r"|\bthe\s+(?:2|two|½|1/2|half|minus|plus|sign|factor|term|exponent|bias(?:es)?|[+-]1|step|last|gradient"
                    r"|first|final|trailing|extra)\b|\bi\s*=\s*[12]\b", re.IGNORECASE)
_TURNED = re.compile(r"\b(?:superfluous|omit\w*|ignor\w*|exclud\w*|drop\w*|flip\w*|swap\w*|revers\w*|halv\w*|remov\w*|"
                     r"delet\w*|(?:leave|left)\s+out|"
                     r"doubl\w*|instead|rather\s+than|not\s+part\s+of|(?:should|must)\s*(?:n[o']?t|not)\s+(?:appear|be\s+there|go\s+there)"
                     r"|(?:does|do|should|must|did)\s*(?:n[o']?t|not)\s+(?:belong|count)|typo|really\s+means?|only\s+keep\w*|"
                     r"get[s]?\s+(?:added|subtracted)|ohne|sans|senza|zonder|gehört\s+nicht)\b", re.IGNORECASE)


_OWN = re.compile(r"\b(?:I|I'm|I'll|I've|my|we|our|final|mine|typo|mis-?typ\w*|mistake|ich|mein\w*|endgültig\w*|"
                  r"je|mon|ma|mes|mi|yo|io|mio|mia)\b")  # the student's own answer or slip, not an explanation
_NAMING = re.compile(r"\b(?:call\w*|denot\w*|writ\w*|nam(?:e|es|ed|ing)|notation|refer\w*|stand\w*\s+for)\b",
                     re.IGNORECASE)  # "which I call g instead of σ": notation, not a change


_REASON = re.compile(r"\s*(?:because|since|as|so\s+that|note\s+that|i\.\s?e\.|that\s+is)\b", re.IGNORECASE)


# a part's label in a sentence: "1(e)", "(d)", "2b", "part f", "Problem 2 (c)"
_PART_NAMED = re.compile(r"(?<![\w(])(?:[1-9][ \t]*\(?([a-h])\)?(?![\w(])|\(([a-h])\)|part[ \t]+\(?([a-h])\b)",
                         re.IGNORECASE)
# a sentence about what was struck out or first written (the fix is what stands): "~~A~~ ← forgot σ1′, redone",
# "\sout{…} [crossed out]", "For w1 I first wrote … — I dropped the w2"
_ABOUT_STRUCK = re.compile(r"~~|\\sout\b|\\st\{|\[crossed\s+out\]|\(crossed\s+out\)"
                           r"|\b(?:first\s+(?:wrote|had|got|tried)"
                           r"|at\s+first|initially|originally|first\s+attempt)\b", re.IGNORECASE)
# "(without the final $x$, …, either should work)": another answer allowed, a hedge of the answer it follows (read
# there), no change of this one
_ALSO_FINE = re.compile(r"\beither\b[^.\n]{0,80}?\b(?:works?|fine|ok|correct|accept\w*)\b"
                        r"|\b(?:also|as\s+well)\b[^.\n]{0,20}?\b(?:fine|ok|correct|works?)\b", re.IGNORECASE)
_INDEX_SET = re.compile(r"\b[ijkn][ \t]*=[ \t]*\d\b")  # "the $i=1$ term": an index, no formula written out
_DEFINED_AFTER = re.compile(r"\bwhere\b")  # "(…mean over both points) where ∇f = (…)": a definition, not
# the changed formula written out
_WRITTEN_OUT = re.compile(r"=|←|\\leftarrow|\\gets|<-")  # the changed formula, written after the words


# words beside an answer that change nothing: a check's verdict ("so the sign should be right", "if I did this
# correctly") or the answer taken at a data point ("x^i instead of x")
CONFIRMED = re.compile(r"(?i)(?:\b(?:so|and|then)\s+)?(?:\b(?:the|this|that|it|my)\s+(?:\w+\s+)?)?\bshould\s+"
                        r"(?:be|hold|work|match|agree)\s+(?:right|correct|fine|ok(?:ay)?|good|consistent|valid|true)\b"
                        r"|\bif\s+I\s+did\s+(?:this|it|that|everything)\s+(?:correctly|right)\b"
                        # "(from (d), (e), just put x^i instead of x)": the answer taken at a data point, unchanged
                        r"|\$?x\s*(?:\^\s*\{?\s*\(?\s*[in]\s*\)?\s*\}?|_\{?[in]\}?)\$?\s+instead\s+of\s+\$?x\b")


def change_sentences(text: str, part: str = "", loose: bool = True) -> list[tuple[int, str]]:
    """Each sentence of ``text`` (its offset and words) that says an answer before it is to be changed in words ("I
    leave the $x$ off in my final answer", "EDIT: the minus should be a plus", "take the +1 out of every row"). Not
    one that gives a reason ("since the two minus signs cancel"), writes the changed formula out after its words,
    speaks of a struck or first attempt, or names another part than ``part`` first ("1.e": "P.S. in (d) I forgot
    the w3" is about (d))."""
    letter = part.split(".")[1] if part.count(".") >= 1 else ""
    out: list[tuple[int, str]] = []
    for piece in re.finditer(r"(?:[^.!?。\n]|[.!?。](?!\s))+[.!?。]?", text[:6000]):
        sentence = piece.group()
        checked = CONFIRMED.sub(lambda c: " " * len(c.group()), sentence)  # "so the sign should be right"
        m = _CHANGE_SAID.search(checked)
        if m is None and loose and _PIECE.search(sentence) and (turned := _TURNED.search(checked)) is not None \
                and (_OWN.search(sentence) or turned.start() < 3) and not _NAMING.search(sentence):
            m = turned  # "in the final answer I omit the x", "the 2 is not part of my final answer", "ignore the x"
        if len(sentence) > 400 or m is None or _ABOUT_STRUCK.search(sentence) or sentence.rstrip(" *_").endswith(":") \
                or _ALSO_FINE.search(sentence) \
                or _WRITTEN_OUT.search(_INDEX_SET.sub("", _DEFINED_AFTER.split(sentence[m.end():], 1)[0])):
            continue
        if _REASON.match(sentence) and ("," not in sentence or m.start() < sentence.index(",")):
            continue  # "since the minus signs cancel": a reason (but "Since …, I omit the x" changes it)
        named = {(n.group(1) or n.group(2) or n.group(3)).lower() for n in _PART_NAMED.finditer(sentence, 0, m.start())}
        if letter and named and letter not in named:
            continue
        out.append((piece.start(), sentence.strip()[:120]))
    return out


def change_said(text: str, part: str = "", loose: bool = True) -> str | None:
    """The first of :func:`change_sentences`, or None (``loose``: also a piece named with a word that turns it)."""
    found = change_sentences(text, part, loose)
    return found[0][1] if found else None
