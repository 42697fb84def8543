"""The tables and sets the compiled knowledge is made of, each computed once at load.

Helpers of `compile_knowledge` (knowledge/_compile.py): the likelihoods and the
prior's pieces as arrays, which answers can fire a rule, and the content hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

from kneewise.engine.logic import Check, compile_predicate, predicate_fields
from kneewise.intake import INTAKE_FIELDS
from kneewise.knowledge.model import (
    AllOf,
    FieldTest,
    KnowledgeBase,
    NotOf,
    Predicate,
    TriageLevel,
)

FloatArray = npt.NDArray[np.float64]


def read_only(array: FloatArray) -> FloatArray:
    array.flags.writeable = False
    return array


def read_only_ints(array: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    array.flags.writeable = False
    return array


def content_hash(kb: KnowledgeBase) -> str:
    """sha256 (hex) of the validated knowledge as canonical JSON: same content, same hash."""
    canonical = json.dumps(
        kb.model_dump(mode="json", by_alias=True),
        ensure_ascii=False, separators=(",", ":"), allow_nan=False,
    )  # fmt: skip
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def likelihoods(kb: KnowledgeBase) -> tuple[FloatArray, FloatArray]:
    present = np.array(
        [
            [
                listed if (listed := c.p_present(f.id)) is not None else f.unlisted_rate
                for f in kb.findings.values()
            ]
            for c in kb.conditions.values()
        ],
        dtype=np.float64,
    ).reshape(len(kb.conditions), len(kb.findings))
    overall = np.array([f.overall_rate for f in kb.findings.values()], dtype=np.float64)
    return present, overall


def prior_tables(
    kb: KnowledgeBase,
) -> tuple[FloatArray, dict[int, FloatArray], dict[str, FloatArray], dict[str, FloatArray]]:
    priors = [c.prior for c in kb.conditions.values()]
    base = np.log([p.weight(None, None, ()) for p in priors])
    spec = INTAKE_FIELDS["age"]
    low, high = int(spec.minimum or 0), int(spec.maximum or 120)
    ages = {
        age: read_only(np.log([p.weight(age, None, ()) for p in priors]) - base)
        for age in range(low, high + 1)
    }
    sexes = {
        sex: read_only(np.log([p.weight(None, sex, ()) for p in priors]) - base)
        for sex in INTAKE_FIELDS["sex"].choices
    }
    activities = {
        activity: read_only(np.exp(np.log([p.weight(None, None, (activity,)) for p in priors])
                                    - base))
        for activity in INTAKE_FIELDS["activities"].choices
    }  # fmt: skip
    return read_only(base), ages, sexes, activities


def _yes_no_answers(predicate: Predicate, negated: bool = False) -> Iterable[tuple[str, bool]]:
    """(field, answer) for each yes/no test, the answer that makes the test true."""
    if isinstance(predicate, FieldTest):
        if isinstance(predicate.is_, bool):
            yield predicate.field, predicate.is_ != negated
        return
    if isinstance(predicate, NotOf):
        yield from _yes_no_answers(predicate.not_, not negated)
        return
    for part in predicate.all if isinstance(predicate, AllOf) else predicate.any:
        yield from _yes_no_answers(part, negated)


def alarming(predicates: Iterable[Predicate]) -> dict[str, bool]:
    """For each yes/no field the rules test, the answer that can fire a rule.

    A field that fires rules both ways (none today) has no alarming answer.
    """
    answers: dict[str, set[bool]] = {}
    for predicate in predicates:
        for name, answer in _yes_no_answers(predicate):
            answers.setdefault(name, set()).add(answer)
    return {name: found.pop() for name, found in answers.items() if len(found) == 1}


def fields_of(predicates: Iterable[Predicate]) -> frozenset[str]:
    return frozenset().union(*(predicate_fields(p) for p in predicates))


@dataclass(frozen=True)
class LevelCards:
    """The advice cards shown at one triage level, by position in the file (`kb.advice`).

    `triggered`: the cards with a `when`, each compiled; `for_condition`: the cards
    each condition names; `always`: the cards shown to everyone at this level.
    """

    triggered: tuple[tuple[int, Check], ...]
    for_condition: Mapping[str, tuple[int, ...]]
    always: tuple[int, ...]


def advice_at(kb: KnowledgeBase, level: TriageLevel) -> LevelCards:
    shown = [(i, card) for i, card in enumerate(kb.advice) if level in card.levels]
    named: dict[str, list[int]] = {}
    for i, card in shown:
        for condition in card.conditions:
            named.setdefault(condition, []).append(i)
    return LevelCards(
        triggered=tuple((i, compile_predicate(c.when)) for i, c in shown if c.when is not None),
        for_condition=MappingProxyType({c: tuple(found) for c, found in named.items()}),
        always=tuple(i for i, card in shown if card.always),
    )
