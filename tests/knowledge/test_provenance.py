"""Every number says where it came from, and a broken provenance fails the load loudly."""

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import KnowledgeError, load_knowledge
from kneewise.knowledge.load import DATA_DIR, load_from
from kneewise.knowledge.model import Condition, KnowledgeBase

Raw = dict[str, Any]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(data: Path, file: str, entry_id: str, change: Callable[[Raw], None]) -> None:
    """Load one YAML file of the copy, change one entry, write it back."""
    path = data / file
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(next(e for e in entries if e.get("id") == entry_id))
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")


def test_every_packaged_number_has_a_basis_and_measured_ones_a_source(kb: KnowledgeBase) -> None:
    figures = [f for c in kb.conditions.values() for _, f in c.figures()]
    figures += [f for finding in kb.findings.values() for _, f in finding.figures()]
    assert len(figures) > 700
    for figure in figures:
        assert figure.basis in {"measured", "converted", "estimate"}
        if figure.basis != "estimate":
            assert figure.source in kb.sources
        if figure.basis == "converted":
            assert figure.from_ is not None


def test_a_condition_s_numbers_cite_only_its_own_sources(kb: KnowledgeBase) -> None:
    for condition in kb.conditions.values():
        cited = {f.source for _, f in condition.figures() if f.source}
        assert cited <= set(condition.sources), condition.id


# One kind of fault (a number without a basis), in every place a number can stand.
BARE_NUMBERS: list[tuple[str, str, str, Callable[[Raw], None]]] = [
    ("conditions/overuse.yaml", "doms", "prior.base",
     lambda e: e["prior"].update(base=0.08)),
    ("conditions/overuse.yaml", "doms", "prior.age_bands.0.weight",
     lambda e: e["prior"]["age_bands"][0].update(weight=0.5)),
    ("conditions/young_athletes.yaml", "osgood_schlatter", "prior.sex.male",
     lambda e: e["prior"]["sex"].update(male=1.2)),
    ("conditions/acute_injury.yaml", "acl_tear", "prior.activities.skiing",
     lambda e: e["prior"]["activities"].update(skiing=3.0)),
    ("conditions/acute_injury.yaml", "knee_fracture", "likelihoods.bruising",
     lambda e: e["likelihoods"].update(bruising=0.19)),
    ("findings.yaml", "pop", "base_rate", lambda e: e.update(base_rate=0.08)),
    ("findings.yaml", "fever", "other_rate", lambda e: e.update(other_rate=0.001)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("file", "entry", "where", "change"), BARE_NUMBERS, ids=[f"{b[1]}-{b[2]}" for b in BARE_NUMBERS]
)
def test_a_number_without_a_basis_fails_with_its_file_and_entry(
    tmp_path: Path, file: str, entry: str, where: str, change: Callable[[Raw], None]
) -> None:
    data = _copy(tmp_path)

    def bare(raw: Raw) -> None:
        raw.pop("default_basis", None)
        change(raw)

    _edit(data, file, entry, bare)
    with pytest.raises(KnowledgeError) as caught:
        load_from(data)
    message = str(caught.value)
    assert f"{file} entry {entry}" in message
    assert where in message
    assert "a number needs its basis" in message


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        ({"value": 0.5, "basis": "measured"}, "a measured number needs the source"),
        ({"value": 0.5, "basis": "converted", "from": "sensitivity"},
         "a converted number needs the source"),
        ({"value": 0.5, "basis": "converted", "source": "jem1997_knee_radiography_rules"},
         "says what it was converted from"),
        ({"value": 0.5, "basis": "estimate", "from": "prevalence"},
         "`from` is only for a converted number"),
        ({"value": 0.5, "basis": "guess"}, "basis"),
        ({"value": 1.5, "basis": "estimate"}, "less than 1"),
        ({"value": 0.5, "basis": "estimate", "sauce": "x"}, "sauce"),
    ],
)  # fmt: skip
def test_a_broken_provenance_entry_fails_with_its_file_and_entry(
    tmp_path: Path, figure: Raw, expected: str
) -> None:
    data = _copy(tmp_path)
    _edit(data, "conditions/acute_injury.yaml", "knee_fracture",
          lambda e: e["likelihoods"].update(tender_fibula_head=figure))  # fmt: skip
    with pytest.raises(KnowledgeError) as caught:
        load_from(data)
    message = str(caught.value)
    assert "conditions/acute_injury.yaml entry knee_fracture" in message
    assert "likelihoods.tender_fibula_head" in message
    assert expected in message


def test_a_measured_number_needs_a_source_in_findings_too(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _edit(
        data,
        "findings.yaml",
        "pop",
        lambda e: e.update(base_rate={"value": 0.08, "basis": "measured"}),
    )
    with pytest.raises(KnowledgeError, match=r"findings\.yaml entry pop: base_rate"):
        load_from(data)


def test_a_source_outside_the_condition_s_list_is_reported(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    moved = {"value": 0.42, "basis": "measured", "source": "margaretten2007_septic_arthritis"}
    _edit(data, "conditions/acute_injury.yaml", "knee_fracture",
          lambda e: e["likelihoods"].update(cannot_bend_90=moved))  # fmt: skip
    _edit(
        data,
        "findings.yaml",
        "pop",
        lambda e: e.update(base_rate={"value": 0.08, "basis": "measured", "source": "nobody"}),
    )
    with pytest.raises(KnowledgeError) as caught:
        load_from(data)
    message = str(caught.value)
    assert "condition knee_fracture: P(cannot_bend_90 | knee_fracture) cites " in message
    assert "not among the condition's sources" in message
    assert "finding pop: base rate cites unknown source 'nobody'" in message


def test_only_estimate_can_be_the_default_basis(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _edit(data, "conditions/overuse.yaml", "doms", lambda e: e.update(default_basis="measured"))
    with pytest.raises(KnowledgeError, match=r"overuse\.yaml entry doms: default_basis"):
        load_from(data)


def test_a_bare_number_is_an_estimate_without_a_study(kb: KnowledgeBase) -> None:
    doms = kb.conditions["doms"]
    assert doms.likelihoods["new_activity"].basis == "estimate"
    assert doms.likelihoods["new_activity"].unsupported
    fracture = kb.conditions["knee_fracture"].likelihoods["cannot_bend_90"]
    assert (fracture.basis, fracture.source) == ("measured", "jem1997_knee_radiography_rules")


def test_accessors_return_plain_numbers(kb: KnowledgeBase) -> None:
    fracture: Condition = kb.conditions["knee_fracture"]
    assert fracture.p_present("cannot_bend_90") == pytest.approx(0.42)
    assert fracture.p_present("no_such_finding") is None
    assert "cannot_bend_90" in fracture.listed_findings
    assert fracture.prior.weight(60, None, ["skiing"]) == pytest.approx(0.005 * 3.0 * 2.5)
    assert all(isinstance(b.min, int) and isinstance(b.max, int) for b in fracture.prior.age_bands)
    assert kb.findings["fever"].overall_rate == pytest.approx(0.01)
    assert kb.findings["fever"].unlisted_rate == pytest.approx(0.01)
    assert kb.findings["dark_urine"].unlisted_rate == pytest.approx(0.0005)
