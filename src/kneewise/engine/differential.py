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
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from kneewise.assessment import RankedCondition
from kneewise.knowledge.compiled import CompiledKnowledge, FloatArray, compiled
from kneewise.knowledge.forest import Codes
from kneewise.knowledge.leaves import FALSE, TRUE, UNKNOWN
from kneewise.knowledge.model import KnowledgeBase, Prior
from kneewise.knowledge.output_tables import NOTABLE_WEIGHT as NOTABLE_WEIGHT

REASONS_SHOWN = 4


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
    nested group once), both built when first read.
    """

    compiled: CompiledKnowledge
    log_scores: FloatArray
    probabilities: FloatArray
    order: tuple[int, ...]
    columns: npt.NDArray[np.intp]  # the counted findings' columns, in file order
    present: npt.NDArray[np.bool_]  # and whether each is present
    state_rows: npt.NDArray[np.intp]  # each one's row of `ratio_by_state` (its state's weights)
    # Every finding's code (0 false, 1 unknown, 2 true) when read from the forest's codes,
    # else the decided findings as `CompiledKnowledge.decided` gives them.
    finding_codes: Codes | None = None
    given_decided: dict[str, bool] | None = None

    @cached_property
    def decided(self) -> dict[str, bool]:
        """Present (True) or absent (False) for each finding the answers decide, in file order."""
        if self.given_decided is not None:
            return self.given_decided
        assert self.finding_codes is not None  # one of the two is always given
        ids = self.compiled.finding_ids
        found = self.finding_codes.tolist()
        return {ids[i]: code == TRUE for i, code in enumerate(found) if code != UNKNOWN}

    @cached_property
    def states(self) -> dict[str, bool]:
        """The decided findings each nested group counted once, in file order, by id."""
        ids = self.compiled.finding_ids
        return {
            ids[c]: s for c, s in zip(self.columns.tolist(), self.present.tolist(), strict=True)
        }

    def ranked(self) -> list[tuple[str, float]]:
        """(condition id, probability), most probable first."""
        ids, probabilities = self.compiled.condition_ids, self.probabilities.tolist()
        return [(ids[i], probabilities[i]) for i in self.order]


def normalised(log_scores: FloatArray) -> FloatArray:
    """Probabilities summing to one from unnormalised log scores."""
    # The ufuncs called directly: what `.max()` and `.sum()` call, without their wrappers.
    weights = np.exp(log_scores - np.maximum.reduce(log_scores))
    found: FloatArray = weights / np.add.reduce(weights)
    return found


def counted_columns(
    known: CompiledKnowledge, found: Codes
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
    """The counted findings' columns in file order and whether each is present, from every
    finding's code (`codes[trees.finding_nodes]`): `CompiledKnowledge.counted_once` of the
    decided ones, as arrays."""
    keep = found != UNKNOWN
    pairs, places = known.trees.nested_places
    # The few pairs' codes read at once, then looked at in Python (fewer numpy calls).
    read = found[places].tolist()
    for (narrower, broader), one, other in zip(pairs, read, read[len(pairs) :], strict=False):
        if one == other == TRUE:  # both present: the narrower counts
            keep[broader] = False
        elif one == other == FALSE:  # both absent: the broader counts
            keep[narrower] = False
    columns = keep.nonzero()[0]
    return columns, found[columns] == TRUE


def posterior(
    kb: KnowledgeBase, answers: Mapping[str, Any], codes: Codes | None = None
) -> Posterior:
    """The probability of every condition given the answers (see the module doc).

    `codes` are the knowledge's tests evaluated for these answers
    (`CompiledKnowledge.evaluate(answers)`), when the caller has them already.
    """
    known = compiled(kb)
    found: Codes | None = None
    decided: dict[str, bool] | None = None
    if codes is None:  # only the findings reading an answered field are tested
        decided = known.decided(answers)
        states = known.counted_once(decided)
        index = known.finding_index
        columns = np.fromiter([index[f] for f in states], dtype=np.intp, count=len(states))
        present = np.fromiter(states.values(), dtype=np.bool_, count=len(states))
    else:  # every finding read from the codes at once
        found = codes[known.trees.finding_nodes]
        columns, present = counted_columns(known, found)
    state_rows = columns + known.state_offset * present
    log_scores = known.log_priors(answers, codes)
    # One gather of the counted findings' weights (a row per finding and state) and one sum.
    log_scores += np.add.reduce(known.ratio_by_state[state_rows], axis=0)
    # Most probable first, ties by id: lexsort's last key is the first one sorted by.
    order = tuple(np.lexsort((known.id_rank, -log_scores)).tolist())
    probabilities = normalised(log_scores)
    return Posterior(
        known, log_scores, probabilities, order, columns, present, state_rows, found, decided
    )


def explain(posterior: Posterior, index: int, answers: Mapping[str, Any]) -> RankedCondition:
    """The condition at `index` (in `condition_ids` order) with the findings that moved it."""
    return explain_all(posterior, [index], answers)[0]


def explain_all(
    posterior: Posterior, indices: Sequence[int], answers: Mapping[str, Any]
) -> list[RankedCondition]:
    """The conditions at `indices` (in `condition_ids` order), each with the findings that
    moved it: the notable weights, strongest first (ties in the findings' file order)."""
    return [
        RankedCondition.model_validate(shown) for shown in explained(posterior, indices, answers)
    ]


def explained(
    posterior: Posterior, indices: Sequence[int], answers: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """`explain_all` as the fields of each `RankedCondition` (its public names), not yet
    validated: `assess` validates them with the whole assessment, in one call.

    Each condition's notable entries in their order are read from `evidence_place`
    (knowledge/output_tables.py): the numbers of this person's entries, sorted; the
    entries, their words and whether each speaks for are then one gather each.
    """
    known = posterior.compiled
    tables, rows = known.shown, posterior.state_rows
    said = said_no_places(posterior, answers)
    if said:  # those findings read their said-no rows (output_tables.py)
        rows = rows.copy()
        rows[said] += 2 * known.state_offset
    picked = tables.evidence_place[np.asarray(indices, dtype=np.intp)[:, None], rows]
    picked.sort(axis=1)  # a fresh array: sorted in place, each row's notable ones first
    notable = picked < len(tables.evidence_items)  # the rest are past every entry
    ends = np.add.accumulate(np.add.reduce(notable, axis=1)).tolist()
    chosen = picked[notable]  # this person's entries, condition by condition, in order
    items = tables.evidence_items[chosen].tolist()
    words = tables.evidence_texts[chosen].tolist()
    sides = tables.evidence_for[chosen].tolist()
    probabilities = posterior.probabilities.tolist()
    shown = tables.condition_fields
    worded = list(zip(words, sides, strict=True))
    starts = [0, *ends[:-1]]
    # One comprehension, no appends: this loop is a third of the time `explained` takes.
    return [
        {
            **shown[index], "probability": round(probabilities[index], 4),
            "for": [text for text, side in worded[a:b] if side][:REASONS_SHOWN],
            "against": [text for text, side in worded[a:b] if not side][:REASONS_SHOWN],
            "evidence": items[a:b], "kept_by": [],
        }
        for index, a, b in zip(indices, starts, ends, strict=True)
    ]  # fmt: skip


def said_no_places(posterior: Posterior, answers: Mapping[str, Any]) -> list[int]:
    """The places in `posterior.columns` of the absent findings the person said a plain no
    to (`said_no`): every field the finding reads that was answered is a no, and one was.

    Each field a finding reads is one bit (`OutputTables.field_bit`), so the answers
    are read once, not once per finding.
    """
    tables = posterior.compiled.shown
    bit, no, other = tables.field_bit, 0, 0
    for name, value in answers.items():
        if name in bit:
            if value in NO_ANSWERS:
                no |= bit[name]
            else:
                other |= bit[name]
    if not no:  # no plain no at all: nothing to look at
        return []
    masks = tables.finding_field_bits
    present = posterior.present.tolist()
    return [
        place
        for place, column in enumerate(posterior.columns.tolist())
        if not present[place] and masks[column] & no and not masks[column] & other
    ]


def differential(kb: KnowledgeBase, answers: Mapping[str, Any]) -> list[RankedCondition]:
    """All conditions, most probable first, each with the findings that moved it."""
    belief = posterior(kb, answers)
    return explain_all(belief, belief.order, answers)


NO_ANSWERS: tuple[object, ...] = (False, "none", [])


def said_no(fields: frozenset[str], answers: Mapping[str, Any]) -> bool:
    """Whether every answer a finding reads (`fields`) is a plain no: false, none, none ticked."""
    said = False  # until an answer is found
    for name in fields:
        if name in answers:
            if answers[name] not in NO_ANSWERS:
                return False
            said = True
    return said
