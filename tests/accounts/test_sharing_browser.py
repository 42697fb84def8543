"""In real Chromium against a server with accounts on: share, read, stop, refused.

A person signs in, makes a sharing code for a clinician and reads it off the
page; the clinician signs in in another browser, enters the code and sees the
person's dashboard; the person stops sharing; the clinician's next request for
the same page is refused (404) and shows nothing of the person's diary.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from kneewise.accounts.store import create_account
from kneewise.diary.records import PainEntryRecord, build
from kneewise.diary.repository import log_pain
from kneewise.settings import Settings
from kneewise.web import create_app

from ..conftest import _free_port
from ..web.test_axe_browser import AXE, VIOLATIONS

pytestmark = pytest.mark.browser
PASSWORD = "a long test password"
#: Said on the person's dashboard only while their diary holds night pain this week.
NIGHT = "Night pain was logged in the last 7 days."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A kneewise server with accounts on (uvicorn, loopback); its URL and ana's account id."""
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("sharing-server"),
        database_url=None,
        accounts=True,
        secret_key="a browser test key that is long enough to sign with",
        # Plain http on loopback: a Secure cookie would not be kept by the browser.
        cookie_secure=False,
    )
    app = create_app(settings)
    ana = create_account(app.state.diary, "ana", PASSWORD)
    create_account(app.state.diary, "dr_lee", PASSWORD)
    record = build(PainEntryRecord, {"date": dt.date.today(), "knee": "left", "night_pain": True})
    log_pain(app.state.diary.for_owner(ana.id), record)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=_free_port(), log_level="warning", ws="none"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}", ana.id
    running.should_exit = True
    thread.join(timeout=10)


def _browser(chromium: Any, url: str, username: str) -> Any:
    """A new browser (its own cookies), signed in as `username` through the sign-in page."""
    context = chromium.new_context(base_url=url)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.goto("/login")
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_load_state()
    assert "/login" not in tab.url, tab.content()
    return tab


def _accessible(tab: Any) -> None:
    """axe-core finds nothing on the page as it stands, and it does not scroll sideways."""
    tab.evaluate(AXE.read_text(encoding="utf-8"))
    found: list[str] = tab.evaluate(VIOLATIONS)
    assert found == [], (tab.url, found)
    width = tab.viewport_size["width"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width, tab.url


def test_invite_read_stop_refused(chromium: Any, server: tuple[str, int], tmp_path: Path) -> None:
    url, ana = server
    person = _browser(chromium, url, "ana")
    clinician = _browser(chromium, url, "dr_lee")
    try:
        person.goto("/sharing")
        person.get_by_label("a clinician (doctor, physiotherapist)").check()
        person.get_by_role("button", name="Make a sharing code").click()
        code = person.locator("#sharing-code").inner_text().strip()
        assert len(code) == 19, code
        _accessible(person)

        clinician.goto("/shared")
        clinician.get_by_role("textbox", name="Sharing code").fill(code.lower())
        clinician.get_by_role("button", name="Add").click()
        clinician.wait_for_url(f"**/shared/{ana}")
        assert clinician.get_by_role("heading", name="ana's diary").is_visible()
        assert clinician.get_by_text(NIGHT).is_visible()
        _accessible(clinician)
        clinician.goto("/shared")
        assert clinician.get_by_role("link", name="ana", exact=True).is_visible()
        _accessible(clinician)
        clinician.set_viewport_size({"width": 360, "height": 780})  # a small phone
        _accessible(clinician)
        clinician.goto(f"/shared/{ana}")
        _accessible(clinician)

        person.goto("/sharing")
        assert person.get_by_role("rowheader", name="dr_lee").is_visible()
        person.get_by_role("button", name="Stop sharing with dr_lee").click()
        assert person.get_by_role("status").filter(has_text="Stopped").is_visible()

        refused = clinician.goto(f"/shared/{ana}")
        assert refused is not None and refused.status == 404
        assert NIGHT not in clinician.content()
        assert "ana's diary" not in clinician.content()
        clinician.goto("/shared")
        assert clinician.get_by_role("link", name="ana", exact=True).count() == 0
    finally:
        person.context.close()
        clinician.context.close()
