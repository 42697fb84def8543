"""Medicine, operation and swelling words misspelt by one letter: "predisone", "sweled".

A person writes the name of a medicine or an operation as they heard it: "i take predisone",
"knee replacment 4 months ago", "athroscopy", "opperation". Read as it was, the name is lost,
and with it the warning it carries (a hot knee after a knee replacement on steroids is the
emergency `hot_knee_infection_risk`; round 16e: spelled wrong it was only urgent). A word one
edit from such a name (a letter dropped, added, doubled, changed, or two side by side
swapped) is read as the name, within bounds that keep everyday words out:

- only names of 7 letters or more (drugs.yaml's one-word generics and brands, and the
  operation words below), and only words of 6 letters or more, lower case or capitalised;
- never a word kneewise already reads (every word of lexicon.yaml's patterns and typos);
- never a real English word: `_REAL` holds those one edit from a name (checked against an
  English word list when the names were added: "program" is no "prograf"), and a name with
  an "s" more or less is its plural, no misspelling;
- never a word one edit from two names that mean different things.

The swelling words are read the same way (round 18b: "knee sweled up", "swollne and hot",
"the swellng" lost the knee's swelling, and with it the rules for a hot or operated knee):
"swelling" and "swelled" are one letter from many real words ("spelling", "smelled",
"dwelling"), all in `_REAL`, so those are never read as a swelling.

The parser corrects the word it reads (pipeline.py), but an operation's time is read on the
text as written (times.py, op_days.py, by numbers._SURGERY), where "athroscopy 3 days ago"
named no operation and the time was lost (round 17d). `OperationWords` finds the operation
words for them as written or misspelt as the parser corrects them, so both read the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

import yaml

from kneewise.language.lexicon import DRUGS_FILE, LEXICON_FILE

#: The operation words a finding turns on (lexicon.yaml had_knee_surgery).
_OPERATIONS = ("replacement", "arthroscopy", "arthroscopic", "arthroplasty", "operation",
    "surgery", "keyhole")  # fmt: skip
#: The swelling words (lexicon.yaml's SWELL) long enough to be told misspelt by one letter.
_SWELLING = ("swollen", "swelling", "swelled", "ballooned")
#: Real words one edit from a name: never read as it (the swelling words' from an English
#: word list, /usr/share/dict/words, when they were added).
_REAL = frozenset({"program", "liliana", "deconstruction",
    "dwelling", "selling", "shelling", "smelling", "spelling", "swilling", "welling",
    "dwelled", "shelled", "smelled", "spelled", "sweller", "swilled", "welled",
    "dwellings", "spellings", "swellings"})  # fmt: skip
_SHORTEST_NAME = 7
_SHORTEST_WORD = 6


def _one_edit(word: str, name: str) -> bool:
    """One letter dropped, added or changed, or two letters side by side swapped."""
    if word == name or abs(len(word) - len(name)) > 1:
        return False
    # The first place they differ: past it the rest must match, after the one edit there.
    first, shortest = 0, min(len(word), len(name))
    while first < shortest and word[first] == name[first]:
        first += 1
    if len(word) == len(name):
        after = first + 1
        changed = word[after:] == name[after:]
        swapped = (
            after < len(word)
            and (word[first], word[after]) == (name[after], name[first])
            and word[after + 1 :] == name[after + 1 :]
        )
        return changed or swapped
    short, long = sorted((word, name), key=len)
    return short[first:] == long[first + 1 :]


@cache
def _by_length() -> dict[int, tuple[str, ...]]:
    """The names by their length: a word is one edit only from names a letter longer,
    shorter or as long, so only those are compared (the parser asks of every word)."""
    lengths: dict[int, list[str]] = {}
    for name in _names()[0]:
        lengths.setdefault(len(name), []).append(name)
    return {length: tuple(names) for length, names in lengths.items()}


@cache
def _names() -> tuple[dict[str, str], frozenset[str]]:
    """{name: what it means} and the words kneewise already reads."""
    drugs = yaml.safe_load(DRUGS_FILE.read_text(encoding="utf-8"))
    meaning = {
        name: str(item["field"])
        for item in drugs.get("classes") or []
        for name in [*item.get("generics", []), *item.get("brands", [])]
        if re.fullmatch(r"[a-z]+", name) and len(name) >= _SHORTEST_NAME
    }
    meaning.update(dict.fromkeys(_OPERATIONS, "had_knee_surgery"))
    meaning.update(dict.fromkeys(_SWELLING, "swollen"))
    raw = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    lines = [
        str(line)
        for items in raw["findings"].values()
        for item in items or []
        for line in item.get("patterns", [])
    ]
    lines += [*map(str, raw["typos"]), *map(str, raw["macros"].values())]
    known = frozenset(re.findall(r"[a-z]+", " ".join(lines).lower()))
    return meaning, known


@lru_cache(maxsize=4096)
def near_name(word: str) -> str | None:
    """The medicine, operation or swelling word `word` misspells by one letter, or None."""
    word = word.lower()
    meaning, known = _names()
    if (
        len(word) < _SHORTEST_WORD
        or not word.isalpha()
        or word in meaning
        or word in known
        or word in _REAL
    ):
        return None
    lengths = _by_length()
    size = len(word)
    nearby = [name for n in (size - 1, size, size + 1) for name in lengths.get(n, ())]
    found = sorted(
        name
        for name in nearby
        if _one_edit(word, name)
        and word not in (name + "s", name + "es")
        and not (name.endswith("s") and word == name[:-1])
    )
    if not found or len({meaning[name] for name in found}) > 1:
        return None
    return found[0]


#: A word as the parser corrects it: lower case or capitalised ("Athroscopy"), never capitals.
_WORD = re.compile(r"\b(?:[a-z]+|[A-Z][a-z]+)\b")


class OperationWords:
    """An operation's words as `pattern` finds them, and the operation words misspelt by
    one letter that the parser reads as them, in the order they are told."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._pattern = pattern

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        misspelt = (m for m in _WORD.finditer(string) if near_name(m.group()) in _OPERATIONS)
        return iter(sorted([*self._pattern.finditer(string), *misspelt], key=re.Match.start))

    def search(self, string: str) -> re.Match[str] | None:
        return next(self.finditer(string), None)
