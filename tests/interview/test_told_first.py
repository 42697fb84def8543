"""A warning sign the person told part of is decided first among the red-flag screens.

Someone who writes "I've got a temperature" may have come worried about exactly that; if
they stop after two screens, those should have been the ones that decide it. Cases:
told_first_questions.yaml (each answers "don't know" to every screen asked).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import load_knowledge
from kneewise.assessment import SERIOUS_LEVELS
from kneewise.engine.logic import CONTEXT_FIELDS, holds, told_fields
from kneewise.interview import Evidence, Question, next_step
from kneewise.knowledge.compiled import compiled

KB = load_knowledge()
KNOWN = compiled(KB)
CASES = yaml.safe_load((Path(__file__).parent / "told_first_questions.yaml").read_text())


def _asked(answers: dict[str, Any], steps: int) -> list[list[str]]:
    """The fields of the first `steps` screens asked, each answered "don't know"."""
    evidence, found = Evidence(answers=answers), []
    for _ in range(steps):
        step = next_step(evidence, KB)
        if not isinstance(step, Question):
            break
        found.append(list(step.fields))
        evidence = Evidence(answers=answers, unknown=[*evidence.unknown, *step.fields])
    return found


def _told_rule_fields(answers: dict[str, Any]) -> set[str]:
    """Every field of the serious warning signs open and told in part (not context alone)."""
    fields: set[str] = set()
    for rule in KB.rules:
        open_ = rule.level in SERIOUS_LEVELS and holds(rule.when, answers) is None
        if open_ and told_fields(rule.when, answers) - CONTEXT_FIELDS:
            fields |= KNOWN.rule_fields[rule.id]
    return fields


@pytest.mark.parametrize("case", [c for c in CASES if not c.get("quiet")], ids=lambda c: c["id"])
def test_the_told_signs_screens_come_first(case: dict[str, Any]) -> None:
    deciding = _told_rule_fields(case["answers"]) - set(case["answers"])
    assert deciding, "the case tells no open warning sign"
    asked = _asked(case["answers"], case["asked_first"])
    assert len(asked) == case["asked_first"]
    for fields in asked:
        assert deciding & set(fields), f"{fields} decides none of the told signs"


@pytest.mark.parametrize("case", [c for c in CASES if c.get("quiet")], ids=lambda c: c["id"])
def test_context_alone_tells_no_sign(case: dict[str, Any]) -> None:
    assert not _told_rule_fields(case["answers"])
