"""Every record has an owner, and a diary opened for one account reaches nothing of another's.

Runs on SQLite and on the throwaway PostgreSQL server (the `diary` fixture).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from kneewise._errors import OwnershipError, StorageError
from kneewise.accounts.store import create_account
from kneewise.diary import Diary
from kneewise.diary.models import Owned, PainEntry, TrainingSession
from kneewise.diary.records import PainEntryRecord, ProfileRecord, SessionRecord
from kneewise.diary.repository import (
    add_session,
    count_records,
    delete_everything,
    delete_session,
    get_profile,
    list_pain_entries,
    list_sessions,
    log_pain,
    update_profile,
)

DAY = dt.date(2026, 3, 2)


def _two_people(diary: Diary) -> tuple[Diary, Diary]:
    ana = create_account(diary, "ana", "correct horse battery")
    ben = create_account(diary, "ben", "another long secret")
    return diary.for_owner(ana.id), diary.for_owner(ben.id)


def test_the_first_account_named_claims_the_personal_diary(diary: Diary) -> None:
    add_session(diary, SessionRecord(date=DAY, activity="Running", duration_min=30, rpe=5))
    first = create_account(diary, "Ana", "correct horse battery", is_admin=True)
    assert (first.id, first.username, first.is_admin) == (1, "ana", True)
    assert len(list_sessions(diary.for_owner(first.id))) == 1
    second = create_account(diary, "ben", "another long secret")
    assert second.id != 1
    assert list_sessions(diary.for_owner(second.id)) == []


def test_one_person_never_sees_reaches_or_changes_anothers_records(diary: Diary) -> None:
    ana, ben = _two_people(diary)
    saved = add_session(ana, SessionRecord(date=DAY, activity="Running", duration_min=40, rpe=6))
    log_pain(ana, PainEntryRecord(date=DAY, knee="right", during=4))
    update_profile(ana, ProfileRecord(age=34))
    assert list_sessions(ben) == []
    assert list_pain_entries(ben) == []
    assert get_profile(ben).age is None
    assert set(count_records(ben).values()) == {0}
    assert saved.id is not None
    assert delete_session(ben, saved.id) is False  # as if it did not exist
    delete_everything(ben)
    assert len(list_sessions(ana)) == 1
    assert get_profile(ana).age == 34


def test_the_same_day_and_knee_is_one_entry_per_person(diary: Diary) -> None:
    ana, ben = _two_people(diary)
    log_pain(ana, PainEntryRecord(date=DAY, knee="left", during=2))
    _, merged = log_pain(ben, PainEntryRecord(date=DAY, knee="left", during=7))
    assert not merged  # a new entry of Ben's, not a change to Ana's
    assert [p.during for p in list_pain_entries(ana)] == [2]
    assert [p.during for p in list_pain_entries(ben)] == [7]


def test_a_diary_without_an_owner_cannot_reach_anyones_records(diary: Diary) -> None:
    add_session(diary, SessionRecord(date=DAY, activity="Running", duration_min=30, rpe=5))
    with pytest.raises(OwnershipError), diary.accounts().reading() as session:
        session.scalars(select(TrainingSession)).all()
    with pytest.raises(OwnershipError), diary.accounts().transaction() as session:
        session.add(PainEntry(date=DAY, knee="left", location=[]))


def test_a_record_cannot_be_saved_into_another_persons_diary(diary: Diary) -> None:
    ana, ben = _two_people(diary)
    assert ben.owner_id is not None
    with pytest.raises(OwnershipError), ana.transaction() as session:
        session.add(PainEntry(date=DAY, knee="left", location=[], owner_id=ben.owner_id))


def test_every_persons_table_is_owned() -> None:
    from kneewise.diary.models import ALL_TABLES, AuditEvent

    assert all(issubclass(table, Owned) for table in (*ALL_TABLES, AuditEvent))


def test_a_failed_write_logs_no_value_a_person_sent(
    diary: Diary, caplog: pytest.LogCaptureFixture
) -> None:
    marker = "private8431words"
    with pytest.raises(StorageError), diary.transaction() as session:
        if session.get_bind().dialect.name == "postgresql":
            # PostgreSQL quotes a value it cannot read: "invalid input syntax ...: <value>".
            session.execute(text("SELECT CAST(:v AS INTEGER)"), {"v": marker})
        else:
            # SQLite's messages quote what they could not find: "no such column: <name>".
            session.execute(text(f"SELECT {marker}"))
    assert caplog.records, "the failure was logged"
    assert marker not in caplog.text
