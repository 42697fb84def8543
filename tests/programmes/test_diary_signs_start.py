"""A warning sign already in the pain diary asks for a clinician's word before a programme starts.

The rule is the pain light's own (`analytics.pain_light`, what `kneewise status` shows), so a
start is never allowed while the light says to stop and see someone; a start is never said to
have happened for a programme every output shows stopped; signs a clinician saw are kept by
their pain entry, so a new entry with a sign (the other knee, the same day) stops it again.
CLI through Typer's CliRunner, the API and the page in-process on the real app (real SQLite).
Each rule has a case where it acts and one where it must not. The app's clock is held on the
run's TODAY (tests/_clock.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kneewise.cli import app as cli
from kneewise.diary import list_sessions, open_diary
from kneewise.programmes.load import load_library

runner = CliRunner()
#: Programmes only for a knee a clinician has diagnosed: their start always asks.
DIAGNOSED = sum(1 for p in load_library().programmes.values() if p.diagnosis_first)
pytestmark = pytest.mark.usefixtures("today")  # the app's clock held on the run's TODAY


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, " ".join((result.stdout + result.stderr).split())


# --- 1. signs in the pain diary before the start ----------------------------------------------


@pytest.mark.parametrize(
    "signs",
    [
        ("--knee", "left", "--after", "4", "--swelling", "--night-pain", "--date", "yesterday"),
        ("--knee", "right", "--night-pain", "--date", "today"),
        ("--knee", "both", "--during", "2", "--swelling", "--date", "-5"),
    ],
)
def test_cli_a_sign_in_the_pain_diary_asks_for_cleared_before_a_start(
    data_dir: Path, signs: tuple[str, ...]
) -> None:
    assert _cli("log", "pain", *signs)[0] == 0
    code, said = _cli("status")
    assert "RED" in said and "see a doctor" in said
    code, said = _cli("programme", "start", "patellofemoral-pain")
    assert code == 2 and "Started" not in said
    assert "pain diary" in said and "--cleared" in said
    code, said = _cli("programme", "status")  # nothing was started
    assert code == 2 and "no programme started yet" in said
    code, said = _cli("programme", "start", "patellofemoral-pain", "--cleared")
    assert code == 0 and "Started" in said
    code, said = _cli("programme", "today")  # the signs the clinician saw do not stop it
    assert code == 0 and "stage 1 of" in said
    code, said = _cli("programme", "status")
    assert code == 0 and "in progress" in said


@pytest.mark.parametrize(
    "entry",
    [
        ("--knee", "left", "--after", "4", "--no-swelling", "--no-night-pain", "--date", "today"),
        ("--knee", "left", "--during", "3", "--date", "yesterday"),
        # Swelling 12 days ago is outside the light's 7 days and before the start.
        ("--knee", "right", "--swelling", "--date", "-12"),
    ],
)
def test_cli_a_pain_diary_without_a_current_sign_lets_a_start_go_ahead(
    data_dir: Path, entry: tuple[str, ...]
) -> None:
    assert _cli("log", "pain", *entry)[0] == 0
    code, said = _cli("status")
    assert "RED" not in said
    code, said = _cli("programme", "start", "patellofemoral-pain")
    assert code == 0 and "Started" in said
    code, said = _cli("programme", "today")
    assert code == 0 and "stage 1 of" in said


def test_api_a_sign_in_the_pain_diary_asks_for_cleared(client: TestClient, today: dt.date) -> None:
    sign = {"date": (today - dt.timedelta(days=2)).isoformat(), "knee": "left", "swelling": True}
    assert client.post("/api/v1/pain", json=sign).status_code == 201
    refused = client.post("/api/v1/programme", json={"programme_id": "general-knee"})
    assert refused.status_code == 409 and "pain diary" in refused.json()["detail"]
    assert "cleared=true" in refused.json()["detail"]
    assert client.get("/api/v1/programme").status_code == 404  # nothing started
    started = client.post(
        "/api/v1/programme", json={"programme_id": "general-knee", "cleared": True}
    )
    assert started.status_code == 201 and started.json()["status"] == "active"
    assert client.get("/api/v1/programme").json()["status"] == "active"


def test_api_a_pain_entry_saying_no_sign_needs_no_word(client: TestClient, today: dt.date) -> None:
    body = {"date": today.isoformat(), "knee": "left", "during": 2, "swelling": False}
    assert client.post("/api/v1/pain", json=body).status_code == 201
    started = client.post("/api/v1/programme", json={"programme_id": "general-knee"})
    assert started.status_code == 201 and started.json()["status"] == "active"


def test_page_a_sign_in_the_pain_diary_needs_the_tick_box(
    client: TestClient, today: dt.date
) -> None:
    sign = {"date": today.isoformat(), "knee": "right", "night_pain": True}
    assert client.post("/api/v1/pain", json=sign).status_code == 201
    page = client.get("/programme").text
    assert page.count('name="cleared"') > DIAGNOSED  # every programme asks
    unticked = client.post("/programme/start", data={"programme_id": "patellofemoral_pain"})
    assert unticked.status_code == 422 and "pain diary" in unticked.text
    assert client.get("/api/v1/programme").status_code == 404
    ticked = client.post(
        "/programme/start",
        data={"programme_id": "patellofemoral_pain", "cleared": "yes"},
        follow_redirects=False,
    )
    assert ticked.status_code == 303
    assert client.get("/api/v1/programme").json()["status"] == "active"


def test_page_without_a_sign_asks_only_for_the_diagnosed_knee(client: TestClient) -> None:
    assert client.get("/programme").text.count('name="cleared"') == DIAGNOSED
    started = client.post(
        "/programme/start", data={"programme_id": "patellofemoral_pain"}, follow_redirects=False
    )
    assert started.status_code == 303


# --- 2. cleared signs are kept by their pain entry ---------------------------------------------


def test_new_swelling_on_the_other_knee_the_same_day_stops_a_cleared_programme(
    client: TestClient, today: dt.date
) -> None:
    day = today.isoformat()
    assert client.post(
        "/api/v1/pain", json={"date": day, "knee": "left", "swelling": True}
    ).is_success
    cleared = {"programme_id": "general-knee", "cleared": True}
    assert client.post("/api/v1/programme", json=cleared).status_code == 201
    assert client.get("/api/v1/programme").json()["status"] == "active"
    other = {"date": day, "knee": "right", "swelling": True}
    assert client.post("/api/v1/pain", json=other).status_code == 201
    now = client.get("/api/v1/programme").json()
    assert now["status"] == "stopped" and "swelling" in now["reason"]


def test_more_said_in_the_entry_a_clinician_saw_does_not_stop_it(
    client: TestClient, today: dt.date
) -> None:
    day = today.isoformat()
    seen = {"date": day, "knee": "left", "night_pain": True}
    entry = client.post("/api/v1/pain", json=seen).json()
    assert client.post(
        "/api/v1/programme", json={"programme_id": "general-knee", "cleared": True}
    ).is_success
    more = client.patch(f"/api/v1/pain/{entry['id']}", json={"during": 2})
    assert more.status_code == 200
    assert client.get("/api/v1/programme").json()["status"] == "active"


# --- 3. --morning never makes a session; a sign alone is kept, never refused ------------------


@pytest.mark.parametrize(
    "extra",
    [
        ("--morning", "2", "--during", "1"),
        ("--morning", "0", "--minutes", "20", "--rpe", "3"),
    ],
)
def test_cli_morning_without_a_session_logs_nothing(data_dir: Path, extra: tuple[str, ...]) -> None:
    assert _cli("programme", "start", "general-knee")[0] == 0
    code, said = _cli("programme", "done", *extra)
    assert code == 2 and "Logged" not in said
    assert list_sessions(open_diary()) == []
    code, said = _cli("programme", "status")
    assert code == 0 and "in progress" in said and "0 of" in said


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        (("--morning", "2", "--flag", "locking"), 2),  # the morning is refused, the sign kept
        (("--flag", "locking"), 0),
        (("--flag", "fever", "--flag", "swelling"), 0),
    ],
)
def test_cli_a_sign_without_a_session_is_kept_and_makes_no_training(
    data_dir: Path, extra: tuple[str, ...], code: int
) -> None:
    assert _cli("programme", "start", "general-knee")[0] == 0
    exit_code, said = _cli("programme", "done", *extra)
    assert exit_code == code and "Kept the warning sign" in said and "has been stopped" in said
    assert list_sessions(open_diary()) == []  # no session done, so no training load
    exit_code, said = _cli("programme", "status")
    assert exit_code == 0 and "stopped" in said and "0 of" in said


def test_cli_a_sign_on_a_day_with_a_session_is_added_to_it(data_dir: Path) -> None:
    assert _cli("programme", "start", "general-knee", "--date", "-1")[0] == 0
    assert _cli("programme", "done", "--during", "2")[0] == 0
    code, said = _cli("programme", "done", "--flag", "locking")
    assert code == 0 and "Logged" in said
    assert len(list_sessions(open_diary())) == 1
    code, said = _cli("programme", "status")
    assert code == 0 and "stopped" in said


def test_cli_a_sign_with_a_status_is_a_session(data_dir: Path) -> None:
    assert _cli("programme", "start", "general-knee")[0] == 0
    code, said = _cli("programme", "done", "--status", "skipped", "--flag", "locking")
    assert code == 0 and "Logged" in said
    code, said = _cli("programme", "status")
    assert code == 0 and "stopped" in said
