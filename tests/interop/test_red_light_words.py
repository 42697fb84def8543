"""A red pain light names a way to check the knee that fits where it is read.

Break-it trial: the dashboard, the coach's view and the CDS card said "You can
also run an assessment now: kneewise assess", a terminal command. The
terminal names its command; a page links to the check; a clinician's card says
what the patient was advised, no command.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.conftest import signed_in
from typer.testing import CliRunner

from kneewise import load_knowledge
from kneewise.cli import app as cli
from kneewise.diary import Diary
from kneewise.interop import patient_id, patient_view_cards

COMMAND = "kneewise assess"
#: Night pain: a red light on that day, whatever else was logged.
NIGHT_PAIN = {"knee": "left", "during": 4, "night_pain": True}


def _hook() -> dict[str, object]:
    return {
        "hook": "patient-view",
        "hookInstance": "5b0e4c0e-1111-4d4d-9a9a-0c0c0c0c0c0c",
        "context": {"userId": "Practitioner/3", "patientId": patient_id(None)},
    }


def test_the_cds_light_card_tells_the_clinician_what_the_patient_was_advised(
    diary: Diary,
) -> None:
    cards = patient_view_cards(_hook(), diary, load_knowledge())["cards"]
    [light] = [c for c in cards if c["summary"].startswith("Pain diary")]
    assert "red light" in light["summary"]
    assert COMMAND not in light["detail"] and COMMAND not in light["summary"]
    assert light["detail"].startswith("**kneewise advised the patient:** Stop the training")


def test_the_dashboard_links_to_the_check(client: TestClient, today: dt.date) -> None:
    assert client.post("/api/v1/pain", json={"date": str(today), **NIGHT_PAIN}).status_code == 201
    page = client.get("/dashboard").text
    assert "Today: Red" in page
    assert COMMAND not in page
    assert 'href="/check"' in page


def test_the_coachs_view_has_no_command(server_app: FastAPI, today: dt.date) -> None:
    with signed_in(server_app, "rosa") as rosa, signed_in(server_app, "coach") as coach:
        pain = rosa.post("/api/v1/pain", json={"date": str(today), **NIGHT_PAIN})
        assert pain.status_code == 201
        code = rosa.post("/api/v1/sharing-codes", json={"role": "coach", "team": "Owls"})
        assert coach.post("/api/v1/shared", json={"code": code.json()["code"]}).status_code == 201
        [shared] = coach.get("/api/v1/shared").json()
        assert shared["light"] == "red"
        for path in ("/shared", f"/shared/{shared['share']['person_id']}"):
            page = coach.get(path)
            assert page.status_code == 200 and COMMAND not in page.text, path


def test_the_terminal_names_its_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: dt.date
) -> None:
    monkeypatch.delenv("KNEEWISE_DATABASE_URL", raising=False)
    monkeypatch.setenv("KNEEWISE_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    logged = runner.invoke(
        cli,
        ["log", "pain", "--date", str(today), "--knee", "left", "--during", "4", "--night-pain"],
    )
    assert logged.exit_code == 0, logged.output
    status = runner.invoke(cli, ["status", "--date", str(today)], env={"COLUMNS": "100"})
    assert status.exit_code == 0, status.output
    assert "RED" in status.output and f"check your knee now: {COMMAND}" in status.output
