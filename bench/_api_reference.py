"""The API bench's reference: a bare FastAPI route that answers with the same JSON.

`create_app()` reads the answer kneewise gives for the bench's intake from the
file named by KNEEWISE_BENCH_ANSWER and returns it for every POST, so the
bench can set what kneewise adds (validation, assessment, middleware) against
what FastAPI and uvicorn cost by themselves under the same server settings.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from fastapi import Body, FastAPI


def create_app() -> FastAPI:
    answer: dict[str, Any] = json.loads(Path(os.environ["KNEEWISE_BENCH_ANSWER"]).read_text())
    app = FastAPI()

    @app.post("/api/v1/assess")
    def post_assess(intake: dict[str, Any] = Body(...)) -> dict[str, Any]:  # noqa: B008
        return answer

    @app.get("/api/v1/conditions")
    def ready() -> list[str]:
        return []

    return app
