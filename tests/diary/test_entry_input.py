"""What a person types for a session or a pain entry is read whole, or refused in words.

Exercises are read in the common ways sets × reps and a load are written
(`data/exercise_text_cases.yaml`), or refused with the accepted form; a
session of 0 minutes is a rest day only; a new pain entry with places alone
says it needs a finding. Through the real CLI, in-process, on a SQLite diary.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kneewise._errors import RecordError
from kneewise.cli import app
from kneewise.diary import list_pain_entries, list_sessions, open_diary
from kneewise.diary.records import (
    REST_ACTIVITIES,
    REST_NAME,
    exercise_words,
    normalise_name,
    parse_exercise,
)
from kneewise.web.inputs import NAME

CASES: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "exercise_text_cases.yaml").read_text(encoding="utf-8")
)
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _data_dir(cli_data_dir: Path) -> Path:
    return cli_data_dir


@pytest.mark.parametrize("case", CASES["read"], ids=[c["text"] for c in CASES["read"]])
def test_an_exercise_written_a_common_way_is_read_whole(case: dict[str, Any]) -> None:
    read = parse_exercise(case["text"])
    expected = {"sets": None, "reps": None, "load_kg": None, **case["read"]}
    assert read.model_dump() == expected


@pytest.mark.parametrize("case", CASES["refused"], ids=[c["text"] for c in CASES["refused"]])
def test_an_exercise_not_read_whole_is_refused_with_the_accepted_form(
    case: dict[str, Any],
) -> None:
    with pytest.raises(RecordError) as caught:
        parse_exercise(case["text"])
    (problem,) = caught.value.problems
    assert case["text"] in problem
    assert case["refused"] in problem


def test_a_very_long_exercise_text_is_refused_by_its_length() -> None:
    with pytest.raises(RecordError, match=r"a text of 5008 characters.* too long"):
        parse_exercise("squat " + "9" * 5_000 + "x8")


def test_log_session_reads_sets_reps_and_load_and_says_what_it_read() -> None:
    code, out, err = run(
        "log", "session", "-a", "gym", "-d", "50", "-r", "6",
        "-e", "squat 3x10 @40kg", "-e", "Romanian Deadlift 3 x 8 @ 62,5 kg", "-e", "plank",
    )  # fmt: skip
    assert code == 0, err
    assert "exercises: squat 3×10 @ 40 kg; romanian deadlift 3×8 @ 62.5 kg; plank" in out
    (stored,) = list_sessions(open_diary())
    assert [exercise_words(e) for e in stored.exercises] == [
        "squat 3×10 @ 40 kg",
        "romanian deadlift 3×8 @ 62.5 kg",
        "plank",
    ]


@pytest.mark.parametrize("text", ["squat 3 sets of 10 at 40", "press 3x10 35", "row 4x8 @ 70lbs"])
def test_log_session_refuses_an_exercise_it_cannot_read_whole(text: str) -> None:
    code, _, err = run("log", "session", "-a", "gym", "-d", "50", "-r", "6", "-e", text)
    assert code == 2
    assert text in err
    assert "kilograms" in err
    assert "Traceback" not in err
    assert list_sessions(open_diary()) == []


@pytest.mark.parametrize("activity", ["running", "Cycling", "strength"])
def test_a_session_of_0_minutes_that_is_not_rest_is_refused(activity: str) -> None:
    code, _, err = run("log", "session", "-a", activity, "-d", "0", "-r", "7")
    assert code == 2
    assert f"Duration must be more than 0 minutes for {activity.lower()}" in err
    assert "0 minutes is a rest day, logged with the activity rest" in err
    assert list_sessions(open_diary()) == []


@pytest.mark.parametrize("activity", ["rest", "Rest", "rest day", "day off"])
def test_a_rest_day_of_0_minutes_is_logged(activity: str) -> None:
    code, out, err = run("log", "session", "-a", activity, "-d", "0", "-r", "0")
    assert code == 0, err
    (stored,) = list_sessions(open_diary())
    assert stored.duration_min == 0
    assert "0 min" in out


def test_a_new_pain_entry_with_places_alone_says_it_needs_a_finding() -> None:
    code, _, err = run("log", "pain", "-k", "left", "-l", "front", "-l", "inner")
    assert code == 2
    for finding in ("pain during activity", "swelling", "morning stiffness"):
        assert finding in err
    assert "a new entry needs at least one of" in err
    assert list_pain_entries(open_diary()) == []


@settings(max_examples=300)
@given(
    st.from_regex(NAME, fullmatch=True).filter(lambda name: len(name) <= 40)
    | st.sampled_from(["Rest", "rest day", "DAY-OFF", "rest-", "rest_ day", "day__off"])
)
def test_the_schemas_rest_day_pattern_is_the_records_rule(name: str) -> None:
    # The API's schema states the rule the records check: a client that validates
    # against the schema sends no 0-minute session the diary refuses.
    assert bool(re.fullmatch(REST_NAME, name)) == (normalise_name(name) in REST_ACTIVITIES)


def test_an_imported_0_minute_session_is_a_rest_day_or_refused(tmp_path: Path) -> None:
    trained = tmp_path / "trained.csv"
    trained.write_text("date,activity,duration_min,rpe\n2025-03-02,hill walk,0,5\n")
    code, _, err = run("import", str(trained))
    assert code != 0
    assert "more than 0 minutes for hill_walk" in err
    assert list_sessions(open_diary()) == []
    rested = tmp_path / "rested.csv"
    rested.write_text("date,activity,duration_min,rpe\n2025-03-02,Day Off,0,0\n")
    code, _, err = run("import", str(rested))
    assert code == 0, err
    (stored,) = list_sessions(open_diary())
    assert (stored.activity, stored.duration_min) == ("day_off", 0)
