"""Frame builders for the analytics tests (fixtures: importlib mode has no shared imports)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import polars as pl
import pytest

START = date(2024, 1, 1)
TODAY = date(2024, 6, 1)


def _day(n: int) -> date:
    """Day n of a load case (1 = START)."""
    return START + timedelta(days=n - 1)


def _sessions_frame(blocks: list[dict[str, Any]]) -> pl.DataFrame:
    rows = [
        {
            "date": _day(n),
            "activity": "run",
            "duration_min": float(b["duration_min"]),
            "rpe": None if b["rpe"] is None else float(b["rpe"]),
            "exercises": [],
        }
        for b in blocks
        for n in range(b["from"], b["to"] + 1)
    ]
    schema = {
        "date": pl.Date,
        "activity": pl.String,
        "duration_min": pl.Float64,
        "rpe": pl.Float64,
        "exercises": pl.List(pl.String),
    }
    return pl.DataFrame(rows, schema=schema)


def _pain_frame(entries: list[dict[str, Any]], today: date = TODAY) -> pl.DataFrame:
    rows = [
        {
            "date": today + timedelta(days=e["day"]),
            "during": e.get("during"),
            "after": e.get("after"),
            "next_morning": e.get("next_morning"),
            "swelling": e.get("swelling"),
            "night_pain": e.get("night_pain"),
        }
        for e in entries
    ]
    schema = {
        "date": pl.Date,
        "during": pl.Int64,
        "after": pl.Int64,
        "next_morning": pl.Int64,
        "swelling": pl.Boolean,
        "night_pain": pl.Boolean,
    }
    return pl.DataFrame(rows, schema=schema)


@pytest.fixture
def day() -> Callable[[int], date]:
    return _day


@pytest.fixture
def sessions_frame() -> Callable[[list[dict[str, Any]]], pl.DataFrame]:
    return _sessions_frame


@pytest.fixture
def pain_frame() -> Callable[..., pl.DataFrame]:
    return _pain_frame


@pytest.fixture
def today() -> date:
    return TODAY
