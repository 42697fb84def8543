"""New confusion where an infection may be, and a lump on the bone (new_signs_cases.yaml).

A "don't know" or an unanswered question keeps the emergency rule open (listed as not
ruled out), never "no"; the interview asks it when the knee may be infected.
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
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "new_signs_cases.yaml").read_text(encoding="utf-8")
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
