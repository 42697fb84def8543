"""The writer's "mine doesn't" after someone else's symptom: a denial of that one symptom.

"My brother's knee locks but mine doesn't": the brother's statement is set aside
(context.py), and "mine doesn't" says the writer's knee does not lock. The verb left
out can only be read back when it is plain which it is: the other person's statement
tells exactly one finding, not hedged, not in the past, and not restricted to a time or
a trigger ("my wife's knee swells after tennis but mine doesn't" says nothing of
swelling at other times). Otherwise nothing is read, and the words stay in `unparsed`:
unknown, never "no".
"""

from __future__ import annotations

from spacy.tokens import Span

from kneewise.language.context import Clause, Context
from kneewise.language.mention import Mention
from kneewise.language.pipeline import SPAN_KEY

#: The writer's elliptical answer: "(but) mine doesn't / didn't / isn't / hasn't / never".
_LINKS = frozenset({"but", "and", "though", "whereas", "while", "whilst"})
_AUXILIARIES = frozenset({"do", "does", "did", "is", "was", "has", "have", "had", "will",
    "would", "ca", "can", "could", "be", "'s"})  # fmt: skip
_DENIALS = frozenset({"not", "n't", "nt", "never"})
_OWN_WORDS = frozenset({"own", "left", "right", "other"})
_OWN_KNEE = frozenset({"knee", "knees", "leg", "legs", "one"})
_TAILS = frozenset({"either", "though", "tho", "thankfully", "luckily"})
#: Words that restrict a symptom to a time or a trigger: the denial would not be whole.
_RESTRICTING = frozenset({"when", "whenever", "while", "whilst", "after", "during", "if",
    "on", "at", "since", "until", "till", "every", "each", "sometimes", "only"})  # fmt: skip
#: Lexicon fields that frame a statement rather than tell a finding.
_FRAMES = frozenset({"side", "activities", "_ignore", "_unasked"})


def _is_mine_denied(words: list[str]) -> bool:
    """ "mine doesn't", "but mine didn't either", "mine never (has)": nothing else."""
    words = [w for w in words if w not in _LINKS]
    while words and words[-1] in _TAILS:
        words = words[:-1]
    if words[:1] == ["my"]:  # "but my knee doesn't", "my own one didn't": mine
        at = 1
        while at < len(words) and words[at] in _OWN_WORDS:
            at += 1
        if at < len(words) and words[at] in _OWN_KNEE:
            words = ["mine", *words[at + 1 :]]
    if words[:1] != ["mine"] or len(words) < 2:
        return False
    rest = words[1:]
    if rest[0] == "never":
        return rest[1:] == [] or (len(rest) == 2 and rest[1] in _AUXILIARIES)  # "never has"
    return len(rest) == 2 and rest[0] in _AUXILIARIES and rest[1] in _DENIALS


def _told_finding(clause: Clause, context: Context) -> Span | None:
    """The one finding someone else's statement tells plainly, if exactly one."""
    doc = context.doc
    words = {t.norm_ for t in doc[clause.start : clause.end]}
    if words & _RESTRICTING or context.hedged(clause) or context.past(clause):
        return None
    spans = [
        span
        for span in doc.spans[SPAN_KEY]
        if clause.start <= span.start < clause.end
        and context.lexicon.entries[span.label_].field not in _FRAMES
    ]
    fields = {context.lexicon.entries[span.label_].field for span in spans}
    if len(fields) != 1:
        return None
    span: Span = spans[0]
    entry = context.lexicon.entries[span.label_]
    if entry.fixed or entry.negated is None or span._.negex or context.negated_inside(span):
        return None
    return span


def writer_denials(context: Context) -> list[Mention]:
    """Mentions for each "mine doesn't" right after a statement set aside as another's.

    Each says the negated value of the one finding that statement told, at the
    characters of the writer's words; none where the finding is not plain.
    """
    found: list[Mention] = []
    told: Clause | None = None
    for clause in context.clauses:
        tokens = context.doc[clause.start : clause.end]
        if not any(c.isalnum() for c in tokens.text):
            continue  # the commas and full stops between the two
        if context.about_someone_else(clause):
            told = clause
            continue
        words = [t.norm_.lower() for t in tokens if any(c.isalnum() for c in t.text)]
        if told is not None and _is_mine_denied(words):
            span = _told_finding(told, context)
            if span is not None:
                entry = context.lexicon.entries[span.label_]
                start, end = tokens.start_char, tokens.end_char
                found.append(
                    Mention(entry.field, entry.negated, start, end, entry.confidence, True)
                )
        told = None
    return found
