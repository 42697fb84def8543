"""What a fired warning sign keeps shown (rule_suspects.yaml, shortlist_cases.yaml).

Every rule is reviewed against its guideline: a must-not-miss condition its sources or reason
name to rule out is in its `suspects`, so a likelier cause (gout) never pushes it out of the
first three causes (trial F7); an operated knee that turns hot years later keeps its infection
shown (F6).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import assess, load_knowledge
from kneewise.intake import parse_intake
from kneewise.knowledge.model import TRIAGE_ORDER

KB = load_knowledge()
HERE = Path(__file__).parent
SUSPECTS: list[dict[str, Any]] = yaml.safe_load(
    (HERE / "rule_suspects.yaml").read_text(encoding="utf-8")
)
CASES: list[dict[str, Any]] = yaml.safe_load(
    (HERE / "shortlist_cases.yaml").read_text(encoding="utf-8")
)


def test_every_rule_is_reviewed_once() -> None:
    listed = [entry["rule"] for entry in SUSPECTS]
    assert sorted(listed) == sorted(rule.id for rule in KB.rules)
    assert len(listed) == len(set(listed))


@pytest.mark.parametrize("entry", SUSPECTS, ids=lambda entry: entry["rule"])
def test_a_rule_suspects_what_its_guideline_names(entry: dict[str, Any]) -> None:
    rule = next(rule for rule in KB.rules if rule.id == entry["rule"])
    assert rule.suspects == entry["suspects"], entry["why"]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_a_fired_warning_sign_keeps_its_condition_shown(case: dict[str, Any]) -> None:
    assessment = assess(parse_intake(case["intake"], schema="kneewise.intake/2"), KB)
    if "level" in case:
        assert assessment.triage.level == case["level"]
    if "most_urgent" in case:
        level = TRIAGE_ORDER.index(assessment.triage.level)
        assert level <= TRIAGE_ORDER.index(case["most_urgent"])
    first = {c.id: c for c in assessment.conditions[:3]}
    every = {c.id: c for c in assessment.conditions}
    for condition, rule in case.get("kept", {}).items():
        assert condition in first, [c.id for c in assessment.conditions[:3]]
        assert rule in first[condition].kept_by
        assert first[condition].for_[0].startswith("A warning sign you told us about")
    for condition in case.get("not_kept", []):
        assert condition not in every or not every[condition].kept_by
    for condition in case.get("not_top3", []):
        assert condition not in first
    fired = {rule.id for rule in assessment.triage.rules}
    assert not fired & set(case.get("rules_quiet", []))
