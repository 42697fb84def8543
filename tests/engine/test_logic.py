"""Three-valued logic: unknown is never read as "no"."""

from typing import Any

import pytest

from kneewise.engine.logic import holds
from kneewise.knowledge.model import AllOf, AnyOf, FieldTest, NotOf

FEVER = FieldTest(field="fever", **{"is": True})
OLD = FieldTest(field="age", gte=55)
TWIST = FieldTest(field="mechanism", **{"in": ["twist", "fall"]})
FRONT = FieldTest(field="location", **{"in": ["front", "kneecap"]})


@pytest.mark.parametrize(
    ("predicate", "answers", "expected"),
    [
        (FEVER, {"fever": True}, True),
        (FEVER, {"fever": False}, False),
        (FEVER, {}, None),
        (OLD, {"age": 55}, True),
        (OLD, {"age": 54}, False),
        (FieldTest(field="age", lt=18), {"age": 17}, True),
        (FieldTest(field="age", gt=18), {"age": 18}, False),
        (FieldTest(field="pain_now", lte=3), {"pain_now": 3}, True),
        (TWIST, {"mechanism": "fall"}, True),
        (TWIST, {"mechanism": "none"}, False),
        (FRONT, {"location": ["inner", "kneecap"]}, True),
        (FRONT, {"location": ["inner"]}, False),
        (FRONT, {"location": []}, False),
        (AllOf(all=[FEVER, OLD]), {"fever": True, "age": 60}, True),
        (AllOf(all=[FEVER, OLD]), {"fever": False}, False),
        (AllOf(all=[FEVER, OLD]), {"fever": True}, None),
        (AnyOf(any=[FEVER, OLD]), {"age": 60}, True),
        (AnyOf(any=[FEVER, OLD]), {"fever": False}, None),
        (AnyOf(any=[FEVER, OLD]), {"fever": False, "age": 20}, False),
        (NotOf(**{"not": FEVER}), {"fever": True}, False),
        (NotOf(**{"not": FEVER}), {}, None),
        (FieldTest(field="duration_days", lte=7, if_unknown=True), {}, True),
        (FieldTest(field="duration_days", lte=7, if_unknown=True), {"duration_days": 9}, False),
    ],
)
def test_holds(predicate: Any, answers: dict[str, Any], expected: bool | None) -> None:
    assert holds(predicate, answers) is expected


def test_a_test_needs_exactly_one_comparison() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        FieldTest(field="age", gte=5, lte=10)


def test_defaults_can_be_left_out() -> None:
    window = FieldTest(field="duration_days", lte=7, if_unknown=True)
    assert holds(window, {}, defaults=False) is None
    assert holds(AllOf(all=[window, OLD]), {"age": 60}) is True
    assert holds(AllOf(all=[window, OLD]), {"age": 60}, defaults=False) is None
