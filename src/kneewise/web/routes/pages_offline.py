"""What makes kneewise installable on a phone: the web app manifest, the service
worker and the page it shows for a navigation while offline.

The worker is served from the site's root (`/sw.js`) so its scope is the whole
app; the manifest with its registered media type `application/manifest+json`
(W3C Web Application Manifest, "Media type registration"). Both files live in
static/; headers (CSP, `Cache-Control: no-store`) come from web/security.py like
every other answer, so a browser always fetches the newest worker.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from kneewise.web.templating import page

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"

router = APIRouter()


@router.get("/sw.js")
def service_worker() -> FileResponse:
    """The service worker script (JavaScript), scope `/`."""
    return FileResponse(STATIC_DIR / "sw.js", media_type="text/javascript")


@router.get("/manifest.webmanifest")
def manifest() -> FileResponse:
    """The web app manifest: names, start URL, standalone display, colours, icons."""
    return FileResponse(STATIC_DIR / "manifest.webmanifest", media_type="application/manifest+json")


@router.get("/offline", response_class=HTMLResponse)
def offline(request: Request) -> HTMLResponse:
    """What works without a connection; the worker shows it for a page it cannot fetch."""
    return page(request, "offline.html")
