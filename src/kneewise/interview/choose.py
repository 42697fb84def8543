"""Which question next: red flags first, then the largest expected information gain.

The information gain is computed over the compiled knowledge (numpy): for each
possible answer of a screen, only the findings that read the screen's fields
are tested again, and the change they bring to every condition's score is a
row of a matrix (answers × conditions); the expected entropy follows from it
in a few array operations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kneewise.assessment import SERIOUS_LEVELS
from kneewise.engine.differential import Posterior, posterior
from kneewise.engine.logic import Truth, defaulted_fields, holds
from kneewise.engine.triage import fired_rules, rule_truths, triage_level
from kneewise.intake import INTAKE_FIELDS
from kneewise.interview.units import Unit, possible_answers
from kneewise.knowledge.compiled import CompiledKnowledge, FloatArray, compiled
from kneewise.knowledge.model import KnowledgeBase, Rule, TriageLevel

# Floor of P(answer | condition) summed over the answers: a condition that every
# answer would rule out is already out of the belief.
_FLOOR = 1e-300
# Clamp for the must-not-miss entropy, so a certainty counts as (almost) zero bits.
_EDGE = 1e-12


def level_weight(known: CompiledKnowledge, level: TriageLevel) -> float:
    """How much deciding a rule of this level counts: twice the level below, none at the least."""
    rank = known.urgency(level)
    return 0.0 if rank == 0 else 2.0 ** (rank - 1)


def open_rules(
    kb: KnowledgeBase,
    answers: Mapping[str, Any],
    settled: set[str],
    truths: Mapping[str, Truth] | None = None,
) -> list[Rule]:
    """Rules that would raise the triage level and that answers still to come could decide.

    A rule is open when answers still to come could fire it; an urgent or emergency
    rule also while they could still rule it out (`_decidable`).
    `truths` are the rules' tests already evaluated for these answers (`rule_truths`).
    """
    known = compiled(kb)
    truths = rule_truths(kb, answers) if truths is None else truths
    level = known.urgency(triage_level(kb, fired_rules(kb, answers, truths)))
    open_fields = set(INTAKE_FIELDS) - settled
    return [
        rule for rule in kb.rules
        if known.urgency(rule.level) > level
        and truths[rule.id] is not True
        and _decidable(known, rule, answers, truths[rule.id], open_fields)
    ]  # fmt: skip


def _decidable(
    known: CompiledKnowledge,
    rule: Rule,
    answers: Mapping[str, Any],
    truth: Truth,
    open_fields: set[str],
) -> bool:
    """Whether answers still to come could fire the rule, or, for an urgent or emergency
    rule whose test is unknown, could still rule it out.

    "Don't know" is never "no": a serious rule resting on a field the person does not
    know (whether there was an injury, their age, a fever) can no longer be fired, yet
    its other questions can still rule it out; so they stay in the interview, and when
    they cannot rule it out the result names it as not ruled out. The Ottawa knee rule
    (Stiell 1995) asks for an X-ray after an acute injury with any one of its criteria
    and none with all absent: with the injury unknown, absent criteria rule it out and a
    present one leaves the check open, never negative.
    """
    could_fire, could_rule_out = known.rule_possible[rule.id](answers, open_fields)
    return could_fire or (could_rule_out and truth is None and rule.level in SERIOUS_LEVELS)


def only_ruled_out(
    kb: KnowledgeBase, answers: Mapping[str, Any], settled: set[str], rules: list[Rule]
) -> set[str]:
    """Ids of the open `rules` that answers still to come could rule out but never fire."""
    known = compiled(kb)
    open_fields = set(INTAKE_FIELDS) - settled
    return {r.id for r in rules if not known.rule_possible[r.id](answers, open_fields)[0]}


def unconfirmed_fields(
    kb: KnowledgeBase, answers: Mapping[str, Any], settled: set[str]
) -> set[str]:
    """Open fields an urgent or emergency rule rests on only by its `if_unknown` default.

    Asking them may confirm the rule or lift it (the Ottawa rule's 7-day window).
    """
    known = compiled(kb)
    fields: set[str] = set()
    for rule in kb.rules:
        if rule.level not in SERIOUS_LEVELS or known.rule_checks[rule.id](answers) is not True:
            continue
        if holds(rule.when, answers, defaults=False) is None:
            fields |= defaulted_fields(rule.when) - settled
    return fields


def rule_weight(kb: KnowledgeBase, unit: Unit, rules: list[Rule], settled: set[str]) -> float:
    """How much a unit matters for deciding the open rules, most urgent counting most."""
    known = compiled(kb)
    open_fields = set(unit.fields) - settled
    return sum(level_weight(known, r.level) for r in rules if known.rule_fields[r.id] & open_fields)


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
) -> None:
    """Note what each answer newly decides, as +1 and -1 at (row, finding in its state).

    Only findings that read an answered field can change, and a finding's state
    depends only on the values of the fields it reads, so it is tested once per
    distinct value (a screen of six yes/no items has 64 answers but two values
    per item), and against the option alone when the option gives every field it
    reads. A nested group still counts once, so a newly decided finding may
    replace one already counted: +1 where a finding becomes counted, -1 where it
    no longer is, present and absent apart (the options are rows `first_row`, …).
    """
    found = belief.posterior
    known = found.compiled
    fields = {name for option in options for name in option}
    reads = [r for r in _reads(known, fields) if r[1] not in found.decided]
    nested, index, checks = known.nested_findings, known.finding_index, known.finding_checks
    offset = known.state_offset
    if len(fields) == 1 and all(r[1] not in nested for r in reads):
        # One field: every option is a distinct value (nothing to share), and with no
        # nested group each finding it decides is simply counted (+1).
        rows, state_rows = changes.rows, changes.state_rows
        for row, option in enumerate(options, start=first_row):
            combined: dict[str, Any] | None = None
            for i, _, _, alone in reads:
                if alone:
                    state = checks[i](option)
                else:
                    if combined is None:
                        combined = {**answers, **option}
                    state = checks[i](combined)
                if state is not None:
                    rows.append(row)
                    state_rows.append(i + offset * state)
        changes.signs += [1.0] * (len(rows) - len(changes.signs))
        return
    tested: dict[tuple[int, tuple[Any, ...]], Truth] = {}
    for row, option in enumerate(options, start=first_row):
        combined = None
        new = {}
        for i, finding_id, names, alone in reads:
            key = (i, tuple([_frozen(option[name]) for name in names]))
            if key in tested:
                state = tested[key]
            elif alone:  # every field it reads is in the option: the rest cannot matter
                state = tested[key] = checks[i](option)
            else:
                if combined is None:
                    combined = {**answers, **option}
                state = tested[key] = checks[i](combined)
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
    serious = known.must_not_miss
    options = [possible_answers(kb, unit, settled) for unit in units]
    counts = np.array([len(block) for block in options])
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    # log P(answer | condition) up to each unit's normaliser (answers × conditions), every
    # unit's answers stacked: each answer's row is the sum of the log likelihoods of what it
    # newly decides (+) and of what it no longer counts (-): a few per answer, so they are
    # gathered and summed row by row (np.add.reduceat), not multiplied as a mostly-zero matrix.
    changes = _Changes([], [], [])
    for block, start in zip(options, starts.tolist(), strict=True):
        _count_answers(belief, answers, block, start, changes)
    deltas = np.zeros((int(counts.sum()), len(known.condition_ids)))
    if changes.rows:
        rows = np.asarray(changes.rows, dtype=np.intp)  # in row order
        signed = known.log_by_state[changes.state_rows] * np.asarray(changes.signs)[:, None]
        firsts = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
        deltas[rows[firsts]] = np.add.reduceat(signed, firsts, axis=0)
    for block, start in zip(options, starts.tolist(), strict=True):
        if {name for option in block for name in option} & known.prior_fields:
            deltas[start : start + len(block)] += _prior_changes(known, answers, block)
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
