"""An operation told with a vague time leaves the early post-operative rules undecided.

"had a knee op recently, the wound is weeping and I've got a temperature": no number of
weeks is read (post_op.vague_time notes the words), so the rules of the first 12 weeks
after surgery cannot be decided. Unknown is never "no": each stays undecided and asks how
many weeks ago the operation was, never silently false (round 15d).
"""

from __future__ import annotations

import pytest

from kneewise import load_knowledge
from kneewise.engine.assess import assess
from kneewise.language import parse

KB = load_knowledge()
_WEEKS = "How many weeks ago was your last operation on this knee?"


@pytest.mark.parametrize(
    "text",
    [
        "had a knee op recently, the wound is weeping and I've got a temperature of 38.6",
        "my knee was scoped the other week and I'm shivery with a fever",
        "they replaced my knee a couple of months back, now I'm feverish and the scar oozes",
    ],
)
def test_a_vague_time_asks_the_weeks_and_decides_nothing(text: str) -> None:
    parsed = parse(text, KB)
    assert parsed.intake().known().get("had_knee_surgery") is True
    assert "weeks_since_surgery" not in parsed.intake().known()
    triage = assess(parsed.intake(), KB).triage
    assert "after_surgery_fever_or_ill" not in {rule.id for rule in triage.rules}
    open_rule = next(r for r in triage.undecided if r.id == "after_surgery_fever_or_ill")
    assert _WEEKS in open_rule.questions


def test_a_number_told_decides_it() -> None:
    """Near miss: the same story with its weeks told is the emergency at once."""
    parsed = parse("3/52 post knee op, the wound is weeping, temp 38.6", KB)
    triage = assess(parsed.intake(), KB).triage
    assert triage.level == "emergency"
    assert "after_surgery_fever_or_ill" in {rule.id for rule in triage.rules}
