"""`kneewise eval`: how kneewise does on the clinical vignettes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from kneewise._errors import KneewiseError
from kneewise.cli._app import app
from kneewise.cli._errors import fail
from kneewise.evaluation import Report, evaluate, load_vignettes
from kneewise.knowledge.load import load_knowledge
from kneewise.knowledge.model import KnowledgeBase

# The interview and free-text evaluations load the parser (spaCy): only with --interview
# or --text, never for `kneewise --help`.
if TYPE_CHECKING:
    from kneewise.evaluation.interview import InterviewReport

DEFAULT_VIGNETTES = Path("tests/vignettes")
DEFAULT_NARRATIVES = Path("tests/narratives")


def _figures(report: Report) -> Table:
    table = Table("measure", "value", title=f"{len(report.cases)} vignettes", title_justify="left")
    table.add_row("triage accuracy", f"{report.triage_accuracy:.1%}")
    table.add_row("under-triage", f"{len(report.under_triage)} vignette(s)")
    table.add_row("over-triage", f"{len(report.over_triage)} vignette(s)")
    withheld = len(report.cases) - len(report.ranked)
    if withheld:  # a child under the priors' youngest age: triage only, no causes to rank
        table.add_row("no causes listed (age)", f"{withheld} vignette(s), not in the top-k")
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


def serious_under_triage(report: Report) -> list[str]:
    """Vignettes that must be seen today or at once and were given a lower level."""
    return [
        case.vignette.id
        for case in report.under_triage
        if set(case.vignette.acceptable_triage) <= {"urgent", "emergency"}
    ]


def _interview_figures(interviewed: InterviewReport, full: Report) -> Table:
    first, report = interviewed.first_report, interviewed.report
    table = Table("measure", "interview", "full intake", title="Adaptive interview",
                  title_justify="left")  # fmt: skip
    table.add_row("screens before the first result (median)",
                  f"{interviewed.median_first_questions:g}", "—")  # fmt: skip
    table.add_row("screens in all, optional ones too (median)",
                  f"{interviewed.median_questions:g}", "—")  # fmt: skip
    table.add_row("screens in all (90th percentile)", f"{interviewed.p90_questions:g}", "—")
    table.add_row("triage accuracy (first result)", f"{first.triage_accuracy:.1%}",
                  f"{full.triage_accuracy:.1%}")  # fmt: skip
    table.add_row("under-triage", str(len(first.under_triage)), str(len(full.under_triage)))
    table.add_row("top-3 conditions", f"{report.top_k(3):.1%}", f"{full.top_k(3):.1%}")
    return table


def _modes_figures(from_text: Report, interview: InterviewReport, both: InterviewReport) -> Table:
    """Text alone, interview alone, and words first then the interview (the web check)."""
    table = Table("measure", "text alone", "interview alone", "text, then interview",
                  title=f"Three ways in: {len(both.runs)} vignettes with a narrative",
                  title_justify="left")  # fmt: skip
    reports = (from_text, interview.first_report, both.first_report)
    table.add_row("triage accuracy", *(f"{r.triage_accuracy:.1%}" for r in reports))
    table.add_row("urgent/emergency under-triaged",
                  *(str(len(serious_under_triage(r))) for r in reports))  # fmt: skip
    finals = (from_text, interview.report, both.report)
    table.add_row("top-3 conditions", *(f"{r.top_k(3):.1%}" for r in finals))
    table.add_row("screens before the first result (median)", "0",
                  f"{interview.median_first_questions:g}",
                  f"{both.median_first_questions:g}")  # fmt: skip
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


def _parser_figures(narratives: Path, kb: KnowledgeBase) -> Table:
    from kneewise.language.evaluate import field_scores, load_narratives, safety_misses

    stories = load_narratives(narratives)
    scores = field_scores(stories, kb)
    table = Table("field", "precision", "recall", "n", title_justify="left",
                  title=f"Parser on {len(stories)} narratives ({narratives})")  # fmt: skip
    for name, score in sorted(scores.items(), key=lambda item: item[0] != "overall"):
        support = score.true_positive + score.false_negative
        table.add_row(name, f"{score.precision:.2f}", f"{score.recall:.2f}", str(support))
    misses = safety_misses(stories, kb)
    table.caption = f"negated or unsaid red flags read as present: {len(misses)}"
    return table


@app.command("eval")
def eval_command(
    vignettes: Annotated[
        Path, typer.Option("--vignettes", help="Folder of vignette YAML files.")
    ] = DEFAULT_VIGNETTES,
    interview: Annotated[
        bool,
        typer.Option(
            "--interview",
            help="Also run the adaptive interview on each vignette "
            "(with --text: also words first, then the interview).",
        ),
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
    from kneewise.evaluation.interview import evaluate_interview
    from kneewise.evaluation.text import evaluate_text, with_narrative

    try:
        cases = load_vignettes(vignettes)
    except KneewiseError as error:
        fail(error)
    kb = load_knowledge()
    report = evaluate(cases, kb)
    console = Console()
    console.print(_figures(report))
    if report.misses:
        console.print(_misses(report))
    if interview:
        interviewed = evaluate_interview(cases, kb)
        console.print(_interview_figures(interviewed, report))
        if interviewed.report.misses:
            console.print(_misses(interviewed.report))
    if text:
        try:
            console.print(_parser_figures(narratives, kb))
        except KneewiseError as error:
            fail(error)
        narrated = with_narrative(cases)
        from_text = evaluate_text(narrated, kb)
        console.print(_text_figures(from_text, report))
        if from_text.misses:
            console.print(_misses(from_text))
        if interview:
            both = evaluate_interview(narrated, kb, from_text=True)
            alone = interviewed.narrated()  # the same runs: each vignette is interviewed once
            console.print(_modes_figures(from_text, alone, both))
            if both.first_report.misses:
                console.print(_misses(both.first_report))
