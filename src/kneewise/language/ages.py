"""Ages told in words: "I'm 45", "45M", "my 13 year old", "aged 38", "my 18 month old".

Whole years, as the intake takes them (0 to 100; under 1 is 0). The knowledge's priors start
at an age of their own (`CompiledKnowledge.youngest_age`): below it the engine lists no causes
and says so, but the age is still read, so that the rules for young children can fire.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kneewise.language.bare_ages import bare_ages
from kneewise.language.lexicon import load_lexicon
from kneewise.language.mention import Mention
from kneewise.language.numbers import Text
from kneewise.language.quantities import OTHER_UNITS, metres
from kneewise.language.spelled import with_digits, word_end

_AGE_WORDS = r"(?:yo|y/o|y\.o\.|years?[\s-]*old|yrs?[\s-]*old)"
_NOT_AGE_AFTER = (
    r"(?!\s*(?:/|out|kg|cm|lbs?|st\b|stone|%|ft|foot|feet|'|\.\d"
    rf"|(?:{OTHER_UNITS})\b))"
)
_AGE_PATTERNS = [
    (rf"\b(?P<v>\d{{1,2}})\s*-?\s*{_AGE_WORDS}(?!\w)", 0.95),  # "15 y.o. boy" too
    # "14yr girl", "16 yr old lad": years before a person
    (r"\b(?P<v>\d{1,2})\s*yrs?\s+(?:girl|boy|man|woman|male|female|lad|guy|f|m)\b", 0.9),
    (r"\b(?P<v>\d{2})\s?(?:m|f|male|female)\b", 0.9),
    # not the "m" of "I'm 10 minutes in"
    (rf"(?<!['’])\b(?:m|f|male|female)\s?,?\s?(?P<v>\d{{2}})\b{_NOT_AGE_AFTER}", 0.9),
    (
        # "my grandson, who is 12", "our little man is 9": said of the one written about
        r"\b(?:i'?m|i am|im|age[d:]?|aged|he'?s|she'?s|he is|she is|(?:{people})\s+is"
        r"|(?:{people}|he|she)\s+(?:has\s+)?(?:just\s+)?turned"  # "my son just turned 9"
        r"|(?:{people})(?:\s+(?-i:[A-Z][a-z]+))?\s*,?\s*who(?:'s|’s|\s+is|\s+turned)"
        r"|(?<!\bthe\s)(?:{people})(?:'s|’s)"  # "my boy's 13"
        r"|(?:little|wee|young)\s+(?:man|fella|fellow|lady|one)\s+is)"
        rf"\s+(?P<v>\d{{1,2}})\b{_NOT_AGE_AFTER}",
        0.9,
    ),
    # "my twins are 11", "my boys are both 10": a group of one age, the patient one of them
    # (groups.py); never two ages ("my kids are 5 and 8")
    (
        r"\b(?:triplets|{people})\s+(?:are|'re|’re)\s+(?:both\s+|all\s+)?"
        rf"(?P<v>\d{{1,2}})\b{_NOT_AGE_AFTER}(?!\s*(?:and|&|or|to|-)\s*\d)",
        0.85,
    ),
    (r"\((?P<v>\d{1,2})\)", 0.8),
    (r"\b(?P<v>\d{2})\s*,\s*(?:male|female|m|f|man|woman|guy|girl|boy)\b", 0.9),
    # "64 and female", "male and 70"
    (
        r"\b(?P<v>\d{2})\s*,?\s*(?:and|&)\s+(?:an?\s+)?(?:male|female|man|woman|guy|girl|boy|lady)\b",
        0.9,
    ),
    (r"\b(?:male|female)\s*,?\s*(?:and|&)\s+(?:aged?\s+)?(?P<v>\d{2})\b" + _NOT_AGE_AFTER, 0.9),
    (
        # "my grandson Jack, 11": a given name may come between
        r"\b(?:son|daughter|ds|dd|boy|girl|kid|child|lad|grandson|granddaughter|little one|wee one"
        r"|toddler|youngest|eldest|oldest|twins|triplets|kiddo|grandchild)(?:\s+(?-i:[A-Z][a-z]+))?"
        r"\s*,?\s*\(?"
        rf"(?P<v>\d{{1,2}})\b(?!\s*(?:yo|y/o|years?|yrs?)\b){_NOT_AGE_AFTER}",
        0.85,
    ),
    # "my son (4 years)", "daughter (6 yrs)", "grandson (3y)": the age in brackets after the
    # person with its unit (stop 28: lost). The person is needed: "knee pain (4 years)" is
    # how long it has hurt.
    (
        r"\b(?:son|daughter|ds|dd|boy|girl|kid|child|lad|lass|grandson|granddaughter|little one"
        r"|wee one|toddler|youngest|eldest|oldest|kiddo|grandchild|baby|{people})"
        r"(?:\s+(?-i:[A-Z][a-z]+))?\s*,?\s*\(\s*(?:aged?\s*)?"
        r"(?P<v>\d{1,2})\s*-?\s*(?:years?|yrs?|yr|y|yo|y/o|y\.o\.)(?:[\s-]*old)?\s*\)",
        0.9,
    ),
    # "a sporty girl of 14", "a lad of 12"
    (
        r"\b(?:girl|boy|lad|lass|kid|child|teen|teenager|youngster)\s+of\s+"
        rf"(?P<v>\d{{1,2}})\b(?!\s*(?:yo|y/o|years?|yrs?)\b){_NOT_AGE_AFTER}",
        0.85,
    ),
    # "me 40, my knee gave way": the writer's own, put first
    (r"(?:^|[.;]\s*)(?:me|myself)\s*,?\s*\(?(?P<v>\d{2})\)?(?=\s*[,.;)](?!\d)|\s*$)", 0.85),
    # "me 72, wife 70, her knee": a grown-up relative with two digits and a stop after
    (
        r"\b(?:wife|husband|partner|mum|mom|mother|dad|father|gran|grandma|grandpa|grandad|nan"
        r"|grandmother|grandfather)\s*,?\s*\(?(?P<v>\d{2})\)?(?=\s*[,.;)](?!\d)|\s*$)",
        0.8,
    ),
    # "grandad 82 fell", "mum 88 found on the floor": a relative's two digits, a word after
    # that is no unit or time (re-trial 29: the age was lost, so the Ottawa rule's 55)
    (
        r"\b(?:mum|mom|mother|dad|father|gran|grandma|grandpa|grandad|granddad|nan|nana|granny"
        r"|grandmother|grandfather)\s*,?\s*(?P<v>[2-9]\d)\s+(?=[a-z])(?!(?:years?|yrs?|y|days?"
        r"|weeks?|wks?|months?|hours?|hrs?|mins?|minutes?|times|x|kg|km|k|miles?|mi|steps?|metres?"
        r"|meters?|m|yards?|feet|ft|degrees?|percent|stone|st|lbs?|mg|ml|and|or|to|-)\b)",
        0.8,
    ),
    (rf"(?:^|[,(]|here)\s*(?P<v>\d{{2}})\s*(?=[,.)](?!\d)|$){_NOT_AGE_AFTER}", 0.7),
]


@cache
def _age_patterns() -> list[tuple[re.Pattern[str], float]]:
    """The age patterns, "<person> is 64" for every person word of the lexicon."""
    people = "|".join(sorted(set().union(*load_lexicon().people.values()), key=len, reverse=True))
    return [
        (re.compile(pattern.replace("{people}", people), re.IGNORECASE), confidence)
        for pattern, confidence in _AGE_PATTERNS
    ]


def ages(text: Text) -> Iterator[Mention]:
    """ "I'm 45", "45M", "my 13 year old", "(15)", "aged 38", "my 18 month old": whole years.

    An age under 5 counts only when told of a child and not of a thing (`_young`): "my 2yo"
    is an age, "a 3 year old injury" is not. Months are whole years ("10 months old" is 0).
    """
    for value, start, end, confidence in _told_ages(text.text):
        if value > 100 or _a_things_age(text.text, start, end):
            continue
        if value >= 5 or _young(text.text, start, end):
            yield Mention("age", value, start, end, confidence)


def _young(text: str, start: int, end: int) -> bool:
    """An age under 5 told of a child ("our wee one is 3"), not of a thing ("3 year old op")."""
    said = text[max(0, start - 25) : end]
    after = text[end : end + 20]
    # an age in months or weeks is a baby's or toddler's whoever is named ("14 month old
    # not kicking her leg", "18 mo old limping": re-trial 28), never a thing's
    told = _BABY_UNIT.search(text[start:end]) or _A_CHILD.search(said)
    # a form's "Age: 3" names the patient's age: it was dropped with no note (re-trial 30)
    told = (
        told
        or _AGE_HEADING.search(text[max(0, start - 12) : start])
        or _AGE_HEADING_OPENS.match(text[start:end])
        # "Age 3" opening a line or a form's field, with no colon (re-trial 31: lost);
        # never "since age 3", "from age 2", a time in the past
        or (_AGE_BARE.match(text[start:end]) and _FIELD_START.search(text[:start]))
        # "3 year old hasn't been walking properly": opening the story or a sentence, the
        # age is the patient's (stop 28: lost); "a 3 year old injury" is a thing's (below)
        or (_YEARS_OLD.search(text[start:end]) and _SENTENCE_START.search(text[:start]))
    )
    return bool(told or _A_CHILD_AFTER.match(after)) and not _A_THING.match(after)


def _a_things_age(text: str, start: int, end: int) -> bool:
    """ "the tear is 2 years old", "Tore my ACL, 12 years old now", "Old injury. 3 years old",
    "my 10 year old scar": the age of an injury, an operation, a knee or a shoe, whatever the
    number; never a person's ("my son, 3 years old", "Toddler. 2 years old").
    """
    if not text[start:end][:1].isdigit():
        return False  # "he's 3", "I'm 40", "my son, 3": told with the person
    before = text[max(0, start - 40) : start]
    if _THINGS_AGE_AFTER.match(text, end) or _THING_IS.search(before):
        return True
    told = _THING_BEFORE.search(before)
    if told is None:
        return False
    # "Tore my ACL, 2 years old", "Old injury. 3 years old": the thing ends the clause or
    # sentence before; with a child told in it ("my son tore his ACL. 3 years old") the
    # age may be theirs, and is kept
    opening = max(text.rfind(mark, 0, start - len(told.group())) for mark in ".!?\n;")
    return _A_CHILD_TOLD.search(text[opening + 1 : start]) is None


#: A child, by the words parents name one with: the one list the patterns below share
#: (the lexicon's people words hold adults too, so they are not used here).
CHILD_NOUNS = (
    r"son|daughter|ds|dd|boy|girl|lad|lass|kid|child|toddler|baby|infant|grandson"
    r"|granddaughter|little\s+one|wee\s+one"
)
#: Who a young age is told of: "my 2yo", "our little one is 3", "toddler (4)".
_A_CHILD = re.compile(
    rf"\b(?:my|our|his|her|their|{CHILD_NOUNS}|he'?s|she'?s|he|she)\b", re.IGNORECASE
)
#: A child told of in a clause or sentence: "my son hurt his knee", "she fell".
_A_CHILD_TOLD = re.compile(
    rf"\b(?:{CHILD_NOUNS}|he|she|his|her|him|he'?s|she'?s|hes|shes)\b", re.IGNORECASE
)
#: A child named right after the age: "an 8 week old baby", "a 2 year old boy", "2yo dd".
_A_CHILD_AFTER = re.compile(rf"\s*(?:{CHILD_NOUNS})\b", re.IGNORECASE)
#: An age told in months or weeks.
_BABY_UNIT = re.compile(r"\d\s*-?\s*(?:months?|mths?|mos?|weeks?|wks?)\b", re.IGNORECASE)
#: Things with an age of their own: an injury, an operation, a brace, a shoe, a pet.
_AGED_THINGS = (
    r"injury|injuries|op|ops|operation|surgery|scar|tear|brace|replacement|tkr|implant|graft"
    r"|repair|reconstruction|recon|sprain|strain|fracture|break|acl|mcl|pcl|meniscus|ligament"
    r"|trainers|shoes|boots|insoles|orthotics|mattress|x-?rays?|mri|scan"
    r"|dog|puppy|cat|kitten|horse|pony|car|bike"  # "our 3 year old rescue dog tripped me"
)
#: A grown-up named after an age: "14 year old boy ACL tear" is the boy's age.
_GROWN_UPS = r"m|f|man|men|woman|male|female|guy|lady|gent|player|athlete|runner|footballer"
#: Words between a thing and its age: "is about", "is now nearly", "'s well over".
_ABOUT = r"(?:(?:now|about|nearly|almost|over|around|roughly|only|just|well|at\s+least)\s+)*"
#: A thing's age told after it is, was or are: "my knee injury is 3 years old", "the tear's
#: 2 years old", "these trainers are 12 years old", "the new knee is 8 years old now".
_THING_IS = re.compile(
    rf"\b(?:{_AGED_THINGS}|knees?|problem|pain|niggle|it|this|that|they|these|those)\s*"
    rf"(?:is|was|are|were|'s|’s)\s+{_ABOUT}$",
    re.IGNORECASE,
)
#: A thing ending the clause or sentence right before the age: "Tore my ACL, 2 years old".
#: Not the knee or its pain: "Sore knee. 3 years old, limping" is a child's age.
_THING_BEFORE = re.compile(rf"\b(?:{_AGED_THINGS})\s*[,;:(.!?\n–—-]\s*{_ABOUT}$", re.IGNORECASE)
#: A thing named right after the age, whatever the age: "a 10 year old knee injury", "my
#: 20 year old ACL repair", "a 12 year old rugby injury" (only these: "15 year old knee
#: pain" may be a 15-year-old's, so only a young age is held to the wider `_A_THING`).
_THINGS_AGE_AFTER = re.compile(
    rf"\s*(?:(?!(?:{CHILD_NOUNS}|{_GROWN_UPS})\b)[\w-]+\s+)?(?:{_AGED_THINGS})\b", re.IGNORECASE
)
#: A form's heading right before the age: "Age: 3", "age - 2", "Age 4".
_AGE_HEADING = re.compile(r"\bage\s*[:=-]?\s*$", re.IGNORECASE)
_AGE_HEADING_OPENS = re.compile(r"age\s*[:=-]", re.IGNORECASE)
_AGE_BARE = re.compile(r"age\s+\d", re.IGNORECASE)
#: An age told "years old" or "yo", the way a person's is.
_YEARS_OLD = re.compile(r"\d\s*-?\s*(?:yo|y/o|y\.o\.|(?:years?|yrs?)[\s-]*old)\b", re.IGNORECASE)
#: Where a sentence starts: the text's or a line's start, or after a full stop. Not after a
#: comma: "tore my ACL, 2 years old now" is the tear's age.
_SENTENCE_START = re.compile(r"(?:^|[\n.!?])[ \t]*$")
#: Where a form's field starts: the text's or a line's start, or after a field's separator.
_FIELD_START = re.compile(r"(?:^|[\n|;,(.])[ \t]*$")
#: An age of a thing: "a 4 year old knee injury", "my 3 year old scar".
_A_THING = re.compile(
    r"\s*(?:knee|injury|injuries|op|operation|surgery|scar|tear|problem|pain|niggle|brace)\b",
    re.IGNORECASE,
)
#: An age in months, a baby's or a toddler's: "10 months old", "an 18-month-old", "my son is
#: 20 months", "daughter (14 months)"; never a time ("10 months ago", "6 months post-op").
_CHILD_WORDS = rf"{CHILD_NOUNS}|he|she"
_MONTHS_UNIT = r"\s*-?\s*(?:months?|mths?|mos?)\b"
_NOT_A_TIME = r"(?!\s*(?:ago|since|later|now|post|after|before|on|of|into|in\b|out|off))"
#: A birth told right before the child's noun: the time after it is the mother's, since
#: the birth (a writer who "had my baby 6 weeks" ago is no baby).
_GAVE_BIRTH = re.compile(
    r"\b(?:had|have|having|gave\s+birth\s+to|delivered|birth\s+of)\s+(?:my|our|the|a|her)?\s*$",
    re.IGNORECASE,
)
_NOT_BACK = r"(?!\s*(?:back|previously|earlier|pregnant|gone|there|at\b))"
_MONTHS = [
    # "Age: 18 months" on a form
    re.compile(rf"\bage\s*[:=-]?\s*(?P<v>\d{{1,2}}){_MONTHS_UNIT}", re.IGNORECASE),
    re.compile(
        rf"\b(?P<v>\d{{1,2}}){_MONTHS_UNIT}(?:[\s-]*old\b|(?=\s+(?:baby|boy|girl|son|daughter)\b))",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:(?:{_CHILD_WORDS})(?:\s+is|'s|’s|\s*,|\s*\()|hes|shes)\s*(?P<v>\d{{1,2}}){_MONTHS_UNIT}"
        + _NOT_A_TIME,
        re.IGNORECASE,
    ),
    # the child's noun, then the months with no verb: "my baby 9 months has a swollen knee",
    # "our girl 10 months is off her legs" (re-trial 31's helper: no age read); never a
    # time ("had my baby 9 months ago", "my son 6 months after the op")
    re.compile(
        rf"\b(?:{CHILD_NOUNS})\s+(?P<v>\d{{1,2}}){_MONTHS_UNIT}" + _NOT_A_TIME + _NOT_BACK,
        re.IGNORECASE,
    ),
]

_YOUNG_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4}
#: One to four spelled, told of a child after "is" ("ds is three", "our girl's two"); never a
#: count of something else ("she's two weeks post op", "he is one of four").
_SPELLED_YOUNG = re.compile(
    rf"\b(?:{_CHILD_WORDS})\s*(?:\s+is|'s|’s)\s+(?P<w>one|two|three|four)\b"
    r"(?!\s*(?:weeks?|wks?|days?|hours?|hrs?|months?|times|of|more|or|x\b|sets?|reps?|steps?))",
    re.IGNORECASE,
)
_WEEKS = re.compile(r"\b(?P<v>\d{1,2})\s*-?\s*(?:weeks?|wks?)[\s-]*old\b", re.IGNORECASE)
#: "he's 5 weeks", "baby is 7 wks", "baby 7 wks not moving his leg": an age in weeks told of
#: a child, not a time ("she's 3 weeks post op", "he is 4 weeks into rehab", "she's 8 weeks
#: pregnant").
_WEEKS_TOLD = re.compile(
    rf"\b(?:(?:(?:{_CHILD_WORDS})(?:\s+is|'s|’s|\s*,|\s*\()|hes|shes)\s*|(?:{CHILD_NOUNS})\s+)"
    r"(?P<v>\d{1,2})\s*-?\s*(?:weeks?|wks?)\b" + _NOT_A_TIME + _NOT_BACK,
    re.IGNORECASE,
)
#: A half year told of a child: "my son is 2.5", "she's 3 and a half", "ds (1½)": the whole
#: years (the intake's age). Never a measure: "2.5 stone", "version 2.5", "2.5 km".
_HALF = re.compile(
    rf"\b(?:{_CHILD_WORDS}|i'?m|i\s+am|aged?)(?:\s+is|'s|’s|\s*,|\s*\()?\s*"
    r"(?:(?P<v>\d{1,2})(?:\.5|½|\s*(?:and\s+)?(?:a\s+)?half)|(?P<w>one|two|three|four)\s+and\s+a\s+half)\b"
    r"(?!\s*(?:years?\s+)?(?:ago|since|later|post|after|before|on|of|into|in\b|out|off|kg|km|k\b"
    r"|stone|st\b|lbs?|miles?|m\b|cm|hours?|hrs?|weeks?|days?|months?|times|x\b|%))",
    re.IGNORECASE,
)


def _told_ages(text: str) -> Iterator[tuple[int, int, int, float]]:
    """Every age told: (years, start, end, confidence), whatever the intake accepts."""
    digits, spelled = with_digits(text)  # same offsets, numbers in words as digits
    for pattern, confidence in _age_patterns():
        for match in pattern.finditer(digits):
            if _counted(digits, match):
                continue  # "20 m shuttles", "4 stairs": another quantity
            end = word_end(match.end(), spelled)
            yield int(match.group("v")), match.start(), end, confidence
    for pattern in _MONTHS:
        for match in pattern.finditer(digits):
            if _GAVE_BIRTH.search(digits, max(0, match.start() - 30), match.start()):
                continue  # "had my baby 9 months": the time since the birth, not an age
            yield int(match.group("v")) // 12, match.start(), word_end(match.end(), spelled), 0.9
    for match in _SPELLED_YOUNG.finditer(text):  # "ds is three": one to four after "is"
        yield _YOUNG_WORDS[match.group("w").lower()], match.start(), match.end(), 0.85
    for match in _WEEKS.finditer(digits):  # "a 6 week old": a baby under 1
        yield int(match.group("v")) // 52, match.start(), word_end(match.end(), spelled), 0.9
    for match in _WEEKS_TOLD.finditer(digits):  # "he's 5 weeks": a baby under 1
        if _GAVE_BIRTH.search(digits, max(0, match.start() - 30), match.start()):
            continue
        yield int(match.group("v")) // 52, match.start(), word_end(match.end(), spelled), 0.85
    for match in _HALF.finditer(digits):  # "my son is 2.5", "3 and a half": whole years
        years = match.group("v") or _YOUNG_WORDS[match.group("w").lower()]
        yield int(years), match.start(), word_end(match.end(), spelled), 0.85
    yield from _named_ages(digits)
    yield from bare_ages(digits)  # "80 on warfarin", "at 80 my knees"


#: A child's given name right after the relative's noun: "our son Kai", "my daughter Mia"
#: (person.py skips the same name when it finds who the story is about).
_NAMED_CHILD = re.compile(
    r"\b(?:my|our|his|her|their)\s+(?:(?:little|youngest|eldest|oldest|middle|baby|step)\s+)?"
    r"(?:{people}|{children})\s*,?\s+(?-i:(?P<name>[A-Z][a-z]+))\b",
    re.IGNORECASE,
)
#: The years told after "<name> is" / "<name>'s": never a time, a count or a measure
#: ("Kai's 3 weeks post op", "Mia is 2 days in").
_AFTER_NAME = (
    r"(?:\s+is|'s|’s|\s+(?:just\s+)?turned|\s*,?\s*who(?:'s|’s|\s+is))\s+(?:only\s+|just\s+)?"
    rf"(?P<v>\d{{1,2}})\b{_NOT_AGE_AFTER}"
    r"(?!\s*(?:years?\s+(?:ago|since|later|back)|weeks?|wks?|days?|months?|mths?|hours?|hrs?"
    r"|mins?|minutes?|times|x\b|miles?|km|k\b|steps?|sets?|reps?|out\s+of|degrees?|°|-|/|\.\d))"
)
#: A capitalised word opening a sentence that is no one's name: "Pain is 8 and constant",
#: "Monday's 5 and rising" are a score and a count, not a child's age.
_NOT_NAMES = frozenset({"pain", "it", "this", "that", "there", "here", "temp", "temperature",
    "score", "swelling", "knee", "leg", "today", "tonight", "yesterday", "day", "week", "month",
    "year", "now", "mine", "everything", "nothing", "something", "size", "weight", "height",
    "age", "time", "rating", "level", "number", "reading", "result", "count", "he", "she", "they",
    "we", "you", "i", "what", "which", "who", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mum", "mom", "dad"})  # fmt: skip
#: A name opening a sentence with its years and nothing after but a stop or "and": "Kai's 8
#: and came home limping" (re-trial 32: no age read).
_NAME_OPENS = re.compile(
    r"(?:^|[.!?\n])\s*(?-i:(?P<name>[A-Z][a-z]+))"
    + _AFTER_NAME
    + r"(?=\s*(?:[,.;!)\n]|and\b|&|but\b|$))",
    re.IGNORECASE,
)
#: An English school year before the child: "a Year 4 boy", "my son is in year 6". The
#: youngest age in that year (Year N is N+4 to N+5; Reception 4 to 5): the child rules'
#: thresholds are upper ones ("16 or under"), so the younger reading never under-triages.
_SCHOOL_YEAR = re.compile(
    rf"\b(?:year|yr)\s*(?P<v>\d{{1,2}})\s+(?:{CHILD_NOUNS}|pupil|student|schoolboy|schoolgirl)\b"
    rf"|\b(?:{CHILD_NOUNS}|he|she)\s*(?:is|'s|’s)\s+(?:now\s+)?in\s+(?:year|yr)\s*(?P<v2>\d{{1,2}})\b"
    r"(?!\s*(?:of|since|at\b|\d))"
    # a teacher's or coach's "one of my year 5s" (round 19d)
    r"|\bone\s+of\s+(?:my|our|the)\s+(?:year|yr)\s*(?P<v3>\d{1,2})s\b",
    re.IGNORECASE,
)


@cache
def _introduced() -> re.Pattern[str]:
    """`_NAMED_CHILD` for every person word of the lexicon and every child's noun."""
    people = "|".join(sorted(set().union(*load_lexicon().people.values()), key=len, reverse=True))
    return re.compile(
        _NAMED_CHILD.pattern.replace("{people}", people).replace("{children}", CHILD_NOUNS),
        re.IGNORECASE,
    )


def _named_ages(text: str) -> Iterator[tuple[int, int, int, float]]:
    """A child's age told by their name: "our son Kai is 8", "Kai's 8 and limping"."""
    names = {m.group("name") for m in _introduced().finditer(text)}
    names -= {n for n in names if n.lower() in _NOT_NAMES}
    for name in sorted(names):
        told = re.compile(rf"\b(?-i:{name})" + _AFTER_NAME, re.IGNORECASE)
        for match in told.finditer(text):
            yield int(match.group("v")), match.start(), match.end(), 0.85
    # with no relative named, only a child's years: "Tom's 40 and my knee is swollen" may be
    # anyone's, a parent writing of a child by name is the kind this reads
    for match in _NAME_OPENS.finditer(text):
        name = match.group("name")
        if name.lower() not in _NOT_NAMES and name not in names and int(match.group("v")) < 18:
            yield int(match.group("v")), match.start("name"), match.end(), 0.8
    for match in _SCHOOL_YEAR.finditer(text):
        year = int(match.group("v") or match.group("v2") or match.group("v3"))
        if 1 <= year <= 13:  # before the child's noun as sure as "a 7 year old son"
            yield year + 4, match.start(), match.end(), 0.95 if match.group("v") else 0.85


def _counted(text: str, match: re.Match[str]) -> bool:
    """ "20 m" that is metres ("sprinted 20 m", "20 m shuttles"), not a man of 20."""
    unit = text[match.end("v") : match.end()].strip().lower()
    return unit == "m" and metres(text, match.start("v"), match.end())
