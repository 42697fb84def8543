"""Swelling: its time ("within the hour", "overnight", "in 20 minutes") or that it is over.

`swelling(mentions, context, notes)` turns each swelling word into `swelling` (its time)
when a time is told in its sentence, else `swollen` with a note that kneewise will ask
when; "the swelling went down" tells it swelled, never "no swelling" (round 5).
"""

from __future__ import annotations

import re
from dataclasses import replace

from kneewise.intake import INTAKE_FIELDS
from kneewise.language.context import Context
from kneewise.language.mention import Mention
from kneewise.language.resolve import ACUTE
from kneewise.language.swelling_speed import swelling_times

_SWELLING_UNTIMED = "You said the knee is swollen but not when it swelled up; kneewise will ask."
_SWELLING_OVER = "You said the swelling has gone down; kneewise will ask when the knee swelled up."


def swelling(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """Swelling becomes a value only with its timing ("within the hour", "overnight")."""
    text = context.doc.text
    mentions = mentions + [  # "swelled in an hour", "within a couple of hours"
        m
        for m in swelling_times(text)
        if not context.about_someone_else(context.clause_at_char(m.start))
    ]
    timings = [
        m
        for m in mentions
        if m.field == "swelling_time"
        and not m.negated
        # "it went down overnight": when it went down, not when it came up
        and not re.search(r"\b(?:down|gone|away|settled)\W*$", text[max(0, m.start - 12) : m.start])
    ]
    told = any(m.field == "swelling" and m.value == "present" for m in mentions)
    kept: list[Mention] = []
    for mention in mentions:
        if mention.field == "swelling_time":
            continue
        if mention.field == "swelling" and mention.negated and _swelling_over(mention, context):
            # "the swelling went down": it did swell, so never "no swelling"; when is asked
            if not told and _SWELLING_OVER not in notes:
                notes.append(_SWELLING_OVER)
            continue
        if mention.field == "swelling" and mention.value == "present":
            timing = _nearest(mention, timings, context)
            value = _timing(timing, mentions) if timing is not None else ""
            if value:
                mention = replace(mention, value=value)
            else:
                if not mention.unsure and _SWELLING_UNTIMED not in notes:
                    # an unsure swelling has its own note; never "you said it is swollen"
                    notes.append(_SWELLING_UNTIMED)
                if "swollen" not in INTAKE_FIELDS:
                    continue
                mention = replace(mention, field="swollen", value=True)
        kept.append(mention)
    return kept


#: Said of a swelling, these tell it is over, not that there was none.
_OVER = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:went|gone|going|has gone|had gone|came|come|died)\s+down\b"
    r"|^\W*(?:\w+\W+){0,3}?(?:has\s+|had\s+|'s\s+)?(?:gone|went away|settled|subsided"
    r"|disappeared|eased off|cleared)\b",
    re.IGNORECASE,
)


def _swelling_over(mention: Mention, context: Context) -> bool:
    """ "the swelling went down", "swelling's gone now": it swelled, and it is over."""
    return _OVER.search(context.doc.text[mention.end : mention.end + 40]) is not None


def _timing(timing: Mention, mentions: list[Mention]) -> str:
    """A recent date ("since this morning") times the swelling only when there was no injury.

    After a twist or a blow, "swollen since yesterday" does not say whether it came up
    within two hours (a bleed) or later, so the swelling's time stays unknown.
    """
    if timing.value != "recent":
        return str(timing.value)
    injured = any(
        (m.field == "mechanism" and m.value in ACUTE) or (m.field == "pop" and m.value is True)
        for m in mentions
        if not m.unsure  # "might have knocked it" is no known injury
    )
    return "" if injured else "within_24h"


def _nearest(mention: Mention, timings: list[Mention], context: Context) -> Mention | None:
    sentence = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if sentence is None:
        return None
    bounds = (sentence.sent.start_char, sentence.sent.end_char)
    near = [t for t in timings if bounds[0] <= t.start < bounds[1]]
    return min(near, key=lambda t: abs(t.start - mention.start), default=None)
