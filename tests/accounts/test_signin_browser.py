"""Signing in on a shared phone, in Debian's Chromium (Playwright), with accounts on.

The real app under uvicorn on loopback (plain http on 127.0.0.1 is a secure
context, so the service worker runs; the cookie is not marked Secure there).
What a person does: sign in through the form and land on the page asked for,
see their name and Sign out; the worker's cache then holds only the app shell
and its offline page names no one. A pain entry kept offline by one person is
neither shown to nor saved for another who signs in on the same phone, and
reaches its own diary once that person signs in again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from tests.conftest import _free_port, _need_chromium

from kneewise.accounts.store import create_account
from kneewise.settings import Settings
from kneewise.web import create_app

pytestmark = pytest.mark.browser

PASSWORD = "apricot window 31"
WAITING = "Saved on this phone, will be sent when you are back online"
CACHED_PATHS = """async () => { const found = [];
  for (const name of await caches.keys()) { const cache = await caches.open(name);
    for (const request of await cache.keys()) found.push(new URL(request.url).pathname); }
  return found; }"""
CACHED_OFFLINE = """async () => { const kept = await caches.match("/offline");
  return kept ? await kept.text() : null; }"""
QUEUED = """() => new Promise((done) => { const o = indexedDB.open("kneewise-offline");
  o.onsuccess = () => { const r = o.result.transaction("entries").objectStore("entries")
  .getAll(); r.onsuccess = () => done(JSON.stringify(r.result)); }; })"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, FastAPI]]:
    """The app with accounts on, served on a free loopback port; two people have accounts."""
    _need_chromium()
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("accounts-live"),
        database_url=None,
        accounts=True,
        secret_key="a browser test key that is long enough to sign with",
        cookie_secure=False,  # http on 127.0.0.1 only
        signup="closed",
    )
    app = create_app(settings)
    for name in ("ann.marker", "bo.marker"):
        create_account(app.state.diary, name, PASSWORD)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=_free_port(), log_level="warning", ws="none"
    )
    served = uvicorn.Server(config)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not served.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}", app
    served.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def phone(chromium: Any, server: tuple[str, FastAPI]) -> Iterator[Any]:
    context = chromium.new_context(
        base_url=server[0], viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def sign_in(tab: Any, name: str, to: str = "/diary") -> None:
    tab.goto(to)
    tab.wait_for_url(re.compile(r"/login\?next="))
    tab.get_by_label("Username").fill(name)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(re.compile(re.escape(to) + "$"))
    tab.wait_for_function("() => Boolean(navigator.serviceWorker?.controller)")


def sign_out(tab: Any) -> None:
    tab.get_by_role("button", name="Sign out", exact=True).click()
    tab.wait_for_url(re.compile(r"/login\?signed_out=1$"))


def pain_entries(tab: Any) -> list[dict[str, Any]]:
    """The signed-in person's pain entries, through the API with this browser's cookie."""
    answer = tab.request.get("/api/v1/pain", params={"limit": 100})
    assert answer.status == 200
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def test_signed_in_pages_are_never_kept_by_the_worker(phone: Any) -> None:
    sign_in(phone, "ann.marker", "/dashboard")
    header = phone.locator("header.site")
    assert "Signed in as ann.marker" in header.inner_text()
    for page in ("/diary", "/report", "/account"):
        phone.goto(page)
    # A shell file fetched while signed in goes through the worker's cache: still no one's.
    phone.evaluate("fetch('/offline').then((r) => r.text())")
    cached = phone.evaluate(CACHED_PATHS)
    assert "/offline" in cached
    for path in cached:
        assert path.startswith("/static/") or path in ("/offline", "/manifest.webmanifest"), path
    offline = phone.evaluate(CACHED_OFFLINE)
    assert offline is not None and "No connection" in offline
    assert "ann.marker" not in offline and "data-person" not in offline
    sign_out(phone)
    phone.goto("/dashboard")
    phone.wait_for_url(re.compile(r"/login\?next=/dashboard$"))
    assert "ann.marker" not in phone.content()


def test_an_entry_kept_offline_goes_only_to_the_person_who_made_it(
    phone: Any, tmp_path: Path
) -> None:
    day = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    sign_in(phone, "ann.marker")
    ann = phone.evaluate("document.body.dataset.person")
    phone.context.set_offline(True)
    form = phone.locator("form[data-offline-queue=pain]")
    form.locator("#knee-left").check()
    form.locator("#pain-date").fill(day)
    form.locator("#pain-after").select_option("7")
    form.get_by_role("button", name="Save pain").click()
    status = phone.locator("#offline-queue")
    status.get_by_text(WAITING).wait_for()
    # Back online, but the entry cannot get through before Ann hands the phone on.
    phone.context.route("**/api/v1/pain", lambda route: route.abort("internetdisconnected"))
    phone.context.set_offline(False)
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept()

    phone.once("dialog", answer)
    sign_out(phone)
    assert asked and asked[0].startswith("1 diary entry made on this phone has not reached")
    assert "Pain, left" not in phone.content()
    sign_in(phone, "bo.marker")
    phone.context.unroute("**/api/v1/pain")
    phone.evaluate("sendWaiting()")  # what the page does when it opens: nothing is Bo's
    assert "Pain, left" not in phone.content()
    assert phone.locator("#offline-queue").is_hidden()
    assert pain_entries(phone) == []
    kept = json.loads(phone.evaluate(QUEUED))
    assert [(e["person"], e["body"]["after"]) for e in kept] == [(ann, 7)]
    sign_out(phone)
    sign_in(phone, "ann.marker")
    status.get_by_text("Sent to your diary").wait_for()
    mine = [e for e in pain_entries(phone) if e["date"] == day]
    assert [(e["knee"], e["after"], e["during"]) for e in mine] == [("left", 7, None)]
    assert json.loads(phone.evaluate(QUEUED)) == []


AXE = Path(__file__).resolve().parents[1] / "web" / "vendor" / "axe-core-4.14.1" / "axe.min.js"
VIOLATIONS = """async () => (await axe.run(document, { resultTypes: ["violations"] }))
  .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)"""


def accessible(tab: Any) -> None:
    """axe-core finds nothing and the page does not scroll sideways at 360 px."""
    tab.evaluate(AXE.read_text(encoding="utf-8"))
    assert tab.evaluate(VIOLATIONS) == [], tab.url
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360, tab.url


def test_the_sign_in_pages_are_accessible_on_a_small_phone(phone: Any) -> None:
    for page in ("/login?next=/diary", "/signup", "/reset"):
        phone.goto(page)
        accessible(phone)
    phone.get_by_label("Reset code").fill("AAAA-BBBB-CCCC-DDDD")
    phone.get_by_label("New password", exact=True).fill("a new password 1")
    phone.get_by_label("Type the new password again").fill("a new password 1")
    phone.get_by_role("button", name="Save the new password and sign in").click()
    phone.get_by_text("this reset code does not work", exact=False).wait_for()
    accessible(phone)  # with the error shown
    sign_in(phone, "bo.marker", "/account")
    accessible(phone)
    assert "Signed in as bo.marker" in phone.locator("header.site").inner_text()


def test_an_entry_whose_session_ended_waits_for_that_person_to_sign_in(
    phone: Any, server: tuple[str, FastAPI]
) -> None:
    from kneewise.accounts.store import end_all_sessions

    day = (dt.date.today() - dt.timedelta(days=4)).isoformat()
    sign_in(phone, "bo.marker")
    bo = int(phone.evaluate("document.body.dataset.person"))
    phone.context.set_offline(True)
    form = phone.locator("form[data-offline-queue=pain]")
    form.locator("#knee-right").check()
    form.locator("#pain-date").fill(day)
    form.locator("#pain-during").select_option("3")
    form.get_by_role("button", name="Save pain").click()
    status = phone.locator("#offline-queue")
    status.get_by_text(WAITING).wait_for()
    end_all_sessions(server[1].state.diary, bo)  # e.g. signed out everywhere from a laptop
    phone.context.set_offline(False)
    status.get_by_text("will be sent when you sign in again").wait_for()
    kept = json.loads(phone.evaluate(QUEUED))
    assert [(e["state"], e["body"]["during"]) for e in kept] == [("signed-out", 3)]
    phone.goto("/diary")  # the session has ended: sign in again, as the page asks
    phone.wait_for_url(re.compile(r"/login\?next=/diary$"))
    phone.get_by_label("Username").fill("bo.marker")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url(re.compile(r"/diary$"))
    status.get_by_text("Sent to your diary").wait_for()
    mine = [e for e in pain_entries(phone) if e["date"] == day]
    assert [(e["knee"], e["during"], e["after"]) for e in mine] == [("right", 3, None)]
