"""What every import format shares: parsed rows, options, duplicates and the one transaction."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from kneewise._errors import ImportFileError, RecordError, RowProblem
from kneewise.diary.models import PainEntry, TrainingSession
from kneewise.diary.records import (
    PainEntryRecord,
    SessionRecord,
    build,
    normalise_name,
)
from kneewise.diary.repository import insert_pain_entry, insert_session
from kneewise.diary.storage import Diary

SAVE_BATCH = 500
SHOWN_PROBLEMS = 20

# Activity names used by Strava, GPX <type> and FIT `sport`, mapped to the diary's names.
ACTIVITY_NAMES = {
    "run": "running", "trail_run": "running", "virtual_run": "running", "virtualrun": "running",
    "trailrun": "running", "treadmill": "running", "9": "running",
    "ride": "cycling", "virtual_ride": "cycling", "virtualride": "cycling", "biking": "cycling",
    "mountain_bike_ride": "cycling", "mountainbikeride": "cycling", "gravel_ride": "cycling",
    "gravelride": "cycling", "e_bike_ride": "cycling", "ebikeride": "cycling", "1": "cycling",
    "walk": "walking", "hike": "hiking", "swim": "swimming", "soccer": "football",
    "weight_training": "weightlifting", "weighttraining": "weightlifting",
    "strength_training": "weightlifting", "alpine_ski": "skiing", "alpineski": "skiing",
    "alpine_skiing": "skiing", "backcountry_ski": "skiing", "backcountryski": "skiing",
    "nordic_ski": "cross_country_skiing", "nordicski": "cross_country_skiing",
}  # fmt: skip


class Progress(Protocol):
    """Told how far an import is: the stage ("checking" or "saving"), done and total."""

    def __call__(self, stage: str, done: int, total: int) -> None: ...


def no_progress(stage: str, done: int, total: int) -> None:
    """A progress callback that shows nothing."""


@dataclass(frozen=True)
class ImportOptions:
    """Values for what a file does not say: RPE, and the activity of GPX/FIT tracks."""

    rpe: float | None = None
    activity: str | None = None


@dataclass
class ParsedFile:
    """What a parser read: records with where they came from, and every bad row."""

    sessions: list[tuple[str, SessionRecord]] = field(default_factory=list)
    pain_entries: list[tuple[str, PainEntryRecord]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def add_session(self, where: str, fields: dict[str, Any], options: ImportOptions) -> None:
        """Validate and keep a session, or note why it is bad."""
        if fields.get("rpe") in (None, "") and options.rpe is not None:
            fields["rpe"] = options.rpe
        try:
            self.sessions.append((where, build(SessionRecord, fields)))
        except RecordError as exc:
            self.problems.extend(RowProblem(where, problem) for problem in exc.problems)

    def add_pain_entry(self, where: str, fields: dict[str, Any]) -> None:
        """Validate and keep a pain entry, or note why it is bad."""
        try:
            self.pain_entries.append((where, build(PainEntryRecord, fields)))
        except RecordError as exc:
            self.problems.extend(RowProblem(where, problem) for problem in exc.problems)


@dataclass(frozen=True)
class ImportReport:
    """What an import did."""

    format: str
    sessions_added: int
    pain_entries_added: int
    duplicates: int

    @property
    def added(self) -> int:
        """Records added in total."""
        return self.sessions_added + self.pain_entries_added


def activity_name(raw: str | None, options: ImportOptions) -> str | None:
    """The diary's name for a device/Strava activity type; `--activity` fills a gap."""
    if raw is None or not raw.strip() or raw.strip().lower() in ("generic", "all", "other"):
        return options.activity
    name = normalise_name(raw)
    return ACTIVITY_NAMES.get(name, name)


def local_moment(moment: dt.datetime) -> dt.datetime:
    """A device time (UTC when naive) as local time, so a late run keeps its local date."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone()


def numbered_csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank CSV rows with the line each starts on (a quoted cell may span lines).

    Quoting is strict: a quote that never closes, or text straight after a
    closing quote, refuses the file and names the line, instead of letting the
    following rows fold into one cell.
    """
    reader = csv.reader(io.StringIO(text), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFileError(_csv_problem(start, reader.line_num, str(exc))) from None
        if any(cell.strip() for cell in cells):
            yield start, cells


def _csv_problem(start: int, line: int, error: str) -> str:
    if "unexpected end of data" in error:
        return (
            f'line {start}: a quoted cell ("...") on this line never closes, so every line '
            "after it would be read as part of that cell; add the closing quote. Nothing was "
            "imported"
        )
    if "expected after" in error:
        return (
            f"line {line}: text follows a closing quote; a quote opened on line {start} may "
            'not be closed, or a quote inside a quoted cell must be doubled (""). '
            "Nothing was imported"
        )
    return f"line {start}: not valid CSV ({error}). Nothing was imported"


# Spreadsheets run a cell starting with one of these as a formula (OWASP's CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """A text cell made safe for spreadsheets: a leading `'` when it could run as a formula.

    Text already starting with `'` before such a character gets one more, so
    `unescape_formula` gives back exactly the original text.
    """
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def unescape_formula(text: str) -> str:
    """The text `escape_formula` was given (the diary CSV importer reads its own export)."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def check_parsed(parsed: ParsedFile, source: str) -> None:
    """Raise `ImportFileError` listing the bad rows, if there are any."""
    if not parsed.problems:
        return
    lines = [str(problem) for problem in parsed.problems[:SHOWN_PROBLEMS]]
    hidden = len(parsed.problems) - len(lines)
    if hidden:
        lines.append(f"... and {hidden} more")
    rows = len({problem.where for problem in parsed.problems})
    raise ImportFileError(
        f"{source}: {rows} bad row(s); nothing was imported. Fix them and import again:\n"
        + "\n".join(f"  {line}" for line in lines),
        parsed.problems,
    )


def save_parsed(
    diary: Diary, parsed: ParsedFile, format_name: str, progress: Progress = no_progress
) -> ImportReport:
    """Save every new record of a parsed file in one transaction; duplicates are skipped."""
    with diary.transaction() as session:
        sessions = _new_sessions(session, [record for _, record in parsed.sessions])
        pain_entries = _new_pain_entries(session, [record for _, record in parsed.pain_entries])
        total = len(sessions) + len(pain_entries)
        _save_in_batches(session, sessions, pain_entries, progress)
        progress("saving", total, total)
    duplicates = len(parsed.sessions) + len(parsed.pain_entries) - total
    return ImportReport(format_name, len(sessions), len(pain_entries), duplicates)


def _save_in_batches(
    session: Session,
    sessions: list[SessionRecord],
    pain_entries: list[PainEntryRecord],
    progress: Progress,
) -> None:
    total = len(sessions) + len(pain_entries)
    records: list[SessionRecord | PainEntryRecord] = [*sessions, *pain_entries]
    for done, record in enumerate(records, start=1):
        if isinstance(record, SessionRecord):
            insert_session(session, record, flush=False)
        else:
            insert_pain_entry(session, record, flush=False)
        if done % SAVE_BATCH == 0:
            # Flushing in batches keeps memory flat and lets the progress bar move.
            session.flush()
            progress("saving", done, total)


_SessionKey = tuple[dt.date, str, float, float | None]


def _session_key(record: SessionRecord) -> _SessionKey:
    distance = None if record.distance_km is None else round(record.distance_km, 2)
    return (record.date, record.activity, round(record.duration_min, 1), distance)


def _new_sessions(session: Session, records: list[SessionRecord]) -> list[SessionRecord]:
    """Drop sessions already in the diary or earlier in the file.

    Same day, activity, duration (to 0.1 min) and distance (to 10 m) is the
    same session, unless both have start times and they differ.
    """
    known = _stored_session_keys(session, {record.date for record in records})
    fresh = []
    for record in records:
        starts = known[_session_key(record)]
        if any(_same_start(start, record.start_time) for start in starts):
            continue
        starts.append(record.start_time)
        fresh.append(record)
    return fresh


def _same_start(one: dt.time | None, other: dt.time | None) -> bool:
    # An unknown start time cannot tell two sessions apart.
    return one is None or other is None or one == other


def _stored_session_keys(
    session: Session, dates: Iterable[dt.date]
) -> defaultdict[_SessionKey, list[dt.time | None]]:
    known: defaultdict[_SessionKey, list[dt.time | None]] = defaultdict(list)
    dates = set(dates)
    if not dates:
        return known
    query = select(TrainingSession).where(
        TrainingSession.date >= min(dates), TrainingSession.date <= max(dates)
    )
    for stored in session.scalars(query):
        record = SessionRecord.model_construct(
            date=stored.date,
            activity=stored.activity,
            duration_min=stored.duration_min,
            distance_km=stored.distance_km,
        )
        known[_session_key(record)].append(stored.start_time)
    return known


def _new_pain_entries(session: Session, records: list[PainEntryRecord]) -> list[PainEntryRecord]:
    """Drop pain entries for a day and knee the diary (or the file) already has."""
    dates = {record.date for record in records}
    known: set[tuple[dt.date, str]] = set()
    if dates:
        query = select(PainEntry.date, PainEntry.knee).where(
            PainEntry.date >= min(dates), PainEntry.date <= max(dates)
        )
        known = {(date, knee) for date, knee in session.execute(query)}
    fresh = []
    for record in records:
        if (record.date, record.knee) not in known:
            known.add((record.date, record.knee))
            fresh.append(record)
    return fresh
