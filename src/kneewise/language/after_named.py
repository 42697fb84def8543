"""What follows a person named: do they tell of the writer's knee, or of their own leg?

"my partner, 40, says my knee looks swollen", "my brother fell on me": the person named tells
of, or did it to, the writer's knee, so the story stays the writer's; "my granddaughter, 15,
has a sore knee": the leg told after the age is theirs. Kept apart from person.py, which
decides whose knee it is from these, to keep it short.
"""

from __future__ import annotations

import re

_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|my|me|myself|mine)\b", re.IGNORECASE)
_LEG = re.compile(r"\b(?:knee|knees|leg|legs|kneecap|calf)\b", re.IGNORECASE)
#: Someone telling of the writer's knee: "my partner, 40, says my knee looks swollen",
#: "my dad (60) told me I was limping", "my coach reckons the knee is swollen". They are
#: not the patient: what they saw is the writer's, and their age and sex are theirs.
_REPORTS = re.compile(
    r"[\s,()\d]*(?:(?:yrs?|years?[\s-]*old|[mf])\b[\s,)]*)?(?:also\s+|even\s+|just\s+|always\s+)?"
    r"(?:says|said|say|thinks|thought|think|reckons|reckoned|noticed|notices|spotted|saw|sees"
    r"|can see|could see|told me|tells me|keeps telling me|keeps saying|pointed out|mentioned"
    r"|worries|is worried|was worried|insists|noticed that|feels|felt|believes|suspects"
    r"|heard|hears|could hear)\b"
    r"(?:\s+that)?\s+(?:i|i'm|im|i've|i'd|i'll|my|me|mine|the|it|it's|its)\b",
    re.IGNORECASE,
)
#: Someone else's deed done to the writer: "my brother fell on me", "my mate tackled me".
DONE_TO_WRITER = re.compile(
    r"[\s,()\d]*(?:\w+\s+){0,3}?(?:kicked|tackled|hit|fouled|knocked|clattered|barged|tripped"
    r"|pushed|caught|booted|kneed|elbowed|clipped|flattened|smashed|nailed|studded|raked"
    r"|(?:fell|landed|stood|sat|jumped|rolled|stamped|trod)\s+on"
    r"|(?:ran|crashed|slid|went|came)\s+(?:into|through)|took)\s+me\b",
    re.IGNORECASE,
)


def reports(text: str, end: int) -> bool:
    """The person named before `end` tells of the writer's knee ("says my knee is red").

    Not when the words go on about them ("my son says it hurts when he runs").
    """
    told = _REPORTS.match(text, end)
    if told is None:
        return False
    statement = re.split(r"[.;!?\n]", text[told.end() :], maxsplit=1)[0]
    return re.search(r"\b(?:he|his|him|he's|she|her|she's|they|their)\b", statement, re.I) is None


#: The relative's age put beside them: "my granddaughter, 15, has", "my grandson (14)",
#: "my lad is 13 and": skipped to reach what they did.
_AGE_BESIDE = re.compile(
    r"\s*(?:,?\s*who(?:'s|\s+is)\s+|,\s*(?:aged?\s+)?|\(\s*|\s+is\s+|\s+aged?\s+)?\(?\d{1,2}\s*"
    r"(?:yo|y/o|y\.o\.|years?[\s-]*old|yrs?(?:[\s-]*old)?)?\s*\)?\s*(?:,|\band\b)?",
    re.IGNORECASE,
)


def their_leg_told(text: str, end: int) -> bool:
    """The relative named before `end` comes with a leg in their own clause, past their age.

    "my granddaughter, 15, has a sore knee", "my grandson (15) hurt the knee at footy": the
    knee told is theirs. The clause stops at the next comma or full stop, and one that
    speaks of the writer ("watched me fall") tells of no leg of theirs.
    """
    beside = _AGE_BESIDE.match(text, end)
    if beside is None or beside.end() == end:
        return False
    clause = re.split(r"[,.;!?\n()]|\bbut\b", text[beside.end() :], maxsplit=1)[0]
    return _LEG.search(clause) is not None and _FIRST_PERSON.search(clause) is None
