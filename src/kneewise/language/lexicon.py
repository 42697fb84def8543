"""The word list (lexicon.yaml): everyday phrases → intake findings, compiled for spaCy."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from kneewise.intake import INTAKE_FIELDS

LEXICON_FILE = Path(__file__).with_name("lexicon.yaml")
#: Medicines by WHO ATC class, with their source (drugs.yaml).
DRUGS_FILE = Path(__file__).with_name("drugs.yaml")

#: Words a gap (`*N`) never crosses: they start a new finding.
GAP_STOPS = ["and", "or", "knee", "knees", "kneecap", "&", "then", "because", "so"]

#: Internal fields that are not intake fields.
#: `_unasked`: words the reader knows no question answers ("dull ache", "could barely put
#: weight on it"); they are listed as not used even inside a clause that told something else.
#: One with a `history: field=value` rule is read as that field when told in the past ("tore
#: my ACL years ago": a previous injury), and listed as not used otherwise ("a torn ACL").
HELPER_FIELDS = {"swelling_time", "_ignore", "_unasked"}

#: Fields a longer phrase never swallows ("right knee pain", "basketball").
_FRAMED = frozenset({"activities", "side"})

TokenPattern = list[dict[str, Any]]


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: phrases that mean one value of one field."""

    key: str
    field: str
    value: Any
    confidence: float
    fixed: bool
    negated: Any
    cue: str | None
    keep: frozenset[str]
    history: str
    #: Words that, right after the phrase, make it mean something else: "my knee went"
    #: gave way, "my knee went numb" or "went pop" did not.
    unless_next: frozenset[str] = frozenset()
    #: Words that, right before it, do: "I went down" fell, "the swelling went down" did not.
    unless_prev: frozenset[str] = frozenset()
    #: Words no question answers that mean the finding inside them is not that finding:
    #: "lost a stone on slimming world" holds no weight lost without trying. Listed as not
    #: used (an `_unasked` entry), and the finding inside is not read.
    swallows: bool = False
    #: Only of a baby's or young child's leg ("won't crawl", "keeps his leg still"): never
    #: read in an adult's story or with the writer as its subject (still_leg.young_only).
    young: bool = False


@dataclass(frozen=True)
class Lexicon:
    """The compiled word list."""

    entries: dict[str, Entry]
    patterns: dict[str, list[TokenPattern]]
    merges: dict[str, list[str]]
    typos: dict[str, str]
    pain_cues: frozenset[str]
    history_cues: tuple[str, ...]
    hedge_cues: tuple[str, ...]
    unknowing_cues: tuple[str, ...] = ()
    people: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Misspellings that are also a word or name ("reed"): fixed only when written lowercase.
    typos_lowercase: dict[str, str] = field(default_factory=dict)


def _default_negated(name: str, value: Any) -> Any:
    """What a negated mention means: "no" for yes/no fields, "none" where the field has it."""
    spec = INTAKE_FIELDS.get(name)
    if spec is None:
        return "none" if name == "swelling" else None
    if spec.kind == "bool":
        return not value if isinstance(value, bool) else False
    if name == "mechanism":
        # "didn't twist it" denies a twist, not a fall or a blow: no injury is told only by
        # its own words ("no injury", "nothing happened", fixed entries; re-trial 6e)
        return None
    if spec.kind == "choice" and "none" in spec.choices:
        return "none"
    return None


def _words(piece: str, macros: dict[str, str]) -> set[str]:
    """The words of "a|b|$MACRO", macros expanded."""
    expanded = (macros.get(w[1:], w) if w.startswith("$") else w for w in piece.split("|"))
    return {word for words in expanded for word in words.split("|")}


def _token(piece: str, macros: dict[str, str]) -> dict[str, Any]:
    first = piece.startswith("^")  # the sentence's first word ("Resting, it doesn't hurt")
    optional = piece.lstrip("^").startswith("?")
    piece = piece.lstrip("^?")
    # a hyphen inside a word is joined to the word after it (pipeline._join_hyphens), so
    # "b - ball" also matches "b-ball" told as "b", "-ball"
    optional = optional or piece == "-"
    if piece.startswith("*"):
        gap = int(piece[1:] or 3)
        return {"IS_PUNCT": False, "NORM": {"NOT_IN": GAP_STOPS}, "OP": f"{{0,{gap}}}"}
    if piece == "#":
        token: dict[str, Any] = {"LIKE_NUM": True}
    elif piece.startswith("!"):  # any one word but these ("popped over to !the|side")
        token = {"IS_PUNCT": False, "NORM": {"NOT_IN": sorted(_words(piece[1:], macros))}}
    else:
        options = sorted(_words(piece, macros))
        token = {"NORM": options[0]} if len(options) == 1 else {"NORM": {"IN": options}}
    if optional:
        token["OP"] = "?"
    if first:
        token["IS_SENT_START"] = True
    return token


def compile_pattern(text: str, macros: dict[str, str]) -> TokenPattern:
    """Turn one pattern line (see lexicon.yaml) into a spaCy Matcher pattern."""
    return [_token(piece, macros) for piece in text.split()]


def _entry(key: str, name: str, raw: dict[str, Any]) -> Entry:
    value = raw.get("value", True)
    return Entry(
        key=key,
        field=name,
        value=value,
        confidence=float(raw.get("confidence", 0.9)),
        fixed=bool(raw.get("fixed", False)),
        negated=raw["negated"] if "negated" in raw else _default_negated(name, value),
        cue=raw.get("cue"),
        keep=frozenset(raw.get("keep", ())) | (frozenset() if name.startswith("_") else _FRAMED),
        history=str(raw.get("history", "default")),
        unless_next=frozenset(raw.get("unless_next", ())),
        unless_prev=frozenset(raw.get("unless_prev", ())),
        swallows=bool(raw.get("swallows", False)),
        young=bool(raw.get("young", False)),
    )


def _compile(raw: dict[str, Any]) -> Lexicon:
    macros = {name: str(words) for name, words in raw["macros"].items()}
    entries: dict[str, Entry] = {}
    patterns: dict[str, list[TokenPattern]] = {}
    for name, items in raw["findings"].items():
        for index, item in enumerate(items or []):
            key = f"{name}:{index}"
            entries[key] = _entry(key, name, item)
            patterns[key] = [compile_pattern(p, macros) for p in item["patterns"]]
    merges = _misspelt_merges({k: list(v) for k, v in raw["merges"].items()}, raw["typos"])
    for key, name, item, lines in drug_entries(raw.get("drugs") or {}):
        for line in lines:  # "solu-medrol" is one word, so a negation reaches it
            if " - " in line and not set(line) & set("|?*#$"):
                merges[line.replace(" - ", "_")] = [line.replace(" - ", "-"), line]
        lines = [line.replace(" - ", "_") if " - " in line else line for line in lines]
        entries[key] = _entry(key, name, item)
        patterns[key] = [compile_pattern(p, macros) for p in lines]
    people = {kind: frozenset(words) for kind, words in raw["people"].items()}
    return Lexicon(
        entries=entries,
        patterns=patterns,
        merges=merges,
        typos=dict(raw["typos"]),
        pain_cues=frozenset(raw["pain_cues"]),
        history_cues=tuple(raw["history_cues"]),
        hedge_cues=tuple(raw["hedge_cues"]),
        unknowing_cues=tuple(raw["unknowing_cues"]),
        people=people,
        typos_lowercase=dict(raw.get("typos_lowercase") or {}),
    )


def _misspelt_merges(merges: dict[str, list[str]], typos: dict[str, str]) -> dict[str, list[str]]:
    """Each phrase to join also with a word of it misspelt as the typos list has it.

    Words are joined before their typos are fixed (pipeline.py), so "cant wieght bear" was
    never "weight_bear" and the weight borne was lost (re-trial 29).
    """
    spellings: dict[str, list[str]] = {}
    for typo, word in typos.items():
        spellings.setdefault(str(word), []).append(str(typo))
    for phrases in merges.values():
        extra = [
            " ".join([*words[:i], typo, *words[i + 1 :]])
            for words in (p.split(" ") for p in phrases)
            for i, word in enumerate(words)
            for typo in spellings.get(word, ())
        ]
        phrases.extend(p for p in extra if p not in phrases)
    return merges


def _phrase(name: str) -> str:
    """A drug name as a pattern line: words and hyphens are tokens ("solu-medrol")."""
    return " ".join(re.sub(r"-", " - ", name.lower()).split())


def drug_entries(raw: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], list[str]]]:
    """Lexicon entries from drugs.yaml: one per ATC class, plus the words for each field."""
    found: list[tuple[str, str, dict[str, Any], list[str]]] = []
    base = {"history": "keep"}
    for name, words in (raw.get("group_words") or {}).items():
        found.append((f"drug:{name}", name, base, [_phrase(w) for w in words]))
    for item in raw.get("classes") or []:
        names = [*item.get("generics", []), *item.get("brands", [])]
        lines = [_phrase(n) for n in names] + list(item.get("phrases", []))
        found.append((f"drug:{item['code']}", item["field"], base, lines))
    return found


@cache
def load_lexicon(path: Path = LEXICON_FILE, drugs: Path = DRUGS_FILE) -> Lexicon:
    """Read and compile the lexicon, with the medicines of drugs.yaml, once."""
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    with drugs.open(encoding="utf-8") as handle:
        raw["drugs"] = yaml.safe_load(handle)
    return _compile(raw)
