"""The programme's calendar on a server with accounts (issue 13, fix T).

A phone's calendar fetches a subscribed feed without signing in, so on a
server the feed would answer 401: the programme page does not offer the
subscription there and offers the `.ics` download instead, which works for
the signed-in person (docs/programmes.md). A personal app keeps offering the
subscription.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from icalendar import Calendar
from tests.conftest import TEST_HOST, signed_in

DOWNLOAD = "/api/v1/programme/calendar.ics"
FEED = "/api/v1/programme/feed.ics"


def test_a_server_offers_the_download_not_a_subscription_that_would_fail(
    server_app: FastAPI,
) -> None:
    with signed_in(server_app, "ana") as ana:
        started = ana.post("/api/v1/programme", json={"programme_id": "general_knee"})
        assert started.status_code == 201
        page = ana.get("/programme")
        assert page.status_code == 200
        assert "webcal://" not in page.text and FEED not in page.text
        assert "Subscribe" not in page.text
        assert f'href="{DOWNLOAD}"' in page.text and "download it again" in page.text
        download = ana.get(DOWNLOAD)
        assert download.status_code == 200
        assert download.headers["content-type"].startswith("text/calendar")
        assert Calendar.from_ical(download.content).walk("VEVENT")  # the planned sessions
    # What a phone's calendar does with a feed address: fetch it with no one signed in.
    with TestClient(server_app, base_url=f"https://{TEST_HOST}") as phone:
        assert phone.get(FEED).status_code == 401


def test_a_personal_app_still_offers_the_subscription(client: TestClient) -> None:
    started = client.post("/api/v1/programme", json={"programme_id": "general_knee"})
    assert started.status_code == 201
    page = client.get("/programme").text
    assert "webcal://" in page and "Subscribe in your phone's calendar" in page
    assert f'href="{DOWNLOAD}"' in page
