"""Rich rendering of an assessment for an 80-column terminal: a short view and the full one.

The short view (`render`) fits an 80×40 terminal and leads with what to act
on: the level in colour and words, why (every rule that fired, by title),
every warning sign that is not ruled out grouped by how soon it would need
care, what to do now, the three likeliest causes and what the person did not
know. `render_full` adds each reason in full, the questions that would decide
each open warning sign, every likely cause with why, the plan and the sources.
Nothing serious is ever only in the full view: the short view names every
urgent and emergency rule that fired and every one left open.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kneewise.assessment import SERIOUS_LEVELS, Assessment, RankedCondition
from kneewise.cli.open_signs import not_ruled_out, see_doctor_soon_if, signs_counted, urgent_counted
from kneewise.diary.units import temperatures_in
from kneewise.engine.shortlist import shown_because
from kneewise.engine.triage import NOT_RULED_OUT
from kneewise.knowledge.model import TRIAGE_ORDER, AdviceCategory, KnowledgeBase, TriageLevel
from kneewise.labels import field_label, words_list

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
TOP_CAUSES = 3
BAR_WIDTH = 12
# The short view names this many "don't know" answers and counts the rest.
NOT_KNOWN_NAMED = 6
# The short view's height: an 80×40 terminal shows it without scrolling.
SHORT_LINES = 40
FULL_HINT = "Every reason, all causes with why, the whole plan and the sources: add --full."


def _banner(assessment: Assessment, kb: KnowledgeBase) -> Panel:
    triage = assessment.triage
    label = (triage.label or kb.levels[triage.level].label).upper()
    body = Group(
        Text(triage.headline, style="bold"),
        *(Text(f"• {reason}") for reason in triage.reasons),
    )
    return Panel(body, title=Text(f" {label} ", style=LEVEL_STYLE[triage.level]), expand=True)


def _not_known(assessment: Assessment) -> Panel:
    lines = [Text(f"• {item.question}") for item in assessment.not_known]
    return Panel(Group(*lines), title="You said you don't know:", title_align="left")


def _bar(probability: float) -> Text:
    filled = round(probability * BAR_WIDTH)
    bar = Text("█" * filled, style="cyan")
    bar.append("░" * (BAR_WIDTH - filled), style="dim")
    # A cause kept in the list is never shown as impossible: below 0.5% reads "<1%".
    bar.append(f" {probability:>4.0%}" if probability >= 0.005 else "  <1%")
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


def _conditions(assessment: Assessment) -> RenderableType:
    if assessment.conditions_withheld:  # an age the priors do not cover: no cause is ranked
        return Group(Text("What is probably going on", style="italic"),
                     Text(assessment.conditions_withheld))  # fmt: skip
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


def render_full(assessment: Assessment, kb: KnowledgeBase, console: Console) -> None:
    """Banner with every reason, open warning signs with their questions, causes, plan, sources."""
    numbers = {source.id: i for i, source in enumerate(assessment.sources, start=1)}
    console.print(_banner(assessment, kb))
    open_rules = assessment.triage.not_ruled_out()
    if open_rules:
        console.print(not_ruled_out(open_rules))
    # the short view counts these and sends here for them (newcomer review 18: none were here)
    mild = [r for r in assessment.triage.undecided if r.level not in SERIOUS_LEVELS]
    if mild:
        console.print(see_doctor_soon_if(mild, kb))
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


def _why_short(assessment: Assessment) -> list[Text]:
    """Every fired rule by title, and any reason that is not a rule's (the all-clear)."""
    triage = assessment.triage
    lines = [
        Text.assemble("• ", (rule.title, "bold" if rule.level == triage.level else ""))
        for rule in triage.rules
    ]
    own = {rule.reason for rule in triage.rules}
    lines += [
        Text(f"• {reason}")
        for reason in triage.reasons
        if reason not in own and not reason.startswith(NOT_RULED_OUT)
    ]
    return lines


def _short_banner(assessment: Assessment, kb: KnowledgeBase) -> Panel:
    triage = assessment.triage
    label = (triage.label or kb.levels[triage.level].label).upper()
    body = Group(Text(triage.headline, style="bold"), *_why_short(assessment))
    return Panel(body, title=Text(f" {label} ", style=LEVEL_STYLE[triage.level]), expand=True)


def _open_signs(
    assessment: Assessment,
    kb: KnowledgeBase,
    *,
    count_mild: bool = False,
    inline: bool = False,
    one_heading: bool = False,
    count_urgent: bool = False,
) -> RenderableType | None:
    """Open warning signs by how soon they would need care, most urgent first, by title.

    With `count_mild` the signs that would mean seeing a doctor soon (never
    urgent or emergency ones) are counted rather than named, to fit the screen;
    with `inline` each level's signs follow its heading on the same line, and
    with `one_heading` as well the first level follows the section's heading.
    With `count_urgent` (the last fit step) the "be seen today" signs of which
    nothing was told are counted; those told in part, and every emergency sign,
    are still named.
    """
    undecided = assessment.triage.undecided
    if not undecided:
        return None
    # "Not ruled out" is kept for urgent and emergency signs, as in every other output.
    serious = any(rule.level in SERIOUS_LEVELS for rule in undecided)
    heading = "Not ruled out" if serious else "When to see a doctor"
    lead = Text.assemble((heading, "bold"), " (not asked, or you did not know):")
    parts: list[RenderableType] = []
    for level in reversed(TRIAGE_ORDER):
        titles = [rule.title for rule in undecided if rule.level == level]
        if not titles:
            continue
        name = (kb.levels[level].label, LEVEL_STYLE[level])
        if count_mild and level not in SERIOUS_LEVELS:
            parts.append(Text.assemble(name, signs_counted(len(titles))))
            continue
        if count_urgent and level == "urgent":
            parts.append(urgent_counted(name, [r for r in undecided if r.level == level], kb))
            continue
        if inline:  # every sign still named, one line fewer
            line = Text.assemble(name, " if any of these is true: ", "; ".join(titles) + ".")
            parts.append(Text.assemble(lead, " ", line) if one_heading and not parts else line)
            continue
        parts.append(Text.assemble(name, " if any of these is true:"))
        parts.append(Padding(Text("; ".join(titles) + "."), (0, 0, 0, 1)))
    if not (inline and one_heading):
        parts.insert(0, lead)
    return Group(*parts)


def _do_now(
    assessment: Assessment, *, titles_only: bool = False, counted: bool = False
) -> RenderableType | None:
    """The first first-aid card in full (or by title only, to fit), the others by title;
    `counted`: the first by title and the others counted, on one line (the last fit step)."""
    cards = [a for a in assessment.advice if a.category == "first_aid"]
    if not cards:
        return None
    heading = Text(CATEGORY_TITLE["first_aid"], style="bold underline")
    if counted and len(cards) > 1:
        more = f", and {len(cards) - 1} more (add --full)."
        return Text.assemble(
            (CATEGORY_TITLE["first_aid"], "bold underline"), ": ", cards[0].title, more
        )
    if titles_only:  # the heading and the titles on one line, to fit
        titles = "; ".join(card.title for card in cards) + " (add --full)."
        return Text.assemble((CATEGORY_TITLE["first_aid"], "bold underline"), ": ", titles)
    first, *others = cards
    parts: list[RenderableType] = [
        heading,
        Text.assemble((first.title + ". ", "bold"), first.text.strip()),
    ]
    if others:
        # titles only: "(add --full)" says there is more to read, so a card's title never
        # stands like a heading with nothing under it
        titles = "; ".join(card.title for card in others)
        parts.append(Text(f"Also (add --full to read): {titles}.", style="dim"))
    return Group(*parts)


def _things(count: int) -> str:
    """ "1 thing", "3 things": a screen of boxes asks several, so the count is of answers."""
    return f"{count} thing" + ("" if count == 1 else "s")


def _top_causes(
    assessment: Assessment, *, brief: bool = False, inline: bool = False
) -> RenderableType:
    """The leading causes with a bar each; `inline`: named one after another after the
    heading, each with its percentage and why a kept one is listed (a fit step)."""
    if inline and not assessment.conditions_withheld:
        named = []
        for condition in assessment.conditions[:TOP_CAUSES]:
            share = f"{condition.probability:.0%}" if condition.probability >= 0.005 else "<1%"
            because = shown_because(condition, assessment.triage.rules, brief=brief)
            named.append(f"{condition.name} {share}" + (f" ({because})" if because else ""))
        return Text.assemble(
            ("What is probably going on", "bold underline"),
            (" (from what you said; kneewise does not diagnose): ", "dim"),
            "; ".join(named) + ".",
        )
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for condition in assessment.conditions[:TOP_CAUSES]:
        name = Text(condition.name)
        because = shown_because(condition, assessment.triage.rules, brief=brief)
        if because:  # a kept cause may read "<1%": say why it is listed at all
            name.append(f"\n{because}", style="dim")
        table.add_row(_bar(condition.probability), name)
    title = Text.assemble(
        ("What is probably going on", "bold underline"),
        (" (from what you said; kneewise does not diagnose)", "dim"),
    )
    if assessment.conditions_withheld:  # an age the priors do not cover: no cause is ranked
        return Group(title, Text(assessment.conditions_withheld))
    return Group(title, table)


def _not_known_short(
    assessment: Assessment, kb: KnowledgeBase, *, count_only: bool = False, last: bool = False
) -> Text | None:
    """The don't-knows named, or counted (`count_only`); with `last` the count line also
    points at the rest of --full, standing for the closing hint (one line fewer)."""
    if not assessment.not_known:
        return None
    labels = [field_label(item.field, kb) for item in assessment.not_known]
    if count_only and last:
        return Text.assemble(
            ("You said you don't know", "bold"),
            f" about {_things(len(labels))}; those and the rest: add --full.",
        )
    if count_only:
        return Text.assemble(
            ("You said you don't know", "bold"), f" about {_things(len(labels))} (add --full)."
        )
    named = words_list(labels[:NOT_KNOWN_NAMED])
    more = len(labels) - NOT_KNOWN_NAMED
    return Text.assemble(
        ("You said you don't know: ", "bold"), named + (f", and {more} more." if more > 0 else ".")
    )


def _lines(console: Console, parts: list[RenderableType | None]) -> int:
    options = console.options
    return sum(len(console.render_lines(p, options, pad=False)) for p in parts if p is not None)


def short_view(assessment: Assessment, kb: KnowledgeBase, console: Console) -> list[RenderableType]:
    """The short view's parts, fitted to `SHORT_LINES` lines at the console's width.

    What does not fit is shortened in this order: signs that would mean a doctor
    soon are counted, what to do now is named by title, the don't-knows are
    counted, a cause a warning sign keeps points at the sign above rather than
    naming it, each level's open signs follow its heading on one line, the counted
    don't-knows stand for the closing hint to --full, the first level's open signs
    follow the section's heading on its line, what to do now is named by its first title
    and counted, the leading causes follow their heading without bars, the "be seen
    today" signs of which nothing was told are counted. The level, every fired rule,
    every open emergency sign and every open urgent sign told in part are never
    shortened away, nor is why a kept cause is listed.
    """
    compact = {"mild": False, "do_now": False, "not_known": False, "kept": False,
               "inline": False, "hint": False, "heading": False, "do_now_count": False,
               "causes": False, "urgent": False}  # fmt: skip
    while True:
        parts = [
            _short_banner(assessment, kb),
            _open_signs(
                assessment,
                kb,
                count_mild=compact["mild"],
                inline=compact["inline"],
                one_heading=compact["heading"],
                # round 17's titles made the all-don't-know view 41: count the untold urgent
                count_urgent=compact["urgent"],
            ),
            # round 15f's two emergency titles made the empty and all-don't-know views 41 lines
            _do_now(assessment, titles_only=compact["do_now"], counted=compact["do_now_count"]),
            # round 16's sickle cell title made them 41 again: the causes on one run of lines
            _top_causes(assessment, brief=compact["kept"], inline=compact["causes"]),
            _not_known_short(assessment, kb, count_only=compact["not_known"], last=compact["hint"]),
            # a new urgent sign's title made the all-don't-know view 41 lines (round 13d)
            None
            if compact["hint"] and assessment.not_known
            else Text(FULL_HINT, style="dim italic"),
        ]
        shown = [p for p in parts if p is not None]
        fitted = _lines(console, parts) <= SHORT_LINES
        if fitted or all(compact.values()):
            return shown
        compact[next(k for k, v in compact.items() if not v)] = True


def in_temperature_unit(assessment: Assessment, unit: str) -> Assessment:
    """The assessment with its temperatures (from the knowledge, in °C) said in `unit` (C or F).

    Only the words change: °F first, the °C kept in brackets (`units.temperatures_in`).
    """
    if unit != "F":
        return assessment
    document = temperatures_in(assessment.model_dump_json(by_alias=True), unit)
    return Assessment.model_validate_json(document)


def render(assessment: Assessment, kb: KnowledgeBase, console: Console) -> None:
    """The short view: fits an 80×40 terminal; `render_full` has the rest."""
    for part in short_view(assessment, kb, console):
        console.print(part)
