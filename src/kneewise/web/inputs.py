"""What the API accepts, stated once for both the validator and the OpenAPI schema.

Each rule here is checked by the server and written into the schema with the
same pattern or list, so a client that validates against the schema sends
nothing the server refuses, and the server takes everything the schema allows
(issue 12 item 11; `tests/web/test_schemathesis.py` checks both ways).

- `date_pattern(today)`: YYYY-MM-DD from 1970-01-01 (`EARLIEST_DATE`) to today
  where it is latest on Earth, the diary's own range (`kneewise.diary.records`);
- `LOCAL_TIME`: HH:MM[:SS[.ffffff]], a real time of day without a time zone;
- `NAME`: an activity or exercise name as the diary stores it (letters and
  digits of every script, spaces, `_` and `-`, starting with a letter or digit);
- `intake_schema()`: an intake, v1 unless `"schema": "kneewise.intake/2"`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import Path
from pydantic import BeforeValidator, ConfigDict, Field, field_validator

from kneewise.diary.names import name_pattern
from kneewise.diary.records import EARLIEST_DATE, PAIN_FINDINGS, latest_date
from kneewise.intake import INTAKE_FIELDS, INTAKE_V1, INTAKE_V2, V2_ONLY, Intake
from kneewise.interview import Evidence

#: A day written YYYY-MM-DD ([0-9], not \\d: Python's \\d also takes other scripts' digits).
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: A time of day as the person lived it; an offset would be silently dropped, so none.
LOCAL_TIME = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?$"
#: A name that `kneewise.diary.records.normalise_name` turns into a stored name: letters
#: and digits of every script (`kneewise.diary.names`).
NAME = name_pattern()
#: The pattern, not `format: time`: RFC 3339's time needs the offset the server refuses.
LOCAL_TIME_SCHEMA = {
    "type": "string",
    "pattern": LOCAL_TIME,
    "description": "a local time of day, HH:MM or HH:MM:SS, without a time zone",
}
CONTRADICTIONS = (
    "Answers that cannot both be true (swollen false with a swelling time, "
    "weeks_since_surgery with had_knee_surgery false, a dont_know naming an answered "
    "field, a mentioned_only naming an unanswered one) are refused with a 422 naming "
    "both; JSON Schema cannot compare one field with another."
)


#: The largest id a diary record may have (SQLite's INTEGER is 64-bit; ours stay 32-bit).
MAX_RECORD_ID = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")


def _digits_only(value: object) -> object:
    """A path id as written: ASCII digits only, so `1.0`, `+1`, `1_0` or ` 1` are refused.

    Pydantic's lax mode reads "1.0" as 1, so without this `/sessions/1.0` would
    reach session 1 although the schema says `integer`.
    """
    if isinstance(value, str) and not _DIGITS.fullmatch(value):
        raise ValueError(f"an id is a whole number from 1 to {MAX_RECORD_ID}, in digits only")
    return value


#: A diary record's id in a URL path (`/api/v1/sessions/{session_id}`, the diary's edit
#: pages): a whole number from 1 to 2**31 - 1 written in digits; anything else is a 422.
RecordId = Annotated[
    Annotated[int, Field(ge=1, le=MAX_RECORD_ID)],  # bounds here: the schema shows them
    BeforeValidator(_digits_only),
    Path(description="the record's id"),
]


def whole_number(value: object) -> object:
    """A JSON number with no fraction (9.0) as the whole number it is; anything else as given.

    JSON Schema's `integer` takes 9.0, so the server must too; `true` stays refused.
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def intake_whole_numbers(fields: object) -> object:
    """An intake object with its whole-number fields' 9.0 read as 9 (see `whole_number`)."""
    if not isinstance(fields, dict):
        return fields
    return {
        name: whole_number(value)
        if name in INTAKE_FIELDS and INTAKE_FIELDS[name].kind == "int"
        else value
        for name, value in fields.items()
    }


def _either(items: list[str]) -> str:
    return "(?:" + "|".join(items) + ")"


def date_pattern(today: dt.date) -> str:
    """A pattern for the days from `EARLIEST_DATE` to `today`, written YYYY-MM-DD.

    Whether the day exists (no 30 February) is the `date` format's part.
    """
    start = EARLIEST_DATE.year
    parts = []
    if today.year > start:
        years = [str(year) for year in range(start, today.year)]
        parts.append(_either(years) + "-[0-9]{2}-[0-9]{2}")
    if today.month > 1:
        months = [f"{month:02d}" for month in range(1, today.month)]
        parts.append(f"{today.year}-" + _either(months) + "-[0-9]{2}")
    days = [f"{day:02d}" for day in range(1, today.day + 1)]
    parts.append(f"{today.year}-{today.month:02d}-" + _either(days))
    return "^" + _either(parts) + "$"


#: Days the API also takes in words, and how many days before the person's today each is.
DAY_WORDS: dict[str, int] = {"today": 0, "yesterday": 1}


def diary_date_schema(schema: dict[str, Any]) -> None:
    """The JSON schema of a diary day: built when the schema is, so 'today' is today.

    YYYY-MM-DD, or one of `DAY_WORDS` (read in the person's zone, as every date
    message says they may be written).
    """
    for key in ("type", "format", "pattern"):
        schema.pop(key, None)
    written = {"type": "string", "format": "date", "pattern": date_pattern(latest_date())}
    schema.update(
        anyOf=[written, {"type": "string", "enum": list(DAY_WORDS)}],
        description=f"a day written YYYY-MM-DD, from {EARLIEST_DATE} to today "
        "(today anywhere on Earth, so a day already begun in UTC+14 counts), or the word "
        "'today' or 'yesterday', read in your profile's time zone",
    )


def intake_schema() -> dict[str, Any]:
    """An intake's JSON schema: v1 without a `schema` key, v2 fields only with v2's key."""
    schema = Intake.model_json_schema()
    properties = schema["properties"]
    fields = list(INTAKE_FIELDS)
    lists = [name for name, spec in INTAKE_FIELDS.items() if spec.kind == "choices"]
    properties["dont_know"]["items"] = {"enum": fields}
    properties["mentioned_only"]["items"] = {"enum": lists}
    schema["properties"] = {
        "schema": {
            "enum": [INTAKE_V1, INTAKE_V2],
            "description": f"absent means {INTAKE_V1}; the fields new in v2 need {INTAKE_V2} "
            "(docs/intake-v2.md)",
        },
        **properties,
    }
    schema["if"] = {"required": ["schema"], "properties": {"schema": {"const": INTAKE_V2}}}
    schema["else"] = {"properties": dict.fromkeys(V2_ONLY, False)}
    schema["description"] = f"{schema.get('description', '')} {CONTRADICTIONS}".strip()
    return schema


def _evidence_schema(schema: dict[str, Any]) -> None:
    answers = intake_schema()
    for name in ("schema", "dont_know", "mentioned_only"):
        answers["properties"].pop(name)
    for name in ("if", "else"):
        answers.pop(name)
    answers.pop("title", None)
    schema["properties"]["answers"] = {
        **answers,
        "description": "the answers so far: intake fields (v2) by name",
    }
    schema["properties"]["unknown"]["items"] = {"enum": list(INTAKE_FIELDS)}


class EvidenceIn(Evidence):
    """The interview's evidence as the API takes it: strict types (`0` is not `false`)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, json_schema_extra=_evidence_schema
    )

    @field_validator("answers", mode="before")
    @classmethod
    def _whole_numbers(cls, answers: object) -> object:
        return intake_whole_numbers(answers)


def pain_finding_schema(schema: dict[str, Any]) -> None:
    """A pain entry names at least one finding (`PAIN_FINDINGS`) that is not null."""
    schema["anyOf"] = [
        {"required": [name], "properties": {name: {"not": {"type": "null"}}}}
        for name in PAIN_FINDINGS
    ]
