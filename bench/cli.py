"""Command-line start-up: `kneewise --help`, `log pain …` and `log session …` beside Typer + Rich.

Each command runs as a person runs it (a fresh interpreter, the installed
`kneewise` script), in rounds that take them in turn so a busy machine slows
them alike; the table gives each one's median wall time, its median CPU time
(user + system, less swayed by other work on the machine) and both ratios to
the reference, a Python that only imports Typer and Rich. Target: each within
3x of the reference (wall). Beside them, for scale, a bare Typer command with two
options (no kneewise): what any such command pays before its own work. The
log commands write to a throwaway personal diary (no `KNEEWISE_*` setting but
its folder), made before timing so no round pays for creating it: they take
the sqlite3 path (`kneewise.diary.direct`).

Bytecode: a person's install writes `__pycache__` on the first run and uses it
after, so the subprocesses run without `PYTHONDONTWRITEBYTECODE` (which this
environment sets: kneewise's own modules would otherwise be compiled from
source on every run); the warm-up rounds write the cache.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROUNDS = 9
WARM_UP_ROUNDS = 2
TARGET_RATIO = 3.0


#: What any Typer command with options costs before it does anything of its own. Typer 0.29
#: coerces each option of the command run (given or not) through a pydantic TypeAdapter, made
#: as the values are processed: so the command imports pydantic (typer._adapters) and, with the
#: first validator, pydantic's plugin loader (importlib.metadata); Rich's console prints.
#: Counted in instructions (valgrind, Python 3.11), importing pydantic is about 1.3x the
#: reference, rich.console 0.3x, importlib.metadata 0.2x; the adapters themselves are small.
BARE_TYPER_COMMAND = """
from typing import Annotated
import typer
app = typer.Typer()
@app.command()
def pain(knee: Annotated[str, typer.Option()], during: Annotated[int, typer.Option()]) -> None:
    from rich.console import Console
    Console().print(f"{knee} {during}")
@app.command()
def other() -> None: pass
app()
"""


def _commands(kneewise: str) -> dict[str, list[str]]:
    pain = ["log", "pain", "--knee", "left", "--during", "3", "--after", "2"]
    session = ["log", "session", "--activity", "running", "--duration", "30", "--rpe", "5"]
    bare = ["pain", "--knee", "left", "--during", "3"]
    return {
        'python -c "import typer, rich"': [sys.executable, "-c", "import typer, rich"],
        "a bare Typer command, 2 options": [sys.executable, "-c", BARE_TYPER_COMMAND, *bare],
        "kneewise --help": [kneewise, "--help"],
        "kneewise log pain …": [kneewise, *pain],
        "kneewise log session …": [kneewise, *session],
    }


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one run."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, command)
    return wall, usage.ru_utime + usage.ru_stime


def _environment(folder: str) -> dict[str, str]:
    """This environment without kneewise's settings or PYTHONDONTWRITEBYTECODE; the diary here."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.upper().startswith("KNEEWISE_") and name != "PYTHONDONTWRITEBYTECODE"
    }
    env["KNEEWISE_DATA_DIR"] = folder
    return env


def run(console: Console) -> None:
    kneewise = str(Path(sys.executable).with_name("kneewise"))
    with tempfile.TemporaryDirectory() as folder:
        env = _environment(folder)
        commands = _commands(kneewise)
        for _ in range(WARM_UP_ROUNDS):  # creates the diary, writes bytecode, fills the cache
            for command in commands.values():
                _run(command, env)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(ROUNDS):
            for name, command in commands.items():
                times[name].append(_run(command, env))
    wall = {name: statistics.median(t[0] for t in found) for name, found in times.items()}
    cpu = {name: statistics.median(t[1] for t in found) for name, found in times.items()}
    reference = next(iter(commands))
    table = Table(
        "command", "median ms", "× reference", "CPU ms", "× reference (CPU)", "target",
        title=f"{ROUNDS} rounds",
    )  # fmt: skip
    for name in commands:
        ratio = wall[name] / wall[reference]
        judged = name.startswith("kneewise")
        verdict = "" if not judged else ("ok" if ratio <= TARGET_RATIO else "over")
        table.add_row(
            name, f"{wall[name] * 1000:.0f}", f"{ratio:.2f}", f"{cpu[name] * 1000:.0f}",
            f"{cpu[name] / cpu[reference]:.2f}", verdict,
        )  # fmt: skip
    console.print(table)
