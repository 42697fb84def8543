"""`kneewise serve`: the web app and REST API on this computer (SQLite diary by default).

Without accounts (the personal mode) anyone who reaches the port can read,
change or delete the whole diary, so serve listens only on this computer
(a loopback address) then, and refuses any other `--host` saying how to
switch accounts on. With accounts on it refuses to start without a
`KNEEWISE_SECRET_KEY` (every app process must sign cookies and form tokens
with the same key) and without an administrator (docs/accounts.md).
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Annotated

import typer

from kneewise._errors import KneewiseError
from kneewise.cli._app import app
from kneewise.cli._errors import fail

if TYPE_CHECKING:  # the settings load only when serve runs: `--help` stays quick
    from kneewise.diary.storage import Diary
    from kneewise.settings import Settings

#: What each worker process calls to build the app.
FACTORY = "kneewise.web.app:create_app"


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host.lower() == "localhost"


def start_lines(host: str, port: int, settings: Settings) -> list[str]:
    """What `serve` prints before it starts: where to open it and, off this computer, the names.

    A page at an address outside the Host allow-list gets a 400 (docs/web-security.md),
    so listening on another address (0.0.0.0, a network address) says which names work.
    """
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    if _is_loopback(host):
        return [f"kneewise: open http://{shown}:{port} (API docs at /api/docs); Ctrl+C stops it"]
    names = ", ".join(settings.allowed_hosts) or "none yet"
    plain_http = (
        [
            "kneewise: KNEEWISE_COOKIE_SECURE=false: sign-in cookies also travel over plain "
            "http, where others on the network can read them; use it on a test machine only"
        ]
        if settings.accounts and not settings.cookie_secure
        else []
    )
    return [
        f"kneewise: open http://127.0.0.1:{port} on this computer (API docs at /api/docs); "
        "Ctrl+C stops it",
        f"kneewise: listening on {shown}, but other devices get an error page unless they use "
        f"a name listed in KNEEWISE_ALLOWED_HOSTS (now: {names}), for example "
        "KNEEWISE_ALLOWED_HOSTS=192.168.1.20,my-laptop.local; see docs/web-security.md",
        *plain_http,
    ]


#: Shortest secret key taken: `secrets.token_urlsafe(32)` gives 43 characters (256 bits).
MIN_SECRET_CHARS = 32
MAKE_KEY = 'python3 -c "import secrets; print(secrets.token_urlsafe(32))"'
MAKE_ADMIN = "kneewise accounts add NAME --admin"


def refusal(host: str, settings: Settings) -> str | None:
    """Why serve must not start on `host` with these settings; None when it may.

    Off this computer without accounts, anyone on the network could read the
    diary; with accounts, every process needs the same long secret key.
    """
    if not settings.accounts:
        if _is_loopback(host):
            return None
        return (
            f"kneewise will not listen on {host} without accounts: anyone who can reach it "
            "could read, change or delete the whole diary. To serve other devices, switch "
            f"accounts on: set KNEEWISE_ACCOUNTS=true and KNEEWISE_SECRET_KEY, and make an "
            f"administrator with `{MAKE_ADMIN}` (docs/accounts.md). To use kneewise on this "
            "computer only, leave out --host."
        )
    key = settings.secret_key or ""
    if len(key.strip()) < MIN_SECRET_CHARS:
        said = "is not set" if not key.strip() else f"has {len(key.strip())} characters"
        return (
            f"with accounts on, KNEEWISE_SECRET_KEY is needed and it {said}: it signs the "
            f"sign-in cookies, so it must be at least {MIN_SECRET_CHARS} random characters, "
            f"the same for every kneewise process of this site. Make one with: {MAKE_KEY}"
        )
    return None


def no_administrator(diary: Diary) -> str | None:
    """Why a server with accounts cannot start yet: no one administers it; None otherwise."""
    from kneewise.accounts.admin import count_admins

    if count_admins(diary) > 0:
        return None
    return (
        "with accounts on, the server needs an administrator first (to invite people and "
        f"reset passwords); make one with `{MAKE_ADMIN}` on this computer, then start again"
    )


def _settings() -> Settings:
    from kneewise.settings import load_settings

    try:
        return load_settings()
    except KneewiseError as error:  # a SettingsError: each variable and what is allowed
        fail(error)


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, max=64, help="Processes answering requests (one per core at most)."
        ),
    ] = 1,
) -> None:
    """Start the web app and the API; open http://127.0.0.1:8000 in a browser."""
    from kneewise.diary.days import count_days_on_this_computer
    from kneewise.web import create_app
    from kneewise.web.serving import run

    settings = _settings()
    # A server for many people is no one's own computer: its date is nobody's today.
    count_days_on_this_computer(not settings.accounts)
    refused = refusal(host, settings)
    if refused is not None:
        fail(refused)
    try:
        # Made here even with workers, so a diary that cannot be opened stops at once.
        web_app = create_app(settings)
        unready = no_administrator(web_app.state.diary) if settings.accounts else None
    except KneewiseError as error:
        fail(error)
    if unready is not None:
        web_app.state.diary.close()
        fail(unready)
    for line in start_lines(host, port, web_app.state.settings):
        typer.echo(line)
    if workers == 1:
        run(web_app, host, port, log_level="info")
    else:  # each worker process builds its own app from the factory, on its own listener
        web_app.state.diary.close()
        run(FACTORY, host, port, workers, factory=True, log_level="info")
