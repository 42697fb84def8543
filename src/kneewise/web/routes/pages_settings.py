"""Settings: download all my data (JSON, or CSV files in a zip) and delete all of it."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kneewise.diary.export import export_csv, export_json
from kneewise.diary.repository import count_records, delete_everything
from kneewise.web.deps import DiaryDep, SettingsDep
from kneewise.web.templating import page

router = APIRouter()
CONFIRM_WORD = "delete"


def _settings_page(
    request: Request, diary: DiaryDep, settings: SettingsDep, **extra: object
) -> HTMLResponse:
    status = 422 if extra.get("error") else 200
    return page(
        request,
        "settings.html",
        {
            "counts": count_records(diary),
            "where": diary.url,
            "word": CONFIRM_WORD,
            "data_dir": settings.data_dir,
            **extra,
        },
        status_code=status,
    )


@router.get("/settings", response_class=HTMLResponse)
def settings_page(
    request: Request, diary: DiaryDep, settings: SettingsDep, deleted: int | None = None
) -> HTMLResponse:
    """What the diary holds, where, and the export and delete buttons."""
    return _settings_page(request, diary, settings, deleted=deleted)


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/settings/export.json")
def export_as_json(diary: DiaryDep) -> Response:
    """Everything in the diary as one JSON document."""
    name = f"kneewise-{dt.date.today().isoformat()}.json"
    return Response(export_json(diary), media_type="application/json", headers=_attachment(name))


@router.get("/settings/export.zip")
def export_as_csv(diary: DiaryDep) -> Response:
    """Everything in the diary as CSV files (diary.csv re-imports with `kneewise import`)."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(buffer, "w") as archive:
        for path in export_csv(diary, Path(folder)):
            archive.write(path, arcname=path.name)
    name = f"kneewise-{dt.date.today().isoformat()}-csv.zip"
    return Response(buffer.getvalue(), media_type="application/zip", headers=_attachment(name))


@router.post("/settings/delete", response_class=HTMLResponse)
def delete_all(
    request: Request, diary: DiaryDep, settings: SettingsDep, confirm: str = Form("")
) -> Response:
    """Delete every record, only when the confirmation word was typed."""
    if confirm.strip().lower() != CONFIRM_WORD:
        return _settings_page(
            request, diary, settings, error=f"Type {CONFIRM_WORD} to confirm; nothing was deleted."
        )
    deleted = sum(delete_everything(diary).values())
    return RedirectResponse(f"/settings?deleted={deleted}", status_code=303)
