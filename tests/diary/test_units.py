"""Units at the edges: miles and °F from the profile, km and °C in storage."""

from __future__ import annotations

import datetime as dt

import pytest

from kneewise import assess, load_knowledge, parse_intake
from kneewise.diary import Diary, ProfileRecord, build, save_assessment, update_profile
from kneewise.diary.units import (
    distance_text,
    from_celsius,
    from_km,
    temperatures_in,
    to_celsius,
    to_km,
)
from kneewise.report import report_html

KB = load_knowledge()

FEVER_AND_HOT_KNEE = {
    "age": 40, "sex": "male", "fever": True, "warm": True, "swelling": "within_24h",
    "side": "right", "onset": "sudden",
}  # fmt: skip


@pytest.mark.parametrize(
    ("value", "unit", "km"),
    [(1, "mi", 1.609), (26.2188, "mi", 42.195), (5, "km", 5), (0, "mi", 0)],
)
def test_distances_are_stored_in_km(value: float, unit: str, km: float) -> None:
    assert to_km(value, unit) == pytest.approx(km, abs=0.001)
    assert from_km(to_km(value, unit), unit) == pytest.approx(value, abs=0.01)


def test_distance_text_uses_the_unit_symbol() -> None:
    assert distance_text(10, "mi") == "6.21 mi"
    assert distance_text(10, "km") == "10 km"


@pytest.mark.parametrize(("celsius", "fahrenheit"), [(38, 100.4), (37, 98.6), (0, 32), (-40, -40)])
def test_temperatures_convert_both_ways(celsius: float, fahrenheit: float) -> None:
    assert from_celsius(celsius, "F") == fahrenheit
    assert to_celsius(fahrenheit, "F") == celsius


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a fever of 38 °C or more", "a fever of 100.4 °F (38 °C) or more"),
        ("fever of 38 °C (100.4 °F) or more?", "fever of 100.4 °F (38 °C) or more?"),
        ("measured 39.5°C last night", "measured 103.1 °F (39.5 °C) last night"),
        ("no temperature here, 38 km", "no temperature here, 38 km"),
    ],
)
def test_temperatures_in_text_are_shown_in_fahrenheit_keeping_celsius(
    text: str, expected: str
) -> None:
    assert temperatures_in(text, "F") == expected
    assert temperatures_in(text, "C") == text


def test_the_report_shows_the_fever_threshold_in_the_profile_unit(
    today: dt.date, diary: Diary
) -> None:
    answer = assess(parse_intake(FEVER_AND_HOT_KNEE), load_knowledge()).to_json_dict()
    save_assessment(diary, FEVER_AND_HOT_KNEE, answer)
    celsius = report_html(diary, today - dt.timedelta(days=7), today, KB)
    assert "temperature of 38 °C or more" in celsius
    update_profile(diary, build(ProfileRecord, {"temperature_unit": "fahrenheit"}))
    fahrenheit = report_html(diary, today - dt.timedelta(days=7), today, KB)
    assert "temperature of 100.4 °F (38 °C) or more" in fahrenheit
    assert "38 °C or more" not in fahrenheit


def test_a_page_shows_temperatures_in_fahrenheit_but_keeps_what_was_written() -> None:
    from kneewise.diary.units import temperatures_in_page

    page = (
        '<p>Fever of 38 °C or more</p><input type="hidden" name="state" value="fever 38 °C">'
        '<blockquote class="story">I had 38 °C</blockquote><textarea>38 °C</textarea>'
        '<span class="from">from “38 °C”</span><li>Do you have a fever of 38 °C (100.4 °F)?</li>'
    )
    shown = temperatures_in_page(page, "F")
    assert "<p>Fever of 100.4 °F (38 °C) or more</p>" in shown
    assert "<li>Do you have a fever of 100.4 °F (38 °C)?</li>" in shown
    assert 'value="fever 38 °C"' in shown
    assert '<blockquote class="story">I had 38 °C</blockquote><textarea>38 °C</textarea>' in shown
    assert '<span class="from">from “38 °C”</span>' in shown
    assert temperatures_in_page(page, "C") == page
