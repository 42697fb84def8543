"""Small SVG building blocks for the charts: plot area, scales, ticks, text.

Every number is written with fixed precision so the same data always gives
the same bytes (the tests and the PDF rely on that).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
INK = "#222222"
GRID = "#d0d0d0"
MUTED = "#555555"
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


def num(value: float) -> str:
    """A coordinate with at most one decimal, without trailing zeros."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def day_label(day: date) -> str:
    """`6 May`, independent of the locale."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def long_day(day: date) -> str:
    """`6 May 2024`, independent of the locale."""
    return f"{day_label(day)} {day.year}"


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least `value` (1 for nothing)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value - 1e-9:
            return float(step * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def scale(largest: float, at_least: float = 0.0) -> tuple[float, list[float]]:
    """A round top for a 0-based axis holding `largest`, and its 3–5 round ticks."""
    step = nice_ceiling(max(largest, at_least) / 4)
    top = step * max(1, math.ceil(max(largest, at_least) / step - 1e-9))
    return top, [step * i for i in range(round(top / step) + 1)]


@dataclass(frozen=True)
class Plot:
    """The drawing area inside the margins of a `width` × `height` chart."""

    width: int = 640
    height: int = 300
    left: int = 56
    right: int = 56
    top: int = 56
    bottom: int = 48

    @property
    def x0(self) -> float:
        return float(self.left)

    @property
    def x1(self) -> float:
        return float(self.width - self.right)

    @property
    def y0(self) -> float:
        """The bottom of the plot area (value 0)."""
        return float(self.height - self.bottom)

    @property
    def y1(self) -> float:
        return float(self.top)

    def y(self, value: float, top_value: float) -> float:
        """The y coordinate of `value` on a scale from 0 to `top_value`."""
        return self.y0 - (self.y0 - self.y1) * (value / top_value)


def text(
    x: float,
    y: float,
    content: str,
    *,
    anchor: str = "middle",
    size: int = 11,
    fill: str = INK,
    extra: str = "",
) -> str:
    """A `<text>` element with escaped content."""
    return (
        f'<text x="{num(x)}" y="{num(y)}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{fill}"{extra}>{escape(content)}</text>'
    )


def line(x1: float, y1: float, x2: float, y2: float, stroke: str, extra: str = "") -> str:
    return (
        f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
        f'stroke="{stroke}"{extra}/>'
    )


def tooltip(content: str) -> str:
    """A `<title>` child: what a screen reader or a hover shows for one mark."""
    return f"<title>{escape(content)}</title>"


def open_svg(plot: Plot, chart_id: str, title: str, description: str) -> list[str]:
    """The opening tag with role, labels, `<title>`, `<desc>` and the visible title."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {plot.width} {plot.height}" '
        f'width="{plot.width}" height="{plot.height}" role="img" '
        f"aria-labelledby={quoteattr(f'{chart_id}-title {chart_id}-desc')} "
        f"id={quoteattr(chart_id)} font-family={quoteattr(FONT)}>",
        f"<title id={quoteattr(chart_id + '-title')}>{escape(title)}</title>",
        f"<desc id={quoteattr(chart_id + '-desc')}>{escape(description)}</desc>",
        f'<rect width="{plot.width}" height="{plot.height}" fill="#ffffff"/>',
        text(plot.x0, 20, title, anchor="start", size=14, extra=' font-weight="bold"'),
    ]


def y_axis(
    plot: Plot, top_value: float, ticks: list[float], label: str, *, right: bool = False
) -> list[str]:
    """Grid lines (left axis only), tick labels and a rotated axis label."""
    parts: list[str] = []
    x = plot.x1 if right else plot.x0
    for tick in ticks:
        y = plot.y(tick, top_value)
        if not right:
            parts.append(line(plot.x0, y, plot.x1, y, GRID))
        shown = f"{tick:g}"
        parts.append(
            text(x + 6 if right else x - 6, y + 4, shown, anchor="start" if right else "end")
        )
    label_x = plot.width - 12 if right else 14
    middle = (plot.y0 + plot.y1) / 2
    rotate = f' transform="rotate({90 if right else -90} {num(label_x)} {num(middle)})"'
    parts.append(text(label_x, middle, label, extra=rotate))
    return parts


def x_axis(plot: Plot, labels: list[tuple[float, str]], label: str) -> list[str]:
    """The baseline, date labels under it and the axis label."""
    parts = [line(plot.x0, plot.y0, plot.x1, plot.y0, INK)]
    parts += [text(x, plot.y0 + 16, shown) for x, shown in labels]
    parts.append(text((plot.x0 + plot.x1) / 2, plot.height - 8, label, fill=MUTED))
    return parts


def every_nth(count: int, most: int = 8) -> int:
    """Label every n-th of `count` positions so that at most `most` labels show."""
    return max(1, math.ceil(count / most))


def empty_note(plot: Plot, message: str) -> str:
    """A centred note for a chart without data."""
    return text((plot.x0 + plot.x1) / 2, (plot.y0 + plot.y1) / 2, message, size=13, fill=MUTED)
