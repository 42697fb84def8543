"""The `kneewise` command line: one module per command group, registered here.

Registration is one-way: each command module imports `_app` (and a few shared
helpers from modules that import no command module), and only this file
imports the command modules, so there is no import cycle
(tests/cli/test_cli_imports.py checks). Importing a command module is light:
spaCy, polars, WeasyPrint and the diary's storage are imported inside the
commands that use them, so `kneewise --help` loads none of them.
"""

from __future__ import annotations

from kneewise.cli import assess as _assess
from kneewise.cli import diary as _diary
from kneewise.cli import diary_edit as _diary_edit
from kneewise.cli import diary_io as _diary_io
from kneewise.cli import diary_status as _diary_status
from kneewise.cli import evaluate as _evaluate
from kneewise.cli import kb as _kb
from kneewise.cli import profile as _profile
from kneewise.cli import questionnaire as _questionnaire
from kneewise.cli import report as _report
from kneewise.cli import serve as _serve
from kneewise.cli._app import app

#: The modules whose import registers commands, in the order `--help` lists them.
COMMAND_MODULES = (
    _assess, _diary, _diary_edit, _diary_io, _diary_status, _profile,
    _evaluate, _kb, _questionnaire, _report, _serve,
)  # fmt: skip


def main() -> None:
    """Entry point of the `kneewise` script."""
    app()


__all__ = ["COMMAND_MODULES", "app", "main"]
