"""Latency of one interview step (`next_step`), over whole simulated interviews."""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kneewise.evaluation import load_vignettes
from kneewise.interview import Evidence, Question, next_step
from kneewise.knowledge.load import load_knowledge

VIGNETTES = Path(__file__).resolve().parent.parent / "tests" / "vignettes"


def _step_latencies() -> list[float]:
    kb = load_knowledge()
    latencies = []
    for vignette in load_vignettes(VIGNETTES):
        truth = vignette.intake.known()
        answers: dict[str, Any] = {}
        unknown: list[str] = []
        while True:
            start = time.perf_counter()
            step = next_step(Evidence(answers=answers, unknown=unknown), kb)
            latencies.append(time.perf_counter() - start)
            if not isinstance(step, Question):
                break
            answers |= {f: truth[f] for f in step.fields if f in truth}
            unknown += [f for f in step.fields if f not in truth]
    return latencies


def run(console: Console) -> None:
    latencies = sorted(_step_latencies())
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    table = Table("interview steps", "p50 ms", "p99 ms", "steps per second")
    table.add_row(
        f"{len(latencies)} (every vignette, to the end)",
        f"{statistics.median(latencies) * 1e3:.1f}",
        f"{p99 * 1e3:.1f}",
        f"{len(latencies) / sum(latencies):,.0f}",
    )
    console.print(table)
