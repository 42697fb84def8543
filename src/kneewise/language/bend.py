"""How far the knee bends, told in degrees or as "barely": the Ottawa right angle.

The intake's `can_bend_90` asks whether the knee bends to a right angle (Ottawa knee rule:
"inability to flex to 90°", Stiell 1995; rules.yaml `ottawa_knee_rule`, urgent after an
injury). A lexicon phrase cannot weigh a number against 90, and a limit reads the other way
round from a reach: "can't bend it past 90" bends to 90 (yes), "can only bend it to 45
degrees" stops at 45 (no: it was read as "can bend", an under-triage in a clinical trial),
"can't bend it to 90" does not get there (no), "it barely bends" bends hardly at all (no).
Bent "down" or "over", or a count of reps or kilos, is no range of the knee ("bent down to
45 boxes", "bend over"): the bend must reach its number straight after "to", "past" and
the like, with at most the knee named between.
"""

from __future__ import annotations

import re

from kneewise.language.context import Context
from kneewise.language.mention import Mention
from kneewise.language.spelled import with_digits

_NEG = (
    r"(?:can'?t|cant|cannot|can\s+not|won'?t|wont|will\s+not|unable\s+to|not\s+able\s+to"
    r"|doesn'?t|doesnt|does\s+not|isn'?t\s+able\s+to|could\s*n'?t|couldnt|could\s+not"
    r"|(?:have|has)\s*(?:n'?t|not)\s+been\s+able\s+to|(?:havent|hasnt)\s+been\s+able\s+to)"
)
_LIMIT = r"(?:only\s+just|only|just|barely|hardly|scarcely)"
_OBJECT = (
    r"(?:(?:it|my|the|his|her|their|your|this|that)\s+)?(?:(?:left|right|bad|sore)\s+)?"
    r"(?:knee|leg|it)"
)
#: How far: past a number is a limit when denied, to a number is a reach.
_BEYOND = (
    r"(?:past|beyond|over|more\s+than|further\s+than|farther\s+than|any\s+further\s+than"
    r"|much\s+past)"
)
_TO = r"(?:to|up\s+to|as\s+far\s+as|until|till)"
_ABOUT = r"(?:(?:about|around|roughly|maybe|approximately|approx|like|nearly|almost|only|just)\s+)"
_DEGREES = r"(?:\s*(?:degrees?|degs?|deg|°|ish))"
#: A count of something else after the number: no angle ("to 45 reps").
_NOT_ANGLE = (
    r"(?!\s*(?:reps?|times|kg|kgs|kilos?|lbs?|pounds|mins?|minutes|secs?|seconds|%|percent"
    r"|cm|mm|steps|metres|meters|km|miles|boxes|squats|people)\b)"
)
#: "the knee only goes to 45", "it won't go past 90", "it gets to 60": said of the knee.
_GOES = (
    r"(?:(?:knee|it|leg)\s+(?:(?:(?:will\s+)?(?:only|just)|(?P<neg2>won'?t|wont|doesn'?t|doesnt"
    r"|will\s+not))\s+)?(?:go|goes|get|gets))"
)
_BEND = re.compile(
    rf"\b(?:(?P<neg>{_NEG})|(?P<limit>{_LIMIT})|can|could|able\s+to)?\s*"
    rf"(?:(?:only|just|really|even|still|barely|hardly)\s+)*"
    rf"(?P<verb>bend|bends|bending|bent|flex|flexes|flexing|{_GOES}"
    # "can't get it past 45", "can't get my knee to 90": the knee named after it
    r"|(?:get|gets)(?=\s+(?:it|my|the|his|her|their)\b))"
    rf"\s+(?:{_OBJECT}\s+)?"
    rf"(?:(?:(?P<beyond>{_BEYOND})|(?P<to>{_TO}))\s+{_ABOUT}?"
    rf"(?:(?P<angle>a\s+right\s+angle|right\s+angle|a\s+90)|(?P<n>\d{{1,3}}){_DEGREES}?{_NOT_ANGLE})"
    # "it bends maybe 70 degrees at most": the degrees said, no "to"
    rf"|{_ABOUT}?(?P<bare>\d{{1,3}})\s*(?:degrees?|degs?|°))"
    r"(?!\s*(?:\d|,\d))",
    re.IGNORECASE,
)
#: "barely bends", "can hardly bend it", "only bends a little", "won't bend much": no right
#: angle.
_PARTLY = r"(?:a\s+little|a\s+bit|a\s+tiny\s+bit|slightly|at\s+all|halfway|half\s+way)"
_HARDLY = re.compile(
    r"\b(?:(?:only\s+just|barely|hardly|scarcely)\s+(?:bend|bends|bending|flex|flexes)"
    rf"(?:\s+{_OBJECT})?(?:\s+{_PARTLY})?"
    # "only" or "just" say how far only with it: "only bends a little", not "just bend it"
    rf"|(?:only|just)\s+(?:bend|bends|bending|flex|flexes)(?:\s+{_OBJECT})?\s+{_PARTLY}"
    rf"|{_NEG}\s+(?:really\s+)?(?:bend|flex)(?:\s+{_OBJECT})?\s+"
    # "won't bend properly", as "can't bend it fully" (lexicon.yaml): no right angle said
    r"(?:much|very\s+far|far|hardly\s+at\s+all|properly|normally|right|fully))\b"
    r"(?!\s+(?:to|past|beyond|over|more|further|down|forward|forwards|backwards))",
    re.IGNORECASE,
)


#: Bent once, not how far it goes: "bent it 45 degrees" with no "to" is a movement.
_DONE = frozenset({"bent", "bending", "flexing"})


def _verdict(match: re.Match[str]) -> bool | None:
    """Whether the knee reaches a right angle, by the number and how it is told."""
    degrees = 90 if match.group("angle") else int(match.group("n") or match.group("bare"))
    if degrees > 180 or (match.group("bare") and match.group("verb").lower() in _DONE):
        return None  # "I bent it 45 degrees and it clicked": a movement, not the range
    if match.group("beyond"):
        if match.group("neg") or match.group("neg2"):
            return degrees >= 90  # "can't bend past 90": gets to 90
        return True if degrees >= 90 else None  # "bends past 45": further, unsaid how far
    if match.group("neg") or match.group("neg2"):
        return False if degrees <= 90 else None  # "can't bend it to 90": short of it
    return degrees >= 90  # "only bends to 45", "can bend it to 120": how far it gets


def bent_to(mentions: list[Mention], context: Context) -> list[Mention]:
    """The mentions with `can_bend_90` read from a number of degrees or "barely".

    A lexicon reading inside the same words ("can only bend", "bend it past 90" denied)
    is dropped for it; nothing is read of someone else or of the past.
    """
    text = with_digits(context.doc.text)[0]
    found: list[Mention] = []
    for match in [*_BEND.finditer(text), *_HARDLY.finditer(text)]:
        if any(m.start < match.end() and match.start() < m.end for m in found):
            continue
        value = _verdict(match) if match.re is _BEND else False
        clause = context.clause_at_char(match.start())
        if value is None or context.about_someone_else(clause) or context.past(clause):
            continue
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        found.append(Mention("can_bend_90", value, start, match.end(), 0.9))
    if not found:
        return mentions
    kept = [
        m
        for m in mentions
        if m.field != "can_bend_90" or not any(m.start < f.end and f.start < m.end for f in found)
    ]
    return kept + found


#: A number of degrees told of the knee's bend is no body temperature: "it only bends to
#: about 40 degrees" read as a fever, "bends to 100 degrees" as none (closing the fever
#: question; re-trial 9f). The bend word must govern the number, with only the knee, "to",
#: "past" and the like between, so "won't bend and it's 38.5 degrees" stays a temperature.
_BETWEEN = (
    r"(?:it|my|the|his|her|their|your|knee|leg|right|left|bad|sore|to|up|past|beyond|over"
    r"|about|around|roughly|maybe|approximately|approx|like|nearly|almost|only|just|more|less"
    r"|than|further|farther|any|much|at|of|is|was|by|a|an|fully|even|still|go|get|round"
    r"|can'?t|cant|cannot|won'?t|wont|will|not|doesn'?t|doesnt|can|could|able|barely|hardly)"
)
_BEND_WORD = (
    r"(?:bend|bends|bending|bent|flex|flexes|flexed|flexing|flexion|straighten\w*|extend\w*"
    r"|extension|angle|angled|range|rom|motion)"
)
_ANGLE_BEFORE = re.compile(
    rf"\b(?P<verb>{_BEND_WORD}|go|goes|get|gets)(?:[\s,]+{_BETWEEN})*\s*$", re.I
)
_ANGLE_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:bend|bending|flexion|flex|extension|angle|range|rom)\b", re.IGNORECASE
)
_TEMP_WORD = re.compile(r"\b(?:temps?|temperatures?|fever\w*|thermometer|febrile)\b", re.I)


def an_angle(text: str, start: int, end: int) -> bool:
    """Whether the degrees at text[start:end] are told of a bend, not of the body."""
    if _TEMP_WORD.match(text[end:].lstrip()):
        return False  # "39 degrees fever"
    if _ANGLE_AFTER.match(text[end:]):
        return True  # "40 degrees of flexion"
    before = _ANGLE_BEFORE.search(text[max(0, start - 60) : start])
    if before is None:
        return False
    if before.group("verb").lower().startswith("g"):
        # "it won't go past 40 degrees", but "my temp goes up to 39 degrees" is the body's
        return not _TEMP_WORD.search(text[max(0, start - 40) : start])
    return True
