"""The Jinja2 templates and the small filters the pages share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from kneewise._version import __version__
from kneewise.engine.shortlist import shown_because
from kneewise.web import wording
from kneewise.web.security import csrf_input

TEMPLATES_DIR = Path(__file__).parent / "templates"
templates = Jinja2Templates(directory=TEMPLATES_DIR)


def words(name: object) -> str:
    """A field or choice name as words: `below_kneecap` → `below kneecap`."""
    return str(name).replace("_", " ")


def percent(value: float) -> str:
    return f"{round(value * 100)} %"


templates.env.filters["words"] = words
templates.env.filters["percent"] = percent
# Why a cause a warning sign keeps is listed (None for one listed for its probability).
templates.env.filters["shown_because"] = shown_because
# Every field, choice and answer a page shows goes through `wording`: plain words, one place.
templates.env.filters["field_label"] = wording.field_label
templates.env.globals["choice_label"] = wording.choice_label
templates.env.globals["answer"] = wording.answer
templates.env.globals["version"] = __version__
templates.env.globals["csrf_input"] = csrf_input


def page(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """Render a page template with the request in its context."""
    return templates.TemplateResponse(request, name, context or {}, status_code=status_code)
