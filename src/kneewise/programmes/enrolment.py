"""A programme enrolment as every output reads it: as stored, or stopped by a warning sign.

A warning sign logged in the pain diary stops the programme in progress on every read,
before any write stores the stop (`warning_signs`): `as_shown` is the enrolment the page,
the API, the calendar feed, the CarePlan, the CLI and a clinician's shared view show.
`active`, `enrolments` and `stopped_by_diary` read the diary; `programmes.store` writes
it and re-exports them, so `store.active(...)` reads as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kneewise.diary.models import ProgrammeEnrolment, ProgrammeSession
from kneewise.diary.storage import Diary
from kneewise.programmes.load import load_library
from kneewise.programmes.model import Library
from kneewise.programmes.progress import LoggedSession, RedFlag, Status
from kneewise.programmes.warning_signs import (
    WarningStop,
    cleared_signs,
    diary_flags,
    sign_key,
    stop_for,
)


@dataclass(frozen=True)
class Enrolment:
    """A programme as started: where the person is, what they confirmed, what they logged."""

    id: int
    programme_id: str
    started_on: dt.date
    stage_id: str
    stage_started_on: dt.date
    status: str
    ended_on: dt.date | None
    reason: str | None
    checks: tuple[str, ...]
    stage_changes: tuple[dict[str, Any], ...]
    sessions: tuple[LoggedSession, ...]


def as_stored(row: ProgrammeEnrolment) -> Enrolment:
    """The enrolment as stored (a warning sign's stop only once a write stored it)."""
    return Enrolment(
        id=row.id,
        programme_id=row.programme_id,
        started_on=row.started_on,
        stage_id=row.stage_id,
        stage_started_on=row.stage_started_on,
        status=row.status,
        ended_on=row.ended_on,
        reason=row.reason,
        checks=tuple(row.checks or ()),
        stage_changes=tuple(row.stage_changes or ()),
        sessions=tuple(logged(s) for s in row.sessions),
    )


def as_shown(session: Session, row: ProgrammeEnrolment, library: Library) -> Enrolment:
    """The enrolment as every output shows it: stopped if a warning sign calls for it."""
    view = as_stored(row)
    stop = pending_stop(session, row, library)
    if stop is None:
        return view
    return replace(
        view, status="stopped", ended_on=stop.day, reason=stop.decision.sentence,
        stage_changes=(*view.stage_changes, stop.change(row.stage_id)),
    )  # fmt: skip


def pending_stop(
    session: Session, row: ProgrammeEnrolment, library: Library, without: Iterable[str] = ()
) -> WarningStop | None:
    """The stop an active enrolment's warning signs call for and that is not stored yet.

    `without`: diary signs (`sign_key`) to leave out, to ask whether the stop is there
    without them.
    """
    if row.status != "active":
        return None
    programme = library.programme(row.programme_id)
    stages = [s.id for s in programme.stages] if programme is not None else []
    return stop_for(
        library,
        stages.index(row.stage_id) if row.stage_id in stages else 0,
        [logged(s) for s in row.sessions],
        diary_flags(session, row.started_on, {*cleared_signs(row.stage_changes), *without}),
        row.stage_changes or [],
    )


def logged(row: ProgrammeSession) -> LoggedSession:
    """A programme session as stored, as the progression rules read it."""
    return LoggedSession(
        day=row.date,
        status=cast(Status, row.status),
        pain_during=row.pain_during,
        pain_after=row.pain_after,
        pain_next_morning=row.pain_next_morning,
        red_flags=frozenset(cast(RedFlag, f) for f in row.red_flags or ()),
    )


def active_row(session: Session) -> ProgrammeEnrolment | None:
    """The enrolment stored as in progress (its sessions loaded), or None; newest first
    should the database ever hold two (migration 0004 keeps one)."""
    query = (
        select(ProgrammeEnrolment)
        .where(ProgrammeEnrolment.status == "active")
        .options(selectinload(ProgrammeEnrolment.sessions))
        .order_by(ProgrammeEnrolment.id.desc())
    )
    return session.scalars(query).first()


def active(diary: Diary, library: Library | None = None) -> Enrolment | None:
    """The programme in progress, or None (also when a warning sign has stopped it)."""
    with diary.reading() as session:
        row = active_row(session)
        if row is None:
            return None
        view = as_shown(session, row, library or load_library())
        return view if view.status == "active" else None


def stopped_by_diary(
    diary: Diary, library: Library, entry_id: int | None = None
) -> Enrolment | None:
    """The programme in progress as every read shows it once a warning sign in the pain diary
    has stopped it, or None (none in progress, or it goes on).

    For a pain entry just saved (CLI, API, page), to say so once: with `entry_id`, only
    when that entry's signs stopped it (without them it would go on). A further sign
    logged while it is stopped says nothing more; the programme's own pages still show
    the stop. Nothing is written: the next write stores the stop, and a session up to
    the sign's day is still taken until then.
    """
    with diary.reading() as session:
        row = active_row(session)
        view = None if row is None else as_shown(session, row, library)
        if view is None or view.status != "stopped":
            return None
        if entry_id is not None and row is not None:
            own = [sign_key(entry_id, sign) for sign in ("swelling", "night_pain")]
            if pending_stop(session, row, library, without=own) is not None:
                return None  # an earlier sign had stopped it, and that was said then
        return view


def enrolments(diary: Diary, library: Library | None = None) -> list[Enrolment]:
    """Every programme ever started, newest first, as every output shows it (`_read`)."""
    query = (
        select(ProgrammeEnrolment)
        .options(selectinload(ProgrammeEnrolment.sessions))
        .order_by(ProgrammeEnrolment.id.desc())
    )
    with diary.reading() as session:
        return [as_shown(session, row, library or load_library()) for row in session.scalars(query)]
