"""The expected information gain of every question screen, over the compiled knowledge (numpy).

For each possible answer of a screen, the change it brings to every condition's
log score is a row of a matrix (answers × conditions); the expected entropy of
the differential follows from it in a few array operations.

Most findings read one field and belong to no nested group (`Finding.nested_in`):
their state under each value of that field is a constant of the knowledge, so
each field's rows (values × conditions, the summed log likelihoods of what each
value decides) are computed once per knowledge base (`_field_tables`), and a
screen's rows are their sum over its open fields, every combination at once
(an outer sum). The few findings whose effect depends on other answers (they
read two fields, or count once with a nested partner) are tested at each step,
for the answers of the screens that read them.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kneewise.engine.differential import Posterior, posterior
from kneewise.engine.logic import Truth
from kneewise.interview.units import Unit, possible_answers
from kneewise.knowledge.compiled import CompiledKnowledge, FloatArray
from kneewise.knowledge.model import KnowledgeBase

# Floor of P(answer | condition) summed over the answers: a condition that every
# answer would rule out is already out of the belief.
_FLOOR = 1e-300
# Clamp for the must-not-miss entropy, so a certainty counts as (almost) zero bits.
_EDGE = 1e-12


@dataclass(frozen=True, eq=False)
class Belief:
    """The current posterior, and which findings are already decided."""

    posterior: Posterior

    @classmethod
    def of(cls, kb: KnowledgeBase, answers: Mapping[str, Any]) -> Belief:
        return cls(posterior(kb, answers))

    def probabilities(self) -> dict[str, float]:
        """P(condition) by id."""
        ids = self.posterior.compiled.condition_ids
        return dict(zip(ids, self.posterior.probabilities.tolist(), strict=True))


@dataclass(frozen=True)
class _FieldTable:
    """What each value a screen offers for one field newly decides, as far as it is fixed.

    `rows` is values × conditions: the sum of log P(state | condition) of the findings
    that read this field alone, belong to no nested group and are undecided with no
    answers, each in the state the value gives it. `tested` are the other findings
    reading the field, tested at each step (`_count_answers`).
    """

    rows: FloatArray
    tested: frozenset[int]


def _field_tables(kb: KnowledgeBase, known: CompiledKnowledge) -> Mapping[str, _FieldTable]:
    """Each screen field's table, computed once per compiled knowledge and kept beside it."""
    found = _TABLES.get(known)
    if found is None:
        found = _TABLES[known] = _compute_tables(kb, known)
    return found


_TABLES: weakref.WeakKeyDictionary[CompiledKnowledge, Mapping[str, _FieldTable]] = (
    weakref.WeakKeyDictionary()
)


def _compute_tables(kb: KnowledgeBase, known: CompiledKnowledge) -> dict[str, _FieldTable]:
    tables = {}
    for unit in known.screens:
        for name in unit.fields:
            # The values the screen offers, in the order `possible_answers` gives them.
            values = (
                [True, False]
                if unit.grouped
                else [option[name] for option in possible_answers(kb, unit, set())]
            )
            rows = np.zeros((len(values), len(known.condition_ids)))
            tested = set()
            for i in known.findings_by_field.get(name, ()):
                if (
                    len(known.finding_fields[i]) > 1
                    or known.finding_ids[i] in known.nested_findings
                    or known.finding_checks[i]({}) is not None  # decided with no answers
                ):
                    tested.add(i)
                    continue
                for row, value in enumerate(values):
                    state = known.finding_checks[i]({name: value})
                    if state is not None:
                        rows[row] += known.log_by_state[i + known.state_offset * state]
            rows.flags.writeable = False
            tables[name] = _FieldTable(rows, frozenset(tested))
    return tables


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@dataclass
class _Changes:
    """Each +1 and -1 in row order: the option's row, the finding's row of
    `CompiledKnowledge.log_by_state` (the finding in its new state) and the sign."""

    rows: list[int]
    state_rows: list[int]
    signs: list[float]


def _count_answers(
    belief: Belief,
    answers: Mapping[str, Any],
    options: list[dict[str, Any]],
    first_row: int,
    changes: _Changes,
    tested: frozenset[int],
) -> None:
    """Note what each answer newly decides among the `tested` findings, as +1 and -1 at
    (row, finding in its state).

    A finding's state depends only on the values of the fields it reads, so it is
    tested once per distinct value, and against the option alone when the option
    gives every field it reads. A nested group still counts once, so a newly decided
    finding may replace one already counted: +1 where a finding becomes counted, -1
    where it no longer is, present and absent apart (the options are rows
    `first_row`, …). Findings outside `tested` belong to no nested group, so they
    never change which of a group is counted: their part is `_FieldTable.rows`.
    """
    found = belief.posterior
    known = found.compiled
    fields = {name for option in options for name in option}
    reads = [r for r in _reads(known, fields) if r[0] in tested and r[1] not in found.decided]
    if not reads:
        return
    nested, index, checks = known.nested_findings, known.finding_index, known.finding_checks
    offset = known.state_offset
    tested_values: dict[tuple[int, tuple[Any, ...]], Truth] = {}
    for row, option in enumerate(options, start=first_row):
        combined: dict[str, Any] | None = None
        new = {}
        for i, finding_id, names, alone in reads:
            key = (i, tuple([_frozen(option[name]) for name in names]))
            if key in tested_values:
                state = tested_values[key]
            elif alone:  # every field it reads is in the option: the rest cannot matter
                state = tested_values[key] = checks[i](option)
            else:
                if combined is None:
                    combined = {**answers, **option}
                state = tested_values[key] = checks[i](combined)
            if state is not None:
                new[finding_id] = state
        added, removed = new, {}
        if not nested.isdisjoint(new):  # a nested group may now count another of its findings
            after = known.counted_once({**found.decided, **new})
            added = {f: s for f, s in after.items() if f not in found.states}
            removed = {f: s for f, s in found.states.items() if f not in after}
        for sign, states in ((1.0, added), (-1.0, removed)):
            for finding_id, state in states.items():
                changes.rows.append(row)
                changes.state_rows.append(index[finding_id] + offset * state)
                changes.signs.append(sign)


def _reads(known: CompiledKnowledge, fields: set[str]) -> list[tuple[int, str, list[str], bool]]:
    """(column, id, the fields among `fields` it reads, whether it reads only those) of each
    finding that reads one of `fields`, in file order: a constant of the knowledge, kept."""
    key = tuple(sorted(fields))
    found = known.screen_reads.get(key)
    if found is None:
        affected = sorted({i for name in key for i in known.findings_by_field.get(name, ())})
        found = known.screen_reads[key] = [
            (i, known.finding_ids[i], sorted(known.finding_fields[i] & fields),
             known.finding_fields[i] <= fields)
            for i in affected
        ]  # fmt: skip
    return found


def _prior_changes(
    known: CompiledKnowledge, answers: Mapping[str, Any], options: list[dict[str, Any]]
) -> FloatArray:
    """The change of each condition's log prior under each answer (answers × conditions)."""
    before = known.log_priors(answers)
    # A condition already ruled out stays out; its score no longer matters.
    out = np.isneginf(before)
    kept = np.where(out, 0.0, before)
    after = np.array([known.log_priors({**answers, **option}) for option in options])
    return np.where(out, 0.0, after - kept)


def _entropy(probabilities: FloatArray) -> FloatArray:
    """Entropy in bits of each row (or of a vector)."""
    positive = probabilities > 0
    logs = np.log2(np.where(positive, probabilities, 1.0))
    return np.asarray(-(probabilities * logs).sum(axis=-1), dtype=np.float64)


def _serious_entropy(probabilities: FloatArray, serious: tuple[int, ...]) -> FloatArray:
    """Uncertainty, in bits, about each must-not-miss condition on its own (present or not)."""
    p = np.clip(probabilities[..., list(serious)], _EDGE, 1 - _EDGE)
    return np.asarray(-(p * np.log2(p) + (1 - p) * np.log2(1 - p)).sum(axis=-1), dtype=np.float64)


def _fixed_rows(tables: Mapping[str, _FieldTable], open_fields: list[str]) -> FloatArray:
    """A screen's fixed rows: each combination of its open fields' values (the first field's
    value changing slowest, as `possible_answers` lists them), the fields' rows summed."""
    rows = tables[open_fields[0]].rows
    for name in open_fields[1:]:
        more = tables[name].rows
        rows = (rows[:, None, :] + more[None, :, :]).reshape(-1, rows.shape[1])
    return rows


def information_gains(
    kb: KnowledgeBase,
    belief: Belief,
    answers: Mapping[str, Any],
    units: Sequence[Unit],
    settled: set[str],
) -> list[float]:
    """Expected fall in entropy (bits) of the differential if each unit were answered.

    The entropy counted is that of the whole differential plus that of each
    must-not-miss condition on its own. All the units' possible answers are
    stacked in one matrix (answers × conditions), so the whole ranking is a few
    array operations.
    """
    if not units:
        return []
    known = belief.posterior.compiled
    tables = _field_tables(kb, known)
    serious = known.must_not_miss
    # log P(answer | condition) up to each unit's normaliser (answers × conditions), every
    # unit's answers stacked: the fixed part from the field tables, then what the tested
    # findings and the prior add, for the few units whose answers reach them.
    blocks, changes, priors = [], _Changes([], [], []), []
    start = 0
    for unit in units:
        open_fields = [f for f in unit.fields if f not in settled]
        block = _fixed_rows(tables, open_fields)
        tested = frozenset().union(*(tables[f].tested for f in open_fields))
        reaches_prior = not known.prior_fields.isdisjoint(open_fields)
        if tested or reaches_prior:
            options = possible_answers(kb, unit, settled)
            if tested:
                _count_answers(belief, answers, options, start, changes, tested)
            if reaches_prior:
                priors.append((start, _prior_changes(known, answers, options)))
        blocks.append(block)
        start += len(block)
    counts = np.array([len(block) for block in blocks])
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    deltas = np.concatenate(blocks)
    if changes.rows:
        # A few per answer, gathered and summed row by row, not as a mostly-zero product.
        rows = np.asarray(changes.rows, dtype=np.intp)  # in row order
        signed = known.log_by_state[changes.state_rows] * np.asarray(changes.signs)[:, None]
        firsts = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
        deltas[rows[firsts]] += np.add.reduceat(signed, firsts, axis=0)
    for first, change in priors:
        deltas[first : first + len(change)] += change
    # P(answer | c), normalised over each unit's possible answers for each condition.
    norm = np.log(np.maximum(np.add.reduceat(np.exp(deltas), starts, axis=0), _FLOOR))
    prior = belief.posterior.probabilities
    joint = prior * np.exp(deltas - np.repeat(norm, counts, axis=0))
    p_answer = joint.sum(axis=1)
    after = np.divide(joint, p_answer[:, None], out=np.zeros_like(joint),
                      where=p_answer[:, None] > 0)  # fmt: skip
    expected = np.add.reduceat(
        p_answer * (_entropy(after) + _serious_entropy(after, serious)), starts
    )
    before = float(_entropy(prior) + _serious_entropy(prior, serious))
    return [float(gain) for gain in before - expected]


def information_gain(
    kb: KnowledgeBase, belief: Belief, answers: Mapping[str, Any], unit: Unit, settled: set[str]
) -> float:
    """Expected fall in entropy (bits) of the differential if this unit were answered."""
    return information_gains(kb, belief, answers, [unit], settled)[0]
