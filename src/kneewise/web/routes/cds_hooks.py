"""CDS Hooks: `GET /cds-services` (discovery) and the patient-view service, as cards.

The request's `context.patientId` names whose cards are wanted: the caller's own
Patient.id (`kneewise.interop.patient_id`, as in their FHIR export) or, on a
server, that of a person who shares their diary with the caller now (read
through `web/shared.py`, so the share is checked and the read is in that
person's audit log). Any other id is a 404 that says nothing of whether the
person exists, the same as a share that is not there.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Request

from kneewise.accounts.sharing import shares_received
from kneewise.diary.storage import Diary
from kneewise.interop import SERVICE_ID, discovery, patient_id, patient_view_cards, read_request
from kneewise.interop.cds import HOOK, HookRequest
from kneewise.web.deps import Caller, CallerDep, KnowledgeDep, get_diary
from kneewise.web.json_body import JsonRoute
from kneewise.web.problems import ProblemError, not_found
from kneewise.web.shared import open_shared

router = APIRouter(tags=["cds-hooks"], route_class=JsonRoute)


def _request_schema() -> dict[str, Any]:
    """What the service reads of a CDS Hooks request: the patient-view hook and its context."""
    schema = HookRequest.model_json_schema()
    context = schema.pop("$defs")["_Context"]  # inlined: `#/$defs` would name the whole document
    schema["properties"]["context"] = context
    schema["properties"]["hook"] = {"const": HOOK, "title": "Hook"}
    return schema


@router.get("/cds-services")
def cds_discovery() -> dict[str, Any]:
    """The services this CDS Hooks server offers (one patient-view service)."""
    return discovery()


@router.post(
    "/cds-services/{service_id}",
    responses={
        400: {"description": "Not JSON, or not a CDS Hooks patient-view request"},
        404: {
            "description": "No such CDS service, or context.patientId is neither the "
            "caller's nor a person's sharing a diary with them"
        },
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _request_schema()}},
        }
    },
)
def cds_service(
    service_id: str,
    http: Request,
    caller: CallerDep,
    knowledge: KnowledgeDep,
    request: dict[str, Any] = Body(..., description="a CDS Hooks patient-view request"),  # noqa: B008
) -> dict[str, Any]:
    """The triage of the patient's latest saved assessment (and an amber or red light) as cards.

    The patient is `context.patientId`: the caller, or someone sharing their diary with them.
    """
    if service_id != SERVICE_ID:
        raise not_found(f"CDS service {service_id!r}; the one service is {SERVICE_ID!r}")
    patient = read_request(request).context.patientId
    cards: dict[str, Any] = patient_view_cards(
        request, _patient_diary(http, caller, patient), knowledge
    )
    return cards


def _patient_diary(http: Request, caller: Caller, patient: str) -> Diary:
    """The diary whose Patient.id is `patient`: the caller's, or one shared with them; else 404."""
    if patient == patient_id(caller.person.id):
        return get_diary(http, caller)
    if http.app.state.settings.accounts:
        base: Diary = http.app.state.diary
        for sharing in shares_received(base, caller.person.id):
            if patient == patient_id(sharing.person_id):
                return open_shared(http, caller, sharing).diary
    raise ProblemError(
        404,
        "not-found",
        "Not found",
        f"no patient with id {patient!r} is yours or shares a diary with you; the id is the "
        "Patient.id of the person's kneewise FHIR export",
    )
