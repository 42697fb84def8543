"""Walking and weight-bearing words, and the "can't" before them, misspelt by one letter.

"i cnt wlak after i fell on my knee", "cant wak on it", "I canot walke", "cnt bare wieght":
read as written, the leg not walked on was lost without a word (round 19a: self care,
where "i cant walk after i fell" is an emergency). The fixed typos (lexicon.yaml, round
18b: "wlk", "wlak") caught only the spellings listed; here a word one edit from a walking
word (near_names._one_edit: a letter dropped, added or changed, or two swapped) is read
as it, and a word one edit from "can't", "cannot" or "couldn't" is split as they are
("ca" + "nt"), so negex and the lexicon read the denial. Within bounds that keep everyday
words out:

- a real English word is never read: `_REAL` holds those one edit from a walking word or
  a "can't" (from /usr/share/dict/words when they were added): "wake", "talk", "wall",
  "stop", "wear", "weigh", "want", "cent" are what they say;
- never a word kneewise already reads (lexicon.yaml's words and typos);
- a walking word only where its "can't" stands: right after "not" ("can't", "won't",
  "unable"), "can", "could", "able", or "to", little words between ("can't even really
  wlak"); the weight only after "put", "take", "bear" or before "bearing" ("put wieght on");
- a misspelling as near another everyday verb that follows "can't" ("wak" is "wake" as
  much as "walk") only with the place after it that a walk has and a waking has not ("cant
  wak on it"; "cant wak up" is not read), or when it is the walking word whole with a
  letter after it ("walke").

A "can't" followed by a word nothing read, in a clause that told something else, is
listed as not used (`ability_unread`): "i cnt wlkk far after i fell" reads the fall, and
what could not be done is shown, never lost.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.tokens import Doc, Span

from kneewise.language.near_names import _names, _one_edit

#: The walking words read misspelt, by what each means (the base form first: a word as
#: near "walk" as "walked" is read "walk").
_WALKING = ("walk", "stand", "step", "steps", "walking", "standing", "walked", "stood")
#: The weight, and bearing it (only beside each other or a verb that bears it).
_WEIGHT = ("weight", "bear")
#: The "can't" words, with the norm of the part before "nt" or "not".
_CANT = {"cant": "can", "cannot": "can", "couldnt": "could"}
#: Misspelt "can't"s two edits out that are no word: "cudnt", "cldnt".
_CANT_MORE = {"cudnt": "could", "cldnt": "could", "cdnt": "could", "cudnot": "could",
    "coudnt": "could", "cnnt": "can", "carnt": "can"}  # fmt: skip
#: Real words one edit from a walking word or a "can't" (/usr/share/dict/words).
_REAL = frozenset({
    "balk", "calk", "salk", "talk", "wack", "wald", "wale", "walks", "wall", "walt", "wank",
    "balking", "calking", "talking", "waking", "waling", "walling", "wanking", "balked",
    "calked", "talked", "waked", "waled", "walker", "walled", "wanked", "sand", "staid",
    "stan", "stands", "stank", "strand", "sanding", "standings", "stranding", "seep", "sep",
    "steep", "stem", "stew", "stop", "strep", "seeps", "steeps", "stems", "stews", "stops",
    "stoop", "stud", "stool", "good", "hood", "wood", "snood", "bar", "bead", "beak", "beam",
    "bean", "beard", "bears", "beat", "beau", "beer", "boar", "dear", "ear", "fear", "gear",
    "hear", "lear", "near", "pear", "rear", "sear", "tear", "wear", "year", "eight",
    "height", "weigh", "weighs", "weights", "weighty", "wight", "wright", "cannon",
    "carnot", "ant", "can", "cane", "cans", "canto", "cants", "cantu", "capt", "cart",
    "cast", "cat", "catt", "cent", "chant", "cont", "cunt", "kant", "pant", "rant",
    "scant", "want", "stoody", "steed"})  # fmt: skip
#: Everyday verbs after "can't" a short misspelling may be as near as a walking word.
_OTHER_VERBS = ("wake", "wait", "work", "wear", "stay", "stop", "sleep", "talk", "take",
    "sit", "see", "eat", "lift", "kneel", "run", "jump", "tell", "feel", "move", "help",
    "wash", "bath", "bathe", "swim", "drive", "ride", "stretch", "squat", "bend", "hear",
    "watch", "want", "weigh", "wade")  # fmt: skip
#: After an ambiguous walk: where a walk goes, never a waking ("on it", "through it").
_WALK_PLACES = frozenset({"on", "through", "far", "properly", "without", "anywhere",
    "around", "about", "normally", "unaided", "straight", "upright", "more", "at"})  # fmt: skip
#: Little words between "can't" and what cannot be done: "can't even really walk".
_BETWEEN = frozenset({"even", "really", "still", "barely", "hardly", "just", "only",
    "properly", "fully", "ever", "actually", "currently", "now", "hardley", "barly"})  # fmt: skip
#: What a walking word is read after: the "can't" and "able to" words.
_ABILITY = frozenset({"not", "can", "could", "able", "unable", "to", "cannot"})
#: What a step is read after: "can't take a stepp", "not one single stepp".
_STEPS_TAKEN = frozenset({"a", "one", "single", "any", "few", "take", "more"})
#: What the weight is read after.
_BEARS = frozenset({"put", "take", "bear", "bare", "any", "full", "much", "some", "my",
    "body", "putting", "taking", "bearing"})  # fmt: skip


def _plain(word: str) -> bool:
    """A word that may be misspelt: lower case or capitalised letters, no real word."""
    lower = word.lower()
    return (
        word.isalpha()
        and (word.islower() or word.istitle())
        and lower not in _REAL
        and lower not in _names()[1]
    )


@cache
def cant_parts(word: str) -> tuple[str, str, str] | None:
    """A misspelt "can't" as ("cn", "nt", "can"): the word cut before its "nt" or "not",
    and what the first part means; None for any other word."""
    lower = word.lower()
    if not _plain(word) or lower in _CANT:
        return None
    means = _CANT_MORE.get(lower)
    swapped = None  # the "can't" whose letters the word holds, two of them swapped
    if means is None:
        nearest = {cant: norm for cant, norm in _CANT.items() if _one_edit(lower, cant)}
        if len(set(nearest.values())) != 1:
            return None
        means = next(iter(nearest.values()))
        swapped = next((c for c in nearest if sorted(c) == sorted(lower) and c != lower), None)
    for tail in ("not", "nt"):
        if lower.endswith(tail) and len(lower) > len(tail):
            return word[: -len(tail)], word[-len(tail) :], means
    if swapped is not None:  # "cnat", "cannto": the swap crosses the cut, made where it was
        cut = len(swapped) - (3 if swapped.endswith("not") else 2)
        return word[:cut], word[cut:], means
    return None


def _near(lower: str, names: tuple[str, ...]) -> str | None:
    found = [name for name in names if _one_edit(lower, name)]
    return found[0] if found else None


def _before(doc: Doc, at: int) -> str | None:
    """The norm of the word before `at`, past the little words between."""
    i = at - 1
    while i >= 0 and doc[i].norm_ in _BETWEEN:
        i -= 1
    return doc[i].norm_ if i >= 0 else None


def walk_word(doc: Doc, at: int) -> str | None:
    """The walking or weight word the token at `at` misspells by one letter where it stands
    (after "can't", "able to", "put"), or None. The words before it have their norms."""
    word = doc[at].text
    lower = word.lower()
    if len(lower) < 3 or not _plain(word):
        return None
    before = _before(doc, at)
    after = doc[at + 1].norm_ if at + 1 < len(doc) else None
    walking = _near(lower, _WALKING)
    if walking in ("step", "steps") and before in _STEPS_TAKEN:
        before = "can"  # "cant take a stepp": a step is taken
    if walking is not None and before in _ABILITY:
        # the walking word whole with a letter after it ("walke", "standd") is no "wake"
        others = [verb for verb in _OTHER_VERBS if _one_edit(lower, verb)]
        if not others or lower.startswith(walking) or after in _WALK_PLACES:
            return walking
        return None
    weight = _near(lower, _WEIGHT)
    if weight == "weight" and (before in _BEARS or after in ("bear", "bearing", "weight_bear")):
        return weight
    if weight == "bear" and after == "weight":
        return weight
    return None


#: The words a text-level reader of walking with difficulty reads by their fixed spelling.
_NORMED = frozenset({*_WALKING, *_WEIGHT, "hardly", "barely", "struggling", "struggle", "can"})


def normed(doc: Doc) -> tuple[str, Callable[[int, int], tuple[int, int]]]:
    """The text with the walking words spelt as read ("can hardly wlak": "can hardly walk"),
    and a map from a stretch of it back to the same words in the text as written."""
    pieces: list[str] = []
    starts: list[tuple[int, int, int]] = []  # (start in the new text, token start, token end)
    at = 0
    for token in doc:
        shown = (
            token.norm_ if token.norm_ in _NORMED and token.lower_ != token.norm_ else token.text
        )
        starts.append((at, token.idx, token.idx + len(token.text)))
        pieces += [shown, token.whitespace_]
        at += len(shown) + len(token.whitespace_)

    def where(start: int, end: int) -> tuple[int, int]:
        first = max((s for s in starts if s[0] <= start), default=(0, 0, 0))
        last = max((s for s in starts if s[0] < end), default=(0, 0, 0))
        return first[1] + min(start - first[0], first[2] - first[1]), last[2]

    return "".join(pieces), where


def ability_unread(span: Span, covered: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Inside a clause that told something, a "can't" whose deed nothing read: listed.

    "i cnt wlkk far after i fell on my knee": the fall is read and the walk, misspelt past
    reading, was not listed (round 19a), so what could not be done was lost without a word.
    """
    tokens = list(span)
    found: list[tuple[int, str]] = []
    for at, token in enumerate(tokens[:-1]):
        if token.norm_ != "not" or at == 0 or tokens[at - 1].norm_ not in ("can", "could"):
            continue
        deed = at + 1
        while deed < len(tokens) - 1 and tokens[deed].norm_ in _BETWEEN:
            deed += 1
        verb = tokens[deed]
        if not verb.is_alpha or any(s < verb.idx + len(verb.text) and verb.idx < e
                                    for s, e in covered):  # fmt: skip
            continue
        last = deed
        while last + 1 < len(tokens) and tokens[last + 1].norm_ not in _STOPS:
            last += 1
        start = tokens[at - 1].idx
        end = tokens[last].idx + len(tokens[last].text)
        found.append((start, span.doc.text[start:end]))
    return found


#: Words that end what could not be done: "cnt wlk after i fell".
_STOPS = frozenset({",", ";", ".", "and", "but", "then", "so", "because", "-", "after",
    "since", "when", "while", "as", "—", "–", "or"})  # fmt: skip
