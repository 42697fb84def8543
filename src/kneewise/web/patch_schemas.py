"""Inputs of PATCH: the PUT model of a diary entry with every field optional.

Made from `SessionIn` and `PainIn`, so a PATCH accepts exactly what a PUT
accepts field by field (types, ranges, patterns). Only the fields sent
change; `null` clears an optional one. The merged entry is then checked as a
whole by the diary's records, as every other way in is. A PATCH that makes a
session 0 minutes says in the same body that it is a rest day (`activity`),
so the schema can state the rule without the stored session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import ConfigDict, Field, create_model, model_validator
from pydantic.fields import FieldInfo

from kneewise.diary.records import REST_ACTIVITIES, REST_NAME, normalise_name
from kneewise.web.schemas import PainIn, SessionIn, Strict


def _rest_day_patch_schema(schema: dict[str, Any]) -> None:
    schema["if"] = {"required": ["duration_min"], "properties": {"duration_min": {"const": 0}}}
    schema["then"] = {"required": ["activity"], "properties": {"activity": {"pattern": REST_NAME}}}


class _SessionPatchBase(Strict):
    """0 minutes only with a rest day's activity in the same PATCH (as the schema says)."""

    model_config = ConfigDict(json_schema_extra=_rest_day_patch_schema)

    @model_validator(mode="after")
    def _zero_only_at_rest(self) -> _SessionPatchBase:
        if getattr(self, "duration_min", None) == 0:
            activity = getattr(self, "activity", None)
            if not isinstance(activity, str) or normalise_name(activity) not in REST_ACTIVITIES:
                raise ValueError(
                    "duration_min must be more than 0 minutes; 0 minutes is a rest day: "
                    "send activity rest with it"
                )
        return self


def _optional(info: FieldInfo) -> tuple[Any, Any]:
    """The field's type (with its rules), or null where the entry may lack it.

    A field every entry has (a date, a knee, a duration) may be left out of a
    PATCH but not cleared: the schema gives it no null, as the records refuse one.
    """
    inner: Any = info.annotation
    if info.metadata:
        inner = Annotated[(inner, *info.metadata)]  # the rules apply to the value, not to null
    extra = info.json_schema_extra

    def value_schema(schema: dict[str, Any]) -> None:
        # The PUT field's own schema (e.g. a diary day's range) on the non-null branch.
        for branch in schema.get("anyOf", [schema]):
            if branch.get("type") != "null" and callable(extra):
                extra(branch)

    field = Field(
        None,
        description=info.description,
        examples=info.examples,
        json_schema_extra=value_schema if callable(extra) else extra,
    )
    return (inner if info.is_required() else inner | None), field


def _partial(model: type[Strict], name: str, doc: str, base: type[Strict] = Strict) -> type[Strict]:
    fields = {field: _optional(info) for field, info in model.model_fields.items()}
    partial: type[Strict] = create_model(name, __base__=base, __doc__=doc, **fields)  # type: ignore[call-overload]
    return partial


if TYPE_CHECKING:  # the same fields to the type checker; all optional at run time
    SessionPatch = SessionIn
    PainPatch = PainIn
else:
    SessionPatch = _partial(
        SessionIn,
        "SessionPatch",
        "Fields of a training session to change; the others are kept.",
        _SessionPatchBase,
    )
    PainPatch = _partial(
        PainIn, "PainPatch", "Fields of a pain entry to change; the others are kept."
    )
