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

_WITHIN = re.compile(
    r"\b(?:in|within|inside(?:\s+of)?|after|under|less than)\s+(?:about\s+|around\s+|like\s+"
    r"|maybe\s+|just\s+|only\s+|roughly\s+)?(?P<n>\d+(?:\.\d+)?|an?|one|two|three|half\s+an?"
    r"|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few|several)\s*(?P<unit>min|mins|minutes?|hours?|hrs?)"
    r"\b(?P<half>\s+and\s+a\s+half)?"
    # "after 20 minutes of running it swells": how long they ran, not how fast it swelled
    # ("within 2 hrs of the game" is how fast it swelled after it)
    r"(?!\s+(?:of\s+|on\s+(?:the|my|a)\s+)?(?:running|run|walking|walk|sitting|standing"
    r"|playing|training|exercise|exercising|jogging|cycling|bike|treadmill)\b)"
    r"|\b(?P<n2>\d+(?:\.\d+)?|an?|one|two|three|half\s+an?|(?:a\s+)?couple(?:\s+of)?)\s*"
    r"(?P<unit2>min|mins|minutes?|hours?|hrs?)\s+(?:later|after)\b",
    re.IGNORECASE,
)
#: Right before the time: a range ("2-3 hours", "1 or 2 hours") is no one time.
_RANGE = re.compile(r"\d\s*(?:-|–|to|or)\s*$")


def swelling_times(text: str) -> Iterator[Mention]:
    """Each time said for how fast it swelled, as `within_2h` or `within_24h`."""
    digits, _ = with_digits(text)
    for match in _WITHIN.finditer(digits):
        words = match.group("n") or match.group("n2")
        unit = (match.group("unit") or match.group("unit2")).lower()
        if re.search(r"few|several", words, re.IGNORECASE) or _RANGE.search(
            digits[: match.start("n") if match.group("n") else match.start("n2")]
        ):
            continue  # "a few hours": either side of two hours, so the interview asks
        count = amount(words)
        if count is None:
            continue
        minutes = count * 60 if unit.startswith("h") else count
        if match.group("half"):
            minutes += 30 if unit.startswith("h") else 0.5
        if minutes <= FAST_MINUTES:
            value = "within_2h"
        elif minutes <= DAY_MINUTES:
            value = "within_24h"
        else:
            continue
        yield Mention("swelling_time", value, match.start(), match.end(), 0.85)


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
