"""A simulated person answers the interview from a vignette's intake.

They answer what the vignette says and "don't know" where it is silent, so
the interview is judged on the same cases as the full intake.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kneewise.evaluation.metrics import CaseResult, Report, judge
from kneewise.evaluation.vignettes import Vignette
from kneewise.interview import Evidence, Question, Result, next_step
from kneewise.knowledge.load import load_knowledge
from kneewise.knowledge.model import KnowledgeBase

SAFETY_LIMIT = 80  # more steps than fields would mean the interview loops


@dataclass(frozen=True)
class Interviewed:
    case: CaseResult
    questions: int


def simulate(vignette: Vignette, kb: KnowledgeBase) -> Interviewed:
    """Run the interview to its end with answers taken from the vignette."""
    truth = vignette.intake.known()
    answers: dict[str, Any] = {}
    unknown: list[str] = []
    for step in range(SAFETY_LIMIT):
        reply = next_step(Evidence(answers=answers, unknown=unknown), kb)
        if isinstance(reply, Result):
            return Interviewed(judge(vignette, reply.assessment), step)
        assert isinstance(reply, Question)
        for field in reply.fields:
            if field in truth:
                answers[field] = truth[field]
            else:
                unknown.append(field)
    raise RuntimeError(f"interview for {vignette.id} did not end in {SAFETY_LIMIT} steps")


@dataclass(frozen=True)
class InterviewReport:
    runs: list[Interviewed]

    @property
    def report(self) -> Report:
        return Report(cases=[run.case for run in self.runs])

    @property
    def median_questions(self) -> float:
        return statistics.median(run.questions for run in self.runs)

    @property
    def p90_questions(self) -> float:
        counts = sorted(run.questions for run in self.runs)
        return float(counts[min(len(counts) - 1, int(0.9 * len(counts)))])


def evaluate_interview(
    vignettes: Sequence[Vignette], knowledge: KnowledgeBase | None = None
) -> InterviewReport:
    """Interview every vignette's simulated person."""
    kb = knowledge or load_knowledge()
    return InterviewReport(runs=[simulate(v, kb) for v in vignettes])
