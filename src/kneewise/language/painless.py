"""A knee told painless: "doesn't hurt at all", "no pain whatsoever", "completely painless".

The intake's pain scores are `pain_now` (0-10, right now) and `pain_worst` (0-10, at its
worst in the last 24 hours). A clause that says nothing but that the knee does not hurt,
with no time or trigger ("doesn't hurt at all", "never hurts"), tells no pain now and none
at its worst: 0 for both. Told of now ("doesn't hurt at the moment") it is `pain_now` only.
A denial tied to a time or a movement ("doesn't hurt when resting", "no pain on stairs")
is not a whole denial and is read elsewhere (scope.py), and nothing is read when the story
tells a pain anywhere else: a told pain is never scored nought. What this changes: a click
told painless is not the painful catch of rules.yaml `catching_or_intermittent_locking`
(NICE CKS knee pain; Siemieniuk 2017: mechanical symptoms), and the interview does not
ask for a score already told.
"""

from __future__ import annotations

import re

from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: The whole clause: a subject at most, the denial of pain, an emphasis, a time of now.
_PAINLESS = re.compile(
    r"^\W*(?:(?:but|and|though|although|thankfully|luckily|it|its|it's|he|she|they|his|her"
    r"|their|my|the|knee|knees|one|which|that)\W+)*"
    r"(?:(?:does|do|did)\s*(?:n'?t|not)|doesnt|dont|isnt|isn't|is\s+not|never|not)\s+"
    r"(?:hurt|hurts|painful|sore|ache|aches|bother\s+(?:him|her|me|them))"
    r"(?P<tail>(?:\W+(?:at\s+all|one\s+bit|a\s+bit|in\s+the\s+slightest|whatsoever|though|tho"
    r"|thankfully|luckily|now|right\s+now|at\s+the\s+moment|today|currently|anymore))*)\W*$"
    r"|^\W*(?:(?:but|and|though|it's|its|it\s+is|it|is|totally|completely)\W+)*"
    r"(?:no\s+pain(?:\s+at\s+all|\s+whatsoever)?|painless|pain_free|pain\s+free)"
    r"(?P<tail2>(?:\W+(?:at\s+all|whatsoever|though|tho|now|right\s+now|at\s+the\s+moment"
    r"|today|currently))*)\W*$",
    re.IGNORECASE,
)
_NOW = re.compile(r"\b(?:now|moment|today|currently)\b", re.IGNORECASE)


def painless(context: Context, mentions: list[Mention]) -> list[Mention]:
    """`pain_now` (and, untimed, `pain_worst`) of 0 for each clause that tells no pain.

    None when another clause tells a pain (a pain word not in a painless clause) or a
    pain score is read already, or the clause is about someone else or in the past.
    """
    if any(m.field in ("pain_now", "pain_worst") for m in mentions):
        return []
    doc, cues = context.doc, context.lexicon.pain_cues
    found: list[Mention] = []
    told_pain = False
    for clause in context.clauses:
        tokens = doc[clause.start : clause.end]
        match = _PAINLESS.match(tokens.text)
        if match is None:
            told_pain = told_pain or any(t.norm_ in cues for t in tokens)
            continue
        if context.about_someone_else(clause) or context.past(clause):
            continue
        start, end = tokens.start_char, tokens.end_char
        found.append(Mention("pain_now", 0, start, end, 0.8))
        if not _NOW.search(match.group("tail") or match.group("tail2") or ""):
            found.append(Mention("pain_worst", 0, start, end, 0.75))
    return [] if told_pain else found
