"""After a fall: "can't get up" is no step taken; a leg short and turned out is deformed.

An older person who has fallen and "can't get up", "can't stand up" or "can't get off the
floor" cannot take four steps: the Ottawa knee rule counts the steps taken (Stiell 1995),
so it is `can_walk_4_steps: false` (re-trial 29: "mum 88 fell, cant stand up" was self
care; re-trial 31: "she cant stand" alone, at the clause's end, was lost). Only after a
fall told in the story, and only told now: "I can't get up the stairs as fast as I used
to" and "can't get up from a chair without pain" tell no fall and no floor, and "couldn't
get up at first" is the lexicon's (walked_right_after). "Can't get up even with help" and
"can't get up after the fall" are the same sign (round 17a: AACE 2025's 999), as are others
who cannot get the person up now ("we can't get her up", "can't lift him off the floor").

A leg that looks shorter, or a foot turned out, after a fall is the broken hip's sign
(NICE CG124: a shortened, externally rotated leg), and a limb out of shape after an injury
is an emergency (NHS: a broken or dislocated bone): `deformity`. Without a fall the same
words tell a walk or a build ("walks with her foot turned out"), listed as not used.
A shape told as long-standing ("looked a funny shape for years with arthritis",
"always been bow-legged") is not a new deformity: dropped, and its words listed as not used.

A long lie told in a clause of its own after the fall, the floor named before it or not ("she
fell in the kitchen. she'd been there for hours", "he'd been lying there since last night",
"couldn't get up for 3 hours"), is `long_lie` (the lexicon reads it only beside "floor":
"mum's 84, she fell. she'd been there for hours" was self care). "There" must be where the
person fell: one told last on a sofa, in bed or at A&E ("we were there for hours"), minutes,
or no fall told are none.
"""

from __future__ import annotations

import re

from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: Help named as not enough: "even with help", "with our help", "even with two of us".
_WITH_HELP = (
    r"(?:even\s+)?with\s+(?:help|assistance|(?:a\s+)?hand|two\s+of\s+us"
    r"|(?:my|our|his|her|their|the\s+\w+(?:'s|’s)?)\s+help)"
)
#: Can't get up now: "can't get up", "cannot stand up", "unable to get herself up".
_CANNOT_GET_UP = re.compile(
    r"\b(?:can(?:'|’)?t|cannot|can\s+not|cant|unable\s+to|not\s+able\s+to|still\s+can(?:'|’)?t)"
    r"(?:\s+(?:even|still|really))?\s+"
    r"(?:get\s+(?:(?:her|him|my|them|it)(?:self|selves)?\s+)?(?:back\s+)?up"
    r"|stand(?:\s+(?:back\s+)?up)?|pick\s+(?:her|him|my|them)sel(?:f|ves)\s+up"
    r"|get\s+(?:up\s+)?(?:off|from|up\s+off)\s+the\s+(?:floor|ground))"
    # what follows says it is the floor, not the stairs or a chair
    r"(?=\s*(?:$|[,.;!)\-–—]|and\b|but\b|so\b|now\b|at\s+all|again|on\s+(?:her|his|my|their)\s+own"
    r"|by\s+(?:her|him|my|them)sel(?:f|ves)|without\s+help|unaided|on\s+(?:it|that|the|her|his|my)"
    r"|off\b|from\s+the\s+(?:floor|ground)|(?:\s*off)?\s*the\s+(?:floor|ground)"
    # "even with help" is AACE's own 999 sign; "after the fall" names the fall it follows
    rf"|{_WITH_HELP}|(?:since|after)\s+(?:the\s+|a\s+|her\s+|his\s+|my\s+|their\s+)?"
    r"(?:fall|falling|tumble|trip)\b))",
    re.IGNORECASE,
)
#: Others who cannot get the patient up: "we can't get her up", "couldn't lift him off the
#: floor", "the carer can't get mum up" (AACE 2025: cannot get up, even with help), told now:
#: "we couldn't get her up at first" may be over (as the lexicon's walked_right_after). Never the
#: patient's own "I can't get up", read above, nor a child got up for school ("can't get him up
#: for school"): what follows must end the clause or name the floor or the help.
_WHO = r"(?:her|him|them|mum|mom|dad|nan|gran|grandma|grandpa|grandad)"
_OTHERS_CANNOT_GET_UP = re.compile(
    r"\b(?:we|they|i|carers?|the\s+carers?|neighbou?rs?|the\s+neighbou?rs?|paramedics?)\s+"
    r"(?:can(?:'|’)?t|cannot|can\s+not|cant|are\s+unable\s+to|am\s+unable\s+to)\s+"
    rf"(?:(?:get|pick)\s+{_WHO}\s+(?:back\s+)?(?:up\b|(?:up\s+)?off\s+the\s+(?:floor|ground))"
    # "lift" is up already: "I can't lift her"
    rf"|lift\s+{_WHO}\b(?:\s+(?:back\s+)?(?:up\b|off\s+the\s+(?:floor|ground)))?)"
    r"(?=\s*(?:$|[,.;!)\-–—]|and\b|but\b|so\b|now\b|at\s+all|again|off\b|from\s+the"
    rf"|{_WITH_HELP}|between\s+us|ourselves|on\s+our\s+own|by\s+ourselves))",
    re.IGNORECASE,
)
#: The broken hip's look: "leg looks shorter", "foot is turned out", "toes pointing outwards".
_HIP_SIGN = re.compile(
    r"\b(?:leg|legs|foot|feet|toes)\b(?:\s+(?!not\b|n't\b|no\b)[\w'’]+){0,3}?\s+"
    r"(?:shorter|shortened|turned\s+out(?:wards?)?|turning\s+out|rolled\s+out(?:wards?)?"
    r"|rotated\s+out(?:wards?)?|externally\s+rotated|turned\s+to\s+the\s+(?:side|outside)"
    r"|pointing\s+out(?:wards?)?|pointed\s+out(?:wards?)?|sticking\s+out\s+sideways"
    r"|flopped\s+out(?:wards?)?|twisted\s+out(?:wards?)?)\b",
    re.IGNORECASE,
)
_LONG_STANDING_SHAPE = (
    "“{said}” sounds long-standing, so it was not read as a new change of shape; kneewise"
    " will ask whether the knee looks out of place now."
)
#: A time of an hour or more: "for hours", "for 3 hrs", "all night", "since last night".
_HOURS = (
    r"(?:for\s+)?(?:about\s+|around\s+|over\s+|nearly\s+|almost\s+|at\s+least\s+|maybe\s+"
    r"|roughly\s+|a\s+good\s+|like\s+|well\s+over\s+)?"
    r"(?:hours|ages|(?:an|one)\s+hour|(?:a\s+)?(?:few|couple\s+of|several|many|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve|\d+(?:\.\d+)?)\s*(?:hours?|hrs?)\b)"
    r"|all\s+night|(?:the\s+)?whole\s+night|overnight"
    r"|(?:since|from)\s+(?:last\s+night|yesterday|the\s+night\s+before|(?:this\s+|early\s+)?morning"
    r"|lunchtime|lunch|teatime|tea\s*time|the\s+evening|last\s+\w+"
    # a clock time the day or night before: "since 11 last night", "from 9pm yesterday"
    r"|(?:about\s+|around\s+)?\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|o'?clock)?\s+(?:last\s+night|yesterday))"
    r"|(?:till|until|til)\s+(?:the\s+)?(?:next\s+)?morning"
)
#: The lie told of "there" or as not getting up: "she'd been (lying) there for hours", "lay
#: there all night", "couldn't get up for 3 hours", "unable to get off the floor till morning".
_LONG_LIE = re.compile(
    r"\b(?:(?:been|was|were|lay|lain|laid|lying|stuck|stayed|left|trapped|sat|sitting)\s+"
    r"(?:(?:lying|laid|stuck|sat|sitting|trapped|helpless)\s+)?there"
    r"|(?:could(?:n'|n’|\s+no)t|couldnt|unable\s+to|was(?:n'|n’|\s+no)t\s+able\s+to|wasnt\s+able\s+to)"
    r"\s+(?:get\s+(?:(?:her|him|my|them)sel(?:f|ves)\s+)?(?:back\s+)?up(?:\s+off\s+the\s+(?:floor|ground))?"
    r"|get\s+off\s+the\s+(?:floor|ground)|stand(?:\s+up)?))"
    rf"[\s,]+(?:{_HOURS})",
    re.IGNORECASE,
)
#: The lie told by when it ended, the night gone by: "on the floor till the carer came in this
#: morning", "lay there until my son found me in the morning", "all night on the floor".
_ON_FLOOR = r"(?:there|on\s+(?:the|her|his|my|their|our)\s+(?:[\w'’]+\s+){0,2}?(?:floor|ground))"
_LIE_ENDED = re.compile(
    r"\b(?:been|was|were|lay|lain|laid|lying|stuck|stayed|left|trapped|sat|sitting)\s+"
    r"(?:(?:lying|laid|stuck|sat|sitting|trapped|helpless)\s+)?"
    rf"{_ON_FLOOR}[\s,]+(?:till|until|til|untill|'til)\s+[^,.;!?]{{0,60}}?"
    r"\b(?P<end>(?:this|the|next|in\s+the)\s+morning|morning|(?:the\s+)?next\s+day|daylight"
    r"|breakfast)\b"
    rf"|\b(?:all\s+night|(?:the\s+)?whole\s+night|overnight)\s+{_ON_FLOOR}"
    r"(?!\s+(?:playing|doing|watching|reading|with|stretching|camping|sleeping))",
    re.IGNORECASE,
)
#: A night told before a lie that ended "this morning": "fell last night".
_NIGHT = re.compile(
    r"\b(?:last\s+night|overnight|in\s+the\s+night|yesterday|at\s+night"
    r"|(?:this|yesterday|late)\s+evening|midnight|bedtime|\d{1,2}\s*pm)\b",
    re.IGNORECASE,
)
#: Where a "there" can point: the floor (or a room one falls in) or somewhere one rests or waits.
_PLACE = re.compile(
    r"\b(?P<floor>floor|ground|kitchen|bathroom|toilet|loo|hall|hallway|landing|stairs|bedroom"
    r"|lounge|garden|yard|path|pavement|street|road|garage|shower|bath)\b"
    r"|\b(?:sofa|couch|settee|bed|armchair|chair|recliner|hospital|a\s*&\s*e|a\s+and\s+e|er|ward"
    r"|surgery|clinic|waiting\s+room|gp|doctors?|work|office|school|pub|party|station)\b",
    re.IGNORECASE,
)
#: Someone else waiting there, not the one lying: "we were there for hours".
_WAITERS = re.compile(r"\b(?:we|we'd|we've|you|you'd|everyone|they\s+kept\s+us)\s*$", re.IGNORECASE)
#: Words that join two parts of a clause, each with its own verb.
_JOINERS = frozenset({"and", "but", "while", "whilst", "plus"})
_DENIED = re.compile(r"\b(?:not|no|never|n't|nt|doesn't|doesnt|isn't|isnt)\b", re.IGNORECASE)
#: A shape told as the person's usual one.
_LONGSTANDING = re.compile(
    r"\b(?:for\s+(?:years|ages|decades|a\s+long\s+time|as\s+long\s+as)|always|since\s+(?:birth"
    r"|childhood|i\s+was|he\s+was|she\s+was)|all\s+(?:my|his|her|their)\s+life|long[- ]standing"
    r"|bow[- ]?legged|knock[- ]?kneed|born\s+with)\b",
    re.IGNORECASE,
)


def after_a_fall(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """The mentions with "can't get up" and the broken hip's look read after a fall.

    A deformity told as long-standing is dropped with a note quoting it, so it is asked.
    """
    kept: list[Mention] = []
    for mention in mentions:
        if mention.field == "deformity" and mention.value and _usual(mention, context):
            said = context.said[mention.start : mention.end]
            notes.append(_LONG_STANDING_SHAPE.format(said=said))
        else:
            kept.append(mention)
    fell = any(m.field == "mechanism" and m.value == "fall" and not m.unsure for m in mentions)
    if not fell:
        return kept
    text = context.doc.text
    found: list[Mention] = []
    for match in [*_CANNOT_GET_UP.finditer(text), *_OTHERS_CANNOT_GET_UP.finditer(text)]:
        if _told_now_of_patient(match.start(), context):
            found.append(Mention("can_walk_4_steps", False, match.start(), match.end(), 0.85))
    for match in _HIP_SIGN.finditer(text):
        words = _own_part(match, context)
        if _DENIED.search(words) or _LONGSTANDING.search(words):
            continue
        if _told_now_of_patient(match.start(), context):
            found.append(Mention("deformity", True, match.start(), match.end(), 0.8))
    found += _long_lies(text, context)
    return kept + found


def _long_lies(text: str, context: Context) -> list[Mention]:
    """A long lie told apart from the floor after a fall: "she'd been there for hours".

    Told of the patient only; "there" read as the floor only when the last place named
    before it is the floor or a room one falls in (or none is), never a sofa, a bed or A&E.
    """
    found: list[Mention] = []
    for match in [*_LONG_LIE.finditer(text), *_LIE_ENDED.finditer(text)]:
        end = (match.groupdict().get("end") or "").lower()
        if end.startswith("this") and not _NIGHT.search(text[: match.start()]):
            continue  # "fell at 7, on the floor till my son came this morning": no night told
        before = text[: match.start()]
        if _WAITERS.search(before):
            continue
        places = list(_PLACE.finditer(before))
        if " there" in match.group(0).lower() and places and places[-1].group("floor") is None:
            continue  # "she was on the sofa, been there all night": no floor
        clause = context.clause_at_char(match.start())
        if not context.about_someone_else(clause):
            found.append(Mention("long_lie", True, match.start(), match.end(), 0.8))
    return found


def _own_part(match: re.Match[str], context: Context) -> str:
    """The normalised words of the part of its clause that tells the sign, between "and"s.

    "she can't stand and her leg looks shorter": the "can't" is the standing's, never a
    denial of the leg's look (re-trial 31: it was, and a broken hip's sign was lost).
    """
    clause = context.clause_at_char(match.start())
    tokens = context.doc[clause.start : clause.end]
    words: list[str] = []
    for token in tokens:
        if token.norm_ in _JOINERS and token.idx < match.start():
            words = []  # a new part starts before the sign
        elif token.norm_ in _JOINERS and token.idx >= match.end():
            break  # the part after the sign is another's
        else:
            words.append(token.norm_)
    return f" {' '.join(words)} "


def _told_now_of_patient(char: int, context: Context) -> bool:
    clause = context.clause_at_char(char)
    return not (context.about_someone_else(clause) or context.past(clause))


def _usual(mention: Mention, context: Context) -> bool:
    """A deformity told with a long-standing time in its clause ("for years")."""
    return bool(_LONGSTANDING.search(context.clause_at_char(mention.start).words))
