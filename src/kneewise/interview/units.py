"""The questions the interview can ask: single fields and grouped yes/no screens."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

from kneewise._errors import IntakeError
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2, parse_intake
from kneewise.interview.model import AnsweredItem, AnswerType, Question
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.model import KnowledgeBase, TriageLevel
from kneewise.knowledge.screens import Screen

ANSWER_TYPE: dict[str, AnswerType] = {
    "bool": "yes_no", "choice": "one_of", "choices": "several_of", "int": "number",
    "number": "number",
}  # fmt: skip


#: One screen: its id, the fields it settles, and how it is worded (compiled once per base).
Unit = Screen


@dataclass(frozen=True)
class Progress:
    """Where the interview stands when a screen is shown."""

    screens_answered: int
    most_remaining: int
    level: TriageLevel
    optional: bool


def ask(
    unit: Unit,
    settled: set[str],
    answers: dict[str, Any],
    words: dict[str, str],
    labels: Mapping[str, str],
    progress: Progress,
) -> Question:
    """The screen for a unit: only its open fields are asked, answered ones are shown."""
    spec = INTAKE_FIELDS[unit.fields[0]]
    open_fields = [f for f in unit.fields if f not in settled]
    one_of = not unit.grouped and spec.kind == "choice"
    # Offer only answers that fit what was said ("swollen" rules out "no swelling"): for a
    # one-of question; a several-of one offers all its choices, so none is validated for it.
    choices = [c for c in spec.choices if _fits(answers, {spec.name: c})] if one_of else []
    others = [o for o in unit.other_answers if _fits(answers, o.answers, o.dont_know)]
    answered = [
        AnsweredItem(field=f, label=labels.get(f, f), value=answers.get(f), words=words.get(f))
        for f in unit.fields
        if f in settled
    ]
    return Question(
        id=unit.id, fields=open_fields, text=unit.text, help=unit.help,
        rationale=unit.rationale, red_flag=unit.red_flag,
        asked_so_far=progress.screens_answered, most_remaining=progress.most_remaining,
        type="tick_any" if unit.grouped else ANSWER_TYPE[spec.kind],
        choices=choices if one_of else list(spec.choices) if not unit.grouped else [],
        minimum=spec.minimum, maximum=spec.maximum, answered=answered,
        other_answers=others, level_so_far=progress.level,
        optional=progress.optional,
    )  # fmt: skip


def _fits(answers: dict[str, Any], extra: dict[str, Any], dont_know: Sequence[str] = ()) -> bool:
    """Whether an answer can stand beside the answers given (no contradiction)."""
    if any(name in answers and answers[name] != value for name, value in extra.items()):
        return False  # it would change what was said
    try:
        parse_intake({**answers, **extra, "dont_know": [f for f in dont_know if f not in answers]},
                     schema=INTAKE_V2)  # fmt: skip
    except IntakeError:
        return False
    return True


def units(kb: KnowledgeBase) -> tuple[Unit, ...]:
    """Groups first (in file order), then every field not in a group."""
    return compiled(kb).screens


def possible_answers(kb: KnowledgeBase, unit: Unit, settled: set[str]) -> list[dict[str, Any]]:
    """The answers a person could give to the unsettled fields of a unit."""
    open_fields = [f for f in unit.fields if f not in settled]
    if unit.grouped:
        return [dict(zip(open_fields, combo, strict=True))
                for combo in product((True, False), repeat=len(open_fields))]  # fmt: skip
    field = open_fields[0]
    spec = INTAKE_FIELDS[field]
    if spec.kind == "bool":
        return [{field: True}, {field: False}]
    if spec.kind == "choice":
        return [{field: choice} for choice in spec.choices]
    if spec.kind == "choices":
        return [{field: [choice]} for choice in spec.choices]
    numbers = compiled(kb).answer_values[field]
    return [{field: int(v) if spec.kind == "int" else v} for v in numbers]
