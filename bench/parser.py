"""Parser throughput: narratives per second through `kneewise.language.parse`."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kneewise.knowledge.load import load_knowledge
from kneewise.language import parse
from kneewise.language.evaluate import field_scores, load_narratives

NARRATIVES = Path(__file__).parents[1] / "tests" / "narratives"
ROUNDS = 5


def run(console: Console) -> None:
    """Parse every narrative ROUNDS times (after one warm-up) and report the rate."""
    narratives = load_narratives(NARRATIVES)
    texts = [n.text for n in narratives]
    kb = load_knowledge()
    parse(texts[0], kb)  # builds the spaCy pipeline once, outside the timing
    started = time.perf_counter()
    for _ in range(ROUNDS):
        for text in texts:
            parse(text, kb)
    elapsed = time.perf_counter() - started
    overall = field_scores(narratives, kb)["overall"]
    table = Table("narratives", "parsed", "seconds", "narratives/s", "ms each", "P", "R")
    count = len(texts) * ROUNDS
    table.add_row(
        str(len(texts)),
        str(count),
        f"{elapsed:.2f}",
        f"{count / elapsed:.0f}",
        f"{1000 * elapsed / count:.2f}",
        f"{overall.precision:.3f}",
        f"{overall.recall:.3f}",
    )
    console.print(table)
