"""Charts as SVG strings (no JavaScript), the same in the web page and in the PDF.

`load_chart`: bars of weekly session-RPE load and a line of the acute:chronic
ratio. `pain_chart`: pain during, after and the morning after activity on a
0–10 axis. Both take plain sequences, return a string, and give the same
bytes for the same data. Each mark carries a `<title>` for screen readers.

Both draw on a `Plot`: the default one (640 × 300) for the PDF and a wide
screen, or `PHONE_LOAD_PLOT` / `PHONE_PAIN_PLOT` (328 wide: the px they fill
on a 360 px screen) for a phone, where a few recent weeks are drawn with
text at least 11 px tall instead of many weeks shrunk to a few pixels. On
the narrow plots the legends wrap onto rows and fewer dates are labelled.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kneewise._errors import ReportError
from kneewise.analytics import ACCEPTABLE_PAIN
from kneewise.report.svg import (
    MUTED,
    Plot,
    day_label,
    empty_note,
    every_nth,
    line,
    long_day,
    num,
    open_svg,
    scale,
    text,
    tooltip,
    x_axis,
    y_axis,
)

BAR = "#3b6ea8"
RATIO = "#b35806"
RATIO_TOP = 2.0
#: A date label needs about this many units of x axis to stay apart from the next.
LABEL_ROOM = 60
#: Phone plots are as many units wide as the CSS px they fill on a 360 px screen (360
#: less the page's 1rem padding each side), so a font-size of 11 renders 11 px tall and
#: no word shrinks below it; taller top margins hold the legends wrapped onto rows.
PHONE_WIDTH = 360 - 2 * 16
PHONE_LOAD_PLOT = Plot(width=PHONE_WIDTH, height=300, left=48, right=42, top=88, bottom=44)
PHONE_PAIN_PLOT = Plot(width=PHONE_WIDTH, height=280, left=48, right=24, top=68, bottom=44)


@dataclass(frozen=True)
class PainSeries:
    """One line of the pain chart: its data key, label, colour, dashes and marker."""

    key: str
    label: str
    colour: str
    dashes: str
    marker: str


PAIN_SERIES = (
    PainSeries("during", "During activity", "#b2182b", "", "circle"),
    PainSeries("after", "After activity", "#2166ac", "6 3", "square"),
    PainSeries("next_morning", "Next morning", "#1b7837", "2 3", "triangle"),
)


def _same_length(name: str, *columns: Sequence[object]) -> None:
    if len({len(column) for column in columns}) > 1:
        lengths = ", ".join(str(len(column)) for column in columns)
        raise ReportError(f"{name}: every column needs one value per date; got {lengths}")


# Load over weeks


def load_chart(
    weeks: Sequence[date],
    loads: Sequence[float],
    ratios: Sequence[float | None],
    *,
    title: str = "Training load per week",
    chart_id: str = "load-chart",
    plot: Plot | None = None,
) -> str:
    """Bars of weekly load (duration × RPE) with the acute:chronic ratio at each week's end.

    `weeks` are the first days of the weeks; a ratio of None (too little
    diary for one) leaves a gap in the line. `plot` sets the size (default
    640 × 300; `PHONE_LOAD_PLOT` for a phone).
    """
    _same_length("load chart", weeks, loads, ratios)
    plot = plot or Plot()
    described = _load_description(weeks, loads, ratios)
    parts = open_svg(plot, chart_id, title, described)
    if not weeks:
        parts.append(empty_note(plot, "No training sessions with an RPE in this range"))
        return "\n".join([*parts, "</svg>"])
    load_top, load_ticks = scale(max(loads, default=0.0))
    ratio_top, ratio_ticks = scale(max((r for r in ratios if r is not None), default=0), RATIO_TOP)
    parts += y_axis(plot, load_top, load_ticks, "Load (min × RPE)")
    parts += y_axis(plot, ratio_top, ratio_ticks, "Acute:chronic ratio", right=True)
    slot = (plot.x1 - plot.x0) / len(weeks)
    centres = [plot.x0 + slot * (index + 0.5) for index in range(len(weeks))]
    parts += _bars(plot, weeks, loads, centres, slot, load_top)
    parts += _ratio_line(plot, weeks, ratios, centres, ratio_top)
    step = every_nth(len(weeks), _label_room(plot))
    labels = [(x, day_label(week)) for x, week in zip(centres, weeks, strict=True)]
    parts += x_axis(plot, labels[::step], "Week starting")
    parts += _load_legend(plot)
    return "\n".join([*parts, "</svg>"])


def _bars(
    plot: Plot,
    weeks: Sequence[date],
    loads: Sequence[float],
    centres: list[float],
    slot: float,
    top: float,
) -> list[str]:
    width = slot * 0.6
    parts = ['<g class="bars">']
    for week, load, centre in zip(weeks, loads, centres, strict=True):
        y = plot.y(load, top)
        parts.append(
            f'<rect class="bar" data-week="{week.isoformat()}" data-load="{load:.0f}" '
            f'x="{num(centre - width / 2)}" y="{num(y)}" width="{num(width)}" '
            f'height="{num(plot.y0 - y)}" fill="{BAR}">'
            f"{tooltip(f'Week of {long_day(week)}: load {load:.0f}')}</rect>"
        )
    return [*parts, "</g>"]


def _ratio_line(
    plot: Plot,
    weeks: Sequence[date],
    ratios: Sequence[float | None],
    centres: list[float],
    top: float,
) -> list[str]:
    points = [
        (x, plot.y(min(ratio, top), top), week, ratio)
        for x, week, ratio in zip(centres, weeks, ratios, strict=True)
        if ratio is not None
    ]
    if not points:
        note = "Ratio not shown: too few days logged in the 28 before each week's end"
        if _narrow(plot):  # under the wrapped legend, in as many lines as it needs
            # 11 units render 11 px on a phone plot; 0.6 em a character keeps lines inside.
            lines = textwrap.wrap(note, width=int((plot.width - plot.x0 - 4) / 6.6))
            return [
                text(plot.x0, 70 + 13 * row, part, anchor="start", fill=MUTED)
                for row, part in enumerate(lines)
            ]
        return [text(plot.x1, 50, note, anchor="end", size=10, fill=MUTED)]
    one = plot.y(1.0, top)
    parts = [line(plot.x0, one, plot.x1, one, RATIO, ' stroke-dasharray="4 4" opacity="0.6"')]
    parts += [_polyline(run, RATIO, "") for run in _runs(centres, ratios, plot, top)]
    parts += [
        f'<circle class="ratio-point" cx="{num(x)}" cy="{num(y)}" r="3.5" fill="{RATIO}">'
        f"{tooltip(f'Week of {long_day(week)}: {RATIO_NAME} {ratio:.2f}')}</circle>"
        for x, y, week, ratio in points
    ]
    return parts


def _runs(
    xs: Sequence[float],
    values: Sequence[float | None],
    plot: Plot,
    top: float,
    *,
    bridge: bool = False,
) -> list[list[tuple[float, float]]]:
    """Known values as runs of points; a None starts a new run unless `bridge`."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, value in zip(xs, values, strict=True):
        if value is None:
            if not bridge:
                runs.append([])
        else:
            runs[-1].append((x, plot.y(min(value, top), top)))
    return [run for run in runs if len(run) > 1]


def _polyline(run: list[tuple[float, float]], colour: str, dashes: str) -> str:
    points = " ".join(f"{num(x)},{num(y)}" for x, y in run)
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'


def _narrow(plot: Plot) -> bool:
    """A plot too narrow for a legend on one row (a phone's)."""
    return plot.width < Plot().width


def _label_room(plot: Plot, most: int = 8) -> int:
    """How many date labels fit under the plot, at most `most`."""
    return max(2, min(most, int((plot.x1 - plot.x0) // LABEL_ROOM)))


# The chart's ratio is the rolling, coupled one (report/figures.py `weekly_load`);
# the method is named wherever the ratio is shown (docs/training-load.md).
RATIO_NAME = "acute:chronic ratio (rolling 7 days ÷ 28-day weekly mean, coupled)"
RATIO_SHORT = "Acute:chronic ratio, rolling, coupled"


def _load_legend(plot: Plot) -> list[str]:
    y = 38
    # On a narrow plot the ratio's entry goes on a second row, under the first.
    narrow = _narrow(plot)
    ratio_x, ratio_y = (plot.x0, y + 16) if narrow else (plot.x0 + 120, y)
    return [
        f'<rect x="{num(plot.x0)}" y="{y - 9}" width="12" height="10" fill="{BAR}"/>',
        text(plot.x0 + 16, y, "Weekly load", anchor="start"),
        line(ratio_x, ratio_y - 4, ratio_x + 20, ratio_y - 4, RATIO, ' stroke-width="2"'),
        # A phone's row has no room for the dashed line's note; the method always shows.
        text(
            ratio_x + 24,
            ratio_y,
            RATIO_SHORT + ("" if narrow else " (dashed: 1.0)"),
            anchor="start",
        ),
    ]


def _load_description(
    weeks: Sequence[date], loads: Sequence[float], ratios: Sequence[float | None]
) -> str:
    if not weeks:
        return "No training sessions with an RPE were logged in this range."
    peak = max(range(len(loads)), key=lambda i: loads[i])
    known = [r for r in ratios if r is not None]
    ratio = f" Latest {RATIO_NAME} {known[-1]:.2f}." if known else ""
    return (
        f"{len(weeks)} weeks from {long_day(weeks[0])}. Highest weekly load "
        f"{loads[peak]:.0f} in the week of {long_day(weeks[peak])}; latest week "
        f"{loads[-1]:.0f}.{ratio}"
    )


# Pain over days


def pain_chart(
    days: Sequence[date],
    during: Sequence[int | None],
    after: Sequence[int | None],
    next_morning: Sequence[int | None],
    *,
    start: date | None = None,
    end: date | None = None,
    title: str = "Knee pain (0–10)",
    chart_id: str = "pain-chart",
    plot: Plot | None = None,
) -> str:
    """Pain during, after and the morning after activity, one point per day logged.

    The x axis runs from `start` to `end` (default: the first and last day),
    so days without an entry show as gaps in time. The dashed line at 5 is
    the pain-monitoring model's acceptable limit during activity. `plot` sets
    the size (default 640 × 300; `PHONE_PAIN_PLOT` for a phone).
    """
    _same_length("pain chart", days, during, after, next_morning)
    first = start or (min(days) if days else None)
    last = end or (max(days) if days else None)
    plot = plot or Plot()
    values = {"during": during, "after": after, "next_morning": next_morning}
    parts = open_svg(plot, chart_id, title, _pain_description(days, values))
    parts += y_axis(plot, 10, [0, 2, 4, 6, 8, 10], "Pain (0 = none, 10 = worst)")
    limit = plot.y(ACCEPTABLE_PAIN, 10)
    parts.append(line(plot.x0, limit, plot.x1, limit, MUTED, ' stroke-dasharray="6 4"'))
    parts.append(text(plot.x1 - 4, limit - 4, "acceptable limit", anchor="end", fill=MUTED))
    if first is None or last is None or not days:
        parts.append(empty_note(plot, "No pain entries in this range"))
        return "\n".join([*parts, "</svg>"])
    xs = [_day_x(plot, day, first, last) for day in days]
    for series in PAIN_SERIES:
        parts += _pain_series(plot, series, days, values[series.key], xs)
    parts += x_axis(plot, _day_labels(plot, first, last), "Day")
    parts += _pain_legend(plot)
    return "\n".join([*parts, "</svg>"])


def _day_x(plot: Plot, day: date, first: date, last: date) -> float:
    span = max((last - first).days, 1)
    inset = 10.0
    return plot.x0 + inset + (plot.x1 - plot.x0 - 2 * inset) * (day - first).days / span


def _day_labels(plot: Plot, first: date, last: date) -> list[tuple[float, str]]:
    span = (last - first).days
    step = every_nth(span + 1, _label_room(plot, 7))
    return [
        (_day_x(plot, day, first, last), day_label(day))
        for day in (first.fromordinal(first.toordinal() + i) for i in range(0, span + 1, step))
    ]


def _pain_series(
    plot: Plot,
    series: PainSeries,
    days: Sequence[date],
    values: Sequence[int | None],
    xs: list[float],
) -> list[str]:
    parts = [f'<g class="series series-{series.key}">']
    parts += [
        _polyline(run, series.colour, series.dashes)
        for run in _runs(xs, values, plot, 10, bridge=True)
    ]
    for x, day, value in zip(xs, days, values, strict=True):
        if value is not None:
            label = f"{long_day(day)}: {series.label.lower()} {value}/10"
            parts.append(_marker(series, x, plot.y(value, 10), label))
    return [*parts, "</g>"]


def _marker(series: PainSeries, x: float, y: float, label: str) -> str:
    head = f'class="point point-{series.key}" fill="{series.colour}"'
    if series.marker == "circle":
        return f'<circle {head} cx="{num(x)}" cy="{num(y)}" r="3.5">{tooltip(label)}</circle>'
    if series.marker == "square":
        return (
            f'<rect {head} x="{num(x - 3.5)}" y="{num(y - 3.5)}" width="7" height="7">'
            f"{tooltip(label)}</rect>"
        )
    corners = f"{num(x)},{num(y - 4.5)} {num(x + 4)},{num(y + 3)} {num(x - 4)},{num(y + 3)}"
    return f'<polygon {head} points="{corners}">{tooltip(label)}</polygon>'


def _pain_legend(plot: Plot) -> list[str]:
    parts: list[str] = []
    advance = 130 if _narrow(plot) else 150
    x, y = plot.x0, 38
    for series in PAIN_SERIES:
        if x + advance > plot.width:  # wrap onto the next row rather than run off the chart
            x, y = plot.x0, y + 16
        dash = f' stroke-dasharray="{series.dashes}"' if series.dashes else ""
        parts.append(line(x, y - 4, x + 22, y - 4, series.colour, f' stroke-width="2"{dash}'))
        parts.append(text(x + 26, y, series.label, anchor="start"))
        x += advance
    return parts


def _pain_description(days: Sequence[date], values: dict[str, Sequence[int | None]]) -> str:
    if not days:
        return "No pain entries were logged in this range."
    parts = [f"{len(days)} days with pain logged from {long_day(days[0])} to {long_day(days[-1])}."]
    for series in PAIN_SERIES:
        known = [(v, d) for v, d in zip(values[series.key], days, strict=True) if v is not None]
        if known:
            worst, day = max(known, key=lambda pair: pair[0])
            parts.append(f"Highest {series.label.lower()}: {worst}/10 on {long_day(day)}.")
    return " ".join(parts)
