"""Diary records as validated values: what a session, a pain entry and a profile may hold.

Every way into the diary (the command line, each import format) builds these
records, so the rules and their messages live in one place. A `RecordError`
names each faulty field and what is allowed.

Split by concern: the common ground (field types, allowed-value words, names
and dates, `build`) is in `_record_base`, the exercise text people type in
`_exercise_text`; both are re-exported here, the one place to import from.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator, model_validator

from kneewise._errors import RecordError
from kneewise._lists import distinct
from kneewise._locations import Location
from kneewise.diary._exercise_text import EXERCISE_FORMAT as EXERCISE_FORMAT
from kneewise.diary._exercise_text import EXERCISE_FORMS as EXERCISE_FORMS
from kneewise.diary._exercise_text import MOST_EXERCISE_CHARACTERS as MOST_EXERCISE_CHARACTERS
from kneewise.diary._exercise_text import NOT_A_NAME as NOT_A_NAME
from kneewise.diary._exercise_text import exercise_words as exercise_words
from kneewise.diary._exercise_text import format_exercise as format_exercise
from kneewise.diary._exercise_text import parse_exercise as parse_exercise
from kneewise.diary._exercise_text import sets_reps_or_load_in as sets_reps_or_load_in
from kneewise.diary._record_base import ALLOWED as ALLOWED
from kneewise.diary._record_base import EARLIEST_DATE as EARLIEST_DATE
from kneewise.diary._record_base import KNEES as KNEES
from kneewise.diary._record_base import LABELS as LABELS
from kneewise.diary._record_base import LOCATIONS as LOCATIONS
from kneewise.diary._record_base import LONGEST_WHOLE_NUMBER as LONGEST_WHOLE_NUMBER
from kneewise.diary._record_base import MAX_SESSION_MIN as MAX_SESSION_MIN
from kneewise.diary._record_base import NOT_CONTROL as NOT_CONTROL
from kneewise.diary._record_base import REST_ACTIVITIES as REST_ACTIVITIES
from kneewise.diary._record_base import REST_NAME as REST_NAME
from kneewise.diary._record_base import SHOWN_CHARACTERS as SHOWN_CHARACTERS
from kneewise.diary._record_base import SHOWN_VALUE_CHARACTERS as SHOWN_VALUE_CHARACTERS
from kneewise.diary._record_base import ExerciseRecord as ExerciseRecord
from kneewise.diary._record_base import Knee as Knee
from kneewise.diary._record_base import Minutes as Minutes
from kneewise.diary._record_base import RecordT as RecordT
from kneewise.diary._record_base import Score as Score
from kneewise.diary._record_base import Sex as Sex
from kneewise.diary._record_base import Source as Source
from kneewise.diary._record_base import (
    _checked_date,
    _checked_name,
    _checked_text,
    _location_word,
    _Record,
)
from kneewise.diary._record_base import build as build
from kneewise.diary._record_base import control_character as control_character
from kneewise.diary._record_base import latest_date as latest_date
from kneewise.diary.days import current_today, zone_named
from kneewise.diary.names import normalise_name as normalise_name
from kneewise.diary.units import DistanceUnit, TemperatureUnit, distance_range


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
    _notes = field_validator("notes", mode="before")(_checked_text)

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


def parse_day(text: str, today: dt.date | None = None) -> dt.date:
    """Read a day: `today`, `yesterday`, `-N` (N days ago) or YYYY-MM-DD.

    The words count back from `today`, by default the person's today
    (`kneewise.diary.days.current_today`: the diary's zone on the command line,
    the person's in a web request). RecordError for anything else, and for a
    word where the person's zone is unknown (a server, none in the profile).
    """
    word = text.strip().lower()
    back = _days_back(word)
    if back is None:
        try:
            return dt.date.fromisoformat(word)
        except ValueError:
            raise RecordError(
                [f"date must be {ALLOWED['date']} or -N days; got {text!r}"]
            ) from None
    if today is None:
        try:
            today = current_today()
        except ValueError as error:
            raise RecordError([f"date {text!r} cannot be read: {error}"]) from None
    return today - dt.timedelta(days=back)


def _days_back(word: str) -> int | None:
    """How many days before today `word` says (today 0, yesterday 1, -N N); None: no such word."""
    if word in ("today", "yesterday"):
        return 0 if word == "today" else 1
    return int(word[1:]) if re.fullmatch(r"-\d{1,4}", word) else None
