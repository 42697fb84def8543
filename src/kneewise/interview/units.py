"""The questions the interview can ask: single fields and grouped yes/no screens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise, product
from typing import Any

from kneewise._errors import IntakeError
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2, parse_intake
from kneewise.interview.model import AnsweredItem, AnswerType, Question
from kneewise.knowledge.model import (
    AllOf,
    AnyOf,
    FieldTest,
    KnowledgeBase,
    NotOf,
    OtherAnswer,
    Predicate,
    TriageLevel,
)

ANSWER_TYPE: dict[str, AnswerType] = {
    "bool": "yes_no", "choice": "one_of", "choices": "several_of", "int": "number",
    "number": "number",
}  # fmt: skip


@dataclass(frozen=True)
class Unit:
    """One screen: its id, the fields it settles, and how it is worded."""

    id: str
    fields: tuple[str, ...]
    text: str
    help: str
    rationale: str
    red_flag: bool
    grouped: bool
    ask_if: Predicate | None = None
    other_answers: tuple[OtherAnswer, ...] = ()


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
    labels: dict[str, str],
    progress: Progress,
) -> Question:
    """The screen for a unit: only its open fields are asked, answered ones are shown."""
    spec = INTAKE_FIELDS[unit.fields[0]]
    open_fields = [f for f in unit.fields if f not in settled]
    # Offer only answers that fit what was said ("swollen" rules out "no swelling").
    choices = [c for c in spec.choices if _fits(answers, {spec.name: c})]
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
        choices=choices if not unit.grouped and spec.kind == "choice" else
        list(spec.choices) if not unit.grouped else [],
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


def units(kb: KnowledgeBase) -> list[Unit]:
    """Groups first (in file order), then every field not in a group."""
    grouped = {name for group in kb.groups for name in group.fields}
    found = [
        Unit(g.id, tuple(g.fields), g.text, g.help, g.rationale, g.red_flag, grouped=True)
        for g in kb.groups
    ]
    found += [
        Unit(
            q.field,
            (q.field,),
            q.text,
            q.help,
            q.rationale,
            q.red_flag,
            grouped=False,
            ask_if=q.ask_if,
            other_answers=tuple(q.other_answers),
        )
        for q in kb.questions
        if q.field not in grouped
    ]
    return found


def _thresholds(predicate: Predicate, field: str) -> set[float]:
    if isinstance(predicate, FieldTest):
        if predicate.field != field:
            return set()
        bounds = (predicate.gte, predicate.lte, predicate.gt, predicate.lt)
        return {b for b in bounds if b is not None}
    if isinstance(predicate, NotOf):
        return _thresholds(predicate.not_, field)
    parts: list[Predicate] = predicate.all if isinstance(predicate, AllOf) else predicate.any
    assert isinstance(predicate, AllOf | AnyOf)
    return set().union(*(_thresholds(p, field) for p in parts))


def _numbers(kb: KnowledgeBase, field: str) -> list[float]:
    """Representative values: one in each interval the knowledge base tells apart."""
    cuts = set().union(*(_thresholds(f.when, field) for f in kb.findings.values()))
    cuts |= set().union(*(_thresholds(r.when, field) for r in kb.rules))
    if field == "age":
        bands = [b for c in kb.conditions.values() for b in c.prior.age_bands]
        cuts |= {float(b.min) for b in bands} | {b.max + 0.5 for b in bands}
    spec = INTAKE_FIELDS[field]
    low = spec.minimum if spec.minimum is not None else 0.0
    edges = sorted(c for c in cuts if spec.maximum is None or c <= spec.maximum)
    points = [low, *edges, (edges[-1] + 1) if edges else low + 1]
    values = [(a + b) / 2 for a, b in pairwise(points) if b > a]
    values += edges  # the cut itself, since tests use both >= and >
    return sorted({float(round(v)) if spec.kind == "int" else v for v in values})


# Knowledge bases are loaded once per process; their numeric cut points with them.
# The base itself is kept beside its values, so a reused id() can never match.
_NUMBERS: dict[tuple[int, str], tuple[KnowledgeBase, tuple[float, ...]]] = {}


def _cached_numbers(kb: KnowledgeBase, field: str) -> tuple[float, ...]:
    key = (id(kb), field)
    cached = _NUMBERS.get(key)
    if cached is None or cached[0] is not kb:
        cached = _NUMBERS[key] = (kb, tuple(_numbers(kb, field)))
    return cached[1]


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
    numbers = _cached_numbers(kb, field)
    return [{field: int(v) if spec.kind == "int" else v} for v in numbers]
