"""An operation's time told by a day, not a count: "had my knee replaced last tuesday".

A weekday, the weekend or "the other day" told of a knee operation gave no weeks since
it, so a fever after it stayed short of the emergency of the first 12 weeks after
surgery (round 16b: "had my knee replaced last tuesday, now hot and feverish"). Such a
day is read as one week: a weekday gone by is at most a week back ("last tuesday" a
fortnight at the very most), the weekend and "the other day" as near. The rules draw
their only line at 12 weeks (rules.yaml `operated_12_weeks`), far past any of these, so
no reading of the day could move a story across it: a week is the longest the words
plausibly mean, so the story never says the operation was nearer than it may have been.

Read only of an operation told in the same stretch, and only in the past: a day still to
come ("my op is next tuesday", "booked in for friday", "having it done on monday") or one
since which something else has gone on ("op in 2019, pain since tuesday") is none.
"""

from __future__ import annotations

import re

from kneewise.language.numbers import _SURGERY, Text

_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
#: A weekday cut short, as people write it ("last weds", "last thurs", "last sat"). Only
#: after "last" or "this past": alone "sat", "sun", "wed" and "mon" are other words ("sat
#: down", "got wed"), but "last sat" is only ever a day gone by (round 17d).
SHORT_DAY = r"(?:mon|tues?|wed(?:ne)?s?|thu(?:rs?)?|fri|sat|sun)\.?(?![\w'’])"
#: The day told: "last tuesday", "last weds", "on friday", "at the weekend", "the other day".
DAY_TOLD = re.compile(
    rf"\b(?:(?:last|this\s+past)\s+(?:{_DAY}|weekend|{SHORT_DAY})"
    rf"|(?:(?:on|at|over)\s+(?:the\s+)?)?(?:{_DAY})"
    r"|(?:on|at|over)\s+the\s+weekend|the\s+other\s+day)\b",
    re.IGNORECASE,
)
#: A day still to come, or one that starts a time rather than tells the operation's: "next
#: tuesday", "by friday", "since monday", "every sunday", "op is on friday", "due friday".
_NOT_BEFORE = re.compile(
    r"\b(?:next|coming|since|from|until|till|by|every|each|before|after|for|is|are|'s|’s"
    r"|due|this)\s+$",
    re.IGNORECASE,
)
#: A time still to come told in the operation's stretch ("I'm having it done on monday").
_AHEAD = re.compile(
    r"\b(?:will|'ll|going\s+to|gonna|having|getting|booked|scheduled|planned|due|waiting"
    r"|awaiting|tomorrow|next|hope|hoping|should|supposed)\b",
    re.IGNORECASE,
)
#: Between the operation and the day: another time, or a new clause, owns the day ("knee
#: op in 2019 and on tuesday it swelled", "op years ago then friday it locked").
_OWN_TIME = re.compile(
    r"\b(?:(?:19|20)\d\d|ago|back|years?|months?|weeks?|and|but|then|since|when|pain)\b",
    re.IGNORECASE,
)
#: Days: the day before yesterday is two; the others at most a week (see above).
WEEK = 7.0


def operation_day(text: Text, match: re.Match[str]) -> bool:
    """The day told is when the operation named in the same stretch was done."""
    before = text.text[max(0, match.start() - 12) : match.start()]
    if _NOT_BEFORE.search(before):
        return False
    here = text.segment(match.start(), match.end())
    at = text.text.find(here, max(0, match.start() - len(here)))
    ops = list(_SURGERY.finditer(here))
    if not ops or _AHEAD.search(here):
        return False
    start, end = match.start() - at, match.end() - at
    nearest = min(ops, key=lambda op: min(abs(op.start() - end), abs(start - op.end())))
    between = here[nearest.end() : start] if nearest.end() <= start else here[end : nearest.start()]
    return _OWN_TIME.search(between) is None
