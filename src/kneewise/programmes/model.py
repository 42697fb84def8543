"""Pydantic models of the exercise library and the programmes (see docs/programmes.md).

An exercise says what it trains and how to do it, in plain words, with a
line drawing made from its `figure` (joint angles, drawn by
`kneewise.programmes.figure`). A programme is a list of stages; each stage
lists doses (an exercise with sets, reps or seconds, how often, and the
sources the dose was checked against) and what must hold before moving on.

Every dose cites passages of its sources (`cites: [source_id/passage_id]`):
a passage says where in the source it is (page, table or section), what it
says, which parts of a dose it backs (`supports`) and whether kneewise read
it there (`checked: read`), only in another paper reporting it
(`second_hand`) or could not find it (`not_verified`, saying what was
found). Every part a dose sets (sets, reps/seconds/minutes, load, days a
week) must be backed by a cited passage, as must pain limits and the
criteria to move on (`load.cross_check`). A dose also says whether the
passages state it (`basis: stated`) or kneewise adapted a range or a
principle from them (`basis: adapted`, which then needs a `note` saying how).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Id = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", min_length=2, max_length=60)]
Text = Annotated[str, Field(min_length=1, max_length=600)]
Angle = Annotated[float, Field(ge=-180, le=180)]
PainScore = Annotated[int, Field(ge=0, le=10)]
Trains = Literal[
    "thigh_front", "thigh_back", "hip_side", "hip_back", "calf", "balance", "trunk",
    "tendon_load", "running", "mobility", "fitness",
]  # fmt: skip
Prop = Literal["floor", "step", "box", "wall", "chair", "band", "weight", "bar", "rail"]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


#: The parts of a programme a passage can back: a dose's sets, its amount (reps,
#: seconds or minutes), its load guidance, its days a week; a pain limit; a
#: criterion to move on; the choice of exercise (no number); that the programme is for a
#: knee a clinician has diagnosed (`Programme.diagnosis_first`).
Supports = Literal[
    "sets", "amount", "load", "per_week", "pain_limit", "move_on", "exercise", "diagnosis_first"
]
Checked = Literal["read", "second_hand", "not_verified"]
PassageRef = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9_]+/[a-z0-9_]+$",
        description="source_id/passage_id: the passage of a source a number rests on",
    ),
]


class Passage(Entry):
    """Where in a source a number is, what it says there, and how kneewise checked it.

    `checked`: `read` (kneewise read it at `where` in the source's own text or
    table), `second_hand` (read only in another publication reporting it;
    `found` names that publication) or `not_verified` (not found; `found`
    says what was found instead). A passage that is not `read` needs `found`.
    """

    id: Id
    where: Text = Field(description="page, table or section, e.g. 'Methods, Table 2'")
    says: Text = Field(description="what the source states there, in plain words")
    supports: list[Supports] = Field(min_length=1)
    checked: Checked
    found: str = Field(default="", max_length=600)

    @model_validator(mode="after")
    def _found_when_unread(self) -> Passage:
        if self.checked != "read" and not self.found.strip():
            raise ValueError(
                f"passage {self.id!r} is {self.checked}: say in `found` what was found and where"
            )
        return self


def source_of(ref: str) -> str:
    """`rio2015_isometric_analgesia` from `rio2015_isometric_analgesia/dose`."""
    return ref.split("/", 1)[0]


class ProgrammeSource(Entry):
    """A paper, consensus statement or guideline a programme or dose was checked against."""

    id: Id
    title: Text
    authors: str = ""
    year: Annotated[int, Field(ge=1900, le=2100)]
    journal: str = ""
    doi: str | None = None
    url: str | None = None
    short_name: str = Field(default="", max_length=40, description="e.g. 'ACSM 2009'")
    passages: list[Passage] = []

    def passage(self, passage_id: str) -> Passage | None:
        """The passage with this id, or None."""
        return next((p for p in self.passages if p.id == passage_id), None)

    @model_validator(mode="after")
    def _locatable(self) -> ProgrammeSource:
        if not (self.doi or self.url):
            raise ValueError("a source needs a doi or a url")
        return self

    def citation(self) -> str:
        """`Authors. Title (year). https://doi.org/…` for reports and screens."""
        where = f"https://doi.org/{self.doi}" if self.doi else self.url
        # "et al." already ends with its full stop: never "et al.."
        who = f"{self.authors.rstrip('.')}. " if self.authors else ""
        return f"{who}{self.title} ({self.year}). {where}"

    def short(self) -> str:
        """`Silbernagel 2007`: the first author's surname and the year (or `short_name`)."""
        if self.short_name:
            return self.short_name
        first = self.authors.split(",")[0].split(" ")[0] if self.authors else self.title
        return f"{first} {self.year}"


class Limb(Entry):
    """Angles of one leg or arm in degrees, the figure facing right.

    `upper` is the thigh's (upper arm's) angle from hanging straight down,
    positive forward; `bend` is how far the knee (elbow) is bent, 0 straight,
    positive folding the shin (forearm) backward for a leg, forward for an arm.
    """

    upper: Angle = 0
    bend: Annotated[float, Field(ge=0, le=170)] = 0


class Figure(Entry):
    """A side-view stick figure: trunk lean (0 upright, 90 face-down level, -90 on the back)."""

    trunk: Angle = 0
    near_leg: Limb = Limb()
    far_leg: Limb = Limb()
    near_arm: Limb = Limb()
    far_arm: Limb = Limb()
    props: list[Prop] = []


class Exercise(Entry):
    """One exercise: plain name, what it trains, steps, common mistakes, kit, variants, picture."""

    id: Id
    name: Annotated[str, Field(min_length=2, max_length=60)]
    trains: list[Trains] = Field(min_length=1)
    steps: list[Text] = Field(min_length=2)
    mistakes: list[Text] = Field(min_length=1)
    equipment: list[str] = []
    easier: Id | None = None
    harder: Id | None = None
    figure: Figure


class Dose(Entry):
    """How much of one exercise: sets × reps, seconds or minutes, how often, and why.

    `per_week` counts sessions of this exercise a week (14 = twice a day).
    """

    exercise: Id
    sets: Annotated[int, Field(ge=1, le=10)] = 1
    reps: Annotated[int, Field(ge=1, le=100)] | None = None
    seconds: Annotated[int, Field(ge=5, le=600)] | None = None
    minutes: Annotated[int, Field(ge=1, le=120)] | None = None
    load: str = Field(default="", max_length=300, description="load guidance in plain words")
    per_week: Annotated[int, Field(ge=1, le=14)]
    cites: list[PassageRef] = Field(
        min_length=1, description="the passages every part of this dose rests on"
    )
    basis: Literal["stated", "adapted"]
    note: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        """The ids of the sources cited, in order, each once."""
        return tuple(dict.fromkeys(source_of(ref) for ref in self.cites))

    def parts(self) -> list[Supports]:
        """The parts this dose sets, each of which a cited passage must back."""
        parts: list[Supports] = ["amount", "per_week"]
        if self.sets > 1:
            parts.insert(0, "sets")
        if self.load:
            parts.append("load")
        return parts

    @model_validator(mode="after")
    def _one_amount(self) -> Dose:
        amounts = [v for v in (self.reps, self.seconds, self.minutes) if v is not None]
        if len(amounts) != 1:
            raise ValueError(
                f"dose of {self.exercise!r} needs exactly one of reps, seconds, minutes"
            )
        if self.basis == "adapted" and not self.note.strip():
            raise ValueError(f"dose of {self.exercise!r} is adapted: say how in a note")
        return self

    def amount(self) -> str:
        """`3 × 15 reps`, `4 × 45 s` or `20 min` in plain words."""
        if self.reps is not None:
            return f"{self.sets} × {self.reps} reps" if self.sets > 1 else f"{self.reps} reps"
        if self.seconds is not None:
            return f"{self.sets} × {self.seconds} s" if self.sets > 1 else f"{self.seconds} s"
        return f"{self.minutes} min"


class Check(Entry):
    """Something the person confirms before moving on (e.g. 'hop 10 times without pain')."""

    id: Id
    text: Text


class MoveOn(Entry):
    """When a stage is done: sessions logged within the pain limits, and checks confirmed."""

    min_sessions: Annotated[int, Field(ge=1, le=100)]
    checks: list[Check] = []
    cites: list[PassageRef] = Field(min_length=1)
    note: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        """The ids of the sources cited, in order, each once."""
        return tuple(dict.fromkeys(source_of(ref) for ref in self.cites))


class Stage(Entry):
    """One stage of a programme: its goal, planned days a week, doses and when to move on."""

    id: Id
    name: Annotated[str, Field(min_length=2, max_length=80)]
    goal: Text
    days_per_week: Annotated[int, Field(ge=1, le=7)]
    minutes: Annotated[int, Field(ge=5, le=120)] = Field(
        description="about how long one session takes, for the diary's training load"
    )
    doses: list[Dose] = Field(min_length=1)
    move_on: MoveOn


class PainLimit(Entry):
    """The highest pain (0-10) allowed during exercise, and who says so."""

    during: PainScore
    cites: list[PassageRef] = Field(min_length=1)
    note: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        """The ids of the sources cited, in order, each once."""
        return tuple(dict.fromkeys(source_of(ref) for ref in self.cites))


class DiagnosisFirst(Entry):
    """Why a programme is only for a knee a doctor or physiotherapist has diagnosed, cited.

    `why` is one plain sentence shown when it is started by hand; starting it then
    needs the person's word that a clinician has seen the knee (`clearance.needed`).
    """

    why: Text
    cites: list[PassageRef] = Field(min_length=1)


def programme_key(text: str) -> str:
    """A programme, exercise or check id as typed, in the library's form.

    `General-knee`, `general knee` and `general_knee` are all `general_knee`: hyphens and
    spaces are underscores, case is ignored (the CLI, the API and the page all use this).
    """
    return "_".join(text.strip().lower().replace("-", " ").replace("_", " ").split())


def shown_id(key: str) -> str:
    """An id as every screen shows it to a person: `general-knee` (no stored names on a
    screen); `programme_key` reads it back. The API's JSON keeps the library's `general_knee`,
    and takes either."""
    return key.replace("_", "-")


class Programme(Entry):
    """An exercise programme for one or more conditions, in stages, with its sources and notes.

    `conditions` are knowledge-base condition ids; an empty list is the
    general knee programme. `notes` say where sources disagree.
    """

    id: Id
    name: Annotated[str, Field(min_length=2, max_length=80)]
    summary: Text
    conditions: list[Id] = []
    general: bool = False
    pain_limit: PainLimit
    stages: list[Stage] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)
    notes: list[Text] = []
    then: Id | None = Field(default=None, description="a programme that can follow this one")
    diagnosis_first: DiagnosisFirst | None = Field(
        default=None,
        description="set when the programme is only for a knee a clinician has diagnosed",
    )

    def stage_index(self, stage_id: str) -> int:
        """The position of a stage (0-based); ValueError when the programme has none by that id."""
        for index, stage in enumerate(self.stages):
            if stage.id == stage_id:
                return index
        raise ValueError(f"programme {self.id!r} has no stage {stage_id!r}")


class Library(Entry):
    """Everything loaded: exercises, programmes and sources by id."""

    exercises: dict[str, Exercise]
    programmes: dict[str, Programme]
    sources: dict[str, ProgrammeSource]

    def programme(self, programme_id: str) -> Programme | None:
        """The programme with this id in any spelling `programme_key` reads, or None."""
        return self.programmes.get(programme_key(programme_id))

    def exercise(self, exercise_id: str) -> Exercise | None:
        """The exercise with this id in any spelling `programme_key` reads, or None."""
        return self.exercises.get(programme_key(exercise_id))
