"""The Typer application that every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="kneewise",
    help="Explainable, source-cited help for knees that hurt after training.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
