"""The open warning signs in the full view, and the short view's count of untold urgent ones.

Split from render.py (kept under ~400 lines): what kneewise could not rule out, by level,
with the questions that would decide each sign.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from kneewise.assessment import UndecidedRule
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.model import KnowledgeBase

__all__ = ["not_ruled_out", "see_doctor_soon_if", "urgent_counted"]


def not_ruled_out(rules: list[UndecidedRule]) -> Panel:
    """Each open urgent or emergency warning sign, with the questions that would decide it."""
    parts: list[RenderableType] = [
        Text(
            "Nothing you said shows these warning signs, but the questions about them are "
            "not answered, so kneewise cannot say they are absent. If any of them may be "
            "true, act on the advice for that warning sign or ask a doctor."
        )
    ]
    for rule in rules:
        need = "emergency care" if rule.level == "emergency" else "a doctor today"
        parts += _sign(Text.assemble((rule.title, "bold"), (f" (would need {need})", "dim")), rule)
    return Panel(
        Group(*parts),
        title=Text(" kneewise could not rule out ", style="bold black on yellow"),
        title_align="left",
    )


def see_doctor_soon_if(rules: list[UndecidedRule], kb: KnowledgeBase) -> Panel:
    """The open signs that would mean a doctor soon, by title, with their questions."""
    parts = [line for rule in rules for line in _sign(Text(rule.title), rule, "dim")]
    title = f" {kb.levels['see_doctor'].label} if any of these is true (not checked) "
    return Panel(Group(*parts), title=Text(title), title_align="left")


def _sign(title: Text, rule: UndecidedRule, style: str = "") -> list[RenderableType]:
    """One open sign: its bullet and title, then each question that would decide it."""
    questions = [Padding(Text(f"? {q}", style=style), (0, 0, 0, 4)) for q in rule.questions]
    return [Text.assemble("• ", title), *questions]


def signs_counted(count: int) -> str:
    """After a level's name: " if any of 23 more signs is true (…)": what to do comes
    first, so the count reads as a condition, not as a number of signs that mean it."""
    if count == 1:
        return " if 1 more sign is true (not checked; add --full to see it)."
    return f" if any of {count} more signs is true (not checked; add --full to see them)."


def urgent_counted(name: tuple[str, str], rules: list[UndecidedRule], kb: KnowledgeBase) -> Text:
    """The "be seen today" signs on one line: those told in part (something they read was
    answered) by title, the others counted. Everything unknown told a wall of 40 titles
    that no longer fitted one screen; the banner already says to be seen today if unsure."""
    # Told in part: an answer already narrowed what would decide it (with no answers at all,
    # every field it reads that could decide it is still open).
    known = compiled(kb)  # each rule's deciding fields with no answers, worked out once
    # a rule no longer in the knowledge (a saved assessment read back) is counted
    told = [r.title for r in rules if r.id in known.rule_fields
            and set(r.fields) != set(known.deciding(r.id, {}))]  # fmt: skip
    rest = len(rules) - len(told)
    if not told:
        return Text.assemble(name, signs_counted(rest))
    hint = f"(add --full to see {'them' if rest > 1 else 'it'})."
    more = f"; and {rest} more not checked {hint}" if rest else "."
    return Text.assemble(name, " if any of these is true: ", "; ".join(told) + more)
