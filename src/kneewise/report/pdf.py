"""The report for the doctor: HTML from a Jinja2 template, printed to A4 PDF by WeasyPrint.

Nothing is fetched while rendering: the CSS is inlined and the charts are
inline SVG, so a report renders the same offline.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from kneewise._errors import ReportError
from kneewise.diary import Diary, get_profile
from kneewise.diary.units import temperatures_in
from kneewise.knowledge.model import KnowledgeBase
from kneewise.report.content import ReportContent, report_content
from kneewise.report.svg import long_day

TEMPLATES = Path(__file__).parent / "templates"
LIGHT_WORDS = {"green": "Green", "amber": "Amber", "red": "Red", "none": "No light"}
#: For and against reasons shown per condition (the strongest come first).
REASONS_SHOWN = 4


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["long_day"] = long_day
    return environment


def render_html(content: ReportContent) -> str:
    """The report as one self-contained HTML page (CSS inlined, charts as inline SVG)."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return (
        _environment()
        .get_template("report.html")
        .render(c=content, css=css, light_words=LIGHT_WORDS, reasons_shown=REASONS_SHOWN)
    )


def report_html(
    diary: Diary,
    start: dt.date,
    end: dt.date,
    knowledge: KnowledgeBase,
    *,
    today: dt.date | None = None,
) -> str:
    """The report for `start`..`end` as HTML (the same page the PDF prints).

    Temperatures (e.g. the fever threshold in a rule's reason) are shown in the
    profile's unit; the knowledge and the diary keep °C.
    """
    html = render_html(report_content(diary, start, end, knowledge, today=today))
    return temperatures_in(html, get_profile(diary).temperature_unit or "C")


def doctor_report(
    diary: Diary,
    start: dt.date,
    end: dt.date,
    knowledge: KnowledgeBase,
    *,
    today: dt.date | None = None,
) -> bytes:
    """The report for `start`..`end` (inclusive) as PDF bytes.

    Raises ReportError when the range is wrong (ends before it starts, starts
    after `today`, longer than two years) or the diary has nothing to report.
    """
    html = report_html(diary, start, end, knowledge, today=today)
    # Imported here: it is slow to import. It ships no type information.
    from weasyprint import HTML  # type: ignore[import-untyped]

    try:
        pdf: bytes | None = HTML(string=html, url_fetcher=_no_fetching).write_pdf()
    except (OSError, ValueError) as exc:
        raise ReportError(f"the PDF could not be written: {exc}") from exc
    if pdf is None:  # pragma: no cover - write_pdf returns bytes without a target
        raise ReportError("the PDF could not be written")
    return pdf


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Refuse every fetch: the report must not reach the network or the disk."""
    raise ValueError(f"kneewise reports fetch nothing; refused {url}")
