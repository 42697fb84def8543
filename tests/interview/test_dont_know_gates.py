""" "Don't know" is never "no" for a serious rule (tests/interview/dont_know_gates.yaml).

Found on the vignette doms_repeated_bout_untrained: with "don't know" to how the knee
was hurt, the interview ended with the Ottawa knee rule open and its questions never
asked. Each case runs the real interview (`next_step`) with a person who answers what
the case says and "don't know" to anything else, going on to the optional questions
when a serious result comes first, as "help the doctor" offers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import load_knowledge
from kneewise.assessment import SERIOUS_LEVELS
from kneewise.engine.triage import NO_FLAG_REASON, NOT_RULED_OUT
from kneewise.evaluation import load_vignettes
from kneewise.evaluation.interview import SAFETY_LIMIT
from kneewise.interview import Evidence, Result, next_step
from kneewise.knowledge.compiled import compiled

KB = load_knowledge()
RULES = {rule.id: rule for rule in KB.rules}
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "dont_know_gates.yaml").read_text(encoding="utf-8")
)
VIGNETTES = load_vignettes(Path(__file__).parents[1] / "vignettes")


def _interview(
    said: dict[str, Any], unknown: list[str], then: dict[str, Any]
) -> tuple[Result, set[str]]:
    """The final result and every field the interview asked."""
    answers, dont_know = dict(said), list(unknown)
    asked: set[str] = set()
    optional = False
    for _ in range(SAFETY_LIMIT):
        step = next_step(Evidence(answers=answers, unknown=dont_know, optional=optional), KB)
        if isinstance(step, Result):
            if step.more_questions and not optional:
                optional = True
                continue
            return step, asked
        asked |= set(step.fields)
        for field in step.fields:
            if field in then:
                answers[field] = then[field]
            else:
                dont_know.append(field)
    raise AssertionError("the interview did not end")


def _nothing_left_unasked(result: Result) -> None:
    """No serious sign is left open that a question never asked could fire or rule out.

    A field of an open rule that was never asked is left over only when no answer to it
    could decide the rule, given what the person did not know.
    """
    answers = Evidence(answers=result.answers).intake().known()
    for rule in result.assessment.triage.undecided:
        if rule.level not in SERIOUS_LEVELS:
            continue
        unasked = set(rule.fields) - set(rule.dont_know)
        could_fire, could_rule_out = compiled(KB).rule_possible[rule.id](answers, unasked)
        assert not could_fire and not could_rule_out, (rule.id, sorted(unasked))


def test_the_cases_are_serious_rules_resting_on_a_dont_know() -> None:
    assert {case["outcome"] for case in CASES} == {"ruled_out", "not_ruled_out"}
    assert len({case["rule"] for case in CASES}) >= 5
    for case in CASES:
        assert RULES[case["rule"]].level in SERIOUS_LEVELS, case["id"]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_a_serious_rule_resting_on_a_dont_know_keeps_its_questions(case: dict[str, Any]) -> None:
    result, asked = _interview(case["said"], case["unknown"], case["then"])
    assert set(case["asks"]) <= asked, (case["id"], sorted(set(case["asks"]) - asked))
    triage = result.assessment.triage
    fired = {rule.id for rule in triage.rules}
    open_rules = {rule.id: rule for rule in triage.undecided}
    assert case["rule"] not in fired, case["id"]  # unknown never makes a test true
    if case["outcome"] == "ruled_out":
        assert case["rule"] not in open_rules, case["id"]
    else:
        # Named as not ruled out, because of what the person did not know; never negative.
        rule = open_rules[case["rule"]]
        assert set(case["unknown"]) & set(rule.dont_know), (case["id"], rule.dont_know)
        assert any(reason.startswith(NOT_RULED_OUT) for reason in triage.reasons)
        assert NO_FLAG_REASON not in triage.reasons
    _nothing_left_unasked(result)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_no_vignette_ends_with_a_serious_sign_left_unasked(vignette: Any) -> None:
    """The evaluation's person ("don't know" where the vignette is silent), to the end."""
    truth = vignette.intake.known()
    result, _ = _interview({}, [], truth)
    _nothing_left_unasked(result)


def test_a_certain_urgent_result_comes_before_questions_that_could_only_rule_a_sign_out() -> None:
    """Injured, swollen within two hours (urgent), fever not known: whether the knee was
    operated on could only rule out an infection after surgery, never make it an emergency,
    so it is asked after the urgent result, if the person helps the doctor."""
    answers = {"age": 35, "mechanism": "fall", "swelling": "within_2h"}
    dont_know = ["fever", "unwell"]
    asked: list[str] = []
    step = next_step(Evidence(answers=answers, unknown=dont_know), KB)
    while not isinstance(step, Result):
        asked += step.fields
        dont_know += step.fields
        step = next_step(Evidence(answers=answers, unknown=dont_know), KB)
    assert step.assessment.triage.level == "urgent"
    assert "had_knee_surgery" not in asked
    assert "after_surgery_fever_or_ill" in {r.id for r in step.assessment.triage.undecided}
    assert step.more_questions
    later = next_step(Evidence(answers=answers, unknown=dont_know, optional=True), KB)
    assert not isinstance(later, Result)
    assert later.fields == ["had_knee_surgery"]
