"""The leaf tests that read one intake field, tested together for any answer (forest.py).

Each leaf is a test (field, op, value) with its `if_unknown` and whether a
`not` above it was pushed down to it. Its code for an answer is what its own
compiled test says (`logic.compile_predicate`, the same as `holds`); what is
kept here are those codes worked out once, at compile time, so an answer costs
a lookup, not one test per leaf:

- yes/no and choice fields: the codes for each value the field can take;
- list fields whose leaves all test membership (`in`): which leaves each item
  can make true, as one byte per leaf in a Python integer (0xFF where the item is
  listed), so a list's found leaves are the OR of its items'; a found leaf is
  true, one not found is false, or its `if_unknown` when the list names only what
  was mentioned (`Mentioned`: not mentioned is not "no");
- number fields whose leaves all compare with a bound: the bounds cut the line
  into ranges (below the first, at it, between it and the next, ...), within
  which every comparison comes out the same, so the codes of each range are
  those of one value in it.

Anything else (an item, a value or a type no table holds) is tested leaf by
leaf, exactly as before. tests/knowledge/test_forest.py checks the codes
against `holds` on values inside and outside the tables.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from kneewise.engine.logic import Check
from kneewise.intake import INTAKE_FIELDS, Mentioned
from kneewise.knowledge.model import FieldTest

FALSE, UNKNOWN, TRUE = 0, 1, 2
_NUMBERS = (int, float)


def code(truth: bool | None, negated: bool = False) -> int:
    """A three-valued truth as 0 (false), 1 (unknown) or 2 (true); `negated` turns it round."""
    value = UNKNOWN if truth is None else (TRUE if truth else FALSE)
    return TRUE - value if negated else value


@dataclass(frozen=True, eq=False)
class FieldLeaves:
    """The leaves reading one field, in forest order, and their codes worked out once.

    `by_value`: each yes/no or choice value's codes; `by_item`: each list item's
    found leaves (0xFF bytes); `plain` and `mentioned`: (the codes when nothing is
    found, XOR the codes when all is found) for a plain list and a `Mentioned` one;
    `bounds` and `by_range`: the number ranges' codes (range 2i below `bounds[i]`,
    2i + 1 at it).
    """

    checks: tuple[tuple[Check, bool], ...]
    by_value: Mapping[Hashable, bytes]
    by_item: Mapping[str, int]
    plain: tuple[int, int]
    mentioned: tuple[int, int]
    bounds: tuple[float, ...]
    by_range: tuple[bytes, ...]

    def codes(self, value: Any, answers: Mapping[str, Any]) -> bytes:
        """The leaves' codes for this field's `value` (`answers` holds it: its own tests
        read it there when no table has it)."""
        if isinstance(value, list):
            if self.by_item:
                found = 0
                for item in value:
                    mask = self.by_item.get(item)
                    if mask is None:
                        return self.tested(answers)
                    found |= mask
                nothing, change = self.mentioned if isinstance(value, Mentioned) else self.plain
                return (nothing ^ (found & change)).to_bytes(len(self.checks), "little")
        elif type(value) in _NUMBERS:
            if self.by_range and value == value:  # NaN compares with nothing: tested
                bounds = self.bounds
                i = bisect_left(bounds, value)
                at = i < len(bounds) and bounds[i] == value
                return self.by_range[2 * i + at]
        else:
            try:
                tabled = self.by_value.get(value)
            except TypeError:  # not hashable: tested
                tabled = None
            if tabled is not None:
                return tabled
        return self.tested(answers)

    def tested(self, answers: Mapping[str, Any]) -> bytes:
        """Each leaf's own test, one by one (what the tables hold, for any answer)."""
        return bytes([code(check(answers), negated) for check, negated in self.checks])


def field_leaves(name: str, leaves: list[tuple[FieldTest, bool, Check]]) -> FieldLeaves:
    """The tables of the leaves (test, negated, compiled test) that read field `name`."""
    checks = tuple((check, negated) for _, negated, check in leaves)
    spec = INTAKE_FIELDS.get(name)
    kind = spec.kind if spec is not None else None

    def at(value: Any) -> bytes:
        return bytes([code(check({name: value}), negated) for check, negated in checks])

    by_value: dict[Hashable, bytes] = {}
    if spec is not None and kind in ("bool", "choice"):
        by_value = {v: at(v) for v in ((True, False) if kind == "bool" else spec.choices)}
    by_item: dict[str, int] = {}
    plain = mentioned = (0, 0)
    if spec is not None and kind == "choices" and all(t.in_ is not None for t, _, _ in leaves):
        by_item = {
            item: _bytes_int([0xFF if item in (t.in_ or ()) else 0 for t, _, _ in leaves])
            for item in spec.choices
        }
        found = [code(True, negated) for _, negated, _ in leaves]
        plain = _found_or_not(found, [code(False, negated) for _, negated, _ in leaves])
        mentioned = _found_or_not(found, [code(t.if_unknown, n) for t, n, _ in leaves])
    bounds: tuple[float, ...] = ()
    by_range: tuple[bytes, ...] = ()
    if kind in ("int", "number") and all(_bound(t) is not None for t, _, _ in leaves):
        bounds = tuple(sorted({float(b) for t, _, _ in leaves if (b := _bound(t)) is not None}))
        # One value inside each range: below the first bound, at it, between it and the next, …
        between = [(a + b) / 2 for a, b in itertools.pairwise(bounds)]
        inside = [bounds[0] - 1.0, *between, bounds[-1] + 1.0]
        values = [v for i, bound in enumerate(bounds) for v in (inside[i], bound)] + [inside[-1]]
        by_range = tuple(at(v) for v in values)
    return FieldLeaves(checks, by_value, by_item, plain, mentioned, bounds, by_range)


def _bound(test: FieldTest) -> float | None:
    for bound in (test.gte, test.lte, test.gt, test.lt):
        if bound is not None:
            return float(bound)
    return None


def _found_or_not(found: list[int], lost: list[int]) -> tuple[int, int]:
    """(the codes when no leaf is found, XOR the codes when every leaf is), as `_bytes_int`."""
    return _bytes_int(lost), _bytes_int([a ^ b for a, b in zip(lost, found, strict=True)])


def _bytes_int(values: list[int]) -> int:
    """One byte per leaf, the first leaf in the lowest byte (`int.to_bytes(…, "little")`)."""
    return int.from_bytes(bytes(values), "little")
