"""POST /api/v1/assess: an intake (docs/intake-v1.md) in, `kneewise.assessment/1` out."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body

from kneewise.engine.assess import assess
from kneewise.intake import Intake, parse_intake
from kneewise.web.deps import KnowledgeDep
from kneewise.web.problems import PROBLEM_RESPONSES
from kneewise.web.schemas import AssessmentOut

router = APIRouter(tags=["assessment"])


@router.post(
    "/assess",
    response_model=AssessmentOut,
    responses=PROBLEM_RESPONSES,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": Intake.model_json_schema()}},
        }
    },
)
def post_assess(knowledge: KnowledgeDep, intake: dict[str, Any] = Body(...)) -> AssessmentOut:  # noqa: B008
    """Triage, likely causes and the plan for one intake; every field is optional.

    The intake is validated by the v1 contract: an unknown key, a wrong type or
    a value out of range is a 422 problem naming each field and what is allowed.
    """
    return AssessmentOut.of(assess(parse_intake(intake), knowledge))
