"""FHIR and CDS Hooks say what kneewise could not rule out, and claim no absence nobody asked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.clinicalimpression import ClinicalImpression

from kneewise import assess, load_knowledge, parse_intake
from kneewise.diary import Diary, save_assessment
from kneewise.engine.triage import NO_FLAG_REASON
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2
from kneewise.interop import fhir_bundle, patient_view_cards

KB = load_knowledge()

INTAKES = Path(__file__).parents[1] / "cli" / "intakes"
ALL_NO = json.loads((INTAKES / "serious_rules_answered_no.json").read_text(encoding="utf-8"))
EMPTY: dict[str, Any] = {}
ALL_DONT_KNOW = {"schema": INTAKE_V2, "dont_know": list(INTAKE_FIELDS)}
NO_SIGNS_CLAIMS = ("None of the warning signs", "no warning signs", NO_FLAG_REASON)
REQUEST = {
    "hook": "patient-view",
    "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
    "context": {"userId": "Practitioner/123", "patientId": "1288992"},
}
UNKNOWNS = pytest.mark.parametrize("intake", [EMPTY, ALL_DONT_KNOW], ids=["empty", "dont_know"])


@pytest.fixture
def diary(empty_diary: Diary) -> Diary:
    """The migrated empty diary of this folder's conftest, under a shorter name."""
    return empty_diary


def impression(diary: Diary, intake: dict[str, Any]) -> dict[str, Any]:
    person = parse_intake(intake)
    save_assessment(diary, person.known(), assess(person, load_knowledge()).to_json_dict())
    bundle = fhir_bundle(diary)
    [found] = [e["resource"] for e in bundle["entry"]
               if e["resource"]["resourceType"] == "ClinicalImpression"]  # fmt: skip
    ClinicalImpression.model_validate(found)
    return found


def card(intake: dict[str, Any]) -> dict[str, Any]:
    [found] = patient_view_cards(REQUEST, assess(parse_intake(intake), load_knowledge()), KB)[
        "cards"
    ]
    assert len(found["summary"]) < 140
    return found


def claims_no_signs(text: str) -> bool:
    return any(claim.lower() in text.lower() for claim in NO_SIGNS_CLAIMS)


@UNKNOWNS
def test_clinical_impression_notes_each_open_rule(intake: dict[str, Any], diary: Diary) -> None:
    notes = [note["text"] for note in impression(diary, intake)["note"]]
    assert not claims_no_signs(" ".join(notes))
    open_rules = assess(parse_intake(intake), load_knowledge()).triage.not_ruled_out()
    could_not = [n for n in notes if n.startswith("kneewise could not rule out: ")]
    assert len(could_not) == len(open_rules)
    assert any("Hot, swollen or red knee" in n and "Is the skin over the knee red?" in n
               for n in could_not)  # fmt: skip


def test_clinical_impression_notes_the_dont_knows(diary: Diary) -> None:
    notes = [note["text"] for note in impression(diary, ALL_DONT_KNOW)["note"]]
    [not_known] = [n for n in notes if n.startswith("Not known")]
    assert "Is the skin over the knee red?" in not_known


def test_clinical_impression_says_no_warning_signs_only_when_all_are_answered_no(
    diary: Diary,
) -> None:
    notes = [note["text"] for note in impression(diary, ALL_NO)["note"]]
    assert [n for n in notes if not n.startswith("kneewise knowledge version:")] == [NO_FLAG_REASON]


@UNKNOWNS
def test_cds_card_says_what_is_open(intake: dict[str, Any]) -> None:
    found = card(intake)
    assert found["indicator"] == "info"  # by level: self care, with the open rules said
    assert "could not rule out" in found["summary"]
    assert not claims_no_signs(found["summary"] + found["detail"])
    assert "kneewise could not rule out" in found["detail"]
    assert "- Hot, swollen or red knee (urgent if present): " in found["detail"]


def test_cds_card_lists_dont_knows() -> None:
    detail = card(ALL_DONT_KNOW)["detail"]
    assert 'Not known (the patient answered "I don\'t know"):' in detail
    assert "- Is the skin over the knee red?" in detail


def test_cds_card_with_every_serious_rule_answered_no() -> None:
    found = card(ALL_NO)
    assert "could not rule out" not in found["summary"] + found["detail"]
    assert NO_FLAG_REASON in found["detail"]


def test_an_urgent_card_still_names_an_open_emergency_rule() -> None:
    found = card({"age": 30, "swelling": "within_2h", "pop": True})
    assert found["indicator"] == "critical"
    assert "could not rule out" in found["summary"]
    assert "(emergency if present)" in found["detail"]
