"""No question takes a training session as told (newcomer's trial, round 17e).

"Since the session, ..." was shown to one whose knee hurt after a fall or for no reason. The
real interview and knowledge; "don't know" to everything else.
"""

from __future__ import annotations

from typing import Any

import pytest

from kneewise.interview import Evidence, Question, next_step
from kneewise.knowledge.load import load_knowledge


def _asked(answers: dict[str, Any]) -> list[Question]:
    kb = load_knowledge()
    unknown: list[str] = []
    asked: list[Question] = []
    for _ in range(80):
        step = next_step(Evidence(answers=answers, unknown=unknown), kb)
        if not isinstance(step, Question):
            return asked
        asked.append(step)
        unknown += step.fields
    raise AssertionError("the result never came")


@pytest.mark.parametrize("mechanism", ["fall", "none"])
def test_no_question_or_box_says_since_the_session(mechanism: str) -> None:
    kb = load_knowledge()
    texts = {q.field: q.text for q in kb.questions}
    for q in _asked({"age": 50, "mechanism": mechanism}):
        shown = [q.text, *(texts[f] for f in q.fields if q.type == "tick_any")]
        assert not [t for t in shown if t.lower().startswith("since the session")], shown


def test_one_who_never_trained_can_say_so_and_it_is_not_known() -> None:
    kb = load_knowledge()
    question = next(q for q in kb.questions if q.field == "days_since_session")
    no_session = [o for o in question.other_answers if "training" in o.label]
    assert no_session and no_session[0].answers == {}
    assert no_session[0].dont_know == ["days_since_session"]  # not known, never a number
