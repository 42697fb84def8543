"""A warning sign stops the programme wherever it was logged: one rule for every output.

A sign logged with a session stops the programme when the session is saved
(`store.log_session`). Swelling or night pain logged in the pain diary comes in
by many ways (`kneewise log pain`, its fast sqlite3 path, the API, the page, an
import), none of which knows about programmes, so the stop is read from the
diary: `stop_for(...)` says whether an active enrolment has a warning sign since
it started, and `store` shows such an enrolment as stopped on every read
(`store.active`, `store.enrolments`: the page, the API, the calendar feed, the
CarePlan, the CLI and a clinician's shared view) and stores the stop before any
write. The stop is dated on the day of the sign (or of the last stage change, if
that came later), so it reads the same whenever it is read or stored.

After such a stop, starting any programme needs the person's word that a doctor
or physiotherapist has seen the knee (`clearance.needed`). The signs known when
they gave it are the ones that were seen: the new enrolment keeps them
(`cleared_signs`), each by the pain entry it was logged in, and they do not stop
it again; a sign in any other entry (the other knee the same day, another day)
does.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kneewise.diary.models import PainEntry
from kneewise.programmes.model import Library
from kneewise.programmes.progress import (
    Decision,
    LoggedSession,
    RedFlag,
    latest_red_flag,
    red_flag_stop,
    signs_on,
)


@dataclass(frozen=True)
class WarningStop:
    """The stop a warning sign calls for: the day it takes effect and the decision saying why."""

    day: dt.date
    decision: Decision
    #: The sign that called for it and the day it was logged.
    flag: tuple[dt.date, RedFlag]
    #: Every sign logged that day (the sign's among them).
    signs: tuple[RedFlag, ...] = ()

    def change(self, stage_id: str) -> dict[str, Any]:
        """The stop as one of the enrolment's stage changes (date, action, stage, sentence),
        with the signs of that day and the day (`signs`, `sign_date`) for the words under a
        chart."""
        return {
            "date": self.day.isoformat(),
            "action": "stop",
            "stage": stage_id,
            "sentence": self.decision.sentence,
            "signs": list(self.signs or (self.flag[1],)),
            "sign_date": self.flag[0].isoformat(),
        }


def sign_key(entry_id: int, flag: str) -> str:
    """How a cleared sign is kept in the enrolment: `pain-entry-12:swelling`.

    Keyed by the pain entry, not its day: swelling in the other knee's entry the same
    day is a new sign that no clinician has seen.
    """
    return f"pain-entry-{entry_id}:{flag}"


def diary_signs(session: Session, since: dt.date) -> list[tuple[str, dt.date, RedFlag]]:
    """Swelling or night pain the diary's pain entries recorded on or after `since`.

    Each as (`sign_key`, the entry's day, the sign), oldest entry first.
    """
    query = select(PainEntry).where(PainEntry.date >= since).order_by(PainEntry.id)
    signs: list[tuple[str, dt.date, RedFlag]] = []
    for entry in session.scalars(query):
        if entry.swelling:
            signs.append((sign_key(entry.id, "swelling"), entry.date, "swelling"))
        if entry.night_pain:
            signs.append((sign_key(entry.id, "night_pain"), entry.date, "night_pain"))
    return signs


def diary_flags(
    session: Session, since: dt.date, cleared: Collection[str] = ()
) -> list[tuple[dt.date, RedFlag]]:
    """The diary's signs on or after `since` (`diary_signs`) as (day, sign).

    Signs in `cleared` were known when a clinician was said to have seen the knee, so they
    are left out: by `sign_key`, or in an enrolment started before 1 December 2026 by day
    (`2026-11-30:swelling`, `_seen_by_day`).
    """
    signs = diary_signs(session, since)
    on_day = Counter((day, flag) for _, day, flag in signs)
    return [
        (day, flag)
        for key, day, flag in signs
        if key not in cleared and not _seen_by_day(cleared, day, flag, on_day[(day, flag)])
    ]


def _seen_by_day(cleared: Collection[str], day: dt.date, flag: str, entries: int) -> bool:
    """Whether an old, day-keyed cleared sign covers this entry's sign.

    Enrolments started before the signs were kept by pain entry kept them by day. When one
    entry that day has the sign, it is the one that was seen. When several have it (both
    knees), which were in the diary at the start cannot be told, so none is taken as seen:
    a sign no clinician saw must never be passed over, and the programme then reads as
    stopped (a restart with the clinician's word keeps each entry's sign by its key).
    """
    return entries == 1 and f"{day.isoformat()}:{flag}" in cleared


def cleared_signs(stage_changes: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    """The diary's signs a clinician had seen when this enrolment started (its first change)."""
    if not stage_changes:
        return ()
    return tuple(stage_changes[0].get("cleared_signs", ()))


def stop_for(
    library: Library,
    stage_index: int,
    sessions: Sequence[LoggedSession],
    flags: Sequence[tuple[dt.date, RedFlag]],
    stage_changes: Sequence[dict[str, Any]],
) -> WarningStop | None:
    """The stop an active enrolment's warning signs call for, or None when it has none.

    `flags` are the diary's signs (`diary_flags`); the sessions' own signs are read here.
    """
    flag = latest_red_flag(sessions, flags)
    if flag is None:
        return None
    changed = [dt.date.fromisoformat(c["date"]) for c in stage_changes if c.get("date")]
    day = max([flag[0], *changed])
    also = signs_on(flag[0], sessions, flags)
    decision = red_flag_stop(library, stage_index, flag, carried_out=True, also=also)
    return WarningStop(day, decision, flag, tuple(also))


def stopped_by_warning(stage_changes: Sequence[dict[str, Any]]) -> str | None:
    """The sentence of a warning-sign stop when that is how an enrolment ended, else None.

    A stop among the stage changes is always the rules' red-flag stop (`progress.decide`
    has no other): a stop by the person (`store.stop`) adds no stage change.
    """
    last = stage_changes[-1] if stage_changes else {}
    return str(last.get("sentence", "")) if last.get("action") == "stop" else None
