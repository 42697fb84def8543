"""`kneewise status` (today's traffic light) and `kneewise trends` (weeks as a chart).

Both read the diary as frames and hand them to the pure functions in
`kneewise.analytics`; this module only chooses what to show and draws it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from kneewise.cli._app import app
from kneewise.cli._errors import fail
from kneewise.cli.diary import console, open_or_fail, reported
from kneewise.cli.numbers import whole_number
from kneewise.diary import parse_day
from kneewise.diary.days import diary_today

# polars and the analytics load only when a command runs, never for `kneewise --help`.
if TYPE_CHECKING:
    import polars as pl

    from kneewise.analytics import LoadSummary
    from kneewise.diary import Diary

COLOURS = {"green": "green", "amber": "yellow", "red": "red", "none": "dim"}
BAR_WIDTH = 16
#: A yes/no the entries of the last 7 days did not give (or no entry at all).
NOT_RECORDED = "not recorded"
WEEKS = whole_number("--weeks", "a whole number of weeks from 1 to 104", (1, 104))
RATIO_CAVEAT = (
    "The acute:chronic ratio describes recent training against the usual; it cannot "
    "predict injury (Impellizzeri et al. 2020)."
)


def _frames(diary: Diary, today: dt.date) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, int]:
    """Sessions, pain, daily load up to `today`, and how many sessions lack an RPE.

    Unrated sessions go into the daily load too: their days start the calendar
    and count as days whose load is unknown, not as zero.
    """
    import polars as pl

    from kneewise.analytics import daily_load, load_unknown
    from kneewise.diary import pain_frame, sessions_frame

    sessions = sessions_frame(diary, until=today)
    pain = pain_frame(diary, until=today)
    unrated = sessions.filter(load_unknown()).height
    daily = (
        daily_load(sessions, diary_days=pain.select("date"), until=today)
        if sessions.height
        else pl.DataFrame()
    )
    return sessions, pain, daily, unrated


@app.command("status")
def status(
    date: Annotated[
        str, typer.Option("--date", help="The day to judge (default: today).")
    ] = "today",
) -> None:
    """Today's traffic light from the pain-monitoring model, what to do, and the figures."""

    from kneewise.analytics import load_series, load_summary, pain_light

    diary = open_or_fail()  # first: 'today' is the diary's (its profile's zone), as on the web
    today = _day_or_fail(date)
    with reported():
        sessions, pain, daily, unrated = _frames(diary, today)
        left_out = _unrated_named(sessions)
        # Every session, rated or not (pain_light leaves rest days out), as on the dashboard.
        light = pain_light(pain, today, sessions)
        summary = load_summary(load_series(daily), today, unrated) if daily.height else None
    style = COLOURS[light.colour]
    console.print(f"[bold {style}]● {light.colour.upper()}[/] {today}: {light.advice}")
    for reason in light.reasons:
        console.print(f"  - {reason}", markup=False)
    if light.escalation.needed:
        console.print("[bold red]See a doctor or physiotherapist:[/]")
        for reason in light.escalation.reasons:
            console.print(f"  - {reason}", markup=False)
        console.print("You can also check your knee now: kneewise assess")
    console.print(_pain_table(light.figures))
    console.print(_load_table(summary, left_out))
    if summary is not None:
        _print_check(summary)
    console.print(f"[dim]{RATIO_CAVEAT}[/]")


def _day_or_fail(text: str) -> dt.date:
    """The day `--date` names; a plain message when it is no real date (status saves nothing)."""
    from kneewise._errors import RecordError
    from kneewise.diary.records import EARLIEST_DATE, SHOWN_CHARACTERS

    try:
        return parse_day(text)
    except RecordError:
        shown = text if len(text) <= SHOWN_CHARACTERS else f"a text of {len(text)} characters"
        fail(
            f"--date {shown!r} is not a real date; give YYYY-MM-DD (from {EARLIEST_DATE}, "
            "e.g. 2024-05-31), today, yesterday or -N (N days ago)"
        )


def _shown(value: Any, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}{unit}" if abs(value) < 10 else f"{value:.0f}{unit}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value}{unit}"


def _pain_table(figures: dict[str, Any]) -> Table:
    table = Table(title="Pain (0-10)", show_header=False, title_justify="left")
    rows = (
        ("Latest entry", figures.get("latest_date")),
        ("During / after / next morning", " / ".join(
            _shown(figures.get(k)) for k in ("during", "after", "next_morning"))),
        ("Usual next-morning pain (median)", figures.get("baseline_morning")),
        ("Mean this week / the week before", " / ".join(
            _shown(figures.get(k)) for k in ("week_mean", "previous_week_mean"))),
        ("Last session", figures.get("last_session")),
    )  # fmt: skip
    for label, value in rows:
        table.add_row(label, _shown(value))
    for label, key in (
        ("Night pain recently", "night_pain_recent"),
        ("New swelling", "new_swelling"),
    ):
        table.add_row(label, _answer(figures.get(key)))
    return table


def _answer(value: bool | None) -> str:
    """A yes/no finding of the last 7 days; None (never noted on those days) is not a no."""
    if value is None:
        return NOT_RECORDED
    return "yes" if value else "no"


def _unrated_named(sessions: pl.DataFrame) -> str:
    """The sessions without an RPE, named by day and activity (the latest few)."""
    from kneewise.analytics import load_unknown
    from kneewise.diary.names import name_words

    unrated = sessions.filter(load_unknown()).sort("date", descending=True)
    if unrated.height == 0:
        return ""
    shown = ", ".join(
        f"{row['date']} {name_words(row['activity'])}"
        for row in unrated.head(3).iter_rows(named=True)
    )
    more = f" and {unrated.height - 3} more" if unrated.height > 3 else ""
    return f"{unrated.height} session(s): {shown}{more}; add the RPE to count them"


def _load_table(summary: LoadSummary | None, left_out: str) -> Table:
    table = Table(title="Training load (minutes × RPE)", show_header=False, title_justify="left")
    if summary is None:
        table.add_row("No sessions with an RPE yet", "log one: kneewise log session …")
    else:
        for figure in summary.figures:
            table.add_row(figure.label, figure.text)
    if left_out:
        table.add_row("Left out of the load (no RPE)", left_out)
    return table


def _print_check(summary: LoadSummary) -> None:
    """The critics' check on this diary (Impellizzeri 2020) and the data-quality warnings."""
    check = summary.check
    if check.spearman is not None:
        console.print(
            f"Does the ratio add anything? On your {check.days} days with a ratio, it ranks "
            f"days like the 7-day load alone (Spearman {check.spearman:.2f}; 1 = exactly "
            "the same order): near 1, it says little the weekly load does not.",
            markup=False,
        )
    else:
        console.print(f"Does the ratio add anything? Not checked yet: {check.why_not}.")
    for warning in check.warnings:
        console.print(f"  ! {warning}", markup=False)


@app.command("trends")
def trends(
    weeks: Annotated[int, typer.Option("--weeks", "-w", parser=WEEKS, help="How many weeks.")] = 12,
) -> None:
    """Load and pain per week, as bars: is training climbing while the knee worsens?"""
    diary = open_or_fail()
    today = diary_today(diary)  # the diary's today (its profile's zone), as on the web
    since = today - dt.timedelta(weeks=weeks)
    with reported():
        _, pain, daily, unrated = _frames(diary, today)
        table = _weekly(daily, pain, since)
    if table.height == 0:
        console.print(f"Nothing logged in the last {weeks} weeks.")
        return
    console.print(_trend_chart(table))
    if unrated:
        console.print(
            f"{unrated} session(s) without an RPE are left out of the load; "
            "weeks with one show their load as a lower bound."
        )
    console.print(
        "A:C = acute:chronic ratio, rolling 7 days ÷ 28-day weekly mean (coupled), at the "
        "week's end; '-' when fewer than 21 of 28 or 6 of the last 7 days were logged. "
        "Logged = days of the week with a diary entry."
    )


def _weekly(daily: pl.DataFrame, pain: pl.DataFrame, since: dt.date) -> pl.DataFrame:
    """One row per week (starting Monday): load, the week-end ratio, mean pain."""
    import polars as pl

    from kneewise.analytics import load_series

    week = pl.col("date").dt.truncate("1w").alias("week")
    load = pl.DataFrame(
        schema={"week": pl.Date, "load": pl.Float64, "ratio": pl.Float64, "logged": pl.UInt32}
    )
    if daily.height:
        load = (
            load_series(daily).sort("date").group_by(week)
            .agg(pl.col("load").sum(), pl.col("acwr_coupled").last().alias("ratio"),
                 pl.col("logged").sum().cast(pl.UInt32), pl.col("unrated").sum().alias("unrated"))
            # A week with nothing logged is unknown, not a rest week: leave it out.
            .filter((pl.col("logged") > 0) | (pl.col("unrated") > 0))
            .drop("unrated")
        )  # fmt: skip
    pain_weeks = pain.group_by(week).agg(
        pl.col("during").mean().alias("during"), pl.col("next_morning").mean().alias("morning")
    )
    return (
        load.join(pain_weeks, on="week", how="full", coalesce=True)
        .filter(pl.col("week") >= pl.lit(since).dt.truncate("1w"))
        .sort("week")
    )


def _bar(value: float | None, top: float, width: int, style: str) -> str:
    if value is None or top <= 0:
        return ""
    return f"[{style}]{'█' * max(1, round(value / top * width)) if value > 0 else '·'}[/]"


def _trend_chart(table: pl.DataFrame) -> Table:
    chart = Table(title="Weekly load and pain", title_justify="left")
    for column in ("Week of", "Load", "", "Logged", "A:C", "Pain", "", "Morning"):
        chart.add_column(column, no_wrap=True)
    top_load = max((v for v in table["load"].to_list() if v is not None), default=0.0)
    for row in table.iter_rows(named=True):
        chart.add_row(
            str(row["week"]), "-" if row["load"] is None else f"{row['load']:.0f}",
            _bar(row["load"], top_load, BAR_WIDTH, "cyan"),
            "-" if row["logged"] is None else f"{row['logged']}/7", _shown(row["ratio"]),
            _shown(row["during"]), _bar(row["during"], 10, 10, "magenta"),
            _shown(row["morning"]),
        )  # fmt: skip
    return chart
