"""`GET /health`: is this app process up and can it reach its database?

For a reverse proxy's or a monitor's health check, so it answers without a
signed-in person (`auth.PUBLIC_PATHS`) and says nothing about anyone: 200
`{"status": "ok"}`, or the 503 problem of an unreachable diary database.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import text

from kneewise.diary.storage import Diary

router = APIRouter()


class Health(BaseModel):
    """The app answers and its database answers a trivial query."""

    status: Literal["ok"] = "ok"


# Not part of the REST API's schema (/api/v1): like the pages, it sits outside /api/, where
# an unsafe method meets the form-token check first (web/security.py), not a 405.
@router.get("/health", include_in_schema=False)
def health(request: Request) -> Health:
    """Up, with the database reachable (503 problem+json otherwise)."""
    diary: Diary = request.app.state.diary
    with diary.accounts().reading() as session:  # no one's records: just the connection
        session.execute(text("SELECT 1"))
    return Health()
