"""The naive-Bayes differential, checked by hand on a two-condition model."""

import math

import pytest

from kneewise.engine.differential import differential, prior_weight
from kneewise.knowledge.model import KnowledgeBase

TWO_CONDITIONS = {
    "sources": {"s": {"id": "s1", "title": "t", "year": 2000, "url": "https://example.org"}},
    "findings": {
        "pop": {"id": "pop", "label": "a pop", "when": {"field": "pop", "is": True},
                "default_basis": "estimate", "base_rate": 0.2},
        "fever": {"id": "fever", "label": "fever", "when": {"field": "fever", "is": True},
                  "default_basis": "estimate", "base_rate": 0.05},
    },
    "conditions": {
        "acl": {"id": "acl", "name": "ACL", "icd10": ["S83.5"], "description": "d",
                "default_basis": "estimate",
                "prior": {"base": 0.1, "age_bands": [{"min": 15, "max": 40, "weight": 2}],
                          "activities": {"football": 3, "running": 0.5}},
                "likelihoods": {"pop": 0.7}, "sources": ["s1"]},
        "pfp": {"id": "pfp", "name": "PFP", "icd10": ["M22.2"], "description": "d",
                "default_basis": "estimate",
                "prior": {"base": 0.4, "sex": {"female": 2}},
                "likelihoods": {"pop": 0.05}, "sources": ["s1"]},
    },
    "rules": [], "advice": [], "questions": [],
    "levels": {},
}  # fmt: skip


@pytest.fixture
def kb() -> KnowledgeBase:
    return KnowledgeBase.model_validate(TWO_CONDITIONS)


def test_priors_alone_when_nothing_is_known(kb: KnowledgeBase) -> None:
    ranked = differential(kb, {})
    assert [c.id for c in ranked] == ["pfp", "acl"]
    assert ranked[0].probability == pytest.approx(0.4 / 0.5, abs=1e-4)


def test_posterior_by_hand(kb: KnowledgeBase) -> None:
    # pop present, fever absent (fever uses the base rate for both, so it cancels).
    acl = 0.1 * 2 * 0.7 * 0.95
    pfp = 0.4 * 0.05 * 0.95
    ranked = differential(kb, {"pop": True, "fever": False, "age": 20})
    assert ranked[0].id == "acl"
    assert ranked[0].probability == pytest.approx(acl / (acl + pfp), abs=1e-4)
    assert ranked[0].for_ == ["a pop"]
    assert ranked[1].against == ["a pop"]
    assert ranked[1].evidence[0].weight == pytest.approx(round(math.log(0.05 / 0.2), 3))


def test_absent_finding_counts_against(kb: KnowledgeBase) -> None:
    acl = 0.1 * 0.3
    pfp = 0.4 * 0.95
    ranked = differential(kb, {"pop": False})
    assert {c.id: c.probability for c in ranked}["acl"] == pytest.approx(acl / (acl + pfp), 1e-3)
    assert "you said no: a pop" in ranked[1].against


def test_unknown_is_neutral(kb: KnowledgeBase) -> None:
    assert differential(kb, {}) == differential(kb, {"side": "left"})


def test_prior_weight_uses_band_sex_and_strongest_activity(kb: KnowledgeBase) -> None:
    acl = kb.conditions["acl"].prior
    assert prior_weight(acl, {"age": 20, "activities": ["running", "football"]}) == (
        pytest.approx(0.1 * 2 * 3)
    )
    assert prior_weight(acl, {"age": 60}) == pytest.approx(0.1)
    assert prior_weight(kb.conditions["pfp"].prior, {"sex": "female"}) == pytest.approx(0.8)


def test_probabilities_sum_to_one(kb: KnowledgeBase) -> None:
    ranked = differential(kb, {"pop": True, "fever": True})
    assert sum(c.probability for c in ranked) == pytest.approx(1, abs=1e-3)
