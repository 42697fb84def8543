"""The start page, the API documentation, and the problem-type pages a problem's `type` names.

The API documentation is Swagger UI vendored from the npm registry
(static/vendor/swagger-ui-*) and started by static/api-docs.js, so the page
works offline and nothing leaves this computer (no CDN, no validator badge).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kneewise.web.problems import PROBLEM_TYPES, Problem, not_found
from kneewise.web.templating import page

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """Where to start: check the knee, log, or look at the dashboard."""
    return page(request, "home.html")


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The REST API's interactive documentation (Swagger UI over /openapi.json)."""
    return page(request, "api_docs.html", {"openapi_url": request.app.openapi_url})


@router.get("/problems/{slug}", response_class=HTMLResponse)
def problem_type(request: Request, slug: str) -> HTMLResponse:
    """What one problem type means (RFC 9457 `type` URIs resolve here)."""
    if slug not in PROBLEM_TYPES:
        raise not_found(f"problem type {slug!r}")
    about = Problem(
        type=f"/problems/{slug}",
        title=slug.replace("-", " ").capitalize(),
        status=200,
        detail=PROBLEM_TYPES[slug],
    )
    return page(request, "error.html", {"problem": about})
