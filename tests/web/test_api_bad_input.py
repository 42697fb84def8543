"""Bad input in the API and the forms: short samples in errors, JSON read strictly.

A value is never echoed whole in an error (a short sample at most), a body
that is not JSON is named as such with its line and column, and a key given
twice in one object is refused by name. Each is tried on several routes and
fields, in other words than the trial that found it.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kneewise.diary import list_pain_entries, list_sessions
from kneewise.web.echoes import SAMPLE_CHARACTERS, short_text

PROBLEM_JSON = "application/problem+json"
JSON = {"content-type": "application/json"}
LONG = 200_000
SESSION = {"date": "2024-05-01", "activity": "running", "duration_min": 30}
PAIN = {"date": "2024-05-01", "knee": "left", "during": 3}
#: No error may quote more of the value sent than this (a sample, then "…").
MOST_QUOTED = 100


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = response.json()
    return body


def longest_run(text: str, letter: str) -> int:
    return max((len(run) for run in re.findall(f"{re.escape(letter)}+", text)), default=0)


def long_text(letter: str) -> str:
    return letter * LONG


# Item 1: errors name the field and quote at most a short sample.

LONG_VALUES = [
    ("/api/v1/sessions", "post", {**SESSION, "activity": long_text("q")}, "activity"),
    ("/api/v1/sessions", "post", {**SESSION, "notes": long_text("q")}, "notes"),
    ("/api/v1/sessions", "post", {**SESSION, "date": long_text("q")}, "date"),
    (
        "/api/v1/sessions",
        "post",
        {**SESSION, "exercises": [{"name": long_text("q")}]},
        "exercises.0.name",
    ),
    ("/api/v1/pain", "post", {**PAIN, "knee": long_text("q")}, "knee"),
    ("/api/v1/pain", "post", {**PAIN, "location": [long_text("q")]}, "location.0"),
    ("/api/v1/profile", "put", {"sports": [long_text("q")]}, "sports.0"),
    ("/api/v1/assess", "post", {"age": long_text("q")}, "age"),
    ("/api/v1/assess", "post", {"knee_side": long_text("q")}, "knee_side"),
    ("/api/v1/parse", "post", {"text": 7, long_text("q"): 1}, None),
]


@pytest.mark.parametrize(("path", "method", "body", "field"), LONG_VALUES)
def test_a_long_value_is_named_by_its_field_and_quoted_only_as_a_sample(
    client: TestClient, path: str, method: str, body: dict[str, Any], field: str | None
) -> None:
    response = client.request(method, path, json=body)
    found = problem(response, 422)
    assert longest_run(response.text, "q") <= MOST_QUOTED, response.text[:500]
    assert len(response.content) < 5_000
    fields = [error["field"] for error in found["errors"]]
    if field is not None:
        assert field in fields, fields


def test_a_long_unknown_key_is_named_by_its_start_and_length(client: TestClient) -> None:
    key = "z" * 5_000
    found = problem(client.post("/api/v1/sessions", json={**SESSION, key: 1}), 422)
    (error,) = found["errors"]
    assert error["field"].startswith("z" * SAMPLE_CHARACTERS)
    assert "5000 characters" in error["field"]
    assert longest_run(json.dumps(found), "z") <= MOST_QUOTED


def test_thousands_of_unknown_keys_give_a_bounded_answer_that_says_how_many(
    client: TestClient,
) -> None:
    body = {**SESSION, **{f"extra_{i}": i for i in range(3_000)}}
    response = client.post("/api/v1/sessions", json=body)
    found = problem(response, 422)
    assert found["detail"].startswith("3000 problems, the first 50 listed")
    assert len(found["errors"]) == 50
    assert len(response.content) < 20_000


def test_a_short_value_is_still_shown_whole(client: TestClient) -> None:
    found = problem(client.post("/api/v1/assess", json={"age": "forty"}), 422)
    assert "forty" in json.dumps(found)


@pytest.mark.parametrize(
    "text",
    [
        "got '" + "a" * 500 + "'",
        'got "' + "b" * 500 + '"',
        "don't know; got '" + "c" * 500 + "' and 'short'",
        "got '" + "d" * 50_000,  # a quote left open where a long text was cut
        "e" * 10_000,  # no quotes at all
    ],
)
def test_short_text_keeps_a_sample_of_every_long_run(text: str) -> None:
    shortened = short_text(text)
    letter = text.removeprefix("don't know; ").removeprefix("got ")[1]
    letter = letter if letter.isalpha() else text[0]
    assert longest_run(shortened, letter) <= MOST_QUOTED
    assert len(shortened) <= 300
    if "short" in text:
        assert "'short'" in shortened


def test_a_session_form_with_long_text_answers_with_short_messages(client: TestClient) -> None:
    form = {"activity": "w" * 5_000, "date": "2024-05-01", "duration_min": "30"}
    answer = client.post("/diary/session", data=form, follow_redirects=False)
    assert answer.status_code == 422
    alert = re.search(r'<div class="error" role="alert">(.*?)</div>', answer.text, re.DOTALL)
    assert alert is not None
    assert longest_run(alert.group(1), "w") <= MOST_QUOTED
    assert "Activity" in alert.group(1)


def test_an_error_page_for_a_long_query_value_quotes_a_sample(client: TestClient) -> None:
    answer = client.get("/api/v1/sessions", params={"limit": "9" * 5_000})
    problem(answer, 422)
    assert longest_run(answer.text, "9") <= MOST_QUOTED


# Item 2: a body that is not JSON is named so, with where reading stopped.


@pytest.mark.parametrize(
    ("body", "line", "column"),
    [
        (b'{"date": "2024-05-01",\n "activity": running}', 2, 14),
        (b'{"date": "2024-05-01", }', 1, 24),
        (b"{\n\n  'knee': 'left'\n}", 3, 3),
        (b'{"during": 3', 1, 13),
    ],
)
def test_a_body_that_is_not_json_names_its_line_and_column(
    client: TestClient, body: bytes, line: int, column: int
) -> None:
    for path in ("/api/v1/sessions", "/api/v1/pain", "/api/v1/assess"):
        found = problem(client.post(path, content=body, headers=JSON), 400)
        assert "not valid JSON" in found["detail"]
        assert f"line {line}, column {column}" in found["detail"]
        (error,) = found["errors"]
        assert error["field"] == "(body)"
    assert list_sessions(client.app.state.diary) == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("body", [b"\x80", b"\x00" * 13, b'{"knee": "\xff"}', b"\xef\xbb"])
def test_a_body_that_is_not_text_is_a_400_not_a_500(client: TestClient, body: bytes) -> None:
    for path in ("/api/v1/pain", "/api/v1/assess"):
        found = problem(client.post(path, content=body, headers=JSON), 400)
        assert "not valid JSON" in found["detail"]


# Item 3: a key given twice in one object is refused by name; nothing is saved.


@pytest.mark.parametrize(
    ("path", "body", "named"),
    [
        ("/api/v1/assess", '{"fever": true, "age": 40, "fever": false}', ["fever"]),
        (
            "/api/v1/pain",
            '{"date": "2024-05-01", "knee": "left", "during": 2, "knee": "right"}',
            ["knee"],
        ),
        (
            "/api/v1/sessions",
            '{"date": "2024-05-01", "activity": "running", "duration_min": 30,'
            ' "exercises": [{"name": "squat", "sets": 3, "sets": 5}]}',
            ["exercises.0.sets"],
        ),
        (
            "/api/v1/sessions",
            '{"date": "2024-05-01", "rpe": 4, "activity": "cycling", "duration_min": 30,'
            ' "rpe": 8, "date": "2024-05-02"}',
            ["rpe", "date"],
        ),
        (
            "/api/v1/interview",
            '{"answers": {"swollen": true, "swollen": null}}',
            ["answers.swollen"],
        ),
    ],
)
def test_a_key_given_twice_is_refused_by_name(
    client: TestClient, path: str, body: str, named: list[str]
) -> None:
    found = problem(client.post(path, content=body, headers=JSON), 422)
    assert [error["field"] for error in found["errors"]] == named
    for key in named:
        assert key in found["detail"]
    diary = client.app.state.diary  # type: ignore[attr-defined]
    assert list_sessions(diary) == [] and list_pain_entries(diary) == []


def test_a_key_given_twice_is_refused_on_replace_and_patch_too(client: TestClient) -> None:
    saved = client.post("/api/v1/pain", json=PAIN).json()
    twice = '{"date": "2024-05-01", "knee": "left", "swelling": true, "swelling": false}'
    for method in ("put", "patch"):
        answer = client.request(method, f"/api/v1/pain/{saved['id']}", content=twice, headers=JSON)
        assert [e["field"] for e in problem(answer, 422)["errors"]] == ["swelling"]
    assert client.get(f"/api/v1/pain/{saved['id']}").json()["swelling"] is None


def test_equal_keys_in_different_objects_are_not_a_repeat(client: TestClient) -> None:
    body = {
        **SESSION,
        "exercises": [{"name": "squat", "sets": 3}, {"name": "lunge", "sets": 2}],
    }
    assert client.post("/api/v1/sessions", json=body).status_code == 201


def test_every_api_route_that_takes_a_body_reads_it_strictly(client: TestClient) -> None:
    from fastapi.routing import APIRoute, iter_route_contexts

    from kneewise.web.json_body import JsonRoute

    loose = [
        context.path_format
        for context in iter_route_contexts(list(client.app.routes))  # type: ignore[attr-defined]
        if isinstance(context.original_route, APIRoute)
        and context.original_route.body_field is not None
        and not isinstance(context.original_route, JsonRoute)
        and (context.path_format or "").startswith(("/api/", "/cds-services"))
    ]
    assert loose == []


@pytest.mark.parametrize("sports", ["v" * 5_000, "running, " + "v" * 5_000, "a, b, " + "v" * 300])
def test_the_profile_form_names_a_long_sports_list_without_echoing_it(
    client: TestClient, sports: str
) -> None:
    answer = client.post("/profile", data={"sports": sports}, follow_redirects=False)
    assert answer.status_code == 422
    alert = re.search(r'role="alert">(.*?)</div>', answer.text, re.DOTALL)
    assert alert is not None
    assert longest_run(alert.group(1), "v") <= MOST_QUOTED
    assert "Sports must be" in alert.group(1)
