"""The Typer application every command module registers on, started light.

`kneewise --help` needs each command's name and help, not its code: those
come from `commands.json` (written with docs/cli.md by `kneewise.cli.reference`
from the live command tree, and compared with it by a test, so it cannot
drift). A command's modules are imported only when the command is run or
its own help asked for, so `kneewise log pain` never imports the parser or
the PDF code, and `kneewise --help` imports none of the commands.
"""

from __future__ import annotations

import importlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

#: Each top-level command: the modules that register it (in order) and its help.
COMMANDS_FILE = Path(__file__).with_name("commands.json")


@cache
def command_table() -> dict[str, dict[str, Any]]:
    """{name: {"modules": [...], "help": "..."}} in the order `--help` lists them."""
    table: dict[str, dict[str, Any]] = json.loads(COMMANDS_FILE.read_text(encoding="utf-8"))
    return table


class LazyGroup(TyperGroup):
    """A Typer group whose commands are imported when run, listed from the table until then."""

    def list_commands(self, ctx: Any) -> list[str]:
        loaded = super().list_commands(ctx)
        return [*command_table(), *(name for name in loaded if name not in command_table())]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        found = super().get_command(ctx, cmd_name)
        entry = command_table().get(cmd_name)
        if found is not None or entry is None:
            return found
        return TyperCommand(name=cmd_name, help=entry["help"])  # listed, not yet loaded

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and args[0] in command_table():
            self.commands[args[0]] = load_command(args[0])
        return super().resolve_command(ctx, args)


def load_command(name: str) -> Any:
    """Import the modules that register `name` and build its click command."""
    for module in command_table()[name]["modules"]:
        importlib.import_module(module)
    return typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]


app = typer.Typer(
    name="kneewise",
    help="Explainable, source-cited help for knees that hurt after training.",
    cls=LazyGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    # A callback keeps the root a group while none of its commands is loaded yet.
    pass
