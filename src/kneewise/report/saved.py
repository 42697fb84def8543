"""The latest saved assessment, read back from the diary as an `Assessment`.

A check is stamped with the instant it was saved (UTC); the day it belongs to
is that instant's date in the person's zone (`kneewise.diary.days`), never
the UTC date: a check saved at 19:40 in New York is on that evening's day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from kneewise._errors import ReportError
from kneewise.assessment import Assessment
from kneewise.diary import Diary, list_assessments
from kneewise.diary.days import day_of, diary_zone

#: What kneewise said before it recorded open rules, even when nothing had been asked.
OLD_NO_FLAG_REASON = "None of the warning signs kneewise checks for is present in your answers."
#: Said instead of it: an old assessment cannot tell which warning signs were asked.
UNRECORDED_REASON = (
    "This assessment was saved by an earlier kneewise, which did not record which warning "
    "signs were left unanswered; it cannot say that none of them is present."
)


@dataclass(frozen=True)
class SavedAssessment:
    """A saved assessment: when, the intake given, and the answer as a model.

    `created_at` is the instant it was saved (aware, UTC); `day` the person's
    calendar day it fell on (in `zone`, their zone: `diary_zone`).
    """

    id: int
    created_at: dt.datetime
    intake: dict[str, Any]
    assessment: Assessment
    day: dt.date
    zone: dt.tzinfo

    @property
    def local_time(self) -> dt.datetime:
        """The instant it was saved, in the person's zone (for a clock time or an export)."""
        return self.created_at.astimezone(self.zone)


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
    """The newest assessment saved on or before the day `until` (any, when None); None if none.

    Days are the person's (`diary_zone`: the profile's zone, else this computer's).
    """
    zone = diary_zone(diary)
    dated = [(day_of(s.created_at, zone), s) for s in list_assessments(diary)]
    saved = [(day, s) for day, s in dated if until is None or day <= until]
    if not saved:
        return None
    day, last = saved[-1]
    answer = assessment_from_json(last.answer)
    return SavedAssessment(last.id, last.created_at, last.intake, answer, day, zone)
