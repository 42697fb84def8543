"""Pydantic models of the knowledge base (see docs/knowledge-base.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kneewise.knowledge.provenance import DefaultBasis, Figure, Multiplier, Rate, fill_default_basis

TriageLevel = Literal["self_care", "see_doctor", "urgent", "emergency"]
TRIAGE_ORDER: tuple[TriageLevel, ...] = ("self_care", "see_doctor", "urgent", "emergency")

AdviceCategory = Literal["first_aid", "training", "prevention", "medication", "doctor", "myth"]
ADVICE_ORDER: tuple[AdviceCategory, ...] = (
    "first_aid", "training", "medication", "doctor", "prevention", "myth",
)  # fmt: skip

Id = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", min_length=2, max_length=60)]


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
        # "et al." already ends with its full stop: never "et al.."
        who = f"{self.authors.rstrip('.')}. " if self.authors else ""
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
    """Something a person can report, defined as a test on the intake.

    `nested_in` names a broader finding that (almost) everyone with this one also
    has, both taken from one published criterion ("unable to bear weight
    immediately and in the emergency department"): the pair is one piece of
    evidence and counts once (`KnowledgeBase.counted_once`).
    """

    id: Id
    label: str
    when: Predicate
    default_basis: DefaultBasis | None = None
    base_rate: Rate = Field(
        description="how often it is present in people whose knee hurts after training"
    )
    other_rate: Rate | None = Field(
        default=None,
        description="P(present) for a condition that does not list it; defaults to base_rate",
    )
    nested_in: Id | None = Field(
        default=None,
        description="a broader finding this one implies; the two count once, not twice",
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_numbers(cls, data: Any) -> Any:
        return fill_default_basis(data, ("base_rate", "other_rate"))

    @property
    def overall_rate(self) -> float:
        """P(present) in everyone whose knee hurts after training (the reference rate)."""
        return self.base_rate.value

    @property
    def unlisted_rate(self) -> float:
        """P(present | a condition that does not list this finding)."""
        return (self.other_rate or self.base_rate).value

    def figures(self) -> Iterator[tuple[str, Figure]]:
        """(what the number is, the number) for the finding's reference rates."""
        yield "base rate", self.base_rate
        if self.other_rate is not None:
            yield "rate with an unrelated condition", self.other_rate


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

    weight: Multiplier


class Prior(Entry):
    """Relative frequency, adjusted by age band, sex and activity (multipliers)."""

    base: Rate
    age_bands: list[AgeBand] = []
    sex: dict[Literal["female", "male"], Multiplier] = {}
    activities: dict[str, Multiplier] = {}

    def weight(self, age: float | None, sex: str | None, activities: Iterable[str]) -> float:
        """Base frequency × the multipliers for age band, sex and the likeliest activity.

        An unknown age or sex, or an activity without a multiplier, multiplies by 1.
        """
        weight = self.base.value
        if age is not None:
            weight *= next((b.weight.value for b in self.age_bands if b.min <= age <= b.max), 1.0)
        if sex in self.sex:
            weight *= self.sex[sex].value
        weight *= max(
            (self.activities[a].value if a in self.activities else 1.0 for a in activities),
            default=1.0,
        )
        return weight

    def figures(self) -> Iterator[tuple[str, Figure]]:
        """(what the number is, the number) for the base and every multiplier."""
        yield "prior", self.base
        for band in self.age_bands:
            yield f"prior × age {band.min}-{band.max}", band.weight
        for sex, multiplier in self.sex.items():
            yield f"prior × {sex}", multiplier
        for activity, multiplier in self.activities.items():
            yield f"prior × {activity}", multiplier


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
    default_basis: DefaultBasis | None = Field(
        default=None, description="the basis of a number given bare (only `estimate`)"
    )
    prior: Prior
    likelihoods: dict[str, Rate] = Field(
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

    @model_validator(mode="before")
    @classmethod
    def _bare_numbers(cls, data: Any) -> Any:
        return fill_default_basis(
            data,
            (
                "prior.base", "prior.age_bands.*.weight", "prior.sex.*", "prior.activities.*",
                "likelihoods.*",
            ),
        )  # fmt: skip

    def p_present(self, finding_id: str) -> float | None:
        """P(finding present | this condition) when the condition lists it, else None."""
        listed = self.likelihoods.get(finding_id)
        return None if listed is None else listed.value

    @property
    def listed_findings(self) -> list[str]:
        """Ids of the findings this condition gives a likelihood for."""
        return list(self.likelihoods)

    def figures(self) -> Iterator[tuple[str, Figure]]:
        """(what the number is, the number) for the prior, its multipliers and each likelihood."""
        yield from self.prior.figures()
        for finding_id, likelihood in self.likelihoods.items():
            yield f"P({finding_id} | {self.id})", likelihood


class Keeps(Entry):
    """Advice a rule lets stand though its level holds it back, where `sources` say the
    activity goes on; `note` says why. engine/plan.py keeps it only if no other rule holds it."""

    advice: list[AdviceCategory] = Field(min_length=1)
    note: str = Field(min_length=1, max_length=200)
    sources: list[str] = Field(min_length=1)


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
    keeps: Keeps | None = None


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
    #: The situation the card's advice is for (an injury): never shown when the answers
    #: make it false, however the card was chosen; an unknown answer keeps the card.
    only_if: Predicate | None = None
    sources: list[str] = Field(min_length=1)
    #: A card that loads the knee like that category ("build up training") waits with it.
    waits_with: AdviceCategory | None = None


class OtherAnswer(Entry):
    """An answer to a question that is not one of its field's values.

    "I have never had an operation on this knee" answers the question "how many
    weeks ago?" through another field; "swollen, but I do not know since when"
    answers one field and leaves another not known. A label said in the first
    person ("I have never…") has `of_someone_else`, said when the answers are
    another's ("They have never…"): a parent must not tick "I have never had one".
    """

    id: Id
    label: str
    answers: dict[str, bool | int | float | str | list[str]] = {}
    dont_know: list[str] = []
    of_someone_else: str = ""


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
    #: The text when the answers are someone else's, where "you" made "they" would be
    #: wrong ("when you press on the kneecap": the one answering presses); empty: that rewrite.
    of_someone_else: str = ""


class QuestionGroup(Entry):
    """Yes/no questions asked on one screen ("Any of these?"); unticked means no."""

    id: Id
    text: str
    help: str = ""
    rationale: str = ""
    fields: list[str] = Field(min_length=2)
    red_flag: bool = False
    #: The text when the answers are someone else's, where "you" made "they" would be
    #: wrong ("when you press on the kneecap": the one answering presses); empty: that rewrite.
    of_someone_else: str = ""


class LevelText(Entry):
    """How a level is named, and the sentence to act on.

    `label_not_ruled_out` and `headline_not_ruled_out` replace the label and the
    headline of a level below urgent while an urgent or emergency rule is still
    open, so it never reads as all clear; `headline_part_told` replaces the headline
    when the person's own answers told part of an open urgent or emergency rule more
    urgent than the level (a fever, with the swelling not asked), so it never reads
    "nothing you told us"; its `{sign}` is that rule's title. `emergency_open` is added
    to the headline when an emergency rule is among the open ones, so a view that lists
    emergency signs never tells only "see a doctor today" for them. `holds_back` maps a
    category of advice held back at this level to the card said instead (a card of that
    category that lists this level; the loader checks both).
    """

    level: TriageLevel
    label: str
    headline: str
    label_not_ruled_out: str | None = None
    headline_not_ruled_out: str | None = None
    headline_part_told: str | None = None
    emergency_open: str | None = None
    #: The advice categories this level holds back, each with the card the plan shows in
    #: their place (a plain "this waits until the knee is checked"): advice that would read
    #: as "carry on" must not stand beside "see a doctor" (engine/plan.py).
    holds_back: dict[AdviceCategory, Id] = {}
    #: The card said first in a held-back category that a rule keeps (`Rule.keeps`).
    when_kept: dict[AdviceCategory, Id] = {}


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

    @property
    def finding_groups(self) -> list[tuple[str, ...]]:
        """Findings whose likelihoods combine: each chain broadest first (`nested_in`)."""
        narrower = {f.nested_in: f.id for f in self.findings.values() if f.nested_in}
        chains = []
        for finding in self.findings.values():
            if finding.nested_in is None and finding.id in narrower:
                chain = [finding.id]
                while chain[-1] in narrower and len(chain) <= len(narrower):
                    chain.append(narrower[chain[-1]])
                chains.append(tuple(chain))
        return chains

    def counted_once(self, states: Mapping[str, bool]) -> dict[str, bool]:
        """The finding states with the evidence of each nested group counted once.

        A finding nested in a broader one (`nested_in`) implies it, so when both are
        present only the narrower one is kept (its likelihood already is that of
        both: P(narrow ∧ broad | c) = P(narrow | c)), and when both are absent only
        the broader one is kept (P(¬broad ∧ ¬narrow | c) = P(¬broad | c)). Mixed
        states carry different information and are both kept. Unknown findings are
        never in `states`, so "don't know" is never counted.
        """
        kept = dict(states)
        for finding in self.findings.values():
            broader = finding.nested_in
            if broader is None or finding.id not in states or broader not in states:
                continue
            if states[finding.id] and states[broader]:
                kept.pop(broader, None)
            elif not states[finding.id] and not states[broader]:
                kept.pop(finding.id, None)
        return kept


for _model in (AllOf, AnyOf, NotOf):
    _model.model_rebuild()
