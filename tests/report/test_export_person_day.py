"""Export file names and the PDF report's dates are the person's day (their zone), never
the server's date; the report counts "1 day ago", not "1 days ago".

The server runs in UTC; the clock is held (time-machine) where the person's date and
the UTC date differ, west and east of UTC. Real app in-process, real SQLite diary.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.conftest import signed_in
from tests.report.test_pdf import pdf_text
from typer.testing import CliRunner

from kneewise import assess, load_knowledge, parse_intake
from kneewise.cli import app as cli
from kneewise.diary import open_diary, save_assessment
from kneewise.report.svg import long_day

KB = load_knowledge()
runner = CliRunner(env={"COLUMNS": "80"})
#: (zone, the server's UTC clock, the person's date there); the UTC date differs.
EITHER_SIDE = [
    ("America/Los_Angeles", dt.datetime(2026, 12, 1, 4, 10), dt.date(2026, 11, 30)),
    ("Pacific/Honolulu", dt.datetime(2026, 7, 4, 9, 59), dt.date(2026, 7, 3)),
    ("Asia/Tokyo", dt.datetime(2026, 12, 1, 22, 30), dt.date(2026, 12, 2)),
    ("Pacific/Auckland", dt.datetime(2026, 2, 28, 20, 30), dt.date(2026, 3, 1)),
]
IDS = [zone for zone, _, _ in EITHER_SIDE]


def _utc(clock: dt.datetime) -> time_machine.travel:
    # A destination in UTC also sets the process's zone (TZ) to UTC: the server's date.
    return time_machine.travel(clock.replace(tzinfo=ZoneInfo("UTC")), tick=False)


def _file_name(headers: Mapping[str, str]) -> str:
    disposition = headers["content-disposition"]
    found = re.search(r'filename="([^"]+)"', disposition)
    assert found is not None, disposition
    return found.group(1)


@pytest.mark.parametrize(("zone", "clock", "day"), EITHER_SIDE, ids=IDS)
def test_downloads_are_named_by_the_persons_day(
    server_app: FastAPI, zone: str, clock: dt.datetime, day: dt.date
) -> None:
    with _utc(clock), signed_in(server_app, "ana") as client:
        assert dt.date.today() != day  # the server's date is another
        saved = client.post("/profile", data={"time_zone": zone}, follow_redirects=False)
        assert saved.status_code == 303, saved.text
        as_json = client.get("/settings/export.json")
        as_csv = client.get("/settings/export.zip")
        assert as_json.status_code == as_csv.status_code == 200
        assert _file_name(as_json.headers) == f"kneewise-{day.isoformat()}.json"
        assert _file_name(as_csv.headers) == f"kneewise-{day.isoformat()}-csv.zip"


@pytest.mark.parametrize(("zone", "clock", "day"), EITHER_SIDE, ids=IDS)
def test_the_command_lines_export_folder_is_named_by_the_persons_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: str, clock: dt.datetime, day: dt.date
) -> None:
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    with _utc(clock):
        assert runner.invoke(cli, ["profile", "set", "--time-zone", zone]).exit_code == 0
        done = runner.invoke(cli, ["export", "--format", "csv"])
    assert done.exit_code == 0, done.output
    assert [p.name for p in tmp_path.glob("kneewise-export-*")] == [f"kneewise-export-{day}"]


#: (intake answers, a sentence the report must say, words it must never say)
COUNTED = [
    ({"days_since_session": 1}, "Last training session 1 day ago.", "1 days"),
    ({"days_since_session": 0}, "Last training session today.", "0 days ago"),
    ({"days_since_session": 3}, "Last training session 3 days ago.", "3 day ago"),
    ({"had_knee_surgery": True, "weeks_since_surgery": 1}, "Knee surgery 1 week ago.", "1 weeks"),
    ({"had_knee_surgery": True, "weeks_since_surgery": 0}, "Knee surgery less than a week ago.",
     "0 weeks ago"),
    ({"duration_days": 1}, "It has lasted 1 day.", "1 days"),
    ({"duration_days": 0}, "It started today.", "lasted 0"),
]  # fmt: skip


@pytest.mark.parametrize(("said", "sentence", "never"), COUNTED, ids=[c[1] for c in COUNTED])
def test_the_report_counts_days_and_weeks_in_plain_words(
    client: TestClient,
    pdftotext: str,
    tmp_path: Path,
    said: dict[str, object],
    sentence: str,
    never: str,
) -> None:
    intake = {"schema": "kneewise.intake/2", "age": 29, "activities": ["running"],
              "onset": "gradual", **said}  # fmt: skip
    diary = open_diary()  # the personal app's own diary (KNEEWISE_DATA_DIR of `client`)
    save_assessment(diary, intake, assess(parse_intake(intake), KB).to_json_dict())
    diary.close()
    answer = client.get("/report.pdf")
    assert answer.status_code == 200, answer.text
    text = pdf_text(pdftotext, answer.content, tmp_path)
    assert sentence in text
    assert never not in text


@pytest.mark.parametrize(("zone", "clock", "day"), EITHER_SIDE, ids=IDS)
def test_the_report_is_made_on_the_persons_day(
    client: TestClient, pdftotext: str, tmp_path: Path, zone: str, clock: dt.datetime, day: dt.date
) -> None:
    intake = {"age": 41, "activities": ["cycling"], "onset": "gradual", "duration_days": 60}
    with _utc(clock - dt.timedelta(hours=1)):
        diary = open_diary()
        save_assessment(diary, intake, assess(parse_intake(intake), KB).to_json_dict())
        diary.close()
    with _utc(clock):
        assert client.patch("/api/v1/profile", json={"time_zone": zone}).status_code == 200
        answer = client.get("/report.pdf")
    assert answer.status_code == 200, answer.text
    assert _file_name(answer.headers).endswith(f"-{day.isoformat()}.pdf")
    text = pdf_text(pdftotext, answer.content, tmp_path)
    assert f"made on {long_day(day)}" in text
