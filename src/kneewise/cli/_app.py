"""The Typer application every command module registers on, started light.

`kneewise --help` needs each command's name and help, not its code: those
come from `commands.json` (written with docs/cli.md by `kneewise.cli.reference`
from the live command tree, and compared with it by a test, so it cannot
drift). A command's modules are imported only when the command is run or
its own help asked for, so `kneewise log pain` never imports the parser or
the PDF code, and `kneewise --help` imports none of the commands. Of a
group, only the subcommand named is built (`only_path`). Start-up runs with
the cyclic garbage collector off when `kneewise.cli.main` turned it off;
`end_start_up` turns it back on as the command's callback starts.
"""

from __future__ import annotations

import contextvars
import copy
import gc
import importlib
import json
from collections.abc import Callable, Sequence
from functools import cache, wraps
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_name, solve_typer_info_defaults
from typer.models import CommandInfo, TyperInfo

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
            self.commands[args[0]] = load_command(args[0], args[1:])
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            plain_metavars(command, ctx)
            end_start_up_on_run(command)
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


def load_command(name: str, rest: Sequence[str] = ()) -> Any:
    """Import the modules that register `name` and build its click command.

    Of a group, only the subcommand `rest` names next is built (and so on down),
    so `kneewise log pain` turns one function's options into click parameters,
    not every diary command's. When `rest` names none (an option such as --help,
    a typo, nothing) the whole group is built, so its help and errors are as ever.
    """
    for module in command_table()[name]["modules"]:
        importlib.import_module(module)
    root = typer.main.get_command(only_path(app, [name, *rest]))
    return root.commands[name]  # type: ignore[attr-defined]


def end_start_up() -> None:
    """Switch the cyclic garbage collector back on if `kneewise.cli.main` switched it off.

    What start-up built (modules, classes, validators, the command itself) lives
    until the process ends, so it is frozen first (`gc.freeze`): later collections,
    the last one at exit included, skip it rather than walk it again to free
    nothing. A no-op when the collector is on (tests that invoke the app).
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def end_start_up_on_run(command: Any) -> None:
    """Make every callback of `command` and of its subcommands end start-up when it runs.

    A command's own work (parsing a story, serving pages) then runs with the
    collector on, as in any Python program.
    """
    if command.callback is not None:
        command.callback = _ending_start_up(command.callback)
    for sub in getattr(command, "commands", {}).values():
        end_start_up_on_run(sub)


def _ending_start_up(callback: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        end_start_up()
        # Each command runs in its own context: the diary's day it keeps
        # (kneewise.diary.days.count_days_in) ends with it, never reaching the next
        # command run in the same process (tests, a shell in one interpreter).
        return contextvars.copy_context().run(callback, *args, **kwargs)

    return run


def only_path(typer_app: typer.Typer, path: Sequence[str]) -> typer.Typer:
    """A copy of `typer_app` holding only what `path` names at each level, as far as it names one.

    `path` is the command line after this level (`["log", "pain", "--knee", …]`):
    its first word keeps the command or group of that name; a group is narrowed
    by the words after it. A level where the word names nothing is kept whole.
    """
    if not path:
        return typer_app
    wanted = path[0]
    commands = [c for c in typer_app.registered_commands if _command_name(c) == wanted]
    groups = [g for g in typer_app.registered_groups if solve_typer_info_defaults(g).name == wanted]
    if not commands and not groups:
        return typer_app
    narrowed = copy.copy(typer_app)
    narrowed.registered_commands = commands
    narrowed.registered_groups = [_narrowed_group(group, path[1:]) for group in groups]
    return narrowed


def _narrowed_group(group: TyperInfo, path: Sequence[str]) -> TyperInfo:
    if group.typer_instance is None:
        return group
    narrowed = copy.copy(group)
    narrowed.typer_instance = only_path(group.typer_instance, path)
    return narrowed


def _command_name(command: CommandInfo) -> str | None:
    """The name typer gives a registered command: its own, else its function's, dashed."""
    if command.name:
        return command.name
    return None if command.callback is None else get_command_name(command.callback.__name__)


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
