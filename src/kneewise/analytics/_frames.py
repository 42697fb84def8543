"""Checks and helpers shared by the analytics: required columns, ranges, athlete key.

Every public function accepts an optional `athlete_id` column. Inside, a frame
without one gets a constant key so that one code path (`.over(KEY)`,
`group_by(KEY)`) serves a single person and a whole club alike.
"""

from __future__ import annotations

import polars as pl

from kneewise._errors import AnalyticsError

KEY = "athlete_id"
_SOLO = "_solo"


def has_key(frame: pl.DataFrame) -> bool:
    """Whether the frame carries several athletes (an `athlete_id` column)."""
    return KEY in frame.columns


def with_key(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with an `athlete_id` column, constant when it had none."""
    if has_key(frame):
        return frame.with_columns(pl.col(KEY).cast(pl.String))
    return frame.with_columns(pl.lit(_SOLO).alias(KEY))


def restore_key(result: pl.DataFrame, had_key: bool) -> pl.DataFrame:
    """Drop the constant key again when the caller's frame had none."""
    return result if had_key else result.drop(KEY)


def require_columns(frame: pl.DataFrame, name: str, columns: dict[str, str]) -> None:
    """Raise AnalyticsError naming each missing column and what it must hold."""
    missing = [f"{col} ({what})" for col, what in columns.items() if col not in frame.columns]
    if missing:
        raise AnalyticsError(f"{name} frame lacks column(s): {', '.join(missing)}")
    for col in columns:
        if col == "date" and frame.schema[col] != pl.Date:
            raise AnalyticsError(
                f"{name} frame: column 'date' must be a date (pl.Date), not {frame.schema[col]}"
            )


def require_range(
    frame: pl.DataFrame, name: str, column: str, low: float, high: float | None
) -> None:
    """Raise AnalyticsError when a non-null value of `column` lies outside [low, high]."""
    values = pl.col(column)
    bad = values < low if high is None else (values < low) | (values > high)
    offenders = frame.filter(bad)
    if offenders.height:
        allowed = f"{low} or more" if high is None else f"{low} to {high}"
        first = offenders.row(0, named=True)
        raise AnalyticsError(
            f"{name} frame: {offenders.height} row(s) with {column} outside {allowed}; "
            f"first on {first.get('date')}: {first[column]}"
        )
