"""The training and pain diary: storage, imports, exports and frames for the analytics.

Typical use::

    diary = open_diary()                      # settings decide where; migrates on first use
    add_session(diary, build(SessionRecord, {"date": "today", ...}))
    sessions_frame(diary), pain_frame(diary)  # Polars frames for kneewise.analytics
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from kneewise.diary.records import (
    ExerciseRecord,
    PainEntryRecord,
    ProfileRecord,
    SessionRecord,
    build,
    parse_day,
    parse_exercise,
)

if TYPE_CHECKING:
    from kneewise.diary.export import diary_csv, export_csv, export_document, export_json
    from kneewise.diary.frames import PAIN_SCHEMA, SESSIONS_SCHEMA, pain_frame, sessions_frame
    from kneewise.diary.importers import FORMATS, ImportOptions, ImportReport, import_file
    from kneewise.diary.repository import (
        StoredAssessment,
        StoredQuestionnaire,
        add_questionnaire_answer,
        add_session,
        count_records,
        delete_everything,
        delete_pain_entry,
        delete_session,
        get_profile,
        list_assessments,
        list_pain_entries,
        list_questionnaire_answers,
        list_sessions,
        log_pain,
        save_assessment,
        update_profile,
    )
    from kneewise.diary.storage import Diary, downgrade_to, open_diary, upgrade_to

# Storage, frames, imports and exports load SQLAlchemy, Alembic, polars and the file
# parsers: they are imported on first use (PEP 562), so `kneewise log pain` or
# `kneewise --help` pays only for what it touches.
_LAZY: dict[str, str] = {
    "diary_csv": "kneewise.diary.export",
    "export_csv": "kneewise.diary.export",
    "export_document": "kneewise.diary.export",
    "export_json": "kneewise.diary.export",
    "PAIN_SCHEMA": "kneewise.diary.frames",
    "SESSIONS_SCHEMA": "kneewise.diary.frames",
    "pain_frame": "kneewise.diary.frames",
    "sessions_frame": "kneewise.diary.frames",
    "FORMATS": "kneewise.diary.importers",
    "ImportOptions": "kneewise.diary.importers",
    "ImportReport": "kneewise.diary.importers",
    "import_file": "kneewise.diary.importers",
    "StoredAssessment": "kneewise.diary.repository",
    "StoredQuestionnaire": "kneewise.diary.repository",
    "add_questionnaire_answer": "kneewise.diary.repository",
    "add_session": "kneewise.diary.repository",
    "count_records": "kneewise.diary.repository",
    "delete_everything": "kneewise.diary.repository",
    "delete_pain_entry": "kneewise.diary.repository",
    "delete_session": "kneewise.diary.repository",
    "get_profile": "kneewise.diary.repository",
    "list_assessments": "kneewise.diary.repository",
    "list_pain_entries": "kneewise.diary.repository",
    "list_questionnaire_answers": "kneewise.diary.repository",
    "list_sessions": "kneewise.diary.repository",
    "log_pain": "kneewise.diary.repository",
    "save_assessment": "kneewise.diary.repository",
    "update_profile": "kneewise.diary.repository",
    "Diary": "kneewise.diary.storage",
    "downgrade_to": "kneewise.diary.storage",
    "open_diary": "kneewise.diary.storage",
    "upgrade_to": "kneewise.diary.storage",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kneewise.diary' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "FORMATS",
    "PAIN_SCHEMA",
    "SESSIONS_SCHEMA",
    "Diary",
    "ExerciseRecord",
    "ImportOptions",
    "ImportReport",
    "PainEntryRecord",
    "ProfileRecord",
    "SessionRecord",
    "StoredAssessment",
    "StoredQuestionnaire",
    "add_questionnaire_answer",
    "add_session",
    "build",
    "count_records",
    "delete_everything",
    "delete_pain_entry",
    "delete_session",
    "diary_csv",
    "downgrade_to",
    "export_csv",
    "export_document",
    "export_json",
    "get_profile",
    "import_file",
    "list_assessments",
    "list_pain_entries",
    "list_questionnaire_answers",
    "list_sessions",
    "log_pain",
    "open_diary",
    "pain_frame",
    "parse_day",
    "parse_exercise",
    "save_assessment",
    "sessions_frame",
    "update_profile",
    "upgrade_to",
]
