"""The dashboard's pain calendar as an SVG string, and a helper to fit charts to the page.

The load and pain charts are the report's own (`kneewise.report.charts`), so
the page and the PDF draw them the same; only the calendar is page-only. It
is an accessible image (`role="img"`, a `<title>` and a `<desc>`), scales to
its container (viewBox, width 100%), and labels every day with a `<title>`.
Colours meet WCAG AA against white.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from html import escape

INK = "#1f2937"
GRID = "#d1d5db"
#: Calendar cells: no entry, then pain 0–2, 3–5, 6–10.
CALENDAR_COLOURS = ("#f3f4f6", "#bbf7d0", "#fcd34d", "#dc2626")
_SIZE = re.compile(r'^(<svg\b[^>]*?) width="[^"]*" height="[^"]*"')


def fluid(svg: str) -> str:
    """The chart with its fixed width and height replaced by width 100% (the viewBox keeps
    the aspect ratio), so it fills its container on a phone and on a desktop."""
    return _SIZE.sub(r'\1 width="100%"', svg, count=1)


def calendar(
    days: Mapping[dt.date, int | None],
    *,
    start: dt.date,
    end: dt.date,
    title: str,
    chart_id: str = "pain-calendar-svg",
) -> str:
    """A week-per-column calendar of pain days: each day coloured by its worst pain (0–10).

    `chart_id` names the SVG and its title and description (ids must be unique
    on a page that holds a wide and a phone calendar)."""
    first = start - dt.timedelta(days=start.weekday())
    weeks = (end - first).days // 7 + 1
    cell, gap, left, top_margin = 16, 3, 34, 18
    width = max(left + weeks * (cell + gap) + 8, 360)
    height = top_margin + 7 * (cell + gap) + 30
    body = [
        f'<text x="0" y="{top_margin + i * (cell + gap) + 12}" fill="{INK}">{name}</text>'
        for i, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun"))
    ]
    day = first
    while day <= end:
        column = (day - first).days // 7
        x = left + column * (cell + gap)
        y = top_margin + day.weekday() * (cell + gap)
        if day.day <= 7 and day.weekday() == 0:
            # Baseline 14 of 14: the month's capitals stay inside the picture's top.
            body.append(f'<text x="{x}" y="14" fill="{INK}">{day:%b}</text>')
        if day >= start:
            pain = days.get(day)
            band = 0 if pain is None else 1 if pain <= 2 else 2 if pain <= 5 else 3
            shown = f"{day.isoformat()}: " + ("no entry" if pain is None else f"pain {pain}/10")
            body.append(
                f'<rect class="day" data-date="{day.isoformat()}" x="{x}" y="{y}" '
                f'width="{cell}" height="{cell}" rx="3" fill="{CALENDAR_COLOURS[band]}" '
                f'stroke="{GRID}"><title>{shown}</title></rect>'
            )
        day += dt.timedelta(days=1)
    legend_y = top_margin + 7 * (cell + gap) + 10
    for index, text in enumerate(("no entry", "pain 0–2", "3–5", "6–10")):
        x = left + index * 80
        body.append(
            f'<rect x="{x}" y="{legend_y}" width="12" height="12" '
            f'fill="{CALENDAR_COLOURS[index]}" stroke="{GRID}"/>'
            f'<text x="{x + 16}" y="{legend_y + 11}" fill="{INK}">{text}</text>'
        )
    logged = sum(1 for d, v in days.items() if v is not None and start <= d <= end)
    description = f"{logged} days with pain logged from {start} to {end}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" id="{chart_id}" class="chart" '
        f'font-family="sans-serif" font-size="14">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(description)}</desc>{"".join(body)}</svg>'
    )
