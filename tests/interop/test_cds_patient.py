"""CDS Hooks answers for the patient `context.patientId` names, and no one else.

From a break-it trial: signed in as a coach, a patient-view request for alice
("2", "Patient/2", "99999", "alice") returned the coach's own red card. The
spec's patient-view context: patientId is "the FHIR Patient.id of the current
patient in context" (https://cds-hooks.org/hooks/patient-view/). A person's
Patient.id is the one kneewise's FHIR export gives them; the coach learns it
from the people sharing with them (`fhir_patient_id`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.conftest import signed_in

from kneewise.interop import patient_id

pytestmark = pytest.mark.usefixtures("today")

URL = "/cds-services/kneewise-knee-triage"
#: A check that ends in "see a doctor" or above: alice's own card (a triage card).
ALICE_CHECK = '{"answers": {"age": 30, "swelling": "within_2h"}}'


def hook(patient: str) -> dict[str, Any]:
    return {
        "hook": "patient-view",
        "hookInstance": "0e1c2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
        "context": {"userId": "Practitioner/7", "patientId": patient},
    }


def export_patient_id(client: TestClient) -> str:
    """The Patient.id in the caller's own FHIR export."""
    bundle = client.get("/api/v1/export/fhir").json()
    [patient] = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    ]
    found: str = patient["id"]
    return found


def summaries(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [card["summary"] for card in response.json()["cards"]]


class People:
    """alice shares her diary with coach; bob shares nothing with anyone."""

    def __init__(self, alice: TestClient, coach: TestClient, bob: TestClient) -> None:
        self.alice, self.coach, self.bob = alice, coach, bob


@pytest.fixture
def people(server_app: FastAPI, today: Any) -> Iterator[People]:
    with (
        signed_in(server_app, "alice") as alice,
        signed_in(server_app, "coach") as coach,
        signed_in(server_app, "bob") as bob,
    ):
        alice.post("/check/save", data={"state": ALICE_CHECK})
        made = alice.post("/api/v1/sharing-codes", json={"role": "coach", "team": "Harriers"})
        assert made.status_code == 201, made.text
        entered = coach.post("/api/v1/shared", json={"code": made.json()["code"]})
        assert entered.status_code == 201, entered.text
        # The coach's own diary: night pain, a red light of their own.
        pain = {"date": str(today), "knee": "left", "during": 8, "night_pain": True}
        assert coach.post("/api/v1/pain", json=pain).status_code == 201
        bob_pain = {"date": str(today), "knee": "right", "during": 7, "night_pain": True}
        assert bob.post("/api/v1/pain", json=bob_pain).status_code == 201
        yield People(alice, coach, bob)


def test_the_coach_gets_the_sharing_persons_cards_by_her_patient_id(people: People) -> None:
    [shared] = people.coach.get("/api/v1/shared").json()
    alice_id = export_patient_id(people.alice)
    assert shared["fhir_patient_id"] == alice_id
    theirs = summaries(people.coach.post(URL, json=hook(alice_id)))
    assert theirs == summaries(people.alice.post(URL, json=hook(alice_id)))
    assert theirs and all(s.startswith("Knee self-check") for s in theirs)  # not a pain light


def test_each_person_gets_their_own_cards_by_their_own_id(people: People) -> None:
    coach_id = export_patient_id(people.coach)
    own = summaries(people.coach.post(URL, json=hook(coach_id)))
    assert own and own[0].startswith("Pain diary: red light")
    bob_id = export_patient_id(people.bob)
    assert summaries(people.bob.post(URL, json=hook(bob_id)))[0].startswith("Pain diary: red")
    assert len({coach_id, bob_id, export_patient_id(people.alice)}) == 3


@pytest.mark.parametrize(
    "named", ["2", "1", "99999", "alice", "coach", "0", "bob", "bob's id", "alice's id to bob"]
)
def test_no_other_patient_id_gives_anyone_cards(people: People, named: str) -> None:
    ids = {
        "bob's id": export_patient_id(people.bob),
        "alice's id to bob": export_patient_id(people.alice),
    }
    asking = people.bob if named == "alice's id to bob" else people.coach
    response = asking.post(URL, json=hook(ids.get(named, named)))
    assert response.status_code == 404, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "cards" not in response.json()


@pytest.mark.parametrize("form", ["Patient/{}", "urn:uuid:{}", "{} ", "", "{}/_history/1"])
def test_a_patient_reference_instead_of_an_id_is_a_400_saying_what_is_allowed(
    people: People, form: str
) -> None:
    alice_id = export_patient_id(people.alice)
    response = people.coach.post(URL, json=hook(form.format(alice_id)))
    assert response.status_code == 400, response.text
    assert "FHIR Patient.id" in response.json()["detail"]
    assert "without 'Patient/'" in response.json()["detail"]


def test_once_alice_stops_sharing_her_id_is_a_404(people: People) -> None:
    alice_id = export_patient_id(people.alice)
    assert people.coach.post(URL, json=hook(alice_id)).status_code == 200
    [share] = people.alice.get("/api/v1/shares").json()
    assert people.alice.delete(f"/api/v1/shares/{share['id']}").status_code == 204
    assert people.coach.post(URL, json=hook(alice_id)).status_code == 404


def test_the_coachs_read_is_in_alices_audit_log(people: People) -> None:
    before = people.alice.get("/api/v1/audit").text.count("coach")
    people.coach.post(URL, json=hook(export_patient_id(people.alice)))
    assert people.alice.get("/api/v1/audit").text.count("coach") > before


def test_the_personal_app_answers_only_for_its_own_patient(client: TestClient) -> None:
    own = export_patient_id(client)
    # The first account keeps the Patient.id every export gave it before ids were per person.
    first = uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, "https://kneewise.invalid/fhir"), "patient")
    assert own == str(first) == patient_id(None)
    assert client.post(URL, json=hook(own)).json() == {"cards": []}
    for other in ("1", "1288992", patient_id(2)):
        assert client.post(URL, json=hook(other)).status_code == 404


def test_two_peoples_same_day_pain_never_shares_a_fhir_id(people: People) -> None:
    def ids(client: TestClient) -> set[str]:
        bundle = client.get("/api/v1/export/fhir").json()
        return {e["resource"]["id"] for e in bundle["entry"]} | {bundle["id"]}

    assert not ids(people.coach) & ids(people.bob)
