"""Reading and writing diary records; each public function is one transaction.

The `insert_*` helpers take an open SQLAlchemy session instead, so an import
can add many records inside a single transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from kneewise._moments import as_utc as _aware
from kneewise.diary.drafts import delete_drafts
from kneewise.diary.models import (
    ALL_TABLES,
    Exercise,
    PainEntry,
    Profile,
    QuestionnaireAnswer,
    SavedAssessment,
    TrainingSession,
)
from kneewise.diary.ownership import require_owner
from kneewise.diary.records import ExerciseRecord, PainEntryRecord, ProfileRecord, SessionRecord
from kneewise.diary.storage import Diary

_SESSION_FIELDS = (
    "id", "date", "activity", "duration_min", "rpe", "distance_km", "start_time", "notes", "source",
)  # fmt: skip
_PAIN_FIELDS = (
    "during", "after", "next_morning", "location", "swelling", "night_pain", "stiffness_min",
)  # fmt: skip


@dataclass(frozen=True)
class StoredAssessment:
    """An assessment as saved: the intake given and the answer produced."""

    id: int
    created_at: dt.datetime
    intake: dict[str, Any]
    answer: dict[str, Any]


@dataclass(frozen=True)
class StoredQuestionnaire:
    """A completed questionnaire as saved."""

    id: int
    instrument: str
    date: dt.date
    answers: dict[str, Any]
    score: float | None


# Training sessions


def add_session(diary: Diary, record: SessionRecord) -> SessionRecord:
    """Save one training session with its exercises; returns it with its id."""
    with diary.transaction() as session:
        return session_record(insert_session(session, record))


def insert_session(
    session: Session, record: SessionRecord, *, flush: bool = True
) -> TrainingSession:
    """Add a training session to an open transaction (flushed, so it has its id)."""
    training_session = TrainingSession(
        **record.model_dump(exclude={"id", "exercises"}),
        exercises=[
            Exercise(position=position, **exercise.model_dump())
            for position, exercise in enumerate(record.exercises)
        ],
    )
    session.add(training_session)
    if flush:
        session.flush()
    return training_session


def list_sessions(
    diary: Diary, since: dt.date | None = None, until: dt.date | None = None
) -> list[SessionRecord]:
    """Training sessions from `since` to `until` (both inclusive), oldest first."""
    query = select(TrainingSession).options(selectinload(TrainingSession.exercises))
    if since is not None:
        query = query.where(TrainingSession.date >= since)
    if until is not None:
        query = query.where(TrainingSession.date <= until)
    query = query.order_by(TrainingSession.date, TrainingSession.start_time, TrainingSession.id)
    with diary.reading() as session:
        return [session_record(row) for row in session.scalars(query)]


def delete_session(diary: Diary, session_id: int) -> bool:
    """Delete one training session and its exercises; False if there was none."""
    with diary.transaction() as session:
        training_session = session.get(TrainingSession, session_id)
        if training_session is None:
            return False
        session.delete(training_session)
        return True


def session_record(training_session: TrainingSession) -> SessionRecord:
    """The record of a stored training session."""
    # Stored rows were validated on the way in; re-checking would make old rows
    # unreadable whenever a rule (such as "not in the future") moves on.
    fields = {name: getattr(training_session, name) for name in _SESSION_FIELDS}
    fields["exercises"] = tuple(
        ExerciseRecord.model_construct(name=e.name, sets=e.sets, reps=e.reps, load_kg=e.load_kg)
        for e in training_session.exercises
    )
    return SessionRecord.model_construct(**fields)


# Pain entries


def log_pain(diary: Diary, record: PainEntryRecord) -> tuple[PainEntryRecord, bool]:
    """Save a pain entry, merging it into that day's entry for the same knee.

    Only the findings given in `record` replace stored ones, so the next
    morning's pain can be added to yesterday's entry later. Returns the entry
    as stored and whether an existing one was updated.

    Both steps are single atomic statements (INSERT ... ON CONFLICT), so
    simultaneous saves for one day and knee all succeed: one inserts, the
    others merge, and none fails on the unique (owner, date, knee) constraint.
    """
    fields = record.model_dump(exclude={"id"})
    fields["location"] = list(record.location)
    changes = {
        field: fields[field] for field in sorted(record.model_fields_set & set(_PAIN_FIELDS))
    }
    with diary.transaction() as session:
        # An INSERT statement is not scoped by the session: it names its owner itself.
        fields["owner_id"] = require_owner(session)
        insert = _dialect_insert(session)
        new_id = session.scalar(
            insert.values(**fields)
            .on_conflict_do_nothing(index_elements=_PAIN_KEY)
            .returning(PainEntry.id)
        )
        merged = new_id is None
        if merged:
            # Merge only the findings given; the row may have appeared (or gone) since.
            upsert = insert.values(**fields)
            new_id = session.scalar(
                upsert.on_conflict_do_update(
                    index_elements=_PAIN_KEY,
                    set_={name: upsert.excluded[name] for name in changes or ("knee",)},
                ).returning(PainEntry.id)
            )
        stored = session.get(PainEntry, new_id, populate_existing=True)
        assert stored is not None
        return pain_record(stored), merged


_PAIN_KEY = ("owner_id", "date", "knee")


def _dialect_insert(session: Session) -> Any:
    """The INSERT with ON CONFLICT of the session's database (SQLite or PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert(PainEntry)
    return sqlite_insert(PainEntry)


def find_pain_entry(session: Session, date: dt.date, knee: str) -> PainEntry | None:
    """The stored pain entry for one day and knee, if any."""
    query = select(PainEntry).where(PainEntry.date == date, PainEntry.knee == knee)
    return session.scalars(query).one_or_none()


def insert_pain_entry(
    session: Session, record: PainEntryRecord, *, flush: bool = True
) -> PainEntry:
    """Add a pain entry to an open transaction (flushed, so it has its id)."""
    fields = record.model_dump(exclude={"id"})
    fields["location"] = list(record.location)
    pain_entry = PainEntry(**fields)
    session.add(pain_entry)
    if flush:
        session.flush()
    return pain_entry


def list_pain_entries(
    diary: Diary, since: dt.date | None = None, until: dt.date | None = None
) -> list[PainEntryRecord]:
    """Pain entries from `since` to `until` (both inclusive), oldest first."""
    query = select(PainEntry)
    if since is not None:
        query = query.where(PainEntry.date >= since)
    if until is not None:
        query = query.where(PainEntry.date <= until)
    with diary.reading() as session:
        return [
            pain_record(row)
            for row in session.scalars(query.order_by(PainEntry.date, PainEntry.id))
        ]


def delete_pain_entry(diary: Diary, entry_id: int) -> bool:
    """Delete one pain entry; False if there was none."""
    with diary.transaction() as session:
        pain_entry = session.get(PainEntry, entry_id)
        if pain_entry is None:
            return False
        session.delete(pain_entry)
        return True


def pain_record(pain_entry: PainEntry) -> PainEntryRecord:
    """The record of a stored pain entry."""
    fields = {name: getattr(pain_entry, name) for name in ("id", "date", "knee", *_PAIN_FIELDS)}
    fields["location"] = tuple(pain_entry.location or ())
    return PainEntryRecord.model_construct(**fields)


# Profile


def get_profile(diary: Diary) -> ProfileRecord:
    """The profile; every field None when nothing was told yet."""
    with diary.reading() as session:
        profile = session.scalar(select(Profile))  # the owner's one row (ownership scopes it)
        if profile is None:
            return ProfileRecord()
        fields = {name: getattr(profile, name) for name in ProfileRecord.model_fields}
        fields["sports"] = tuple(profile.sports or ())
        return ProfileRecord.model_construct(**fields)


def update_profile(diary: Diary, changes: ProfileRecord) -> ProfileRecord:
    """Change the profile fields given in `changes`; the others keep their values."""
    with diary.transaction() as session:
        profile = session.scalar(select(Profile)) or Profile(sports=[])
        for field in changes.model_fields_set:
            value = getattr(changes, field)
            setattr(profile, field, list(value) if field == "sports" else value)
        session.add(profile)
    return get_profile(diary)


# Saved assessments and questionnaires


def save_assessment(diary: Diary, intake: Mapping[str, Any], answer: Mapping[str, Any]) -> int:
    """Keep an assessment (both given as JSON-able mappings); returns its id."""
    with diary.transaction() as session:
        saved = SavedAssessment(
            created_at=dt.datetime.now(dt.UTC), intake=dict(intake), answer=dict(answer)
        )
        session.add(saved)
        session.flush()
        return saved.id


def list_assessments(diary: Diary) -> list[StoredAssessment]:
    """Saved assessments, oldest first."""
    query = select(SavedAssessment).order_by(SavedAssessment.created_at, SavedAssessment.id)
    with diary.reading() as session:
        return [
            StoredAssessment(row.id, _aware(row.created_at), row.intake, row.answer)
            for row in session.scalars(query)
        ]


def add_questionnaire_answer(
    diary: Diary,
    instrument: str,
    date: dt.date,
    answers: Mapping[str, Any],
    score: float | None,
) -> int:
    """Keep one completed questionnaire (answers keyed by item); returns its id."""
    with diary.transaction() as session:
        stored = QuestionnaireAnswer(
            instrument=instrument, date=date, answers=dict(answers), score=score
        )
        session.add(stored)
        session.flush()
        return stored.id


def list_questionnaire_answers(
    diary: Diary, instrument: str | None = None
) -> list[StoredQuestionnaire]:
    """Completed questionnaires (of one instrument, if given), oldest first."""
    query = select(QuestionnaireAnswer)
    if instrument is not None:
        query = query.where(QuestionnaireAnswer.instrument == instrument)
    query = query.order_by(QuestionnaireAnswer.date, QuestionnaireAnswer.id)
    with diary.reading() as session:
        return [
            StoredQuestionnaire(row.id, row.instrument, row.date, row.answers, row.score)
            for row in session.scalars(query)
        ]


# The whole diary


def count_records(diary: Diary) -> dict[str, int]:
    """How many rows each diary table holds, by table name."""
    with diary.reading() as session:
        return {
            table.__tablename__: session.scalar(select(func.count()).select_from(table)) or 0
            for table in ALL_TABLES
        }


def delete_everything(diary: Diary) -> dict[str, int]:
    """Delete every row of every diary table in one transaction; returns what was deleted."""
    before = count_records(diary)
    with diary.transaction() as session:
        for table in ALL_TABLES:  # children first, so no foreign key is left dangling
            session.execute(delete(table))
    if diary.owner_id is not None:  # a check in progress holds their words too
        delete_drafts(diary, diary.owner_id)
    diary.vacuum()
    return before
