"""Request and response models of the programme API (web/routes/api_programmes.py)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from kneewise.programmes.load import load_library
from kneewise.programmes.model import Exercise, Programme, ProgrammeSource, programme_key
from kneewise.programmes.progress import Action, RedFlag, Status
from kneewise.web.schemas import IsoDate, Score

#: The schema names the ids as the library spells them; `general-knee` and other spellings
#: `programme_key` reads are taken too (the CLI shows the same ids). An unknown one is a 422
#: naming the field and what is allowed (the route's check).
PROGRAMME_IDS = sorted(load_library().programmes)
ProgrammeId = Annotated[
    str,
    Field(max_length=60, json_schema_extra={"enum": PROGRAMME_IDS}),
    AfterValidator(programme_key),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProgrammeSummary(BaseModel):
    """One programme in the list: its id, plain name, what it is for and its size."""

    id: str
    name: str
    summary: str
    conditions: list[str]
    stages: int
    pain_limit: int = Field(description="highest pain during exercise, 0-10")


class ProgrammeOut(BaseModel):
    """A programme with its stages and doses, the exercises it uses and every source it cites."""

    programme: Programme
    exercises: dict[str, Exercise]
    sources: list[ProgrammeSource]


class ProgrammeExerciseOut(BaseModel):
    """One exercise and the address of its picture (SVG)."""

    exercise: Exercise
    picture: str


class DecisionOut(BaseModel):
    """What the pain-monitoring rules say now, in one sentence with its rule and sources."""

    action: Action
    stage_number: int = Field(description="1-based stage after the decision")
    sentence: str
    rule: str
    sources: list[str]


class ProgrammeSessionOut(BaseModel):
    date: dt.date
    status: Status
    pain_during: int | None
    pain_after: int | None
    pain_next_morning: int | None
    red_flags: list[RedFlag]


class WeekOut(BaseModel):
    """Adherence in one programme week: sessions done (partly = half) of those planned."""

    number: int
    first_day: dt.date
    stage_id: str
    planned: int
    done: float
    pain_during: float | None


class StageChangeOut(BaseModel):
    date: dt.date
    action: str
    stage: str
    sentence: str


class EnrolmentOut(BaseModel):
    """The programme in progress (or the last one): stage, log, weeks, the rules' decision."""

    id: int
    programme_id: str
    programme_name: str
    status: Literal["active", "stopped", "finished"]
    started_on: dt.date
    ended_on: dt.date | None
    stage_id: str
    stage_number: int
    stages: int
    stage_started_on: dt.date
    reason: str | None
    checks: list[str]
    stage_changes: list[StageChangeOut]
    sessions: list[ProgrammeSessionOut]
    weeks: list[WeekOut]
    decision: DecisionOut | None


class StartIn(Strict):
    """Start a programme; without `programme_id`, the one the last saved assessment fits."""

    programme_id: ProgrammeId | None = None
    date: IsoDate | None = None
    cleared: bool = Field(
        default=False,
        description="a clinician has seen the knee since a result that said to see one first "
        "(urgent, or a must-not-miss cause not yet ruled out)",
    )


class ProgrammeSessionIn(Strict):
    """Log a day's session or add to it (only the fields given change)."""

    date: IsoDate
    status: Status | None = None
    pain_during: Score | None = None
    pain_after: Score | None = None
    pain_next_morning: Score | None = None
    red_flags: Annotated[list[RedFlag], Field(max_length=4)] = []
    minutes: Annotated[float, Field(ge=0, le=600)] | None = None
    rpe: Annotated[float, Field(ge=0, le=10)] | None = None
    met: Annotated[
        list[Annotated[str, Field(max_length=60), AfterValidator(programme_key)]],
        Field(max_length=10),
    ] = []


class StopIn(Strict):
    reason: Annotated[str, Field(min_length=1, max_length=300)] = "stopped by you"


class LogOut(BaseModel):
    enrolment: EnrolmentOut
    decision: DecisionOut


class ProgrammeStopOut(BaseModel):
    """The programme a warning sign in the entry just saved has stopped, and what to do."""

    programme_id: str
    programme_name: str
    stopped_on: dt.date
    reason: str = Field(description="the stop's sentence: the sign, its day, who to see")
    restart: str = Field(description="how to start a programme again (cleared=true)")
    message: str = Field(description="all of it in one paragraph, to show as it is")
