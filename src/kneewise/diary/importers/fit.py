"""Garmin FIT activity files, read with fitparse: each `session` message is one session.

Duration is the timer time (moving), else elapsed time; distance is in metres
in the file. The activity comes from `sport` (and `sub_sport` for strength
training) or `--activity` when the sport is generic.

Date and start time are the activity's own local time: the device's offset is
`activity.local_timestamp` minus `activity.timestamp` (FIT SDK profile); when a
file has no local timestamp, the time zone at the first recorded position, else
`--tz`, else the file is refused (see `_time`).

Session RPE: newer Garmin watches ask for it after an activity and store it in
the session message as field 193, `workout_rpe`, on the CR-10 scale × 10, and
how the workout felt as field 192, `workout_feel` (0, 25, 50, 75, 100 from very
weak to very strong). fitparse 1.2's profile predates both, so they arrive as
`unknown_193` and `unknown_192` (FIT SDK Profile.xlsx, session message;
decoded first by GoldenCheetah, issue #4124). The feel is kept in the notes.
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
)
from kneewise.diary.importers._time import as_local, no_zone, offset_between, zone_at

_RPE_FIELDS = ("workout_rpe", "unknown_193")
_FEEL_FIELDS = ("workout_feel", "unknown_192")
_FEEL_WORDS = {0: "very weak", 25: "weak", 50: "normal", 75: "strong", 100: "very strong"}
_SEMICIRCLE_DEGREES = 180 / 2**31  # FIT positions are in semicircles


def looks_like_fit(data: bytes) -> bool:
    """Whether bytes start with a FIT file header (".FIT" at offset 8)."""
    return len(data) >= 12 and data[8:12] == b".FIT"


def parse(data: bytes, options: ImportOptions, progress: Progress) -> ParsedFile:
    """Read a FIT file; sessions that cannot be used are collected as problems."""
    # Any error fitparse raises on a broken file (FitParseError, but also TypeError
    # and others on some damaged headers) becomes "not a valid FIT file" in `parse_file`.
    fit_file = fitparse.FitFile(io.BytesIO(data))  # bytes alone may be taken for a path
    messages = [(m.name, m.get_values()) for m in fit_file.get_messages()]
    summaries = [values for name, values in messages if name == "session"]
    if not summaries:
        raise ImportFileError(
            "the FIT file has no session summary; only activity files (not courses, "
            "workouts or settings) can be imported"
        )
    zone = _local_zone(messages, options)
    parsed = ParsedFile()
    for number, values in enumerate(summaries, start=1):
        _parse_session(parsed, f"session {number}", values, zone, options)
        progress("checking", number, len(summaries))
    return parsed


def _local_zone(messages: list[tuple[str, dict[str, Any]]], options: ImportOptions) -> dt.tzinfo:
    """The activity's own time zone: the file's local timestamp, its position, or `--tz`."""
    for name, values in messages:
        local, utc = values.get("local_timestamp"), values.get("timestamp")
        if name == "activity" and isinstance(local, dt.datetime) and isinstance(utc, dt.datetime):
            offset = offset_between(local, utc)
            if offset is not None:
                return offset
    for name, values in messages:
        lat, lon = values.get("position_lat"), values.get("position_long")
        if name == "record" and isinstance(lat, int) and isinstance(lon, int):
            zone = zone_at(lat * _SEMICIRCLE_DEGREES, lon * _SEMICIRCLE_DEGREES)
            if zone is not None:
                return zone
            break
    chosen = options.zone()
    if chosen is None:
        raise no_zone("this FIT file has no local time and no position; it")
    return chosen


def _parse_session(
    parsed: ParsedFile,
    where: str,
    values: dict[str, Any],
    zone: dt.tzinfo,
    options: ImportOptions,
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
    local_start = as_local(start, zone)
    metres = values.get("total_distance")
    fields = {
        "date": local_start.date(),
        "start_time": local_start.time().replace(microsecond=0),
        "activity": activity,
        "duration_min": round(seconds / 60, 2),
        "distance_km": round(metres / 1000, 3) if isinstance(metres, int | float) else None,
        "rpe": _rpe(values),
        "notes": _feel(values),
        "source": "fit",
    }
    parsed.add_session(where, {k: v for k, v in fields.items() if v is not None}, options)


def _first(values: dict[str, Any], names: tuple[str, ...]) -> int | float | None:
    for name in names:
        value = values.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
    return None


def _rpe(values: dict[str, Any]) -> float | None:
    """Session RPE from field 193 (RPE × 10); an out-of-range value is left for validation."""
    stored = _first(values, _RPE_FIELDS)
    return None if stored is None else stored / 10


def _feel(values: dict[str, Any]) -> str | None:
    feel = _first(values, _FEEL_FIELDS)
    if feel is None or not 0 <= feel <= 100:
        return None
    word = _FEEL_WORDS.get(int(feel))
    return f"felt {word} (watch)" if word else f"felt {feel:g} of 100 (watch; 100 = very strong)"


def _sport(values: dict[str, Any]) -> str | None:
    sport, sub_sport = values.get("sport"), values.get("sub_sport")
    if sport == "training" and isinstance(sub_sport, str) and sub_sport != "generic":
        return sub_sport
    # fitparse gives a number for sports its profile does not know.
    return sport if isinstance(sport, str) and sport != "training" else None
