"""Pydantic models of the knowledge base (see docs/knowledge-base.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

TriageLevel = Literal["self_care", "see_doctor", "urgent", "emergency"]
TRIAGE_ORDER: tuple[TriageLevel, ...] = ("self_care", "see_doctor", "urgent", "emergency")

AdviceCategory = Literal["first_aid", "training", "prevention", "medication", "doctor", "myth"]
ADVICE_ORDER: tuple[AdviceCategory, ...] = (
    "first_aid", "training", "medication", "doctor", "prevention", "myth",
)  # fmt: skip

Id = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", min_length=2, max_length=60)]
Probability = Annotated[float, Field(gt=0, lt=1)]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Entry):
    """A guideline, paper or official page that backs a fact."""

    id: Id
    title: str
    authors: str = ""
    year: Annotated[int, Field(ge=1900, le=2100)]
    journal: str = ""
    doi: str | None = None
    url: str | None = None

    @model_validator(mode="after")
    def _locatable(self) -> Source:
        if not (self.doi or self.url):
            raise ValueError("a source needs a doi or a url")
        return self

    def citation(self) -> str:
        where = f"https://doi.org/{self.doi}" if self.doi else self.url
        who = f"{self.authors}. " if self.authors else ""
        return f"{who}{self.title} ({self.year}). {where}"


class FieldTest(Entry):
    """A test on one intake field; exactly one of is/in/gte/lte/gt/lt."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    field: str
    is_: bool | str | None = Field(default=None, alias="is")
    in_: list[str] | None = Field(default=None, alias="in")
    gte: float | None = None
    lte: float | None = None
    gt: float | None = None
    lt: float | None = None
    if_unknown: bool | None = Field(
        default=None, description="the test's value when the field is unanswered"
    )

    @model_validator(mode="after")
    def _one_test(self) -> FieldTest:
        given = [
            v for v in (self.is_, self.in_, self.gte, self.lte, self.gt, self.lt) if v is not None
        ]
        if len(given) != 1:
            raise ValueError(
                f"test on {self.field!r} needs exactly one of is, in, gte, lte, gt, lt"
            )
        return self


class AllOf(Entry):
    all: list[Predicate] = Field(min_length=1)


class AnyOf(Entry):
    any: list[Predicate] = Field(min_length=1)


class NotOf(Entry):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    not_: Predicate = Field(alias="not")


Predicate = FieldTest | AllOf | AnyOf | NotOf


class Finding(Entry):
    """Something a person can report, defined as a test on the intake."""

    id: Id
    label: str
    when: Predicate
    base_rate: Probability = Field(
        description="how often it is present in people whose knee hurts after training"
    )
    other_rate: Probability | None = Field(
        default=None,
        description="P(present) for a condition that does not list it; defaults to base_rate",
    )

    @property
    def overall_rate(self) -> float:
        """P(present) in everyone whose knee hurts after training (the reference rate)."""
        return self.base_rate

    @property
    def unlisted_rate(self) -> float:
        """P(present | a condition that does not list this finding)."""
        return self.other_rate if self.other_rate is not None else self.base_rate


class AgeRange(Entry):
    """Ages in years, both ends included."""

    min: Annotated[int, Field(ge=0, le=120)]
    max: Annotated[int, Field(ge=0, le=120)]

    @model_validator(mode="after")
    def _ordered(self) -> AgeRange:
        if self.min > self.max:
            raise ValueError(f"age range starts at {self.min} but ends at {self.max}")
        return self


class AgeBand(AgeRange):
    """An age range and how much more (or less) often the condition occurs in it."""

    weight: Annotated[float, Field(gt=0)]


class Prior(Entry):
    """Relative frequency, adjusted by age band, sex and activity (multipliers)."""

    base: Probability
    age_bands: list[AgeBand] = []
    sex: dict[Literal["female", "male"], Annotated[float, Field(gt=0)]] = {}
    activities: dict[str, Annotated[float, Field(gt=0)]] = {}

    def weight(self, age: float | None, sex: str | None, activities: Iterable[str]) -> float:
        """Base frequency × the multipliers for age band, sex and the likeliest activity.

        An unknown age or sex, or an activity without a multiplier, multiplies by 1.
        """
        weight = self.base
        if age is not None:
            weight *= next((b.weight for b in self.age_bands if b.min <= age <= b.max), 1.0)
        if sex in self.sex:
            weight *= self.sex[sex]
        weight *= max((self.activities.get(a, 1.0) for a in activities), default=1.0)
        return weight


class Condition(Entry):
    """A possible cause of knee pain and how each finding bears on it."""

    id: Id
    name: str
    icd10: list[Annotated[str, Field(pattern=r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")]] = Field(
        min_length=1
    )
    snomed: list[str] = []
    description: str
    typical_age: AgeRange | None = None
    prior: Prior
    likelihoods: dict[str, Probability] = Field(
        description="P(finding present | condition) by finding id; unlisted findings use base_rate"
    )
    must_not_miss: bool = Field(
        default=False, description="missing it can cost a limb or a life: the interview probes it"
    )
    requires: Predicate | None = Field(
        default=None,
        description="what the condition cannot exist without, by definition (an operation for "
        "a post-operative infection); answers that make it false rule the condition out",
    )
    sources: list[str] = Field(min_length=1)

    def p_present(self, finding_id: str) -> float | None:
        """P(finding present | this condition) when the condition lists it, else None."""
        return self.likelihoods.get(finding_id)

    @property
    def listed_findings(self) -> list[str]:
        """Ids of the findings this condition gives a likelihood for."""
        return list(self.likelihoods)


class Rule(Entry):
    """A red-flag or referral rule: when it holds, triage is at least `level`."""

    id: Id
    level: TriageLevel
    title: str
    reason: str
    when: Predicate
    suspects: list[str] = Field(
        default=[],
        description="must-not-miss conditions the rule is there to catch: when it fires, "
        "they are shown among the first three causes, whatever their probability",
    )
    sources: list[str] = Field(min_length=1)


class AdviceCard(Entry):
    """A piece of the plan: when it is shown, what it says, and its sources."""

    id: Id
    category: AdviceCategory
    title: str
    text: str
    levels: list[TriageLevel] = list(TRIAGE_ORDER)
    always: bool = False
    conditions: list[str] = []
    when: Predicate | None = None
    sources: list[str] = Field(min_length=1)


class OtherAnswer(Entry):
    """An answer to a question that is not one of its field's values.

    "I have never had an operation on this knee" answers the question "how many
    weeks ago?" through another field; "swollen, but I do not know since when"
    answers one field and leaves another not known.
    """

    id: Id
    label: str
    answers: dict[str, bool | int | float | str | list[str]] = {}
    dont_know: list[str] = []


class Question(Entry):
    """How kneewise asks for one intake field."""

    field: str
    text: str
    help: str = ""
    rationale: str = ""
    red_flag: bool = False
    short: str = Field(
        default="", description='a short phrase for lists ("When the swelling started")'
    )
    ask_if: Predicate | None = Field(
        default=None, description="skip logic: ask only when this is not known to be false"
    )
    other_answers: list[OtherAnswer] = []


class QuestionGroup(Entry):
    """Yes/no questions asked on one screen ("Any of these?"); unticked means no."""

    id: Id
    text: str
    help: str = ""
    rationale: str = ""
    fields: list[str] = Field(min_length=2)
    red_flag: bool = False


class LevelText(Entry):
    """How a level is named, and the sentence to act on.

    `label_not_ruled_out` and `headline_not_ruled_out` replace the label and the
    headline of a level below urgent while an urgent or emergency rule is still
    open, so it never reads as all clear.
    """

    level: TriageLevel
    label: str
    headline: str
    label_not_ruled_out: str | None = None
    headline_not_ruled_out: str | None = None


class KnowledgeBase(Entry):
    """Everything kneewise knows, validated and cross-checked."""

    sources: dict[str, Source]
    findings: dict[str, Finding]
    conditions: dict[str, Condition]
    rules: list[Rule]
    advice: list[AdviceCard]
    questions: list[Question]
    groups: list[QuestionGroup] = []
    levels: dict[TriageLevel, LevelText]


for _model in (AllOf, AnyOf, NotOf):
    _model.model_rebuild()
