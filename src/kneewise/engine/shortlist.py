"""Which causes are shown first: the most probable, and what a fired warning sign suspects.

A rule that fires because of a must-not-miss condition (a limping child and a
slipped growth plate, a fever with a swollen knee and joint infection) keeps
that condition among the first three causes shown, with the rule's title as
the first reason for it. Its probability is never changed: the shortlist is
about what must be checked, not about what is most likely (the "cannot be
missed" step of a safe diagnostic strategy, Murtagh). A rule suspects what its guideline
names to rule out (a red, hot, swollen knee: septic arthritis, whatever gout there is, NICE
NG219 1.1.3-1.1.4); tests/engine/rule_suspects.yaml reviews every rule. Only a condition ruled
out by definition (probability 0: a post-operative infection with no operation) is passed over.
"""

from __future__ import annotations

from collections.abc import Sequence

from kneewise.assessment import FiredRule, RankedCondition
from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.model import KnowledgeBase

SHORTLIST = 3


def kept_reason(rule: FiredRule) -> str:
    """The reason shown first for a condition a warning sign keeps on the shortlist."""
    return f"A warning sign you told us about needs this checked: {rule.title}"


def shown_because(
    condition: RankedCondition, fired: Sequence[FiredRule], *, brief: bool = False
) -> str | None:
    """Why a cause a warning sign keeps is listed, in plain words for every short result.

    `fired`: the assessment's fired rules (`Triage.rules`). None for a cause listed for its
    probability alone. A kept cause may read "<1%": this says why it is there at all.
    `brief`: one short line pointing at the sign, for a view that lists it just above.
    """
    titles = list(dict.fromkeys(rule.title for rule in fired if rule.id in condition.kept_by))
    if not titles:
        return None
    if brief:
        return "Shown because of a warning sign above."
    return (
        f"Shown because of a warning sign you told us about: {'; '.join(titles)}. "
        "A doctor needs to rule it out."
    )


def shortlist_order(
    kb: KnowledgeBase,
    ranked: Sequence[tuple[str, float]],
    fired: list[FiredRule],
    shown: int | None = None,
) -> list[tuple[str, list[FiredRule]]]:
    """(condition id, the fired rules that keep it) in the order shown: the first `shown`
    of them when given, else all.

    `ranked` is (condition id, probability), most probable first. The suspected
    conditions keep their order by probability; at most `SHORTLIST` are kept,
    the most urgent rules' first. A condition no rule keeps has an empty list.
    """
    suspects = compiled(kb).rule_suspects
    kept: dict[str, list[FiredRule]] = {}
    for rule in fired:  # most urgent first
        for suspect in suspects[rule.id]:
            kept.setdefault(suspect, []).append(rule)
    if not kept:  # nothing kept: the most probable first, as ranked
        return [(c, []) for c, _ in (ranked if shown is None else ranked[:shown])]
    probability = dict(ranked)
    chosen = [c for c in kept if probability.get(c, 0.0) > 0][:SHORTLIST]
    # The suspects, then the most probable others, fill the first three places.
    others = [c for c, _ in ranked if c not in chosen][: SHORTLIST - len(chosen)]
    first = sorted([*chosen, *others], key=lambda c: -probability[c])
    rest = [c for c, _ in ranked if c not in first]
    if shown is not None:
        rest = rest[: max(shown - len(first), 0)]
        first = first[:shown]
    return [(c, kept[c] if c in chosen else []) for c in first] + [(c, []) for c in rest]


def shortlist(
    kb: KnowledgeBase, ranked: list[RankedCondition], fired: list[FiredRule]
) -> list[RankedCondition]:
    """`ranked` (most probable first) with suspected must-not-miss conditions in the first three."""
    by_id = {c.id: c for c in ranked}
    order = shortlist_order(kb, [(c.id, c.probability) for c in ranked], fired)
    return [kept(by_id[c], rules) for c, rules in order]


def kept(condition: RankedCondition, rules: list[FiredRule]) -> RankedCondition:
    """The condition with the reasons of the rules that keep it shown first (unchanged if none)."""
    if not rules:
        return condition
    reasons = [kept_reason(rule) for rule in rules]
    return condition.model_copy(
        update={"for_": [*reasons, *condition.for_], "kept_by": [rule.id for rule in rules]}
    )
