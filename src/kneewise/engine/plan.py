"""Which advice cards make up a person's plan, and in what order."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kneewise.assessment import AdviceItem, RankedCondition
from kneewise.engine.logic import holds
from kneewise.knowledge.model import ADVICE_ORDER, AdviceCard, KnowledgeBase, TriageLevel

# A condition shapes the plan only when it is plausible enough to act on.
PLAN_TOP_CONDITIONS = 3
PLAN_MIN_PROBABILITY = 0.10


def likely_conditions(ranked: list[RankedCondition]) -> set[str]:
    """Ids of the conditions the plan should speak to."""
    top = ranked[:PLAN_TOP_CONDITIONS]
    return {c.id for c in top if c.probability >= PLAN_MIN_PROBABILITY}


def _shown(
    card: AdviceCard, level: TriageLevel, likely: set[str], answers: Mapping[str, Any]
) -> bool:
    if level not in card.levels:
        return False
    if card.always or likely.intersection(card.conditions):
        return True
    return card.when is not None and holds(card.when, answers) is True


def plan(
    kb: KnowledgeBase,
    level: TriageLevel,
    ranked: list[RankedCondition],
    answers: Mapping[str, Any],
) -> list[AdviceItem]:
    """The advice cards for this person, grouped by category in a fixed order."""
    likely = likely_conditions(ranked)
    cards = [card for card in kb.advice if _shown(card, level, likely, answers)]
    cards.sort(key=lambda card: ADVICE_ORDER.index(card.category))
    return [
        AdviceItem(id=c.id, category=c.category, title=c.title, text=c.text, sources=c.sources)
        for c in cards
    ]
