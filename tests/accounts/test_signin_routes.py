"""Every route of the app needs a signed-in person with accounts on, but the public list.

Generated from the app's route table, so a route added later is covered at
once: an anonymous page request goes to sign in (303), an anonymous or
badly-tokened API call gets 401 problem+json with `WWW-Authenticate: Bearer`,
and what answers without anyone (the public list, the service worker's app
shell) names no one. The OpenAPI schema declares the 401 and how to sign in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route
from tests.conftest import signed_in

from kneewise.web.app import STATIC_DIR
from kneewise.web.auth import PUBLIC_PATHS, is_public
from kneewise.web.problems import PROBLEM_JSON
from kneewise.web.security import is_json_api

#: Path parameters as a request would fill them (the value does not matter: no one is signed in).
SAMPLE = re.compile(r"\{[^}]+\}")


def _routes(app: FastAPI) -> list[tuple[str, str, APIRoute]]:
    found = []
    for context in iter_route_contexts(list(app.routes)):
        if isinstance(context.original_route, APIRoute) and context.path_format:
            for method in sorted((context.methods or set()) - {"HEAD"}):
                found.append((method, context.path_format, context.original_route))
    return found


def _path(path_format: str) -> str:
    return SAMPLE.sub("1", path_format)


@pytest.fixture
def anonymous(server_app: FastAPI) -> Iterator[TestClient]:
    """A browser that has a form token (so a POST is refused for no one signed in, not CSRF)."""
    with TestClient(server_app, base_url="https://testserver") as client:
        client.get("/login")
        client.headers["x-csrftoken"] = client.cookies["csrftoken"]
        yield client


def test_every_route_the_dependency_cannot_guard_is_public(server_app: FastAPI) -> None:
    """A plain Starlette route skips the app's dependencies, so it must be on the public list."""
    for context in iter_route_contexts(list(server_app.routes)):
        route = context.original_route
        if isinstance(route, Mount):
            assert route.path == "/static", route.path
            assert Path(str(route.app.directory)) == STATIC_DIR  # type: ignore[attr-defined]
        elif not isinstance(route, APIRoute):
            assert isinstance(route, Route) and is_public(route.path), route.path


def test_every_public_path_is_a_route(server_app: FastAPI) -> None:
    paths = {c.path_format for c in iter_route_contexts(list(server_app.routes))}
    assert paths >= PUBLIC_PATHS, PUBLIC_PATHS - paths


def test_a_public_name_under_the_api_is_not_public(server_app: FastAPI) -> None:
    """Public means the whole path: a route `/health` of a router under /api/v1 is private."""
    from fastapi import APIRouter

    inner = APIRouter(prefix="/api/v1")

    @inner.get("/health")
    def leak() -> dict[str, str]:
        return {"marker": "private"}

    server_app.include_router(inner)
    with TestClient(server_app, base_url="https://testserver") as client:
        answer = client.get("/api/v1/health")
        assert answer.status_code == 401 and "private" not in answer.text


def test_no_one_signed_in_gets_nothing_but_the_public_routes(
    server_app: FastAPI, anonymous: TestClient
) -> None:
    checked = 0
    for method, path_format, _ in _routes(server_app):
        if is_public(path_format):
            continue
        path = _path(path_format)
        body = {"json": {}} if is_json_api(path) and method != "GET" else {}
        answer = anonymous.request(method, path, follow_redirects=False, **body)
        where = f"{method} {path_format}"
        if is_json_api(path):
            assert answer.status_code == 401, where
            assert answer.headers["content-type"] == PROBLEM_JSON, where
            assert answer.headers["www-authenticate"] == 'Bearer realm="kneewise"', where
            assert answer.json()["type"] == "/problems/not-signed-in", where
        else:
            assert answer.status_code == 303, where
            assert answer.headers["location"].startswith("/login"), where
        checked += 1
    assert checked > 40  # the table was read, not an empty list


def test_a_bad_token_is_told_apart_from_none(anonymous: TestClient) -> None:
    for token in ("kw_not-a-token", "something-else"):
        answer = anonymous.get("/api/v1/sessions", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401
        assert (
            answer.headers["www-authenticate"] == 'Bearer realm="kneewise", error="invalid_token"'
        )
        assert "not valid" in answer.json()["detail"]


def test_a_form_sent_after_the_session_ended_goes_back_to_its_page(
    anonymous: TestClient,
) -> None:
    sent = anonymous.post(
        "/diary/pain",
        data={"knee": "left"},
        headers={"Referer": "https://testserver/diary?day=2026-02-03"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == "/login?next=/diary%3Fday%3D2026-02-03"


def test_htmx_is_told_to_load_the_sign_in_page_whole(anonymous: TestClient) -> None:
    answer = anonymous.get("/diary", headers={"HX-Request": "true"}, follow_redirects=False)
    assert answer.status_code == 204
    assert answer.headers["hx-redirect"] == "/login?next=/diary"


def test_the_public_routes_answer_without_anyone(anonymous: TestClient) -> None:
    for path in ("/login", "/signup", "/reset", "/offline", "/sw.js", "/manifest.webmanifest"):
        assert anonymous.get(path).status_code == 200, path
    assert anonymous.get("/health").json() == {"status": "ok"}
    assert anonymous.get("/openapi.json").status_code == 200


def _shell(worker: str) -> list[str]:
    listed = re.search(r"const SHELL = \[(.*?)\];", worker, re.S)
    assert listed is not None
    names = dict(re.findall(r"const (\w+) = \"([^\"]+)\";", worker))
    return [
        names.get(item.strip(), item.strip().strip('"'))
        for item in listed.group(1).split(",")
        if item.strip()
    ]


def test_the_service_worker_keeps_only_what_anyone_may_fetch(
    server_app: FastAPI, anonymous: TestClient
) -> None:
    """The worker's cache outlives a session: each file in it must be public and name no one."""
    from kneewise.web.routes.pages_offline import STATIC_DIR as WORKER_DIR

    worker = (WORKER_DIR / "sw.js").read_text(encoding="utf-8")
    shell = _shell(worker)
    assert "/offline" in shell and len(shell) >= 4
    for path in shell:
        answer = anonymous.get(path, follow_redirects=False)
        assert answer.status_code == 200, path
    # Navigations are fetched, never put in the cache: only the shell is ever `cache.put`.
    assert worker.count("cache.put(") == 1
    assert "if (answer.ok) await cache.put(request, answer.clone());" in worker
    assert "async function networkFirst" in worker and "isShell(new URL(request.url))" in worker


def test_the_offline_page_names_no_one_even_for_a_signed_in_browser(
    server_app: FastAPI,
) -> None:
    with signed_in(server_app, "Zoe.Marker") as zoe:
        diary = zoe.get("/diary")
        assert "zoe.marker" in diary.text and 'data-person="' in diary.text
        for path in ("/offline", "/login?next=/diary"):
            answer = zoe.get(path, follow_redirects=False)
            if answer.status_code == 303:
                continue  # signed in: the sign-in page goes straight on
            assert "zoe.marker" not in answer.text.lower(), path
            assert "data-person" not in answer.text, path
            assert "Sign out" not in answer.text, path


def test_the_schema_declares_who_may_call(server_app: FastAPI) -> None:
    schema = server_app.openapi()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["accessToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["accessToken"]["description"],
    }
    assert schemes["browserSession"]["in"] == "cookie"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            if is_public(path):
                assert "401" not in operation["responses"], where
                continue
            assert operation["security"] == [{"accessToken": []}, {"browserSession": []}], where
            answer = operation["responses"]["401"]
            assert answer["content"][PROBLEM_JSON]["schema"] == {
                "$ref": "#/components/schemas/Problem"
            }, where


def test_a_personal_app_declares_no_sign_in(app: FastAPI) -> None:
    schema = app.openapi()
    assert "securitySchemes" not in schema.get("components", {})
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert "401" not in operation["responses"]
            assert "security" not in operation
