"""A fever or a long journey told long ago says nothing of now: asked, never a "yes".

The fever question asks about a temperature now, the journey question about the last
4 weeks (questions.yaml). "Had a temp of 38 last month, fine now", "a cold with a
temperature a few weeks back", "flew to Spain last year", "a long flight 3 years ago" were
read as a fever or a trip now (re-trial 31: an emergency for a fever gone a month). A
time told in the same part of the clause ("... last month and now my knee is hot" keeps
the heat of now apart, history.part_of) past the question's window drops the mention: the
field stays unknown and is asked, with a note, never a "no" (the writer may have another
fever or trip to tell). A time inside the window ("a week ago", "last weekend") keeps it.

An operation's own time, told before the fever, is the operation's: "knee replacement 3
weeks ago and a fever" tells a fever now (round 16b: it was dropped as long ago, losing the
emergency of a fever within 12 weeks of surgery). One told after it ("had a fever 3 weeks
ago after my op") may be the fever's and still counts.
"""

from __future__ import annotations

import re

from kneewise.language.context import Context
from kneewise.language.history import part_of
from kneewise.language.mention import Mention
from kneewise.language.numbers import _AMOUNT, _UNIT, _days

#: Each field's window, in days: a fever older than a fortnight is gone or asked again; a
#: journey counts for the last 4 weeks (the clot question, NICE NG158's risk window).
_WINDOW_DAYS = {"fever": 14, "long_travel_or_immobile": 28}
_AGO = re.compile(rf"\b{_AMOUNT}\s*{_UNIT}\s+(?:ago|back|before)\b", re.IGNORECASE)
#: Told long ago without a number, each with its days: "last year", "years ago".
_NAMED = (
    (re.compile(r"\blast (?:month|summer|winter|spring|autumn|fall|christmas|easter)\b", re.I), 30),
    (re.compile(r"\b(?:last year|years? ago|months ago|a year back|in the past)\b", re.I), 365),
)
_NOTE = (
    "“{said}” was told of a time before the question asks about, so it was not used;"
    " kneewise will ask about now."
)


def told_long_ago(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """Drop a fever or journey told only at a time outside its question's window."""
    kept: list[Mention] = []
    operations = [(m.start, m.end) for m in mentions if m.field == "weeks_since_surgery"]
    for mention in mentions:
        window = _WINDOW_DAYS.get(mention.field)
        # the operation's times told before this mention are not its own
        owned = [(a, b) for a, b in operations if b <= mention.start]
        told = None
        if window and mention.value is True:
            told = _outside(mention, context, window, owned)
        if told is not None:
            note = _NOTE.format(said=told)
            if note not in notes:  # "a temp of 38 last month": one note for the words
                notes.append(note)
            continue
        kept.append(mention)
    return kept


def _outside(
    mention: Mention, context: Context, window: int, owned: list[tuple[int, int]]
) -> str | None:
    """The words of the mention's part of its clause when they tell only times older than
    `window` days (none of them an operation's, `owned`), else None."""
    span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    clause = context.clause_of(span.start)
    start, end = part_of(context.doc, clause.start, clause.end, span.start)
    words = context.doc[start:end].text
    base = context.doc[start].idx

    def own(told: re.Match[str]) -> bool:
        """Not a time told of the operation (`owned`)."""
        at, to = base + told.start(), base + told.end()
        return not any(a <= at and to <= b for a, b in owned)

    days = [d for m in _AGO.finditer(words) if own(m) and (d := _days(m)) is not None]
    days += [named for pattern, named in _NAMED if any(map(own, pattern.finditer(words)))]
    # "last month" is about 30 days: for a 4-week trip window it may still fall inside
    outside = bool(days) and all(d > window + (2 if window >= 28 else 0) for d in days)
    return context.doc[start:end].text.strip(" ,.;") if outside else None
