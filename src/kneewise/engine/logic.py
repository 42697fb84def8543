"""Three-valued evaluation of knowledge-base tests against what a person said.

An unanswered field is unknown, never "no": a test on it is `None`, and
`None` only turns into an answer when the rest of an `all`/`any` decides it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kneewise.intake import Mentioned
from kneewise.knowledge.model import AllOf, FieldTest, NotOf, Predicate

Truth = bool | None


def holds(predicate: Predicate, answers: Mapping[str, Any], *, defaults: bool = True) -> Truth:
    """Whether `predicate` is true, false or unknown for these answers.

    With `defaults=False`, `if_unknown` is ignored: what the answers alone decide.
    """
    if isinstance(predicate, FieldTest):
        value = answers.get(predicate.field)
        if value is None:
            return predicate.if_unknown if defaults else None
        found = _test(predicate, value)
        if not found and isinstance(value, Mentioned):
            # Only what was mentioned is listed: not mentioned is not "no".
            return predicate.if_unknown if defaults else None
        return found
    if isinstance(predicate, NotOf):
        inner = holds(predicate.not_, answers, defaults=defaults)
        return None if inner is None else not inner
    if isinstance(predicate, AllOf):
        parts = [holds(p, answers, defaults=defaults) for p in predicate.all]
        if False in parts:
            return False
        return None if None in parts else True
    parts = [holds(p, answers, defaults=defaults) for p in predicate.any]
    if True in parts:
        return True
    return None if None in parts else False


def _test(test: FieldTest, value: Any) -> bool:
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


def _possible(
    predicate: Predicate, answers: Mapping[str, Any], open_fields: set[str]
) -> tuple[bool, bool]:
    """Whether some answers to `open_fields` could make the test true, and false."""
    if isinstance(predicate, FieldTest):
        if predicate.field in open_fields:
            return True, True
        value = holds(predicate, answers)
        return value is True, value is False
    if isinstance(predicate, NotOf):
        can_true, can_false = _possible(predicate.not_, answers, open_fields)
        return can_false, can_true
    if isinstance(predicate, AllOf):
        parts = [_possible(p, answers, open_fields) for p in predicate.all]
        return all(t for t, _ in parts), any(f for _, f in parts)
    parts = [_possible(p, answers, open_fields) for p in predicate.any]
    return any(t for t, _ in parts), all(f for _, f in parts)


def could_hold(predicate: Predicate, answers: Mapping[str, Any], open_fields: set[str]) -> bool:
    """Whether answering the still-open fields could make the test true.

    Fields the person has said they do not know stay unknown, so a rule that
    needs one of them cannot be decided by asking anything else.
    """
    return _possible(predicate, answers, open_fields)[0]


def predicate_fields(predicate: Predicate) -> set[str]:
    """The intake fields a test reads."""
    if isinstance(predicate, FieldTest):
        return {predicate.field}
    if isinstance(predicate, NotOf):
        return predicate_fields(predicate.not_)
    parts = predicate.all if isinstance(predicate, AllOf) else predicate.any
    return set().union(*(predicate_fields(p) for p in parts))


def defaulted_fields(predicate: Predicate) -> set[str]:
    """The fields whose tests carry an `if_unknown` default."""
    if isinstance(predicate, FieldTest):
        return {predicate.field} if predicate.if_unknown is not None else set()
    if isinstance(predicate, NotOf):
        return defaulted_fields(predicate.not_)
    parts = predicate.all if isinstance(predicate, AllOf) else predicate.any
    return set().union(*(defaulted_fields(p) for p in parts))


def deciding_fields(predicate: Predicate, answers: Mapping[str, Any]) -> set[str]:
    """The unanswered fields that could still decide an open test.

    Branches the answers already decide are left out: for "breathless and (a
    swollen calf or long travel)" with a swollen calf, only breathlessness matters.
    """
    if holds(predicate, answers) is not None:
        return set()
    if isinstance(predicate, FieldTest):
        return {predicate.field}
    if isinstance(predicate, NotOf):
        return deciding_fields(predicate.not_, answers)
    parts = predicate.all if isinstance(predicate, AllOf) else predicate.any
    return set().union(*(deciding_fields(p, answers) for p in parts))
