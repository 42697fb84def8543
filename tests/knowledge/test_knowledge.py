"""The packaged knowledge base: complete, cited, and loud when broken."""

import shutil
from pathlib import Path

import pytest
import yaml

from kneewise import KnowledgeError, load_knowledge
from kneewise.engine.logic import predicate_fields
from kneewise.intake import INTAKE_FIELDS
from kneewise.knowledge.load import DATA_DIR, load_from
from kneewise.knowledge.model import KnowledgeBase

REQUIRED_CONDITIONS = {
    "doms": "M79.1", "training_overload": "M25.5", "patellofemoral_pain": "M22.2",
    "patellar_tendinopathy": "M76.5", "quadriceps_tendinopathy": "M76.8",
    "itb_syndrome": "M76.3", "pes_anserine_bursitis": "M70.5", "prepatellar_bursitis": "M70.4",
    "bakers_cyst": "M71.2", "meniscal_tear_acute": "S83.2", "meniscal_tear_degenerative": "M23.2",
    "acl_tear": "S83.5", "collateral_ligament_sprain": "S83.4", "patellar_dislocation": "S83.0",
    "knee_fracture": "S82", "knee_dislocation": "S83.1", "knee_osteoarthritis": "M17",
    "inflammatory_arthritis": "M06", "gout": "M10", "pseudogout": "M11.2",
    "septic_arthritis": "M00", "postoperative_infection": "T81.4", "dvt": "I80.2",
    "pulmonary_embolism": "I26", "exertional_rhabdomyolysis": "M62.82",
    "lumbar_radiculopathy": "M54.1", "cauda_equina": "G83.4", "osgood_schlatter": "M92.5",
    "sinding_larsen_johansson": "M92.4", "osteochondritis_dissecans": "M93.2", "scfe": "M93.0",
    "hamstring_strain": "S76.3", "bone_tumour": "C40.2",
}  # fmt: skip
ADVICE_CATEGORIES = {"first_aid", "training", "prevention", "medication", "doctor", "myth"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.mark.parametrize(("condition", "code"), sorted(REQUIRED_CONDITIONS.items()))
def test_required_condition_with_its_code(kb: KnowledgeBase, condition: str, code: str) -> None:
    assert condition in kb.conditions
    assert any(c.startswith(code) for c in kb.conditions[condition].icd10)


def test_every_rule_card_and_condition_cites_a_locatable_source(kb: KnowledgeBase) -> None:
    cited = [
        *(s for r in kb.rules for s in r.sources),
        *(s for a in kb.advice for s in a.sources),
        *(s for c in kb.conditions.values() for s in c.sources),
    ]
    assert cited
    for entry in [*kb.rules, *kb.advice, *kb.conditions.values()]:
        assert entry.sources, entry.id
    for source_id in cited:
        source = kb.sources[source_id]
        assert source.doi or source.url, source_id


def test_the_seed_article_is_never_a_source(kb: KnowledgeBase) -> None:
    for source in kb.sources.values():
        assert "knees hurt after training" not in source.title.lower()


def test_every_intake_field_informs_a_finding_rule_or_prior(kb: KnowledgeBase) -> None:
    used = set().union(*(predicate_fields(f.when) for f in kb.findings.values()))
    used |= set().union(*(predicate_fields(r.when) for r in kb.rules))
    priors = [c.prior for c in kb.conditions.values()]
    used |= {"age"} if any(p.age_bands for p in priors) else set()
    used |= {"sex"} if any(p.sex for p in priors) else set()
    used |= {"activities"} if any(p.activities for p in priors) else set()
    assert set(INTAKE_FIELDS) - used == set()


def test_every_intake_field_has_a_question(kb: KnowledgeBase) -> None:
    assert {q.field for q in kb.questions} == set(INTAKE_FIELDS)


def test_red_flag_questions_exist(kb: KnowledgeBase) -> None:
    assert {"fever", "foot_numb_or_cold", "saddle_numbness_or_bladder"} <= {
        q.field for q in kb.questions if q.red_flag
    }


def test_every_advice_category_is_filled(kb: KnowledgeBase) -> None:
    assert {a.category for a in kb.advice} == ADVICE_CATEGORIES


def test_every_level_can_be_reached(kb: KnowledgeBase) -> None:
    assert {r.level for r in kb.rules} >= {"see_doctor", "urgent", "emergency"}


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_a_broken_entry_names_its_file_and_entry(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    rules = yaml.safe_load((data / "rules.yaml").read_text())
    rules[0]["level"] = "soonish"
    (data / "rules.yaml").write_text(yaml.safe_dump(rules))
    with pytest.raises(KnowledgeError, match=rf"rules\.yaml entry {rules[0]['id']}: level"):
        load_from(data)


def test_a_dangling_reference_is_reported(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    rules = yaml.safe_load((data / "rules.yaml").read_text())
    rules[0]["sources"] = ["no_such_source"]
    rules[0]["when"] = {"field": "fevers", "is": True}
    (data / "rules.yaml").write_text(yaml.safe_dump(rules))
    with pytest.raises(KnowledgeError) as caught:
        load_from(data)
    assert "unknown source 'no_such_source'" in str(caught.value)
    assert "unknown intake field 'fevers'" in str(caught.value)


def test_invalid_yaml_is_reported_with_its_file(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    (data / "findings.yaml").write_text("- id: [unclosed\n")
    with pytest.raises(KnowledgeError, match=r"findings\.yaml: not valid YAML"):
        load_from(data)
