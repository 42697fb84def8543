"""Kujala anterior knee pain scale: 13 items, 0–100 (Kujala et al. 1993).

Item data, scoring rule and minimal important difference: data/kujala.yaml.
"""

from __future__ import annotations

from kneewise.questionnaires._model import Instrument, load
from kneewise.questionnaires._model import score as _score

INSTRUMENT_ID = "kujala"


def instrument() -> Instrument:
    """The instrument definition."""
    return load(INSTRUMENT_ID)


def score(answers: dict[str, int]) -> float:
    """Score answers keyed by item number (e.g. {"1": 5, ...})."""
    return _score(instrument(), answers)
