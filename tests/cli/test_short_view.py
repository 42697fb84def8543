"""The short result fits an 80×40 terminal and never hides what is serious; --full has the rest.

Cases: every clinical vignette (tests/vignettes, data), the examples, an empty
intake and one answered "don't know" throughout — rendered at 80 columns.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from kneewise.assessment import Assessment
from kneewise.cli import app
from kneewise.cli.render import SHORT_LINES, render
from kneewise.engine.assess import assess
from kneewise.evaluation import load_vignettes
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2, Intake, parse_intake
from kneewise.knowledge.load import load_knowledge

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
CASES: dict[str, Intake] = {
    **{v.id: v.intake for v in load_vignettes(ROOT / "tests" / "vignettes")},
    **{f"example_{p.stem}": parse_intake(json.loads(p.read_text())) for p in EXAMPLES},
    "empty": parse_intake({}),
    "all_dont_know": parse_intake({"schema": INTAKE_V2, "dont_know": list(INTAKE_FIELDS)}),
}
runner = CliRunner()


def plain(output: str) -> str:
    """Terminal text without box drawing, on one line: wrapped titles read whole."""
    return re.sub(r"\s+", " ", re.sub(r"[│╭╮╰╯─]", " ", output))


def short(assessment: Assessment) -> str:
    out = io.StringIO()
    render(assessment, load_knowledge(), Console(file=out, width=80, force_terminal=False))
    return out.getvalue()


@pytest.mark.parametrize("case", list(CASES))
def test_short_view_fits_80_by_40_and_never_hides_what_is_serious(case: str) -> None:
    kb = load_knowledge()
    assessment = assess(CASES[case], kb)
    shown = short(assessment)
    lines = shown.splitlines()
    assert len(lines) <= SHORT_LINES == 40
    assert max(len(line) for line in lines) <= 80
    text = plain(shown)
    triage = assessment.triage
    assert (triage.label or kb.levels[triage.level].label).upper() in text
    assert plain(triage.headline) in text
    for rule in triage.rules:  # every rule that fired, the serious ones above all
        assert rule.title in text, rule.title
    for sign in triage.undecided:
        if sign.level == "emergency":  # every open emergency sign, by name
            assert sign.title in text, sign.title
    # Every open urgent sign by name on its level's line, or, as the last fit step, those of
    # which nothing was told counted there: the count is every one not named.
    urgent = [s.title for s in triage.undecided if s.level == "urgent"]
    if urgent:
        found = re.search(r"Be seen today(.*?)(?:See a doctor soon|What to do now|$)", text)
        assert found is not None
        line = found.group(1)
        counted = [t for t in urgent if not re.search(rf"[:;] {re.escape(t)}[;.]", line)]
        if counted:
            number = re.search(r"(\d+) more (?:signs? is true|not)", line)
            assert number is not None and int(number.group(1)) == len(counted), counted
    for condition in assessment.conditions[:3]:
        assert condition.name in text


def test_cli_short_then_full() -> None:
    acl = str(ROOT / "examples" / "acl.json")
    brief = runner.invoke(app, ["assess", "-i", acl], env={"COLUMNS": "80"})
    assert brief.exit_code == 0, brief.output
    assert len(brief.stdout.splitlines()) <= SHORT_LINES
    assert "add --full" in brief.stdout
    assert "Sources" not in brief.stdout
    full = runner.invoke(app, ["assess", "-i", acl, "--full"], env={"COLUMNS": "80"})
    assert full.exit_code == 0, full.output
    answer = json.loads(runner.invoke(app, ["assess", "-i", acl, "--json"]).stdout)
    text = plain(full.stdout)
    for reason in answer["triage"]["reasons"]:  # every reason in full
        assert plain(reason) in text
    assert "Sources" in full.stdout
    assert "[1] " in full.stdout
    assert max(len(line) for line in full.stdout.splitlines()) <= 80


def test_dont_knows_are_named_in_plain_words() -> None:
    text = plain(short(assess(CASES["all_dont_know"], load_knowledge())))
    assert "You said you don't know" in text
    assert "_" not in text.replace("__", "")


def test_full_goes_through_a_pager_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from kneewise.cli.assess import show_result

    kb = load_knowledge()
    assessment = assess(CASES["example_acl"], kb)
    screen = io.StringIO()
    terminal = Console(file=screen, width=80, force_terminal=True, force_interactive=True)
    show_result(assessment, kb, terminal, full=True)
    paged = capsys.readouterr().out  # pydoc's pager writes to stdout when not a tty
    assert "Sources" in paged and "What is probably going on" in paged
    assert screen.getvalue() == ""  # nothing went past the pager
    show_result(assessment, kb, terminal, full=False)
    assert "add --full" in screen.getvalue() and capsys.readouterr().out == ""
