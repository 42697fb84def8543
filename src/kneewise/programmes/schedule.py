"""Planned session days, and the plan as iCalendar (RFC 5545) via `icalendar`: a file or a feed.

Only the current stage is planned: later stages depend on how the knee
responds, so their dates are not known yet. A stage's days are spread over
each week (`week_days`), starting the day the stage started; it is planned for
as many weeks as its `min_sessions` need at its `days_per_week`, at least one.

A feed (`refresh` given) is the same calendar for a phone to subscribe to:
it asks to be fetched again (RFC 7986 REFRESH-INTERVAL, and the older
X-PUBLISHED-TTL), and keeps each event's UID, so when the stage changes a
re-fetch replaces the old stage's sessions instead of adding to them.
"""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vDuration

from kneewise._errors import KneewiseError
from kneewise.diary.days import NOT_A_PLACE, zone_named
from kneewise.programmes.model import Library, Programme, Stage

PRODID = "-//kneewise//exercise programmes//EN"


def week_days(days_per_week: int) -> list[int]:
    """Offsets 0-6 of the planned days in a week, spread out (3 → Mon, Wed, Fri from a Monday)."""
    return [i * 7 // days_per_week for i in range(days_per_week)]


def stage_weeks(stage: Stage) -> int:
    """How many weeks the stage is planned for: enough for its minimum sessions."""
    return max(1, math.ceil(stage.move_on.min_sessions / stage.days_per_week))


def planned_days(stage: Stage, started: dt.date) -> list[dt.date]:
    """Every planned day of the stage, in order."""
    offsets = week_days(stage.days_per_week)
    return [
        started + dt.timedelta(days=7 * week + offset)
        for week in range(stage_weeks(stage))
        for offset in offsets
    ]


def time_zone(name: str) -> ZoneInfo:
    """The IANA time zone of a place, `name` (e.g. Europe/Oslo); KneewiseError naming what
    is allowed.

    An abbreviation ("EST", "CET") is refused as the profile refuses it
    (`kneewise.diary.days.zone_named`): "EST" stays UTC-5 in summer, so an 18:00
    session would be at 19:00 in New York from March to November.
    """
    try:
        return zone_named(name)
    except ValueError as error:
        if NOT_A_PLACE in str(error):
            raise KneewiseError(str(error)) from None
        raise KneewiseError(
            f"unknown time zone {name[:60]!r}: use an IANA name such as Europe/Oslo or "
            "America/New_York"
        ) from None


def stage_description(stage: Stage, library: Library) -> str:
    """The session's exercises and doses, one per line, for the calendar event."""
    lines = [stage.goal]
    for dose in stage.doses:
        exercise = library.exercises[dose.exercise]
        load = f" ({dose.load})" if dose.load else ""
        lines.append(f"- {exercise.name}: {dose.amount()}{load}")
    lines.append("Log it with: kneewise programme done")
    return "\n".join(lines)


def calendar(
    programme: Programme,
    library: Library,
    stage_index: int,
    started: dt.date,
    *,
    at: dt.time,
    zone: ZoneInfo | None,
    enrolment_id: int,
    stamp: dt.datetime,
    refresh: dt.timedelta | None = None,
) -> bytes:
    """The planned sessions of the current stage as an RFC 5545 VCALENDAR (bytes).

    Each event starts at `at` local time in `zone` (DTSTART with TZID and the
    VTIMEZONE it needs) and lasts the stage's `minutes`. Without a `zone` the
    times are floating (RFC 5545 §3.3.5, form #1): `at` on the clock wherever
    the calendar is, never a fixed UTC hour that lands in the night elsewhere. UIDs are stable per
    enrolment and day, so a re-import updates events instead of doubling them.
    With `refresh`, the calendar is a feed asking to be fetched again that often.
    """
    stage = programme.stages[stage_index]
    cal = _calendar(f"kneewise: {programme.name}", refresh)
    description = stage_description(stage, library)
    for day in planned_days(stage, started):
        event = Event()
        start = dt.datetime.combine(day, at, tzinfo=zone)  # naive (floating) without a zone
        event.add("uid", f"kneewise-{enrolment_id}-{stage.id}-{day.isoformat()}@kneewise")
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", start)
        event.add("duration", dt.timedelta(minutes=stage.minutes))
        event.add("summary", f"Knee exercises: {stage.name}")
        event.add("description", description)
        cal.add_component(event)
    if zone is not None:
        cal.add_missing_timezones()
    document: bytes = cal.to_ical()
    return document


def empty_feed(refresh: dt.timedelta) -> bytes:
    """A feed with no sessions: what a subscribed phone gets when no programme is in progress.

    The phone's calendar then removes the sessions it had, instead of keeping a
    stopped programme's plan or showing an error.
    """
    document: bytes = _calendar("kneewise: no programme in progress", refresh).to_ical()
    return document


def _calendar(name: str, refresh: dt.timedelta | None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    if refresh is not None:
        cal.add("method", "PUBLISH")
        cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(refresh))  # unknown to icalendar: typed here
    return cal
