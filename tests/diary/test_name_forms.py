"""Names read back in one form everywhere, dashes said, length counted as stored.

Kinds: a stored name (`laufen_überlandstraße`) is shown as words in the CLI's
lines as on the web pages; a dash read as a space is said to the person who
typed it; the 40-character limit is on the stored name and its refusal names
the stored length; the sets/reps/load check reads word edges the same way in
Python and in a browser's pattern (no `\\b`, which differs by script).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kneewise._errors import RecordError
from kneewise.cli import app
from kneewise.diary.records import (
    NOT_A_NAME,
    ExerciseRecord,
    SessionRecord,
    build,
    parse_exercise,
    sets_reps_or_load_in,
)

runner = CliRunner()
DAY = "2025-05-06"


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("Laufen Überlandstraße", "laufen überlandstraße"), ("Split_Squat", "split squat"),
     ("Mum’s run", "mum's run")],
)  # fmt: skip
def test_the_cli_and_the_diary_page_show_a_name_alike(
    cli_data_dir: Path, client: TestClient, typed: str, shown: str
) -> None:
    line = run("log", "session", "-a", typed, "-d", "30", "-r", "4", "--date", DAY)
    assert line.startswith(f"Logged {shown} on {DAY}")
    listed = run("log", "list")
    assert f"{DAY} {shown}," in listed
    client.post("/api/v1/sessions", json={"date": DAY, "activity": typed, "duration_min": 30})
    assert f"{DAY} · {shown} · 30 min" in client.get("/diary").text.replace("&#39;", "'")


def test_an_exercise_is_read_back_as_words(cli_data_dir: Path) -> None:
    line = run("log", "session", "-a", "gym", "-d", "45", "-e", "Split_Squat 3x8 @20kg")
    assert "exercises: split squat 3×8 @ 20 kg" in line


@pytest.mark.parametrize("typed", ["5-a-side", "10–15 km", "Zirkel—Training"])
def test_a_dash_read_as_a_space_is_said(cli_data_dir: Path, typed: str) -> None:
    out = run("log", "session", "-a", typed, "-d", "50", "-r", "6", "--date", DAY)
    assert "A dash in a name is read as a space between words" in out


def test_no_dash_no_note(cli_data_dir: Path) -> None:
    out = run("log", "session", "-a", "Mum's run", "-d", "50", "-r", "6", "--date", DAY)
    assert "dash" not in out


def test_lower_casing_dotted_capital_i_does_not_lengthen_a_name() -> None:
    typed = "İ" * 40
    record = build(SessionRecord, {"date": DAY, "activity": typed, "duration_min": 10})
    assert record.activity == "i" * 40


@pytest.mark.parametrize("letter", ["\u0958", "\u0a36", "\ufb2e"])  # grow under NFC
def test_a_name_too_long_as_stored_says_its_stored_length(letter: str) -> None:
    typed = letter * 30
    with pytest.raises(RecordError, match=r"\(60 characters as stored\)"):
        build(ExerciseRecord, {"name": typed})


@pytest.mark.parametrize(
    ("text", "found"),
    [("squat 3 sets", "3 sets"), ("lunges reps", "reps"), ("row_sets", "sets"),
     ("squat 40kg", "40kg"), ("übersets", None), ("setü squat", None), ("squat 40kgü", None),
     ("represent", None), ("Sätze", None)],
)  # fmt: skip
def test_sets_and_reps_are_found_at_word_edges_in_any_script(text: str, found: str | None) -> None:
    part = sets_reps_or_load_in(text)
    assert (part is None) is (found is None), part
    if found is not None:
        assert part is not None and part.endswith(found.split()[-1])


def test_the_pattern_has_no_word_boundary_escape() -> None:
    # \b reads letters by Unicode in Python and Rust, by ASCII in ECMA-262 without /u.
    assert "\\b" not in NOT_A_NAME
    assert re.search(NOT_A_NAME, "ab setü") is None


def test_a_name_holding_a_load_is_refused_with_the_form() -> None:
    with pytest.raises(RecordError, match="must be written"):
        parse_exercise("squat 40 pounds extra")


@pytest.mark.parametrize(("typed", "said"), [("5-a-side", True), ("10–15 km", True),
                                             ("Mum's run", False)])  # fmt: skip
def test_the_web_form_says_a_dash_was_read_as_a_space(
    client: TestClient, typed: str, said: bool
) -> None:
    form = {"activity": typed, "date": DAY, "duration_min": "40", "rpe": "5"}
    answer = client.post("/diary/session", data=form)
    assert answer.status_code == 200, answer.text
    assert "Session saved." in answer.text
    assert ("A dash in a name is read as a space between words" in answer.text) is said
