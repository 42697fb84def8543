"""What each answer of a question screen newly decides, as far as the knowledge alone fixes it.

Computed once per compiled knowledge base (kept beside it, weakly keyed) for the
information gain (interview/gain.py). For each field a screen asks, and each
value the screen offers for it (in the order `possible_answers` lists them):

- `fixed`: values × conditions, the summed log P(state | condition) of the
  findings that read this field alone, belong to no nested group and are
  undecided with no answers: their state under each value is a constant;
- `free`: the same rows for each nested finding (`Finding.nested_in`) whose
  partners read no field of the screen; they add as they are while none of
  the partners is decided, else the step tests them (`tested`);
- `other_fields`: findings that read this field and fields of other screens:
  their state under each value depends on those answers, so each step tests
  them once per value;
- `multiplier`: the change of each condition's log prior (age band, sex,
  activity: `Prior.weight` is their product) under each value, and
  `requires`: the conditions whose `requires` reads this field among the
  screen's fields, tested once per value at each step.

What none of these covers (a finding or `requires` reading two fields of the
same screen, a nested finding beside its partner, a finding decided with no
answers) is tested for every answer at each step (`ScreenTable.tested`,
`ScreenTable.requires_tested`).

A screen's rows with every field open are the same at every step where no
answer reaches the fields they depend on (`ScreenTable.depends_on`; and, for a
screen that changes the prior, while the answers rule out only what no answers
rule out): they are kept as likelihoods (`ScreenTable.typical`), so such a step
computes nothing for that screen.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from kneewise.engine.differential import Posterior, posterior
from kneewise.engine.logic import Check, predicate_fields
from kneewise.interview.units import Unit, possible_answers
from kneewise.knowledge.compiled import CompiledKnowledge, FloatArray
from kneewise.knowledge.model import KnowledgeBase

#: The fields `Prior.weight` multiplies by (`age_bands`, `sex`, `activities`).
MULTIPLIER_FIELDS = ("age", "sex", "activities")
# Floor of P(answer | condition) summed over the answers: a condition that every
# answer would rule out is already out of the belief.
FLOOR = 1e-300
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class Likelihoods:
    """P(answer | condition) of each of a screen's answers (answers × conditions), normalised
    over its answers, beside P log2 P (0 where P is 0): `matrix` is answers × 2 conditions.

    Made from a screen's rows (log P(answer | condition) up to a constant per condition).
    """

    matrix: FloatArray

    @classmethod
    def of(cls, rows: FloatArray) -> Likelihoods:
        exp = np.exp(rows)
        p = exp / np.maximum(exp.sum(axis=0), FLOOR)
        return cls(np.hstack([p, p * np.log2(p, out=np.zeros_like(p), where=p > 0)]))


@dataclass(frozen=True, eq=False)
class FieldTable:
    """One field of a screen: see the module doc. Arrays are values × conditions."""

    name: str
    values: tuple[Any, ...]
    fixed: FloatArray
    free: tuple[tuple[str, frozenset[str], FloatArray], ...]  # (finding, partners, rows)
    other_fields: tuple[int, ...]  # finding columns
    multiplier: FloatArray | None
    requires: tuple[tuple[int, Check], ...]  # (condition column, its compiled `requires`)


@dataclass(frozen=True, eq=False)
class ScreenTable:
    """One screen's fields, what only a whole answer decides, and its rows with every field
    open when nothing is left to a step (`plain`): then `full` is the whole block."""

    unit: Unit
    fields: Mapping[str, FieldTable]
    tested: frozenset[int]  # finding columns tested for every answer at each step
    requires_tested: tuple[tuple[int, Check], ...]
    depends_on: frozenset[str]  # other screens' fields the rows depend on
    reads_prior: bool  # the rows change the prior (then they depend on what is ruled out)
    typical: Likelihoods | None = None  # every field open, no answer on `depends_on`


@dataclass(frozen=True, eq=False)
class Tables:
    """Every screen's table by screen id, and the conditions ruled out with no answers."""

    screens: Mapping[str, ScreenTable]
    out_with_no_answers: Mask


def screen_tables(kb: KnowledgeBase, known: CompiledKnowledge) -> Tables:
    """Every screen's table, computed the first time for this compiled knowledge."""
    found = _TABLES.get(known)
    if found is None:
        nothing = posterior(kb, {})
        out = np.isneginf(known.log_priors({}))
        screens = {u.id: _typical(_screen_table(kb, known, u), nothing, out) for u in known.screens}
        found = _TABLES[known] = Tables(screens, out)
    return found


_TABLES: weakref.WeakKeyDictionary[CompiledKnowledge, Tables] = weakref.WeakKeyDictionary()


def screen_rows(
    table: ScreenTable,
    open_fields: list[str],
    found: Posterior,
    answers: Mapping[str, Any],
    out: Mask,
) -> tuple[FloatArray, frozenset[int]]:
    """A screen's rows for these answers (`out`: the conditions they rule out), but for the
    findings tested for every answer (returned: the screen's own, and each nested one
    whose partner is decided)."""
    known = found.compiled
    tested = set(table.tested)
    by_field = []
    for name in open_fields:
        field = table.fields[name]
        rows = field.fixed
        for finding, partners, extra in field.free:
            if partners.isdisjoint(found.decided):
                rows = rows + extra
            else:  # it may now count instead of its partner, or its partner no longer count
                tested.add(known.finding_index[finding])
        for column in field.other_fields:
            if known.finding_ids[column] not in found.decided:
                rows = rows + _given(known, column, name, field.values, answers)
        if field.multiplier is not None:
            # A condition already ruled out stays out; its score no longer matters.
            rows = rows + np.where(out, 0.0, field.multiplier)
        if field.requires:
            rows = rows.copy()
            for column, check in field.requires:
                for row, value in enumerate(field.values):
                    if not out[column] and check({**answers, name: value}) is False:
                        rows[row, column] = -np.inf  # this answer rules the condition out
        by_field.append(rows)
    return outer_sum(by_field), frozenset(tested)


def _given(
    known: CompiledKnowledge,
    column: int,
    name: str,
    values: tuple[Any, ...],
    answers: Mapping[str, Any],
) -> FloatArray:
    """log P(state | condition) of a finding that also reads other screens' fields, under
    each value of `name`, given the answers to those."""
    rows = np.zeros((len(values), len(known.condition_ids)))
    for row, value in enumerate(values):
        state = known.finding_checks[column]({**answers, name: value})
        if state is not None:
            rows[row] = known.log_by_state[column + known.state_offset * state]
    return rows


def _typical(table: ScreenTable, nothing: Posterior, out: Mask) -> ScreenTable:
    """The table with its rows for every field open and no answer on what they depend on."""
    if table.tested or table.requires_tested:
        return table
    rows, tested = screen_rows(table, list(table.unit.fields), nothing, {}, out)
    return table if tested else replace(table, typical=Likelihoods.of(rows))


def outer_sum(tables: list[FloatArray]) -> FloatArray:
    """Rows for every combination of the fields' values, the first field's value changing
    slowest (as `possible_answers` lists a grouped screen's answers): each its fields' rows
    summed."""
    rows = tables[0]
    for more in tables[1:]:
        rows = (rows[:, None, :] + more[None, :, :]).reshape(-1, rows.shape[1])
    return rows


def _partners(known: CompiledKnowledge) -> dict[str, frozenset[str]]:
    paired: dict[str, set[str]] = {}
    for narrower, broader in known.nested:
        paired.setdefault(narrower, set()).add(broader)
        paired.setdefault(broader, set()).add(narrower)
    return {finding: frozenset(others) for finding, others in paired.items()}


def _rows(known: CompiledKnowledge, column: int, name: str, values: tuple[Any, ...]) -> FloatArray:
    """log P(state | condition) of one finding under each value of the one field it reads."""
    rows = np.zeros((len(values), len(known.condition_ids)))
    for row, value in enumerate(values):
        state = known.finding_checks[column]({name: value})
        if state is not None:
            rows[row] = known.log_by_state[column + known.state_offset * state]
    return rows


def _multiplier(kb: KnowledgeBase, name: str, values: tuple[Any, ...]) -> FloatArray:
    priors = [c.prior for c in kb.conditions.values()]
    none = np.log([p.weight(None, None, ()) for p in priors])
    rows = []
    for value in values:
        age, sex, activities = (
            (value, None, ()) if name == "age"
            else (None, value, ()) if name == "sex"
            else (None, None, value)
        )  # fmt: skip
        rows.append(np.log([p.weight(age, sex, activities) for p in priors]) - none)
    return np.array(rows)


def _screen_table(kb: KnowledgeBase, known: CompiledKnowledge, unit: Unit) -> ScreenTable:
    on_screen = set(unit.fields)
    partners = _partners(known)
    requires_reads = [
        predicate_fields(c.requires) for c in kb.conditions.values() if c.requires is not None
    ]
    fields_of = {
        column: read for (column, _), read in zip(known.requires, requires_reads, strict=True)
    }
    requires = [(column, check, fields_of[column] & on_screen) for column, check in known.requires]
    tested: set[int] = set()
    fields = {}
    for name in unit.fields:
        values = tuple(
            (True, False) if unit.grouped
            else (option[name] for option in possible_answers(kb, unit, set()))
        )  # fmt: skip
        fixed = np.zeros((len(values), len(known.condition_ids)))
        free, other_fields = [], []
        for column in known.findings_by_field.get(name, ()):
            finding = known.finding_ids[column]
            reads = known.finding_fields[column]
            if known.finding_checks[column]({}) is not None or len(reads & on_screen) > 1:
                tested.add(column)  # decided with no answers, or read by a whole answer
            elif finding in partners:
                if len(reads) > 1 or any(
                    known.finding_fields[known.finding_index[p]] & on_screen
                    for p in partners[finding]
                ):
                    tested.add(column)
                else:
                    free.append((finding, partners[finding], _rows(known, column, name, values)))
            elif len(reads) > 1:
                other_fields.append(column)
            else:
                fixed += _rows(known, column, name, values)
        fields[name] = FieldTable(
            name=name,
            values=values,
            fixed=fixed,
            free=tuple(free),
            other_fields=tuple(other_fields),
            multiplier=_multiplier(kb, name, values) if name in MULTIPLIER_FIELDS else None,
            requires=tuple((column, check) for column, check, read in requires if read == {name}),
        )
    depends_on: set[str] = set()
    for table in fields.values():
        depends_on.update(*(known.finding_fields[known.finding_index[p]]
                            for _, partners, _ in table.free for p in partners))  # fmt: skip
        depends_on.update(*(known.finding_fields[c] for c in table.other_fields))
        depends_on.update(*(fields_of[c] for c, _ in table.requires))
    for array in (t.fixed for t in fields.values()):
        array.flags.writeable = False
    return ScreenTable(
        unit=unit,
        fields=fields,
        tested=frozenset(tested),
        requires_tested=tuple((column, check) for column, check, read in requires if len(read) > 1),
        depends_on=frozenset(depends_on - on_screen),
        reads_prior=any(t.multiplier is not None or t.requires for t in fields.values()),
    )
