"""The latest saved assessment, read back from the diary as an `Assessment`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from kneewise._errors import ReportError
from kneewise.assessment import Assessment
from kneewise.diary import Diary, list_assessments

#: What kneewise said before it recorded open rules, even when nothing had been asked.
OLD_NO_FLAG_REASON = "None of the warning signs kneewise checks for is present in your answers."
#: Said instead of it: an old assessment cannot tell which warning signs were asked.
UNRECORDED_REASON = (
    "This assessment was saved by an earlier kneewise, which did not record which warning "
    "signs were left unanswered; it cannot say that none of them is present."
)


@dataclass(frozen=True)
class SavedAssessment:
    """A saved assessment: when, the intake given, and the answer as a model."""

    id: int
    created_at: dt.datetime
    intake: dict[str, Any]
    assessment: Assessment


def assessment_from_json(data: Mapping[str, Any]) -> Assessment:
    """Read the public JSON shape (`Assessment.to_json_dict()`) back into the model.

    The same model as the CLI's JSON and the API's answer reads it, by its
    public names (`schema`, `for`). Documents saved by an earlier kneewise
    still read: one without `knowledge_hash` reads with it None (not recorded,
    never guessed), and one saved before the triage recorded its open rules
    (`undecided`) may claim "no warning signs" for questions never asked, so
    that claim is replaced by a sentence saying it cannot be made.

    Raises ReportError naming the first field that does not fit.
    """
    fields = dict(data)
    triage = fields.get("triage")
    if isinstance(triage, Mapping) and "undecided" not in triage:
        reasons = triage.get("reasons")
        if isinstance(reasons, list):
            fixed = [UNRECORDED_REASON if r == OLD_NO_FLAG_REASON else r for r in reasons]
            fields["triage"] = {**triage, "reasons": fixed}
    try:
        return Assessment.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ReportError(f"a saved assessment cannot be read: {where}: {first['msg']}") from None


def latest_assessment(diary: Diary, until: dt.date | None = None) -> SavedAssessment | None:
    """The newest assessment saved on or before `until` (any, when None); None if none."""
    saved = [s for s in list_assessments(diary) if until is None or s.created_at.date() <= until]
    if not saved:
        return None
    last = saved[-1]
    return SavedAssessment(last.id, last.created_at, last.intake, assessment_from_json(last.answer))
