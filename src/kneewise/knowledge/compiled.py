"""The knowledge base compiled once, at load: immutable, hashed, and ready for arithmetic.

`compile_knowledge(kb)` (in knowledge/_compile.py) turns the validated knowledge
into what the engine and the interview compute with, so no call recomputes a
constant of the knowledge:

- `log_present` / `log_absent`: log P(finding present | condition) and
  log P(absent | condition), conditions × findings (numpy, read-only), and the
  log-likelihood ratios against each finding's overall rate (`ratio_present`,
  `ratio_absent`), the weights shown as "for" and "against";
- the prior's pieces, so a person's log prior is a sum of table rows (`log_priors`);
- the intake fields the urgent and emergency rules read (`red_flag_fields`) and,
  for each yes/no field any referral rule reads, the answer that can fire it
  (`alarming_answers`: the free-text parser prefers it when a story tells both);
- each finding's, rule's and `requires` test compiled to a function, the pairs
  of nested findings that count once (`Finding.nested_in`), and the
  intake fields each reads (what an answer can change; which fields a red-flag
  rule reads, for the free-text parser);
- each source as the assessment cites it (`source_refs`), each rule as it is shown
  when it fires (`fired_items`) and each advice card as the plan shows it
  (`advice_items`): validated once and shared, being immutable; the cards shown at
  each triage level, their `when` compiled (`advice_by_level`, `tables.LevelCards`);
- the question screens, the values an answer can take, and the triage levels
  in their order (as `levels.yaml` lists them, most urgent first);
- `content_hash`: sha256 of the validated knowledge in a canonical JSON form, so
  an assessment names the exact knowledge that made it. Whitespace and comments
  in the YAML do not change it; any number, text or order does (order is
  content: rules in file order break ties, questions are offered in order).

Numbers are read only through the model's accessors (`Prior.weight`,
`Condition.p_present`, `Finding.overall_rate` and `.unlisted_rate`), however
the YAML stores them.

`compiled(kb)` returns the compiled form of a knowledge base, compiling it the
first time (the loader compiles at load, so a load that returns has compiled).
It lives on the object itself, so a copy with one number changed is compiled
on its own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from kneewise.assessment import (
    AdviceItem,
    FiredRule,
    SourceRef,
    UndecidedRule,
)
from kneewise.engine.logic import (
    Check,
    Deciding,
    Possible,
    Truth,
)
from kneewise.knowledge.forest import Codes, Trees
from kneewise.knowledge.leaves import FALSE
from kneewise.knowledge.model import (
    TRIAGE_ORDER,
    KnowledgeBase,
    TriageLevel,
)
from kneewise.knowledge.output_tables import OutputTables
from kneewise.knowledge.screens import Screen
from kneewise.knowledge.tables import LevelCards
from kneewise.knowledge.tables import content_hash as content_hash  # where tests read it

FloatArray = npt.NDArray[np.float64]
#: Places in `rule_order_key`: more than any rule's place or its told fields' count.
RULE_TOLD_STEP = 1 << 12
_MOST_URGENT_FIRST: tuple[TriageLevel, ...] = tuple(reversed(TRIAGE_ORDER))
_URGENCY = {level: rank for rank, level in enumerate(TRIAGE_ORDER)}


@dataclass(frozen=True, eq=False)
class CompiledKnowledge:
    """A knowledge base with its constants computed once. Read-only; see the module doc."""

    knowledge: KnowledgeBase
    content_hash: str
    levels_most_urgent_first: tuple[TriageLevel, ...]
    condition_ids: tuple[str, ...]
    condition_index: Mapping[str, int]  # each condition's place in `condition_ids`
    finding_ids: tuple[str, ...]
    finding_index: Mapping[str, int]
    nested: tuple[tuple[str, str], ...]
    nested_findings: frozenset[str]  # every finding of a nested pair
    log_present: FloatArray
    log_absent: FloatArray
    ratio_present: FloatArray
    ratio_absent: FloatArray
    # Both ratios as rows, findings × conditions: row f is finding f absent, row
    # `state_offset` + f the same finding present (one gather sums a person's findings).
    ratio_by_state: FloatArray
    state_offset: int
    # The same weights as conditions × state rows, so the few conditions shown are one gather.
    ratio_by_condition: FloatArray
    log_by_state: FloatArray  # log_absent and log_present in the same rows (the interview's)
    id_rank: npt.NDArray[np.intp]  # each condition's place in id order (ties rank by id)
    must_not_miss: tuple[int, ...]
    finding_checks: tuple[Check, ...]
    finding_fields: tuple[frozenset[str], ...]
    findings_by_field: Mapping[str, tuple[int, ...]]
    requires: tuple[tuple[int, Check], ...]
    rule_checks: Mapping[str, Check]
    rule_fields: Mapping[str, frozenset[str]]
    rule_deciding: Mapping[str, Deciding]
    rule_possible: Mapping[str, Possible]
    # What an answer can change: the rules that read each field; a finding or rule reading
    # no answered field has its value with no answers at all (those below), so only the
    # ones that read an answered field are tested again.
    rules_by_field: Mapping[str, tuple[str, ...]]
    rule_suspects: Mapping[str, tuple[str, ...]]  # the must-not-miss conditions each rule catches
    # Every finding's, rule's, `requires` and card's test as one forest of arrays (forest.py).
    trees: Trees
    # What the outputs show, worked out once so that an assessment only picks (output_tables.py).
    shown: OutputTables
    _findings_alone: tuple[int, ...]  # findings decided with no answers (`if_unknown`)
    _truths_alone: Mapping[str, Truth]
    _deciding_alone: Mapping[str, tuple[str, ...]]
    # Per level, the cards shown at it: triggered by an answer, named by a condition, always.
    advice_by_level: Mapping[TriageLevel, LevelCards]
    urgency_of: Mapping[TriageLevel, int]  # `urgency` of each level, looked up
    rule_urgency: tuple[int, ...]  # each rule's level's urgency, in file order
    rules_most_urgent_first: tuple[int, ...]  # the rules' places, file order within a level
    # Each rule's place in that order as one number, `RULE_TOLD_STEP` apart per told field
    # below it, so that the told-first order is one sort by a list (engine/triage.py).
    rule_order_key: tuple[int, ...]
    # Each rule as it is shown when it fires, and each card as the plan shows it: validated
    # once here and shared by every assessment, being immutable and fixed by the knowledge.
    fired_items: Mapping[str, FiredRule]
    advice_items: Mapping[str, AdviceItem]
    red_flag_fields: frozenset[str]
    alarming_answers: Mapping[str, bool]
    prior_fields: frozenset[str]
    # The youngest age the priors have a band for: below it no condition's frequency is known
    # (a missing band multiplies by 1), so no likely causes are listed (engine/assess.py).
    youngest_age: int
    question_text: Mapping[str, str]
    source_refs: Mapping[str, SourceRef]
    question_short: Mapping[str, str]
    screens: tuple[Screen, ...]
    answer_values: Mapping[str, tuple[float, ...]]
    _log_base: FloatArray
    _log_age: Mapping[int, FloatArray]
    _log_base_age: Mapping[int, FloatArray]  # `_log_base` + `_log_age[age]`, each age
    _log_sex: Mapping[str, FloatArray]
    _activity: Mapping[str, FloatArray]
    _log_activity: Mapping[str, FloatArray]  # np.log of each `_activity` row (one activity)
    # The interview's: each finding that reads a screen's open fields (interview/choose.py).
    screen_reads: dict[tuple[str, ...], list[tuple[int, str, list[str], bool]]] = field(
        default_factory=dict, repr=False
    )
    # Open rules already built, by (rule, deciding fields, those answered "don't know").
    undecided_items: dict[tuple[str, tuple[str, ...], tuple[str, ...]], UndecidedRule] = field(
        default_factory=dict, repr=False
    )

    def urgency(self, level: TriageLevel) -> int:
        """0 for the least urgent level up to 3 for the most, in `levels.yaml` order."""
        return self.urgency_of[level]

    def decided(self, answers: Mapping[str, Any]) -> dict[str, bool]:
        """Present (True) or absent (False) for each finding the answers decide, in file order."""
        by_field, touched = self.findings_by_field, set(self._findings_alone)
        for name in answers:
            if name in by_field:
                touched.update(by_field[name])
        ids, checks, states = self.finding_ids, self.finding_checks, {}
        for index in sorted(touched):
            state = checks[index](answers)
            if state is not None:
                states[ids[index]] = state
        return states

    def rule_truths(self, answers: Mapping[str, Any]) -> dict[str, Truth]:
        """Each rule's test for these answers (true, false or unknown), by id in file order."""
        truths, checks, by_field = dict(self._truths_alone), self.rule_checks, self.rules_by_field
        for rule_id in {r for name in answers if name in by_field for r in by_field[name]}:
            truths[rule_id] = checks[rule_id](answers)
        return truths

    def deciding(self, rule_id: str, answers: Mapping[str, Any]) -> tuple[str, ...]:
        """The unanswered fields that could still decide an open rule, sorted by name."""
        if self.rule_fields[rule_id].isdisjoint(answers):
            return self._deciding_alone[rule_id]
        return tuple(sorted(self.rule_deciding[rule_id](answers)))

    def evaluate(self, answers: Mapping[str, Any]) -> Codes:
        """Every test's code for these answers (0 false, 1 unknown, 2 true; `Forest.evaluate`):
        a finding's is `codes[trees.finding_nodes[i]]`, a rule's `codes[trees.rule_nodes[i]]`."""
        return self.trees.forest.evaluate(answers)

    def counted_once(self, states: Mapping[str, bool]) -> dict[str, bool]:
        """`KnowledgeBase.counted_once` over the compiled nested pairs (same result, fewer steps).

        A finding nested in a broader one (one published criterion) counts once:
        both present keeps the narrower, both absent keeps the broader.
        """
        kept = dict(states)
        for narrower, broader in self.nested:
            if narrower in states and broader in states:
                if states[narrower] and states[broader]:
                    kept.pop(broader, None)
                elif not states[narrower] and not states[broader]:
                    kept.pop(narrower, None)
        return kept

    def finding_states(self, answers: Mapping[str, Any]) -> dict[str, bool]:
        """The decided findings, each nested group counted once (what the differential counts)."""
        return self.counted_once(self.decided(answers))

    def log_priors(self, answers: Mapping[str, Any], codes: Codes | None = None) -> FloatArray:
        """log prior weight per condition (`condition_ids` order) for these answers.

        Equal to log `Prior.weight(age, sex, activities)` (a product of the base and
        its multipliers); minus infinity where the answers make a `requires` false
        (read from `codes`, this `evaluate(answers)`, when given).
        """
        age, sex = answers.get("age"), answers.get("sex")
        with_age = None
        if age is not None and float(age).is_integer():
            with_age = self._log_base_age.get(int(age))
        if with_age is not None:  # the base and the age's row, added once at compile time
            logs = with_age.copy()
        else:
            logs = self._log_base.copy()
            if age is not None:
                logs += self._log_age_of(age)
        if sex is not None and sex in self._log_sex:
            logs += self._log_sex[sex]
        named = [a for a in answers.get("activities") or () if a in self._activity]
        if len(named) == 1:  # its multiplier's log, taken once at compile time
            logs += self._log_activity[named[0]]
        elif named:  # the likeliest activity's multiplier (one without a multiplier has 1)
            logs += np.log(np.max([self._activity[a] for a in named], axis=0))
        if codes is None:
            for index, check in self.requires:
                if check(answers) is False:
                    logs[index] = -math.inf
        else:
            trees = self.trees
            logs[trees.requires_conditions[codes[trees.requires_nodes] == FALSE]] = -math.inf
        return logs

    def _log_age_of(self, age: float) -> FloatArray:
        priors = [c.prior for c in self.knowledge.conditions.values()]
        return np.log([p.weight(age, None, ()) for p in priors]) - self._log_base


# Kept in the instance's __dict__, as functools.cached_property keeps its value on a
# frozen pydantic model: not a field, so dumps, equality and the hash ignore it.
_SLOT = "_kneewise_compiled"


def compiled(kb: KnowledgeBase) -> CompiledKnowledge:
    """The compiled form of `kb`, compiled the first time it is asked for.

    Kept on `kb` itself and checked against it, so a copy (`model_copy` with one
    number changed) is compiled on its own, never served its original's numbers.
    """
    found = kb.__dict__.get(_SLOT)
    if isinstance(found, CompiledKnowledge) and found.knowledge is kb:
        return found
    from kneewise.knowledge._compile import compile_knowledge  # it builds this module's class

    found = compile_knowledge(kb)
    kb.__dict__[_SLOT] = found
    return found
