"""Names in every script (data/name_cases.yaml): the record, the CLI, the web form and the API.

The API's schema pattern is checked against the same cases, so what it allows
is what the server takes (real app in-process, real SQLite).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from tests._clock import TODAY as RUN_DAY
from typer.testing import CliRunner

from kneewise._errors import RecordError
from kneewise.cli import app
from kneewise.diary import list_sessions, open_diary
from kneewise.diary.records import ExerciseRecord, SessionRecord, build

CASES = yaml.safe_load((Path(__file__).parent / "data" / "name_cases.yaml").read_text("utf-8"))
TAKEN = [(c["typed"], c["stored"]) for c in CASES["taken"]]
REFUSED = CASES["refused"]
TODAY = RUN_DAY.isoformat()

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


@pytest.mark.parametrize(("typed", "stored"), TAKEN)
def test_a_name_in_any_script_is_kept(typed: str, stored: str) -> None:
    session = build(SessionRecord, {"date": TODAY, "activity": typed, "duration_min": 30})
    assert session.activity == stored
    assert build(ExerciseRecord, {"name": typed}).name == stored


@pytest.mark.parametrize("typed", REFUSED)
def test_markup_symbols_and_control_characters_are_refused(typed: str) -> None:
    with pytest.raises(RecordError, match="letters"):
        build(SessionRecord, {"date": TODAY, "activity": typed, "duration_min": 30})


@pytest.mark.parametrize(("typed", "stored"), TAKEN[:3])
def test_the_cli_logs_a_session_named_in_another_script(
    cli_data_dir: Path, typed: str, stored: str
) -> None:
    result = CliRunner().invoke(app, ["log", "session", "-a", typed, "-d", "30", "-r", "5"])
    assert result.exit_code == 0, result.output
    assert [s.activity for s in list_sessions(open_diary())] == [stored]


def _activity_rule(client: TestClient) -> dict[str, Any]:
    schema = client.get("/openapi.json").json()
    found: dict[str, Any] = schema["components"]["schemas"]["SessionIn"]["properties"]["activity"]
    return found


@pytest.mark.parametrize(("typed", "taken"), [(t, True) for t, _ in TAKEN] + [
    (t, False) for t in REFUSED])  # fmt: skip
def test_the_api_and_its_schema_agree_on_names(client: TestClient, typed: str, taken: bool) -> None:
    rule = _activity_rule(client)
    allowed = len(typed) <= rule["maxLength"] and re.search(rule["pattern"], typed) is not None
    assert allowed is taken
    body = {"date": TODAY, "activity": typed, "duration_min": 30, "rpe": 5}
    answer = client.post("/api/v1/sessions", json=body)
    assert (answer.status_code == 201) is taken, answer.text
    if not taken:
        assert answer.status_code == 422


@pytest.mark.parametrize(("typed", "stored"), TAKEN[:4])
def test_the_web_form_logs_a_session_named_in_another_script(
    client: TestClient, typed: str, stored: str
) -> None:
    form = {"activity": typed, "date": TODAY, "duration_min": "40", "rpe": "5"}
    assert client.post("/diary/session", data=form, follow_redirects=False).status_code == 303
    assert [s.activity for s in list_sessions(client.app.state.diary)] == [stored]  # type: ignore[attr-defined]
