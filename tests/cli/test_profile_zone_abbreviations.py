"""An abbreviation ("EST", "CET") is not a time zone a profile takes: a place's name is.

The zone database keeps "EST", "CET", "PST8PDT", "GMT", "Etc/GMT+5" and the like as
legacy links, but a person typing "EST" means New York's clock, and "EST" stays at
UTC-5 in summer: their days would start an hour wrong half the year (diary/days.py
`is_abbreviation`). The command line, the API and the profile page refuse them alike,
naming an allowed form (America/New_York), and the profile is unchanged; places,
countries among them ("Japan"), and UTC itself are taken.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from typer.testing import CliRunner

from kneewise.cli import app as cli
from kneewise.diary.days import is_abbreviation, profile_zone, zone_names
from kneewise.diary.records import ProfileRecord

runner = CliRunner(env={"COLUMNS": "80"})
#: Abbreviations and offsets of the zone database, of several shapes.
ABBREVIATIONS = ["EST", "PST8PDT", "CET", "GMT", "HST", "Etc/GMT+5", "NZ", "W-SU", "Zulu"]
#: Places: area and city, an old area name, a country, and UTC by its own name.
PLACES = ["America/New_York", "US/Eastern", "Japan", "UTC"]


def _said(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("zone", ABBREVIATIONS)
def test_an_abbreviation_is_refused_everywhere_naming_a_place(
    data_dir: Path, client: TestClient, zone: str
) -> None:
    assert runner.invoke(cli, ["profile", "set", "--time-zone", "Asia/Tokyo"]).exit_code == 0
    refused = runner.invoke(cli, ["profile", "set", "--time-zone", zone])
    assert refused.exit_code == 2
    said = _said(refused.output)
    assert "abbreviation" in said and "America/New_York" in said
    assert "Traceback" not in said and "time_zone" not in said

    api = client.patch("/api/v1/profile", json={"time_zone": zone})
    assert api.status_code == 422
    assert "abbreviation" in api.text and "America/New_York" in api.text

    page = client.post("/profile", data={"time_zone": zone}, follow_redirects=False)
    assert page.status_code == 422
    shown = _said(page.text)
    assert "abbreviation" in shown and "America/New_York" in shown
    assert "time_zone:" not in shown and "Value error" not in shown
    # Nothing changed, and the page's list of zones does not offer it.
    assert client.get("/api/v1/profile").json()["time_zone"] == "Asia/Tokyo"
    assert f'<option value="{zone}">' not in client.get("/profile").text
    assert zone not in zone_names()


@pytest.mark.parametrize("zone", PLACES)
def test_a_place_is_taken_everywhere(data_dir: Path, client: TestClient, zone: str) -> None:
    done = runner.invoke(cli, ["profile", "set", "--time-zone", zone])
    assert done.exit_code == 0, done.output
    assert client.get("/api/v1/profile").json()["time_zone"] == zone
    assert client.patch("/api/v1/profile", json={"time_zone": zone}).status_code == 200
    saved = client.post("/profile", data={"time_zone": zone}, follow_redirects=False)
    assert saved.status_code == 303
    assert not is_abbreviation(zone) and zone in zone_names()


def test_est_would_have_started_a_new_york_summer_day_an_hour_wrong() -> None:
    """Why: at 04:30 UTC on 1 July it is 00:30 on 1 July in New York, 23:30 on 30 June in EST."""
    instant = dt.datetime(2026, 7, 1, 4, 30, tzinfo=dt.UTC)
    assert instant.astimezone(ZoneInfo("America/New_York")).date() == dt.date(2026, 7, 1)
    assert instant.astimezone(ZoneInfo("EST")).date() == dt.date(2026, 6, 30)


def test_an_abbreviation_saved_before_is_still_read_until_the_person_changes_it(
    data_dir: Path, client: TestClient
) -> None:
    """What a person chose is never dropped: the profile keeps it, and asks on the next save."""
    from kneewise.diary.models import Profile

    assert runner.invoke(cli, ["profile", "set", "--time-zone", "Asia/Tokyo"]).exit_code == 0
    diary = client.app.state.diary  # type: ignore[attr-defined]
    with diary.transaction() as session:
        session.execute(update(Profile).values(time_zone="EST"))
    assert client.get("/api/v1/profile").json()["time_zone"] == "EST"
    zone = profile_zone(ProfileRecord.model_construct(time_zone="EST"))
    assert zone is not None and zone.key == "EST"
    page = client.get("/profile").text
    assert 'value="EST"' in page
    again = client.post("/profile", data={"time_zone": "EST"}, follow_redirects=False)
    assert again.status_code == 422 and "America/New_York" in again.text
