"""Which advice cards make up a person's plan, and in what order.

A triage level may hold back whole categories of advice (levels.yaml `holds_back`): at
see-a-doctor and above, training advice such as "let the pain guide you" would read as
"carry on training" beside "have the knee checked first". A held-back category never
vanishes without a word: the card the level names for it ("advice on training waits until
your knee has been checked") takes its place, in the same spot of the plan, so every output
that shows the plan says it.

A rule may keep a category its level holds back (rules.yaml `keeps`), where its sources say
the activity should go on: for overload pain lasting more than six weeks, training within
the pain rule is the treatment, and a doctor is seen to find the cause, not to stop first.
The hold is lifted only when every fired rule keeps the category and no rule that would hold
it is open (an unknown answer keeps the hold): an overuse rule beside a pop is held. Cards of
other categories that load the knee like training (`waits_with`, "build up training
gradually") wait with it.

A card written for a situation (advice.yaml `only_if`: first aid for an injury) is left out
when the answers make the situation false, however it was chosen (a sudden onset, a cause
it names): a hot, swollen knee with gout and no injury gets no injury first aid. An unknown
answer keeps the card, worded for the situation ("after a knee injury").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from kneewise.assessment import AdviceItem, RankedCondition
from kneewise.engine.logic import Check, compile_predicate
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.forest import Codes
from kneewise.knowledge.leaves import FALSE, TRUE
from kneewise.knowledge.model import (
    ADVICE_ORDER,
    AdviceCategory,
    KnowledgeBase,
    TriageLevel,
)

# A condition shapes the plan only when it is plausible enough to act on.
PLAN_TOP_CONDITIONS = 3
PLAN_MIN_PROBABILITY = 0.10
# A plan a person reads to the end beats a complete one: at most this many cards
# per category, the most specific first.
CARDS_PER_CATEGORY: dict[AdviceCategory, int] = {
    "first_aid": 4, "training": 4, "medication": 3, "doctor": 3, "prevention": 3, "myth": 2,
}  # fmt: skip


def likely_conditions(ranked: list[RankedCondition]) -> list[str]:
    """Ids of the conditions the plan should speak to, most likely first."""
    top = ranked[:PLAN_TOP_CONDITIONS]
    return [c.id for c in top if c.probability >= PLAN_MIN_PROBABILITY]


def plan(
    kb: KnowledgeBase,
    level: TriageLevel,
    ranked: list[RankedCondition],
    answers: Mapping[str, Any],
    codes: Codes | None = None,
) -> list[AdviceItem]:
    """The advice cards for this person, grouped by category in a fixed order.

    A category the level holds back (`held_back`) is one card: the level's word that
    it waits until the knee has been checked. How closely a card shown at this level
    fits this person (lower is closer): a card triggered by what the person said comes
    first, then cards for the likely causes in their order, then cards shown to
    everyone; ties in file order.
    `codes`: the knowledge's tests evaluated for these answers
    (`CompiledKnowledge.evaluate`), when the caller has them already.
    """
    return plan_for(kb, level, likely_conditions(ranked), answers, codes)


def plan_for(
    kb: KnowledgeBase,
    level: TriageLevel,
    likely: list[str],
    answers: Mapping[str, Any],
    codes: Codes | None = None,
) -> list[AdviceItem]:
    """`plan` given the ids of the likely conditions (`likely_conditions`), most likely first."""
    known = compiled(kb)
    cards = known.advice_by_level[level]  # each `when` compiled once (knowledge/tables.py)
    # By the card's position in the file, its closeness: a card chosen several ways keeps
    # the closest, so they are written from the farthest to the closest (the last wins).
    fit = dict.fromkeys(cards.always, 1 + len(likely))
    named = cards.for_condition
    for rank in range(len(likely) - 1, -1, -1):  # the likeliest cause a card names counts
        fit.update(dict.fromkeys(named.get(likely[rank], ()), 1 + rank))
    if codes is None:
        fit.update((position, 0) for position, check in cards.triggered if check(answers) is True)
    else:
        found = codes[known.shown.card_nodes_by_level[level]].tolist()
        fit.update(
            (position, 0)
            for (position, _), truth in zip(cards.triggered, found, strict=True)
            if truth == TRUE
        )
    for position, check in _situations(kb).items():
        # Advice for a situation the person said did not happen (first aid for an injury
        # beside "no injury") is not for them, whatever chose it; unknown keeps it.
        if position in fit and check(answers) is False:
            del fit[position]
    category_of, waits_with, shown = _cards(kb)
    by_category: dict[AdviceCategory, list[int]] = {}
    # Closest first within each category, ties in file order.
    for _, position in sorted(zip(fit.values(), fit, strict=True)):
        by_category.setdefault(category_of[position], []).append(position)
    items = known.advice_items  # each card's output, validated once and shared
    waits = held_back(kb, level)
    first: Mapping[AdviceCategory, str] = {}
    if waits:
        first = kept(kb, level, answers, codes)
        waits = {category: card for category, card in waits.items() if category not in first}
    chosen: list[AdviceItem] = []
    for category in ADVICE_ORDER:
        if category in waits:
            chosen.append(items[waits[category]])
            continue
        fitting = by_category.get(category, [])
        if waits:  # a card that loads the knee like a held-back category waits with it
            fitting = [position for position in fitting if waits_with[position] not in waits]
        said_first = [first[category]] if category in first else []
        closest = fitting[: CARDS_PER_CATEGORY[category] - len(said_first)]
        chosen += [items[card] for card in said_first]
        chosen += [shown[position] for position in closest]
    return chosen


def held_back(kb: KnowledgeBase, level: TriageLevel) -> Mapping[AdviceCategory, str]:
    """The advice categories `level` holds back, each with the id of the card shown instead.

    Read from levels.yaml (`holds_back`; the loader checks each card is of its category and
    written for the level); empty for a level that holds nothing back (self-care).
    """
    return kb.levels[level].holds_back


def kept(
    kb: KnowledgeBase, level: TriageLevel, answers: Mapping[str, Any], codes: Codes | None = None
) -> Mapping[AdviceCategory, str]:
    """The categories `level` holds back that these answers keep, each with the card said first.

    A category is kept when the level names a card for it (levels.yaml `when_kept`), every
    rule that fired keeps it (rules.yaml `keeps`) and every other rule that would hold it
    back is decided false: one fired, or left open by an unknown answer, holds it. `codes`:
    the knowledge's tests evaluated for these answers, when the caller has them.
    """
    text = kb.levels[level]
    if not text.when_kept:
        return {}
    holding = _holding_rules(kb)
    if codes is None:
        truths = compiled(kb).rule_truths(answers)
        rule_ids = [rule.id for rule in kb.rules]
        return {
            category: card
            for category, card in text.when_kept.items()
            if all(truths[rule_ids[i]] is False for i in holding[category])
        }
    nodes = compiled(kb).trees.rule_nodes
    return {
        category: card
        for category, card in text.when_kept.items()
        if bool(np.all(codes[nodes[holding[category]]] == FALSE))
    }


def undecided_holds(
    kb: KnowledgeBase,
    level: TriageLevel,
    answers: Mapping[str, Any],
    truths: Mapping[str, bool | None] | None = None,
) -> set[str]:
    """Ids of the rules whose unknown truth alone holds back a category `level` would keep.

    For each category with a `when_kept` card at `level`: when no rule that would hold it
    is true, the holding rules still unknown (each would keep the hold until decided
    false, `kept`); empty when one is true (the hold stands whatever else is answered) or
    the level keeps nothing. `truths`: each rule's truth for these answers (`rule_truths`),
    when the caller has them.
    """
    when_kept = kb.levels[level].when_kept
    if not when_kept:
        return set()
    truths = compiled(kb).rule_truths(answers) if truths is None else truths
    rule_ids = [rule.id for rule in kb.rules]
    undecided: set[str] = set()
    for category in when_kept:
        holding = [rule_ids[i] for i in _holding_rules(kb)[category]]
        if not any(truths[rule] is True for rule in holding):
            undecided |= {rule for rule in holding if truths[rule] is None}
    return undecided


# Kept on the knowledge's instance, as knowledge/compiled.py keeps its compiled form: checked
# against the instance, so a copy with other rules works its own out.
_SLOT = "_kneewise_holding_rules"
_SITUATIONS = "_kneewise_card_situations"


_CARDS = "_kneewise_card_table"


def _cards(
    kb: KnowledgeBase,
) -> tuple[tuple[AdviceCategory, ...], tuple[AdviceCategory | None, ...], tuple[AdviceItem, ...]]:
    """Each card's category, the category it waits with and its output, by position in the
    file: read once, not from the card models on every plan."""
    found = kb.__dict__.get(_CARDS)
    if found is not None and found[0] is kb:
        return found[1]  # type: ignore[no-any-return]
    items = compiled(kb).advice_items
    table = (
        tuple(card.category for card in kb.advice),
        tuple(card.waits_with for card in kb.advice),
        tuple(items[card.id] for card in kb.advice),
    )
    kb.__dict__[_CARDS] = (kb, table)
    return table


def _situations(kb: KnowledgeBase) -> Mapping[int, Check]:
    """Each card's `only_if` test, compiled once, by the card's position in the file."""
    found = kb.__dict__.get(_SITUATIONS)
    if found is not None and found[0] is kb:
        return found[1]  # type: ignore[no-any-return]
    checks = {i: compile_predicate(card.only_if)
              for i, card in enumerate(kb.advice) if card.only_if is not None}  # fmt: skip
    kb.__dict__[_SITUATIONS] = (kb, checks)
    return checks


def _holding_rules(kb: KnowledgeBase) -> Mapping[AdviceCategory, npt.NDArray[np.intp]]:
    """For each category some level holds back, the places (file order) of the rules that
    hold it: at a level that holds it back, not keeping it."""
    found = kb.__dict__.get(_SLOT)
    if found is not None and found[0] is kb:
        return found[1]  # type: ignore[no-any-return]
    categories = {category for text in kb.levels.values() for category in text.holds_back}
    holding = {
        category: np.array(
            [
                place
                for place, rule in enumerate(kb.rules)
                if category in kb.levels[rule.level].holds_back
                and (rule.keeps is None or category not in rule.keeps.advice)
            ],
            dtype=np.intp,
        )
        for category in categories
    }
    kb.__dict__[_SLOT] = (kb, holding)
    return holding
