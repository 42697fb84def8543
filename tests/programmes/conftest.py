"""The web fixtures of tests/web/conftest.py (the real app on a throwaway diary, Chromium),
shared here rather than copied, so the programme pages are tested the same way."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "kneewise_web_conftest", Path(__file__).parents[1] / "web" / "conftest.py"
)
assert _spec is not None and _spec.loader is not None
_web = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_web)

app = _web.app
client = _web.client
bare_client = _web.bare_client
live_server = _web.live_server
chromium = _web.chromium
phone = _web.phone
with_form_token = _web.with_form_token
