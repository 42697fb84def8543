"""The README's terminal session is what `kneewise assess` prints today, at 80 columns."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from kneewise.cli import app

ROOT = Path(__file__).resolve().parents[2]
COMMAND = "$ .venv/bin/kneewise assess --intake examples/acl.json\n"


def test_the_readme_session_is_the_live_output() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(COMMAND) + len(COMMAND)
    shown = readme[start : readme.index("```", start)]
    result = CliRunner().invoke(
        app, ["assess", "--intake", str(ROOT / "examples" / "acl.json")], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    live = re.sub(r"[ \t]+\n", "\n", result.stdout)
    assert shown == live, "README.md's session is stale: paste the output of the command above"
