"""A saved check belongs to the person's day (their zone), never the UTC date of its instant.

Each case is a zone west or east of UTC, minutes before or after the person's
midnight, where the UTC date and the person's date differ. The clock is held
with time-machine; a destination in a zone also sets the process's local zone
(TZ), as on the person's own computer.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from tests.report.test_pdf import pdf_text
from typer.testing import CliRunner

from kneewise import assess, load_knowledge, parse_intake
from kneewise.accounts.sharing import Sharing
from kneewise.cli import app
from kneewise.diary import ProfileRecord, build, open_diary, save_assessment, update_profile
from kneewise.interop.fhir import fhir_bundle
from kneewise.report import latest_assessment, report_content
from kneewise.report.svg import long_day
from kneewise.web.shared_overview import overview

runner = CliRunner()
KB = load_knowledge()
INTAKE = json.loads(Path("examples/acl.json").read_text(encoding="utf-8"))

#: (zone, the person's local clock when the check is saved, their day, the UTC day)
NEAR_MIDNIGHT = [
    ("America/New_York", dt.datetime(2026, 11, 30, 19, 40), dt.date(2026, 11, 30), 1),
    ("America/Los_Angeles", dt.datetime(2026, 6, 14, 23, 55), dt.date(2026, 6, 14), 1),
    ("Asia/Tokyo", dt.datetime(2026, 12, 2, 0, 10), dt.date(2026, 12, 2), -1),
    ("Pacific/Auckland", dt.datetime(2026, 3, 1, 8, 30), dt.date(2026, 3, 1), -1),
]
CASE_IDS = [f"{zone}-{clock:%H%M}" for zone, clock, _, _ in NEAR_MIDNIGHT]


def _at(zone: str, clock: dt.datetime) -> time_machine.travel:
    return time_machine.travel(clock.replace(tzinfo=ZoneInfo(zone)), tick=False)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.mark.parametrize(("zone", "clock", "day", "utc_shift"), NEAR_MIDNIGHT, ids=CASE_IDS)
def test_a_check_saved_near_midnight_is_on_the_persons_day(
    data_dir: Path, zone: str, clock: dt.datetime, day: dt.date, utc_shift: int
) -> None:
    with _at(zone, clock):  # the person's own computer, in their zone, no zone in the profile
        instant = dt.datetime.now(dt.UTC)
        assert instant.date() == day + dt.timedelta(days=utc_shift)  # the UTC date differs
        diary = open_diary()
        save_assessment(diary, INTAKE, assess(parse_intake(INTAKE), KB).to_json_dict())
        saved = latest_assessment(diary, until=day)
        assert saved is not None and saved.day == day
        assert latest_assessment(diary, until=day - dt.timedelta(days=1)) is None
        content = report_content(diary, day - dt.timedelta(days=7), day, KB)
        assert content.saved is not None and content.saved.day == day
        impression = next(
            e["resource"]
            for e in fhir_bundle(diary)["entry"]
            if e["resource"]["resourceType"] == "ClinicalImpression"
        )
        assert impression["effectiveDateTime"].startswith(day.isoformat())
        assert dt.datetime.fromisoformat(impression["effectiveDateTime"]) == instant
        diary.close()


@pytest.mark.parametrize(("zone", "clock", "day", "utc_shift"), NEAR_MIDNIGHT, ids=CASE_IDS)
def test_the_profiles_zone_decides_the_day_on_a_server_in_utc(
    data_dir: Path, zone: str, clock: dt.datetime, day: dt.date, utc_shift: int
) -> None:
    instant = clock.replace(tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)
    with time_machine.travel(instant.replace(tzinfo=ZoneInfo("UTC")), tick=False):
        diary = open_diary()
        update_profile(diary, build(ProfileRecord, {"time_zone": zone}))
        save_assessment(diary, INTAKE, assess(parse_intake(INTAKE), KB).to_json_dict())
        saved = latest_assessment(diary, until=day)
        assert saved is not None and saved.day == day
        assert saved.local_time.date() == day and saved.created_at.date() != day
        share = Sharing(1, 1, "ana", 2, "coach ben", "coach", None, instant)
        view = overview(share, diary, KB)  # the coach's row: the person's today and check day
        assert view.today == day and view.check is not None and view.check.day == day
        diary.close()


def test_the_pdf_of_a_new_york_evening_shows_the_check_saved_a_minute_before(
    data_dir: Path, tmp_path: Path, pdftotext: str
) -> None:
    """The trial's case: 19:40 in New York is 00:40 UTC the next day."""
    out = tmp_path / "r.pdf"
    with _at("America/New_York", dt.datetime(2026, 11, 30, 19, 40)):
        logged = runner.invoke(app, ["log", "pain", "--knee", "left", "--during", "3"])
        assert logged.exit_code == 0, logged.output
        assert "2026-11-30" in logged.stdout
        saved = runner.invoke(app, ["assess", "--intake", "examples/acl.json", "--save"])
        assert saved.exit_code == 0, saved.output
        made = runner.invoke(app, ["report", "-o", str(out)])
        assert made.exit_code == 0, made.output
    text = pdf_text(pdftotext, out.read_bytes(), tmp_path)
    assert "No assessment was saved" not in text
    assert f"Assessment of {long_day(dt.date(2026, 11, 30))}" in text
