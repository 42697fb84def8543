"""What the parser hands back: intake fields with the words they came from."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from kneewise.intake import V2_ONLY, Intake, parse_intake

#: Fields below this confidence stay out of `ParsedIntake.intake()` so the interview asks.
CONFIDENT = 0.6


class ParsedField(BaseModel):
    """One intake field read from the text."""

    model_config = ConfigDict(frozen=True)

    value: Any
    span: tuple[int, int]
    text: str
    confidence: float = Field(ge=0, le=1)


class ParsedIntake(BaseModel):
    """Everything read from one narrative."""

    model_config = ConfigDict(frozen=True)

    text: str
    fields: dict[str, ParsedField] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)
    unparsed: list[str] = Field(default_factory=list)

    def values(self, minimum: float = CONFIDENT) -> dict[str, Any]:
        """Field values at or above a confidence, by name."""
        return {
            name: parsed.value
            for name, parsed in self.fields.items()
            if parsed.confidence >= minimum
        }

    def intake(self, minimum: float = CONFIDENT) -> Intake:
        """A valid intake from the confident fields; the rest stays unknown."""
        values = self.values(minimum)
        if any(name in values for name in V2_ONLY):  # only intake v2 carries them
            values = {"schema": "kneewise.intake/2", **values}
        return parse_intake(values)
