"""`make run` and `make test` say what they are doing while `.venv` installs (dry runs only)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SLOW_STEPS = ("-m venv", "pip install")


def dry_run(target: str, venv: Path) -> list[str]:
    """The commands `make` would run for a fresh machine, without running them."""
    # Run as a person would, not as a sub-make of `make test` (which prints
    # "Entering directory" lines and passes its own flags down).
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    command = ["make", "-n", "--no-print-directory", f"VENV={venv}", target]
    done = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True, env=env)
    return done.stdout.splitlines()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize("target", ["run", "test"])
def test_every_slow_step_is_announced_first(target: str, tmp_path: Path) -> None:
    lines = dry_run(target, tmp_path / "venv")
    assert lines[0].startswith('echo "kneewise: [1/3]')
    for number, line in enumerate(lines):
        if any(step in line for step in SLOW_STEPS):
            assert lines[number - 1].startswith('echo "kneewise: ['), line
    big_install = next(line for line in lines if "-e '.[dev,bench]'" in line)
    assert "--quiet" not in big_install  # pip names each package as it goes
    echoes = [line for line in lines if line.startswith("echo ")]
    shown = subprocess.run(["sh", "-c", "; ".join(echoes)], capture_output=True, text=True,
                           check=True).stdout  # fmt: skip
    assert "kneewise: [3/3] installing kneewise" in shown
    assert "kneewise: ready" in shown
