"""The terminal the commands print to: its width read at each print, lines wrapped at word breaks.

A rich `Console` made at import freezes `COLUMNS` as it was then; the
commands' consoles are made once per module, so this one forgets that and
asks again each time (`COLUMNS`, else the terminal, else 80 columns).
Lines wrap between words at that width (no soft wrap), so nothing runs past
the right edge of an 80-column terminal (issue 14).
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text


class TerminalConsole(Console):
    """A rich Console sized by the terminal at each print, not at import."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        # Why: Console.__init__ copies COLUMNS into a fixed width; None means "ask each time".
        self._width = options.get("width")


def hanging(marker: str, text: str, *, indent: int = 2) -> RenderableType:
    """`text` after `marker` ("1. ", "a) "), its wrapped lines lined up under the text, not at 0.

    `indent` spaces come before the marker; `text` is taken as written (no markup).
    """
    grid = Table.grid()
    grid.add_column(width=indent + len(marker), no_wrap=True)
    grid.add_column()
    grid.add_row(" " * indent + marker, Text(text))
    return grid
