"""Each triage rule fires where its source says, and only there (tests/engine/rule_cases.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import load_knowledge
from kneewise.engine.logic import holds
from kneewise.intake import parse_intake

KB = load_knowledge()
RULES = {rule.id: rule for rule in KB.rules}
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "rule_cases.yaml").read_text(encoding="utf-8")
)


def test_every_rule_has_a_firing_and_a_quiet_case() -> None:
    assert sorted(case["rule"] for case in CASES) == sorted(RULES)


@pytest.mark.parametrize("case", CASES, ids=[case["rule"] for case in CASES])
def test_the_rule_fires_on_its_case(case: dict[str, Any]) -> None:
    answers = parse_intake(case["fires"]).known()
    assert holds(RULES[case["rule"]].when, answers) is True


@pytest.mark.parametrize("case", CASES, ids=[case["rule"] for case in CASES])
def test_the_rule_stays_quiet_on_its_near_miss(case: dict[str, Any]) -> None:
    answers = parse_intake(case["quiet"]).known()
    assert holds(RULES[case["rule"]].when, answers) is False, case["why"]
