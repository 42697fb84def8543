"""The terminal result says temperatures in the person's unit (issue 14 item 10): °F first
with the °C kept in brackets, from --temperature-unit or, with --save, the diary's profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kneewise.cli import app

runner = CliRunner(env={"COLUMNS": "200"})
#: Signs of a joint infection: the reasons and findings shown mention a fever of 38 °C.
HOT_KNEES: list[dict[str, object]] = [
    {"swollen": True, "warm": True, "red": True, "fever": True},
    {"swollen": True, "red": True, "fever": True, "unwell": True, "age": 70},
    {"warm": True, "fever": True, "had_knee_surgery": True, "weeks_since_surgery": 3},
]


def _intake(tmp_path: Path, answers: dict[str, object]) -> str:
    path = tmp_path / "intake.json"
    path.write_text(json.dumps({"schema": "kneewise.intake/2", **answers}))
    return str(path)


@pytest.mark.parametrize("answers", HOT_KNEES)
def test_the_full_result_says_fahrenheit_when_asked(
    tmp_path: Path, answers: dict[str, object]
) -> None:
    intake = _intake(tmp_path, answers)
    celsius = runner.invoke(app, ["assess", "-i", intake, "--full"])
    fahrenheit = runner.invoke(app, ["assess", "-i", intake, "--full", "--temperature-unit", "F"])
    assert celsius.exit_code == fahrenheit.exit_code == 0, fahrenheit.output
    assert "38 °C" in celsius.output and "°F" not in celsius.output
    assert "100.4 °F (38 °C)" in fahrenheit.output
    assert "38 °C" not in fahrenheit.output.replace("100.4 °F (38 °C)", "")


def test_with_save_the_profiles_unit_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    assert runner.invoke(app, ["profile", "set", "--temperature-unit", "F"]).exit_code == 0
    result = runner.invoke(
        app, ["assess", "-i", _intake(tmp_path, HOT_KNEES[0]), "--full", "--save"]
    )
    assert result.exit_code == 0, result.output
    assert "100.4 °F (38 °C)" in result.output


def test_an_unknown_unit_is_refused_naming_what_is_allowed(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["assess", "-i", _intake(tmp_path, HOT_KNEES[0]), "--temperature-unit", "K"]
    )
    assert result.exit_code == 2
    assert "'C'" in result.output and "'F'" in result.output
