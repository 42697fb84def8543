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
from itertools import accumulate
from math import log2
from typing import Any

import numpy as np
import numpy.typing as npt

from kneewise.engine.differential import Posterior, posterior
from kneewise.engine.logic import Truth
from kneewise.interview.screen_tables import (
    Likelihoods,
    Mask,
    ScreenTable,
    screen_rows,
    screen_tables,
)
from kneewise.interview.units import Unit, possible_answers
from kneewise.knowledge.compiled import CompiledKnowledge, FloatArray
from kneewise.knowledge.model import KnowledgeBase

# Clamp for the must-not-miss entropy, so a certainty counts as (almost) zero bits.
_EDGE = 1e-12
_TINY = float(np.finfo(np.float64).tiny)  # the smallest normal number


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


def _binary_entropy(probabilities: FloatArray) -> FloatArray:
    """Summed over the last axis: the entropy in bits of each probability's yes or no."""
    p = np.clip(probabilities, _EDGE, 1 - _EDGE)
    q = 1 - p
    return np.asarray(-(p * np.log2(p) + q * np.log2(q)).sum(axis=-1), dtype=np.float64)


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
    array operations (`_expected_entropy`).
    """
    if not units:
        return []
    likelihoods, counts = _answer_rows(kb, belief, answers, units, settled)
    prior = belief.posterior.probabilities
    serious = np.asarray(belief.posterior.compiled.must_not_miss, dtype=np.intp)
    # p log2 p, 0 where p is 0: a p below the smallest normal number is 0 to a bit's
    # billionth, so the logarithm is taken of at least that.
    prior_log = prior * np.log2(np.maximum(prior, _TINY))
    expected = _expected_entropy(likelihoods, counts, prior, prior_log, serious)
    # The entropy now, must-not-miss included (a few numbers: no array steps).
    now = [min(max(p, _EDGE), 1 - _EDGE) for p in prior[serious].tolist()]
    before = -float(prior_log.sum()) - sum(p * log2(p) + (1 - p) * log2(1 - p) for p in now)
    return [before - entropy for entropy in expected.tolist()]


def _answer_rows(
    kb: KnowledgeBase,
    belief: Belief,
    answers: Mapping[str, Any],
    units: Sequence[Unit],
    settled: set[str],
) -> tuple[FloatArray, npt.NDArray[np.intp]]:
    """Every unit's `Likelihoods.matrix` stacked, and how many answers each unit has.

    From the screen tables: kept whole where no answer reaches what a screen's rows
    depend on, else computed with what the findings tested for every answer add.
    """
    found = belief.posterior
    known = found.compiled
    tables = screen_tables(kb, known)
    ready: list[Likelihoods] = []
    out: Mask | None = None  # the conditions the answers rule out
    as_with_none: bool | None = None  # whether they are those ruled out with no answers
    for unit in units:
        table = tables.screens[unit.id]
        if (
            table.typical is not None
            and settled.isdisjoint(unit.fields)
            and table.depends_on.isdisjoint(answers)
        ):
            if not table.reads_prior:
                ready.append(table.typical)
                continue
            if out is None:
                out = np.isneginf(known.log_priors(answers))
                as_with_none = bool(np.array_equal(out, tables.out_with_no_answers))
            if as_with_none:
                ready.append(table.typical)
                continue
        if out is None:
            out = np.isneginf(known.log_priors(answers))
            as_with_none = bool(np.array_equal(out, tables.out_with_no_answers))
        open_fields = [f for f in unit.fields if f not in settled]
        rows, tested = screen_rows(table, open_fields, found, answers, out)
        if tested or table.requires_tested:
            options = possible_answers(kb, unit, settled)
            rows = np.array(rows)  # changed in place below
            changes = _Changes([], [], [])
            _count_answers(belief, answers, options, 0, changes, tested)
            if changes.rows:
                # A few per answer, gathered and summed row by row, not as a mostly-zero product.
                at = np.asarray(changes.rows, dtype=np.intp)  # in row order
                signed = known.log_by_state[changes.state_rows] * np.asarray(changes.signs)[:, None]
                firsts = np.flatnonzero(np.concatenate(([True], at[1:] != at[:-1])))
                rows[at[firsts]] += np.add.reduceat(signed, firsts, axis=0)
            for row, column in _ruled_out(table, answers, options, 0, out):
                rows[row, column] = -np.inf
        ready.append(Likelihoods.of(rows))
    counts = np.array([len(r.matrix) for r in ready], dtype=np.intp)
    return np.concatenate([r.matrix for r in ready]), counts


def _expected_entropy(
    likelihoods: FloatArray,
    counts: npt.NDArray[np.intp],
    prior: FloatArray,
    prior_log: FloatArray,
    serious: npt.NDArray[np.intp],
) -> FloatArray:
    """Each unit's expected entropy (bits) after its answer, from its `Likelihoods` rows.

    With P = P(answer | c), the joint P(answer, c) is P × prior(c), P(answer) its sum
    over c, and the posterior after an answer joint / P(answer). P(answer) × that
    posterior's entropy is P(answer) log2 P(answer) − Σ_c joint log2 joint, and
    Σ_c joint log2 joint = Σ_c P log2 P × prior(c) + Σ_c P × prior(c) log2 prior(c):
    so P(answer) and that sum, for every answer of every unit, are one matrix
    product of the stacked likelihoods with the current belief (`prior_log` is
    prior × log2 prior).
    """
    n = len(prior)
    belief = np.zeros((2 * n, 2))
    belief[:n, 0] = prior
    belief[:n, 1] = prior_log
    belief[n:, 1] = prior
    p_answer, cells = (likelihoods @ belief).T
    p_log_p = p_answer * np.log2(np.maximum(p_answer, _TINY))
    # Each must-not-miss condition after each answer; an answer no condition left could
    # give has P(answer) 0 and no joint either.
    after = likelihoods[:, serious] * (prior[serious] / np.maximum(p_answer, _TINY)[:, None])
    rows = p_log_p - cells + p_answer * _binary_entropy(after)
    return np.add.reduceat(rows, [0, *accumulate(counts.tolist()[:-1])])


def information_gain(
    kb: KnowledgeBase, belief: Belief, answers: Mapping[str, Any], unit: Unit, settled: set[str]
) -> float:
    """Expected fall in entropy (bits) of the differential if this unit were answered."""
    return information_gains(kb, belief, answers, [unit], settled)[0]
