"""Enrolments and session logs in a real SQLite diary: decisions applied, load counted, red
flags from the diary's own pain entries honoured, bad input refused in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from kneewise._errors import DiaryError, RecordError
from kneewise.analytics.load import daily_load
from kneewise.diary import (
    Diary,
    PainEntryRecord,
    build,
    count_records,
    delete_everything,
    delete_session,
    list_sessions,
    log_pain,
    open_diary,
    sessions_frame,
)
from kneewise.programmes import store
from kneewise.programmes.load import load_library
from kneewise.programmes.store import SessionUpdate

LIBRARY = load_library()
DAY = dt.date(2026, 3, 2)


@pytest.fixture
def diary(tmp_path: Path) -> Iterator[Diary]:
    opened = open_diary(f"sqlite:///{tmp_path / 'diary.sqlite3'}")
    yield opened
    opened.close()


def _log(diary: Diary, day: dt.date, **fields: object) -> tuple[store.Enrolment, object]:
    return store.log_session(diary, LIBRARY, SessionUpdate(day=day, **fields), day)  # type: ignore[arg-type]


def test_done_session_counts_in_the_training_load(diary: Diary) -> None:
    store.start(diary, LIBRARY.programmes["general_knee"], DAY)
    _log(diary, DAY, status="done", pain_during=2, rpe=4)
    (training,) = list_sessions(diary)
    assert training.activity == "knee_programme"
    assert training.duration_min == LIBRARY.programmes["general_knee"].stages[0].minutes
    assert "General knee strength: Basic strength" in (training.notes or "")
    daily = daily_load(sessions_frame(diary))
    assert daily.filter(daily["date"] == DAY)["load"].item() == 25 * 4


def test_adding_the_next_morning_updates_the_same_day_and_keeps_one_training_session(
    diary: Diary,
) -> None:
    store.start(diary, LIBRARY.programmes["general_knee"], DAY)
    _log(diary, DAY, status="done", pain_during=2, rpe=4)
    enrolment, _ = _log(diary, DAY, pain_next_morning=1, minutes=40)
    (logged,) = enrolment.sessions
    assert (logged.pain_during, logged.pain_next_morning) == (2, 1)
    (training,) = list_sessions(diary)
    assert (training.duration_min, training.rpe) == (40, 4)


def test_skipping_removes_the_load_and_partly_needs_minutes(diary: Diary) -> None:
    store.start(diary, LIBRARY.programmes["general_knee"], DAY)
    _log(diary, DAY, status="done", pain_during=1)
    _log(diary, DAY, status="skipped")
    assert list_sessions(diary) == []
    with pytest.raises(RecordError, match="minutes are required for a partly done session"):
        _log(diary, DAY + dt.timedelta(days=1), status="partly", pain_during=1)
    _log(diary, DAY + dt.timedelta(days=1), status="partly", pain_during=1, minutes=10)
    assert [s.duration_min for s in list_sessions(diary)] == [10]


def test_a_stage_moves_on_and_the_change_is_kept(diary: Diary) -> None:
    programme = LIBRARY.programmes["return_to_running"]
    store.start(diary, programme, DAY)
    _log(diary, DAY, status="done", pain_during=2, pain_next_morning=0)
    store.confirm_checks(diary, LIBRARY, ["no_swelling_1"])
    enrolment, decision = _log(
        diary, DAY + dt.timedelta(days=2), status="done", pain_during=2, pain_next_morning=0
    )
    assert decision.action == "move_on"  # type: ignore[attr-defined]
    assert enrolment.stage_id == "level_2"
    assert enrolment.checks == ()
    assert [c["action"] for c in enrolment.stage_changes] == ["start", "move_on"]


def test_swelling_in_the_diarys_pain_entries_stops_the_programme(diary: Diary) -> None:
    store.start(diary, LIBRARY.programmes["general_knee"], DAY)
    log_pain(diary, build(PainEntryRecord, {"date": DAY, "knee": "right", "swelling": True}))
    enrolment, decision = _log(diary, DAY, status="done", pain_during=1)
    assert decision.action == "stop"  # type: ignore[attr-defined]
    assert enrolment.status == "stopped"
    assert store.active(diary) is None
    assert "new swelling" in (enrolment.reason or "")


def test_only_one_programme_at_a_time_and_stop_needs_one(diary: Diary) -> None:
    with pytest.raises(DiaryError, match="no programme is in progress"):
        store.stop(diary, DAY, "x")
    store.start(diary, LIBRARY.programmes["general_knee"], DAY)
    with pytest.raises(DiaryError, match="already in progress"):
        store.start(diary, LIBRARY.programmes["itb_syndrome"], DAY)
    stopped = store.stop(diary, DAY, "moving house")
    assert (stopped.status, stopped.reason) == ("stopped", "moving house")
    store.start(diary, LIBRARY.programmes["itb_syndrome"], DAY)
    assert [e.programme_id for e in store.enrolments(diary)] == ["itb_syndrome", "general_knee"]


def test_bad_input_is_refused_naming_what_is_allowed(diary: Diary) -> None:
    store.start(diary, LIBRARY.programmes["general_knee"], DAY)
    with pytest.raises(RecordError) as error:
        _log(diary, DAY, status="finished", pain_during=12, red_flags=("swollen",))
    problems = " ".join(error.value.problems)
    assert "status must be one of done, partly, skipped" in problems
    assert "Pain during the exercises must be a whole number from 0 to 10" in problems
    assert "red flag must be one of swelling, locking, night_pain, fever" in problems
    with pytest.raises(RecordError, match="status is required for a new day"):
        _log(diary, DAY, pain_during=2)
    with pytest.raises(RecordError, match="on or after the programme's start"):
        _log(diary, DAY - dt.timedelta(days=1), status="done")
    with pytest.raises(RecordError, match="check must be one of basics_easy"):
        store.confirm_checks(diary, LIBRARY, ["flying"])
    assert store.active(diary) is not None and store.active(diary).sessions == ()  # type: ignore[union-attr]


def test_deleting_the_training_session_keeps_the_programme_log(diary: Diary) -> None:
    store.start(diary, LIBRARY.programmes["general_knee"], DAY)
    _log(diary, DAY, status="done", pain_during=1, rpe=3)
    (training,) = list_sessions(diary)
    assert training.id is not None and delete_session(diary, training.id)
    enrolment = store.active(diary)
    assert enrolment is not None and len(enrolment.sessions) == 1


def test_delete_everything_removes_programme_rows_too(diary: Diary) -> None:
    store.start(diary, LIBRARY.programmes["general_knee"], DAY)
    _log(diary, DAY, status="done", pain_during=1, rpe=3)
    deleted = delete_everything(diary)
    assert deleted["programme_enrolment"] == 1 and deleted["programme_session"] == 1
    assert set(count_records(diary).values()) == {0}


def test_starts_at_the_same_moment_leave_one_programme_in_progress(
    today: dt.date, tmp_path: Path
) -> None:
    """Each start checks that none is in progress; at once, all checks pass, so the
    database's own rule (migration 0004) must keep one and refuse the rest."""
    from concurrent.futures import ThreadPoolExecutor

    url = f"sqlite:///{tmp_path / 'race.sqlite3'}"
    open_diary(url).close()
    day = today
    programme = LIBRARY.programmes["general_knee"]

    def start_once(_: int) -> str:
        diary = open_diary(url)
        try:
            store.start(diary, programme, day)
            return "started"
        except DiaryError as error:
            assert "already in progress" in str(error)
            return "refused"
        finally:
            diary.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(start_once, range(16)))
    assert outcomes.count("started") == 1 and outcomes.count("refused") == 15
    diary = open_diary(url)
    store.stop(diary, day, "done for now")
    assert store.active(diary) is None  # stopping it leaves none in progress
    diary.close()


def test_logs_of_one_new_day_at_the_same_moment_make_one_session(
    today: dt.date, tmp_path: Path
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    url = f"sqlite:///{tmp_path / 'race.sqlite3'}"
    day = today
    first = open_diary(url)
    store.start(first, LIBRARY.programmes["general_knee"], day)
    first.close()

    def log_once(pain: int) -> int:
        diary = open_diary(url)
        try:
            update = SessionUpdate(day=day, status="done", pain_during=pain % 3)
            store.log_session(diary, LIBRARY, update, day)
            return 1
        finally:
            diary.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert sum(pool.map(log_once, range(12))) == 12  # none failed
    diary = open_diary(url)
    enrolment = store.active(diary)
    assert enrolment is not None and [s.day for s in enrolment.sessions] == [day]
    diary.close()
