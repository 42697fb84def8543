"""Schemathesis against the app's own OpenAPI schema: no request makes it answer 500.

The schema is read from the real app (in-process, over ASGI) on a throwaway
SQLite diary; each operation gets a bounded number of generated requests.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from kneewise.settings import Settings
from kneewise.web import create_app

_data_dir = Path(tempfile.mkdtemp(prefix="kneewise-schemathesis-"))
atexit.register(shutil.rmtree, _data_dir, ignore_errors=True)
app = create_app(Settings(data_dir=_data_dir, database_url=None, allowed_hosts=["testserver"]))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_request_makes_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
