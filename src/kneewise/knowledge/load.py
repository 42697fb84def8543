"""Load the knowledge base from YAML once, validate every entry, and cross-check it.

A broken entry raises KnowledgeError naming its file and entry, so a
clinician editing the data sees exactly what to fix.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from kneewise._errors import IntakeError, KnowledgeError
from kneewise._yaml import read_entries
from kneewise.intake import INTAKE_FIELDS, INTAKE_V2, parse_intake
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.model import (
    TRIAGE_ORDER,
    AdviceCard,
    AllOf,
    AnyOf,
    Condition,
    FieldTest,
    Finding,
    KnowledgeBase,
    LevelText,
    NotOf,
    Predicate,
    Question,
    QuestionGroup,
    Rule,
    Source,
)

DATA_DIR = Path(__file__).parent / "data"
M = TypeVar("M", bound=BaseModel)


def _entries(data_dir: Path, paths: Iterable[Path], model: type[M]) -> Iterator[tuple[Path, M]]:
    for path in paths:
        shown = path.relative_to(data_dir).as_posix()
        for index, raw in enumerate(read_entries(path, KnowledgeError)):
            label = raw.get("id") or raw.get("field") if isinstance(raw, dict) else None
            where = f"{shown} entry {label or f'#{index + 1}'}"
            try:
                yield path, model.model_validate(raw)
            except ValidationError as error:
                details = "; ".join(
                    f"{'.'.join(str(p) for p in e['loc']) or '(entry)'}: {e['msg']}"
                    for e in error.errors()
                )
                raise KnowledgeError(f"{where}: {details}") from None


def _by_id(items: Iterable[tuple[Path, M]], kind: str) -> dict[str, M]:
    found: dict[str, M] = {}
    for path, item in items:
        key = str(getattr(item, "id", None) or getattr(item, "level", ""))
        if key in found:
            raise KnowledgeError(f"{path.parent.name}/{path.name}: {kind} {key!r} is defined twice")
        found[key] = item
    return found


def _glob(data_dir: Path, folder: str) -> list[Path]:
    return sorted((data_dir / folder).glob("*.yaml"))


def load_from(data_dir: Path) -> KnowledgeBase:
    """Load, validate, cross-check and compile the knowledge base in `data_dir`.

    Raises KnowledgeError naming the file and entry of the first broken entry, or
    listing every inconsistency. The compiled form (knowledge/compiled.py) is
    built here, once; `compiled(kb)` returns it.
    """
    sources = _by_id(_entries(data_dir, _glob(data_dir, "sources"), Source), "source")
    findings = _by_id(_entries(data_dir, [data_dir / "findings.yaml"], Finding), "finding")
    conditions = _by_id(_entries(data_dir, _glob(data_dir, "conditions"), Condition), "condition")
    rules = list(_by_id(_entries(data_dir, [data_dir / "rules.yaml"], Rule), "rule").values())
    advice = list(
        _by_id(_entries(data_dir, _glob(data_dir, "advice"), AdviceCard), "advice").values()
    )
    questions = [q for _, q in _entries(data_dir, [data_dir / "questions.yaml"], Question)]
    groups = list(
        _by_id(
            _entries(data_dir, [data_dir / "question_groups.yaml"], QuestionGroup), "group"
        ).values()
    )
    levels = _by_id(_entries(data_dir, [data_dir / "levels.yaml"], LevelText), "level")
    knowledge = KnowledgeBase.model_validate(
        {
            "sources": sources,
            "findings": findings,
            "conditions": conditions,
            "rules": rules,
            "advice": advice,
            "questions": questions,
            "groups": groups,
            "levels": levels,
        }
    )
    problems = list(cross_check(knowledge))
    if problems:
        raise KnowledgeError("knowledge base is inconsistent:\n  " + "\n  ".join(problems))
    compiled(knowledge)  # once, here: the engine then only reads the compiled constants
    return knowledge


@cache
def load_knowledge() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process."""
    return load_from(DATA_DIR)


def _check_predicate(predicate: Predicate, owner: str) -> Iterator[str]:
    if isinstance(predicate, AllOf | AnyOf):
        for part in predicate.all if isinstance(predicate, AllOf) else predicate.any:
            yield from _check_predicate(part, owner)
        return
    if isinstance(predicate, NotOf):
        yield from _check_predicate(predicate.not_, owner)
        return
    yield from _check_test(predicate, owner)


def _check_test(test: FieldTest, owner: str) -> Iterator[str]:
    spec = INTAKE_FIELDS.get(test.field)
    if spec is None:
        yield f"{owner}: tests unknown intake field {test.field!r}"
        return
    numeric = (test.gte, test.lte, test.gt, test.lt)
    if spec.kind in ("choice", "choices"):
        values = test.in_ or ([test.is_] if isinstance(test.is_, str) else [])
        if not values or any(v is not None for v in numeric):
            yield f"{owner}: {test.field} takes is/in with one of {', '.join(spec.choices)}"
        for value in values:
            if value not in spec.choices:
                yield f"{owner}: {test.field} has no choice {value!r}"
    elif spec.kind == "bool" and not isinstance(test.is_, bool):
        yield f"{owner}: {test.field} is true/false; test it with `is: true` or `is: false`"
    elif spec.kind in ("int", "number") and all(v is None for v in numeric):
        yield f"{owner}: {test.field} is a number; test it with gte, lte, gt or lt"


def _check_sources(owner: str, cited: list[str], sources: dict[str, Source]) -> Iterator[str]:
    for source in cited:
        if source not in sources:
            yield f"{owner}: cites unknown source {source!r}"


def cross_check(kb: KnowledgeBase) -> Iterator[str]:
    """Every reference resolves and every test names a real intake field and value."""
    for finding in kb.findings.values():
        yield from _check_predicate(finding.when, f"finding {finding.id}")
    for condition in kb.conditions.values():
        owner = f"condition {condition.id}"
        yield from _check_sources(owner, condition.sources, kb.sources)
        bands = sorted(condition.prior.age_bands, key=lambda band: band.min)
        for band, following in itertools.pairwise(bands):
            if following.min <= band.max:
                yield f"{owner}: age bands {band.min}-{band.max} and {following.min}- overlap"
        if condition.requires is not None:
            yield from _check_predicate(condition.requires, owner)
        for finding_id in condition.listed_findings:
            if finding_id not in kb.findings:
                yield f"{owner}: likelihood for unknown finding {finding_id!r}"
    for rule in kb.rules:
        yield from _check_predicate(rule.when, f"rule {rule.id}")
        for suspect in rule.suspects:
            found = kb.conditions.get(suspect)
            if found is None or not found.must_not_miss:
                yield f"rule {rule.id}: suspects {suspect!r}, not a must-not-miss condition"
        yield from _check_sources(f"rule {rule.id}", rule.sources, kb.sources)
    for card in kb.advice:
        owner = f"advice {card.id}"
        yield from _check_sources(owner, card.sources, kb.sources)
        if card.when is not None:
            yield from _check_predicate(card.when, owner)
        if card.only_if is not None:
            yield from _check_predicate(card.only_if, f"{owner} only_if")
        for condition_id in card.conditions:
            if condition_id not in kb.conditions:
                yield f"{owner}: refers to unknown condition {condition_id!r}"
    for question in kb.questions:
        if question.field not in INTAKE_FIELDS:
            yield f"question for unknown intake field {question.field!r}"
        if question.ask_if is not None:
            yield from _check_predicate(question.ask_if, f"question {question.field}")
        for other in question.other_answers:
            owner = f"question {question.field}: other answer {other.id}"
            try:
                parse_intake({**other.answers, "dont_know": other.dont_know}, schema=INTAKE_V2)
            except IntakeError as error:
                yield f"{owner}: {error}"
    for group in kb.groups:
        for name in group.fields:
            spec = INTAKE_FIELDS.get(name)
            if spec is None or spec.kind != "bool":
                yield f"question group {group.id}: {name!r} is not a yes/no intake field"
    yield from _check_held_back(kb)
    missing = {"self_care", "see_doctor", "urgent", "emergency"} - set(kb.levels)
    if missing:
        yield f"levels.yaml lacks {', '.join(sorted(missing))}"
    elif tuple(kb.levels) != tuple(reversed(TRIAGE_ORDER)):
        # The engine reads the order of levels from this file: most urgent first.
        yield f"levels.yaml lists the levels most urgent first: {', '.join(reversed(TRIAGE_ORDER))}"
    yield from _check_provenance(kb)
    yield from _check_nesting(kb)


def _check_held_back(kb: KnowledgeBase) -> Iterator[str]:
    """The card a level shows in place of a category it holds back, or first in one a rule
    keeps, is of that category and written for that level (engine/plan.py shows it as
    given); a rule keeps only what its level holds back, citing its sources, and its level
    says it; a card waits only with another category that some level holds back."""
    cards = {card.id: card for card in kb.advice}
    for level, text in kb.levels.items():
        shown = [("holds back", c, card) for c, card in text.holds_back.items()]
        shown += [("keeps", c, card) for c, card in text.when_kept.items()]
        for how, category, card_id in shown:
            owner = f"levels.yaml {level}: {how} {category} with {card_id!r}"
            card = cards.get(card_id)
            if card is None:
                yield f"{owner}, not an advice card"
            elif card.category != category:
                yield f"{owner}, a {card.category} card"
            elif level not in card.levels:
                yield f"{owner}, a card not written for {level} (its levels: {card.levels})"
            elif how == "keeps" and category not in text.holds_back:
                yield f"{owner}, a category it does not hold back"
    for rule in kb.rules:
        if rule.keeps is None:
            continue
        owner = f"rule {rule.id}: keeps"
        yield from _check_sources(owner, rule.keeps.sources, kb.sources)
        for category in rule.keeps.advice:
            if category not in kb.levels[rule.level].holds_back:
                yield f"{owner} {category}, which {rule.level} does not hold back"
            elif category not in kb.levels[rule.level].when_kept:
                yield f"{owner} {category}, and levels.yaml {rule.level} has no when_kept card"
    held = {category for text in kb.levels.values() for category in text.holds_back}
    for card in kb.advice:
        if card.waits_with is not None and (
            card.waits_with == card.category or card.waits_with not in held
        ):
            yield f"advice {card.id}: waits with {card.waits_with}, not another held-back category"


def _check_provenance(kb: KnowledgeBase) -> Iterator[str]:
    """Every number's source resolves; a condition's numbers cite its own sources."""
    for condition in kb.conditions.values():
        for what, figure in condition.figures():
            if figure.source is not None and figure.source not in condition.sources:
                known = "" if figure.source in kb.sources else " (an unknown source)"
                yield (
                    f"condition {condition.id}: {what} cites {figure.source!r}{known}, "
                    "which is not among the condition's sources"
                )
    for finding in kb.findings.values():
        for what, figure in finding.figures():
            if figure.source is not None and figure.source not in kb.sources:
                yield f"finding {finding.id}: {what} cites unknown source {figure.source!r}"


def _check_nesting(kb: KnowledgeBase) -> Iterator[str]:
    """A nested finding names a real broader one, in a chain, and is never likelier than it."""
    narrower: dict[str, str] = {}
    for finding in kb.findings.values():
        broader_id = finding.nested_in
        if broader_id is None:
            continue
        owner = f"finding {finding.id}: nested_in {broader_id!r}"
        broader = kb.findings.get(broader_id)
        if broader is None or broader_id == finding.id:
            yield f"{owner} is not another finding"
            continue
        if broader_id in narrower:
            yield f"{owner} already holds {narrower[broader_id]!r}; nest one in the other"
        narrower[broader_id] = finding.id
        if broader.nested_in == finding.id:
            yield f"{owner} is nested in it in turn"
        pairs = [("base_rate", finding.overall_rate, broader.overall_rate)]
        pairs += [
            (f"condition {c.id}", _p(kb, c, finding.id), _p(kb, c, broader_id))
            for c in kb.conditions.values()
        ]
        for where, narrow, broad in pairs:
            if narrow > broad:
                yield f"{owner}: {where} gives it {narrow}, more than the broader {broad}"


def _p(kb: KnowledgeBase, condition: Condition, finding_id: str) -> float:
    listed = condition.p_present(finding_id)
    return listed if listed is not None else kb.findings[finding_id].unlisted_rate
