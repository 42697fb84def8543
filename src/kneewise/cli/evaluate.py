"""`kneewise eval`: how kneewise does on the clinical vignettes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kneewise._errors import KneewiseError
from kneewise.cli._app import app
from kneewise.cli._errors import fail
from kneewise.evaluation import Report, evaluate, load_vignettes
from kneewise.evaluation.interview import InterviewReport, evaluate_interview

DEFAULT_VIGNETTES = Path("tests/vignettes")


def _figures(report: Report) -> Table:
    table = Table("measure", "value", title=f"{len(report.cases)} vignettes", title_justify="left")
    table.add_row("triage accuracy", f"{report.triage_accuracy:.1%}")
    table.add_row("under-triage", f"{len(report.under_triage)} vignette(s)")
    table.add_row("over-triage", f"{len(report.over_triage)} vignette(s)")
    table.add_row("top-1 condition", f"{report.top_k(1):.1%}")
    table.add_row("top-3 conditions", f"{report.top_k(3):.1%}")
    return table


def _misses(report: Report) -> Table:
    table = Table("vignette", "triage (acceptable)", "rank", "top 3", title="Misses")
    for case in report.misses:
        mark = "UNDER " if case.under_triaged else ("over " if case.over_triaged else "")
        allowed = ", ".join(case.vignette.acceptable_triage)
        table.add_row(
            case.vignette.id,
            f"{mark}{case.level} ({allowed})",
            str(case.rank) if case.rank else "—",
            ", ".join(case.top),
        )
    return table


def _interview_figures(interviewed: InterviewReport, full: Report) -> Table:
    report = interviewed.report
    table = Table("measure", "interview", "full intake", title="Adaptive interview",
                  title_justify="left")  # fmt: skip
    table.add_row("questions asked (median)", f"{interviewed.median_questions:g}", "—")
    table.add_row("questions asked (90th percentile)", f"{interviewed.p90_questions:g}", "—")
    table.add_row("triage accuracy", f"{report.triage_accuracy:.1%}", f"{full.triage_accuracy:.1%}")
    table.add_row("under-triage", str(len(report.under_triage)), str(len(full.under_triage)))
    table.add_row("top-3 conditions", f"{report.top_k(3):.1%}", f"{full.top_k(3):.1%}")
    return table


@app.command("eval")
def eval_command(
    vignettes: Annotated[
        Path, typer.Option("--vignettes", help="Folder of vignette YAML files.")
    ] = DEFAULT_VIGNETTES,
    interview: Annotated[
        bool,
        typer.Option("--interview", help="Also run the adaptive interview on each vignette."),
    ] = False,
) -> None:
    """Triage accuracy, under- and over-triage, top-1/top-3 accuracy, and the misses."""
    try:
        cases = load_vignettes(vignettes)
    except KneewiseError as error:
        fail(error)
    report = evaluate(cases)
    console = Console()
    console.print(_figures(report))
    if report.misses:
        console.print(_misses(report))
    if interview:
        interviewed = evaluate_interview(cases)
        console.print(_interview_figures(interviewed, report))
        if interviewed.report.misses:
            console.print(_misses(interviewed.report))
