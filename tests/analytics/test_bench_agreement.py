"""The benchmark's plain-pandas reference gives the same figures as ours (bench/analytics.py).

`make bench` times both on 1,000 athletes × 3 years and checks a sample; this
runs the same check on every athlete of a small seeded club, so a change to
one implementation that the other does not follow fails here, not only there.
"""

from __future__ import annotations

import importlib.util
from datetime import timedelta
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).parents[2] / "bench" / "analytics.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_analytics", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", [7, 8])
def test_pandas_reference_and_polars_agree(bench: ModuleType, seed: int) -> None:
    athletes, days = 12, 150
    today = bench.START + timedelta(days=days - 1)
    sessions, pain = bench._club(seed, athletes, days)
    series, lights = bench._polars(sessions, pain, today)
    pd_sessions, pd_pain = bench._to_pandas(sessions), bench._to_pandas(pain)
    pd_series = bench._pd_series(pd_sessions, today)
    pd_lights = bench._pd_lights(pd_pain, pd_sessions, today)
    everyone = [str(a) for a in range(athletes)]
    compared = bench._agree(series, lights, pd_series, pd_lights, everyone)
    assert compared == series.height  # every day of every athlete
    # The figures compared are there, not all withheld: the check compares numbers.
    shown = series.drop_nulls("acwr_coupled").height
    assert shown > athletes * (days - 28) // 2
