"""Analytics on a synthetic club: polars functions against plain pandas, same run, same data.

1,000 athletes × 3 years of daily sessions (about 1.1 M rows, seeded RNG):
time every athlete's acute:chronic series and today's traffic light with
kneewise's polars functions, then with a plain-pandas version of the same
computation, check both agree on a sample, and print both times, rows/s,
the ratio and the process's peak memory.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

import numpy as np
import pandas as pd
import polars as pl
from rich.console import Console
from rich.table import Table

from kneewise.analytics import MIN_COVERAGE_DAYS, daily_load, load_series, pain_lights
from kneewise.analytics.load import (
    ACUTE_LAMBDA,
    CHRONIC_LAMBDA,
    MIN_ACUTE_DAYS,
    MIN_EWMA_COVERAGE,
)

ATHLETES = 1_000
DAYS = 3 * 365 + 1
START = date(2022, 1, 1)
TODAY = START + timedelta(days=DAYS - 1)
T = TypeVar("T")


def _club(
    seed: int = 20240601, athletes: int = ATHLETES, days: int = DAYS
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Daily sessions (5 % unlogged days) and pain entries (60 % of days) for the club."""
    rng = np.random.default_rng(seed)
    n = athletes * days
    athlete = np.repeat(np.arange(athletes), days).astype(str)
    day = np.tile(np.arange(days), athletes)
    dates = np.datetime64(START) + day.astype("timedelta64[D]")
    keep = rng.random(n) > 0.05
    sessions = pl.DataFrame(
        {
            "athlete_id": athlete[keep],
            "date": dates[keep],
            "duration_min": rng.choice([0.0, 30.0, 45.0, 60.0, 90.0], n)[keep],
            "rpe": rng.integers(1, 11, n).astype(float)[keep],
        }
    ).with_columns(pl.col("date").cast(pl.Date))
    logged = rng.random(n) < 0.6
    pain = pl.DataFrame(
        {
            "athlete_id": athlete[logged],
            "date": dates[logged],
            "during": rng.integers(0, 8, n)[logged],
            "after": rng.integers(0, 7, n)[logged],
            "next_morning": rng.integers(0, 5, n)[logged],
            "swelling": (rng.random(n) < 0.01)[logged],
            "night_pain": (rng.random(n) < 0.005)[logged],
        }
    ).with_columns(pl.col("date").cast(pl.Date))
    return sessions, pain


def _polars(
    sessions: pl.DataFrame, pain: pl.DataFrame, today: date = TODAY
) -> tuple[pl.DataFrame, pl.DataFrame]:
    series = load_series(daily_load(sessions, until=today))
    return series, pain_lights(pain, today, sessions)


def _pd_series(sessions: pd.DataFrame, today: date = TODAY) -> pd.DataFrame:
    """The same load series in plain pandas (groupby + rolling + ewm), same definitions."""
    s = sessions.assign(load=sessions.duration_min * sessions.rpe)
    per_day = s.groupby(["athlete_id", "date"], as_index=False).load.sum()
    span = per_day.groupby("athlete_id").date.agg(["min"]).reset_index()
    calendar = pd.concat(
        pd.DataFrame({"athlete_id": a, "date": pd.date_range(lo, today)})
        for a, lo in zip(span.athlete_id, span["min"], strict=True)
    )
    d = calendar.merge(per_day, how="left", on=["athlete_id", "date"])
    d["logged"] = d.load.notna().astype(float)
    d["load"] = d.load.fillna(0.0)
    g = d.groupby("athlete_id", sort=False)

    def rolling(column: str, days: int, partial: bool = False) -> pd.Series:
        least = 1 if partial else days
        summed = g[column].transform(lambda x: x.rolling(days, min_periods=least).sum())
        return summed.round(6).clip(lower=0)

    d["acute_sum"], d["chronic_sum"] = rolling("load", 7, partial=True), rolling("load", 28)
    full_acute = rolling("load", 7)
    d["coverage"], d["acute_coverage"] = rolling("logged", 28), rolling("logged", 7, True)
    d["diary_days"] = g.cumcount() + 1
    for name, column, alpha in (
        ("acute_ewma", "load", ACUTE_LAMBDA), ("chronic_ewma", "load", CHRONIC_LAMBDA),
        ("acute_cover", "logged", ACUTE_LAMBDA), ("chronic_cover", "logged", CHRONIC_LAMBDA),
    ):  # fmt: skip
        d[name] = g[column].transform(lambda x, a=alpha: x.ewm(alpha=a, adjust=False).mean())
    ok = (d.coverage >= MIN_COVERAGE_DAYS) & (d.acute_coverage >= MIN_ACUTE_DAYS)
    ewma_ok = ok & (d.acute_cover >= MIN_EWMA_COVERAGE) & (d.chronic_cover >= MIN_EWMA_COVERAGE)
    weekly, unc = d.chronic_sum / 4, (d.chronic_sum - full_acute).clip(lower=0) / 3
    d["acwr_coupled"] = (d.acute_sum / weekly).where(ok & (weekly > 0))
    d["acwr_uncoupled"] = (d.acute_sum / unc).where(ok & (unc > 0))
    d["acwr_ewma"] = (d.acute_ewma / d.chronic_ewma).where(ewma_ok & (d.chronic_ewma > 0))
    known = (d.acute_coverage >= MIN_ACUTE_DAYS) & (d.diary_days >= 7)
    previous = d.groupby("athlete_id", sort=False).acute_sum.shift(7)
    known_before = known.groupby(d.athlete_id, sort=False).shift(7).fillna(False).astype(bool)
    change = (d.acute_sum - previous) / previous * 100
    d["week_change_pct"] = change.where(known & known_before & (previous > 0))
    mean = g.load.transform(lambda x: x.rolling(7).mean())
    sd = g.load.transform(lambda x: x.rolling(7).std())
    monotony = (mean / sd).where(known & ~(sd <= mean.abs() * 1e-6))
    d["monotony"], d["strain"] = monotony, d.acute_sum * monotony
    return d


def _pd_lights(pain: pd.DataFrame, sessions: pd.DataFrame, day: date = TODAY) -> pd.DataFrame:
    """Today's colour per athlete in pandas: same windows and rules as pain_lights."""
    today = pd.Timestamp(day)
    p = pain[pain.date >= today - pd.Timedelta(days=49)].copy()
    p["day_pain"] = p[["during", "after", "next_morning"]].max(axis=1)
    age = (today - p.date).dt.days
    g = p.groupby("athlete_id")
    out = pd.DataFrame(
        {
            "night": p[age <= 6].groupby("athlete_id").night_pain.any(),
            "swell_now": p[age <= 6].groupby("athlete_id").swelling.any(),
            "swell_before": p[(age >= 7) & (age <= 34)].groupby("athlete_id").swelling.any(),
            "week": p[age <= 6].groupby("athlete_id").day_pain.mean().round(1),
            "prev": p[(age >= 7) & (age <= 13)].groupby("athlete_id").day_pain.mean().round(1),
            "latest_date": p[age <= 2].groupby("athlete_id").date.max(),
        },
        index=g.size().index,
    )
    latest = p.merge(
        out.latest_date.dropna().rename("date").reset_index(), on=["athlete_id", "date"]
    ).set_index("athlete_id")
    out = out.join(latest[["during", "after", "next_morning"]])
    base = p.merge(out.latest_date.rename("anchor").reset_index(), on="athlete_id")
    base = base[(base.date >= base.anchor - pd.Timedelta(days=7)) & (base.date < base.anchor)]
    out["baseline"] = base.groupby("athlete_id").next_morning.median()
    out["lingering"] = _pd_lingering(p, sessions, today).reindex(out.index).fillna(False)
    red = out.night | (out.swell_now & ~out.swell_before.fillna(False).astype(bool)) | out.lingering
    amber = (
        (out.during > 5)
        | (out.after > 5)
        | (out.next_morning > out.baseline)
        | ((out.week - out.prev) >= 1.0)
    )
    colour = np.where(
        red, "red", np.where(out.latest_date.isna(), "none", np.where(amber, "amber", "green"))
    )
    return pd.DataFrame({"colour": colour}, index=out.index)


def _pd_lingering(p: pd.DataFrame, sessions: pd.DataFrame, today: pd.Timestamp) -> pd.Series:
    last = sessions[sessions.date <= today].groupby("athlete_id").date.max().rename("s")
    last = last[(last >= today - pd.Timedelta(days=14)) & (last <= today - pd.Timedelta(days=3))]
    after = p.merge(last.reset_index(), on="athlete_id")
    after = after[after.date > after.s].sort_values("date")
    first = after.groupby("athlete_id").day_pain.first()
    late = after[after.date > after.s + pd.Timedelta(days=2)].groupby("athlete_id").day_pain.last()
    pre = p.merge(last.reset_index(), on="athlete_id")
    pre = pre[(pre.date >= pre.s - pd.Timedelta(days=7)) & (pre.date < pre.s)]
    base = pre.groupby("athlete_id").next_morning.median().reindex(late.index).fillna(0)
    return (late > base) & (late >= first.reindex(late.index))


def _to_pandas(frame: pl.DataFrame) -> pd.DataFrame:
    """Column by column through numpy (no pyarrow needed); dates as datetime64."""
    columns = {name: frame[name].to_numpy() for name in frame.columns}
    converted = pd.DataFrame(columns)
    converted["date"] = pd.to_datetime(converted["date"])
    return converted


def _timed(fn: Callable[[], T]) -> tuple[T, float, float]:
    """The result, wall-clock seconds and CPU seconds (all threads of this process).

    CPU time is shown beside wall time because on a shared machine the wall
    clock also counts the time spent waiting for a core.
    """
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - start, time.process_time() - cpu


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


FIGURES = (
    "acute_sum", "chronic_sum", "acute_ewma", "chronic_ewma", "coverage", "acute_coverage",
    "acwr_coupled", "acwr_uncoupled", "acwr_ewma", "week_change_pct", "monotony", "strain",
)  # fmt: skip


def _agree(
    series: pl.DataFrame,
    lights: pl.DataFrame,
    pd_series: pd.DataFrame,
    pd_lights: pd.DataFrame,
    sample: list[str] | None = None,
) -> int:
    """Assert both implementations give the same figures and colours; rows compared."""
    sample = sample or [str(a) for a in range(0, ATHLETES, 37)]
    ours = series.filter(pl.col("athlete_id").is_in(sample)).sort("athlete_id", "date")
    theirs = pd_series[pd_series.athlete_id.isin(sample)].sort_values(["athlete_id", "date"])
    for column in FIGURES:
        np.testing.assert_allclose(
            ours[column].to_numpy().astype(float),
            theirs[column].to_numpy(dtype=float),
            rtol=1e-9,
            atol=1e-6,
            err_msg=column,
        )
    colours = dict(zip(lights["athlete_id"], lights["colour"], strict=True))
    for athlete, row in pd_lights.iterrows():
        assert colours[str(athlete)] == row.colour, (athlete, colours[str(athlete)], row.colour)
    return ours.height


def run(console: Console) -> None:
    """Print polars vs pandas times for the club's load series and traffic lights."""
    sessions, pain = _club()
    rows = sessions.height + pain.height
    console.print(
        f"{ATHLETES:,} athletes × {DAYS:,} days: {sessions.height:,} session rows, "
        f"{pain.height:,} pain rows"
    )
    (series, lights), t_polars, c_polars = _timed(lambda: _polars(sessions, pain))
    mem_polars = _peak_mib()
    pd_sessions, pd_pain = _to_pandas(sessions), _to_pandas(pain)
    (pd_series, pd_lights), t_pandas, c_pandas = _timed(
        lambda: (_pd_series(pd_sessions), _pd_lights(pd_pain, pd_sessions))
    )
    checked = _agree(series, lights, pd_series, pd_lights)
    table = Table("implementation", "seconds", "CPU seconds", "rows/s", "peak RSS (MiB)")
    table.add_row(
        "kneewise (polars)", f"{t_polars:.2f}", f"{c_polars:.2f}", f"{rows / t_polars:,.0f}",
        f"{mem_polars:,.0f}",
    )  # fmt: skip
    table.add_row(
        "plain pandas", f"{t_pandas:.2f}", f"{c_pandas:.2f}", f"{rows / t_pandas:,.0f}",
        f"{_peak_mib():,.0f}",
    )  # fmt: skip
    console.print(table)
    counts = lights["colour"].value_counts().sort("colour").rows()
    console.print(
        f"pandas / polars time ratio: {t_pandas / t_polars:.1f}× (CPU time "
        f"{c_pandas / c_polars:.1f}×); agreement checked on "
        f"{checked:,} series rows and all {lights.height:,} lights; lights: {counts}"
    )
