"""Below the youngest age of the priors no cause is listed: nothing said around it claims one.

Newcomer's trial (round 17e): a 2-year-old's result said kneewise stopped because "the likely
causes are clear" while it listed no cause (`Assessment.conditions_withheld`). The real
interview and knowledge, no mocks.
"""

from __future__ import annotations

from typing import Any

from kneewise.interview import NO_CAUSES_LISTED, Evidence, Question, Result, next_step
from kneewise.knowledge.load import load_knowledge

#: A toddler's answers with which the ranking stopped with "the likely causes are clear".
TODDLER: dict[str, Any] = {
    "age": 2, "fever": False, "unwell": False, "confused_or_drowsy": False, "warm": False,
    "red": False, "deformity": False, "wound": True, "recent_knee_injection": False,
    "sickle_cell_disease": False, "pain_not_eased_by_painkillers": False, "swollen": False,
    "had_knee_surgery": False, "calf_swelling": False, "breathless_or_chest_pain": False,
    "dark_urine": False, "muscles_very_swollen": False, "shin_tense_and_swollen": False,
    "pain_out_of_proportion": False, "foot_numb_or_cold": False,
    "saddle_numbness_or_bladder": False, "mechanism": "none",
    "cannot_straighten_or_lift_leg": False,
    "dip_by_kneecap": False, "kneecap_sits_higher": False, "can_walk_4_steps": True,
    "locking": "intermittent", "pain_when_leg_moved": False, "location": ["outer"],
    "worse_with": ["walking"], "onset": "sudden", "giving_way": True, "catching": False,
    "crepitus": False, "kneecap_slipped_out": False, "back_pain": False,
    "shooting_leg_pain": False, "hip_pain_or_limp": False, "bruising": False,
    "can_bend_90": False, "pain_worst": 1,
}  # fmt: skip


def _result(answers: dict[str, Any]) -> Result:
    kb = load_knowledge()
    unknown: list[str] = []
    for _ in range(80):  # "don't know" to whatever is still asked
        step = next_step(Evidence(answers=answers, unknown=unknown), kb)
        if not isinstance(step, Question):
            return step
        unknown += step.fields
    raise AssertionError("the result never came")


def test_a_toddlers_result_claims_no_cause_and_no_answer_to_change_them() -> None:
    result = _result(TODDLER)
    assert result.assessment.conditions == [] and result.assessment.conditions_withheld
    assert "cause" not in result.stopped_because, result.stopped_because
    assert result.next_question_would_change is None


def test_the_same_answers_at_five_keep_the_rankings_own_reason() -> None:
    # Only where causes are withheld is the ranking's reason replaced.
    result = _result({**TODDLER, "age": 5})
    assert result.assessment.conditions and result.assessment.conditions_withheld is None
    assert result.stopped_because != NO_CAUSES_LISTED
