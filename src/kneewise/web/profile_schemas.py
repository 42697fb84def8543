"""The shapes `/api/v1/profile` reads and writes.

Inputs only check types; `kneewise.diary.records.ProfileRecord` then applies
every rule, as for the command line. Units only choose how distances and
temperatures are shown: the API itself always speaks km and °C.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from kneewise.diary.days import LONGEST_ZONE_NAME, zone_names
from kneewise.diary.records import Knee, ProfileRecord, Sex
from kneewise.diary.units import DistanceUnit, TemperatureUnit
from kneewise.web.inputs import NAME
from kneewise.web.schemas import Strict, Whole

#: A sport as a name the diary stores (see `kneewise.diary.records.normalise_name`).
Sport = Annotated[str, Field(min_length=1, max_length=40, pattern=NAME, examples=["running"])]


class ProfileIn(Strict):
    """Who keeps the diary: PUT replaces every field (one left out is cleared), PATCH the given."""

    age: Annotated[int, Field(ge=5, le=100), Whole] | None = Field(None, description="years")
    sex: Sex | None = None
    height_cm: float | None = Field(None, ge=100, le=230, description="centimetres")
    weight_kg: float | None = Field(None, ge=25, le=250, description="kilograms")
    sports: list[Sport] | None = Field(None, max_length=20, description="e.g. running")
    knee: Knee | None = Field(None, description="the knee `log pain` uses when none is given")
    distance_unit: DistanceUnit | None = Field(None, description="km or mi (display only)")
    temperature_unit: TemperatureUnit | None = Field(None, description="C or F (display only)")
    time_zone: str | None = Field(
        None,
        min_length=1,
        max_length=LONGEST_ZONE_NAME,
        description="an IANA time zone (the person's day starts at midnight there)",
        examples=["Europe/London"],
        # The schema lists the names the server takes (this computer's zone database),
        # so a client can know what is allowed; the record's own check says it in words.
        json_schema_extra={"enum": list(zone_names())},
    )


class ProfileOut(BaseModel):
    """The profile as stored; null means not told (units: null means km and C; time zone:
    null means this computer's in a personal app, the latest date on Earth as a limit on a
    server)."""

    age: int | None
    sex: Literal["female", "male"] | None
    height_cm: float | None
    weight_kg: float | None
    sports: list[str]
    knee: Knee | None
    distance_unit: DistanceUnit | None
    temperature_unit: TemperatureUnit | None
    time_zone: str | None

    @classmethod
    def of(cls, record: ProfileRecord) -> ProfileOut:
        fields = record.model_dump()
        fields["sports"] = list(record.sports)
        return cls(**fields)
