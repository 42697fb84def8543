"""Programme enrolments and session logs in the diary database (migration 0003).

One programme is active at a time. Logging a session (or adding the next
morning's pain to it) re-runs `progress.decide` and applies the decision:
the stage moves on or back, or the programme stops or finishes, and every
stage change is kept with its sentence. A warning sign logged in the pain
diary stops it too, on every read (`enrolment.as_shown`) and before every write
(`_settle`; `warning_signs`). A done or partly done session also counts in the
training load (`session_log`). The reads live in `programmes.enrolment` and are
re-exported here (`store.active`, `store.enrolments`, `store.stopped_by_diary`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kneewise._errors import DiaryError, RecordError, StoppedByWarning, StorageError
from kneewise.diary.models import ProgrammeEnrolment, ProgrammeSession
from kneewise.diary.storage import Diary
from kneewise.programmes.enrolment import Enrolment as Enrolment
from kneewise.programmes.enrolment import active as active
from kneewise.programmes.enrolment import active_row, as_stored, logged, pending_stop
from kneewise.programmes.enrolment import enrolments as enrolments
from kneewise.programmes.enrolment import stopped_by_diary as stopped_by_diary
from kneewise.programmes.load import load_library
from kneewise.programmes.model import Library, Programme, programme_key
from kneewise.programmes.progress import Decision, decide
from kneewise.programmes.session_log import (
    SessionUpdate as SessionUpdate,  # re-exported: what callers build to log a day
)
from kneewise.programmes.session_log import (
    check_day,
    check_update,
    link_training,
    sign_only,
)
from kneewise.programmes.warning_signs import (
    WarningStop,
    cleared_signs,
    diary_flags,
    diary_signs,
)


def _settle(session: Session, row: ProgrammeEnrolment, library: Library) -> WarningStop | None:
    """Store the stop a warning sign calls for (before any write), and return it."""
    stop = pending_stop(session, row, library)
    if stop is not None:
        _end(row, "stopped", stop.day, stop.decision.sentence)
        row.stage_changes = [*row.stage_changes, stop.change(row.stage_id)]
        session.flush()
    return stop


def _clashed(error: StorageError) -> bool:
    """The write lost a race to one that landed first (a unique rule of the diary)."""
    return isinstance(error.__cause__, IntegrityError)


def start(
    diary: Diary,
    programme: Programme,
    day: dt.date,
    reason: str | None = None,
    *,
    cleared: bool = False,
    library: Library | None = None,
) -> Enrolment:
    """Start `programme` at its first stage on `day`; DiaryError while another is active.

    `cleared`: the person said a doctor or physiotherapist has seen the knee
    (`clearance.needed` says when that is asked); the diary's warning signs known now
    are then kept as seen and do not stop the new programme (`warning_signs`). Two
    starts at once: the database keeps one in progress (migration 0004) and the other
    gets the same DiaryError as a start made later.
    """
    check_day(day)
    try:
        return _start(diary, programme, day, reason, cleared, library or load_library())
    except StorageError as error:
        if not _clashed(error):
            raise
        raise DiaryError("a programme is already in progress; stop it first") from None


def _start(
    diary: Diary,
    programme: Programme,
    day: dt.date,
    reason: str | None,
    cleared: bool,
    library: Library,
) -> Enrolment:
    with diary.transaction() as session:
        current = active_row(session)
        if current is not None and _settle(session, current, library) is None:
            known = library.programmes.get(current.programme_id)
            name = known.name if known is not None else "another programme"
            raise DiaryError(f"a programme is already in progress ({name}); stop it first")
        first = programme.stages[0]
        opening: dict[str, Any] = {
            "date": day.isoformat(), "action": "start", "stage": first.id, "sentence": ""
        }  # fmt: skip
        if cleared:
            opening["cleared_signs"] = [key for key, _, _ in diary_signs(session, day)]
        row = ProgrammeEnrolment(
            programme_id=programme.id,
            started_on=day,
            stage_id=first.id,
            stage_started_on=day,
            status="active",
            reason=reason,
            checks=[],
            stage_changes=[opening],
        )
        session.add(row)
        session.flush()
        stop = pending_stop(session, row, library)
        if stop is not None:
            # Never a start that every read shows stopped: the transaction is undone.
            # `clearance.needed` asks first, so this only guards a caller that did not.
            raise StoppedByWarning(f"{stop.decision.sentence} The programme was not started.")
        return as_stored(row)


def stop(diary: Diary, day: dt.date, reason: str, library: Library | None = None) -> Enrolment:
    """Stop the active programme; DiaryError when none is active (or a warning sign stopped it)."""
    with diary.transaction() as session:
        row = _require_active(session, library or load_library())
        _end(row, "stopped", day, reason)
        return as_stored(row)


def confirm_checks(diary: Diary, library: Library, check_ids: Iterable[str]) -> Enrolment:
    """Record that the person meets these checks of the current stage (ids named in `show`)."""
    with diary.transaction() as session:
        row = _require_active(session, library)
        stage = _programme(library, row).stages[_stage_index(library, row)]
        allowed = {c.id for c in stage.move_on.checks}
        wanted = list(dict.fromkeys(programme_key(c) for c in check_ids))
        unknown = [c for c in wanted if c not in allowed]
        if unknown:
            choices = ", ".join(sorted(allowed)) or "none at this stage"
            raise RecordError([f"check must be one of {choices}; got {unknown[0][:60]!r}"])
        row.checks = sorted({*row.checks, *wanted})
        return as_stored(row)


def log_session(
    diary: Diary, library: Library, update: SessionUpdate, today: dt.date
) -> tuple[Enrolment, Decision]:
    """Log (or add to) the day's session of the active programme, then apply the decision.

    Two logs of one new day at once: the second loses the race to create the day
    (a unique rule of the diary) and is applied again as an addition to it.
    """
    check_day(update.day)
    check_update(update)
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
        row = _require_active(session, library, logging=update.day)
        if update.day < row.started_on:
            raise RecordError([f"date must be on or after the programme's start, {row.started_on}"])
        programme = _programme(library, row)
        stage = programme.stages[_stage_index(library, row)]
        log = next((s for s in row.sessions if s.date == update.day), None)
        if log is None:
            if update.status is None and not sign_only(update):
                raise RecordError(
                    ["status is required for a new day: one of done, partly, skipped"]
                )
            # A warning sign alone is never lost: the day keeps it, with no session done.
            log = ProgrammeSession(
                date=update.day, stage_id=stage.id, red_flags=[], status="skipped"
            )
            row.sessions.append(log)
        for name in ("status", "pain_during", "pain_after", "pain_next_morning"):
            value = getattr(update, name)
            if value is not None:
                setattr(log, name, value)
        log.red_flags = sorted({*log.red_flags, *update.red_flags})
        link_training(session, log, update, programme, stage.minutes)
        session.flush()
        stop = _settle(session, row, library)
        decision = stop.decision if stop is not None else _apply(session, row, library, today)
        return as_stored(row), decision


def current_decision(diary: Diary, library: Library, today: dt.date) -> Decision | None:
    """What the rules say now for the active programme (None when none is active)."""
    with diary.reading() as session:
        row = active_row(session)
        if row is None or pending_stop(session, row, library) is not None:
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
    flags = diary_flags(session, row.started_on, cleared_signs(row.stage_changes))
    return decide(
        programme,
        library,
        _stage_index(library, row),
        row.stage_started_on,
        [logged(s) for s in row.sessions],
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


def _require_active(
    session: Session, library: Library, logging: dt.date | None = None
) -> ProgrammeEnrolment:
    """The active enrolment; StoppedByWarning when a warning sign has stopped it.

    A session `logging` a day up to the stop's is still taken (it happened while the
    programme ran, and what was logged is kept); the log then stores the stop.
    """
    row = active_row(session)
    if row is None:
        raise DiaryError("no programme is in progress; start one with: kneewise programme start ID")
    stop = pending_stop(session, row, library)
    if stop is not None and (logging is None or logging > stop.day):
        # Refused; every read shows the stop whether or not it is stored yet.
        raise StoppedByWarning(f"{stop.decision.sentence} Nothing was logged to it.")
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
