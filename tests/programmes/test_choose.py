"""Which programme fits an assessment: never on urgent or emergency, the leading condition's own
programme only when the differential is sure enough, else the general one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kneewise import assess, load_knowledge
from kneewise.assessment import Assessment
from kneewise.evaluation import load_vignettes
from kneewise.programmes.choose import SURE_ENOUGH, UNLOAD_FIRST, offer, programme_for
from kneewise.programmes.load import load_library

LIBRARY = load_library()
KB = load_knowledge()
CONDITION_IDS = sorted(KB.conditions)
VIGNETTES = load_vignettes(Path(__file__).parents[1] / "vignettes")
WITHHOLD_CASES = yaml.safe_load((Path(__file__).parent / "withhold_cases.yaml").read_text())
SEE_SOMEONE_FIRST = {c for c, known in KB.conditions.items() if known.must_not_miss} | UNLOAD_FIRST


def _assessment(
    level: str,
    conditions: list[tuple[str, float, bool]],
    open_levels: list[str] = (),  # type: ignore[assignment]
    open_rules: list[tuple[str, str]] = (),  # type: ignore[assignment]
    dont_know: bool = False,
) -> Assessment:
    raw: dict[str, Any] = {
        "triage": {
            "level": level,
            "headline": "h",
            "reasons": [],
            "rules": [],
            "undecided": [
                {"id": f"open_{i}", "level": lv, "title": "Knee giving way", "questions": ["q"],
                 "fields": ["f"], "dont_know": ["f"] if dont_know else []}
                for i, lv in enumerate(open_levels)
            ] + [
                {"id": rid, "level": lv, "title": "Leg clot signs", "questions": ["q"],
                 "fields": ["f"]}
                for rid, lv in open_rules
            ],
        },
        "conditions": [
            {"id": cid, "name": KB.conditions[cid].name, "icd10": [], "probability": p,
             "description": "", "for": [], "against": [], "evidence": [], "sources": [],
             "kept_by": ["some_rule"] if kept else []}
            for cid, p, kept in conditions
        ],
        "advice": [],
        "sources": [],
        "answered": 10,
    }  # fmt: skip
    return Assessment.model_validate(raw)


conditions_strategy = st.lists(
    st.tuples(st.sampled_from(CONDITION_IDS), st.floats(0, 1), st.booleans()),
    max_size=5,
    unique_by=lambda c: c[0],
).map(lambda cs: sorted(cs, key=lambda c: -c[1]))


@settings(max_examples=200, deadline=None)
@given(level=st.sampled_from(["urgent", "emergency"]), conditions=conditions_strategy)
def test_never_offered_on_an_urgent_or_emergency_assessment(
    level: str, conditions: list[tuple[str, float, bool]]
) -> None:
    result = offer(_assessment(level, conditions), LIBRARY)
    assert result.programme is None
    assert result.alternatives == ()
    assert "seen by a doctor" in result.reason


@settings(max_examples=200, deadline=None)
@given(
    level=st.sampled_from(["self_care", "see_doctor"]),
    conditions=conditions_strategy,
    open_levels=st.lists(st.sampled_from(["urgent", "emergency"]), min_size=1, max_size=2),
)
def test_never_offered_while_a_serious_warning_sign_is_unasked(
    level: str, conditions: list[tuple[str, float, bool]], open_levels: list[str]
) -> None:
    result = offer(_assessment(level, conditions, open_levels), LIBRARY)
    assert result.programme is None
    assert "not been asked" in result.reason


@settings(max_examples=200, deadline=None)
@given(
    level=st.sampled_from(["self_care", "see_doctor"]),
    conditions=conditions_strategy,
    open_levels=st.lists(st.sampled_from(["urgent", "emergency"]), min_size=1, max_size=2),
)
def test_a_warning_sign_answered_dont_know_needs_a_clinician_not_more_questions(
    level: str, conditions: list[tuple[str, float, bool]], open_levels: list[str]
) -> None:
    """Asked and answered "I don't know": never "not asked" (the interview asks no more)."""
    result = offer(_assessment(level, conditions, open_levels, dont_know=True), LIBRARY)
    assert result.programme is None
    assert "don't know" in result.reason and "not been asked" not in result.reason
    assert "doctor or physiotherapist" in result.reason
    assert result.clinician_first  # starting one by hand then needs `cleared`
    assert result.alternatives  # the person can still choose, once a clinician has looked


@settings(max_examples=300, deadline=None)
@given(level=st.sampled_from(["self_care", "see_doctor"]), conditions=conditions_strategy)
def test_the_offer_follows_the_rules(level: str, conditions: list[tuple[str, float, bool]]) -> None:
    result = offer(_assessment(level, conditions), LIBRARY)
    leading = conditions[0] if conditions else None
    if any(cid in SEE_SOMEONE_FIRST for cid, _, _ in conditions[:3]):
        assert result.programme is None
        assert "doctor's check first" in result.reason
    elif leading and leading[1] >= SURE_ENOUGH:
        own = programme_for(leading[0], LIBRARY)
        assert result.programme == own
        assert KB.conditions[leading[0]].name.lower() in result.reason
    elif any(kept for _, _, kept in conditions):
        assert result.programme is None
        assert "ruled out" in result.reason
    else:
        assert result.programme is not None and result.programme.id == "general_knee"
        assert "No cause is clear enough" in result.reason
    if result.programme is not None:
        assert result.programme not in result.alternatives
        assert ("until you are seen" in result.reason) == (level == "see_doctor")


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_real_assessments_of_every_vignette(vignette: Any) -> None:
    assessment = assess(vignette.intake, KB)
    result = offer(assessment, LIBRARY)
    if assessment.triage.level in ("urgent", "emergency"):
        assert result.programme is None
    if result.programme is not None:
        assert assessment.triage.level in ("self_care", "see_doctor")
        assert not assessment.triage.not_ruled_out()


@pytest.mark.parametrize("case", WITHHOLD_CASES, ids=lambda c: c["id"])
def test_withheld_while_a_cause_that_must_not_be_missed_is_shown(case: dict[str, Any]) -> None:
    conditions = [(cid, p, False) for cid, p in case["conditions"]]
    open_rules = [tuple(r) for r in case.get("undecided", [])]
    result = offer(_assessment(case["level"], conditions, open_rules=open_rules), LIBRARY)
    if case["withheld"]:
        assert result.programme is None
        assert "see a doctor" in result.reason.lower()
        assert case.get("names", "").lower() in result.reason.lower()
        assert result.alternatives  # the person may still choose, once seen (--cleared)
    else:
        assert result.programme is not None
        assert "doctor's check first" not in result.reason
