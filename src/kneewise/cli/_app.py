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

    def get_params(self, ctx: Any) -> list[Any]:
        return [plain_metavar(param) for param in super().get_params(ctx)]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and args[0] in command_table():
            self.commands[args[0]] = load_command(args[0])
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            plain_metavars(command, ctx)
        return name, command, rest


#: What a value is called on a help page, in place of typer's Python type names.
VALUE_WORDS = {"int": "NUMBER", "float": "NUMBER", "str": "TEXT", "Path": "FILE"}


def plain_metavar(param: Any) -> Any:
    """`param` shown without a Python type (typer shows `<bool>`, `<list[str]>`, `<int>`).

    A flag shows nothing, a choice its values (`C|F`), anything else a plain
    word (NUMBER, TEXT, FILE). A metavar set by hand is kept; an argument
    keeps its name and shows the plain word as its type.
    """
    if getattr(param, "type_descriptor", None) is None:
        return param  # not one of typer's parameters: nothing typed to hide
    described = param.type_descriptor
    if getattr(param, "is_flag", False):
        plain = ""
    elif described.is_choice:
        plain = "|".join(str(getattr(c, "value", c)) for c in described.choices)
    else:
        bare = param.bare_type().removeprefix("list[").removesuffix("]")
        plain = VALUE_WORDS.get(bare, "VALUE")
    if getattr(param, "is_flag", None) is None:
        # Why: typer shows an argument's type from display_type_rich, which no
        # metavar reaches (a metavar would rename the argument instead).
        param.display_type_rich = lambda ctx: plain
    elif param.metavar is None:
        param.metavar = plain
    return param


def plain_metavars(command: Any, ctx: Any) -> None:
    """Every parameter of `command` and its subcommands (their --help too), made plain."""
    for param in [*command.params, command.get_help_option(ctx)]:
        if param is not None:
            plain_metavar(param)
    for sub in getattr(command, "commands", {}).values():
        plain_metavars(sub, ctx)


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
