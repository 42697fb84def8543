"""assess(intake, knowledge) -> Assessment: triage, differential and plan in one pure call."""

from __future__ import annotations

from kneewise.assessment import Assessment, NotKnown, SourceRef
from kneewise.engine.differential import explain_all, posterior
from kneewise.engine.plan import plan
from kneewise.engine.shortlist import kept, shortlist_order
from kneewise.engine.triage import triage
from kneewise.intake import Intake
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.model import KnowledgeBase

CONDITIONS_SHOWN = 10


def _cited(kb: KnowledgeBase, ids: list[str]) -> list[SourceRef]:
    refs = compiled(kb).source_refs
    return [refs[i] for i in dict.fromkeys(ids)]


def assess(intake: Intake, knowledge: KnowledgeBase) -> Assessment:
    """The assessment of one intake by this knowledge. Deterministic: same intake, same answer.

    `knowledge` is required (load it once at the edge: `load_knowledge()`); the
    assessment records its `content_hash` as `knowledge_hash`. Only the
    `CONDITIONS_SHOWN` conditions shown are explained.
    """
    kb = knowledge
    answers = intake.known()
    known = compiled(kb)
    codes = known.evaluate(answers)  # every test of the knowledge, once
    found = triage(kb, answers, intake.dont_know, codes)
    belief = posterior(kb, answers, codes)
    index = {c: i for i, c in enumerate(belief.compiled.condition_ids)}
    shown = shortlist_order(kb, belief.ranked(), found.rules, CONDITIONS_SHOWN)
    explained = explain_all(belief, [index[c] for c, _ in shown], answers)
    ranked = [
        kept(condition, rules) for condition, (_, rules) in zip(explained, shown, strict=True)
    ]
    advice = plan(kb, found.level, ranked, answers, codes)
    cited = [s for r in found.rules for s in r.sources]
    cited += [s for c in ranked[:3] for s in c.sources]
    cited += [s for a in advice for s in a.sources]
    asked = belief.compiled.question_short
    not_known = [NotKnown(field=f, question=asked.get(f, f)) for f in intake.dont_know]
    return Assessment(
        triage=found, conditions=ranked, advice=advice, sources=_cited(kb, cited),
        answered=len(answers), not_known=not_known,
        knowledge_hash=known.content_hash,
    )  # fmt: skip
