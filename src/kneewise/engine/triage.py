"""Red-flag rules → triage level. The most urgent rule that holds wins.

A rule that the answers neither fire nor rule out is *undecided*: it is
carried in the triage with the questions that would decide it, and "no
warning signs" is said only when every urgent and emergency rule is decided.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from itertools import compress
from typing import Any

import numpy as np

from kneewise.assessment import SERIOUS_LEVELS, FiredRule, Triage, UndecidedRule
from kneewise.engine.logic import Truth, told_fields
from kneewise.knowledge.compiled import RULE_TOLD_STEP, CompiledKnowledge, compiled
from kneewise.knowledge.forest import Codes
from kneewise.knowledge.leaves import FALSE, TRUE, UNKNOWN
from kneewise.knowledge.model import TRIAGE_ORDER, KnowledgeBase, Rule, TriageLevel
from kneewise.knowledge.output_tables import OutputTables, ToldNode

# Said only when every urgent and emergency rule is decided false by the answers.
NO_FLAG_REASON = (
    "You answered every question about the warning signs that need a doctor today or at "
    "once, and none of them is present."
)
NOT_RULED_OUT = (
    "kneewise could not rule out these warning signs, because what would decide them is not "
    "known yet: "
)
# A reason names this many open warning signs; every output lists them all elsewhere.
NAMED_IN_REASON = 5


def urgency(level: TriageLevel) -> int:
    """0 for self_care up to 3 for emergency (the type's order; the loader checks that
    levels.yaml, which the engine's decisions read, lists them in the same order)."""
    return TRIAGE_ORDER.index(level)


def rule_truths(kb: KnowledgeBase, answers: Mapping[str, Any]) -> dict[str, Truth]:
    """Each rule's test for these answers: true, false or unknown (None), by rule id."""
    return compiled(kb).rule_truths(answers)


def fired_rules(
    kb: KnowledgeBase, answers: Mapping[str, Any], truths: Mapping[str, Truth] | None = None
) -> list[FiredRule]:
    """Every rule whose test is true, most urgent first (file order within a level).

    `truths` are the rules' tests already evaluated for these answers (`rule_truths`).
    """
    known = compiled(kb)
    truths = rule_truths(kb, answers) if truths is None else truths
    rank = known.urgency_of
    items = known.fired_items  # each rule's output, validated once and shared
    fired = [items[r.id] for r in kb.rules if truths[r.id] is True]
    return sorted(fired, key=lambda rule: -rank[rule.level])


def triage_level(kb: KnowledgeBase, rules: list[FiredRule]) -> TriageLevel:
    """The most urgent level among fired rules; the least urgent level when none fired."""
    known = compiled(kb)
    return max((r.level for r in rules), key=known.urgency,
               default=known.levels_most_urgent_first[-1])  # fmt: skip


def undecided_rules(
    kb: KnowledgeBase,
    answers: Mapping[str, Any],
    level: TriageLevel,
    dont_know: Collection[str] = (),
    truths: Mapping[str, Truth] | None = None,
) -> list[UndecidedRule]:
    """Rules more urgent than `level` whose test is still unknown, most urgent first and
    within a level those the answers told most of first (`logic.told_fields`), then in
    file order: what `triage` lists, worked out rule by rule."""
    known = compiled(kb)
    truths = rule_truths(kb, answers) if truths is None else truths
    rank = known.urgency_of
    bar = rank[level]
    found = [
        (rule, _undecided(known, rule, known.deciding(rule.id, answers), dont_know))
        for rule in kb.rules
        if rank[rule.level] > bar and truths[rule.id] is None
    ]
    found.sort(key=lambda item: (-rank[item[0].level], -len(told_fields(item[0].when, answers))))
    return [entry for _, entry in found]


def not_ruled_out_reason(titles: list[str]) -> str:
    """One sentence naming the open urgent and emergency warning signs (the first few)."""
    named = "; ".join(titles[:NAMED_IN_REASON])
    more = len(titles) - NAMED_IN_REASON
    return NOT_RULED_OUT + named + (f"; and {more} more." if more > 0 else ".")


def triage(
    kb: KnowledgeBase,
    answers: Mapping[str, Any],
    dont_know: Collection[str] = (),
    codes: Codes | None = None,
) -> Triage:
    """Triage for these answers, with the reasons a person can read.

    `dont_know` are the fields the person answered "I don't know": they stay
    unknown, and each undecided rule says which of its fields they are. `codes`
    are the knowledge's tests evaluated for these answers (`CompiledKnowledge.evaluate`),
    when the caller has them already: every rule is read from them at once.
    """
    known = compiled(kb)
    if codes is None:
        codes = known.evaluate(answers)
    truths = codes[known.trees.rule_nodes].tolist()
    every, items = kb.rules, known.fired_items
    # Most urgent first, file order within a level: the order the outputs list them in.
    order, urgency = known.rules_most_urgent_first, known.rule_urgency
    rules = [items[every[i].id] for i in order if truths[i] == TRUE]
    level = rules[0].level if rules else known.levels_most_urgent_first[-1]
    bar = known.urgency_of[level]
    open_ = [i for i in order if truths[i] == UNKNOWN and urgency[i] > bar]
    if not open_:
        return _triage(kb, level, rules, [])
    paths = codes[known.shown.rule_leaf_columns]  # read by both, gathered once
    told, signs = told_counts(known, paths, open_)
    if told:  # within a level, the signs the person told most of first, then file order
        key = list(known.rule_order_key)
        for rule, count in told.items():
            key[rule] -= count * RULE_TOLD_STEP
        open_.sort(key=key.__getitem__)
    undecided = open_rules(known, codes, open_, dont_know, paths)
    # The headline names the first urgent or emergency open rule the person told part of.
    # Only a sign told names it, never an age or a twist alone (logic.CONTEXT_FIELDS).
    told_of = next((every[i] for i in open_ if i in signs and every[i].level in SERIOUS_LEVELS),
                   None)  # fmt: skip
    return _triage(kb, level, rules, undecided, None if told_of is None else told_of.title)


def told_counts(
    known: CompiledKnowledge,
    paths: Codes,
    rules: Sequence[int],
) -> tuple[dict[int, int], set[int]]:
    """For the rules at these places, how many fields the answers told toward each one
    (`logic.told_fields`), by place, a rule told nothing left out; and the rules among
    them told a sign, not only context (`rule_leaf_sign`, `logic.CONTEXT_FIELDS`).

    `paths` are the codes of `OutputTables.rule_leaf_columns` (a row of the leaves' paths
    per column): a leaf counts when it is true, no node of its path is false (their
    smallest code is not 0), and it is not true with no answer (`rule_leaf_plain`: a leaf
    its `if_unknown` makes true is one the rule does not need told). A rule told one leaf
    is told one; what more told leaves add up to (one part of an `any` counts, `_told`) is
    worked out once and kept (`OutputTables.told_by_leaves`).
    """
    shown = known.shown
    # Which rows are told, as bytes: per rule a slice, a key into the cache below.
    told = (np.minimum.reduce(paths, axis=0) > FALSE) & (paths[0] == TRUE) & shown.rule_leaf_plain
    rows = np.flatnonzero(told).tolist()
    counts: dict[int, int] = {}
    if not rows:  # nothing told toward any rule
        return counts, set()
    told_bytes = told.tobytes()
    owner, is_open = shown.rule_leaf_rule, set(rules)
    spans, cache = shown.rule_leaf_span, shown.told_by_leaves
    # Only the open rules with a told row are looked at: a few of the forty or so open.
    for rule in dict.fromkeys(owner[row] for row in rows):
        if rule not in is_open:
            continue
        start, stop = spans[rule]
        key = (rule, told_bytes[start:stop])
        count = cache.get(key)
        if count is None:  # a constant of the knowledge: what these told leaves add up to
            count = cache[key] = _count_told(shown, rule, start, key[1])
        if count:
            counts[rule] = count
    signed = told & shown.rule_leaf_sign
    return counts, {owner[row] for row in np.flatnonzero(signed).tolist()} & counts.keys()


def _count_told(shown: OutputTables, rule: int, start: int, told: bytes) -> int:
    """How many fields rule `rule`'s told rows (`told`, a byte per row from `start`) add up
    to (`_told`); a rule told one leaf is told one."""
    places = {
        shown.rule_leaf_place[start + row]: shown.rule_leaf_field[start + row]
        for row, is_told in enumerate(told)
        if is_told
    }
    if len(places) < 2:
        return len(places)
    return len(_told(shown.rule_told_trees[rule], places, sum(1 << place for place in places)))


def _told(node: ToldNode, places: Mapping[int, str], told: int) -> set[str]:
    """The fields told toward `node` (`logic.told_fields`): an `all` needs each part, so
    theirs add up; an `any` needs one, so only its part told most of counts. `places`: the
    told leaves' fields; `told`: their bits (`ToldNode`). A told leaf's path has no false
    node (`told_counts`), so no part walked here is false."""
    if isinstance(node, int):
        return {places[node]}
    every, _, parts, masks = node
    best: set[str] = set()
    for part, mask in zip(parts, masks, strict=True):
        if mask & told:
            found = {places[part]} if isinstance(part, int) else _told(part, places, told)
            if every:
                best |= found
            elif len(found) > len(best):
                best = found
    return best


def open_rule_fields(
    known: CompiledKnowledge, codes: Codes, rules: Sequence[int]
) -> dict[int, tuple[str, ...]]:
    """`Trees.rule_deciding` for these open rules (places in file order), by place: the
    fields an open path reaches from each one's root, sorted by name."""
    return {
        rule: fields
        for rule, (fields, _) in zip(rules, _open_leaves(known, codes, rules), strict=True)
    }


def open_rules(
    known: CompiledKnowledge,
    codes: Codes,
    rules: Sequence[int],
    dont_know: Collection[str],
    paths: Codes | None = None,
) -> list[UndecidedRule]:
    """The outputs of these open rules (places), in that order: each with the fields that
    could decide it (`open_rule_fields`) and those answered "I don't know". `paths`: the
    codes of `rule_leaf_columns`, when the caller has them."""
    every = known.knowledge.rules
    found: list[UndecidedRule] = []
    leaves = _open_leaves(known, codes, rules, paths)
    for rule, (fields, entry) in zip(rules, leaves, strict=True):
        if dont_know:  # which of its fields are unknown: another output, built once too
            entry = _undecided(known, every[rule], fields, dont_know)
        found.append(entry)
    return found


def _open_leaves(
    known: CompiledKnowledge, codes: Codes, rules: Sequence[int], paths: Codes | None = None
) -> list[tuple[tuple[str, ...], UndecidedRule]]:
    """For each open rule, its deciding fields and its output with none of them unknown,
    looked up by which of its leaves an open path reaches (`OutputTables.undecided_by_leaves`).

    A leaf is reached when every node of its path (`rule_leaf_columns`) is unknown
    (code 1): the AND of the codes 0, 1, 2 has its low bit set only then.
    """
    shown = known.shown
    if paths is None:
        paths = codes[shown.rule_leaf_columns]
    reached = (np.bitwise_and.reduce(paths, axis=0) & 1).tobytes()
    spans, cache = shown.rule_leaf_span, shown.undecided_by_leaves
    found = []
    for rule in rules:
        start, stop = spans[rule]
        key = (rule, reached[start:stop])
        built = cache.get(key)
        if built is None:
            fields = tuple(dict.fromkeys(compress(shown.rule_leaf_fields[rule], key[1])))
            built = cache[key] = (fields, _undecided(known, known.knowledge.rules[rule], fields))
        found.append(built)
    return found


def _undecided(
    known: CompiledKnowledge, rule: Rule, fields: tuple[str, ...], dont_know: Collection[str] = ()
) -> UndecidedRule:
    """The open rule's output for these deciding fields, built once and then shared."""
    unknown = tuple(f for f in fields if f in dont_know) if dont_know else ()
    key = (rule.id, fields, unknown)
    entry = known.undecided_items.get(key)
    if entry is None:  # immutable, so every assessment with the same open fields shares it
        asked = known.question_text
        questions = list(dict.fromkeys(asked.get(f, f) for f in fields))
        entry = known.undecided_items[key] = UndecidedRule(
            id=rule.id, level=rule.level, title=rule.title, questions=questions,
            fields=list(fields), dont_know=list(unknown),
        )  # fmt: skip
    return entry


def _triage(
    kb: KnowledgeBase,
    level: TriageLevel,
    rules: list[FiredRule],
    undecided: list[UndecidedRule],
    part_told: str | None = None,
) -> Triage:
    """The triage's words; `part_told`: the title of the first open urgent or emergency
    rule the answers told part of (`told_counts`), which the headline then names."""
    serious = [u.title for u in undecided if u.level in SERIOUS_LEVELS]
    reasons = [r.reason for r in rules]
    if serious:
        reasons.append(not_ruled_out_reason(serious))
    elif not rules:
        reasons = [NO_FLAG_REASON]
    text = kb.levels[level]
    label, headline = text.label, text.headline
    if serious:
        label = text.label_not_ruled_out or label
        headline = text.headline_not_ruled_out or headline
        if text.emergency_open and any(u.level == "emergency" for u in undecided):
            headline = f"{headline} {text.emergency_open}"
    if part_told and text.headline_part_told:  # an open rule is more urgent than the level
        headline = text.headline_part_told.replace("{sign}", part_told)
    return Triage(level=level, label=label, headline=headline, reasons=reasons, rules=rules,
                  undecided=undecided)  # fmt: skip
