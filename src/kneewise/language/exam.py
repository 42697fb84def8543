"""Pressing on the knee: is the kneecap, or the bony knob on the outside, tender?

An examination finding is told as a site, a test and a verdict, in any order:
"pressing the kneecap hurts", "the bony bit on the outside doesn't hurt when I
press it", "kneecap and outer bone not sore to press", "only the kneecap hurts
when I press it". The verdict is read per clause, after the site as often as
before it, so a denial that follows the verb ("... doesn't hurt") counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span

from kneewise.language.context import Clause, Context
from kneewise.language.mention import Mention

#: Words that make a clause an examination ("pressing", "tender to touch").
_TEST = frozenset({"press", "presses", "pressed", "pressing", "push", "pushes", "pushing", "pushed",
    "touch", "touching", "touched", "prod", "prods", "prodding", "prodded", "poke", "poking",
    "poked", "tender", "tenderness"})  # fmt: skip
_PAIN = frozenset({"hurt", "hurts", "hurting", "sore", "tender", "tenderness", "painful", "pain",
    "agony", "ache", "aches", "sensitive", "killing", "kills"})  # fmt: skip
_NOT = frozenset({"not", "n't", "nt", "no", "never", "nothing", "nowhere", "without"})
_FINE = frozenset({"fine", "ok", "okay", "normal", "alright"})
_KNEECAP = frozenset({"kneecap", "kneecaps", "patella", "patellae"})
#: "below the kneecap" is not the kneecap: it is the tendon or the bump.
_BESIDE = frozenset({"below", "beneath", "under", "underneath", "above", "bottom", "top", "tip",
    "lower", "upper"})  # fmt: skip
_BONE = frozenset({"bone", "bony", "knob", "knobble", "knobbly", "bump", "lump", "fibula",
    "fibular"})  # fmt: skip
_OUTSIDE = frozenset({"outside", "outer", "lateral"})
_FIBULA = frozenset({"fibula", "fibular"})
#: A fragment this short takes its test word from the sentence ("..., kneecap isn't").
_FRAGMENT = 5


@dataclass(frozen=True)
class Exam:
    """One examination reading and the clause it came from."""

    mention: Mention
    clause: Clause


def fibula_site(words: list[str]) -> tuple[int, int] | None:
    """Token offsets (within the list) of the bony knob on the outside, if named."""
    for i, word in enumerate(words):
        if word in _FIBULA:
            return i, i
    bones = [i for i, w in enumerate(words) if w in _BONE]
    sides = [i for i, w in enumerate(words) if w in _OUTSIDE]
    pairs = [(min(b, s), max(b, s)) for b in bones for s in sides if abs(b - s) <= 5]
    return min(pairs, key=lambda p: p[1] - p[0], default=None)


def _kneecap_site(words: list[str], fibula: tuple[int, int] | None) -> int | None:
    bump = any(w in ("bump", "lump", "knob") for w in words)
    for i, word in enumerate(words):
        if word in _KNEECAP and not _BESIDE & set(words[max(i - 3, 0) : i]):
            return None if bump and fibula is None else i
    return None


def _verdict(words: list[str]) -> tuple[bool, int] | None:
    """True/False with the deciding word's offset, or None when the clause gives no verdict."""
    positive: int | None = None
    for i, word in enumerate(words):
        if word in _PAIN:
            if _NOT & set(words[max(i - 3, 0) : i]):
                return False, i
            positive = i if positive is None else positive
    for i, word in enumerate(words):
        if word in _FINE:
            return False, i
    if positive is not None:
        return True, positive
    for i, word in enumerate(words):
        if word in _NOT:
            return False, i
    return None


def exam_mentions(context: Context) -> Iterator[Exam]:
    """tender_kneecap and tender_fibula_head from every clause that tests them."""
    doc = context.doc
    for clause in context.clauses:
        span = doc[clause.start : clause.end]
        words = [t.norm_ for t in span]
        sentence = {t.norm_ for t in span[0].sent} if len(span) else set()
        tested = bool(_TEST & set(words)) or (len(words) <= _FRAGMENT and bool(_TEST & sentence))
        if not tested or context.about_someone_else(clause) or context.past(clause):
            continue
        verdict = _verdict(words)
        if verdict is None:
            continue
        value, at = verdict
        fibula = fibula_site(words)
        kneecap = _kneecap_site(words, fibula)
        kneecap_site = None if kneecap is None else (kneecap, kneecap)
        for field, site in (("tender_fibula_head", fibula), ("tender_kneecap", kneecap_site)):
            if site is None:
                continue
            first, last = min(site[0], at), max(site[1], at)
            mention = _mention(field, value, span[first : last + 1], context, clause)
            yield Exam(mention, clause)


def _mention(field: str, value: bool, words: Span, context: Context, clause: Clause) -> Mention:
    confidence = 0.85 * (0.5 if context.hedged(clause) else 1.0)
    return Mention(field, value, words.start_char, words.end_char, confidence, not value)
