"""The programme's calendar subscription on a server with accounts (issue 13, fix T).

A phone's calendar fetches a subscribed feed without signing in, so on a server
each person makes a secret address on the programme page (shown once, kept as
SHA-256); the calendar fetches `/calendar/<token>.ics` with no cookie and gets
that person's planned sessions, the same as their own `programme/feed.ics`.
An old (replaced) or made-up address gets a bare 404. A personal app keeps
offering the plain feed.
"""

from __future__ import annotations

import logging
import re
import secrets
from html import unescape

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from icalendar import Calendar
from tests.conftest import TEST_HOST, signed_in

from kneewise.accounts.admin import remove_account
from kneewise.accounts.calendar_feed import feed_made_at, new_feed_token, owner_of_feed
from kneewise.accounts.store import create_account
from kneewise.diary.models import PERSONAL_ACCOUNT_ID
from kneewise.web.auth import is_public
from kneewise.web.hygiene import PathOnly

DOWNLOAD = "/api/v1/programme/calendar.ics"
FEED = "/api/v1/programme/feed.ics"
_ADDRESS = re.compile(r'<code class="feed-url">([^<]+)</code>')


def _start(client: TestClient, programme_id: str) -> None:
    started = client.post("/api/v1/programme", json={"programme_id": programme_id})
    assert started.status_code == 201, started.text


def _new_address(client: TestClient) -> str:
    """Press "make a new calendar address" and read the address the page shows once."""
    made = client.post("/programme/calendar-address")
    assert made.status_code == 200, made.text
    found = _ADDRESS.search(made.text)
    assert found is not None, "the page shows no calendar address"
    address = unescape(found.group(1))
    assert f'href="webcal://{address.split("://", 1)[1]}"' in made.text
    return address


def _phone(app: FastAPI) -> TestClient:
    """A calendar app: no cookie, no token, no form token."""
    return TestClient(app, base_url=f"https://{TEST_HOST}")


def _uids(document: bytes) -> list[str]:
    return [str(event["UID"]) for event in Calendar.from_ical(document).walk("VEVENT")]


def test_the_secret_address_gives_the_persons_feed_without_signing_in(
    server_app: FastAPI,
) -> None:
    with signed_in(server_app, "ana") as ana, _phone(server_app) as phone:
        _start(ana, "general_knee")
        first_look = ana.get("/programme").text
        assert "webcal://" not in first_look and FEED not in first_look
        assert "Make my calendar address" in first_look
        address = _new_address(ana)
        assert re.fullmatch(rf"https://{TEST_HOST}/calendar/[A-Za-z0-9_-]{{43}}\.ics", address)
        fetched = phone.get(address)
        assert fetched.status_code == 200
        assert fetched.headers["content-type"].startswith("text/calendar")
        assert fetched.headers["cache-control"] == "no-store"
        own = ana.get(FEED)
        assert _uids(fetched.content) and _uids(fetched.content) == _uids(own.content)
        assert phone.get(FEED).status_code == 401  # the plain feed still needs a person
        # The read is in Ana's log, as a read through a secret (never the address itself).
        events = ana.get("/api/v1/audit").json()["events"]
        reads = [e for e in events if e["route"].endswith("/calendar/{token}.ics")]
        assert [(e["action"], e["via"]) for e in reads] == [("read", "token")]
        assert address.rsplit("/", 1)[1] not in str(events)
        later = ana.get("/programme").text
        assert "You made a calendar address on" in later and "Make a new calendar address" in later
        assert address not in later  # shown once: the database keeps only its hash


def test_a_new_address_stops_the_old_one_at_once(server_app: FastAPI) -> None:
    with signed_in(server_app, "ana") as ana, _phone(server_app) as phone:
        _start(ana, "general_knee")
        old = _new_address(ana)
        assert phone.get(old).status_code == 200
        new = _new_address(ana)
        assert new != old
        gone = phone.get(old)
        made_up = phone.get(f"https://{TEST_HOST}/calendar/{secrets.token_urlsafe(32)}.ics")
        for refused in (gone, made_up):  # the same bare answer: no hint of why
            assert refused.status_code == 404 and refused.text == "Not found"
            assert refused.headers["cache-control"] == "no-store"
        assert phone.get(new).status_code == 200


def test_each_address_gives_its_own_persons_sessions_only(server_app: FastAPI) -> None:
    with (
        signed_in(server_app, "ana") as ana,
        signed_in(server_app, "ben") as ben,
        _phone(server_app) as phone,
    ):
        _start(ana, "general_knee")
        _start(ben, "return_to_running")
        anas, bens = _new_address(ana), _new_address(ben)
        ana_feed, ben_feed = phone.get(anas).content, phone.get(bens).content
        assert _uids(ana_feed) == _uids(ana.get(FEED).content)
        assert _uids(ben_feed) == _uids(ben.get(FEED).content)
        assert not set(_uids(ana_feed)) & set(_uids(ben_feed))
        # Ana's log holds her calendar's read only; Ben's read went to Ben's log.
        routes = [e["route"] for e in ana.get("/api/v1/audit").json()["events"]]
        assert sum(r.endswith("/calendar/{token}.ics") for r in routes) == 1


def test_without_a_programme_the_address_gives_an_empty_calendar(server_app: FastAPI) -> None:
    """As the plain feed: the sessions leave the phone rather than the subscription failing."""
    with signed_in(server_app, "ana") as ana, _phone(server_app) as phone:
        _start(ana, "general_knee")
        address = _new_address(ana)
        assert ana.post("/programme/stop").status_code in (200, 303)
        emptied = phone.get(address)
        assert emptied.status_code == 200 and _uids(emptied.content) == []


@pytest.mark.parametrize(
    ("path", "public"),
    [
        ("/calendar/{token}.ics", True),
        (f"/calendar/{'a' * 43}.ics", True),
        (f"/calendar/{'a' * 42}.ics", False),
        (f"/calendar/{'a' * 43}.ics/x", False),
        (f"/calendar/x/{'a' * 43}.ics", False),
        (f"/calendar/{'a' * 40}%2F.ics", False),
        (f"/api/v1/calendar/{'a' * 43}.ics", False),
        (f"/calendar/{'a' * 43}.icsx", False),
        ("/calendar/{token}", False),
    ],
)
def test_only_the_calendar_address_shape_is_public(path: str, public: bool) -> None:
    assert is_public(path) is public


def test_a_personal_app_still_offers_the_plain_feed(client: TestClient) -> None:
    _start(client, "general_knee")
    page = client.get("/programme").text
    assert "webcal://" in page and "Subscribe in your phone's calendar" in page
    assert "calendar address" not in page and f'href="{DOWNLOAD}"' in page


def test_a_removed_account_s_address_stops(server_app: FastAPI) -> None:
    """Another account is deleted with its address; the first one is emptied of it too."""
    diary = server_app.state.diary
    admin = create_account(diary, "admin", "a long test password", is_admin=True)
    assert admin.id == PERSONAL_ACCOUNT_ID
    ana = create_account(diary, "ana", "a long test password")
    create_account(diary, "second-admin", "a long test password", is_admin=True)
    tokens = {who: new_feed_token(diary, who) for who in (admin.id, ana.id)}
    assert {who: owner_of_feed(diary, token) for who, token in tokens.items()} == {
        admin.id: admin.id,
        ana.id: ana.id,
    }
    for who, token in tokens.items():
        remove_account(diary, who)
        assert owner_of_feed(diary, token) is None
        assert feed_made_at(diary, who) is None


def test_the_access_log_never_holds_a_calendar_address() -> None:
    """The token opens the feed, so the server's access log shows the route's template."""
    token = secrets.token_urlsafe(32)
    line = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/calendar/{token}.ics?time=07:00", "1.1", 200), None,
    )  # fmt: skip
    PathOnly().filter(line)
    assert token not in line.getMessage()
    assert '"GET /calendar/{token}.ics HTTP/1.1" 200' in line.getMessage()
