"""GPX files: each track with timestamps becomes one session.

Duration is first to last point, distance the 2-D track length. The activity
comes from the track's `<type>` (Strava and Garmin fill it in) or `--activity`.
GPX has no effort, so RPE comes from `--rpe` or stays unknown.

GPX times are UTC. Date and start time are the local time where the track
starts: the time zone at its first point with a position (offline, `tzfpy`),
else `--tz`, else the file is refused (see `_time`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import gpxpy
import gpxpy.gpx

from kneewise._errors import ImportFileError, RowProblem
from kneewise.diary.importers._common import (
    ImportOptions,
    ParsedFile,
    Progress,
    activity_name,
)
from kneewise.diary.importers._time import as_local, no_zone, zone_at


def parse(text: str, options: ImportOptions, progress: Progress) -> ParsedFile:
    """Read GPX text; tracks that cannot become sessions are collected as problems."""
    # Errors from gpxpy on a broken file become "not a valid GPX file" in `parse_file`.
    document = gpxpy.parse(text)
    if not document.tracks:
        raise ImportFileError("the GPX file has no tracks (<trk>); only tracks can be imported")
    parsed = ParsedFile()
    for number, track in enumerate(document.tracks, start=1):
        _parse_track(parsed, f"track {number}", track, options)
        progress("checking", number, len(document.tracks))
    return parsed


def _parse_track(parsed: ParsedFile, where: str, track: Any, options: ImportOptions) -> None:
    start, end = track.get_time_bounds()
    if start is None or end is None:
        parsed.problems.append(RowProblem(where, "its points have no <time>, so no duration"))
        return
    activity = activity_name(track.type, options)
    if activity is None:
        parsed.problems.append(
            RowProblem(where, "it has no <type>; say what it was with --activity, e.g. running")
        )
        return
    local_start = as_local(start, _zone(track, options))
    fields = {
        "date": local_start.date(),
        "start_time": local_start.time().replace(microsecond=0),
        "activity": activity,
        "duration_min": round((end - start).total_seconds() / 60, 2),
        "distance_km": round(track.length_2d() / 1000, 3),
        "notes": track.name or None,
        "source": "gpx",
    }
    parsed.add_session(where, {k: v for k, v in fields.items() if v is not None}, options)


def _zone(track: Any, options: ImportOptions) -> dt.tzinfo:
    """The time zone at the track's first point, else the one given with `--tz`."""
    for segment in track.segments:
        for point in segment.points:
            if point.latitude is not None and point.longitude is not None:
                zone = zone_at(point.latitude, point.longitude)
                if zone is not None:
                    return zone
                break
    chosen = options.zone()
    if chosen is None:
        raise no_zone("this GPX track has no position in a known time zone; it")
    return chosen
