"""assess(intake) -> Assessment: triage, differential and plan in one pure call."""

from __future__ import annotations

from kneewise.assessment import Assessment, NotKnown, SourceRef
from kneewise.engine.differential import differential
from kneewise.engine.plan import plan
from kneewise.engine.shortlist import shortlist
from kneewise.engine.triage import triage
from kneewise.intake import Intake
from kneewise.knowledge.load import load_knowledge
from kneewise.knowledge.model import KnowledgeBase

CONDITIONS_SHOWN = 10


def _cited(kb: KnowledgeBase, ids: list[str]) -> list[SourceRef]:
    unique = list(dict.fromkeys(ids))
    return [
        SourceRef(id=s.id, citation=s.citation(), doi=s.doi, url=s.url)
        for s in (kb.sources[i] for i in unique)
    ]


def assess(intake: Intake, knowledge: KnowledgeBase | None = None) -> Assessment:
    """The assessment of one intake. Deterministic: same intake, same answer."""
    kb = knowledge or load_knowledge()
    answers = intake.known()
    found = triage(kb, answers, intake.dont_know)
    ranked = shortlist(kb, differential(kb, answers), found.rules)[:CONDITIONS_SHOWN]
    advice = plan(kb, found.level, ranked, answers)
    cited = [s for r in found.rules for s in r.sources]
    cited += [s for c in ranked[:3] for s in c.sources]
    cited += [s for a in advice for s in a.sources]
    asked = {q.field: q.short or q.text for q in kb.questions}
    not_known = [NotKnown(field=f, question=asked.get(f, f)) for f in intake.dont_know]
    return Assessment(
        triage=found, conditions=ranked, advice=advice, sources=_cited(kb, cited),
        answered=len(answers), not_known=not_known,
    )  # fmt: skip
