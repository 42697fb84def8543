"""A kneecap that slipped out: the see-a-doctor rule and its first-aid card follow when.

Cases in kneecap_timing.yaml: this time (first or repeat) fires, a timing not known keeps
the rule, long ago and not this time lifts it (other rules still read the rest). The
interview asks when, and an answer "not this time" is a plain intake answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import assess, load_knowledge
from kneewise._errors import IntakeError
from kneewise.intake import parse_intake
from kneewise.interview import Evidence, next_step

KB = load_knowledge()
RULE, CARD = "kneecap_slipped_out_and_back", "fa_kneecap_came_out"
FIELD = "kneecap_slipped_out_this_time"
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "kneecap_timing.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_the_rule_and_card_follow_when_the_kneecap_came_out(case: dict[str, Any]) -> None:
    assessment = assess(parse_intake(case["intake"], schema="kneewise.intake/2"), KB)
    assert assessment.triage.level == case["level"]
    assert (RULE in [rule.id for rule in assessment.triage.rules]) == case["fires"]
    assert (CARD in [card.id for card in assessment.advice]) == case["first_aid"]


def test_came_out_this_time_says_it_came_out() -> None:
    intake = parse_intake({FIELD: True}, schema="kneewise.intake/2")
    assert intake.known()["kneecap_slipped_out"] is True


def test_a_timing_for_a_kneecap_that_never_came_out_is_refused_by_name() -> None:
    with pytest.raises(IntakeError) as refused:
        parse_intake({"kneecap_slipped_out": False, FIELD: False}, schema="kneewise.intake/2")
    assert FIELD in str(refused.value) and "kneecap_slipped_out is false" in str(refused.value)


def _interview(when: bool | None) -> Any:
    """Every question answered "don't know" but when the kneecap came out (`when`)."""
    answers: dict[str, Any] = {"age": 16, "kneecap_slipped_out": True}
    unknown: list[str] = []
    screens: list[str] = []
    asked = False
    for _ in range(80):
        evidence = Evidence.model_validate(
            {"answers": answers, "unknown": unknown, "screens": screens}
        )
        step = next_step(evidence, KB)
        if not hasattr(step, "fields"):
            assert asked, "the interview never asked when the kneecap came out"
            return step.assessment
        screens = [*screens, step.id]
        if FIELD in step.fields:
            asked = True
            if when is None:
                unknown = [*unknown, FIELD]
            else:
                answers = {**answers, FIELD: when}
            continue
        unknown = [*unknown, *(f for f in step.fields if f not in answers)]
    raise AssertionError("the interview never ended")


@pytest.mark.parametrize(("when", "fires"), [(True, True), (None, True), (False, False)])
def test_the_interview_asks_when_and_only_not_this_time_lifts_the_rule(
    when: bool | None, fires: bool
) -> None:
    assessment = _interview(when)
    assert (RULE in [rule.id for rule in assessment.triage.rules]) == fires
    assert (assessment.triage.level == "see_doctor") == fires
