"""`kneewise assess` for a child under 5: the short and the full view say why no cause is listed."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from kneewise.cli import app

runner = CliRunner()
TODDLER = json.dumps({"schema": "kneewise.intake/2", "age": 1, "hip_pain_or_limp": True})


@pytest.mark.parametrize("view", [[], ["--full"]], ids=["short", "full"])
def test_the_views_say_why_no_cause_is_listed(view: list[str]) -> None:
    result = runner.invoke(app, ["assess", "-i", "-", *view], input=TODDLER)
    assert result.exit_code == 0, result.output
    text = re.sub(r"\s+", " ", result.stdout)
    assert "kneewise lists likely causes from the age of 5" in text
    assert "A child under 2 with a limp" in text or "under 2 who limps" in text  # title or reason


def test_the_json_has_no_causes_and_the_reason() -> None:
    result = runner.invoke(app, ["assess", "-i", "-", "--json"], input=TODDLER)
    answer = json.loads(result.stdout)
    assert answer["conditions"] == [] and "child aged 1" in answer["conditions_withheld"]
    assert answer["triage"]["level"] == "urgent"
