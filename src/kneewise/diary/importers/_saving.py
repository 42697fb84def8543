"""Saving a parsed file in one transaction, where the same activity twice is one session.

Sessions are matched by meaning, not by equal cells:

- **Both have a start time**: the same activity starting within
  `START_TOLERANCE` of each other, with durations that agree within
  `DURATION_TOLERANCE` of the longer (or `DURATION_SLACK_MIN`), is one
  activity recorded twice, e.g. by the watch and by Strava, where one gives
  moving time and the other elapsed time. kneewise's choice: no published
  standard says how far two exports of one activity may differ.
- **Either lacks a start time**: the same day, activity, duration (to 0.1 min)
  and distance (to 10 m) as a session already in the diary is that session
  (importing a file again). Rows alike in one file are kept: two equal runs on
  one day happen, and losing one would lose training; the report names them and
  how to delete one. A timed session of similar length on the day of an untimed
  one (logged by hand, say) is kept too and named the same way: nothing tells
  whether it is the same activity.

- **The same activity id from the same source** (Strava's Activity ID, kept
  since migration 0009): the same activity, whatever its date and start time.
  Strava's times are UTC and the diary files them in the zone of `--tz`, so
  the same file imported again with another zone gives other local times; the
  session is not added again, keeps the date and time of its first import, and
  the report says so. A session imported before the id was kept, of the same
  length, that starts a whole number of quarter hours away to the second (the
  same moment in another zone), is kept and named: nothing tells for sure.

A match is merged, keeping the richest values: what the diary lacks (RPE,
distance, start time, notes) is filled in from the file. An RPE already in the
diary is kept unless `--rpe` was given to correct it; the report says so.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from kneewise.diary.importers._common import (
    ImportReport,
    ParsedFile,
    Progress,
    no_progress,
    pain_differences,
)
from kneewise.diary.importers._zones import Candidates, other_zone_like, zone_notes
from kneewise.diary.models import PainEntry, TrainingSession
from kneewise.diary.records import LABELS, PAIN_FINDINGS, PainEntryRecord, SessionRecord
from kneewise.diary.repository import insert_pain_entry, insert_session, pain_record
from kneewise.diary.storage import Diary

SAVE_BATCH = 500
START_TOLERANCE = dt.timedelta(minutes=2)
DURATION_TOLERANCE = 0.2
DURATION_SLACK_MIN = 5.0
_FILLED = ("distance_km", "start_time", "notes")
MAX_NOTES = 2000  # SessionRecord.notes' limit


@dataclass
class _Outcome:
    added: list[TrainingSession] = field(default_factory=list)
    added_ids: set[int] = field(default_factory=set)
    #: Stored sessions already matched by an untimed row: each stands for one row only.
    matched: set[int] = field(default_factory=set)
    matched_rows: list[TrainingSession] = field(default_factory=list)
    #: (stored untimed session, new timed one) of similar length: perhaps one activity.
    maybe_same: list[tuple[TrainingSession, TrainingSession]] = field(default_factory=list)
    updated: int = 0
    duplicates: int = 0
    notes: list[str] = field(default_factory=list)
    #: Stored sessions by (source, activity id): the same activity whatever its local time.
    by_activity_id: dict[tuple[str, str], TrainingSession] = field(default_factory=dict)
    #: (new record, stored session) found by activity id at another local date or time.
    other_zone: list[tuple[SessionRecord, TrainingSession]] = field(default_factory=list)
    #: (stored session without id, new one): perhaps one activity imported in two zones.
    maybe_other_zone: list[tuple[TrainingSession, TrainingSession]] = field(default_factory=list)


def save_parsed(
    diary: Diary, parsed: ParsedFile, format_name: str, progress: Progress = no_progress
) -> ImportReport:
    """Save a parsed file in one transaction: new sessions added, the same ones merged."""
    with diary.transaction() as session:
        outcome = _save_sessions(session, parsed, progress)
        pain_entries, pain_duplicates = _new_pain_entries(
            session, parsed.pain_entries, outcome.notes
        )
        for done, record in enumerate(pain_entries, start=1):
            insert_pain_entry(session, record, flush=done % SAVE_BATCH == 0)
        session.flush()
        outcome.notes.extend(_lookalike_notes(outcome.added, outcome.matched_rows))
        outcome.notes.extend(
            f"{new.date} {new.activity}: session {new.id} ({new.duration_min:g} min at "
            f"{new.start_time}) may be session {old.id} ({old.duration_min:g} min, no start "
            f"time) logged by hand; both were kept. If they are one, delete one: kneewise "
            f"delete --session {old.id}"
            for old, new in outcome.maybe_same
        )
        outcome.notes.extend(zone_notes(outcome.other_zone, outcome.maybe_other_zone))
        total = len(outcome.added) + len(pain_entries)
        progress("saving", total, total)
    return ImportReport(
        format_name,
        len(outcome.added),
        len(pain_entries),
        outcome.duplicates + pain_duplicates,
        outcome.updated,
        tuple(outcome.notes),
    )


def _save_sessions(session: Session, parsed: ParsedFile, progress: Progress) -> _Outcome:
    outcome = _Outcome()
    records = [record for _, record in parsed.sessions]
    candidates = _stored_sessions(session, {record.date for record in records})
    outcome.by_activity_id = _stored_by_activity_id(session, records, parsed.activity_ids)
    total = len(records)
    for index, record in enumerate(records):
        activity_id = parsed.activity_ids.get(index)
        match = _same_activity_id(record, activity_id, outcome)
        if match is None:
            match = _find_match(record, candidates, outcome)
        if match is None:
            maybe = _untimed_like(record, candidates, outcome)
            other_zone = (
                None
                if activity_id is None
                else other_zone_like(record, candidates, outcome.added_ids)
            )
            row = insert_session(session, record, flush=False)
            row.source_activity_id = activity_id
            outcome.added.append(row)
            outcome.added_ids.add(id(row))
            candidates[(row.activity, row.date)].append(row)
            if activity_id is not None:
                outcome.by_activity_id[(record.source, activity_id)] = row
            if maybe is not None:
                outcome.maybe_same.append((maybe, row))
            if other_zone is not None:
                outcome.maybe_other_zone.append((other_zone, row))
        else:
            if activity_id is not None and match.source_activity_id is None:
                match.source_activity_id = activity_id  # found by time: known from now on
            changes = _merge(match, record, index in parsed.rpe_stated, outcome.notes)
            if changes:
                outcome.updated += 1
            else:
                outcome.duplicates += 1
        if (index + 1) % SAVE_BATCH == 0:
            # Flushing in batches keeps memory flat and lets the progress bar move.
            session.flush()
            progress("saving", index + 1, total)
    return outcome


_Candidates = Candidates


def _stored_sessions(session: Session, dates: set[dt.date]) -> _Candidates:
    candidates: _Candidates = defaultdict(list)
    if not dates:
        return candidates
    # Two days either side: a start-time match may cross midnight, and the same moment
    # in another zone may be up to 26 hours away (`_other_zone_like`).
    query = select(TrainingSession).where(
        TrainingSession.date >= min(dates) - dt.timedelta(days=2),
        TrainingSession.date <= max(dates) + dt.timedelta(days=2),
    )
    for stored in session.scalars(query):
        candidates[(stored.activity, stored.date)].append(stored)
    return candidates


def _stored_by_activity_id(
    session: Session, records: list[SessionRecord], activity_ids: dict[int, str]
) -> dict[tuple[str, str], TrainingSession]:
    """Stored sessions with one of the file's activity ids, by (source, id)."""
    wanted = sorted(set(activity_ids.values()))
    found: dict[tuple[str, str], TrainingSession] = {}
    sources = {records[index].source for index in activity_ids}
    for start in range(0, len(wanted), SAVE_BATCH):  # a bounded IN list per query
        query = select(TrainingSession).where(
            TrainingSession.source.in_(sources),
            TrainingSession.source_activity_id.in_(wanted[start : start + SAVE_BATCH]),
        )
        for stored in session.scalars(query):
            assert stored.source_activity_id is not None
            found.setdefault((stored.source, stored.source_activity_id), stored)
    return found


def _same_activity_id(
    record: SessionRecord, activity_id: str | None, outcome: _Outcome
) -> TrainingSession | None:
    """The stored session with this activity's id, wherever its local time put it."""
    if activity_id is None:
        return None
    row = outcome.by_activity_id.get((record.source, activity_id))
    if row is None:
        return None
    if (row.date, row.start_time) != (record.date, record.start_time):
        outcome.other_zone.append((record, row))
    return row


def _find_match(
    record: SessionRecord, candidates: _Candidates, outcome: _Outcome
) -> TrainingSession | None:
    if record.start_time is not None:
        start = dt.datetime.combine(record.date, record.start_time)
        for day in (record.date - dt.timedelta(days=1), record.date, record.date + dt.timedelta(1)):
            for row in candidates.get((record.activity, day), []):
                if row.start_time is not None and _same_activity(start, record, row):
                    return row
    for row in candidates.get((record.activity, record.date), []):
        # Rows alike within this file are separate sessions; they are only named.
        if id(row) in outcome.added_ids or id(row) in outcome.matched:
            continue
        if _same_cells(record, row):
            outcome.matched.add(id(row))
            outcome.matched_rows.append(row)
            return row
    return None


def _same_activity(start: dt.datetime, record: SessionRecord, row: TrainingSession) -> bool:
    assert row.start_time is not None
    row_start = dt.datetime.combine(row.date, row.start_time)
    if abs(row_start - start) > START_TOLERANCE:
        return False
    return _similar_length(record.duration_min, row.duration_min)


def _similar_length(one: float, other: float) -> bool:
    allowed = max(DURATION_TOLERANCE * max(one, other), DURATION_SLACK_MIN)
    return abs(one - other) <= allowed


def _untimed_like(
    record: SessionRecord, candidates: _Candidates, outcome: _Outcome
) -> TrainingSession | None:
    """A stored session without a start time that may be this timed one, logged by hand.

    Without a start time it cannot be told apart, so it is not merged; it is named.
    """
    if record.start_time is None:
        return None
    for row in candidates.get((record.activity, record.date), []):
        if (
            row.start_time is None
            and id(row) not in outcome.added_ids
            and _similar_length(record.duration_min, row.duration_min)
        ):
            return row
    return None


def _same_cells(record: SessionRecord, row: TrainingSession) -> bool:
    if record.start_time is not None and row.start_time is not None:
        return False  # both timed and not the same activity by time: two sessions
    return round(record.duration_min, 1) == round(row.duration_min, 1) and _km(
        record.distance_km
    ) == _km(row.distance_km)


def _km(distance: float | None) -> float | None:
    return None if distance is None else round(distance, 2)


_WORDS = {"rpe": "RPE", "distance_km": "distance", "start_time": "start time", "notes": "notes"}


def _merge(row: TrainingSession, record: SessionRecord, rpe_stated: bool, notes: list[str]) -> bool:
    """Fill in what the stored session lacks; True when anything changed. Says what it did."""
    added: list[str] = []
    corrected = False
    day = f"{row.date} {row.activity}"
    if record.rpe is not None and record.rpe != row.rpe:
        if row.rpe is None:
            added.append("rpe")
            row.rpe = record.rpe
        elif rpe_stated:
            notes.append(f"{day}: RPE corrected from {row.rpe:g} to {record.rpe:g}.")
            row.rpe, corrected = record.rpe, True
        else:
            notes.append(
                f"{day}: kept the RPE {row.rpe:g} already in the diary (this file says "
                f"{record.rpe:g}); to change it, import again with --rpe {record.rpe:g}."
            )
    for name in _FILLED:
        value = getattr(record, name)
        if value is not None and getattr(row, name) is None:
            setattr(row, name, value)
            added.append(name)
    if record.notes and row.notes and record.notes not in row.notes:
        # Both sources' words are kept (a title from one, how it felt from the other).
        combined = f"{row.notes}; {record.notes}"
        if len(combined) <= MAX_NOTES:
            row.notes = combined
            added.append("notes")
    if added:
        words = ", ".join(dict.fromkeys(_WORDS[name] for name in added))
        notes.append(f"{day}: the same session was already in the diary; added {words}.")
    return bool(added) or corrected


def _lookalike_notes(added: list[TrainingSession], matched: list[TrainingSession]) -> list[str]:
    """Name new sessions kept beside ones that look alike, with no start time to tell them apart."""
    groups: defaultdict[tuple[object, ...], list[TrainingSession]] = defaultdict(list)
    new = {id(row) for row in added}
    for row in [*matched, *added]:
        if row.start_time is None:
            key = (row.date, row.activity, round(row.duration_min, 1), _km(row.distance_km))
            groups[key].append(row)
    notes = []
    for (date, activity, minutes, _), rows in groups.items():
        if len(rows) > 1 and id(rows[-1]) in new:
            ids = ", ".join(str(row.id) for row in rows)
            notes.append(
                f"{len(rows)} {activity} sessions of {minutes:g} min on {date} look the same and "
                f"have no start time; all were kept as separate sessions (ids {ids}). If one is "
                f"a copy, delete it: kneewise delete --session {rows[-1].id}"
            )
    return notes


def _new_pain_entries(
    session: Session, entries: list[tuple[str, PainEntryRecord]], notes: list[str]
) -> tuple[list[PainEntryRecord], int]:
    """The entries to add, and how many the diary already has as they are.

    For a day and knee the diary already has (a knee has one entry a day), the
    findings the stored entry lacks are filled in from the file, as `kneewise log
    pain` adds to a day's entry; a finding it answers otherwise is kept and named
    with the file's line and the command that changes it, never dropped unsaid.
    The file itself has one entry a day and knee (`ParsedFile.add_pain_entry`).
    """
    dates = {record.date for _, record in entries}
    stored: dict[tuple[dt.date, str], PainEntry] = {}
    if dates:
        query = select(PainEntry).where(PainEntry.date >= min(dates), PainEntry.date <= max(dates))
        stored = {(row.date, row.knee): row for row in session.scalars(query)}
    fresh, same = [], 0
    for where, record in entries:
        row = stored.get((record.date, record.knee))
        if row is None:
            fresh.append(record)
            continue
        changed = _fill_pain(row, record)
        day = f"the {record.knee} knee on {record.date} (entry {row.id})"
        differences = pain_differences(pain_record(row), record)
        if changed:
            words = ", ".join(LABELS[name].lower() for name in changed)
            notes.append(f"{where}: added {words} to the diary's entry for {day}.")
        if differences:
            said = "; ".join(f"{label}: {a} in the diary, {b} here" for label, a, b in differences)
            notes.append(
                f"{where}: the diary's entry for {day} says otherwise ({said}); the diary's "
                f"answers were kept. To take this file's, change the entry: kneewise log edit "
                f"pain {row.id}"
            )
        same += not changed and not differences
    return fresh, same


def _fill_pain(row: PainEntry, record: PainEntryRecord) -> list[str]:
    """Fill in the findings a stored entry lacks from `record`; the names of those filled."""
    filled = []
    for name in (*PAIN_FINDINGS, "location"):
        value = getattr(record, name)
        if value not in (None, ()) and getattr(row, name) in (None, [], ()):
            setattr(row, name, list(value) if name == "location" else value)
            filled.append(name)
    return filled
