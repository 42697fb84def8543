"""Latency of one interview step (`next_step`), over whole simulated interviews.

Measured beside `assess` on the same vignettes in the same run, so the figures
are ratios (issue 11's targets: a step's p99 within 3× of its p50, and its p50
within 10× of `assess`).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kneewise.engine.assess import assess
from kneewise.evaluation import Vignette, load_vignettes
from kneewise.interview import Evidence, Question, next_step
from kneewise.knowledge.load import load_knowledge
from kneewise.knowledge.model import KnowledgeBase

VIGNETTES = Path(__file__).resolve().parent.parent / "tests" / "vignettes"
# CPU time of this process (all its threads), not wall time: on a machine shared with
# other work, a call's wall time counts the time it waited for a core, which inflates
# long calls more than short ones and bends the ratios.
cpu_time = time.process_time


def _step_latencies(
    kb: KnowledgeBase, vignettes: list[Vignette]
) -> tuple[list[float], list[float], list[bool]]:
    """Each step's latency, and beside it (same moment, same load) one `assess` of its
    answers, and whether the step gave the result (it assesses too) rather than a question.
    Each result's assessment is checked equal to that `assess`, byte for byte."""
    steps, assessed, results = [], [], []
    for vignette in vignettes:
        truth = vignette.intake.known()
        answers: dict[str, Any] = {}
        unknown: list[str] = []
        screens: list[str] = []
        while True:
            evidence = Evidence(answers=answers, unknown=unknown, screens=screens)
            start = cpu_time()
            step = next_step(evidence, kb)
            steps.append(cpu_time() - start)
            intake = evidence.intake()
            start = cpu_time()
            plain = assess(intake, kb)
            assessed.append(cpu_time() - start)
            results.append(not isinstance(step, Question))
            if not isinstance(step, Question):
                # A result reuses the ranking's posterior: it must be the plain assessment.
                if step.assessment.model_dump_json() != plain.model_dump_json():
                    raise AssertionError(
                        f"{vignette.id}: the interview's result differs from assess"
                    )
                break
            screens.append(step.id)
            answers |= {f: truth[f] for f in step.fields if f in truth}
            unknown += [f for f in step.fields if f not in truth]
    return steps, assessed, results


def _p99(latencies: list[float]) -> float:
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def run(console: Console) -> None:
    kb = load_knowledge()
    vignettes = load_vignettes(VIGNETTES)
    _step_latencies(kb, vignettes[:5])  # warm-up
    steps, assessed, results = _step_latencies(kb, vignettes)
    p50, p99 = statistics.median(steps), _p99(steps)
    table = Table("interview steps (CPU time)", "p50 ms", "p99 ms", "steps per second",
                  "assess p50 ms")  # fmt: skip
    table.add_row(
        f"{len(steps)} (every vignette, to the end)",
        f"{p50 * 1e3:.2f}",
        f"{p99 * 1e3:.2f}",
        f"{len(steps) / sum(steps):,.0f}",
        f"{statistics.median(assessed) * 1e3:.3f}",
    )
    # Where the slow steps are: a result also assesses; a question may rank every screen.
    for kind, chosen in (("questions", False), ("results", True)):
        some = [t for t, result in zip(steps, results, strict=True) if result is chosen]
        table.add_row(f"  of which {len(some)} {kind}", f"{statistics.median(some) * 1e3:.2f}",
                      f"{_p99(some) * 1e3:.2f}", "", "")  # fmt: skip
    console.print(table)
    ratios = Table("ratio", "x", "target", title="side by side, this run")
    ratios.add_row("step p99 / step p50", f"{p99 / p50:.1f}", "<= 3")
    ratios.add_row("step p50 / assess p50", f"{p50 / statistics.median(assessed):.1f}", "<= 10")
    console.print(ratios)
