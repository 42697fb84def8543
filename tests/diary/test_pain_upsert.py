"""Saving pain is one atomic upsert: simultaneous saves for a day and knee never clash.

Runs on SQLite and PostgreSQL (the `diary` fixture); storage errors never show a path or SQL.
"""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from kneewise._errors import StorageError
from kneewise.diary import Diary, PainEntryRecord, build, list_pain_entries, log_pain
from kneewise.diary.models import TrainingSession

THREADS = 8


def pain(day: dt.date, **findings: object) -> PainEntryRecord:
    return build(PainEntryRecord, {"date": day.isoformat(), "knee": "left", **findings})


def test_simultaneous_saves_for_one_day_and_knee_all_succeed(diary: Diary) -> None:
    for offset in range(3):
        day = dt.date(2024, 5, 1) + dt.timedelta(days=offset)
        barrier = threading.Barrier(THREADS, timeout=10)

        def save(score: int, day: dt.date = day, barrier: threading.Barrier = barrier) -> bool:
            barrier.wait()
            return log_pain(diary, pain(day, during=score))[1]

        with ThreadPoolExecutor(THREADS) as pool:
            merged = list(pool.map(save, range(THREADS), timeout=60))
        assert sorted(merged) == [False] + [True] * (THREADS - 1)
    entries = list_pain_entries(diary)
    assert [e.date.day for e in entries] == [1, 2, 3]
    assert all(e.during in range(THREADS) for e in entries)


def test_the_upsert_merges_only_the_findings_given(diary: Diary) -> None:
    day = dt.date(2024, 5, 1)
    first, merged = log_pain(diary, pain(day, during=4, swelling=True, location=["front"]))
    assert not merged
    second, merged = log_pain(diary, pain(day, next_morning=2))
    assert merged and second.id == first.id
    assert (second.during, second.next_morning, second.swelling) == (4, 2, True)
    assert second.location == ("front",)
    third, _ = log_pain(diary, pain(day, during=6, location=["back", "calf"]))
    assert (third.during, third.next_morning, third.location) == (6, 2, ("back", "calf"))
    assert len(list_pain_entries(diary)) == 1


def test_the_other_knee_is_its_own_entry(diary: Diary) -> None:
    day = dt.date(2024, 5, 1)
    left, _ = log_pain(diary, pain(day, during=1))
    right, merged = log_pain(
        diary, build(PainEntryRecord, {"date": "2024-05-01", "knee": "right", "during": 2})
    )
    assert not merged and right.id != left.id


def test_a_storage_error_names_no_path_and_no_sql(diary: Diary, database_url: str) -> None:
    with pytest.raises(StorageError) as caught, diary.transaction() as open_session:
        open_session.add(TrainingSession(date=dt.date(2024, 5, 1), activity="x", duration_min=None))
        open_session.flush()
    text = str(caught.value)
    assert "failed" in text
    for leak in ("sqlite", "postgresql", "127.0.0.1", "/", "INSERT", "training_session", "NULL"):
        assert leak not in text, text
