"""Garmin FIT activity files, read with fitparse: each `session` message is one session.

Duration is the timer time (moving), else elapsed time; distance is in metres
in the file. The activity comes from `sport` (and `sub_sport` for strength
training) or `--activity` when the sport is generic. FIT has no session RPE.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import fitparse

from kneewise._errors import ImportFileError, RowProblem
from kneewise.diary.importers._common import (
    ImportOptions,
    ParsedFile,
    Progress,
    activity_name,
    local_moment,
)


def looks_like_fit(data: bytes) -> bool:
    """Whether bytes start with a FIT file header (".FIT" at offset 8)."""
    return len(data) >= 12 and data[8:12] == b".FIT"


def parse(data: bytes, options: ImportOptions, progress: Progress) -> ParsedFile:
    """Read a FIT file; sessions that cannot be used are collected as problems."""
    # Any error fitparse raises on a broken file (FitParseError, but also TypeError
    # and others on some damaged headers) becomes "not a valid FIT file" in `parse_file`.
    fit_file = fitparse.FitFile(io.BytesIO(data))  # bytes alone may be taken for a path
    summaries = [message.get_values() for message in fit_file.get_messages("session")]
    if not summaries:
        raise ImportFileError(
            "the FIT file has no session summary; only activity files (not courses, "
            "workouts or settings) can be imported"
        )
    parsed = ParsedFile()
    for number, values in enumerate(summaries, start=1):
        _parse_session(parsed, f"session {number}", values, options)
        progress("checking", number, len(summaries))
    return parsed


def _parse_session(
    parsed: ParsedFile, where: str, values: dict[str, Any], options: ImportOptions
) -> None:
    start = values.get("start_time") or values.get("timestamp")
    seconds = values.get("total_timer_time") or values.get("total_elapsed_time")
    if not isinstance(start, dt.datetime) or not isinstance(seconds, int | float):
        parsed.problems.append(RowProblem(where, "it has no start_time or total time"))
        return
    activity = activity_name(_sport(values), options)
    if activity is None:
        parsed.problems.append(
            RowProblem(where, "its sport is generic; say what it was with --activity")
        )
        return
    local_start = local_moment(start)
    metres = values.get("total_distance")
    fields = {
        "date": local_start.date(),
        "start_time": local_start.time().replace(microsecond=0),
        "activity": activity,
        "duration_min": round(seconds / 60, 2),
        "distance_km": round(metres / 1000, 3) if isinstance(metres, int | float) else None,
        "source": "fit",
    }
    parsed.add_session(where, {k: v for k, v in fields.items() if v is not None}, options)


def _sport(values: dict[str, Any]) -> str | None:
    sport, sub_sport = values.get("sport"), values.get("sub_sport")
    if sport == "training" and isinstance(sub_sport, str) and sub_sport != "generic":
        return sub_sport
    # fitparse gives a number for sports its profile does not know.
    return sport if isinstance(sport, str) and sport != "training" else None
