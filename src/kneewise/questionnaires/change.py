"""Change between two scores, judged against the instrument's minimal important difference."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kneewise.questionnaires._model import Instrument

Verdict = Literal["better", "worse", "no clear change"]


@dataclass(frozen=True)
class Change:
    """Difference between the previous and the current score, in plain words."""

    previous: float
    current: float
    delta: float
    mid: float
    verdict: Verdict
    text: str


def compare(instrument: Instrument, previous: float, current: float) -> Change:
    """Better or worse only when the change reaches the published minimal important difference."""
    delta = round(current - previous, 1)
    improvement = delta if instrument.higher_is_better else -delta
    verdict: Verdict = "no clear change"
    if abs(delta) >= instrument.mid:
        verdict = "better" if improvement > 0 else "worse"
    moved = "Up" if delta > 0 else "Down" if delta < 0 else "No change:"
    size = f"{abs(delta):g} point{'s' if abs(delta) != 1 else ''}"
    mid = f"the smallest change that matters is {instrument.mid:g} ({instrument.mid_source})"
    verdict_text = "no clear change" if verdict == "no clear change" else verdict
    text = f"{moved} {size} since last time ({previous:g} → {current:g}): {verdict_text}; {mid}."
    return Change(previous, current, delta, instrument.mid, verdict, text)
