"""How `kneewise` starts (issue #11): only the command named is built, and the collector is on
again when a command runs and after every run, however it ends.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import kneewise.cli
from kneewise.cli import _app

WHOLE_APP = kneewise.cli.app  # reading it imports and registers every command module


def _whole(*path: str) -> Any:
    """The command at `path` in the fully built app, as the reference and tests see it."""
    import typer

    command = typer.main.get_command(WHOLE_APP)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    return command


def _shape(command: Any) -> dict[str, Any]:
    """What a person sees of a command: its help, options with their help and defaults."""
    return {
        "help": command.help,
        "params": [(p.opts, p.secondary_opts, getattr(p, "help", None), p.default)
                   for p in command.params],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("path", "built"),
    [
        (("log", "pain", "--knee", "left", "--during", "3"), {"pain"}),
        (("log", "session", "--help"), {"session"}),
        (("log", "edit", "pain", "4", "--after", "2"), {"edit"}),
        (("log", "--help"), {"session", "pain", "list", "edit"}),
        (("log", "pian"), {"session", "pain", "list", "edit"}),
        (("log",), {"session", "pain", "list", "edit"}),
    ],
    ids=["log pain", "log session --help", "log edit pain", "log --help", "a typo", "no more"],
)
def test_a_group_builds_the_subcommand_named_or_all_of_them(
    path: tuple[str, ...], built: set[str]
) -> None:
    group = _app.load_command(path[0], path[1:])
    assert set(group.commands) == built
    for name in built:  # each built as the whole app builds it
        assert _shape(group.commands[name]) == _shape(_whole(path[0], name))


def test_a_nested_group_builds_only_the_command_named_below_it() -> None:
    edit = _app.load_command("log", ["edit", "session", "7", "--rpe", "6"]).commands["edit"]
    assert set(edit.commands) == {"session"}
    assert _shape(edit.commands["session"]) == _shape(_whole("log", "edit", "session"))


def test_a_top_level_command_is_built_alone() -> None:
    assert _shape(_app.load_command("delete", ["--pain", "3"])) == _shape(_whole("delete"))


def test_ending_start_up_leaves_an_enabled_collector_alone() -> None:
    # The app invoked in a test process (collector on) must not freeze that process's objects.
    frozen = gc.get_freeze_count()
    _app.end_start_up()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


#: Runs the installed entry point, then says whether the collector is on and whether start-up
#: was frozen (what the command saw is printed by the command itself).
SCRIPT = """
import gc, sys
sys.argv = ["kneewise", *{args!r}]
from kneewise.cli import main
try:
    main()
except SystemExit as stop:
    code = stop.code
print(gc.isenabled(), gc.get_freeze_count() > 0, code, file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["log", "pain", "--knee", "left", "--during", "3"], 0),
        (["log", "pain", "--knee", "left", "--during", "11"], 2),
        (["log", "pain", "--knee", "left", "--during", "three"], 2),
        (["--help"], 0),
        (["log", "pian"], 2),
    ],
    ids=["logged", "refused by the record", "refused by the option", "help", "a typo"],
)
def test_the_collector_is_on_after_every_run(tmp_path: Path, args: list[str], code: int) -> None:
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("KNEEWISE_")}
    env["KNEEWISE_DATA_DIR"] = str(tmp_path)
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(args=args)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    enabled, frozen, exit_code = run.stderr.strip().splitlines()[-1].split()
    assert (enabled, frozen, exit_code) == ("True", "True", str(code)), run.stderr


#: The command's work opens the diary: an audit hook (no change to kneewise) says what it saw.
COMMAND_SEES = """
import gc, sys
def hook(event, args):
    if event == "sqlite3.connect":
        print("collector on when the diary opened:", gc.isenabled(), file=sys.stderr)
sys.addaudithook(hook)
sys.argv = ["kneewise", "log", "pain", "--knee", "left", "--during", "3"]
from kneewise.cli import main
try:
    main()
except SystemExit:
    pass
"""


def test_a_command_does_its_work_with_the_collector_on(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("KNEEWISE_")}
    env["KNEEWISE_DATA_DIR"] = str(tmp_path)
    for _ in range(2):  # the first run makes the diary (SQLAlchemy), the second uses sqlite3
        run = subprocess.run(
            [sys.executable, "-c", COMMAND_SEES], capture_output=True, text=True, env=env,
            check=True,
        )  # fmt: skip
        seen = {line for line in run.stderr.splitlines() if line.startswith("collector on")}
        assert seen == {"collector on when the diary opened: True"}, run.stderr
