"""The adaptive interview: red flags first, few questions, same answers as full intake."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from kneewise import load_knowledge
from kneewise.evaluation import evaluate, load_vignettes
from kneewise.evaluation.interview import InterviewReport, evaluate_interview
from kneewise.interview import Evidence, Question, Result, next_step

VIGNETTES = load_vignettes(Path(__file__).parents[1] / "vignettes")
KB = load_knowledge()


@pytest.fixture(scope="module")
def interviewed() -> InterviewReport:
    return evaluate_interview(VIGNETTES, KB)


def test_first_question_screens_a_red_flag() -> None:
    step = next_step(Evidence(), KB)
    assert isinstance(step, Question)
    assert step.red_flag
    assert step.rationale and step.text


def test_questions_carry_type_help_and_choices() -> None:
    step = next_step(Evidence(), KB)
    assert isinstance(step, Question)
    assert step.type in {"yes_no", "one_of", "several_of", "number", "tick_any"}
    if step.type == "one_of":
        assert step.choices


def test_an_emergency_answer_is_never_left_unscreened() -> None:
    evidence = Evidence(answers={"foot_numb_or_cold": True, "deformity": True,
                                 "mechanism": "twist"})  # fmt: skip
    assert _finish(evidence).assessment.triage.level == "emergency"


def _finish(evidence: Evidence) -> Result:
    """Answer "don't know" to everything still asked."""
    step = next_step(evidence, KB)
    while isinstance(step, Question):
        evidence = Evidence(answers=evidence.answers, unknown=[*evidence.unknown, *step.fields])
        step = next_step(evidence, KB)
    return step


def test_changing_an_answer_recomputes_from_there() -> None:
    injured = {"age": 30, "mechanism": "twist", "pop": True, "swelling": "within_2h"}
    before = _finish(Evidence(answers=injured))
    assert before.assessment.triage.level == "urgent"
    assert before.assessment.conditions[0].id == "acl_tear"
    after = _finish(Evidence(answers={**injured, "swelling": "none", "pop": False,
                                      "mechanism": "none", "onset": "gradual"}))  # fmt: skip
    assert after.assessment.triage.level != "urgent"
    assert after.assessment.conditions[0].id != "acl_tear"


def test_bad_evidence_is_refused_with_the_field_named() -> None:
    with pytest.raises(ValidationError, match="pain_now"):
        Evidence(answers={"pain_now": 14})
    with pytest.raises(ValidationError, match="kneeish"):
        Evidence(unknown=["kneeish"])


def test_result_says_how_sure_it_is() -> None:
    answers = {"age": 24, "activities": ["football"], "mechanism": "twist", "pop": True,
               "swelling": "within_2h", "giving_way": True}  # fmt: skip
    unknown = [f for f in KB.questions if f.field not in answers]
    step = next_step(Evidence(answers=answers, unknown=[q.field for q in unknown]), KB)
    assert isinstance(step, Result)
    assert 0 < step.confidence <= 1
    assert step.stopped_because


def test_median_questions_at_most_14(interviewed: InterviewReport) -> None:
    # What a person must answer before seeing their result; the optional questions
    # after an urgent or emergency result are theirs to skip. It was 12 on the 109
    # vignettes of the morning of 30 November 2026, and still is with the screens asked
    # after the budget. Seven long cases joined the set since (the four of
    # tests/vignettes/interview_budget.yaml, 20 to 24 screens; three patellar dislocations
    # that went back, 19 each): on the 116 the interview gives 14 with or without the
    # screens asked after the budget. The median moved with the set, not the interview.
    assert interviewed.median_first_questions <= 14


def test_no_under_triage_of_urgent_or_emergency(interviewed: InterviewReport) -> None:
    missed = [
        run.case.vignette.id
        for run in interviewed.runs
        if run.case.under_triaged
        and min(run.case.vignette.acceptable_triage, key=len)
        and {"urgent", "emergency"} >= set(run.case.vignette.acceptable_triage)
    ]
    assert missed == []


def test_within_3_points_of_full_intake(interviewed: InterviewReport) -> None:
    full = evaluate(VIGNETTES, KB)
    report = interviewed.report
    assert report.triage_accuracy >= full.triage_accuracy - 0.03
    assert report.top_k(3) >= full.top_k(3) - 0.03


def test_a_rule_resting_on_a_default_gets_its_field_asked() -> None:
    from kneewise.interview.choose import unconfirmed_fields

    kb = KB
    answers = {"age": 56, "mechanism": "twist"}
    assert "duration_days" in unconfirmed_fields(kb, answers, set(answers))
    settled = {**answers, "duration_days": 30}
    assert unconfirmed_fields(kb, settled, set(settled)) == set()
