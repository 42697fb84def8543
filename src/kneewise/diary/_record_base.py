"""What every diary record shares: field types, the words for what each field allows,
names and dates checked, the exercise record, and `build` with its messages.

Private to `kneewise.diary.records`, which re-exports what is public; kept apart
so that each module stays about one concern (the rules of the records, the
exercise text people type, and this common ground).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kneewise._errors import RecordError
from kneewise._locations import Location
from kneewise.diary.days import NOT_A_PLACE, ZONE_ALLOWED, last_day_words, last_record_day
from kneewise.diary.names import MAX_NAME, is_name, normalise_name
from kneewise.labels import DIARY_LABELS

Knee = Literal["left", "right", "both"]
Sex = Literal["female", "male"]
Source = Literal["manual", "csv", "strava", "gpx", "fit"]
KNEES: tuple[str, ...] = ("left", "right", "both")
LOCATIONS: tuple[str, ...] = get_args(Location)

EARLIEST_DATE = dt.date(1970, 1, 1)
Score = Annotated[int, Field(ge=0, le=10)]
Minutes = Annotated[int, Field(ge=0, le=1440)]
MAX_SESSION_MIN = 7 * 24 * 60
#: Activities that are a day without training: the only ones logged as 0 minutes.
REST_ACTIVITIES = frozenset({"rest", "rest_day", "day_off"})
#: A name typed for a rest day: what `normalise_name` turns into one of `REST_ACTIVITIES`
#: (letter classes, no flags: it is also the API schema's ECMA-262 pattern).
REST_NAME = (
    "^ *(?:[Rr][Ee][Ss][Tt](?:(?:_|[ -]+)[Dd][Aa][Yy])?|[Dd][Aa][Yy](?:_|[ -]+)[Oo][Ff][Ff])[ -]*$"
)

_NAME_WORDS = (
    "a name of 1-40 letters (any alphabet) and digits, with spaces, dashes or _ between "
    "words and ' inside one"
)
# What each field allows, in words; used for every validation message.
ALLOWED: dict[str, str] = {
    "date": f"a date (YYYY-MM-DD, 'today' or 'yesterday') from {EARLIEST_DATE} to today",
    "activity": _NAME_WORDS + " (e.g. running)",
    "duration_min": "minutes, from 0 (a logged rest day) to 10080 (a week)",
    "rpe": "a number from 0 to 10 (session RPE on the CR-10 scale)",
    "distance_km": "kilometres, from 0 to 1000",
    "notes": "text of at most 2000 characters",
    "start_time": "a time of day (HH:MM or HH:MM:SS)",
    "name": _NAME_WORDS + " (e.g. squat)",
    "sets": "a whole number from 1 to 100",
    "reps": "a whole number from 1 to 1000",
    "load_kg": "kilograms, from 0 to 1000",
    "knee": "one of left, right, both",
    "during": "a whole number from 0 to 10",
    "after": "a whole number from 0 to 10",
    "next_morning": "a whole number from 0 to 10",
    "location": "any of " + ", ".join(LOCATIONS),
    "swelling": "yes or no",
    "night_pain": "yes or no",
    "stiffness_min": "whole minutes from 0 to 1440",
    "age": "whole years from 5 to 100",
    "sex": "one of female, male",
    "height_cm": "centimetres from 100 to 230",
    "weight_kg": "kilograms from 25 to 250",
    "sports": "names, each " + _NAME_WORDS.removeprefix("a name ") + " (e.g. running)",
    "distance_unit": "km (kilometres) or mi (miles)",
    "temperature_unit": "C (degrees Celsius) or F (degrees Fahrenheit)",
    "time_zone": ZONE_ALLOWED,
}

#: What each field is called on a screen: every message a person reads uses these
#: (kept with every other label a person reads, in `kneewise.labels`).
LABELS: Mapping[str, str] = DIARY_LABELS
#: Longer input than this is named by its length in messages, not echoed back.
SHOWN_CHARACTERS = 60
#: A value other than a text (a list of sports) is echoed up to this long, then described.
SHOWN_VALUE_CHARACTERS = 100
#: Whole numbers from this size on are echoed as 1e+15, not digit by digit.
LONGEST_WHOLE_NUMBER = 1e15


def _checked_name(value: object) -> object:
    # Letters of every script (kneewise.diary.names): "Laufen Überlandstraße", "跑步".
    if not isinstance(value, str):
        return value
    name = normalise_name(value)
    if not is_name(name):
        too_long = len(name) > MAX_NAME and is_name(name[:MAX_NAME])
        raise ValueError(f"{len(name)} characters as stored" if too_long else "not a valid name")
    return name


#: What a note may not hold: control characters (Unicode category Cc: C0, DEL, C1) but
#: tab and new line. They are no text anyone typed (a NUL even ends a string in C and
#: cannot be stored in PostgreSQL's text); a carriage return is read as a new line.
#: Also the API schema's pattern (ECMA-262 and Rust regex both read these escapes).
NOT_CONTROL = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$"
_NEW_LINES = str.maketrans({"\r": "\n"})


def control_character(text: str, kept: str = "\n\t") -> str | None:
    """The first control character of `text` not in `kept`, in words; None when there is none.

    Control characters are Unicode category Cc (C0, DEL, C1). The words name the
    character and where it is (1-based), e.g. "holds a control character, U+0007,
    at character 5"; the caller says what the text may hold.
    """
    for place, character in enumerate(text, start=1):
        if unicodedata.category(character) == "Cc" and character not in kept:
            return f"holds a control character, U+{ord(character):04X}, at character {place}"
    return None


def _checked_text(value: object) -> object:
    """A note as written, its line ends as new lines; ValueError naming a control character."""
    if not isinstance(value, str):
        return value
    text = value.replace("\r\n", "\n").translate(_NEW_LINES)
    problem = control_character(text)
    if problem is not None:
        raise ValueError(
            f"{problem}; text may hold new lines and tabs but no other control characters"
        )
    return text


def _location_word(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


def latest_date() -> dt.date:
    """The last day a record may have (`kneewise.diary.days.last_record_day`).

    On the person's own computer (the `kneewise` command line) its local today;
    elsewhere, where no zone is known, today where it is latest on Earth (UTC+14):
    a diary on a server in UTC must accept a run already "today" east of it.
    """
    return last_record_day()


def _checked_date(value: dt.date) -> dt.date:
    if not EARLIEST_DATE <= value <= latest_date():
        raise ValueError("out of range")
    return value


class _Record(BaseModel):
    # Lax mode on purpose: CSV cells and CLI options arrive as text.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ExerciseRecord(_Record):
    """One exercise within a training session."""

    name: str
    sets: Annotated[int, Field(ge=1, le=100)] | None = None
    reps: Annotated[int, Field(ge=1, le=1000)] | None = None
    load_kg: Annotated[float, Field(ge=0, le=1000)] | None = None

    _name = field_validator("name", mode="before")(_checked_name)


RecordT = TypeVar("RecordT", bound=_Record)


def build(
    record_type: type[RecordT], fields: Mapping[str, Any], context: Mapping[str, Any] | None = None
) -> RecordT:
    """Validate `fields` into a record, or raise `RecordError` naming each bad field.

    `context` is pydantic's validation context (e.g. `{PLACES_CORRECTION: True}`).
    """
    try:
        return record_type.model_validate(dict(fields), context=dict(context or {}))
    except ValidationError as exc:
        raise RecordError([_describe(error) for error in exc.errors()]) from None


def _describe(error: Any) -> str:
    location = [str(part) for part in error["loc"] if not isinstance(part, int)]
    if not location:  # a rule about the whole record
        return str(error["msg"]).removeprefix("Value error, ")
    field = location[-1]
    if error["type"] == "extra_forbidden":
        return f"unknown field '{field}'"
    if error["type"] == "missing":
        return f"{field} is required: {ALLOWED.get(field, 'a value')}"
    allowed = ALLOWED.get(field, str(error["msg"]))
    if field == "date":  # whose today ends the range (kneewise.diary.days)
        allowed = allowed.removesuffix("today") + last_day_words()
    reason = str(error["msg"]).removeprefix("Value error, ")
    if NOT_A_PLACE in reason:  # it says why and names a place's zone: said whole
        return f"{field} must be a place's time zone; {reason}"
    said = (
        f" ({reason})"
        if reason.endswith("characters as stored") or reason.startswith("holds a")
        else ""
    )
    return f"{field} must be {allowed}; got {_shown(error['input'])}{said}"


def _shown(value: object) -> str:
    if isinstance(value, str) and len(value) > SHOWN_CHARACTERS:
        return f"a text of {len(value)} characters"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        # 1e308 is a whole number too: written out it has 309 digits.
        return str(int(value)) if abs(value) < LONGEST_WHOLE_NUMBER else f"{value:g}"
    text = repr(value)
    if len(text) <= SHOWN_VALUE_CHARACTERS:
        return text
    if isinstance(value, list | tuple):  # e.g. sports: one long item would be echoed whole
        return f"a list of {len(value)} item(s), {len(text)} characters in all"
    return f"a value of {len(text)} characters"
