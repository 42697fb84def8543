"""The diary as a FHIR R4 (R4B models) Bundle of type `collection`.

    Patient                 no identifiers; gender and an approximate birth year; its id is
                            the person's own (`patient_id`), the id a CDS Hooks request names
    Observation             one per pain score (LOINC 72514-3), during / after / next morning
    QuestionnaireResponse   one per completed questionnaire, items keyed by item number
    ClinicalImpression      the latest saved assessment: triage, ICD-10 findings, reasons;
                            `meta.tag` carries the knowledge content hash when recorded
    CarePlan                one per exercise programme started (programmes/careplan.py)

Every resource gets a stable `urn:uuid` derived from the diary row, so the
same diary always gives the same bundle. The bundle is validated by
`fhir.resources` before it is returned.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from kneewise._errors import QuestionnaireError, ReportError
from kneewise.assessment import Assessment, RankedCondition
from kneewise.diary import (
    Diary,
    PainEntryRecord,
    StoredQuestionnaire,
    get_profile,
    list_pain_entries,
    list_questionnaire_answers,
)
from kneewise.diary.days import day_of, diary_zone
from kneewise.diary.models import PERSONAL_ACCOUNT_ID
from kneewise.engine.triage import NOT_RULED_OUT
from kneewise.questionnaires import load
from kneewise.report.saved import SavedAssessment, latest_assessment

LOINC = "http://loinc.org"
PAIN_CODE = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
#: Our own canonical base for questionnaires; `.invalid` (RFC 2606) so it never
#: pretends to be a published definition. Receivers map it to their own forms.
CANONICAL_BASE = "https://kneewise.invalid/fhir"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, CANONICAL_BASE)
TIMINGS = {
    "during": "during activity",
    "after": "after activity",
    "next_morning": "the next morning",
}
LEVEL_WORDS = {"emergency": "emergency if present", "urgent": "urgent if present"}
#: ClinicalImpression findings: at most this many conditions, each at least this likely.
FINDINGS_SHOWN = 3
FINDING_FLOOR = 0.02
#: `meta.tag` system naming the knowledge content an assessment was computed from
#: (FHIR R4 Meta.tag: a Coding relating the resource to a process; the code is the hash).
KNOWLEDGE_TAG = f"{CANONICAL_BASE}/CodeSystem/knowledge-content-hash"
KNOWLEDGE_NOT_RECORDED = (
    "kneewise knowledge version: not recorded (saved by an earlier version of kneewise)"
)


def _uuid(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))


def patient_id(owner_id: int | None) -> str:
    """The FHIR Patient.id of the person whose diary it is (a UUID, the same on every export).

    Each account has its own, so a clinic system that keeps the id of one person's export
    names that person in a CDS Hooks request (`kneewise.interop.cds`). A personal diary (the
    first account) keeps the id every earlier export gave it.
    """
    if owner_id is None or owner_id == PERSONAL_ACCOUNT_ID:
        return _uuid("patient")
    return _uuid("patient", owner_id)


def _whose(subject: dict[str, str]) -> tuple[str, ...]:
    """What makes an id the subject's own: nothing for a personal diary (its ids unchanged
    since the first export), the Patient reference for any other account, so two people's
    pain on the same day never share an Observation id."""
    reference = subject.get("reference", "")
    return () if reference == f"urn:uuid:{patient_id(None)}" else (reference,)


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def fhir_bundle(diary: Diary, *, today: dt.date | None = None) -> dict[str, Any]:
    """The whole diary as a validated FHIR R4B Bundle (type collection), as JSON-ready dict."""
    # The person's today (their zone), not the server's: their age and the bundle's day.
    today = today or day_of(dt.datetime.now(dt.UTC), diary_zone(diary))
    patient = patient_resource(diary, today)
    subject = {"reference": f"urn:uuid:{patient['id']}"}
    resources = [patient]
    resources += [
        obs for entry in list_pain_entries(diary) for obs in pain_observations(entry, subject)
    ]
    resources += [questionnaire_response(q, subject) for q in list_questionnaire_answers(diary)]
    saved = latest_assessment(diary)
    if saved is not None:
        resources.append(clinical_impression(saved, subject))
    from kneewise.programmes.careplan import careplans  # the programme library loads on use
    from kneewise.programmes.load import load_library

    resources += careplans(diary, load_library(), subject)
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    data = {
        "resourceType": "Bundle",
        "id": _uuid(*_whose(subject), "bundle", today.isoformat()),
        "type": "collection",
        "timestamp": stamp.isoformat(),
        "entry": [_entry(resource) for resource in resources],
    }
    try:
        bundle = Bundle.model_validate(data)
    except ValidationError as exc:
        raise ReportError(f"the FHIR bundle is not valid R4B: {exc.errors()[0]['msg']}") from None
    dumped: dict[str, Any] = bundle.model_dump(mode="json", exclude_none=True)
    return dumped


def patient_resource(diary: Diary, today: dt.date) -> dict[str, Any]:
    """The person: no name, no identifier; gender and birth year only when told."""
    profile = get_profile(diary)
    patient: dict[str, Any] = {"resourceType": "Patient", "id": patient_id(diary.owner_id)}
    if profile.sex is not None:
        patient["gender"] = profile.sex
    if profile.age is not None:
        # Only the age is kept; the birth year may be one year off.
        patient["birthDate"] = str(today.year - profile.age)
    return patient


def pain_observations(entry: PainEntryRecord, subject: dict[str, str]) -> list[dict[str, Any]]:
    """One Observation per pain score of a diary entry, with its timing in a note."""
    observations = []
    for timing, words in TIMINGS.items():
        score = getattr(entry, timing)
        if score is None:
            continue
        day = entry.date + dt.timedelta(days=1 if timing == "next_morning" else 0)
        observations.append(
            {
                "resourceType": "Observation",
                "id": _uuid(*_whose(subject), "pain", entry.date.isoformat(), entry.knee, timing),
                "status": "final",
                "category": [{"coding": [{"system": CATEGORY, "code": "survey"}]}],
                "code": {
                    "coding": [{"system": LOINC, "code": PAIN_CODE, "display": PAIN_DISPLAY}],
                    "text": f"Knee pain {words}",
                },
                "subject": subject,
                "effectiveDateTime": day.isoformat(),
                "valueInteger": score,
                "bodySite": {"text": _knee(entry.knee)},
                "note": [{"text": _timing_note(entry, timing, words)}],
            }
        )
    return observations


def _knee(knee: str) -> str:
    return "both knees" if knee == "both" else f"{knee} knee"


def _timing_note(entry: PainEntryRecord, timing: str, words: str) -> str:
    if timing == "next_morning":
        return f"Pain {words} after the training day {entry.date.isoformat()} ({_knee(entry.knee)})"
    return f"Pain {words} on {entry.date.isoformat()} ({_knee(entry.knee)})"


def questionnaire_response(saved: StoredQuestionnaire, subject: dict[str, str]) -> dict[str, Any]:
    """A completed questionnaire; item text is kneewise's own topic label, never the form's."""
    topics = _topics(saved.instrument)
    items = [
        {"linkId": number, **_text(topics.get(number)), "answer": [_answer(value)]}
        for number, value in sorted(saved.answers.items(), key=lambda pair: _order(pair[0]))
    ]
    if saved.score is not None:
        items.append(
            {
                "linkId": "score",
                "text": "Total score (calculated by kneewise)",
                "answer": [{"valueDecimal": saved.score}],
            }
        )
    response: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": _uuid("questionnaire", saved.id),
        "questionnaire": f"{CANONICAL_BASE}/Questionnaire/{saved.instrument}",
        "status": "completed",
        "subject": subject,
        "authored": saved.date.isoformat(),
    }
    if items:
        response["item"] = items
    return response


def _topics(instrument_id: str) -> dict[str, str]:
    try:
        return {item.number: item.topic for item in load(instrument_id).items}
    except QuestionnaireError:
        return {}


def _text(topic: str | None) -> dict[str, str]:
    return {"text": topic} if topic else {}


def _answer(value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, int):
        return {"valueInteger": value}
    if isinstance(value, float):
        return {"valueDecimal": value}
    return {"valueString": str(value)}


def _order(number: str) -> tuple[int, str]:
    digits = "".join(c for c in number if c.isdigit())
    return int(digits or 0), number


def clinical_impression(saved: SavedAssessment, subject: dict[str, str]) -> dict[str, Any]:
    """The saved assessment: triage headline, likely conditions with ICD-10 codes, reasons."""
    assessment = saved.assessment
    triage = assessment.triage
    reasons = [f"{rule.title}: {rule.reason}" for rule in triage.rules] or [
        r for r in triage.reasons if not r.startswith(NOT_RULED_OUT)
    ]
    notes = [*reasons, *unknowns(assessment), knowledge_note(assessment)]
    if assessment.conditions_withheld:  # no finding below: say why, so none reads as "none"
        notes.insert(len(reasons), assessment.conditions_withheld)
    likely = [c for c in assessment.conditions[:FINDINGS_SHOWN] if c.probability >= FINDING_FLOOR]
    impression: dict[str, Any] = {
        "resourceType": "ClinicalImpression",
        "id": _uuid("assessment", saved.id),
        "status": "completed",
        "description": f"Self-assessment with kneewise; triage level {triage.level}",
        "subject": subject,
        # The instant with the person's own offset: a reader sees their clock time and day.
        "effectiveDateTime": saved.local_time.isoformat(),
        "date": saved.local_time.isoformat(),
        "summary": triage.headline,
        "note": [{"text": note} for note in notes],
    }
    if assessment.knowledge_hash:
        tag = {"system": KNOWLEDGE_TAG, "code": assessment.knowledge_hash}
        impression["meta"] = {"tag": [{**tag, "display": "kneewise knowledge version"}]}
    if likely:
        impression["finding"] = [_finding(c) for c in likely]
    protocol = [_source_url(s.doi, s.url) for s in assessment.sources if s.doi or s.url]
    if protocol:
        impression["protocol"] = protocol
    return impression


def unknowns(assessment: Assessment) -> list[str]:
    """What the answers leave open, as sentences for a clinician.

    One "kneewise could not rule out …" per open urgent or emergency rule, with
    the questions that would decide it, then the questions answered "don't know".
    """
    lines = [
        f"kneewise could not rule out: {rule.title} ({LEVEL_WORDS[rule.level]}); not answered: "
        + " ".join(rule.questions)
        for rule in assessment.triage.not_ruled_out()
    ]
    if assessment.not_known:
        asked = " ".join(item.question for item in assessment.not_known)
        lines.append(f'Not known (the patient answered "I don\'t know"): {asked}')
    return lines


def knowledge_note(assessment: Assessment) -> str:
    """Which knowledge the assessment came from; an old one without it says so, nothing guessed."""
    if assessment.knowledge_hash:
        return f"kneewise knowledge version: {assessment.knowledge_hash}"
    return KNOWLEDGE_NOT_RECORDED


def _finding(condition: RankedCondition) -> dict[str, Any]:
    concept: dict[str, Any] = {"text": condition.name}
    if condition.icd10:
        concept["coding"] = [
            {"system": ICD10, "code": code, "display": condition.name} for code in condition.icd10
        ]
    return {
        "itemCodeableConcept": concept,
        "basis": f"estimated likelihood {condition.probability:.0%} from the person's answers",
    }


def _source_url(doi: str | None, url: str | None) -> str:
    return f"https://doi.org/{doi}" if doi else str(url)
