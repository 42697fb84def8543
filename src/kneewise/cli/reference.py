"""Generate docs/cli.md from the command tree itself, so the docs cannot drift.

Run `python -m kneewise.cli.reference > docs/cli.md` (or `make docs`).
"""

from __future__ import annotations

from enum import EnumMeta
from typing import Any

import typer

from kneewise.cli import app


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


if __name__ == "__main__":
    print(reference(), end="")
