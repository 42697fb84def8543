"""Scoring assessments against vignettes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kneewise.assessment import Assessment
from kneewise.engine.assess import assess
from kneewise.engine.triage import urgency
from kneewise.evaluation.vignettes import Vignette
from kneewise.knowledge.model import KnowledgeBase, TriageLevel


def codes_match(code: str, acceptable: str) -> bool:
    """ICD-10 codes match when one is a prefix of the other (M05 ~ M05.9)."""
    return code.startswith(acceptable) or acceptable.startswith(code)


@dataclass(frozen=True)
class CaseResult:
    """How kneewise did on one vignette."""

    vignette: Vignette
    level: TriageLevel
    rank: int | None  # 1-based rank of the first acceptable condition, None if not in the list
    top: list[str]
    # No causes were listed (an age below the priors' bands: `Assessment.conditions_withheld`):
    # the case counts for triage and not for the ranking.
    withheld: bool = False

    @property
    def triage_ok(self) -> bool:
        return self.level in self.vignette.acceptable_triage

    @property
    def under_triaged(self) -> bool:
        least = min(urgency(level) for level in self.vignette.acceptable_triage)
        return urgency(self.level) < least

    @property
    def over_triaged(self) -> bool:
        most = max(urgency(level) for level in self.vignette.acceptable_triage)
        return urgency(self.level) > most

    def within_top(self, k: int) -> bool:
        return self.rank is not None and self.rank <= k


def judge(vignette: Vignette, assessment: Assessment) -> CaseResult:
    """Compare one assessment with a vignette's acceptable answers."""
    rank = next(
        (
            i
            for i, condition in enumerate(assessment.conditions, start=1)
            if any(codes_match(c, a) for c in condition.icd10 for a in vignette.acceptable_icd10)
        ),
        None,
    )
    top = [c.id for c in assessment.conditions[:3]]
    return CaseResult(vignette=vignette, level=assessment.triage.level, rank=rank, top=top,
                      withheld=assessment.conditions_withheld is not None)  # fmt: skip


@dataclass(frozen=True)
class Report:
    """Aggregate figures over a vignette set."""

    cases: list[CaseResult]

    def _share(self, hits: int) -> float:
        return hits / len(self.cases) if self.cases else 0.0

    @property
    def triage_accuracy(self) -> float:
        return self._share(sum(c.triage_ok for c in self.cases))

    @property
    def under_triage(self) -> list[CaseResult]:
        return [c for c in self.cases if c.under_triaged]

    @property
    def over_triage(self) -> list[CaseResult]:
        return [c for c in self.cases if c.over_triaged]

    @property
    def ranked(self) -> list[CaseResult]:
        """The cases whose causes were listed: those the top-k shares are of."""
        return [c for c in self.cases if not c.withheld]

    def top_k(self, k: int) -> float:
        """Share of the ranked cases with an acceptable condition in the first k."""
        ranked = self.ranked
        return sum(c.within_top(k) for c in ranked) / len(ranked) if ranked else 0.0

    @property
    def misses(self) -> list[CaseResult]:
        return [c for c in self.cases
                if not c.triage_ok or (not c.withheld and not c.within_top(3))]  # fmt: skip


def evaluate(vignettes: Sequence[Vignette], knowledge: KnowledgeBase) -> Report:
    """Assess every vignette's intake with this knowledge and score the answers."""
    return Report(cases=[judge(v, assess(v.intake, knowledge)) for v in vignettes])
