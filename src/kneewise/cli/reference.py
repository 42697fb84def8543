"""Generate docs/cli.md from the command tree itself, so the docs cannot drift.

Run `python -m kneewise.cli.reference > docs/cli.md` (or `make docs`): it also
rewrites `src/kneewise/cli/commands.json`, the table of top-level commands
(their modules and help) that lets `kneewise` start without importing them.
"""

from __future__ import annotations

import json
from enum import EnumMeta
from typing import Any

import typer

from kneewise.cli import COMMAND_MODULE_NAMES, app
from kneewise.cli._app import COMMANDS_FILE


# Typer vendors its own click, so commands and parameters are read by attribute.
def _option_line(param: Any) -> str:
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    members: list[Any] = list(annotation) if isinstance(annotation, EnumMeta) else []
    choices = [str(member.value) for member in members]
    allowed = " One of: " + ", ".join(f"`{c}`" for c in choices) + "." if choices else ""
    if param.param_type_name == "argument":
        return f"- `{param.name.upper()}` (argument): {param.help or ''}{allowed}".rstrip()
    names = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
    return f"- {names}: {param.help or ''}{allowed}".rstrip()


def _section(command: Any, path: str) -> list[str]:
    lines = [f"## `{path}`", ""]
    if command.help:
        lines += [command.help.strip(), ""]
    params = [p for p in command.params if p.name != "help"]
    if params:
        lines += [_option_line(p) for p in params] + [""]
    subcommands = getattr(command, "commands", {})
    if subcommands:
        for name in sorted(subcommands):
            lines += _section(subcommands[name], f"{path} {name}")
    return lines


def reference() -> str:
    """The CLI reference as Markdown."""
    root = typer.main.get_command(app)
    header = [
        "# Command-line reference",
        "",
        "Generated from the code by `make docs`; a test fails when it is out of date.",
        "",
    ]
    return "\n".join(header + _section(root, "kneewise")).rstrip() + "\n"


def _callback_modules(command: Any) -> set[str]:
    """The modules whose functions make up `command` and its subcommands."""
    found = {command.callback.__module__} if command.callback is not None else set()
    for sub in getattr(command, "commands", {}).values():
        found |= _callback_modules(sub)
    return found


def command_table() -> dict[str, dict[str, Any]]:
    """Each top-level command: the modules that register it, in import order, and its help."""
    root = typer.main.get_command(app)
    entries: list[tuple[bool, int, int, str, dict[str, Any]]] = []
    # As typer lists them (commands, then groups), each in the order `COMMAND_MODULE_NAMES`
    # imports their modules, whatever imported them first (a test that imports one command
    # module early must not reorder the table).
    for position, (name, command) in enumerate(root.commands.items()):  # type: ignore[attr-defined]
        modules = _callback_modules(command)
        ordered = [m for m in COMMAND_MODULE_NAMES if m in modules]
        first = COMMAND_MODULE_NAMES.index(ordered[0]) if ordered else len(COMMAND_MODULE_NAMES)
        group = hasattr(command, "commands")
        entry = {"modules": ordered, "help": command.help or ""}
        entries.append((group, first, position, name, entry))
    return {name: entry for *_, name, entry in sorted(entries, key=lambda e: e[:3])}


def command_table_json() -> str:
    """`command_table()` as the text of commands.json."""
    return json.dumps(command_table(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    COMMANDS_FILE.write_text(command_table_json(), encoding="utf-8")
    print(reference(), end="")
