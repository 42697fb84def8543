"""Instrument data (from YAML) and the generic scoring every instrument shares.

Two kinds of instrument (docs/questionnaires.md says which is which, and why):

- free to reproduce (`wording_shipped: true`, e.g. SANE, PSFS, the 0-10 pain
  rating): each item carries its full wording (`text`) and the meaning of its
  lowest and highest answers (`low`, `high`), so it can be filled in here;
- licensed or of unclear terms (Kujala, VISA-P, IKDC): no item wording is
  shipped. Each item has its number, a short topic label written for kneewise
  and the answers the official form allows, as the numbers printed on (or
  scored from) it; `official_form` says where the person can get the form.

A test of the data keeps the two apart: item text on an instrument whose
wording is not shipped fails to load.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

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
    #: The item's full wording: only for instruments free to reproduce.
    text: str | None = None
    #: What the lowest and the highest answer mean, in words.
    low: str | None = None
    high: str | None = None
    #: The person names what this item rates (PSFS: an activity); the name is kept with it.
    named: bool = False

    @field_validator("answers", mode="before")
    @classmethod
    def _answer_range(cls, value: object) -> object:
        # `{from: 0, to: 100}` stands for every whole number in between (SANE).
        if isinstance(value, dict) and set(value) == {"from", "to"}:
            return tuple(range(int(value["from"]), int(value["to"]) + 1))
        return value

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
    scoring: Literal["sum", "percent_of_answered", "mean_of_answered"]
    min_answered: int | None = None
    #: The smallest change that counts; None when no published figure was verified.
    mid: float | None
    mid_source: str
    #: What `mid` is, in words (a minimal important difference, or a detectable change).
    mid_meaning: str = "the smallest change that matters"
    #: True only when the instrument's terms allow reproducing its wording.
    wording_shipped: bool = False
    #: The instructions the person reads first, in full (shipped wording only).
    instructions: str | None = None
    #: Where to get the official form, for instruments whose wording is not shipped.
    official_form: str | None = None
    items: tuple[Item, ...]

    @model_validator(mode="after")
    def _wording_matches_terms(self) -> Instrument:
        worded = [item.number for item in self.items if item.text]
        if self.wording_shipped and len(worded) != len(self.items):
            raise ValueError(f"{self.id}: wording_shipped needs the text of every item")
        if not self.wording_shipped:
            if worded or self.instructions:
                raise ValueError(f"{self.id}: item wording given but its terms do not allow it")
            if not self.official_form:
                raise ValueError(f"{self.id}: say where to get the official form")
        return self

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
                f"allowed answers are {allowed_text(allowed)}"
            )


def allowed_text(allowed: tuple[int, ...]) -> str:
    """The allowed answers in words: listed, or as a range when they are many in a row."""
    low, high = min(allowed), max(allowed)
    if len(allowed) > 11 and allowed == tuple(range(low, high + 1)):
        return f"whole numbers from {low} to {high}"
    return ", ".join(map(str, allowed))


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
    if instrument.scoring == "mean_of_answered":
        return round(total / len(scored), 1)
    return round(100 * total / sum(item.max_points for item in scored), 1)
