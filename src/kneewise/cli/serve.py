"""`kneewise serve`: the web app and REST API on this computer (SQLite diary by default)."""

from __future__ import annotations

from typing import Annotated

import typer

from kneewise._errors import KneewiseError
from kneewise.cli._app import app
from kneewise.cli._errors import fail


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
) -> None:
    """Start the web app and the API; open http://127.0.0.1:8000 in a browser."""
    import uvicorn

    from kneewise.settings import load_settings
    from kneewise.web import create_app

    try:
        web_app = create_app(load_settings())
    except KneewiseError as error:
        fail(error)
    typer.echo(f"kneewise: open http://{host}:{port} (API docs at /api/docs); Ctrl+C stops it")
    uvicorn.run(web_app, host=host, port=port, log_level="info")
