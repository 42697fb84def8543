"""Units at the edges: the diary stores km and degrees Celsius; people may read miles and °F.

Storage never changes unit; every page, command and report converts here, using
the units chosen in the profile (`ProfileRecord.distance_unit`,
`ProfileRecord.temperature_unit`; km and °C when none was chosen).

Sources: the international mile is exactly 1.609344 km (the 1959 international
yard and pound agreement, NIST Handbook 44 appendix C); °F = °C × 9/5 + 32
(NIST SP 811, section B.9).
"""

from __future__ import annotations

import re
from typing import Literal, get_args

DistanceUnit = Literal["km", "mi"]
TemperatureUnit = Literal["C", "F"]
DISTANCE_UNITS: tuple[str, ...] = get_args(DistanceUnit)
TEMPERATURE_UNITS: tuple[str, ...] = get_args(TemperatureUnit)
DEFAULT_DISTANCE_UNIT: DistanceUnit = "km"
DEFAULT_TEMPERATURE_UNIT: TemperatureUnit = "C"

KM_PER_MILE = 1.609344
#: Short symbols shown after a number, and the unit's name in words.
DISTANCE_SYMBOL: dict[str, str] = {"km": "km", "mi": "mi"}
DISTANCE_WORDS: dict[str, str] = {"km": "kilometres", "mi": "miles"}
TEMPERATURE_SYMBOL: dict[str, str] = {"C": "°C", "F": "°F"}
TEMPERATURE_WORDS: dict[str, str] = {"C": "degrees Celsius", "F": "degrees Fahrenheit"}


def to_km(value: float, unit: str) -> float:
    """Kilometres from a distance given in `unit` (km or mi); rounded to the metre."""
    km = value * KM_PER_MILE if unit == "mi" else value
    return round(km, 3)


def from_km(km: float, unit: str) -> float:
    """A distance in kilometres expressed in `unit` (km or mi), to 2 decimals."""
    return round(km / KM_PER_MILE if unit == "mi" else km, 2)


def distance_text(km: float, unit: str) -> str:
    """`8 km` or `4.97 mi`: a stored distance as a person reads it."""
    return f"{from_km(km, unit):g} {DISTANCE_SYMBOL.get(unit, 'km')}"


def to_celsius(value: float, unit: str) -> float:
    """Degrees Celsius from a temperature given in `unit` (C or F), to 0.1 degree."""
    return round((value - 32) * 5 / 9 if unit == "F" else value, 1)


def from_celsius(celsius: float, unit: str) -> float:
    """A temperature in °C expressed in `unit` (C or F), to 0.1 degree."""
    return round(celsius * 9 / 5 + 32 if unit == "F" else celsius, 1)


def temperature_text(celsius: float, unit: str) -> str:
    """`38 °C` or `100.4 °F`: a temperature as a person reads it."""
    return f"{from_celsius(celsius, unit):g} {TEMPERATURE_SYMBOL.get(unit, '°C')}"


def distance_range(unit: str, most_km: float = 1000) -> str:
    """What a distance field allows, in the person's unit (e.g. "miles, from 0 to 621.37")."""
    return f"{DISTANCE_WORDS.get(unit, 'kilometres')}, from 0 to {from_km(most_km, unit):g}"


# "38 °C", optionally followed by its Fahrenheit in brackets: "38 °C (100.4 °F)".
_CELSIUS_IN_TEXT = re.compile(r"(?P<c>-?\d+(?:\.\d+)?)\s?°C(?:\s?\(\s?-?\d+(?:\.\d+)?\s?°F\s?\))?")


def temperatures_in(text: str, unit: str) -> str:
    """Text with every temperature written in °C shown in `unit` (C: unchanged).

    In °F the Celsius figure stays in brackets, so nothing said is lost:
    "a fever of 38 °C or more" → "a fever of 100.4 °F (38 °C) or more".
    """
    if unit != "F":
        return text

    def fahrenheit(match: re.Match[str]) -> str:
        celsius = float(match["c"])
        return f"{temperature_text(celsius, 'F')} ({celsius:g} °C)"

    return _CELSIUS_IN_TEXT.sub(fahrenheit, text)


# A page's markup, split into tags and the text between them.
_TAG = re.compile(r"(<[^>]*>)")
_OPENING = re.compile(r"<(?P<name>[a-zA-Z][\w-]*)(?P<attrs>[^>]*)>")
#: Elements whose text a person wrote or a browser sends back: never rewritten.
_KEPT_ELEMENTS = frozenset({"textarea", "script", "style", "q"})
_OWN_WORDS_CLASS = re.compile(r"""class\s*=\s*["'][^"']*\b(?:story|from)\b""")


def temperatures_in_page(html: str, unit: str) -> str:
    """A page's visible text with its °C temperatures shown in `unit`, as `temperatures_in`.

    Only text between tags changes: attribute values (a form's hidden state,
    which the browser sends back) stay as they were, and so do the person's
    own words (a `<textarea>`, a `<q>`, an element of class `story` or
    `from`), which are quoted as they were written, never rewritten.
    """
    if unit != "F":
        return html
    shown: list[str] = []
    kept_until: str | None = None  # the closing tag that ends a kept element
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            opening = _OPENING.match(piece)
            if kept_until is None and opening is not None:
                name = opening["name"].lower()
                if name in _KEPT_ELEMENTS or _OWN_WORDS_CLASS.search(opening["attrs"]):
                    kept_until = None if piece.endswith("/>") else f"</{name}"
            elif kept_until is not None and piece.lower().startswith(kept_until):
                kept_until = None
            shown.append(piece)
        else:
            shown.append(piece if kept_until else temperatures_in(piece, unit))
    return "".join(shown)
