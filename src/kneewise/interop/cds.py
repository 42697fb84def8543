"""A CDS Hooks service (https://cds-hooks.org): the knee triage as cards in a clinic system.

    discovery()                          body of GET /cds-services
    patient_view_cards(request, source, knowledge)  body of POST /cds-services/kneewise-knee-triage

Cards: the latest triage (indicator info for self care and "see a doctor soon"
as warning, critical for urgent and emergency) with reasons, likely causes
and links to the sources; when urgent or emergency warning signs were not
asked, the summary says how many kneewise could not rule out and the detail
lists them with the questions that would decide them, and the don't-knows;
with a diary, also the pain traffic light when it is amber or red. Nothing
to say gives `{"cards": []}`, as the spec allows.

`context.patientId` is a FHIR Patient.id (the spec's patient-view context: "The
FHIR Patient.id of the current patient in context"), the one kneewise's FHIR
export gives the person (`kneewise.interop.fhir.patient_id`). Cards from a diary
are given only for that diary's own patient: any other id is refused
(`CdsRequestError`), never answered with whichever diary was at hand. The web
app finds the diary the id names among the caller's own and those shared with
them (web/routes/cds_hooks.py).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kneewise._errors import CdsRequestError
from kneewise.analytics import PainLight, pain_light
from kneewise.assessment import Assessment
from kneewise.diary import Diary, pain_frame, sessions_frame
from kneewise.diary.days import day_of, diary_zone
from kneewise.engine.triage import NOT_RULED_OUT
from kneewise.interop.fhir import LEVEL_WORDS, patient_id
from kneewise.knowledge.model import KnowledgeBase, TriageLevel
from kneewise.report.saved import latest_assessment

SERVICE_ID = "kneewise-knee-triage"
HOOK = "patient-view"
SUMMARY_LIMIT = 140
LINKS_SHOWN = 5
CONDITIONS_SHOWN = 3
Indicator = Literal["info", "warning", "critical"]
INDICATORS: dict[TriageLevel, Indicator] = {
    "self_care": "info",
    "see_doctor": "warning",
    "urgent": "critical",
    "emergency": "critical",
}
LIGHT_INDICATORS: dict[str, Indicator] = {"amber": "info", "red": "warning"}
SOURCE_LABEL = "kneewise self-assessment (patient-reported)"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://kneewise.invalid/cds")


def discovery() -> dict[str, Any]:
    """The discovery document: one patient-view service."""
    return {
        "services": [
            {
                "hook": HOOK,
                "id": SERVICE_ID,
                "title": "kneewise knee triage",
                "description": (
                    "Shows the latest knee self-assessment a patient made with kneewise: "
                    "how urgent it is, why, the likely causes with ICD-10 codes, and the "
                    "patient's pain diary light."
                ),
                "prefetch": {"patient": "Patient/{{context.patientId}}"},
            }
        ]
    }


#: FHIR R4's `id` datatype: 1 to 64 letters, digits, '-' or '.' (no "Patient/" before it).
FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")


class _Context(BaseModel):
    model_config = ConfigDict(extra="allow")

    userId: str
    # The form is stated for clients; `read_request` checks it and says it in words.
    patientId: str = Field(
        description="the patient's FHIR Patient.id (as in their kneewise FHIR export)",
        json_schema_extra={"pattern": f"^{FHIR_ID.pattern}$"},
    )


class HookRequest(BaseModel):
    """The parts of a CDS Hooks request this service reads (required by the spec)."""

    model_config = ConfigDict(extra="allow")

    hook: str
    hookInstance: str
    context: _Context


PATIENT_ID_ALLOWED = (
    "a FHIR Patient.id: 1 to 64 letters, digits, '-' or '.', without 'Patient/' (the "
    "Patient.id in the patient's kneewise FHIR export)"
)


def read_request(request: Mapping[str, Any]) -> HookRequest:
    """Validate a patient-view request; CdsRequestError names each missing or wrong field.

    `context.patientId` must be a FHIR id (`FHIR_ID`); a reference such as
    "Patient/123" is refused with what is allowed.
    """
    try:
        parsed = HookRequest.model_validate(dict(request))
    except ValidationError as exc:
        problems = [
            f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}" for error in exc.errors()
        ]
        raise CdsRequestError("bad CDS Hooks request: " + "; ".join(problems)) from None
    if parsed.hook != HOOK:
        raise CdsRequestError(f"service {SERVICE_ID} answers the {HOOK} hook, not {parsed.hook!r}")
    patient = parsed.context.patientId
    if not FHIR_ID.fullmatch(patient):
        raise CdsRequestError(
            f"context.patientId must be {PATIENT_ID_ALLOWED}; got {shorten(repr(patient), 60)}"
        )
    return parsed


def patient_view_cards(
    request: Mapping[str, Any],
    source: Diary | Assessment,
    knowledge: KnowledgeBase,
    *,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """The cards for a patient-view request, from a diary or from one assessment.

    From a diary, `context.patientId` must be that diary's Patient.id
    (`kneewise.interop.fhir.patient_id`), else CdsRequestError.

    `knowledge` names the triage levels (for an assessment saved without its label).
    """
    hook = read_request(request)
    cards: list[dict[str, Any]] = []
    if isinstance(source, Diary) and hook.context.patientId != patient_id(source.owner_id):
        # Never one person's cards under another's id.
        raise CdsRequestError(
            f"context.patientId {hook.context.patientId!r} is not the patient of this diary"
        )
    if isinstance(source, Assessment):
        cards.append(triage_card(source, knowledge, hook.hookInstance))
        return {"cards": cards}
    saved = latest_assessment(source)
    if saved is not None:
        cards.append(triage_card(saved.assessment, knowledge, hook.hookInstance))
    # The person's today (their zone), not the server's: the light covers their days.
    light = _light(source, today or day_of(dt.datetime.now(dt.UTC), diary_zone(source)))
    if light.colour in LIGHT_INDICATORS:
        cards.append(light_card(light, hook.hookInstance))
    return {"cards": cards}


def triage_card(
    assessment: Assessment, knowledge: KnowledgeBase, hook_instance: str = ""
) -> dict[str, Any]:
    """One card: the triage level as indicator, reasons and causes as markdown, sources as links."""
    triage = assessment.triage
    label = triage.label or knowledge.levels[triage.level].label
    likely = assessment.conditions[0].name if assessment.conditions else ""
    summary = f"Knee self-check: {label}"
    open_rules = triage.not_ruled_out()
    if open_rules:
        signs = "1 warning sign" if len(open_rules) == 1 else f"{len(open_rules)} warning signs"
        summary += f"; could not rule out {signs} (not known yet)"
    if likely:
        summary += f"; most likely {likely}"
    card: dict[str, Any] = {
        "uuid": str(uuid.uuid5(_NAMESPACE, f"{hook_instance}/triage")),
        "summary": shorten(summary),
        "indicator": INDICATORS[triage.level],
        "detail": _triage_detail(assessment),
        "source": {"label": SOURCE_LABEL},
    }
    links = _links(assessment)
    if links:
        card["links"] = links
    return card


def _triage_detail(assessment: Assessment) -> str:
    triage = assessment.triage
    lines = [f"**{triage.headline}**"]
    reasons = [f"{rule.title}: {rule.reason}" for rule in triage.rules] or [
        r for r in triage.reasons if not r.startswith(NOT_RULED_OUT)
    ]
    if reasons:
        lines += ["", "Why:", *(f"- {reason}" for reason in reasons)]
    open_rules = triage.not_ruled_out()
    if open_rules:
        lines += ["", "kneewise could not rule out (not asked, or the patient did not know):"]
        lines += [
            f"- {rule.title} ({LEVEL_WORDS[rule.level]}): " + " ".join(rule.questions)
            for rule in open_rules
        ]
    if assessment.not_known:
        lines += ["", 'Not known (the patient answered "I don\'t know"):']
        lines += [f"- {item.question}" for item in assessment.not_known]
    if assessment.conditions_withheld:
        lines += ["", f"Likely causes: none listed. {assessment.conditions_withheld}"]
    if assessment.conditions:
        lines += ["", "Likely causes (from the patient's answers; not a diagnosis):"]
        lines += [
            f"- {c.name} (ICD-10 {', '.join(c.icd10) or 'none'}): {c.probability:.0%}"
            for c in assessment.conditions[:CONDITIONS_SHOWN]
        ]
    return "\n".join(lines)


def _links(assessment: Assessment) -> list[dict[str, str]]:
    """Links to the evidence: fired rules' sources first, then likely causes', then the rest."""
    wanted = [i for rule in assessment.triage.rules for i in rule.sources]
    wanted += [i for c in assessment.conditions[:CONDITIONS_SHOWN] for i in c.sources]
    rank = {source_id: n for n, source_id in reversed(list(enumerate(wanted)))}
    ordered = sorted(assessment.sources, key=lambda s: rank.get(s.id, len(wanted)))
    links = []
    for source in ordered:
        url = f"https://doi.org/{source.doi}" if source.doi else source.url
        if url:
            links.append({"label": shorten(source.citation, 100), "url": url, "type": "absolute"})
    return links[:LINKS_SHOWN]


def _light(diary: Diary, today: dt.date) -> PainLight:
    return pain_light(pain_frame(diary, until=today), today, sessions_frame(diary, until=today))


def light_card(light: PainLight, hook_instance: str = "") -> dict[str, Any]:
    """A card for an amber or red pain-diary light, with its reasons."""
    first = light.reasons[0] if light.reasons else ""
    return {
        "uuid": str(uuid.uuid5(_NAMESPACE, f"{hook_instance}/light")),
        "summary": shorten(f"Pain diary: {light.colour} light. {first}"),
        "indicator": LIGHT_INDICATORS[light.colour],
        "detail": "\n".join(
            [
                # Said to a clinician: what the patient was told, not a step for them to run.
                f"**kneewise advised the patient:** {light.advice}",
                "",
                "Why (from the patient's pain diary):",
                *(f"- {reason}" for reason in light.reasons),
            ]
        ),
        "source": {"label": "kneewise pain diary (patient-reported)"},
    }


def shorten(text: str, limit: int = SUMMARY_LIMIT - 1) -> str:
    """`text` cut at a word to fewer than `limit` + 1 characters, with … when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"
