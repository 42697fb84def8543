"""Exporting the whole diary as JSON or as CSV files.

JSON (`kneewise-diary` version 2): one document with everything an account
holds: the diary's records, exercise programmes with their logged days, and,
for an account, its name, who it shares with, its access tokens (names and
scopes; never a token or a hash) and the log of who saw its data. Version 1
had the diary's records only; the names of its parts are unchanged.

CSV: a folder holding `diary.csv` (sessions and pain entries, in the format
`kneewise import` reads back), `profile.csv`, `assessments.csv` and
`questionnaires.csv` (JSON in cells).

Text cells that a spreadsheet would run as a formula (starting with `=`, `+`,
`-`, `@`, tab or carriage return) get a leading `'`, as OWASP's CSV-injection
guidance says; numbers are written as they are, so -2.5 stays a number. The
diary CSV importer removes that `'` again, so an export still round-trips.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, selectinload

from kneewise._errors import DiaryError
from kneewise._version import __version__
from kneewise.diary.importers._common import escape_formula
from kneewise.diary.importers.diary_csv import HEADER, LIST_SEPARATOR
from kneewise.diary.models import (
    AccessToken,
    Account,
    AuditEvent,
    ProgrammeEnrolment,
    ProgrammeSession,
    Share,
)
from kneewise.diary.records import PainEntryRecord, SessionRecord, format_exercise
from kneewise.diary.repository import (
    get_profile,
    list_assessments,
    list_pain_entries,
    list_questionnaire_answers,
    list_sessions,
)
from kneewise.diary.storage import Diary

EXPORT_FORMAT = "kneewise-diary"
EXPORT_VERSION = 2
CSV_FILES = ("diary.csv", "profile.csv", "assessments.csv", "questionnaires.csv")


def export_document(diary: Diary) -> dict[str, Any]:
    """Everything in the diary as one JSON-able document."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "kneewise": __version__,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "profile": get_profile(diary).model_dump(mode="json"),
        "sessions": [s.model_dump(mode="json") for s in list_sessions(diary)],
        "pain_entries": [p.model_dump(mode="json") for p in list_pain_entries(diary)],
        "assessments": [_json_ready(asdict(a)) for a in list_assessments(diary)],
        "questionnaire_answers": [
            _json_ready(asdict(q)) for q in list_questionnaire_answers(diary)
        ],
        "programmes": _programmes(diary),
        **_account_parts(diary),
    }


def _programmes(diary: Diary) -> list[dict[str, Any]]:
    """Every exercise programme started, oldest first, with each day logged."""
    query = (
        select(ProgrammeEnrolment)
        .options(selectinload(ProgrammeEnrolment.sessions))
        .order_by(ProgrammeEnrolment.id)
    )
    with diary.reading() as session:
        return [
            _json_ready(
                {
                    "id": row.id,
                    "programme_id": row.programme_id,
                    "started_on": row.started_on,
                    "stage_id": row.stage_id,
                    "stage_started_on": row.stage_started_on,
                    "status": row.status,
                    "ended_on": row.ended_on,
                    "reason": row.reason,
                    "checks": list(row.checks or ()),
                    "stage_changes": list(row.stage_changes or ()),
                    "sessions": [_programme_day(day) for day in row.sessions],
                }
            )
            for row in session.scalars(query)
        ]


def _programme_day(row: ProgrammeSession) -> dict[str, Any]:
    return _json_ready(
        {
            "date": row.date,
            "stage_id": row.stage_id,
            "status": row.status,
            "pain_during": row.pain_during,
            "pain_after": row.pain_after,
            "pain_next_morning": row.pain_next_morning,
            "red_flags": list(row.red_flags or ()),
            "training_session_id": row.training_session_id,
        }
    )


def _account_parts(diary: Diary) -> dict[str, Any]:
    """The account's own parts: its name, shares, tokens and audit log (none without owner)."""
    owner = diary.owner_id
    if owner is None:
        return {}
    viewer = aliased(Account)
    with diary.reading() as session:
        account = session.get(Account, owner)
        shares = session.execute(
            select(Share, viewer.username)
            .join(viewer, viewer.id == Share.viewer_id)
            .where(Share.owner_id == owner)
            .order_by(Share.id)
        ).all()
        tokens = session.scalars(
            select(AccessToken).where(AccessToken.account_id == owner).order_by(AccessToken.id)
        ).all()
        return {
            "account": _json_ready(
                {
                    "username": account.username if account else None,
                    "is_admin": bool(account and account.is_admin),
                    "created_at": account.created_at if account else None,
                }
            ),
            "shared_with": [
                _json_ready(
                    {
                        "with": name,
                        "role": share.role,
                        "team": share.team,
                        "since": share.created_at,
                        "stopped": share.revoked_at,
                    }
                )
                for share, name in shares
            ],
            "access_tokens": [
                _json_ready(
                    {
                        "name": token.name,
                        "scopes": list(token.scopes),
                        "created_at": token.created_at,
                        "last_used_at": token.last_used_at,
                        "revoked_at": token.revoked_at,
                    }
                )
                for token in tokens
            ],
            "audit_log": [_audit_row(event) for event in _audit_events(session)],
        }


def _audit_events(session: Session) -> list[tuple[AuditEvent, str | None]]:
    actor = aliased(Account)
    rows = session.execute(
        select(AuditEvent, actor.username)
        .outerjoin(actor, actor.id == AuditEvent.actor_id)
        .order_by(AuditEvent.id)
    ).all()
    return [(event, name) for event, name in rows]


def _audit_row(row: tuple[AuditEvent, str | None]) -> dict[str, Any]:
    event, actor = row
    what, _, route = event.what.partition(" | ")
    return _json_ready(
        {
            "at": event.at,
            "actor": actor,
            "action": event.action,
            "what": what,
            "route": route,
            "via": event.via,
        }
    )


def _json_ready(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: _json_value(value) for name, value in fields.items()}


def _json_value(value: object) -> object:
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)  # SQLite hands back naive UTC times
    return value.isoformat() if isinstance(value, dt.date) else value


def export_json(diary: Diary) -> str:
    """Everything in the diary as indented JSON text."""
    return json.dumps(export_document(diary), indent=2, ensure_ascii=False) + "\n"


def diary_csv(diary: Diary) -> str:
    """Sessions and pain entries as diary CSV text (re-importable)."""
    rows = [_session_row(s) for s in list_sessions(diary)]
    rows += [_pain_row(p) for p in list_pain_entries(diary)]
    rows.sort(key=lambda row: (row["date"], row["record"] != "session"))
    return _csv_text(HEADER, rows)


def export_csv(diary: Diary, folder: Path) -> list[Path]:
    """Write the CSV files into `folder` (created if missing); returns their paths."""
    document = export_document(diary)
    contents = {
        "diary.csv": diary_csv(diary),
        "profile.csv": _csv_text(tuple(document["profile"]), [_cells(document["profile"])]),
        "assessments.csv": _csv_text(
            ("id", "created_at", "intake", "answer"), [_cells(a) for a in document["assessments"]]
        ),
        "questionnaires.csv": _csv_text(
            ("id", "instrument", "date", "score", "answers"),
            [_cells(q) for q in document["questionnaire_answers"]],
        ),
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in contents.items():
            (folder / name).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise DiaryError(f"cannot write the export to {folder}: {exc.strerror}") from None
    return [folder / name for name in contents]


def _session_row(record: SessionRecord) -> dict[str, str]:
    cells = _cells(record.model_dump(exclude={"id", "source", "exercises"}))
    cells["exercises"] = escape_formula(
        LIST_SEPARATOR.join(format_exercise(e) for e in record.exercises)
    )
    return {"record": "session", **cells}


def _pain_row(record: PainEntryRecord) -> dict[str, str]:
    cells = _cells(record.model_dump(exclude={"id"}))
    return {"record": "pain", **cells}


def _cells(fields: dict[str, Any]) -> dict[str, str]:
    return {name: _cell(value) for name, value in fields.items()}


def _cell(value: object) -> str:
    """A value as a CSV cell; only text is escaped against formulas, never a number."""
    if isinstance(value, list | tuple):
        return escape_formula(LIST_SEPARATOR.join(_plain(item) for item in value))
    if isinstance(value, str):
        return escape_formula(value)
    return _plain(value)


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(_plain(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _csv_text(header: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
