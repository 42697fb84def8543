"""A person told warm or hot to the touch is a fever sign, not a warm knee.

A parent feels their child's forehead or body, not only the knee: "my baby (7 weeks) is
warm to touch", "toddler limping, feels warm to touch", "my daughter is limping and feels
really hot". NICE NG143 (fever in under 5s) takes a parent's sense of a fever as valid, and
NHS "High temperature (fever) in children" tells it by the child feeling hotter than usual
to touch; the lexicon reads it when the person is named right before ("she feels hot",
`fever`), this reads it when something comes between, or the person is left out after a
comma (re-trial 31: a 7-week-old "warm to touch and not moving his leg" was a warm knee,
urgent, never the emergency a fever in a baby with a leg not used is).

Whose warmth it is: the nearest body part or person named before the warm word, whichever
comes last ("his knee feels warm", "it's hot": the knee's; "he's warm": his). A body part
right after it is the knee's too ("a hot swollen knee", "warm to touch around the knee").

A person "not hot" ("hes not hot") denies a fever sign, not the knee's warmth, and is no
"no" to a fever either: a parent's touch does not rule one out, so the fever is asked (a
note says so) and the knee's warmth stays unknown.

Only of someone the writer tells of (the patient another person); the writer's own "I feel
hot" is left to the lexicon.
"""

from __future__ import annotations

import re

from kneewise.language.ages import CHILD_NOUNS
from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: As weak as "temp" alone (lexicon `fever`): a measured normal temperature outweighs it.
_CONFIDENCE = 0.65
#: The warm words that can be a person's: adjectives, never "warmth" or "heat" (the knee's).
_WARM_WORDS = re.compile(
    r"^(?:(?:burning|boiling|roasting|red|really|very)\s+)?(?:warm|warmer|hot|hotter)\b",
    re.IGNORECASE,
)
_BODY = (
    r"knee|knees|kneecap|kneecaps|patella|joint|joints|leg|legs|it|its|it's|it’s|thigh|calf"
    r"|shin|hip|ankle|foot|skin|area|swelling|lump|bump|spot|patch|side|one|cap"
)
#: Whom the warmth may be told of: a pronoun, a child's word, or where a parent feels a
#: fever ("his forehead is hot"). Not "his" or "her": they own a body part ("her knee").
_PERSON = (
    rf"he|she|hes|shes|he's|she's|he’s|she’s|him|they|them|{CHILD_NOUNS}|newborn|tot"
    r"|forehead|head|body|chest|tummy|neck"
)
#: The nearest body part or person named before the warm word.
_NAMED = re.compile(rf"\b(?:(?P<body>{_BODY})|(?P<person>{_PERSON}))\b", re.IGNORECASE)
#: A body part right after the warm word: "a hot swollen knee", "warm around the knee".
_BODY_AFTER = re.compile(
    r"(?:[\s,&]+(?:and|or|red|swollen|puffy|sore|tender|painful|stiff|big|fat|angry|shiny"
    r"|lumpy|to|the|touch|very|really|quite|slightly|a|bit|in|on|around|over|at|of|round"
    r"|his|her|their|its|my|left|right))*[\s,]+(?:" + _BODY + r")\b",
    re.IGNORECASE,
)
#: A form's question, "Hot: yes", "Hot or swollen? no", asks of the knee.
_HEADING_AFTER = re.compile(r"(?:\s+or\s+\w+)*\s*[:?=]")
_LINE_START = re.compile(r"(?:^|[\n|])[ \t\-*•]*$")
#: Where a clause ends: a stop or comma, or "and", "but", "then" before a new verb.
_CLAUSE_BREAK = re.compile(r"[,.;:!?()\n]|\b(?:and|but|then|so)\b", re.IGNORECASE)
#: A clause's subject, named first: "toddler limping", "my boy", "knee swollen"; never an
#: object after a verb ("has been off her legs today" names no subject).
_SUBJECT = re.compile(
    r"\s*(?:(?:my|our|his|her|their|the|your|poor|little|wee|this|that)\s+)*(?:\w+\s+)?"
    rf"(?:(?P<body>{_BODY})|(?P<person>{_PERSON}))\b",
    re.IGNORECASE,
)
_NOT_A_FEVER_SAID = (
    "“{said}”: not feeling hot to the touch does not rule out a fever, so kneewise will ask"
    " about a temperature."
)


def whole_body_warmth(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """The mentions with a person's warmth read as a weak fever sign, not the knee's."""
    if context.patient.kind != "other":
        return mentions
    text = context.said
    kept: list[Mention] = []
    for mention in mentions:
        if mention.field != "warm" or not _persons(mention, text):
            kept.append(mention)
            continue
        if context.about_someone_else(context.clause_at_char(mention.start)):
            kept.append(mention)  # another person's story, set aside as it was
            continue
        if mention.value is True:
            kept.append(Mention("fever", True, mention.start, mention.end, _CONFIDENCE))
        else:
            # "hes not hot": no "no" to a fever, and none to the knee's warmth; asked
            notes.append(_NOT_A_FEVER_SAID.format(said=_statement(text, mention)))
    return kept


def _persons(mention: Mention, text: str) -> bool:
    """The warm word is said of a person, not of the knee or another body part."""
    said = text[mention.start : mention.end]
    if not _WARM_WORDS.match(said) or _BODY_AFTER.match(text, mention.end):
        return False
    if _HEADING_AFTER.match(text, mention.end) or _LINE_START.search(text[: mention.start]):
        return False  # a form's "Hot: yes", "Hot or swollen? no": the knee's question
    clauses = _CLAUSE_BREAK.split(text[: mention.start])
    own = list(_NAMED.finditer(clauses[-1]))
    if own:  # "her forehead is hot", "his knee feels warm": the last one named
        return own[-1].group("person") is not None
    for clause in reversed(clauses[:-1]):  # "toddler limping, feels warm": its subject's
        subject = _SUBJECT.match(clause)
        if subject is not None:
            return subject.group("person") is not None
    return False


def _statement(text: str, mention: Mention) -> str:
    """The words from the person named to the warm word: "hes not hot"."""
    start = max(text.rfind(c, 0, mention.start) for c in ",.;!?\n") + 1
    return text[start : mention.end].strip()
