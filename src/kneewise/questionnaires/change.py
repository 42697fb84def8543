"""Change between two scores, judged against the instrument's minimal important difference."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kneewise.questionnaires._model import Instrument

Verdict = Literal["better", "worse", "no clear change", "not judged"]


@dataclass(frozen=True)
class Change:
    """Difference between the previous and the current score, in plain words."""

    previous: float
    current: float
    delta: float
    mid: float | None
    verdict: Verdict
    text: str


def compare(instrument: Instrument, previous: float, current: float) -> Change:
    """Better or worse only when the change reaches the published minimal important difference.

    Without a verified figure (`instrument.mid` is None) the change is given in
    points and "not judged": kneewise does not guess what size matters.
    """
    delta = round(current - previous, 1)
    improvement = delta if instrument.higher_is_better else -delta
    moved = "Up" if delta > 0 else "Down" if delta < 0 else "No change:"
    size = f"{abs(delta):g} point{'s' if abs(delta) != 1 else ''}"
    if instrument.mid is None:
        text = (
            f"{moved} {size} since last time ({previous:g} → {current:g}); not judged better "
            f"or worse: {instrument.mid_source}."
        )
        return Change(previous, current, delta, None, "not judged", text)
    verdict: Verdict = "no clear change"
    if abs(delta) >= instrument.mid:
        verdict = "better" if improvement > 0 else "worse"
    mid = f"{instrument.mid_meaning} is {instrument.mid:g} ({instrument.mid_source})"
    text = f"{moved} {size} since last time ({previous:g} → {current:g}): {verdict}; {mid}."
    return Change(previous, current, delta, instrument.mid, verdict, text)
