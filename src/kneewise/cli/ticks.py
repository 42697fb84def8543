"""A reply to a screen of boxes: the numbers ticked, and those the person does not know.

"1, ?3" ticks the first box and answers the third "I don't know" (also "3?"): on a
screen of several signs a person may know one and not another, and a box left out
counts as "no", so a sign they are unsure of needs a way to stay unknown (newcomer
review 18: a parent ticked "feels ill" and the rash they had told of became a "no").
"""

from __future__ import annotations

__all__ = ["read_ticks"]


def read_ticks(reply: str, count: int) -> tuple[set[int], set[int]] | None:
    """The box numbers ticked and those marked "?" (1 to `count`), or None when a part of
    the reply is neither a box's number nor one marked "?", or a box is both."""
    ticked: set[int] = set()
    unsure: set[int] = set()
    for part in reply.replace(" ", ",").split(","):
        part = part.strip()
        if not part:
            continue
        number = part.strip("?")
        if not number.isdigit() or not 1 <= int(number) <= count or part.count("?") > 1:
            return None
        (unsure if "?" in part else ticked).add(int(number))
    return (ticked, unsure) if not ticked & unsure else None
