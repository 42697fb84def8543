"""The expected information gain of every question screen, over the compiled knowledge (numpy).

For each possible answer of a screen, the change it brings to every condition's
log score is a row of a matrix (answers × conditions); the expected entropy of
the differential follows from it in a few array operations.

Most of a row is fixed by the knowledge: each field's rows (values × conditions)
are computed once per knowledge base (interview/screen_tables.py), and a screen's
rows are their sum over its open fields, every combination at once (an outer
sum). What depends on the answers already given is added at each step: a
finding that also reads another screen's field, once per value; a nested
finding whose partner is decided, and a test reading several of the screen's
fields, once per possible answer; a `requires` the answer can make false.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from kneewise.engine.differential import Posterior, posterior
from kneewise.engine.logic import Truth
from kneewise.interview.screen_tables import ScreenTable, outer_sum, screen_tables
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
    `first_row`, …). Findings outside `tested` never change which of a nested
    group is counted (`screen_tables`): their part is added as it is.
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


def _entropy(probabilities: FloatArray) -> FloatArray:
    """Entropy in bits of each row (or of a vector)."""
    positive = probabilities > 0
    logs = np.log2(np.where(positive, probabilities, 1.0))
    return np.asarray(-(probabilities * logs).sum(axis=-1), dtype=np.float64)


def _serious_entropy(probabilities: FloatArray, serious: tuple[int, ...]) -> FloatArray:
    """Uncertainty, in bits, about each must-not-miss condition on its own (present or not)."""
    p = np.clip(probabilities[..., list(serious)], _EDGE, 1 - _EDGE)
    return np.asarray(-(p * np.log2(p) + (1 - p) * np.log2(1 - p)).sum(axis=-1), dtype=np.float64)


def _block(
    table: ScreenTable,
    open_fields: list[str],
    found: Posterior,
    answers: Mapping[str, Any],
    out: npt.NDArray[np.bool_],
) -> tuple[FloatArray, frozenset[int]]:
    """A screen's rows for these answers, but for the findings tested for every answer
    (returned: the screen's own, and each nested one whose partner is decided)."""
    known = found.compiled
    tested = set(table.tested)
    by_field = []
    for name in open_fields:
        field = table.fields[name]
        rows = field.fixed
        for finding, partners, extra in field.free:
            if partners.isdisjoint(found.decided):
                rows = rows + extra
            else:  # it may now count instead of its partner, or its partner no longer count
                tested.add(known.finding_index[finding])
        for column in field.other_fields:
            if known.finding_ids[column] not in found.decided:
                rows = rows + _given(known, column, name, field.values, answers)
        if field.multiplier is not None:
            # A condition already ruled out stays out; its score no longer matters.
            rows = rows + np.where(out, 0.0, field.multiplier)
        if field.requires:
            rows = rows.copy()
            for column, check in field.requires:
                for row, value in enumerate(field.values):
                    if not out[column] and check({**answers, name: value}) is False:
                        rows[row, column] = -np.inf  # this answer rules the condition out
        by_field.append(rows)
    return outer_sum(by_field), frozenset(tested)


def _given(
    known: CompiledKnowledge,
    column: int,
    name: str,
    values: tuple[Any, ...],
    answers: Mapping[str, Any],
) -> FloatArray:
    """log P(state | condition) of a finding that also reads other screens' fields, under
    each value of `name`, given the answers to those."""
    rows = np.zeros((len(values), len(known.condition_ids)))
    for row, value in enumerate(values):
        state = known.finding_checks[column]({**answers, name: value})
        if state is not None:
            rows[row] = known.log_by_state[column + known.state_offset * state]
    return rows


def _ruled_out(
    table: ScreenTable,
    answers: Mapping[str, Any],
    options: list[dict[str, Any]],
    first_row: int,
    out: npt.NDArray[np.bool_],
) -> list[tuple[int, int]]:
    """(row, condition) where an answer makes a `requires` reading several of the screen's
    fields false."""
    return [
        (row, column)
        for column, check in table.requires_tested
        if not out[column]
        for row, option in enumerate(options, start=first_row)
        if check({**answers, **option}) is False
    ]


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
    found = belief.posterior
    known = found.compiled
    tables = screen_tables(kb, known)
    serious = known.must_not_miss
    # log P(answer | condition) up to each unit's normaliser (answers × conditions), every
    # unit's answers stacked: from the screen tables, and what the findings tested for every
    # answer add, for the few screens that have them.
    blocks, changes, ruled_out = [], _Changes([], [], []), []
    out: npt.NDArray[np.bool_] | None = None  # the conditions the answers rule out
    start = 0
    for unit in units:
        table = tables[unit.id]
        open_fields = [f for f in unit.fields if f not in settled]
        if table.plain:
            whole = len(open_fields) == len(unit.fields)
            block = table.full if whole else outer_sum([table.fields[f].fixed for f in open_fields])
        else:
            if out is None:
                out = np.isneginf(known.log_priors(answers))
            block, tested = _block(table, open_fields, found, answers, out)
            if tested or table.requires_tested:
                options = possible_answers(kb, unit, settled)
                _count_answers(belief, answers, options, start, changes, tested)
                ruled_out += _ruled_out(table, answers, options, start, out)
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
    for row, column in ruled_out:
        deltas[row, column] = -np.inf
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
