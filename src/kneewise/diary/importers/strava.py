"""Strava's bulk export `activities.csv` (Settings → My Account → Download your data).

Strava has changed this file over the years; kneewise recognises each
generation by its header, or refuses the file saying what it recognised:

- **2019 and later**: `Distance`, `Elapsed Time` appear twice. The first
  `Distance` is in the athlete's display unit (km or miles), the second in
  metres; the second `Elapsed Time` and `Moving Time` are seconds. We read the
  metres and moving time (else elapsed time).
- **2018 and before**: ten columns ending in `Activity Gear, Filename`, one
  `Distance`, in metres.
- Any other header with a single `Distance` cannot say its unit (metres, km or
  miles), so the file is refused rather than guessed.

Headers are read in English or German (the export follows the language of the
account). A file that has Strava's shape (an `activities/<id>.fit.gz` file
name per row) in another language is refused with that said.

`Perceived Exertion` (1-10) is the session RPE when filled in. `Activity Date`
is in UTC and says nothing of where the activity was, so the time zone must be
stated with `--tz`; the date and start time are then local time there. The
`Activity ID` is kept with the session, so importing the file again with another
`--tz` finds the same activities rather than adding them twice.
"""

from __future__ import annotations

import datetime as dt
import re

from kneewise._errors import ImportFileError, RowProblem
from kneewise.diary.importers._common import (
    ImportOptions,
    ParsedFile,
    Progress,
    activity_name,
    numbered_csv_rows,
)
from kneewise.diary.importers._time import as_local, no_zone

REQUIRED = ("Activity ID", "Activity Date", "Activity Type", "Elapsed Time")
DATE_FORMATS = (
    "%b %d, %Y, %I:%M:%S %p",  # Sep 12, 2018, 3:02:23 PM (English)
    "%d %b %Y, %H:%M:%S",  # 12 Sep 2018, 15:02:23 (English, day first)
    "%Y-%m-%d %H:%M:%S",
    "%d.%m.%Y, %H:%M:%S",  # 12.09.2018, 15:02:23 (German)
)
CHECK_EVERY = 200
# Strava's German export headers, by their English names.
GERMAN = {
    "Aktivitäts-ID": "Activity ID", "Datum der Aktivität": "Activity Date",
    "Name der Aktivität": "Activity Name", "Aktivitätsart": "Activity Type",
    "Beschreibung der Aktivität": "Activity Description", "Verstrichene Zeit": "Elapsed Time",
    "Distanz": "Distance", "Bewegungszeit": "Moving Time",
    "Gefühlte Anstrengung": "Perceived Exertion", "Dateiname": "Filename",
    "Aktivitätsausrüstung": "Activity Gear", "Pendeln": "Commute",
}  # fmt: skip
GERMAN_TYPES = {
    "lauf": "running", "radfahrt": "cycling", "schwimmen": "swimming",
    "wanderung": "hiking", "spaziergang": "walking", "krafttraining": "weightlifting",
}  # fmt: skip
GENERATION_2018 = (
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Commute", "Activity Gear", "Filename",
)  # fmt: skip
_STRAVA_FILE = re.compile(r"^activities/\d+\.(fit|gpx|tcx)(\.gz)?$")


def looks_like_strava(first_line: str) -> bool:
    """Whether a CSV header line is Strava's activities.csv, in English or German."""
    english = "Activity ID" in first_line and "Activity Date" in first_line
    return english or ("Aktivitäts-ID" in first_line and "Datum der Aktivität" in first_line)


def foreign_strava(rows: list[tuple[int, list[str]]]) -> bool:
    """Whether CSV rows have Strava's shape (a file name `activities/<id>.fit.gz` per row)."""
    return any(_STRAVA_FILE.match(cell.strip()) for _, cells in rows[1:3] for cell in cells)


def parse(text: str, options: ImportOptions, progress: Progress) -> ParsedFile:
    """Read an activities.csv; bad rows are collected in the result, not raised."""
    rows = list(numbered_csv_rows(text))
    if not rows:
        raise ImportFileError("the file is empty; expected Strava's activities.csv")
    header, language = _english_header(rows)
    columns = _column_positions(header, language)
    metres_column = _distance_column(header, columns, language)
    zone = options.zone()
    if zone is None:
        raise no_zone("Strava's activities.csv")
    parsed = ParsedFile()
    for done, (line, cells) in enumerate(rows[1:], start=1):
        row = _Row(cells, columns)
        _parse_activity(parsed, f"line {line}", row, metres_column, zone, options)
        if done % CHECK_EVERY == 0:
            progress("checking", done, len(rows) - 1)
    return parsed


def _english_header(rows: list[tuple[int, list[str]]]) -> tuple[list[str], str]:
    header = [name.strip() for name in rows[0][1]]
    if "Activity ID" in header:
        return header, "English"
    if "Aktivitäts-ID" in header:
        return [GERMAN.get(name, name) for name in header], "German"
    if foreign_strava(rows):
        raise ImportFileError(
            "line 1: this looks like a Strava export in another language (headers "
            f"{', '.join(header[:4])}, …); kneewise reads Strava's English and German "
            "headers: switch Strava to English, export again and import that file"
        )
    raise ImportFileError(
        "line 1: not Strava's activities.csv: no column Activity ID; "
        "use --format csv for the diary's own CSV"
    )


def _column_positions(header: list[str], language: str) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        positions.setdefault(name, []).append(index)
    missing = [name for name in REQUIRED if name not in positions]
    if missing:
        raise ImportFileError(
            f"line 1: a Strava activities.csv ({language} headers) without the column(s) "
            f"{', '.join(missing)}; export it again from Strava"
        )
    return positions


def _distance_column(header: list[str], columns: dict[str, list[int]], language: str) -> int | None:
    """Where the distance in metres is, by the export's generation; refuse a guess."""
    distances = columns.get("Distance", [])
    if len(distances) > 1:
        return distances[-1]  # 2019 and later: the second Distance is in metres
    if not distances:
        return None
    if tuple(header) == GENERATION_2018:
        return distances[0]  # 2018 and before: the only Distance is in metres
    raise ImportFileError(
        f"line 1: a Strava activities.csv ({language} headers) with one Distance column, "
        "which is neither the 2018 layout (metres) nor the later one (Distance twice: "
        "display unit, then metres), so its unit (metres, km or miles) cannot be told. "
        "Export the file again from Strava. Nothing was imported"
    )


class _Row:
    """One data row, read by English column name."""

    def __init__(self, cells: list[str], columns: dict[str, list[int]]) -> None:
        self.cells, self.columns = cells, columns

    def cell(self, name: str, last: bool = False) -> str:
        """A cell by column name; `last` picks the later of two same-named columns."""
        indexes = self.columns.get(name, [])
        if not indexes:
            return ""
        return self.at(indexes[-1] if last else indexes[0])

    def at(self, index: int) -> str:
        """The cell at a position, empty when the row is short."""
        return self.cells[index].strip() if index < len(self.cells) else ""


def _parse_activity(
    parsed: ParsedFile,
    where: str,
    row: _Row,
    metres_column: int | None,
    zone: dt.tzinfo,
    options: ImportOptions,
) -> None:
    moment = _moment(row.cell("Activity Date"))
    if moment is None:
        parsed.problems.append(
            RowProblem(
                where,
                f"Activity Date {row.cell('Activity Date')!r} is not a date "
                "like 'Jan 3, 2021, 6:02:55 PM' or '03.01.2021, 18:02:55'",
            )
        )
        return
    local = as_local(moment, zone)
    seconds = _number(row.cell("Moving Time", last=True)) or _number(
        row.cell("Elapsed Time", last=True)
    )
    metres = None if metres_column is None else _number(row.at(metres_column))
    raw_type = row.cell("Activity Type")
    fields = {
        "date": local.date(),
        "start_time": local.time().replace(microsecond=0),
        "activity": GERMAN_TYPES.get(raw_type.lower()) or activity_name(raw_type, options),
        "duration_min": None if seconds is None else round(seconds / 60, 2),
        "distance_km": None if metres is None else round(metres / 1000, 3),
        "rpe": row.cell("Perceived Exertion") or None,
        "notes": row.cell("Activity Name") or None,
        "source": "strava",
    }
    parsed.add_session(
        where,
        {k: v for k, v in fields.items() if v is not None},
        options,
        activity_id=row.cell("Activity ID") or None,
    )


def _moment(text: str) -> dt.datetime | None:
    for date_format in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, date_format).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    return None


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None
