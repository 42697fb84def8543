"""Red-flag rules → triage level. The most urgent rule that holds wins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kneewise.assessment import FiredRule, Triage
from kneewise.engine.logic import holds
from kneewise.knowledge.model import TRIAGE_ORDER, KnowledgeBase, TriageLevel

NO_FLAG_REASON = "None of the warning signs kneewise checks for is present in your answers."


def urgency(level: TriageLevel) -> int:
    """0 for self_care up to 3 for emergency."""
    return TRIAGE_ORDER.index(level)


def fired_rules(kb: KnowledgeBase, answers: Mapping[str, Any]) -> list[FiredRule]:
    """Every rule whose test is true, most urgent first (file order within a level)."""
    fired = [
        FiredRule(id=r.id, level=r.level, title=r.title, reason=r.reason, sources=r.sources)
        for r in kb.rules
        if holds(r.when, answers) is True
    ]
    return sorted(fired, key=lambda rule: -urgency(rule.level))


def triage_level(rules: list[FiredRule]) -> TriageLevel:
    """The most urgent level among fired rules; self_care when none fired."""
    return max((r.level for r in rules), key=urgency, default="self_care")


def triage(kb: KnowledgeBase, answers: Mapping[str, Any]) -> Triage:
    """Triage for these answers, with the reasons a person can read."""
    rules = fired_rules(kb, answers)
    level = triage_level(rules)
    reasons = [r.reason for r in rules] or [NO_FLAG_REASON]
    return Triage(level=level, headline=kb.levels[level].headline, reasons=reasons, rules=rules)
