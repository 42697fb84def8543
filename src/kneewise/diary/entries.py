"""Diary records by id and page by page: what a REST API or a web page needs.

Complements `repository` (which adds, lists by date and deletes): here are
`get_*`, `replace_*` and `page_*`. Pages are newest first.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kneewise.diary.models import Exercise, PainEntry, TrainingSession
from kneewise.diary.records import PainEntryRecord, SessionRecord
from kneewise.diary.repository import pain_record, session_record
from kneewise.diary.storage import Diary


def page_sessions(diary: Diary, limit: int, offset: int) -> tuple[list[SessionRecord], int]:
    """Up to `limit` training sessions after skipping `offset`, newest first; and the total."""
    query = (
        select(TrainingSession)
        .options(selectinload(TrainingSession.exercises))
        .order_by(TrainingSession.date.desc(), TrainingSession.id.desc())
        .limit(limit)
        .offset(offset)
    )
    with diary.reading() as session:
        total = session.scalar(select(func.count()).select_from(TrainingSession)) or 0
        return [session_record(row) for row in session.scalars(query)], total


def get_session(diary: Diary, session_id: int) -> SessionRecord | None:
    """One training session by id, or None."""
    with diary.reading() as session:
        row = session.get(TrainingSession, session_id)
        return None if row is None else session_record(row)


def replace_session(diary: Diary, session_id: int, record: SessionRecord) -> SessionRecord | None:
    """Replace every field and exercise of a training session; None when there is none."""
    with diary.transaction() as session:
        row = session.get(TrainingSession, session_id)
        if row is None:
            return None
        for name, value in record.model_dump(exclude={"id", "exercises"}).items():
            setattr(row, name, value)
        row.exercises = [
            Exercise(position=position, **exercise.model_dump())
            for position, exercise in enumerate(record.exercises)
        ]
        session.flush()
        return session_record(row)


def page_pain_entries(diary: Diary, limit: int, offset: int) -> tuple[list[PainEntryRecord], int]:
    """Up to `limit` pain entries after skipping `offset`, newest first; and the total."""
    query = (
        select(PainEntry)
        .order_by(PainEntry.date.desc(), PainEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    with diary.reading() as session:
        total = session.scalar(select(func.count()).select_from(PainEntry)) or 0
        return [pain_record(row) for row in session.scalars(query)], total


def get_pain_entry(diary: Diary, entry_id: int) -> PainEntryRecord | None:
    """One pain entry by id, or None."""
    with diary.reading() as session:
        row = session.get(PainEntry, entry_id)
        return None if row is None else pain_record(row)


def pain_entry_id(diary: Diary, date: dt.date, knee: str) -> int | None:
    """The id of the pain entry for one day and knee, if there is one."""
    query = select(PainEntry.id).where(PainEntry.date == date, PainEntry.knee == knee)
    with diary.reading() as session:
        return session.scalar(query)


def replace_pain_entry(
    diary: Diary, entry_id: int, record: PainEntryRecord
) -> PainEntryRecord | None:
    """Replace every field of a pain entry; None when there is none."""
    with diary.transaction() as session:
        row = session.get(PainEntry, entry_id)
        if row is None:
            return None
        for name, value in record.model_dump(exclude={"id"}).items():
            setattr(row, name, list(value) if name == "location" else value)
        session.flush()
        return pain_record(row)
