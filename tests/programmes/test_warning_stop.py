"""A warning sign stops the programme wherever it is logged, every output shows it stopped, and
starting again (any programme) needs the person's word that a clinician has seen the knee.

The real app in-process (TestClient, real SQLite) and the CLI through Typer's CliRunner on a
diary in a temporary folder. Each rule has a case where it acts and one where it must not.
The app's clock is held on the run's TODAY (tests/_clock.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from tests._clock import TODAY
from typer.testing import CliRunner

from kneewise.cli import app as cli
from kneewise.programmes.load import load_library

runner = CliRunner()
#: Programmes only for a knee a clinician has diagnosed: their start always asks.
DIAGNOSED = sum(1 for p in load_library().programmes.values() if p.diagnosis_first)
pytestmark = pytest.mark.usefixtures("today")  # the app's clock held on the run's TODAY


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, " ".join((result.stdout + result.stderr).split())


def _outputs(client: TestClient) -> dict[str, Any]:
    """What each output says of the programme: the API, the page, the feed, the CarePlan."""
    feed = Calendar.from_ical(client.get("/api/v1/programme/feed.ics").content)
    page = client.get("/programme").text
    return {
        "api": client.get("/api/v1/programme").json(),
        "page_logs": "Log today's session" in page or "Change today's log" in page,
        "page": " ".join(page.split()),
        "events": len(feed.walk("VEVENT")),
        "careplan": client.get("/api/v1/programme/careplan").json()["status"],
    }


# --- 1. a red-flag stop asks for clearance before any restart --------------------------------


def test_cli_a_programme_stopped_for_swelling_needs_cleared_to_start_again(
    data_dir: Path,
) -> None:
    assert _cli("programme", "start", "general-knee", "--date", "-3")[0] == 0
    assert _cli("programme", "done", "--date", "yesterday", "--during", "2", "--after", "2")[0] == 0
    code, said = _cli("programme", "done", "--date", "yesterday", "--flag", "swelling")
    assert code == 0 and "start exercising the knee again only when they say so" in said
    code, said = _cli("programme", "start", "general-knee")
    assert code == 2 and "stopped" in said and "warning sign" in said and "--cleared" in said
    code, said = _cli("programme", "start", "itb_syndrome")  # any programme, not only that one
    assert code == 2 and "--cleared" in said
    code, said = _cli("programme", "start", "general-knee", "--cleared")
    assert code == 0 and "Started General knee strength" in said


def test_cli_a_programme_the_person_stopped_starts_again_without_a_word(data_dir: Path) -> None:
    assert _cli("programme", "start", "general_knee", "--date", "-3")[0] == 0
    assert _cli("programme", "stop", "--reason", "going on holiday")[0] == 0
    code, said = _cli("programme", "start", "general_knee")
    assert code == 0 and "Started" in said


def test_api_and_page_a_stop_for_night_pain_needs_cleared_to_restart(client: TestClient) -> None:
    today = TODAY.isoformat()
    assert client.post("/api/v1/programme", json={"programme_id": "general_knee"}).is_success
    logged = client.post(
        "/api/v1/programme/sessions",
        json={"date": today, "status": "done", "pain_during": 1, "red_flags": ["night_pain"]},
    ).json()
    assert logged["enrolment"]["status"] == "stopped"
    refused = client.post("/api/v1/programme", json={"programme_id": "general_knee"})
    assert refused.status_code == 409
    assert "warning sign" in refused.json()["detail"]
    assert "cleared=true" in refused.json()["detail"]
    # The page: the stop's sentence, a tick box on every programme, and a refusal without it.
    page = client.get("/programme").text
    assert "pain at night" in page and page.count('name="cleared"') > DIAGNOSED
    unticked = client.post("/programme/start", data={"programme_id": "patellofemoral_pain"})
    assert unticked.status_code == 422 and "tick the box" in unticked.text
    assert client.get("/api/v1/programme").json()["status"] == "stopped"
    ticked = client.post(
        "/programme/start",
        data={"programme_id": "patellofemoral_pain", "cleared": "yes"},
        follow_redirects=False,
    )
    assert ticked.status_code == 303
    assert client.get("/api/v1/programme").json()["status"] == "active"


def test_api_a_programme_the_person_stopped_needs_no_word(client: TestClient) -> None:
    assert client.post("/api/v1/programme", json={"programme_id": "general_knee"}).is_success
    assert client.post("/api/v1/programme/stop", json={"reason": "too busy"}).is_success
    # Only the programmes for a diagnosed knee ask, as they always do.
    assert client.get("/programme").text.count('name="cleared"') == DIAGNOSED
    again = client.post("/api/v1/programme", json={"programme_id": "general_knee"})
    assert again.status_code == 201 and again.json()["status"] == "active"


# --- 2. a sign in the pain diary stops the programme in every output -------------------------


@pytest.mark.parametrize(
    ("finding", "words"), [("swelling", "new swelling"), ("night_pain", "pain at night")]
)
def test_a_sign_in_the_pain_diary_stops_the_programme_in_every_output(
    client: TestClient, finding: str, words: str
) -> None:
    today = TODAY
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    client.post("/api/v1/programme", json={"programme_id": "general_knee", "date": yesterday})
    before = _outputs(client)
    assert before["api"]["status"] == "active" and before["page_logs"] and before["events"] > 0
    assert before["careplan"] == "active"
    sign = {"date": yesterday, "knee": "right", finding: True}
    assert client.post("/api/v1/pain", json=sign).status_code == 201
    after = _outputs(client)
    assert after["api"]["status"] == "stopped" and after["api"]["decision"] is None
    assert words in after["api"]["reason"] and after["api"]["ended_on"] == yesterday
    assert after["api"]["stage_changes"][-1]["action"] == "stop"
    assert not after["page_logs"] and words in after["page"]
    assert after["events"] == 0 and after["careplan"] == "revoked"
    # A session after the stop is refused saying why; one on the day of the sign is kept.
    later = {"date": today.isoformat(), "status": "done", "pain_during": 1}
    refused = client.post("/api/v1/programme/sessions", json=later)
    assert refused.status_code == 409 and "has been stopped" in refused.json()["detail"]
    kept = client.post("/api/v1/programme/sessions", json={**later, "date": yesterday})
    assert kept.status_code == 200 and kept.json()["enrolment"]["status"] == "stopped"
    assert kept.json()["decision"]["action"] == "stop"
    assert [s["date"] for s in _outputs(client)["api"]["sessions"]] == [yesterday]


@pytest.mark.parametrize("finding", ["swelling", "night_pain"])
def test_a_pain_entry_that_says_no_sign_leaves_the_programme_running(
    client: TestClient, finding: str
) -> None:
    today = TODAY.isoformat()
    client.post("/api/v1/programme", json={"programme_id": "general_knee"})
    body = {"date": today, "knee": "left", "during": 3, finding: False}
    assert client.post("/api/v1/pain", json=body).status_code == 201
    now = _outputs(client)
    assert now["api"]["status"] == "active" and now["page_logs"] and now["events"] > 0
    assert now["careplan"] == "active" and now["api"]["decision"]["action"] != "stop"


def test_cli_status_and_today_after_night_pain_in_the_pain_diary(data_dir: Path) -> None:
    assert _cli("programme", "start", "knee_osteoarthritis", "--date", "-2")[0] == 0
    assert _cli("log", "pain", "--date", "yesterday", "--night-pain", "--knee", "left")[0] == 0
    code, said = _cli("programme", "status")
    assert code == 0 and "stopped" in said and "pain at night" in said
    assert said.count("you logged pain at night") == 1  # said once, not twice
    code, said = _cli("programme", "today")
    assert code == 2 and "no programme is in progress" in said and "warning sign" in said
    code, said = _cli("programme", "calendar", "-o", str(data_dir.parent / "plan.ics"))
    assert code == 2 and "--cleared" in said
    code, said = _cli("programme", "done", "--during", "2")  # today, after the stop
    assert code == 2 and "has been stopped" in said and "Nothing was logged" in said
    code, said = _cli("programme", "start", "knee_osteoarthritis")
    assert code == 2 and "--cleared" in said


def test_cli_a_pain_entry_without_a_sign_leaves_status_running(data_dir: Path) -> None:
    assert _cli("programme", "start", "knee_osteoarthritis", "--date", "-2")[0] == 0
    assert _cli("log", "pain", "--date", "yesterday", "--no-night-pain", "--knee", "left")[0] == 0
    code, said = _cli("programme", "status")
    assert code == 0 and "in progress" in said
    assert _cli("programme", "stop")[0] == 0
    code, said = _cli("programme", "today")  # stopped by the person: no warning sign named
    assert code == 2 and "no programme is in progress" in said and "warning" not in said


def test_a_cleared_restart_is_not_stopped_again_by_the_sign_the_clinician_saw(
    client: TestClient,
) -> None:
    today = TODAY.isoformat()
    client.post("/api/v1/programme", json={"programme_id": "general_knee"})
    sign = {"date": today, "knee": "right", "swelling": True}
    entry = client.post("/api/v1/pain", json=sign).json()
    assert client.get("/api/v1/programme").json()["status"] == "stopped"
    restarted = client.post(
        "/api/v1/programme", json={"programme_id": "general_knee", "cleared": True}
    )
    assert restarted.status_code == 201
    assert _outputs(client)["api"]["status"] == "active"
    # A sign not seen then (night pain, the same day) stops it again.
    changed = client.patch(f"/api/v1/pain/{entry['id']}", json={"night_pain": True})
    assert changed.status_code == 200
    assert _outputs(client)["api"]["status"] == "stopped"
