"""Turn a KneewiseError into a plain message and exit code 2 — never a traceback."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

from kneewise._errors import IntakeError, KneewiseError

USAGE_ERROR = 2
_stderr = Console(stderr=True, highlight=False, soft_wrap=True)


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
