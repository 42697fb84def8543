"""`kneewise serve`: the web app and REST API on this computer (SQLite diary by default)."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Annotated

import typer

from kneewise._errors import KneewiseError
from kneewise.cli._app import app
from kneewise.cli._errors import fail

if TYPE_CHECKING:  # the settings load only when serve runs: `--help` stays quick
    from kneewise.settings import Settings


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
    return [
        f"kneewise: open http://127.0.0.1:{port} on this computer (API docs at /api/docs); "
        "Ctrl+C stops it",
        f"kneewise: listening on {shown}, but other devices get an error page unless they use "
        f"a name listed in KNEEWISE_ALLOWED_HOSTS (now: {names}), for example "
        "KNEEWISE_ALLOWED_HOSTS=192.168.1.20,my-laptop.local; see docs/web-security.md",
    ]


def _settings() -> Settings:
    from pydantic import ValidationError

    from kneewise.settings import load_settings

    try:
        return load_settings()
    except ValidationError as error:
        wrong = "; ".join(
            f"KNEEWISE_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}"
            for e in error.errors()
        )
        fail(f"a setting is not valid: {wrong}")


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
) -> None:
    """Start the web app and the API; open http://127.0.0.1:8000 in a browser."""
    import uvicorn

    from kneewise.web import create_app

    try:
        web_app = create_app(_settings())
    except KneewiseError as error:
        fail(error)
    for line in start_lines(host, port, web_app.state.settings):
        typer.echo(line)
    uvicorn.run(web_app, host=host, port=port, log_level="info")
