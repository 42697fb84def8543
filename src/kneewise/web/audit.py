"""The audit log's one writer in the web app: a small ASGI middleware.

A route never writes the log itself. The dependency that hands out a
person's diary (`deps.get_diary`, and the viewer's dependency for a shared
diary) calls `note_access` with whose data it is and who is asking; when the
answer is a success (status below 400) this middleware adds one event to that
person's log (`kneewise.accounts.audit`) before the answer's first byte is
sent:

- action: `export` for the routes in `EXPORTS` (files that leave: JSON, CSV,
  PDF, FHIR, calendars), `delete` for DELETE and the `/delete…` forms, `read`
  for GET and the POSTs in `READS_BY_POST`, else `change`;
- what: the kind of record from the route's template (`KINDS`), with the
  record's number when the path names one, and the method and template;
  never a value from the request or the answer;
- via: `token` for a personal access token, `api` for the JSON API, else `page`.

A read or an export whose event cannot be written is not sent (503): data
never leaves unlogged. A change or deletion has already happened by then, so
its answer is sent as it is (saying it failed would make the client send it
again) and the failure is logged without any personal data.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.routing import iter_route_contexts
from starlette.concurrency import run_in_threadpool
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kneewise._errors import KneewiseError
from kneewise.accounts.audit import Action, Via, record_access
from kneewise.web.problems import ProblemError, problem_json

log = logging.getLogger("kneewise.web.audit")
_SCOPE_KEY = "kneewise.audit"
_RECORD_ID = re.compile(r"[0-9]{1,10}")

#: Routes whose answer is a file of the person's data leaving the server.
EXPORTS = frozenset({
    "/settings/export.json", "/settings/export.zip", "/api/v1/export/fhir",
    "/api/v1/export/account", "/report.pdf", "/api/v1/programme/calendar.ics",
    "/api/v1/programme/feed.ics", "/api/v1/programme/careplan",
    "/shared/{person_id}/report.pdf",
})  # fmt: skip
#: POST routes that use the diary only to read it.
READS_BY_POST = frozenset({"/cds-services/{service_id}", "/settings/emergency-number"})

#: Route template prefixes (longest first wins) and the kind of record in plain words:
#: (many, one) — "one" is used with the record's number when the path names a record.
KINDS: tuple[tuple[str, str, str], ...] = (
    ("/api/v1/export/fhir", "all diary data as a FHIR file", ""),
    ("/api/v1/export/account", "everything in the account as a JSON file", ""),
    ("/settings/export.json", "everything in the account as a JSON file", ""),
    ("/settings/export.zip", "the diary as CSV files", ""),
    ("/settings/delete", "every record of the diary", ""),
    ("/settings/delete-account", "the whole account", ""),
    ("/settings", "the settings page (how many records the diary holds)", ""),
    ("/report.pdf", "the report for a doctor (PDF)", ""),
    ("/api/v1/programme/calendar.ics", "the exercise programme's calendar", ""),
    ("/api/v1/programme/feed.ics", "the exercise programme's calendar", ""),
    ("/api/v1/programme/careplan", "the exercise programme as a FHIR care plan", ""),
    ("/api/v1/programme", "the exercise programme", ""),
    ("/programme/calendar-address", "the exercise programme's calendar address", ""),
    ("/programme", "the exercise programme", ""),
    ("/calendar/{token}.ics", "the exercise programme's calendar (its private address)", ""),
    ("/api/v1/sessions", "training sessions", "training session"),
    ("/diary/sessions", "training sessions", "training session"),
    ("/diary/session", "training sessions", "training session"),
    ("/api/v1/pain", "pain entries", "pain entry"),
    ("/diary/pain", "pain entries", "pain entry"),
    ("/diary", "the diary", ""),
    ("/dashboard", "the dashboard (pain and training load)", ""),
    ("/api/v1/profile", "the profile", ""),
    ("/profile", "the profile", ""),
    ("/questionnaires", "questionnaires", ""),
    ("/check/save", "a knee check result", ""),
    ("/check", "a knee check in progress", ""),
    ("/cds-services", "the diary, for a clinician's record system (CDS Hooks)", ""),
    ("/api/v1/audit", "the log of who saw the data", ""),
    ("/privacy", "the log of who saw the data", ""),
    ("/shared/{person_id}/report.pdf", "the report for a doctor (PDF)", ""),
    ("/shared/{person_id}", "the summary of the diary (pain, load, latest check)", ""),
    ("/api/v1/shared/{person_id}", "the summary of the diary (pain, load, latest check)", ""),
    ("/shared", "the list of people sharing with them (today's light, pain and load)", ""),
    ("/api/v1/shared", "the list of people sharing with them (today's light, pain and load)", ""),
)
#: What a route missing from KINDS is called (a test keeps every diary route out of it).
UNKNOWN_KIND = "records"


@dataclass(frozen=True)
class Access:
    """Whose data a request reached (`owner_id`), who asked (`actor_id`) and how."""

    owner_id: int
    actor_id: int
    token: bool


class AuditNotInstalled(RuntimeError):
    """A person's diary was handed out in an app without the audit middleware (a bug)."""


def note_access(request: Request, *, owner_id: int, actor_id: int, token: bool) -> None:
    """Say that this request reaches `owner_id`'s data for `actor_id` (by a token or not).

    Called by every dependency that hands out a person's diary; the
    middleware writes the event once the answer turns out a success.
    """
    pending = request.scope.get(_SCOPE_KEY)
    if not isinstance(pending, list):
        raise AuditNotInstalled("the audit middleware is missing: install it in create_app")
    access = Access(owner_id, actor_id, token)
    if access not in pending:
        pending.append(access)


def withdraw_access(request: Request, owner_id: int) -> None:
    """Write no event for `owner_id` after all: their account and its log were just deleted."""
    pending = request.scope.get(_SCOPE_KEY)
    if isinstance(pending, list):
        pending[:] = [access for access in pending if access.owner_id != owner_id]


def route_template(app: Any, method: str, path: str) -> str:
    """The template of the route `method path` reaches ("/api/v1/pain/{entry_id}"), or path."""
    table: list[tuple[re.Pattern[str], frozenset[str], str]] | None = getattr(
        app.state, "audit_routes", None
    )
    if table is None:
        table = []
        for context in iter_route_contexts(list(app.routes)):
            if context.path_format and context.methods:
                pattern, _, _ = compile_path(context.path_format)
                table.append((pattern, frozenset(context.methods), context.path_format))
        app.state.audit_routes = table
    for pattern, methods, template in table:
        if method in methods and pattern.match(path):
            return template
    return path


def action_of(method: str, template: str) -> Action:
    """read, export, change or delete: what a successful `method` on `template` did."""
    if method == "DELETE" or template.rsplit("/", 1)[-1].startswith("delete"):
        return "delete"
    if template in EXPORTS:
        return "export"
    if method in ("GET", "HEAD") or template in READS_BY_POST:
        return "read"
    return "change"


def kind_of(template: str) -> tuple[str, str]:
    """The kind of record a template reaches in plain words: (many, one)."""
    for prefix, many, one in KINDS:
        if template == prefix or template.startswith((prefix + "/", prefix + ".")):
            return many, one
    return UNKNOWN_KIND, ""


def describe(template: str, path_params: dict[str, Any]) -> str:
    """The plain `what` of a request: the kind, and the record's number when it names one."""
    many, one = kind_of(template)
    numbers = [str(v) for v in path_params.values() if _RECORD_ID.fullmatch(str(v))]
    if one and numbers:
        return f"{one} {numbers[-1]}"
    return many


def via_of(path: str, token: bool) -> Via:
    """How the request came: a personal access token, the JSON API, or the pages."""
    if token:
        return "token"
    return "api" if path.startswith(("/api/", "/cds-services")) else "page"


class AuditMiddleware:
    """Writes the events `note_access` announced, once the answer is known to be a success."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        pending: list[Access] = []
        scope[_SCOPE_KEY] = pending
        withheld = False

        async def audited_send(message: Message) -> None:
            nonlocal withheld
            if withheld:
                return  # the rest of an answer replaced by a 503
            if message["type"] == "http.response.start" and pending and message["status"] < 400:
                written = await run_in_threadpool(_write, scope, pending)
                method = scope["method"]
                template = route_template(scope["app"], method, scope["path"])
                if not written and action_of(method, template) in ("read", "export"):
                    withheld = True
                    await _unavailable(scope, send)
                    return
            await send(message)

        await self.app(scope, receive, audited_send)


def _write(scope: Scope, pending: list[Access]) -> bool:
    """Write one event per access; False when the database refused (logged, no data)."""
    method: str = scope["method"]
    template = route_template(scope["app"], method, scope["path"])
    route = f"{method} {template}"
    what = describe(template, scope.get("path_params") or {})
    action = action_of(method, template)
    base = scope["app"].state.diary
    try:
        for access in pending:
            record_access(
                base.for_owner(access.owner_id),
                actor_id=access.actor_id,
                action=action,
                what=what,
                route=route,
                via=via_of(scope["path"], access.token),
            )
    except KneewiseError as error:
        log.error("could not write the audit log for %s: %s", route, type(error).__name__)
        return False
    return True


async def _unavailable(scope: Scope, send: Send) -> None:
    problem = ProblemError(
        503,
        "diary-unavailable",
        "Diary unavailable",
        "kneewise could not note this request in the log of who saw the data, so it sends "
        "nothing; try again in a moment",
    ).problem
    problem.instance = scope["path"]

    async def no_body() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    await problem_json(problem)(scope, no_body, send)


def install(app: FastAPI) -> None:
    """Add the audit middleware (inside the security middleware added after it)."""
    app.add_middleware(AuditMiddleware)
