"""GET /api/v1/export/fhir: the whole diary as a FHIR R4 Bundle (R4B models)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from kneewise.interop import fhir_bundle
from kneewise.web.deps import DiaryDep

router = APIRouter(tags=["export"])
FHIR_JSON = "application/fhir+json"


@router.get(
    "/export/fhir",
    response_class=JSONResponse,
    responses={
        200: {
            "content": {FHIR_JSON: {"schema": {"type": "object"}}},
            "description": "A FHIR Bundle of type collection",
        }
    },
)
def export_fhir(diary: DiaryDep) -> JSONResponse:
    """Patient, pain scores (LOINC 72514-3), questionnaire responses and the latest assessment."""
    bundle: dict[str, Any] = fhir_bundle(diary)
    return JSONResponse(bundle, media_type=FHIR_JSON)
