"""`assess(..., differential=)`: a posterior the caller already has gives the same assessment.

The interview ranks the conditions before it stops and hands that posterior to
`assess` rather than having it computed twice. The assessment must be
byte-identical to `assess(intake, knowledge)` for every intake, partial or
whole, and a posterior of other answers or other knowledge is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kneewise import Intake, load_knowledge
from kneewise.engine.assess import assess, posterior_of
from kneewise.evaluation import Vignette, load_vignettes
from kneewise.interview import Evidence, Question, next_step

KB = load_knowledge()
VIGNETTES = load_vignettes(Path(__file__).parents[1] / "vignettes")


def _interview(vignette: Vignette) -> list[Evidence]:
    """The evidence at every step of the vignette's interview, the last one ending it."""
    truth = vignette.intake.known()
    answers: dict[str, Any] = {}
    unknown: list[str] = []
    screens: list[str] = []
    steps = []
    while True:
        evidence = Evidence(answers=answers, unknown=unknown, screens=screens)
        steps.append(evidence)
        step = next_step(evidence, KB)
        if not isinstance(step, Question):
            return steps
        screens = [*screens, step.id]
        answers = answers | {f: truth[f] for f in step.fields if f in truth}
        unknown = unknown + [f for f in step.fields if f not in truth]


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_a_given_posterior_gives_the_same_assessment(vignette: Vignette) -> None:
    # The whole intake and every partial one an interview passes through.
    intakes = [vignette.intake, *(e.intake() for e in _interview(vignette))]
    for intake in intakes:
        given = assess(intake, KB, differential=posterior_of(KB, intake.known()))
        assert given.model_dump_json() == assess(intake, KB).model_dump_json()


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_the_interviews_result_is_the_plain_assessment(vignette: Vignette) -> None:
    last = _interview(vignette)[-1]
    result = next_step(last, KB)
    assert not isinstance(result, Question)
    expected = assess(last.intake(), KB)
    assert result.assessment.model_dump_json() == expected.model_dump_json()


def test_a_posterior_of_other_answers_is_refused() -> None:
    intake = VIGNETTES[0].intake
    answers = intake.known()
    fewer = dict(list(answers.items())[:-1])
    with pytest.raises(ValueError, match="other answers or knowledge"):
        assess(intake, KB, differential=posterior_of(KB, fewer))
    with pytest.raises(ValueError, match="other answers or knowledge"):
        assess(Intake(), KB, differential=posterior_of(KB, answers))


def test_a_posterior_of_other_knowledge_is_refused() -> None:
    intake = VIGNETTES[0].intake
    other = KB.model_copy()  # compiled on its own (knowledge/compiled.py `compiled`)
    with pytest.raises(ValueError, match="other answers or knowledge"):
        assess(intake, KB, differential=posterior_of(other, intake.known()))


def test_the_answers_kept_do_not_follow_the_callers_mapping() -> None:
    intake = VIGNETTES[0].intake
    answers = intake.known()
    given = posterior_of(KB, answers)
    answers.clear()  # the caller reuses its mapping: the kept copy still names the answers
    assert given.answers == intake.known()
    assessed = assess(intake, KB, differential=given)
    assert assessed.model_dump_json() == assess(intake, KB).model_dump_json()
