"""What a triage level holds back of the plan, and the card said in its place.

Every triage level x advice category is in the case table (plan_held_back.yaml): where a
doctor must check the knee first, training advice ("let the pain guide you", "coming back
step by step") is held back and one card says it waits; at self-care it still shows. A rule
whose sources say training goes on (overload pain for six weeks) keeps it, unless another
rule that would hold it fired or is open; cards of other categories that ask for more load
("build up training gradually") wait with training.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import assess, load_knowledge
from kneewise.assessment import AdviceItem
from kneewise.engine.logic import holds
from kneewise.engine.plan import CARDS_PER_CATEGORY, held_back, plan
from kneewise.evaluation import load_vignettes
from kneewise.intake import parse_intake
from kneewise.knowledge.load import cross_check
from kneewise.knowledge.model import ADVICE_ORDER, TRIAGE_ORDER, Keeps

KB = load_knowledge()
HERE = Path(__file__).parent
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "plan_held_back.yaml").read_text("utf-8"))
ACL_TRIAL = "frobell2010_acl_rct"  # a real source, for the loader's checks
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
        elif expected == "kept":
            first = KB.levels[case["level"]].when_kept[category]
            assert cards[0] == first and len(cards) > 1, f"{category}: {cards}"
            assert len(cards) <= CARDS_PER_CATEGORY[category], cards
            assert not set(cards) & WAIT_CARDS, f"{category}: {cards}"
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
    # The table states the policy: held (or kept by a rule) exactly where levels.yaml holds
    # back, in both directions; and some case keeps each category a level may keep.
    for (level, category), expected in said.items():
        holding = category in KB.levels[level].holds_back
        assert (expected in ("held", "kept")) == holding, (level, category)
    kept = {(c["level"], cat) for c in CASES for cat, e in c["categories"].items() if e == "kept"}
    assert kept == {(lvl, cat) for lvl, text in KB.levels.items() for cat in text.when_kept}


def test_training_waits_wherever_a_doctor_must_check_first_and_only_there() -> None:
    for level in TRIAGE_ORDER:
        held = "training" in held_back(KB, level)
        assert held == (level != "self_care"), level


@pytest.mark.parametrize(
    "vignette", load_vignettes(Path(__file__).parents[1] / "vignettes"), ids=lambda v: v.id
)
def test_no_plan_shows_a_held_back_card_or_a_stray_wait_card(vignette: Any) -> None:
    assessment = assess(vignette.intake, KB)
    level, answers = assessment.triage.level, vignette.intake.known()
    held, kept_by_level = held_back(KB, level), KB.levels[level].when_kept
    held_here = set()
    for category, cards in _by_category(assessment.advice).items():
        # Read from the rules' own tests (engine/logic.holds): any rule that would hold the
        # category, fired or open, holds it; only where none does is the level's card said.
        holding = [
            rule.id
            for rule in KB.rules
            if category in KB.levels[rule.level].holds_back
            and (rule.keeps is None or category not in rule.keeps.advice)
            and holds(rule.when, answers) is not False
        ]
        if category in held and (holding or category not in kept_by_level):
            assert cards == [held[category]], f"{category}: {cards} ({holding})"
            held_here.add(category)
        elif category in held:
            assert cards[0] == kept_by_level[category], cards
        else:
            assert not set(cards) & WAIT_CARDS, f"{category}: {cards}"
    waiting = {card.id for card in KB.advice if card.waits_with in held_here}
    assert not [card.id for card in assessment.advice if card.id in waiting]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_the_plan_read_from_the_answers_is_the_plan_read_from_the_codes(
    case: dict[str, Any],
) -> None:
    intake = parse_intake(case["intake"], schema="kneewise.intake/2")
    assessment = assess(intake, KB)
    level = assessment.triage.level
    alone = plan(KB, level, assessment.conditions, intake.known())  # no codes: rule_truths
    assert [card.id for card in alone] == [card.id for card in assessment.advice]


def test_a_rule_that_catches_a_must_not_miss_cause_keeps_nothing() -> None:
    # A tumour, an infection or a broken bone is never trained through: the rules there to
    # catch one (`suspects`) and every urgent or emergency rule hold all they hold.
    for rule in KB.rules:
        if rule.suspects or rule.level in ("urgent", "emergency"):
            assert rule.keeps is None, rule.id
    keeping = [rule for rule in KB.rules if rule.keeps is not None]
    assert keeping, "no rule keeps training: the overload rule's sources say it goes on"
    for rule in keeping:
        assert rule.keeps is not None and rule.keeps.sources and rule.keeps.note


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


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("rule", "giving_way", {"advice": ["training"], "note": "x", "sources": ["nope"]}),
         "rule giving_way: keeps: cites unknown source 'nope'"),
        (("rule", "giving_way", {"advice": ["myth"], "note": "x", "sources": [ACL_TRIAL]}),
         "rule giving_way: keeps myth, which see_doctor does not hold back"),
        (("rule", "cannot_walk_four_steps", {"advice": ["training"], "note": "x",
                                             "sources": [ACL_TRIAL]}),
         "rule cannot_walk_four_steps: keeps training, and levels.yaml urgent has no when_kept"),
        (("card", "pv_sleep", "prevention"), "advice pv_sleep: waits with prevention"),
        (("card", "pv_sleep", "myth"), "advice pv_sleep: waits with myth"),
        (("level", "see_doctor", {"training": "tr_pain_monitoring", "myth": "myth_total_rest"}),
         "levels.yaml see_doctor: keeps myth with 'myth_total_rest', a category it does not"),
    ],
)  # fmt: skip
def test_the_loader_refuses_a_keep_or_a_wait_that_does_not_fit(
    change: tuple[str, str, Any], message: str
) -> None:
    kind, name, value = change
    if kind == "rule":
        keeps = Keeps.model_validate(value)
        rules = [r.model_copy(update={"keeps": keeps}) if r.id == name else r for r in KB.rules]
        broken = KB.model_copy(update={"rules": rules})
    elif kind == "card":
        cards = [
            c.model_copy(update={"waits_with": value}) if c.id == name else c for c in KB.advice
        ]
        broken = KB.model_copy(update={"advice": cards})
    else:
        level = KB.levels[name].model_copy(update={"when_kept": value})
        broken = KB.model_copy(update={"levels": {**KB.levels, name: level}})
    problems = list(cross_check(broken))
    assert len(problems) == 1 and problems[0].startswith(message), problems
