"""A hedge on how, not whether: "kind of limping" is limping, a little.

"kind of", "sort of", "kinda", "sorta" right before what was seen or felt describe its
manner or degree ("walking funny, kind of limping": he is limping, oddly), so they do
not doubt the finding; before anything else ("I kind of think it's swollen", "sort of
maybe warm") they still hedge the clause and the interview asks (docs/free-text.md).
"""

from __future__ import annotations

#: Hedge cues that, right before a finding, say how it is, not whether it is.
MANNER_CUES = frozenset({"kind of", "sort of", "kinda", "sorta"})
#: Words that may stand between such a cue and the finding: "kind of a limp".
_BETWEEN = ("", "a ", "an ")
#: Words of telling or doubting: a manner cue before them hedges ("I kind of think ...").
_TELLING = frozenset({"think", "thought", "guess", "suppose", "reckon", "maybe", "perhaps",
    "might", "could", "possibly", "probably", "seem", "seems", "seemed", "feel", "felt",
    "like", "not", "do", "did", "is", "was", "it", "its", "i"})  # fmt: skip


def describes_manner(cue: str, at: int, before: str, words: str | None = None) -> bool:
    """Whether the cue found at `at` in a clause's words says how, not whether.

    `before` is the clause's normalised words up to the finding (" w1 w2 ... ", spaced
    as `Clause.words`); `at` is where " cue " starts in them. Right before the finding it
    describes it; given the whole clause's `words`, a cue before any other word of what
    was seen or felt describes that word only ("kinda achy and a bit red and warm": the
    red and warm knee is certain, re-trial 22), while one before a word of telling ("kind
    of think", "sort of maybe") still hedges.
    """
    if cue not in MANNER_CUES:
        return False
    end = at + len(cue) + 2
    if end <= len(before) and before[end:] in _BETWEEN:
        return True
    if words is None:
        return False
    after = [word for word in words[end:].split() if word not in ("a", "an")]
    return bool(after) and after[0] not in _TELLING


#: After a hedge, words that tell nothing of their own: "warm, not sure about it", "red or
#: not", "hot maybe a bit". A hedge followed only by these looks back at what was told.
_EMPTY = frozenset({"if", "whether", "about", "it", "its", "'s", "s", "is", "was", "be", "been",
    "that", "this", "really", "though", "tho", "tbh", "honestly", "honest", "to", "a", "an",
    "the", "bit", "little", "slightly", "too", "also", "now", "yet", "either", "way", "sure",
    "i", "am", "'m", "m", "so", "not", "n't", "nt", "of", "just", "or", "are", "they", "lol",
    "haha", "know", "say", "tell", "said", "there", "then", "one", "mate", "x", "", "any",
    "more", "less", "much", "ish", "thing"})  # fmt: skip


def doubts_only_what_follows(cue: str, at: int, before: str, words: str) -> bool:
    """Whether a hedge told after a finding is about a finding of its own after it.

    `before` is the clause's words up to the finding's end and `at` where " cue " starts
    in `words`. "knee's warm not sure if red", "warm, might be a bit red": the hedge
    doubts the redness told after it, never the warmth told before it (re-trial 28). A
    hedge with nothing of its own after it ("hot and swollen, not sure", "red or not")
    looks back and still doubts the finding.
    """
    if at < len(before) - 1:
        return False  # the cue starts before the finding (or inside it): it doubts it
    after = words[at + len(cue) + 2 :].split()
    return any(word not in _EMPTY for word in after)


#: Words opening a clause of its own under the doubted one: "don't think I hit my head
#: when I fell" doubts the knock, never the fall that the "when" takes as given.
_SUBORDINATORS = frozenset({"when", "as", "while", "whilst", "after", "once"})
#: Who does what in such a clause: "when I fell", "as he went down", "after my fall".
_SUBJECTS = frozenset({"i", "he", "she", "we", "they", "you", "my", "his", "her", "their"})
#: How fast or when a finding came: "no idea if the swelling came fast or slow" doubts
#: the speed, never the swelling (re-trial 18h); asked as a detail, like "not sure when".
_DETAILS = (" fast ", " slow ", " slowly ", " quick ", " quickly ", " straight away ",
    " right away ", " immediately ", " at once ", " gradually ", " instantly ", " suddenly ",
    " overnight ", " straightaway ", " straight after ", " right after ")  # fmt: skip
_COMPLEMENT = (" if ", " whether ")
#: A swelling's speed is a detail of it; weight borne "straight away" is the fact itself.
_SWELLING_STEMS = ("swel", "swol", "puff", "ballon", "balloon", "blew", "blown")


def doubts_something_else(cue: str, at: int, leading: str | None, before: str, words: str) -> bool:
    """Whether the cue at `at` doubts another thing than the finding.

    `leading` is the clause's words up to the finding's start, `before` up to its end. A
    finding in a "when"-clause of its own after the doubted words ("not sure if I banged my
    head as I went down") is taken as given; a finding whose "if" complement asks only how
    fast it came ("can't tell if it swelled straight away") is told, its speed doubted.
    "not sure if I fell or fainted", "no idea if it's swollen" still doubt the finding.
    """
    if leading is None:
        return False
    after_cue = at + len(cue) + 1
    between = leading[after_cue:].split()
    for i, word in enumerate(between[:-1]):
        if i > 0 and word in _SUBORDINATORS and between[i + 1] in _SUBJECTS:
            return True  # the finding is in a clause under the doubted one
    if len(before) == len(leading):
        return False  # a fixed phrase ("swelled straight away") holds its own speed
    if not before[len(leading) - 1 :].split()[0].startswith(_SWELLING_STEMS):
        return False  # "whether I could put weight on it straight away": the time is the fact
    complement = f" {cue} ".endswith(_COMPLEMENT) or leading[after_cue:].startswith(_COMPLEMENT)
    rest = words[len(before) - 1 :]
    return complement and any(detail in rest for detail in _DETAILS)
