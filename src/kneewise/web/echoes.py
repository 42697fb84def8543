"""What an error may quote of the input: a short sample, never the whole value.

A 422 for a 200 KB string must not send 200 KB back: it wastes the answer, it
can carry someone's notes into another program's logs, and it hides the
message. Every text a problem holds (its detail, each field's path and
message) passes through `short_text`: a quoted run longer than
`SAMPLE_CHARACTERS` keeps its start and says how long it was, so does a run
of characters without a space (an unknown key quoted without quote marks),
and no text is longer than `MOST_CHARACTERS`. The diary's own messages already name a
long value by its length (`kneewise.diary.records.SHOWN_CHARACTERS`).
"""

from __future__ import annotations

import re

#: The longest quoted input kept whole; a longer one keeps this many characters.
SAMPLE_CHARACTERS = 40
#: The longest single text in a problem (a field path, one message).
MOST_CHARACTERS = 300
#: A field's dotted path: each part is a key the client chose, so it is shortened too.
PATH_CHARACTERS = 100
#: A problem's detail, which joins the messages of several fields.
DETAIL_CHARACTERS = 1000

# A quoted run: '…' or "…" (with backslash escapes), as pydantic and repr() write them;
# one left open runs to the end. Every quote mark that starts a run ends one (possessive,
# closed by a mark or the end), so the search is linear in the length: no backtracking.
_QUOTED = re.compile(
    r"""(?<![A-Za-z])'(?:[^'\\]|\\.)*+(?:'|\\?\Z)|"(?:[^"\\]|\\.)*+(?:"|\\?\Z)""", re.DOTALL
)

# A run of this many characters without a space is not words but a value (a key, a token).
_LONG_WORD = re.compile(r"\S{" + str(SAMPLE_CHARACTERS + 21) + ",}")
#: Only this much of a text is read: no more of it could ever be shown.
_SEARCHED_CHARACTERS = 20_000


def shown(value: str, keep: int = SAMPLE_CHARACTERS, size: str = "") -> str:
    """`value` whole when short, else its first `keep` characters, `…` and its length.

    `size` replaces the length said (when `value` is itself a cut piece).
    """
    if len(value) <= keep:
        return value
    return f"{value[:keep]}… ({size or len(value)} characters)"


def short_text(text: str, most: int = MOST_CHARACTERS) -> str:
    """`text` with every long quoted value and long word cut to a sample, at most `most` long.

    Only the first `_SEARCHED_CHARACTERS` are read (the rest could never be shown).
    """
    if len(text) <= SAMPLE_CHARACTERS:
        return text
    cut = len(text) > _SEARCHED_CHARACTERS
    text = text[:_SEARCHED_CHARACTERS]

    def size(match: re.Match[str], length: int) -> str:
        # A run reaching the cut was longer than what is left of it.
        return f"more than {length}" if cut and match.end() == len(text) else str(length)

    def short_quote(match: re.Match[str]) -> str:
        quoted = match.group(0)
        mark = quoted[0]
        closed = len(quoted) > 1 and quoted.endswith(mark)
        inner = quoted[1:-1] if closed else quoted[1:]
        if len(inner) <= SAMPLE_CHARACTERS:
            return quoted
        return f"{mark}{inner[:SAMPLE_CHARACTERS]}…{mark} ({size(match, len(inner))} characters)"

    text = _QUOTED.sub(short_quote, text)
    text = _LONG_WORD.sub(lambda word: shown(word[0], size=size(word, len(word[0]))), text)
    return text if len(text) <= most else text[: most - 1] + "…"


def short_path(parts: list[str]) -> str:
    """A dotted field path whose every part (a key the client sent) is a short sample."""
    return short_text(".".join(shown(part) for part in parts), PATH_CHARACTERS)
