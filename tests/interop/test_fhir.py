"""The FHIR bundle validates as R4B and carries the right codes and resources."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.clinicalimpression import ClinicalImpression
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from tests._clock import TODAY

from kneewise import Assessment
from kneewise.diary import Diary
from kneewise.interop import fhir_bundle
from kneewise.interop.fhir import CANONICAL_BASE, ICD10, LOINC, PAIN_CODE

pytestmark = pytest.mark.usefixtures("today")  # the app's clock on the test's day


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_bundle_validates_as_r4b_collection(diary: Diary) -> None:
    bundle = fhir_bundle(diary)
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    assert Bundle.model_validate_json(json.dumps(bundle)).entry is not None
    for entry in bundle["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"


def test_patient_has_no_identifiers_only_gender_and_birth_year(diary: Diary) -> None:
    [patient] = resources(fhir_bundle(diary, today=dt.date(2025, 6, 1)), "Patient")
    Patient.model_validate(patient)
    assert patient["gender"] == "male" and patient["birthDate"] == "1996"
    assert not {"identifier", "name", "telecom", "address"} & patient.keys()


def test_one_observation_per_pain_score_with_loinc_72514_3(diary: Diary) -> None:
    observations = resources(fhir_bundle(diary), "Observation")
    assert len(observations) == 6  # 3 + 2 + 1 scores; the night-pain-only entry has none
    for observation in observations:
        Observation.model_validate(observation)
        [coding] = observation["code"]["coding"]
        assert (coding["system"], coding["code"]) == (LOINC, PAIN_CODE)
        assert observation["status"] == "final" and 0 <= observation["valueInteger"] <= 10
    worst = max(observations, key=lambda o: o["valueInteger"])
    assert worst["valueInteger"] == 8
    assert worst["effectiveDateTime"] == (TODAY - dt.timedelta(days=1)).isoformat()
    assert "after activity" in worst["note"][0]["text"]


def test_next_morning_pain_is_dated_the_morning_after(diary: Diary) -> None:
    observations = resources(fhir_bundle(diary), "Observation")
    [morning] = [o for o in observations if "next morning" in o["note"][0]["text"]]
    assert morning["valueInteger"] == 2
    assert morning["effectiveDateTime"] == (TODAY - dt.timedelta(days=4)).isoformat()


def test_questionnaire_answers_are_keyed_by_item_number(diary: Diary) -> None:
    [response] = resources(fhir_bundle(diary), "QuestionnaireResponse")
    QuestionnaireResponse.model_validate(response)
    assert response["questionnaire"] == f"{CANONICAL_BASE}/Questionnaire/kujala"
    assert response["status"] == "completed"
    link_ids = [item["linkId"] for item in response["item"]]
    assert link_ids[:3] == ["1", "2", "3"] and link_ids[-1] == "score"
    assert response["item"][0]["text"] == "Limping"
    assert response["item"][-1]["answer"] == [{"valueDecimal": 100.0}]


def test_assessment_is_a_clinical_impression_with_icd10_findings(
    diary: Diary, assessment: Assessment
) -> None:
    [impression] = resources(fhir_bundle(diary), "ClinicalImpression")
    ClinicalImpression.model_validate(impression)
    assert impression["status"] == "completed"
    assert impression["summary"] == assessment.triage.headline
    codes = [
        (coding["system"], coding["code"])
        for finding in impression["finding"]
        for coding in finding["itemCodeableConcept"]["coding"]
    ]
    assert (ICD10, assessment.conditions[0].icd10[0]) in codes
    notes = " ".join(note["text"] for note in impression["note"])
    assert assessment.triage.rules[0].title in notes


def test_same_diary_gives_the_same_bundle(diary: Diary) -> None:
    assert fhir_bundle(diary, today=TODAY) == fhir_bundle(diary, today=TODAY)


def test_empty_diary_gives_a_bundle_with_only_the_patient(empty_diary: Diary) -> None:
    bundle = fhir_bundle(empty_diary)
    Bundle.model_validate(bundle)
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == ["Patient"]
    assert set(bundle["entry"][0]["resource"]) == {"resourceType", "id"}
