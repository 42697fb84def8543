"""Numbers and ids typed on the diary's command line, read in plain words.

Typer reads a typed option through pydantic, and its refusal is pydantic's
("Input should be a valid integer, unable to parse string as an integer") in
a box. These parsers read the number themselves and, for text that is none,
say what the option takes in the style of every other diary message
(`--during must be a whole number from 0 to 10; got 'nan'`). The range is left
to the record's own check, so its message stays the one every way in gives.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from kneewise.cli._errors import fail
from kneewise.diary.records import ALLOWED

#: Typed text longer than this is named by its length, not echoed back.
SHOWN_CHARACTERS = 20
#: A diary id fits a 32-bit integer (as the API's ids do).
MAX_ID = 2**31 - 1
# ASCII digits only: Python's int() also reads other scripts' digits and "1_000".
_WHOLE = re.compile(r"[+-]?[0-9]{1,12}")
_DECIMAL = re.compile(
    r"[+-]?(?:[0-9]{1,40}(?:\.[0-9]{0,40})?|\.[0-9]{1,40})(?:[eE][+-]?[0-9]{1,3})?"
)


def shown(text: str) -> str:
    """`text` quoted for a message, or its length when it is long."""
    if len(text) <= SHOWN_CHARACTERS:
        return repr(text)
    return f"{text[:SHOWN_CHARACTERS]!r}… ({len(text)} characters)"


def whole_number(
    option: str, allowed: str, bounds: tuple[int, int] | None = None
) -> Callable[[str | int], int]:
    """A parser for `option` taking a whole number; `allowed` says which, in words.

    `bounds` (lowest, highest) are checked here for options no record checks.
    """

    def parse(text: str | int) -> int:
        if isinstance(text, int):  # the option's default, passed through the parser too
            return text
        word = text.strip()
        if not _WHOLE.fullmatch(word) or (
            bounds is not None and not bounds[0] <= int(word) <= bounds[1]
        ):
            fail(f"{option} must be {allowed}; got {shown(text)}")
        return int(word)

    return parse


def decimal_number(option: str, allowed: str) -> Callable[[str | float], float]:
    """A parser for `option` taking a number such as 45 or 7.5 (no nan, no infinity)."""

    def parse(text: str | float) -> float:
        if isinstance(text, int | float):  # the option's default
            return float(text)
        value = float(text) if _DECIMAL.fullmatch(text.strip()) else math.nan
        if not math.isfinite(value):
            fail(f"{option} must be {allowed}; got {shown(text)}")
        return value

    return parse


def record_id(what: str) -> Callable[[str | int], int]:
    """A parser for the id of a `what` ("session"): a whole number from 1, as listed."""

    def parse(text: str | int) -> int:
        if isinstance(text, int):
            return text
        word = text.strip()
        if not (word.isascii() and word.isdigit() and len(word) <= 10 and 1 <= int(word) <= MAX_ID):
            fail(
                f"a {what} id is a whole number from 1 (`kneewise log list` shows them); "
                f"got {shown(text)}"
            )
        return int(word)

    return parse


# The diary's numbers, each refused in the words its record uses.
DURATION = decimal_number("--duration", ALLOWED["duration_min"])
RPE = decimal_number("--rpe", ALLOWED["rpe"])
DISTANCE = decimal_number("--distance", "a distance in your profile's unit (km or mi), e.g. 8.5")
DURING = whole_number("--during", ALLOWED["during"])
AFTER = whole_number("--after", ALLOWED["after"])
MORNING = whole_number("--morning", ALLOWED["next_morning"])
STIFFNESS = whole_number("--stiffness", ALLOWED["stiffness_min"])
AGE = whole_number("--age", ALLOWED["age"])
HEIGHT = decimal_number("--height", ALLOWED["height_cm"])
WEIGHT = decimal_number("--weight", ALLOWED["weight_kg"])
