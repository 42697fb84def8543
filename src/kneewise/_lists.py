"""Lists a person gives, kept once each in the order first given.

A list of answers (sports, where the knee hurts, the activities that make it
worse) is a set said in order: "front, front" says one thing once. Storing or
counting it twice would show it twice and weigh it twice.
"""

from __future__ import annotations

from collections.abc import Iterable


def distinct(items: Iterable[object]) -> tuple[object, ...]:
    """Each item once, in the order first given; `[a, b, a]` gives `(a, b)`.

    Compared by equality, not hashing, so an item of the wrong type (a dict, a
    list) passes through to the caller's type check and its clear message.
    """
    kept: list[object] = []
    for item in items:
        if item not in kept:
            kept.append(item)
    return tuple(kept)
