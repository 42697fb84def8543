"""A finding read from one stretch of text, before conflicts are settled."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Mention:
    """One reading: this field has this value, said at these characters."""

    field: str
    value: Any
    start: int
    end: int
    confidence: float
    negated: bool = False
    #: Told unsure ("maybe", "can't remember if"): asked, never assumed either way.
    unsure: bool = False
