"""Assessments per second, latency and peak memory of `assess`, against pgmpy.

pgmpy runs the same naive-Bayes network (one cause node, one binary node per
finding, the same probabilities) with variable elimination, on the same
intakes, in the same run; its posteriors are checked against ours.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kneewise.engine.assess import assess
from kneewise.engine.differential import differential, finding_states, p_present, prior_weight
from kneewise.evaluation import load_vignettes
from kneewise.intake import Intake
from kneewise.knowledge.load import load_knowledge
from kneewise.knowledge.model import KnowledgeBase

VIGNETTES = Path(__file__).resolve().parent.parent / "tests" / "vignettes"
ROUNDS = 20


def _timed(function: Callable[[Intake], Any], intakes: list[Intake]) -> list[float]:
    latencies = []
    for _ in range(ROUNDS):
        for intake in intakes:
            start = time.perf_counter()
            function(intake)
            latencies.append(time.perf_counter() - start)
    return latencies


def _peak_memory(function: Callable[[Intake], Any], intakes: list[Intake]) -> int:
    tracemalloc.start()
    for intake in intakes:
        function(intake)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


class PgmpyNaiveBayes:
    """The kneewise differential as a pgmpy Bayesian network."""

    def __init__(self, kb: KnowledgeBase) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from pgmpy.factors.discrete import TabularCPD
            from pgmpy.inference import VariableElimination
            from pgmpy.models import DiscreteBayesianNetwork
        self.kb = kb
        self.conditions = list(kb.conditions)
        self.tabular = TabularCPD
        self.model = DiscreteBayesianNetwork([("condition", f) for f in kb.findings])
        for finding in kb.findings.values():
            present = [p_present(kb, kb.conditions[c], finding.id) for c in self.conditions]
            self.model.add_cpds(
                TabularCPD(
                    finding.id, 2, [[1 - p for p in present], present],
                    evidence=["condition"], evidence_card=[len(self.conditions)],
                    state_names={finding.id: [0, 1], "condition": self.conditions},
                )
            )  # fmt: skip
        self.elimination = VariableElimination
        self._set_prior({})

    def _set_prior(self, answers: dict[str, Any]) -> None:
        weights = [prior_weight(self.kb.conditions[c].prior, answers) for c in self.conditions]
        total = sum(weights)
        old = [cpd for cpd in self.model.get_cpds() if cpd.variable == "condition"]
        self.model.remove_cpds(*old)
        self.model.add_cpds(
            self.tabular("condition", len(self.conditions), [[w / total] for w in weights],
                         state_names={"condition": self.conditions})
        )  # fmt: skip

    def posterior(self, intake: Intake) -> dict[str, float]:
        answers = intake.known()
        self._set_prior(answers)
        evidence = {f: int(s) for f, s in finding_states(self.kb, answers).items()}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # The prior differs per person, so elimination starts from the updated model.
            inference = self.elimination(self.model)
            result = inference.query(["condition"], evidence=evidence, show_progress=False)
        return {c: float(result.get_value(condition=c)) for c in self.conditions}


def _latency_row(name: str, latencies: list[float], peak: int) -> list[str]:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return [
        name,
        f"{len(latencies) / sum(latencies):,.0f}",
        f"{statistics.median(latencies) * 1e3:.3f}",
        f"{p99 * 1e3:.3f}",
        f"{peak / 1024:,.0f}",
    ]


def _agreement(kb: KnowledgeBase, network: PgmpyNaiveBayes, intakes: list[Intake]) -> float:
    worst = 0.0
    for intake in intakes:
        ours = {c.id: c.probability for c in differential(kb, intake.known())}
        theirs = network.posterior(intake)
        worst = max(worst, *(abs(ours[c] - theirs[c]) for c in ours))
    return worst


def run(console: Console) -> None:
    kb = load_knowledge()
    intakes = [v.intake for v in load_vignettes(VIGNETTES)]
    network = PgmpyNaiveBayes(kb)
    worst = _agreement(kb, network, intakes)
    ours_full = _timed(lambda i: assess(i, kb), intakes)
    ours_ranking = _timed(lambda i: differential(kb, i.known()), intakes)
    theirs = _timed(network.posterior, intakes[: max(1, len(intakes) // 4)])
    full = lambda i: assess(i, kb)  # noqa: E731
    ranking = lambda i: differential(kb, i.known())  # noqa: E731
    table = Table("in-process", "per second", "p50 ms", "p99 ms", "peak KiB",
                  title=f"{len(intakes)} vignette intakes x {ROUNDS} rounds")  # fmt: skip
    rows = [
        ("kneewise assess (triage+differential+plan)", ours_full, _peak_memory(full, intakes)),
        ("kneewise differential only", ours_ranking, _peak_memory(ranking, intakes)),
        ("pgmpy variable elimination", theirs, _peak_memory(network.posterior, intakes[:5])),
    ]
    for name, latencies, peak in rows:
        table.add_row(*_latency_row(name, latencies, peak))
    console.print(table)
    speedup = statistics.median(theirs) / statistics.median(ours_ranking)
    console.print(f"differential vs pgmpy, median latency ratio: {speedup:,.1f}x faster")
    console.print(f"largest posterior difference from pgmpy: {worst:.2e}")
