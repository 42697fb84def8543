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
from kneewise.knowledge.forest import Codes
from kneewise.knowledge.leaves import TRUE, UNKNOWN
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
    state_rows: npt.NDArray[np.intp]  # each one's row of `ratio_by_state` (its state's weights)

    def ranked(self) -> list[tuple[str, float]]:
        """(condition id, probability), most probable first."""
        ids, probabilities = self.compiled.condition_ids, self.probabilities.tolist()
        return [(ids[i], probabilities[i]) for i in self.order]


def normalised(log_scores: FloatArray) -> FloatArray:
    """Probabilities summing to one from unnormalised log scores."""
    weights = np.exp(log_scores - log_scores.max())
    return np.asarray(weights / weights.sum(), dtype=np.float64)


def posterior(
    kb: KnowledgeBase, answers: Mapping[str, Any], codes: Codes | None = None
) -> Posterior:
    """The probability of every condition given the answers (see the module doc).

    `codes` are the knowledge's tests evaluated for these answers
    (`CompiledKnowledge.evaluate(answers)`), when the caller has them already.
    """
    known = compiled(kb)
    if codes is None:  # only the findings reading an answered field are tested
        decided = known.decided(answers)
    else:  # every finding read from the codes at once
        ids, found = known.finding_ids, codes[known.trees.finding_nodes].tolist()
        decided = {ids[i]: code == TRUE for i, code in enumerate(found) if code != UNKNOWN}
    states = known.counted_once(decided)
    index = known.finding_index
    columns = np.fromiter([index[f] for f in states], dtype=np.intp, count=len(states))
    present = np.fromiter(states.values(), dtype=np.bool_, count=len(states))
    state_rows = columns + known.state_offset * present
    log_scores = known.log_priors(answers, codes)
    # One gather of the counted findings' weights (a row per finding and state) and one sum.
    log_scores += known.ratio_by_state[state_rows].sum(axis=0)
    # Most probable first, ties by id: lexsort's last key is the first one sorted by.
    order = tuple(np.lexsort((known.id_rank, -log_scores)).tolist())
    probabilities = normalised(log_scores)
    return Posterior(
        known, decided, states, log_scores, probabilities, order, columns, present, state_rows
    )


def explain(posterior: Posterior, index: int, answers: Mapping[str, Any]) -> RankedCondition:
    """The condition at `index` (in `condition_ids` order) with the findings that moved it."""
    return explain_all(posterior, [index], answers)[0]


def explain_all(
    posterior: Posterior, indices: Sequence[int], answers: Mapping[str, Any]
) -> list[RankedCondition]:
    """The conditions at `indices` (in `condition_ids` order), each with the findings that
    moved it: the notable weights, strongest first (ties in the findings' file order)."""
    known = posterior.compiled
    rows = list(indices)
    # Counted findings × shown conditions: each finding's weight in its state.
    weights = known.ratio_by_state[posterior.state_rows][:, rows]
    strength = np.abs(weights)
    # Only the notable weights are shown: by shown condition, strongest first, ties in the
    # findings' file order (lexsort's last key sorts first).
    positions, places = np.nonzero(strength >= NOTABLE_WEIGHT)
    order = np.lexsort((positions, -strength[positions, places], places))
    positions, places = positions[order], places[order]
    values = weights[positions, places].tolist()
    listed, states = posterior.columns.tolist(), posterior.present.tolist()
    said: dict[int, bool] = {}  # whether the person said no: a property of the finding alone
    entries = known.finding_weights
    evidence: list[list[FindingWeight]] = [[] for _ in rows]
    for_: list[list[str]] = [[] for _ in rows]
    against: list[list[str]] = [[] for _ in rows]
    for place, position, value in zip(places.tolist(), positions.tolist(), values, strict=True):
        column, is_present = listed[position], states[position]
        no = False
        if not is_present:
            if column not in said:
                said[column] = said_no(known.finding_fields[column], answers)
            no = said[column]
        key = (rows[place], column, is_present, no)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = _finding_weight(known, column, is_present, no, value)
        item, text = entry
        evidence[place].append(item)
        (for_[place] if item.weight > 0 else against[place]).append(text)
    probabilities = posterior.probabilities.tolist()
    conditions, ids = known.knowledge.conditions, known.condition_ids
    explained = []
    for place, index in enumerate(rows):
        # Validated here (pydantic-core checks the copies of the validated knowledge's lists
        # and the probability faster than model_construct would skip the checks).
        condition = conditions[ids[index]]
        explained.append(RankedCondition(
            id=condition.id, name=condition.name, icd10=condition.icd10,
            probability=round(probabilities[index], 4), description=condition.description,
            for_=for_[place][:REASONS_SHOWN], against=against[place][:REASONS_SHOWN],
            evidence=evidence[place],
            sources=condition.sources, kept_by=[],  # given: a default list is deep-copied
        ))  # fmt: skip
    return explained


def _finding_weight(
    known: CompiledKnowledge, column: int, present: bool, no: bool, weight: float
) -> tuple[FindingWeight, str]:
    """One explanation entry and its words; built once per condition, finding and state."""
    finding_id = known.finding_ids[column]
    label = known.knowledge.findings[finding_id].label
    item = FindingWeight(
        finding=finding_id, label=label, present=present, weight=round(weight, 3), said_no=no
    )
    return item, _said(item)


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
