"""The terminal the commands print to: its width read at each print, lines wrapped at word breaks.

A rich `Console` made at import freezes `COLUMNS` as it was then; the
commands' consoles are made once per module, so this one forgets that and
asks again each time (`COLUMNS`, else the terminal, else 80 columns).
Lines wrap between words at that width (no soft wrap), so nothing runs past
the right edge of an 80-column terminal (issue 14).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rich.console import Console, RenderableType
from rich.text import Text

if TYPE_CHECKING:
    from rich.table import Table

#: Where a line's text starts after what lines it up: an indent, a bullet or number, or a
#: first column padded with two or more spaces ("general-knee      General knee strength").
_LEAD = re.compile(r"(?P<indent> *)(?P<marker>(?:[-*•!]|\d+\.|[a-z]\)) +|\S+ {2,})?")


class TerminalConsole(Console):
    """A rich Console sized by the terminal at each print, not at import.

    A printed line that starts indented, with a bullet or number, or with a
    padded first column wraps with its later lines under its text (`hanging`).
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        # Why: Console.__init__ copies COLUMNS into a fixed width; None means "ask each time".
        self._width = options.get("width")

    def print(self, *objects: Any, **options: Any) -> None:
        """As `Console.print`; one line of text lined up as `hanging` says."""
        if len(objects) == 1 and isinstance(objects[0], str) and "\n" not in objects[0]:
            lead = _LEAD.match(objects[0])
            if lead is not None and lead.end() > 0 and lead.end() < len(objects[0]):
                markup = options.get("markup")
                text = objects[0][lead.end() :]
                rest = Text.from_markup(text) if markup is not False else Text(text)
                options.pop("markup", None)
                grid = _hanging_grid(lead["indent"] + (lead["marker"] or ""), rest)
                super().print(grid, **options)
                return
        super().print(*objects, **options)


def hanging(marker: str, text: str, *, indent: int = 2) -> RenderableType:
    """`text` after `marker` ("1. ", "a) "), its wrapped lines lined up under the text, not at 0.

    `indent` spaces come before the marker; `text` is taken as written (no markup).
    """
    return _hanging_grid(" " * indent + marker, Text(text))


def _hanging_grid(lead: str, text: Text) -> Table:
    # Imported here: most printed lines hang on nothing, and `log pain` prints one of those.
    from rich.table import Table

    grid = Table.grid()
    grid.add_column(width=len(lead), no_wrap=True)
    grid.add_column()
    grid.add_row(lead, text)
    return grid
