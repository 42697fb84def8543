"""Swelling: its time ("within the hour", "overnight", "in 20 minutes") or that it is over.

`swelling(mentions, context, notes)` turns each swelling word into `swelling` (its time)
when a time is told in its sentence, else `swollen` with a note that kneewise will ask
when; "the swelling went down" tells it swelled, never "no swelling" (round 5). An
injury told two hours ago or less ("twisted it an hour ago, it's already swollen") times
the swelling within two hours; a speed with no clock ("swelled up fast") does only when
an injury is told, else the interview asks (clinical trial 8b).
"""

from __future__ import annotations

import re
from dataclasses import replace

from kneewise.intake import INTAKE_FIELDS
from kneewise.language.context import Context
from kneewise.language.mention import Mention
from kneewise.language.resolve import ACUTE
from kneewise.language.swelling_speed import injury_just_now, swelling_times

_SWELLING_UNTIMED = "You said the knee is swollen but not when it swelled up; kneewise will ask."
_SWELLING_OVER = "You said the swelling has gone down; kneewise will ask when the knee swelled up."


def swelling(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """Swelling becomes a value only with its timing ("within the hour", "overnight")."""
    text = context.doc.text
    mentions = mentions + [  # "swelled in an hour", "within a couple of hours", "an hour ago"
        m
        for m in [*swelling_times(text), *injury_just_now(text)]
        if not context.about_someone_else(context.clause_at_char(m.start))
    ]
    timings = [
        m
        for m in mentions
        if m.field == "swelling_time"
        and not m.negated
        # a doubted speed never makes a swelling slower ("dunno if it came on fast or
        # gradually" is asked); a doubted fast one stays fast, as before (safety first)
        and not (m.unsure and m.value != "within_2h")
        # "it went down overnight": when it went down, not when it came up
        and not re.search(r"\b(?:down|gone|away|settled)\W*$", text[max(0, m.start - 12) : m.start])
    ]
    told = any(m.field == "swelling" and m.value == "present" for m in mentions)
    hurt_just_now = _hurt_just_now(timings, mentions, context)
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
            timing = _nearest(mention, [t for t in timings if _binds(t, mention, text)], context)
            value = _timing(timing, mentions, text) if timing is not None else ""
            if hurt_just_now and (timing is None or timing.value in _UNTIMED):
                # "twisted it an hour ago and it's already swollen": up within two hours
                value = "within_2h"
            if value:
                mention = replace(mention, value=value)
                if timing is not None:
                    # the words that timed it were used ("..., about an hour"): never listed
                    kept.append(replace(timing, field="_used"))
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


#: Times that do not say how soon it swelled: then an injury two hours ago or less does.
_UNTIMED = frozenset({"recent", "just_hurt"})
#: A speed with no clock: "swelled up fast", "ballooned in no time", "blew up quickly".
_SPEED = re.compile(r"\b(?:fast|quick|quickly|rapid|rapidly|no time)\b", re.IGNORECASE)


#: An injury of no named kind ("hurt it at rugby", "did my knee in"), read as a sudden start
_HURT = re.compile(
    r"\b(?:hurt|hurted|injured?|tweak\w*|jarr\w*|knackered|wrecked|buggered|banjaxed|bust(?:ed)?"
    r"|screwed|messed|did|done)\b",
    re.IGNORECASE,
)


def _injured(mentions: list[Mention], text: str = "") -> list[Mention]:
    return [
        m
        for m in mentions
        if (
            (m.field == "mechanism" and m.value in ACUTE)
            or (m.field == "pop" and m.value is True)
            # "my kneecap slipped out 30 mins ago": a dislocation is an injury (re-trial 10)
            or (m.field.startswith("kneecap_slipped_out") and m.value is True)
            or (m.field == "onset" and m.value == "sudden" and _HURT.match(text, m.start))
        )
        and not m.unsure  # "might have knocked it" is no known injury
    ]


def _timing(timing: Mention, mentions: list[Mention], text: str) -> str:
    """A recent date ("since this morning") times the swelling only when there was no injury.

    After a twist or a blow, "swollen since yesterday" does not say whether it came up
    within two hours (a bleed) or later, so the swelling's time stays unknown. A speed
    ("swelled up fast") is within two hours of an injury told; with none it has no clock,
    so it is asked (clinical trial 8b: "swelled up really quickly after my run").
    """
    injured = bool(_injured(mentions, text))
    if timing.value == "just_hurt":
        return ""  # an injury's time, read by _hurt_just_now
    if timing.value == "within_2h" and _SPEED.search(text[timing.start : timing.end]):
        return "within_2h" if injured else ""
    if timing.value != "recent":
        return str(timing.value)
    return "" if injured else "within_24h"


#: Another time in the sentence: the injury may be its, not the hour's.
_OTHER_TIME = re.compile(
    r"\b(?:yesterday|last (?:night|week|weekend|month)|this morning|(?:days?|weeks?|months?"
    r"|years?) (?:ago|back)|at the weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)


#: A sentence that tells when the one before happened: "That was an hour ago".
_POINTS_BACK = re.compile(
    r"\W*(?:that|this|it)\s*(?:was|happened|'s|’s|is)\b|\W*(?:happened|did it|only|just)\b",
    re.IGNORECASE,
)


def _hurt_just_now(timings: list[Mention], mentions: list[Mention], context: Context) -> bool:
    """An injury told with a time two hours back or less ("twisted it an hour ago"), in its
    sentence or the one before when this one points back to it ("I fell at parkrun. That
    was about an hour ago")."""
    hurt = _injured(mentions, context.doc.text)
    for timing in timings:
        if timing.value != "just_hurt":
            continue
        span = context.doc.char_span(timing.start, timing.end, alignment_mode="expand")
        if span is None:
            continue
        start, end = span.sent.start_char, span.sent.end_char
        if _POINTS_BACK.match(context.doc.text, start) and span.sent.start > 0:
            start = context.doc[span.sent.start - 1].sent.start_char
        if _OTHER_TIME.search(context.doc.text[start:end]):
            continue  # "ate an hour ago, twisted it yesterday": the injury has its own time
        if any(start <= m.start < end for m in hurt):
            return True
    return False


#: A swelling word in a recurrence's own words ("keeps swelling", "swells up").
_SWELL_WORD = re.compile(r"swell|swol|puff", re.IGNORECASE)
#: Words that may stand between a swelling and its "on and off" ("swollen knee on and
#: off", "the swelling in my knee comes and goes", "been swollen for weeks on and off"):
#: small words, times and places on the knee, never another finding.
_BETWEEN = re.compile(
    r"(?:[\s,.'’\-]+|\d+|\b(?:up|been|has|have|had|it|its|is|was|s|were|are|gets|getting|got"
    r"|gone|going|keeps|kept|knee|knees|kneecap|joint|leg|my|the|his|her|their|your|left|right"
    r"|in|on|of|that|which|all|a|bit|little|quite|really|very|so|slightly|for|few|couple"
    r"|days?|weeks?|months?|years?|ages|since|now|then|still|just|also"
    # where on the knee: "the swelling round my kneecap comes and goes"
    r"|round|around|over|behind|above|below|under|at|back|front|side|inner|outer|top|area)\b)*",
    re.IGNORECASE,
)


def _binds(timing: Mention, mention: Mention, text: str) -> bool:
    """A recurrence told bare ("on and off", "comes and goes") is the word's it is told with.

    "my knee swells on and off", "the swelling comes and goes" time the swelling; in "hot
    and swollen, no temp but been shivering on and off" the shivers come and go, and in
    "swollen and it aches on and off" the ache does (re-trial 31): so only with nothing
    but small words between the swelling and it.
    """
    if timing.value != "recurrent" or _SWELL_WORD.search(text[timing.start : timing.end]):
        return True
    if timing.start >= mention.end:
        between = text[mention.end : timing.start]
    else:
        between = text[timing.end : mention.start]
    return _BETWEEN.fullmatch(between) is not None


def _nearest(mention: Mention, timings: list[Mention], context: Context) -> Mention | None:
    sentence = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if sentence is None:
        return None
    bounds = (sentence.sent.start_char, sentence.sent.end_char)
    near = [t for t in timings if bounds[0] <= t.start < bounds[1]]
    return min(near, key=lambda t: abs(t.start - mention.start), default=None)
