"""The programme chart: adherence bars, the stage each week and pain, as well-formed SVG."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from kneewise.programmes.adherence import Week, weeks
from kneewise.programmes.chart import adherence_svg
from kneewise.programmes.load import load_library
from kneewise.programmes.progress import LoggedSession
from kneewise.programmes.store import Enrolment

SVG = "{http://www.w3.org/2000/svg}"
PROGRAMME = load_library().programmes["patellar_tendinopathy"]
START = dt.date(2026, 1, 5)


def _enrolment(sessions: list[LoggedSession]) -> Enrolment:
    changes = (
        {"date": START.isoformat(), "action": "start", "stage": "isometric", "sentence": ""},
        {"date": "2026-01-11", "action": "move_on", "stage": "heavy_slow", "sentence": "On."},
    )
    return Enrolment(
        1, PROGRAMME.id, START, "heavy_slow", dt.date(2026, 1, 12), "active", None, None, (),
        changes, tuple(sessions),
    )  # fmt: skip


def test_weeks_count_done_partly_and_planned_by_the_stage_of_the_week() -> None:
    sessions = [
        LoggedSession(START, "done", 2),
        LoggedSession(START + dt.timedelta(days=1), "partly", 4),
        LoggedSession(START + dt.timedelta(days=2), "skipped"),
        LoggedSession(START + dt.timedelta(days=8), "done", None),
    ]
    result = weeks(_enrolment(sessions), PROGRAMME, START + dt.timedelta(days=15))
    assert [w.number for w in result] == [1, 2, 3]
    assert [w.stage_id for w in result] == ["isometric", "heavy_slow", "heavy_slow"]
    assert [w.planned for w in result] == [7, 3, 3]
    assert [w.done for w in result] == [1.5, 1.0, 0.0]
    assert [w.pain_during for w in result] == [3.0, None, None]


def test_the_chart_draws_a_bar_a_stage_and_the_pain_of_each_week() -> None:
    rows = [
        Week(1, START, "isometric", 7, 7.0, 3.0),
        Week(2, START + dt.timedelta(7), "heavy_slow", 3, 1.5, None),
        Week(3, START + dt.timedelta(14), "heavy_slow", 3, 4.0, 2.0),
    ]
    root = ET.fromstring(adherence_svg(rows, PROGRAMME))
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 3
    heights = [float(bar.attrib["height"]) for bar in bars]
    assert heights[0] > heights[1] and heights[2] > heights[0]  # over 100% drawn taller
    labels = [t.text for t in root.findall(f"{SVG}text")]
    assert labels.count("S1") == 1 and labels.count("S2") == 2
    assert len(root.findall(f"{SVG}circle")) == 2  # no dot for the week without pain
    assert "style" not in adherence_svg(rows, PROGRAMME)


def test_an_empty_programme_chart_says_so() -> None:
    assert "No week of the programme yet" in adherence_svg([], PROGRAMME)
