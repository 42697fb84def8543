"""SVG charts: valid XML, one mark per value, accessible names, the same bytes every time."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from kneewise._errors import ReportError
from kneewise.report.charts import load_chart, pain_chart

SVG = "{http://www.w3.org/2000/svg}"
MONDAY = dt.date(2024, 4, 1)
WEEKS = [MONDAY + dt.timedelta(weeks=i) for i in range(6)]
LOADS = [900.0, 1200.0, 0.0, 1500.0, 1800.0, 1000.0]
RATIOS = [None, None, 0.8, 1.3, 1.6, None]
DAYS = [MONDAY + dt.timedelta(days=i * 3) for i in range(5)]
DURING = [3, 4, None, 8, 2]
AFTER = [2, None, None, 5, 1]
MORNING = [1, 1, 2, None, 0]


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def test_load_chart_has_one_bar_per_week_and_one_point_per_known_ratio() -> None:
    root = parsed(load_chart(WEEKS, LOADS, RATIOS))
    bars = by_class(root, "bar")
    assert [bar.get("data-week") for bar in bars] == [w.isoformat() for w in WEEKS]
    assert [bar.get("data-load") for bar in bars] == ["900", "1200", "0", "1500", "1800", "1000"]
    assert len(by_class(root, "ratio-point")) == 3


def test_taller_load_draws_a_taller_bar() -> None:
    bars = by_class(parsed(load_chart(WEEKS, LOADS, RATIOS)), "bar")
    heights = [float(bar.get("height") or 0) for bar in bars]
    assert heights[4] == max(heights) and heights[2] == 0


def test_charts_are_accessible_images() -> None:
    for svg in (load_chart(WEEKS, LOADS, RATIOS), pain_chart(DAYS, DURING, AFTER, MORNING)):
        root = parsed(svg)
        assert root.get("role") == "img"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text
        assert desc is not None and desc.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert "<script" not in svg


def test_load_chart_text_names_axes_and_the_peak_week() -> None:
    svg = load_chart(WEEKS, LOADS, RATIOS)
    assert "Load (min × RPE)" in svg and "Acute:chronic ratio" in svg and "Week starting" in svg
    assert "rolling 7 days ÷ 28-day weekly mean, coupled" in svg  # the ratio names its method
    desc = parsed(svg).find(f"{SVG}desc")
    assert desc is not None and "Highest weekly load 1800 in the week of 29 Apr 2024" in (
        desc.text or ""
    )


def test_pain_chart_draws_one_marker_per_known_score() -> None:
    root = parsed(pain_chart(DAYS, DURING, AFTER, MORNING))
    assert len(by_class(root, "point-during")) == 4
    assert len(by_class(root, "point-after")) == 3
    assert len(by_class(root, "point-next_morning")) == 4
    labels = [e.findtext(f"{SVG}title") for e in by_class(root, "point-during")]
    assert "10 Apr 2024: during activity 8/10" in labels


def test_pain_axis_runs_from_0_to_10_with_the_acceptable_limit() -> None:
    svg = pain_chart(DAYS, DURING, AFTER, MORNING)
    texts = [e.text for e in parsed(svg).iter(f"{SVG}text")]
    assert {"0", "2", "4", "6", "8", "10", "acceptable limit"} <= set(texts)


def test_pain_chart_places_days_by_date_within_the_given_range() -> None:
    start, end = MONDAY - dt.timedelta(days=10), DAYS[-1] + dt.timedelta(days=10)
    narrow = by_class(parsed(pain_chart(DAYS, DURING, AFTER, MORNING)), "point-during")
    wide = by_class(
        parsed(pain_chart(DAYS, DURING, AFTER, MORNING, start=start, end=end)), "point-during"
    )
    assert float(wide[0].get("cx") or 0) > float(narrow[0].get("cx") or 0)


def test_same_data_gives_the_same_bytes() -> None:
    assert load_chart(WEEKS, LOADS, RATIOS) == load_chart(list(WEEKS), list(LOADS), list(RATIOS))
    assert pain_chart(DAYS, DURING, AFTER, MORNING) == pain_chart(DAYS, DURING, AFTER, MORNING)


def test_no_data_gives_a_valid_chart_that_says_so() -> None:
    for svg in (load_chart([], [], []), pain_chart([], [], [], [])):
        root = parsed(svg)
        assert any("No " in (e.text or "") for e in root.iter(f"{SVG}text"))
        assert not by_class(root, "bar") and not by_class(root, "point")


def test_titles_are_escaped() -> None:
    root = parsed(load_chart(WEEKS, LOADS, RATIOS, title="Load <&> weeks", chart_id="a&b"))
    assert root.findtext(f"{SVG}title") == "Load <&> weeks"


def test_columns_of_different_length_are_refused() -> None:
    with pytest.raises(ReportError, match="one value per date"):
        load_chart(WEEKS, LOADS[:-1], RATIOS)
    with pytest.raises(ReportError, match="one value per date"):
        pain_chart(DAYS, DURING, AFTER, MORNING[:2])
