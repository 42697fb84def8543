"""Which advice cards make up a person's plan, and in what order."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kneewise.assessment import AdviceItem, RankedCondition
from kneewise.engine.logic import Check
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.model import (
    ADVICE_ORDER,
    AdviceCard,
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


def _specificity(
    card: AdviceCard, check: Check | None, likely: list[str], answers: Mapping[str, Any]
) -> int | None:
    """How closely a card shown at this level fits this person (lower is closer); None if
    it does not apply.

    A card triggered by what the person said comes first, then cards for the
    likely causes in their order, then cards shown to everyone.
    """
    if check is not None and check(answers) is True:
        return 0
    ranks = [likely.index(c) for c in card.conditions if c in likely]
    if ranks:
        return 1 + min(ranks)
    return 1 + len(likely) if card.always else None


def plan(
    kb: KnowledgeBase,
    level: TriageLevel,
    ranked: list[RankedCondition],
    answers: Mapping[str, Any],
) -> list[AdviceItem]:
    """The advice cards for this person, grouped by category in a fixed order."""
    likely = likely_conditions(ranked)
    # The cards shown at this level, each `when` compiled once (knowledge/compiled.py).
    fitting = [
        (fit, i, card)
        for i, card, check in compiled(kb).advice_by_level[level]
        if (fit := _specificity(card, check, likely, answers)) is not None
    ]
    cards: list[AdviceCard] = []
    for category in ADVICE_ORDER:
        chosen = sorted(f for f in fitting if f[2].category == category)
        cards += [card for _, _, card in chosen[: CARDS_PER_CATEGORY[category]]]
    items = compiled(kb).advice_items  # each card's output, validated once and shared
    return [items[c.id] for c in cards]
