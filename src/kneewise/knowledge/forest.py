"""Every test of the knowledge as one forest of arrays, evaluated at once (issue 11).

The findings', rules', `requires` and advice cards' tests are trees of
`all`/`any`/`not` over leaf tests (field, op, value). Compiled once, they become
one forest: the `not`s pushed down to the leaves (De Morgan, which Kleene's
three-valued logic keeps exactly), an `all` within an `all` (an `any` within an
`any`) merged into it, the leaves first, then the `all`/`any` nodes grouped by step,
each node's children side by side.

A truth is one small integer per node: 0 false, 1 unknown, 2 true. In Kleene's
logic "and" is the minimum and "or" the maximum, so a whole step of nodes is
one gather and one `minimum.reduce` / `maximum.reduce` (numpy): the trees are
decided step by step, never node by node. The steps alternate `all` and `any`, each
node at the first step of its kind after its parts (`_step`): one group per step, as
few as the deepest alternation needs (each group costs the same few numpy calls
however many nodes it holds). An unknown leaf (1) can make an
`all` false only when another part is false (0): "don't know" is never "no".

Each leaf is tested by the same compiled test as `logic.holds` would use
(`logic.compile_predicate`), so the values are equal by construction; the
leaves reading one field sit side by side and are set at once, from tables
worked out at compile time from those same tests (leaves.py).
tests/knowledge/test_forest.py checks every finding, rule, `requires` and card
against `holds` and `deciding_fields` on generated answers.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from kneewise.engine.logic import compile_predicate
from kneewise.knowledge.leaves import FALSE, TRUE, UNKNOWN, FieldLeaves, code, field_leaves
from kneewise.knowledge.model import AllOf, FieldTest, KnowledgeBase, NotOf, Predicate

Codes = npt.NDArray[np.int8]
Indices = npt.NDArray[np.intp]
# The answers' types whose leaves' codes are tabled by value (`FieldLeaves.by_value`).
_BY_VALUE = (bool, str)


@dataclass(frozen=True)
class Group:
    """The nodes of one step (one kind, `all` or `any`): nodes `start` to `stop`.

    Column j of `parts` holds the children of node `start + j`, filled up to the
    widest with a neutral node (always true for `all`, the minimum; always false
    for `any`, the maximum), so a group is one gather and one reduction.
    """

    start: int
    stop: int
    every: bool
    parts: Indices


@dataclass(frozen=True)
class _Leaf:
    test: FieldTest
    negated: bool


@dataclass(frozen=True)
class _Inner:
    every: bool
    parts: tuple[_Leaf | _Inner, ...]


def _pushed(predicate: Predicate, negated: bool = False) -> _Leaf | _Inner:
    """`predicate` with its `not`s at the leaves: not all = any not, not any = all not."""
    if isinstance(predicate, FieldTest):
        return _Leaf(predicate, negated)
    if isinstance(predicate, NotOf):
        return _pushed(predicate.not_, not negated)
    every = isinstance(predicate, AllOf) != negated
    parts = predicate.all if isinstance(predicate, AllOf) else predicate.any
    return _Inner(every, tuple(_pushed(p, negated) for p in parts))


def _flattened(node: _Leaf | _Inner) -> _Leaf | _Inner:
    """`node` with each part of its own kind merged into it: all(all(a, b), c) = all(a, b, c)
    (the minimum of minima; the maximum of maxima), so the trees are shallower. An open
    path is unchanged: a merged part is unknown whenever an unknown leaf below it and the
    node above it are."""
    if isinstance(node, _Leaf):
        return node
    parts: list[_Leaf | _Inner] = []
    for part in map(_flattened, node.parts):
        if isinstance(part, _Inner) and part.every == node.every:
            parts += part.parts
        else:
            parts.append(part)
    return _Inner(node.every, tuple(parts))


def _step(node: _Leaf | _Inner, steps: dict[int, int], first: bool) -> int:
    """The step at which `node` is decided, after all its parts: steps alternate in kind,
    odd ones reducing the kind `first` (`every`) names, even ones the other, so that each
    step is one group and there are as few as the deepest alternation needs."""
    if isinstance(node, _Leaf):
        return 0
    found = 1 + max(_step(p, steps, first) for p in node.parts)
    if (found % 2 == 1) != (node.every == first):  # not this node's kind: the next step
        found += 1
    steps[id(node)] = found
    return found


def _fewest_steps(pushed: list[_Leaf | _Inner]) -> dict[int, int]:
    """Each inner node's step (`_step`), starting with whichever kind needs fewer steps."""
    tried = []
    for first in (True, False):
        steps: dict[int, int] = {}
        for node in pushed:
            _step(node, steps, first)
        tried.append(steps)
    return min(tried, key=lambda steps: max(steps.values(), default=0))


@dataclass(frozen=True, eq=False)
class Forest:
    """The compiled forest (see the module doc): tree t's root is node `roots[t]`.

    The leaves come first, grouped by the field they read (`field_span`), then the
    inner nodes by step; the last two nodes are always true and always false.
    """

    roots: Indices
    groups: tuple[Group, ...]
    blank: bytes  # every node's code with no answers (the leaves' `if_unknown`)
    # Each tree's leaves in field order: (field, the leaf and the nodes above it below the root).
    tree_leaves: tuple[tuple[tuple[str, tuple[int, ...]], ...], ...]
    # Per field: where its leaves are, and their codes for any answer (leaves.py).
    fields: dict[str, tuple[int, int, FieldLeaves]]

    def evaluate(self, answers: Mapping[str, Any]) -> Codes:
        """Every node's code (0 false, 1 unknown, 2 true) for these answers."""
        leaves = bytearray(self.blank)
        fields = self.fields
        for name, value in answers.items():
            found = fields.get(name)
            if found is not None:
                start, stop, reading = found
                # A yes/no or a choice (most answers) is one look-up, what `codes` would do
                # first for it; anything else, or a value no table holds, goes through `codes`.
                tabled = reading.by_value.get(value) if type(value) in _BY_VALUE else None
                leaves[start:stop] = tabled if tabled is not None else reading.codes(value, answers)
        codes: Codes = np.frombuffer(leaves, dtype=np.int8)
        for parts, start, stop, reduce in self.steps:
            codes[start:stop] = reduce(codes[parts])
        return codes

    @cached_property
    def steps(self) -> tuple[tuple[Indices, int, int, Callable[[Codes], Codes]], ...]:
        """Each group as (parts, start, stop, its reduction: Kleene's and or or)."""
        minimum, maximum = np.minimum.reduce, np.maximum.reduce
        return tuple(
            (g.parts, g.start, g.stop, minimum if g.every else maximum) for g in self.groups
        )

    def deciding(self, codes: Codes, trees: Sequence[int]) -> dict[int, tuple[str, ...]]:
        """For each open tree in `trees`, the fields of the leaves an open path reaches from its
        root, sorted by name: the unanswered fields that could still decide it
        (`logic.deciding_fields`: a branch the answers decide is left out).

        Read in Python from the codes: only the open trees' few leaves are looked at,
        fewer steps than a pass of arrays over every leaf of the forest.
        """
        is_open = (codes == UNKNOWN).tolist().__getitem__
        found: dict[int, tuple[str, ...]] = {}
        for tree in trees:
            fields: list[str] = []
            for name, path in self.tree_leaves[tree]:  # in field order
                if (not fields or fields[-1] != name) and all(map(is_open, path)):
                    fields.append(name)
            found[tree] = tuple(fields)
        return found


def compile_forest(trees: Sequence[Predicate]) -> Forest:
    """The forest of `trees` (tree t's root is `Forest.roots[t]`)."""
    pushed = [_flattened(_pushed(p)) for p in trees]
    leaves: list[tuple[_Leaf, int]] = []
    inner: list[tuple[_Inner, int]] = []

    def collect(node: _Leaf | _Inner, tree: int) -> None:
        if isinstance(node, _Leaf):
            leaves.append((node, tree))
            return
        inner.append((node, tree))
        for part in node.parts:
            collect(part, tree)

    for tree, node in enumerate(pushed):
        collect(node, tree)
    steps = _fewest_steps(pushed)
    leaves.sort(key=lambda item: item[0].test.field)  # stable: each field's leaves side by side
    number = {id(leaf): i for i, (leaf, _) in enumerate(leaves)}
    # Inner nodes by step (one kind each: `_step`).
    ordered = sorted((node for node, _ in inner), key=lambda n: steps[id(n)])
    number |= {id(node): len(leaves) + i for i, node in enumerate(ordered)}
    size = len(leaves) + len(ordered)
    groups: list[Group] = []
    start = len(leaves)
    for (_, every), members in itertools.groupby(ordered, key=lambda n: (steps[id(n)], n.every)):
        kind = list(members)
        groups.append(_group(kind, start, every, number, size))
        start += len(kind)
    checks = [compile_predicate(leaf.test) for leaf, _ in leaves]
    fields: dict[str, tuple[int, int, FieldLeaves]] = {}
    for name, reads in itertools.groupby(range(len(leaves)), key=lambda i: leaves[i][0].test.field):
        places = list(reads)
        reading = [(leaves[i][0].test, leaves[i][0].negated, checks[i]) for i in places]
        fields[name] = (places[0], places[-1] + 1, field_leaves(name, reading))
    blank = bytearray(
        [code(check({}), leaf.negated) for check, (leaf, _) in zip(checks, leaves, strict=True)]
    )
    blank += bytes([UNKNOWN] * len(ordered)) + bytes([TRUE, FALSE])  # the fillers
    above: dict[int, int] = {}  # each inner node's children's parent
    for node in ordered:
        above |= {number[id(part)]: number[id(node)] for part in node.parts}
    paths: list[list[int]] = []
    for place in range(len(leaves)):
        path = [place]
        while path[-1] in above:
            path.append(above[path[-1]])
        paths.append(path)
    forest = Forest(
        roots=_read_only(np.array([number[id(node)] for node in pushed], dtype=np.intp)),
        groups=tuple(groups),
        blank=bytes(blank),
        tree_leaves=tuple(
            tuple(
                (leaf.test.field, tuple(paths[place][:-1]))
                for place, (leaf, tree) in enumerate(leaves)
                if tree == t
            )
            for t in range(len(pushed))
        ),
        fields=fields,
    )
    # The inner nodes' codes with no answers, so that `blank` is the forest with none.
    object.__setattr__(forest, "blank", forest.evaluate({}).tobytes())
    return forest


def _group(
    nodes: list[_Inner], start: int, every: bool, number: Mapping[int, int], size: int
) -> Group:
    """One group's matrix (see `Group`); the always-true node is `size`, the always-false
    `size + 1`."""
    width = max(len(node.parts) for node in nodes)
    filler = size if every else size + 1
    rows = [[number[id(p)] for p in node.parts] for node in nodes]
    parts = np.array([row + [filler] * (width - len(row)) for row in rows], dtype=np.intp)
    assert all(number[id(node)] == start + i for i, node in enumerate(nodes))
    return Group(start, start + len(nodes), every, _read_only(np.ascontiguousarray(parts.T)))


def _read_only(array: Indices) -> Indices:
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class Trees:
    """The knowledge's tests as one forest, and where each one's root is.

    `finding_nodes` and `rule_nodes` in file order; `requires_nodes[i]` is the
    `requires` of condition `requires_conditions[i]` (its place in file order);
    `card_nodes` by the card's place in the file, for the cards with a `when`;
    `nested_pairs` the nested findings' columns, the narrower in row 0.
    """

    forest: Forest
    finding_nodes: Indices
    rule_nodes: Indices
    requires_nodes: Indices
    requires_conditions: Indices
    card_nodes: Mapping[int, int]
    nested_pairs: Indices

    @cached_property
    def nested_places(self) -> tuple[tuple[tuple[int, int], ...], Indices]:
        """The nested pairs as Python numbers ((narrower, broader), ...), and the columns of
        all the narrower then all the broader, to read their codes at once."""
        narrower, broader = self.nested_pairs.tolist()
        return tuple(zip(narrower, broader, strict=True)), self.nested_pairs.ravel()

    def rule_deciding(self, codes: Codes, rules: Sequence[int]) -> dict[int, tuple[str, ...]]:
        """`Forest.deciding` for the open rules at these places in file order, by place."""
        first = len(self.finding_nodes)  # the rules' trees follow the findings'
        found = self.forest.deciding(codes, [first + i for i in rules])
        return {i: found[first + i] for i in rules}


def compile_trees(kb: KnowledgeBase) -> Trees:
    """The forest of every finding's, rule's, `requires` and advice card's test."""
    conditions = list(kb.conditions.values())
    requires = [(i, c.requires) for i, c in enumerate(conditions) if c.requires is not None]
    cards = [(i, c.when) for i, c in enumerate(kb.advice) if c.when is not None]
    forest = compile_forest(
        [f.when for f in kb.findings.values()]
        + [r.when for r in kb.rules]
        + [test for _, test in requires]
        + [when for _, when in cards]
    )
    roots = forest.roots.tolist()
    starts = list(itertools.accumulate((len(kb.findings), len(kb.rules), len(requires))))
    column = {f: i for i, f in enumerate(kb.findings)}
    nested = [(column[f.id], column[f.nested_in]) for f in kb.findings.values() if f.nested_in]
    return Trees(
        forest=forest,
        finding_nodes=_read_only(np.array(roots[: starts[0]], dtype=np.intp)),
        rule_nodes=_read_only(np.array(roots[starts[0] : starts[1]], dtype=np.intp)),
        requires_nodes=_read_only(np.array(roots[starts[1] : starts[2]], dtype=np.intp)),
        requires_conditions=_read_only(np.array([i for i, _ in requires], dtype=np.intp)),
        card_nodes=MappingProxyType(
            {i: node for (i, _), node in zip(cards, roots[starts[2] :], strict=True)}
        ),
        nested_pairs=_read_only(np.array(nested, dtype=np.intp).reshape(-1, 2).T.copy()),
    )
