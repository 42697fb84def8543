"""Fixtures for the web tests: the real app on a throwaway SQLite diary.

`live_server` serves the real app under uvicorn on a free loopback port (in a
background thread) and `chromium` is Debian's Chromium driven by Playwright:
without /usr/bin/chromium the tests that use them skip locally and FAIL in CI
(`CI=true`), so CI cannot pass without a browser.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kneewise.settings import Settings, load_settings
from kneewise.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
#: The host name of Starlette's test client, allowed through the settings.
TEST_HOST = "testserver"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    """The app as `kneewise serve` makes it, with KNEEWISE_DATA_DIR in a temporary folder."""
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KNEEWISE_ALLOWED_HOSTS", TEST_HOST)
    return create_app(load_settings())


def with_form_token(test_client: TestClient) -> TestClient:
    """The client sends this browser's CSRF token (cookie and `x-csrftoken`), as a page would."""
    test_client.get("/settings")  # a page with forms sets the token cookie
    test_client.headers["x-csrftoken"] = test_client.cookies["csrftoken"]
    return test_client


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client of the real app that sends the form token, like a browser on its pages."""
    with TestClient(app) as test_client:
        yield with_form_token(test_client)


@pytest.fixture
def bare_client(app: FastAPI) -> Iterator[TestClient]:
    """A client without the form token: what another site's form can send."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def server_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    """The app with accounts on (a server for many people), on a throwaway SQLite diary."""
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "server-data"))
    monkeypatch.setenv("KNEEWISE_ALLOWED_HOSTS", TEST_HOST)
    monkeypatch.setenv("KNEEWISE_ACCOUNTS", "true")
    monkeypatch.setenv("KNEEWISE_SECRET_KEY", "a test key that is long enough to sign with")
    return create_app(load_settings())


def signed_in(app: FastAPI, username: str, password: str = "a long test password") -> TestClient:
    """A browser signed in to `app` as a new account `username` (made here, directly).

    The client talks https (the session cookie is Secure) and sends the form token;
    close it after use (`with signed_in(...) as client:`).
    """
    from kneewise.accounts.store import begin_session, create_account
    from kneewise.web.session_cookie import SESSION_COOKIE, signed_session_value

    person = create_account(app.state.diary, username, password)
    token = begin_session(app.state.diary, person.id, days=1)
    test_client = TestClient(app, base_url=f"https://{TEST_HOST}")
    test_client.cookies.set(
        SESSION_COOKIE, signed_session_value(app.state.signing_key, token), domain=TEST_HOST
    )
    return with_form_token(test_client)


def _need_chromium() -> None:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium package"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app served by uvicorn on 127.0.0.1 (a free port); its base URL."""
    _need_chromium()
    data_dir = tmp_path_factory.mktemp("live-diary")
    app = create_app(Settings(data_dir=data_dir, database_url=None, emergency_number="112"))
    config = uvicorn.Config(
        app, host="127.0.0.1", port=_free_port(), log_level="warning", ws="none"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium(live_server: str) -> Iterator[Any]:
    """Debian's Chromium, headless, under Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(chromium: Any, live_server: str) -> Iterator[Any]:
    """A tab 360 px wide, like a small phone, on the live server."""
    context = chromium.new_context(
        base_url=live_server, viewport={"width": 360, "height": 780}, is_mobile=True,
        has_touch=True, device_scale_factor=2,
    )  # fmt: skip
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()
