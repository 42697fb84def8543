"""Access tokens are for the REST API: no page's form takes one (break-it trial 20, item 1).

A write token once wiped a whole diary through the page route `/settings/delete`
(asgi-csrf lets any request with `Authorization: Bearer` skip the form token). Read
from the app's route table, so a form added later is covered at once: every route
outside /api/v1 and /cds-services with POST, PUT, PATCH or DELETE answers a bearer
token 403 `token-not-allowed` naming what to use instead, and changes nothing, with
accounts on (a real token, or one that is not valid) and in a personal app. The
token still reads pages and writes through the API; a proxy's Basic sign-in is not
a token.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.conftest import TEST_HOST, signed_in

from kneewise.accounts.store import create_access_token
from kneewise.diary.models import (
    AccessToken,
    Account,
    CalendarFeed,
    Invitation,
    LoginSession,
    PasswordReset,
    Share,
)
from kneewise.diary.repository import count_records
from kneewise.web.problems import PROBLEM_JSON
from kneewise.web.security import is_json_api

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
PARAMETER = re.compile(r"\{[^}]+\}")
#: A form as full as any page's: whatever a route reads, it finds something to act on.
FORM = {
    "confirm": "delete",
    "password": "a long test password",
    "name": "my watch",
    "access": "read",
    "role": "clinician",
    "number": "999",
    "text": "my knee hurts after running",
}
SESSION = {"date": "2026-03-02", "activity": "running", "duration_min": 40, "rpe": 5}
ACCOUNT_TABLES = (
    AccessToken,
    Account,
    CalendarFeed,
    Invitation,
    LoginSession,
    PasswordReset,
    Share,
)


def page_changes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every route outside the JSON API that changes something."""
    found = []
    for context in iter_route_contexts(list(app.routes)):
        path = context.path_format
        if isinstance(context.original_route, APIRoute) and path and not is_json_api(path):
            found += [
                (m, PARAMETER.sub("1", path)) for m in sorted(context.methods or ()) if m in UNSAFE
            ]
    return found


def snapshot(app: FastAPI, owner: int) -> dict[str, int]:
    """How many records the owner's diary holds, and how many rows each account table."""
    counts = count_records(app.state.diary.for_owner(owner))
    with app.state.diary.accounts().reading() as session:
        for table in ACCOUNT_TABLES:
            rows = session.scalar(select(func.count()).select_from(table))
            counts[table.__tablename__] = int(rows or 0)
    return counts


def program(app: FastAPI, token: str) -> TestClient:
    """A script with `token` and nothing else (no cookie, no form token), as curl sends."""
    client = TestClient(app, base_url=f"https://{TEST_HOST}", follow_redirects=False)
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def assert_refused(answer: Any, where: str) -> None:
    """The refusal: 403 problem+json naming the API and signing in, not another 403."""
    said = f"{where} answered {answer.status_code}: {answer.text[:300]}"
    assert answer.status_code == 403, said
    assert answer.headers["content-type"] == PROBLEM_JSON, said
    problem = answer.json()
    assert problem["type"] == "/problems/token-not-allowed", said
    assert "/api/v1" in problem["detail"] and "sign in on the site" in problem["detail"], said


@pytest.fixture
def ana(server_app: FastAPI) -> Iterator[TestClient]:
    """Ana, signed in, with one training session in her diary."""
    with signed_in(server_app, "ana") as browser:
        assert browser.post("/api/v1/sessions", json=SESSION).status_code == 201
        yield browser


def _ana_id(app: FastAPI) -> int:
    with app.state.diary.accounts().reading() as session:
        found = session.scalar(select(Account.id).where(Account.username == "ana"))
    assert found is not None
    return int(found)


def test_the_route_table_has_forms_to_check(server_app: FastAPI) -> None:
    routes = page_changes(server_app)
    assert len(routes) > 20, routes  # the table was read, not an empty list
    assert ("POST", "/settings/delete") in routes and ("POST", "/account/tokens") in routes


@pytest.mark.parametrize("scopes", [("read", "write"), ("read",)], ids=["write", "read-only"])
def test_no_page_form_takes_a_token(
    server_app: FastAPI, ana: TestClient, scopes: tuple[str, ...]
) -> None:
    owner = _ana_id(server_app)
    _, token = create_access_token(server_app.state.diary, owner, "script", scopes)
    before = snapshot(server_app, owner)
    with program(server_app, token) as script:
        for method, path in page_changes(server_app):
            assert_refused(script.request(method, path, data=FORM), f"{method} {path}")
    assert snapshot(server_app, owner) == before


def test_the_trial_cannot_wipe_the_diary_with_a_write_token(
    server_app: FastAPI, ana: TestClient
) -> None:
    """The trial's own request: curl -H 'Authorization: Bearer kw_…' -d confirm=delete."""
    _, token = create_access_token(
        server_app.state.diary, _ana_id(server_app), "w", ("read", "write")
    )
    with program(server_app, token) as script:
        wiped = script.post(
            "/settings/delete",
            content=b"confirm=delete",
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert_refused(wiped, "POST /settings/delete")
        assert len(script.get("/api/v1/sessions").json()["items"]) == 1


def test_a_browser_with_a_token_header_is_refused_too(server_app: FastAPI, ana: TestClient) -> None:
    """Signed in and holding the form token does not make a token welcome on a form."""
    _, token = create_access_token(
        server_app.state.diary, _ana_id(server_app), "w", ("read", "write")
    )
    answer = ana.post(
        "/settings/delete",
        data={"confirm": "delete", "password": "a long test password"},
        headers={"Authorization": f"bearer {token}"},  # the scheme in any case
        follow_redirects=False,
    )
    assert_refused(answer, "POST /settings/delete")
    assert len(ana.get("/api/v1/sessions").json()["items"]) == 1


def test_a_token_that_is_not_valid_is_refused_the_same(server_app: FastAPI) -> None:
    with program(server_app, "kw_not-a-real-token") as script:
        for method, path in page_changes(server_app):
            assert_refused(script.request(method, path, data=FORM), f"{method} {path}")


def test_a_personal_app_refuses_a_token_on_its_forms(app: FastAPI) -> None:
    """A personal app has no tokens; a bearer header must not skip the form token there."""
    with TestClient(app) as client:
        assert client.post("/api/v1/sessions", json=SESSION).status_code == 201
        client.headers["Authorization"] = "Bearer anything"
        routes = page_changes(app)
        assert ("POST", "/settings/delete") in routes
        before = count_records(app.state.diary)
        for method, path in routes:
            assert_refused(client.request(method, path, data=FORM), f"{method} {path}")
        assert count_records(app.state.diary) == before


def test_a_token_still_reads_pages_and_writes_through_the_api(
    server_app: FastAPI, ana: TestClient
) -> None:
    _, token = create_access_token(
        server_app.state.diary, _ana_id(server_app), "w", ("read", "write")
    )
    with program(server_app, token) as script:
        assert script.get("/diary").status_code == 200
        assert script.post("/api/v1/sessions", json=SESSION).status_code == 201
        assert len(script.get("/api/v1/sessions").json()["items"]) == 2


def test_a_proxys_basic_sign_in_is_not_a_token(server_app: FastAPI, ana: TestClient) -> None:
    """Behind a proxy with HTTP Basic sign-in, every form carries `Authorization: Basic`."""
    answer = ana.post(
        "/settings/emergency-number",
        data={"number": "999"},
        headers={"Authorization": "Basic a25lZTp3aXNl"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
