"""Strava's bulk export `activities.csv` (Settings → My Account → Download your data).

The export repeats some column names: the first `Distance` is in the
athlete's display unit, the second in metres; the second `Elapsed Time` and
`Moving Time` are in seconds. We take metres and moving time (else elapsed
time), and `Perceived Exertion` (1-10) as session RPE when it is filled in.
`Activity Date` is in UTC and becomes local time.
"""

from __future__ import annotations

import datetime as dt

from kneewise._errors import ImportFileError, RowProblem
from kneewise.diary.importers._common import (
    ImportOptions,
    ParsedFile,
    Progress,
    activity_name,
    local_moment,
    numbered_csv_rows,
)

REQUIRED = ("Activity ID", "Activity Date", "Activity Type", "Elapsed Time")
DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%d %b %Y, %H:%M:%S", "%Y-%m-%d %H:%M:%S")
CHECK_EVERY = 200


def looks_like_strava(first_line: str) -> bool:
    """Whether a CSV header line is Strava's activities.csv."""
    return "Activity ID" in first_line and "Activity Date" in first_line


def parse(text: str, options: ImportOptions, progress: Progress) -> ParsedFile:
    """Read an activities.csv; bad rows are collected in the result, not raised."""
    rows = list(numbered_csv_rows(text))
    if not rows:
        raise ImportFileError("the file is empty; expected Strava's activities.csv")
    columns = _column_positions(rows[0][1])
    parsed = ParsedFile()
    for done, (line, cells) in enumerate(rows[1:], start=1):
        _parse_activity(parsed, f"line {line}", cells, columns, options)
        if done % CHECK_EVERY == 0:
            progress("checking", done, len(rows) - 1)
    return parsed


def _column_positions(header: list[str]) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        positions.setdefault(name.strip(), []).append(index)
    missing = [name for name in REQUIRED if name not in positions]
    if missing:
        raise ImportFileError(
            f"line 1: not Strava's activities.csv: no column {', '.join(missing)}; "
            "use --format csv for the diary's own CSV"
        )
    return positions


def _cell(cells: list[str], columns: dict[str, list[int]], name: str, last: bool = False) -> str:
    """A cell by column name; `last` picks the later of two same-named columns."""
    indexes = columns.get(name, [])
    if not indexes:
        return ""
    index = indexes[-1] if last else indexes[0]
    return cells[index].strip() if index < len(cells) else ""


def _parse_activity(
    parsed: ParsedFile,
    where: str,
    cells: list[str],
    columns: dict[str, list[int]],
    options: ImportOptions,
) -> None:
    moment = _moment(_cell(cells, columns, "Activity Date"))
    if moment is None:
        parsed.problems.append(
            RowProblem(
                where,
                f"Activity Date {_cell(cells, columns, 'Activity Date')!r} is not a date "
                "like 'Jan 3, 2021, 6:02:55 PM'",
            )
        )
        return
    seconds = _number(_cell(cells, columns, "Moving Time", last=True)) or _number(
        _cell(cells, columns, "Elapsed Time", last=True)
    )
    fields = {
        "date": moment.date(),
        "start_time": moment.time().replace(microsecond=0),
        "activity": activity_name(_cell(cells, columns, "Activity Type"), options),
        "duration_min": None if seconds is None else round(seconds / 60, 2),
        "distance_km": _distance_km(cells, columns),
        "rpe": _cell(cells, columns, "Perceived Exertion") or None,
        "notes": _cell(cells, columns, "Activity Name") or None,
        "source": "strava",
    }
    parsed.add_session(where, {k: v for k, v in fields.items() if v is not None}, options)


def _moment(text: str) -> dt.datetime | None:
    for date_format in DATE_FORMATS:
        try:
            return local_moment(dt.datetime.strptime(text, date_format))
        except ValueError:
            continue
    return None


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _distance_km(cells: list[str], columns: dict[str, list[int]]) -> float | None:
    if len(columns.get("Distance", [])) > 1:
        metres = _number(_cell(cells, columns, "Distance", last=True))
        return None if metres is None else round(metres / 1000, 3)
    # Only the display-unit column: Strava writes kilometres unless the athlete chose miles.
    return _number(_cell(cells, columns, "Distance"))
