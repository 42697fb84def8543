"""The diary's tables as SQLAlchemy 2 models.

The schema itself is created by the Alembic migrations in `migrations/`; these
classes must match them (a test compares the two).

Every record of a person's own data is `Owned`: it carries `owner_id`, the
account it belongs to, and `kneewise.diary.ownership` scopes every query and
every new row by it in one place (migration 0005). The account tables
(`account`, `login_session`, `access_token`, `invitation`, `share`,
`password_reset`, `signup_invitation`, `calendar_feed`) are not owned data:
`kneewise.accounts` reads them by token or by account explicitly.
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

#: The account that owns what a personal (single-person) diary holds: the first account.
PERSONAL_ACCOUNT_ID = 1


class Base(DeclarativeBase):
    """Base of every diary table."""


class Owned:
    """A record of one person's data: `owner_id` is the account it belongs to."""

    owner_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)


class Account(Base):
    """One person who signs in (migration 0005).

    The first account (id 1) exists from the start without a name or password:
    it owns a personal diary's data, and the first administrator claims it
    (`kneewise accounts add --admin`) when accounts are switched on.
    """

    __tablename__ = "account"
    # An id is never given twice, on SQLite too (migration 0010): a phone's offline
    # queue labels entries with it, and must never send them to someone new.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Stored folded to lower case, so "Ana" and "ana" are one name.
    username: Mapped[str | None] = mapped_column(String(60), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # Sessions begun before this moment are no longer valid (password change or reset).
    sessions_valid_after: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class LoginSession(Base):
    """A signed-in browser; the cookie holds the token, the table only its SHA-256."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AccessToken(Base):
    """A personal access token for the REST API: hashed at rest, scoped, revocable."""

    __tablename__ = "access_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(60))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Invitation(Base):
    """A one-time code a person gives a clinician or coach to share their data with them."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(10))  # clinician | coach
    team: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    used_by: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))


class Share(Base):
    """A person's data shared read-only with a clinician or coach, until revoked."""

    __tablename__ = "share"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    viewer_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))  # clinician | coach
    team: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class PasswordReset(Base):
    """A one-time code an administrator made so a person can choose a new password."""

    __tablename__ = "password_reset"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class SignupInvitation(Base):
    """A one-time code an administrator made so one new person can make an account (0006).

    Used when `KNEEWISE_SIGNUP=invite`; only the code's SHA-256 is kept.
    """

    __tablename__ = "signup_invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    used_by: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))


class CalendarFeed(Base):
    """A person's secret calendar address (migration 0008): only its token's SHA-256.

    One per account; making a new one replaces the hash, so the old address stops
    at once. A phone's calendar fetches the feed by it without signing in.
    """

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), unique=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class CheckDraft(Base):
    """A web check in progress (migration 0011; kneewise.diary.drafts): its pages' address.

    `key` is the unguessable id in each page's address; the draft is its account's
    only, read by account and key together, and gone after `expires_at`.
    """

    __tablename__ = "check_draft"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class CheckDraftPage(Base):
    """One page a check draft showed: never changed once made (Back shows it as it was).

    `number` counts from 0 in the order made; `made_from` is the page whose form
    made it (None for the first); `page` what it shows and the check's state then.
    """

    __tablename__ = "check_draft_page"
    __table_args__ = (UniqueConstraint("draft_id", "number", name="uq_check_draft_page_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("check_draft.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    made_from: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[dict[str, Any]] = mapped_column(JSON)


class AuditEvent(Owned, Base):
    """Who read, exported, changed or deleted what of a person's data, and when."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    # The account that acted (the person, their clinician or coach, an administrator).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(10))  # read | export | change | delete
    what: Mapped[str] = mapped_column(String(200))
    via: Mapped[str] = mapped_column(String(10))  # page | api | token | cli
    # The actor's role when they acted (clinician, coach, administrator; None for the
    # person themselves or, before migration 0007, not known): a later share must not
    # rewrite who someone was when they read.
    actor_role: Mapped[str | None] = mapped_column(String(20))


class Profile(Owned, Base):
    """The person keeping the diary; one row per account."""

    __tablename__ = "profile"
    __table_args__ = (UniqueConstraint("owner_id", name="uq_profile_owner"),)

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
    # The person's IANA zone (migration 0012): the day a saved instant falls on, and
    # their "today", are counted in it (kneewise.diary.days).
    time_zone: Mapped[str | None] = mapped_column(String(64))


class TrainingSession(Owned, Base):
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
    #: The activity's id where it came from (Strava's Activity ID; migration 0009), so a
    #: re-import with another time zone is the same session; None when logged by hand.
    source_activity_id: Mapped[str | None] = mapped_column(String(40))
    exercises: Mapped[list[Exercise]] = relationship(
        back_populates="training_session",
        cascade="all, delete-orphan",
        order_by="Exercise.position",
    )


class Exercise(Owned, Base):
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


class PainEntry(Owned, Base):
    """How one knee felt around one day; one entry per person, day and knee."""

    __tablename__ = "pain_entry"
    __table_args__ = (
        UniqueConstraint("owner_id", "date", "knee", name="uq_pain_entry_owner_date_knee"),
    )

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


class SavedAssessment(Owned, Base):
    """An assessment kept for later: the intake given and the answer produced."""

    __tablename__ = "saved_assessment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    intake: Mapped[dict[str, Any]] = mapped_column(JSON)
    answer: Mapped[dict[str, Any]] = mapped_column(JSON)


class QuestionnaireAnswer(Owned, Base):
    """One completed questionnaire: the answers keyed by item and the score."""

    __tablename__ = "questionnaire_answer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    instrument: Mapped[str] = mapped_column(String(40), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    score: Mapped[float | None] = mapped_column(Float)


class ProgrammeEnrolment(Owned, Base):
    """One exercise programme a person started (migration 0003; kneewise.programmes).

    `stage_changes` keeps every decision that moved the stage (date, action,
    stage, sentence), so the stage over time can be charted; `checks` are the
    stage criteria the person confirmed.
    """

    __tablename__ = "programme_enrolment"
    # At most one in progress per person, kept by the database: two starts at once
    # cannot both win.
    __table_args__ = (
        Index(
            "uq_programme_enrolment_one_active",
            "owner_id",
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


class ProgrammeSession(Owned, Base):
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


#: A person's own data, children before parents (the order deleting all of it takes).
ALL_TABLES = (
    ProgrammeSession, ProgrammeEnrolment,
    Exercise, TrainingSession, PainEntry, SavedAssessment, QuestionnaireAnswer, Profile,
)  # fmt: skip
#: Tables that hold no one's data but the accounts themselves and who may see what.
ACCOUNT_TABLES = (
    Account, LoginSession, AccessToken, Invitation, Share, PasswordReset, SignupInvitation,
)  # fmt: skip
