"""Instrument data (from YAML) and the generic scoring every instrument shares.

Item wording is not shipped (see docs/questionnaires.md for why): each item
has its number, a short topic label written for kneewise, and the answers
the official form allows, as the numbers printed on (or scored from) it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from kneewise._errors import QuestionnaireError

DATA_DIR = Path(__file__).parent / "data"


class Item(BaseModel):
    """One scored item: allowed answers and how an answer becomes points."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    number: str
    topic: str
    answers: tuple[int, ...]
    #: Scored as max(answers) − answer (e.g. IKDC items 2 and 3, where 0 = no pain).
    reverse: bool = False
    #: Items sharing a group are alternatives: exactly one is answered (VISA-P 8A/8B/8C).
    group: str | None = None

    def points(self, answer: int) -> int:
        """Points for an allowed answer."""
        return max(self.answers) - answer if self.reverse else answer

    @property
    def max_points(self) -> int:
        return max(self.points(a) for a in self.answers)


class Instrument(BaseModel):
    """A questionnaire: its items, scoring rule, minimal important difference and sources."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    source: str
    terms: str
    higher_is_better: bool
    scoring: Literal["sum", "percent_of_answered"]
    min_answered: int | None = None
    mid: float
    mid_source: str
    items: tuple[Item, ...]

    def item(self, number: str) -> Item:
        for item in self.items:
            if item.number == number:
                return item
        raise QuestionnaireError(f"{self.name}: no item {number!r}")


@cache
def load(instrument_id: str) -> Instrument:
    """Load and validate `data/<instrument_id>.yaml`."""
    path = DATA_DIR / f"{instrument_id}.yaml"
    try:
        return Instrument.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as error:
        raise QuestionnaireError(f"{path.name}: broken instrument file: {error}") from None


def _check_answers(instrument: Instrument, answers: dict[str, int]) -> None:
    known = {item.number for item in instrument.items}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise QuestionnaireError(
            f"{instrument.name}: unknown item(s) {', '.join(unknown)}; "
            f"items are {', '.join(sorted(known, key=_order))}"
        )
    for number, answer in answers.items():
        allowed = instrument.item(number).answers
        if answer not in allowed:
            raise QuestionnaireError(
                f"{instrument.name} item {number}: {answer} is not allowed; "
                f"allowed answers are {', '.join(map(str, allowed))}"
            )


def _check_groups(instrument: Instrument, answers: dict[str, int]) -> None:
    groups: dict[str, list[str]] = {}
    for item in instrument.items:
        if item.group:
            groups.setdefault(item.group, []).append(item.number)
    for group, numbers in groups.items():
        given = [n for n in numbers if n in answers]
        if len(given) != 1:
            raise QuestionnaireError(
                f"{instrument.name} item {group}: answer exactly one of "
                f"{', '.join(numbers)} (got {len(given)})"
            )


def _required(instrument: Instrument) -> list[str]:
    return [item.number for item in instrument.items if item.group is None]


def _order(number: str) -> tuple[int, str]:
    digits = "".join(c for c in number if c.isdigit())
    return int(digits or 0), number


def _missing(instrument: Instrument, answers: dict[str, int]) -> list[str]:
    return [n for n in _required(instrument) if n not in answers]


def score(instrument: Instrument, answers: dict[str, int]) -> float:
    """Score answers keyed by item number, by the instrument's official rule."""
    _check_answers(instrument, answers)
    _check_groups(instrument, answers)
    missing = _missing(instrument, answers)
    scored = [instrument.item(n) for n in answers]
    if instrument.scoring == "sum":
        if missing:
            raise QuestionnaireError(
                f"{instrument.name}: every item must be answered; missing {', '.join(missing)}"
            )
        return float(sum(item.points(answers[item.number]) for item in scored))
    needed = instrument.min_answered or len(_required(instrument))
    if len(scored) < needed:
        raise QuestionnaireError(
            f"{instrument.name}: at least {needed} of {len(_required(instrument))} items must be "
            f"answered; missing {', '.join(missing)}"
        )
    total = sum(item.points(answers[item.number]) for item in scored)
    return round(100 * total / sum(item.max_points for item in scored), 1)
