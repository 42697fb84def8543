"""Three-valued evaluation of knowledge-base tests against what a person said.

An unanswered field is unknown, never "no": a test on it is `None`, and
`None` only turns into an answer when the rest of an `all`/`any` decides it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kneewise.knowledge.model import AllOf, FieldTest, NotOf, Predicate

Truth = bool | None


def holds(predicate: Predicate, answers: Mapping[str, Any]) -> Truth:
    """Whether `predicate` is true, false or unknown for these answers."""
    if isinstance(predicate, FieldTest):
        return _test(predicate, answers.get(predicate.field))
    if isinstance(predicate, NotOf):
        inner = holds(predicate.not_, answers)
        return None if inner is None else not inner
    if isinstance(predicate, AllOf):
        parts = [holds(p, answers) for p in predicate.all]
        if False in parts:
            return False
        return None if None in parts else True
    parts = [holds(p, answers) for p in predicate.any]
    if True in parts:
        return True
    return None if None in parts else False


def _test(test: FieldTest, value: Any) -> Truth:
    if value is None:
        return None
    if test.is_ is not None:
        return bool(value == test.is_)
    if test.in_ is not None:
        if isinstance(value, list):
            return any(item in test.in_ for item in value)
        return value in test.in_
    number = float(value)
    if test.gte is not None:
        return number >= test.gte
    if test.lte is not None:
        return number <= test.lte
    if test.gt is not None:
        return number > test.gt
    assert test.lt is not None  # FieldTest guarantees exactly one test
    return number < test.lt
