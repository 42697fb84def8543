"""PSFS: up to five activities the person names, each rated 0–10; the average (Stratford 1995).

Wording (kneewise's own, of the published method), scoring and the minimum
detectable change: data/psfs.yaml. The activity names are kept with the
answers under "<number>-name" (see `activity_key`).
"""

from __future__ import annotations

from kneewise.questionnaires._model import Instrument, load
from kneewise.questionnaires._model import score as _score

INSTRUMENT_ID = "psfs"


def instrument() -> Instrument:
    """The instrument definition."""
    return load(INSTRUMENT_ID)


def score(answers: dict[str, int]) -> float:
    """Average of the rated activities, keyed by item number (e.g. {"1": 4, "2": 7} → 5.5)."""
    return _score(instrument(), answers)


def activity_key(number: str) -> str:
    """Where a named item's name is stored among the answers: "1" → "1-name"."""
    return f"{number}-name"
