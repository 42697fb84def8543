"""Naive-Bayes ranking of conditions over the answered findings.

score(c) = prior(c) × Π P(state of f | c) over findings whose test is known;
unknown findings are left out, so "don't know" is never evidence against.
A condition whose `requires` the answers make false (a post-operative
infection with no operation) scores zero: it is ruled out by definition.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from kneewise.assessment import FindingWeight, RankedCondition
from kneewise.engine.logic import holds, predicate_fields
from kneewise.knowledge.model import Condition, KnowledgeBase, Prior

REASONS_SHOWN = 4
# A finding moves a condition visibly only beyond this log-likelihood ratio (≈ ×1.25).
NOTABLE_WEIGHT = 0.22


def finding_states(kb: KnowledgeBase, answers: Mapping[str, Any]) -> dict[str, bool]:
    """Present (True) or absent (False) for each finding the answers decide.

    Nested findings (one published criterion, `Finding.nested_in`) count once.
    """
    states: dict[str, bool] = {}
    for finding in kb.findings.values():
        state = holds(finding.when, answers)
        if state is not None:
            states[finding.id] = state
    # Issue 11: a nested pair is one piece of evidence; keep only the member that carries it.
    return kb.counted_once(states)


def prior_weight(prior: Prior, answers: Mapping[str, Any]) -> float:
    """Base frequency adjusted for age band, sex and activities (1 where unknown)."""
    return prior.weight(answers.get("age"), answers.get("sex"), answers.get("activities") or [])


def log_prior(condition: Condition, answers: Mapping[str, Any]) -> float:
    """log prior weight; minus infinity when the answers rule the condition out by definition."""
    if condition.requires is not None and holds(condition.requires, answers) is False:
        return -math.inf
    return math.log(prior_weight(condition.prior, answers))


def p_present(kb: KnowledgeBase, condition: Condition, finding_id: str) -> float:
    """P(finding present | condition), from the condition or the finding's default."""
    listed = condition.p_present(finding_id)
    return listed if listed is not None else kb.findings[finding_id].unlisted_rate


def state_probability(p_present: float, present: bool) -> float:
    """P(the finding's observed state), given P(present)."""
    return p_present if present else 1.0 - p_present


Weight = tuple[str, bool, float]  # finding id, present, log-likelihood ratio


def finding_weights(
    kb: KnowledgeBase, condition: Condition, states: Mapping[str, bool]
) -> list[Weight]:
    """Each known finding's log-likelihood ratio for this condition against the base rate.

    Summed, these differ from log P(findings | condition) only by a constant shared
    by all conditions, so they rank conditions exactly as the full likelihood does.
    """
    weights = []
    for finding_id, present in states.items():
        here = state_probability(p_present(kb, condition, finding_id), present)
        anywhere = state_probability(kb.findings[finding_id].overall_rate, present)
        weights.append((finding_id, present, math.log(here / anywhere)))
    return sorted(weights, key=lambda w: -abs(w[2]))


def differential(kb: KnowledgeBase, answers: Mapping[str, Any]) -> list[RankedCondition]:
    """All conditions, most probable first, with the findings that moved each."""
    states = finding_states(kb, answers)
    weights = {c.id: finding_weights(kb, c, states) for c in kb.conditions.values()}
    log_scores = {
        c.id: log_prior(c, answers) + sum(w for _, _, w in weights[c.id])
        for c in kb.conditions.values()
    }
    probabilities = normalise(log_scores)
    ranked = sorted(kb.conditions.values(), key=lambda c: (-log_scores[c.id], c.id))
    return [_ranked(kb, c, probabilities[c.id], weights[c.id], answers) for c in ranked]


def normalise(log_scores: Mapping[str, float]) -> dict[str, float]:
    """Probabilities summing to one from unnormalised log scores."""
    top = max(log_scores.values())
    weights = {c: math.exp(v - top) for c, v in log_scores.items()}
    total = sum(weights.values())
    return {c: w / total for c, w in weights.items()}


def _ranked(
    kb: KnowledgeBase,
    condition: Condition,
    probability: float,
    weights: list[Weight],
    answers: Mapping[str, Any],
) -> RankedCondition:
    notable = [
        FindingWeight(finding=f, label=kb.findings[f].label, present=present, weight=round(w, 3),
                 said_no=not present and said_no(kb, f, answers))
        for f, present, w in weights
        if abs(w) >= NOTABLE_WEIGHT
    ]  # fmt: skip
    return RankedCondition(
        id=condition.id,
        name=condition.name,
        icd10=condition.icd10,
        probability=round(probability, 4),
        description=condition.description,
        for_=[_said(e) for e in notable if e.weight > 0][:REASONS_SHOWN],
        against=[_said(e) for e in notable if e.weight < 0][:REASONS_SHOWN],
        evidence=notable,
        sources=condition.sources,
    )


NO_ANSWERS: tuple[object, ...] = (False, "none", [])


def said_no(kb: KnowledgeBase, finding_id: str, answers: Mapping[str, Any]) -> bool:
    """Whether every answer the finding reads is a plain no (false, none, nothing ticked)."""
    values = [answers[f] for f in predicate_fields(kb.findings[finding_id].when) if f in answers]
    return bool(values) and all(v in NO_ANSWERS for v in values)


def _said(item: FindingWeight) -> str:
    if item.present:
        return item.label
    # "You said no" only for a no; an absent finding may follow from another answer.
    return f"you said no: {item.label}" if item.said_no else f"you said otherwise: {item.label}"
