"""Questionnaires with their official scoring and change against the minimal important difference.

One module per instrument; item data in data/*.yaml. SANE, PSFS and the 0-10
pain rating are shipped with full wording and can be filled in here; Kujala,
VISA-P and IKDC are scored from the answers the person reads off their own
official form, as their wording cannot be shipped. No KOOS or KOOS-12
material is shipped: their licence holder requires permission since 2023
(docs/questionnaires.md).
"""

from __future__ import annotations

from kneewise.questionnaires import ikdc, kujala, nrs, psfs, sane, visa_p
from kneewise.questionnaires._model import Instrument, Item, load, score
from kneewise.questionnaires.change import Change, compare

#: Command name → instrument id.
INSTRUMENTS = {
    "sane": "sane", "psfs": "psfs", "nrs": "nrs", "kujala": "kujala", "visa-p": "visa-p",
    "ikdc": "ikdc",
}  # fmt: skip

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
    "psfs",
    "sane",
    "score",
    "visa_p",
]
