"""Numbers spelled out in words, read as digits where a TA would read a value: "five by five", "twenty channels".

Students who answer in sentences write "the filter is five by five by twenty, with a stride of one"
and "so fifty such filters". A TA reads those as 5×5×20, stride 1 and 50 filters; the value reader
reads digits only. This pass writes a spelled number as digits, but only where its place says it
is a value: a side of a size ("five by five", "28 by twenty-eight"), a count before what it counts
("twenty channels", "four hundred thirty-one thousand and eighty parameters"), or after a quantity's
name and its verb ("the stride is one", "a stride of one", "stride one", "channel dimension is twenty"). "One of
the filters", "each one", "the two layers" stay words: they are no values.
"""
from __future__ import annotations

import re

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_SMALL = rf"(?:(?:{'|'.join(_TENS)})(?:[ \t]*-[ \t]*|[ \t]+)(?:{'|'.join(k for k in _UNITS if _UNITS[k] < 10)})\b" \
         rf"|(?:{_WORD})\b)"
_HUNDREDS = rf"(?:{_SMALL}[ \t]+hundred\b(?:[ \t]+(?:and[ \t]+)?{_SMALL})?|{_SMALL})"
# a number in words up to 999,999: "four hundred thirty-one thousand and eighty"
_NUMBER = rf"(?:{_HUNDREDS}[ \t]+thousand\b(?:,?[ \t]+(?:and[ \t]+)?{_HUNDREDS})?|{_HUNDREDS})"
_SIDE = rf"(?:{_NUMBER}|\d{{1,3}})"
# "five by five (by one)", "28 by twenty-eight": each side of a size
_SIZE = re.compile(rf"(?<![\w-])(?P<size>{_SIDE}(?:[ \t]+(?:by|x|×)[ \t]+{_SIDE})+)(?![\w-])", re.IGNORECASE)
# "twenty channels", "fifty such filters", "four hundred … parameters": a count before what it counts
_COUNTED = re.compile(rf"(?<![\w-])(?P<n>{_NUMBER})(?=[ \t]+(?:such[ \t]+|different[ \t]+|output[ \t]+|input[ \t]+"
                      r"|trainable[ \t]+|learnable[ \t]+)?(?:channels?|filters?|kernels?|feature[ \t]+maps?|neurons?"
                      r"|units|parameters|params|weights|biases|pixels?)\b)", re.IGNORECASE)
# "the stride is one", "a stride of one", "channel dimension is twenty": a quantity's name, its verb, the number
_NAMED = re.compile(rf"\b(?:(?:stride|padding)[ \t]+(?:(?:is|was|of|equals|=|:|would[ \t]+be|will[ \t]+be"
                    rf"|should[ \t]+be)[ \t]+)?|(?:depth|channels?|channel[ \t]+dimension|size|total"
                    rf"|number[ \t]+of[ \t]+(?:filters|channels|kernels))"
                    rf"(?:,[^,;:\n]{{1,40}},)?[ \t]+"  # "its channel dimension, i.e. the number of filters, is fifty"
                    rf"(?:is|was|of|equals|=|:|would[ \t]+be|will[ \t]+be|should[ \t]+be|becomes)[ \t]+)"
                    rf"(?:just[ \t]+|only[ \t]+|also[ \t]+)?(?P<n>{_NUMBER})(?![\w-])(?![ \t]+(?:of|or)\b)",
                    re.IGNORECASE)
_ANY = re.compile(_NUMBER, re.IGNORECASE)


def _value(words: str) -> int:
    """The number a phrase of number words says ("four hundred thirty-one thousand and eighty" is 431080)."""
    total = current = 0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current *= 100
        elif word == "thousand":
            total, current = total + current * 1000, 0
    return total + current


def _digits(phrase: str) -> str:
    """Each number in words in ``phrase`` written as digits."""
    return _ANY.sub(lambda m: str(_value(m.group())), phrase)


def spelled_as_digits(line: str) -> str:
    """``line`` with the numbers in words that stand where a value stands written as digits."""
    if not _ANY.search(line):
        return line
    line = _SIZE.sub(lambda m: _digits(m.group("size")) if _ANY.search(m.group("size")) else m.group(), line)
    line = _COUNTED.sub(lambda m: str(_value(m.group("n"))), line)
    return _NAMED.sub(lambda m: m.group()[:m.start("n") - m.start()] + str(_value(m.group("n"))), line)
