"""What a triage level holds back of the plan, and the card said in its place.

Every triage level x advice category is in the case table (plan_held_back.yaml): where a
doctor must check the knee first, training advice ("let the pain guide you", "coming back
step by step") is held back and one card says it waits; at self-care it still shows.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import assess, load_knowledge
from kneewise.assessment import AdviceItem
from kneewise.engine.plan import held_back
from kneewise.evaluation import load_vignettes
from kneewise.intake import parse_intake
from kneewise.knowledge.load import cross_check
from kneewise.knowledge.model import ADVICE_ORDER, TRIAGE_ORDER

KB = load_knowledge()
HERE = Path(__file__).parent
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "plan_held_back.yaml").read_text("utf-8"))
#: Every card a level shows in place of a category it holds back.
WAIT_CARDS = {card for level in KB.levels.values() for card in level.holds_back.values()}


def _by_category(advice: list[AdviceItem]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {category: [] for category in ADVICE_ORDER}
    for card in advice:
        found[card.category].append(card.id)
    return found


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_each_category_is_shown_held_back_or_absent_as_the_table_says(case: dict[str, Any]) -> None:
    assessment = assess(parse_intake(case["intake"], schema="kneewise.intake/2"), KB)
    assert assessment.triage.level == case["level"]
    shown = _by_category(assessment.advice)
    for category, expected in case["categories"].items():
        cards = shown[category]
        if expected == "held":
            waits = held_back(KB, case["level"])[category]
            assert cards == [waits], f"{category}: {cards}"
        elif expected == "shown":
            assert cards, f"{category}: no card shown"
            assert not set(cards) & WAIT_CARDS, f"{category}: {cards}"
        else:
            assert expected == "none", f"{case['id']}: unknown expectation {expected!r}"
            assert cards == [], f"{category}: {cards}"
    ids = [card.id for card in assessment.advice]
    assert set(case.get("cards", [])) <= set(ids), ids
    assert not set(case.get("not_cards", [])) & set(ids), ids


def test_every_level_and_category_is_in_the_table() -> None:
    covered = {(case["level"], category) for case in CASES for category in case["categories"]}
    assert covered == set(itertools.product(TRIAGE_ORDER, ADVICE_ORDER))
    said = {(c["level"], cat): e for c in CASES for cat, e in c["categories"].items()}
    # The table states the policy: held exactly where levels.yaml holds back, in both directions.
    for (level, category), expected in said.items():
        assert (expected == "held") == (category in KB.levels[level].holds_back), (level, category)


def test_training_waits_wherever_a_doctor_must_check_first_and_only_there() -> None:
    for level in TRIAGE_ORDER:
        held = "training" in held_back(KB, level)
        assert held == (level != "self_care"), level


@pytest.mark.parametrize(
    "vignette", load_vignettes(Path(__file__).parents[1] / "vignettes"), ids=lambda v: v.id
)
def test_no_plan_shows_a_held_back_card_or_a_stray_wait_card(vignette: Any) -> None:
    assessment = assess(vignette.intake, KB)
    held = held_back(KB, assessment.triage.level)
    for category, cards in _by_category(assessment.advice).items():
        if category in held:
            assert cards == [held[category]], f"{category}: {cards}"
        else:
            assert not set(cards) & WAIT_CARDS, f"{category}: {cards}"


@pytest.mark.parametrize(
    ("holds_back", "message"),
    [
        ({"training": "no_such_card"}, "not an advice card"),
        ({"training": "fa_kneecap_came_out"}, "a first_aid card"),
        ({"prevention": "pv_sleep"}, "a card not written for emergency"),
    ],
)
def test_the_loader_refuses_a_wait_card_that_does_not_fit(
    holds_back: dict[str, str], message: str
) -> None:
    emergency = KB.levels["emergency"].model_copy(update={"holds_back": holds_back})
    broken = KB.model_copy(update={"levels": {**KB.levels, "emergency": emergency}})
    problems = [p for p in cross_check(broken) if p.startswith("levels.yaml emergency")]
    assert len(problems) == 1 and message in problems[0], problems
    assert not [p for p in cross_check(KB) if p.startswith("levels.yaml")]
