"""One day's programme log: what may be logged, and the training session that carries its load.

A done or partly done session is also written as a training session (`activity`
knee_programme, duration × session RPE, Foster 2001) so it counts in the
training load like any other; skipping it removes that session. Used by
`store.log_session`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import get_args

from sqlalchemy.orm import Session

from kneewise._errors import RecordError
from kneewise.diary.models import ProgrammeSession, TrainingSession
from kneewise.diary.records import SessionRecord, build, latest_date
from kneewise.diary.repository import insert_session
from kneewise.programmes.model import Programme
from kneewise.programmes.progress import LoggedSession, RedFlag, Status

ACTIVITY = "knee_programme"
STATUSES: tuple[str, ...] = get_args(Status)
RED_FLAGS: tuple[str, ...] = get_args(RedFlag)
PAIN_WORDS = {
    "pain_during": "Pain during the exercises",
    "pain_after": "Pain after the exercises",
    "pain_next_morning": "Pain the next morning",
}


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


def sign_only(update: SessionUpdate) -> bool:
    """True when `update` brings only warning signs: no status, pain, minutes or effort.

    Such an update for a day without a session is kept as that day's log with no session
    done (skipped), as the page keeps a sign ticked with "Skipped": a warning sign is never
    refused for want of a session.
    """
    details = (update.status, update.pain_during, update.pain_after, update.pain_next_morning)
    return bool(update.red_flags) and all(
        value is None for value in (*details, update.minutes, update.rpe)
    )


def link_training(
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
         "notes": f"{programme.name}: {stage_name(programme, log.stage_id)}"},
    )  # fmt: skip
    if training is None:
        log.training_session_id = insert_session(session, record).id
    else:
        training.duration_min = record.duration_min
        training.rpe = record.rpe


def stage_name(programme: Programme, stage_id: str) -> str:
    return next((s.name for s in programme.stages if s.id == stage_id), "")


def check_day(day: dt.date) -> None:
    if day > latest_date():
        raise RecordError([f"date must not be in the future; got {day.isoformat()}"])


def check_update(update: SessionUpdate) -> None:
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


def waiting_for_morning(sessions: Sequence[LoggedSession], today: dt.date) -> dt.date | None:
    """The day of the last session before `today` when it still waits for its next-morning pain.

    Only the last done or partly done session before today is asked about (an older one's
    morning has passed since); today's waits for tomorrow. None when that one has its
    morning pain or there is none. The page's "How is the knee this morning?" and
    `programme done --morning N` both use this.
    """
    before = [s for s in sessions if s.status != "skipped" and s.day < today]
    last = max(before, key=lambda s: s.day, default=None)
    return last.day if last is not None and last.pain_next_morning is None else None
