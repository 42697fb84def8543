"""kneewise's own JSON export (`kneewise export`, format `kneewise-diary`) read back.

The sessions and pain entries go through the same checks and the same
all-or-nothing save as every other import (a bad one is named by its place in
the file: "session 3"); importing the export into an empty diary gives the
same records. The profile fills in only what the diary's profile does not say
yet (`profile_changes`). The other parts are not imported, and the report names
them: assessments and questionnaire answers keep the date they were made on,
which an import would change; exercise programmes belong to their stage
history; an account's shares, access tokens and log of who saw the data belong
to the account that exported them, never to the one importing.
"""

from __future__ import annotations

import json
from typing import Any

from kneewise._errors import ImportFileError, RecordError, RowProblem
from kneewise.diary.importers._common import ImportOptions, ParsedFile, Progress
from kneewise.diary.records import ProfileRecord, build

EXPORT_FORMAT = "kneewise-diary"
#: The export versions this reader knows (see `kneewise.diary.export`).
EXPORT_VERSIONS = (1, 2)
CHECK_EVERY = 200
#: Parts of an export left out of an import, in words, for the report.
LEFT_OUT = {
    "assessments": "assessment(s)",
    "questionnaire_answers": "questionnaire answer(s)",
    "programmes": "exercise programme(s)",
    "shared_with": "share(s)",
    "access_tokens": "access token(s)",
    "audit_log": "record(s) of who saw the data",
}
_ID = "id"  # the exporting diary's own numbering: the importing diary numbers anew


def looks_like_json(head: str) -> bool:
    """Whether the start of a file (BOM and space removed) is a JSON object."""
    return head.startswith("{")


def parse(text: str, options: ImportOptions, progress: Progress) -> ParsedFile:
    """Read an export's sessions, pain entries and profile; bad ones are collected, not raised.

    Raises `ImportFileError` when the text is not JSON or not a kneewise export.
    """
    document = _document(text)
    parsed = ParsedFile()
    records = _items(document, "sessions", "session", parsed)
    records += _items(document, "pain_entries", "pain entry", parsed)
    for done, (where, fields) in enumerate(records, start=1):
        if where.startswith("session"):
            parsed.add_session(where, fields, options)
        else:
            parsed.add_pain_entry(where, fields)
        if done % CHECK_EVERY == 0:
            progress("checking", done, len(records))
    parsed.profile = _profile(document.get("profile"), parsed)
    parsed.notes.extend(_left_out(document))
    return parsed


def _document(text: str) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"this is not a JSON file kneewise can read (line {exc.lineno}, column "
            f"{exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise ImportFileError(
            "this JSON file is nested too deeply to be a kneewise export"
        ) from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ImportFileError(
            f'this JSON file is not a kneewise export (it has no "format": "{EXPORT_FORMAT}"); '
            "kneewise imports its own JSON export, a diary CSV, Strava's activities.csv, "
            "GPX or FIT"
        )
    version = document.get("version")
    if version not in EXPORT_VERSIONS or isinstance(version, bool):
        shown = json.dumps(version)[:20]
        raise ImportFileError(
            f"this kneewise export is version {shown}; this kneewise reads versions "
            f"{' and '.join(map(str, EXPORT_VERSIONS))} (update kneewise to import it)"
        )
    return document


def _items(
    document: dict[str, Any], part: str, label: str, parsed: ParsedFile
) -> list[tuple[str, dict[str, Any]]]:
    """Each record of one part, named by its place ("session 3"), without its old id."""
    items = document.get(part, [])
    if not isinstance(items, list):
        parsed.problems.append(RowProblem(part.replace("_", " "), "must be a list of records"))
        return []
    kept: list[tuple[str, dict[str, Any]]] = []
    for number, item in enumerate(items, start=1):
        where = f"{label} {number}"
        if isinstance(item, dict):
            kept.append((where, {name: value for name, value in item.items() if name != _ID}))
        else:
            parsed.problems.append(RowProblem(where, "must be a record ({...})"))
    return kept


def _profile(value: object, parsed: ParsedFile) -> ProfileRecord | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        parsed.problems.append(RowProblem("profile", "must be a record ({...})"))
        return None
    told = {name: item for name, item in value.items() if item not in (None, [], ())}
    try:
        return build(ProfileRecord, told)
    except RecordError as exc:
        parsed.problems.extend(RowProblem("profile", problem) for problem in exc.problems)
        return None


def _left_out(document: dict[str, Any]) -> list[str]:
    counts = [
        f"{len(items)} {words}"
        for part, words in LEFT_OUT.items()
        if isinstance(items := document.get(part), list) and items
    ]
    if not counts:
        return []
    return [
        "Not imported (only sessions, pain entries and the profile are): "
        + ", ".join(counts)
        + "; they stay in the file."
    ]


def profile_changes(file_profile: ProfileRecord, current: ProfileRecord) -> ProfileRecord:
    """The fields of `file_profile` that `current` does not say yet (nothing is overwritten)."""
    missing = {
        name: getattr(file_profile, name)
        for name in file_profile.model_fields_set
        if getattr(current, name) in (None, ())
    }
    return ProfileRecord.model_validate(missing)
