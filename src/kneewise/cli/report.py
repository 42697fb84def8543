"""`kneewise report` (the PDF for the doctor) and `kneewise fhir` (the diary as a FHIR bundle)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from kneewise._errors import ReportError
from kneewise.cli._app import app
from kneewise.cli.diary import console, open_or_fail, reported
from kneewise.diary import parse_day

DEFAULT_WEEKS = 8


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ReportError(f"cannot write {path}: {exc.strerror}") from None


@app.command("report")
def report(
    start: Annotated[
        str | None,
        typer.Option("--from", help=f"First day (default: {DEFAULT_WEEKS} weeks before --to)."),
    ] = None,
    end: Annotated[
        str, typer.Option("--to", help="Last day: YYYY-MM-DD, today, yesterday or -N.")
    ] = "today",
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the PDF.")] = Path(
        "kneewise-report.pdf"
    ),
) -> None:
    """A PDF for the doctor: your story, the latest assessment, charts and questions to ask."""
    from kneewise.knowledge.load import load_knowledge
    from kneewise.report import doctor_report

    diary = open_or_fail()
    with reported():
        last = parse_day(end)
        first = parse_day(start) if start else last - dt.timedelta(weeks=DEFAULT_WEEKS)
        _write(out, doctor_report(diary, first, last, load_knowledge()))
    console.print(f"Wrote the report for {first} to {last} to {out}")


@app.command("fhir")
def fhir(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Where to write the JSON bundle.")
    ] = Path("kneewise-fhir.json"),
) -> None:
    """The diary as a FHIR R4 Bundle: Patient, pain Observations, questionnaires, assessment."""
    from kneewise.interop import fhir_bundle

    diary = open_or_fail()
    with reported():
        bundle = fhir_bundle(diary)
        _write(out, (json.dumps(bundle, indent=2, ensure_ascii=False) + "\n").encode())
    console.print(f"Wrote {len(bundle.get('entry', []))} FHIR resources to {out}")
