"""A made-up check result for programme tests: self care, one leading cause at 70%."""

from __future__ import annotations

from kneewise.assessment import Assessment
from kneewise.knowledge.model import KnowledgeBase


def leading_result(kb: KnowledgeBase, leading: str) -> Assessment:
    """A self-care result whose leading cause (70%) is `leading`, a condition of `kb`."""
    answer = {
        "triage": {"level": "self_care", "headline": "h", "reasons": [], "rules": []},
        "conditions": [
            {"id": leading, "name": kb.conditions[leading].name, "icd10": [], "probability": 0.7,
             "description": "", "for": [], "against": [], "evidence": [], "sources": [],
             "kept_by": []},
        ],
        "advice": [], "sources": [], "answered": 10,
    }  # fmt: skip
    return Assessment.model_validate(answer)
