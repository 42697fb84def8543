"""In real Chromium, west and east of UTC: a server without the person's zone learns it.

Against a server with accounts on (its clock is the real one, so the dates are
read when the test runs): the diary's date fields take the browser's date as
value and limit, the first session logged sends the browser's zone, the
profile keeps it, and the page then comes from the server in that zone.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import uvicorn

from kneewise.accounts.store import create_account
from kneewise.settings import Settings
from kneewise.web import create_app

from ..conftest import _free_port

pytestmark = pytest.mark.browser
PASSWORD = "a long test password"
ZONES = ["Asia/Tokyo", "America/Los_Angeles"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A kneewise server with accounts on (uvicorn, loopback), one account per zone."""
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("zone-server"),
        database_url=None,
        accounts=True,
        secret_key="a browser test key that is long enough to sign with",
        cookie_secure=False,  # plain http on loopback
    )
    app = create_app(settings)
    for number in range(len(ZONES)):
        create_account(app.state.diary, f"runner{number}", PASSWORD)
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
    yield f"http://127.0.0.1:{config.port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.mark.parametrize("number", range(len(ZONES)), ids=ZONES)
def test_the_browsers_zone_dates_the_form_and_is_kept(
    chromium: Any, server: str, number: int
) -> None:
    zone = ZONES[number]
    context = chromium.new_context(base_url=server, timezone_id=zone)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.goto("/login")
    tab.get_by_label("Username").fill(f"runner{number}")
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_load_state()
    tab.goto("/diary")
    browser_day = tab.evaluate("new Date().toLocaleDateString('en-CA')")
    assert browser_day == dt.datetime.now(ZoneInfo(zone)).date().isoformat()
    field = tab.locator("#session-date")
    assert field.input_value() == browser_day and field.get_attribute("max") == browser_day
    tab.fill("#session-activity", "running")
    tab.fill("#session-duration", "35")
    tab.get_by_role("button", name="Save session").click()
    tab.wait_for_url("**/diary?saved=session")
    profile = tab.request.get("/api/v1/profile").json()
    assert profile["time_zone"] == zone
    tab.goto("/diary")
    assert tab.locator("input[name=browser_zone]").count() == 0
    assert tab.locator("#session-date").get_attribute("max") == browser_day
    context.close()
