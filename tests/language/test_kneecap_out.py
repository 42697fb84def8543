"""A kneecap that came out and went back, told in everyday words (kneecap_out.yaml).

Each case: `read` fields and values, `unknown` fields that must stay unknown, `not_true`
fields that must not be read as yes (a dislocation denied is no deformity now).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import load_knowledge
from kneewise.language import parse

KB = load_knowledge()
TABLE = yaml.safe_load((Path(__file__).parent / "kneecap_out.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", [pytest.param(c, id=c["text"]) for c in TABLE])
def test_a_kneecap_that_came_out_is_read_as_told(case: dict[str, Any]) -> None:
    known = parse(case["text"], KB).intake().known()
    for field, want in case.get("read", {}).items():
        assert known.get(field) == want, field
    for field in case.get("unknown", []):
        assert field not in known, field
    for field in case.get("not_true", []):
        assert known.get(field) is not True, field


def test_the_table_has_phrasings_and_near_misses() -> None:
    said = [c for c in TABLE if c.get("read", {}).get("kneecap_slipped_out") is True]
    missed = [c for c in TABLE if "kneecap_slipped_out" in c.get("unknown", [])]
    assert len(said) >= 8
    assert len(missed) >= 3
