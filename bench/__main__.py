"""`make bench`: every benchmark section, measured side by side in one run."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from pathlib import Path

from rich.console import Console


def main() -> None:
    console = Console()
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))
    wanted = set(sys.argv[1:])
    # Ratios within one run are what the targets judge; the load says how noisy the run was.
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    console.print(f"load average {load:.1f} on {os.cpu_count()} cores")
    for name in names:
        if wanted and name not in wanted:
            continue
        module = importlib.import_module(f"bench.{name}")
        console.rule(f"[bold]{name}")
        module.run(console)


if __name__ == "__main__":
    main()
