"""CDS Hooks: `GET /cds-services` (discovery) and the patient-view service, as cards."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body

from kneewise.interop import SERVICE_ID, discovery, patient_view_cards
from kneewise.interop.cds import HOOK, HookRequest
from kneewise.web.deps import DiaryDep, KnowledgeDep
from kneewise.web.json_body import JsonRoute
from kneewise.web.problems import not_found

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
        404: {"description": "No such CDS service"},
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
    diary: DiaryDep,
    knowledge: KnowledgeDep,
    request: dict[str, Any] = Body(..., description="a CDS Hooks patient-view request"),  # noqa: B008
) -> dict[str, Any]:
    """The triage of the latest saved assessment (and an amber or red pain light) as cards."""
    if service_id != SERVICE_ID:
        raise not_found(f"CDS service {service_id!r}; the one service is {SERVICE_ID!r}")
    cards: dict[str, Any] = patient_view_cards(request, diary, knowledge)
    return cards
