"""The `kneewise` command line: one module per command group, registered here."""

from __future__ import annotations

from kneewise.cli._app import app


def main() -> None:
    """Entry point of the `kneewise` script."""
    app()


__all__ = ["app", "main"]
