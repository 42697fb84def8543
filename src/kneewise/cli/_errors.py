"""Turn a KneewiseError into a plain message and exit code 2 — never a traceback."""

from __future__ import annotations

from typing import NoReturn

import typer

from kneewise._errors import IntakeError, KneewiseError
from kneewise.cli._console import TerminalConsole

USAGE_ERROR = 2
_stderr = TerminalConsole(stderr=True, highlight=False)


def fail(error: KneewiseError | str) -> NoReturn:
    """Print what is wrong, one line per problem, and exit with code 2."""
    if isinstance(error, IntakeError):
        _stderr.print(f"[bold red]The intake has {len(error.problems)} problem(s):[/]")
        for problem in error.problems:
            _stderr.print(f"  - {problem.message}", markup=False)
    else:
        _stderr.print("[bold red]Error:[/] ", end="")
        _stderr.print(str(error), markup=False)
    raise typer.Exit(USAGE_ERROR)
