"""The answer kneewise gives: `kneewise.assessment/1` (see docs/intake-v1.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kneewise.knowledge.model import AdviceCategory, TriageLevel

SCHEMA = "kneewise.assessment/1"


class Output(BaseModel):
    model_config = ConfigDict(frozen=True)


class FiredRule(Output):
    """A triage rule that held, with why and on what evidence."""

    id: str
    level: TriageLevel
    title: str
    reason: str
    sources: list[str]


class UndecidedRule(Output):
    """A rule more urgent than the level given that the answers leave open.

    Nothing was said that fires it, and nothing that rules it out: `questions`
    are the ones that would decide it, as kneewise asks them, and `fields`
    their intake names.
    """

    id: str
    level: TriageLevel
    title: str
    questions: list[str]
    fields: list[str]
    dont_know: list[str] = Field(
        default=[], description='those of `fields` the person answered "I don\'t know"'
    )


SERIOUS_LEVELS: tuple[TriageLevel, ...] = ("urgent", "emergency")


class Triage(Output):
    """The triage level, its reasons, the rules that fired and the ones left open."""

    level: TriageLevel
    label: str = Field(default="", description="the level's name, as shown to the person")
    headline: str
    reasons: list[str]
    rules: list[FiredRule]
    undecided: list[UndecidedRule] = []

    def not_ruled_out(self) -> list[UndecidedRule]:
        """Open rules that would mean being seen today or at once (most urgent first)."""
        return [rule for rule in self.undecided if rule.level in SERIOUS_LEVELS]


class Evidence(Output):
    """One answer and how strongly it moved a condition (log likelihood ratio).

    `said_no` is true only when the person answered no (or none) to what the
    finding asks; an absent finding can also follow from another answer (a
    swelling that came on gradually is not one that came within two hours).
    """

    finding: str
    label: str
    present: bool
    weight: float
    said_no: bool = False


class RankedCondition(Output):
    """A possible cause: its probability, and what speaks for and against it.

    `kept_by` names the fired warning-sign rules that keep a must-not-miss
    condition among the first three shown, whatever its probability.
    """

    id: str
    name: str
    icd10: list[str]
    probability: float
    description: str
    for_: list[str]
    against: list[str]
    evidence: list[Evidence]
    sources: list[str]
    kept_by: list[str] = []


class AdviceItem(Output):
    id: str
    category: AdviceCategory
    title: str
    text: str
    sources: list[str]


class NotKnown(Output):
    """A question the person answered "I don't know"."""

    field: str
    question: str


class SourceRef(Output):
    id: str
    citation: str
    doi: str | None
    url: str | None


class Assessment(Output):
    """Triage, differential, plan and the sources behind them."""

    schema_: Literal["kneewise.assessment/1"] = "kneewise.assessment/1"
    triage: Triage
    conditions: list[RankedCondition]
    advice: list[AdviceItem]
    sources: list[SourceRef]
    answered: int
    not_known: list[NotKnown] = []

    def to_json_dict(self) -> dict[str, object]:
        """The public JSON shape: `schema`, and `for` instead of `for_`."""
        data = self.model_dump(mode="json")
        data = {"schema": data.pop("schema_"), **data}
        for condition in data["conditions"]:
            condition["for"] = condition.pop("for_")
        return data
