"""Rich rendering of an assessment for an 80-column terminal."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kneewise.assessment import Assessment, RankedCondition, UndecidedRule
from kneewise.knowledge.model import AdviceCategory, KnowledgeBase, TriageLevel

LEVEL_STYLE: dict[TriageLevel, str] = {
    "emergency": "bold white on red",
    "urgent": "bold black on dark_orange",
    "see_doctor": "bold black on yellow",
    "self_care": "bold black on green",
}
CATEGORY_TITLE: dict[AdviceCategory, str] = {
    "first_aid": "What to do now",
    "training": "Training: what to change",
    "medication": "About medicines",
    "doctor": "What a doctor may do",
    "prevention": "Preventing it next time",
    "myth": "Common advice that the evidence does not support",
}
CONDITIONS_SHOWN = 5
BAR_WIDTH = 12


def _banner(assessment: Assessment, kb: KnowledgeBase) -> Panel:
    triage = assessment.triage
    label = (triage.label or kb.levels[triage.level].label).upper()
    body = Group(
        Text(triage.headline, style="bold"),
        *(Text(f"• {reason}") for reason in triage.reasons),
    )
    return Panel(body, title=Text(f" {label} ", style=LEVEL_STYLE[triage.level]), expand=True)


def _not_ruled_out(rules: list[UndecidedRule]) -> Panel:
    """Each open urgent or emergency warning sign, with the questions that would decide it."""
    parts: list[RenderableType] = [
        Text(
            "Nothing you said shows these warning signs, but the questions about them are "
            "not answered, so kneewise cannot say they are absent. If any of them may be "
            "true, act on the advice for that warning sign or ask a doctor."
        )
    ]
    for rule in rules:
        need = (
            "would need emergency care"
            if rule.level == "emergency"
            else "would need a doctor today"
        )
        parts.append(Text.assemble("• ", (rule.title, "bold"), (f" ({need})", "dim")))
        parts.extend(Padding(Text(f"? {q}"), (0, 0, 0, 4)) for q in rule.questions)
    return Panel(
        Group(*parts),
        title=Text(" kneewise could not rule out ", style="bold black on yellow"),
        title_align="left",
    )


def _not_known(assessment: Assessment) -> Panel:
    lines = [Text(f"• {item.question}") for item in assessment.not_known]
    return Panel(Group(*lines), title="You said you don't know:", title_align="left")


def _bar(probability: float) -> Text:
    filled = round(probability * BAR_WIDTH)
    bar = Text("█" * filled, style="cyan")
    bar.append("░" * (BAR_WIDTH - filled), style="dim")
    bar.append(f" {probability:>4.0%}")
    return bar


def _why(condition: RankedCondition, answered: int) -> Text:
    why = Text()
    for reason in condition.for_:
        why.append(f"+ {reason}\n", style="green")
    for reason in condition.against:
        why.append(f"− {reason}\n", style="red")
    if not why:
        # Only the prior moved it: about the person, if anything was said, else in general.
        base = "for someone like you" if answered else "after training, in general"
        why.append(f"how common it is {base}", style="dim")
    why.rstrip()
    return why


def _conditions(assessment: Assessment) -> Table:
    table = Table(title="What is probably going on", title_justify="left", expand=True)
    table.add_column("Possible cause", ratio=3)
    table.add_column("Likelihood", no_wrap=True)
    table.add_column("Why", ratio=4)
    for condition in assessment.conditions[:CONDITIONS_SHOWN]:
        codes = ", ".join(condition.icd10)
        name = Text(condition.name, style="bold")
        name.append(f"\n{codes}", style="dim")
        table.add_row(name, _bar(condition.probability), _why(condition, assessment.answered))
    return table


def _plan(assessment: Assessment, numbers: dict[str, int]) -> list[Panel]:
    panels = []
    for category, title in CATEGORY_TITLE.items():
        cards = [a for a in assessment.advice if a.category == category]
        if not cards:
            continue
        parts: list[RenderableType] = []
        for card in cards:
            refs = "".join(f"[{numbers[s]}]" for s in card.sources if s in numbers)
            parts.append(Text.assemble((card.title, "bold"), " ", (refs, "dim")))
            parts.append(Padding(Text(card.text.strip()), (0, 0, 1, 2)))
        panels.append(Panel(Group(*parts), title=title, title_align="left"))
    return panels


def render(assessment: Assessment, kb: KnowledgeBase, console: Console) -> None:
    """Banner, likely causes, plan and numbered sources."""
    numbers = {source.id: i for i, source in enumerate(assessment.sources, start=1)}
    console.print(_banner(assessment, kb))
    open_rules = assessment.triage.not_ruled_out()
    if open_rules:
        console.print(_not_ruled_out(open_rules))
    if assessment.not_known:
        console.print(_not_known(assessment))
    console.print(_conditions(assessment))
    console.print(
        Text(
            "kneewise informs; it does not diagnose. Likelihoods come from published "
            "figures and only from what you told it.",
            style="dim italic",
        )
    )
    for panel in _plan(assessment, numbers):
        console.print(panel)
    console.print(Text("Sources", style="bold underline"))
    for source in assessment.sources:
        console.print(f"[{numbers[source.id]}] {source.citation}", markup=False)
