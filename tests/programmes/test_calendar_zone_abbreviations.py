"""The programme calendar refuses a zone abbreviation ("EST") as the profile does.

"EST" stays UTC-5 all year: sessions planned at 18:00 with it would be at 19:00 in New
York from March to November. The file (`kneewise programme calendar --time-zone`), the
API's calendar and feed refuse it naming a place's zone (America/New_York), as the
profile does (tests/cli/test_profile_zone_abbreviations.py), and take the place.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from typer.testing import CliRunner

from kneewise.cli import app as cli

runner = CliRunner()
ABBREVIATIONS = ["EST", "PST8PDT", "CET", "Etc/GMT+5"]


@pytest.mark.parametrize("zone", ABBREVIATIONS)
def test_the_cli_refuses_an_abbreviation_and_writes_nothing(data_dir: Path, zone: str) -> None:
    assert runner.invoke(cli, ["programme", "start", "general-knee", "--date", "-2"]).exit_code == 0
    out = data_dir.parent / "plan.ics"
    refused = runner.invoke(cli, ["programme", "calendar", "--out", str(out), "--time-zone", zone])
    said = " ".join(refused.output.split())
    assert refused.exit_code != 0 and "abbreviation" in said and "America/New_York" in said
    assert "Traceback" not in said and not out.exists()


@pytest.mark.parametrize("zone", ABBREVIATIONS)
@pytest.mark.parametrize("address", ["calendar.ics", "feed.ics"])
def test_the_api_refuses_an_abbreviation_naming_a_place(
    client: TestClient, zone: str, address: str
) -> None:
    started = client.post("/api/v1/programme", json={"programme_id": "general_knee"})
    assert started.status_code == 201, started.text
    refused = client.get(f"/api/v1/programme/{address}", params={"time_zone": zone})
    assert refused.status_code == 422
    problem = refused.json()
    assert problem["errors"][0]["field"] == "time_zone"
    assert "abbreviation" in problem["detail"] and "America/New_York" in problem["detail"]


def test_new_york_in_summer_is_at_the_hour_asked(client: TestClient) -> None:
    """18:00 in New York on 6 July is 22:00 UTC (EDT); "EST" would have made it 23:00."""
    started = client.post(
        "/api/v1/programme", json={"programme_id": "general_knee", "date": "2026-07-06"}
    )
    assert started.status_code == 201, started.text
    got = client.get(
        "/api/v1/programme/calendar.ics", params={"time": "18:00", "time_zone": "America/New_York"}
    )
    assert got.status_code == 200
    first = Calendar.from_ical(got.content).walk("VEVENT")[0].decoded("DTSTART")
    assert first.date() == dt.date(2026, 7, 6)
    assert first.astimezone(dt.UTC).hour == 22
