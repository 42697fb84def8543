"""Record rules: what is accepted, what is refused, and how the refusal reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kneewise._errors import RecordError
from kneewise.diary import ExerciseRecord, PainEntryRecord, SessionRecord, build, parse_day
from kneewise.diary.records import format_exercise, parse_exercise, sets_reps_or_load_in
from kneewise.settings import SQLITE_FILENAME, load_settings

TODAY = dt.date(2024, 5, 10)


def test_a_session_reads_text_as_csv_cells_and_options_give_it() -> None:
    record = build(
        SessionRecord,
        {
            "date": "2024-05-01",
            "activity": " Trail  Running ",
            "duration_min": "45.5",
            "rpe": "6.5",
        },
    )
    assert (record.activity, record.duration_min, record.rpe) == ("trail_running", 45.5, 6.5)
    assert record.load == pytest.approx(295.75)


def test_every_bad_field_is_named_with_what_is_allowed() -> None:
    with pytest.raises(RecordError) as caught:
        build(
            SessionRecord,
            {
                "date": "2024-05-01",
                "activity": "?",
                "duration_min": -5,
                "rpe": -1,
                "distance_km": "far",
                "pace": 5,
            },
        )
    assert caught.value.problems == [
        "activity must be a name of 1-40 letters (any alphabet) and digits, with spaces, "
        "dashes or _ between words and ' inside one (e.g. running); got '?'",
        "duration_min must be minutes, from 0 (a logged rest day) to 10080 (a week); got -5",
        "rpe must be a number from 0 to 10 (session RPE on the CR-10 scale); got -1",
        "distance_km must be kilometres, from 0 to 1000; got 'far'",
        "unknown field 'pace'",
    ]


def test_future_dates_are_refused(today: dt.date) -> None:
    # Two days ahead is the future everywhere on Earth (today is taken at UTC+14).
    ahead = today + dt.timedelta(days=2)
    with pytest.raises(RecordError, match="got " + ahead.isoformat()):
        build(PainEntryRecord, {"date": ahead, "knee": "left", "during": 1})


def test_pain_booleans_and_locations_from_text() -> None:
    entry = build(
        PainEntryRecord,
        {
            "date": "2024-05-01",
            "knee": "both",
            "swelling": "yes",
            "night_pain": "no",
            "location": ["kneecap", "back"],
        },
    )
    assert (entry.swelling, entry.night_pain, entry.location) == (True, False, ("kneecap", "back"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("squat:3x8@60", ExerciseRecord(name="squat", sets=3, reps=8, load_kg=60)),
        (
            "Split Squat: 3 x 10 @ 22.5kg",
            ExerciseRecord(name="split_squat", sets=3, reps=10, load_kg=22.5),
        ),
        ("plank", ExerciseRecord(name="plank")),
        ("step-down@5", ExerciseRecord(name="step_down", load_kg=5)),
    ],
)
def test_exercises_are_parsed(text: str, expected: ExerciseRecord) -> None:
    assert parse_exercise(text) == expected


@given(
    # A name holding sets × reps or a load ("a_3x10") is refused, as typed or written back.
    name=st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True).filter(
        lambda name: sets_reps_or_load_in(name) is None
    ),
    sets=st.integers(1, 100),
    reps=st.integers(1, 1000),
    load=st.one_of(st.none(), st.integers(0, 1000).map(float), st.just(12.5)),
)
def test_formatted_exercises_parse_back(
    name: str, sets: int, reps: int, load: float | None
) -> None:
    exercise = ExerciseRecord(name=name, sets=sets, reps=reps, load_kg=load)
    assert parse_exercise(format_exercise(exercise)) == exercise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("Yesterday", dt.date(2024, 5, 9)),
        ("-3", dt.date(2024, 5, 7)),
        ("2024-04-30", dt.date(2024, 4, 30)),
    ],
)
def test_days_are_parsed(text: str, expected: dt.date) -> None:
    assert parse_day(text, TODAY) == expected


def test_a_bad_day_says_what_is_allowed() -> None:
    with pytest.raises(RecordError, match=r"YYYY-MM-DD, 'today' or 'yesterday'.*got 'tomorrow'"):
        parse_day("tomorrow", TODAY)


def test_settings_default_to_a_sqlite_file_in_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path))
    assert load_settings().diary_url() == f"sqlite:///{tmp_path / SQLITE_FILENAME}"
    monkeypatch.delenv("KNEEWISE_DATA_DIR")
    assert load_settings().data_dir.name == "kneewise"
    monkeypatch.setenv("KNEEWISE_DATABASE_URL", "postgresql+psycopg://me@db/kneewise")
    assert load_settings().diary_url() == "postgresql+psycopg://me@db/kneewise"
