"""The diary's tables as SQLAlchemy 2 models.

The schema itself is created by the Alembic migrations in `migrations/`; these
classes must match them (a test compares the two).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Base of every diary table."""


class Profile(Base):
    """The person keeping the diary; a single row with id 1."""

    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    age: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(10))
    height_cm: Mapped[float | None] = mapped_column(Float)
    weight_kg: Mapped[float | None] = mapped_column(Float)
    sports: Mapped[list[str]] = mapped_column(JSON, default=list)
    knee: Mapped[str | None] = mapped_column(String(5))
    # Display units only (migration 0002); stored numbers are always km and °C.
    distance_unit: Mapped[str | None] = mapped_column(String(2))
    temperature_unit: Mapped[str | None] = mapped_column(String(1))


class TrainingSession(Base):
    """One training session; its load is duration_min × rpe."""

    __tablename__ = "training_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    activity: Mapped[str] = mapped_column(String(40))
    duration_min: Mapped[float] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    distance_km: Mapped[float | None] = mapped_column(Float)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    notes: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(10))
    exercises: Mapped[list[Exercise]] = relationship(
        back_populates="training_session",
        cascade="all, delete-orphan",
        order_by="Exercise.position",
    )


class Exercise(Base):
    """One exercise of a training session, in the order it was logged."""

    __tablename__ = "exercise"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    training_session_id: Mapped[int] = mapped_column(
        ForeignKey("training_session.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(40))
    sets: Mapped[int | None] = mapped_column(Integer)
    reps: Mapped[int | None] = mapped_column(Integer)
    load_kg: Mapped[float | None] = mapped_column(Float)
    training_session: Mapped[TrainingSession] = relationship(back_populates="exercises")


class PainEntry(Base):
    """How one knee felt around one day; one entry per day and knee."""

    __tablename__ = "pain_entry"
    __table_args__ = (UniqueConstraint("date", "knee", name="uq_pain_entry_date_knee"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    knee: Mapped[str] = mapped_column(String(5))
    during: Mapped[int | None] = mapped_column(Integer)
    after: Mapped[int | None] = mapped_column(Integer)
    next_morning: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[list[str]] = mapped_column(JSON, default=list)
    swelling: Mapped[bool | None] = mapped_column(Boolean)
    night_pain: Mapped[bool | None] = mapped_column(Boolean)
    stiffness_min: Mapped[int | None] = mapped_column(Integer)


class SavedAssessment(Base):
    """An assessment kept for later: the intake given and the answer produced."""

    __tablename__ = "saved_assessment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    intake: Mapped[dict[str, Any]] = mapped_column(JSON)
    answer: Mapped[dict[str, Any]] = mapped_column(JSON)


class QuestionnaireAnswer(Base):
    """One completed questionnaire: the answers keyed by item and the score."""

    __tablename__ = "questionnaire_answer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    instrument: Mapped[str] = mapped_column(String(40), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    score: Mapped[float | None] = mapped_column(Float)


class ProgrammeEnrolment(Base):
    """One exercise programme a person started (migration 0003; kneewise.programmes).

    `stage_changes` keeps every decision that moved the stage (date, action,
    stage, sentence), so the stage over time can be charted; `checks` are the
    stage criteria the person confirmed.
    """

    __tablename__ = "programme_enrolment"
    # At most one in progress, kept by the database: two starts at once cannot both win.
    __table_args__ = (
        Index(
            "uq_programme_enrolment_one_active",
            "status",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[str] = mapped_column(String(60))
    started_on: Mapped[dt.date] = mapped_column(Date)
    stage_id: Mapped[str] = mapped_column(String(60))
    stage_started_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), index=True)
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    checks: Mapped[list[str]] = mapped_column(JSON, default=list)
    stage_changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    sessions: Mapped[list[ProgrammeSession]] = relationship(
        back_populates="enrolment", cascade="all, delete-orphan", order_by="ProgrammeSession.date"
    )


class ProgrammeSession(Base):
    """One day's programme session: done, partly or skipped, and how the knee felt.

    A done or partly done session is also a training session (`training_session_id`),
    so it counts in the training load.
    """

    __tablename__ = "programme_session"
    __table_args__ = (
        UniqueConstraint("enrolment_id", "date", name="uq_programme_session_enrolment_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("programme_enrolment.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[dt.date] = mapped_column(Date)
    stage_id: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(7))
    pain_during: Mapped[int | None] = mapped_column(Integer)
    pain_after: Mapped[int | None] = mapped_column(Integer)
    pain_next_morning: Mapped[int | None] = mapped_column(Integer)
    red_flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    training_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_session.id", ondelete="SET NULL")
    )
    enrolment: Mapped[ProgrammeEnrolment] = relationship(back_populates="sessions")


ALL_TABLES = (
    ProgrammeSession, ProgrammeEnrolment,
    Exercise, TrainingSession, PainEntry, SavedAssessment, QuestionnaireAnswer, Profile,
)  # fmt: skip
