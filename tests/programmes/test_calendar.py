"""The planned sessions as iCalendar (RFC 5545): parsed back by the `icalendar` library, with
the right local dates and times in the person's time zone, across a daylight-saving change."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from kneewise._errors import KneewiseError
from kneewise.programmes.load import load_library
from kneewise.programmes.schedule import calendar, planned_days, stage_weeks, time_zone, week_days

LIBRARY = load_library()
STAMP = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def _parse(document: bytes) -> Calendar:
    return Calendar.from_ical(document)


@pytest.mark.parametrize("days", range(1, 8))
def test_week_days_are_spread_and_distinct(days: int) -> None:
    offsets = week_days(days)
    assert len(set(offsets)) == days and all(0 <= o <= 6 for o in offsets)
    if days <= 3:  # never two days running when the plan has room for a rest day between
        assert all(b - a >= 2 for a, b in itertools.pairwise(offsets))


def test_the_calendar_parses_and_has_one_event_per_planned_day() -> None:
    programme = LIBRARY.programmes["general_knee"]
    start = dt.date(2026, 3, 23)  # Europe/Oslo moves to summer time on 29 March 2026
    oslo = ZoneInfo("Europe/Oslo")
    document = calendar(
        programme, LIBRARY, 0, start, at=dt.time(18, 0), zone=oslo, enrolment_id=7, stamp=STAMP
    )
    parsed = _parse(document)
    assert parsed["VERSION"] == "2.0" and parsed["PRODID"]
    events = parsed.walk("VEVENT")
    expected = planned_days(programme.stages[0], start)
    assert len(events) == len(expected) == 3 * stage_weeks(programme.stages[0])
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Oslo"]
    starts = [event.decoded("DTSTART") for event in events]
    assert [s.date() for s in starts] == expected
    assert all(s.time() == dt.time(18, 0) for s in starts)
    assert str(starts[0].tzinfo) == "Europe/Oslo"
    utc = [s.astimezone(dt.UTC).hour for s in starts]
    assert utc[0] == 17 and utc[-1] == 16  # CET before the change, CEST after
    for event in events:
        assert str(event["UID"]).endswith("@kneewise") and event.decoded("DTSTAMP") == STAMP
        assert event.decoded("DURATION") == dt.timedelta(minutes=programme.stages[0].minutes)
        assert "Sit to stand: 3 × 10 reps" in str(event.decoded("DESCRIPTION"))
    assert len({event["UID"] for event in events}) == len(events)


@settings(max_examples=30, deadline=None)
@given(
    zone=st.sampled_from(["Pacific/Auckland", "America/St_Johns", "Asia/Kolkata", "UTC"]),
    start=st.dates(dt.date(2025, 1, 1), dt.date(2030, 12, 31)),
    hour=st.integers(0, 23),
    programme_id=st.sampled_from(sorted(LIBRARY.programmes)),
)
def test_local_dates_and_times_survive_the_round_trip(
    zone: str, start: dt.date, hour: int, programme_id: str
) -> None:
    programme = LIBRARY.programmes[programme_id]
    document = calendar(
        programme, LIBRARY, 0, start, at=dt.time(hour, 30), zone=ZoneInfo(zone),
        enrolment_id=1, stamp=STAMP,
    )  # fmt: skip
    events = _parse(document).walk("VEVENT")
    local = [event.decoded("DTSTART") for event in events]
    # A wall-clock time skipped by a spring-forward gap still keeps its date.
    assert [s.date() for s in local] == planned_days(programme.stages[0], start)
    assert all(str(s.tzinfo) == zone for s in local)


def test_an_unknown_time_zone_is_named_with_what_is_allowed() -> None:
    with pytest.raises(KneewiseError, match=r"unknown time zone 'Mars/Base'.*Europe/Oslo"):
        time_zone("Mars/Base")
    with pytest.raises(KneewiseError, match="unknown time zone"):
        time_zone("../../etc/passwd")


def test_without_a_zone_the_times_float_at_the_clock_hour_never_a_fixed_utc_hour() -> None:
    programme = LIBRARY.programmes["patellar_tendinopathy"]
    document = calendar(
        programme, LIBRARY, 0, dt.date(2026, 10, 19), at=dt.time(6, 45), zone=None,
        enrolment_id=3, stamp=STAMP,
    )  # fmt: skip
    parsed = _parse(document)
    assert not parsed.walk("VTIMEZONE")
    for event in parsed.walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert start.tzinfo is None and start.time() == dt.time(6, 45)  # floating local time
    text = document.decode()
    assert "T064500Z" not in text and "TZID" not in text and "DTSTART:20261019T064500" in text


@pytest.mark.parametrize(
    ("zone", "hour", "utc_hour"),
    [("Asia/Tokyo", 7, 22), ("America/Los_Angeles", 19, 2)],  # 16 March: UTC+9; PDT, UTC-7
)
def test_the_calendar_from_the_app_shows_at_the_chosen_local_hour(
    client: TestClient, zone: str, hour: int, utc_hour: int
) -> None:
    started = client.post(
        "/api/v1/programme", json={"programme_id": "general_knee", "date": "2026-03-16"}
    )
    assert started.status_code == 201
    got = client.get(
        "/api/v1/programme/calendar.ics", params={"time": f"{hour:02d}:00", "time_zone": zone}
    )
    parsed = _parse(got.content)
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == [zone]
    first = parsed.walk("VEVENT")[0].decoded("DTSTART")
    assert first.date() == dt.date(2026, 3, 16) and first.hour == hour
    assert str(first.tzinfo) == zone and first.astimezone(dt.UTC).hour == utc_hour
    assert f"DTSTART;TZID={zone}:20260316T{hour:02d}0000" in got.text
    # The page's own link gives no zone: the sessions float at 18:00 wherever the phone is.
    page = client.get("/programme").text
    link = re.search(r'href="(/api/v1/programme/calendar\.ics[^"]*)"', page)
    assert link is not None
    linked = _parse(client.get(unescape(link.group(1))).content).walk("VEVENT")
    assert all(e.decoded("DTSTART") == dt.datetime(2026, 3, 16, 18, 0) for e in linked[:1])
    assert all(e.decoded("DTSTART").tzinfo is None for e in linked)


def _feed(client: TestClient, **params: str) -> Calendar:
    got = client.get("/api/v1/programme/feed.ics", params=params)
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/calendar")
    assert "attachment" not in got.headers.get("content-disposition", "")  # shown, not saved
    return _parse(got.content)


def test_the_feed_is_a_subscribable_calendar_of_the_planned_sessions(client: TestClient) -> None:
    """webcal feed: RFC 5545 parsed by icalendar, asks to be re-fetched, same events as the file."""
    empty = _feed(client)
    assert empty.walk("VEVENT") == [] and empty["METHOD"] == "PUBLISH"
    assert (
        client.post(
            "/api/v1/programme", json={"programme_id": "return_to_running", "date": "2026-03-16"}
        ).status_code
        == 201
    )
    feed = _feed(client, time="07:30", time_zone="Europe/Oslo")
    assert feed.decoded("REFRESH-INTERVAL") > dt.timedelta(0)
    assert str(feed["X-PUBLISHED-TTL"]).startswith("PT")
    events = feed.walk("VEVENT")
    stage = LIBRARY.programmes["return_to_running"].stages[0]
    assert [e.decoded("DTSTART").date() for e in events] == planned_days(
        stage, dt.date(2026, 3, 16)
    )
    assert all(e.decoded("DTSTART").time() == dt.time(7, 30) for e in events)
    assert [tz["TZID"] for tz in feed.walk("VTIMEZONE")] == ["Europe/Oslo"]
    downloaded = client.get(
        "/api/v1/programme/calendar.ics", params={"time": "07:30", "time_zone": "Europe/Oslo"}
    )
    assert [e["UID"] for e in _parse(downloaded.content).walk("VEVENT")] == [
        e["UID"] for e in events
    ]


def test_a_refetch_updates_the_feed_instead_of_doubling_it(
    today: dt.date, client: TestClient
) -> None:
    """Stable UIDs and bytes while the plan stands; a stage change replaces the sessions."""
    day = today - dt.timedelta(days=4)
    client.post("/api/v1/programme", json={"programme_id": "return_to_running", "date": str(day)})
    first = client.get("/api/v1/programme/feed.ics")
    again = client.get("/api/v1/programme/feed.ics")
    assert first.content == again.content  # nothing changed: the very same calendar
    unchanged = client.get(
        "/api/v1/programme/feed.ics", headers={"If-None-Match": first.headers["etag"]}
    )
    assert unchanged.status_code == 304 and unchanged.content == b""
    before = {str(e["UID"]) for e in _parse(first.content).walk("VEVENT")}
    for offset in (0, 2):  # the first level twice, within the limits, with its check met
        logged = client.post(
            "/api/v1/programme/sessions",
            json={
                "date": str(day + dt.timedelta(days=offset)), "status": "done",
                "pain_during": 1, "pain_next_morning": 0, "met": ["no_swelling_1"],
            },
        )  # fmt: skip
        assert logged.status_code == 200, logged.text
    assert client.get("/api/v1/programme").json()["stage_id"] == "level_2"
    moved = client.get(
        "/api/v1/programme/feed.ics", headers={"If-None-Match": first.headers["etag"]}
    )
    assert moved.status_code == 200
    after = [str(e["UID"]) for e in _parse(moved.content).walk("VEVENT")]
    assert after and len(set(after)) == len(after)
    assert not before & set(after)  # the old stage's sessions are gone from the feed
    assert all("-level_2-" in uid for uid in after)
    client.post("/api/v1/programme/stop", json={})
    assert _feed(client).walk("VEVENT") == []  # stopped: the phone's copies disappear


def test_the_feed_refuses_an_unknown_zone_naming_what_is_allowed(client: TestClient) -> None:
    wrong = client.get("/api/v1/programme/feed.ics", params={"time_zone": "Moon/Base"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "time_zone"
    late = client.get("/api/v1/programme/feed.ics", params={"time": "25:00"})
    assert late.status_code == 422


def test_the_page_offers_the_subscription_and_the_file(client: TestClient) -> None:
    client.post("/api/v1/programme", json={"programme_id": "general_knee"})
    page = client.get("/programme").text
    link = re.search(r'href="(webcal://[^"]+)"', page)
    assert link is not None and link.group(1).endswith("/api/v1/programme/feed.ics")
    shown = re.search(r'<code class="feed-url">([^<]+)</code>', page)
    assert shown is not None and shown.group(1).startswith("http")
    path = "/" + shown.group(1).split("://", 1)[1].split("/", 1)[1]
    assert _parse(client.get(path).content).walk("VEVENT")
