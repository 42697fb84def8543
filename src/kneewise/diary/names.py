"""Activity, exercise and sport names: letters and digits of every script, as people write them.

"Laufen Überlandstraße", "跑步", "бег" and "दौड़" are names as much as
"running": a letter is a letter in any script. A name is stored as typed,
in Unicode's composed form (NFC, so a "ü" typed as u + ¨ is the same "ü"),
lower-cased, its words joined by `_` ("Split Squat" is `split_squat`).
A person reads it back as words (`name_words`: "split squat"), in the same
form on every screen and in every printed line.

Allowed: Unicode letters (L*), the marks that belong to them (M*: accents,
the vowel signs of Indic scripts) and digits/numbers (N*), with spaces, `_`,
`-` and the other dashes (–, —, ‐, −) between words, and an apostrophe
inside a word ("Mum's run"; ’ is kept as '). The first character is a letter
or digit. A dash is read as a space between words, as it always was ("5-a-side"
is `5_a_side`, the same name as "5 a side"; `dash_note` says so to the person
who typed it): sessions already stored with it keep matching. Refused:
control and format characters, markup (`<`, `>`, `&`, `"`), and every other
punctuation or symbol.

The 40-character limit is on the name as stored. Lower-casing "İ" (Turkish
capital dotted I) gives "i" (Unicode's Turkish casing) rather than i + a
combining dot, so a name does not grow by lower-casing; a few characters
still grow under NFC (Devanagari "क़" is "क" + nukta), and the refusal then
names the stored length.

The same rule is the API schema's pattern (`name_pattern()`), so the server
takes exactly what the schema allows. It is written as explicit `\\uXXXX`
ranges, not `\\p{L}`, because Python's `re` (which the schema tests generate
from), ECMA-262 without the u flag (OpenAPI's pattern dialect) and the Rust
regex pydantic checks with all read those the same. The ranges cover
Unicode's Basic Multilingual Plane (U+0000 to U+FFFF), which holds the
letters of every script in everyday use; a name with a letter beyond it
(a rare CJK ideograph in Extension B, say) is refused on every side alike.
"""

from __future__ import annotations

import unicodedata
from functools import cache

#: A stored name holds at most this many characters (the diary's column is 40).
MAX_NAME = 40
_BMP = 0x10000
_WORD = frozenset("LMN")  # letters, their marks, digits and numbers
_FIRST = frozenset("LN")
#: Dashes read as a space between words: hyphen-minus, hyphen, non-breaking hyphen,
#: figure dash, en dash, em dash, horizontal bar, minus sign.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
#: Apostrophes kept inside a word: ' and ’ (stored as ').
APOSTROPHES = "'\u2019"
_DASH_SET = frozenset(DASHES)
_TO_SPACE = str.maketrans(dict.fromkeys(DASHES, " ") | {"\u2019": "'"})


def _ranges(classes: frozenset[str]) -> str:
    """A regex character class body of every BMP character in `classes`, as ranges."""
    kinds = [unicodedata.category(chr(code))[0] in classes for code in range(_BMP)]
    ranges: list[tuple[int, int]] = []
    for code, wanted in enumerate(kinds):
        if not wanted:
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(
        f"\\u{start:04X}" if start == end else f"\\u{start:04X}-\\u{end:04X}"
        for start, end in ranges
    )


@cache
def name_pattern() -> str:
    """A name as typed, as a regex (what the API schema allows): spaces before it, then a
    letter or digit, then letters, marks, digits, spaces, `_` and `-`.

    Built on first use (a pass over 65,536 characters), never when the CLI starts.
    """
    inside = "".join(f"\\u{ord(c):04X}" for c in DASHES[1:] + APOSTROPHES[1:])
    return f"^ *[{_ranges(_FIRST)}][{_ranges(_WORD)} _'\\-{inside}]*$"


def normalise_name(text: str) -> str:
    """Compose, lower-case and join a name's words with `_`: "Split Squat" == "split_squat".

    Every dash is a space between words; ’ is stored as '; "İ" lower-cases to "i".
    """
    composed = unicodedata.normalize("NFC", text.replace("\u0130", "i"))
    return "_".join(composed.translate(_TO_SPACE).strip().lower().split())


def name_words(stored: str) -> str:
    """A stored name as a person reads it: `laufen_überlandstraße` → `laufen überlandstraße`."""
    return stored.replace("_", " ")


def dash_note(typed: str, stored: str) -> str:
    """A sentence saying a dash in `typed` was read as a space, or "" when there was none."""
    if not _DASH_SET.intersection(typed):
        return ""
    return f"A dash in a name is read as a space between words: kept as '{name_words(stored)}'."


def _of(character: str, classes: frozenset[str]) -> bool:
    return ord(character) < _BMP and unicodedata.category(character)[0] in classes


def is_name(stored: str) -> bool:
    """Whether a normalised name is one the diary keeps: the rule of `name_pattern`, stored
    (`_` for the spaces and `-`), 1 to `MAX_NAME` characters."""
    return (
        0 < len(stored) <= MAX_NAME
        and _of(stored[0], _FIRST)
        and all(ch in "_'" or _of(ch, _WORD) for ch in stored[1:])
    )
