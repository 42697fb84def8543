"""Ages told bare, with no "I'm" or "years old": "80 on warfarin", "72, diabetic", "at 80 my".

Older people often open with their age, then their medicines or illnesses, as a clinician's
note does ("80 on warfarin, fell on my knee"). The number is an age only where what follows is
a medicine or a long-term illness of the person (a dose, "on 80mg", a distance, "80 miles on the
bike", or a count, "10 days", is none), or "at 80" before the person ("at 80 my knees...").
Lost, the age-bound rules for older people (a knock at 65 or over, the Ottawa rule's 55) stayed
closed or open wrongly (round 19f).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import yaml

from kneewise.language.lexicon import DRUGS_FILE

#: Words for medicines in general: "on tablets for my heart", "on insulin".
_MEDICINES = r"insulin|metformin|statins?|tablets|pills|meds|medication|medicines?|dialysis"
#: Long-term illnesses told of a person, as older people list them after their age.
_CONDITIONS = (
    r"diabetic|diabetes|type\s*[12]\b|t[12]dm?|copd|emphysema|dementia|alzheimer'?s|angina"
    r"|arthritis|osteoarthritis|osteoporosis|parkinson'?s|af|a\.?f\.?|atrial\s+fibrillation"
    r"|heart\s+failure|a\s+pacemaker|high\s+blood\s+pressure|blood\s+pressure|cancer"
    r"|kidney\s+(?:disease|failure)|ckd|a\s+stroke|asthma|gout"
)
#: Where the bare number opens what the person tells: the text, a sentence, "me"/"now".
_OPENS = r"(?:^|[.!?;\n]|\b(?:now|me|myself)\b)[ \t]*"
#: The number alone: never part of a dose, a date, a time or a score ("80mg", "20:30", "8/10").
_NUMBER = r"(?P<v>[1-9]\d)(?![\d.:/%]|\s*-?\s*(?:mg|ml|mcg|g)\b)"


@cache
def _medicine_names() -> str:
    """Every name of drugs.yaml (classes' generics and brands, the group words), longest first."""
    with DRUGS_FILE.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    names: set[str] = {w for words in raw["group_words"].values() for w in words}
    for item in raw["classes"]:
        names.update(item.get("generics", []), item.get("brands", []))
    names.update(["aspirin"])  # "80 on aspirin": any aspirin names a medicine taken
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    medicine = rf"(?:{_medicine_names()}|{_MEDICINES})"
    before_told = (
        rf"{_OPENS}{_NUMBER}\s*(?:,\s*|\s+)(?:(?:and|n|&|also|still)\s+)?"
        r"(?:(?:i'?m|i\s+am|am)\s+)?"
        r"(?=(?:on|taking|takes|take|using)\s+(?:(?:daily|regular|low[\s-]dose|my|a)\s+)?"
        rf"(?:{medicine})\b"
        r"|(?:(?:with|has|have|got|had)\s+(?:(?:a|an|bad)\s+)?)?"
        rf"(?:{_CONDITIONS})(?!\w))"
    )
    # "at 80 my knees", "at 79 I fell": the person after the age; never a clock's "at 10"
    at_age = r"\bat\s+(?P<v>[2-9]\d)(?![\d.:/%])\s*,?\s+(?=(?:my|i|i'm|im|i've|ive|you|your)\b)"
    return re.compile(before_told, re.IGNORECASE), re.compile(at_age, re.IGNORECASE)


def bare_ages(text: str) -> Iterator[tuple[int, int, int, float]]:
    """Ages told bare before a medicine or illness, or "at 80" before the person."""
    told, at_age = _patterns()
    for match in told.finditer(text):  # the number alone: the medicine is read on its own
        yield int(match.group("v")), match.start("v"), match.end("v"), 0.8
    for match in at_age.finditer(text):  # "at 80": its "at" used too
        yield int(match.group("v")), match.start(), match.end("v"), 0.8
