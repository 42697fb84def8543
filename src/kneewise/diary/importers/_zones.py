"""The same activity imported in two time zones: found by its id, or named when it may be.

Strava's activities.csv gives each start in UTC; the diary files it at the local
time of the zone named with `--tz`. The same file imported again with another
zone gives other local times: `_saving` finds those sessions by the activity id
kept since migration 0009, and this module says so; a session imported before
that, without an id, is only named as perhaps the same (nothing tells for sure).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from kneewise.diary.models import TrainingSession
from kneewise.diary.records import SessionRecord

#: Real UTC offsets are whole quarter hours from UTC-12 to UTC+14: one moment's local
#: times in two zones differ by a whole number of quarter hours, at most 26 hours.
ZONE_STEP = dt.timedelta(minutes=15)
ZONE_SPREAD = dt.timedelta(hours=26)

Candidates = defaultdict[tuple[str, dt.date], list[TrainingSession]]


def _km(distance: float | None) -> float | None:
    return None if distance is None else round(distance, 2)


def other_zone_like(
    record: SessionRecord, candidates: Candidates, added: set[int]
) -> TrainingSession | None:
    """A stored session of the same source without an id that may be this one in another zone.

    The same length and distance, starting a whole number of quarter hours away to
    the second: the same moment's local time elsewhere, or two sessions alike.
    """
    if record.start_time is None:
        return None
    start = dt.datetime.combine(record.date, record.start_time)
    for shift in range(-2, 3):
        for row in candidates.get((record.activity, record.date + dt.timedelta(days=shift)), []):
            if (
                row.start_time is None
                or row.source != record.source
                or row.source_activity_id is not None
                or id(row) in added
            ):
                continue
            apart = abs(dt.datetime.combine(row.date, row.start_time) - start)
            if (
                dt.timedelta(0) < apart <= ZONE_SPREAD
                and apart % ZONE_STEP == dt.timedelta(0)
                and round(row.duration_min, 1) == round(record.duration_min, 1)
                and _km(row.distance_km) == _km(record.distance_km)
            ):
                return row
    return None


def zone_notes(
    other_zone: list[tuple[SessionRecord, TrainingSession]],
    maybe_other_zone: list[tuple[TrainingSession, TrainingSession]],
) -> list[str]:
    """Say which activities were found in the diary at another local time, and which may be."""
    notes = []
    if other_zone:
        listed = "; ".join(
            f"{record.date} {_clock(record.start_time)} {record.activity} is session {row.id} "
            f"({row.date} {_clock(row.start_time)})"
            for record, row in other_zone
        )
        count = len(other_zone)
        notes.append(
            f"{count} {'activity was' if count == 1 else 'activities were'} already in the "
            "diary, imported before with another time zone (--tz), so not added again; they "
            f"keep the date and start time of that import: {listed}. To file one in this "
            "time zone instead, delete it (kneewise delete --session ID) and import again."
        )
    notes.extend(
        f"{new.date} {new.activity}: session {new.id} ({new.duration_min:g} min at "
        f"{_clock(new.start_time)}) may be session {old.id} ({old.date} at "
        f"{_clock(old.start_time)}), the same activity imported before with another time "
        f"zone; both were kept. If they are one, delete one: kneewise delete --session {old.id}"
        for old, new in maybe_other_zone
    )
    return notes


def _clock(time: dt.time | None) -> str:
    return "" if time is None else time.strftime("%H:%M")
