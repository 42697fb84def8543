"""CDS Hooks: discovery and patient-view responses match the specification's required fields.

The models below are written from the CDS Hooks 1.0/2.0 specification
(https://cds-hooks.org/specification/current/): a service needs hook, id and
description; a card needs summary (< 140 characters), indicator (info,
warning or critical) and source with a label; a link needs label, url and
type (absolute or smart); uuid is optional.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from kneewise import Assessment, assess, load_knowledge, parse_intake
from kneewise._errors import CdsRequestError, KneewiseError
from kneewise.diary import Diary
from kneewise.interop import SERVICE_ID, discovery, patient_id, patient_view_cards
from kneewise.knowledge.model import TriageLevel

KB = load_knowledge()


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Service(Spec):
    hook: str
    id: str
    description: str
    title: str | None = None
    prefetch: dict[str, str] | None = None
    usageRequirements: str | None = None


class Discovery(Spec):
    services: list[Service]


class Source(Spec):
    label: str
    url: HttpUrl | None = None
    icon: HttpUrl | None = None
    topic: dict[str, Any] | None = None


class Link(Spec):
    label: str
    url: HttpUrl
    type: Literal["absolute", "smart"]
    appContext: str | None = None


class Card(Spec):
    uuid: str | None = None
    summary: Annotated[str, Field(min_length=1, max_length=139)]
    detail: str | None = None
    indicator: Literal["info", "warning", "critical"]
    source: Source
    suggestions: list[dict[str, Any]] | None = None
    selectionBehavior: str | None = None
    overrideReasons: list[dict[str, Any]] | None = None
    links: list[Link] | None = None


class Response(Spec):
    cards: list[Card]


def request(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "hook": "patient-view",
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "fhirServer": "https://ehr.example/fhir",
        # The diaries here are the first account's: its Patient.id (kneewise.interop.patient_id).
        "context": {"userId": "Practitioner/123", "patientId": patient_id(None)},
    }
    return {**base, **changes}


def test_discovery_lists_the_patient_view_service() -> None:
    parsed = Discovery.model_validate(discovery())
    [service] = parsed.services
    assert (service.hook, service.id) == ("patient-view", SERVICE_ID)
    assert service.prefetch == {"patient": "Patient/{{context.patientId}}"}


def test_triage_card_matches_the_spec_and_links_the_evidence(assessment: Assessment) -> None:
    response = Response.model_validate(patient_view_cards(request(), assessment, KB))
    [card] = response.cards
    assert card.indicator == "critical"  # urgent: be seen today
    assert card.summary.startswith("Knee self-check: Be seen today")
    assert card.detail is not None and assessment.triage.rules[0].title in card.detail
    assert "S83.5" in card.detail
    assert card.links and all(link.type == "absolute" for link in card.links)
    rule_sources = {s for rule in assessment.triage.rules for s in rule.sources}
    first = next(s for s in assessment.sources if s.id in rule_sources and (s.doi or s.url))
    assert first.citation.startswith(card.links[0].label.rstrip("…"))


@pytest.mark.parametrize(
    ("level", "indicator"),
    [("self_care", "info"), ("see_doctor", "warning"), ("urgent", "critical"),
     ("emergency", "critical")],
)  # fmt: skip
def test_each_triage_level_maps_to_its_indicator(
    assessment: Assessment, level: TriageLevel, indicator: str
) -> None:
    triage = assessment.triage.model_copy(update={"level": level})
    changed = assessment.model_copy(update={"triage": triage})
    [card] = Response.model_validate(patient_view_cards(request(), changed, KB)).cards
    assert card.indicator == indicator


def test_a_real_emergency_is_critical() -> None:
    emergency = assess(
        parse_intake({"breathless_or_chest_pain": True, "calf_swelling": True}), load_knowledge()
    )
    [card] = Response.model_validate(patient_view_cards(request(), emergency, KB)).cards
    assert emergency.triage.level == "emergency" and card.indicator == "critical"


def test_diary_gives_the_triage_and_the_red_light(diary: Diary) -> None:
    response = Response.model_validate(patient_view_cards(request(), diary, KB))
    triage, light = response.cards
    assert triage.indicator == "critical"
    assert light.summary.startswith("Pain diary: red light") and light.indicator == "warning"
    assert light.detail is not None and "Night pain" in light.detail


def test_cards_are_the_same_for_the_same_request(today: dt.date, diary: Diary) -> None:
    assert patient_view_cards(request(), diary, KB, today=today) == patient_view_cards(
        request(), diary, KB, today=today
    )


def test_empty_diary_gives_no_cards(empty_diary: Diary) -> None:
    assert patient_view_cards(request(), empty_diary, KB) == {"cards": []}


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        ({"hookInstance": None}, "hookInstance"),
        ({"context": {"userId": "Practitioner/1"}}, "context.patientId"),
        ({"hook": "order-select"}, "answers the patient-view hook"),
        ({"context": {"userId": "Practitioner/1", "patientId": "Patient/1"}}, "without 'Patient/'"),
        ({"context": {"userId": "Practitioner/1", "patientId": "x" * 65}}, "1 to 64 letters"),
    ],
)
def test_bad_requests_are_clear_errors(
    assessment: Assessment, bad: dict[str, Any], named: str
) -> None:
    body = {k: v for k, v in request(**bad).items() if v is not None}
    with pytest.raises(CdsRequestError, match=named) as caught:
        patient_view_cards(body, assessment, KB)
    assert isinstance(caught.value, KneewiseError)


@pytest.mark.parametrize("other", ["1288992", "1", patient_id(2)])
def test_a_diary_answers_only_for_its_own_patient(diary: Diary, other: str) -> None:
    # Never one person's cards under another's id (a break-it trial got a coach's own).
    body = request(context={"userId": "Practitioner/1", "patientId": other})
    with pytest.raises(CdsRequestError, match="not the patient of this diary"):
        patient_view_cards(body, diary, KB)


def test_long_summaries_are_cut_below_140_characters(assessment: Assessment) -> None:
    long_name = assessment.conditions[0].model_copy(update={"name": "word " * 60})
    changed = assessment.model_copy(update={"conditions": [long_name]})
    [card] = patient_view_cards(request(), changed, KB)["cards"]
    assert len(card["summary"]) < 140 and card["summary"].endswith("…")
