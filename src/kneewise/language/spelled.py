"""Ages told in words: "sixteen", "I'm seventy-two", and decades that are no exact age.

People write their age in words as often as in digits ("I'm seventy-two", "sixteen, play
netball"). `with_digits` writes each spelled number from five to ninety-nine as its digits,
padded with spaces to the same length, so the age patterns of ages.py read both and
every offset still points into the person's own words.

"in my sixties", "mid-forties", "early 70s" are no age: the intake's age is a whole number
of years (intake.py, 0 to 100), and a decade is no number to put there. kneewise never
guesses one (a 60-year-old and a 69-year-old differ in the rules' age bands); `decades`
finds them so the reader says so and the interview asks the age.
"""

from __future__ import annotations

import re

_UNITS = {"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, **_UNITS}
_SPELLED = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(_TENS)})(?:[\s-]+(?P<ones>{'|'.join(_ONES)}))?"
    rf"|(?P<single>{'|'.join({**_UNITS, **_TEENS})})"
    # one to four only as an age ("my two year old", "a three-month-old"): elsewhere "one"
    # and "two" are words of every kind ("the other one")
    rf"|(?P<young>one|two|three|four)(?=[\s-]+(?:years?|yrs?|months?|weeks?)[\s-]*old\b))"
    r"\b(?![\s-]*(?:something|ish)\b)",
    re.IGNORECASE,
)
#: A decade or a rough age: "in my sixties", "mid-40s", "early seventies", "60-something".
_DECADE_WORDS = "|".join(f"{word}ies" for word in ("twent", "thirt", "fort", "fift", "sixt",
    "sevent", "eight", "ninet")) + r"|[2-9]0'?s|teens"  # fmt: skip
_DECADE = re.compile(
    rf"\b(?:in\s+(?:my|his|her|their|the)\s+(?:early\s+|mid\s*-?\s*|late\s+)?(?:{_DECADE_WORDS})"
    rf"|(?:early|mid|late)[\s-]*(?:{_DECADE_WORDS})"
    rf"|(?:[2-9]0|(?:{'|'.join(_TENS)}))[\s-]*(?:something|ish)\b)",
    re.IGNORECASE,
)


def with_digits(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with each spelled number (5 to 99, 1 to 4 as an age) as digits, and where.

    Same length as `text`: "I'm seventy-two" → "I'm 72         ", so a match's
    offsets are the person's own words. Returns (text, [(start, end), ...]).
    """
    spans: list[tuple[int, int]] = []
    out = list(text)
    for match in _SPELLED.finditer(text):
        if match.group("young"):
            value = _ONES[match.group("young").lower()]
        elif match.group("single"):
            value = {**_UNITS, **_TEENS}[match.group("single").lower()]
        else:
            value = _TENS[match.group("tens").lower()] + _ONES.get(
                (match.group("ones") or "").lower(), 0
            )
        digits = str(value).ljust(match.end() - match.start())
        out[match.start() : match.end()] = digits
        spans.append(match.span())
    return "".join(out), spans


def word_end(end: int, spans: list[tuple[int, int]]) -> int:
    """The end of the spelled number a match ends inside, so it holds the whole word."""
    return next((stop for start, stop in spans if start < end < stop), end)


def decades(text: str) -> list[tuple[int, int]]:
    """(start, end) of each decade or rough age told ("in my sixties", "mid-40s")."""
    return [match.span() for match in _DECADE.finditer(text)]
