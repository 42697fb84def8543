"""`kneewise report` and `kneewise fhir` on the diary the settings point at."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from typer.testing import CliRunner

from kneewise.cli import app
from kneewise.diary import PainEntryRecord, build, log_pain, open_diary

runner = CliRunner()


@pytest.fixture
def data_dir(today: dt.date, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The CLI's diary in a temporary folder, with one pain entry logged today."""
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    diary = open_diary()
    fields = {"date": today, "knee": "right", "during": 6, "after": 4}
    log_pain(diary, build(PainEntryRecord, fields))
    diary.close()
    yield tmp_path / "data"


def test_report_writes_a_pdf(today: dt.date, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    start = (today - dt.timedelta(days=14)).isoformat()
    result = runner.invoke(app, ["report", "--from", start, "--to", "today", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Wrote the report" in result.stdout


def test_report_with_the_range_backwards_says_so_without_a_traceback(
    data_dir: Path, tmp_path: Path
) -> None:
    args = ["report", "--from", "today", "--to", "yesterday", "--out", str(tmp_path / "r.pdf")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "before it starts" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "r.pdf").exists()


def test_report_with_a_bad_date_is_a_clear_error(data_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "--from", "last tuesday"])
    assert result.exit_code == 2 and "date must be" in result.stderr.lower()


def test_fhir_writes_a_valid_bundle(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle.json"
    result = runner.invoke(app, ["fhir", "--out", str(out)])
    assert result.exit_code == 0, result.output
    bundle = Bundle.model_validate(json.loads(out.read_text()))
    kinds = [entry.resource.get_resource_type() for entry in bundle.entry or []]
    assert kinds == ["Patient", "Observation", "Observation"]
