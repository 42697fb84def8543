"""How far a negation negex found reaches: to this finding, or to another one.

negspacy (NegEx, Chapman 2001) scopes a negation to its sentence up to a termination
word. Everyday writing needs it shorter: "can't" negates its verb a few words on, "no" or
"denies" a list; a negation never reaches onto the event a time is told from ("it wasn't
like that before the flight": the flight was told), nor back over another finding told
between them ("pins and needles in my foot and the foot isn't cold").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kneewise.language.context import NEGATIONS, Context
from kneewise.language.pipeline import SPAN_KEY

#: How far a negation reaches: "can't" negates its verb, "no"/"denies" a whole list.
_VERB_NEGATIONS = frozenset({"not", "nt", "n't", "nothing", "nowhere", "nobody"})
_LIST_NEGATIONS = frozenset({"no", "never", "without", "none", "nor", "neither", "denies",
    "denied", "deny", "denying", "zero", "free", "nil"})  # fmt: skip
_VERB_REACH, _LIST_REACH = 5, 12
#: "No" lists things, never abilities: "no swelling, can walk" keeps the walking.
_MODALS = frozenset({"can", "could", "able"})
#: Negated, these say the writer does not know, never that something is absent.
_KNOWING = frozenset({"remember", "recall", "recollect", "know", "tell", "say", "sure",
    "certain", "positive", "check", "checked", "measure", "measured", "looked"})  # fmt: skip
#: After "and", these start a new statement a verb's negation does not reach.
_SUBJECTS = frozenset({"there", "i", "my", "it", "he", "she", "we", "they", "his", "her",
    "now", "also"})  # fmt: skip
#: After "and", these verbs start a new statement too: "won't walk on it and feels hot",
#: "my knee won't bend and is red" (re-trial 29's helper: the heat was read as denied).
_NEW_VERBS = frozenset({"feels", "felt", "looks", "looked", "is", "was", "seems", "seemed",
    "gets", "got", "has", "had", "keeps", "kept", "turned", "became", "goes", "went",
    "started", "starts", "began", "appears", "appeared"})  # fmt: skip
#: A thing given up ("came off the tablets", "stopped taking it") denies what it names,
#: never a finding after the comma: "the cast came off, calf is swollen" (stop 28: the
#: calf's swelling after a cast was read as denied, so the clot rule could not fire).
_GIVEN_UP = frozenset({("came", "off"), ("come", "off"), ("been", "off"),
    ("stopped", "taking"), ("quit", "taking"), ("stopped", "using")})  # fmt: skip
#: Joins that close a list one negation carries: "isn't swollen, red or hot".
_LIST_JOINS = frozenset({"or", "nor"})
#: What a time is told from follows these: "before the flight", "since my op".
_EVENT_TIMES = frozenset({"before", "since", "after", "until", "till", "following"})
#: Words at most between that word and the event: "since my long haul flight".
_EVENT_REACH = 3


def negation_reaches(span: Span, context: Context) -> bool:
    """Whether the negation negex found for `span` reaches it (True) or not.

    A verb negation reaches a few words on, a list negation further but never over an
    ability ("no swelling, can walk"), and "can't remember" denies nothing. Never onto
    the event a time is told from: "wasn't like that before the flight", "swollen since
    the long drive, wasn't before" deny how it was before the trip, and the trip was told
    (re-trial 6c: read as no trip). A negation told after the finding is another's when
    another finding stands between them ("pins and needles in my foot and the foot isn't
    cold": the cold is denied, the tingling told).
    """
    if _event_of_time(span, context) or _later_finding_denied(span) or _hedge_of_next(span):
        return False
    doc = span.doc
    modal = any(t.norm_ in _MODALS for t in span)
    new_action = False  # "aren't touching it and moving my toes is agony"
    comma = False
    for token in reversed(doc[span.sent.start : span.start]):
        distance = span.start - token.i - 1
        comma = comma or token.norm_ in (",", ";")
        if token.i > 0 and (doc[token.i - 1].norm_, token.norm_) in _GIVEN_UP:
            return not comma  # "came off the tablets" denies them, never "calf is swollen"
        if token.norm_ in _VERB_NEGATIONS:
            if _past_its_statement(span, token.i):
                return False
            return distance <= _VERB_REACH and not new_action and not _unknowing(span, token.i)
        if token.norm_ == "and" and token.i + 1 < len(doc):
            following = doc[token.i + 1].norm_
            # "... and there's pins and needles", "... and my foot tingles": a new statement
            new_action = new_action or following.endswith("ing") or following in _SUBJECTS
            new_action = new_action or following in _NEW_VERBS
        if token.norm_ in _LIST_NEGATIONS:
            if _new_predicate(span, token.i) or _past_without_object(span, token.i):
                return False
            return distance <= _LIST_REACH and not modal
        modal = modal or token.norm_ in _MODALS
    return True


#: Words that tell how the knee is, as a statement of their own: after "no fever," they
#: start a new one ("No fever, swollen and hot"; trial 24: "no redness, swollen and hot"
#: was read as no swelling and no warmth). Nouns ("no fever, swelling or redness") and
#: gerunds that are nouns ("no locking, catching") stay in the list "no" denies.
_PREDICATES = frozenset({"swollen", "puffy", "puffed", "hot", "warm", "red", "bruised",
    "stiff", "tender", "sore", "painful", "achy", "numb", "tingly", "cold", "pale",
    "inflamed", "tight", "throbbing", "massive", "huge", "fine", "ok", "okay",
    "normal"})  # fmt: skip
#: A gerund followed by these tells an ability as it is: "No swelling, walking fine".
_AS_IT_IS = frozenset({"fine", "ok", "okay", "normally", "well", "alright", "ok.", "normal"})
#: An item opening with these tells a medicine taken, never one the "no" denies: "no fever,
#: on steroids" (read as no immune-weakening medicine until round 16m), "no fall, takes
#: apixaban", "no injury, using a steroid inhaler".
_TAKING = frozenset({"on", "takes", "taking", "take", "uses", "using", "prescribed"})
#: Words an item may open with before what it tells: "no fever, knee is swollen".
_ITEM_OPENERS = frozenset({"and", "but", "knee", "knees", "it", "its", "it's", "is", "'s",
    "the", "my", "really", "very", "quite", "a", "bit", "little", "so", "still", "now",
    "just", "all", "looks", "feels", "seems"})  # fmt: skip
#: An item telling how much there is, so some is there: "a bit of creaking", "some clicking".
_AMOUNTS = frozenset({"bit", "little", "some", "slight", "mild", "occasional", "lots",
    "loads", "abit", "touch", "odd"})  # fmt: skip


def _new_predicate(span: Span, negation: int) -> bool:
    """After "no <noun>," an item telling how the knee is starts a statement "no" does not
    reach: "No pain at rest, swollen after running", "No swelling, walking fine"."""
    doc = span.doc
    if negation + 1 >= span.start or doc[negation + 1].norm_ in _PREDICATES:
        return False  # "no" right before the span, or a predicate itself ("not swollen")
    commas = [i for i in range(negation + 1, span.start) if doc[i].norm_ == ","]
    # any item between, not only the last: "no swelling, walking fine, bit of creaking"
    # (the walking told as it is ends the list, so the creaking is told, not denied)
    return any(_item_told(doc, comma + 1, span.end) for comma in commas)


def _item_told(doc: Doc, i: int, end: int) -> bool:
    """The list item from token `i` tells how the knee is, or how much of something there
    is ("bit of creaking", "some clicking"): a statement "no" does not reach."""
    amount = False
    while i < end and doc[i].norm_ in _ITEM_OPENERS:
        amount = amount or doc[i].norm_ in _AMOUNTS
        i += 1
    if amount:
        return True  # "a little grinding", "bit of creaking"
    if i >= len(doc):
        return False
    word = doc[i].norm_
    if word in _PREDICATES or word in _AMOUNTS or word in _ITEM_PARTICIPLES:
        return True
    if _has_own_verb(doc, i):
        return True  # "no fever, scar looks a bit red": the item is a sentence of its own
    if word in _TAKING:
        return True  # "no fever, on steroids", "no fall, takes apixaban": a medicine taken
    if _recurring(doc, i):
        return True  # "no temp, shivering every few hours": how often tells it happens
    return word.endswith("ing") and i + 1 < len(doc) and doc[i + 1].norm_ in _AS_IT_IS


#: Verbs that make a list item a statement of its own: "no oozing, op site looks clean",
#: "no swelling, wound is weeping" (re-trial 28's helper: the scar's redness, the wound
#: and the operation were read as denied by the "no" before the comma).
_ITEM_VERBS = frozenset({"looks", "look", "looked", "is", "are", "was", "were", "'s", "feels",
    "feel", "felt", "seems", "seemed", "has", "have", "had", "keeps", "kept", "went", "got",
    "gets", "turned", "started", "appears",
    # "no temp, been shivering": the writer's "I've been" told short
    "been"})  # fmt: skip
#: A participle opening the item tells how the writer is now, a statement of its own:
#: "no fall, feeling shivery and ill", "no twist, running a temp" (stop 28: the septic
#: knee's illness was read as denied by the "no" before the comma).
_ITEM_PARTICIPLES = frozenset({"feeling", "running", "getting", "having", "going",
    "being", "coming", "starting"})  # fmt: skip


def _has_own_verb(doc: Doc, i: int) -> bool:
    """The item from token `i` (to the next comma or the sentence's end) has a verb."""
    stop = doc[i].sent.end
    for token in doc[i:stop]:
        if token.norm_ in (",", ";", "or", "nor"):
            return False
        if token.norm_ in _ITEM_VERBS:
            return True
    return False


#: How often something comes back: an item told with it happens ("no fever, shivering on
#: and off", "no temp, chills every few hours"; re-trial 31: the shivers were denied).
_RECURRING = (("on", "and", "off"), ("off", "and", "on"), ("every",), ("each",),
    ("comes", "and", "goes"), ("again", "and", "again"), ("coming", "back"),
    ("bouts",), ("spells",))  # fmt: skip


def _recurring(doc: Doc, i: int) -> bool:
    """The item from token `i` (to the next comma) tells how often; a list "no" carries
    ("no locking or pain every time") stays denied."""
    words: list[str] = []
    for token in doc[i : doc[i].sent.end]:
        if token.norm_ in (",", ";"):
            break
        if token.norm_ in ("or", "nor"):
            return False
        words.append(token.norm_)
    return any(
        tuple(words[n : n + len(run)]) == run for run in _RECURRING for n in range(len(words))
    )


#: What "without" can take as its own object rather than a list: "without trying", "without
#: any reason" (re-trial 31: "lost weight without trying and night sweats" denied the sweats).
_WITHOUT_OBJECTS = frozenset({"reason", "cause", "explanation", "effort", "meaning", "any",
    "a", "an", "me", "changing", "trying", "dieting", "wanting", "intending"})  # fmt: skip


def _past_without_object(span: Span, negation: int) -> bool:
    """ "Without trying and night sweats": a "without" whose own object is an action or a
    reason ("trying", "dieting", "any reason") negates that, and an item after "and" or a
    comma is told, not denied. "Without pain or swelling" (a noun, "or") stays one list."""
    doc = span.doc
    if doc[negation].norm_ != "without" or negation + 1 >= span.start:
        return False
    first = doc[negation + 1].norm_
    if not (first.endswith("ing") or first in _WITHOUT_OBJECTS):
        return False
    between = [t.norm_ for t in doc[negation + 2 : span.start]]
    return ("and" in between or "," in between) and not set(between) & _LIST_JOINS


def _past_its_statement(span: Span, negation: int) -> bool:
    """A verb's negation told in the statement before the span's: "I can't stand it, pins
    and needles in my foot", "painkillers don't help, tingling on top of my foot" (re-trial
    6c: the tingling was denied). Not a list the negation carries ("doesn't lock, catch
    or give way": "or" closes it)."""
    doc = span.doc
    marks = [i for i in range(negation + 1, span.start) if doc[i].is_punct]
    if not marks:
        return False
    between = {t.norm_ for t in doc[marks[0] : span.start]}
    after = [t.norm_ for t in doc[span.end : min(span.end + 2, span.sent.end)]]
    return not (between & _LIST_JOINS or set(after) & _LIST_JOINS)


def _event_of_time(span: Span, context: Context) -> bool:
    """The span is what "before", "since", "after" or "until" tells a time from: "before
    the flight home", "since my long-haul flight"; a few words at most between."""
    floor = max(context.clause_of(span.start).start, span.start - _EVENT_REACH - 1)
    for token in reversed(span.doc[floor : span.start]):
        if token.norm_ in _EVENT_TIMES:
            return True
        if _denies(token.norm_):
            return False  # "since I didn't fly": the negation is inside the event
    return False


def _later_finding_denied(span: Span) -> bool:
    """No negation before the span in its sentence, and the first one after it comes
    after another finding's start: that finding is the one denied."""
    doc = span.doc
    if any(_denies(t.norm_) for t in doc[span.sent.start : span.start]):
        return False
    later = [s.start for s in doc.spans[SPAN_KEY] if span.end <= s.start]
    for token in doc[span.end : span.sent.end]:
        if _denies(token.norm_):
            return any(start <= token.i for start in later)
    return False


def _hedge_of_next(span: Span) -> bool:
    """ "knee swollen, not really painful": a "not really" told after the span, with a word
    after it, hedges that word, never the finding before it (re-trial 28: read as no
    swelling). Told last ("swollen? not really") it answers the finding, as before."""
    doc = span.doc
    if any(_denies(t.norm_) for t in doc[span.sent.start : span.start]):
        return False
    for token in doc[span.end : span.sent.end - 2]:
        if token.norm_ == "not" and doc[token.i + 1].norm_ == "really":
            after = doc[token.i + 2]
            return after.is_alpha and after.norm_ not in ("no", "nope", "not")
        if _denies(token.norm_):
            return False
    return False


def _denies(word: str) -> bool:
    return word in NEGATIONS or word in _VERB_NEGATIONS or word in _LIST_NEGATIONS


def _unknowing(span: Span, negation: int) -> bool:
    """ "can't remember", "don't know", "can't be sure": not knowing, which denies nothing."""
    following = [t.norm_ for t in span.doc[negation + 1 : negation + 3]]
    if following[:1] == ["be"]:
        following = following[1:]
    if span.doc[negation].norm_ == "nothing" and following[:1] == ["looked"]:
        return False  # "nothing looked out of place": how it looked, no look not taken (19b)
    return bool(following) and following[0] in _KNOWING
