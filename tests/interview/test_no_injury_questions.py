"""After "nothing happened", no question asks of an injury (newcomer's trial, round 17e).

"Right after the injury, could you take four steps?" and "a pop at the moment you were hurt"
were asked after the person answered that nothing happened. The real interview and
knowledge: "don't know" to everything else, so every question that may be asked is.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from kneewise.interview import Evidence, Question, next_step
from kneewise.knowledge.load import load_knowledge

#: Words that take an injury as told ("the injury or the exercise" offers another way).
PRESUPPOSE = re.compile(
    r"\bthe injury\b(?! or)|\byou were hurt\b|\bafter the fall\b", re.IGNORECASE
)


def _asked(answers: dict[str, Any]) -> list[Question]:
    kb = load_knowledge()
    unknown: list[str] = []
    screens: list[str] = []
    asked: list[Question] = []
    for _ in range(80):
        step = next_step(Evidence(answers=answers, unknown=unknown, screens=screens), kb)
        if not isinstance(step, Question):
            return asked
        asked.append(step)
        screens.append(step.id)
        unknown += step.fields
    raise AssertionError("the result never came")


@pytest.mark.parametrize("onset", ["gradual", "sudden"])
def test_no_question_taking_an_injury_as_told_follows_nothing_happened(onset: str) -> None:
    kb = load_knowledge()
    injury_worded = {q.field for q in kb.questions if PRESUPPOSE.search(q.text)}
    assert "walked_right_after" in injury_worded  # the test reads the real wording
    asked = _asked({"age": 40, "mechanism": "none", "onset": onset})
    assert not [q.text for q in asked if PRESUPPOSE.search(q.text)]
    assert not {f for q in asked for f in q.fields} & injury_worded


def test_nothing_happened_and_crept_up_asks_no_pop_nor_how_it_was_at_first() -> None:
    asked = {
        f for q in _asked({"age": 40, "mechanism": "none", "onset": "gradual"}) for f in q.fields
    }
    assert not asked & {"pop", "walked_right_after", "could_not_straighten_or_lift_at_first"}


def test_after_a_twist_they_are_asked() -> None:
    asked = {f for q in _asked({"age": 40, "mechanism": "twist"}) for f in q.fields}
    assert {"pop", "walked_right_after"} <= asked
