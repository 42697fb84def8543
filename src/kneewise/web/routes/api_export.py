"""GET /api/v1/export/fhir: the whole diary as a FHIR R4 Bundle (R4B models)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from kneewise.interop import fhir_bundle
from kneewise.web.deps import DiaryDep

router = APIRouter(tags=["export"])
FHIR_JSON = "application/fhir+json"


class FhirJSONResponse(JSONResponse):
    """JSON sent as FHIR's own media type, so the schema names what the server sends."""

    media_type = FHIR_JSON


@router.get(
    "/export/fhir",
    response_class=FhirJSONResponse,
    responses={
        200: {
            "content": {FHIR_JSON: {"schema": {"type": "object"}}},
            "description": "A FHIR Bundle of type collection",
        }
    },
)
def export_fhir(diary: DiaryDep) -> FhirJSONResponse:
    """Patient, pain scores (LOINC 72514-3), questionnaire responses and the latest assessment."""
    bundle: dict[str, Any] = fhir_bundle(diary)
    return FhirJSONResponse(bundle)
