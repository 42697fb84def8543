"""Which knee an operation was on, and whether it was done: only this knee's counts.

"My right knee was operated on years ago; now it's the left": the side named where the
operation is told differs from the side hurting now, so the operation is the other knee's
and `had_knee_surgery` is asked, never read yes. One on another part ("my hip op") or
still to come ("I need an op") does not count either; a note says so.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kneewise.language import injection
from kneewise.language.context import Context
from kneewise.language.legs import side_aside
from kneewise.language.mention import Mention

#: A side told of the past yields to the side hurting now, and never makes it "both".
PAST_SIDE = 0.65

#: Intake fields about an operation or a needle into the knee: about this knee, and done.
_SURGERY_FIELDS = frozenset({"had_knee_surgery", "weeks_since_surgery", injection.FIELD})
#: An operation still to come ("I need an op", "waiting for surgery") was not had.
_NOT_YET = frozenset({"need", "needs", "needed", "needing", "waiting", "booked", "scheduled",
    "planned", "recommended", "suggested", "offered", "considering", "consider", "referred",
    "will", "going", "gonna", "next", "future", "list", "want", "wants",
    "thinking", "wondering", "hoping", "talked", "talking", "discussed", "discussing"})  # fmt: skip
_OTHER_PARTS = frozenset({"shoulder", "shoulders", "hip", "hips", "back", "spine", "ankle",
    "ankles", "wrist", "wrists", "elbow", "elbows", "hand", "hands", "foot", "feet", "toe",
    "eye", "eyes", "heart", "hernia", "appendix", "gallbladder", "tonsils", "caesarean",
    "c-section", "neck", "achilles", "arm", "arms", "bum", "buttock", "thumb",
    "finger"})  # fmt: skip
#: "4 weeks back" is "4 weeks ago", never the back (re-trial 6e).
_TIME_BACK = re.compile(r"\b(days?|weeks?|wks?|months?|years?|yrs?|fortnight)\s+back\b")
#: "the other week" is a time, never the other knee (round 15d: "had a knee op the other
#: week" was set aside as an operation on something else).
_OTHER_TIME = re.compile(
    r"\bother\s+(?=(?:day|days|week|weeks|month|night|morning|evening|time)\b)"
)
_KNEE_WORDS = frozenset({"knee", "knees", "kneecap", "acl", "pcl", "mcl", "lcl", "meniscus",
    "meniscal", "cartilage", "patella", "patellar", "leg"})  # fmt: skip


def which_knee(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """An operation counts only on the knee this story is about, and only once it was done.

    "My right knee was operated on years ago; now it's the left": the side named where
    the operation is told differs from the side named elsewhere, so the painful knee was
    never operated on as far as the text says: unknown, not "no". "the other knee", an
    operation on another body part, or one still to come ("I need an op") do not count.
    """
    # "right one is normal" names no other knee the operation could be on (re-trial 25)
    sides = [m for m in mentions if m.field == "side" and not side_aside(m, context)]
    dropped: set[int] = set()
    for mention in mentions:
        if mention.field not in _SURGERY_FIELDS:
            continue
        clause = context.clause_at_char(mention.start)
        words = set(_TIME_BACK.sub(r"\1 ago", _OTHER_TIME.sub("", clause.words)).split())
        here = [s for s in sides if context.clause_at_char(s.start) is clause]
        told = {s.value for s in here}
        elsewhere = {
            s.value
            for s in sides
            if context.clause_at_char(s.start) is not clause and s.confidence >= 0.9
        }
        why, what = "", "an injection" if mention.field == injection.FIELD else "an operation"
        if words & _NOT_YET:
            why = f"{what} not yet done"
        elif (
            "other" in words
            or _elsewhere(words)
            or _elsewhere(_named_with(mention, context) | injection.given_to(mention, context))
        ):
            # "6 weeks since my hip op and now the knee aches": the part named with it
            why = f"{what} on something else"
        elif told and elsewhere and "both" not in told | elsewhere and not told & elsewhere:
            why = f"{what} on the other knee"
        if why:
            said = context.doc.text[mention.start : mention.end]
            notes.append(f"“{said}” seems to be about {why}, so it was not used.")
            dropped.add(id(mention))
        if strong_elsewhere := {s.value for s in sides if s.confidence >= 0.9} - told:
            # the side an operation is told of yields to the side hurting now
            weak = [s for s in here if s.value not in strong_elsewhere]
            mentions = [_weaker(m) if any(m is w for w in weak) else m for m in mentions]
            sides = [_weaker(s) if any(s is w for w in weak) else s for s in sides]
    if any(m.field == "had_knee_surgery" and id(m) in dropped for m in mentions):
        # the time of an operation that does not count does not count either
        for mention in mentions:
            own = _named_with(mention, context) & _KNEE_WORDS  # "my knee op 5 weeks ago"
            if (
                mention.field == "weeks_since_surgery"
                and not own
                and _same_sentence(mention, [m for m in mentions if id(m) in dropped], context)
            ):
                dropped.add(id(mention))
    return [m for m in mentions if id(m) not in dropped]


def _elsewhere(words: set[str]) -> bool:
    return bool(words & _OTHER_PARTS) and not words & _KNEE_WORDS


def _named_with(mention: Mention, context: Context) -> set[str]:
    """The words of an operation's mention and the two before it ("my hip op")."""
    span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return set()
    words = " ".join(t.norm_.lower() for t in context.doc[max(span.start - 2, 0) : span.end])
    return set(_TIME_BACK.sub(r"\1 ago", words).split())


def _weaker(side: Mention) -> Mention:
    return replace(side, confidence=min(side.confidence, PAST_SIDE))


def _same_sentence(mention: Mention, others: list[Mention], context: Context) -> bool:
    doc = context.doc
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    bounds = (span.sent.start_char, span.sent.end_char)
    return any(bounds[0] <= other.start < bounds[1] for other in others)
