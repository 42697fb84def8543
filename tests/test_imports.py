"""Imports are one-way and light: no cycle among the CLI modules, and heavy libraries load
only in the commands that use them (each checked in a fresh interpreter, as a person runs it).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import kneewise.cli

CLI_DIR = Path(kneewise.cli.__file__).parent
PACKAGE = "kneewise.cli"
#: Loaded only by the commands that need them: the parser, the frames, the PDF, the file readers.
NEVER_AT_START = {"spacy", "polars", "weasyprint", "pandas", "fitparse", "gpxpy", "uvicorn"}


def _module_name(path: Path) -> str:
    return PACKAGE if path.stem == "__init__" else f"{PACKAGE}.{path.stem}"


def _executed_at_import(body: list[ast.stmt]) -> list[ast.stmt]:
    """Module-level statements that run on import (not those under `if TYPE_CHECKING`)."""
    found: list[ast.stmt] = []
    for node in body:
        if isinstance(node, ast.If):
            checking = "TYPE_CHECKING" in ast.unparse(node.test)
            found += _executed_at_import(node.orelse if checking else node.body + node.orelse)
        elif isinstance(node, ast.Try):
            found += _executed_at_import(node.body + node.orelse + node.finalbody)
        else:
            found.append(node)
    return found


def _cli_imports(path: Path, modules: set[str]) -> set[str]:
    """The kneewise.cli modules (or the package itself) a module imports when it is imported."""
    targets: set[str] = set()
    for node in _executed_at_import(ast.parse(path.read_text(encoding="utf-8")).body):
        if isinstance(node, ast.Import):
            targets |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module in modules:
            named = {f"{node.module}.{a.name}" for a in node.names}
            submodules = named & modules
            targets |= submodules or {node.module}
    return targets


def _graph() -> dict[str, set[str]]:
    paths = sorted(CLI_DIR.glob("*.py"))
    modules = {_module_name(p) for p in paths}
    return {_module_name(p): _cli_imports(p, modules) - {_module_name(p)} for p in paths}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path of module names, or [] when there is none."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str]:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return []
        for target in sorted(graph.get(node, set())):
            found = visit(target, [*path, node])
            if found:
                return found
        done.add(node)
        return []

    for start in sorted(graph):
        found = visit(start, [])
        if found:
            return found
    return []


def test_the_cli_modules_import_one_way() -> None:
    graph = _graph()
    assert f"{PACKAGE}._app" in graph[f"{PACKAGE}.diary"]  # commands register on `_app`
    assert not graph[f"{PACKAGE}._app"]
    assert _cycle(graph) == []


def test_the_cycle_check_finds_a_cycle_of_five() -> None:
    ring = ["a", "b", "c", "d", "e"]
    graph = {name: {ring[(i + 1) % 5]} for i, name in enumerate(ring)}
    assert _cycle(graph) == ["a", "b", "c", "d", "e", "a"]


def test_every_command_module_is_registered_by_the_package() -> None:
    commands = {
        _module_name(p)
        for p in CLI_DIR.glob("*.py")
        if "@app.command" in p.read_text(encoding="utf-8")
        or "app.add_typer(" in p.read_text(encoding="utf-8")
    }
    assert commands <= set(kneewise.cli.COMMAND_MODULE_NAMES)


def test_the_command_table_is_the_live_command_tree() -> None:
    from kneewise.cli._app import COMMANDS_FILE
    from kneewise.cli.reference import command_table_json

    written = COMMANDS_FILE.read_text(encoding="utf-8")
    assert written == command_table_json(), (
        "src/kneewise/cli/commands.json is out of date: run "
        "`.venv/bin/python -m kneewise.cli.reference > docs/cli.md`"
    )


def test_help_started_light_is_the_help_of_the_whole_app(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    env = {**os.environ, "KNEEWISE_DATA_DIR": str(tmp_path), "COLUMNS": "100"}
    light = subprocess.run(
        [str(Path(sys.executable).with_name("kneewise")), "--help"],
        capture_output=True, text=True, env=env, check=True,
    ).stdout  # fmt: skip
    whole = CliRunner().invoke(kneewise.cli.app, ["--help"], env={"COLUMNS": "100"}).stdout
    assert light == whole
    assert "log" in light and "assess" in light


#: Runs one statement, then lists the loaded top-level packages on stderr.
SCRIPT = """
import sys
try:
    {statement}
except SystemExit as stop:
    if stop.code not in (0, None):
        raise
finally:
    print(" ".join({{m.split(".")[0] for m in sys.modules}}), file=sys.stderr)
"""


def _loaded_by(statement: str, tmp_path: Path) -> set[str]:
    """Top-level packages loaded by `statement` in a fresh interpreter on an empty diary."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("KNEEWISE_")}
    env["KNEEWISE_DATA_DIR"] = str(tmp_path / "data")  # and no other setting: the defaults
    script = SCRIPT.format(statement=statement)
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert run.returncode == 0, run.stderr
    return set(run.stderr.split())


def _command(*args: str) -> str:
    """A statement running `kneewise ARGS` as the installed script does."""
    return f"sys.argv = ['kneewise', *{list(args)!r}]; from kneewise.cli import main; main()"


def test_help_loads_no_heavy_library(tmp_path: Path) -> None:
    loaded = _loaded_by(_command("--help"), tmp_path)
    assert "typer" in loaded
    assert loaded & (NEVER_AT_START | {"alembic"}) == set()


def test_logging_pain_loads_the_diary_and_nothing_it_does_not_need(tmp_path: Path) -> None:
    # The first run makes the diary (SQLAlchemy and Alembic: create and migrate) …
    first = _loaded_by(_command("log", "pain", "--knee", "left", "--during", "3"), tmp_path)
    assert {"sqlalchemy", "alembic"} <= first
    assert first & NEVER_AT_START == set()
    # … every later one writes through sqlite3 (kneewise.diary.direct, issue #11).
    for command in (
        ("log", "pain", "--knee", "left", "--after", "4"),
        ("log", "session", "--activity", "running", "--duration", "30", "--rpe", "5"),
    ):
        loaded = _loaded_by(_command(*command), tmp_path)
        assert "sqlite3" in loaded
        assert loaded & (NEVER_AT_START | {"sqlalchemy", "alembic", "pydantic_settings"}) == set()
