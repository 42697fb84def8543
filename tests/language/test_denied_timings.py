"""A denied time of pain, swelling, locking or giving way: "no" only where clearly denied."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import load_knowledge
from kneewise.language import parse

KB = load_knowledge()
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "denied_timings.yaml").read_text(encoding="utf-8")
)


def test_the_table_covers_every_kind() -> None:
    fields = {case["field"] for case in CASES}
    assert len(CASES) >= 30
    kinds = {"pain_at_rest", "night_pain", "worse_with", "swelling", "locking", "giving_way"}
    assert kinds <= fields
    assert any(case["value"] is None for case in CASES)  # near misses stay unknown


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['field']}: {c['text']}")
def test_a_denied_time_is_no_only_where_it_was_denied(case: dict[str, Any]) -> None:
    got = parse(case["text"], KB).intake().known().get(case["field"])
    assert got == case["value"]
