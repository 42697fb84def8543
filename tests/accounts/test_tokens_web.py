"""Personal access tokens on the page (/account/tokens) and the API (/api/v1/tokens).

A token is shown once and then never again (not on the page, not in a list);
it reads, or also writes, the person's own diary only; stopping it works on
the next request; only a browser signed in with a password manages tokens
(a token, even a write one, is refused; so is a personal app, which has none);
another person's token reads as absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.conftest import TEST_HOST, signed_in

from kneewise.diary.models import AccessToken

TOKEN = re.compile(r"kw_[A-Za-z0-9_-]{40,}")
PAIN = {"date": "2026-01-05", "knee": "left", "during": 3}


@pytest.fixture
def ana(server_app: FastAPI) -> Iterator[TestClient]:
    with signed_in(server_app, "ana") as browser:
        yield browser


@pytest.fixture
def ben(server_app: FastAPI) -> Iterator[TestClient]:
    with signed_in(server_app, "ben") as browser:
        yield browser


def program(app: FastAPI, token: str) -> TestClient:
    """A program using the API with `token` (no cookies, as a script would)."""
    client = TestClient(app, base_url=f"https://{TEST_HOST}")
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def make_on_page(browser: TestClient, name: str, access: str) -> str:
    answer = browser.post("/account/tokens", data={"name": name, "access": access})
    assert answer.status_code == 201, answer.text
    (token,) = set(TOKEN.findall(answer.text))
    return token


def stored_tokens(app: FastAPI) -> list[AccessToken]:
    with app.state.diary.accounts().reading() as session:
        return list(session.scalars(select(AccessToken)))


def test_a_token_made_on_the_page_is_shown_once_and_reads_the_diary(
    server_app: FastAPI, ana: TestClient
) -> None:
    assert ana.post("/api/v1/pain", json=PAIN).status_code == 201
    token = make_on_page(ana, "my spreadsheet", "read")
    listed = ana.get("/account/tokens")
    assert "my spreadsheet" in listed.text and "read your diary" in listed.text
    assert token not in listed.text  # never shown again
    assert token not in ana.get("/api/v1/tokens").text
    with program(server_app, token) as script:
        read = script.get("/api/v1/pain")
        assert read.status_code == 200
        assert [e["during"] for e in read.json()["items"]] == [3]
        refused = script.post("/api/v1/pain", json={**PAIN, "date": "2026-01-06"})
        assert refused.status_code == 403
        assert "read" in refused.json()["detail"]
    assert len(ana.get("/api/v1/pain").json()["items"]) == 1


def test_a_write_token_adds_to_its_owners_diary_only(
    server_app: FastAPI, ana: TestClient, ben: TestClient
) -> None:
    token = make_on_page(ana, "watch", "write")
    with program(server_app, token) as watch:
        assert watch.post("/api/v1/pain", json=PAIN).status_code == 201
    assert len(ana.get("/api/v1/pain").json()["items"]) == 1
    assert ben.get("/api/v1/pain").json()["items"] == []
    (stored,) = stored_tokens(server_app)
    assert sorted(stored.scopes) == ["read", "write"]
    assert stored.token_hash != token and token not in stored.token_hash


def test_stopping_a_token_refuses_its_next_request(server_app: FastAPI, ana: TestClient) -> None:
    token = make_on_page(ana, "old phone", "write")
    (stored,) = stored_tokens(server_app)
    with program(server_app, token) as phone:
        assert phone.get("/api/v1/pain").status_code == 200
        stopped = ana.post(f"/account/tokens/{stored.id}/stop", follow_redirects=False)
        assert stopped.status_code == 303
        assert phone.get("/api/v1/pain").status_code == 401
    page = ana.get(stopped.headers["location"])
    assert "The token is stopped" in page.text
    assert "old phone" not in page.text


def test_another_persons_token_reads_as_absent(
    server_app: FastAPI, ana: TestClient, ben: TestClient
) -> None:
    token = make_on_page(ana, "numbatkey", "read")
    (stored,) = stored_tokens(server_app)
    assert ben.post(f"/account/tokens/{stored.id}/stop").status_code == 404
    assert ben.delete(f"/api/v1/tokens/{stored.id}").status_code == 404
    assert "numbatkey" not in ben.get("/account/tokens").text
    assert ben.get("/api/v1/tokens").json() == []
    with program(server_app, token) as script:
        assert script.get("/api/v1/pain").status_code == 200  # still works


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/api/v1/tokens"), ("POST", "/api/v1/tokens"), ("DELETE", "/api/v1/tokens/1"),
    ("GET", "/account/tokens"), ("POST", "/account/tokens"),
    ("POST", "/account/tokens/1/stop"),
])  # fmt: skip
def test_a_token_cannot_make_list_or_stop_tokens(
    server_app: FastAPI, ana: TestClient, method: str, path: str
) -> None:
    token = make_on_page(ana, "leaked", "write")
    body: dict[str, Any] = (
        {"json": {"name": "successor", "scopes": ["read", "write"]}}
        if path.startswith("/api") and method == "POST"
        else {"data": {"name": "successor", "access": "write"}}
        if method == "POST"
        else {}
    )
    with program(server_app, token) as thief:
        answer = thief.request(method, path, **body)
    assert answer.status_code == 403
    # A page's form refuses any token before the route (tests/accounts/test_token_pages.py).
    page_form = method == "POST" and not path.startswith("/api")
    said = (
        "pages and their forms never take one" if page_form else "never with another access token"
    )
    assert said in answer.text
    assert [t.name for t in stored_tokens(server_app)] == ["leaked"]
    assert stored_tokens(server_app)[0].revoked_at is None


def test_the_api_makes_lists_and_revokes(server_app: FastAPI, ana: TestClient) -> None:
    made = ana.post("/api/v1/tokens", json={"name": "exporter", "scopes": ["write"]})
    assert made.status_code == 201
    body = made.json()
    assert body["scopes"] == ["read", "write"]  # write implies read
    assert TOKEN.fullmatch(body["token"])
    assert made.headers["location"] == f"/api/v1/tokens/{body['id']}"
    listed = ana.get("/api/v1/tokens").json()
    assert listed == [{k: v for k, v in body.items() if k != "token"}]
    with program(server_app, body["token"]) as exporter:
        assert exporter.get("/api/v1/pain").status_code == 200
        assert ana.delete(f"/api/v1/tokens/{body['id']}").status_code == 204
        refused = exporter.get("/api/v1/pain")
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"].startswith("Bearer")
    assert ana.delete(f"/api/v1/tokens/{body['id']}").status_code == 404
    assert ana.get("/api/v1/tokens").json() == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "", "scopes": ["read"]}, "name"),
        ({"name": "x" * 61, "scopes": ["read"]}, "name"),
        ({"name": "ok", "scopes": []}, "scopes"),
        ({"name": "ok", "scopes": ["admin"]}, "scopes.0"),
        ({"name": "ok"}, "scopes"),
        ({"name": "ok", "scopes": ["read"], "expires": "never"}, "expires"),
    ],
)
def test_a_bad_token_request_names_the_field(
    server_app: FastAPI, ana: TestClient, body: dict[str, Any], field: str
) -> None:
    answer = ana.post("/api/v1/tokens", json=body)
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert field in [e["field"] for e in answer.json()["errors"]]
    assert stored_tokens(server_app) == []


@pytest.mark.parametrize(
    ("form", "says"),
    [
        ({"name": "", "access": "read"}, "1 to 60 characters"),
        ({"name": "x" * 61, "access": "read"}, "1 to 60 characters"),
        ({"name": "a name", "access": "everything"}, "Choose what the token may do"),
        ({"name": "a name"}, "Choose what the token may do"),
    ],
)
def test_a_bad_token_form_says_what_is_allowed_and_makes_nothing(
    server_app: FastAPI, ana: TestClient, form: dict[str, str], says: str
) -> None:
    answer = ana.post("/account/tokens", data=form)
    assert answer.status_code == 422
    assert says in answer.text
    assert not TOKEN.search(answer.text)
    assert stored_tokens(server_app) == []


def test_nobody_signed_in_is_sent_to_sign_in_or_refused(server_app: FastAPI) -> None:
    with TestClient(server_app, base_url=f"https://{TEST_HOST}") as stranger:
        page = stranger.get("/account/tokens", follow_redirects=False)
        assert page.status_code == 303
        assert page.headers["location"].startswith("/login")
        assert stranger.get("/api/v1/tokens").status_code == 401
        assert (
            stranger.post("/api/v1/tokens", json={"name": "x", "scopes": ["read"]}).status_code
            == 401
        )
    assert stored_tokens(server_app) == []


def test_a_personal_app_has_no_tokens(client: TestClient) -> None:
    page = client.get("/account/tokens")
    assert page.status_code == 404
    assert "KNEEWISE_ACCOUNTS" in page.text
    assert client.get("/api/v1/tokens").status_code == 404
    assert client.post("/api/v1/tokens", json={"name": "x", "scopes": ["read"]}).status_code == 404
