"""A cut or a bruise told of the other knee is not this knee's (re-trial 27).

"My left knee is sore and the right one has a cut": the side named where the cut is told
differs from the side named elsewhere, and nothing hurts where the cut is, so the cut is
the other knee's. `wound` (and `bruising`) are then asked, never read yes for the sore
knee, and the other knee's side yields: the side is the left, not both. A note says so.
Where the other knee hurts too ("the right one is cut and sore") both knees are told of,
and nothing changes; a side told fine ("right one's fine") names no other knee.
"""

from __future__ import annotations

from dataclasses import replace

from kneewise.language.context import Context
from kneewise.language.history import part_of
from kneewise.language.legs import side_aside
from kneewise.language.mention import Mention
from kneewise.language.operated import PAST_SIDE

#: Findings of the skin over one knee: told of the other knee, they are not this one's.
_SKIN_FIELDS = frozenset({"wound", "bruising"})
_NOTE = "“{said}” seems to be about the other knee, so it was not used."


def other_knee_skin(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """Drop a cut or bruise told only of the other knee; that knee's side yields."""
    sides = [m for m in mentions if m.field == "side" and not side_aside(m, context)]
    dropped: set[int] = set()
    weak: set[int] = set()
    for mention in mentions:
        if mention.field not in _SKIN_FIELDS or mention.value is not True:
            continue
        start, end = _part(mention, context)
        here = [s for s in sides if start <= s.start < end]
        told = {s.value for s in here}
        elsewhere = {s.value for s in sides if not start <= s.start < end and s.confidence >= 0.9}
        if not told or not elsewhere or "both" in told | elsewhere or told & elsewhere:
            continue
        words = {t.norm_ for t in context.doc.char_span(start, end, alignment_mode="expand") or ()}
        if words & context.lexicon.pain_cues:
            continue  # "the right one is cut and sore": both knees are told of
        said = context.doc.text[mention.start : mention.end]
        if (note := _NOTE.format(said=said)) not in notes:
            notes.append(note)
        dropped.add(id(mention))
        weak.update(id(s) for s in here)
    return [
        replace(m, confidence=min(m.confidence, PAST_SIDE)) if id(m) in weak else m
        for m in mentions
        if id(m) not in dropped
    ]


def _part(mention: Mention, context: Context) -> tuple[int, int]:
    """The characters of the part of its clause that tells the finding ("and the right
    one has a cut")."""
    span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return mention.start, mention.end
    clause = context.clause_of(span.start)
    start, end = part_of(context.doc, clause.start, clause.end, span.start)
    doc = context.doc
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
