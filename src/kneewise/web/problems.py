"""Errors as `application/problem+json` (RFC 9457) for the API and as pages for people.

Every handler answers with a problem: `type`, `title`, `status`, `detail` and
`errors`, one entry per faulty field with what is allowed. A bad request is
a 4xx; only a real bug becomes a 500, and that one is logged.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, compile_path

from kneewise._errors import (
    AnalyticsError,
    IntakeError,
    KneewiseError,
    KnowledgeError,
    QuestionnaireError,
    RecordError,
    StorageError,
)
from kneewise.diary.records import ALLOWED as RECORD_ALLOWED
from kneewise.diary.records import latest_date
from kneewise.intake import INTAKE_FIELDS

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("kneewise.web")

#: Problem types: the slug in `/problems/<slug>` and what it means.
PROBLEM_TYPES: dict[str, str] = {
    "invalid-request": "The request breaks the API schema; `errors` names each field.",
    "invalid-intake": "The intake breaks the v1 contract (docs/intake-v1.md).",
    "invalid-record": "A diary record breaks its rules; `errors` names each field.",
    "invalid-answers": "Questionnaire answers that the instrument's scoring does not allow.",
    "not-signed-in": "The server has accounts and the request names no one signed in "
    "(or its access token is not valid).",
    "token-not-allowed": "Access tokens are for the API; account pages need a signed-in browser.",
    "read-only-token": "The access token may only read; changing needs one with the write scope.",
    "not-found": "There is nothing at this address (or no record with this id).",
    "conflict": "The change clashes with a record that already exists.",
    "diary-unavailable": "The diary database cannot be reached right now.",
    "internal": "A bug in kneewise; it was logged.",
}


class FieldProblem(BaseModel):
    """One faulty field: where it is, what is wrong, and what is allowed."""

    field: str = Field(description="dotted path of the field, e.g. `duration_min`")
    message: str
    allowed: str | None = None


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="URI reference naming the kind of problem")
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldProblem] = []


class ProblemError(Exception):
    """Raise from a route to answer with a problem."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str,
        errors: Iterable[FieldProblem] = (),
    ) -> None:
        super().__init__(detail)
        self.problem = Problem(
            type=f"/problems/{slug}",
            title=title,
            status=status,
            detail=detail,
            errors=list(errors),
        )


def not_found(what: str) -> ProblemError:
    """A 404 problem naming what is missing."""
    return ProblemError(404, "not-found", "Not found", f"there is no {what}")


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
) -> None:
    """Make `app.openapi()` state every problem each operation answers with.

    The Problem model is declared once, in `components`; each operation's
    error responses (see `error_statuses`) refer to it. The schema is built
    again when the latest diary date (`latest_date()`) moves on, so the dates
    it allows stay the ones the diary takes. `signed_in(path)` says which paths
    need a signed-in person (None: a personal app, where none does).
    """
    built_on: list[dt.date] = []

    def openapi() -> dict[str, Any]:
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


def allowed_methods(request: Request) -> str:
    """The `Allow` header for a 405: every method some route takes at this path."""
    methods: set[str] = set()
    for context in iter_route_contexts(list(request.app.routes)):
        if context.path_format and context.methods:
            pattern, _, _ = compile_path(context.path_format)
            if pattern.match(request.url.path):
                methods |= set(context.methods)
    return ", ".join(sorted(methods - {"HEAD"}))


def _allowed(path: str, location: list[str]) -> str | None:
    if not location:
        return None
    name = location[0]
    if path.startswith("/api/v1/assess") and name in INTAKE_FIELDS:
        return INTAKE_FIELDS[name].allowed()
    if path.startswith(("/api/v1/sessions", "/api/v1/pain")):
        return RECORD_ALLOWED.get(location[-1])
    return None


def _validation_problems(path: str, errors: Iterable[Any]) -> list[FieldProblem]:
    found = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        inside = location[1:] if location and location[0] in ("body", "query", "path") else []
        field = ".".join(inside) or (location[0] if location else "(request)")
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        found.append(FieldProblem(field=field, message=message, allowed=_allowed(path, inside)))
    return found


_FIELD_AT_START = re.compile(r"^(?:exercise '[^']*': )?([a-z_]+) (?:must|is required)")


def _record_problem(text: str) -> FieldProblem:
    match = _FIELD_AT_START.match(text)
    field = match.group(1) if match else "(record)"
    return FieldProblem(field=field, message=text, allowed=RECORD_ALLOWED.get(field))


def problem_for(error: Exception) -> Problem:
    """The problem document for any exception (a 500 for anything unexpected)."""
    if isinstance(error, ProblemError):
        return error.problem
    if isinstance(error, IntakeError):
        items = [
            FieldProblem(
                field=p.field,
                message=p.message,
                allowed=INTAKE_FIELDS[p.field].allowed() if p.field in INTAKE_FIELDS else None,
            )
            for p in error.problems
        ]
        return ProblemError(
            422,
            "invalid-intake",
            "Invalid intake",
            f"the intake has {len(items)} problem(s)",
            items,
        ).problem
    if isinstance(error, RecordError):
        items = [_record_problem(p) for p in error.problems]
        return ProblemError(
            422, "invalid-record", "Invalid diary record", str(error), items
        ).problem
    if isinstance(error, QuestionnaireError | AnalyticsError):
        return ProblemError(422, "invalid-answers", "Invalid answers", str(error)).problem
    if isinstance(error, StorageError):
        # Never the storage text itself: it may name the database's path or SQL.
        return ProblemError(
            503,
            "diary-unavailable",
            "Diary unavailable",
            "the diary database could not complete this request; try again in a moment",
        ).problem
    if isinstance(error, KneewiseError) and not isinstance(error, KnowledgeError):
        return ProblemError(400, "invalid-request", "Bad request", str(error)).problem
    return ProblemError(
        500, "internal", "Internal error", "kneewise failed on this request; the error was logged"
    ).problem


def wants_json(request: Request) -> bool:
    """API paths and clients that ask for JSON get problem documents; browsers get pages."""
    accept = request.headers.get("accept", "")
    return request.url.path.startswith(("/api/", "/cds-services")) or (
        "json" in accept and "text/html" not in accept
    )


def problem_json(problem: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    """A problem as an `application/problem+json` response (handlers and middleware alike)."""
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def install(app: FastAPI, render_page: Any) -> None:
    """Install the exception handlers; `render_page(request, problem)` draws the HTML error."""

    def respond(
        request: Request, problem: Problem, headers: dict[str, str] | None = None
    ) -> Response:
        problem.instance = problem.instance or request.url.path
        if wants_json(request):
            return problem_json(problem, headers)
        response: Response = render_page(request, problem)
        response.headers.update(headers or {})  # a page's 405 names the methods too
        return response

    async def on_validation(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        items = _validation_problems(request.url.path, error.errors())
        detail = "; ".join(f"{i.field}: {i.message}" for i in items)
        return respond(
            request, ProblemError(422, "invalid-request", "Invalid request", detail, items).problem
        )

    async def on_http(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        slug = "not-found" if error.status_code == 404 else "invalid-request"
        title = {404: "Not found", 405: "Method not allowed"}.get(error.status_code, "Bad request")
        detail = str(error.detail)
        headers = dict(error.headers or {})
        if error.status_code == 405:
            # Starlette names only the first route that matched the path, not all of them.
            headers["Allow"] = allowed_methods(request)
            detail = f"{request.method} is not allowed here; allowed: {headers['Allow']}"
        problem = ProblemError(error.status_code, slug, title, detail).problem
        return respond(request, problem, headers)

    async def on_known(request: Request, error: Exception) -> Response:
        problem = problem_for(error)
        if problem.status >= 500:
            log.error(
                "%s on %s %s",
                type(error).__name__,
                request.method,
                request.url.path,
                exc_info=error,
            )
        return respond(request, problem)

    async def on_bug(request: Request, error: Exception) -> Response:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
        return respond(request, problem_for(error))

    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(ProblemError, on_known)
    app.add_exception_handler(KneewiseError, on_known)
    app.add_exception_handler(Exception, on_bug)
