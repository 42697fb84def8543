"""How well the parser reads narratives: per-field precision and recall, and safety misses."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kneewise._errors import IntakeError, NarrativeError
from kneewise.intake import INTAKE_FIELDS, V2_ONLY, parse_intake
from kneewise.knowledge.model import KnowledgeBase
from kneewise.language.parser import parse
from kneewise.language.resolve import CURRENT_SIGNS

#: Red flags whose negation must never come back as "present"; locking counts when "now".
SAFETY_FIELDS = (CURRENT_SIGNS - {"unwell"}) | {"locking", "had_knee_surgery"}


class Narrative(BaseModel):
    """One story and the intake fields a careful reader takes from it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    style: str = ""
    text: str
    expect: dict[str, Any] = Field(default_factory=dict)
    absent: list[str] = Field(default_factory=list)

    @field_validator("expect")
    @classmethod
    def _valid_intake(cls, expect: dict[str, Any]) -> dict[str, Any]:
        numbers = {k: float(v) if _kind(k) == "number" else v for k, v in expect.items()}
        try:
            given = {k: v for k, v in numbers.items() if v != []}
            if any(name in given for name in V2_ONLY):
                given["schema"] = "kneewise.intake/2"
            parse_intake(given)
        except IntakeError as error:
            raise ValueError(str(error)) from None
        return {k: v for k, v in expect.items() if v != []}

    @field_validator("absent")
    @classmethod
    def _known_fields(cls, absent: list[str]) -> list[str]:
        unknown = [name for name in absent if name not in INTAKE_FIELDS]
        if unknown:
            raise ValueError(f"unknown fields: {unknown}")
        return absent


class FieldScore(BaseModel):
    """Counts for one field (or all fields) over a set of narratives."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    def add(self, tp: int, fp: int, fn: int) -> None:
        """Add one comparison's counts."""
        self.true_positive += tp
        self.false_positive += fp
        self.false_negative += fn


def _kind(name: str) -> str:
    spec = INTAKE_FIELDS.get(name)
    return spec.kind if spec else ""


def load_narratives(folder: Path) -> list[Narrative]:
    """Every narrative in the YAML files of a folder, checked against the intake."""
    narratives: list[Narrative] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            narratives += [Narrative.model_validate(item) for item in items]
        except (yaml.YAMLError, ValidationError, TypeError) as error:
            raise NarrativeError(f"{path.name}: {error}") from None
    return narratives


def _same(name: str, got: Any, want: Any) -> bool:
    if _kind(name) == "number":
        return abs(float(got) - float(want)) <= max(1.0, 0.05 * abs(float(want)))
    return bool(got == want)


def compare(name: str, got: Any, want: Any) -> tuple[int, int, int]:
    """(true positive, false positive, false negative) for one field of one narrative."""
    if _kind(name) == "choices":
        found, wanted = set(got or ()), set(want or ())
        return len(found & wanted), len(found - wanted), len(wanted - found)
    if got is None:
        return 0, 0, int(want is not None)
    if want is None:
        return 0, 1, 0
    return (1, 0, 0) if _same(name, got, want) else (0, 1, 1)


def field_scores(
    narratives: Iterable[Narrative], knowledge: KnowledgeBase
) -> dict[str, FieldScore]:
    """Precision and recall per field, plus "overall" summed over all fields."""
    scores: dict[str, FieldScore] = {"overall": FieldScore()}
    for narrative in narratives:
        got = parse(narrative.text, knowledge).values()
        for name in sorted(set(got) | set(narrative.expect)):
            counts = compare(name, got.get(name), narrative.expect.get(name))
            scores.setdefault(name, FieldScore()).add(*counts)
            scores["overall"].add(*counts)
    return scores


def _denied(narrative: Narrative, name: str) -> bool:
    want = narrative.expect.get(name)
    return name in narrative.absent or want is False or (name == "locking" and want != "now")


def safety_misses(narratives: Iterable[Narrative], knowledge: KnowledgeBase) -> list[str]:
    """Red flags read as present where the narrative denies them or does not say them."""
    misses: list[str] = []
    for narrative in narratives:
        got = parse(narrative.text, knowledge).values()
        for name in SAFETY_FIELDS:
            present = got.get(name) is True or (name == "locking" and got.get(name) == "now")
            if present and _denied(narrative, name):
                misses.append(f"{narrative.id}: {name}")
    return misses
