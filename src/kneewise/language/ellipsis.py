"""The writer's "mine doesn't" after someone else's symptom: a denial of that one symptom.

"My brother's knee locks but mine doesn't": the brother's statement is set aside
(context.py), and "mine doesn't" says the writer's knee does not lock. The verb left
out can only be read back when it is plain which it is: the other person's statement
tells exactly one finding, not hedged, not in the past, and not restricted to a time or
a trigger ("my wife's knee swells after tennis but mine doesn't" says nothing of
swelling at other times). Otherwise nothing is read, and the words stay in `unparsed`:
unknown, never "no".

The other way round, "my calf wasn't swollen before the trip, but now it is": a finding
denied for before and the verb left out of "but now it is / does / has" tells that finding
now (`now_it_is`, re-trial 6e). Only a clause that is nothing but the ellipsis is read.
"""

from __future__ import annotations

from spacy.tokens import Span

from kneewise.language.context import Clause, Context
from kneewise.language.mention import Mention
from kneewise.language.pipeline import SPAN_KEY
from kneewise.language.resolve import CURRENT_SIGNS
from kneewise.language.unused import suppressed

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


#: "(but) now it is", "it is now", "now they are too": the subject and the verb left bare.
_SUBJECTS = frozenset({"it", "its", "they", "she", "he", "mine", "that", "this", "there"})
_BARE_VERBS = frozenset({"is", "'s", "s", "are", "does", "do", "has", "have", "did", "was"})
#: The time an ellipsis tells: "but it is now", "it is today", "it does tonight".
_NOW = frozenset({"now", "today", "tonight"})
_NOW_TAILS = frozenset({"too", "again", "though", "tho", "definitely", "def", "really", "so"})
#: How many clauses with words back the denied finding may stand.
_LOOK_BACK = 2
#: "before / since / until the trip": the event after it is not denied with the finding.
_EVENT_WORDS = frozenset({"before", "since", "until", "till"})
#: What "but now it is" can tell: a sign or symptom as it is now, never a history ("didn't
#: hurt before the flight but now it does" is no previous injury) nor how it began.
_NOW_FIELDS = CURRENT_SIGNS | {"swelling", "swollen", "calf_swelling", "catching", "giving_way",
    "locking", "crepitus", "pain_at_rest", "hip_pain_or_limp"}  # fmt: skip


def _is_now_it_is(words: list[str]) -> bool:
    """ "now it is", "but now it is!!", "it is now", "now it's", "and now they are too"."""
    words = [w for w in words if w not in _LINKS]
    while words and words[-1] in _NOW_TAILS:
        words = words[:-1]
    if not _NOW & set(words):
        return False
    rest = [w for w in words if w not in _NOW]
    return len(rest) == 2 and rest[0] in _SUBJECTS and rest[1] in _BARE_VERBS


def _denied_findings(start: int, stop: int, context: Context) -> list[Span]:
    """The findings denied in tokens start..stop, in their own words (no fixed phrase)."""
    doc, lexicon = context.doc, context.lexicon
    spans = list(doc.spans[SPAN_KEY])
    # the event of "before the trip" is no finding denied (a negation never reaches it)
    end = next((t.i for t in doc[start:stop] if t.norm_ in _EVENT_WORDS), stop)
    denied = []
    for span in spans:
        # a history phrase around it ("didn't hurt at night before") hides no sign now
        if not start <= span.start < end or suppressed(
            span, [s for s in spans if lexicon.entries[s.label_].field in _NOW_FIELDS], lexicon
        ):
            continue
        entry = lexicon.entries[span.label_]
        if entry.field not in _NOW_FIELDS or entry.fixed or entry.value in (False, None, "none"):
            continue
        if span._.negex or context.negated_inside(span):
            denied.append(span)
    return denied


def _ellipsis_start(tokens: Span) -> int | None:
    """Where "(but) now it is" starts in a clause: all of it, or after its last link."""
    starts = [tokens.start] + [t.i for t in tokens if t.norm_ in _LINKS]
    for at in reversed(starts):
        rest = tokens.doc[at : tokens.end]
        if _is_now_it_is([t.norm_.lower() for t in rest if any(c.isalnum() for c in t.text)]):
            return at
    return None


def now_it_is(mentions: list[Mention], context: Context) -> list[Mention]:
    """The mentions with "... wasn't swollen before ..., but now it is": the finding, now.

    The ellipsis takes the findings denied just before it in its clause, else in the
    nearest clause before it that denies any (two with words at most). The mention spans
    both parts, so neither is listed as unused. Nothing is read without such a denial.
    The denial it answers was of before, however that was told ("then", "at first",
    "on the day"): it is dropped, so "it wasn't swollen then but it is now" is no
    "not swollen" against the swelling now.
    """
    doc = context.doc
    found: list[Mention] = []
    before: set[tuple[str, int]] = set()
    clauses = list(context.clauses)
    for at, clause in enumerate(clauses):
        tokens = doc[clause.start : clause.end]
        tail = _ellipsis_start(tokens)
        if tail is None or context.about_someone_else(clause):
            continue
        told = [
            (c.start, c.end) for c in clauses[:at] if any(t.is_alpha for t in doc[c.start : c.end])
        ]
        denied: list[Span] = []
        for start, stop in [(clause.start, tail), *reversed(told[-_LOOK_BACK:])]:
            denied = _denied_findings(start, stop, context)
            if denied:
                first = doc[start].idx  # from where the denial was told
                break
        for span in denied:
            entry = context.lexicon.entries[span.label_]
            before |= {(name, span.start_char) for name in (entry.field, "swollen", "swelling")}
            before.add(("", span.start_char))  # a history phrase around it: "hurt ... before"
            # "swollen" with no time told: swollen now, and kneewise asks when (swelling.py)
            field, value = (
                ("swollen", True) if entry.field == "swelling" else (entry.field, entry.value)
            )
            found.append(Mention(field, value, first, tokens.end_char, entry.confidence))
    kept = [m for m in mentions if not (m.negated and _told_before(m, before))]
    return kept + found


def _told_before(mention: Mention, before: set[tuple[str, int]]) -> bool:
    """A denial "but now it is" answers: the finding's own, or a history phrase around it
    ("it didn't hurt at night before, but it does now" tells no previous injury denied)."""
    if (mention.field, mention.start) in before:
        return True
    return mention.field not in _NOW_FIELDS and any(
        not name and mention.start <= at < mention.end for name, at in before
    )
