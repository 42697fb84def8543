"""The assessment's look-ups give what the plain rules give (issue 11's speed work).

`said_no_places` reads the answers once with a bit per field; `open_rules` looks an
open rule's output up by which of its leaves an open path reaches. On random
answers (values no intake allows included: 0 and 0.0 beside false, "none", empty
and mentioned-only lists) each must equal the rule it stands for: `said_no` per
absent finding, `Trees.rule_deciding` per open rule, and an `UndecidedRule` built
from those fields with the ones answered "I don't know". `told_counts` reads what
the answers told toward each open rule from the leaves' codes: it must count what
`logic.told_fields` counts on the rule's tree.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kneewise import load_knowledge
from kneewise.assessment import UndecidedRule
from kneewise.engine.differential import posterior, said_no, said_no_places
from kneewise.engine.logic import told_fields
from kneewise.engine.triage import open_rule_fields, open_rules, told_counts
from kneewise.intake import INTAKE_FIELDS, Mentioned
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.leaves import UNKNOWN

KB = load_knowledge()
KNOWN = compiled(KB)
FIELDS = sorted(INTAKE_FIELDS)


def _value(name: str) -> st.SearchStrategy[Any]:
    """Any value an answer may hold, the plain noes and some no intake allows."""
    spec = INTAKE_FIELDS[name]
    if spec.kind == "bool":
        return st.one_of(st.booleans(), st.sampled_from([0, 0.0, 1]))
    if spec.kind == "choice":
        return st.sampled_from([*spec.choices, "none", "not_a_choice"])
    if spec.kind == "choices":
        items = st.lists(st.sampled_from(spec.choices), unique=True, max_size=3)
        return st.one_of(items, items.map(Mentioned), st.just(Mentioned([])))
    low = spec.minimum if spec.minimum is not None else 0
    high = spec.maximum if spec.maximum is not None else low + 200
    return st.one_of(st.integers(int(low), int(high)), st.sampled_from([0, 0.0]))


@st.composite
def answers(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(st.sampled_from(FIELDS), unique=True, max_size=30))
    return {name: draw(_value(name)) for name in names}


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _expected(given_answers: dict[str, Any]) -> tuple[list[int], list[int]]:
    """(`said_no_places`, the places `said_no` gives finding by finding) for these answers."""
    belief = posterior(KB, given_answers, KNOWN.evaluate(given_answers))
    columns, present = belief.columns.tolist(), belief.present.tolist()
    expected = [
        place
        for place, column in enumerate(columns)
        if not present[place] and said_no(KNOWN.finding_fields[column], given_answers)
    ]
    return said_no_places(belief, given_answers), expected


@SETTINGS
@given(answers())
def test_said_no_places_are_the_absent_findings_said_no_to(given_answers: dict[str, Any]) -> None:
    found, expected = _expected(given_answers)
    assert found == expected


NO = {"bool": False, "choice": "none", "choices": [], "int": 0, "number": 0.0}
NOT_NO = {"bool": True, "choice": "not_a_choice", "choices": ["not_a_choice"], "int": 3,
          "number": 3.0}  # fmt: skip


def test_a_no_beside_another_answer_to_the_same_finding_is_not_said_no() -> None:
    # Each finding reading two fields or more: one answered no and another not, both no,
    # and the no alone.
    several = [sorted(fields) for fields in KNOWN.finding_fields if len(fields) > 1]
    assert several
    for first, second, *_ in several:
        kinds = INTAKE_FIELDS[first].kind, INTAKE_FIELDS[second].kind
        for given_answers in (
            {first: NO[kinds[0]], second: NOT_NO[kinds[1]]},
            {first: NO[kinds[0]], second: NO[kinds[1]]},
            {first: NO[kinds[0]]},
        ):
            found, expected = _expected(given_answers)
            assert found == expected, given_answers


@SETTINGS
@given(answers(), st.lists(st.sampled_from(FIELDS), unique=True, max_size=6))
def test_open_rules_are_built_from_their_deciding_fields(
    given_answers: dict[str, Any], dont_know: list[str]
) -> None:
    codes = KNOWN.evaluate(given_answers)
    truths = codes[KNOWN.trees.rule_nodes].tolist()
    open_ = [i for i, truth in enumerate(truths) if truth == UNKNOWN]
    fields = open_rule_fields(KNOWN, codes, open_)
    assert fields == KNOWN.trees.rule_deciding(codes, open_)
    for place, entry in zip(open_, open_rules(KNOWN, codes, open_, dont_know), strict=True):
        rule = KB.rules[place]
        asked = [KNOWN.question_text.get(f, f) for f in fields[place]]
        assert entry == UndecidedRule(
            id=rule.id, level=rule.level, title=rule.title, questions=list(dict.fromkeys(asked)),
            fields=list(fields[place]), dont_know=[f for f in fields[place] if f in dont_know],
        )  # fmt: skip


@SETTINGS
@given(answers())
def test_told_counts_are_what_the_trees_count(given_answers: dict[str, Any]) -> None:
    codes = KNOWN.evaluate(given_answers)
    truths = codes[KNOWN.trees.rule_nodes].tolist()
    open_ = [i for i, truth in enumerate(truths) if truth == UNKNOWN]
    found, _ = told_counts(KNOWN, codes[KNOWN.shown.rule_leaf_columns], open_)
    expected = {
        i: len(told) for i in open_ if (told := told_fields(KB.rules[i].when, given_answers))
    }
    assert found == expected
