"""Which question next: red flags first, then the largest expected information gain."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kneewise.engine.differential import (
    finding_states,
    log_prior,
    normalise,
    p_present,
    state_probability,
)
from kneewise.engine.logic import could_hold, defaulted_fields, holds, predicate_fields
from kneewise.engine.triage import fired_rules, triage_level, urgency
from kneewise.intake import INTAKE_FIELDS
from kneewise.interview.units import Unit, possible_answers
from kneewise.knowledge.model import KnowledgeBase, Rule


def prior_fields(kb: KnowledgeBase) -> frozenset[str]:
    """Fields that move a prior: age, sex, activities and what a condition `requires`."""
    required = {
        f for c in kb.conditions.values() if c.requires for f in predicate_fields(c.requires)
    }
    return frozenset({"age", "sex", "activities", *required})


LEVEL_WEIGHT = {"emergency": 4.0, "urgent": 2.0, "see_doctor": 1.0, "self_care": 0.0}


def open_rules(kb: KnowledgeBase, answers: Mapping[str, Any], settled: set[str]) -> list[Rule]:
    """Rules that would raise the triage level and that answers still to come could fire."""
    level = urgency(triage_level(fired_rules(kb, answers)))
    open_fields = set(INTAKE_FIELDS) - settled
    return [
        rule for rule in kb.rules
        if urgency(rule.level) > level
        and holds(rule.when, answers) is not True
        and could_hold(rule.when, answers, open_fields)
    ]  # fmt: skip


def unconfirmed_fields(
    kb: KnowledgeBase, answers: Mapping[str, Any], settled: set[str]
) -> set[str]:
    """Open fields an urgent or emergency rule rests on only by its `if_unknown` default.

    Asking them may confirm the rule or lift it (the Ottawa rule's 7-day window).
    """
    fields: set[str] = set()
    for rule in kb.rules:
        if rule.level not in ("urgent", "emergency") or holds(rule.when, answers) is not True:
            continue
        if holds(rule.when, answers, defaults=False) is None:
            fields |= defaulted_fields(rule.when) - settled
    return fields


def rule_weight(unit: Unit, rules: list[Rule], settled: set[str]) -> float:
    """How much a unit matters for deciding the open rules, most urgent counting most."""
    open_fields = set(unit.fields) - settled
    return sum(LEVEL_WEIGHT[r.level] for r in rules if predicate_fields(r.when) & open_fields)


@dataclass(frozen=True)
class Belief:
    """The current posterior, kept as log scores so answers can be added cheaply."""

    log_scores: dict[str, float]
    states: dict[str, bool]

    @classmethod
    def of(cls, kb: KnowledgeBase, answers: Mapping[str, Any]) -> Belief:
        states = finding_states(kb, answers)
        scores = {
            c.id: log_prior(c, answers)
            + sum(math.log(state_probability(p_present(kb, c, f), s))
                  for f, s in states.items())
            for c in kb.conditions.values()
        }  # fmt: skip
        return cls(scores, states)

    def probabilities(self) -> dict[str, float]:
        return normalise(self.log_scores)


def _entropy(probabilities: Mapping[str, float]) -> float:
    return -sum(p * math.log2(p) for p in probabilities.values() if p > 0)


def _answer_log_likelihood(
    kb: KnowledgeBase, belief: Belief, answers: Mapping[str, Any], extra: dict[str, Any]
) -> dict[str, float]:
    """log P(this answer | condition) from the findings it newly decides."""
    combined = {**answers, **extra}
    newly = {
        f.id: state
        for f in kb.findings.values()
        if f.id not in belief.states and (state := holds(f.when, combined)) is not None
    }
    delta = {
        c.id: sum(math.log(state_probability(p_present(kb, c, f), s))
                  for f, s in newly.items())
        for c in kb.conditions.values()
    }  # fmt: skip
    if set(extra) & prior_fields(kb):
        for c in kb.conditions.values():
            before = log_prior(c, answers)
            # A condition already ruled out stays out; its score no longer matters.
            delta[c.id] += 0.0 if before == -math.inf else log_prior(c, combined) - before
    return delta


def information_gain(
    kb: KnowledgeBase, belief: Belief, answers: Mapping[str, Any], unit: Unit, settled: set[str]
) -> float:
    """Expected fall in entropy (bits) of the differential if this unit were answered."""
    options = possible_answers(kb, unit, settled)
    deltas = [_answer_log_likelihood(kb, belief, answers, extra) for extra in options]
    conditions = list(belief.log_scores)
    # P(answer | c), normalised over the possible answers for each condition.
    # (Floored: a condition that every answer would rule out is already out of the belief.)
    norm = {c: math.log(max(sum(math.exp(d[c]) for d in deltas), 1e-300)) for c in conditions}
    prior = belief.probabilities()
    serious = [c.id for c in kb.conditions.values() if c.must_not_miss]
    expected = 0.0
    for delta in deltas:
        joint = {c: prior[c] * math.exp(delta[c] - norm[c]) for c in conditions}
        p_answer = sum(joint.values())
        if p_answer > 0:
            after = {c: j / p_answer for c, j in joint.items()}
            expected += p_answer * (_entropy(after) + _serious_entropy(after, serious))
    return _entropy(prior) + _serious_entropy(prior, serious) - expected


def _serious_entropy(probabilities: Mapping[str, float], serious: list[str]) -> float:
    """Uncertainty, in bits, about each must-not-miss condition on its own (present or not)."""
    total = 0.0
    for condition in serious:
        p = min(max(probabilities[condition], 1e-12), 1 - 1e-12)
        total -= p * math.log2(p) + (1 - p) * math.log2(1 - p)
    return total
