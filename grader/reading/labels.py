"""Part labels as students write them, read at one place of the text (a line start, a heading, an item).

``(a)``, ``a)``, ``a.``, ``**a.**``, ``Part (a)``, ``1.a``, ``1(a)``, ``1.(a)``, ``Q1 b``, ``Question 1 (b)``,
``Problem 1(b)``, ``(b)(i)``, ``i)``, ``ii.``, ``(ii)``; problem headings such as ``Problem 2 – CNN``,
``## 2 [CNN]``, ``# Aufgabe 1``, ``문제 1``. Every pattern is anchored and reads at most one line
(:data:`WINDOW` characters), so reading labels is linear in the text.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from grader.reading.answer_words import ANSWER_WORDS

WINDOW = 160
# full-width forms (（a）, １.), the ideographic space and CJK numerals (第一问) as ASCII, one character
# for one, so offsets into the text stay right
FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20} | {
    ord(n): ord(str(i)) for i, n in enumerate("一二三四五六七八九", 1)} | {
    zero + i: ord(str(i)) for zero in (0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66,
                                       0x0CE6, 0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810)
    for i in range(10)}  # ١ ۱ १ ১ ੧ ૧ ୧ ௧ ౧ ೧ ൧ ๑ ໑ ༡ ၁ ១ ᠑: 1
# a Russian or Bulgarian report's а) б) в) г) … are (a) (b) (c) (d) … in alphabet order (в is c, not b), a
# Greek one's (α) (β) (γ) … too: a letter folded only where it stands alone as a label, never inside a word
_LETTER_LABEL = re.compile(r"(?<![^\s(*_>|#{])(?:(?:στ|[α-εζη])(?=\))"
                           r"|[а-зА-ЗґҐєЄәӘғҒђЂѓЃ](?=\)|\.(?:\s|$)))")  # not "α: step"
_LETTER_FOLD = {ord(c): ord(latin) for letters in ("αβγδε?ζη", "абвгдежз", "АБВГДЕЖЗ")
                for c, latin in zip(letters, "abcdefgh", strict=True) if c != "?"}  # Greek's sixth is στ, ζ the 7th
_LETTER_FOLD.update({ord(c): ord("f") for c in "ђЂѓЃ"})  # Serbian counts ђ, Macedonian ѓ, sixth (after д)
# a Ukrainian report counts ґ after г: its а) б) в) г) ґ) д) are (a) … (f)
_UKRAINIAN_FOLD = {ord(c): ord(latin) for letters in ("абвгґдеє", "АБВГҐДЕЄ")
                   for c, latin in zip(letters, "abcdefgh", strict=True)}
# a Kazakh report counts ә after а and ғ after г: its а) ә) б) в) г) ғ) are (a) … (f)
_KAZAKH_FOLD = {ord(c): ord(latin) for letters in ("аәбвгғде", "АӘБВГҒДЕ")
                for c, latin in zip(letters, "abcdefgh", strict=True)}
ROMAN = ("i", "ii", "iii", "iv", "v", "vi")
LETTERS = "abcdefgh"
_WORD = (r"(?:problem|part(?:ie|[ei])?|prob\.?|question|exercise|exercice|ex\.?|aufgabe|teilaufgabe|task|"
         r"m[əә]s[əә]l[əә]|tap[şs]ır[ıi]q|masala|есеп|тапсырма|маселе|масъала(?:и)?|бодлого|даалгавар|тапшырма|"
         r"zadatak|задатак|naloga|ushtrim(?:i)?|detyr[ëa]|mistoqsija|eżerċizzju|"
         r"übung|frage|ejercicio|problema|pregunta|probl[eè]me|quest[ãa]o|exerc[íi]cio|domanda|esercizio|"
         r"b[àa]i(?:\s+t[ậa]p)?|c[âa]u|soru|zadanie|úloha|задача|задание|упражнение|завдання|вопрос|"
         r"vraag|opgave|oppgave|uppgift|soal|[άα]σκηση|θ[έε]μα|πρ[όο]βλημα|"
         r"ပုစ္ဆာ|မေးခွန်း|លំហាត់|សំណួរ|ບົດເຝິກຫັດ|ໂຈດ|ຄຳຖາມ|"
         r"문제|문항|問題|问题|题|題|問|(?:ال)?سؤال|(?:ال)?مسأل[ةه]|سوال|پرسش|تمرین|مسئله|ข้อ|โจทย์|प्रश्न|প্রশ্ন|கேள்வி|ამოცანა|ጥያቄ|swali|zoezi|feladat|"
         r"teht[äa]v[äa]|exerci[țt]iul|problem[ăa]|p[řr][íi]klad|zad[áa]n[íi]|שאלה|תרגיל|soalan|вправа|"
         r"ceist|cwestiwn|goulenn|užduotis|uzdevums|"
         # East Africa, the Pacific, the Andes: Somali, Oromo, Kinyarwanda, Luganda, Swahili, Amharic, Tigrinya,
         # Tagalog, Cebuano, Malagasy, Samoan, Tongan, Hawaiian, Quechua, Guaraní, Aymara
         r"su[ʼ'’]?aal(?:ka|sha)?|layli|gaaffii|ikibazo|umwitozo|ekibuuzo|tatizo|ችግር|መልመጃ|ሕቶ|"
         r"tanong|pagsasanay|pangutana|fanontaniana|olana|fesili|fehu[ʻ'’]?i|n[īi]nau|"
         r"tapuy|porandu|jiskt[ʼ'’]?a|taro|"
         r"q|p|(?-i:A)(?=\d))")  # "A1 b)" is Aufgabe 1; 과제 3 ("assignment 3") is a title
# the part's own word: "Part (b)", "Câu b", "Teil c", "Parte d", "小问 e"
_PART_WORD = (r"(?:part|rhan|cuid|lodenn|dalis|daļa|"
              r"teil(?:aufgabe)?|parte|partie|c[âa]u|item|inciso|al[íi]nea|apartado|punto|(?:onder)?deel|"
              r"ερ[ώω]τημα|şıkk?ı?|podpunkt|bagian|bahagian|sehemu|část|rész|del(?:uppgift)?|kohta|(?:sub)?punctul|пункт|часть|"
              r"частина|סעיף|חלק|بخش|قسمت|بند|(?:ال)?جزء|(?:ال)?فرع|ý|小问|小問|小題|小题|문항|설문|pkt\.?|pt\.|bod|pont|to[čc]ka|dio|stavka|"
              r"osa|da[ļl]a|dalis|del(?:opgave|oppgave)|k[ıi]s[ıi]m|madde|butir|poin|ph[ầa]n|bahagi|kipengele|"
              r"qaybta|kutaa|igice|ekitundu|ክፍል|bahin|ampahany|vaega|konga|[ʻ'’]?[āa]pana|literal|tiki|"
              r"подпункт|σκ[έε]λος|υποερ[ώω]τημα|भाग|खंड|অংশ|設問|部分|question|frage|pregunta|domanda|вопрос)")
_END = r"(?=$|[\s.:;,)\]*_}\-–—|<$]|\\(?:[;,:! ]|q?quad(?![A-Za-z])|enspace(?![A-Za-z])))"  # "(i)\; $…$": TeX's space
_R = "iii|ii|iv|vi|v|i"
_LP, _RP = r"\\?\(\s?", r"\s?\\?\)"  # "(a)", "( a )", and pandoc's escaped "\(a\)"
_ROMAN = (rf"(?:{_LP}(?P<s1>{_R}){_RP}|(?P<s2>{_R})(?:[.)]|:(?=[ \t])|(?=\*\*|__))"  # "(i)", "ii.", "i)", "- i: …",
          # "**1.b.i**"
          r"|(?P<s3>iii|ii|iv|i)(?=[ \t]{2,}[^=\s]|[ \t]*[|\t]))")  # "(b) i   ANS: …": set apart by a wide gap
# or ending a table's cell ("| 1b-ii | σ(1-σ) |")
_SUB = rf"(?:\s*[.\-,]?\s*{_ROMAN}{_END})?"
# "1b(i)", "1b  σ′(u) = …", "| 1b (i) |", "1e, w2": a problem's number and a bare letter, set apart
# from an answer that follows (a checklist's "1c" or "1d, 1e" alone on a line answers nothing)
_BARE = (rf"{_LP}(?:{_R}){_RP}|[ \t]*\t|[ \t]{{2,}}\S|[ \t]*[:|]|,(?![ \t]*\d)|[ \t]+{_LP}(?:{_R}){_RP}"
         rf"|[ \t]+(?:{_R})[.)][ \t]"  # "1b i)  e^-u / (1+e^-u)^2"
         r"|(?:\*\*|__)[ \t]+\S|(?:\*\*|__)[ \t]*$"  # "**1e** ∂f/∂w₂ = …", "**1b**" alone: a label in bold
         r"|[ \t]+[–—-]{1,2}[ \t]"  # "1b - e^-u/(1+e^-u)^2": a dash sets the answer apart
         rf"|-(?:{_R})(?=[.:)]|[ \t])")  # "1b-i:  e^-u / …", "1b-ii  σ(1-σ)": the sub-part after a hyphen
_PART = (rf"(?:{_LP}(?P<p1>[a-hA-H]){_RP}|(?P<p2>[a-hA-H])\)|(?P<p3>[a-h])[.:]{_END}"
         rf"|(?P<p4>[a-h])(?=[ \t]?{_LP}(?:{_R}){_RP})"
         rf"|(?P<p5>[a-h])(?=[ \t]+(?:{_R})[.)][ \t])"  # "b i. e^-u / …": a part and its first sub-part
         rf"|(?P<p6>[a-h])(?=-(?:{_R})(?:[.:)]|[ \t]))"  # "b-ii  σ(1-σ)": an answer sheet's part and sub-part
         r"|(?P<p7>[a-h])(?=[ \t]{2,}[^\s=:])(?![ \t]{2,}[a-z]{2,}[ \t])"  # "d     σ2(x2)": set apart by a gap
         r"|(?P<p8>[a-h])[ \t]+::(?=[ \t]|$)"  # Org's description list: "- b :: …"
         rf"|(?P<p9>[a-h])(?=\.(?:{_R})(?:[.)]|:(?=[ \t]))))")  # "b.ii: σ(1−σ)": a part and its sub-part, dotted
# an answer key's word for the item after its part: "1e_w2", "1e-w2", "1e w2", "e, w2", "1f grad", "2c conv1", "1f_upd"
_KEY = r"(?:(?:_|-|\.(?=[A-Za-z])|,?[ \t]+|\()(?P<key>[A-Za-z∂∇][\w/∂∇]{0,14}?)\)?)"
# an answer key's word in the label's own table cell or column, after the label: "| 1(e) $w_2$ |", "1(f) grad<tab>"
_KEY_AFTER = re.compile(r",? +\$? *(?P<key>[^\s|$(][^|$\t\n(]{0,20}?) *\$?(?=[ \t]*(?:\||\t))")  # in the label's cell
_PREFIX = re.compile(r"(?:\[\d{1,2}:\d{2}(?::\d{2})?\][ \t]*[\w.\-]{1,32}:[ \t]"  # a chat export's "[12:04] name: "
                     r"|<[a-zA-Z][\w-]{0,10}>|[ \t>|*_#~•◦▪‣●○■▸▹▾▿▶►▼⁃➤]|\[[ xX]\][ \t]|={2,}[ \t]*"
                     r"|%%[ \t]*"  # a MATLAB script's cell title: "%% 1.b  derivative of sig"
                     # a transcript's turn: "**Q:** (b) asks …", "**Q:** Now Problem 2. (a) …"
                     r"|(?:q|question|frage|pregunta|вопрос)[ \t]*:[ \t]*"
                     # and its answer's turn: "A: (i) s(u) = …" under "Q: (b) … (i) … (ii) …"
                     r"|(?-i:A|Ans|Answer|ANS)[ \t]*:[ \t]*(?=\((?:[a-h]|i{1,3}|iv)\)[ \t])"
                     r"|(?:now|next|ok(?:ay)?)[ \t,]+(?=(?:problem|exercise|task)[ \t]+[1-9])"
                     # a lab notebook's entry: "10:10  1(b)", "2026-03-04 14:10 — 1(e)", "03-04: (f)"
                     r"|(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?|\d{2}-\d{2}(?=:)"
                     r"|\d{1,2}:\d{2}(?::\d{2})?)"
                     r":?[ \t]*[—–-]*[ \t]*(?=\(?[1-9]?[ \t]?\(?[a-h]\)|[1-9][a-h][ \t:)])"
                     # "## Appendix A — Problem 1: …": an appendix titled by the problem it works out
                     r"|(?:appendix|anhang|annexe|anexo|appendice)[ \t]+[A-Z][.:]?[ \t]*[—–:-]?[ \t]*"
                     r"(?=(?:problem|aufgabe|exercise|question|task)[ \t]*[1-9])"
                     # a card's "HW2 P1b(i) …", "Homework 3 – P2(c)": the homework's number, then the part
                     r"|(?:hw|homework|assignment|hausaufgabe|devoir|tarea)[ \t]?#?\d{1,2}[ \t]*[—–:-]?[ \t]*"
                     r"(?=(?:p|q)?[1-9]\.?\(?[a-h](?:\b|(?=\()))"  # (compact: not "HW3 — Problem 1 (f) and …")
                     # "=== Problem 1 ===", an outliner's toggle ("- ▸ (d)")
                     r"|\\(?:textbf|textit|text|emph|mathbf|bf|it)\s*\{?"
                     r"|\\(?:noindent|medskip|bigskip|smallskip|par|item)\b[ \t]*|\{"
                     # "**Answer 2(a)**", "Solution 1(d):", "Antwort (b)": the word an answer sheet opens a part with
                     rf"|(?:{ANSWER_WORDS}|solution|sol\.)[ \t]+"
                     r"(?=[1-9]\d?[ \t]?[.(]?[a-h]\b|\((?:[a-h]|i{1,3}|iv)\)))*",
                     re.IGNORECASE)
_PAIR = r"[ \t]*(?:,|&|/|and)[ \t]*"  # between two parts a heading names ("** d, e")
PATTERNS = [  # (kind, pattern); the first that matches wins
    # "[1b]", "[1(b)]", "[2.c]", "[1b-ii]", "(1e)", "(2.a)": an answer sheet's part in brackets
    ("problem", re.compile(rf"\[\s*(?P<prob>\d{{1,2}})\s*[.\-]?\s*\(?(?P<p1>[a-h])\)?"
                           rf"(?:\s*[.\-]?\s*\(?(?P<s4>{_R})\)?)?\s*\]{_END}{_SUB}")),
    ("problem", re.compile(rf"\(\s?(?P<prob>[1-9])\s?[.\-]?\s?(?P<p1>[a-h])['′]?(?:,[ \t]?[^()\n]{{1,24}})?\s?\)"
                           r"(?![ \t]*(?:gives?|gave|and|&|or|says?|shows?|yields?|implies|plus|with|together|to|"
                           r"from|in|above|below|are|is|was|were)\b|[ \t]*[,–—-][ \t]*\()"  # "(1.b) gives …": cited
                           rf"{_END}{_SUB}")),  # "(1e)", "(2.b')", "(2b, 2nd try)"
    ("problem", re.compile(rf"(?:{_WORD}\s*(?:#|no\.?|nr\.?)?\s*|第\s*(?=\d{{1,2}}\s*[问題题問部]))(?P<prob>\d{{1,2}})"
                           rf"(?:\s*[问題题問])?(?!\d|[.,]\d|\s*[x×*]\s*\d|\s*:?=(?!=))"
                           rf"(?:[*_]{{0,2}}\s*(?:[.,\-–—]|[ \t]/)?\s*(?:{_PART_WORD}\s*)?"
                           rf"(?:{_LP}(?P<p1>[a-hA-H]){_RP}|"
                           # (not "P1  f = …": a formula's name; "p2a = {…}" is part 2a's dictionary)
                           rf"(?P<p2>[a-h])(?!(?<=\s[a-h])[ \t]*:?=(?!=))(?:[.:)]?{_END}|(?={_LP}(?:{_R}){_RP})))"
                           rf"{_SUB})?", re.IGNORECASE)),
    # "P1 (b)(i)", "Q2 (a)", "Pb.1 (d)": a problem's abbreviated word and number, then the part in brackets
    ("problem", re.compile(rf"(?-i:P|Q|Pb|Ex|Ej|Aufg)\.?[ \t]?(?P<prob>[1-9])[ \t]*(?:[.,\-–—:][ \t]*)?"
                           rf"{_LP}(?P<p1>[a-h]){_RP}{_END}{_SUB}")),
    # "(b-i)", "(b.ii)", "(b/ii)": a part and its sub-part in one bracket
    ("part", re.compile(rf"{_LP}(?P<p1>[a-h])[ \t]?[-.,/][ \t]?(?P<s1>{_R}){_RP}{_END}")),
    # "Part (b)", "Câu b", "Sehemu d)"
    ("part", re.compile(rf"{_PART_WORD}\s*(?:{_LP}(?P<p1>[a-hA-H]){_RP}|(?<![A-Za-z])(?P<p2>[a-hA-H])\)?{_END}){_SUB}",
                        re.IGNORECASE)),  # not "Parte 1" read as "Part e"
    ("problem", re.compile(rf"(?P<prob>\d{{1,2}})(?:(?:\s*[.\-]?\s*{_LP}(?P<p1>[a-h]){_RP}|[.\-](?P<p2>[a-h])\)?|"
                           rf"[ \t]?(?P<p3>[a-h])[.)])(?:{_END}|(?={_LP}(?:{_R}){_RP}))"  # "1a)", "1 a)"
                           rf"|(?P<p4>[a-h])(?={_BARE})"
                           rf"|\.?(?P<p9>[a-h])(?=\.(?:{_R})(?:[.)]|:(?=[ \t])))){_SUB}")),  # "1.b.ii:", "1b.i)"
    # "1.4 σ2(x2)", "2.3 520 + 0 + …": an answer sheet that numbers its parts (the fourth is (d)); only in a
    # hand-in that marks no part by a letter (see read_label)
    ("numbered", re.compile(rf"(?:(?-i:Q|P|Ex|Aufg)\.?[ \t]?)?"  # "Q2.3 Number of parameters": its question's word
                            rf"(?P<prob>[1-9])\.(?P<pn>[1-8])(?![\d.,]\d|[ \t]*[x×*](?!\*))(?=[ \t:)]|\*\*|__|$)"
                            rf"(?!.*?(?:\([a-h]\)|(?<![\w\\])[a-h]\)))"  # "1.4 (d), (e)": a section number
                            rf"{_SUB}")),
    ("key", re.compile(rf"(?P<prob>\d{{1,2}})[ \t]?(?P<p3>[a-h])(?:_(?P<s2>{_R})\b|\((?P<s1>{_R})\))?{_KEY}?"
                       rf"(?=[ \t]*(?:->|→|=>|:(?!:)|\t|\||[ \t]{{2,}}\S)|\s*(?:->|→|=>|:(?!:)))")),
    ("key", re.compile(rf"(?P<p3>[a-h])(?:\((?P<s1>{_R})\)|_(?P<s2>{_R})\b)?{_KEY}?(?=[ \t]*(?:\t|\|))")),
    # "1b e^-u/(1+e^-u)^2, s(1-s).": a line of an answer sheet whose lines open "1a", "1b", "1c" (see read_label)
    ("sheet", re.compile(r"(?P<prob>[1-9])(?P<p3>[a-h])(?=[ \t]+\S)")),
    # "b - (i) e^-u/(1+e^-u)^2": a letter and a dash opening three or more lines in order (see read_label)
    ("dashed", re.compile(r"(?P<p3>[a-h])(?=[ \t]+[–—-](?:[ \t]+\S|[ \t]*$))")),
    ("roman", re.compile(rf"{_ROMAN}{_END}")),
    ("part", re.compile(rf"{_PART}{_SUB}")),
    ("part", re.compile(r"(?P<p3>[a-h])[ \t]*$")),  # a letter alone on its line, its answer below it
    # "### a", "### b – CNN", "** d, e" (two parts under one heading), LaTeX's "\begin{solution}[d]"
    ("heading", re.compile(rf"(?P<p3>[a-h])(?=[ \t]*(?:$|\}}|\])|[ \t]+[–—-][ \t]|{_PAIR}[a-h][ \t]*$)")),
    # "## 1a", "## 2 b – x", LaTeX's "\paragraph{1d} $…$" (its title ends at the brace)
    ("heading", re.compile(r"(?P<prob>[1-9])[ \t]?(?P<p3>[a-h])(?=[ \t]*(?:$|\}|\])|[ \t]+[–—-][ \t])")),
    ("heading", re.compile(rf"(?:section\s*)?(?P<prob>[1-9]\d?)(?![.,]?\d)\.?{_END}"
                           rf"(?!\s*[x×*]\s*\d)", re.IGNORECASE)),
    # "### （4）对 w3 的偏导": a problem's parts numbered in brackets, in a hand-in that letters no part
    ("counted", re.compile(r"\((?P<pn>[1-8])\)")),
]
# "(d)–(e)", "(d),(e)", "(b)+(c)", "**(a)** and **(b)**"
_RANGE = re.compile(r"(?:(?<=\))[*_]{1,2})?\s?(?:[–—-]{1,2}|\bto\b|\.\.|(?<=[)*_]),|(?<=[)*_])\s?[&+/]"
                    r"|(?<=[)*_])\s?\band\b)\s?(?:[*_]{1,2})?\\?\(?\s?(?P<last>[a-hA-H])\s?\\?\)"
                    r"(?:\s?\\?\(\s?(?:iii|ii|iv|vi|v|i)\s?\\?\))?(?![\w(])")
# "1.d–1.e Gradients", "I.d–I.e": two parts of one problem, each with its number
_NUMBERED_RANGE = re.compile(r"[ \t]?(?:[–—-]{1,2}|\bto\b|,|&|\band\b)[ \t]?(?P<prob>[1-9])"
                             r"(?:\.|\((?=[a-h]\)))?(?P<last>[a-h])\)?(?![\w(])")  # "1(d), 1(e)" too
_NUMBERED_PAIR = re.compile(r"[ \t]*(?:\+|&|and|,|[–—-]{1,2})[ \t]*(?P<prob>[1-9])\.(?P<pn>[1-8])(?![\d.,]\d)")
_HEADING_PAIR = re.compile(rf"{_PAIR}(?P<last>[a-h])[ \t]*$")  # "** d, e": both parts
_TAIL = re.compile(r"[ \t]*[*_}\]]*[ \t]*(?:->|=>|→|[:.\-–—])?")


@dataclass(frozen=True)
class Label:
    """A label found at ``start``; the answer after it starts at ``end``."""

    start: int
    end: int
    problem: str | None = None
    part: str | None = None
    sub: str | None = None
    strong: bool = True
    key: str | None = None  # an answer key's word for the item ("w2" in "1e_w2"), set apart from the answer
    key_end: int = -1  # where the answer after the key starts
    through: str | None = None  # the last part of a range ("(d)–(e)", "** d, e"): one text answers each


# part letters of other alphabets, in brackets: Arabic's abjad order (أ ب ج د هـ و), Persian's own order
# (الف ب پ ت ث ج), Thai (ก ข ค ง จ ฉ) and Devanagari (क ख ग घ ङ च); each folded to a Latin letter, same length
# Thai, Devanagari, Bengali, Tamil, Hebrew, Korean (가나다, ㄱㄴㄷ), Japanese iroha, the heavenly stems (甲乙丙),
# Georgian, Ge'ez
_IROHA, _STEMS = "イロハニホヘトチ", "甲乙丙丁戊己庚辛"
_OTHER_LETTERS = ("กขคงจฉชซ", "कखगघङचछज", "কখগঘঙচছজ", "அஆஇஈஉஊஎஏ", "אבגדהוזח", "가나다라마바사아", "ㄱㄴㄷㄹㅁㅂㅅㅇ",
                  _IROHA, "いろはにほへとち", _STEMS, "აბგდევზთ", "ሀለሐመሠረሰሸ")
_BRACKETED_LETTER = re.compile(r"(?<=\()\s?(الف|هـ|[أابجدهوزحپتث" + "".join(_OTHER_LETTERS) + r"])\s?(?=\))")
_ABJAD = dict(zip(["الف", "أ", "ا", "ب", "ج", "د", "هـ", "ه", "و", "ز", "ح"], "aaabcdeefgh", strict=True))
_PERSIAN = dict(zip(["الف", "ا", "ب", "پ", "ت", "ث", "ج", "چ", "ح"], "aabcdefgh", strict=True))
_OTHER_ORDER = {letter: latin for letters in _OTHER_LETTERS for letter, latin in zip(letters, "abcdefgh", strict=True)}
_ORDINALS = {"اول": "1", "دوم": "2", "الأول": "1", "الاول": "1", "الثاني": "2"}  # Persian and Arabic ordinals
_ORDINAL_PROBLEM = re.compile(r"(?:(?<=سوال\s)|(?<=سؤال\s)|(?<=پرسش\s)|(?<=مسئله\s)|(?<=السؤال\s))("
                              + "|".join(_ORDINALS) + r")(?!\w)")
_OTHER_LETTER_LABEL = re.compile(r"(?<![^\s*_>|#{])(الف|هـ|[أابجدهوزحپتث" + "".join(_OTHER_LETTERS) + r"])"
                                 r"(?=[).．:：](?:\s|$|[*_}\]]|[^\x00-\x7f]))")  # (LaTeX's "\subsection*{أ)}")
# "甲、", "イ、" ("、" read as ","): an enumerator, as "甲)" is
_ENUMERATOR = re.compile(rf"(?<![^\s*_>|#{{])([{_STEMS}{_IROHA}])[、,]")


# a letter of another alphabet after a problem's number and a stop or dash ("1.α", "۱-الف)", "2.β"), after a
# part's word ("סעיף ה", "قسمت الف", "ข้อ 1 จ") or after a number opening a line ("### 1 จ"), no brackets
_ALPHABET_LETTER = r"(?:الف|هـ|στ|[أابجدهوزحپتث" + "".join(_OTHER_LETTERS) + r"α-εζηа-зА-ЗґҐ])"
_UNBRACKETED_LETTER = re.compile(rf"(?P<pre>(?P<digit>[1-9])[.\-–]|{_PART_WORD}[ \t]+(?:[1-9][ \t]+)?"
                                 rf"|{_WORD}[ \t]*[1-9][ \t]+|(?m:^)[ \t#*>]*[1-9][ \t]+)(?P<l>{_ALPHABET_LETTER})"
                                 r"(?P<close>\)?)(?P<geresh>['׳]?)(?=[\s.:*،]|$)", re.IGNORECASE)  # "סעיף א'"


# "1-маселе (b)", "2-есеп (ә)", "1-masala b)": the problem's number before its word, as Turkic languages and Russian
# ordinals write it, at a line's start (a heading's or an item's)
_NUMBER_FIRST = re.compile(rf"(?m)^(?P<lead>[ \t#*>_-]*)(?P<n>[1-9])[-‑–](?:[ыиіоүуюая]{{1,3}}[ \t]+)?"
                           rf"(?P<word>{_WORD})\b", re.IGNORECASE)


def number_first(text: str) -> str:
    """``text`` with each "1-маселе" at a line's start written "маселе 1 ", the order labels are read in (the same
    length, so every offset stays)."""
    return _NUMBER_FIRST.sub(lambda m: f"{m.group('lead')}{m.group('word')} {m.group('n')}"
                             .ljust(len(m.group())), text)


def _latin(letter: str, persian: bool) -> str | None:
    if letter == "στ":
        return "f"  # Greek counts ϛ (στ) sixth
    folded = letter.translate(_UKRAINIAN_FOLD if letter in "ґҐ" else _LETTER_FOLD)  # (ђ, ѓ: f in every order)
    if folded != letter:
        return folded
    return _OTHER_ORDER.get(letter) or (_PERSIAN if persian else _ABJAD).get(letter)


def _fold_unbracketed(m: re.Match[str], persian: bool) -> str:
    """"۱-الف)" read as "1(a)" (padded to its length, so offsets stay right), "1.α" as "1.a", "סעיף ה" as "סעיף e"."""
    latin = _latin(m.group("l"), persian)
    if latin is None:
        return m.group()
    if m.group("digit") and len(canonical := f"{m.group('digit')}({latin})") <= len(m.group()):
        return canonical.ljust(len(m.group()))
    return m.group("pre") + latin.ljust(len(m.group("l"))) + m.group("close") + " " * len(m.group("geresh"))


def _fold_letter(m: re.Match[str], persian: bool) -> str:
    letter = m.group(1)
    latin = _latin(letter, persian)
    return m.group().replace(letter, latin.center(len(letter)) if latin else letter)


@functools.lru_cache(maxsize=8)
def _kazakh_order(text: str) -> bool:
    """A hand-in that labels a part ә) counts its parts in the Kazakh alphabet (ә is the second)."""
    return "ә" in text and re.search(r"(?:^|[\s(\d.])[әӘ][).]", text) is not None


# a Welsh report's parts: a b c ch d dd e f …, so its (ch) is (d), (d) is (e), (dd) is (f)
_WELSH = {"ch": "d", "d": "e", "dd": "f", "e": "g", "f": "h"}
_WELSH_LABEL = re.compile(r"\((ch|dd|d|e|f)\)", re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def _welsh_order(text: str) -> bool:
    """A hand-in that labels parts (ch) and (dd) after (c) counts them in the Welsh alphabet."""
    return "(ch)" in text.lower() and "(dd)" in text.lower() and "(c)" in text.lower()


@functools.lru_cache(maxsize=8)
def _ukrainian_order(text: str) -> bool:
    """A hand-in that labels a part ґ) counts its parts in the Ukrainian alphabet (д is the sixth)."""
    return "ґ" in text and re.search(r"(?:^|[\s(\d.])[ґҐ][).]", text) is not None


@functools.lru_cache(maxsize=8)
def _persian_order(text: str) -> bool:
    """A hand-in that labels a part (پ) or (ت), "قسمت پ" or "۱-پ)" counts its parts in Persian order (ج is the
    sixth); one that goes الف, ب, ج, د without them counts in the abjad order Iranian schools use (ج is the third)."""
    return re.search(r"(?m)(?:\(\s?|[\d۰-۹][-–.]|(?:قسمت|بخش|بند)[ \t]+|^[ \t#*>_-]*)[پتث](?=\s?\)|\s|$)",
                     text) is not None


@functools.lru_cache(maxsize=8)
def _marks_parts(text: str) -> bool:
    """Whether the hand-in marks its parts with brackets or a stop ("(d)", "d)", "d.", "1d:"), so that a letter
    set apart by a gap alone is no label there (only an answer sheet with no other marks labels parts so)."""
    return _marked_parts(text) > 0


@functools.lru_cache(maxsize=8)
def _marked_parts(text: str) -> int:
    """How many parts the hand-in marks with brackets or a stop (one "(d) see 1.4" under numbered parts: a mention)."""
    return len({m.group().strip(" \t*#_>|-()\\.:").lower()[-1:] for m in _PART_MARK.finditer(text)})


@functools.lru_cache(maxsize=8)
def _letters_anywhere(text: str) -> bool:
    """Whether the hand-in marks its parts by a bracketed letter: two or more letters, or one after a section's
    number ("1.2 (b)"); one "(d) see 1.4" after numbered parts is a mention."""
    letters = {m.group(1) for m in re.finditer(r"\\?\(\s?([b-f])\s?\\?\)", text)}
    return len(letters) >= 2 or bool(letters) and re.search(r"\d\.\d[ \t]*\\?\(\s?[b-f]\s?\\?\)", text) is not None


@functools.lru_cache(maxsize=8)
def _sheet_lines(text: str) -> bool:
    """Whether three or more lines open with a problem's number and a part's letter, in order ("1a …", "1b …",
    "1d …"): an answer sheet, where that opening is a label even before a formula set apart by one space."""
    opened = [(m.group(1), m.group(2)) for m in re.finditer(r"(?m)^[ \t]*([1-9])([a-h])[ \t]+\S", text)]
    return len(opened) >= 3 and opened == sorted(set(opened))


def symbol_column(text: str, pos: int) -> bool:
    """Whether the table row at ``pos`` is in a table whose first column names symbols, not parts: two or more of
    its cells are names other than a lone part letter (``p``, ``q``, ``h1``; a, p, b, q, f are a forward pass's
    states), none a part's key (``e_w2``), and its head does not say "part"."""
    return _symbol_tables(text).get(text.rfind("\n", 0, pos) + 1, False)


@functools.lru_cache(maxsize=8)
def _symbol_tables(text: str) -> dict[int, bool]:
    """For each pipe table's row (by its line's start), and the line right after the table, whether the table's
    first column names symbols: worked out once per table, not once per row (a long table is read in one pass)."""
    out: dict[int, bool] = {}
    rows: list[int] = []
    pos = 0
    for line in [*text.split("\n"), ""]:
        if line.lstrip().startswith("|"):
            rows.append(pos)
        elif rows:
            verdict = _names_symbols(text, rows[0])
            out.update(dict.fromkeys([*rows, pos], verdict))
            rows = []
        pos += len(line) + 1
    return out


def _names_symbols(text: str, start: int) -> bool:
    """Whether the pipe table starting at ``start`` has a first column of symbols (see :func:`symbol_column`)."""
    firsts: list[str] = []
    for line in text[start:start + 20_000].split("\n"):
        if not line.lstrip().startswith("|"):
            break
        cell = line.strip().strip("|").split("|")[0].strip().strip("*_`$ ")
        if cell and not re.fullmatch(r"[:\-\s]+", cell):
            firsts.append(cell)
    cells = firsts[1:]  # the head row names the column
    if len(cells) < 2 or firsts and _PART_HEAD.match(firsts[0]) or any(_PART_KEY.fullmatch(c) for c in cells):
        return False
    return sum(1 for c in cells if re.fullmatch(r"[A-Za-z]\d?|[A-Za-z]_\w", c) and not re.fullmatch(r"[a-h]", c)) >= 2


# a table's first head cell that says its column holds parts: "part", "Sub-part", "item", "Q", "#", "Teilaufgabe"
_PART_HEAD = re.compile(r"(?i:(?:sub[\s-]?)?(?:parts?\b|items?\b|q\b|#|no\b\.?|nr\b\.?|questions?|problems?|tasks?"
                        r"|exercises?|teil|aufgabe|parte|partie|ex\b|ex\.|frage|pregunta|question))")
# ("node" is no "No.")
# a cell that names a part by a key: "e_w2", "e w1", "b(ii)", "1e", "f grad"
_PART_KEY = re.compile(r"\d?[a-h](?:[ _.-]+(?:w_?\d|[a-z]{2,6}|i{1,3}|iv)|\((?:i{1,3}|iv)\))")  # not "h_1": a name


@functools.lru_cache(maxsize=8)
def dashed_lines(text: str) -> bool:
    """Whether three or more lines open with a part's letter and a dash, in order ("a - …", "b - …", "d - …"):
    there the letter is a label, as a sheet's "1a" is (a line "e - 1 = …" alone is arithmetic)."""
    opened = re.findall(r"(?m)^[ \t]*([a-h])[ \t]+[–—-](?:[ \t]+\S|[ \t]*$)", text)
    run = best = 0  # the longest run of letters in order (a late "e - (fix)" out of order is a label said again)
    for k, letter in enumerate(opened):
        run = run + 1 if k and letter > opened[k - 1] else 1
        best = max(best, run)
    return best >= 3


_PART_MARK = re.compile(r"(?m)^[ \t*#_>|-]*(?:\d{1,2}[ \t]?)?(?:\\?\([a-h]\\?\)|[a-h][.):](?=[ \t]|$))")


# "(ホ)、ニ) の式)" ("、" read as ","): parts listed, cited in a sentence
_CITED_LIST = re.compile(r"\(?[a-h]\)[ \t]*(?:[、,][ \t]*\(?[^\x00-\x7f]\)|、[ \t]*\(?[a-h]\))")  # not "(d),(e)"


# a problem numbered in Roman capitals: "II.a", "I(b)", "**II.c**", "Part II", "Problem I" (a course that numbers its
# problems so); read as the digit, padded on the left to the same length ("II.a" as " 2.a") so offsets stay right
# (not "I.e.", "I.e," or "I.e pulling …": that is)
_ROMAN_PROBLEM = re.compile(r"(?:(?<=[\s*_#>|(\[–—-])|^)(?P<n>III|II|IV|I)(?!\.e(?:[.,;]|[ \t]+[a-z]))"
                            r"(?=[.\-][a-h](?![\w])|\s?\\?\([a-h]\\?\)|\.[1-8](?![\d.,]))"
                            r"|(?P<word>(?i:part|problem|exercise|question|task|teil|aufgabe|parte|partie)[ \t])"
                            r"(?P<m>III|II|IV|I)(?![\w'’])")
_ROMAN_VALUE = {"I": "1", "II": "2", "III": "3", "IV": "4"}


@functools.lru_cache(maxsize=8)
def _roman_numbered(text: str) -> bool:
    """Whether the hand-in numbers its problems in Roman capitals: two or more such labels ("Part II", "II.a",
    "I.b"), not counting "I.e" (that is, "I.e, …" or "I.e pulling the minus out": an abbreviation, not a label)."""
    found = {m.group().replace(" ", "") for m in _ROMAN_USED.finditer(text)} - {"I.e"}
    return len(found) >= 2


_ROMAN_USED = re.compile(r"(?m)(?:^[ \t#*>_|-]*(?:III|II|IV|I)(?:[.\-]?[a-h]|\.[1-8])(?![\w])"
                         r"|(?i:part|problem)[ \t]+(?-i:III|II|IV|I)(?![\w'’]))")


def _roman_problem(m: re.Match[str]) -> str:
    numeral = m.group("n") or m.group("m")
    return (m.group("word") or "") + _ROMAN_VALUE[numeral].rjust(len(numeral))


_LOWER_PART = re.compile(r"(?m)^[ \t#*>_-]*(?:\\?\(|\[)[a-h](?:\\?\)|\])")


@functools.lru_cache(maxsize=8)
def _lowercase_parts(text: str) -> bool:
    """Whether a hand-in labels its parts with lowercase letters at line starts ("(a)", "### (b)"), twice or more."""
    return len(_LOWER_PART.findall(text, 0, 200_000)) >= 2


# a line that breaks a sentence after a word that needs more ("and", "of", "see"): the next line's "(e)" goes on
_WRAPPED_CITE = re.compile(r"(?i)\S[ \t]+(?:and|or|of|to|from|in|see|with|via|by|using|per|like|as|than|under|"
                           r"und|oder|et|ou|mit|avec|über|laut)[ \t]*\n[ \t]*$")  # (not "y")


_OWN_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,2}\.?[ \t]+(?=\[\s*\d)")  # "1.1 [1b-i]", "2.3 [2c]"


def read_label(text: str, pos: int, *, heading: bool = False, context: str | None = None) -> Label | None:
    """The label at ``pos`` (after emphasis and LaTeX text markup), if one starts there.

    A bare number (``## 2 [CNN]``) is a problem only in a heading. ``context``: the whole report, when ``text`` is
    one heading of it (the alphabet its parts are counted in is the report's).
    """
    whole = text if context is None else context
    window = text[pos:pos + WINDOW].translate(FOLD)
    cyrillic = _UKRAINIAN_FOLD if _ukrainian_order(whole) else _KAZAKH_FOLD if _kazakh_order(whole) \
        else _LETTER_FOLD
    window = _LETTER_LABEL.sub(lambda m: " f" if m.group() == "στ" else m.group().translate(cyrillic), window)
    if not window.isascii():  # "سوال دوم": a problem counted in words; "イ．", "א.", "ሀ)", "가)", "الف)": a letter
        window = _ORDINAL_PROBLEM.sub(lambda m: _ORDINALS[m.group(1)].ljust(len(m.group(1))), window)  # of another
        # alphabet that labels a part
        persian = _persian_order(text)
        window = _ENUMERATOR.sub(r"\1)", window)
        window = _OTHER_LETTER_LABEL.sub(lambda m: (_latin(m.group(1), persian) or m.group(1)).rjust(len(m.group(1))),
                                         window)  # ("هـ)" as " e)": the letter stays by its bracket)
    if "I" in window and _roman_numbered(text):
        window = _ROMAN_PROBLEM.sub(_roman_problem, window)
    if "(" in window and _welsh_order(whole):  # "(ch)" after "(c)": Welsh letters count ch, dd as letters
        window = _WELSH_LABEL.sub(lambda m: " " * (len(m.group(1)) - 1) + "(" + _WELSH[m.group(1).lower()] + ")",
                                  window)
    if "(" in window and _BRACKETED_LETTER.search(window):
        persian = _persian_order(text)
        window = _BRACKETED_LETTER.sub(lambda m: _fold_letter(m, persian), window)
    newline = window.find("\n")
    if newline >= 0:
        window = window[:newline]
    skip = _PREFIX.match(window)
    offset = skip.end() if skip else 0
    if _CITED_LIST.match(window, offset):
        return None  # "(ホ)、ニ) の式)": parts listed with an ideographic comma, cited in a sentence
    if window.startswith("(", offset) and _WRAPPED_CITE.search(text, max(0, pos - 40), pos):
        return None  # "… the partial derivatives of (d) and" / "(e), evaluated at …": a part cited, wrapped
    if not window.isascii() and (unbracketed := _UNBRACKETED_LETTER.search(window[:48], offset)):
        folded = _fold_unbracketed(unbracketed, _persian_order(text))  # same length: the offset stays right
        window = window[:unbracketed.start()] + folded + window[unbracketed.end():]
    own = _OWN_NUMBER.match(window, offset)
    if own is not None and (said := read_label(text, pos + own.end())) is not None and said.part:
        return replace(said, start=pos + offset)  # "1.1 [1b-i]  …": the hand-in's own number, then the handout's
    for kind, pattern in PATTERNS:
        if kind in ("heading", "counted") and not heading or kind == "counted" and _letters_anywhere(text):
            continue
        m = pattern.match(window, offset)
        if m is None:
            continue
        groups = m.groupdict()
        if kind == "sheet" and not _sheet_lines(text) or kind == "dashed" and not dashed_lines(text):
            continue
        if kind == "key" and not groups.get("prob") and symbol_column(text, pos):
            continue  # "| a | w1 · x |" in a table of names a, p, b, q: a symbol, not part (a)
        if (groups.get("p7") and _marks_parts(text) or kind == "numbered" and _marked_parts(text) >= 2) \
                or kind == "numbered" and _letters_anywhere(text):
            continue  # "d     σ2(x2)" in a hand-in that marks its parts "(d)" or "d)": a table's row, not a label;
            # "1.1 Setup" in a hand-in with "(b)" anywhere: a section's number, the parts are lettered
        if groups.get("pn"):
            groups["p3"] = LETTERS[int(groups["pn"]) - 1]  # "1.4": the fourth part, (d)
            also = _NUMBERED_PAIR.match(window, m.end())
            if also is not None and also.group("prob") == groups["prob"] and also.group("pn") > groups["pn"]:
                tail = _TAIL.match(window, also.end())  # "## II.1 + II.2 dimensions": both parts, one text
                return Label(pos + offset, pos + (tail.end() if tail else also.end()), groups["prob"], groups["p3"],
                             None, through=LETTERS[int(also.group("pn")) - 1])
        part = next((groups[g] for g in ("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9") if groups.get(g)), None)
        if part is not None and part.isupper() and not groups.get("prob") and "\\" in window[:offset] \
                and _lowercase_parts(text):
            continue  # "$$\text{(A)}\ w − α∇L \qquad \text{(B)}\ w + α∇L$$" where the parts are "(a)", "(b)": options
            # in a display (capitals that label a problem's parts in its text stay labels)
        sub = groups.get("s1") or groups.get("s2") or groups.get("s3") or groups.get("s4")
        numbered = _NUMBERED_RANGE.match(window, m.end()) if part and groups.get("prob") else None
        if numbered is not None and numbered.group("prob") != groups["prob"]:
            numbered = None
        span = (numbered or _RANGE.match(window, m.end())
                or (_HEADING_PAIR.match(window, m.end()) if kind == "heading" else None)) if part else None
        if span is not None and part is not None and span.group("last").lower() <= part.lower():
            span = None
        through = None
        if span is not None:  # "(b)–(e)": answers to several parts; "Problem 1 (a)–(f)": the problem only
            if groups.get("prob") and numbered is None:
                return Label(pos + offset, pos + span.end(), groups["prob"], None, None)
            m, sub, through = span, None, span.group("last").lower()
        key, key_start = groups.get("key"), m.start("key") if groups.get("key") else -1
        if key and key.lower() in ROMAN and not sub:
            sub, key = key.lower(), None  # "1b ii": a sub-part, not a key
        after = _KEY_AFTER.match(window, m.end()) if part and not key else None
        if after is not None and after.group("key").strip().lower() not in ROMAN:
            key, key_start, m = after.group("key").strip(), after.start("key"), after  # "| 1(e) $w_2$ |", "1(e) dw2\t"
            key_start -= 1 if window[key_start - 1:key_start] == "$" else 0  # the key's math whole: "$w_2$"
        tail = _TAIL.match(window, m.end())
        end = pos + (tail.end() if tail else m.end())
        if key:  # the part's text starts at the key ("2c conv1<tab>520": the value keeps its layer's name)
            return Label(pos + offset, pos + key_start, groups.get("prob"), part.lower() if part else None, sub,
                         key=key, key_end=end)
        return Label(pos + offset, end, groups.get("prob"), part.lower() if part else None, sub, through=through)
    return None


# a heading that names its part last: "## Dimensions (a)", "### conv2 (b)", "## Derivative of σ (b)(ii)": the
# heading's words are a title, the bracketed letter at its end the label (not "## Notes on (a) and (b)")
_TRAILING = re.compile(rf"[^\n]{{1,60}}?[ \t]\(\s?(?:(?i:part|teil|partie|parte)[ \t]+\(?)?(?P<p1>[a-h])\)?\s?\)"
                       rf"(?:[ \t]?\(\s?(?P<s1>{_R})\s?\))?"
                       r"[ \t]*[*_:.]*[ \t]*(?:\{#[\w:-]+\})?[ \t]*\}?[ \t]*$")  # LaTeX's \subsection{Conv1 (a)}
_NOT_A_TITLE = re.compile(r"(?i)\b(?:and|or|to|of|from|in|see|on|about|for|und|et|y)\s*\(\s?[a-h]\s?\)")
# a heading whose words relate to a part rather than name it ("Sign check against part (e)", "Tidying up before
# (f)", "Redo with the formula, part (b)", "Same issue as part (b)"): a mention, and what follows stays where it is
_RELATING = re.compile(r"(?i)(?<![\w-])(?:against|given|before|after|as|like|same|cf|vs|versus|"
                       r"re|than|since|because|see|back|again|redo|"
                       r"re-?check\w*|check\w*|revisit\w*|rethink\w*|remarks?|notes?|correct\w*|fix\w*|sanity|"
                       r"tidy\w*|clean\w*|recount\w*|look|last|part|mit|gegen|vor|nach|für|von|avec|contre|avant|"
                       r"après|pour|con|contra|antes|después|para)(?![\w-])"
                       # a title's own words ("Dimensions of the first block (a)"), relating only right before the
                       # label ("Notes on (b)", "Back to part (c)")
                       r"|(?<![\w-])(?:with|from|of|for|to|per|using|via|into|on|about|regarding|under|at|by)"
                       r"(?:[ \t]+part)?[ \t]*$")


_TRAILING_RANGE = re.compile(r"(?:[^\n()]{0,60}[ \t])?\(\s?(?P<p1>[a-h])\s?\)\s?(?:,|&|and|und|et|y|[–—-]{1,2}|to)\s?"
                             r"\(\s?(?P<last>[a-h])\s?\)[ \t]*[*_:.]*[ \t]*\}?[ \t]*$")  # "1.4 (d), (e)"


# a heading that names its problem last: "## Final answers, Part I", "## Summary – Problem 2"
_TRAILING_PROBLEM = re.compile(r"[^\n]{1,60}?[ \t,:–—-](?i:part|problem|question|exercise|task)[ \t]+"
                               r"(?P<n>[1-9]|III|II|IV|I)[ \t]*[*_:.]*[ \t]*\}?[ \t]*$")


# a slide's or a section's title, then the part and what of it: "Backprop -- part (f): gradient", "CNN – Part (c)
# – counts" (the part named after a dash, its topic after a colon or dash)
_TITLED_PART = re.compile(rf"[^\n]{{1,60}}?\w[ \t]*(?:-{{1,3}}|–|—|\|)[ \t]*(?i:part)[ \t]+\(?(?P<p1>[a-h])\)"
                          rf"(?:[ \t]?\(\s?(?P<s1>{_R})\s?\))?(?:[ \t]*(?::|-{{1,3}}|–|—)|[ \t])"
                          r"(?![^\n]*\(\s?[a-h]\s?\))[^\n]{1,80}?\}?[ \t]*$")
_PART_AFTER_TITLE = re.compile(r"(?i)(?<=\w)[ \t]*(?:-{1,3}|–|—|:|\|)[ \t]*part[ \t]*$")


def trailing_heading_label(text: str, pos: int) -> Label | None:
    """The part a heading names at its end (``## Dimensions (a)``; ``1.4 (d), (e)``: both parts, one text), or its
    problem (``## Final answers, Part I``); its answer starts on the next line."""
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    named = _TRAILING_PROBLEM.match(text[pos:end])
    if named is not None and not _RELATING.search(named.group()[:named.start("n")].rsplit(None, 1)[0]):
        return Label(pos, end, _ROMAN_VALUE.get(named.group("n"), named.group("n")), None, None)
    both = _TRAILING_RANGE.match(text[pos:end])
    if both is not None and both.group("last") > both.group("p1") \
            and not _RELATING.search(both.group()[:both.start("p1")]):
        return Label(pos, end, None, both.group("p1"), None, through=both.group("last"))
    m = _TRAILING.match(text[pos:end]) or _TITLED_PART.match(text[pos:end])
    before = m.group()[:m.group().rfind("(", 0, m.start("p1"))] if m is not None else ""  # the title, not "(part"
    before = _PART_AFTER_TITLE.sub("", before)  # "Backprop -- part (b)": the title, then the part it is
    if m is None or _NOT_A_TITLE.search(m.group()) or re.search(r"\(\s?[a-h]\s?\)", before) \
            or _RELATING.search(before):
        return None  # "(a) and (b)": a heading over two parts, or a mention, not a title and its label
    return Label(pos, end, None, m.group("p1"), m.group("s1"))  # the heading's words are the part's title


_WEAK = re.compile(r"(?:(?<=[\s$}{*>])|^)(?:\\?\(\s?)?(?P<v>[a-h]|iii|ii|iv|vi|v|i)\s?\\?\)(?![\w(])"
                   r"(?![,;][ \t]*[a-z]{2,})", re.MULTILINE)  # ("(a), and …": a mention, not a label; "(d), (e)" is)


_WIDE = re.compile("[\u3000-\U0010ffff]")  # full-width forms and CJK: folded before labels are matched


def weak_labels(text: str, start: int, end: int) -> list[Label]:
    """``(ii)`` or ``(c)`` inside a line: a label only if it follows the one before (decided later)."""
    out = []
    folded = text[:end].translate(FOLD) if _WIDE.search(text, start, end) else text
    cited_end = -1  # where the last mention ended: "In (d) and (e), …" mentions both
    for m in _WEAK.finditer(folded, start, end):
        value = m.group("v")
        if cited_end >= 0 and _JOINED.fullmatch(folded, cited_end, m.start()):
            cited_end = m.end()
            continue
        if _closes_a_bracket(folded, m.start()) or _CITED.search(folded, max(0, m.start() - 40), m.start()) \
                or _FOR.search(folded, max(0, m.start() - 12), m.start()) and not _LEADS_ON.match(folded, m.end()) \
                or _NAMED_AS.search(folded, max(0, m.start() - 12), m.start()) \
                and _NOTHING_AFTER.match(folded, m.end()) \
                or folded[m.start()] == "(" and _APPLIED.search(folded, max(0, m.start() - 12), m.start()) \
                or _math_in_a_cell(folded, m.start()) or _MATHJAX_LETTER.match(folded, m.start()):
            # "| 0 | \\(f\\) |", "chain rule from \\(f\\) to \\(x_1\\)": MathJax math
            cited_end = m.end()
            continue  # "the superscript $(i)$ means …", "as in (ii)", "x_1^{(i)}", "the second is (ii).": a mention or
            # an index, no label ("the derivative is (i) $…$" labels what follows); "s = σ1 (a)": an argument
        tail = _TAIL.match(folded, m.end(), min(end, m.end() + 8))
        stop = tail.end() if tail else m.end()
        if value in ROMAN:
            out.append(Label(m.start(), stop, None, None, value, strong=False))
        if value in LETTERS:
            out.append(Label(m.start(), stop, None, value, None, strong=False))
    return out


_MATHJAX_LETTER = re.compile(r"\\\(\s?[a-h]\s?\\\)|\\\(\s?(?:i{1,3}|iv|vi{0,3}|ix|x)\s?\\\)")  # inside a line: a
# name in MathJax's inline math (pandoc's escaped label stands where a line starts, read there)


def _math_in_a_cell(text: str, at: int) -> bool:
    """Whether ``(`` at ``at`` opens MathJax's inline math (``\\(f\\)``) in a table row's later cell: a name in
    math, never a label (pandoc escapes a label's brackets the same way, but sets it where a line or its first cell
    starts)."""
    start = at - 1 if at > 0 and text.startswith("\\(", at - 1) else at if text.startswith("\\(", at) else -1
    if start < 0:
        return False
    line = text[text.rfind("\n", max(0, start - 2000), start) + 1:start]
    return line.lstrip().startswith("|") and line.count("|") >= 2


ITEM_NUMBER = re.compile(r"[ \t]*\d{1,2}[.)][ \t]*")  # a list item's number, "4." or "4)", with its spaces


_JOINED = re.compile(r"[ \t]*(?:,|&|and|or|und|oder|et|ou|y|e|i|и)?[ \t]*")  # between two parts mentioned together
_CITED = re.compile(r"(?:\b(?:the|in|of|from|see|superscript|subscript|index|indices|by|as|like|before|after|against"
                    r"|with|given|cf\.?|vs\.?|versus|to|than|until|into|about|part)(?: \$?| ?\$)"
                    r"|[\^_]\{?\s*)\Z", re.IGNORECASE)  # and "x^{(i)}": an index in math


# "σ1 (a)", "σ_2 (b)", "f (a)": a function applied to a name a PDF's text set apart by a space, not a label
_APPLIED = re.compile(r"(?:(?<![\w\\])[a-or-z]|σ|\\sigma|\bsigma)(?:_?\{?\d\}?|[₀-₉])?[ \t]?\Z")  # not "Q (a)"
_FOR = re.compile(r"\S[ \t]+for[ \t]\Z", re.IGNORECASE)  # "… gives exp(-u)/(1+exp(-u))^2 for (i), and …": said of it
_LEADS_ON = re.compile(r"[ \t]*[:=]")  # "Answer for (i): …" labels what follows
_NAMED_AS = re.compile(r"(?:\b(?:is|are|was)|[=→])\s\Z", re.IGNORECASE)  # "(first line = (i), second line = (ii))"
_NOTHING_AFTER = re.compile(r"[ \t]*(?:$|[.,;:)]|\(|(?:[^\W\d_]+[ \t]*){1,4}(?:[.,;]|$))", re.MULTILINE)  # no formula


def _closes_a_bracket(text: str, pos: int) -> bool:
    """A bare ``f)`` whose ``)`` closes a bracket opened before it on its line, as in ``(diff f)/(diff w)``
    or ``(see a)``, is the end of that bracket, not a label."""
    if text[pos] == "(" or text[pos:pos + 2] == "\\(":
        return False
    before = text[text.rfind("\n", 0, pos) + 1:pos]
    return before.count("(") > before.count(")")


def next_letter(part: str | None) -> str:
    return "a" if part is None else chr(ord(part) + 1)


def next_roman(sub: str | None) -> str | None:
    if sub is None:
        return "i"
    i = ROMAN.index(sub)
    return ROMAN[i + 1] if i + 1 < len(ROMAN) else None
