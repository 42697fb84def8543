"""The answer kneewise gives: `kneewise.assessment/1` (see docs/intake-v1.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

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


class Triage(Output):
    level: TriageLevel
    headline: str
    reasons: list[str]
    rules: list[FiredRule]


class Evidence(Output):
    """One answer and how strongly it moved a condition (log likelihood ratio)."""

    finding: str
    label: str
    present: bool
    weight: float


class RankedCondition(Output):
    id: str
    name: str
    icd10: list[str]
    probability: float
    description: str
    for_: list[str]
    against: list[str]
    evidence: list[Evidence]
    sources: list[str]


class AdviceItem(Output):
    id: str
    category: AdviceCategory
    title: str
    text: str
    sources: list[str]


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

    def to_json_dict(self) -> dict[str, object]:
        """The public JSON shape: `schema`, and `for` instead of `for_`."""
        data = self.model_dump(mode="json")
        data = {"schema": data.pop("schema_"), **data}
        for condition in data["conditions"]:
            condition["for"] = condition.pop("for_")
        return data
