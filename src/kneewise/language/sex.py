"""The sex a story tells: stated ("30M", "55 year old man", "mum of 3"), by pronoun, or by
the noun the patient is named with ("my son", "the lad").

Split from person.py (whose knee it is), which asks these for the writer or the one they
write about; so is `writer_named`, the writer's own description signing the text.
"""

from __future__ import annotations

import re
from typing import Literal

from kneewise.language.described import DESCRIBING
from kneewise.language.lexicon import Lexicon
from kneewise.language.quantities import metres

Sex = Literal["female", "male"]

#: An age before a sex word, as people type it: "14yr girl", "16 y/o boy", "70yo M".
AGE_SEX = r"\d{1,2}[\s-]*(?:yo|y\s?/\s?o|y\.o\.|years?[\s-]*old|yrs?(?:[\s-]*old)?)"
_MALE_WORDS = r"male|man|guy|bloke|boy|dude|gentleman|lad|m"
_FEMALE_WORDS = r"female|woman|girl|lady|gal|f"
_SELF = (
    r"\b(?:i'?m|i am|im|as)\s+an?\s+(?:\d{1,2}[\s-]*(?:yo|y/o|years?[\s-]*old)\s+)?"
    r"(?:(?:big|tall|young|small|fit|sporty|active|short|heavy)\s+)?"  # "I'm a big lad"
)
_SELF_AND = r"\b(?:i'?m|i am|im)\s+\d{1,2}\s+and\s+(?:quite\s+)?an?\s+(?:\w+\s+)?"


def explicit_sex(text: str) -> tuple[Sex, tuple[int, int]] | None:
    """Sex the writer states: "30M", "(34F)", "male", "55 year old man", "mum of 3"."""
    patterns: list[tuple[str, Sex]] = [
        # "F, 15", "girl 14", "male 70": a sex word then two digits
        (
            rf"\b\d{{2}}\s?(?:{_MALE_WORDS})\b"
            r"|(?<!['’])\b(?:m|male|boy|lad|man)\s?,?\s?\d{2}\b",
            "male",
        ),
        (
            rf"\b\d{{2}}\s?(?:{_FEMALE_WORDS})\b"
            r"|(?<!['’])\b(?:f|female|girl|woman|lady)\s?,?\s?\d{2}\b",
            "female",
        ),
        (
            rf"{AGE_SEX}\s+(?:{_MALE_WORDS})\b|\bmale\b(?!\s+friend)|{_SELF}(?:man|guy|bloke|lad)\b",
            "male",
        ),
        (
            rf"{AGE_SEX}\s+(?:{_FEMALE_WORDS})\b|\bfemale\b(?!\s+friend)|{_SELF}(?:woman|lady|girl)\b",
            "female",
        ),
        # "I'm 15 and a big lad", "I am 14 and quite a tall girl"
        (rf"{_SELF_AND}(?:lad|boy|man|guy|bloke)\b", "male"),
        (rf"{_SELF_AND}(?:lass|girl|woman|lady)\b", "female"),
        (r"\b(?:mum|mom|mother)\s+of\s+(?:\d|two|three|four)", "female"),
        (r"\b(?:dad|father)\s+of\s+(?:\d|two|three|four)", "male"),
    ]
    found = [
        (match.start(), sex, match.span())
        for pattern, sex in patterns
        for match in re.finditer(pattern, text, re.IGNORECASE)
        # "sprinted 20 m", "20 m shuttles": metres, not a man
        if not (match.group().lower().endswith("m") and metres(text, *match.span()))
    ]
    if not found:
        return None
    _, sex, span = min(found)
    return sex, span


def pronoun_sex(text: str) -> tuple[Sex, tuple[int, int]] | None:
    # "hes", "shes": "he's", "she's" typed without the apostrophe ("shes 4, fell off the
    # sofa" was read as the writer's story, then set aside as someone else's)
    he = list(re.finditer(r"\b(?:he|his|him|he's|hes)\b", text, re.IGNORECASE))
    she = list(re.finditer(r"\b(?:she|her|hers|she's|shes)\b", text, re.IGNORECASE))
    if len(he) == len(she):
        return None
    return ("male", he[0].span()) if len(he) > len(she) else ("female", she[0].span())


def noun_sex(noun: str | None, lexicon: Lexicon) -> Sex | None:
    word = (noun or "").lower().split(" ")[-1]  # "little man": a man
    if word in DESCRIBING["male"] - {"one"}:
        return "male"
    if word in DESCRIBING["female"]:
        return "female"
    if word in lexicon.people["male"] or word[:-1] in lexicon.people["male"]:
        return "male"
    if word in lexicon.people["female"] or word[:-1] in lexicon.people["female"]:
        return "female"
    return None


#: Words with which the writer signs a description of themselves: "grandad here, 70",
#: "grandma (70) writing", "Nan, 74, asking for my granddaughter".
SIGNING = r"(?:here|writing|speaking|asking|posting)\b"


def writer_named(text: str, people: str) -> tuple[int, int] | None:
    """The writer's own name and age opening the text ("grandad here, 70 —"), to set aside.

    The span ends with the age: what follows ("writing for my grandson") is the story.
    """
    signed = re.match(
        # "69 year old here", "70yo grandad here", "Nan (77) writing", "grandad here, 70"
        rf"\W*(?P<first>{AGE_SEX}|\d{{2}}\s?[mf]\b)?\s*(?P<who>{people})?\s*(?:,\s*|\(\s*)?"
        rf"(?P<before>\d{{2}}\s*\)?)?\s*,?\s*{SIGNING}(?:\s*,?\s*(?P<after>\(?\d{{2}}\)?))?",
        text,
        re.IGNORECASE,
    )
    if signed is None or not (signed.group("first") or signed.group("who")):
        return None
    ends = [signed.end(g) for g in ("first", "who", "before", "after") if signed.group(g)]
    if not (signed.group("first") or signed.group("before") or signed.group("after")):
        return None  # "grandad here": no age of theirs to set aside
    return signed.start(), max(ends)
