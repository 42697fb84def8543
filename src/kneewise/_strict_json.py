"""Strict JSON: an object naming a key twice, and NaN or ±Infinity, are refused.

Python's `json` lets the last of two equal keys win in silence and reads NaN and
Infinity, which JSON has no number for (RFC 8259 §6). An intake or a request
body that says `{"swelling": true, …, "swelling": false}` is ambiguous, so both
the API (web/json_body.py) and the CLI's intake files read through `loads_strict`
and, once it refuses, name where with `duplicate_key_paths` or `not_a_number_paths`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

__all__ = [
    "DuplicateKeyError",
    "NotANumberError",
    "duplicate_key_paths",
    "loads_strict",
    "not_a_number_paths",
    "refused_fields",
]


class DuplicateKeyError(ValueError):
    """A JSON object in the body names one key more than once."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # dict() in C, then a length check: the usual body pays almost nothing for it.
    found = dict(pairs)
    if len(found) != len(pairs):
        raise DuplicateKeyError
    return found


class NotANumberError(ValueError):
    """The body holds NaN, Infinity or -Infinity, which JSON has no number for."""


def _no_constants(name: str) -> Any:
    raise NotANumberError(name)


def loads_strict(text: str | bytes) -> Any:
    """Parse JSON, refusing an object that names a key twice and NaN or ±Infinity.

    Raises `json.JSONDecodeError` (bad syntax, with `lineno` and `colno`),
    `UnicodeDecodeError` (bytes that are not UTF-8, -16 or -32 text),
    `DuplicateKeyError` or `NotANumberError`.
    """
    return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)


class _Constant(str):
    """Where the body wrote NaN, Infinity or -Infinity (the word itself)."""


def not_a_number_paths(text: str | bytes) -> list[tuple[str, str]]:
    """Each `(dotted path, word)` where the body writes NaN, Infinity or -Infinity, in order."""
    value = json.loads(text, object_pairs_hook=_Pairs, parse_constant=_Constant)
    return list(dict.fromkeys(_constants(value, ())))


def _constants(value: Any, path: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    if isinstance(value, _Constant):
        yield ".".join(path) or "(body)", str(value)
    elif isinstance(value, _Pairs):
        for key, item in value:
            yield from _constants(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _constants(item, (*path, str(index)))


class _Pairs(list[tuple[str, Any]]):
    """An object as its key/value pairs in order, repeats kept (for finding them)."""


def duplicate_key_paths(text: str | bytes) -> list[str]:
    """The dotted path of every key named twice in one object, in order of the body.

    `{"a": {"b": 1, "b": 2}}` gives `["a.b"]`; an index in a list is a number
    (`exercises.0.name`). Only run once `loads_strict` has refused the body.
    """
    return list(dict.fromkeys(_repeats(json.loads(text, object_pairs_hook=_Pairs), ())))


def _repeats(value: Any, path: tuple[str, ...]) -> Iterator[str]:
    if isinstance(value, _Pairs):
        seen: set[str] = set()
        for key, item in value:
            if key in seen:
                yield ".".join((*path, key))
            seen.add(key)
            yield from _repeats(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _repeats(item, (*path, str(index)))


def refused_fields(text: str | bytes, error: ValueError) -> list[tuple[str, str]]:
    """`(dotted path, message)` for each place `loads_strict` refused with `error`."""
    if isinstance(error, DuplicateKeyError):
        again = "is given more than once; give each answer once"
        return [(path, f'"{path}" {again}') for path in duplicate_key_paths(text)]
    return [(path, f"{path}: must be a number; {word} is not one (JSON has no NaN or Infinity)")
            for path, word in not_a_number_paths(text)]  # fmt: skip
