"""The question budget never ends the interview while a more urgent level could still come.

Found on overload_footballer_pain_still_moderate_after_tournament: the interview used its
MAX_QUESTIONS screens on red flags and the differential, never asked how bad the pain was
now, and gave self-care where the whole intake gave see-a-doctor. The budget bounds the
differential's questions only: past it, the screens that could still fire a see-a-doctor
rule are asked, and then it stops. Each vignette is answered by a person who says what
the vignette says and "don't know" to anything else (cases: budget_cases.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import assess, load_knowledge
from kneewise.assessment import SERIOUS_LEVELS
from kneewise.engine.logic import holds
from kneewise.engine.triage import urgency
from kneewise.evaluation import Vignette, load_vignettes
from kneewise.evaluation.interview import SAFETY_LIMIT, evaluate_interview
from kneewise.interview import MAX_QUESTIONS, Evidence, Question, Result, next_step
from kneewise.interview.choose import only_ruled_out, open_rules
from kneewise.knowledge.compiled import compiled

KB = load_knowledge()
VIGNETTES = load_vignettes(Path(__file__).parents[1] / "vignettes")
BY_ID = {v.id: v for v in VIGNETTES}
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "budget_cases.yaml").read_text(encoding="utf-8")
)
RULE_FIELDS = compiled(KB).rule_fields


@dataclass(frozen=True)
class Step:
    """One screen shown: how many were answered before it, what it said was left, and the
    see-a-doctor rules that answers still to come could fire when it was shown."""

    question: Question
    asked: int
    referrals: frozenset[str]


@dataclass(frozen=True)
class Run:
    """An interview up to the first result: every screen shown, the result, what was said."""

    steps: list[Step]
    result: Result
    evidence: Evidence


def _settled(evidence: Evidence) -> set[str]:
    """What the person answered, and the fields of screens that do not apply (skip logic)."""
    answers = evidence.intake().known()
    skipped = {f for u in compiled(KB).screens if u.ask_if and holds(u.ask_if, answers) is False
               for f in u.fields}  # fmt: skip
    return evidence.settled() | skipped


def _open(evidence: Evidence) -> tuple[set[str], set[str]]:
    """Ids of the rules above the level that answers still to come could fire, and of the
    open see-a-doctor rules among them."""
    answers, settled = evidence.intake().known(), _settled(evidence)
    rules = open_rules(KB, answers, settled)
    could_fire = {r.id for r in rules} - only_ruled_out(KB, answers, settled, rules)
    referrals = {r.id for r in rules if r.level not in SERIOUS_LEVELS} & could_fire
    return could_fire, referrals


def _run(vignette: Vignette) -> Run:
    truth = vignette.intake.known()
    answers: dict[str, Any] = {}
    unknown: list[str] = []
    screens: list[str] = []
    steps: list[Step] = []
    for _ in range(SAFETY_LIMIT):
        evidence = Evidence(answers=answers, unknown=unknown, screens=screens)
        reply = next_step(evidence, KB)
        if isinstance(reply, Result):
            return Run(steps, reply, evidence)
        steps.append(Step(reply, len(screens), frozenset(_open(evidence)[1])))
        screens.append(reply.id)
        for field in reply.fields:
            if field in truth:
                answers[field] = truth[field]
            else:
                unknown.append(field)
    raise AssertionError(f"the interview for {vignette.id} did not end")


_RUNS: dict[str, Run] = {}


def _interview(vignette: Vignette) -> Run:
    if vignette.id not in _RUNS:
        _RUNS[vignette.id] = _run(vignette)
    return _RUNS[vignette.id]


@pytest.mark.parametrize("from_text", [False, True], ids=["answers", "story_then_answers"])
def test_no_interview_gives_a_lower_level_than_the_full_intake(from_text: bool) -> None:
    interviewed = evaluate_interview(VIGNETTES, KB, from_text=from_text)
    below = [
        (run.case.vignette.id, run.first.level, full)
        for run in interviewed.runs
        if urgency(run.first.level)
        < urgency(full := assess(run.case.vignette.intake, KB).triage.level)
    ]
    assert below == []


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_the_first_result_leaves_no_rule_above_it_that_could_still_fire(
    vignette: Vignette,
) -> None:
    run = _interview(vignette)
    could_fire, _ = _open(run.evidence)
    # An urgent result shown first may leave an emergency sign that answers could only
    # rule out (tests/interview/dont_know_gates.yaml); never one they could fire.
    assert could_fire == set(), run.result.stopped_because
    total = len(run.steps)
    # "At most N more" stays true with the screens asked after the budget.
    told = [(s.asked, s.question.most_remaining, total - s.asked) for s in run.steps]
    assert [t for t in told if t[2] > t[1]] == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["vignette"])
def test_the_budget_ends_the_interview_only_when_nothing_could_raise_the_level(
    case: dict[str, Any],
) -> None:
    vignette = BY_ID[case["vignette"]]
    run = _interview(vignette)
    assert run.result.assessment.triage.level == case["level"]
    assert assess(vignette.intake, KB).triage.level == case["level"]
    assert run.result.stopped_because == "kneewise has asked as many questions as it asks"
    past = [s for s in run.steps if s.asked >= MAX_QUESTIONS]
    if case["stops"] == "at_budget":
        assert len(run.steps) == MAX_QUESTIONS
        return
    assert past, "a see-a-doctor rule could still fire at the budget, yet nothing was asked"
    for step in past:
        # Past the budget only a screen that could fire an open see-a-doctor rule is asked.
        reads = {r for r in step.referrals if set(step.question.fields) & RULE_FIELDS[r]}
        assert reads, f"{step.question.id} asked after the budget decides no open rule"


def test_past_the_budget_a_see_a_doctor_rule_still_open_is_asked() -> None:
    spent = [u.id for u in compiled(KB).screens][:MAX_QUESTIONS]  # the budget, used up
    said = {"age": 34, "activities": ["running"], "days_since_session": 4, "onset": "gradual",
            "mechanism": "none", "pain_at_rest": False}  # fmt: skip
    evidence = Evidence(answers=said, screens=spent)
    reply = next_step(evidence, KB)
    asked: list[str] = []
    shown: list[str] = []
    while isinstance(reply, Question):
        asked.extend(reply.fields)
        shown.append(reply.id)
        answers = {**evidence.answers, **({"pain_now": 4} if "pain_now" in reply.fields else {})}
        unknown = [*evidence.unknown, *(f for f in reply.fields if f not in answers)]
        evidence = Evidence(answers=answers, unknown=unknown, screens=[*spent, *shown])
        reply = next_step(evidence, KB)
    assert "pain_now" in asked
    assert reply.assessment.triage.level == "see_doctor"
    assert "pain_beyond_two_days_after_session" in {r.id for r in reply.assessment.triage.rules}
