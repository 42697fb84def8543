"""Three triage rules a re-trial found wanting (tests/engine/retrial_rule_cases.yaml).

A dip by the kneecap or a high kneecap after an injury is urgent; pain out of proportion
after an injury or a session with pins and needles or a numb foot is an emergency; a
catch told painless is not a painful catch. An unknown answer leaves a rule open, never no.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import assess, load_knowledge
from kneewise.intake import parse_intake

KB = load_knowledge()
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "retrial_rule_cases.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_level_rule_and_shortlist(case: dict[str, Any]) -> None:
    assessment = assess(parse_intake(case["intake"], schema="kneewise.intake/2"), KB)
    triage = assessment.triage
    fired = case["rule"] in [rule.id for rule in triage.rules]
    left_open = case["rule"] in [rule.id for rule in triage.undecided]
    assert (fired, left_open) == (case["state"] == "fired", case["state"] == "open")
    assert triage.level == case["level"]
    if "top3" in case:
        assert case["top3"] in [c.id for c in assessment.conditions[:3]]
