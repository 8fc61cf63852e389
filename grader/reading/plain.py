"""Math markup made plain for reading sizes and counts: ``$\\text{conv}_{1} : 25\\,050$`` -> ``conv_1 : 25,050``.

Also the few rewrites that make a count readable wherever it is written: thin-space and
``{,}`` thousands, ``by`` and other times signs, full-width punctuation, "no parameters"
(0), and "20 filters of 5×5×1" (one filter bank, ``filters 5×5×1×20``).
"""
from __future__ import annotations

import re

_SIZE = r"(\d+(?:\s*[×xX*]\s*\d+)+)"
_COUNT_OF = re.compile(r"\b(?<!conv )(?<!layer )(\d+)\s*([Ff]ilters?\s+|[Kk]ernels?\s+|filtr[oiye]s?\s+|个|個|개|枚)\s*"
                       r"(?:of\s+(?:size\s+)?|@\s*|with\s+(?:size|dimensions?|shape)\s+(?:of\s+)?|"
                       # "20 Filter der Größe 5×5×1", "20 filtres de taille …", "20 filtros de tamaño …"
                       r"(?:der\s+Gr(?:ö|oe|ö)(?:ß|ss)e|von|de\s+(?:taille|tamaño|tamanho|dimensi[oó]n)|"
                       r"di\s+(?:dimensione|taglia)|van\s+(?:grootte\s+)?|o\s+rozmiarze|размер[аом]?)\s+|"
                       r"(?:that|which)\s+are\s+(?:each\s+)?(?:of\s+size\s+)?|each\s+(?:of\s+size\s+)?)?"
                       + r"(\d+(?:\s*[×xX*]\s*\d+){2,})\b")  # not "50 filters of 5×5": 5×5×50 is another filter
_SIZE_COUNT = re.compile(r"\b" + _SIZE + r",?\s+(\d+)\s+(filters?|kernels?)\b")  # "5x5x1, 20 filters"
# "5 x 5 x 1 (x 20 filters)", "5×5×1, 20 of them", "5×5×1，共 20 个": one filter bank of 20 filters
_SIZE_TIMES = re.compile(r"\b" + _SIZE + r"\s*(?:\(\s*[×xX*]\s*(\d+)(?:\s*(?:filters?|kernels?))?\s*\)"
                         r"|,?\s*(\d+)\s+of\s+them\b|,?\s*共\s*(\d+)\s*[个個])")
# a count of nothing said in words: "ReLU and pooling have none", "no trainable parameters", "zero weights",
# "keine Parameter", "aucun paramètre", "sin parámetros", "parameter-free" (made "0 parameters"); a bare "none"
# ("padding: none") counts nothing
_NONE = re.compile(
    r"(?i)\b(have|has|contain|contains|carry|carries|hold|holds)\s+none\b"
    r"|\b(?:no|zero|nenhum)\s+(?:trainable\s+|learnable\s+|learned\s+)?(?:param(?:eter|ètre|etro)?s?|weights?|gewichte)\b"
    r"|\bparameter[- ]?(?:free|less)\b|\bkeine\s+(?:lernbaren\s+|trainierbaren\s+)?(?:parameter|gewichte)\b"
    r"|\baucun\s+param[eè]tre|\bsin\s+par[aá]metros|\bning[uú]n\s+par[aá]metro|\bnessun\s+parametro"
    r"|\bsem\s+par[aâ]metros|\bgeen\s+parameters|\bbrak\s+parametr[óo]w|\bнет\s+параметров|\bбез\s+параметров"
    r"|\bparametre\s+yok|\bkhông\s+có\s+tham\s+số|\btidak\s+ada\s+parameter|没有参数|无参数|無參數|沒有參數"
    r"|パラメータ(?:は|が)?(?:なし|ない|ありません)|(?:파라미터|매개변수)(?:가|는)?\s*없")
_NONE_HINT = re.compile(r"(?i)none|\bno\b|zero|keine|aucun|sin|ning|nessun|sem|geen|brak|нет|без|yok|không|tidak"
                        r"|参数|參數|パラメータ|파라미터|매개변수|nenhum|free|less")


def _none_as_zero(m: re.Match[str]) -> str:
    """"have none" as ": 0 parameters"; not at the head of an aside ("fc2: 5010 (no params in softmax)" says fc2's
    5010), but in one that names what has none ("(ReLU and pooling layers have no parameters)")."""
    line = m.string[m.string.rfind("\n", 0, m.start()) + 1:m.start()]
    if line.count("(") > line.count(")") and not re.search(r"[^\W\d_]{2,}", line[line.rfind("(") + 1:]):
        return m.group()
    return ": 0 parameters" if m.group(1) else " 0 parameters"


_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "c": "\u0327"}
_ACCENT = re.compile(r"""\\(["'`^~]|c\s)\s*\{?([A-Za-z])\}?""")
_LIGATURES = {"\\ss": "ß", "\\o": "ø", "\\O": "Ø", "\\ae": "æ", "\\aa": "å", "\\l": "ł", "\\i": "i"}


def _accented(text: str) -> str:
    """LaTeX accents as letters: ``Filtergr\\"o\\ss e`` -> ``Filtergröße`` (a label must read as a word)."""
    import unicodedata

    text = _ACCENT.sub(lambda m: unicodedata.normalize("NFC", m.group(2) + _ACCENTS[m.group(1).strip()]), text)
    return re.sub(r"\\(ss|o|O|ae|aa|l|i)(?![A-Za-z])(?:\{\}|\s)?", lambda m: _LIGATURES["\\" + m.group(1)], text)


_TYPESET = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                          "\ufb05": "st", "\ufb06": "st"})
_STRUCK = re.compile(r"(?<!~)~~(?!~)[^\n~]{1,2000}?~~(?!~)"
                     # GitHub's single tilde ("stride ~1~ 2"), opening after a space before a word and closing after
                     # one (not pandoc's subscript w~2~, "~0.5 … ~0.3" (approximately), LaTeX's "\)~;" tie)
                     r"|(?<![^\s(|*_>])~(?=[^\s~])[^~\n\\]{0,80}?[^\s~\\]~(?![\w~])"
                     # LaTeX's strokes ("$\cancel{1}$ 2", "\xcancel{25{,}050}", "\sout{…}") and HTML's <del>, <s>
                     r"|\\(?:[bx]?cancel|sout|st|xout)\s*\{(?:[^{}\n]|\{(?:[^{}\n]|\{[^{}\n]*\})*\})*\}"
                     r"|<(del|s|strike)>[^\n<]{0,300}</\1>", re.IGNORECASE)
_STRUCK_MARKS = re.compile(r"~|\\(?:[bx]?cancel|sout|st|xout)\b|<(?:del|s|strike)>", re.IGNORECASE)


_EMPHASIS_TAG = re.compile(r"</?(?:u|b|i|em|strong|mark|ins|span|font)(?:\s[^<>]{0,200})?>", re.IGNORECASE)
_DELIMITER = re.compile(r"(?<!\\)\\[()\[\]]")


# an arrow with its operation written on it: "\xrightarrow{conv1: 5×5×1×20}", "\overset{pool}{\to}", "--pool 2×2-->":
# the operation between the sizes it takes and gives, as "→ conv1: 5×5×1×20 →" says it
_LABELLED_ARROW = re.compile(r"\\x(?:long)?(?:right|Right)arrow\s*(?:\[([^\[\]{}\n]*)\])?\s*\{([^{}\n]*)\}"
                             r"|\\(?:overset|stackrel)\s*\{([^{}\n]*)\}\s*\{\s*\\(?:to|(?:long)?(?:right|Right)arrow|mapsto)\s*\}"
                             r"|(?<![-\w])--(?=[^\s>-])([^\n<>]{1,40}?)-+>")

_BRACKETED_STEP = re.compile(r"(?<=→)[ \t]*[\[(]([^\[\]()\n→]{1,40})[\])][ \t]*(?=→)")  # "→ [5×5×1 ×20] →"


def _arrow_step(m: re.Match[str]) -> str:
    """The operation on an arrow as a step of the chain, between the size it takes and the size it gives."""
    step = " ".join(g.strip() for g in m.groups() if g and g.strip())
    return f" → {step} → "


def plain(text: str) -> str:
    """Math markup removed for reading labels and numbers: ``$\\text{conv}_{1}$`` -> ``conv_1``; text crossed
    out (``~~23×23×20~~``) is withdrawn, not read."""
    text = _STRUCK.sub(" ", text) if _STRUCK_MARKS.search(text) else text
    text = text.translate(_TYPESET)  # "ﬁlter" from a PDF's text layer is "filter"
    text = _accented(text)
    text = _DELIMITER.sub(" ", text)  # \( … \) and \[ … \] delimit math: they are no brackets of an aside
    text = _EMPHASIS_TAG.sub(" ", text) if "<" in text else text  # "→ <u>12×12×20</u>": underlined, bold
    text = re.sub(r"\\(?:text|mathrm|textrm|textbf|mathbf|operatorname|mbox|mathit|textit)\s*\{([^{}]*)\}", r"\1", text)
    text = _LABELLED_ARROW.sub(_arrow_step, text)
    text = text.replace(".\\ ", " ") if ".\\ " in text else text  # "dim.\ 20": LaTeX's abbreviation, no sentence end
    text = re.sub(r"(?<=\d) ?(?:\\,|\{,\}|\\;|\\:|\\!|\\ |~) ?(?=\d{3}(?!\d))",
                  lambda m: "," if "," in m.group() else "\u2009", text)  # 25\,050, 25{,}050, 25\ 050, 25 \ 050
    text = re.sub(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"(\1)/(\2)", text)
    for latex, char in (("\\times", "×"), ("：", ": "), ("，", ", "), ("、", ", "), ("。", ". "), ("；", "; "),
                        ("（", " ("), ("）", ") "), ("＝", "="), ("\\cdot", "·"), ("\\ast", "*"), ("\\#", "#"),
                        ("\\%", "%"), ("\\longrightarrow", "→"), ("\\Longrightarrow", "→"), ("\\rightarrow", "→"),
                        ("\\Rightarrow", "→"), ("\\to", "→"), ("\\mapsto", "→"), ("\\left", ""), ("\\right", ""),
                        ("\\\\", "\n"), ("&", " \u2016 "), ("\\{", "("), ("\\}", ")"),
                        ("\\Sigma", "Σ"), ("\\sum", "∑")):  # "$$\\Sigma = 431080$$": the total's sign
        text = text.replace(latex, char)
    text = _BRACKETED_STEP.sub(r" \1 ", text) if "→" in text else text
    text = re.sub(r"\\begin\{[^{}]*\}(?:\{[^{}]*\})?|\\end\{[^{}]*\}|\\(?:quad|qquad|therefore|because|,|;|:|!| )", " ",
                  text)
    text = re.sub(r"\\[A-Za-z]+", " ", text)
    text = text.replace("$", " ").replace("{", "").replace("}", "").replace("**", " ").replace("`", " ")
    text = re.sub(r"(?<=\d)\s*(?:by|[✕⨯])\s*(?=\d)", "×", text)
    text = text.replace("∙", "·").replace("⋅", "·")
    text = re.sub(r"(\d+)\s*万\s*(\d{1,4})(?!\d)", lambda m: str(int(m.group(1)) * 10000 + int(m.group(2))), text)
    text = re.sub(r"(=\s*\d{1,3}),\s(\d{3})(?![\d,.])|(\d),\s(0\d\d)(?!\d)",  # "= 25, 050": a thousands comma
                  lambda m: f"{m.group(1)},{m.group(2)}" if m.group(1) else f"{m.group(3)},{m.group(4)}", text)
    text = re.sub(r"(?<![\w)])\*|\*(?![\w(])", " ", text)  # emphasis, not a product "5*5"
    text = _NONE.sub(_none_as_zero, text) if _NONE_HINT.search(text) else text  # "ReLU and pooling have none"
    # "20 filters of 5×5×1" -> "filters 5×5×1×20"
    text = _COUNT_OF.sub(lambda m: f"filters {m.group(3)}×{m.group(1)}", text)
    text = _SIZE_TIMES.sub(lambda m: f"{m.group(1)}×{m.group(2) or m.group(3) or m.group(4)}", text)
    text = _SIZE_COUNT.sub(lambda m: f"{m.group(1)}×{m.group(2)} {m.group(3)}", text)
    return text.replace("−", "-")
