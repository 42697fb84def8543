"""The time since an operation told after its count: "3 weeks after TKR", "3/52 post op".

"TKR 3 weeks ago" was read, but a time told before the operation's name with "after" or
"post" lost it when the name was a surgeon's short word ("3 weeks after TKR", "10 days
post ACLR") or the time was a clinician's shorthand ("3/52 post op TKR": numbers._UNIT),
so the rules of the first 12 weeks after surgery stayed undecided (round 15d). A time
told only vaguely ("recently", "the other week", "in the spring") is no number: none is
read, and the rules that need it ask how many weeks ago it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kneewise.language.context import Context
from kneewise.language.mention import Mention
from kneewise.language.numbers import _AMOUNT, _DAY_UNITS, _UNIT, Text, _days, _mention

#: An operation's name, in full or as a surgeon writes it: a total or a partial (uni)
#: knee replacement (TKR, TKA, UKR, UKA, PKR), an ACL reconstruction (ACLR), a scope.
OPERATION = (
    r"(?:surgery|op|operation|recon|reconstruction|replacement|arthroscopy|arthroscope|scope"
    r"|tkr|tka|ukr|uka|pkr|aclr|arthroplasty|meniscectomy|menisectomy|osteotomy|revision"
    # a scope's everyday names (round 16b): "2 weeks after my keyhole", "since the washout"
    r"|keyhole|key-hole|wash-?out|menisc(?:al|us)\s+repair|microfracture)"
)
_POST_OP = re.compile(
    rf"\b{_AMOUNT}\s*{_UNIT}\s+(?:post[\s-]?op(?:erative(?:ly)?)?\b"
    # "5 weeks since my ACL op" (re-trial 6c), "3 weeks after my acl recon" (re-trial 27),
    # "10 days post ACLR", "6 weeks out from surgery"
    r"|(?:after|since|post|following|out\s+(?:from|of))\s+(?:(?:the|my|an?|his|her|their"
    rf"|our|a\s+total|a\s+partial)\s+)?(?:[a-z-]+\s+){{0,2}}?{OPERATION}\b"
    # "3 weeks after being operated on"
    r"|(?:after|since)\s+(?:[a-z']+\s+){0,2}?operated\s+on\b)",
    re.IGNORECASE,
)
#: The day after an operation counted as a nurse does: "day 10 post op", "POD 4",
#: "day 10 after my knee replacement", "day 8 post TKR", "post op day 10" (round 15g:
#: the last three lost the day, so a fever then stayed self care).
_DAY_POST_OP = re.compile(
    rf"\bday\s*(?P<n>\d{{1,3}})\s+(?:post[\s-]?op\w*|(?:after|post|following)\s+"
    rf"(?:(?:the|my|his|her|their|a|an)\s+)?(?:[a-z-]+\s+){{0,2}}?{OPERATION})\b"
    r"|\b(?-i:POD)\s*(?P<pod>\d{1,3})\b"
    r"|\bpost[\s-]?op(?:erative)?\s+day\s*(?P<after>\d{1,3})\b",
    re.IGNORECASE,
)
#: A clinician's shorthand told straight after the operation's short name, as a note's
#: heading does: "TKR 3/52", "ACLR 10/7", "R TKA 2/52" (round 15g). Only the shorthand,
#: whose "/52" says it is a time, or a count of days, weeks or months: "TKR 2019" is a
#: year; a date ("TKR 3/12/24") or "24/7" is no time (numbers._days).
_NAME_THEN_SHORTHAND = re.compile(
    r"\b(?:tkr|tka|ukr|uka|pkr|aclr|arthroscopy|scope|knee\s+replacement|meniscectomy"
    # a scope's everyday names (round 16b: "keyhole 2/52", "menisectomy 3/52" lost the time);
    # a bare washout only before a clinician's shorthand ("washout 10/7"), as no match is
    r"|osteotomy|revision|keyhole|key-hole|menisectomy|menisc(?:al|us)\s+repair|microfracture"
    r"|(?:knee|joint)\s+(?:wash|clean|clear)[\s-]?out|wash-?out(?=\s*[:,-]?\s*\d{1,3}\s*/))"
    r"\s*[:,-]?\s*(?P<n>\d{1,3})\s*(?:(?P<unit>/(?:52|12|7)(?![\d/]))"
    # or in words, a note's "TKR 3 weeks, temp 38.5"; never a time still to come
    r"|(?P<word>days?|weeks?|wks?|months?)\b(?!\s+(?:from\s+now|away|time|wait|later|to\s+go)))",
    re.IGNORECASE,
)
#: An operation still to come: "waiting list for a TKR 6 months" is a wait, no time since.
_AWAITED = re.compile(r"\b(?:wait\w*|list(?:ed)?|booked|due|scheduled|planned|awaiting)\b", re.I)


def rough_months(match: re.Match[str]) -> bool:
    """ "a few months ago", "a couple of months after": no number of weeks. Two to five
    months spans the 12 weeks the rules of the time after surgery draw their line at, so
    the weeks are asked (round 15d); "a few weeks" is weeks on either reading."""
    told = match.groupdict()
    count, unit = (told.get("n") or "").lower(), (told.get("unit") or "").lower()
    rough = count and not count[:1].isdigit() and count not in ("a", "an", "one")
    return bool(rough) and unit.startswith(("month", "/12"))


def surgery(text: Text) -> Iterator[Mention]:
    """ "6 weeks post op", "3/52 post TKR", "6 weeks after surgery", "day 10 post op"."""
    for match in _POST_OP.finditer(text.text):
        days = _days(match)
        if days is not None and not rough_months(match):
            yield _mention("weeks_since_surgery", round(days / 7, 1), match, 0.9)
    for match in _DAY_POST_OP.finditer(text.text):
        days = float(match.group("n") or match.group("pod") or match.group("after"))
        yield _mention("weeks_since_surgery", round(days / 7, 1), match, 0.9)
    for match in _NAME_THEN_SHORTHAND.finditer(text.text):
        if match.group("word"):
            awaited = _AWAITED.search(text.text[max(0, match.start() - 40) : match.start()])
            unit = match.group("word").lower().rstrip("s").replace("wk", "week")
            days = None if awaited else int(match.group("n")) * _DAY_UNITS[unit]
        else:
            days = _days(match)
        if days is not None:
            yield _mention("weeks_since_surgery", round(days / 7, 1), match, 0.9)


#: When an operation was, told with no number: "recently", "the other week", "in the spring".
_VAGUE = re.compile(
    r"\b(?:(?:quite\s+|fairly\s+|very\s+)?recently|lately|the\s+other\s+(?:day|week)"
    r"|not\s+(?:that\s+|so\s+)?long\s+(?:ago|back)|a\s+(?:little\s+|short\s+)?while\s+(?:ago|back)"
    r"|(?:in|during|over)\s+the\s+(?:spring|summer|autumn|fall|winter|new\s+year)"
    r"|(?:last|this\s+past)\s+(?:spring|summer|autumn|fall|winter)|earlier\s+(?:this|in\s+the)\s+year"
    r"|(?:some|a\s+few|several|a\s+couple(?:\s+of)?)\s+months\s+(?:ago|back|after|since|post))\b",
    re.IGNORECASE,
)
_VAGUE_NOTE = (
    "“{said}” tells when the operation was, but not how many weeks ago, so no time was read;"
    " kneewise will ask."
)


def vague_time(mentions: list[Mention], context: Context) -> list[str]:
    """A note for an operation told with a time that is no number ("had a knee op
    recently"): the words are shown, never lost, and the weeks are asked, never guessed."""
    if any(m.field == "weeks_since_surgery" for m in mentions):
        return []
    notes: list[str] = []
    for mention in mentions:
        if mention.field != "had_knee_surgery" or mention.value is not True:
            continue
        span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for told in _VAGUE.finditer(span.sent.text):
            if (note := _VAGUE_NOTE.format(said=told.group().strip())) not in notes:
                notes.append(note)
    return notes
