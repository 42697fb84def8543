"""A warning sign that stops the programme is said where it was logged, and never refused.

1. Swelling or night pain logged in the pain diary (the CLI's `log pain` and `log edit pain`,
   the diary page's form and its edit form, the API's POST, PUT and PATCH) stops a programme in
   progress: each says at once that the programme has been stopped, for which sign and day,
   to see a doctor or physiotherapist, and how to start again (`--cleared`, the page's tick
   box, `cleared=true`). The API's pain entry carries it in `programme_stopped`.
2. A warning sign given for a day without a programme session (`programme done --flag`, the
   API and the page without a status) is kept on that day, with no session done, and said to
   have stopped the programme.

Each with cases where nothing must be said. The real app in-process (real SQLite), the CLI
through Typer's CliRunner on a diary in a temporary folder; the clock held on the run's TODAY.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests._clock import TODAY
from typer.testing import CliRunner

from kneewise.cli import app as cli
from kneewise.diary import open_diary
from kneewise.programmes import store
from kneewise.programmes.load import load_library

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("today")  # the app's clock held on the run's TODAY


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, " ".join((result.stdout + result.stderr).split())


def _said_stopped(text: str, sign_words: str) -> None:
    """The notice: stopped, the sign, who to see, and how to start again."""
    assert "has been stopped" in text and sign_words in text
    assert "doctor or physiotherapist" in text


# --- 1. a sign in the pain diary: the CLI -----------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "sign_words"),
    [
        (("--knee", "left", "--during", "3", "--swelling"), "new swelling"),
        (("--knee", "right", "--night-pain", "--date", "yesterday"), "pain at night"),
        (("--knee", "both", "--after", "5", "--swelling", "--night-pain"), "new swelling"),
    ],
)
def test_cli_log_pain_with_a_sign_says_the_programme_stopped(
    data_dir: Path, entry: tuple[str, ...], sign_words: str
) -> None:
    assert _cli("programme", "start", "general-knee", "--date", "-3")[0] == 0
    code, said = _cli("log", "pain", *entry)
    assert code == 0 and said.startswith("Logged")
    _said_stopped(said, sign_words)
    assert "General knee strength" in said and "kneewise programme start --cleared" in said
    code, said = _cli("programme", "status")
    assert code == 0 and "stopped" in said


@pytest.mark.parametrize(
    "entry",
    [
        ("--knee", "left", "--during", "3"),
        ("--knee", "left", "--after", "4", "--no-swelling", "--no-night-pain"),
    ],
)
def test_cli_log_pain_without_a_sign_says_nothing_of_the_programme(
    data_dir: Path, entry: tuple[str, ...]
) -> None:
    assert _cli("programme", "start", "general-knee", "--date", "-3")[0] == 0
    code, said = _cli("log", "pain", *entry)
    assert code == 0 and "programme" not in said.lower()
    assert _cli("programme", "today")[0] == 0  # still in progress


def test_cli_a_sign_without_a_programme_says_nothing_of_one(data_dir: Path) -> None:
    code, said = _cli("log", "pain", "--knee", "left", "--swelling")
    assert code == 0 and "programme" not in said.lower()


def test_cli_a_sign_added_by_editing_an_entry_says_it_too(data_dir: Path) -> None:
    assert _cli("programme", "start", "general-knee", "--date", "-3")[0] == 0
    assert _cli("log", "pain", "--knee", "left", "--during", "2")[0] == 0
    code, said = _cli("log", "edit", "pain", "1", "--night-pain")
    assert code == 0
    _said_stopped(said, "pain at night")
    assert "--cleared" in said
    code, said = _cli("log", "pain", "--knee", "right", "--swelling")  # said once (above)
    assert code == 0 and "has been stopped" not in said


# --- 1. a sign in the pain diary: the page and the API ---------------------------------------


def _start(client: TestClient) -> None:
    started = client.post(
        "/api/v1/programme",
        json={"programme_id": "general_knee", "date": (TODAY - dt.timedelta(days=3)).isoformat()},
    )
    assert started.status_code == 201


@pytest.mark.parametrize(
    ("answers", "sign_words"),
    [({"swelling": "yes"}, "new swelling"), ({"night_pain": "yes", "after": "3"}, "pain at night")],
)
def test_page_a_sign_says_the_programme_stopped(
    client: TestClient, answers: dict[str, str], sign_words: str
) -> None:
    _start(client)
    form = {"date": TODAY.isoformat(), "knee": "right", **answers}
    saved = client.post("/diary/pain", data=form, follow_redirects=False)
    assert saved.status_code == 303 and "programme=stopped" in saved.headers["location"]
    page = " ".join(client.get(saved.headers["location"]).text.split())
    assert "Pain saved." in page
    _said_stopped(page, sign_words)
    assert "tick the box" in page and 'href="/programme"' in page
    assert client.get("/api/v1/programme").json()["status"] == "stopped"


def test_page_an_entry_without_a_sign_says_only_saved(client: TestClient) -> None:
    _start(client)
    form = {"date": TODAY.isoformat(), "knee": "right", "during": "4", "swelling": "no"}
    saved = client.post("/diary/pain", data=form, follow_redirects=False)
    assert "programme=" not in saved.headers["location"]
    page = client.get(saved.headers["location"]).text
    assert "Pain saved." in page and "has been stopped" not in page
    # An address typed by hand says nothing a stored stop does not back.
    assert "has been stopped" not in client.get("/diary?saved=pain&programme=stopped").text


def test_page_a_sign_added_on_the_edit_form_says_it_too(client: TestClient) -> None:
    _start(client)
    created = client.post(
        "/api/v1/pain", json={"date": TODAY.isoformat(), "knee": "left", "during": 2}
    ).json()
    assert created["programme_stopped"] is None
    form = {"date": TODAY.isoformat(), "knee": "left", "during": "2", "swelling": "yes"}
    saved = client.post(f"/diary/pain/{created['id']}", data=form, follow_redirects=False)
    assert "saved=changed" in saved.headers["location"]
    _said_stopped(client.get(saved.headers["location"]).text, "new swelling")


def test_api_the_pain_entry_carries_the_stop(client: TestClient) -> None:
    _start(client)
    body = {"date": TODAY.isoformat(), "knee": "left", "swelling": True}
    saved = client.post("/api/v1/pain", json=body)
    assert saved.status_code == 201
    stop = saved.json()["programme_stopped"]
    assert stop["programme_id"] == "general_knee" and stop["stopped_on"] == TODAY.isoformat()
    _said_stopped(stop["reason"], "new swelling")
    assert "cleared=true" in stop["restart"] and stop["restart"] in stop["message"]
    # Said once, for the sign that stopped it (tests/programmes/test_stop_said_once.py);
    # a session of the sign's day is still taken (what was logged is kept).
    again = client.post("/api/v1/pain", json={**body, "knee": "right"}).json()
    assert again["programme_stopped"] is None
    session = {"date": TODAY.isoformat(), "status": "done", "pain_during": 2}
    kept = client.post("/api/v1/programme/sessions", json=session)
    assert kept.status_code == 200 and kept.json()["enrolment"]["status"] == "stopped"


def test_api_put_and_patch_carry_it_and_an_entry_without_a_sign_does_not(
    client: TestClient,
) -> None:
    _start(client)
    plain = client.post(
        "/api/v1/pain", json={"date": TODAY.isoformat(), "knee": "left", "after": 3}
    )
    assert plain.json()["programme_stopped"] is None
    entry = plain.json()["id"]
    put = client.put(
        f"/api/v1/pain/{entry}", json={"date": TODAY.isoformat(), "knee": "left", "after": 3}
    )
    assert put.status_code == 200 and put.json()["programme_stopped"] is None
    patched = client.patch(f"/api/v1/pain/{entry}", json={"night_pain": True})
    assert patched.status_code == 200
    _said_stopped(patched.json()["programme_stopped"]["message"], "pain at night")


# --- 2. a sign on a day without a session is kept ---------------------------------------------


@pytest.mark.parametrize(("flag", "sign_words"), [("swelling", "new swelling"), ("fever", "fever")])
def test_cli_a_sign_alone_on_a_day_without_a_session_is_kept(
    data_dir: Path, flag: str, sign_words: str
) -> None:
    assert _cli("programme", "start", "general-knee", "--date", "-4")[0] == 0
    assert _cli("programme", "done", "--date", "-3", "--during", "2", "--after", "2")[0] == 0
    code, said = _cli("programme", "done", "--date", "yesterday", "--flag", flag)
    assert code == 0 and "Kept the warning sign" in said and "no session done" in said
    _said_stopped(said, sign_words)
    assert "kneewise programme start --cleared" in said
    (last,) = store.enrolments(open_diary(), load_library())
    kept = next(s for s in last.sessions if s.day == TODAY - dt.timedelta(days=1))
    assert kept.red_flags == {flag} and kept.status == "skipped" and kept.pain_during is None
    assert last.status == "stopped"


def test_cli_a_sign_with_a_morning_for_a_day_without_a_session_keeps_the_sign(
    data_dir: Path,
) -> None:
    assert _cli("programme", "start", "general-knee", "--date", "-4")[0] == 0
    code, said = _cli("programme", "done", "--date", "-2", "--morning", "3", "--flag", "locking")
    assert code == 2 and "Kept the warning sign" in said and "the knee locking" in said
    assert "next morning's pain was not added" in said
    (last,) = store.enrolments(open_diary(), load_library())
    assert [s.red_flags for s in last.sessions] == [{"locking"}]
    assert all(s.pain_next_morning is None for s in last.sessions)


def test_cli_a_morning_alone_on_a_day_without_a_session_is_still_refused(data_dir: Path) -> None:
    assert _cli("programme", "start", "general-knee", "--date", "-4")[0] == 0
    code, said = _cli("programme", "done", "--date", "-2", "--morning", "3")
    assert code == 2 and "no session is logged" in said
    assert _cli("programme", "today")[0] == 0  # nothing stopped it


def test_cli_a_sign_with_a_session_is_logged_with_it(data_dir: Path) -> None:
    assert _cli("programme", "start", "general-knee", "--date", "-4")[0] == 0
    code, said = _cli("programme", "done", "--date", "-1", "--during", "3", "--flag", "swelling")
    assert code == 0 and said.startswith("Logged") and "Kept" not in said
    (last,) = store.enrolments(open_diary(), load_library())
    (session,) = last.sessions
    assert session.status == "done" and session.red_flags == {"swelling"}


def test_api_and_page_keep_a_sign_sent_without_a_status(client: TestClient) -> None:
    _start(client)
    day = (TODAY - dt.timedelta(days=2)).isoformat()
    logged = client.post("/api/v1/programme/sessions", json={"date": day, "red_flags": ["fever"]})
    assert logged.status_code == 200
    assert logged.json()["enrolment"]["status"] == "stopped"
    assert (
        logged.json()["decision"]["action"] == "stop"
        and "a fever" in (logged.json()["decision"]["sentence"])
    )
    (session,) = logged.json()["enrolment"]["sessions"]
    assert session["status"] == "skipped" and session["red_flags"] == ["fever"]


def test_page_keeps_a_sign_sent_without_a_status(client: TestClient) -> None:
    _start(client)
    sent = client.post(
        "/programme/log",
        data={"date": TODAY.isoformat(), "red_flags": "locking"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    page = " ".join(client.get("/programme").text.split())
    assert "the knee locking" in page and "has been stopped" in page


def test_api_a_new_day_with_pain_but_no_status_is_still_refused(client: TestClient) -> None:
    _start(client)
    day = (TODAY - dt.timedelta(days=1)).isoformat()
    refused = client.post("/api/v1/programme/sessions", json={"date": day, "pain_during": 2})
    assert refused.status_code == 409 and "status is required" in refused.json()["detail"]
