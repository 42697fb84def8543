"""A foot told cold or numb as the person's usual, an idiom or from ice is not the sign.

`foot_numb_or_cold` is a NEW numb, pale or cold foot below the painful knee: after an
injury it can mean the artery or nerve behind the knee is hurt (Boyce 2015, NICE CKS).
Feet that are "always cold", "cold feet for years", "I get cold feet in winter" tell the
person's usual self; "cold feet about the wedding" is nerves; a foot "numb from the ice
pack" or "cold after icing it" tells what the ice did. None is the sign, and none is a
"no" to it either: the mention is dropped, a note quotes it and the interview asks.

A change told with it keeps it ("my feet are always cold but this one is white since the
fall", "colder than usual"): under-triage is the worse fault.
"""

from __future__ import annotations

import re

from kneewise.language.context import Context
from kneewise.language.mention import Mention

_FIELD = "foot_numb_or_cold"
#: The person's usual: what has always been so.
_USUAL = re.compile(
    r"\b(?:always|usually|normally|generally|constantly|permanently|forever|every (?:winter|night)"
    r"|for (?:years|ages|as long as)|in (?:the )?winter|raynaud'?s|chilblains|poor circulation"
    r"|bad circulation|runs? in the family|as usual|as always)\b",
    re.IGNORECASE,
)
#: A change told beside it: new, different from usual or since an event.
_CHANGE = re.compile(
    r"\b(?:than (?:usual|normal|before|ever)|more than|since|suddenly|sudden|now|new|today"
    r"|tonight|after (?:the|my|a|an|that|this)"
    r" (?:fall|tackle|injury|accident|crash|knock|twist|kick)"
    r"|not (?:normal|usual)|different|only (?:this|the|my) (?:one|left|right))\b",
    re.IGNORECASE,
)
#: Nerves, not feet: "cold feet about / over / before the wedding".
_IDIOM = re.compile(
    r"\bcold feet (?:about|over|before|on|re|regarding|at the thought)\b"
    r"|\b(?:getting|got|get|have|having) cold feet\b(?! (?:and|,|since|after|from))",
    re.IGNORECASE,
)
#: Ice told as its cause, right after the sign: "numb from the ice pack", "cold after icing".
_ICE = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:from|after|because of|with|by)\s+(?:the\s+|an?\s+|my\s+|all\s+the\s+)?"
    r"(?:ice|icing|iced|ice[- ]?packs?|frozen peas|cold (?:pack|compress|water|floor|weather)"
    r"|snow|sea|pool|cryo\w*)\b",
    re.IGNORECASE,
)
_NOTE = (
    "“{said}” reads as how the foot usually is or what caused it, not a new numb, pale or"
    " cold foot, so kneewise will ask about it."
)


def usual_cold_foot(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """Drop a cold or numb foot told as the person's usual, nerves or the ice's doing."""
    kept: list[Mention] = []
    text = context.doc.text
    for mention in mentions:
        if mention.field == _FIELD and mention.value is True and _not_the_sign(mention, context):
            notes.append(_NOTE.format(said=text[mention.start : mention.end]))
            continue
        kept.append(mention)
    return kept


def _not_the_sign(mention: Mention, context: Context) -> bool:
    text = context.doc.text
    span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    said = span.sent.text
    before = span.sent.start_char
    if _IDIOM.search(text[max(mention.start - 20, 0) : mention.end + 30]):
        return True
    if _ICE.search(text[mention.end : mention.end + 60]):
        return True
    # the clause's own words: "always cold" in one clause says nothing of another's change
    clause = context.clause_at_char(mention.start)
    doc = context.doc
    words = doc[clause.start : clause.end].text if clause.end > clause.start else said
    local = f"{words} {text[max(mention.start - 40, before) : mention.end + 40]}"
    return bool(_USUAL.search(local)) and not _CHANGE.search(said)
