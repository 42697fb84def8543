"""Bodies nested too deeply, control characters in notes, and a pattern said in words.

From a break-it trial: a body of 5000 nested arrays answered 500 (RecursionError)
on every JSON route, before sign-in; a bad activity's `detail` quoted a
10,176-character pattern; NUL and U+202E were stored in a note as sent.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.conftest import TEST_HOST, signed_in

from kneewise.web.json_body import MOST_NESTED

PROBLEM_JSON = "application/problem+json"
JSON = {"content-type": "application/json"}
#: Every API route with a body, as (path, a well-formed body) to nest things in.
ROUTES = [
    ("/api/v1/sessions", {"date": "2024-05-01", "activity": "running", "duration_min": 30}),
    ("/api/v1/pain", {"date": "2024-05-01", "knee": "left", "during": 3}),
    ("/api/v1/assess", {"age": 30}),
    ("/api/v1/parse", {"text": "my knee hurts"}),
    (
        "/cds-services/kneewise-knee-triage",
        {"hook": "patient-view", "hookInstance": "x", "context": {"userId": "Practitioner/1"}},
    ),
]


def nested(depth: int, kind: str = "list") -> str:
    """A value `depth` arrays (or objects) deep, as JSON text."""
    if kind == "list":
        return "[" * depth + "]" * depth
    return '{"a":' * (depth - 1) + "{}" + "}" * (depth - 1)


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(("path", "body"), ROUTES)
@pytest.mark.parametrize(("depth", "kind"), [(5000, "list"), (900, "object"), (100, "list")])
def test_a_body_nested_too_deeply_is_a_400_saying_so(
    client: TestClient, path: str, body: dict[str, Any], depth: int, kind: str
) -> None:
    text = '{"extra":' + nested(depth, kind) + "}"
    found = problem(client.post(path, content=text, headers=JSON), 400)
    assert "nested too deeply" in found["detail"]
    assert found["errors"][0]["allowed"].startswith("one JSON document nested at most")


@pytest.mark.parametrize(
    "text",
    [
        # Refused for another reason first: the walk that names the field must not recurse.
        '{"a":' + "[" * 3000 + '{"k":1,"k":2}' + "]" * 3000 + "}",
        '{"a":' + "[" * 3000 + "NaN" + "]" * 3000 + "}",
        # Not JSON at all after the deep part: still said to be too deep or not JSON.
        '{"a":' + "[" * 5000,
    ],
)
def test_a_deep_body_with_another_fault_is_a_400(client: TestClient, text: str) -> None:
    response = client.post("/api/v1/sessions", content=text, headers=JSON)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)


def test_a_body_at_the_depth_limit_is_read(client: TestClient) -> None:
    # The session at the top, with an extra field MOST_NESTED - 1 levels deep: the record
    # refuses the unknown field (422), so the depth let it through to be read.
    text = (
        '{"date":"2024-05-01","activity":"running","duration_min":30,"x":'
        + nested(MOST_NESTED - 1)
        + "}"
    )
    found = problem(client.post("/api/v1/sessions", content=text, headers=JSON), 422)
    assert "nested too deeply" not in found["detail"]
    deeper = text.replace(nested(MOST_NESTED - 1), nested(MOST_NESTED))
    problem(client.post("/api/v1/sessions", content=deeper, headers=JSON), 400)


@pytest.mark.parametrize("path", [path for path, _ in ROUTES])
@pytest.mark.parametrize(
    "text", ['{"a":' + nested(5000) + "}", "{not json", '{"a":1,"a":2}', '{"a":NaN}']
)
def test_on_a_server_no_one_signed_in_hears_of_their_body_only_401(
    server_app: FastAPI, path: str, text: str
) -> None:
    with TestClient(server_app, base_url=f"https://{TEST_HOST}") as anonymous:
        response = anonymous.post(path, content=text, headers=JSON)
    found = problem(response, 401)
    assert "nested" not in found["detail"] and "JSON" not in found["title"]


def test_on_a_server_a_signed_in_person_hears_of_a_deep_body(server_app: FastAPI) -> None:
    with signed_in(server_app, "dana") as dana:
        text = '{"a":' + nested(5000) + "}"
        found = problem(dana.post("/api/v1/sessions", content=text, headers=JSON), 400)
    assert "nested too deeply" in found["detail"]


@pytest.mark.parametrize("activity", ["<b>x</b>", "run;drop", "a/b", "✓ done", "run\x00", "100%"])
def test_a_name_not_in_the_allowed_form_is_said_in_words_not_a_pattern(
    client: TestClient, activity: str
) -> None:
    body = {"date": "2024-05-01", "activity": activity, "duration_min": 30}
    found = problem(client.post("/api/v1/sessions", json=body), 422)
    assert "\\u" not in found["detail"] and "pattern" not in found["detail"]
    assert "letters (any alphabet)" in found["detail"]
    for item in found["errors"]:
        assert "\\u" not in item["message"] and "pattern" not in item["message"]


@pytest.mark.parametrize(
    ("notes", "character", "place"),
    [
        ("knee ok\x00", "U+0000", 8),
        ("\x1b[31mred", "U+001B", 1),
        ("bell\x07 rang", "U+0007", 5),
        ("form\x0cfeed", "U+000C", 5),
        ("next\x85line", "U+0085", 5),
        ("del\x7f", "U+007F", 4),
    ],
)
def test_a_note_with_a_control_character_is_refused_naming_it(
    client: TestClient, notes: str, character: str, place: int
) -> None:
    body = {"date": "2024-05-01", "activity": "running", "duration_min": 30, "notes": notes}
    found = problem(client.post("/api/v1/sessions", json=body), 422)
    assert f"{character}, at character {place}" in found["detail"]
    assert "new lines and tabs" in found["detail"]  # what is allowed
    assert client.get("/api/v1/sessions").json()["items"] == []


@pytest.mark.parametrize(
    ("notes", "kept"),
    [
        ("felt fine\ntight after\tmile 3", "felt fine\ntight after\tmile 3"),
        ("windows\r\nline ends\rtoo", "windows\nline ends\ntoo"),
        (
            "عربي \u202bمضمن\u202c and \u2067isolate\u2069",
            "عربي \u202bمضمن\u202c and \u2067isolate\u2069",
        ),
        ("emoji 🦵 and ünïcödé", "emoji 🦵 and ünïcödé"),
    ],
)
def test_a_note_of_text_lines_and_tabs_is_kept_as_written(
    client: TestClient, notes: str, kept: str
) -> None:
    body = {"date": "2024-05-01", "activity": "running", "duration_min": 30, "notes": notes}
    response = client.post("/api/v1/sessions", json=body)
    assert response.status_code == 201, response.text
    assert client.get(f"/api/v1/sessions/{response.json()['id']}").json()["notes"] == kept


def test_the_schema_states_the_notes_rule(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    notes = schema["SessionIn"]["properties"]["notes"]
    found = notes.get("pattern") or next(i["pattern"] for i in notes["anyOf"] if "pattern" in i)
    assert "\\u0000" in found and "\\u000A" not in found
