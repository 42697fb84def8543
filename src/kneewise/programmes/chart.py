"""One chart of a programme: adherence per week, the stage over time and pain, as SVG.

Bars are the share of planned sessions done each week (partly = half, to the
100% line; more than planned is drawn to the top), the number above a bar is
the stage that week, and the dots joined by a line are the mean pain during
the exercises (0-10, right-hand scale), left out for weeks without pain
logged. Presentation attributes only, no <style>, so pages with a strict
Content-Security-Policy show it as drawn. Pure: same weeks, same SVG.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from kneewise.diary.storage import Diary
from kneewise.programmes.adherence import Week
from kneewise.programmes.model import Programme

WIDTH, HEIGHT = 340, 200
LEFT, RIGHT, TOP, BOTTOM = 34, 30, 22, 30
#: Text sizes in chart units. On a screen the 340-wide chart fills 328 px of a 360 px
#: phone, so 12 units render 11.6 px (issue 14: readable at 360 px); the PDF keeps 10.
SCREEN_TEXT, PDF_TEXT = 12, 10
BAR = "#2563eb"
PAIN = "#dc2626"
INK = "#374151"


def _y(share: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - min(share, 1.25) / 1.25)


def _pain_y(pain: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - pain / 10)


def _text(
    x: float, y: float, words: str, anchor: str = "middle", fill: str = INK, size: int = PDF_TEXT
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-family="sans-serif">{escape(words)}</text>'
    )


def adherence_svg(
    weeks: list[Week],
    programme: Programme,
    *,
    text_size: int = SCREEN_TEXT,
    ended: tuple[dt.date, str] | None = None,
) -> str:
    """The chart as an SVG document (a string); a note instead of bars when no week has begun.

    `text_size` is in chart units (340 wide): `SCREEN_TEXT` for the pages, `PDF_TEXT`
    for the PDF; the left margin grows with it so '100%' stays inside. `ended`: the day
    the programme ended and the word for it ("stopped", "finished"), drawn as a dashed
    line on that day with the word and said in the chart's title."""
    left = LEFT + 3 * (text_size - PDF_TEXT)

    def say(x: float, y: float, words: str, anchor: str = "middle", fill: str = INK) -> str:
        return _text(x, y, words, anchor, fill, text_size)

    stage_numbers = {stage.id: n for n, stage in enumerate(programme.stages, 1)}
    title = f"{programme.name}: sessions done of planned, stage and pain, week by week"
    if ended is not None:
        title += f"; {ended[1]} on {ended[0]:%d %b %Y}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" aria-label="{escape(title, quote=True)}">',
        f"<title>{escape(title)}</title>",
    ]
    for share, label in ((0.0, "0%"), (0.5, "50%"), (1.0, "100%")):
        y = _y(share)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="#d1d5db" stroke-width="1"/>'
        )
        parts.append(say(left - 4, y + 3, label, "end"))
    for pain in (0, 5, 10):
        parts.append(say(WIDTH - RIGHT + 4, _pain_y(pain) + 3, str(pain), "start", PAIN))
    parts.append(say(WIDTH - 4, TOP - 8, "pain", "end", PAIN))
    if not weeks:
        parts.append(say(WIDTH / 2, HEIGHT / 2, "No week of the programme yet"))
        return "".join(parts) + "</svg>"
    slot = (WIDTH - left - RIGHT) / len(weeks)
    points: list[str] = []
    for index, week in enumerate(weeks):
        x = left + slot * index
        top = _y(week.share)
        parts.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{top:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{_y(0) - top:.1f}" fill="{BAR}" fill-opacity="0.75">'
            f"<title>Week {week.number}: {week.done:g} of {week.planned} sessions</title></rect>"
        )
        stage = stage_numbers.get(week.stage_id, 0)
        parts.append(say(x + slot / 2, min(top, _y(0)) - 3, f"S{stage}"))
        parts.append(say(x + slot / 2, HEIGHT - BOTTOM + 12, str(week.number)))
        if week.pain_during is not None:
            cx, cy = x + slot / 2, _pain_y(week.pain_during)
            points.append(f"{cx:.1f},{cy:.1f}")
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="{PAIN}"/>')
    if len(points) > 1:
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{PAIN}" stroke-width="2"/>'
        )
    if ended is not None:
        parts.extend(_end_mark(weeks, ended, left, slot, say))
    parts.append(say((WIDTH - RIGHT + left) / 2, HEIGHT - 4, "week (S = stage)"))
    return "".join(parts) + "</svg>"


def _end_mark(
    weeks: list[Week],
    ended: tuple[dt.date, str],
    left: float,
    slot: float,
    say: Callable[[float, float, str, str], str],
) -> list[str]:
    """A dashed line on the day the programme ended, and the word and day beside it.

    Placed within the week that holds the day (at its end when the day is past the last
    week); the word sits above the 100% line, on the side with room."""
    day, word = ended
    index = next((i for i, w in enumerate(weeks) if w.first_day <= day < _week_end(w)), None)
    if index is None:
        index, within = len(weeks) - 1, 1.0
    else:
        within = (day - weeks[index].first_day).days / 7
    x = left + slot * (index + within)
    line = (
        f'<line x1="{x:.1f}" y1="{TOP:.1f}" x2="{x:.1f}" y2="{_y(0):.1f}" stroke="{INK}" '
        f'stroke-width="1.5" stroke-dasharray="4 3"/>'
    )
    label = f"{word} {day:%d %b}"
    middle = (left + WIDTH - RIGHT) / 2
    anchor, at = ("end", x - 3) if x > middle else ("start", x + 3)
    return [line, say(at, TOP + 12, label, anchor)]


def _week_end(week: Week) -> dt.date:
    return week.first_day + dt.timedelta(days=7)


def diary_chart(diary: Diary, today: dt.date, *, text_size: int = SCREEN_TEXT) -> str | None:
    """The chart of the programme in progress (or the last one, marked where it ended); None
    when none was started.

    `text_size` as for `adherence_svg` (`PDF_TEXT` in the PDF)."""
    from kneewise.programmes import store
    from kneewise.programmes.adherence import weeks
    from kneewise.programmes.load import load_library

    enrolment = store.active(diary) or next(iter(store.enrolments(diary)), None)
    if enrolment is None:
        return None
    programme = load_library().programme(enrolment.programme_id)
    if programme is None:
        return None
    ended = (
        (enrolment.ended_on, enrolment.status)
        if enrolment.status in ("stopped", "finished") and enrolment.ended_on is not None
        else None
    )
    return adherence_svg(
        weeks(enrolment, programme, today), programme, text_size=text_size, ended=ended
    )
