"""Three-valued evaluation of knowledge-base tests against what a person said.

An unanswered field is unknown, never "no": a test on it is `None`, and
`None` only turns into an answer when the rest of an `all`/`any` decides it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from typing import Any

from kneewise.intake import Mentioned
from kneewise.knowledge.model import AllOf, AnyOf, FieldTest, NotOf, Predicate

Truth = bool | None
#: A predicate compiled once: the same three-valued answer as `holds(predicate, answers)`.
Check = Callable[[Mapping[str, Any]], Truth]


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


#: Fields that say who the person is and how the trouble began, not a sign: they order
#: the open warning signs (`told_fields`) but alone never name one in the headline
#: (engine/triage.py), so an age of 62 does not name the Ottawa rule, nor a twist "a
#: numb foot after an injury" (re-trial 34).
CONTEXT_FIELDS = frozenset({
    "age", "is_child", "sex", "activities", "new_activity", "days_since_session", "onset",
    "mechanism", "duration_days", "previous_injury",
})  # fmt: skip


def told_fields(predicate: Predicate, answers: Mapping[str, Any]) -> frozenset[str]:
    """The fields whose answers themselves count toward `predicate` being true.

    A leaf counts when the answer makes it true, or false under a `not` (a told "no
    injury" counts toward "without an injury"), unless it is so with no answer: a leaf
    its `if_unknown` makes true is one the rule does not need told ("within 7 days"). An
    `all` needs every part, so what was told of each adds up; an `any` needs one, so
    only its part told most of counts (the first of equals), and never a false part:
    a branch the answers rule out tells nothing about the whole. What a person told
    of an open warning sign, to list it first (engine/triage.py).
    """

    def walk(node: Predicate, negated: bool) -> frozenset[str]:
        if isinstance(node, FieldTest):
            alone, blank = holds(node, answers, defaults=False), holds(node, {})
            if alone is None or alone is negated or (blank is not None and blank is not negated):
                return _NONE
            return frozenset({node.field})
        if isinstance(node, NotOf):
            return walk(node.not_, not negated)
        parts = _parts(node)
        if isinstance(node, AllOf) != negated:  # an `all`, counting the `not`s above it
            return frozenset().union(*(walk(part, negated) for part in parts))
        best = _NONE
        for part in parts:
            truth = holds(part, answers)
            if truth is None or truth is not negated:  # not false
                found = walk(part, negated)
                best = found if len(found) > len(best) else best
        return best

    return walk(predicate, False)


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


def compile_predicate(predicate: Predicate) -> Check:
    """`predicate` as a function of the answers, equal to `holds(predicate, answers)`.

    Built once when the knowledge is compiled, so the engine does not walk the
    pydantic tree of every test on every call (tests/engine/test_compiled.py
    checks it against `holds` on generated answers).
    """
    if isinstance(predicate, FieldTest):
        return _compile_test(predicate)
    if isinstance(predicate, NotOf):
        inner = compile_predicate(predicate.not_)
        return lambda answers: None if (found := inner(answers)) is None else not found
    parts = tuple(compile_predicate(p) for p in _parts(predicate))
    # all: one false decides; any: one true decides; else unknown if any part is unknown.
    decisive = not isinstance(predicate, AllOf)

    def combined(answers: Mapping[str, Any]) -> Truth:
        unknown = False
        for part in parts:
            found = part(answers)
            if found is decisive:
                return decisive
            unknown = unknown or found is None
        return None if unknown else not decisive

    return combined


#: The compiled `deciding_fields` of one test: the unanswered fields that could still decide it.
Deciding = Callable[[Mapping[str, Any]], frozenset[str]]
_NONE: frozenset[str] = frozenset()


def compile_deciding(predicate: Predicate) -> Deciding:
    """`predicate`'s `deciding_fields` as a function of the answers, built once.

    One pass over the tree: each part returns its truth and its open fields together,
    where checking each subtree again at every level would repeat the leaves' tests
    once per level (the test of `deciding_fields` compares the two on generated answers).
    """
    walk = _compile_open(predicate)

    def deciding(answers: Mapping[str, Any]) -> frozenset[str]:
        return walk(answers)[1]

    return deciding


_Open = Callable[[Mapping[str, Any]], tuple[Truth, frozenset[str]]]


def _compile_open(predicate: Predicate) -> _Open:
    """(truth, the fields that could still decide it: none once it is decided)."""
    if isinstance(predicate, FieldTest):
        check, only = _compile_test(predicate), frozenset({predicate.field})

        def leaf(answers: Mapping[str, Any]) -> tuple[Truth, frozenset[str]]:
            found = check(answers)
            return found, (_NONE if found is not None else only)

        return leaf
    if isinstance(predicate, NotOf):
        inner = _compile_open(predicate.not_)

        def negated(answers: Mapping[str, Any]) -> tuple[Truth, frozenset[str]]:
            found, fields = inner(answers)
            return (None, fields) if found is None else (not found, _NONE)

        return negated
    parts = tuple(_compile_open(p) for p in _parts(predicate))
    decisive = not isinstance(predicate, AllOf)

    def joined(answers: Mapping[str, Any]) -> tuple[Truth, frozenset[str]]:
        # Every part is walked (an undecided whole needs all their open fields),
        # but the whole is decided as `combined` decides it: one decisive part wins.
        found = [part(answers) for part in parts]
        truths = [t for t, _ in found]
        if decisive in truths:
            return decisive, _NONE
        if None not in truths:
            return not decisive, _NONE
        return None, frozenset().union(*(f for _, f in found))

    return joined


#: The compiled `could_hold` of one test: (answers, open fields) -> could it still be true.
Possible = Callable[[Mapping[str, Any], Set[str]], tuple[bool, bool]]


def compile_possible(predicate: Predicate) -> Possible:
    """`_possible(predicate, …)` built once: whether the open fields could make it true, false."""
    if isinstance(predicate, FieldTest):
        name, check = predicate.field, compile_predicate(predicate)

        def test(answers: Mapping[str, Any], open_fields: Set[str]) -> tuple[bool, bool]:
            if name in open_fields:
                return True, True
            value = check(answers)
            return value is True, value is False

        return test
    if isinstance(predicate, NotOf):
        inner = compile_possible(predicate.not_)

        def negated(answers: Mapping[str, Any], open_fields: Set[str]) -> tuple[bool, bool]:
            can_true, can_false = inner(answers, open_fields)
            return can_false, can_true

        return negated
    parts = [compile_possible(p) for p in _parts(predicate)]
    every = isinstance(predicate, AllOf)

    def joined(answers: Mapping[str, Any], open_fields: Set[str]) -> tuple[bool, bool]:
        found = [part(answers, open_fields) for part in parts]
        if every:
            return all(t for t, _ in found), any(f for _, f in found)
        return any(t for t, _ in found), all(f for _, f in found)

    return joined


def _parts(predicate: AllOf | AnyOf) -> list[Predicate]:
    return predicate.all if isinstance(predicate, AllOf) else predicate.any


def _compile_test(test: FieldTest) -> Check:
    """One leaf test as one function: the value test is written into it, not called from it
    (the leaves are most of the calls an assessment makes)."""
    name, default = test.field, test.if_unknown
    if test.is_ is not None:
        wanted = test.is_

        def check_is(answers: Mapping[str, Any]) -> Truth:
            value = answers.get(name)
            if value is None:
                return default
            if value == wanted:
                return True
            return default if isinstance(value, Mentioned) else False

        return check_is
    if test.in_ is not None:
        allowed = frozenset(test.in_)

        def check_in(answers: Mapping[str, Any]) -> Truth:
            value = answers.get(name)
            if value is None:
                return default
            if isinstance(value, list):
                if not allowed.isdisjoint(value):
                    return True
                return default if isinstance(value, Mentioned) else False
            return value in allowed  # only a list can be a Mentioned

        return check_in
    compare = _number_test(test)

    def check_number(answers: Mapping[str, Any]) -> Truth:
        value = answers.get(name)
        if value is None:
            return default
        if compare(float(value)):
            return True
        return default if isinstance(value, Mentioned) else False

    return check_number


def _number_test(test: FieldTest) -> Callable[[float], bool]:
    """The bound of a number test as a bound method (`(3.0).__le__` is "3 <= value")."""
    if test.gte is not None:
        return float(test.gte).__le__
    if test.lte is not None:
        return float(test.lte).__ge__
    if test.gt is not None:
        return float(test.gt).__lt__
    assert test.lt is not None  # FieldTest guarantees exactly one test
    return float(test.lt).__gt__


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

    Fields the person has said they do not know are not open: they stay unknown
    ("don't know" is never "no"), so a test that needs one of them to be true
    cannot be made true by asking anything else. Other answers can still make it
    false: `_possible(...)[1]` says so, and the interview keeps those questions for
    an urgent or emergency rule (`interview.choose._decidable`).
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
