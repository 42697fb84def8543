"""The API and the diary form read sessions and pain as the command line does.

A session of 0 minutes is a rest day only; an exercise name holding sets, reps
or a load is refused with where they go; a new pain entry with places alone
says it needs a finding. The real app in-process on a throwaway SQLite diary.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests._clock import TODAY as RUN_DAY

from kneewise.diary import list_pain_entries, list_sessions

TODAY = RUN_DAY.isoformat()

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


def problem(response: Any) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    return body


def stored_sessions(client: TestClient) -> list[Any]:
    return list_sessions(client.app.state.diary)  # type: ignore[attr-defined]


@pytest.mark.parametrize("activity", ["running", "swimming", "hill_walk"])
def test_the_api_refuses_0_minutes_for_training(client: TestClient, activity: str) -> None:
    body = {"date": TODAY, "activity": activity, "duration_min": 0, "rpe": 7}
    found = problem(client.post("/api/v1/sessions", json=body))
    (error,) = found["errors"]
    assert error["field"] == "duration_min"
    assert f"more than 0 minutes for {activity}" in error["message"]
    assert "rest" in error["message"]
    assert stored_sessions(client) == []


@pytest.mark.parametrize("activity", ["rest", "Rest Day", "day off"])
def test_the_api_logs_a_rest_day_of_0_minutes(client: TestClient, activity: str) -> None:
    body = {"date": TODAY, "activity": activity, "duration_min": 0, "rpe": 0}
    answer = client.post("/api/v1/sessions", json=body)
    assert answer.status_code == 201, answer.text
    assert answer.json()["duration_min"] == 0


def test_a_patch_to_0_minutes_of_a_run_is_refused_and_the_run_kept(client: TestClient) -> None:
    body = {"date": TODAY, "activity": "running", "duration_min": 35, "rpe": 5}
    saved = client.post("/api/v1/sessions", json=body).json()
    url = f"/api/v1/sessions/{saved['id']}"
    for change in ({"duration_min": 0}, {"duration_min": 0, "activity": "jogging"}):
        found = problem(client.patch(url, json=change))
        assert [e["field"] for e in found["errors"]] == ["duration_min"]
        assert "rest" in found["errors"][0]["message"]
    assert client.get(url).json()["duration_min"] == 35
    rested = client.patch(url, json={"duration_min": 0, "activity": "Rest", "rpe": 0})
    assert rested.status_code == 200, rested.text
    assert (rested.json()["activity"], rested.json()["duration_min"]) == ("rest", 0)


def test_the_diary_form_refuses_0_minutes_of_cycling_in_words(client: TestClient) -> None:
    form = {"activity": "cycling", "date": TODAY, "duration_min": "0", "rpe": "6"}
    answer = client.post("/diary/session", data=form, follow_redirects=False)
    assert answer.status_code == 422
    assert "Duration must be more than 0 minutes for cycling" in answer.text
    assert "duration_min" not in answer.text.split('role="alert"')[1].split("</div>")[0]
    assert stored_sessions(client) == []
    rest = {"activity": "rest", "date": TODAY, "duration_min": "0"}
    assert client.post("/diary/session", data=rest, follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    ("name", "numbers"),
    [
        ("squat 3x10", "3x10"),
        ("lunge 40kg", "40kg"),
        ("press 3 x 8", "3 x 8"),
        ("row sets", "sets"),
    ],
)
def test_the_api_refuses_sets_reps_or_load_inside_an_exercise_name(
    client: TestClient, name: str, numbers: str
) -> None:
    body = {"date": TODAY, "activity": "gym", "duration_min": 40, "exercises": [{"name": name}]}
    found = problem(client.post("/api/v1/sessions", json=body))
    (error,) = found["errors"]
    assert error["field"] == "exercises.0.name"
    assert repr(numbers) in error["message"]
    assert "sets, reps and load_kg" in error["message"]
    assert stored_sessions(client) == []


def test_the_api_keeps_sets_reps_and_load_given_in_their_fields(client: TestClient) -> None:
    exercise = {"name": "split squat", "sets": 3, "reps": 10, "load_kg": 40}
    body = {"date": TODAY, "activity": "gym", "duration_min": 40, "exercises": [exercise]}
    answer = client.post("/api/v1/sessions", json=body)
    assert answer.status_code == 201, answer.text
    assert answer.json()["exercises"] == [
        {"name": "split_squat", "sets": 3, "reps": 10, "load_kg": 40}
    ]


@pytest.mark.parametrize("places", [["front"], ["inner", "back"]])
def test_a_new_pain_entry_with_places_alone_says_it_needs_a_finding(
    client: TestClient, places: list[str]
) -> None:
    body = {"date": TODAY, "knee": "right", "location": places}
    found = problem(client.post("/api/v1/pain", json=body))
    (error,) = found["errors"]
    assert "a pain entry needs at least one of" in error["message"]
    for finding in ("pain during activity", "swelling", "morning stiffness"):
        assert finding in error["message"]
    assert list_pain_entries(client.app.state.diary) == []  # type: ignore[attr-defined]
