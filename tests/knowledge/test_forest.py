"""The forest of arrays (knowledge/forest.py) decides every test exactly as `logic.holds`.

On random answers over the real knowledge base, each finding's, rule's,
`requires` and advice card's test is true, false or unknown in the forest
exactly when `holds` says so, and an open rule's deciding fields are
`deciding_fields`. The answers go beyond what an intake allows (numbers
between whole ones, choices no field offers, lists that name only what was
mentioned), so the compile-time tables are checked against the leaves' own
tests and not only on the values they hold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kneewise import load_knowledge
from kneewise.engine.logic import deciding_fields, holds
from kneewise.evaluation import load_vignettes
from kneewise.intake import INTAKE_FIELDS, Mentioned
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.forest import compile_forest
from kneewise.knowledge.leaves import FALSE, TRUE, UNKNOWN
from kneewise.knowledge.model import AllOf, AnyOf, FieldTest, NotOf, Predicate

KB = load_knowledge()
KNOWN = compiled(KB)
TREES = KNOWN.trees
VIGNETTES = load_vignettes(Path(__file__).parents[1] / "vignettes")


def _given(test: Predicate | None) -> Predicate:
    assert test is not None  # only the conditions and cards that have a test have a node
    return test


# Every test of the knowledge with its node, named for the failure message.
TESTS: list[tuple[str, Predicate, int]] = [
    *((f"finding {f.id}", f.when, n) for f, n in zip(
        KB.findings.values(), TREES.finding_nodes.tolist(), strict=True)),
    *((f"rule {r.id}", r.when, n) for r, n in zip(
        KB.rules, TREES.rule_nodes.tolist(), strict=True)),
    *((f"requires of {c}", _given(KB.conditions[c].requires), n) for c, n in zip(
        [KNOWN.condition_ids[i] for i in TREES.requires_conditions.tolist()],
        TREES.requires_nodes.tolist(), strict=True)),
    *((f"card {KB.advice[i].id}", _given(KB.advice[i].when), n)
      for i, n in TREES.card_nodes.items()),
]  # fmt: skip


def _fields(test: Predicate) -> set[str]:
    if isinstance(test, FieldTest):
        return {test.field}
    if isinstance(test, NotOf):
        return _fields(test.not_)
    return set().union(*(_fields(p) for p in (test.all if isinstance(test, AllOf) else test.any)))


TESTED_FIELDS = sorted(set().union(*(_fields(test) for _, test, _ in TESTS)))


def _value(name: str) -> st.SearchStrategy[Any]:
    """Any value an answer may hold, and some no intake allows."""
    spec = INTAKE_FIELDS[name]
    stranger = st.sampled_from(["not_a_choice", 0, 1, True, False])
    if spec.kind == "bool":
        return st.one_of(st.booleans(), stranger)
    if spec.kind == "choice":
        return st.one_of(st.sampled_from(spec.choices), stranger)
    if spec.kind == "choices":
        items = st.lists(st.sampled_from([*spec.choices, "not_a_choice"]), unique=True, max_size=4)
        return st.one_of(items, items.map(Mentioned))
    low = spec.minimum if spec.minimum is not None else 0
    high = spec.maximum if spec.maximum is not None else low + 200
    whole = st.integers(int(low) - 2, int(high) + 2)
    return st.one_of(whole, whole.map(float), st.floats(low, high, allow_nan=False))


@st.composite
def answers(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(st.sampled_from(TESTED_FIELDS), unique=True, max_size=40))
    return {name: draw(_value(name), label=name) for name in names}


def _code(truth: bool | None) -> int:
    return UNKNOWN if truth is None else (TRUE if truth else FALSE)


def assert_same_as_holds(given_answers: dict[str, Any]) -> None:
    codes = KNOWN.evaluate(given_answers)
    for name, test, node in TESTS:
        assert int(codes[node]) == _code(holds(test, given_answers)), name
    open_rules = [i for i, r in enumerate(KB.rules) if holds(r.when, given_answers) is None]
    found = TREES.rule_deciding(codes, open_rules)
    for i in open_rules:
        rule = KB.rules[i]
        assert found[i] == tuple(sorted(deciding_fields(rule.when, given_answers))), rule.id


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(given_answers=answers())
def test_the_forest_equals_holds_on_random_answers(given_answers: dict[str, Any]) -> None:
    assert_same_as_holds(given_answers)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_the_forest_equals_holds_on_every_vignette(vignette: Any) -> None:
    assert_same_as_holds(vignette.intake.known())


def test_with_no_answers_each_test_is_its_default() -> None:
    assert_same_as_holds({})


def test_dont_know_is_never_no_in_the_forest() -> None:
    """An unknown part leaves an `all` unknown, and an `any` unknown, unless another part
    decides it; `not` of unknown is unknown."""
    a, b = (
        FieldTest.model_validate({"field": "fever", "is": True}),
        FieldTest.model_validate({"field": "warm", "is": True}),
    )
    trees: list[Predicate] = [
        AllOf.model_validate({"all": [a, b]}),
        AnyOf.model_validate({"any": [a, b]}),
        NotOf.model_validate({"not": AllOf.model_validate({"all": [a, b]})}),
    ]
    forest = compile_forest(trees)
    cases = [({}, [UNKNOWN] * 3), ({"fever": True}, [UNKNOWN, TRUE, UNKNOWN]),
             ({"fever": False}, [FALSE, UNKNOWN, TRUE]),
             ({"fever": True, "warm": True}, [TRUE, TRUE, FALSE])]  # fmt: skip
    for given_answers, expected in cases:
        codes = forest.evaluate(given_answers)
        assert [int(codes[r]) for r in forest.roots.tolist()] == expected, given_answers
        assert [_code(holds(t, given_answers)) for t in trees] == expected
