"""Findings from one published criterion count once (issue 11): `nested_in` and the product."""

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import KnowledgeError, load_knowledge
from kneewise.engine.differential import differential
from kneewise.knowledge.load import DATA_DIR, load_from
from kneewise.knowledge.model import KnowledgeBase

# Ottawa: "unable to bear weight both immediately and in the emergency department".
BROAD, NARROW = "could_not_walk_right_after", "cannot_walk_4_steps"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def test_the_ottawa_weight_bearing_pair_is_one_group(kb: KnowledgeBase) -> None:
    assert (BROAD, NARROW) in kb.finding_groups
    assert kb.findings[NARROW].nested_in == BROAD


@pytest.mark.parametrize(
    ("states", "kept"),
    [
        ({BROAD: True, NARROW: True}, {NARROW: True}),  # the narrower carries both
        ({BROAD: False, NARROW: False}, {BROAD: False}),  # the broader carries both
        ({BROAD: True, NARROW: False}, {BROAD: True, NARROW: False}),  # different information
        ({BROAD: False, NARROW: True}, {BROAD: False, NARROW: True}),
        ({BROAD: True}, {BROAD: True}),  # the other unknown: nothing to merge
        ({NARROW: False}, {NARROW: False}),
        ({"both_knees": True, "joints_other_knee": True, "pop": True},
         {"joints_other_knee": True, "pop": True}),
        ({"back_pain": False, "joints_back": False, "fever": False},
         {"back_pain": False, "fever": False}),
    ],
)  # fmt: skip
def test_counted_once(kb: KnowledgeBase, states: dict[str, bool], kept: dict[str, bool]) -> None:
    assert kb.counted_once(states) == kept


def _two_conditions() -> dict[str, Any]:
    finding = {"default_basis": "estimate", "label": "x"}
    return {
        "sources": {"s1": {"id": "s1", "title": "t", "year": 2000, "url": "https://example.org"}},
        "findings": {
            BROAD: {**finding, "id": BROAD, "label": "could not walk right after",
                    "when": {"field": "walked_right_after", "is": False}, "base_rate": 0.2},
            NARROW: {**finding, "id": NARROW, "label": "cannot walk now", "nested_in": BROAD,
                     "when": {"field": "can_walk_4_steps", "is": False}, "base_rate": 0.1},
        },
        "conditions": {
            "xx": {"id": "xx", "name": "X", "icd10": ["S82.0"], "description": "d",
                  "default_basis": "estimate", "prior": {"base": 0.1},
                  "likelihoods": {BROAD: 0.8, NARROW: 0.6}, "sources": ["s1"]},
            "yy": {"id": "yy", "name": "Y", "icd10": ["S80.0"], "description": "d",
                  "default_basis": "estimate", "prior": {"base": 0.4},
                  "likelihoods": {BROAD: 0.1, NARROW: 0.05}, "sources": ["s1"]},
        },
        "rules": [], "advice": [], "questions": [], "levels": {},
    }  # fmt: skip


@pytest.mark.parametrize(
    ("answers", "x_by_hand"),
    [
        # Both: X ∝ 0.1 × P(narrow | X) = 0.06, Y ∝ 0.4 × 0.05 = 0.02 (counted twice: 0.96).
        ({"walked_right_after": False, "can_walk_4_steps": False}, 0.06 / 0.08),
        # Neither: X ∝ 0.1 × (1 − 0.8), Y ∝ 0.4 × (1 − 0.1).
        ({"walked_right_after": True, "can_walk_4_steps": True}, 0.02 / 0.38),
        # Could not walk then but can now: both findings, each once.
        ({"walked_right_after": False, "can_walk_4_steps": True},
         0.1 * 0.8 * 0.4 / (0.1 * 0.8 * 0.4 + 0.4 * 0.1 * 0.95)),
        # Only one answered: that one alone.
        ({"can_walk_4_steps": False}, 0.06 / 0.08),
    ],
)  # fmt: skip
def test_the_differential_counts_the_group_once(answers: dict[str, Any], x_by_hand: float) -> None:
    kb = KnowledgeBase.model_validate(_two_conditions())
    ranked = {c.id: c.probability for c in differential(kb, answers)}
    assert ranked["xx"] == pytest.approx(x_by_hand, abs=1e-4)


def test_a_fracture_s_reasons_name_the_criterion_once(kb: KnowledgeBase) -> None:
    answers = {"onset": "sudden", "mechanism": "fall", "age": 40,
               "walked_right_after": False, "can_walk_4_steps": False}  # fmt: skip
    fracture = next(c for c in differential(kb, answers) if c.id == "knee_fracture")
    moved = [e.finding for e in fracture.evidence]
    assert NARROW in moved
    assert BROAD not in moved


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _set(data: Path, file: str, entry_id: str, key: str, value: Any) -> None:
    path = data / file
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(e for e in entries if e["id"] == entry_id)[key] = value
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")


def test_a_narrower_finding_likelier_than_the_broader_is_reported(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    path = data / "conditions/acute_injury.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    acl = next(e for e in entries if e["id"] == "acl_tear")
    acl["likelihoods"][NARROW] = 0.5  # its broader finding is listed at 0.3
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_from(data)
    assert f"finding {NARROW}: nested_in '{BROAD}': condition acl_tear gives it 0.5" in str(
        caught.value
    )


@pytest.mark.parametrize(
    ("finding", "nested_in", "expected"),
    [
        ("pop", "no_such_finding", "nested_in 'no_such_finding' is not another finding"),
        ("pop", "pop", "nested_in 'pop' is not another finding"),
        (BROAD, NARROW, "is nested in it in turn"),
        ("fever", BROAD, f"nested_in '{BROAD}' already holds"),  # a chain, not a tree
    ],
)
def test_a_broken_nesting_is_reported(
    tmp_path: Path, finding: str, nested_in: str, expected: str
) -> None:
    data = _copy(tmp_path)
    _set(data, "findings.yaml", finding, "nested_in", nested_in)
    with pytest.raises(KnowledgeError, match=expected):
        load_from(data)
