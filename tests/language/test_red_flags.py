"""The parser's warning signs come from the rules: every yes/no field a referral rule (see a
doctor, urgent or emergency) reads keeps, when a story tells it both ways, the answer that can
fire the rule."""

from __future__ import annotations

import pytest

from kneewise import load_knowledge
from kneewise.engine.logic import predicate_fields
from kneewise.intake import INTAKE_FIELDS
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.model import FieldTest, NotOf, Predicate
from kneewise.language.mention import Mention
from kneewise.language.resolve import _ASK_WHEN_TOLD_BOTH as ASK_WHEN_TOLD_BOTH
from kneewise.language.resolve import resolve

KB = load_knowledge()
SERIOUS = [r for r in KB.rules if r.level in ("urgent", "emergency")]
REFERRAL = [r for r in KB.rules if r.level != "self_care"]
YES_NO = sorted(
    {f for r in REFERRAL for f in predicate_fields(r.when) if INTAKE_FIELDS[f].kind == "bool"}
)


def test_every_yes_no_field_an_urgent_rule_reads_has_its_alarming_answer() -> None:
    alarming = compiled(KB).alarming_answers
    assert set(YES_NO) <= set(alarming)
    # The ones the hand-kept list used to miss (issue 11), and one whose alarm is "no".
    assert {"can_walk_4_steps", "hip_pain_or_limp", "immunosuppressed", "tender_fibula_head"} <= (
        set(alarming)
    )
    assert alarming["can_walk_4_steps"] is False
    # Signs that only a see-a-doctor rule reads (a bone tumour's night pain, weight loss) too.
    assert alarming["night_pain"] is True and alarming["weight_loss"] is True
    serious = {f for r in SERIOUS for f in predicate_fields(r.when)}
    assert compiled(KB).red_flag_fields >= serious & set(YES_NO)


def _fires(predicate: Predicate, field: str, answer: bool, negated: bool = False) -> bool:
    if isinstance(predicate, FieldTest):
        return predicate.field == field and predicate.is_ is (answer != negated)
    if isinstance(predicate, NotOf):
        return _fires(predicate.not_, field, answer, not negated)
    parts = predicate.all if hasattr(predicate, "all") else predicate.any  # type: ignore[union-attr]
    return any(_fires(p, field, answer, negated) for p in parts)


@pytest.mark.parametrize("field", YES_NO)
def test_a_sign_told_both_ways_keeps_the_answer_a_rule_fires_on(field: str) -> None:
    alarming = compiled(KB).alarming_answers[field]
    assert any(_fires(r.when, field, alarming) for r in REFERRAL)
    text = "yes and no"
    for order in ((True, False), (False, True)):
        told = [Mention(field, value, i * 4, i * 4 + 3, 0.9) for i, value in enumerate(order)]
        found = resolve(told, text, compiled(KB).alarming_answers)
        if field in ASK_WHEN_TOLD_BOTH:  # history told both ways: the interview asks it
            assert field not in found
        else:
            assert found[field].value is alarming
