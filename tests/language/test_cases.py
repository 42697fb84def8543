"""Case tables: negated red flags stay absent; phrases give exact values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import load_knowledge
from kneewise.language import parse

KB = load_knowledge()


def cases(name: str) -> list[dict[str, Any]]:
    """A YAML case table next to this file."""
    loaded: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / name).read_text())
    return loaded


NEGATED = cases("negated_red_flags.yaml")
VALUES = cases("values.yaml")


@pytest.mark.parametrize("case", NEGATED, ids=lambda c: c["text"])
def test_a_negated_red_flag_is_never_present(case: dict[str, Any]) -> None:
    value = parse(case["text"], KB).intake().known().get(case["field"])
    assert value is not True
    assert value != "now"


@pytest.mark.parametrize("case", VALUES, ids=lambda c: f"{c['field']}: {c['text']}")
def test_a_phrase_gives_its_value(case: dict[str, Any]) -> None:
    got = parse(case["text"], KB).intake().known().get(case["field"])
    want = case["value"]
    if isinstance(want, float):
        assert got == pytest.approx(want, abs=0.2)
    else:
        assert got == want
