"""CDS Hooks: `GET /cds-services` (discovery) and the patient-view service, as cards."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body

from kneewise.interop import SERVICE_ID, discovery, patient_view_cards
from kneewise.web.deps import DiaryDep
from kneewise.web.problems import Problem, not_found

router = APIRouter(tags=["cds-hooks"])


@router.get("/cds-services")
def cds_discovery() -> dict[str, Any]:
    """The services this CDS Hooks server offers (one patient-view service)."""
    return discovery()


@router.post(
    "/cds-services/{service_id}",
    responses={400: {"model": Problem}, 404: {"model": Problem}},
)
def cds_service(
    service_id: str,
    diary: DiaryDep,
    request: dict[str, Any] = Body(..., description="a CDS Hooks patient-view request"),  # noqa: B008
) -> dict[str, Any]:
    """The triage of the latest saved assessment (and an amber or red pain light) as cards."""
    if service_id != SERVICE_ID:
        raise not_found(f"CDS service {service_id!r}; the one service is {SERVICE_ID!r}")
    cards: dict[str, Any] = patient_view_cards(request, diary)
    return cards
