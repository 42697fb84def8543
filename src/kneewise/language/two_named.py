"""Two people named in one story: the one told with the knee is the patient.

person.py finds each relative named ("my daughter has a temperature", "my son hurt his
knee"); `with_the_knee(found, text)` picks whose knee the story is about, so that what
is told of the other one (their fever, their flu) stays theirs.
"""

from __future__ import annotations

import re

_LEG = re.compile(r"\b(?:knee|knees|leg|legs|kneecap|calf)\b", re.IGNORECASE)

_NOUNS = ("noun", "noun2", "noun3", "noun4", "noun5", "noun6", "noun7")


def with_the_knee(found: list[re.Match[str]], text: str) -> re.Match[str] | None:
    """Of two people named, the one told with a knee or leg is the patient.

    "my boy is feverish and my girl banged her knee, she's 6": the knee is the girl's,
    and the boy's fever is his, not hers (re-trial 31: the first one named took the
    story, and with it a fever that was not the patient's). The first named stays the
    patient when they are told with a leg, or when no one later is.
    """
    if not found:
        return None
    first = found[0]
    starts = [m.start() for m in found[1:]] + [len(text)]
    if _LEG.search(text, first.start(), starts[0]):
        return first
    named = {(first.group(g) or "").lower() for g in _NOUNS} - {""}
    for match, end in zip(found[1:], starts[1:], strict=True):
        noun = {(match.group(g) or "").lower() for g in _NOUNS} - {""}
        if noun and not noun & named and _LEG.search(text, match.start(), end):
            return match
    return first
