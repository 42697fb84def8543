"""The person's day: an instant becomes a calendar day only in the person's time zone.

kneewise stores instants (a saved check's `created_at`) in UTC and diary
records by the person's calendar day. The two meet here, and only here:

- `day_of(instant, zone)`: the calendar day an aware instant falls on in `zone`
  (a check saved at 19:40 in New York on 30 November is stored as 00:40 UTC on
  1 December, and belongs to 30 November).
- `person_today(profile, now)`: today's date for the person keeping a diary, in
  the IANA zone of their profile (`ProfileRecord.time_zone`); with no zone
  told, this computer's.
- `latest_day(profile, now, own_computer=)`: the last day a record may have:
  the person's today; with no zone told on a server, the latest date anywhere
  on Earth (UTC+14, Line Islands), so no one's today is refused as the future.
- `zone_named(name)`: the IANA zone name of a place (never an abbreviation
  such as "EST": `is_abbreviation`) checked against the zone database
  (`zoneinfo`; the `tzdata` package where the system has none).
- `diary_today(diary)`: today for the person whose diary it is (the web's pages,
  the command line's `status`, `trends`, programmes and questionnaires).
- `count_days_in(time_zone)`: the command line counts the records it makes and
  the days it reads ('today', 'yesterday', -N) in the diary's zone, as the web
  does; `current_today()` is that today (`records.parse_day` reads it).

No date here is read at import time: every function reads the clock when called.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

if TYPE_CHECKING:
    from kneewise.diary.records import ProfileRecord
    from kneewise.diary.storage import Diary

#: Where the calendar day starts first: UTC+14 (Kiribati, Line Islands). A date
#: later than today there has been lived by no one yet.
EARLIEST_ZONE = dt.timezone(dt.timedelta(hours=14), "UTC+14")
#: What a zone name must look like, in words (every message about a zone says it).
ZONE_ALLOWED = "a time zone name such as Europe/London, America/New_York or Asia/Tokyo"
#: The longest zone name kept (the database's longest is 32 characters).
LONGEST_ZONE_NAME = 64


#: UTC under other names, without an area (tzdata's `backward` file): no place's clock.
_UTC_WORDS = frozenset({"Greenwich", "Universal", "Zulu"})
#: UTC by its own name: whoever types it means the clock it is (it never has summer time,
#: and says so), unlike "GMT", which many in London say of their own clock.
_REFERENCE_CLOCK = frozenset({"UTC", "Etc/UTC"})


def is_abbreviation(name: str) -> bool:
    """True for a zone database name that is an abbreviation or an offset, not a place.

    The database keeps these as legacy links (its `backward` and `etcetera`
    files): "EST", "CET", "PST8PDT", "GMT", "UCT", "NZ", "W-SU", and the
    fixed offsets of the Etc area ("Etc/GMT+5" is five hours *behind* UTC).
    They are written in capitals without an area, or in the Etc area. A person
    typing "EST" means New York's clock, which the link does not follow in
    summer (it stays at UTC-5), so their days would start an hour wrong for
    half the year. Country names ("Japan", "Iceland") and old area names
    ("US/Eastern") are places and stay.
    """
    text = name.strip()
    if text in _REFERENCE_CLOCK:
        return False
    if text.startswith("Etc/") or text in _UTC_WORDS:
        return True
    return "/" not in text and text.split("-")[0].isupper()


@cache
def _database_names() -> frozenset[str]:
    return frozenset(available_timezones())


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone name of a place this computer knows, sorted (a list to choose from).

    Abbreviations and offsets (`is_abbreviation`) are left out.
    """
    # "localtime" is this computer's file, "Factory" a placeholder: neither is a place.
    known = _database_names() - {"localtime", "Factory", "posixrules"}
    return tuple(sorted(name for name in known if not is_abbreviation(name)))


#: The words of every refusal of an abbreviation (a record's message shows it whole).
NOT_A_PLACE = "is an abbreviation, not a place"


def _abbreviation_refused(text: str) -> str:
    return (
        f"{text!r} {NOT_A_PLACE}: its clock may not follow your place's summer time; "
        f"use your place's time zone, {ZONE_ALLOWED}"
    )


def zone_named(name: str) -> ZoneInfo:
    """The zone called `name` (e.g. "Asia/Tokyo"); ValueError naming what is allowed.

    Only names of places in the zone database (`zone_names`): an abbreviation
    ("EST", "CET", "GMT") or an offset ("+09:00", "Etc/GMT+5") is refused,
    since it does not follow a place's summer time (`is_abbreviation`). "UTC"
    is taken: it is the clock it names.
    """
    text = name.strip()
    if text in _database_names() and is_abbreviation(text):
        raise ValueError(_abbreviation_refused(text))
    if not text or len(text) > LONGEST_ZONE_NAME or text not in zone_names():
        raise ValueError(f"not a time zone kneewise knows; use {ZONE_ALLOWED}")
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):  # listed but unreadable: say the same
        raise ValueError(f"not a time zone kneewise knows; use {ZONE_ALLOWED}") from None


def machine_zone() -> dt.tzinfo:
    """This computer's own zone (TZ, /etc/localtime): the person's zone on their own computer."""
    zone = dt.datetime.now().astimezone().tzinfo
    return zone if zone is not None else dt.UTC


def day_of(instant: dt.datetime, zone: dt.tzinfo) -> dt.date:
    """The calendar day `instant` falls on in `zone`.

    A naive instant is read as UTC (how kneewise stores them); never the
    server's own zone.
    """
    aware = instant if instant.tzinfo is not None else instant.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone).date()


def profile_zone(profile: ProfileRecord | None) -> ZoneInfo | None:
    """The zone the profile names, or None when none is told (or it is no longer known)."""
    name = profile.time_zone if profile is not None else None
    if not name:
        return None
    try:
        # Read as saved, even an abbreviation saved before they were refused: the
        # person's choice is kept (never silently dropped), and the profile form
        # asks for a place when it is next saved.
        return ZoneInfo(name) if name in _database_names() else None
    except (ZoneInfoNotFoundError, ValueError):
        return None  # a zone dropped from a later zone database: treated as not told


def person_today(profile: ProfileRecord | None, now: dt.datetime | None = None) -> dt.date:
    """Today for the person: the date `now` (default: the clock) is in their zone.

    Their zone is the profile's; without one, this computer's (`machine_zone`),
    the only one known: on a person's own computer, theirs. A page without a
    zone in the profile also asks the browser (static/kneewise.js).
    """
    return day_of(now or dt.datetime.now(dt.UTC), profile_zone(profile) or machine_zone())


def latest_day(
    profile: ProfileRecord | None, now: dt.datetime | None = None, *, own_computer: bool
) -> dt.date:
    """The last day a diary record may have: today in the person's zone.

    Without a zone in the profile: on the person's own computer (the command
    line, a personal app) this computer's today; on a server, today where it
    is latest on Earth (UTC+14, `EARLIEST_ZONE`), so no one's today is refused.
    """
    zone = profile_zone(profile) or (machine_zone() if own_computer else EARLIEST_ZONE)
    return day_of(now or dt.datetime.now(dt.UTC), zone)


#: Whether this process runs on the person's own computer (the `kneewise` command line,
#: a personal app): its records' last day is then this computer's today, not UTC+14's.
_ON_OWN_COMPUTER = [False]


@dataclass(frozen=True)
class RecordLimit:
    """Whose today bounds the records made now: a zone, and how a message says it.

    `persons` is False where the zone is nobody's own (a server, no zone in the
    profile: UTC+14): a day said in words ('today') cannot be read there.
    """

    zone: dt.tzinfo
    words: str
    persons: bool = True


#: The limit of the request being answered (a web request sets it: `limit_records_for`).
_REQUEST_LIMIT: ContextVar[RecordLimit | None] = ContextVar("kneewise_record_limit", default=None)


def count_days_on_this_computer(own: bool = True) -> None:
    """Say whether this process is on the person's own computer (`kneewise` sets it).

    The command line does; `kneewise serve` with accounts on says not (a server's
    date is nobody's in particular).
    """
    _ON_OWN_COMPUTER[0] = own


def limit_records_for(profile: ProfileRecord | None, *, own_computer: bool) -> RecordLimit:
    """Bound the records made in the current context (a web request) by this person's today.

    Their profile's zone; without one, this computer's on their own computer,
    else UTC+14 (the latest date on Earth), and the message says why.
    """
    zone = profile_zone(profile)
    if zone is not None:
        limit = RecordLimit(zone, f"today ({zone.key}, your profile's time zone)")
    elif own_computer:
        limit = RecordLimit(machine_zone(), "today")
    else:
        limit = RecordLimit(EARLIEST_ZONE, NO_ZONE_WORDS, persons=False)
    _REQUEST_LIMIT.set(limit)
    return limit


@contextmanager
def records_limited_for(
    profile: ProfileRecord | None, *, own_computer: bool
) -> Iterator[RecordLimit]:
    """`limit_records_for` for the duration of a `with` block, then the limit before.

    For work outside a request that must state a request's dates: the API
    schema's last allowed day is the one its server takes (a personal app's
    computer's today, else UTC+14), whatever the hour in UTC.
    """
    token = _REQUEST_LIMIT.set(None)
    try:
        yield limit_records_for(profile, own_computer=own_computer)
    finally:
        _REQUEST_LIMIT.reset(token)


def count_days_in(time_zone: str | None) -> RecordLimit:
    """The command line: its records and the days it reads count in the diary's zone.

    `time_zone` is the diary profile's (`ProfileRecord.time_zone`, None when not
    told): then "today" on the command line is the web's, the report's and CDS
    Hooks' today for the same diary; without one, this computer's. A pain entry
    logged at 20:05 in Los Angeles (04:05 UTC) on a computer set to UTC is then
    dated 30 November, as the web page reads it, not 1 December.
    """
    from kneewise.diary.records import ProfileRecord  # pydantic only when a diary is open

    return limit_records_for(ProfileRecord.model_construct(time_zone=time_zone), own_computer=True)


#: How the last day reads when no zone is known on a server.
NO_ZONE_WORDS = (
    "today where it is latest on Earth (UTC+14), as your profile has no time zone; "
    "set yours in your profile"
)


def _current_limit() -> RecordLimit:
    limit = _REQUEST_LIMIT.get()
    if limit is not None:
        return limit
    if _ON_OWN_COMPUTER[0]:
        return RecordLimit(machine_zone(), "today")
    return RecordLimit(EARLIEST_ZONE, "today where it is latest on Earth (UTC+14)", persons=False)


def last_record_day(now: dt.datetime | None = None) -> dt.date:
    """The last day a diary record made now may have.

    The person's today where it is known: a web request's (`limit_records_for`),
    the command line's own computer's; elsewhere (a server without a zone, a
    library call) today where it is latest on Earth (UTC+14), so no one is
    refused today.
    """
    return day_of(now or dt.datetime.now(dt.UTC), _current_limit().zone)


def last_day_words() -> str:
    """How a message names `last_record_day`: "today", or whose today and why."""
    return _current_limit().words


#: Why a day said in words cannot be read on a server that knows no zone for the person.
NO_ZONE_FOR_WORDS = (
    "'today', 'yesterday' and -N are read in your time zone, and your profile has none: "
    "set it in your profile, or write the date as YYYY-MM-DD"
)


def current_today(now: dt.datetime | None = None) -> dt.date:
    """Today for the person whose records are made now: the day 'today' means.

    In a web request, the person's (their profile's zone; a personal app's
    computer's); on the command line, the diary's (`count_days_in`); in any
    other call, this computer's. ValueError (`NO_ZONE_FOR_WORDS`) on a server
    whose person has no zone: their today is unknown there, and a guess could
    date a red-light entry on a day their dashboard does not show.
    """
    limit = _REQUEST_LIMIT.get()
    if limit is None:
        return day_of(now or dt.datetime.now(dt.UTC), machine_zone())
    if not limit.persons:
        raise ValueError(NO_ZONE_FOR_WORDS)
    return day_of(now or dt.datetime.now(dt.UTC), limit.zone)


def diary_zone(diary: Diary) -> dt.tzinfo:
    """The zone a diary's days are counted in: its profile's, else this computer's.

    For the report, FHIR and the coach's overview, which turn saved instants
    into days. Without a zone in the profile, this computer's zone is the only
    one known (on a person's own computer, theirs).
    """
    from kneewise.diary.repository import get_profile  # the ORM loads only when needed

    return profile_zone(get_profile(diary)) or machine_zone()


def diary_today(diary: Diary, now: dt.datetime | None = None) -> dt.date:
    """Today for the person whose diary this is: `now` (default: the clock) in `diary_zone`."""
    return day_of(now or dt.datetime.now(dt.UTC), diary_zone(diary))
