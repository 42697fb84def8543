"""A baby's or child's leg not used: a limp at their age, and the leg not used is the side.

A baby or young child does not say "I'm limping": a parent sees a leg kept still, not kicked
or not used, and an infected joint or bone in a baby often shows only so (Kingston Hospital
atraumatic limp guide; the Royal Cornwall guideline makes a limp under 2 a same-day review).
The lexicon reads "won't kick his leg" (hip_pain_or_limp, fixed); this reads what it cannot:

* told by contrast: "kicks his left leg but not the right", "moves the right one fine, not
  the left", "only kicks with her left": the leg NOT used is the side (re-trial 28 read the
  one kicked, and no limp: a 7-week-old came out self care);
* told by contrast with no side word: "kicks the other one but not this one", "moves one
  leg, not the other": a limp, the side left unknown (asked);
* told as a leg not moved or used: "not moving his right leg", "doesn't use her left leg",
  "hasn't moved the leg since", "won't move this leg", "keeps the right one still".

Only of a baby or child (a child word, or an age under 17 read) and of someone's leg ("his",
"her", "the"), never the writer's: "I'm not moving my knee much, to rest it" is no limp.
"""

from __future__ import annotations

import re

from kneewise.language.ages import CHILD_NOUNS
from kneewise.language.context import Context
from kneewise.language.mention import Mention
from kneewise.language.pipeline import SPAN_KEY

_USE = (
    r"(?:kick(?:s|ed|ing)?|mov(?:e|es|ed|ing)|us(?:e|es|ed|ing)|lift(?:s|ed|ing)?|bend(?:s|ing)?"
    r"|bent|stretch(?:es|ed|ing)?)"
)
#: Whose leg: the child's or the one pointed at ("this leg"), never the writer's ("my").
#: Shared with moved_leg.py: both read a child's leg.
LEG_OWNER = r"(?:his|her|their|the|its|that|this|(?:the\s+)?baby['’]?s)"
_LEG = r"(?:legs?|one|side|foot)"
_OTHER = {"left": "right", "right": "left"}
#: "kicks his left leg (fine) but not the right (one)": the right is not used.
_CONTRAST = re.compile(
    rf"\b{_USE}\s+(?:(?:with|out)\s+)?(?:{LEG_OWNER}\s+)?(?P<used>left|right)(?:\s+{_LEG})?"
    r"(?:\s+(?:fine|ok|okay|normally|well|properly|a\s+lot|lots|loads|happily))?\s*,?\s*"
    r"(?:but|and|though|yet)?\s*(?:not|never|n['’]t)\s+"
    rf"(?:(?:with|out)\s+)?(?:{LEG_OWNER}\s+)?(?P<unused>left|right)\b(?:\s+{_LEG}\b)?",
    re.IGNORECASE,
)
#: Which leg, told with no side word: "one", "the other", "this", "that".
_WHICH = r"(?:one|other|this|that)"
#: "kicks the other one but not this one", "moves one leg fine, not the other": a leg not
#: used, its side not told (re-trial 31: lost), so the side stays unknown.
_CONTRAST_UNSIDED = re.compile(
    rf"\b{_USE}\s+(?:(?:with|out)\s+)?(?:{LEG_OWNER}\s+)?{_WHICH}(?:\s+{_LEG})?"
    r"(?:\s+(?:fine|ok|okay|normally|well|properly|a\s+lot|lots|loads|happily))?\s*,?\s*"
    r"(?:but|and|though|yet)?\s*(?:not|never|n['’]t)\s+"
    rf"(?:(?:with|out)\s+)?(?:{LEG_OWNER}\s+)?{_WHICH}\b(?:\s+{_LEG}\b)?",
    re.IGNORECASE,
)
#: "only kicks the left", "kicks only with her right leg": the other is not used.
_ONLY = re.compile(
    rf"\b(?:only\s+{_USE}|{_USE}\s+only)\s+(?:(?:with|out)\s+)?(?:{LEG_OWNER}\s+)?"
    rf"(?P<used>left|right)\b(?:\s+{_LEG}\b)?",
    re.IGNORECASE,
)
_NOT = (
    r"\b(?:not|never|no\s+longer|stopped|refus(?:es|ed|ing)\s+to|cannot|can\s+not"
    r"|(?:is|are|was|does|do|did|has|have|had|wo|ca|could|would|will)n['’]?t|won['’]?t|wont)"
)
#: "not moving his right leg", "doesn't use her left leg", "hasn't moved the leg since".
_NOT_USED = re.compile(
    rf"{_NOT}\s+(?:(?:really|properly|even|been|be)\s+)*{_USE}\s+(?:with\s+)?{LEG_OWNER}\s+"
    rf"(?:(?P<side>left|right)\s+)?(?:legs?|one)\b",
    re.IGNORECASE,
)
#: "keeps the right one still", "holding her left leg completely rigid".
_STILL = re.compile(
    rf"\b(?:keeps|keeping|kept|keep|holds|holding|held|hold)\s+{LEG_OWNER}\s+"
    rf"(?:(?P<side>left|right)\s+)?(?:legs?|one)\s+(?:\w+\s+)?(?:still|stiff|rigid)\b",
    re.IGNORECASE,
)
#: "not walking on his left leg", "won't stand on her leg", told with no "is" before it
#: ("age 2, not walking on his left leg since this morning": re-trial 31, nothing read):
#: no weight borne too. Only of a child and of "his", "her", "the" leg: the writer's
#: "not walking on it much, to rest it" is no refusal.
_NOT_WALKED_ON = re.compile(
    rf"{_NOT}\s+(?:(?:really|properly|even|been|be)\s+)*"
    r"(?:walk(?:s|ed|ing)?|stand(?:s|ing)?|stood|step(?:s|ped|ping)?)\s+(?:on|through)\s+"
    rf"{LEG_OWNER}\s+(?:(?P<side>left|right)\s+)?(?:legs?|foot|one)\b",
    re.IGNORECASE,
)
#: The story is a baby's or child's: whoever the writer names so, or an age told in
#: months or weeks (ages.py reads the years; an age under 17 read counts too).
_A_CHILD = re.compile(
    rf"\b(?:{CHILD_NOUNS}|babies|newborn|(?:months?|mths?|mos?|weeks?|wks?)[\s-]*old)\b",
    re.IGNORECASE,
)


def leg_not_used(mentions: list[Mention], context: Context) -> list[Mention]:
    """The mentions with a child's leg not used read as a limp, its side the leg not used.

    A side read inside the words from the leg that IS used ("kicks his left leg but not
    the right") is dropped: that leg is the well one.
    """
    text = context.said
    young = _A_CHILD.search(text) or any(
        m.field == "age" and isinstance(m.value, int) and m.value <= 16 for m in mentions
    )
    if not young:
        return mentions
    found: list[tuple[int, int, str | None]] = []
    for pattern in (_CONTRAST, _CONTRAST_UNSIDED, _ONLY, _NOT_USED, _STILL, _NOT_WALKED_ON):
        for match in pattern.finditer(text):
            if any(a <= match.start() < b for a, b, _ in found):
                continue  # "kicks the left but not the right": read once, by contrast
            if context.about_someone_else(context.clause_at_char(match.start())):
                continue  # another child's leg, in a statement set aside
            groups = match.groupdict()
            side = groups.get("unused") or groups.get("side")
            if groups.get("used") and not side:
                side = _OTHER[groups["used"].lower()]
            found.append((match.start(), match.end(), side.lower() if side else None))
    if not found:
        return mentions
    kept = [
        m
        for m in mentions
        if not (m.field == "side" and any(a <= m.start < b for a, b, _ in found))
    ]
    for start, end, side in found:
        kept.append(Mention("hip_pain_or_limp", True, start, end, 0.9))
        if _NOT_WALKED_ON.match(text, start):  # no weight borne on it either
            kept.append(Mention("can_walk_4_steps", False, start, end, 0.85))
        if side is not None:
            kept.append(Mention("side", side, start, end, 0.9))
    return kept


#: A baby or toddler, by word or by an age in months or weeks.
_A_BABY = re.compile(
    r"\b(?:baby|babies|infant|newborn|toddlers?|nappy|nappies|diapers?"
    r"|(?:months?|mths?|mos?|weeks?|wks?)[\s-]*old)\b",
    re.IGNORECASE,
)
#: The oldest a toddler is told (years): crawling and kicking a leg are signs until then.
_TODDLER = 4
#: Between the writer and their verb: "I'm not", "I really won't", "we just".
_SKIP = frozenset({"'m", "m", "am", "was", "is", "are", "'re", "'ll", "will", "would", "'d",
    "do", "does", "did", "really", "just", "still", "even", "definitely", "honestly"})  # fmt: skip
_WRITER = frozenset({"i", "we", "i'm", "im", "i'll", "ill", "i'd"})


def young_only(mentions: list[Mention], context: Context) -> list[Mention]:
    """The mentions with a baby's or toddler's sign (a lexicon entry marked `young`: "won't
    crawl", "not kicking his leg") dropped when the story is no baby's or toddler's ("age
    45, won't crawl on tiles", "my son is 15, he won't crawl under the decking") or the
    writer is its subject or owns the leg ("I won't crawl under the house again", "I'm not
    kicking my leg out fully"). A child named or told as "she" with no age keeps it."""
    doc = context.doc
    spans = [s for s in doc.spans[SPAN_KEY] if context.lexicon.entries[s.label_].young]
    if not spans:
        return mentions
    told = [m.value for m in mentions if m.field == "age" and isinstance(m.value, int)]
    # a child older than a toddler never crawls for want of the leg; an adult's age beside a
    # child named or told as "she" is the writer's ("I'm 34, my daughter won't crawl")
    young = (_A_BABY.search(context.said) or any(age <= _TODDLER for age in told)) or (
        not any(_TODDLER < age <= 16 for age in told)
        and (context.patient.kind == "other" or _A_CHILD.search(context.said) is not None)
    )
    dropped = set()
    for span in spans:
        i = span.start - 1
        while i >= 0 and doc[i].lower_ in _SKIP:
            i -= 1
        writers = (i >= 0 and doc[i].lower_ in _WRITER) or any(t.lower_ == "my" for t in span)
        if not young or writers:
            dropped.add(span.start_char)
    return [m for m in mentions if not (m.field == "hip_pain_or_limp" and m.start in dropped)]
