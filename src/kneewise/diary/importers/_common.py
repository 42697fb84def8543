"""What every import format shares: parsed rows, options, reports and CSV reading.

Saving, with duplicates recognised by meaning, is in `_saving`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from kneewise._errors import ImportFileError, RecordError, RowProblem
from kneewise.diary.importers._time import zone_named
from kneewise.diary.records import (
    LABELS,
    PAIN_FINDINGS,
    PainEntryRecord,
    ProfileRecord,
    SessionRecord,
    build,
    normalise_name,
)

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
    """Values for what a file does not say: RPE, the activity of tracks, the time zone.

    `tz` is an IANA name (e.g. Europe/Berlin) for files that do not say where
    an activity happened (Strava's activities.csv, tracks without positions).
    An `rpe` given here also corrects the RPE of sessions already imported.
    """

    rpe: float | None = None
    activity: str | None = None
    tz: str | None = None

    def zone(self) -> ZoneInfo | None:
        """The stated time zone; `ImportFileError` naming the allowed form if unknown."""
        return None if self.tz is None else zone_named(self.tz)


@dataclass
class ParsedFile:
    """What a parser read: records with where they came from, and every bad row."""

    sessions: list[tuple[str, SessionRecord]] = field(default_factory=list)
    pain_entries: list[tuple[str, PainEntryRecord]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    #: Positions in `sessions` whose RPE was stated with `--rpe`, not read from the file.
    rpe_stated: set[int] = field(default_factory=set)
    #: The activity's id at its source (Strava's Activity ID), by position in `sessions`.
    activity_ids: dict[int, str] = field(default_factory=dict)
    #: A profile the file holds (kneewise's JSON export): fills in what the diary lacks.
    profile: ProfileRecord | None = None
    #: What the person should read about the file itself (parts not imported, say).
    notes: list[str] = field(default_factory=list)
    #: Where in `pain_entries` each (day, knee) is: a knee has one entry a day.
    pain_at: dict[tuple[dt.date, str], int] = field(default_factory=dict)

    def add_session(
        self,
        where: str,
        fields: dict[str, Any],
        options: ImportOptions,
        activity_id: str | None = None,
    ) -> None:
        """Validate and keep a session (with its `activity_id` at the source), or say why not."""
        stated = fields.get("rpe") in (None, "") and options.rpe is not None
        if stated:
            fields["rpe"] = options.rpe
        try:
            record = build(SessionRecord, fields)
        except RecordError as exc:
            self.problems.extend(RowProblem(where, problem) for problem in exc.problems)
            return
        if stated:
            self.rpe_stated.add(len(self.sessions))
        if activity_id:
            self.activity_ids[len(self.sessions)] = activity_id[:40]
        self.sessions.append((where, record))

    def add_pain_entry(self, where: str, fields: dict[str, Any]) -> None:
        """Validate and keep a pain entry, or note why it is bad.

        A knee has one entry a day (the diary's rule). A second row for the same day
        and knee whose answers agree with the first is merged into it (what either
        tells), and a note names both rows; one that answers something otherwise is
        a bad row naming the first and what differs, never one of the two dropped.
        """
        try:
            record = build(PainEntryRecord, fields)
        except RecordError as exc:
            self.problems.extend(RowProblem(where, problem) for problem in exc.problems)
            return
        first = self.pain_at.setdefault((record.date, record.knee), len(self.pain_entries))
        if first == len(self.pain_entries):
            self.pain_entries.append((where, record))
            return
        first_where, kept = self.pain_entries[first]
        day = f"the {record.knee} knee on {record.date}"
        differences = pain_differences(kept, record)
        if not differences:
            # No answer differs: one entry, with what either row tells (a row with the
            # pain during, another with the next morning's, as `kneewise log pain` adds).
            more = {
                name: getattr(record, name)
                for name in (*PAIN_FINDINGS, "location")
                if getattr(kept, name) in (None, ()) and getattr(record, name) not in (None, ())
            }
            self.pain_entries[first] = (first_where, kept.model_copy(update=more))
            how = "adds to" if more else "repeats"
            self.notes.append(f"{where} {how} {first_where} ({day}); imported as one entry.")
            return
        said = "; ".join(f"{label}: {a} there, {b} here" for label, a, b in differences)
        self.problems.append(
            RowProblem(
                where,
                f"a second pain entry for {day}, which {first_where} already has, with "
                f"other answers ({said}); a knee has one entry a day, so make the two "
                "rows one",
            )
        )


def pain_differences(first: PainEntryRecord, second: PainEntryRecord) -> list[tuple[str, str, str]]:
    """Each finding two entries of one day and knee answer differently: (label, first, second).

    A finding one of them leaves out is no difference ("not recorded" is not an answer).
    """
    found = []
    for name in (*PAIN_FINDINGS, "location"):
        a, b = getattr(first, name), getattr(second, name)
        if a in (None, ()) or b in (None, ()) or a == b:
            continue
        found.append((LABELS[name].lower(), _answer(a), _answer(b)))
    return found


def _answer(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


@dataclass(frozen=True)
class ImportReport:
    """What an import did: counts, and notes the person should read (plain sentences)."""

    format: str
    sessions_added: int
    pain_entries_added: int
    duplicates: int
    sessions_updated: int = 0
    notes: tuple[str, ...] = ()

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
