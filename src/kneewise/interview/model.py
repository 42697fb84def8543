"""What the interview exchanges with its caller: evidence in, a question or a result out."""

from __future__ import annotations

from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kneewise._errors import IntakeError
from kneewise.assessment import Assessment
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2, Intake, parse_intake
from kneewise.knowledge.model import OtherAnswer, TriageLevel

AnswerType = Literal["yes_no", "one_of", "several_of", "number", "tick_any"]


class Evidence(BaseModel):
    """Everything answered so far. The engine keeps no state: send it all each time.

    `answers` holds intake values by field (intake v2 fields included);
    `unknown` lists fields the person said "don't know" to (so they are not
    asked again); `screens` the ids of the question screens the person has
    answered, in order (for honest progress; when absent it is estimated from
    the answers); `words` the person's own words for an answer taken from
    free text, shown beside it; `optional` that the person chose to answer
    more questions after an urgent or emergency result. To go back, change or
    drop an answer and send the evidence again: the next step is recomputed.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    answers: dict[str, Any] = {}
    unknown: list[str] = []
    screens: list[str] | None = None
    words: dict[str, str] = {}
    optional: bool = False

    @field_validator("answers")
    @classmethod
    def _valid_answers(cls, answers: dict[str, Any]) -> dict[str, Any]:
        if "schema" in answers or "dont_know" in answers:
            raise ValueError("answers hold intake fields only; send don't-know fields as unknown")
        try:
            parse_intake(answers, schema=INTAKE_V2)
        except IntakeError as error:
            raise ValueError(str(error)) from None
        return answers

    @field_validator("unknown")
    @classmethod
    def _known_fields(cls, fields: list[str]) -> list[str]:
        wrong = [f for f in fields if f not in INTAKE_FIELDS]
        if wrong:
            raise ValueError(f"unknown intake field(s): {', '.join(wrong)}")
        return fields

    def intake(self) -> Intake:
        """The intake (v2): the answers, and the don't-knows that were not answered later."""
        return self._intake

    @cached_property
    def _intake(self) -> Intake:
        # Parsed once per evidence: the interview asks for it several times a step.
        implied = parse_intake(self.answers, schema=INTAKE_V2).known()
        dont_know = [f for f in dict.fromkeys(self.unknown) if f not in implied]
        # A list taken from the person's own words names only what they mentioned.
        mentioned = [f for f in self.words if f in self.answers
                     and INTAKE_FIELDS[f].kind == "choices"]  # fmt: skip
        return parse_intake({**self.answers, "dont_know": dont_know, "mentioned_only": mentioned},
                            schema=INTAKE_V2)  # fmt: skip

    def settled(self) -> set[str]:
        """Fields that are answered (or implied by an answer) or known to be unknowable."""
        return set(self.intake().known()) | set(self.unknown)


class AnsweredItem(BaseModel):
    """An item of a grouped screen that is already answered: shown as answered, not asked."""

    model_config = ConfigDict(frozen=True)

    field: str
    label: str
    value: Any
    words: str | None = Field(default=None, description="the person's own words, if any")


class Question(BaseModel):
    """The next thing to ask: one field, or a screen of yes/no fields.

    `fields` are only the fields still open: a grouped screen lists what is
    already answered in `answered`, never as a box to tick again. On a grouped
    (`tick_any`) or `several_of` screen an empty answer is not a no: the
    person ticks what applies or says "none of these". `other_answers` are
    answers that are not one of the field's values (see the knowledge base).
    """

    model_config = ConfigDict(frozen=True)

    kind: Literal["question"] = "question"
    id: str
    fields: list[str]
    text: str
    help: str
    rationale: str
    type: AnswerType
    choices: list[str] = []
    minimum: float | None = None
    maximum: float | None = None
    red_flag: bool
    asked_so_far: int = Field(description="question screens answered so far")
    most_remaining: int = Field(description="the most screens still to come, this one included")
    answered: list[AnsweredItem] = []
    other_answers: list[OtherAnswer] = []
    level_so_far: TriageLevel = Field(description="the triage level the answers already give")
    optional: bool = Field(
        default=False, description="the result is already urgent or emergency; answering helps"
    )


class Result(BaseModel):
    """The interview is over: the assessment and how sure it is."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["result"] = "result"
    assessment: Assessment
    answers: dict[str, Any] = Field(description="the intake the assessment was made from")
    questions_asked: int = Field(description="question screens the person answered")
    confidence: float = Field(description="probability of the leading condition")
    stopped_because: str
    next_question_would_change: str | None = None
    more_questions: bool = Field(
        default=False,
        description="shown early because the level is urgent or emergency: more questions "
        "may be answered (send the evidence again with optional=true) to help the doctor",
    )
