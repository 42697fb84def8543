"""Command-line start-up: `kneewise --help` and `kneewise log pain …` beside `import typer, rich`.

Each command runs as a person runs it (a fresh interpreter, the installed
`kneewise` script), in rounds that take the three in turn so a busy machine
slows them alike; the table gives each one's median and its ratio to the
reference, a Python that only imports Typer and Rich. Target: both within
3x of the reference. `log pain` writes to a throwaway diary, opened once
before timing so no round pays for creating it.
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
TARGET_RATIO = 3.0


def _commands(kneewise: str) -> dict[str, list[str]]:
    pain = ["log", "pain", "--knee", "left", "--during", "3", "--after", "2"]
    return {
        'python -c "import typer, rich"': [sys.executable, "-c", "import typer, rich"],
        "kneewise --help": [kneewise, "--help"],
        "kneewise log pain …": [kneewise, *pain],
    }


def _seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def run(console: Console) -> None:
    kneewise = str(Path(sys.executable).with_name("kneewise"))
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "KNEEWISE_DATA_DIR": folder}
        env.pop("KNEEWISE_DATABASE_URL", None)
        commands = _commands(kneewise)
        for command in commands.values():  # warm the file cache; creates the diary
            _seconds(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(ROUNDS):
            for name, command in commands.items():
                times[name].append(_seconds(command, env))
    medians = {name: statistics.median(found) for name, found in times.items()}
    reference = next(iter(medians.values()))
    table = Table("command", "median ms", "× reference", "target", title=f"{ROUNDS} rounds")
    for name, median in medians.items():
        ratio = median / reference
        verdict = "" if median is reference else ("ok" if ratio <= TARGET_RATIO else "over")
        table.add_row(name, f"{median * 1000:.0f}", f"{ratio:.2f}", verdict)
    console.print(table)
