"""FHIR and CDS Hooks say why no likely causes are listed for a child under 5.

No finding in a ClinicalImpression could read as "nothing likely"; the reason is a note.
"""

from __future__ import annotations

from kneewise import assess, load_knowledge, parse_intake
from kneewise.diary import Diary, save_assessment
from kneewise.intake import INTAKE_V2
from kneewise.interop import fhir_bundle, patient_view_cards

KB = load_knowledge()
TODDLER = {"schema": INTAKE_V2, "age": 3, "sex": "female", "limp_from": "knee", "fever": False}
WITHHELD = "kneewise lists likely causes from the age of 5"
REQUEST = {
    "hook": "patient-view",
    "hookInstance": "0b7a6f5e-3a57-4a0e-9d0e-6b9f7c2d1e44",
    "context": {"userId": "Practitioner/7", "patientId": "42"},
}


def _saved(diary: Diary) -> None:
    person = parse_intake(TODDLER)
    save_assessment(diary, person.known(), assess(person, KB).to_json_dict())


def test_fhir_notes_why_no_condition_is_a_finding(empty_diary: Diary) -> None:
    _saved(empty_diary)
    [impression] = [e["resource"] for e in fhir_bundle(empty_diary)["entry"]
                    if e["resource"]["resourceType"] == "ClinicalImpression"]  # fmt: skip
    assert "finding" not in impression
    assert any(WITHHELD in note["text"] for note in impression["note"])


def test_the_cds_card_says_why_no_cause_is_listed() -> None:
    [card] = patient_view_cards(REQUEST, assess(parse_intake(TODDLER), KB), KB)["cards"]
    assert WITHHELD in card["detail"]
    assert "most likely" not in card["summary"]
