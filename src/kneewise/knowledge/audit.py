"""How much of the knowledge base rests on studies (issue 11; `kneewise kb audit`).

For each condition (its prior, the prior's multipliers and its likelihoods) and
for the findings' reference rates: how many numbers there are, how many are
measured, converted or estimated, and which estimates have no study behind them
(no `source`). Pure: reads the validated knowledge, never the files.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from kneewise.knowledge.model import KnowledgeBase
from kneewise.knowledge.provenance import Figure


class NumberProvenance(BaseModel):
    """One number: what it is, its value and where it comes from."""

    model_config = ConfigDict(frozen=True)

    what: str
    value: float
    basis: str
    source: str | None
    converted_from: str | None
    note: str


class ProvenanceSummary(BaseModel):
    """The numbers of one condition (or of all findings, or of everything) by basis.

    `estimate_share` is estimates / numbers (0 to 1); `without_a_study` names
    the estimates that cite no source, in file order.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    numbers: int
    measured: int
    converted: int
    estimates: int
    estimate_share: float
    without_a_study: list[str]


class KnowledgeAudit(BaseModel):
    """Per condition, for the findings' reference rates, and for the whole knowledge base."""

    model_config = ConfigDict(frozen=True)

    conditions: list[ProvenanceSummary]
    findings: ProvenanceSummary
    total: ProvenanceSummary


def _summary(entry_id: str, name: str, figures: Iterable[tuple[str, Figure]]) -> ProvenanceSummary:
    listed = list(figures)
    count = {basis: sum(f.basis == basis for _, f in listed) for basis in ("measured", "converted")}
    estimates = sum(f.basis == "estimate" for _, f in listed)
    return ProvenanceSummary(
        id=entry_id,
        name=name,
        numbers=len(listed),
        measured=count["measured"],
        converted=count["converted"],
        estimates=estimates,
        estimate_share=round(estimates / len(listed), 4) if listed else 0.0,
        without_a_study=[what for what, f in listed if f.unsupported],
    )


def finding_figures(kb: KnowledgeBase) -> list[tuple[str, Figure]]:
    """Every finding's reference rates, named `<finding id>: <which rate>`."""
    return [
        (f"{f.id}: {what}", figure) for f in kb.findings.values() for what, figure in f.figures()
    ]


def audit(kb: KnowledgeBase) -> KnowledgeAudit:
    """Count every number of `kb` by basis (see the module doc)."""
    conditions = [_summary(c.id, c.name, c.figures()) for c in kb.conditions.values()]
    findings = _summary("findings", "Reference rates of the findings", finding_figures(kb))
    everything = [
        *(
            (f"{c.id}: {what}", figure)
            for c in kb.conditions.values()
            for what, figure in c.figures()
        ),
        *finding_figures(kb),
    ]
    total = _summary("total", "The whole knowledge base", everything)
    return KnowledgeAudit(conditions=conditions, findings=findings, total=total)


def numbers_of(kb: KnowledgeBase, entry_id: str) -> list[NumberProvenance] | None:
    """Every number of one condition or finding with its provenance; None for another id."""
    if entry_id in kb.conditions:
        figures = list(kb.conditions[entry_id].figures())
    elif entry_id in kb.findings:
        figures = list(kb.findings[entry_id].figures())
    else:
        return None
    return [
        NumberProvenance(
            what=what, value=f.value, basis=f.basis, source=f.source, converted_from=f.from_,
            note=f.note,
        )
        for what, f in figures
    ]  # fmt: skip
