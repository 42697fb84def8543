"""The pain light against the pain-monitoring model (data/pain_examples.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import yaml

from kneewise._errors import AnalyticsError
from kneewise.analytics import escalation, pain_light, pain_lights

PAIN_CASES = yaml.safe_load((Path(__file__).parent / "data" / "pain_examples.yaml").read_text())
Pain = Callable[..., pl.DataFrame]


def _sessions(case: dict[str, Any], today: date) -> pl.DataFrame | None:
    if "sessions" not in case:
        return None
    if "rest_days" not in case:
        return pl.DataFrame({"date": [today + timedelta(days=d) for d in case["sessions"]]})
    # Sessions of 45 minutes without an RPE, and rest days: 0 minutes.
    days = [(d, 45.0) for d in case["sessions"]] + [(d, 0.0) for d in case["rest_days"]]
    return pl.DataFrame(
        {
            "date": [today + timedelta(days=d) for d, _ in days],
            "duration_min": [minutes for _, minutes in days],
            "rpe": pl.Series([None] * len(days), dtype=pl.Float64),
        }
    )


@pytest.mark.parametrize("case", PAIN_CASES, ids=[c["name"] for c in PAIN_CASES])
def test_pain_light(case: dict[str, Any], pain_frame: Pain, today: date) -> None:
    light = pain_light(pain_frame(case["entries"]), today, _sessions(case, today))
    assert light.colour == case["colour"]
    assert any(case["reason"] in reason for reason in light.reasons), light.reasons


def test_red_light_escalates_to_a_doctor_and_an_assessment(pain_frame: Pain, today: date) -> None:
    entries = [{"day": 0, "during": 2, "next_morning": 1, "night_pain": True}]
    result = escalation(pain_frame(entries), today)
    assert result.needed
    assert result.reasons == ("Night pain was logged in the last 7 days.",)
    assert "doctor" in result.advice and "kneewise assess" not in result.advice


def test_green_light_does_not_escalate(pain_frame: Pain, today: date) -> None:
    light = pain_light(pain_frame([{"day": 0, "during": 2, "next_morning": 1}]), today)
    assert not light.escalation.needed
    assert light.figures["during"] == 2


def test_club_gets_one_light_per_athlete(pain_frame: Pain, today: date) -> None:
    calm = pain_frame([{"day": 0, "during": 2, "next_morning": 1}])
    sore = pain_frame([{"day": 0, "during": 8, "next_morning": 1}])
    club = pl.concat(
        [calm.with_columns(athlete_id=pl.lit("calm")), sore.with_columns(athlete_id=pl.lit("sore"))]
    )
    lights = pain_lights(club, today)
    assert dict(zip(lights["athlete_id"], lights["colour"], strict=True)) == {
        "calm": "green",
        "sore": "amber",
    }


def test_several_athletes_need_pain_lights(pain_frame: Pain, today: date) -> None:
    club = pain_frame([{"day": 0, "during": 2}, {"day": -1, "during": 2}])
    club = club.with_columns(athlete_id=pl.Series(["a", "b"]))
    with pytest.raises(AnalyticsError, match="use pain_lights"):
        pain_light(club, today)


def test_pain_out_of_range_is_named(pain_frame: Pain, today: date) -> None:
    with pytest.raises(AnalyticsError, match="during outside 0 to 10"):
        pain_light(pain_frame([{"day": 0, "during": 12}]), today)


def test_empty_diary_gives_no_light(pain_frame: Pain, today: date) -> None:
    assert pain_light(pain_frame([]), today).colour == "none"
