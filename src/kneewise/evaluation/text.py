"""kneewise from the person's words alone: each vignette's narrative, parsed then assessed."""

from __future__ import annotations

from collections.abc import Sequence

from kneewise.engine.assess import assess
from kneewise.evaluation.metrics import Report, judge
from kneewise.evaluation.vignettes import Vignette
from kneewise.knowledge.model import KnowledgeBase
from kneewise.language import parse


def with_narrative(vignettes: Sequence[Vignette]) -> list[Vignette]:
    """The vignettes that carry a narrative."""
    return [v for v in vignettes if v.narrative]


def evaluate_text(vignettes: Sequence[Vignette], knowledge: KnowledgeBase) -> Report:
    """Assess each vignette from its narrative only (no questions asked)."""
    return Report(
        cases=[
            judge(v, assess(parse(v.narrative or "", knowledge).intake(), knowledge))
            for v in vignettes
        ]
    )
