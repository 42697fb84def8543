"""The diary as Polars frames, in the shape the analytics functions take.

Sessions: one row per training session (`rpe` is null when it was not
recorded, e.g. for a GPX import without `--rpe`). Pain: one row per day; when
both knees were logged separately, each score is the worse knee's and a flag
is true when it was true for either knee.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import polars as pl
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute

from kneewise.diary.models import Exercise, PainEntry, TrainingSession
from kneewise.diary.storage import Diary

SESSIONS_SCHEMA = pl.Schema(
    {
        "date": pl.Date(),
        "activity": pl.String(),
        "duration_min": pl.Float64(),
        "rpe": pl.Float64(),
        "exercises": pl.List(pl.String()),
    }
)
PAIN_SCHEMA = pl.Schema(
    {
        "date": pl.Date(),
        "during": pl.Int64(),
        "after": pl.Int64(),
        "next_morning": pl.Int64(),
        "swelling": pl.Boolean(),
        "night_pain": pl.Boolean(),
    }
)


def sessions_frame(
    diary: Diary, since: dt.date | None = None, until: dt.date | None = None
) -> pl.DataFrame:
    """Training sessions from `since` to `until` (inclusive), sorted by date."""
    columns = (TrainingSession.date, TrainingSession.activity)
    in_range = _within(TrainingSession.date, since, until)
    query = (
        select(TrainingSession.id, *columns, TrainingSession.duration_min, TrainingSession.rpe)
        .where(*in_range)
        .order_by(TrainingSession.date, TrainingSession.start_time, TrainingSession.id)
    )
    exercise_query = (
        select(Exercise.training_session_id, Exercise.name)
        .join(TrainingSession)
        .where(*in_range)
        .order_by(Exercise.position)
    )
    names: dict[int, list[str]] = defaultdict(list)
    with diary.reading() as session:
        training_sessions = session.execute(query).all()
        for training_session_id, name in session.execute(exercise_query):
            names[training_session_id].append(name)
    return pl.DataFrame(
        {
            "date": [row.date for row in training_sessions],
            "activity": [row.activity for row in training_sessions],
            "duration_min": [row.duration_min for row in training_sessions],
            "rpe": [row.rpe for row in training_sessions],
            "exercises": [names.get(row.id, []) for row in training_sessions],
        },
        schema=SESSIONS_SCHEMA,
    )


def _within(
    column: InstrumentedAttribute[dt.date], since: dt.date | None, until: dt.date | None
) -> list[ColumnElement[bool]]:
    conditions = []
    if since is not None:
        conditions.append(column >= since)
    if until is not None:
        conditions.append(column <= until)
    return conditions


def pain_frame(
    diary: Diary, since: dt.date | None = None, until: dt.date | None = None
) -> pl.DataFrame:
    """One row per day with pain logged, from `since` to `until` (inclusive), sorted."""
    query = select(
        PainEntry.date,
        PainEntry.during,
        PainEntry.after,
        PainEntry.next_morning,
        PainEntry.swelling,
        PainEntry.night_pain,
    )
    with diary.reading() as session:
        entries = session.execute(query.where(*_within(PainEntry.date, since, until))).all()
    per_knee = pl.DataFrame([tuple(entry) for entry in entries], schema=PAIN_SCHEMA, orient="row")
    # max() skips nulls, so a day stays null only when no knee had that finding.
    return (
        per_knee.group_by("date")
        .agg(pl.col(name).max() for name in PAIN_SCHEMA.names() if name != "date")
        .sort("date")
        .cast(PAIN_SCHEMA)
    )
