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
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, max=64, help="Processes answering requests (one per core at most)."
        ),
    ] = 1,
) -> None:
    """Start the web app and the API; open http://127.0.0.1:8000 in a browser."""
    import uvicorn

    from kneewise.web import create_app
    from kneewise.web.serving import uvicorn_options

    try:
        # Made here even with workers, so a diary that cannot be opened stops at once.
        web_app = create_app(_settings())
    except KneewiseError as error:
        fail(error)
    for line in start_lines(host, port, web_app.state.settings):
        typer.echo(line)
    options = uvicorn_options(host, port, workers)
    if workers == 1:
        uvicorn.run(web_app, log_level="info", **options)
    else:  # each worker process builds its own app from the factory
        web_app.state.diary.close()
        uvicorn.run(FACTORY, factory=True, log_level="info", **options)
