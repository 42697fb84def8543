"""Rules added after trials, each with cases where it fires, stays quiet or is left open.

new_signs_cases.yaml: new confusion where an infection may be, and a lump on the bone. A
"don't know" or an unanswered question keeps the emergency rule open (listed as not ruled
out), never "no"; the interview asks it when the knee may be infected.
retrial_rule_cases.yaml: a dip by the kneecap or a high kneecap after an injury is urgent;
pain out of proportion after an injury or a session with pins and needles or a numb foot
is an emergency; a catch told painless is not a painful catch; 16 or under with no age
told (is_child) fires the child rules, a told age or a "no" decides them (round 16a).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import assess, load_knowledge
from kneewise.intake import parse_intake
from kneewise.interview import Evidence, Result, next_step

KB = load_knowledge()
CASES: list[dict[str, Any]] = [
    case
    for table in ("new_signs_cases.yaml", "retrial_rule_cases.yaml")
    for case in yaml.safe_load((Path(__file__).parent / table).read_text(encoding="utf-8"))
]


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


@pytest.mark.parametrize(("answer", "level"), [(True, "emergency"), (None, "urgent")])
def test_the_interview_asks_about_confusion_for_a_hot_swollen_knee(
    answer: bool | None, level: str
) -> None:
    """Every other question "don't know": confusion is asked; its "don't know" keeps it open."""
    answers: dict[str, Any] = {"age": 75, "swollen": True, "warm": True, "mechanism": "none"}
    unknown: list[str] = []
    screens: list[str] = []
    asked = False
    for _ in range(80):
        step = next_step(
            Evidence.model_validate({"answers": answers, "unknown": unknown, "screens": screens}),
            KB,
        )
        if isinstance(step, Result):
            assert asked, "the interview never asked about new confusion"
            triage = step.assessment.triage
            assert triage.level == level
            if answer is None:
                assert "new_confusion_with_possible_infection" in [
                    rule.id for rule in triage.not_ruled_out()
                ]
            return
        screens = [*screens, step.id]
        if "confused_or_drowsy" in step.fields and answer is not None:
            asked = True
            answers = {**answers, "confused_or_drowsy": answer}
            continue
        asked = asked or "confused_or_drowsy" in step.fields
        unknown = [*unknown, *(f for f in step.fields if f not in answers)]
    raise AssertionError("the interview never ended")
