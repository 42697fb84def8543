"""A programme as a FHIR R4B CarePlan, validated with `fhir.resources.R4B`.

One activity per exercise dose of every stage: the stages done are
`completed`, the current one `in-progress`, later ones `not-started` (all
`stopped` or `completed` when the programme ended). Each activity's
`scheduledTiming` repeats `per_week` times a week; its description gives
the dose, the load and the sources. Stage changes, with their sentences,
are the CarePlan's notes. The subject is a display-only reference: the
diary holds no name or identifier.
"""

from __future__ import annotations

import uuid
from typing import Any

from fhir.resources.R4B.careplan import CarePlan
from pydantic import ValidationError

from kneewise._errors import ReportError
from kneewise.diary.storage import Diary
from kneewise.programmes.citations import citations, labels
from kneewise.programmes.model import Library, Programme
from kneewise.programmes.store import Enrolment, enrolments

_NAMESPACE = uuid.UUID("6f0b8a52-95c6-4d8e-a43e-1e5f4d0c9a10")
PLAN_STATUS = {"active": "active", "finished": "completed", "stopped": "revoked"}


def _activity_status(enrolment: Enrolment, stage_index: int, current: int) -> str:
    if enrolment.status == "finished":
        return "completed"
    if enrolment.status == "stopped":
        return "completed" if stage_index < current else "stopped"
    if stage_index < current:
        return "completed"
    return "in-progress" if stage_index == current else "not-started"


def careplan(
    enrolment: Enrolment,
    programme: Programme,
    library: Library,
    subject: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The enrolment as a validated CarePlan (JSON-ready dict); ReportError if it is not valid.

    `subject` is the Patient reference inside a bundle (`{"reference": "urn:uuid:…"}`); alone,
    the plan names the person in words.
    """
    current = programme.stage_index(enrolment.stage_id)
    activities = []
    for index, stage in enumerate(programme.stages):
        for dose in stage.doses:
            exercise = library.exercises[dose.exercise]
            # Says which figures were read only second-hand or not confirmed (citations.labels).
            cited = ", ".join(labels(citations(library, dose.cites)))
            load = f"; {dose.load}" if dose.load else ""
            activities.append(
                {
                    "detail": {
                        "kind": "ServiceRequest",
                        "code": {"text": exercise.name},
                        "status": _activity_status(enrolment, index, current),
                        "scheduledTiming": {
                            "repeat": {"frequency": dose.per_week, "period": 1, "periodUnit": "wk"}
                        },
                        "description": (
                            f"Stage {index + 1}, {stage.name}: {dose.amount()}{load} ({cited})"
                        ),
                    }
                }
            )
    period: dict[str, str] = {"start": enrolment.started_on.isoformat()}
    if enrolment.ended_on is not None:
        period["end"] = enrolment.ended_on.isoformat()
    notes = [
        {"time": f"{change['date']}T00:00:00Z", "text": change["sentence"]}
        for change in enrolment.stage_changes
        if change.get("sentence")
    ]
    data: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": str(uuid.uuid5(_NAMESPACE, f"enrolment/{enrolment.id}")),
        "status": PLAN_STATUS.get(enrolment.status, "unknown"),
        "intent": "plan",
        "title": programme.name,
        "description": programme.summary,
        "subject": subject or {"display": "the person keeping this diary"},
        "period": period,
        "activity": activities,
    }
    if notes:
        data["note"] = notes
    try:
        plan = CarePlan.model_validate(data)
    except ValidationError as exc:
        raise ReportError(f"the CarePlan is not valid R4B: {exc.errors()[0]['msg']}") from None
    dumped: dict[str, Any] = plan.model_dump(mode="json", exclude_none=True)
    return dumped


def careplans(diary: Diary, library: Library, subject: dict[str, str]) -> list[dict[str, Any]]:
    """Every programme ever started in `diary` as a CarePlan for `subject`, oldest first.

    An enrolment whose programme is no longer in the library is left out rather than
    exported without its activities (its sessions stay in the diary).
    """
    return [
        careplan(enrolment, library.programmes[enrolment.programme_id], library, subject)
        for enrolment in reversed(enrolments(diary))
        if enrolment.programme_id in library.programmes
    ]
