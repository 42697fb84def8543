"""VISA-P: 8 items, 0–100 (Visentini et al. 1998); item 8 has three alternative parts.

Item data, scoring rule and minimal important difference: data/visa-p.yaml.
"""

from __future__ import annotations

from kneewise.questionnaires._model import Instrument, load
from kneewise.questionnaires._model import score as _score

INSTRUMENT_ID = "visa-p"


def instrument() -> Instrument:
    """The instrument definition."""
    return load(INSTRUMENT_ID)


def score(answers: dict[str, int]) -> float:
    """Score answers keyed by item number (e.g. {"1": 5, ...})."""
    return _score(instrument(), answers)
