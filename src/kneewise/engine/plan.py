"""Which advice cards make up a person's plan, and in what order.

A triage level may hold back whole categories of advice (levels.yaml `holds_back`): at
see-a-doctor and above, training advice such as "let the pain guide you" would read as
"carry on training" beside "have the knee checked first". A held-back category never
vanishes without a word: the card the level names for it ("advice on training waits until
your knee has been checked") takes its place, in the same spot of the plan, so every output
that shows the plan says it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kneewise.assessment import AdviceItem, RankedCondition
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.forest import Codes
from kneewise.knowledge.leaves import TRUE
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
    fit: dict[int, int] = {}  # by the card's position in the file
    if codes is None:
        for position, check in cards.triggered:
            if check(answers) is True:
                fit[position] = 0
    else:
        found = codes[known.shown.card_nodes_by_level[level]].tolist()
        for (position, _), truth in zip(cards.triggered, found, strict=True):
            if truth == TRUE:
                fit[position] = 0
    for rank, condition in enumerate(likely):  # the likeliest cause a card names counts
        for position in cards.for_condition.get(condition, ()):
            fit.setdefault(position, 1 + rank)
    for position in cards.always:
        fit.setdefault(position, 1 + len(likely))
    every = kb.advice
    by_category: dict[AdviceCategory, list[tuple[int, int]]] = {}
    for position, closeness in fit.items():
        by_category.setdefault(every[position].category, []).append((closeness, position))
    items = known.advice_items  # each card's output, validated once and shared
    waits = held_back(kb, level)
    chosen: list[AdviceItem] = []
    for category in ADVICE_ORDER:
        if category in waits:
            chosen.append(items[waits[category]])
            continue
        closest = sorted(by_category.get(category, ()))[: CARDS_PER_CATEGORY[category]]
        chosen += [items[every[position].id] for _, position in closest]
    return chosen


def held_back(kb: KnowledgeBase, level: TriageLevel) -> Mapping[AdviceCategory, str]:
    """The advice categories `level` holds back, each with the id of the card shown instead.

    Read from levels.yaml (`holds_back`; the loader checks each card is of its category and
    written for the level); empty for a level that holds nothing back (self-care).
    """
    return kb.levels[level].holds_back
