"""A follow-up comes after the question it follows up (newcomer's trial, round 17e).

"Where is the swelling?" was asked before "Is the knee swollen?": a question asked only if
another's answer allows it (`ask_if`) was open by its unknown default and ranked first. The
real interview and knowledge, answered "yes", "no" or "don't know" to everything.
"""

from __future__ import annotations

from typing import Any

import pytest

from kneewise.engine.logic import predicate_fields
from kneewise.interview import Evidence, Question, next_step
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.load import load_knowledge

STARTS: list[dict[str, Any]] = [
    {"age": 40}, {"age": 40, "mechanism": "none"}, {"age": 30, "mechanism": "twist"},
    {"age": 70, "mechanism": "fall"}, {"age": 12},
]  # fmt: skip


def _answer(q: Question, reply: str) -> dict[str, Any]:
    if reply == "unknown" or q.type not in ("yes_no", "tick_any"):
        return {}
    return dict.fromkeys(q.fields, reply == "yes")


@pytest.mark.parametrize("reply", ["unknown", "no", "yes"])
@pytest.mark.parametrize("start", STARTS, ids=str)
def test_no_follow_up_before_the_question_it_follows_up(start: dict[str, Any], reply: str) -> None:
    kb = load_knowledge()
    asked_on = {f: s.id for s in compiled(kb).screens for f in s.fields}
    follows = {s.id: predicate_fields(s.ask_if) for s in compiled(kb).screens if s.ask_if}
    answers, unknown, screens = dict(start), list[str](), list[str]()
    for _ in range(80):
        evidence = Evidence(answers=answers, unknown=unknown, screens=screens)
        step = next_step(evidence, kb)
        if not isinstance(step, Question):
            return
        waiting = {asked_on[f] for f in follows.get(step.id, set()) - evidence.settled()
                   if f in asked_on and asked_on[f] != step.id}  # fmt: skip
        # A question it follows up that is still to be asked would be asked first.
        later = [s for s in compiled(kb).screens if s.id in waiting
                 and set(s.fields) - evidence.settled()]  # fmt: skip
        assert not later, f"{step.id} asked before {[s.id for s in later]}"
        screens.append(step.id)
        given = _answer(step, reply)
        try:
            Evidence(answers={**answers, **given})
        except ValueError:
            given = {}
        answers.update(given)
        unknown += [f for f in step.fields if f not in given]
    raise AssertionError("the result never came")
