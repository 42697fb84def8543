"""Open warning signs a person told part of come first within their level (told_first_cases.yaml).

A story is read and assessed; the rule its words point to must head the open rules of its
level, and the headline must name it; where nothing was told toward an open rule they stay
in file order within each level and the headline is the level's own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import assess, load_knowledge
from kneewise.knowledge.model import TRIAGE_ORDER
from kneewise.language import parse

KB = load_knowledge()
PLACE = {rule.id: i for i, rule in enumerate(KB.rules)}
TITLE = {rule.id: rule.title for rule in KB.rules}
CASES = yaml.safe_load((Path(__file__).parent / "told_first_cases.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_the_sign_told_of_comes_first(case: dict[str, Any]) -> None:
    triage = assess(parse(case["text"], KB).intake(), KB).triage
    assert triage.level == case["level"]
    opened = [rule.id for rule in triage.undecided]
    for level, rule in case.get("first", {}).items():
        assert [r.id for r in triage.undecided if r.level == level][:1] == [rule]
    if case.get("file_order"):
        urgency = {rule.id: -TRIAGE_ORDER.index(rule.level) for rule in KB.rules}
        assert opened == sorted(opened, key=lambda r: (urgency[r], PLACE[r]))
    named = case["headline_names"]
    if named is None:
        assert "Something you told us" not in triage.headline
    else:
        assert TITLE[named] in triage.headline
        assert named in opened
