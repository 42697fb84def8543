"""Told of both legs, or of a joint as fine or as a yardstick: not the one-sided sign asked.

`calf_swelling` asks whether the calf of the painful leg is swollen, tender, warm or tight
more than the other one: a clot in a deep vein swells one leg (NICE NG158, Wells: calf
swelling 3 cm more than the other side; oedema confined to the symptomatic leg). Both
calves, legs, ankles or shins puffy ("both my calves are puffy", "my ankles swell by the
evening") are no such answer, so the field stays unknown and the interview asks; both
calves hugely swollen and hard after a session are read as `muscles_very_swollen`
(lexicon.yaml), the muscle-breakdown sign. One calf or one ankle swollen stays the sign.
"both legs" set aside so names no side: both legs are not both knees.

`other_joints` asks which other joints are painful or swollen now: a joint told fine ("my
hips and ankles are fine") or the other knee as what this one is measured against ("it's
bigger than my other knee", "swollen compared with the other one") is not one of them.

`side` asks which knee (or leg) hurts: the side told fine ("my left calf is swollen, right
one is normal") or the yardstick of a comparison ("my right calf is bigger than my left
one") is not it (re-trial 9h read both). Told only so, no side is read: it is asked.
"""

from __future__ import annotations

import re

from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: The leg's parts a calf sign can be told of; plural, or after "both", they are two legs.
_PART = re.compile(
    r"\b(?P<both>both\s+(?:(?:my|the|his|her|their)\s+)?)?"
    r"(?P<part>calf|calves|legs?|ankles?|shins?|lower[\s_]+legs?)\b",
    re.IGNORECASE,
)
_PLURAL = frozenset({"calves", "legs", "ankles", "shins"})
#: "one of my calves", "one calf and not the other": one leg after all.
_ONE = re.compile(
    r"\b(?:one\s+of|one\s+(?:calf|leg|ankle)|(?:left|right)\s+(?:calf|leg|ankle|shin))\b"
    r"|\b(?:only|just)\s+(?:the|my)\s+(?:left|right)\b|\bmore\s+than\s+the\s+other\b",
    re.IGNORECASE,
)
_BOTH_LEGS = (
    "“{said}” sounds like both legs; kneewise will ask whether one calf is more swollen,"
    " tender or tight than the other."
)
#: After a joint, nothing but more joints and then "are fine".
_JOINT_WORDS = (
    r"(?:and|or|&|,|my|the|both|other|his|her|their|hips?|ankles?|feet|foot|toes?|hands?"
    r"|fingers?|wrists?|knuckles?|back|one|elbows?|shoulders?|neck|spine|joints?)"
)
_TOLD_FINE = re.compile(
    rf"^(?:\s*{_JOINT_WORDS}\b)*\s*(?:are|is|feel|feels|seem|seems|'s|s|look|looks)\s+"
    r"(?:(?:all|both|absolutely|totally|perfectly|completely|still)\s+)*"
    r"(?:fine|ok|okay|normal|alright|all\s+right|good|great|unaffected|not\s+affected)\b",
    re.IGNORECASE,
)
#: Before the other knee: what this knee is measured against. Not "as" nor "like": "swollen,
#: same as my other knee" tells the other knee swollen too.
_YARDSTICK = re.compile(
    r"\b(?:than|compared\s+(?:to|with)|comparing\s+(?:it\s+)?(?:to|with)|versus|vs\.?"
    r"|size\s+of|next\s+to|against)\s+(?:(?:my|the|his|her|their)\s+)?$",
    re.IGNORECASE,
)


def one_leg(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """The mentions without a calf sign told of both legs or a joint told not affected.

    A calf sign set aside gets a note in the person's words (never lost silently): the
    interview asks whether one calf is worse than the other.
    """
    text = context.doc.text
    kept: list[Mention] = []
    legs: list[tuple[int, int]] = []  # words telling of both legs, set aside
    for mention in mentions:
        if mention.field == "calf_swelling" and mention.value is True:
            sentence = _sentence(mention, context)
            both = _both_legs(text, mention, sentence)
            if both and not _ONE.search(text[sentence[0] : sentence[1]]):
                legs.append((min(both[0], mention.start), max(both[1], mention.end)))
                said = text[legs[-1][0] : legs[-1][1]]
                if (note := _BOTH_LEGS.format(said=said)) not in notes:
                    notes.append(note)
                continue  # "both my calves are puffy": no one-sided sign; asked
        if mention.field == "other_joints":
            after = text[mention.end : _sentence(mention, context)[1]]
            before = text[_sentence(mention, context)[0] : mention.start]
            if _TOLD_FINE.match(after) or _YARDSTICK.search(before):
                continue  # "my hips and ankles are fine", "bigger than my other knee"
        kept.append(mention)
    # "both legs are puffy" names both legs, not both knees: no side is read from it
    return [
        m
        for m in kept
        if m.field != "side"
        or not (
            any(a <= m.start and m.end <= b for a, b in legs)
            or side_aside(m, context)
            or _side_of_the_knee(m, kept, context)
        )
    ]


def _side_of_the_knee(mention: Mention, mentions: list[Mention], context: Context) -> bool:
    """ "my right knee hurts on the left side": a side of the knee named, not another knee
    (read both). Only beside the other side named of a knee in the same sentence."""
    text = context.doc.text
    if not re.search(r"\bsides?\s*$", text[mention.start : mention.end], re.IGNORECASE):
        return False
    sentence = _sentence(mention, context)
    return any(
        other.field == "side"
        and other.value != mention.value
        and sentence[0] <= other.start < sentence[1]
        and not re.search(r"\bsides?\s*$", text[other.start : other.end], re.IGNORECASE)
        for other in mentions
    )


#: After a side: it is fine now, and the sentence says no more of it ("right one is
#: normal", "the left's fine, the right hurts"); not "fine until I run", "was fine before".
_SIDE_FINE = re.compile(
    r"^\s*(?:(?:one|side|leg|knee|calf|ankle|shin|thigh)s?\b)?\s*(?:['’]s|\s(?:is|are|feels?"
    # told without a verb too, as a list item: "hurt the left, right knee fine"
    r"|seems?|looks?))?\s+(?:(?:all|absolutely|totally|perfectly|completely|still|fine\s+and)\s+)*"
    r"(?:fine|ok|okay|normal|alright|all\s+right|good|great|grand|unaffected|not\s+affected)"
    r"(?=\s*(?:[,.;!]|$)|\s+(?:and|now|thankfully|though|tho|luckily)\b"
    r"|\s+but\s+(?:the|my)\s+(?:other|left|right)\b)",
    re.IGNORECASE,
)


def side_aside(mention: Mention, context: Context) -> bool:
    """A side told fine, or the yardstick of a comparison: not the side that hurts."""
    text = context.doc.text
    start, end = _sentence(mention, context)
    return bool(
        _SIDE_FINE.match(text[mention.end : end]) or _YARDSTICK.search(text[start : mention.start])
    )


def _both_legs(text: str, mention: Mention, sentence: tuple[int, int]) -> tuple[int, int] | None:
    """Where the part a calf sign is told of names both legs: the part nearest the sign in
    its sentence ("my calves are killing me and swollen", "puffy ankles"), plural or after
    "both"; None when it names one."""
    parts = list(_PART.finditer(text, sentence[0], sentence[1]))

    def distance(part: re.Match[str]) -> int:
        return max(part.start() - mention.end, mention.start - part.end(), 0)

    if not parts:
        return None
    part = min(parts, key=distance)
    if part.group("both") or part.group("part").lower().split()[-1] in _PLURAL:
        return part.start(), part.end()
    return None


def _sentence(mention: Mention, context: Context) -> tuple[int, int]:
    span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return mention.start, mention.end
    return span.sent.start_char, span.sent.end_char
