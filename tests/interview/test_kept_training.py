"""Training beside overload pain over six weeks is decided by asking, never held for want
of a question (tests/interview/kept_training_cases.yaml).

Found on a long-standing running story: the interview stopped with the rules that would
hold training back (pain two days after a session, night pain with weight loss, long
morning stiffness) never asked, so training stayed held though every answer would have
been "no". Each case runs the real interview (`next_step`) with a person who answers what
the case says, "no" to every other yes/no question and "don't know" to anything else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import load_knowledge
from kneewise.engine.plan import undecided_holds
from kneewise.engine.triage import rule_truths
from kneewise.evaluation.interview import SAFETY_LIMIT
from kneewise.intake import INTAKE_FIELDS
from kneewise.interview import Evidence, Result, next_step
from kneewise.interview.choose import holds_to_decide

KB = load_knowledge()
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "kept_training_cases.yaml").read_text(encoding="utf-8")
)
KEPT_CARD = KB.levels["see_doctor"].when_kept["training"]
HELD_CARD = KB.levels["see_doctor"].holds_back["training"]


def _interview(case: dict[str, Any]) -> tuple[Result, Evidence, list[str], list[int]]:
    """The result, the evidence it came from, every field asked in order, and the "at most
    N more" each screen said."""
    answers, unknown = dict(case["said"]), list[str]()
    then, dont_know = case["then"], set(case.get("dont_know", []))
    asked: list[str] = []
    told: list[int] = []
    for _ in range(SAFETY_LIMIT):
        evidence = Evidence(answers=answers, unknown=unknown)
        step = next_step(evidence, KB)
        if isinstance(step, Result):
            return step, evidence, asked, told
        asked += step.fields
        told.append(step.most_remaining)
        for field in step.fields:
            if field in then:
                answers[field] = then[field]
            elif INTAKE_FIELDS[field].kind == "bool" and field not in dont_know:
                answers[field] = False
            else:
                unknown.append(field)
    raise AssertionError("the interview did not end")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_training_beside_long_overload_pain_is_decided_by_asking(case: dict[str, Any]) -> None:
    result, evidence, asked, told = _interview(case)
    assessment = result.assessment
    assert assessment.triage.level == case["level"]
    assert "symptoms_over_six_weeks" in {rule.id for rule in assessment.triage.rules}
    assert [field for field in case["asks"] if field not in asked] == []
    # "At most N more" stays true with the screens asked to decide the hold.
    assert [n for n, said in enumerate(told) if said < len(told) - n] == []
    answers = evidence.intake().known()
    truths = rule_truths(KB, answers)
    # Nothing an unasked question could decide is left holding training back.
    assert holds_to_decide(KB, case["level"], answers, evidence.settled(), truths) == []
    cards = [item.id for item in assessment.advice]
    if case["training"] == "kept":
        assert KEPT_CARD in cards and HELD_CARD not in cards
        assert undecided_holds(KB, case["level"], answers, truths) == set()
        return
    assert HELD_CARD in cards and KEPT_CARD not in cards
    holding = {rule for rule in case["held_by"] if truths[rule] is not False}
    assert holding == set(case["held_by"])
