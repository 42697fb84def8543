"""The `kneewise` command line: one module per command group, registered here."""

from __future__ import annotations

from kneewise.cli import assess as _assess  # noqa: F401
from kneewise.cli import diary as _diary  # noqa: F401
from kneewise.cli import evaluate as _evaluate  # noqa: F401
from kneewise.cli import kb as _kb  # noqa: F401
from kneewise.cli import programme as _programme  # noqa: F401
from kneewise.cli import questionnaire as _questionnaire  # noqa: F401
from kneewise.cli import report as _report  # noqa: F401
from kneewise.cli import serve as _serve  # noqa: F401
from kneewise.cli._app import app


def main() -> None:
    """Entry point of the `kneewise` script."""
    app()


__all__ = ["app", "main"]
