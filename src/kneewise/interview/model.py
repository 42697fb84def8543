"""What the interview exchanges with its caller: evidence in, a question or a result out."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kneewise._errors import IntakeError
from kneewise.assessment import Assessment
from kneewise.intake import INTAKE_FIELDS, Intake, parse_intake

AnswerType = Literal["yes_no", "one_of", "several_of", "number", "tick_any"]


class Evidence(BaseModel):
    """Everything answered so far. The engine keeps no state: send it all each time.

    `answers` holds intake values by field; `unknown` lists fields the person
    said "don't know" to (so they are not asked again). To go back, change or
    drop an answer and send the evidence again: the next step is recomputed.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    answers: dict[str, Any] = {}
    unknown: list[str] = []

    @field_validator("answers")
    @classmethod
    def _valid_answers(cls, answers: dict[str, Any]) -> dict[str, Any]:
        try:
            parse_intake(answers)
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
        return parse_intake(self.answers)

    def settled(self) -> set[str]:
        """Fields that are answered or known to be unknowable."""
        return set(self.answers) | set(self.unknown)


class Question(BaseModel):
    """The next thing to ask: one field, or a screen of yes/no fields."""

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
    asked_so_far: int


class Result(BaseModel):
    """The interview is over: the assessment and how sure it is."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["result"] = "result"
    assessment: Assessment
    answers: dict[str, Any] = Field(description="the intake the assessment was made from")
    questions_asked: int
    confidence: float = Field(description="probability of the leading condition")
    stopped_because: str
    next_question_would_change: str | None = None
