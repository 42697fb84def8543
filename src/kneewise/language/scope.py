"""How far a denial reaches over a time or a trigger of pain, swelling, locking or giving way.

"It doesn't hurt when resting" denies the pain *at rest*: the timing belongs to the pain
word, and the pain word is denied. negex alone misreads it (its scope ends at "when"),
and reads "no swelling, hurts at night" as night pain denied. Here a timing mention is
read through the pain word it qualifies:

* the pain is clearly denied ("doesn't hurt", "never aches", "no pain", "pain-free",
  "no longer sore") → the timing is denied;
* the denial is one of degree or a comparison ("not too bad", "isn't as sore", "not
  worse") → neither: the person did not say it does not hurt then, so it stays unknown;
* "not only", "never stops hurting" affirm the pain;
* the timing itself denied ("but not at night", "never when resting") → denied.

The other way round, a denied swelling, locking or giving way with a trigger or a time
("it doesn't give way on stairs", "didn't swell straight away") denies only that time:
it stays unknown, never "no"; so does one graded ("not much swelling"). (NegEx, Chapman
2001, scopes a negation by a window of words up to a termination term such as "when";
in everyday writing the time comes after the verb it qualifies, so the window is wrong.)
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Span

from kneewise.language.context import Context
from kneewise.language.pipeline import SPAN_KEY

#: Fields whose mentions say *when* the knee hurts: read through the pain word.
PAIN_TIMINGS = frozenset({"pain_at_rest", "night_pain", "worse_with"})
#: Symptoms a timing or trigger can restrict: denied with one, only that time is denied.
TIMED_SYMPTOMS = frozenset({"swelling", "locking", "giving_way", "catching"})

Verdict = Literal["denied", "affirmed", "unsaid"]

#: Words that say it hurts; a denial of these is a clear "it does not hurt".
_PAIN = frozenset({"hurt", "hurts", "hurting", "hurted", "pain", "pains", "painful", "sore",
    "soreness", "ache", "aches", "aching", "achy", "ached", "twinge", "twinges", "throbs",
    "throbbing", "tender", "stabbing", "niggle", "niggly", "niggles", "uncomfortable",
    "agony", "killing", "kills", "burns", "burning", "sharp", "pain_free"})  # fmt: skip
#: Words that say the knee is all right then: "fine when I'm resting", "ok at night".
_FINE = frozenset({"fine", "ok", "okay", "alright", "comfortable", "painless", "grand",
    "perfect", "great", "good"})  # fmt: skip
#: Words that compare or grade: "not worse at night" does not say it does not hurt then.
_GRADED = frozenset({"worse", "worst", "bad", "hard", "difficult", "tough", "struggle",
    "struggling", "killer", "screaming"})  # fmt: skip
_NEGATIONS = frozenset({"not", "nt", "n't", "never", "no", "without", "nothing", "none",
    "nor", "zero"})  # fmt: skip
#: Between a negation and what it denies: "doesn't really ever hurt", "no longer any pain".
_FILLERS = frozenset({"do", "does", "did", "is", "are", "was", "were", "be", "been", "am",
    "has", "have", "had", "get", "gets", "got", "getting", "feel", "feels", "felt",
    "really", "ever", "any", "at", "all", "longer", "actually", "it", "i", "m", "'m",
    "when", "while", "whenever", "if", "the", "my", "a", "much", "real", "even", "whilst",
    "usually", "normally", "generally", "always", "currently", "now", "anymore",
    "experience", "notice", "there", "'s", "s", "seem", "seems", "make", "makes", "made",
    "cause", "causes", "caused"})  # fmt: skip
#: A negation then these grades, compares or limits rather than denies ("not too sore").
_DEGREE = frozenset({"too", "that", "so", "as", "very", "overly", "particularly", "terribly",
    "massively", "hugely", "much", "more", "quite"})  # fmt: skip
_NOT_ONLY = frozenset({"only", "just", "stop", "stops", "stopped", "stopping", "ease",
    "eases", "let", "lets"})  # fmt: skip
#: Before "without pain", these say the pain comes with it.
_CANNOT = frozenset({"not", "nt", "n't", "never", "cannot", "unable", "hard", "difficult",
    "struggle", "struggling", "struggles", "impossible", "tough"})  # fmt: skip
#: Right after a denied symptom, these grade it: "doesn't swell much".
_GRADED_AFTER = frozenset({"much", "often", "badly", "massively", "hugely", "loads"})
#: Words after a denied symptom that restrict it to a time or a trigger.
_QUALIFIERS = frozenset({"when", "whenever", "while", "whilst", "after", "during", "if",
    "on", "at", "straight", "immediately", "overnight", "until", "till", "unless", "every",
    "each"})  # fmt: skip
#: Lexicon fields that tell a time or a trigger.
_TIMES = frozenset({"swelling_time", "pain_at_rest", "night_pain", "worse_with",
    "comes_on_after_distance"})  # fmt: skip
#: ... except these, which widen the denial or say whose knee ("never gives way on me").
_WIDENERS = frozenset({("at", "all"), ("at", "any"), ("on", "me"), ("on", "him"),
    ("on", "her"), ("on", "them")})  # fmt: skip
_REACH, _LIST_REACH = 6, 12
#: A denial said after the time, as an answer: "pain at night: none".
_ANSWERS = frozenset({"none", "no", "nope", "nil", "never", "zero", "nah"})
_YES = frozenset({"yes", "yeah", "yep", "yup", "definitely", "always"})
_ANSWER_MARKS = frozenset({":", "-", "–", "—", ","})
#: A list under one denial does not run past these.
_LIST_ENDS = frozenset({"it", "i", "my", "its", "he", "she", "and", "but", "so", "though",
    "although", "because", "then", "now"})  # fmt: skip


def _word(doc: Doc, i: int) -> str:
    return doc[i].norm_.lower()


def _governed(doc: Doc, first: int, floor: int, *, ability: bool = False) -> Verdict:
    """Whether a negation governs the words from token `first` on (looking back to `floor`).

    "denied": a negation with only fillers between; "unsaid": a negation of degree
    ("not too"), "affirmed": anything else, or "not only" / "never stops". With
    `ability`, "can't" is a complaint, not a denial ("can't even do stairs").
    """
    i, steps, listed = first - 1, 0, False
    between: list[str] = []
    sentence = doc[first].sent.start
    while i >= (sentence if listed else floor) and steps < (_LIST_REACH if listed else _REACH):
        word = _word(doc, i)
        if listed and word in _LIST_ENDS:
            return "affirmed"  # "no swelling, it hurts or aches at night"
        if doc[i].is_punct and word not in ("'s", "'m") and not (listed and word == ","):
            return "affirmed"
        if word in ("or", "nor"):
            listed = True  # "no swelling or pain at night": one denial over a list
        elif word in _NEGATIONS:
            if word == "without" and _hard_without(doc, i, floor):
                return "affirmed"  # "can't do stairs without it hurting"
            if any(w in _NOT_ONLY for w in between):
                return "affirmed"
            if ability and i > floor and _word(doc, i - 1) in ("can", "could", "ca"):
                return "affirmed"
            if any(w in _DEGREE for w in between):
                return "unsaid"
            return "denied"
        elif word in _NOT_ONLY or word in _DEGREE:
            between.append(word)
        elif word not in _FILLERS and not listed:
            return "affirmed"
        i, steps = i - 1, steps + 1
    return "affirmed"


def _hard_without(doc: Doc, without: int, floor: int) -> bool:
    """ "Can't do stairs without pain", "hard to kneel without it aching": it hurts."""
    return any(_word(doc, i) in _CANNOT for i in range(floor, without))


def _pain_verdict(doc: Doc, token: int, floor: int) -> Verdict:
    """What is said of the pain word at `token`: denied, affirmed or neither."""
    after = [t for t in doc[token + 1 : token + 3] if t.text != "-"]
    if doc[token].norm_ == "pain_free" or (after and _word(doc, after[0].i) == "free"):
        # "pain-free at night" denies; "never pain-free at night" does not
        return "affirmed" if _governed(doc, token, floor) == "denied" else "denied"
    verdict = _governed(doc, token, floor)
    if verdict == "denied" and _word(doc, token) in _GRADED:
        return "unsaid"  # "not worse at night", "not bad at rest"
    return verdict


def _pain_words(doc: Doc, start: int, end: int, span: Span) -> list[int]:
    return [
        t.i
        for t in doc[start:end]
        if (t.norm_ in _PAIN or t.norm_ in _GRADED) and not span.start <= t.i < span.end
    ]


def answer_after(doc: Doc, span: Span) -> Verdict | None:
    """An answer after the time, ending its statement: "night pain - no", "at rest: yes".

    "unsaid" for an answer that is neither ("fever: not sure", "swelling - not really"):
    unsure, so never a no (re-trial 6c)."""
    i, end = span.end, span.sent.end
    while i < end and doc[i].text in _ANSWER_MARKS:
        i += 1
    if i >= end:
        return None
    last = _ends(doc, i + 1, end)
    if _word(doc, i) in _ANSWERS and last:
        return "denied"
    if _word(doc, i) in _YES and last:
        return "affirmed"
    words = tuple(_word(doc, j) for j in range(i, min(i + 3, end)))
    if words == ("not", "at", "all") and _ends(doc, i + 3, end):
        return "denied"
    if words[:2] in _NEITHER and _ends(doc, i + 2, end):
        return "unsaid"
    if words in _DONT_KNOW and _ends(doc, i + 3, end):
        return "unsaid"  # "Fever? don't know"
    if _word(doc, i) in _UNSURE and last:
        return "unsaid"
    return None


def _ends(doc: Doc, i: int, end: int) -> bool:
    """The answer ends before token `i`: the statement's end, punctuation or a new line
    ("Any locking? no⏎Giving way? yes": the next line is the next question)."""
    return i >= end or doc[i].is_punct or "\n" in doc[i].text


#: Answers that are neither yes nor no: "not sure", "not really", "maybe".
_DONT_KNOW = frozenset({("do", "n't", "know"), ("do", "nt", "know"), ("do", "not", "know")})
_NEITHER = frozenset({("not", "sure"), ("not", "really"), ("no", "idea"), ("not", "certain")})
_UNSURE = frozenset({"maybe", "unsure", "dunno", "possibly", "perhaps", "idk"})


def pain_timing(span: Span, context: Context, *, own: bool = True) -> Verdict | None:
    """How a mention of when it hurts reads (`timing_and_reach` without the reach)."""
    return timing_and_reach(span, context, own=own)[0]


def timing_and_reach(
    span: Span, context: Context, *, own: bool = True
) -> tuple[Verdict | None, int]:
    """How a mention of when it hurts reads, through the pain word it qualifies.

    None when no pain word qualifies it (the caller's usual negation reading applies).
    The pain word is the nearest in the mention's clause, or for a time put first
    ("at night, no pain"; "resting, it doesn't hurt") in the clause right after it.
    With `own`, a denial of the time itself counts too ("but not at night"); without it
    the phrase's own negation is its meaning ("even when I'm not moving"). The reach
    is the character offset where the words read end: the clause after a time put
    first ("Resting, it doesn't hurt") gave the answer too, so it is not "unused".
    """
    doc = context.doc
    clause = context.clause_of(span.start)
    answer = answer_after(doc, span)
    if answer is not None:
        return answer, span.end_char  # "pain at night: none", "at night - yes"
    limited = _word(doc, span.start) in _NOT_ONLY  # "doesn't [only hurt at night]"
    if own and not limited and _governed(doc, span.start, clause.start, ability=True) == "denied":
        return "denied", span.end_char  # "but not at night", "never when I'm resting"
    inside = [t.i for t in span if t.norm_ in _PAIN or t.norm_ in _GRADED]
    words = inside or _pain_words(doc, clause.start, clause.end, span)
    if not words and _feeling_ill(span, context):
        return "unsaid", span.end_char  # "sweating buckets at night": the sweats' time
    floor = clause.start
    fine = [t.i for t in doc[clause.start : clause.end] if t.norm_ in _FINE]
    if not words and fine:
        # "fine when I'm resting", "at rest it's ok"; "not fine at night" is a complaint
        denied = _governed(doc, fine[0], clause.start) == "denied"
        return ("affirmed" if denied else "denied"), span.end_char
    if not words:
        following = context.clause_of(clause.end) if clause.end < len(doc) else None
        first_of_sentence = doc[clause.start].is_sent_start or clause.start == 0
        if following is None or not first_of_sentence or doc[following.start].is_sent_start:
            return None, span.end_char
        if following.start == clause.end and doc[clause.end].is_punct:
            following = context.clause_of(clause.end + 1) if clause.end + 1 < len(doc) else None
        if following is None or doc[following.start].is_sent_start:
            return None, span.end_char
        floor = following.start
        words = _pain_words(doc, following.start, following.end, span)
        if not words:
            return None, span.end_char
    nearest = min(words, key=lambda i: (abs(i - span.start), i > span.start))
    reach = doc[floor : context.clause_of(floor).end].end_char if floor > clause.start else 0
    return _pain_verdict(doc, nearest, floor), max(span.end_char, reach)


#: Findings of feeling ill: a time told with one of them and no pain word is theirs.
_ILL = frozenset({"unwell", "fever"})
#: ... and the words of sweats and shivers, read or not ("my pyjamas are soaked at night").
_ILL_WORDS = frozenset({"sweat", "sweats", "sweating", "sweaty", "sweated", "shivering",
    "shivery", "shivers", "chills", "clammy", "drenched", "soaked", "soaking", "wringing",
    "feverish"})  # fmt: skip


def _feeling_ill(span: Span, context: Context) -> bool:
    """Sweats, chills or a fever told in the time's clause ("night sweats wake me up").

    Night sweats and shivers are feeling ill, never pain (re-trial 6b: "sweating buckets
    at night" was read as night pain), so the time belongs to them.
    """
    clause = context.clause_of(span.start)
    if any(t.norm_ in _ILL_WORDS for t in context.doc[clause.start : clause.end]):
        return True
    lexicon = context.lexicon
    return any(
        lexicon.entries[found.label_].field in _ILL
        and clause.start <= found.start < clause.end
        and not (span.start <= found.start < span.end)
        for found in span.doc.spans[SPAN_KEY]
    )


def graded_denial(span: Span, context: Context) -> bool:
    """A denied symptom graded, not denied: "not much swelling", "doesn't give way much".

    A little swelling, or locking now and then, is there: it stays unknown, never "no".
    """
    doc = context.doc
    clause = context.clause_of(span.start)
    before = {_word(doc, i) for i in range(max(clause.start, span.start - 3), span.start)}
    after = [_word(doc, i) for i in range(span.end, min(clause.end, span.end + 5))]
    if after[:1] == ["up"]:
        after = after[1:]  # "doesn't swell up that much"
    if after[:1] in (["or"], ["nor"]):
        after = after[2:]  # "doesn't catch or lock very often" grades both
    return (
        bool(before & _DEGREE)
        or bool(after and after[0] in _GRADED_AFTER)
        or (after[:2] in (["that", "often"], ["that", "much"], ["very", "often"], ["a", "lot"]))
    )


def restricted_denial(span: Span, context: Context) -> bool:
    """A denied symptom told with a time or trigger: only that time is denied.

    "It doesn't give way on stairs", "didn't swell straight away", "when I squat it
    doesn't lock": the person did not say it never happens.
    """
    doc = context.doc
    clause = context.clause_of(span.start)
    for other in doc.spans[SPAN_KEY]:
        timing = context.lexicon.entries[other.label_].field in _TIMES
        inside = clause.start <= other.start and other.end <= clause.end
        if timing and inside and (other.start >= span.end or other.end <= span.start):
            return True  # "wasn't swollen right away", "when I squat it doesn't lock"
    for i in range(span.end, clause.end):
        word = _word(doc, i)
        if word in _QUALIFIERS:
            following = _word(doc, i + 1) if i + 1 < len(doc) else ""
            return (word, following) not in _WIDENERS
    first = _word(doc, clause.start)
    return first in _QUALIFIERS and clause.start < span.start and first != "at"


#: "not anymore", "doesn't now": a pain time told over (read after the time).
_OVER_PAIRS = frozenset({("not", "anymore"), ("not", "now"), ("not", "nowadays"),
    ("not", "lately"), ("no", "more"), ("nt", "anymore"), ("nt", "now")})  # fmt: skip
_ANY_MORE = ("any", "more")  # "not any more", never "not any better"
#: "the night pain has gone", "... went away": over, when nothing follows but "now" or so.
_OVER_WORDS = frozenset({"gone", "stopped", "disappeared", "vanished", "cleared", "away",
    "settled", "resolved"})  # fmt: skip
_OVER_TAIL = frozenset({"now", "completely", "altogether", "totally", "up", "thankfully",
    "away", "off", "last", "week", "weeks", "month", "months", "days", "ago", "a", "few",
    "couple", "recently", "yesterday", "luckily", "though", "for", "good"})  # fmt: skip
#: "it's stopped waking me at night": over, told before the time.
_STOPPED = frozenset({"stopped", "quit"})
#: A following clause this short says only that the time is over ("but not anymore").
_SHORT_CLAUSE = 5


def pain_time_over(span: Span, context: Context) -> int | None:
    """Whether pain at a time is told as over: "used to hurt at night but not anymore".

    The person answers the question as it stands now: the pain at night or at rest is
    gone, so it is "no" (never unknown, and never the "yes" of the past). Read from the
    words after the time in its clause (up to another finding: "hurts at night and the
    swelling has gone" keeps the night pain), or a short clause right after it ("..., it
    doesn't now"), and from "stopped" before it ("it's stopped waking me at night").
    The end (a character offset) of the words that say so, or None when not over.
    """
    doc = context.doc
    clause = context.clause_of(span.start)
    if any(_word(doc, i) in _STOPPED and not _negated_before(doc, i, clause.start)
           for i in range(clause.start, span.start)):  # fmt: skip
        return span.end_char
    others = [s.start for s in doc.spans[SPAN_KEY] if s.start >= span.end]
    stop = min([clause.end, *(s for s in others if s < clause.end)])
    stretches = [(span.end, stop, clause.end)]
    if clause.end < len(doc) and doc[clause.end].sent.start == doc[span.start].sent.start:
        following = context.clause_of(clause.end + (1 if doc[clause.end].is_punct else 0))
        words = [t for t in doc[following.start : following.end] if t.is_alpha]
        own = any(following.start <= s < following.end for s in others)  # "not on stairs"
        if following.start > clause.start and len(words) <= _SHORT_CLAUSE and not own:
            stretches.append((following.start, following.end, following.end))
    for start, stop, end in stretches:
        if _over(doc, start, stop, end):
            return doc[start:end].end_char
    return None


def _over(doc: Doc, start: int, end: int, clause_end: int) -> bool:
    """An "over" cue from `start` to `end`; what follows it is read to the clause's end."""
    words = [_word(doc, i) for i in range(start, clause_end)]
    for i, word in enumerate(words[: end - start]):
        if tuple(words[i : i + 2]) in _OVER_PAIRS or (
            word in ("not", "nt") and tuple(words[i + 1 : i + 3]) == _ANY_MORE
        ):
            return True
        tail = words[i + 1 : i + 3]
        if (
            word in _OVER_WORDS
            and not _negated_before(doc, start + i, start)
            and all(w in _OVER_TAIL or not w.isalpha() for w in tail)
        ):
            return True
    return False


def _negated_before(doc: Doc, i: int, floor: int) -> bool:
    """ "hasn't gone", "never stopped": the word is denied."""
    return any(_word(doc, j) in _NEGATIONS for j in range(max(floor, i - 2), i))
