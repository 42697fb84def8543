"""Single numeric rating of knee pain, 0–10 (lower is better).

Item data, scoring rule and minimal important difference: data/nrs.yaml.
"""

from __future__ import annotations

from kneewise.questionnaires._model import Instrument, load
from kneewise.questionnaires._model import score as _score

INSTRUMENT_ID = "nrs"


def instrument() -> Instrument:
    """The instrument definition."""
    return load(INSTRUMENT_ID)


def score(answers: dict[str, int]) -> float:
    """Score answers keyed by item number (e.g. {"1": 5, ...})."""
    return _score(instrument(), answers)
