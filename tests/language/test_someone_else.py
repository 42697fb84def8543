"""A statement about someone else is not the writer's, and is never lost.

Cases: someone_else.yaml. The words are kept whole in `unparsed` with a note;
`set_aside()` gives the lines the terminal, the web's check and `assess --json`
show; the API answers `notes` and `unparsed`.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rich.console import Console
from tests.language.test_cases import cases
from tests.language.test_parser_notes import INTERNAL
from typer.testing import CliRunner

from kneewise import load_knowledge
from kneewise.cli import app as cli_app
from kneewise.cli.interactive import show_understood
from kneewise.language import parse

KB = load_knowledge()
CASES = cases("someone_else.yaml")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"])
def test_a_statement_about_someone_else_is_kept_and_not_read(case: dict[str, Any]) -> None:
    parsed = parse(case["text"], KB)
    assert case["statement"] in parsed.unparsed
    assert any(f"“{case['statement']}”" in note for note in parsed.notes), parsed.notes
    values = parsed.values()
    for field, want in case.get("writer", {}).items():
        assert values.get(field) == want, (field, values)
    for field in case.get("not_read", []):
        assert field not in values, (field, values)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"])
def test_what_was_set_aside_is_said_once_in_plain_words(case: dict[str, Any]) -> None:
    lines = parse(case["text"], KB).set_aside()
    quoting = [line for line in lines if f"“{case['statement']}”" in line]
    assert len(quoting) == 1, lines
    for line in lines:
        assert not INTERNAL.search(line.replace("’", "")), line


@pytest.mark.parametrize(
    "story",
    ["my physio reckons it's a tendon thing", "my coach says it's jumper's knee", "dunno lol"],
)
def test_words_that_give_no_answer_are_said_too(story: str) -> None:
    parsed = parse(story, KB)
    lines = parsed.set_aside()
    assert parsed.unparsed or not re.search(r"\w+ \w+ \w+", story)
    for words in parsed.unparsed:
        assert any(f"“{words}”" in line for line in lines), lines


STORY = "my right knee hurts after running. My mother, 70, had a knee replacement."
SAID = "My mother, 70, had a knee replacement"


def test_the_web_check_shows_it(client: TestClient) -> None:
    page = client.post("/check/understood", data={"text": STORY})
    assert page.status_code == 200
    shown = html.unescape(page.text)
    assert "What kneewise did not use" in shown
    assert f"“{SAID}” seems to be about someone else" in shown


def test_the_api_answers_it(client: TestClient) -> None:
    answer = client.post("/api/v1/parse", json={"text": STORY}).json()
    assert SAID in answer["unparsed"]
    assert any(SAID in note for note in answer["notes"])
    assert "age" not in answer["intake"]


def test_the_terminal_shows_it_with_or_without_details() -> None:
    for story, said in ((STORY, SAID), ("my uncle has gout", "my uncle has gout")):
        console = Console(record=True, width=200, force_terminal=False)
        show_understood(parse(story, KB), KB, console)
        assert f"“{said}”" in console.export_text(), story


def test_assess_json_says_it_apart_from_the_json() -> None:
    result = CliRunner().invoke(cli_app, ["assess", "--json", "--text", STORY])
    assert result.exit_code == 0, result.output
    assert f"“{SAID}” seems to be about someone else" in result.stderr
    assert SAID not in result.stdout


@pytest.mark.parametrize("case", cases("relative_is_patient.yaml"), ids=lambda c: c["text"])
def test_a_relative_with_their_own_leg_stays_the_patient(case: dict[str, Any]) -> None:
    values = parse(case["text"], KB).values()
    for field, want in case["read"].items():
        assert values.get(field) == want, (field, values)
    for field in case.get("not_read", []):
        assert field not in values, (field, values)  # the writer's own knee is not theirs
