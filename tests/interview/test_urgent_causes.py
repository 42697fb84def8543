"""A first result at a certain urgent level shows causes the answers have settled.

Found on quadriceps_tendon_rupture_slipped_on_ice: the interview showed "a doctor today"
after 7 screens, the red flags only, with muscle soreness (0.19) and training overload
first and the torn tendon not among the three shown. The level was certain; the causes
were the ranking's before it asked anything. Now, while the three leading causes hold less
than CLEAR_LEAD and a question would gain CLEAR_LEAD_GAIN_BITS, the ranking asks it first
(within MAX_QUESTIONS); emergency is still shown at once. Cases: urgent_causes_cases.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import load_knowledge
from kneewise.engine.assess import posterior_of
from kneewise.engine.logic import holds
from kneewise.evaluation import Vignette, load_vignettes
from kneewise.evaluation.interview import SAFETY_LIMIT
from kneewise.intake import INTAKE_V2, parse_intake
from kneewise.interview import (
    CLEAR_LEAD,
    CLEAR_LEAD_GAIN_BITS,
    LEADING,
    MAX_QUESTIONS,
    SERIOUS_FIRST,
    Evidence,
    Result,
    next_step,
)
from kneewise.interview.gain import Belief, information_gains
from kneewise.interview.units import Unit
from kneewise.knowledge.compiled import compiled

KB = load_knowledge()
VIGNETTES = load_vignettes(Path(__file__).parents[1] / "vignettes")
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "urgent_causes_cases.yaml").read_text(encoding="utf-8")
)


def _first_result(truth: dict[str, Any]) -> tuple[Result, Evidence]:
    """The first result shown to a person who answers `truth` and "don't know" to the rest."""
    answers: dict[str, Any] = {}
    unknown: list[str] = []
    screens: list[str] = []
    for _ in range(SAFETY_LIMIT):
        evidence = Evidence(answers=answers, unknown=unknown, screens=screens)
        reply = next_step(evidence, KB)
        if isinstance(reply, Result):
            return reply, evidence
        screens.append(reply.id)
        for field in reply.fields:
            if field in truth:
                answers[field] = truth[field]
            else:
                unknown.append(field)
    raise AssertionError("the interview did not end")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_an_urgent_first_result_leads_with_the_cause_the_story_makes_likely(
    case: dict[str, Any],
) -> None:
    truth = parse_intake({"schema": INTAKE_V2, **case["truth"]}).known()
    result, _ = _first_result(truth)
    assert result.stopped_because == SERIOUS_FIRST["urgent"]
    shown = [c.id for c in result.assessment.conditions[:LEADING]]
    assert case["in_top3"] in shown
    assert shown[0] == case["leads"]


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_no_urgent_first_result_leaves_its_causes_unsettled_within_the_budget(
    vignette: Vignette,
) -> None:
    result, evidence = _first_result(vignette.intake.known())
    if result.stopped_because != SERIOUS_FIRST["urgent"] or result.questions_asked >= MAX_QUESTIONS:
        return
    answers = evidence.intake().known()
    belief = Belief(posterior_of(KB, answers).posterior)
    lead = sum(sorted(belief.probabilities().values(), reverse=True)[:LEADING])
    if lead >= CLEAR_LEAD:
        return
    screens = compiled(KB).screens
    # Questions that do not apply (skip logic) are settled: nobody will answer them.
    skipped = {f for u in screens if u.ask_if and holds(u.ask_if, answers) is False
               for f in u.fields}  # fmt: skip
    settled = evidence.settled() | skipped
    open_screens: list[Unit] = [u for u in screens if set(u.fields) - settled]
    gains = information_gains(KB, belief, answers, open_screens, settled)
    # Any screen that would move the shown causes by CLEAR_LEAD_GAIN_BITS is one the
    # ranking should have asked before the result.
    assert max(gains, default=0.0) < CLEAR_LEAD_GAIN_BITS + 1e-9, vignette.id
