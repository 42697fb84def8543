"""The line `kneewise log pain` prints says everything stored (break-it trial fault 8).

Cases: data/pain_confirmation_cases.yaml. Each runs on a fresh diary through the
quick sqlite3 path and the SQLAlchemy path; both must print the same line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.diary import open_diary
from kneewise.settings import SQLITE_FILENAME

CASES = yaml.safe_load(
    (Path(__file__).parent / "data" / "pain_confirmation_cases.yaml").read_text()
)
runner = CliRunner()


pytestmark = pytest.mark.usefixtures("no_other_settings")  # tests/diary/conftest.py


def _said(commands: list[list[str]], env: dict[str, str]) -> str:
    out = ""
    for command in commands:
        result = runner.invoke(app, command, env={"COLUMNS": "200", **env})
        assert result.exit_code == 0, result.stderr
        out = result.stdout
    return " ".join(out.split())


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_the_line_says_what_was_stored(case: dict[str, Any], tmp_path: Path) -> None:
    quick_file = tmp_path / "quick" / SQLITE_FILENAME
    orm_file = tmp_path / "orm" / SQLITE_FILENAME
    quick_url, orm_url = (
        URL.create("sqlite", database=str(file)).render_as_string(hide_password=False)
        for file in (quick_file, orm_file)
    )
    for url in (quick_url, orm_url):
        open_diary(url).close()
    quick = _said(case["commands"], {"KNEEWISE_DATA_DIR": str(quick_file.parent)})
    orm = _said(case["commands"], {"KNEEWISE_DATABASE_URL": orm_url})
    assert quick == orm
    for phrase in case["says"]:
        assert phrase in quick
    for phrase in case["never"]:
        assert phrase not in quick
