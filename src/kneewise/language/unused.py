"""What the reader did not use: listed so the person sees it and can add it (never lost)."""

from __future__ import annotations

from spacy.tokens import Span

from kneewise.language.context import Context
from kneewise.language.lexicon import Lexicon
from kneewise.language.mention import Mention
from kneewise.language.pipeline import SPAN_KEY
from kneewise.language.spelled import decades

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
            if container.field in _FRAMES:
                continue
            if field not in container.keep:
                return True
    return False


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
    spans = list(doc.spans[SPAN_KEY])
    for span in spans:
        clause = context.clause_of(span.start)
        if (
            context.lexicon.entries[span.label_].field == "_unasked"
            and id(clause) not in listed
            and not context.about_someone_else(clause)
            and not suppressed(span, spans, context.lexicon)
            and not any(s < span.end_char and span.start_char < e for s, e in covered)
        ):
            left.append((span.start_char, span.text))
    return [words for _, words in sorted(left)]
