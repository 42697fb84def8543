"""Naive-Bayes ranking of conditions over the answered findings.

score(c) = prior(c) × Π P(state of f | c) over findings whose test is known;
unknown findings are left out, so "don't know" is never evidence against.
A condition whose `requires` the answers make false (a post-operative
infection with no operation) scores zero: it is ruled out by definition.

The arithmetic runs over the compiled knowledge (knowledge/compiled.py): one
matrix-vector product of log-likelihood ratios (conditions × findings) with
the findings' states. The ratio against each finding's overall rate differs
from log P(state | c) only by a constant shared by all conditions, so it ranks
and normalises exactly as the full likelihood does, and it is the weight a
person reads as "for" or "against". Explanations are built only for the
conditions shown (`explain`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from kneewise.assessment import FindingWeight, RankedCondition
from kneewise.knowledge.compiled import CompiledKnowledge, FloatArray, compiled
from kneewise.knowledge.model import KnowledgeBase, Prior

REASONS_SHOWN = 4
# A finding moves a condition visibly only beyond this log-likelihood ratio (≈ ×1.25).
NOTABLE_WEIGHT = 0.22


def finding_states(kb: KnowledgeBase, answers: Mapping[str, Any]) -> dict[str, bool]:
    """Present (True) or absent (False) for each finding the answers decide, in file order,
    each nested group counted once (`KnowledgeBase.counted_once`)."""
    return compiled(kb).finding_states(answers)


def prior_weight(prior: Prior, answers: Mapping[str, Any]) -> float:
    """Base frequency adjusted for age band, sex and activities (1 where unknown)."""
    return prior.weight(answers.get("age"), answers.get("sex"), answers.get("activities") or [])


def state_probability(p_present: float, present: bool) -> float:
    """P(the finding's observed state), given P(present)."""
    return p_present if present else 1.0 - p_present


@dataclass(frozen=True, eq=False)
class Posterior:
    """The differential before it is explained.

    `log_scores` and `probabilities` are arrays in `compiled.condition_ids` order
    (log scores unnormalised, minus infinity for a condition ruled out);
    `order` the condition indices, most probable first (ties by id); `decided`
    every finding the answers decide, by id, and `states` those counted (each
    nested group once).
    """

    compiled: CompiledKnowledge
    decided: dict[str, bool]
    states: dict[str, bool]
    log_scores: FloatArray
    probabilities: FloatArray
    order: tuple[int, ...]
    columns: npt.NDArray[np.intp]  # the counted findings' columns, in file order
    present: npt.NDArray[np.bool_]  # and whether each is present

    def ranked(self) -> list[tuple[str, float]]:
        """(condition id, probability), most probable first."""
        ids, probabilities = self.compiled.condition_ids, self.probabilities
        return [(ids[i], float(probabilities[i])) for i in self.order]


def normalised(log_scores: FloatArray) -> FloatArray:
    """Probabilities summing to one from unnormalised log scores."""
    weights = np.exp(log_scores - np.max(log_scores))
    return np.asarray(weights / weights.sum(), dtype=np.float64)


def posterior(kb: KnowledgeBase, answers: Mapping[str, Any]) -> Posterior:
    """The probability of every condition given the answers (see the module doc)."""
    known = compiled(kb)
    decided = known.decided(answers)
    states = known.counted_once(decided)
    index = known.finding_index
    columns = np.array([index[f] for f in states], dtype=np.intp)
    present = np.array(list(states.values()), dtype=np.bool_)
    log_scores = known.log_priors(answers)
    log_scores += known.ratio_present[:, columns[present]].sum(axis=1)
    log_scores += known.ratio_absent[:, columns[~present]].sum(axis=1)
    ids, scores = known.condition_ids, log_scores.tolist()
    order = tuple(sorted(range(len(ids)), key=lambda i: (-scores[i], ids[i])))
    probabilities = normalised(log_scores)
    return Posterior(known, decided, states, log_scores, probabilities, order, columns, present)


def explain(posterior: Posterior, index: int, answers: Mapping[str, Any]) -> RankedCondition:
    """The condition at `index` (in `condition_ids` order) with the findings that moved it."""
    return explain_all(posterior, [index], answers)[0]


def explain_all(
    posterior: Posterior, indices: Sequence[int], answers: Mapping[str, Any]
) -> list[RankedCondition]:
    """The conditions at `indices` (in `condition_ids` order), each with the findings that
    moved it: the notable weights, strongest first (ties in the findings' file order)."""
    known = posterior.compiled
    columns, present = posterior.columns, posterior.present
    rows = list(indices)
    at = np.ix_(np.asarray(rows, dtype=np.intp), columns)
    weights = np.where(present, known.ratio_present[at], known.ratio_absent[at])
    findings = known.knowledge.findings
    said: dict[int, bool] = {}  # whether the person said no: a property of the finding alone
    strength = np.abs(weights)
    # Strongest first; a stable sort keeps ties in the findings' file order.
    orders = np.argsort(-strength, axis=1, kind="stable").tolist()
    notable_counts = (strength >= NOTABLE_WEIGHT).sum(axis=1).tolist()
    listed, states = columns.tolist(), present.tolist()
    explained = []
    for index, row, order, count in zip(rows, weights.tolist(), orders, notable_counts,
                                        strict=True):  # fmt: skip
        notable = []
        for i in order[:count]:
            column, is_present = listed[i], states[i]
            if not is_present and column not in said:
                said[column] = said_no(known.finding_fields[column], answers)
            key = (index, column, is_present, not is_present and said[column])
            entry = known.finding_weights.get(key)
            if entry is None:
                finding_id = known.finding_ids[column]
                # Built from the compiled, validated numbers: validating again would
                # only repeat the types (the most numerous object of an assessment).
                entry = known.finding_weights[key] = FindingWeight.model_construct(
                    finding=finding_id, label=findings[finding_id].label, present=is_present,
                    weight=round(row[i], 3), said_no=key[3],
                )  # fmt: skip
            notable.append(entry)
        condition = known.knowledge.conditions[known.condition_ids[index]]
        # From the validated knowledge and a probability in [0, 1] (copies of its lists).
        explained.append(RankedCondition.model_construct(
            id=condition.id, name=condition.name, icd10=list(condition.icd10),
            probability=round(float(posterior.probabilities[index]), 4),
            description=condition.description,
            for_=[_said(e) for e in notable if e.weight > 0][:REASONS_SHOWN],
            against=[_said(e) for e in notable if e.weight < 0][:REASONS_SHOWN],
            evidence=notable, sources=list(condition.sources),
        ))  # fmt: skip
    return explained


def differential(kb: KnowledgeBase, answers: Mapping[str, Any]) -> list[RankedCondition]:
    """All conditions, most probable first, each with the findings that moved it."""
    found = posterior(kb, answers)
    return explain_all(found, found.order, answers)


NO_ANSWERS: tuple[object, ...] = (False, "none", [])


def said_no(fields: frozenset[str], answers: Mapping[str, Any]) -> bool:
    """Whether every answer a finding reads (`fields`) is a plain no: false, none, none ticked."""
    values = [answers[f] for f in fields if f in answers]
    return bool(values) and all(v in NO_ANSWERS for v in values)


def _said(item: FindingWeight) -> str:
    if item.present:
        return item.label
    # "You said no" only for a no; an absent finding may follow from another answer.
    return f"you said no: {item.label}" if item.said_no else f"you said otherwise: {item.label}"
