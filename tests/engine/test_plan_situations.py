"""Advice for a situation the person said did not happen is never in their plan.

Found on a hot, red knee with gout that swelled overnight with no injury: the injury
first-aid card (PEACE) came first under "What to do now", chosen by the sudden start.
A card's `only_if` (advice.yaml) names what its advice is for; cases in
plan_situation_cases.yaml, each through the real `assess`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import assess, load_knowledge
from kneewise.intake import parse_intake
from kneewise.knowledge.load import cross_check
from kneewise.knowledge.model import FieldTest

KB = load_knowledge()
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "plan_situation_cases.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_a_card_is_shown_only_where_its_situation_is_not_ruled_out(case: dict[str, Any]) -> None:
    intake = parse_intake({"schema": "kneewise.intake/2", **case["intake"]})
    shown = {card.id for card in assess(intake, KB).advice}
    missing = [card for card in case.get("shown", []) if card not in shown]
    wrong = [card for card in case.get("not_shown", []) if card in shown]
    assert (missing, wrong) == ([], []), case["why"]


def test_a_situation_naming_an_unknown_field_is_refused_by_the_loader() -> None:
    kneeish = FieldTest.model_validate({"field": "kneeish", "is": True})
    card = KB.advice[0].model_copy(update={"only_if": kneeish})
    broken = KB.model_copy(update={"advice": [card, *KB.advice[1:]]})
    problems = [p for p in cross_check(broken) if "only_if" in p]
    assert len(problems) == 1 and "kneeish" in problems[0], problems
