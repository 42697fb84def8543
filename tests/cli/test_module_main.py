"""`python -m kneewise` is the `kneewise` command (a helper tried it and got "no __main__")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def test_python_dash_m_runs_the_same_command() -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-m", "kneewise", "assess", "--text",
         "my knee is red and swollen and I have a fever of 38.9", "--json"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assessment = json.loads(done.stdout)
    assert assessment["triage"]["level"] == "emergency"
