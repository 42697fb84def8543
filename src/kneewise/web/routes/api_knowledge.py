"""The knowledge base, read-only: conditions, advice cards and triage rules."""

from __future__ import annotations

from fastapi import APIRouter

from kneewise.knowledge.model import AdviceCard, Condition, Rule
from kneewise.web.deps import KnowledgeDep
from kneewise.web.problems import not_found
from kneewise.web.schemas import ConditionSummary

router = APIRouter(tags=["knowledge"])


@router.get("/conditions", response_model=list[ConditionSummary])
def list_conditions(knowledge: KnowledgeDep) -> list[ConditionSummary]:
    """Every condition kneewise can suggest, with ICD-10 codes and sources."""
    return [
        ConditionSummary(
            id=c.id,
            name=c.name,
            icd10=c.icd10,
            description=c.description,
            must_not_miss=c.must_not_miss,
            sources=c.sources,
        )
        for c in knowledge.conditions.values()
    ]


@router.get(
    "/conditions/{condition_id}",
    response_model=Condition,
    responses={404: {"description": "No such condition"}},
)
def get_condition(condition_id: str, knowledge: KnowledgeDep) -> Condition:
    """One condition with its prior and the likelihood of each finding."""
    condition = knowledge.conditions.get(condition_id)
    if condition is None:
        raise not_found(f"condition {condition_id!r}")
    return condition


@router.get("/advice", response_model=list[AdviceCard])
def list_advice(knowledge: KnowledgeDep) -> list[AdviceCard]:
    """The advice cards a plan is built from, with when each is shown."""
    return knowledge.advice


@router.get("/rules", response_model=list[Rule])
def list_rules(knowledge: KnowledgeDep) -> list[Rule]:
    """The triage rules in order: when each holds, triage is at least its level."""
    return knowledge.rules
