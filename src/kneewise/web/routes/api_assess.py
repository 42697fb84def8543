"""POST /api/v1/assess: an intake (docs/intake-v1.md or v2) in, `kneewise.assessment/1` out."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Request
from fastapi.responses import Response

from kneewise.assessment import Assessment
from kneewise.engine.assess import assess
from kneewise.intake import parse_intake
from kneewise.web.deps import get_knowledge
from kneewise.web.inputs import intake_schema, intake_whole_numbers
from kneewise.web.json_body import JsonRoute

router = APIRouter(tags=["assessment"], route_class=JsonRoute)


@router.post(
    "/assess",
    response_model=Assessment,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": intake_schema()}},
        }
    },
)
async def post_assess(request: Request, intake: dict[str, Any] = Body(...)) -> Response:  # noqa: B008
    """Triage, likely causes and the plan for one intake; every field is optional.

    Without a `schema` key the intake is v1; `"schema": "kneewise.intake/2"`
    adds swollen, had_knee_surgery and dont_know. An unknown key, a v2 field in
    a v1 intake, a wrong type, a value out of range or answers that contradict
    each other are a 422 problem naming each field and what is allowed.
    """
    # Async on purpose: an assessment is a millisecond of pure computation (no I/O), and run in
    # the event loop it skips two thread hand-offs, each costing more than the work on a busy
    # machine (the GIL lets one thread compute at a time either way). Measured by `make bench`.
    # The knowledge base read directly, not as a dependency: FastAPI's per-request solving
    # of a dependency costs more than reading it (issue 11).
    knowledge = await get_knowledge(request)
    assessment = assess(parse_intake(intake_whole_numbers(intake)), knowledge)
    # Already an Assessment: written once as JSON, not dumped, checked and dumped again by
    # FastAPI (response_model still states the shape in the OpenAPI schema).
    return Response(assessment.model_dump_json(by_alias=True), media_type="application/json")
