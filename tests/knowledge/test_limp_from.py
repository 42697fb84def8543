"""Where a limp comes from (intake v2 `limp_from`, issue 9 kind 2).

A limp from the hip is hip trouble; a limp from the knee or calf is not, in an
adult. In a child or teenager any limp keeps the slipped growth plate rule
(Matava 1999: the pain, and so the limp, is often felt in the knee).
"""

from __future__ import annotations

from typing import Any

import pytest

from kneewise import IntakeError, assess, load_knowledge
from kneewise.engine.differential import differential
from kneewise.intake import INTAKE_V2, parse_intake

KB = load_knowledge()


def _v2(**answers: Any) -> dict[str, Any]:
    return {"schema": INTAKE_V2, **answers}


def _probability(answers: dict[str, Any], condition: str) -> float:
    ranked = differential(KB, parse_intake(answers).known())
    return next(c.probability for c in ranked if c.id == condition)


def _rules(answers: dict[str, Any]) -> set[str]:
    return {r.id for r in assess(parse_intake(answers), KB).triage.rules}


def test_a_limp_from_the_hip_is_hip_pain_or_limp() -> None:
    assert parse_intake(_v2(limp_from="hip")).hip_pain_or_limp is True


@pytest.mark.parametrize("where", ["knee", "calf", "unsure"])
def test_a_limp_from_elsewhere_says_nothing_about_the_hip(where: str) -> None:
    assert parse_intake(_v2(limp_from=where)).hip_pain_or_limp is None


def test_no_hip_pain_and_no_limp_is_not_limping() -> None:
    assert parse_intake({"hip_pain_or_limp": False}).limp_from == "none"


def test_a_limp_with_no_hip_pain_or_limp_is_refused() -> None:
    with pytest.raises(IntakeError, match="limp_from"):
        parse_intake(_v2(limp_from="knee", hip_pain_or_limp=False))


def test_limp_from_needs_intake_v2() -> None:
    with pytest.raises(IntakeError, match="intake v2"):
        parse_intake({"limp_from": "hip"})


def test_an_adults_calf_limp_is_not_hip_trouble() -> None:
    base = {"age": 35, "location": ["back"], "onset": "gradual"}
    calf = _probability(_v2(**base, limp_from="calf"), "hip_referred_pain")
    hip = _probability(_v2(**base, limp_from="hip"), "hip_referred_pain")
    assert calf < hip
    assert calf == _probability(_v2(**base), "hip_referred_pain")


@pytest.mark.parametrize("where", ["hip", "knee", "calf", "unsure"])
def test_a_child_with_a_limp_from_anywhere_gets_the_hip_x_ray_rule(where: str) -> None:
    assert "child_hip_pain_or_limp" in _rules(_v2(age=13, limp_from=where))
    assert "child_limp_with_fever" in _rules(_v2(age=9, limp_from=where, fever=True))


def test_a_child_who_cannot_walk_still_gets_the_hip_x_ray_rule() -> None:
    assert "child_hip_pain_or_limp" in _rules({"age": 12, "can_walk_4_steps": False})
