"""Programme enrolments and session logs in the diary database (migration 0003).

One programme is active at a time. Logging a session (or adding the next
morning's pain to it) re-runs `progress.decide` and applies the decision:
the stage moves on or back, or the programme stops or finishes, and every
stage change is kept with its sentence. A done or partly done session is
also written as a training session (`activity` knee_programme, duration ×
session RPE, Foster 2001) so it counts in the training load like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast, get_args

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from kneewise._errors import DiaryError, RecordError, StorageError
from kneewise.diary.models import PainEntry, ProgrammeEnrolment, ProgrammeSession, TrainingSession
from kneewise.diary.records import SessionRecord, build, latest_date
from kneewise.diary.repository import insert_session
from kneewise.diary.storage import Diary
from kneewise.programmes.model import Library, Programme
from kneewise.programmes.progress import Decision, LoggedSession, RedFlag, Status, decide

ACTIVITY = "knee_programme"
STATUSES: tuple[str, ...] = get_args(Status)
RED_FLAGS: tuple[str, ...] = get_args(RedFlag)
PAIN_WORDS = {
    "pain_during": "Pain during the exercises",
    "pain_after": "Pain after the exercises",
    "pain_next_morning": "Pain the next morning",
}


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


@dataclass(frozen=True)
class SessionUpdate:
    """What to log for one day; None leaves a field as it was (or empty on a new log)."""

    day: dt.date
    status: str | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    pain_next_morning: int | None = None
    red_flags: tuple[str, ...] = ()
    minutes: float | None = None
    rpe: float | None = None


def _view(row: ProgrammeEnrolment) -> Enrolment:
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
        sessions=tuple(_logged(s) for s in row.sessions),
    )


def _logged(row: ProgrammeSession) -> LoggedSession:
    return LoggedSession(
        day=row.date,
        status=cast(Status, row.status),
        pain_during=row.pain_during,
        pain_after=row.pain_after,
        pain_next_morning=row.pain_next_morning,
        red_flags=frozenset(cast(RedFlag, f) for f in row.red_flags or ()),
    )


def _active_row(session: Session) -> ProgrammeEnrolment | None:
    query = (
        select(ProgrammeEnrolment)
        .where(ProgrammeEnrolment.status == "active")
        .options(selectinload(ProgrammeEnrolment.sessions))
        .order_by(ProgrammeEnrolment.id.desc())
    )
    return session.scalars(query).first()


def active(diary: Diary) -> Enrolment | None:
    """The programme in progress, or None."""
    with diary.reading() as session:
        row = _active_row(session)
        return None if row is None else _view(row)


def enrolments(diary: Diary) -> list[Enrolment]:
    """Every programme ever started, newest first."""
    query = (
        select(ProgrammeEnrolment)
        .options(selectinload(ProgrammeEnrolment.sessions))
        .order_by(ProgrammeEnrolment.id.desc())
    )
    with diary.reading() as session:
        return [_view(row) for row in session.scalars(query)]


def _clashed(error: StorageError) -> bool:
    """The write lost a race to one that landed first (a unique rule of the diary)."""
    return isinstance(error.__cause__, IntegrityError)


def start(diary: Diary, programme: Programme, day: dt.date, reason: str | None = None) -> Enrolment:
    """Start `programme` at its first stage on `day`; DiaryError while another is active.

    Two starts at once: the database keeps one in progress (migration 0004) and
    the other gets the same DiaryError as a start made later.
    """
    _check_day(day)
    try:
        return _start(diary, programme, day, reason)
    except StorageError as error:
        if not _clashed(error):
            raise
        raise DiaryError("a programme is already in progress; stop it first") from None


def _start(diary: Diary, programme: Programme, day: dt.date, reason: str | None) -> Enrolment:
    with diary.transaction() as session:
        current = _active_row(session)
        if current is not None:
            raise DiaryError(
                f"a programme is already in progress ({current.programme_id}); stop it first"
            )
        first = programme.stages[0]
        row = ProgrammeEnrolment(
            programme_id=programme.id,
            started_on=day,
            stage_id=first.id,
            stage_started_on=day,
            status="active",
            reason=reason,
            checks=[],
            stage_changes=[
                {"date": day.isoformat(), "action": "start", "stage": first.id, "sentence": ""}
            ],
        )
        session.add(row)
        session.flush()
        return _view(row)


def stop(diary: Diary, day: dt.date, reason: str) -> Enrolment:
    """Stop the active programme; DiaryError when none is active."""
    with diary.transaction() as session:
        row = _require_active(session)
        _end(row, "stopped", day, reason)
        return _view(row)


def confirm_checks(diary: Diary, library: Library, check_ids: Iterable[str]) -> Enrolment:
    """Record that the person meets these checks of the current stage (ids named in `show`)."""
    with diary.transaction() as session:
        row = _require_active(session)
        stage = _programme(library, row).stages[_stage_index(library, row)]
        allowed = {c.id for c in stage.move_on.checks}
        wanted = list(dict.fromkeys(check_ids))
        unknown = [c for c in wanted if c not in allowed]
        if unknown:
            choices = ", ".join(sorted(allowed)) or "none at this stage"
            raise RecordError([f"check must be one of {choices}; got {unknown[0][:60]!r}"])
        row.checks = sorted({*row.checks, *wanted})
        return _view(row)


def log_session(
    diary: Diary, library: Library, update: SessionUpdate, today: dt.date
) -> tuple[Enrolment, Decision]:
    """Log (or add to) the day's session of the active programme, then apply the decision.

    Two logs of one new day at once: the second loses the race to create the day
    (a unique rule of the diary) and is applied again as an addition to it.
    """
    _check_day(update.day)
    _check_update(update)
    try:
        return _log_session(diary, library, update, today)
    except StorageError as error:
        if not _clashed(error):
            raise
        return _log_session(diary, library, update, today)


def _log_session(
    diary: Diary, library: Library, update: SessionUpdate, today: dt.date
) -> tuple[Enrolment, Decision]:
    with diary.transaction() as session:
        row = _require_active(session)
        if update.day < row.started_on:
            raise RecordError([f"date must be on or after the programme's start, {row.started_on}"])
        programme = _programme(library, row)
        stage = programme.stages[_stage_index(library, row)]
        log = next((s for s in row.sessions if s.date == update.day), None)
        if log is None:
            if update.status is None:
                raise RecordError(
                    ["status is required for a new day: one of done, partly, skipped"]
                )
            log = ProgrammeSession(date=update.day, stage_id=stage.id, red_flags=[])
            row.sessions.append(log)
        for name in ("status", "pain_during", "pain_after", "pain_next_morning"):
            value = getattr(update, name)
            if value is not None:
                setattr(log, name, value)
        log.red_flags = sorted({*log.red_flags, *update.red_flags})
        _link_training(session, log, update, programme, stage.minutes)
        session.flush()
        decision = _apply(session, row, library, today)
        return _view(row), decision


def current_decision(diary: Diary, library: Library, today: dt.date) -> Decision | None:
    """What the rules say now for the active programme (None when none is active)."""
    with diary.reading() as session:
        row = _active_row(session)
        if row is None:
            return None
        return _decide(session, row, library, today)


def _decide(
    session: Session,
    row: ProgrammeEnrolment,
    library: Library,
    today: dt.date,
    *,
    carried_out: bool = False,
) -> Decision:
    programme = _programme(library, row)
    flags = _diary_flags(session, row.started_on)
    return decide(
        programme,
        library,
        _stage_index(library, row),
        row.stage_started_on,
        [_logged(s) for s in row.sessions],
        set(row.checks or ()),
        today,
        flags,
        carried_out=carried_out,
    )


def _apply(session: Session, row: ProgrammeEnrolment, library: Library, today: dt.date) -> Decision:
    decision = _decide(session, row, library, today, carried_out=True)
    programme = _programme(library, row)
    if decision.action in ("stop", "finish"):
        _end(row, "stopped" if decision.action == "stop" else "finished", today, decision.sentence)
    elif decision.action in ("move_on", "step_back", "ease_off"):
        # A new stage (or the same one eased off) is judged on the sessions from tomorrow.
        stage = programme.stages[decision.stage_index]
        row.stage_id = stage.id
        row.stage_started_on = today + dt.timedelta(days=1)
        row.checks = []
    if decision.action != "stay":
        row.stage_changes = [
            *row.stage_changes,
            {
                "date": today.isoformat(),
                "action": decision.action,
                "stage": row.stage_id,
                "sentence": decision.sentence,
            },
        ]
    return decision


def _end(row: ProgrammeEnrolment, status: str, day: dt.date, reason: str) -> None:
    row.status = status
    row.ended_on = day
    row.reason = reason


def _link_training(
    session: Session,
    log: ProgrammeSession,
    update: SessionUpdate,
    programme: Programme,
    planned: int,
) -> None:
    """Keep the training session that carries this log's load in step with its status."""
    training = (
        session.get(TrainingSession, log.training_session_id) if log.training_session_id else None
    )
    if log.status == "skipped":
        if training is not None:
            session.delete(training)
            log.training_session_id = None
        return
    minutes = update.minutes
    if minutes is None:
        if training is not None:
            minutes = training.duration_min
        elif log.status == "done":
            minutes = planned
        else:
            raise RecordError(["minutes are required for a partly done session: how long it took"])
    rpe = update.rpe if update.rpe is not None else (training.rpe if training else None)
    record = build(
        SessionRecord,
        {"date": log.date, "activity": ACTIVITY, "duration_min": minutes, "rpe": rpe,
         "notes": f"{programme.name}: {_stage_name(programme, log.stage_id)}"},
    )  # fmt: skip
    if training is None:
        log.training_session_id = insert_session(session, record).id
    else:
        training.duration_min = record.duration_min
        training.rpe = record.rpe


def _stage_name(programme: Programme, stage_id: str) -> str:
    return next((s.name for s in programme.stages if s.id == stage_id), "")


def _diary_flags(session: Session, since: dt.date) -> list[tuple[dt.date, RedFlag]]:
    """Swelling or night pain the diary's pain entries recorded since the programme started."""
    rows = session.scalars(select(PainEntry).where(PainEntry.date >= since))
    flags: list[tuple[dt.date, RedFlag]] = []
    for entry in rows:
        if entry.swelling:
            flags.append((entry.date, "swelling"))
        if entry.night_pain:
            flags.append((entry.date, "night_pain"))
    return flags


def _require_active(session: Session) -> ProgrammeEnrolment:
    row = _active_row(session)
    if row is None:
        raise DiaryError("no programme is in progress; start one with: kneewise programme start ID")
    return row


def _programme(library: Library, row: ProgrammeEnrolment) -> Programme:
    programme = library.programme(row.programme_id)
    if programme is None:
        raise DiaryError(f"the programme {row.programme_id!r} is no longer in kneewise's library")
    return programme


def _stage_index(library: Library, row: ProgrammeEnrolment) -> int:
    programme = _programme(library, row)
    try:
        return programme.stage_index(row.stage_id)
    except ValueError:
        raise DiaryError(
            f"the stage {row.stage_id!r} is no longer in the programme {programme.id!r}"
        ) from None


def _check_day(day: dt.date) -> None:
    if day > latest_date():
        raise RecordError([f"date must not be in the future; got {day.isoformat()}"])


def _check_update(update: SessionUpdate) -> None:
    problems: list[str] = []
    if update.status is not None and update.status not in STATUSES:
        problems.append(f"status must be one of done, partly, skipped; got {update.status[:20]!r}")
    for name in ("pain_during", "pain_after", "pain_next_morning"):
        value = getattr(update, name)
        if value is not None and not 0 <= value <= 10:
            problems.append(f"{PAIN_WORDS[name]} must be a whole number from 0 to 10")
    for flag in update.red_flags:
        if flag not in RED_FLAGS:
            problems.append(f"red flag must be one of {', '.join(RED_FLAGS)}; got {flag[:20]!r}")
    if problems:
        raise RecordError(problems)
