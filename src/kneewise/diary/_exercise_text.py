"""Exercises as people type them: `squat 3x10 @40kg` read whole, or refused with the form.

Private to `kneewise.diary.records`, which re-exports what is public.
"""

from __future__ import annotations

import re
from typing import Any

from kneewise._errors import RecordError
from kneewise.diary._record_base import ExerciseRecord, _shown, build
from kneewise.diary.names import name_words

# Sets × reps and a load, as people write them: "3x8", "3 x 8", "3×8", "3*8"; "@60",
# "@ 60 kg", "60kg", "22,5 kg". A load with no "@" needs its unit: a bare number after
# sets × reps ("squat 3x10 40") is not guessed at, and is refused below.
_SETS_REPS = r"(?P<sets>\d+)\s*[x×*]\s*(?P<reps>\d+)"
_LOAD = r"(?P<load>\d+(?:[.,]\d+)?)\s*(?P<unit>kgs?|kilos?|kilograms?|lbs?|pounds?)?"
_LOAD_AT_END = re.compile(rf"(?:(?P<at>@)\s*|(?<![^\s:])){_LOAD}\s*$", re.IGNORECASE)
_SETS_REPS_AT_END = re.compile(rf"(?:^|(?<=[\s:])){_SETS_REPS}\s*$", re.IGNORECASE)
_POUNDS = ("lb", "lbs", "pound", "pounds")


def _any_case(word: str) -> str:
    # Letter classes, not a flag: the pattern is also the API schema's (ECMA-262 regex).
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


_UNITS = "|".join(
    _any_case(unit) for unit in ("kgs", "kg", "kilograms", "kilogram", "kilos", "kilo", "lbs", "lb")
)
#: What, left in an exercise name, is sets, reps or a load written in a way not read
#: (the same text in Python and in the API's JSON Schema).
# Word edges spelt out, not `\b`: Python and pydantic's Rust regex read `\b` by Unicode
# letters, a browser's ECMA-262 pattern by ASCII ones ("setü" would differ). In a name,
# words are parted by a space, `_`, a dash or an apostrophe.
_EDGE = r"[ _'\-\u2010-\u2015\u2212\u2019]"
NOT_A_NAME = (
    rf"[@:]|[0-9]+\s*[xX×*]\s*[0-9]+"
    rf"|[0-9]+(?:[.,][0-9]+)?\s*(?:{_UNITS}|{_any_case('pound')}s?)(?:{_EDGE}|$)"
    rf"|(?:^|{_EDGE})(?:{_any_case('set')}|{_any_case('rep')})[sS]?(?:{_EDGE}|$)"
)
_NOT_A_NAME = re.compile(NOT_A_NAME)
_EDGE_CHARACTERS = " _'-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2019"
EXERCISE_FORMAT = "NAME[:SETSxREPS][@LOAD_KG], e.g. squat:3x8@60"
#: A name (40) with sets, reps and a load fits well within this; longer text is refused
#: before it is searched.
MOST_EXERCISE_CHARACTERS = 100
#: Every form `parse_exercise` reads, for messages that refuse one.
EXERCISE_FORMS = f"{EXERCISE_FORMAT} (or squat 3 x 8 @ 60kg; the load in kilograms)"


def sets_reps_or_load_in(name: str) -> str | None:
    """The part of an exercise `name` that is sets, reps or a load (e.g. `3x10`), or None.

    Such a name would be stored with its numbers as words (`squat_3x10`), so every
    way in refuses it and says where sets, reps and load go.
    """
    found = _NOT_A_NAME.search(name)
    return found.group(0).strip(_EDGE_CHARACTERS) if found else None


def parse_exercise(text: str) -> ExerciseRecord:
    """Read an exercise: `squat:3x8@60`, `squat 3x8 @60kg`, `squat 3 x 8 @ 60 kg`, `plank`.

    Sets × reps and the load (kilograms) are each optional. Text that is not
    read whole (a load in pounds, sets written another way, two loads) is
    refused with the accepted forms, never stored as something else.
    """
    rest = text.strip()
    if len(rest) > MOST_EXERCISE_CHARACTERS:
        raise RecordError(
            [f"exercise {_shown(text)} is too long: at most {MOST_EXERCISE_CHARACTERS} "
             f"characters, written {EXERCISE_FORMS}"]
        )  # fmt: skip
    fields: dict[str, Any] = {}
    load = _LOAD_AT_END.search(rest)
    if load and (load["unit"] or load["at"]):
        if (load["unit"] or "").lower() in _POUNDS:
            raise RecordError(
                [f"exercise {_shown(text)}: the load must be in kilograms (e.g. @40kg); "
                 "pounds are not converted"]
            )  # fmt: skip
        fields["load_kg"] = load["load"].replace(",", ".")
        rest = rest[: load.start()].rstrip()
    counts = _SETS_REPS_AT_END.search(rest)
    if counts:
        fields["sets"], fields["reps"] = counts["sets"], counts["reps"]
        rest = rest[: counts.start()].rstrip()
    name = rest.rstrip(":").strip()
    if not name or sets_reps_or_load_in(name):
        raise RecordError([f"exercise {_shown(text)} must be written {EXERCISE_FORMS}"])
    try:
        return build(ExerciseRecord, {"name": name, **fields})
    except RecordError as exc:
        raise RecordError([f"exercise {_shown(text)}: {p}" for p in exc.problems]) from None


def format_exercise(exercise: ExerciseRecord) -> str:
    """Write an exercise the way `parse_exercise` reads it."""
    text = exercise.name
    if exercise.sets is not None and exercise.reps is not None:
        text += f":{exercise.sets}x{exercise.reps}"
    if exercise.load_kg is not None:
        text += f"@{exercise.load_kg:g}"
    return text


def exercise_words(exercise: ExerciseRecord) -> str:
    """An exercise as a person reads it back: `squat 3×10 @ 40 kg` (only what it holds)."""
    text = name_words(exercise.name)
    if exercise.sets is not None and exercise.reps is not None:
        text += f" {exercise.sets}×{exercise.reps}"
    if exercise.load_kg is not None:
        text += f" @ {exercise.load_kg:g} kg"
    return text
