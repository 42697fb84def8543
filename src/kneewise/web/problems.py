"""Errors as `application/problem+json` (RFC 9457) for the API and as pages for people.

Every handler answers with a problem: `type`, `title`, `status`, `detail` and
`errors`, one entry per faulty field with what is allowed. A bad request is
a 4xx; only a real bug becomes a 500, and that one is logged.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

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
from kneewise.intake import INTAKE_FIELDS
from kneewise.web.echoes import DETAIL_CHARACTERS, PATH_CHARACTERS, short_path, short_text
from kneewise.web.inputs import LOCAL_TIME, NAME

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
    "token-not-allowed": "Access tokens are for the API; the pages' forms and the account "
    "need a browser signed in with a password.",
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

    # What the client sent is quoted as a short sample at most (web/echoes.py).
    _short_field = field_validator("field")(lambda v: short_text(v, PATH_CHARACTERS))
    _short_message = field_validator("message")(short_text)


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="URI reference naming the kind of problem")
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldProblem] = []

    _short_detail = field_validator("detail")(lambda v: short_text(v, DETAIL_CHARACTERS))


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


def not_json_problem(error: json.JSONDecodeError) -> ProblemError:
    """A 400 saying the body is not valid JSON, with the line and column where it failed."""
    where = f"line {error.lineno}, column {error.colno}"
    message = f"not valid JSON: {error.msg.lower()} at {where}"
    return ProblemError(
        400,
        "invalid-request",
        "Body is not valid JSON",
        f"the request body is not valid JSON ({error.msg.lower()} at {where})",
        [FieldProblem(field="(body)", message=message, allowed="one JSON document (RFC 8259)")],
    )


def not_found(what: str) -> ProblemError:
    """A 404 problem naming what is missing."""
    return ProblemError(404, "not-found", "Not found", f"there is no {what}")


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


#: The most field problems listed in one answer (a body may break thousands of rules).
MOST_ERRORS = 50


def _validation_problems(path: str, errors: Iterable[Any]) -> list[FieldProblem]:
    found = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        inside = location[1:] if location and location[0] in ("body", "query", "path") else []
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        allowed = _allowed(path, inside)
        if error.get("type") == "string_pattern_mismatch":
            # The pattern is for programs (the API schema has it); a person reads words.
            pattern = str(error.get("ctx", {}).get("pattern", ""))
            allowed = allowed or _PATTERN_WORDS.get(pattern)
            message = "is not in the allowed form" + (f": {allowed}" if allowed else "")
        # A rule about the whole body that starts with the field it is about names it.
        named = None if inside else _FIELD_AT_START.match(message)
        field = named.group(1) if named else short_path(inside)
        field = field or (location[0] if location else "(request)")
        allowed = _allowed(path, [field]) if named else allowed
        found.append(FieldProblem(field=field, message=message, allowed=allowed))
    return found


#: Words for the patterns of fields whose words `_allowed` does not know by their path.
_PATTERN_WORDS = {NAME: RECORD_ALLOWED["activity"], LOCAL_TIME: RECORD_ALLOWED["start_time"]}


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
        syntax = [e for e in error.errors() if e.get("type") == "json_invalid"]
        if syntax and isinstance(error.body, str | bytes):
            # A route reading its body as plain JSON (not web/json_body.JsonRoute).
            doc = error.body if isinstance(error.body, str) else error.body.decode(errors="replace")
            reason = str(syntax[0].get("ctx", {}).get("error", "not JSON"))
            bad = json.JSONDecodeError(reason, doc, int(syntax[0]["loc"][-1]))
            return respond(request, not_json_problem(bad).problem)
        items = _validation_problems(request.url.path, error.errors())
        detail = "; ".join(f"{i.field}: {i.message}" for i in items[:MOST_ERRORS])
        if len(items) > MOST_ERRORS:
            detail = f"{len(items)} problems, the first {MOST_ERRORS} listed; {detail}"
            items = items[:MOST_ERRORS]
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
