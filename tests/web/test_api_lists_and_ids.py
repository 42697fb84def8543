"""Lists a person gives are kept once each, in order; path ids are whole numbers in digits.

The REST API and the web forms on a throwaway SQLite diary (issues 12 and 15);
the command line's side is in tests/diary/test_cli_lists.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests._clock import TODAY as RUN_DAY

from kneewise.diary.repository import list_pain_entries
from kneewise.intake import Intake

TODAY = RUN_DAY.isoformat()
SESSION = {"date": "2024-05-01", "activity": "running", "duration_min": 30}
PAIN = {"date": "2024-05-01", "knee": "left", "during": 3}

# Each list said with repeats in other spellings, and what is stored: each once, first order.
SPORTS = [
    (["running", "running", " running", "Running"], ["running"]),
    (
        ["Trail Running", "swimming", "trail running ", "trail-running"],
        ["trail_running", "swimming"],
    ),
    (["hiking", "cycling", "HIKING", "Cycling", "hiking"], ["hiking", "cycling"]),
]
LOCATIONS = [
    (["front", "front"], ["front"]),
    (["kneecap", "inner", "kneecap", "inner", "back"], ["kneecap", "inner", "back"]),
]

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


@pytest.mark.parametrize(("given", "stored"), SPORTS)
@pytest.mark.parametrize("method", ["patch", "put"])
def test_api_profile_keeps_each_sport_once(
    client: TestClient, method: str, given: list[str], stored: list[str]
) -> None:
    answer = client.request(method, "/api/v1/profile", json={"sports": given})
    assert answer.status_code == 200, answer.text
    assert answer.json()["sports"] == stored
    assert client.get("/api/v1/profile").json()["sports"] == stored


@pytest.mark.parametrize(("given", "stored"), LOCATIONS)
def test_api_pain_keeps_each_place_once_on_post_put_and_patch(
    client: TestClient, given: list[str], stored: list[str]
) -> None:
    created = client.post("/api/v1/pain", json={**PAIN, "location": given})
    assert created.status_code == 201, created.text
    assert created.json()["location"] == stored
    entry = created.json()["id"]
    replaced = client.put(f"/api/v1/pain/{entry}", json={**PAIN, "location": given[::-1]})
    assert replaced.json()["location"] == list(dict.fromkeys(given[::-1]))
    patched = client.patch(f"/api/v1/pain/{entry}", json={"location": given})
    assert patched.status_code == 200, patched.text
    assert patched.json()["location"] == stored
    assert client.get(f"/api/v1/pain/{entry}").json()["location"] == stored


def test_a_wrong_item_in_a_list_is_a_clear_422_not_a_crash(client: TestClient) -> None:
    for body in ({"sports": [{"a": 1}, {"a": 1}]}, {"sports": [["running"], ["running"]]}):
        answer = client.patch("/api/v1/profile", json=body)
        assert answer.status_code == 422, answer.text
        assert "sports" in answer.text.lower()


def test_the_profile_form_keeps_each_sport_once(client: TestClient) -> None:
    saved = client.post(
        "/profile",
        data={"sports": "Football, football ; FOOTBALL, tennis, Tennis ", "knee": "right"},
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    assert client.get("/api/v1/profile").json()["sports"] == ["football", "tennis"]


def test_the_pain_edit_form_keeps_each_place_once(client: TestClient) -> None:
    entry = client.post("/api/v1/pain", json={**PAIN, "date": TODAY}).json()["id"]
    form = {"date": TODAY, "knee": "left", "during": "2", "location": ["thigh", "calf", "thigh"]}
    answer = client.post(f"/diary/pain/{entry}", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    (stored,) = list_pain_entries(client.app.state.diary)  # type: ignore[attr-defined]
    assert stored.location == ("thigh", "calf")


# An intake's lists: an answer said twice is kept once and weighs once.
INTAKES = [
    {"age": 24, "location": ["front", "kneecap", "front"], "activities": ["running", "running"]},
    {"age": 58, "worse_with": ["stairs_down", "squatting", "stairs_down"]},
    {"schema": "kneewise.intake/2", "age": 40, "dont_know": ["swollen", "swollen"]},
]


@pytest.mark.parametrize("intake", INTAKES)
def test_an_intake_list_with_repeats_is_assessed_as_said_once(
    client: TestClient, intake: dict[str, Any]
) -> None:
    once = {
        name: list(dict.fromkeys(value)) if isinstance(value, list) else value
        for name, value in intake.items()
    }
    answers = {name: value for name, value in intake.items() if name != "schema"}
    read = Intake.model_validate(answers).model_dump()
    # what is kept (and saved with a check) holds each answer once
    assert {name: read[name] for name in answers} == {name: once[name] for name in answers}
    repeated = client.post("/api/v1/assess", json=intake)
    assert repeated.status_code == 200, repeated.text
    assert repeated.json() == client.post("/api/v1/assess", json=once).json()


# Path ids: JSON Schema says integer, so only digits name a record.
NOT_IDS = ["1.0", "+1", "1_0", "1e0", " 1", "%201", "١", "0x1"]


@pytest.mark.parametrize("written", NOT_IDS)
@pytest.mark.parametrize(("kind", "body"), [("sessions", SESSION), ("pain", PAIN)])
def test_api_ids_that_are_not_digits_are_a_422(
    client: TestClient, written: str, kind: str, body: dict[str, Any]
) -> None:
    saved = client.post(f"/api/v1/{kind}", json=body)
    assert saved.status_code == 201 and saved.json()["id"] == 1
    for method in ("get", "put", "patch", "delete"):
        sent = {"put": body, "patch": {}}.get(method)
        answer = client.request(method, f"/api/v1/{kind}/{written}", json=sent)
        assert answer.status_code == 422, (method, answer.text)
        assert "digits only" in answer.json()["detail"]
    # Nothing changed or went. A pain write's reply adds whether a warning sign stopped a
    # programme (`programme_stopped`), which is not part of the entry a read gives back.
    entry = {k: v for k, v in saved.json().items() if k != "programme_stopped"}
    assert client.get(f"/api/v1/{kind}/1").json() == entry


@pytest.mark.parametrize("written", ["1.0", "+1"])
def test_page_ids_that_are_not_digits_are_a_422(client: TestClient, written: str) -> None:
    client.post("/api/v1/sessions", json=SESSION)
    answer = client.get(f"/diary/sessions/{written}/edit")
    assert answer.status_code == 422
    assert client.get("/diary/sessions/1/edit").status_code == 200
