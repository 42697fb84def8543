"""SANE: one question, the knee today as a percentage of normal, 0–100 (Williams et al. 1999).

Full wording (kneewise's own phrasing of the published question), scoring and
why no minimal important difference is used: data/sane.yaml.
"""

from __future__ import annotations

from kneewise.questionnaires._model import Instrument, load
from kneewise.questionnaires._model import score as _score

INSTRUMENT_ID = "sane"


def instrument() -> Instrument:
    """The instrument definition."""
    return load(INSTRUMENT_ID)


def score(answers: dict[str, int]) -> float:
    """Score answers keyed by item number ({"1": 0..100})."""
    return _score(instrument(), answers)
