"""Storage on SQLite and PostgreSQL: migrations, CRUD, transactions, frames."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from kneewise._errors import StorageError
from kneewise.diary import (
    PAIN_SCHEMA,
    SESSIONS_SCHEMA,
    Diary,
    PainEntryRecord,
    ProfileRecord,
    SessionRecord,
    add_questionnaire_answer,
    add_session,
    build,
    count_records,
    delete_everything,
    delete_pain_entry,
    delete_session,
    downgrade_to,
    get_profile,
    list_assessments,
    list_pain_entries,
    list_questionnaire_answers,
    list_sessions,
    log_pain,
    open_diary,
    pain_frame,
    parse_exercise,
    save_assessment,
    sessions_frame,
    update_profile,
    upgrade_to,
)
from kneewise.diary.models import Base, TrainingSession
from kneewise.diary.repository import insert_session
from kneewise.diary.storage import VERSION_TABLE, head_revision
from kneewise.programmes import store as programmes
from kneewise.programmes.load import load_library

DIARY_TABLES = {
    "profile",
    "training_session",
    "exercise",
    "pain_entry",
    "saved_assessment",
    "questionnaire_answer",
    "programme_enrolment",
    "programme_session",
}
MAY_1 = dt.date(2024, 5, 1)


def session(day: dt.date = MAY_1, **fields: object) -> SessionRecord:
    values: dict[str, object] = {"date": day, "activity": "running", "duration_min": 45, "rpe": 6}
    return build(SessionRecord, {**values, **fields})


def pain(day: dt.date = MAY_1, **fields: object) -> PainEntryRecord:
    return build(PainEntryRecord, {"date": day, "knee": "right", **fields})


def tables(diary: Diary) -> set[str]:
    return set(inspect(diary.engine).get_table_names())


def test_first_use_creates_every_table_at_the_newest_revision(diary: Diary) -> None:
    assert DIARY_TABLES | {VERSION_TABLE} <= tables(diary)
    with diary.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        assert context.get_current_revision() == head_revision()


def test_migrations_match_the_models(diary: Diary) -> None:
    with diary.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_removes_the_tables_and_upgrade_brings_them_back(diary: Diary) -> None:
    add_session(diary, session())
    downgrade_to(diary, "base")
    assert not DIARY_TABLES & tables(diary)
    upgrade_to(diary)
    assert tables(diary) >= DIARY_TABLES
    assert list_sessions(diary) == []


def test_opening_again_keeps_the_data(database_url: str) -> None:
    first = open_diary(database_url)
    add_session(first, session())
    first.close()
    second = open_diary(database_url)
    try:
        assert [s.activity for s in list_sessions(second)] == ["running"]
    finally:
        second.close()


def test_a_session_is_stored_with_its_exercises_in_order(diary: Diary) -> None:
    exercises = [parse_exercise("squat:3x8@60"), parse_exercise("Split Squat:2x10")]
    saved = add_session(diary, session(distance_km=8.2, exercises=exercises, notes="hills"))
    assert saved.id is not None
    (stored,) = list_sessions(diary)
    assert stored == saved
    assert [(e.name, e.sets, e.reps, e.load_kg) for e in stored.exercises] == [
        ("squat", 3, 8, 60.0),
        ("split_squat", 2, 10, None),
    ]
    assert stored.load == 270


def test_sessions_are_listed_by_date_within_a_range(diary: Diary) -> None:
    for day in (3, 1, 2):
        add_session(diary, session(dt.date(2024, 5, day)))
    assert [s.date.day for s in list_sessions(diary)] == [1, 2, 3]
    assert [s.date.day for s in list_sessions(diary, since=dt.date(2024, 5, 2))] == [2, 3]
    assert [s.date.day for s in list_sessions(diary, until=dt.date(2024, 5, 1))] == [1]


def test_deleting_a_session_deletes_its_exercises(diary: Diary) -> None:
    saved = add_session(diary, session(exercises=[parse_exercise("squat:3x8")]))
    assert saved.id is not None
    assert delete_session(diary, saved.id)
    assert not delete_session(diary, saved.id)
    assert count_records(diary)["exercise"] == 0


def test_pain_for_the_same_day_and_knee_is_merged(diary: Diary) -> None:
    first, updated = log_pain(diary, pain(during=3, after=4))
    assert not updated
    merged, updated = log_pain(diary, pain(next_morning=2, location=["kneecap"]))
    assert updated
    assert merged.id == first.id
    assert (merged.during, merged.after, merged.next_morning) == (3, 4, 2)
    assert merged.location == ("kneecap",)
    log_pain(diary, pain(knee="left", during=1, night_pain=True))
    assert [(p.knee, p.during) for p in list_pain_entries(diary)] == [("right", 3), ("left", 1)]


def test_deleting_a_pain_entry(diary: Diary) -> None:
    stored, _ = log_pain(diary, pain(during=2))
    assert stored.id is not None
    assert delete_pain_entry(diary, stored.id)
    assert list_pain_entries(diary) == []


def test_profile_changes_only_the_given_fields(diary: Diary) -> None:
    assert get_profile(diary) == ProfileRecord()
    update_profile(diary, build(ProfileRecord, {"age": 34, "sports": ["Running", "football"]}))
    profile = update_profile(diary, build(ProfileRecord, {"knee": "right"}))
    assert (profile.age, profile.sports, profile.knee) == (34, ("running", "football"), "right")


def test_assessments_and_questionnaires_round_trip(diary: Diary) -> None:
    intake = {"age": 30, "side": "right", "pain_now": 4}
    answer = {"urgency": "routine", "conditions": ["patellofemoral_pain"]}
    assessment_id = save_assessment(diary, intake, answer)
    (stored,) = list_assessments(diary)
    assert (stored.id, stored.intake, stored.answer) == (assessment_id, intake, answer)
    assert stored.created_at.tzinfo is not None
    add_questionnaire_answer(diary, "kujala", MAY_1, {"1": 5, "2": 3}, 72.0)
    add_questionnaire_answer(diary, "visa_p", MAY_1, {"1": 7}, None)
    (kujala,) = list_questionnaire_answers(diary, "kujala")
    assert (kujala.answers, kujala.score, kujala.date) == ({"1": 5, "2": 3}, 72.0, MAY_1)
    assert len(list_questionnaire_answers(diary)) == 2


def test_delete_everything_empties_every_table(diary: Diary) -> None:
    add_session(diary, session(exercises=[parse_exercise("squat")]))
    log_pain(diary, pain(during=2))
    update_profile(diary, build(ProfileRecord, {"age": 30}))
    save_assessment(diary, {}, {})
    add_questionnaire_answer(diary, "nrs", MAY_1, {"1": 3}, 3.0)
    library = load_library()
    programmes.start(diary, library.programmes["general_knee"], MAY_1)
    skipped = programmes.SessionUpdate(day=MAY_1, status="skipped")
    programmes.log_session(diary, library, skipped, MAY_1)
    deleted = delete_everything(diary)
    assert set(deleted.values()) == {1}
    assert set(count_records(diary).values()) == {0}


def test_sqlite_file_holds_no_trace_after_delete_everything(tmp_path: Path) -> None:
    diary = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    add_session(diary, session(notes="a-very-recognisable-note"))
    delete_everything(diary)
    diary.close()
    assert b"a-very-recognisable-note" not in (tmp_path / "diary.sqlite3").read_bytes()


def test_a_failed_transaction_commits_nothing(diary: Diary) -> None:
    add_session(diary, session(notes="kept"))
    with pytest.raises(RuntimeError), diary.transaction() as open_session:
        insert_session(open_session, session(notes="lost 1"))
        insert_session(open_session, session(notes="lost 2"))
        raise RuntimeError("the process dies mid-write")
    assert [s.notes for s in list_sessions(diary)] == ["kept"]


def test_a_database_error_becomes_a_storage_error_and_rolls_back(diary: Diary) -> None:
    with pytest.raises(StorageError, match="failed"), diary.transaction() as open_session:
        insert_session(open_session, session(notes="lost"))
        # NOT NULL violation, caught by the database itself.
        open_session.add(TrainingSession(date=MAY_1, activity="x", duration_min=None))
        open_session.flush()
    assert list_sessions(diary) == []


def test_sessions_frame_has_the_analytics_schema(diary: Diary) -> None:
    add_session(diary, session(dt.date(2024, 5, 2), exercises=[parse_exercise("squat")]))
    add_session(diary, session(activity="cycling", rpe=None, duration_min=30))
    frame = sessions_frame(diary)
    assert frame.schema == SESSIONS_SCHEMA
    assert frame.to_dicts() == [
        {"date": MAY_1, "activity": "cycling", "duration_min": 30.0, "rpe": None, "exercises": []},
        {
            "date": dt.date(2024, 5, 2),
            "activity": "running",
            "duration_min": 45.0,
            "rpe": 6.0,
            "exercises": ["squat"],
        },
    ]
    assert sessions_frame(diary, since=dt.date(2024, 5, 2)).height == 1


def test_pain_frame_takes_the_worse_knee_per_day(diary: Diary) -> None:
    log_pain(diary, pain(during=3, after=2, swelling=False))
    log_pain(diary, pain(knee="left", during=5, night_pain=True))
    log_pain(diary, pain(dt.date(2024, 5, 3), next_morning=1))
    frame = pain_frame(diary)
    assert frame.schema == PAIN_SCHEMA
    assert frame.to_dicts() == [
        {
            "date": MAY_1,
            "during": 5,
            "after": 2,
            "next_morning": None,
            "swelling": False,
            "night_pain": True,
        },
        {
            "date": dt.date(2024, 5, 3),
            "during": None,
            "after": None,
            "next_morning": 1,
            "swelling": None,
            "night_pain": None,
        },
    ]


def test_empty_frames_keep_their_schema(diary: Diary) -> None:
    assert sessions_frame(diary).schema == SESSIONS_SCHEMA
    assert pain_frame(diary).schema == PAIN_SCHEMA
    assert pain_frame(diary).equals(pl.DataFrame(schema=PAIN_SCHEMA))


def test_an_unreachable_database_is_a_clear_storage_error() -> None:
    with pytest.raises(StorageError, match="cannot upgrade the diary database"):
        open_diary("postgresql+psycopg://nobody@127.0.0.1:1/none")


def test_a_malformed_url_names_the_setting() -> None:
    with pytest.raises(StorageError, match="KNEEWISE_DATABASE_URL"):
        open_diary("not a url")
