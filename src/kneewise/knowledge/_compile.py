"""`compile_knowledge(kb)`: the knowledge base compiled once (see knowledge/compiled.py).

Kept apart from `CompiledKnowledge` so each module stays short: this one works
the constants out, that one holds them and computes with them.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

from kneewise.assessment import SERIOUS_LEVELS, AdviceItem, FiredRule, SourceRef
from kneewise.engine.logic import (
    compile_deciding,
    compile_possible,
    compile_predicate,
    predicate_fields,
)
from kneewise.intake import INTAKE_FIELDS
from kneewise.knowledge.compiled import RULE_TOLD_STEP, CompiledKnowledge
from kneewise.knowledge.forest import compile_trees
from kneewise.knowledge.model import KnowledgeBase
from kneewise.knowledge.output_tables import output_tables
from kneewise.knowledge.screens import question_screens, representative_values
from kneewise.knowledge.tables import (
    advice_at,
    alarming,
    content_hash,
    fields_of,
    likelihoods,
    prior_tables,
    read_only,
    read_only_ints,
)


def compile_knowledge(kb: KnowledgeBase) -> CompiledKnowledge:
    """Compile a validated, cross-checked knowledge base (see the module doc)."""
    present, overall = likelihoods(kb)
    log_present, log_absent = np.log(present), np.log1p(-present)
    finding_fields = tuple(frozenset(predicate_fields(f.when)) for f in kb.findings.values())
    by_field: dict[str, list[int]] = {}
    for index, fields in enumerate(finding_fields):
        for name in fields:
            by_field.setdefault(name, []).append(index)
    conditions = list(kb.conditions.values())
    # Conditions × (every finding absent, then every finding present): the weights' table.
    by_condition = np.hstack([log_absent - np.log1p(-overall), log_present - np.log(overall)])
    trees = compile_trees(kb)
    cards = {level: advice_at(kb, level) for level in kb.levels}
    base, ages, sexes, activities = prior_tables(kb)
    finding_checks = tuple(compile_predicate(f.when) for f in kb.findings.values())
    rule_checks = {r.id: compile_predicate(r.when) for r in kb.rules}
    urgency = {level: len(kb.levels) - 1 - rank for rank, level in enumerate(kb.levels)}
    rule_deciding = {r.id: compile_deciding(r.when) for r in kb.rules}
    rules_by_field: dict[str, list[str]] = {}
    for rule in kb.rules:
        for name in sorted(predicate_fields(rule.when)):
            rules_by_field.setdefault(name, []).append(rule.id)
    return CompiledKnowledge(
        knowledge=kb,
        content_hash=content_hash(kb),
        levels_most_urgent_first=tuple(kb.levels),
        condition_ids=tuple(kb.conditions),
        condition_index=MappingProxyType({c: i for i, c in enumerate(kb.conditions)}),
        finding_ids=tuple(kb.findings),
        finding_index=MappingProxyType({f: i for i, f in enumerate(kb.findings)}),
        nested=tuple((f.id, f.nested_in) for f in kb.findings.values() if f.nested_in),
        nested_findings=frozenset(
            name for f in kb.findings.values() if f.nested_in for name in (f.id, f.nested_in)
        ),
        log_present=read_only(log_present),
        log_absent=read_only(log_absent),
        ratio_present=read_only(log_present - np.log(overall)),
        ratio_absent=read_only(log_absent - np.log1p(-overall)),
        ratio_by_state=read_only(np.ascontiguousarray(by_condition.T)),
        state_offset=len(kb.findings),
        ratio_by_condition=read_only(by_condition),
        log_by_state=read_only(np.ascontiguousarray(np.vstack([log_absent.T, log_present.T]))),
        id_rank=read_only_ints(np.argsort(np.argsort(np.array(list(kb.conditions))))),
        must_not_miss=tuple(i for i, c in enumerate(conditions) if c.must_not_miss),
        finding_checks=finding_checks,
        finding_fields=finding_fields,
        findings_by_field=MappingProxyType({k: tuple(v) for k, v in by_field.items()}),
        requires=tuple(
            (i, compile_predicate(c.requires))
            for i, c in enumerate(conditions)
            if c.requires is not None
        ),
        rule_checks=MappingProxyType(rule_checks),
        rule_fields=MappingProxyType({r.id: frozenset(predicate_fields(r.when)) for r in kb.rules}),
        rule_deciding=MappingProxyType(rule_deciding),
        rule_possible=MappingProxyType({r.id: compile_possible(r.when) for r in kb.rules}),
        rules_by_field=MappingProxyType({k: tuple(v) for k, v in rules_by_field.items()}),
        rule_suspects=MappingProxyType({r.id: tuple(r.suspects) for r in kb.rules}),
        trees=trees,
        shown=output_tables(kb, trees, by_condition, cards, finding_fields),
        _findings_alone=tuple(i for i, check in enumerate(finding_checks) if check({}) is not None),
        _truths_alone=MappingProxyType({r: check({}) for r, check in rule_checks.items()}),
        _deciding_alone=MappingProxyType(
            {r: tuple(sorted(deciding({}))) for r, deciding in rule_deciding.items()}
        ),
        advice_by_level=MappingProxyType(cards),
        urgency_of=MappingProxyType(urgency),
        rule_urgency=tuple(urgency[r.level] for r in kb.rules),
        rules_most_urgent_first=tuple(
            sorted(range(len(kb.rules)), key=lambda i: -urgency[kb.rules[i].level])
        ),
        rule_order_key=tuple(
            -urgency[rule.level] * RULE_TOLD_STEP * RULE_TOLD_STEP + i
            for i, rule in enumerate(kb.rules)
        ),
        fired_items=MappingProxyType(
            {
                r.id: FiredRule(
                    id=r.id, level=r.level, title=r.title, reason=r.reason, sources=r.sources
                )
                for r in kb.rules
            }
        ),
        advice_items=MappingProxyType(
            {
                c.id: AdviceItem(
                    id=c.id, category=c.category, title=c.title, text=c.text, sources=c.sources
                )
                for c in kb.advice
            }
        ),
        red_flag_fields=fields_of(r.when for r in kb.rules if r.level in SERIOUS_LEVELS),
        # Every rule that sends a person to a doctor, not only urgent ones: a tie
        # between "night pain" and "no night pain" keeps the sign a doctor should hear.
        alarming_answers=MappingProxyType(
            alarming(r.when for r in kb.rules if r.level != "self_care")
        ),
        youngest_age=min((b.min for c in conditions for b in c.prior.age_bands), default=0),
        prior_fields=frozenset({"age", "sex", "activities"})
        | fields_of(c.requires for c in conditions if c.requires is not None),
        question_text=MappingProxyType({q.field: q.text for q in kb.questions}),
        source_refs=MappingProxyType(
            {
                s.id: SourceRef(id=s.id, citation=s.citation(), doi=s.doi, url=s.url)
                for s in kb.sources.values()
            }
        ),
        question_short=MappingProxyType({q.field: q.short or q.text for q in kb.questions}),
        screens=question_screens(kb),
        answer_values=MappingProxyType(
            {
                name: representative_values(kb, name)
                for name, spec in INTAKE_FIELDS.items()
                if spec.kind in ("int", "number")
            }
        ),
        _log_base=base,
        _log_age=MappingProxyType(ages),
        _log_base_age=MappingProxyType({age: read_only(base + row) for age, row in ages.items()}),
        _log_sex=MappingProxyType(sexes),
        _activity=MappingProxyType(activities),
        _log_activity=MappingProxyType(
            {a: read_only(np.log(row)) for a, row in activities.items()}
        ),
    )
