"""The diary page's "today" is the person's, in their zone: never the server's date.

The server runs in UTC; the clock is held (time-machine) minutes before or after
the person's midnight, west and east of UTC, where their date and the server's
differ. A Tokyo person at 22:30 UTC on 1 December lives 2 December.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from tests.conftest import signed_in

#: (zone, the server's UTC clock, the person's date, the UTC date)
EITHER_SIDE = [
    ("Asia/Tokyo", dt.datetime(2026, 12, 1, 22, 30), dt.date(2026, 12, 2)),
    ("America/New_York", dt.datetime(2026, 12, 1, 0, 40), dt.date(2026, 11, 30)),
    ("Pacific/Honolulu", dt.datetime(2026, 7, 4, 9, 59), dt.date(2026, 7, 3)),
    ("Australia/Adelaide", dt.datetime(2026, 1, 10, 13, 45), dt.date(2026, 1, 11)),
]
IDS = [zone for zone, _, _ in EITHER_SIDE]


def _utc(clock: dt.datetime) -> time_machine.travel:
    return time_machine.travel(clock.replace(tzinfo=ZoneInfo("UTC")), tick=False)


def _date_field(html: str, field_id: str) -> dict[str, str]:
    tag = re.search(rf'<input id="{field_id}"[^>]*>', html)
    assert tag is not None, field_id
    bare = {name: "" for name in re.findall(r"\s([\w-]+)(?=[\s>])", tag.group(0))}
    return bare | dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(0)))


@pytest.mark.parametrize(("zone", "clock", "day"), EITHER_SIDE, ids=IDS)
def test_the_diary_form_offers_the_persons_today(
    server_app: FastAPI, zone: str, clock: dt.datetime, day: dt.date
) -> None:
    with _utc(clock), signed_in(server_app, "ana") as client:
        saved = client.post("/profile", data={"time_zone": zone}, follow_redirects=False)
        assert saved.status_code == 303, saved.text
        html = client.get("/diary").text
        for field in ("session-date", "pain-date"):
            attributes = _date_field(html, field)
            assert attributes["value"] == attributes["max"] == day.isoformat()
        form = {"date": day.isoformat(), "activity": "running", "duration_min": "40", "rpe": "5"}
        logged = client.post("/diary/session", data=form, follow_redirects=False)
        assert logged.status_code == 303, logged.text


def test_a_tokyo_person_logs_their_2_december_session_at_22_30_utc(server_app: FastAPI) -> None:
    """The trial's case: the form's max was the server's 1 December."""
    with _utc(dt.datetime(2026, 12, 1, 22, 30)), signed_in(server_app, "kenji") as client:
        client.post("/profile", data={"time_zone": "Asia/Tokyo"})
        attributes = _date_field(client.get("/diary").text, "session-date")
        assert attributes["max"] == "2026-12-02"
        form = {"date": "2026-12-02", "activity": "running", "duration_min": "30", "rpe": "4"}
        assert client.post("/diary/session", data=form, follow_redirects=False).status_code == 303


def test_without_a_zone_the_first_form_keeps_the_browsers(server_app: FastAPI) -> None:
    with _utc(dt.datetime(2026, 12, 1, 0, 40)), signed_in(server_app, "maria") as client:
        html = client.get("/diary").text
        attributes = _date_field(html, "session-date")
        # No zone known: the latest date on Earth as the limit, the browser's date filled in.
        assert attributes["max"] == "2026-12-01" and "data-browser-today" in attributes
        assert 'name="browser_zone"' in html and "person-day.js" in html
        form = {"date": "2026-11-30", "activity": "cycling", "duration_min": "50", "rpe": "3"}
        posted = client.post(
            "/diary/session",
            data={**form, "browser_zone": "America/New_York"},
            follow_redirects=False,
        )
        assert posted.status_code == 303
        assert _zone(client) == "America/New_York"
        html = client.get("/diary").text
        assert _date_field(html, "session-date")["max"] == "2026-11-30"
        assert 'name="browser_zone"' not in html
        # A zone the person has is never replaced by a browser's (they may be travelling).
        client.post("/diary/session", data={**form, "browser_zone": "Asia/Tokyo"})
        assert _zone(client) == "America/New_York"


def test_a_browser_zone_no_one_knows_is_ignored_and_the_entry_kept(server_app: FastAPI) -> None:
    with signed_in(server_app, "sam") as client:
        form = {"date": "2026-01-05", "knee": "left", "during": "3", "browser_zone": "Mars/Base"}
        assert client.post("/diary/pain", data=form, follow_redirects=False).status_code == 303
        assert _zone(client) is None


@pytest.mark.parametrize(
    "typed",
    ["Mars/Olympus", "EST5EDT;drop", "+09:00", "x" * 200],
    ids=["unknown", "odd", "offset", "long"],
)
def test_the_profile_refuses_a_zone_it_does_not_know_and_says_what_is_allowed(
    client: TestClient, typed: str
) -> None:
    answer = client.post("/profile", data={"time_zone": typed})
    assert answer.status_code == 422
    assert "Time zone must be a time zone name such as Europe/London" in answer.text
    assert "time_zone" not in answer.text.replace('name="time_zone"', "")


def test_the_profile_lists_zones_and_keeps_the_one_chosen(client: TestClient) -> None:
    page = client.get("/profile").text
    assert '<option value="Asia/Tokyo">' in page and '<option value="America/New_York">' in page
    answer = client.post("/profile", data={"time_zone": " Europe/Lisbon "}, follow_redirects=False)
    assert answer.status_code == 303
    assert 'value="Europe/Lisbon"' in client.get("/profile").text
    assert client.get("/api/v1/profile").json()["time_zone"] == "Europe/Lisbon"


def test_the_api_takes_a_zone_and_refuses_an_unknown_one(client: TestClient) -> None:
    assert client.patch("/api/v1/profile", json={"time_zone": "Asia/Tokyo"}).status_code == 200
    assert client.get("/api/v1/profile").json()["time_zone"] == "Asia/Tokyo"
    refused = client.patch("/api/v1/profile", json={"time_zone": "Tokyo"})
    assert refused.status_code == 422
    assert "Europe/London" in refused.text


def test_a_personal_app_counts_in_its_own_computers_zone(client: TestClient) -> None:
    # The person's own computer in Los Angeles at 23:55: its date, not UTC's next day.
    local = dt.datetime(2026, 6, 14, 23, 55, tzinfo=ZoneInfo("America/Los_Angeles"))
    with time_machine.travel(local, tick=False):
        attributes = _date_field(client.get("/diary").text, "session-date")
    assert attributes["value"] == attributes["max"] == "2026-06-14"
    assert "data-browser-today" not in attributes


def _zone(client: TestClient) -> str | None:
    zone = client.get("/api/v1/profile").json()["time_zone"]
    assert zone is None or isinstance(zone, str)
    return zone


#: (zone, the server's UTC clock, the person's today) for the API's limit
API_CASES = [
    ("Asia/Tokyo", dt.datetime(2026, 12, 1, 22, 30), dt.date(2026, 12, 2)),
    ("America/New_York", dt.datetime(2026, 12, 1, 0, 40), dt.date(2026, 11, 30)),
    ("Pacific/Kiritimati", dt.datetime(2026, 12, 1, 10, 5), dt.date(2026, 12, 2)),
    ("America/Los_Angeles", dt.datetime(2026, 7, 1, 6, 30), dt.date(2026, 6, 30)),
]


@pytest.mark.parametrize(("zone", "clock", "today"), API_CASES, ids=[c[0] for c in API_CASES])
def test_the_api_takes_the_persons_today_and_refuses_their_tomorrow(
    server_app: FastAPI, zone: str, clock: dt.datetime, today: dt.date
) -> None:
    tomorrow = today + dt.timedelta(days=1)
    with _utc(clock), signed_in(server_app, "lee") as client:
        assert client.patch("/api/v1/profile", json={"time_zone": zone}).status_code == 200
        session = {"activity": "running", "duration_min": 30, "rpe": 4}
        made = client.post("/api/v1/sessions", json={**session, "date": today.isoformat()})
        assert made.status_code == 201, made.text
        refused = client.post("/api/v1/sessions", json={**session, "date": tomorrow.isoformat()})
        assert refused.status_code == 422 and zone in refused.text, refused.text
        pain = {"knee": "left", "during": 2}
        assert (
            client.post("/api/v1/pain", json={**pain, "date": today.isoformat()}).status_code == 201
        )
        later = client.post("/api/v1/pain", json={**pain, "date": tomorrow.isoformat()})
        assert later.status_code == 422 and zone in later.text
        moved = client.patch(
            f"/api/v1/sessions/{made.json()['id']}", json={"date": tomorrow.isoformat()}
        )
        assert moved.status_code == 422


def test_without_a_zone_the_api_allows_the_latest_date_on_earth_and_says_so(
    server_app: FastAPI,
) -> None:
    with _utc(dt.datetime(2026, 12, 1, 0, 40)), signed_in(server_app, "noor") as client:
        session = {"activity": "running", "duration_min": 30, "rpe": 4}
        # 00:40 UTC is 14:40 on 1 December at UTC+14: someone's today, so kept.
        assert (
            client.post("/api/v1/sessions", json={**session, "date": "2026-12-01"}).status_code
            == 201
        )
        refused = client.post("/api/v1/sessions", json={**session, "date": "2026-12-02"})
        assert refused.status_code == 422
        assert "UTC+14" in refused.text and "time zone" in refused.text


def test_the_diary_form_refuses_the_persons_tomorrow_in_their_words(server_app: FastAPI) -> None:
    with _utc(dt.datetime(2026, 12, 1, 0, 40)), signed_in(server_app, "olu") as client:
        client.post("/profile", data={"time_zone": "America/New_York"})
        form = {"date": "2026-12-01", "activity": "running", "duration_min": "30", "rpe": "4"}
        refused = client.post("/diary/session", data=form, follow_redirects=False)
        assert refused.status_code == 422
        assert "America/New_York" in refused.text and "date_" not in refused.text


def test_the_report_form_on_a_server_ends_on_the_browsers_today(server_app: FastAPI) -> None:
    # A server opens no diary for this form: the latest date on Earth, then the browser's.
    with _utc(dt.datetime(2026, 12, 1, 0, 40)), signed_in(server_app, "ida") as signed:
        html = signed.get("/report").text
    end = _date_field(html, "report-end")
    assert end["max"] == "2026-12-01" and "data-browser-value" in end and "person-day.js" in html


def test_the_report_form_of_a_personal_app_ends_on_its_computers_today(client: TestClient) -> None:
    local = dt.datetime(2026, 6, 14, 23, 55, tzinfo=ZoneInfo("America/Los_Angeles"))
    with time_machine.travel(local, tick=False):
        html = client.get("/report").text
    assert _date_field(html, "report-end")["max"] == "2026-06-14" and "person-day.js" not in html


@pytest.mark.parametrize(("zone", "clock", "day"), EITHER_SIDE, ids=IDS)
def test_a_questionnaire_answered_on_the_web_is_dated_the_persons_day(
    server_app: FastAPI, zone: str, clock: dt.datetime, day: dt.date
) -> None:
    with _utc(clock), signed_in(server_app, "ros") as client:
        client.patch("/api/v1/profile", json={"time_zone": zone})
        assert client.post("/questionnaires/sane", data={"item-1": "70"}).status_code == 200
    with server_app.state.diary.engine.connect() as stored:  # the row as kept, in SQLite
        dates = [
            str(row[0]) for row in stored.execute(text("SELECT date FROM questionnaire_answer"))
        ]
    assert dates == [day.isoformat()]


def _schema_allows(client: TestClient, day: dt.date) -> bool:
    """Whether the schema's POST /api/v1/pain body takes `day` as its date."""
    schema = client.get("/openapi.json").json()
    body = schema["paths"]["/api/v1/pain"]["post"]["requestBody"]["content"]["application/json"]
    rule = body["schema"]
    while "$ref" in rule:
        rule = schema["components"]["schemas"][rule["$ref"].rsplit("/", 1)[-1]]
    written = [c for c in rule["properties"]["date"]["anyOf"] if "pattern" in c]
    assert len(written) == 1, rule["properties"]["date"]
    return re.search(written[0]["pattern"], day.isoformat()) is not None


@pytest.mark.parametrize("hour", [1, 12, 20], ids=["01-utc", "12-utc", "20-utc"])
def test_the_api_schema_ends_dates_on_the_day_a_personal_app_does(
    client: TestClient, hour: int
) -> None:
    """CI at 20:00 UTC: the schema allowed UTC+14's 2 December, the app refused it."""
    clock = dt.datetime(2026, 12, 1, hour, 0, tzinfo=dt.UTC)
    with time_machine.travel(clock, tick=False):
        today = clock.astimezone(dt.datetime.now().astimezone().tzinfo).date()
        tomorrow = today + dt.timedelta(days=1)
        assert _schema_allows(client, today) and not _schema_allows(client, tomorrow)
        pain = {"knee": "left", "during": 2}
        assert client.post("/api/v1/pain", json={**pain, "date": str(today)}).status_code == 201
        refused = client.post("/api/v1/pain", json={**pain, "date": str(tomorrow)})
        assert refused.status_code == 422, refused.text


def test_a_servers_api_schema_ends_dates_on_the_latest_day_on_earth(server_app: FastAPI) -> None:
    with _utc(dt.datetime(2026, 12, 1, 20, 0)), signed_in(server_app, "noa") as client:
        assert _schema_allows(client, dt.date(2026, 12, 2))
        assert not _schema_allows(client, dt.date(2026, 12, 3))
