"""POST /api/v1/assess: an intake (docs/intake-v1.md or v2) in, `kneewise.assessment/1` out."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body

from kneewise.engine.assess import assess
from kneewise.intake import INTAKE_V1, INTAKE_V2, Intake, parse_intake
from kneewise.web.deps import KnowledgeDep
from kneewise.web.problems import PROBLEM_RESPONSES
from kneewise.web.schemas import AssessmentOut

router = APIRouter(tags=["assessment"])


def _intake_schema() -> dict[str, Any]:
    """The intake's JSON schema with its version key: v2 fields need `"schema"` set to v2."""
    schema = Intake.model_json_schema()
    schema["properties"] = {
        "schema": {
            "enum": [INTAKE_V1, INTAKE_V2],
            "description": f"absent means {INTAKE_V1}; swollen, had_knee_surgery and "
            f"dont_know need {INTAKE_V2} (docs/intake-v2.md)",
        },
        **schema["properties"],
    }
    return schema


@router.post(
    "/assess",
    response_model=AssessmentOut,
    responses=PROBLEM_RESPONSES,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _intake_schema()}},
        }
    },
)
def post_assess(knowledge: KnowledgeDep, intake: dict[str, Any] = Body(...)) -> AssessmentOut:  # noqa: B008
    """Triage, likely causes and the plan for one intake; every field is optional.

    Without a `schema` key the intake is v1; `"schema": "kneewise.intake/2"`
    adds swollen, had_knee_surgery and dont_know. An unknown key, a v2 field in
    a v1 intake, a wrong type, a value out of range or answers that contradict
    each other are a 422 problem naming each field and what is allowed.
    """
    return AssessmentOut.of(assess(parse_intake(intake), knowledge))
