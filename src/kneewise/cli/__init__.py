"""The `kneewise` command line: one module per command group, registered on `_app.app`.

Registration is one-way: each command module imports `_app` (and shared
helpers from modules that import no command module); none imports this
package's names, so there is no import cycle (tests/test_imports.py checks).
`main()` starts light: it imports a command's modules only when that command
runs (`_app.LazyGroup`). `kneewise.cli.app` is the fully registered app, for
tests and `kneewise.cli.reference`: reading it imports every command module.
"""

from __future__ import annotations

import gc
import importlib
import os
from types import ModuleType
from typing import TYPE_CHECKING

from kneewise.cli import _app

if TYPE_CHECKING:
    from kneewise.cli._app import app

#: Every module that registers commands, in the order `--help` lists what they add.
COMMAND_MODULE_NAMES = (
    "kneewise.cli.assess", "kneewise.cli.diary", "kneewise.cli.diary_edit",
    "kneewise.cli.diary_io", "kneewise.cli.diary_status", "kneewise.cli.profile",
    "kneewise.cli.evaluate", "kneewise.cli.kb", "kneewise.cli.questionnaire",
    "kneewise.cli.report", "kneewise.cli.serve", "kneewise.cli.programme",
    "kneewise.cli.accounts",
)  # fmt: skip


def command_modules() -> tuple[ModuleType, ...]:
    """Import every command module (registering all commands) and return them."""
    return tuple(importlib.import_module(name) for name in COMMAND_MODULE_NAMES)


def __getattr__(name: str) -> object:
    if name == "app":
        command_modules()
        return _app.app
    raise AttributeError(f"module 'kneewise.cli' has no attribute {name!r}")


def main() -> None:
    """Entry point of the `kneewise` script: commands load when they run."""
    # kneewise uses no pydantic plugin. Looking for them reads every installed package's
    # metadata when the first model is built (a tenth of a second on a small machine, each
    # command), and a plugin would see a person's health records as they are validated. A
    # person who wants plugins sets PYDANTIC_DISABLE_PLUGINS themselves (empty: all load).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Start-up (importing a command's modules, pydantic, building its options) makes
    # objects that live until exit; the cyclic collector would walk them again and
    # again, and once more at exit, freeing nothing. It is off until the command's
    # own work starts (`_app.end_start_up`, which freezes what start-up built).
    gc.disable()
    # The person's own computer: a record's last day is its local today (kneewise.diary.days).
    from kneewise.diary.days import count_days_on_this_computer

    count_days_on_this_computer()
    try:
        _app.app()
    finally:
        _app.end_start_up()


__all__ = ["COMMAND_MODULE_NAMES", "app", "command_modules", "main"]
