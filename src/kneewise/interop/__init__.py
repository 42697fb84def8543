"""For other systems: the diary as a FHIR R4 Bundle, and a CDS Hooks service.

fhir_bundle(diary)                        -> Bundle as a JSON-ready dict (R4B models)
patient_id(owner_id)                      -> the person's FHIR Patient.id (CDS context.patientId)
discovery()                               -> GET /cds-services body
patient_view_cards(request, diary|assessment, knowledge) -> POST /cds-services/{SERVICE_ID} body
"""

from __future__ import annotations

from kneewise.interop.cds import SERVICE_ID, discovery, patient_view_cards, read_request
from kneewise.interop.fhir import fhir_bundle, patient_id

__all__ = [
    "SERVICE_ID",
    "discovery",
    "fhir_bundle",
    "patient_id",
    "patient_view_cards",
    "read_request",
]
