"""Whose knee, and what the writer said of their own (trial faults 2 and 3).

Cases: whose_knee.yaml (someone else's knee or illness beside the writer's own) and
sitting_unread.yaml (a time it does not hurt is shown when not read).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.language.test_cases import cases
from typer.testing import CliRunner

from kneewise import load_knowledge
from kneewise.cli import app as cli_app
from kneewise.language import ParsedIntake, parse

KB = load_knowledge()


def _reads_as_the_case_says(parsed: ParsedIntake, case: dict[str, Any]) -> None:
    """The writer's fields read as `writer`, `not_read` unread, `kept` words shown as unused."""
    values = parsed.values()
    for field, want in case.get("writer", {}).items():
        assert values.get(field) == want, (field, values)
    for field in case.get("not_read", []):
        assert field not in values, (field, values)
    lines = parsed.set_aside()
    for words in case.get("kept", []):
        assert words in parsed.unparsed, parsed.unparsed
        assert any(f"“{words}”" in line for line in lines), lines


@pytest.mark.parametrize("case", cases("whose_knee.yaml"), ids=lambda c: c["text"])
def test_someone_elses_knee_is_set_aside_and_the_writers_read(case: dict[str, Any]) -> None:
    parsed = parse(case["text"], KB)
    assert case["statement"] in parsed.unparsed, parsed.unparsed
    assert any(f"“{case['statement']}”" in note for note in parsed.notes), parsed.notes
    lines = parsed.set_aside()
    assert len([line for line in lines if f"“{case['statement']}”" in line]) == 1, lines
    _reads_as_the_case_says(parsed, case)


@pytest.mark.parametrize("case", cases("sitting_unread.yaml"), ids=lambda c: c["text"])
def test_a_sitting_statement_is_read_or_shown(case: dict[str, Any]) -> None:
    _reads_as_the_case_says(parse(case["text"], KB), case)


STORY = "my sister, 16, has a fever and my knee is red. My husband's knee gave way; mine didn't"


def test_the_api_reads_only_the_writers_words(client: TestClient) -> None:
    answer = client.post("/api/v1/parse", json={"text": STORY}).json()
    assert answer["intake"].get("red") is True
    assert answer["intake"].get("giving_way") is False
    for field in ("fever", "age", "sex"):
        assert field not in answer["intake"], answer["intake"]
    for said in ("my sister, 16, has a fever", "My husband's knee gave way"):
        assert said in answer["unparsed"]
        assert any(said in note for note in answer["notes"]), answer["notes"]


def test_assess_json_says_what_was_set_aside() -> None:
    result = CliRunner().invoke(cli_app, ["assess", "--json", "--text", STORY])
    assert result.exit_code == 0, result.output
    assert "“my sister, 16, has a fever” seems to be about someone else" in result.stderr
    assert "“My husband's knee gave way” seems to be about someone else" in result.stderr


@pytest.mark.parametrize(
    ("story", "own"),
    [
        (
            "my daughter (15) twisted her knee at netball. my left knee is fine",
            "my left knee is fine",
        ),
        ("my roommate's knee locks. my right one is fine", "my right one is fine"),
    ],
)
def test_the_writers_own_knee_beside_the_patients_is_said_to_be_theirs(
    story: str, own: str
) -> None:
    lines = parse(story, KB).set_aside()
    assert f"“{own}” seems to be about your own knee, not theirs, so it was not used." in lines
