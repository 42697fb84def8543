"""Numbers that count something else: steps, stairs, sets, metres, never an age or a body size.

"no idea if I could walk 4 steps" once read "4 st" as four stone (25.4 kg), "I'm 10
minutes into a run" as age 10 and "sprinted 20 m" as a 20-year-old man. A number is
an age, a weight or a height only when the words right after it are not the unit of
another quantity, and a unit is a whole word ("st" is not the start of "steps").
"""

from __future__ import annotations

import re

#: Units and counted things of other quantities, as whole words (regex alternation).
OTHER_UNITS = (
    r"steps?|stairs?|stair\s*case|staircases?|floors?|flights?|storeys?|stories|sets?|reps?"
    r"|repetitions?|laps?|lengths?|km|kms|k|miles?|mi|metres?|meters?|mtrs?|yards?|yds?"
    r"|min|mins|minutes?|secs?|seconds?|hours?|hrs?|days?|weeks?|wks?|months?|goes|rounds?"
    r"|times|x|squats?|lunges?|push[\s-]?ups?|sit[\s-]?ups?|jumps?|hops?|pills?|tablets?|mg"
)
#: A number followed by one of `OTHER_UNITS` (whole word): it counts that, not the person.
COUNTS_OTHER = re.compile(rf"\s*-?\s*(?:{OTHER_UNITS})\b", re.IGNORECASE)

#: Distance words around "20 m": metres run, swum or fallen, not a 20-year-old man.
_DISTANCE_BEFORE = re.compile(
    r"\b(?:ran|run|running|runs|sprint\w*|swam|swim\w*|walk\w*|jump\w*|hop\w*|did|do|doing"
    r"|done|over|about|around|only|just|first|last|every|another|further|fell|fall(?:ing)?"
    r"|dropped|climb\w*|cycled|rowed|than|a|the)\W+$",
    re.IGNORECASE,
)
_DISTANCE_AFTER = re.compile(
    r"\s*(?:sprints?|shuttles?|dash(?:es)?|runs?|races?|repeats?|hurdles?|swims?|freestyle"
    r"|relay|away|from|further|high|drop|fall|uphill|downhill|track|of|hill|sprinting"
    r"|running|swimming)\b",
    re.IGNORECASE,
)


def counts_other(text: str, end: int) -> bool:
    """Whether the number ending at `end` counts steps, sets, minutes... (a unit follows)."""
    return COUNTS_OTHER.match(text, end) is not None


def metres(text: str, start: int, end: int) -> bool:
    """Whether "<number> m" at [start, end) is a distance ("sprinted 20 m", "20 m shuttles")."""
    return bool(_DISTANCE_BEFORE.search(text[max(0, start - 20) : start])) or bool(
        _DISTANCE_AFTER.match(text, end)
    )


#: An ordinal ("the 21st of March", "my 1st run") is a date or a rank, never stone.
_ORDINAL = re.compile(r"(?<!1)1st\b", re.IGNORECASE)
#: Words that make "21st" a body weight after all ("I weigh 21st").
_WEIGH = re.compile(r"\b(?:weigh\w*|heavy|heavier|scales?)\b\W+(?:\w+\W+){0,2}$", re.IGNORECASE)


def ordinal(text: str, start: int, end: int) -> bool:
    """Whether "21st" at [start, end) is an ordinal rather than 21 stone."""
    written = text[start:end].replace(" ", "")
    if not _ORDINAL.search(written) or len(written) != len(text[start:end]):
        return False
    return not _WEIGH.search(text[max(0, start - 30) : start])
