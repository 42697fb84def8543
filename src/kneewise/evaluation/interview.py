"""A simulated person answers the interview from a vignette's intake.

They answer what the vignette says and "don't know" where it is silent, so
the interview is judged on the same cases as the full intake. When the
interview shows an urgent or emergency result early, the person goes on to
answer the optional questions (as "help the doctor" offers), so the causes
are judged on everything they could tell; the level they saw first is kept
beside it. With `from_text`, the person first tells the story in the
vignette's narrative, as the web check starts, and is asked only the rest.
"""

from __future__ import annotations

import hashlib
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kneewise._errors import IntakeError
from kneewise.evaluation.metrics import CaseResult, Report, judge
from kneewise.evaluation.vignettes import Vignette
from kneewise.intake import INTAKE_V2, parse_intake
from kneewise.interview import Evidence, Question, Result, next_step
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.model import KnowledgeBase
from kneewise.language import parse

SAFETY_LIMIT = 80  # more steps than fields would mean the interview loops


@dataclass(frozen=True)
class Interviewed:
    """One simulated interview: the final result, and the first one the person saw."""

    case: CaseResult
    questions: int
    first: CaseResult
    first_questions: int


def _answer(truth: dict[str, Any], answers: dict[str, Any], unknown: list[str], field: str) -> None:
    """Answer one field from the vignette, or "don't know" where it is silent.

    An answer the vignette gives but that contradicts what the story was read
    as (a misreading the interview does not ask again) stays "don't know".
    """
    if field in truth:
        try:
            parse_intake({**answers, field: truth[field]}, schema=INTAKE_V2)
        except IntakeError:
            unknown.append(field)
            return
        answers[field] = truth[field]
    else:
        unknown.append(field)


def simulate(vignette: Vignette, kb: KnowledgeBase, *, from_text: bool = False) -> Interviewed:
    """Run the interview to its end with answers taken from the vignette."""
    truth = vignette.intake.known()
    answers: dict[str, Any] = {}
    words: dict[str, str] = {}
    if from_text:
        parsed = parse(vignette.narrative or "", kb)
        answers = parsed.values()
        words = {name: found.text for name, found in parsed.fields.items() if name in answers}
    unknown: list[str] = []
    screens: list[str] = []
    optional = False
    first: tuple[CaseResult, int] | None = None
    for _ in range(SAFETY_LIMIT):
        evidence = Evidence(answers=answers, unknown=unknown, screens=screens, words=words,
                            optional=optional)  # fmt: skip
        reply = next_step(evidence, kb)
        if isinstance(reply, Result):
            first = first or (judge(vignette, reply.assessment), len(screens))
            if reply.more_questions and not optional:
                optional = True
                continue
            return Interviewed(judge(vignette, reply.assessment), len(screens), *first)
        assert isinstance(reply, Question)
        screens.append(reply.id)
        for field in reply.fields:
            _answer(truth, answers, unknown, field)
    raise RuntimeError(f"interview for {vignette.id} did not end in {SAFETY_LIMIT} steps")


@dataclass(frozen=True)
class InterviewReport:
    """Simulated interviews, one per vignette, and the figures over them."""

    runs: list[Interviewed]

    def narrated(self) -> InterviewReport:
        """The runs of the vignettes that carry a narrative (interviewed without it)."""
        return InterviewReport(runs=[run for run in self.runs if run.case.vignette.narrative])

    @property
    def report(self) -> Report:
        """Judged on the final result (causes after every question the person answered)."""
        return Report(cases=[run.case for run in self.runs])

    @property
    def first_report(self) -> Report:
        """Judged on the first result shown (the level a person acts on)."""
        return Report(cases=[run.first for run in self.runs])

    @property
    def median_questions(self) -> float:
        return statistics.median(run.questions for run in self.runs)

    @property
    def median_first_questions(self) -> float:
        return statistics.median(run.first_questions for run in self.runs)

    @property
    def p90_questions(self) -> float:
        counts = sorted(run.questions for run in self.runs)
        return float(counts[min(len(counts) - 1, int(0.9 * len(counts)))])


def evaluate_interview(
    vignettes: Sequence[Vignette],
    knowledge: KnowledgeBase,
    *,
    from_text: bool = False,
) -> InterviewReport:
    """Interview every vignette's simulated person (after their story, with `from_text`).

    Deterministic, so a run is kept (the last few, by the knowledge's content
    hash, the vignettes' content and the mode): the test suite and `kneewise
    eval` in one process simulate each set of interviews once.
    """
    chosen = [v for v in vignettes if v.narrative] if from_text else list(vignettes)
    cases = hashlib.sha256("\n".join(v.model_dump_json() for v in chosen).encode()).hexdigest()
    key = (compiled(knowledge).content_hash, cases, from_text)
    found = _RUNS.get(key)
    if found is None:
        found = InterviewReport(runs=[simulate(v, knowledge, from_text=from_text) for v in chosen])
        while len(_RUNS) >= _RUNS_KEPT:
            _RUNS.pop(next(iter(_RUNS)))
        _RUNS[key] = found
    return found


_RUNS_KEPT = 4
_RUNS: dict[tuple[str, str, bool], InterviewReport] = {}
