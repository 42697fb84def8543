"""Questionnaires with their official scoring and change against the minimal important difference.

One module per instrument (kujala, visa_p, ikdc, nrs); item data in data/*.yaml.
No KOOS or KOOS-12 material is shipped: their licence holder requires
permission since 2023 (docs/questionnaires.md).
"""

from __future__ import annotations

from kneewise.questionnaires import ikdc, kujala, nrs, visa_p
from kneewise.questionnaires._model import Instrument, Item, load, score
from kneewise.questionnaires.change import Change, compare

#: Command name → instrument id.
INSTRUMENTS = {"kujala": "kujala", "visa-p": "visa-p", "ikdc": "ikdc", "nrs": "nrs"}

__all__ = [
    "INSTRUMENTS",
    "Change",
    "Instrument",
    "Item",
    "compare",
    "ikdc",
    "kujala",
    "load",
    "nrs",
    "score",
    "visa_p",
]
