"""Tables worked out once per knowledge base so that an assessment only picks (issue 11).

- `evidence_order`: for each condition, its notable explanation entries in the order
  they are shown (strongest first, ties in the findings' file order), as a place for
  every finding state, so a person's entries are one gather and one sort
  (engine/differential.py `explained`); every entry is built here once (its words,
  whether it speaks for), so an assessment picks them with one gather, not one by one;
- `rule_leaves`: every rule's leaves as rows of the forest's nodes, so the fields
  that could still decide the open rules are one gather (engine/triage.py);
- `said_no_bits`: each intake field a finding reads as one bit, and each finding's
  fields as the OR of theirs, so whether a person said a plain no to everything a
  finding asks is two integer tests (engine/differential.py `said_no_places`).

- each condition's fixed fields as a `RankedCondition` shows them, and each level's
  triggered advice cards' nodes in the forest (engine/plan.py).

`output_tables` builds them when the knowledge is compiled (`CompiledKnowledge.shown`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from kneewise.assessment import FindingWeight, UndecidedRule
from kneewise.engine.logic import CONTEXT_FIELDS
from kneewise.knowledge.forest import Trees
from kneewise.knowledge.leaves import TRUE
from kneewise.knowledge.model import KnowledgeBase, TriageLevel
from kneewise.knowledge.tables import LevelCards, read_only_ints

FloatArray = npt.NDArray[np.float64]
# A finding moves a condition visibly only beyond this log-likelihood ratio (≈ ×1.25).
NOTABLE_WEIGHT = 0.22


def rule_leaves(
    trees: Trees, rules: int
) -> tuple[npt.NDArray[np.intp], list[tuple[int, int]], list[tuple[str, ...]]]:
    """`rule_leaf_paths`, `rule_leaf_span` and `rule_leaf_fields` (see `CompiledKnowledge`)."""
    forest, first = trees.forest, len(trees.finding_nodes)  # the rules' trees follow
    leaves = [forest.tree_leaves[first + i] for i in range(rules)]
    depth = max([len(path) for tree in leaves for _, path in tree] + [1])
    rows: list[list[int]] = []
    spans: list[tuple[int, int]] = []
    for i, tree in enumerate(leaves):
        root = int(forest.roots[first + i])
        spans.append((len(rows), len(rows) + len(tree)))
        rows += [[*path, *[root] * (depth - len(path))] for _, path in tree]
    paths = np.array(rows, dtype=np.intp).reshape(len(rows), depth)
    return read_only_ints(paths), spans, [tuple(name for name, _ in tree) for tree in leaves]


#: A rule's tree as `told_counts` walks it: a leaf is its place in the forest, an inner
#: node (every: `all` or `any`, its place, its parts, each part's leaves as bits: 1 << place,
#: so that a part with no told leaf is passed over without a call).
ToldNode = int | tuple[bool, int, tuple["ToldNode", ...], tuple[int, ...]]


def rule_told_leaves(
    trees: Trees, paths: npt.NDArray[np.intp], spans: list[tuple[int, int]]
) -> tuple[tuple[int, ...], npt.NDArray[np.bool_], tuple[ToldNode, ...]]:
    """`rule_leaf_rule`, `rule_leaf_plain` and `rule_told_trees` (see `OutputTables`), for
    the rows of `rule_leaves` (`paths`, `spans`); a row's first node is its leaf."""
    forest, first = trees.forest, len(trees.finding_nodes)
    blank = forest.blank
    places = paths[:, 0].tolist()
    owner = [i for i, (start, stop) in enumerate(spans) for _ in range(start, stop)]
    plain = [blank[place] != TRUE for place in places]
    size = len(forest.blank) - 2  # the last two nodes are the fillers
    parts: dict[int, tuple[bool, list[int]]] = {}
    for group in forest.groups:
        for column, node in enumerate(range(group.start, group.stop)):
            below = [p for p in group.parts[:, column].tolist() if p < size]
            parts[node] = (group.every, below)

    def tree(node: int) -> ToldNode:
        if node not in parts:
            return node
        every, below = parts[node]
        return (every, node, tuple(tree(p) for p in below), tuple(map(bits, below)))

    def bits(node: int) -> int:
        if node not in parts:
            return 1 << node
        return sum(map(bits, parts[node][1]))  # a leaf is under one node: no bit twice

    return (
        tuple(owner),
        _read_only_bools(plain),
        tuple(tree(int(forest.roots[first + i])) for i in range(len(spans))),
    )


def said_no_bits(
    finding_fields: tuple[frozenset[str], ...],
) -> tuple[dict[str, int], tuple[int, ...]]:
    """`field_bit` and `finding_field_bits` (see `OutputTables`): one bit per field a
    finding reads (in name order), and each finding's fields' bits ORed."""
    names = sorted(set().union(*finding_fields))
    bit = {name: 1 << place for place, name in enumerate(names)}
    masks = tuple(sum(bit[name] for name in fields) for fields in finding_fields)
    return bit, masks


def evidence_order(by_condition: FloatArray) -> tuple[npt.NDArray[np.intp], list[tuple[int, ...]]]:
    """Each condition's notable entries' ranks (for each row of the weights, its place among
    them, strongest first; the number of rows where not notable) and the rows in that order
    (`OutputTables.evidence_rows`), from the weights table."""
    findings = by_condition.shape[1] // 2
    strength = np.abs(np.hstack([by_condition, by_condition[:, :findings]]))
    column = np.tile(np.arange(findings), 3)
    rank = np.full(strength.shape, strength.shape[1], dtype=np.intp)  # past every place
    rows: list[tuple[int, ...]] = []
    for condition, weights in enumerate(strength):
        notable = np.flatnonzero(weights >= NOTABLE_WEIGHT)
        # Strongest first, ties in the findings' file order (lexsort's last key sorts first).
        order = notable[np.lexsort((column[notable], -weights[notable]))]
        rank[condition, order] = np.arange(len(order))
        rows.append(tuple(order.tolist()))
    return read_only_ints(rank), rows


def evidence_text(item: FindingWeight) -> str:
    """How an explanation entry reads: the finding's label, or why it is absent."""
    if item.present:
        return item.label
    # "You said no" only for a no; an absent finding may follow from another answer
    # ("gradually" rules out "started suddenly"), and then says so ("you said
    # otherwise" read as a contradiction beside "For:").
    if item.said_no:
        return f"you said no: {item.label}"
    return f"ruled out by your other answers: {item.label}"


def evidence_tables(
    kb: KnowledgeBase,
    by_condition: FloatArray,
    rank: npt.NDArray[np.intp],
    rows: list[tuple[int, ...]],
) -> tuple[
    npt.NDArray[np.intp],
    npt.NDArray[np.object_],
    npt.NDArray[np.object_],
    npt.NDArray[np.bool_],
]:
    """`evidence_place`, `evidence_items`, `evidence_texts` and `evidence_for` (see
    `OutputTables`) from the weights table and `evidence_order`'s ranks and rows."""
    findings = by_condition.shape[1] // 2
    starts = np.cumsum([0] + [len(order) for order in rows])
    total = int(starts[-1])
    notable = rank < rank.shape[1]
    place = np.where(notable, rank + starts[:-1, None], total)
    ids = list(kb.findings)
    labels = [f.label for f in kb.findings.values()]
    items: list[FindingWeight] = []
    for condition, order in enumerate(rows):
        for row in order:  # 0 absent, 1 present, 2 absent because the person said no
            column, state = row % findings, row // findings
            weight = float(by_condition[condition, row if state < 2 else column])
            items.append(FindingWeight(
                finding=ids[column], label=labels[column], present=state == 1,
                weight=round(weight, 3), said_no=state == 2,
            ))  # fmt: skip
    texts = [evidence_text(item) for item in items]
    return (
        read_only_ints(place.astype(np.intp)),
        _read_only_objects(items),
        _read_only_objects(texts),
        _read_only_bools([item.weight > 0 for item in items]),
    )


def _read_only_objects(values: list[Any]) -> npt.NDArray[np.object_]:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    array.flags.writeable = False
    return array


def _read_only_bools(values: list[bool]) -> npt.NDArray[np.bool_]:
    array = np.array(values, dtype=np.bool_).reshape(len(values))
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class OutputTables:
    """What an assessment shows, worked out once per knowledge base.

    Explanations: a finding's row of the weights is its column when absent,
    `findings` + column when present and 2 × `findings` + column when absent
    because the person said no (the weight of absent; another sentence).
    The notable entries of every condition are numbered one after another, each
    condition's strongest first, ties in file order: `evidence_place[condition, row]`
    is that entry's number (the number of entries, past every one, for a weight not
    notable); `evidence_rows[condition]` the rows of its entries in that order.
    `evidence_items`, `evidence_texts` and `evidence_for`, by number: each entry as
    shown, its words and whether it speaks for the condition, built once and shared
    by every assessment that shows it, being immutable.
    Open rules: rule i's leaves are rows `rule_leaf_span[i]` of
    `rule_leaf_paths` (the nodes from the leaf up to below the root, padded with
    the root, which is open whenever the rule is), their fields `rule_leaf_fields[i]`;
    a leaf an open path reaches has every node of its row unknown.
    Told toward an open rule (engine/triage.py `told_counts`): row r is rule
    `rule_leaf_rule[r]`'s; a leaf true for the answers counts when no node of its row is
    false and `rule_leaf_plain[r]`: it is not true with no answer (a leaf its `if_unknown`
    makes true is one the rule does not need told, such as "injured within 7 days").
    `rule_told_trees[i]`: rule i's tree of forest nodes, to add up what was told of it;
    `rule_leaf_place` and `rule_leaf_field`: each row's leaf and its field.
    `told_by_leaves[(i, told)]`: how many fields rule i's told rows (one byte each, 1
    told, 0 not) count toward it, worked out the first time and shared (engine/triage.py).
    `undecided_by_leaves[(i, reached)]`: for rule i and which of its leaves an open path
    reaches (one byte each, 1 reached, 0 not), the fields that could decide it and its
    output when none of them was answered "I don't know", built the first time and
    shared (a constant of the knowledge: at most one per subset of a rule's leaves).
    Said no:
    `field_bit[name]` is the bit of an intake field some finding reads and
    `finding_field_bits[column]` the OR of the bits of the fields finding `column` reads.
    """

    condition_fields: tuple[dict[str, Any], ...]  # never changed: `{**fields}` copies fastest
    evidence_place: npt.NDArray[np.intp]
    evidence_rows: tuple[tuple[int, ...], ...]
    evidence_items: npt.NDArray[np.object_]  # FindingWeight
    evidence_texts: npt.NDArray[np.object_]  # str
    evidence_for: npt.NDArray[np.bool_]
    rule_leaf_paths: npt.NDArray[np.intp]
    rule_leaf_span: tuple[tuple[int, int], ...]
    rule_leaf_fields: tuple[tuple[str, ...], ...]
    rule_leaf_columns: npt.NDArray[np.intp]  # `rule_leaf_paths` transposed: a gather per depth
    rule_leaf_rule: tuple[int, ...]
    rule_leaf_place: tuple[int, ...]  # each row's leaf (its first node)
    rule_leaf_field: tuple[str, ...]  # each row's leaf's field
    rule_leaf_plain: npt.NDArray[np.bool_]
    rule_leaf_sign: npt.NDArray[np.bool_]  # the row's field is a sign, not context (logic.py)
    rule_told_trees: tuple[ToldNode, ...]
    # Per level, the forest nodes of its triggered cards' tests, in `LevelCards.triggered` order.
    card_nodes_by_level: Mapping[TriageLevel, npt.NDArray[np.intp]]
    field_bit: Mapping[str, int]
    finding_field_bits: tuple[int, ...]
    undecided_by_leaves: dict[tuple[int, bytes], tuple[tuple[str, ...], UndecidedRule]] = field(
        default_factory=dict, repr=False
    )
    told_by_leaves: dict[tuple[int, bytes], int] = field(default_factory=dict, repr=False)


def output_tables(
    kb: KnowledgeBase,
    trees: Trees,
    by_condition: FloatArray,
    cards: Mapping[TriageLevel, LevelCards],
    finding_fields: tuple[frozenset[str], ...],
) -> OutputTables:
    """The tables for `kb`: `by_condition` its weights, conditions × (every finding absent,
    then every finding present); `cards` the advice cards shown at each level;
    `finding_fields` the intake fields each finding reads, in file order."""
    rank, rows = evidence_order(by_condition)
    place, items, texts, for_ = evidence_tables(kb, by_condition, rank, rows)
    bit, masks = said_no_bits(finding_fields)
    paths, spans, fields = rule_leaves(trees, len(kb.rules))
    owner, plain, told_trees = rule_told_leaves(trees, paths, spans)
    return OutputTables(
        condition_fields=tuple(
            {"id": c.id, "name": c.name, "icd10": c.icd10, "description": c.description,
             "sources": c.sources}
            for c in kb.conditions.values()
        ),
        evidence_place=place,
        evidence_rows=tuple(rows),
        evidence_items=items,
        evidence_texts=texts,
        evidence_for=for_,
        rule_leaf_paths=paths,
        rule_leaf_span=tuple(spans),
        rule_leaf_fields=tuple(fields),
        rule_leaf_columns=read_only_ints(np.ascontiguousarray(paths.T)),
        rule_leaf_rule=owner,
        rule_leaf_place=tuple(paths[:, 0].tolist()),
        rule_leaf_field=tuple(name for names in fields for name in names),
        rule_leaf_plain=plain,
        rule_leaf_sign=_read_only_bools(
            [name not in CONTEXT_FIELDS for names in fields for name in names]
        ),
        rule_told_trees=told_trees,
        card_nodes_by_level=MappingProxyType({
            level: read_only_ints(
                np.array([trees.card_nodes[i] for i, _ in at.triggered], dtype=np.intp)
            )
            for level, at in cards.items()
        }),
        field_bit=MappingProxyType(bit),
        finding_field_bits=masks,
    )  # fmt: skip
