"""The API's errors in its OpenAPI schema: every operation's problem answers, declared.

Each operation states the error statuses it can answer with (`error_statuses`),
each as `application/problem+json` with the one `Problem` model
(`kneewise.web.problems`), and, with accounts on, how a caller signs in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import BaseRoute

from kneewise.diary.days import records_limited_for
from kneewise.diary.records import latest_date
from kneewise.web.problems import PROBLEM_JSON, Problem

#: What each error status of the API means, for the OpenAPI schema.
ERROR_MEANINGS: dict[int, str] = {
    400: "The body is not valid JSON, or the Host header names a host this server does not "
    "answer to (KNEEWISE_ALLOWED_HOSTS adds names)",
    401: "Not signed in: send a personal access token as `Authorization: Bearer kw_…` "
    '(`WWW-Authenticate: Bearer` names the scheme; `error="invalid_token"` when the token '
    "sent is unknown or revoked)",
    403: "Refused: the request comes from another site (its Origin or Referer)",
    404: "There is nothing at this address",
    409: "The change clashes with a record that already exists",
    413: "The body is larger than the limit (KNEEWISE_MAX_BODY_BYTES, 1 MiB by default)",
    415: "The body is not application/json",
    422: "Invalid input: `errors` names each field and what is allowed",
    503: "The diary database cannot be reached right now; try again in a moment",
}
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for dependency in dependant.dependencies:
        if dependency.call is not None:
            yield dependency.call
        yield from _calls(dependency)


def error_statuses(
    operation: dict[str, Any], method: str, uses_storage: bool, needs_person: bool = False
) -> set[int]:
    """The error statuses one API operation can answer with, from its OpenAPI operation.

    Any request can name a host outside the allow-list (400); a body can be
    malformed (400), too large (413), not JSON (415) or invalid (422); a path or
    query parameter can be invalid (422); an unsafe method can come from another
    site (403, `web/security.py`); an operation that uses the diary can find it
    unavailable (503); with accounts on, one that needs a signed-in person can
    find none (401, `web/auth.py`). What the route declares itself (404, 409)
    comes on top.
    """
    found = {int(code) for code in operation.get("responses", {}) if int(code) >= 400}
    found.add(400)  # the Host allow-list answers every path (web/security.py)
    if needs_person:
        found.add(401)
    if "requestBody" in operation:
        found |= {400, 413, 415, 422}
    if operation.get("parameters"):
        found.add(422)
    if method in UNSAFE_METHODS:
        found.add(403)
    if uses_storage:
        found.add(503)
    return found


#: How a program proves who it is, with accounts on (web/deps.py, web/session_cookie.py).
SECURITY_SCHEMES: dict[str, Any] = {
    "accessToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "A personal access token (`kw_…`), made on the Access tokens page",
    },
    "browserSession": {
        "type": "apiKey",
        "in": "cookie",
        "name": "kneewise_session",
        "description": "The signed-in browser's session (signed, HttpOnly, Secure)",
    },
}


def _declare_problems(
    schema: dict[str, Any],
    routes: list[BaseRoute],
    storage: Callable[..., Any],
    signed_in: Callable[[str], bool] | None = None,
    own_computer: bool = False,
) -> None:
    """Every error answer of every operation as `application/problem+json` with `Problem`.

    With `signed_in` (accounts on), the operations whose path it names also
    declare 401 and the security schemes that sign a caller in.
    """
    for context in iter_route_contexts(routes):
        route = context.original_route
        operations = schema["paths"].get(context.path_format, {})
        if not isinstance(route, APIRoute) or not operations:
            continue  # not an API route, or one left out of the schema (the pages)
        uses_storage = storage in set(_calls(route.dependant))
        needs_person = signed_in is not None and signed_in(context.path_format or "")
        for method in context.methods or ():
            operation = operations[method.lower()]
            if needs_person:
                operation["security"] = [{name: []} for name in SECURITY_SCHEMES]
            responses: dict[str, Any] = operation.setdefault("responses", {})
            for status in sorted(error_statuses(operation, method, uses_storage, needs_person)):
                own = route.responses.get(status, {}).get("description")
                responses[str(status)] = {
                    "description": own or ERROR_MEANINGS.get(status, "Error"),
                    "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
                }
            operation["responses"] = dict(sorted(responses.items()))
    if signed_in is not None:
        schema.setdefault("components", {})["securitySchemes"] = SECURITY_SCHEMES
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(problem.pop("$defs", {}))
    components["Problem"] = problem
    # FastAPI's own 422 shapes are never sent: every 422 above is a Problem.
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)


def declare(
    app: FastAPI,
    *,
    storage: Callable[..., Any],
    signed_in: Callable[[str], bool] | None = None,
    own_computer: bool = False,
) -> None:
    """Make `app.openapi()` state every problem each operation answers with.

    The Problem model is declared once, in `components`; each operation's
    error responses (see `error_statuses`) refer to it. The schema is built
    again when the latest diary date (`latest_date()`) moves on, so the dates
    it allows stay the ones the diary takes. `signed_in(path)` says which paths
    need a signed-in person (None: a personal app, where none does).
    `own_computer` (a personal app) ends the dates at this computer's today, as
    its routes do; a server's schema ends them at today in UTC+14, the last day
    any person's zone may have.
    """
    built_on: list[dt.date] = []

    def openapi() -> dict[str, Any]:
        with records_limited_for(None, own_computer=own_computer):
            return _built()

    def _built() -> dict[str, Any]:
        today = latest_date()  # the last day a diary record may have
        if app.openapi_schema is None or built_on != [today]:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                openapi_version=app.openapi_version,
                description=app.description,
                routes=app.routes,
                tags=app.openapi_tags,
                servers=app.servers,
            )
            _declare_problems(schema, list(app.routes), storage, signed_in)
            app.openapi_schema = schema
            built_on[:] = [today]
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
