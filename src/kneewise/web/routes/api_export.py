"""GET /api/v1/export/fhir: the whole diary as a FHIR R4 Bundle (R4B models).

GET /api/v1/export/account: everything the account holds as one JSON document
(`kneewise.diary.export`, format `kneewise-diary`), the file the settings
page's "Download all" gives.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from kneewise.diary.export import EXPORT_FORMAT, export_document
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


@router.get(
    "/export/account",
    responses={
        200: {
            "content": {"application/json": {"schema": {"type": "object"}}},
            "description": f"Everything the account holds ({EXPORT_FORMAT} JSON, version 2)",
        }
    },
)
def export_account(diary: DiaryDep) -> JSONResponse:
    """Diary records, programmes, shares, token names and the access log, as one file."""
    return JSONResponse(
        export_document(diary),
        headers={"Content-Disposition": 'attachment; filename="kneewise-account.json"'},
    )
