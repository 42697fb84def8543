"""The training and pain diary: storage, imports, exports and frames for the analytics.

Typical use::

    diary = open_diary()                      # settings decide where; migrates on first use
    add_session(diary, build(SessionRecord, {"date": "today", ...}))
    sessions_frame(diary), pain_frame(diary)  # Polars frames for kneewise.analytics
"""

from __future__ import annotations

from kneewise.diary.export import diary_csv, export_csv, export_document, export_json
from kneewise.diary.frames import PAIN_SCHEMA, SESSIONS_SCHEMA, pain_frame, sessions_frame
from kneewise.diary.importers import FORMATS, ImportOptions, ImportReport, import_file
from kneewise.diary.records import (
    ExerciseRecord,
    PainEntryRecord,
    ProfileRecord,
    SessionRecord,
    build,
    parse_day,
    parse_exercise,
)
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
