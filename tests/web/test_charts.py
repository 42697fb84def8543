"""The dashboard draws the report's charts, fit to the page, and its own pain calendar."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import kneewise.web
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


def _charts() -> dict[str, str]:
    """Every chart the pages draw, wide and phone, with data and without."""
    from kneewise.report.charts import PHONE_LOAD_PLOT, PHONE_PAIN_PLOT, pain_chart

    weeks = [MONDAY + dt.timedelta(weeks=i) for i in range(8)]
    loads = [0.0, 270.0, 1210.0, 0.0, 480.0, 960.0, 30.0, 0.0]
    ratios: list[float | None] = [None, None, None, None, 0.8, 1.4, 0.2, None]
    days = [MONDAY + dt.timedelta(days=i) for i in range(0, 28, 3)]
    scores: list[int | None] = [(3 * i) % 11 for i in range(len(days))]
    end = MONDAY + dt.timedelta(days=27)
    return {
        "load": load_chart(weeks, loads, ratios),
        "load-phone": load_chart(weeks, loads, ratios, plot=PHONE_LOAD_PLOT),
        "load-phone-no-ratio": load_chart(weeks, loads, [None] * 8, plot=PHONE_LOAD_PLOT),
        "pain": pain_chart(days, scores, scores, scores, start=MONDAY, end=end),
        "pain-phone": pain_chart(
            days, scores, scores, scores, start=MONDAY, end=end, plot=PHONE_PAIN_PLOT
        ),
        "calendar": calendar({MONDAY: 4}, start=MONDAY, end=end, title="Pain days"),
    }


def test_page_styles_cannot_reach_into_the_charts() -> None:
    """No class a chart mark carries is a class selector in the page's stylesheet: Chromium
    applies CSS width and height to SVG shapes, so a shared name redraws the chart."""
    css = (Path(kneewise.web.__file__).parent / "static" / "kneewise.css").read_text()
    selectors = set(re.findall(r"\.([A-Za-z][\w-]*)", re.sub(r"/\*.*?\*/", "", css, flags=re.S)))
    for name, svg in _charts().items():
        root = ET.fromstring(svg)
        marks = {c for e in root.iter() if e is not root for c in (e.get("class") or "").split()}
        assert marks, name
        assert not marks & selectors, f"{name}: page styles match {sorted(marks & selectors)}"


@pytest.mark.parametrize("name", ["load-phone", "load-phone-no-ratio", "pain-phone"])
def test_phone_charts_keep_every_word_inside_the_picture(name: str) -> None:
    """A rough width for each text (0.6 em a character) stays inside the viewBox."""
    root = ET.fromstring(_charts()[name])
    width = float((root.get("viewBox") or "").split()[2])
    for element in root.iter(f"{SVG}text"):
        if element.get("transform"):
            continue  # the rotated axis labels run along the height
        size = float(element.get("font-size") or 14)
        extent = 0.6 * size * len(element.text or "")
        x = float(element.get("x") or 0)
        left = {"start": x, "middle": x - extent / 2, "end": x - extent}[
            element.get("text-anchor") or "start"
        ]
        assert left >= 0 and left + extent <= width, f"{element.text!r} runs off the chart"
    assert width <= 360


#: Measured in the page: each visible text's rendered font size (its font-size attribute
#: times the SVG's scale to the screen), its box, and whether the box stays inside the SVG.
_MEASURE = """() => [...document.querySelectorAll('figure.chart-box svg')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .flatMap(svg => {
    const frame = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].map(t => {
      const box = t.getBoundingClientRect();
      const m = t.getScreenCTM();  // a rotated axis label's scale is in b, its height across
      const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      return {chart: svg.id || svg.getAttribute('aria-label'), words: t.textContent,
        size, height: Math.abs(m.b) > Math.abs(m.a) ? box.width : box.height,
        inside: box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5
          && box.top >= frame.top - 0.5 && box.bottom <= frame.bottom + 0.5};
    });
  })"""


def _programme_chart() -> str:
    from kneewise.programmes.adherence import Week
    from kneewise.programmes.chart import adherence_svg
    from kneewise.programmes.load import load_library

    programme = min(load_library().programmes.values(), key=lambda p: p.id)
    stages = [stage.id for stage in programme.stages]
    weeks = [
        Week(
            number=n,
            first_day=MONDAY + dt.timedelta(weeks=n - 1),
            planned=3,
            done=[0, 1.5, 3, 4][n % 4],
            stage_id=stages[min(n // 4, len(stages) - 1)],
            pain_during=None if n % 5 == 0 else float(n % 7),
        )
        for n in range(1, 13)
    ]
    return adherence_svg(weeks, programme)


def test_phone_chart_text_is_readable_at_360_px(phone: Any) -> None:
    """At 360 px every chart word on the dashboard renders at least 11 CSS px and stays
    inside its picture: the real page and stylesheet, its phone charts drawn with data."""
    phone.goto("/dashboard")
    charts = _charts()
    boxes = {"load-chart": "load-phone", "pain-chart": "pain-phone", "pain-calendar": "calendar"}
    for figure, name in boxes.items():
        phone.eval_on_selector(
            f"#{figure} .chart-phone", "(e, svg) => e.innerHTML = svg", charts[name]
        )
    phone.eval_on_selector(
        "#load-chart",
        "(e, svg) => e.insertAdjacentHTML('afterend', `<figure class=chart-box>${svg}</figure>`)",
        _programme_chart() + charts["load-phone-no-ratio"].replace("load-chart", "load-none"),
    )
    measured = phone.evaluate(_MEASURE)
    assert {m["chart"] for m in measured} >= {"load-chart", "pain-chart", "pain-calendar-svg"}
    assert any(m["chart"] and "sessions done" in m["chart"] for m in measured)
    small = [(m["chart"], m["words"], round(m["size"], 1)) for m in measured if m["size"] < 11]
    low = [(m["chart"], m["words"]) for m in measured if m["height"] < 11]
    outside = [(m["chart"], m["words"]) for m in measured if not m["inside"]]
    assert not small and not low, f"smaller than 11 px: {small} {low}"
    assert not outside, f"running off the picture: {outside}"


def test_the_pdf_keeps_its_programme_chart_text_size() -> None:
    """The pages draw the programme chart's words at 12 units, the PDF at its 10 as before."""
    from kneewise.programmes.chart import PDF_TEXT, adherence_svg
    from kneewise.programmes.load import load_library

    programme = min(load_library().programmes.values(), key=lambda p: p.id)
    pdf = adherence_svg([], programme, text_size=PDF_TEXT)
    for size, svg in ((12, adherence_svg([], programme)), (10, pdf)):
        texts = list(ET.fromstring(svg).iter(f"{SVG}text"))
        assert texts and {t.get("font-size") for t in texts} == {str(size)}
