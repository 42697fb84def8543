"""Which question next: the rules still open, and how much a screen matters for them.

Red flags come first; among the rest the largest expected information gain
(interview/gain.py) decides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kneewise.assessment import SERIOUS_LEVELS
from kneewise.engine.logic import Truth, defaulted_fields, holds
from kneewise.engine.plan import undecided_holds
from kneewise.engine.triage import fired_rules, rule_truths, triage_level
from kneewise.intake import INTAKE_FIELDS
from kneewise.interview.units import Unit
from kneewise.knowledge.compiled import CompiledKnowledge, compiled
from kneewise.knowledge.model import KnowledgeBase, Rule, TriageLevel


def level_weight(known: CompiledKnowledge, level: TriageLevel) -> float:
    """How much deciding a rule of this level counts: twice the level below, none at the least."""
    rank = known.urgency(level)
    return 0.0 if rank == 0 else 2.0 ** (rank - 1)


def open_rules(
    kb: KnowledgeBase,
    answers: Mapping[str, Any],
    settled: set[str],
    truths: Mapping[str, Truth] | None = None,
    above: TriageLevel | None = None,
) -> list[Rule]:
    """Rules that would raise the triage level and that answers still to come could decide.

    A rule is open when answers still to come could fire it; an urgent or emergency
    rule also while they could still rule it out (`_decidable`).
    `truths` are the rules' tests already evaluated for these answers (`rule_truths`);
    `above`: the level the rules must be more urgent than (default: the level the
    answers give).
    """
    known = compiled(kb)
    truths = rule_truths(kb, answers) if truths is None else truths
    reached = triage_level(kb, fired_rules(kb, answers, truths)) if above is None else above
    level = known.urgency(reached)
    open_fields = set(INTAKE_FIELDS) - settled
    # With none of its fields open, walking a rule's test for what answers to come could do
    # gives exactly its truth (it could fire only if true, be ruled out only if false), so
    # a rule not true is never `_decidable` (that needs firing, or ruling out while unknown).
    # Late in an interview most rules are so, and this set test costs far less than the walk.
    return [
        rule for rule in kb.rules
        if known.urgency(rule.level) > level
        and truths[rule.id] is not True
        and not known.rule_fields[rule.id].isdisjoint(open_fields)
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


def holds_to_decide(
    kb: KnowledgeBase,
    level: TriageLevel,
    answers: Mapping[str, Any],
    settled: set[str],
    truths: Mapping[str, Truth],
) -> list[Rule]:
    """Rules whose unknown truth alone holds back advice `level` would keep, that answers
    still to come could decide (fire, or rule out).

    A see-a-doctor rule whose sources say training goes on keeps it (rules.yaml `keeps`:
    overload pain over six weeks) only when every rule that would hold it is decided false
    (engine/plan.py `kept`); an open one (a pop, giving way, catching not yet asked) holds
    it. Asking what decides them lets "no" release training and "yes" keep it held, rather
    than holding it for a question never asked. A rule resting on a "don't know" that no
    answer to come can decide is left: the hold stays, as it should.
    """
    known = compiled(kb)
    open_fields = set(INTAKE_FIELDS) - settled
    undecided = undecided_holds(kb, level, answers, truths)
    return [
        rule for rule in kb.rules
        if rule.id in undecided
        and not known.rule_fields[rule.id].isdisjoint(open_fields)
        and any(known.rule_possible[rule.id](answers, open_fields))
    ]  # fmt: skip


def unconfirmed_fields(
    kb: KnowledgeBase, answers: Mapping[str, Any], settled: set[str]
) -> set[str]:
    """Open fields a fired rule rests on only by its `if_unknown` default.

    Asking them may confirm the rule or lift it (the Ottawa rule's 7-day window; a kneecap
    that slipped out, whose see-a-doctor rule holds until told it was long ago).
    """
    known = compiled(kb)
    fields: set[str] = set()
    for rule in kb.rules:
        if known.rule_checks[rule.id](answers) is not True:
            continue
        if holds(rule.when, answers, defaults=False) is None:
            fields |= defaulted_fields(rule.when) - settled
    return fields


def rule_weights(
    kb: KnowledgeBase, units: Sequence[Unit], rules: list[Rule], settled: set[str]
) -> list[float]:
    """How much each unit matters for deciding the open rules, most urgent counting most:
    the summed `level_weight` of the rules that read one of its open fields."""
    if not rules:  # no rule to decide: every unit weighs nothing (as the sums below would)
        return [0] * len(units)
    known = compiled(kb)
    weighted = [(known.rule_fields[r.id], level_weight(known, r.level)) for r in rules]
    found = []
    for unit in units:
        open_fields = [f for f in unit.fields if f not in settled]
        found.append(sum(w for fields, w in weighted if not fields.isdisjoint(open_fields)))
    return found
