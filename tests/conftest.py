"""Fixtures for the web tests: the real app on a throwaway SQLite diary.

`live_server` serves the real app under uvicorn on a free loopback port (in a
background thread) and `chromium` is Debian's Chromium driven by Playwright:
without /usr/bin/chromium the tests that use them skip locally and FAIL in CI
(`CI=true`), so CI cannot pass without a browser.

`postgres_server` is a throwaway PostgreSQL cluster started once per test run
from Debian's `postgresql` package (initdb + pg_ctl in a temporary folder) and
removed at the end (the diary and the accounts tests make databases on it).
Without the binaries the postgres tests skip locally and FAIL in CI
(`CI=true`), so CI can never pass without them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests._clock import TODAY, held_on

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
def today() -> Iterator[dt.date]:
    """`TODAY`, with the in-process clock held on it for the test (see tests/_clock.py).

    Use it (or `pytestmark = pytest.mark.usefixtures("today")`) wherever a test
    compares dates it made with dates the app makes from its own clock.
    """
    with held_on(TODAY) as day:
        yield day


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
    # No domain: http.cookiejar reads the dotless host "testserver" as "testserver.local",
    # so a cookie for domain "testserver" would never be sent.
    test_client.cookies.set(SESSION_COOKIE, signed_session_value(app.state.signing_key, token))
    return with_form_token(test_client)


PG_BIN = Path(os.environ.get("KNEEWISE_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))


@dataclass
class PostgresServer:
    """A running throwaway cluster that trusts local connections."""

    port: int

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of a database on this server."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self, statement: str) -> None:
        """Run a statement outside any transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        conninfo = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(statement)  # type: ignore[arg-type]


def _as_postgres(command: list[str]) -> list[str]:
    # initdb refuses to run as root; run the server as the postgres user then.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], log: Path | None = None) -> None:
    result = subprocess.run(_as_postgres(command), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        server_log = log.read_text() if log is not None and log.exists() else ""
        pytest.fail(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}{server_log}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start a PostgreSQL cluster in a temporary folder for this test run."""
    initdb = PG_BIN / "initdb"
    if not initdb.exists():
        reason = f"PostgreSQL server binaries not found at {PG_BIN} (apt-get install postgresql)"
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"CI needs PostgreSQL for the storage tests: {reason}")
        pytest.skip(reason)
    # Not pytest's tmp_path: its parents are private to root, the server runs as postgres.
    home = Path(tempfile.mkdtemp(prefix="kneewise-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    data, log, port = home / "data", home / "server.log", _free_port()
    try:
        _run([str(initdb), "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync",
              "--encoding=UTF8"])  # fmt: skip
        options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
        _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w",
              "-t", "60", "start"], log)  # fmt: skip
        try:
            yield PostgresServer(port)
        finally:
            _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
    finally:
        shutil.rmtree(home, ignore_errors=True)


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
