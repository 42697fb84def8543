"""Pure analytics over diary frames: training load, the pain light, what precedes pain.

All functions take polars DataFrames and return new ones (or small
dataclasses); none reads or writes storage. Each accepts an optional
`athlete_id` column and then computes per athlete.
"""

from __future__ import annotations

from kneewise.analytics.load import MIN_COVERAGE_DAYS, daily_load, load_series, load_unknown
from kneewise.analytics.pain import (
    ACCEPTABLE_PAIN,
    Escalation,
    PainLight,
    escalation,
    pain_light,
    pain_lights,
)
from kneewise.analytics.quality import RatioCheck, ratio_check
from kneewise.analytics.summary import RATIO_METHODS, LoadFigure, LoadSummary, load_summary
from kneewise.analytics.triggers import PRIOR_SESSIONS, pain_triggers

__all__ = [
    "ACCEPTABLE_PAIN",
    "MIN_COVERAGE_DAYS",
    "PRIOR_SESSIONS",
    "RATIO_METHODS",
    "Escalation",
    "LoadFigure",
    "LoadSummary",
    "PainLight",
    "RatioCheck",
    "daily_load",
    "escalation",
    "load_series",
    "load_summary",
    "load_unknown",
    "pain_light",
    "pain_lights",
    "pain_triggers",
    "ratio_check",
]
