"""How fast the knee swelled, told as a time: "swelled in an hour", "within a couple of hours".

The intake's `swelling` tells swelling within two hours of the injury (`within_2h`: a
bleed into the joint, haemarthrosis, as with an ACL tear, a fracture or a kneecap
dislocation) from swelling over the first day (`within_24h`: fluid, as with a meniscus
tear). The two-hour cut-off is the one the knowledge base reads (findings.yaml
`swelling_within_2h`; rules.yaml's "Swelling within two hours of an injury", sources
dehaven1980_acute_haemarthrosis and nice_cks_knee_pain_assessment). A time said is read
against it: "in an hour", "after 90
minutes", "within a couple of hours" are within two hours; "in 5 hours", "six hours
later" are within the day. A time that straddles the cut-off ("a few hours", "several
hours", "2-3 hours") is no answer: the swelling stays untimed and the interview asks.
A span is read by its longer end (re-trial 9): "over the next 2 hours", "an hour or two
after", "by the time I got home, about an hour" are within two hours; "over the next few
hours" is a swelling over the day. "swelled up over a couple of hours", "over an hour or
two" is the span told right after the swelling (re-trial 10; "over two hours" alone may be
more than two, so asked); "swelled up by the time I got home" tells no time,
so it stays asked, the swelling kept.

`swelling_times(text)` yields `swelling_time` Mentions ("within_2h" or "within_24h");
parser.py pairs each with the nearest swelling word of its sentence.

An injury told as two hours ago or less with the knee swollen now ("twisted it an hour
ago and it's already swollen") swelled within two hours: `injury_just_now(text)` yields
those times as `just_hurt` (clinical trial 8b: read as an untimed swelling). swelling.py
reads one as within two hours only when an injury is told; "3 hours ago" stays asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kneewise.language.mention import Mention
from kneewise.language.numbers import amount
from kneewise.language.spelled import with_digits

#: Minutes within which swelling is the fast kind (findings.yaml `swelling_within_2h`).
FAST_MINUTES = 120
#: Minutes within which swelling came up over the first day (`swelling_within_24h`).
DAY_MINUTES = 24 * 60

_HEDGE = r"(?:about\s+|around\s+|like\s+|maybe\s+|just\s+|only\s+|roughly\s+|approx\s+)?"
_NUM = (
    r"\d+(?:\.\d+)?|an?|one|two|three|four|five|six|half\s+an?|(?:a\s+)?couple(?:\s+of)?"
    r"|(?:a\s+)?few|several"
)
_UPPER = r"\d+(?:\.\d+)?|one|two|three|four|five|six"
#: "2-3 hours", "1 or 2 hours" (before the unit); "an hour or two", "an hour or so" (after it)
_SPAN = (
    rf"(?P<n>{_NUM})(?:\s*(?:-|–|to|or)\s*(?P<hi>{_UPPER}))?\s*(?P<unit>min|mins|minutes?|hours?|hrs?)"
    rf"\b(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+(?P<hi2>{_UPPER}|so)\b)?"
)
_WITHIN = re.compile(
    # "over the next 2 hours", "over the following few hours": the span it swelled over
    # ("over 2 hours" alone may be "more than": no time read)
    r"\b(?:(?:in|within|inside(?:\s+of)?|after|under|less than)(?:\s+the\s+(?:first|next))?"
    r"|(?P<over>over|across|during)\s+the\s+(?:next|following|first|course\s+of|space\s+of))\s+"
    rf"{_HEDGE}{_SPAN}"
    # "after 20 minutes of running it swells": how long they ran, not how fast it swelled
    # ("within 2 hrs of the game" is how fast it swelled after it)
    r"(?!\s+(?:of\s+|on\s+(?:the|my|a)\s+)?(?:running|run|walking|walk|sitting|standing"
    r"|playing|training|exercise|exercising|jogging|cycling|bike|treadmill)\b)"
    # "an hour or two after", "90 mins later"
    rf"|\b{_HEDGE}{_SPAN.replace('?P<', '?P<b_')}\s+(?:later|after)\b"
    # "swollen by the time I got home from the match, about an hour": the time it took
    rf"|\bby\s+the\s+time\b[^.;!?]{{0,60}}?\b{_HEDGE}{_SPAN.replace('?P<', '?P<c_')}"
    # "by the time I finished my 2 hour run": how long the run was, not the swelling
    r"(?!\s+(?:ago|of|away|drive|walk|run|ride|hike|session|game|match|flight|journey|trip"
    r"|shift|class|training|practice)\b)"
    # "swelled up over a couple of hours", "puffed up over an hour": the span it swelled
    # over, told right after the swelling ("over 2 hours of netball" is how long they played)
    r"|\b(?:swell(?:s|ed|ing)?|swollen|swole|puff(?:s|ed|ing)?|balloon(?:s|ed|ing)?|blew|blown"
    r"|bloat(?:s|ed|ing)?|fill(?:s|ed|ing)?)(?:\s+up)?(?:\s+(?:gradually|slowly|steadily))?"
    rf"\s+(?P<e_over>over)\s+{_HEDGE}{_SPAN.replace('?P<', '?P<e_')}(?!\s+of\b)"
    # "over the next hour and a half": the hour with no number
    r"|\b(?:over|across|during)\s+the\s+(?:next|following|first)\s+(?P<d_unit>hour)\b"
    rf"(?P<d_half>\s+and\s+a\s+half)?(?:\s+or\s+(?P<d_hi2>{_UPPER}|so)\b)?",
    re.IGNORECASE,
)
#: A match's half time as the time it swelled by: "by half time it was like a balloon",
#: "before the half-time whistle it had puffed up". Hurt in a half (40-45 min in football,
#: rugby, hockey), so swollen within two hours (re-trial 27: untimed). "at half time" may
#: be when it was still fine, so only "by" or "before" times it.
_HALF_TIME = re.compile(
    r"\b(?:by|before)\s+(?:the\s+)?(?:half[\s-]?time|the\s+half)\b(?:\s+whistle|\s+break)?",
    re.IGNORECASE,
)
#: Right before the time: a range ("2-3 hours", "1 or 2 hours") is no one time.
_RANGE = re.compile(r"\d\s*(?:-|–|to|or)\s*$")


def _group(match: re.Match[str], name: str) -> str | None:
    """The group of whichever of the four forms matched."""
    found = (
        match.group(name)
        or match.group("b_" + name)
        or match.group("c_" + name)
        or match.group("e_" + name)
    )
    if found is None and name in ("unit", "half", "hi2"):
        return match.group("d_" + name)
    return found


def _minutes(count: float, unit: str, half: bool) -> float:
    minutes = count * 60 if unit.startswith("h") else count
    return minutes + (30 if unit.startswith("h") else 0.5) * half


def swelling_times(text: str) -> Iterator[Mention]:
    """Each time said for how fast it swelled, as `within_2h` or `within_24h`.

    A span is read by its longer end: "an hour or two" is within two hours, "2-3 hours"
    straddles the cut-off and is asked, "4 to 6 hours" is within the day; "over the next
    few hours" is a slow swelling, within the day, while "in a few hours" is asked.
    """
    digits, _ = with_digits(text)
    for found in _HALF_TIME.finditer(text):
        yield Mention("swelling_time", "within_2h", found.start(), found.end(), 0.85)
    for match in _WITHIN.finditer(digits):
        words, unit = _group(match, "n") or "1", (_group(match, "unit") or "").lower()
        start = match.start("n") if match.group("n") else match.start()
        if match.group("e_n"):
            start = match.start("e_n")
        upper = _group(match, "hi") or _group(match, "hi2")
        if match.group("e_n") and not (upper or re.search(r"couple|few|several", words, re.I)):
            continue  # "swelled up over two hours", "over an hour": more than, or during?
        if re.search(r"few|several", words, re.IGNORECASE):
            if match.group("over") or match.group("e_over"):
                yield Mention("swelling_time", "within_24h", match.start(), match.end(), 0.85)
            continue  # "in a few hours": either side of two hours, so the interview asks
        if upper is None and _RANGE.search(digits[:start]):
            continue
        count = amount(words)
        if count is None:
            continue
        low = _minutes(count, unit, bool(_group(match, "half")))
        top = amount(upper) if upper and upper.lower() != "so" else count
        if top is None:
            continue
        high = max(low, _minutes(top, unit, bool(_group(match, "half"))))
        if high <= FAST_MINUTES:
            value = "within_2h"
        elif low > FAST_MINUTES and high <= DAY_MINUTES:
            value = "within_24h"
        else:
            continue  # "2-3 hours" straddles the cut-off; more than a day is no speed
        # "by the time I got home, about an hour": the words that time it are the hour's
        begin = match.start("c_n") if match.group("c_n") else match.start()
        yield Mention("swelling_time", value, begin, match.end(), 0.85)


#: "an hour ago", "40 mins ago", "half an hour ago": a time back from now.
_AGO = re.compile(
    r"\b(?:about\s+|around\s+|like\s+|maybe\s+|only\s+|just\s+|roughly\s+|barely\s+"
    r"|under\s+|less than\s+|not even\s+)?(?P<n>\d+(?:\.\d+)?|an?|one|two|half\s+an?"
    r"|(?:a\s+)?couple(?:\s+of)?)\s*(?P<unit>min|mins|minutes?|hours?|hrs?)"
    r"(?P<half>\s+and\s+a\s+half)?\s+ago\b",
    re.IGNORECASE,
)


def injury_just_now(text: str) -> Iterator[Mention]:
    """Each time two hours back or less ("an hour ago"), as `just_hurt`."""
    digits, _ = with_digits(text)
    for match in _AGO.finditer(digits):
        if _RANGE.search(digits[: match.start("n")]):
            continue  # "1-3 hours ago": either side of two hours
        count = amount(match.group("n"))
        if count is None:
            continue
        unit = match.group("unit").lower()
        minutes = count * 60 if unit.startswith("h") else count
        if match.group("half"):
            minutes += 30 if unit.startswith("h") else 0.5
        if minutes <= FAST_MINUTES:
            yield Mention("swelling_time", "just_hurt", match.start(), match.end(), 0.85)
