"""What the reader did not use: listed so the person sees it and can add it (never lost)."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from kneewise.language.context import Context
from kneewise.language.lexicon import Entry, Lexicon
from kneewise.language.mention import Mention
from kneewise.language.person import Patient
from kneewise.language.pipeline import SPAN_KEY
from kneewise.language.spelled import decades
from kneewise.language.walk_words import ability_unread
from kneewise.language.whose_words import BIRTH

#: Words naming the knee: what follows them is something told of it.
_KNEE = frozenset({"knee", "knees", "kneecap", "kneecaps", "patella", "leg"})
#: Between a knee word and what it did: "my knee has just ...", "my knee's really ...".
_LINKING = frozenset({"is", "was", "'s", "s", "has", "had", "have", "just", "really", "still",
    "also", "then", "suddenly", "kind", "sort", "of", "kinda", "like", "been", "keeps", "kept",
    "feels", "felt", "seems", "seemed", "sometimes", "always", "now", "did", "does", "do",
    "will", "would", "can", "could", "might", "may", "be", "being", "a", "bit", "little",
    "quite",
    # how much, before a comparative: "my knee is more swollen", "way hotter" (re-trial 6c)
    "more", "much", "way", "far", "even", "less", "so", "very", "getting"})  # fmt: skip
#: After a knee word these tell no deed of it ("my knee when I run", "knee and hip").
_NO_DEED = frozenset({"when", "while", "whenever", "after", "before", "during", "if", "since",
    "on", "at", "in", "for", "from", "to", "with", "of", "and", "or", "but", "so", "because",
    "as", "that", "which", "who", "too", "either", "though", "again", "pain", "area", "joint",
    "itself", "the", "my", "it", "this", "i", "cap", "caps", "brace", "support",
    # "my knee started to ache two days ago": when it began, read as how long it has hurt
    "started", "began", "begun",
    # how far a read deed went: "can't straighten my knee all the way", "fully" (re-trial 6c)
    "all", "fully", "properly", "completely",
    # when: "had a scope on this knee last year" tells no deed of the knee (re-trial 6c)
    "last", "yesterday", "today", "ago", "recently", "lately", "years", "weeks"})  # fmt: skip
#: The knee hurting is the complaint every assessment is about (round 6d: "keeps saying his
#: right knee hurts" was listed as not used though its side was read).
_HURTS = frozenset({"hurts", "hurt", "hurting", "aches", "ache", "aching", "sore",
    "painful"})  # fmt: skip
#: After the knee's hurting, words that add nothing to answer: "hurts too", "aches a lot".
_NOTHING_MORE = frozenset({"too", "now", "again", "still", "a", "lot", "so", "much", "badly",
    "sometimes", "as", "well", "also"})  # fmt: skip
#: Words that end the telling of one thing inside a clause.
_BREAKS = frozenset({",", ";", ".", "and", "but", "then", "so", "because", "-", "—", "–"})
#: Little words that finish a deed: "give way", "shift out".
_PARTICLES = frozenset({"way", "out", "in", "back", "sideways", "over", "off", "up", "down"})

#: Words naming which knee: read, they say nothing the knee did ("my left knee throbbing").
_SIDES = frozenset({"left", "right", "both", "other", "bad", "my", "the", "his", "her"})
#: Fields that name the knee ("my left knee", "my kneecap"), never tell what it did.
_NAMING = frozenset({"side", "location"})
#: A field read anywhere in the story that tells what its words were about: a rash's
#: words are used once its fading is read, sure or unsure, in another sentence (round 19c).
_TOLD_ANYWHERE = frozenset({"rash_not_fading"})
#: Phrases that frame others ("right knee", "basketball") and never swallow them.
_FRAMES = frozenset({"side", "activities", "_unasked"})


def suppressed(span: Span, spans: list[Span], lexicon: Lexicon) -> bool:
    """Inside a longer phrase that means something else ("calf is swollen" ⊃ "swollen")."""
    field = lexicon.entries[span.label_].field
    for other in spans:
        if other is span or other.end - other.start <= span.end - span.start:
            continue
        if other.start <= span.start and span.end <= other.end:
            container = lexicon.entries[other.label_]
            if container.field in _FRAMES and not container.swallows:
                continue
            if container.swallows and _not_meant(other, container):
                continue  # "not trying to lose weight and lost a stone": no plan, the loss
            if field not in container.keep:
                return True
    return False


def _not_meant(span: Span, entry: Entry) -> bool:
    """The phrase means something else by the words beside it (its unless_prev/next)."""
    doc = span.doc
    return (span.end < len(doc) and doc[span.end].norm_ in entry.unless_next) or (
        span.start > 0 and doc[span.start - 1].norm_ in entry.unless_prev
    )


def rough_ages(context: Context) -> list[str]:
    """ "in my sixties", "mid-40s": no exact age, so none is read and the interview asks.

    The intake's age is a whole number of years; a decade is never turned into one.
    """
    whose = "you are" if context.patient.kind == "self" else "they are"
    return [
        f"“{context.doc.text[start:end]}” is not an exact age, so kneewise will ask how old"
        f" {whose}."
        for start, end in decades(context.doc.text)
        if not context.about_someone_else(context.clause_at_char(start))
    ]


def unaged_child(context: Context, aged: bool) -> list[str]:
    """A child under 5 named with no age told ("toddler limping with a temperature").

    The rules for young children read the age (`young_child_limp`, `infant_limp`), and
    kneewise never guesses one from a word, so the interview asks it; till then the
    parent is told what applies at that age (NHS Healthier Together, "Limp": a child who
    cannot put weight on the leg, has a fever over 38 °C or a swollen, red or hot joint
    is seen the same day). `aged`: an age was read.
    """
    if aged or context.patient.kind != "other":
        return []
    young = _UNDER_FIVE_WORDS.search(context.doc.text)
    if young is None or context.about_someone_else(context.clause_at_char(young.start())):
        return []
    born = BIRTH.search(context.clause_at_char(young.start()).words)
    if born and not _UNDER_FIVE_WORDS.fullmatch(context.patient.noun or ""):
        return []  # "my wife had our baby 3 weeks ago, her calf...": the mother is the patient
    return [_UNDER_FIVE_NAMED.format(words=young.group())]


#: Words that name a child under 5 with no age told.
_UNDER_FIVE_WORDS = re.compile(r"\b(?:toddler|baby|infant|newborn|tot)s?\b", re.IGNORECASE)
_UNDER_FIVE_NAMED = (
    "“{words}”: no age was told, so kneewise will ask it. A child under 5 who limps, will not"
    " walk or stand on a leg, has a fever, or has a hot, red or swollen joint should be seen"
    " by a doctor today."
)


def unparsed(context: Context, mentions: list[Mention]) -> list[str]:
    """Words not used, in text order: shown so the person sees them and can add them.

    Every statement about someone else, however short ("Dad 70"), every other
    clause of two words or more that gave no finding ("no tingling", "dull ache"),
    and, inside a clause that gave one, words no question answers ("dull ache after
    long runs": the runs are read, the dull ache is listed).
    """
    doc = context.doc
    covered = [(m.start, m.end) for m in mentions]
    left = [(start, doc.text[start:end]) for start, end in context.statements_about_others()]
    listed: set[int] = set()
    for clause in context.clauses:
        span = doc[clause.start : clause.end]
        # a word the tokenizer keeps whole is a word: "pain-free", "didn't"
        words = [t for t in span if any(c.isalpha() for c in t.text)]
        hit = any(s < span.end_char and span.start_char < e for s, e in covered)
        if len(words) >= 2 and not hit and not context.about_someone_else(clause):
            left.append((span.start_char, span.text.strip()))
            listed.add(id(clause))
        elif hit and not context.about_someone_else(clause):
            left += _knee_told_unread(span, covered, _phrases(mentions))
            left += _event_told_unread(span, covered)
            left += ability_unread(span, covered)  # "i cnt wlkk far after i fell"
    spans = list(doc.spans[SPAN_KEY])
    read = {m.field for m in mentions} & _TOLD_ANYWHERE
    for span in spans:
        clause = context.clause_of(span.start)
        entry = context.lexicon.entries[span.label_]
        if (
            entry.field == "_unasked"
            and not entry.keep & read
            and id(clause) not in listed
            and not context.about_someone_else(clause)
            and not suppressed(span, spans, context.lexicon)
            # read only in part ("right foot is pointing outwards": the side) is not read
            and not any(s <= span.start_char and span.end_char <= e for s, e in covered)
        ):
            left.append((span.start_char, span.text))
    return [words for _, words in sorted(_outer(left))]


def _outer(left: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Each stretch of words listed once: one inside another listed is dropped ("coughed so
    hard I peed myself" holds its clause "so hard I peed myself")."""

    def inside(a: tuple[int, str], b: tuple[int, str]) -> bool:
        return a != b and b[0] <= a[0] and a[0] + len(a[1]) <= b[0] + len(b[1])

    return [item for item in dict.fromkeys(left) if not any(inside(item, o) for o in left)]


def _phrases(mentions: list[Mention]) -> list[tuple[int, int]]:
    """Where findings were read from, less the words naming which knee or where on it."""
    return [(m.start, m.end) for m in mentions if m.field not in _NAMING]


def _knee_told_unread(
    span: Span, covered: list[tuple[int, int]], phrases: list[tuple[int, int]]
) -> list[tuple[int, str]]:
    """Inside a clause that told something, what the knee did that nothing read.

    "played football and felt my knee go": the football is read, "felt my knee go" is
    not, so it is listed; what a person said about their knee is never lost (fix C).
    """

    def used(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in covered)

    found: list[tuple[int, str]] = []
    tokens = list(span)
    for at, token in enumerate(tokens):
        if token.norm_ not in _KNEE:
            continue
        if any(s < token.idx < e for s, e in phrases):
            # inside a phrase read from before it ("the bony lump under my kneecap hurts",
            # "can't lift my leg straight off the bed"): what follows was told of what was
            # read, and a not-used list never names words that were used (re-trial 6c)
            continue
        deed = at + 1
        while deed < len(tokens) and tokens[deed].norm_ in _LINKING:
            deed += 1
        if deed >= len(tokens) or not tokens[deed].is_alpha:
            continue
        verb = tokens[deed]
        if verb.norm_ in _NO_DEED or used(verb.idx, verb.idx + len(verb.text)):
            continue
        if verb.norm_ in _HURTS and _nothing_more(tokens[deed + 1 :], used):
            continue  # "keeps saying his right knee hurts": the knee that hurts, the complaint
        if verb.norm_.endswith("ing") and any(
            t.norm_ not in _SIDES and used(t.idx, t.idx + len(t.text)) for t in tokens[:at]
        ):
            continue  # "she twisted her knee gardening": what she was doing, the twist is read
        first = at
        while first > 0 and tokens[first - 1].norm_ not in _BREAKS:
            first -= 1
        last = deed
        while last + 1 < len(tokens) and tokens[last + 1].norm_ in _PARTICLES:
            last += 1
        start, end = tokens[first].idx, tokens[last].idx + len(tokens[last].text)
        found.append((start, span.doc.text[start:end]))
    return found


#: Words telling what the knee's state came after: "swollen after slipping on ice".
_AFTER = frozenset({"after", "since", "following", "from"})


def _event_told_unread(span: Span, covered: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Inside a clause that told something, an event it came after that nothing read.

    "knee swollen after slipping on ice": the swelling was read and the slip, unread, was
    not listed either (round 18g), so what happened was lost without a word.
    """
    tokens = list(span)
    found: list[tuple[int, str]] = []
    for at, token in enumerate(tokens[:-1]):
        deed = tokens[at + 1]
        if token.norm_ not in _AFTER or not deed.is_alpha or not deed.norm_.endswith("ing"):
            continue
        if any(s < deed.idx + len(deed.text) and deed.idx < e for s, e in covered):
            continue
        last = at + 1
        while last + 1 < len(tokens) and tokens[last + 1].norm_ not in _BREAKS:
            last += 1
        start, end = token.idx, tokens[last].idx + len(tokens[last].text)
        found.append((start, span.doc.text[start:end]))
    return found


def _nothing_more(rest: list[Token], used: Callable[[int, int], bool]) -> bool:
    """Up to the next break, the words after the knee's hurting were read or add nothing."""
    for token in rest:
        if token.norm_ in _BREAKS:
            return True
        added = token.is_alpha and token.norm_ not in _NOTHING_MORE | _NO_DEED
        if added and not used(token.idx, token.idx + len(token.text)):
            return False
    return True


#: The writer speaking of their own knee in a statement set aside from a relative's story.
_WRITERS_KNEE = re.compile(r"\b(?:my|mine)\b", re.IGNORECASE)
#: The writer telling of themselves beside a relative's story: "and I'm limping".
_WRITER = re.compile(r"\b(?:i|i'm|im|i've|me)\b", re.IGNORECASE)
#: Possessive or named people in a set-aside statement: then it is theirs, not the writer's.
_NAMES = re.compile(
    r"\b(?:my|our)\s+(?!own\b|left\b|right\b|knees?\b|legs?\b|calf\b|kneecap\b)\w+(?:'s|’s)?\s",
    re.IGNORECASE,
)


def about_someone_else(said: str, patient: Patient) -> str:
    """The note for a statement set aside as about someone else: whose it seems to be."""
    other = patient.kind == "other"
    if other and _WRITERS_KNEE.search(said) and not _NAMES.search(said):
        # the story is a relative's; "my left knee is fine" is the writer's own
        return f"“{said}” seems to be about your own knee, not theirs, so it was not used."
    writer = patient.writer_span is not None and not _NAMES.search(said)
    if other and (_WRITER.search(said) or writer) and not _NAMES.search(said):
        # "I'm 43 and I've got a temperature", "Female, 45" before "My daughter (14)"
        return f"“{said}” seems to be about you, not them, so it was not used."
    return f"“{said}” seems to be about someone else, so it was not used."
