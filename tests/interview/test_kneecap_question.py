"""The interview asks whether the kneecap slipped out and back, and a yes is never self-care.

A kneecap that came out and went back can leave a chipped piece of cartilage or bone
(Nietosvaara 1994), so its rule (kneecap_slipped_out_and_back) makes the question a
triage question: after an injury told in other words, the interview must reach it.
"""

from __future__ import annotations

from typing import Any

import pytest

from kneewise import load_knowledge
from kneewise.interview import Evidence, Question, Result, next_step

KB = load_knowledge()

#: People hurt in other ways whose kneecap slipped out and went back; everything they
#: are not listed as knowing they answer "don't know" (a tick screen: not ticked).
PEOPLE: list[dict[str, Any]] = [
    {"age": 15, "sex": "female", "activities": ["dance"], "mechanism": "twist",
     "swelling": "none", "can_walk_4_steps": True, "walked_right_after": True},
    {"age": 27, "sex": "male", "activities": ["football"], "mechanism": "direct_blow",
     "can_walk_4_steps": True, "deformity": False},
    {"age": 21, "sex": "female", "mechanism": "landing", "previous_injury": True,
     "swelling": "within_24h", "giving_way": True},
]  # fmt: skip


def _interview(truth: dict[str, Any], started: dict[str, Any]) -> tuple[list[str], Result]:
    evidence, asked = Evidence(answers=started), []
    step = next_step(evidence, KB)
    while isinstance(step, Question):
        asked += step.fields
        told = {f: truth[f] for f in step.fields if f in truth}
        if step.type == "tick_any":
            told = {f: truth.get(f, False) for f in step.fields}
        unknown = [f for f in step.fields if f not in told]
        evidence = Evidence(answers={**evidence.answers, **told},
                            unknown=[*evidence.unknown, *unknown])  # fmt: skip
        step = next_step(evidence, KB)
    return asked, step


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: f"{p['age']}-{p['mechanism']}")
def test_an_injured_knee_is_asked_about_the_kneecap(person: dict[str, Any]) -> None:
    truth = {**person, "kneecap_slipped_out": True}
    started = {"age": person["age"], "mechanism": person["mechanism"]}
    asked, result = _interview(truth, started)
    assert "kneecap_slipped_out" in asked
    assert result.assessment.triage.level != "self_care"
    fired = {rule.id for rule in result.assessment.triage.rules}
    assert "kneecap_slipped_out_and_back" in fired
    top3 = [c.id for c in result.assessment.conditions[:3]]
    assert "patellar_dislocation" in top3


def test_a_kneecap_that_stayed_put_fires_no_kneecap_rule() -> None:
    truth = {**PEOPLE[0], "kneecap_slipped_out": False}
    _, result = _interview(truth, {"age": 15, "mechanism": "twist"})
    fired = {rule.id for rule in result.assessment.triage.rules}
    assert "kneecap_slipped_out_and_back" not in fired
