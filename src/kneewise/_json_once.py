"""JSON objects that refuse a key given twice (intake files and stdin)."""

from __future__ import annotations

from typing import Any


class RepeatedKey(ValueError):
    """A key given twice in one JSON object (its name is the argument)."""


def once_each(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice: `json` would keep the last value
    silently, and an answer changed by a copy-paste slip must not pass unseen."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise RepeatedKey(key)
        data[key] = value
    return data
