"""A warning sign's "programme stopped" is said once: for the entry whose sign stopped it.

The stop a sign in the pain diary calls for is stored at the next programme write (a
session of the sign's day is still taken until then), so every further sign logged in
between said "has been stopped" again, as if a new programme had stopped. Now the pain
write says it only when its own entry's sign stopped the programme; a further sign (the
other knee, another day, an edit of another entry) says nothing of it, on the command
line, the API (POST, PUT, PATCH) and the diary page alike, while the programme's own
outputs keep showing the stop. Real app in-process (real SQLite), the CLI through
Typer's CliRunner; the clock held on the run's TODAY.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests._clock import TODAY
from typer.testing import CliRunner

from kneewise.cli import app as cli

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("today")

STOPPED = "has been stopped"
#: The further signs, in other words: (knee, days before TODAY, findings) after the first.
FURTHER_API: list[dict[str, Any]] = [
    {"knee": "right", "date_back": 0, "swelling": True},
    {"knee": "left", "date_back": 1, "night_pain": True, "during": 3},
    {"knee": "both", "date_back": 2, "swelling": True, "night_pain": True},
]


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, " ".join((result.stdout + result.stderr).split())


def _day(back: int) -> str:
    return (TODAY - dt.timedelta(days=back)).isoformat()


def _start(client: TestClient) -> None:
    started = client.post(
        "/api/v1/programme", json={"programme_id": "general_knee", "date": _day(3)}
    )
    assert started.status_code == 201, started.text


def _pain(further: dict[str, Any]) -> dict[str, Any]:
    body = {k: v for k, v in further.items() if k != "date_back"}
    return {**body, "date": _day(further["date_back"])}


@pytest.mark.parametrize("further", FURTHER_API, ids=["other knee", "day before", "both knees"])
def test_api_a_further_sign_says_nothing_more(client: TestClient, further: dict[str, Any]) -> None:
    _start(client)
    first = client.post("/api/v1/pain", json={"date": _day(0), "knee": "left", "swelling": True})
    assert first.json()["programme_stopped"] is not None
    again = client.post("/api/v1/pain", json=_pain(further))
    assert again.status_code == 201, again.text
    assert again.json()["programme_stopped"] is None
    # The programme still reads as stopped everywhere it is shown.
    assert client.get("/api/v1/programme").json()["status"] == "stopped"
    assert STOPPED in " ".join(client.get("/programme").text.split())


def test_api_put_and_patch_of_another_entry_say_nothing_more(client: TestClient) -> None:
    _start(client)
    plain = client.post("/api/v1/pain", json={"date": _day(1), "knee": "right", "after": 2})
    entry = plain.json()["id"]
    first = client.post("/api/v1/pain", json={"date": _day(0), "knee": "left", "night_pain": True})
    assert first.json()["programme_stopped"] is not None
    patched = client.patch(f"/api/v1/pain/{entry}", json={"swelling": True})
    assert patched.status_code == 200 and patched.json()["programme_stopped"] is None
    body = {"date": _day(1), "knee": "right", "after": 2, "swelling": True, "night_pain": True}
    put = client.put(f"/api/v1/pain/{entry}", json=body)
    assert put.status_code == 200 and put.json()["programme_stopped"] is None


def test_api_the_days_session_is_still_taken_after_the_sign_is_said(client: TestClient) -> None:
    """Saying the stop once writes nothing: a session of the sign's day is still kept."""
    _start(client)
    client.post("/api/v1/pain", json={"date": _day(0), "knee": "left", "swelling": True})
    session = {"date": _day(0), "status": "done", "pain_during": 2}
    kept = client.post("/api/v1/programme/sessions", json=session)
    assert kept.status_code == 200, kept.text
    assert kept.json()["enrolment"]["status"] == "stopped"
    assert [s["date"] for s in kept.json()["enrolment"]["sessions"]] == [_day(0)]
    # Stored now: a sign after it says nothing either.
    later = client.post("/api/v1/pain", json={"date": _day(0), "knee": "right", "swelling": True})
    assert later.json()["programme_stopped"] is None


def test_page_a_further_sign_says_nothing_more(client: TestClient) -> None:
    _start(client)
    form = {"date": _day(0), "knee": "left", "swelling": "yes"}
    first = client.post("/diary/pain", data=form, follow_redirects=False)
    assert "programme=stopped" in first.headers["location"]
    again = client.post(
        "/diary/pain",
        data={"date": _day(1), "knee": "right", "night_pain": "yes", "after": "4"},
        follow_redirects=False,
    )
    assert again.status_code == 303 and "programme=" not in again.headers["location"]
    assert STOPPED not in client.get(again.headers["location"]).text
    # The edit form: a sign added to another entry says nothing more either.
    plain = client.post("/api/v1/pain", json={"date": _day(2), "knee": "left", "during": 2})
    entry = plain.json()["id"]
    edited = client.post(
        f"/diary/pain/{entry}",
        data={"date": _day(2), "knee": "left", "during": "2", "swelling": "yes"},
        follow_redirects=False,
    )
    assert edited.status_code == 303 and "programme=" not in edited.headers["location"]
    assert STOPPED in " ".join(client.get("/programme").text.split())


def test_cli_a_further_sign_says_nothing_more(data_dir: Path) -> None:
    assert _cli("programme", "start", "general-knee", "--date", "-3")[0] == 0
    code, said = _cli("log", "pain", "--knee", "right", "--night-pain", "--date", "yesterday")
    assert code == 0 and STOPPED in said
    for entry in (
        ("--knee", "left", "--swelling"),
        ("--knee", "right", "--during", "4", "--swelling", "--date", "-2"),
    ):
        code, said = _cli("log", "pain", *entry)
        assert code == 0 and said.startswith("Logged") and STOPPED not in said
    code, said = _cli("log", "pain", "--knee", "left", "--date", "-3", "--during", "1")
    assert code == 0
    code, said = _cli("log", "edit", "pain", "4", "--night-pain")
    assert code == 0 and STOPPED not in said
    code, said = _cli("programme", "status")
    assert code == 0 and "stopped" in said
