"""Where around the knee it hurts: the one list the intake and the diary both use.

Kept apart from `kneewise.intake` so that a diary record (`kneewise log pain`)
can name the places without building the whole intake model (issue #11);
`kneewise.intake.Location` is this same type.
"""

from __future__ import annotations

from typing import Literal

Location = Literal[
    "front", "kneecap", "below_kneecap", "above_kneecap", "inner", "outer", "back",
    "whole", "calf", "thigh",
]  # fmt: skip
