"""Whose knee, and what the writer said of their own (trial faults 2 and 3).

Cases: whose_knee.yaml (someone else's knee or illness beside the writer's own) and
sitting_unread.yaml (a time it does not hurt is shown when not read).
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.language.test_cases import cases

from kneewise import load_knowledge
from kneewise.language import parse

KB = load_knowledge()


@pytest.mark.parametrize("case", cases("whose_knee.yaml"), ids=lambda c: c["text"])
def test_someone_elses_knee_is_set_aside_and_the_writers_read(case: dict[str, Any]) -> None:
    parsed = parse(case["text"], KB)
    assert case["statement"] in parsed.unparsed, parsed.unparsed
    assert any(f"“{case['statement']}”" in note for note in parsed.notes), parsed.notes
    lines = parsed.set_aside()
    assert len([line for line in lines if f"“{case['statement']}”" in line]) == 1, lines
    values = parsed.values()
    for field, want in case.get("writer", {}).items():
        assert values.get(field) == want, (field, values)
    for field in case.get("not_read", []):
        assert field not in values, (field, values)
    for words in case.get("kept", []):
        assert words in parsed.unparsed, parsed.unparsed
        assert any(f"“{words}”" in line for line in lines), lines


@pytest.mark.parametrize("case", cases("sitting_unread.yaml"), ids=lambda c: c["text"])
def test_a_sitting_statement_is_read_or_shown(case: dict[str, Any]) -> None:
    parsed = parse(case["text"], KB)
    values = parsed.values()
    for field, want in case.get("writer", {}).items():
        assert values.get(field) == want, (field, values)
    for field in case.get("not_read", []):
        assert field not in values, (field, values)
    for words in case.get("kept", []):
        assert words in parsed.unparsed, parsed.unparsed
        assert any(f"“{words}”" in line for line in parsed.set_aside())
