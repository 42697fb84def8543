"""A `KNEEWISE_*` setting that is not allowed is one plain line, for every setting (issue 13).

The line names the variable and what is allowed, never pydantic's "Value error,"
prefix, never a traceback, never the value given (an address may hold a
password); `kneewise serve` and a diary command say the same. Every setting that
can hold a wrong value is in the table: a new setting must add its case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.settings import Settings

runner = CliRunner()

#: (variable, wrong value, words of what is allowed)
WRONG = [
    ("EMERGENCY_NUMBER", "abc", "an emergency number is 2 to 15 digits"),
    ("EMERGENCY_NUMBER", "call mum", "for example 112, 911 or 999"),
    ("LOGIN_RATE_LIMIT", "lots", "a rate is a number of tries per time"),
    ("RATE_LIMIT_STORAGE", "redis://:hunter2@cache:6379", "needs its client library"),
    ("RATE_LIMIT_STORAGE", "cache", "memory://"),
    ("MAX_BODY_BYTES", "a lot", "valid integer"),
    ("MAX_BODY_BYTES", "0", "greater than 0"),
    ("ACCOUNTS", "maybe", "valid boolean"),
    ("COOKIE_SECURE", "perhaps", "valid boolean"),
    ("SIGNUP", "everyone", "'invite', 'open' or 'closed'"),
    ("SESSION_DAYS", "forever", "valid integer"),
    ("SESSION_DAYS", "400", "less than or equal to 365"),
]
#: Settings that take any text, so no value of theirs is wrong here.
ANY_TEXT = {"data_dir", "database_url", "secret_key", "allowed_hosts"}


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path))
    for name in Settings.model_fields:
        if name != "data_dir":
            monkeypatch.delenv(f"KNEEWISE_{name.upper()}", raising=False)
    return tmp_path


def test_the_table_holds_every_setting_that_can_be_wrong() -> None:
    tried = {variable.lower() for variable, _, _ in WRONG}
    assert tried | ANY_TEXT == set(Settings.model_fields)


@pytest.mark.parametrize("command", [["serve"], ["status"]])
@pytest.mark.parametrize(("variable", "value", "allowed"), WRONG)
def test_a_wrong_setting_is_one_plain_line(
    command: list[str], variable: str, value: str, allowed: str
) -> None:
    result = runner.invoke(app, command, env={"COLUMNS": "300", f"KNEEWISE_{variable}": value})
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)  # a plain exit, not a traceback
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: a setting is not valid: KNEEWISE_{variable}: ")
    assert allowed in line
    assert "Value error" not in line and "pydantic" not in line
    assert "input_value" not in line and "hunter2" not in line  # the value is never repeated
