"""A programme starts, logs and stops on the person's day (their zone), never the server's.

The server runs in UTC; the clock is held (time-machine) where the person's date
and the UTC date differ, west and east of UTC. A trial at 01:55 UTC on 1 December
for a person in Los Angeles (17:55 on 30 November) started the programme on
1 December, so their swelling logged for 30 November was read as "before the
start" and did not stop it.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from fastapi import FastAPI
from tests.conftest import signed_in

#: (zone, the server's UTC clock, the person's date)
EITHER_SIDE = [
    ("America/Los_Angeles", dt.datetime(2026, 12, 1, 1, 55), dt.date(2026, 11, 30)),
    ("America/Chicago", dt.datetime(2026, 3, 2, 3, 10), dt.date(2026, 3, 1)),
    ("Asia/Tokyo", dt.datetime(2026, 12, 1, 22, 30), dt.date(2026, 12, 2)),
    ("Pacific/Auckland", dt.datetime(2026, 6, 20, 14, 5), dt.date(2026, 6, 21)),
]
IDS = [zone for zone, _, _ in EITHER_SIDE]


def _utc(clock: dt.datetime) -> time_machine.travel:
    return time_machine.travel(clock.replace(tzinfo=ZoneInfo("UTC")), tick=False)


@pytest.mark.parametrize(("zone", "clock", "day"), EITHER_SIDE, ids=IDS)
def test_a_programme_started_on_the_page_begins_on_the_persons_day(
    server_app: FastAPI, zone: str, clock: dt.datetime, day: dt.date
) -> None:
    with _utc(clock), signed_in(server_app, "rosa") as client:
        assert dt.datetime.now(dt.UTC).date() != day  # the server's date is another
        client.post("/profile", data={"time_zone": zone})
        started = client.post(
            "/programme/start", data={"programme_id": "general-knee"}, follow_redirects=False
        )
        assert started.status_code == 303, started.text
        assert client.get("/api/v1/programme").json()["started_on"] == day.isoformat()
        html = client.get("/programme").text
        assert f'name="date" value="{day.isoformat()}"' in html
        logged = client.post(
            "/programme/log", data={"status": "done", "pain_during": "2"}, follow_redirects=False
        )
        assert logged.status_code == 303, logged.text
        sessions = client.get("/api/v1/programme").json()["sessions"]
        assert [s["date"] for s in sessions] == [day.isoformat()]
        stopped = client.post("/programme/stop", follow_redirects=False)
        assert stopped.status_code == 303
        assert client.get("/api/v1/programme").json()["ended_on"] == day.isoformat()


@pytest.mark.parametrize(("zone", "clock", "day"), EITHER_SIDE, ids=IDS)
def test_swelling_logged_on_the_persons_first_day_stops_the_programme(
    server_app: FastAPI, zone: str, clock: dt.datetime, day: dt.date
) -> None:
    with _utc(clock), signed_in(server_app, "tomas") as client:
        client.post("/profile", data={"time_zone": zone})
        started = client.post("/api/v1/programme", json={"programme_id": "general-knee"})
        assert started.status_code == 201, started.text
        assert started.json()["started_on"] == day.isoformat()
        pain = {"date": day.isoformat(), "knee": "left", "after": "3", "swelling": "yes"}
        assert client.post("/diary/pain", data=pain, follow_redirects=False).status_code == 303
        now = client.get("/api/v1/programme").json()
        assert now["status"] == "stopped", now
        assert re.search(r"swell", client.get("/programme").text, re.I)
