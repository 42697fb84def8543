"""`create_app(settings) -> FastAPI`: the web app and the REST API under /api/v1.

The diary is opened (and migrated) when the app is created, so a database
that cannot be reached stops `kneewise serve` at once with a clear message.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from kneewise._version import __version__
from kneewise.diary.storage import open_diary
from kneewise.knowledge.load import load_knowledge
from kneewise.settings import Settings, load_settings
from kneewise.web import audit as audit_log
from kneewise.web import auth, hygiene, problem_schema, problems, security
from kneewise.web.deps import get_diary
from kneewise.web.routes import (
    api_assess,
    api_audit,
    api_export,
    api_interview,
    api_knowledge,
    api_pain,
    api_parse,
    api_profile,
    api_programmes,
    api_sessions,
    api_shares,
    api_tokens,
    calendar_feed,
    cds_hooks,
    health,
    pages_account,
    pages_admin,
    pages_check,
    pages_dashboard,
    pages_diary,
    pages_home,
    pages_offline,
    pages_privacy,
    pages_profile,
    pages_programmes,
    pages_questionnaires,
    pages_report,
    pages_settings,
    pages_sharing,
    pages_signin,
    pages_tokens,
)
from kneewise.web.templating import page

STATIC_DIR = Path(__file__).parent / "static"
API_PREFIX = "/api/v1"
DESCRIPTION = """Explainable, source-cited help for knees that hurt after training.

kneewise informs; it does not diagnose or prescribe. Errors are
`application/problem+json` (RFC 9457) with an `errors` list naming each field.
"""


def _error_page(request: Request, problem: problems.Problem) -> HTMLResponse:
    return page(request, "error.html", {"problem": problem}, status_code=problem.status)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The kneewise web app over the diary the settings point at."""
    settings = settings or load_settings()
    diary = open_diary(settings.diary_url())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        diary.close()

    app = FastAPI(
        title="kneewise",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # our own page serves the vendored Swagger UI (pages_home.api_docs)
        redoc_url=None,
        openapi_url="/openapi.json",
        # With accounts on, every route needs a signed-in person but auth.PUBLIC_PATHS. A
        # personal app has no one to check (every request is the first account's), so it
        # pays no dependency on each request for it.
        dependencies=[Depends(auth.require_person)] if settings.accounts else [],
    )
    app.state.settings = settings
    # The personal diary (the first account's); each request reaches only its caller's.
    app.state.diary = diary
    # Signs session cookies; one key for every app process when set (docs/deploy.md).
    app.state.signing_key = settings.secret_key or secrets.token_urlsafe(32)
    app.state.knowledge = load_knowledge()

    api_modules = (
        api_assess, api_interview, api_parse, api_knowledge, api_sessions, api_pain, api_profile,
        api_programmes, api_audit,
    )  # fmt: skip
    # Each router straight onto the app: FastAPI re-checks every nested router's routes on
    # each request it routes through them (issue 11: the API's per-request cost).
    for module in (*api_modules, api_export, api_tokens, api_shares):
        app.include_router(module.router, prefix=API_PREFIX)
    for module in (
        pages_home,
        pages_check,
        pages_diary,
        pages_dashboard,
        pages_questionnaires,
        pages_profile,
        pages_programmes,
        pages_settings,
        pages_privacy,
        pages_report,
        pages_sharing,
        pages_offline,
        pages_tokens,
        pages_admin,
        pages_signin,
        pages_account,
    ):
        app.include_router(module.router, include_in_schema=False)
    app.include_router(cds_hooks.router)
    app.include_router(health.router)
    app.include_router(calendar_feed.router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    problems.install(app, _error_page)
    problem_schema.declare(
        app,
        storage=get_diary,
        signed_in=auth.needs_person(settings),
        own_computer=not settings.accounts,  # as person_day.own_computer
    )
    auth.install(app, settings)
    audit_log.install(app)  # inside the security middleware
    hygiene.install()  # no query strings or exception messages in the logs
    security.install(app, settings)
    return app
