"""Whose "today" a page uses: the signed-in person's, in their zone (kneewise.diary.days).

A server's own date is nobody's in particular: at 22:30 UTC it is already
tomorrow in Tokyo and still the evening in New York. A page's date field takes
its value (`today`) and its limit (`latest`) from the person's zone; until the
profile has one, the browser sends its own (`Intl.DateTimeFormat()`, as the
hidden field `browser_zone`, filled by static/person-day.js) with the person's
first diary form, and it is kept in the profile. Records made in a request end
on the person's today (`persons_last_day`, a dependency of the diary pages and
the sessions and pain API). A personal app (accounts off)
runs on the person's own computer, so its zone is the computer's until they
choose one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

# The shared part lives with the diary: the command line counts days as the pages do.
from kneewise.diary.days import diary_today as diary_today
from kneewise.diary.days import (
    latest_day,
    limit_records_for,
    person_today,
    profile_zone,
    zone_named,
)
from kneewise.diary.records import ProfileRecord
from kneewise.diary.repository import get_profile, update_profile
from kneewise.diary.storage import Diary
from kneewise.settings import Settings
from kneewise.web.deps import DiaryDep

#: The hidden form field the browser's zone comes in (static/person-day.js fills it).
BROWSER_ZONE_FIELD = "browser_zone"


@dataclass(frozen=True)
class PersonDay:
    """A page's dates: `today` (the field's value), `latest` (its max), whether a zone is known.

    Without a known zone (`zone_known` False: a server, nothing in the profile),
    `latest` is today where it is latest on Earth, and the page lets the browser
    put its own date in the field.
    """

    today: dt.date
    latest: dt.date
    zone_known: bool


def own_computer(request: Request) -> bool:
    """True in a personal app: the server's zone is the person's own computer's."""
    settings: Settings = request.app.state.settings
    return not settings.accounts


def person_day(
    request: Request, profile: ProfileRecord, now: dt.datetime | None = None
) -> PersonDay:
    """The dates a page shows the person with `profile`, read from the clock at `now`."""
    mine = own_computer(request)
    known = profile_zone(profile) is not None or mine
    return PersonDay(
        today=person_today(profile, now) if known else latest_day(profile, now, own_computer=mine),
        latest=latest_day(profile, now, own_computer=mine),
        zone_known=known,
    )


async def persons_last_day(request: Request, diary: DiaryDep) -> None:
    """Dependency: records made in this request end at the person's today (their zone).

    Async on purpose: it runs in the request's own task, so the limit it sets
    (`kneewise.diary.days.limit_records_for`, a context variable) is the one the
    route's record validation reads; the profile is read in the thread pool.
    """
    profile = await run_in_threadpool(get_profile, diary)
    limit_records_for(profile, own_computer=own_computer(request))


#: The dependency list of a route that makes or changes records (a route's `dependencies=`).
LAST_DAY = [Depends(persons_last_day)]


def keep_browser_zone(form: Any, diary: Diary) -> None:
    """Keep the zone the browser sent in the profile when the profile has none yet.

    A zone the person chose is never replaced by a browser's (they may be
    travelling); a name the zone database does not know is ignored (the
    diary then keeps working without one).
    """
    sent = str(form.get(BROWSER_ZONE_FIELD) or "")
    if not sent or get_profile(diary).time_zone:
        return
    try:
        zone = zone_named(sent)
    except ValueError:
        return
    update_profile(diary, ProfileRecord(time_zone=zone.key))
