"""The interview's question screens and the values a number answer can take, from the knowledge.

Compiled once with the rest of the knowledge (knowledge/compiled.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from kneewise.intake import INTAKE_FIELDS
from kneewise.knowledge.model import (
    AllOf,
    AnyOf,
    FieldTest,
    KnowledgeBase,
    NotOf,
    OtherAnswer,
    Predicate,
)


@dataclass(frozen=True)
class Screen:
    """One question screen: its id, the fields it settles, and how it is worded."""

    id: str
    fields: tuple[str, ...]
    text: str
    help: str
    rationale: str
    red_flag: bool
    grouped: bool
    ask_if: Predicate | None = None
    other_answers: tuple[OtherAnswer, ...] = ()


def question_screens(kb: KnowledgeBase) -> tuple[Screen, ...]:
    """Groups first (in file order), then every question whose field is not in a group."""
    grouped = {name for group in kb.groups for name in group.fields}
    found = [
        Screen(g.id, tuple(g.fields), g.text, g.help, g.rationale, g.red_flag, grouped=True)
        for g in kb.groups
    ]
    found += [
        Screen(q.field, (q.field,), q.text, q.help, q.rationale, q.red_flag, grouped=False,
               ask_if=q.ask_if, other_answers=tuple(q.other_answers))
        for q in kb.questions
        if q.field not in grouped
    ]  # fmt: skip
    return tuple(found)


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


def representative_values(kb: KnowledgeBase, field: str) -> tuple[float, ...]:
    """One value in each interval of a number field the knowledge tells apart, and each cut."""
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
    return tuple(sorted({float(round(v)) if spec.kind == "int" else v for v in values}))
