"""The pain-monitoring model as a traffic light, and when to escalate.

Pain-monitoring model (Thomeé 1997, Phys Ther 77(12):1690–1703; Silbernagel
et al. 2007, doi:10.1177/0363546506298279): pain up to 5 on a 0–10 scale
during activity is acceptable if it has settled by the next morning (no
higher than before) and does not rise from week to week. Otherwise: reduce
the load. Red flags (night pain, new swelling) and pain that lingers more
than 2 days after a session without getting better: stop and see a doctor.

A pain entry for day D describes D: pain during and after that day's
activity, and the next morning (the morning of D + 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

import polars as pl

from kneewise._errors import AnalyticsError
from kneewise.analytics._frames import KEY, has_key, require_columns, require_range, with_key

Colour = Literal["green", "amber", "red", "none"]

#: Thomeé 1997; Silbernagel et al. 2007: up to 5/10 during activity is acceptable.
ACCEPTABLE_PAIN = 5
#: A rise of the weekly mean pain by this much counts as "rising". Smaller
#: changes are within the noise of a 0–10 rating: the minimal important
#: change of a pain NRS in patellofemoral pain is 1.16 points (Piva et al.
#: 2009, doi:10.2340/16501977-0295); kneewise rounds it down to 1.
WEEKLY_RISE = 1.0
#: The latest entry must be this recent (today and the 2 days before) to judge today.
RECENT_DAYS = 3
#: Red flags count when logged in the last 7 days.
FLAG_DAYS = 7
#: Swelling is "new" when none was logged in the 28 days before the flag window.
SWELLING_LOOKBACK_DAYS = 28
#: Escalation: pain more than 2 days after a session without improvement.
LINGER_DAYS = 2
#: Sessions older than this are not followed up for lingering pain.
LINGER_HORIZON_DAYS = 14
#: Days before an entry whose morning pain sets its baseline (median).
BASELINE_DAYS = 7

PAIN_COLUMNS = {
    "date": "the day the entry describes",
    "during": "pain during activity, 0 to 10",
    "after": "pain after activity, 0 to 10",
    "next_morning": "pain the next morning, 0 to 10",
    "swelling": "swelling seen, true/false",
    "night_pain": "pain at night, true/false",
}
ADVICE: dict[str, str] = {
    "green": "Keep going: pain stayed within the limits and settled by the next morning.",
    "amber": (
        "Reduce the load: train shorter, easier or less often until pain stays at "
        "or under 5/10 during activity and has settled by the next morning."
    ),
    # The same words on every screen, so no way to run a check is named here: the
    # terminal names its command, the pages link to the check, a CDS card none.
    "red": "Stop the training that hurts and see a doctor or physiotherapist.",
    "none": "No pain entry in the last 3 days: log today's pain to get a light.",
}


@dataclass(frozen=True)
class Escalation:
    """Whether to suggest a doctor, why, and what to do."""

    needed: bool
    reasons: tuple[str, ...]
    advice: str


@dataclass(frozen=True)
class PainLight:
    """Today's traffic light with its plain reasons and the figures behind it."""

    colour: Colour
    reasons: tuple[str, ...]
    advice: str
    escalation: Escalation
    figures: dict[str, Any]


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def _per_day(pain: pl.DataFrame, today: date) -> pl.DataFrame:
    """One row per athlete and day (the worst of several entries), up to `today`."""
    require_columns(pain, "pain", PAIN_COLUMNS)
    for column in ("during", "after", "next_morning"):
        require_range(pain, "pain", column, 0, 10)
    horizon = today - _days(FLAG_DAYS + SWELLING_LOOKBACK_DAYS + LINGER_HORIZON_DAYS)
    return (
        with_key(pain)
        .filter(pl.col("date").is_between(horizon, today))
        .group_by(KEY, "date")
        .agg(
            pl.col("during", "after", "next_morning").max(),
            # Kleene: a day is yes if any entry said yes, no only if every entry said no,
            # and not recorded (null) otherwise: a null is never counted as a "no".
            pl.col("swelling", "night_pain").cast(pl.Boolean).any(ignore_nulls=False),
        )
        .with_columns(pl.max_horizontal("during", "after", "next_morning").alias("day_pain"))
    )


def _session_days(days: pl.DataFrame, sessions: pl.DataFrame | None, today: date) -> pl.DataFrame:
    """Last session day per athlete: from `sessions`, else days with pain during activity.

    A rest day (a 0-minute session) is no session here: taken as one, a rest day
    logged after a run would move "the last session" past it and hide pain still
    there days after the run. A session without an RPE was trained and counts.
    """
    if sessions is None:
        source = days.filter(pl.col("during").is_not_null()).select(KEY, "date")
    else:
        require_columns(sessions, "sessions", {"date": "the day of the session"})
        source = with_key(sessions)
        if "duration_min" in source.columns:
            source = source.filter((pl.col("duration_min") != 0).fill_null(True))
        source = source.select(KEY, "date")
    return (
        source.filter(pl.col("date") <= today)
        .group_by(KEY)
        .agg(pl.col("date").max().alias("last_session"))
    )


def _window(today: date, oldest: int, newest: int) -> pl.Expr:
    return pl.col("date").is_between(today - _days(oldest), today - _days(newest))


def _noted(column: str, window: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Whether `column` was yes on a day in `window`, and whether it was no on every day.

    A day not logged, or logged without this answer, is neither: only days that
    said "no" make a "no" (the diary never claims an absence it was not told).
    """
    days = pl.col(column).filter(window)
    said_yes = days.any()  # polars skips nulls here: any day that said yes
    all_no = (days.len() > 0) & (days.null_count() == 0) & ~said_yes
    return said_yes, all_no


def _three_way(said_yes: pl.Expr, said_no: pl.Expr) -> pl.Expr:
    """True, False, or None (not recorded) from 'some day said yes' and 'every day said no'."""
    return pl.when(said_yes).then(True).when(said_no).then(False).otherwise(None)


def _summary(days: pl.DataFrame, today: date) -> pl.DataFrame:
    flags = _window(today, FLAG_DAYS - 1, 0)
    before = _window(today, FLAG_DAYS - 1 + SWELLING_LOOKBACK_DAYS, FLAG_DAYS)
    night_yes, night_no = _noted("night_pain", flags)
    swelling_yes, swelling_no = _noted("swelling", flags)
    swelling_before = pl.col("swelling").filter(before).any()
    return days.group_by(KEY).agg(
        pl.col("date").filter(_window(today, RECENT_DAYS - 1, 0)).max().alias("latest_date"),
        _three_way(night_yes, night_no).alias("night_pain_recent"),
        # New: logged this week and not logged as present in the 4 weeks before (an
        # unrecorded earlier week cannot make it old). "No" only when every day this
        # week said no swelling, or the swelling was already there before.
        _three_way(
            swelling_yes & ~swelling_before, swelling_no | (swelling_yes & swelling_before)
        ).alias("new_swelling"),
        pl.col("day_pain").filter(flags).mean().round(1).alias("week_mean"),
        pl.col("day_pain")
        .filter(_window(today, 2 * FLAG_DAYS - 1, FLAG_DAYS))
        .mean()
        .round(1)
        .alias("previous_week_mean"),
    )


def _baseline(days: pl.DataFrame, anchors: pl.DataFrame, anchor: str, name: str) -> pl.DataFrame:
    """Median next-morning pain in the 7 days before each athlete's `anchor` date."""
    start = pl.col(anchor) - pl.duration(days=BASELINE_DAYS)
    end = pl.col(anchor) - pl.duration(days=1)
    return (
        days.join(anchors.select(KEY, anchor), on=KEY)
        .filter(pl.col("date").is_between(start, end))
        .group_by(KEY)
        .agg(pl.col("next_morning").median().alias(name))
    )


def _lingering(days: pl.DataFrame, last: pl.DataFrame, today: date) -> pl.DataFrame:
    """Pain more than LINGER_DAYS after the last session, no lower than the day after it."""
    recent = last.filter(
        pl.col("last_session").is_between(
            today - _days(LINGER_HORIZON_DAYS), today - _days(LINGER_DAYS + 1)
        )
    )
    after = days.join(recent, on=KEY).filter(pl.col("date") > pl.col("last_session"))
    late = pl.col("date") > pl.col("last_session") + pl.duration(days=LINGER_DAYS)
    follow = (
        after.sort("date")
        .group_by(KEY)
        .agg(
            pl.col("day_pain").first().alias("pain_day_after"),
            pl.col("day_pain").filter(late).last().alias("pain_lingering"),
        )
    )
    base = _baseline(days, recent, "last_session", "session_baseline")
    return follow.join(base, on=KEY, how="left").select(
        KEY,
        "pain_day_after",
        "pain_lingering",
        (
            (pl.col("pain_lingering") > pl.col("session_baseline").fill_null(0))
            & (pl.col("pain_lingering") >= pl.col("pain_day_after"))
        ).alias("lingering_pain"),
    )


def _latest(days: pl.DataFrame, summary: pl.DataFrame) -> pl.DataFrame:
    latest = days.join(
        summary.select(KEY, pl.col("latest_date").alias("date")), on=[KEY, "date"]
    ).select(KEY, "during", "after", "next_morning")
    base = _baseline(days, summary.drop_nulls("latest_date"), "latest_date", "baseline_morning")
    return latest.join(base, on=KEY, how="left")


def _reason(condition: pl.Expr, template: str, *values: str) -> pl.Expr:
    return pl.when(condition.fill_null(False)).then(pl.format(template, *map(pl.col, values)))


def _escalation_reasons() -> pl.Expr:
    return pl.concat_list(
        _reason(pl.col("night_pain_recent"), "Night pain was logged in the last 7 days."),
        _reason(pl.col("new_swelling"), "New swelling was logged in the last 7 days."),
        _reason(
            pl.col("lingering_pain"),
            "Pain is still {}/10 more than 2 days after the last session ({}), "
            "not better than the day after it ({}/10).",
            "pain_lingering",
            "last_session",
            "pain_day_after",
        ),
    ).list.drop_nulls()


def _amber_reasons() -> pl.Expr:
    limit = ACCEPTABLE_PAIN
    rise = pl.col("week_mean") - pl.col("previous_week_mean")
    return pl.concat_list(
        _reason(
            pl.col("during") > limit,
            f"Pain during activity was {{}}/10, over {limit}/10.",
            "during",
        ),
        _reason(
            pl.col("after") > limit, f"Pain after activity was {{}}/10, over {limit}/10.", "after"
        ),
        _reason(
            pl.col("next_morning") > pl.col("baseline_morning"),
            "Next-morning pain was {}/10, higher than your usual morning ({}/10): "
            "it had not settled.",
            "next_morning",
            "baseline_morning",
        ),
        _reason(
            rise >= WEEKLY_RISE,
            "Average pain rose from {}/10 last week to {}/10 this week.",
            "previous_week_mean",
            "week_mean",
        ),
    ).list.drop_nulls()


def _judge(frame: pl.DataFrame) -> pl.DataFrame:
    frame = frame.with_columns(
        _escalation_reasons().alias("escalation_reasons"), _amber_reasons().alias("amber_reasons")
    )
    escalate = pl.col("escalation_reasons").list.len() > 0
    colour = (
        pl.when(escalate)
        .then(pl.lit("red"))
        .when(pl.col("latest_date").is_null())
        .then(pl.lit("none"))
        .when(pl.col("amber_reasons").list.len() > 0)
        .then(pl.lit("amber"))
        .otherwise(pl.lit("green"))
    )
    green = pl.concat_list(pl.lit("Latest entry within the limits of the pain-monitoring model."))
    return frame.with_columns(escalate.alias("escalate"), colour.alias("colour")).with_columns(
        pl.when(pl.col("colour") == "red")
        .then(pl.col("escalation_reasons"))
        .when(pl.col("colour") == "amber")
        .then(pl.col("amber_reasons"))
        .when(pl.col("colour") == "green")
        .then(green)
        .otherwise(pl.concat_list(pl.lit(ADVICE["none"])))
        .alias("reasons"),
        pl.col("colour").replace_strict(ADVICE).alias("advice"),
    )


def pain_lights(
    pain: pl.DataFrame, today: date, sessions: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Today's light for every athlete in `pain`: colour, reasons, advice and figures.

    `sessions` (optional) gives the session days used for lingering pain;
    without it, days with pain logged *during* activity count as session days.
    """
    had_key = has_key(pain)
    days = _per_day(pain, today)
    summary = _summary(days, today)
    last = _session_days(days, sessions, today)
    frame = (
        summary.join(_latest(days, summary), on=KEY, how="left")
        .join(last, on=KEY, how="left")
        .join(_lingering(days, last, today), on=KEY, how="left")
        .with_columns(pl.col("lingering_pain").fill_null(False))
    )
    result = (
        _judge(frame)
        .select(
            KEY,
            "colour",
            "reasons",
            "advice",
            "escalate",
            "escalation_reasons",
            "latest_date",
            "during",
            "after",
            "next_morning",
            "baseline_morning",
            "week_mean",
            "previous_week_mean",
            "last_session",
            "pain_day_after",
            "pain_lingering",
            "night_pain_recent",
            "new_swelling",
            "lingering_pain",
        )
        .sort(KEY)
    )
    return result if had_key else result.drop(KEY)


def _single(pain: pl.DataFrame, today: date, sessions: pl.DataFrame | None) -> dict[str, Any]:
    if has_key(pain) and pain[KEY].n_unique() > 1:
        raise AnalyticsError("pain frame holds several athletes; use pain_lights() for a club")
    rows = pain_lights(pain, today, sessions).drop(KEY, strict=False)
    if rows.height == 0:
        return {"colour": "none", "reasons": [ADVICE["none"]], "escalation_reasons": []}
    return rows.row(0, named=True)


def escalation(pain: pl.DataFrame, today: date, sessions: pl.DataFrame | None = None) -> Escalation:
    """Whether one person's recent entries call for a doctor (and an assessment)."""
    reasons = tuple(_single(pain, today, sessions)["escalation_reasons"])
    return Escalation(bool(reasons), reasons, ADVICE["red"] if reasons else "")


def pain_light(pain: pl.DataFrame, today: date, sessions: pl.DataFrame | None = None) -> PainLight:
    """One person's traffic light for `today` (see pain_lights for a club)."""
    row = _single(pain, today, sessions)
    flags = tuple(row["escalation_reasons"])
    figures = {k: v for k, v in row.items() if k not in {"colour", "reasons", "advice"}}
    return PainLight(
        colour=row["colour"],
        reasons=tuple(row["reasons"]),
        advice=ADVICE[row["colour"]],
        escalation=Escalation(bool(flags), flags, ADVICE["red"] if flags else ""),
        figures=figures,
    )
