"""The dashboard draws the report's charts, fit to the page, and its own pain calendar."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from kneewise.report import load_chart
from kneewise.web.charts import calendar, fluid

SVG = "{http://www.w3.org/2000/svg}"
MONDAY = dt.date(2024, 4, 1)


def test_fluid_charts_fill_their_container_and_keep_the_viewbox() -> None:
    fixed = load_chart([MONDAY], [270.0], [None])
    root = ET.fromstring(fluid(fixed))
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert root.get("viewBox") == "0 0 640 300"
    assert fluid(fixed).split(">", 1)[1] == fixed.split(">", 1)[1]


def test_calendar_is_an_accessible_image_with_one_cell_per_day() -> None:
    days = {MONDAY: 4, MONDAY + dt.timedelta(days=2): None, MONDAY + dt.timedelta(days=3): 7}
    end = MONDAY + dt.timedelta(days=13)
    root = ET.fromstring(calendar(days, start=MONDAY, end=end, title="Pain days"))
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.find(f"{SVG}title") is not None
    assert (root.findtext(f"{SVG}desc") or "").startswith("2 days with pain logged")
    cells = [e for e in root.iter(f"{SVG}rect") if e.get("class") == "day"]
    assert len(cells) == 14
    shown = {e.get("data-date"): e.findtext(f"{SVG}title") for e in cells}
    assert shown[MONDAY.isoformat()] == "2024-04-01: pain 4/10"
    assert shown["2024-04-03"] == "2024-04-03: no entry"
