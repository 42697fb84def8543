"""`kneewise profile set --time-zone`: the person's zone from the command line, checked as
the web page and the API check it (one rule: `ProfileRecord.time_zone`, diary/days.py).

Real app in-process and the real SQLite diary the command line writes: a zone the API
takes, the command line takes and the API then reads back; one the API refuses, the
command line refuses with a message naming what is allowed, and the profile is unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kneewise.cli import app as cli
from kneewise.diary.days import ZONE_ALLOWED

runner = CliRunner(env={"COLUMNS": "80"})
#: Names of the zone database, in several regions and shapes (two and three parts).
TAKEN = ["Europe/Oslo", "America/Argentina/Buenos_Aires", "Pacific/Kiritimati", "UTC"]
#: Not zone names: a place that is not a zone, an offset, a city alone, a wrong case,
#: nothing, a path.
REFUSED = ["Mars/Olympus_Mons", "+02:00", "Oslo", "europe/oslo", "", "../../etc/passwd"]


@pytest.mark.parametrize("zone", TAKEN)
def test_a_zone_set_on_the_command_line_is_the_profiles(
    data_dir: Path, client: TestClient, zone: str
) -> None:
    assert client.patch("/api/v1/profile", json={"time_zone": zone}).status_code == 200
    client.patch("/api/v1/profile", json={"time_zone": None})
    done = runner.invoke(cli, ["profile", "set", "--time-zone", zone])
    assert done.exit_code == 0, done.output
    assert f"Time zone: {zone}" in done.output
    assert client.get("/api/v1/profile").json()["time_zone"] == zone


@pytest.mark.parametrize("zone", REFUSED)
def test_a_zone_the_api_refuses_is_refused_naming_what_is_allowed(
    data_dir: Path, client: TestClient, zone: str
) -> None:
    assert runner.invoke(cli, ["profile", "set", "--time-zone", "Asia/Tokyo"]).exit_code == 0
    assert client.patch("/api/v1/profile", json={"time_zone": zone}).status_code == 422
    refused = runner.invoke(cli, ["profile", "set", "--time-zone", zone])
    assert refused.exit_code == 2
    said = " ".join(refused.output.split())
    assert "Time zone" in said and ZONE_ALLOWED in said
    assert "Traceback" not in said and "time_zone" not in said
    assert client.get("/api/v1/profile").json()["time_zone"] == "Asia/Tokyo"


def test_the_help_and_the_nothing_to_change_message_name_the_option(data_dir: Path) -> None:
    shown = runner.invoke(cli, ["profile", "set", "--help"])
    assert "--time-zone" in shown.output and "Europe/Oslo" in shown.output
    nothing = runner.invoke(cli, ["profile", "set"])
    assert nothing.exit_code != 0 and "--time-zone" in nothing.output
