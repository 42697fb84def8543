"""Diary records as validated values: what a session, a pain entry and a profile may hold.

Every way into the diary (the command line, each import format) builds these
records, so the rules and their messages live in one place. A `RecordError`
names each faulty field and what is allowed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kneewise._errors import RecordError
from kneewise._lists import distinct
from kneewise._locations import Location
from kneewise.diary.days import ZONE_ALLOWED, last_record_day, zone_named
from kneewise.diary.names import MAX_NAME, is_name, name_words
from kneewise.diary.names import normalise_name as normalise_name
from kneewise.diary.units import DistanceUnit, TemperatureUnit, distance_range
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


class SessionRecord(_Record):
    """One training session; `rpe` may be unknown for sessions imported from a device."""

    id: int | None = None
    date: dt.date
    activity: str
    # 0 minutes is a logged rest day; a multi-day event (an ultra, a stage race day and
    # night) is one session, so the bound is a week, not a day.
    duration_min: Annotated[float, Field(ge=0, le=MAX_SESSION_MIN)]
    rpe: Annotated[float, Field(ge=0, le=10)] | None = None
    distance_km: Annotated[float, Field(ge=0, le=1000)] | None = None
    start_time: dt.time | None = None
    notes: Annotated[str, Field(max_length=2000)] | None = None
    source: Source = "manual"
    exercises: tuple[ExerciseRecord, ...] = ()

    _activity = field_validator("activity", mode="before")(_checked_name)
    _date = field_validator("date")(_checked_date)

    @model_validator(mode="after")
    def _zero_only_at_rest(self) -> SessionRecord:
        # A 0-minute run would count its day as logged with no load: the training-load
        # figures would fall for a day that was trained. Only a rest day lasts 0 minutes.
        if self.duration_min == 0 and self.activity not in REST_ACTIVITIES:
            raise ValueError(
                f"duration_min must be more than 0 minutes for {self.activity}; "
                "0 minutes is a rest day, logged with the activity rest"
            )
        return self

    @property
    def load(self) -> float | None:
        """Session load in arbitrary units: duration × session RPE (Foster 2001).

        None when it is not known (minutes but no RPE); a rest day (0 minutes) is
        0 with or without an RPE, as `kneewise.analytics.load_unknown` counts it.
        """
        if self.duration_min == 0:
            return 0.0
        return None if self.rpe is None else self.duration_min * self.rpe


class PainEntryRecord(_Record):
    """How one knee felt around one day; at least one finding must be given."""

    id: int | None = None
    date: dt.date
    knee: Knee
    during: Score | None = None
    after: Score | None = None
    next_morning: Score | None = None
    location: tuple[Location, ...] = ()
    swelling: bool | None = None
    night_pain: bool | None = None
    stiffness_min: Minutes | None = None

    _date = field_validator("date")(_checked_date)

    @field_validator("location", mode="before")
    @classmethod
    def _location(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return distinct([_location_word(item) for item in value])
        return value

    @model_validator(mode="after")
    def _has_a_finding(self, info: ValidationInfo) -> PainEntryRecord:
        if self.location and (info.context or {}).get(PLACES_CORRECTION):
            return self  # places alone correct an entry already stored (`log pain -l …`)
        if not any(getattr(self, name) is not None for name in PAIN_FINDINGS):
            wanted = ", ".join(LABELS[name].lower() for name in PAIN_FINDINGS)
            raise ValueError(f"a pain entry needs at least one of: {wanted}")
        return self


PAIN_FINDINGS = ("during", "after", "next_morning", "swelling", "night_pain", "stiffness_min")
#: Validation context key: the record only corrects the places of a stored entry, so
#: places alone are enough (the writer then changes an entry, never makes one).
PLACES_CORRECTION = "places_correction"


class ProfileRecord(_Record):
    """The person keeping the diary; every field is optional (None = not told)."""

    age: Annotated[int, Field(ge=5, le=100)] | None = None
    sex: Sex | None = None
    height_cm: Annotated[float, Field(ge=100, le=230)] | None = None
    weight_kg: Annotated[float, Field(ge=25, le=250)] | None = None
    sports: tuple[str, ...] = ()
    knee: Knee | None = None
    distance_unit: DistanceUnit | None = None
    temperature_unit: TemperatureUnit | None = None
    #: The person's IANA time zone (kneewise.diary.days): whose "today" the diary counts in.
    time_zone: str | None = None

    @field_validator("time_zone", mode="before")
    @classmethod
    def _time_zone(cls, value: object) -> object:
        if isinstance(value, str):
            return zone_named(value).key
        return value

    @field_validator("distance_unit", mode="before")
    @classmethod
    def _distance_unit(cls, value: object) -> object:
        if isinstance(value, str):
            word = value.strip().lower()
            names = {"kilometre": "km", "kilometer": "km", "mile": "mi"}
            return names.get(word.removesuffix("s"), word if word in ("km", "mi") else value)
        return value

    @field_validator("temperature_unit", mode="before")
    @classmethod
    def _temperature_unit(cls, value: object) -> object:
        if isinstance(value, str):
            word = value.strip().lower().removeprefix("°").removeprefix("degrees ")
            return {"c": "C", "celsius": "C", "f": "F", "fahrenheit": "F"}.get(word, value)
        return value

    @field_validator("sports", mode="before")
    @classmethod
    def _sports(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return distinct([_checked_name(item) for item in value])
        return value


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
    reason = str(error["msg"]).removeprefix("Value error, ")
    said = f" ({reason})" if reason.endswith("characters as stored") else ""
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


_LEADING_FIELD = re.compile(r"^(?P<field>[a-z_]+)(?P<rest> (?:must|is required).*)$", re.DOTALL)


def plain_problem(problem: str, distance_unit: str = "km") -> str:
    """A record problem as a screen shows it: the field's label, never its stored name.

    A distance is described in the person's unit (`distance_unit`, km or mi),
    since that is what they typed.
    """
    match = _LEADING_FIELD.match(problem)
    if not match or match["field"] not in LABELS:
        return problem
    field, rest = match["field"], match["rest"]
    if field == "distance_km" and distance_unit != "km":
        rest = rest.replace(ALLOWED[field], distance_range(distance_unit)).split("; got")[0]
    return LABELS[field] + rest


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


def parse_day(text: str, today: dt.date | None = None) -> dt.date:
    """Read a day: `today`, `yesterday`, `-N` (N days ago) or YYYY-MM-DD."""
    today = today or dt.date.today()
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - dt.timedelta(days=1)
    if re.fullmatch(r"-\d{1,4}", word):
        return today - dt.timedelta(days=int(word[1:]))
    try:
        return dt.date.fromisoformat(word)
    except ValueError:
        raise RecordError([f"date must be {ALLOWED['date']} or -N days; got {text!r}"]) from None
