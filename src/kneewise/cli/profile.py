"""`kneewise profile show|set`: who keeps the diary, the knee of concern, the units shown
and the time zone.

The profile's knee is what `log pain` uses without `--knee`; its units decide
how distances (km or mi) and temperatures (°C or °F) are shown and read on
every command, page and report. Stored numbers stay in km and °C. Its time zone
(an IANA name, checked as on the web page and the API) decides where the person's
day starts; without one, this computer's zone.
"""

from __future__ import annotations

from typing import Annotated

import typer

from kneewise.cli._app import app
from kneewise.cli._errors import fail
from kneewise.cli.diary import console, given, open_or_fail, reported
from kneewise.cli.numbers import AGE, HEIGHT, WEIGHT
from kneewise.diary import ProfileRecord, build, get_profile, update_profile
from kneewise.diary.records import LABELS
from kneewise.diary.units import (
    DEFAULT_DISTANCE_UNIT,
    DEFAULT_TEMPERATURE_UNIT,
    DISTANCE_WORDS,
    TEMPERATURE_WORDS,
)

profile_app = typer.Typer(
    help="Who keeps the diary: age, sports, the knee of concern, km or miles, °C or °F."
)
app.add_typer(profile_app, name="profile")


@profile_app.callback(invoke_without_command=True)
def profile(ctx: typer.Context) -> None:
    """Show the profile (or change it with `profile set`)."""
    if ctx.invoked_subcommand is None:
        profile_show()


def profile_lines(record: ProfileRecord) -> list[tuple[str, str]]:
    """(label, value) pairs in plain words; "not given" for what was never told."""
    shown: dict[str, str] = {}
    for name, value in record.model_dump().items():
        if isinstance(value, tuple | list):
            text = ", ".join(str(v).replace("_", " ") for v in value)
        else:
            text = "" if value is None else str(value)
        shown[name] = text
    if record.height_cm is not None:
        shown["height_cm"] = f"{record.height_cm:g} cm"
    if record.weight_kg is not None:
        shown["weight_kg"] = f"{record.weight_kg:g} kg"
    distance = record.distance_unit or DEFAULT_DISTANCE_UNIT
    temperature = record.temperature_unit or DEFAULT_TEMPERATURE_UNIT
    shown["distance_unit"] = DISTANCE_WORDS[distance] + (
        "" if record.distance_unit else " (default)"
    )
    shown["temperature_unit"] = TEMPERATURE_WORDS[temperature] + (
        "" if record.temperature_unit else " (default)"
    )
    return [(LABELS[name], text or "not given") for name, text in shown.items()]


@profile_app.command("show")
def profile_show() -> None:
    """Show what the diary knows about you."""
    with reported():
        record = get_profile(open_or_fail())
    for label, text in profile_lines(record):
        console.print(f"{label:>17}: {text}")


@profile_app.command("set")
def profile_set(
    age: Annotated[int | None, typer.Option("--age", parser=AGE, help="Years.")] = None,
    sex: Annotated[str | None, typer.Option("--sex", help="female or male.")] = None,
    height: Annotated[
        float | None, typer.Option("--height", parser=HEIGHT, help="Centimetres.")
    ] = None,
    weight: Annotated[
        float | None, typer.Option("--weight", parser=WEIGHT, help="Kilograms.")
    ] = None,
    sport: Annotated[
        list[str] | None, typer.Option("--sport", help="Repeatable; replaces the list.")
    ] = None,
    knee: Annotated[
        str | None,
        typer.Option("--knee", help="left, right or both: what `log pain` uses without --knee."),
    ] = None,
    distance_unit: Annotated[
        str | None,
        typer.Option("--distance-unit", help="km or mi: how distances are shown and typed."),
    ] = None,
    temperature_unit: Annotated[
        str | None,
        typer.Option("--temperature-unit", help="C or F: how temperatures are shown."),
    ] = None,
    time_zone: Annotated[
        str | None,
        typer.Option(
            "--time-zone",
            help="Where you live, as a zone name such as Europe/Oslo: the diary's days "
            "start at midnight there.",
        ),
    ] = None,
) -> None:
    """Change the profile fields given; the others stay as they are."""
    fields = given(
        age=age, sex=sex, height_cm=height, weight_kg=weight, sports=sport, knee=knee,
        distance_unit=distance_unit, temperature_unit=temperature_unit, time_zone=time_zone,
    )  # fmt: skip
    if not fields:
        fail(
            "nothing to change; give at least one of --age, --sex, --height, --weight, "
            "--sport, --knee, --distance-unit, --temperature-unit, --time-zone"
        )
    diary = open_or_fail()
    with reported():
        update_profile(diary, build(ProfileRecord, fields))
    console.print("Profile saved.")
    profile_show()
