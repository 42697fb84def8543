"""An administrator and a new person on real pages, in Debian's Chromium (Playwright).

The administrator makes a sign-up code on /admin; on another phone a new
person types it (in lower case, with spaces) on /signup, makes an access
token on /account/tokens and a program writes with it; the person stops the
token and the program's next request is refused. The administrator then
makes a reset code and the person chooses a new password with it on /reset.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from tests.conftest import _free_port, _need_chromium

from kneewise.accounts.store import authenticate, create_account
from kneewise.settings import Settings
from kneewise.web import create_app

pytestmark = pytest.mark.browser

ADMIN_PASSWORD = "the administrator's password"
PASSWORD = "plum orchard 42"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, FastAPI]]:
    """The app with accounts on and sign-up by invitation, on a free loopback port."""
    _need_chromium()
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("admin-live"),
        database_url=None,
        accounts=True,
        secret_key="an admin browser test key, long enough to sign with",
        cookie_secure=False,  # http on 127.0.0.1 only
        signup="invite",
    )
    app = create_app(settings)
    create_account(app.state.diary, "root", ADMIN_PASSWORD, is_admin=True)
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
def phones(chromium: Any, server: tuple[str, FastAPI]) -> Iterator[tuple[Any, Any]]:
    """Two phones: the administrator's and the new person's."""
    contexts = [
        chromium.new_context(
            base_url=server[0], viewport={"width": 360, "height": 780}, is_mobile=True
        )
        for _ in range(2)
    ]
    for context in contexts:
        context.set_default_timeout(15_000)
    yield contexts[0].new_page(), contexts[1].new_page()
    for context in contexts:
        context.close()


def test_invite_sign_up_make_and_stop_a_token_then_reset(
    phones: tuple[Any, Any], server: tuple[str, FastAPI]
) -> None:
    admin, person = phones
    base, app = server
    admin.goto("/admin")
    admin.get_by_label("Username").fill("root")
    admin.get_by_label("Password").fill(ADMIN_PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    admin.wait_for_url(re.compile(r"/admin$"))
    admin.get_by_role("button", name="Make a sign-up code").click()
    code = admin.locator("#signup-code").input_value()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)

    person.goto("/signup")
    person.get_by_label("Sign-up code").fill(code.lower().replace("-", " "))
    person.get_by_label("Choose a username").fill("Nell")
    person.get_by_label("Choose a password").fill(PASSWORD)
    person.get_by_label("Type the password again").fill(PASSWORD)
    person.get_by_role("button", name="Make my account").click()
    person.wait_for_url(re.compile(r"/$"))

    person.goto("/account/tokens")
    person.get_by_label("A name, so you know which program has it").fill("watch")
    person.get_by_label("Read and add to your diary").check()
    person.get_by_role("button", name="Make the token").click()
    token = person.locator("#token-value").input_value()
    assert token.startswith("kw_")
    # A program, not a browser: no cookie, only the token.
    watch = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"})
    written = watch.post("/api/v1/pain", json={"date": "2026-01-05", "knee": "left", "during": 2})
    assert written.status_code == 201, written.text

    person.goto("/account/tokens")
    assert token not in person.content()
    person.get_by_role("button", name="Stop the token watch").click()
    person.wait_for_url(re.compile(r"/account/tokens\?stopped=1$"))
    assert watch.get("/api/v1/pain").status_code == 401
    watch.close()

    admin.goto("/admin")
    admin.get_by_role("button", name="Make a reset code for nell").click()
    reset = admin.locator("#reset-code").input_value()
    person.goto("/reset")
    person.get_by_label("Reset code").fill(reset)
    person.get_by_label("New password", exact=True).fill("a new plum orchard")
    person.get_by_label("Type the new password again").fill("a new plum orchard")
    person.get_by_role("button", name="Save the new password and sign in").click()
    person.wait_for_url(re.compile(r"/account\?password=reset$"))
    assert authenticate(app.state.diary, "nell", "a new plum orchard") is not None
    assert authenticate(app.state.diary, "nell", PASSWORD) is None
