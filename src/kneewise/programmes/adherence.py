"""Adherence per week (sessions done / planned) and the stage over time, from an enrolment.

Weeks count from the programme's start day (week 1 is days 0-6). A week's
planned sessions are the `days_per_week` of the stage the person was at on
the week's first day; a partly done session counts as half, a skipped one
not at all. Pure functions: the dashboard, the PDF and the CLI share them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from statistics import mean

from kneewise.programmes.model import Programme
from kneewise.programmes.store import Enrolment

DONE_WEIGHT = {"done": 1.0, "partly": 0.5, "skipped": 0.0}


@dataclass(frozen=True)
class Week:
    """One programme week: its first day, stage, sessions planned and done, and mean pain."""

    number: int
    first_day: dt.date
    stage_id: str
    planned: int
    done: float
    pain_during: float | None

    @property
    def share(self) -> float:
        """Done / planned, 0-1 (can pass 1 when more was done than planned)."""
        return self.done / self.planned if self.planned else 0.0


def stage_on(enrolment: Enrolment, day: dt.date) -> str:
    """The stage id the person was at on `day`, from the enrolment's stage changes."""
    current = enrolment.stage_changes[0]["stage"] if enrolment.stage_changes else enrolment.stage_id
    for change in enrolment.stage_changes:
        if dt.date.fromisoformat(change["date"]) < day:
            current = change["stage"]
    return str(current)


def weeks(enrolment: Enrolment, programme: Programme, today: dt.date) -> list[Week]:
    """Every week from the start to `today` (or to the end, when the programme ended)."""
    last = min(today, enrolment.ended_on) if enrolment.ended_on else today
    stages = {stage.id: stage for stage in programme.stages}
    result: list[Week] = []
    first = enrolment.started_on
    number = 1
    while first <= last:
        end = first + dt.timedelta(days=7)
        stage_id = stage_on(enrolment, first)
        stage = stages.get(stage_id, programme.stages[0])
        logged = [s for s in enrolment.sessions if first <= s.day < end]
        pains = [s.pain_during for s in logged if s.pain_during is not None]
        result.append(
            Week(
                number=number,
                first_day=first,
                stage_id=stage.id,
                planned=stage.days_per_week,
                done=sum(DONE_WEIGHT[s.status] for s in logged),
                pain_during=mean(pains) if pains else None,
            )
        )
        first, number = end, number + 1
    return result
