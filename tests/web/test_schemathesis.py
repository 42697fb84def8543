"""Schemathesis against the app's own OpenAPI schema: the server does what the schema states.

The schema is read from the real app (in-process, over ASGI) on a throwaway
SQLite diary. Each operation gets a bounded, seeded set of generated requests,
valid and invalid ones, and every answer is checked for:

- no server error (500);
- a status code the operation declares, with the content type declared for it
  (`application/problem+json` for every error) and a body matching its schema;
- the declared response headers;
- valid data accepted and invalid data refused (strict types at the API edge);
- 405 for a method the path does not take, with an `Allow` naming the ones it does.

The one refusal the schema states only in words is an intake whose answers
contradict each other (JSON Schema cannot compare fields): a valid-looking
intake refused with 422 passes only when `kneewise.intake.contradictions` finds
exactly the fields the problem names.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.checks import CheckContext, not_a_server_error
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import (
    allow_header_conformance,
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from kneewise.intake import Intake, contradictions
from kneewise.settings import Settings
from kneewise.web import create_app
from kneewise.web.inputs import intake_whole_numbers

_data_dir = Path(tempfile.mkdtemp(prefix="kneewise-schemathesis-"))
atexit.register(shutil.rmtree, _data_dir, ignore_errors=True)
app = create_app(Settings(data_dir=_data_dir, database_url=None, allowed_hosts=["testserver"]))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
#: Intake fields per operation: /assess takes an intake, /interview its `answers`.
INTAKE_OF = {
    "POST /api/v1/assess": lambda body: {k: v for k, v in body.items() if k != "schema"},
    "POST /api/v1/interview": lambda body: body.get("answers", {}),
}


def _contradicting_fields(case: Case[Any]) -> set[str]:
    """The fields of answers that cannot all be true, as `kneewise.intake` finds them."""
    read = INTAKE_OF.get(case.operation.label)
    if read is None or not isinstance(case.body, dict):
        return set()
    # The intake's own rules on unvalidated answers: what each implies, then the clashes.
    # `_implied` is the intake's own before-validator, run alone on the raw answers.
    implied = Intake._implied(intake_whole_numbers(read(case.body)))
    return {field for field, _ in contradictions(Intake.model_construct(**implied))}


def positive_data_accepted(ctx: CheckContext, response: Response, case: Case[Any]) -> None:
    """`positive_data_acceptance`, but for intakes whose answers contradict each other."""
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    clashing = _contradicting_fields(case) if positive and response.status_code == 422 else set()
    if not clashing:
        positive_data_acceptance(ctx, response, case)
        return
    problem: dict[str, Any] = response.json()
    named = {error["field"] for error in problem["errors"]}
    assert problem["type"] in ("/problems/invalid-intake", "/problems/invalid-request")
    assert named <= clashing | {"answers"}, (named, clashing)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    positive_data_accepted,
    negative_data_rejection,
    unsupported_method,
    allow_header_conformance,
]


@schema.parametrize()
@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_server_does_what_its_schema_states(case: Case[Any]) -> None:
    case.call_and_validate(checks=CHECKS)
