"""The activity's own local time: a session's date and start time are where it happened.

Devices and Strava store moments in UTC. The diary files a session on the day
the person lived it, so each moment is turned into the activity's local time
from, in order: what the file itself says (FIT `activity.local_timestamp`), the
time zone at the track's first position (looked up offline with `tzfpy`, which
ships the timezone-boundary-builder polygons), or the zone the person states
with `--tz`. The importing machine's own zone is never used: kneewise may run
on a server in UTC, and the same file must give the same diary everywhere.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tzfpy

from kneewise._errors import ImportFileError

# FIT's local_timestamp minus its UTC timestamp is the device's offset; real offsets
# are whole quarter hours (Nepal +5:45, Chatham +12:45), so rounding removes the
# second or two between the two clock readings.
_OFFSET_STEP = dt.timedelta(minutes=15)
_LATEST_OFFSET = dt.timedelta(hours=14)  # Kiribati, UTC+14, the earliest clocks on Earth
TZ_EXAMPLE = "e.g. --tz Europe/Berlin, --tz America/New_York or --tz UTC"


def zone_named(name: str) -> ZoneInfo:
    """The IANA time zone called `name`; `ImportFileError` naming what is allowed if unknown."""
    text = name.strip()
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ImportFileError(
            f"--tz {name!r} is not a time zone; use an IANA name ({TZ_EXAMPLE})"
        ) from None


def zone_at(latitude: float, longitude: float) -> ZoneInfo | None:
    """The time zone at a position in degrees, or None when it cannot be told (open sea)."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    name = tzfpy.get_tz(longitude, latitude)
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def offset_between(local: dt.datetime, utc: dt.datetime) -> dt.timezone | None:
    """The fixed offset a device used: its local clock minus UTC, to the quarter hour."""
    difference = local.replace(tzinfo=None) - utc.replace(tzinfo=None)
    steps = round(difference / _OFFSET_STEP)
    offset = steps * _OFFSET_STEP
    if abs(offset) > _LATEST_OFFSET:
        return None  # not a real time zone: a broken clock, so do not trust it
    return dt.timezone(offset)


def as_local(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """A UTC moment (naive means UTC, as devices write it) as wall-clock time in `zone`."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone)


def no_zone(what: str) -> ImportFileError:
    """The refusal when neither the file nor the person says where an activity happened."""
    return ImportFileError(
        f"{what} gives times in UTC and does not say the local time zone, so the day of "
        f"each session cannot be told; say where you were with --tz ({TZ_EXAMPLE}). "
        "Nothing was imported"
    )
