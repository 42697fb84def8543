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
from kneewise.evaluation.text import evaluate_text, with_narrative
from kneewise.language.evaluate import field_scores, load_narratives, safety_misses

DEFAULT_VIGNETTES = Path("tests/vignettes")
DEFAULT_NARRATIVES = Path("tests/narratives")


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


def _text_figures(from_text: Report, full: Report) -> Table:
    table = Table("measure", "from text alone", "full intake", title_justify="left",
                  title=f"Free text: {len(from_text.cases)} vignette narratives")  # fmt: skip
    table.add_row("triage accuracy", f"{from_text.triage_accuracy:.1%}",
                  f"{full.triage_accuracy:.1%}")  # fmt: skip
    table.add_row("under-triage", str(len(from_text.under_triage)), str(len(full.under_triage)))
    table.add_row("top-1 condition", f"{from_text.top_k(1):.1%}", f"{full.top_k(1):.1%}")
    table.add_row("top-3 conditions", f"{from_text.top_k(3):.1%}", f"{full.top_k(3):.1%}")
    return table


def _parser_figures(narratives: Path) -> Table:
    stories = load_narratives(narratives)
    scores = field_scores(stories)
    table = Table("field", "precision", "recall", "n", title_justify="left",
                  title=f"Parser on {len(stories)} narratives ({narratives})")  # fmt: skip
    for name, score in sorted(scores.items(), key=lambda item: item[0] != "overall"):
        support = score.true_positive + score.false_negative
        table.add_row(name, f"{score.precision:.2f}", f"{score.recall:.2f}", str(support))
    misses = safety_misses(stories)
    table.caption = f"negated or unsaid red flags read as present: {len(misses)}"
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
    text: Annotated[
        bool,
        typer.Option(
            "--text",
            help="Also assess each vignette from its narrative alone, "
            "and score the parser on the narratives folder.",
        ),
    ] = False,
    narratives: Annotated[
        Path, typer.Option("--narratives", help="Folder of parser narratives (with --text).")
    ] = DEFAULT_NARRATIVES,
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
    if text:
        try:
            console.print(_parser_figures(narratives))
        except KneewiseError as error:
            fail(error)
        from_text = evaluate_text(with_narrative(cases))
        console.print(_text_figures(from_text, report))
        if from_text.misses:
            console.print(_misses(from_text))
