"""The shapes the REST API reads and writes (its OpenAPI components).

Inputs only check types and ranges; the diary's own records (`kneewise.diary.records`)
then apply every rule, so the API and the command line accept the same things.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
)

from kneewise.assessment import Assessment
from kneewise.diary.days import current_today
from kneewise.diary.records import (
    MAX_SESSION_MIN,
    NOT_A_NAME,
    NOT_CONTROL,
    REST_NAME,
    Knee,
    PainEntryRecord,
    SessionRecord,
    sets_reps_or_load_in,
)
from kneewise.intake import Location
from kneewise.interview import Question, Result
from kneewise.language import ParsedField, ParsedIntake
from kneewise.web.inputs import (
    DAY_WORDS,
    ISO_DATE,
    LOCAL_TIME,
    LOCAL_TIME_SCHEMA,
    NAME,
    diary_date_schema,
    pain_finding_schema,
    whole_number,
)

#: A whole number; 9.0 is the number 9 in JSON (and in JSON Schema), true is not 1.
Whole = BeforeValidator(whole_number)
Score = Annotated[int, Field(ge=0, le=10), Whole]
T = TypeVar("T")
_LOCAL_TIME = re.compile(LOCAL_TIME)


def _iso_date(value: object) -> object:
    # JSON has no date type: only the text YYYY-MM-DD is a date, never a number (Unix time).
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and value in DAY_WORDS:
        # The person's today (their profile's zone: `persons_last_day`, a dependency of
        # every route that takes a day), as on the pages and the command line.
        try:
            return current_today() - dt.timedelta(days=DAY_WORDS[value])
        except ValueError as error:  # a server that knows no zone for this person
            raise ValueError(f"cannot be read: {error}") from None
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("must be a date written YYYY-MM-DD, 'today' or 'yesterday'")
    return value


def _local_time(value: object) -> object:
    # A time of day as the person lived it: a time-zone offset would be silently dropped.
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    if not isinstance(value, str) or not _LOCAL_TIME.fullmatch(value):
        raise ValueError(
            "must be a local time of day written HH:MM or HH:MM:SS, without a time zone"
        )
    return value


#: A calendar day, as the text YYYY-MM-DD or the word 'today' or 'yesterday' (read in
#: the person's zone); the diary then takes 1970 to today.
IsoDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    Field(strict=False, json_schema_extra=diary_date_schema),
]
#: A local time of day, only as the text HH:MM[:SS], with no offset.
LocalTime = Annotated[
    dt.time,
    BeforeValidator(_local_time),
    Field(strict=False),
    WithJsonSchema(LOCAL_TIME_SCHEMA),
]


class Strict(BaseModel):
    """An input model: no unknown fields, and no coercion (true is not 1, "3" is not 3)."""

    model_config = ConfigDict(extra="forbid", strict=True)


# The assessment itself is `kneewise.assessment.Assessment`: one model for the CLI's
# JSON, this API and assessments read back from the diary.


class ResultOut(BaseModel):
    """The interview is over: the assessment and how sure it is."""

    kind: Literal["result"] = "result"
    assessment: Assessment
    questions_asked: int
    confidence: float
    stopped_because: str
    next_question_would_change: str | None = None
    more_questions: bool = Field(
        default=False,
        description="shown early because the level is urgent or emergency: more questions "
        "may be answered (send the evidence again with optional=true) to help the doctor",
    )

    @classmethod
    def of(cls, result: Result) -> ResultOut:
        fields = result.model_dump(exclude={"assessment"})
        return cls.model_validate({**fields, "assessment": result.assessment})


InterviewStep = Annotated[Question | ResultOut, Field(discriminator="kind")]


# Free text


class TextIn(Strict):
    """A knee story in everyday words."""

    text: str = Field(max_length=5000, examples=["twisted my knee playing football, no fever"])


class ParsedOut(BaseModel):
    """What the parser read: each field with its value, the words and character span."""

    text: str
    fields: dict[str, ParsedField]
    notes: list[str]
    unparsed: list[str]
    intake: dict[str, Any] = Field(description="the confident values, ready for /assess")

    @classmethod
    def of(cls, parsed: ParsedIntake) -> ParsedOut:
        return cls(
            text=parsed.text,
            fields=parsed.fields,
            notes=parsed.notes,
            unparsed=parsed.unparsed,
            intake=parsed.document(),
        )


# Diary


class ExerciseIn(Strict):
    name: str = Field(
        min_length=1,
        max_length=40,
        pattern=NAME,
        examples=["squat"],
        # Sets, reps and a load have their own fields; in the name they would be words.
        json_schema_extra={"not": {"pattern": NOT_A_NAME}},
    )
    sets: Annotated[int, Field(ge=1, le=100), Whole] | None = None
    reps: Annotated[int, Field(ge=1, le=1000), Whole] | None = None
    load_kg: float | None = Field(None, ge=0, le=1000)

    @field_validator("name")
    @classmethod
    def _only_the_name(cls, name: str) -> str:
        # "squat 3x10" would be stored as the name squat_3x10, its numbers lost as numbers.
        numbers = sets_reps_or_load_in(name)
        if numbers:
            raise ValueError(
                f"must be the exercise's name only; {numbers!r} looks like sets, reps or "
                "a load: give them in sets, reps and load_kg"
            )
        return name


def _rest_day_schema(schema: dict[str, Any]) -> None:
    # 0 minutes only for a rest day, as the diary's records check (REST_ACTIVITIES).
    schema["if"] = {"required": ["duration_min"], "properties": {"duration_min": {"const": 0}}}
    schema["then"] = {"properties": {"activity": {"pattern": REST_NAME}}}


class SessionIn(Strict):
    """A training session to save; load = duration_min × rpe."""

    model_config = ConfigDict(json_schema_extra=_rest_day_schema)

    date: IsoDate
    activity: str = Field(min_length=1, max_length=40, pattern=NAME, examples=["running"])
    duration_min: float = Field(
        ge=0,
        le=MAX_SESSION_MIN,
        description="minutes; 0 only for a logged rest day (activity `rest`)",
    )
    rpe: float | None = Field(None, ge=0, le=10, description="session RPE on the CR-10 scale")
    distance_km: float | None = Field(None, ge=0, le=1000)
    start_time: LocalTime | None = None
    # The pattern is stated for clients; the record's own check names the character.
    notes: str | None = Field(
        None,
        max_length=2000,
        description="new lines and tabs but no other control characters",
        json_schema_extra={"pattern": NOT_CONTROL},
    )
    exercises: list[ExerciseIn] = Field(default_factory=list, max_length=100)


class ExerciseOut(BaseModel):
    name: str
    sets: int | None
    reps: int | None
    load_kg: float | None


#: Said with every session that has no effort rating: it drops out of the training load.
UNRATED_NOTE = (
    "This session has no effort rating (rpe), so it is left out of the training load "
    "and its day counts as unknown; send an rpe from 0 to 10 to count it."
)


class SessionOut(BaseModel):
    """A saved training session."""

    id: int
    date: dt.date
    activity: str
    duration_min: float
    rpe: float | None
    distance_km: float | None
    start_time: Annotated[dt.time, WithJsonSchema(LOCAL_TIME_SCHEMA)] | None
    notes: str | None
    source: str
    exercises: list[ExerciseOut]
    load: float | None = Field(
        description="duration_min × rpe (Foster 2001); 0 for a rest day (0 minutes) with or "
        "without rpe; null when minutes were given without an rpe"
    )
    load_note: str | None = Field(
        description="null when the session counts in the training load; else why it does not "
        "(no rpe: a PATCH with rpe null leaves the session out until an rpe is sent)"
    )

    @classmethod
    def of(cls, record: SessionRecord) -> SessionOut:
        exercises = [ExerciseOut(**e.model_dump()) for e in record.exercises]
        fields = record.model_dump(exclude={"exercises"})
        note = None if record.load is not None else UNRATED_NOTE
        return cls(**fields, exercises=exercises, load=record.load, load_note=note)


class PainIn(Strict):
    """How one knee felt on one day; at least one of the findings."""

    model_config = ConfigDict(json_schema_extra=pain_finding_schema)

    date: IsoDate
    knee: Knee
    during: Score | None = None
    after: Score | None = None
    next_morning: Score | None = None
    location: list[Location] = Field(default_factory=list, max_length=10)
    swelling: bool | None = None
    night_pain: bool | None = None
    stiffness_min: Annotated[int, Field(ge=0, le=1440), Whole] | None = None


class PainOut(BaseModel):
    """A saved pain entry (one per day and knee)."""

    id: int
    date: dt.date
    knee: str
    during: int | None
    after: int | None
    next_morning: int | None
    location: list[str]
    swelling: bool | None
    night_pain: bool | None
    stiffness_min: int | None

    @classmethod
    def of(cls, record: PainEntryRecord) -> PainOut:
        fields = record.model_dump()
        fields["location"] = list(record.location)
        return cls(**fields)


class Page(BaseModel, Generic[T]):
    """One page of a list, newest first."""

    items: list[T]
    total: int = Field(description="how many there are in all")
    limit: int
    offset: int


# Knowledge


class ConditionSummary(BaseModel):
    """A condition in the knowledge base, without its numbers."""

    id: str
    name: str
    icd10: list[str]
    description: str
    must_not_miss: bool
    sources: list[str]
