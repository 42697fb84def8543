"""The figures behind the charts and tables, as plain frames and dataclasses.

Pure functions over the diary frames (`sessions_frame`, `pain_frame`); the
web dashboard can call them with the same frames and hand the columns to
`kneewise.report.charts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from kneewise._errors import QuestionnaireError
from kneewise.analytics import daily_load, load_series, load_unknown
from kneewise.diary import StoredQuestionnaire
from kneewise.questionnaires import Item, compare, load
from kneewise.questionnaires.psfs import activity_key

#: How a named item's name is stored among the answers ("1" → "1-name": `activity_key`).
NAME_SUFFIX = activity_key("")
#: The change when the activities rated are not those rated the time before (PSFS): the
#: method compares the same activities rated again (Stratford et al. 1995; the
#: instructions in questionnaires/data/psfs.yaml), so averages over others are not judged.
OTHER_ACTIVITIES = "not judged: not the same activities as the time before"

WEEKLY_SCHEMA = pl.Schema({"week": pl.Date(), "load": pl.Float64(), "acwr": pl.Float64()})


def monday(day: dt.date) -> dt.date:
    """The Monday that starts `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


def weekly_load(
    sessions: pl.DataFrame,
    start: dt.date,
    end: dt.date,
    diary_days: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Load per week from `start` to `end` and the acute:chronic ratio at each week's end.

    Columns: week (its Monday), load (sum of duration × RPE within the range),
    acwr (coupled 7:28-day ratio on the week's last day in range; null when
    the diary is too thin). Sessions before `start` feed the chronic load.
    Sessions without an RPE are left out (a 0-minute rest day is a known 0).
    Every week of the range has a row, with load 0 when nothing was logged; no
    rated session at all gives an empty frame.
    """
    rated = sessions.filter(~load_unknown() & (pl.col("date") <= end))
    if rated.filter(pl.col("date") >= start).height == 0:
        return pl.DataFrame(schema=WEEKLY_SCHEMA)
    days = diary_days.filter(pl.col("date") <= end) if diary_days is not None else None
    series = load_series(daily_load(rated.select("date", "duration_min", "rpe"), days, until=end))
    in_range = series.filter(pl.col("date").is_between(start, end)).with_columns(
        pl.col("date").dt.truncate("1w").alias("week")
    )
    per_week = (
        in_range.sort("date")
        .group_by("week")
        .agg(pl.col("load").sum(), pl.col("acwr_coupled").last().alias("acwr"))
    )
    weeks = pl.DataFrame(
        {"week": pl.date_range(monday(start), end, interval="1w", eager=True)},
        schema={"week": pl.Date()},
    )
    return (
        weeks.join(per_week, on="week", how="left")
        .with_columns(pl.col("load").fill_null(0.0))
        .select(WEEKLY_SCHEMA.names())
        .cast(WEEKLY_SCHEMA)
        .sort("week")
    )


@dataclass(frozen=True)
class NamedActivity:
    """An activity the person named in their own words (PSFS), and how they rated it.

    `rating` is the item's answer (0-10 for PSFS), None when a name was kept without
    one; `name` is None when a rating was kept without its name (the item's topic,
    e.g. "Activity 2", says which).
    """

    topic: str
    name: str | None
    rating: float | None
    #: The highest answer the item allows (10 for PSFS), None when the item is unknown.
    most: int | None = None


@dataclass(frozen=True)
class ScoreRow:
    """One completed questionnaire in the report's table.

    `activities`: what the person named (PSFS), in their words and their order; empty
    for an instrument without named items.
    """

    date: dt.date
    score: float | None
    change: str
    activities: tuple[NamedActivity, ...] = ()


@dataclass(frozen=True)
class ScoreHistory:
    """All completed questionnaires of one instrument, oldest first."""

    instrument: str
    name: str
    better: str
    rows: tuple[ScoreRow, ...]
    #: What the ends of a named item's rating mean, in the instrument's words ("" if none).
    scale: str = ""
    higher_is_better: bool = True

    @property
    def last_change(self) -> str:
        return self.rows[-1].change if len(self.rows) > 1 else ""

    @property
    def harder_now(self) -> list[str]:
        """The named activities rated worse in the last row than in the one before, as
        '“name” from 6 to 3' in the person's words (empty without two rows to compare)."""
        if len(self.rows) < 2:
            return []
        before = {_said(a): a.rating for a in self.rows[-2].activities if a.rating is not None}
        harder = []
        for activity in self.rows[-1].activities:
            was, now = before.get(_said(activity)), activity.rating
            if was is None or now is None or now == was or (now > was) == self.higher_is_better:
                continue
            shown = f"“{activity.name}”" if activity.name else activity.topic
            harder.append(f"{shown} from {was:g} to {now:g}")
        return harder

    @property
    def named(self) -> bool:
        """Whether any row holds activities the person named (the table shows them)."""
        return any(row.activities for row in self.rows)


def score_histories(saved: list[StoredQuestionnaire], until: dt.date) -> list[ScoreHistory]:
    """Scores over time per instrument (up to `until`), each judged against the one before."""
    by_instrument: dict[str, list[StoredQuestionnaire]] = {}
    for answer in saved:
        if answer.date <= until:
            by_instrument.setdefault(answer.instrument, []).append(answer)
    return [_history(name, answers) for name, answers in sorted(by_instrument.items())]


def named_activities(
    answers: Mapping[str, Any], items: Sequence[Item] = ()
) -> tuple[NamedActivity, ...]:
    """The activities named among `answers` (under `activity_key`), in the items' order.

    Every name kept is returned, with its rating or None; so is a named item's
    rating kept without a name. A name whose item the instrument no longer has
    (or an instrument that cannot be loaded: `items` empty) still appears, after
    the others, by its number: what the person wrote is never dropped.
    """
    known = {item.number: item for item in items}
    numbered = [item.number for item in items if item.named]
    numbered += sorted(
        {k.removesuffix(NAME_SUFFIX) for k in answers if k.endswith(NAME_SUFFIX)} - set(numbered),
        key=lambda number: (not number.isdigit(), int(number) if number.isdigit() else 0, number),
    )
    found = []
    for number in numbered:
        name, rating = answers.get(activity_key(number)), answers.get(number)
        if name is None and rating is None:
            continue
        item = known.get(number)
        topic, most = (item.topic, max(item.answers)) if item else (f"Activity {number}", None)
        spoken = " ".join(str(name).split()) if name is not None else ""
        found.append(NamedActivity(topic, spoken or None, _number(rating), most))
    return tuple(found)


def _said(activity: NamedActivity) -> str:
    """What makes two ratings the same activity: its name (any case), else its item."""
    return (activity.name or activity.topic).casefold()


def _rated(activities: Sequence[NamedActivity]) -> frozenset[str]:
    return frozenset(_said(a) for a in activities if a.rating is not None)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _history(instrument_id: str, answers: list[StoredQuestionnaire]) -> ScoreHistory:
    try:
        instrument = load(instrument_id)
    except QuestionnaireError:
        plain = tuple(ScoreRow(a.date, a.score, "", named_activities(a.answers)) for a in answers)
        return ScoreHistory(instrument_id, instrument_id, "", plain)
    rows: list[ScoreRow] = []
    previous: float | None = None
    previous_rated: frozenset[str] = frozenset()
    for answer in answers:
        change = ""
        named = named_activities(answer.answers, instrument.items)
        if previous is not None and answer.score is not None:
            judged = compare(instrument, previous, answer.score)
            others = bool(named or previous_rated) and _rated(named) != previous_rated
            change = f"{judged.delta:+g}: {OTHER_ACTIVITIES if others else judged.verdict}"
        rows.append(ScoreRow(answer.date, answer.score, change, named))
        if answer.score is not None:
            previous, previous_rated = answer.score, _rated(named)
    better = "higher is better" if instrument.higher_is_better else "lower is better"
    ends = next((f"{i.low}; {i.high}" for i in instrument.items if i.named and i.low), "")
    return ScoreHistory(
        instrument_id, instrument.name, better, tuple(rows), ends, instrument.higher_is_better
    )
