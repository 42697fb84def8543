"""Kinds a fresh-clone trial found: next-morning pain goes to the session waiting for it (never a
new one), a programme id in either spelling everywhere, a programme only for a diagnosed knee
asks for the clinician's word, and a decision names each source once.

CLI through Typer's CliRunner, the API and the page in-process on the real app (real SQLite).
Each rule has a case where it acts and one where it must not. The app's clock is held on the
run's TODAY (tests/_clock.py).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from tests._clock import TODAY
from tests.programmes._results import leading_result
from typer.testing import CliRunner

from kneewise import load_knowledge
from kneewise._errors import KnowledgeError
from kneewise.cli import app as cli
from kneewise.diary import list_sessions, open_diary, save_assessment
from kneewise.programmes.load import DATA_DIR, load_library, load_library_from
from kneewise.programmes.model import programme_key, shown_id
from kneewise.programmes.progress import LoggedSession, decide

LIBRARY = load_library()
runner = CliRunner()
pytestmark = pytest.mark.usefixtures("today")  # the app's clock held on the run's TODAY


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["programme", *args])
    return result.exit_code, " ".join((result.stdout + result.stderr).split())


# --- 3. --morning alone goes to the session waiting for it ----------------------------------


def test_morning_alone_adds_to_yesterdays_session_not_a_new_one(data_dir: Path) -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    assert _cli("start", "general_knee", "--date", "-2")[0] == 0
    assert _cli("done", "--date", "yesterday", "--during", "2", "--after", "1")[0] == 0
    code, said = _cli("done", "--morning", "1")
    assert code == 0 and f"Logged {yesterday:%d %b}" in said
    (training,) = list_sessions(open_diary())  # still the one session, in the training load once
    assert training.date == yesterday
    code, said = _cli("done", "--morning", "2")  # yesterday's morning is logged now
    assert code == 2 and "no session before today is waiting" in said and "--date" in said


def test_morning_alone_with_nothing_waiting_is_refused_and_logs_nothing(data_dir: Path) -> None:
    assert _cli("start", "general_knee")[0] == 0
    code, said = _cli("done", "--morning", "3")
    assert code == 2 and "waiting for its next-morning pain" in said
    code, said = _cli("done", "--date", "today", "--morning", "3")
    assert code == 2 and "no session is logged on" in said
    assert list_sessions(open_diary()) == []


def test_morning_with_a_new_sessions_fields_needs_its_day(data_dir: Path) -> None:
    """--morning without a date never makes a session, whatever else is given; with the
    session's day named, the session and its next-morning pain are logged together."""
    assert _cli("start", "general_knee", "--date", "-1")[0] == 0
    code, said = _cli("done", "--during", "1", "--morning", "0")
    assert code == 2 and "--date" in said and "Logged" not in said
    assert list_sessions(open_diary()) == []
    code, said = _cli("done", "--date", "yesterday", "--during", "1", "--morning", "0")
    assert code == 0 and f"Logged {TODAY - dt.timedelta(days=1):%d %b}" in said


def test_the_page_offers_the_same_session_for_this_mornings_pain(client: TestClient) -> None:
    today = TODAY
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    client.post("/api/v1/programme", json={"programme_id": "general_knee", "date": yesterday})
    client.post(
        "/api/v1/programme/sessions", json={"date": yesterday, "status": "done", "pain_during": 1}
    )
    page = client.get("/programme").text
    assert "How is the knee this morning?" in page and f'value="{yesterday}"' in page
    client.post("/api/v1/programme/sessions", json={"date": yesterday, "pain_next_morning": 0})
    assert "How is the knee this morning?" not in client.get("/programme").text


# --- 4. a programme id in either spelling, shown in one ------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("general-knee", "general_knee"),
        ("General Knee", "general_knee"),
        (" patellar_tendinopathy ", "patellar_tendinopathy"),
        ("ACL-without-surgery", "acl_without_surgery"),
        ("yoga-for-knees", "yoga_for_knees"),  # read the same way; no such programme
    ],
)
def test_programme_key_reads_each_spelling(typed: str, key: str) -> None:
    assert programme_key(typed) == key


def test_the_api_and_the_page_take_a_hyphenated_id(client: TestClient) -> None:
    started = client.post("/api/v1/programme", json={"programme_id": "general-knee"})
    assert started.status_code == 201 and started.json()["programme_id"] == "general_knee"
    assert client.get("/api/v1/programmes/Patellar-Tendinopathy").status_code == 200
    assert client.get("/api/v1/exercises/wall-sit").json()["exercise"]["id"] == "wall_sit"
    logged = client.post(
        "/api/v1/programme/sessions",
        json={"date": TODAY.isoformat(), "status": "done", "met": ["basics-easy"]},
    )
    assert logged.status_code == 200 and logged.json()["enrolment"]["checks"] == ["basics_easy"]
    client.post("/api/v1/programme/stop", json={})
    by_page = client.post(
        "/programme/start", data={"programme_id": "itb-syndrome"}, follow_redirects=False
    )
    assert by_page.status_code == 303
    assert client.get("/api/v1/programme").json()["programme_id"] == "itb_syndrome"


def test_an_unknown_id_is_refused_naming_the_ids_in_the_form_shown(client: TestClient) -> None:
    refused = client.post("/api/v1/programme", json={"programme_id": "yoga-for-knees"})
    assert refused.status_code == 422
    allowed = refused.json()["errors"][0]["allowed"]
    assert "general_knee" in allowed and "general-knee" not in allowed
    assert client.get("/api/v1/programmes/yoga-for-knees").status_code == 404


def test_every_id_the_cli_shows_the_api_takes(client: TestClient, data_dir: Path) -> None:
    """The CLI shows ids as a person types them (`general-knee`, never a stored name); the API
    lists the library's ids and takes the CLI's form of each."""
    code, said = _cli("list")
    api_ids = sorted(p["id"] for p in client.get("/api/v1/programmes").json())
    assert code == 0 and all(f"{shown_id(key)} " in said for key in api_ids)
    assert "general_knee" not in said
    for key in api_ids:
        assert client.get(f"/api/v1/programmes/{shown_id(key)}").json()["programme"]["id"] == key
    assert _cli("start", "General knee")[0] == 0
    code, said = _cli("start", "itb_syndrome")  # a second one: named in words, not by its id
    assert code == 2 and "already in progress (General knee strength)" in said


# --- 5. a programme only for a diagnosed knee ----------------------------------------------


def test_the_acl_programme_needs_a_clinicians_word_with_no_assessment_saved(
    data_dir: Path,
) -> None:
    code, said = _cli("start", "acl-without-surgery")
    assert code == 2 and "torn cruciate ligament" in said and "--cleared" in said
    code, said = _cli("start", "acl-without-surgery", "--cleared")
    assert code == 0 and "Started Torn cruciate ligament" in said


def test_the_acl_programme_over_the_api_and_a_programme_that_needs_no_word(
    client: TestClient,
) -> None:
    refused = client.post("/api/v1/programme", json={"programme_id": "acl_without_surgery"})
    assert refused.status_code == 409 and "torn cruciate ligament" in refused.json()["detail"]
    other = client.post("/api/v1/programme", json={"programme_id": "patellofemoral_pain"})
    assert other.status_code == 201
    client.post("/api/v1/programme/stop", json={})
    cleared = {"programme_id": "acl_without_surgery", "cleared": True}
    assert client.post("/api/v1/programme", json=cleared).status_code == 201


def test_diagnosis_first_needs_a_passage_that_backs_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "programmes" / "ligament.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    acl = next(e for e in entries if e["id"] == "acl_without_surgery")
    acl["diagnosis_first"]["cites"] = ["frobell2010_kanon/outcome"]  # backs the exercise only
    path.write_text(yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="diagnosis_first: no cited passage backs"):
        load_library_from(data)


def test_the_acl_source_says_its_tears_were_found_on_examination() -> None:
    (ref,) = LIBRARY.programmes["acl_without_surgery"].diagnosis_first.cites  # type: ignore[union-attr]
    source, passage = ref.split("/")
    said = LIBRARY.sources[source].passage(passage)
    assert said is not None and "clinical examination" in said.says and said.found


# --- 6. each source once, in order ---------------------------------------------------------


@pytest.mark.parametrize("programme_id", sorted(LIBRARY.programmes))
@pytest.mark.parametrize(
    ("during", "morning"), [(9, 0), (0, 0), (None, None)], ids=["above", "within", "unknown"]
)
def test_a_decision_names_each_source_once(
    programme_id: str, during: int | None, morning: int | None
) -> None:
    programme = LIBRARY.programmes[programme_id]
    start = dt.date(2026, 3, 2)
    sessions = [
        LoggedSession(start + dt.timedelta(days=d), "done", during, None, morning)
        for d in range(0, 6, 2)
    ]
    stage = len(programme.stages) - 1  # the last stage: step back is possible
    decision = decide(
        programme, LIBRARY, stage, start, sessions, set(), start + dt.timedelta(days=6)
    )
    assert len(decision.sources) == len(set(decision.sources))
    assert decision.sources[0] == "silbernagel2007_pain_monitoring"


def _saved_result(client: TestClient, leading: str) -> None:
    """A self-care result whose leading cause (70%) is `leading`, saved in the diary."""
    result = leading_result(load_knowledge(), leading)
    save_assessment(client.app.state.diary, {}, result.to_json_dict())  # type: ignore[attr-defined]


def test_the_offered_acl_programme_asks_on_the_page_and_over_the_api(client: TestClient) -> None:
    _saved_result(client, "acl_tear")
    page = client.get("/programme").text
    offer_form = page[page.index('id="offer-title"') : page.index("All programmes")]
    assert 'name="cleared"' in offer_form and "torn cruciate ligament" in offer_form
    refused = client.post("/api/v1/programme", json={})
    assert refused.status_code == 409 and "torn cruciate ligament" in refused.json()["detail"]
    started = client.post("/api/v1/programme", json={"cleared": True})
    assert started.status_code == 201 and started.json()["programme_id"] == "acl_without_surgery"


def test_an_offered_programme_for_an_undiagnosed_knee_asks_nothing(client: TestClient) -> None:
    _saved_result(client, "patellofemoral_pain")
    page = client.get("/programme").text
    offer_form = page[page.index('id="offer-title"') : page.index("All programmes")]
    assert 'name="cleared"' not in offer_form
    assert client.post("/api/v1/programme", json={}).status_code == 201
