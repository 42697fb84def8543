"""What the parser hands back: intake fields with the words they came from."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from kneewise._errors import IntakeError
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2, V2_ONLY, Intake, parse_intake

#: Said of words that gave no answer: plain words for the person, never a field name.
_NOT_READ = "“{words}”: kneewise could not turn these words into an answer, so it did not use them."
#: Fields below this confidence stay out of `ParsedIntake.intake()` so the interview asks.
CONFIDENT = 0.6


class ParsedField(BaseModel):
    """One intake field read from the text."""

    model_config = ConfigDict(frozen=True)

    value: Any = Field(
        description="the answer read; null when told unsure, so no client reads a yes or no"
    )
    span: tuple[int, int]
    text: str
    confidence: float = Field(ge=0, le=1)
    unsure: bool = Field(
        default=False,
        description="told unsure or not remembered: never used as an answer, always asked",
    )


class ParsedIntake(BaseModel):
    """Everything read from one narrative."""

    model_config = ConfigDict(frozen=True)

    text: str
    fields: dict[str, ParsedField] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)
    unparsed: list[str] = Field(default_factory=list)
    #: The story is of someone else's knee ("my son ... he fell"): the answers are theirs,
    #: so the questions that follow are worded of them (`interview.wording`).
    someone_else: bool = False

    def values(self, minimum: float = CONFIDENT) -> dict[str, Any]:
        """Field values at or above a confidence that the intake accepts, by name.

        A value the intake refuses on its own ("I weigh 300 kg" is past the range)
        is left out, so the interview asks for it instead of the whole story failing.
        """
        return {
            name: parsed.value
            for name, parsed in self.fields.items()
            if parsed.confidence >= minimum and not parsed.unsure and _accepted(name, parsed.value)
        }

    def document(self, minimum: float = CONFIDENT) -> dict[str, Any]:
        """The intake as a JSON document for /assess: `values()` with its schema and lists.

        A field told unsure ("not sure if it's hot") is in `dont_know`, as the person's
        "I don't know": an assessment from this document alone (`assess --text --json`,
        a client posting it to /assess) lists it back as not known and never reads a no.
        The interviews ask it again instead: they start from `values()`.
        """
        values = self.values(minimum)
        # A list read from words names what was mentioned, not all that applies.
        mentioned = [n for n in values if INTAKE_FIELDS[n].kind == "choices"]
        if mentioned:
            values["mentioned_only"] = mentioned
        unsure = [n for n, read in self.fields.items() if read.unsure and n not in values]
        if unsure:  # one implied by an answer ("not swollen" settles when it swelled) is known
            implied = parse_intake({"schema": INTAKE_V2, **values}).known()
            unsure = [name for name in unsure if name not in implied]
        if unsure:
            values["dont_know"] = unsure
        if any(name in values for name in V2_ONLY):  # only intake v2 carries them
            values = {"schema": INTAKE_V2, **values}
        return values

    def intake(self, minimum: float = CONFIDENT) -> Intake:
        """A valid intake from the confident fields; the rest stays unknown."""
        return parse_intake(self.document(minimum))

    def set_aside(self) -> list[str]:
        """What the person wrote that was not used, as plain sentences to show them.

        Every note (why words were set aside or will be asked again), then each of
        `unparsed` that no note already quotes. The terminal and the web's check
        show these lines, so nothing a person wrote vanishes without a word.
        """
        quoted = {words for words in self.unparsed if any(f"“{words}”" in n for n in self.notes)}
        unread = [words for words in self.unparsed if words not in quoted]
        return [*self.notes, *(_NOT_READ.format(words=words) for words in unread)]


def _accepted(name: str, value: Any) -> bool:
    try:
        parse_intake({name: value}, schema=INTAKE_V2)
    except IntakeError:
        return False
    return True
