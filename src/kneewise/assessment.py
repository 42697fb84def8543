"""The answer kneewise gives: `kneewise.assessment/1` (see docs/intake-v1.md).

These models are the one public output shape: the CLI's `--json`, the REST
API's response model and assessments read back from the diary all use them,
so the three cannot drift. The public JSON names `schema` and `for` are the
fields' aliases (`schema_`, `for_` in Python, where both are awkward names).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kneewise.knowledge.model import AdviceCategory, TriageLevel

SCHEMA = "kneewise.assessment/1"


class Output(BaseModel):
    # Read by field name or by alias; written by alias (the public JSON names).
    model_config = ConfigDict(
        frozen=True, validate_by_name=True, validate_by_alias=True, serialize_by_alias=True
    )


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


class FindingWeight(Output):
    """One finding and how strongly it moved a condition: `weight` is its log likelihood ratio.

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
    probability: float = Field(ge=0, le=1)
    description: str
    for_: list[str] = Field(alias="for", description="what speaks for it, in plain words")
    against: list[str]
    evidence: list[FindingWeight]
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
    """`kneewise.assessment/1`: triage, likely causes, the plan and the sources behind them.

    `triage.undecided` holds the rules more urgent than the level given that
    the answers leave open, with the questions that would decide them;
    `not_known` the questions answered "I don't know". `knowledge_hash` names
    the knowledge content the answer was computed from; None (JSON null) when
    it is not known, as for assessments saved before it was recorded.
    """

    schema_: Literal["kneewise.assessment/1"] = Field("kneewise.assessment/1", alias="schema")
    triage: Triage
    conditions: list[RankedCondition]
    advice: list[AdviceItem]
    sources: list[SourceRef]
    answered: int
    not_known: list[NotKnown] = Field(
        default=[], description='the questions the person answered "I don\'t know"'
    )
    conditions_withheld: str | None = Field(
        default=None,
        description="why no likely causes are listed (`conditions` is empty); null when they are",
    )
    knowledge_hash: str | None = Field(
        default=None,
        description="the content hash of the knowledge base used; null when not recorded",
    )

    def to_json_dict(self) -> dict[str, Any]:
        """The public JSON shape (`schema`, `for`), as the CLI prints and the diary saves it."""
        return self.model_dump(mode="json", by_alias=True)
