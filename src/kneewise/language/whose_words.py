"""The words that tell whose story a clause is: the writer's own body, someone else's,
an onlooker's verbs (`context.Context` decides with them; kept apart to keep it short)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kneewise.language.examiner import examines_knee

REPORTING = frozenset({"says", "said", "thinks", "thought", "reckons", "noticed", "told", "say",
    "heard", "hears", "saw", "sees"})  # fmt: skip
OWN_BODY = ("my knee", "my leg", "my calf", "my kneecap", "on me", "my left", "my right",
    "my own", "mine is", "mine's", "mine has",  # "and now my own knee is warm" (re-trial 29)
    # someone else's deed done to the writer is the writer's injury
    "kicked me", "tackled me", "hit me", "into me", "through me", "took me out", "fouled me",
    "knocked me", "clattered me", "barged me", "tripped me", "pushed me", "landed on me",
    "booted me", "kneed me", "elbowed me", "clipped me", "flattened me", "smashed me",
    "nailed me", "studded me", "raked me", "stamped on me", "trod on me", "stood on me",
    "caught me",
    # someone helping the writer after it: "swollen by the time my mum picked me up" (re-trial 9)
    "picked me up", "drove me", "took me to", "got me to", "carried me", "helped me",
    "brought me", "came and got me", "came to get me", "collected me")  # fmt: skip
WHO = frozenset({"who", "whose"})
LEGS = frozenset({"knee", "knees", "leg", "legs", "kneecap", "calf", "ankle", "shin", "thigh"})
#: Before a person, these make them the one the writer met ("collided with a teammate");
#: a blow "from another player" or "off a teammate's knee" lands on the writer.
#: What a person's name owns when its apostrophe is left out ("mums knee", "dads op").
OWNED_AFTER = LEGS | frozenset({"kneecaps", "hip", "hips", "ankle", "op", "ops", "operation",
    "surgery", "tkr", "tka", "ukr", "replacement", "acl", "mcl", "meniscus", "recon", "scope",
    "arthroscopy", "new", "knee_replacement", "left", "right", "bad", "old", "leg", "temp",
    "fever", "temperature", "physio", "injury", "gout", "arthritis"})  # fmt: skip
MET = frozenset({"with", "by", "into", "against", "from", "off"})
#: When a relative is the patient, these are the writer's own knee, not theirs.
WRITERS = ("my knee", "my knees", "my leg", "my calf", "my kneecap", "my left", "my right", "mine")
THIRD = frozenset({"he", "she", "his", "her", "him"})
#: Someone else's own, named by comparison: "like his", "same as hers" (fix C, 02:00).
THEIRS = frozenset({"his", "hers", "theirs", "him", "her"})
#: After "I", these make the writer an onlooker of the patient's story, not its subject:
#: "I think it happened at football", "I took him to A&E", "I'm not sure".
ONLOOKING = frozenset({"think", "thought", "reckon", "guess", "believe", "suspect", "noticed",
    "notice", "saw", "see", "seen", "heard", "hear", "took", "take", "brought", "drove", "worried",
    "know", "knew", "asked", "ask", "told", "said", "say", "wonder", "wondering", "hope", "want",
    "wanted", "need", "needed", "typing", "writing", "asking", "checked", "watched", "iced",
    "gave", "giving", "tried", "made", "looked", "found", "sure", "certain", "tell", "remember",
    "recall", "wish", "mean", "called", "rang", "booked", "work", "coach", "help"})  # fmt: skip
#: Words between "I" and its verb: "I'm", "I've also", "I can't".
AUXILIARIES = frozenset({"am", "'m", "m", "have", "'ve", "ve", "was", "had", "'d", "d", "also",
    "just", "really", "still", "now", "been", "do", "did", "can", "could", "ca", "not", "n't",
    "nt", "will", "'ll", "would", "myself", "too", "even", "honestly"})  # fmt: skip
#: A person only with whose they are: "my coach" is a person, "the coach trip" a bus.
WHOSE_ONLY = frozenset({"coach"})
WHOSE = frozenset({"my", "our", "his", "her", "their", "your"})
FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine", "im", "ive"})
#: After "and", these start the writer's own clause.
WRITER_SUBJECTS = frozenset({"i", "my", "mine", "im", "ive", "i'm", "i've"})
#: Someone's age put in commas or brackets after them: "70", "70M", "68 yo", "aged 12".
APPOSITION = re.compile(
    r"\W*(?:aged?\s*)?\d{1,3}\s*(?:m|f|male|female|yo|y/o|(?:years?|yrs?)[\s-]*old)?\W*",
    re.IGNORECASE,
)
#: Before "player", these make it someone else ("a player fell on me"); a sport
#: makes it the writer ("28 f volleyball player").
OTHER_PLAYER = frozenset({"a", "an", "the", "another", "other", "one", "opposing", "my", "our",
    "his", "her", "their", "that", "this", "some", "two", "three"})  # fmt: skip
#: The writer giving birth: "had my baby 9 days ago", "gave birth to my daughter", "my son
#: was born by c-section", "baby arrived last week". A birth is the mother's own event (a
#: clot risk: RCOG Green-top 37a), never someone else's story to set aside (re-trial 31),
#: and a time told with it is the birth's, not the knee's (times.py). Read on raw text or
#: on a clause's normalised words alike.
BIRTH = re.compile(
    r"\b(?:had|having|gave\s+birth|given\s+birth|giving\s+birth|delivered|welcomed)\s+(?:to\s+)?"
    r"(?:(?:my|our|a|the|baby|little|new|newborn|beautiful|first|second|third)\s+)*"
    r"(?:baby|babies|son|daughter|boy|girl|twins|little\s+one|newborn|bub)\b"
    r"|\b(?:baby|son|daughter|boy|girl|twins|little\s+one|newborn)\s+(?:was|were)\s+born\b"
    r"|\b(?:baby|babies|son|daughter|twins|little\s+one|newborn)\s+(?:arrived|came|was\s+delivered)\b"
    r"|\b(?:gave|given|giving)\s+birth\b"
    r"|\b(?:since|after)\s+(?:the|my)\s+(?:birth|delivery|labour|labor|c\s*-?\s*section|caesarean)\b",
    re.IGNORECASE,
)


def patients_birth(words: str, noun: str | None, people: frozenset[str]) -> bool:
    """A clause's normalised words tell the patient giving birth: the writer's ("had my
    baby", `noun` None), or the relative's who is the patient ("my wife had our baby").

    The one born is no one else's story; a birth given by someone else ("my sister had a
    baby") is theirs.
    """
    born = BIRTH.search(words)
    if born is None:
        return False
    before = set(words[: born.start()].split())
    if noun is None:
        return not before & people
    return noun in before or bool(before & {"she", "her", "she's", "shes"})


#: A child's doing that reaches the parent writing: "my daughter kept me up all night",
#: "woke us at 3am", "had us worried", "called me from school", "came to me crying". The
#: parent is its object, but the story is the child's: what follows is theirs (round 15b:
#: "kept me up all night crying, temp 39, won't walk" was the writer's fever).
CHILD_ON_PARENT = (
    r"(?:kept|keeps|keeping|has\s+kept)\s+(?:me|us)\s+(?:up|awake|going|busy)"
    r"|(?:had|has|having)\s+(?:me|us)\s+(?:up|awake|worried|in\s+\w+|frantic|scared|panicking"
    r"|running|beside)"
    r"|(?:called|calls|rang|rings|phoned|phones|texted|texts|messaged|facetimed)\s+(?:me|us)"
    r"|(?:cried|cries|crying|screamed|screams|yelled|yells|shouted|shouts|called\s+out)"
    r"\s+(?:out\s+)?for\s+(?:me|us|mummy|mommy|mum|mom|daddy|dad)"
    r"|(?:came|comes|ran|runs|limped|limps|hobbled|hobbles|crawled|crawls)\s+(?:\w+\s+)?"
    r"(?:in)?to\s+(?:me|us)"
    r"|(?:gave|gives|has\s+given)\s+(?:me|us)\s+(?:a|such\s+a|quite\s+a)\s+(?:\w+\s+)?"
    r"(?:fright|scare|shock|night)"
    r"|(?:frightened|scared|worried|woke|wakes|woken|waking)\s+(?:me|us)"
)
_CHILD_ON_PARENT = re.compile(
    rf"^\s*(?:(?:just|then|also|really)\s+)?(?:{CHILD_ON_PARENT})\b", re.I
)
#: A deed done for or to the writer right after the one named: "mum checked my temp", "my
#: dad had to carry me off", "my wife took my temperature". The one who acts is no patient:
#: what the deed found or carried is the writer's (re-trial 32: a fever of 38.6 was set
#: aside as mum's). One to three words between, none joining or comparing two people.
_FOR_WRITER = re.compile(
    r"^\s*(?:(?-i:[A-Z][a-z]+)\s+)?(?:(?!(?:and|or|n|&|with|than|like|as|of|is|was|has|had)\s"
    r"|(?:he|she|his|her|him|their|them|they)\b)[a-z'’]+\s+){1,3}(?:me|my|myself)\b"
    r"(?!\s+(?:and|or|n|&)\b)",
    re.IGNORECASE,
)
_FOR_WRITER_VERB = re.compile(
    r"^\s*(?:(?-i:[A-Z][a-z]+)\s+)?(?:had|has|have)\s+to\s+[a-z]+\s+(?:me|my|myself)\b",
    re.IGNORECASE,
)
#: A blow or weight put on "it", the knee the writer told of: "my kid kicked it", "my dog
#: jumped on it", "the baby headbutted it" (round 16e: "knee swollen and hot after my kid kicked
#: it" was read as the kid's knee and the writer's azathioprine set aside). One word at most
#: before the deed: "picked up the ball and kicked it" is no blow to a knee.
_ON_WRITERS_KNEE = re.compile(
    r"^\s*(?:(?-i:[A-Z][a-z]+)\s+)?(?:[a-z]+\s+)?(?:kicked|kneed|hit|whacked|smacked|thumped"
    r"|punched|headbutted|head-butted|knocked|bumped|banged|rammed|stamped|kicks|hits)\s+it\b"
    r"|^\s*(?:(?-i:[A-Z][a-z]+)\s+)?(?:[a-z]+\s+)?(?:jumped|landed|fell|trod|stood|stepped|sat"
    r"|knelt|crashed|ran|bounced|climbed)\s+(?:on|onto|into|on\s+to|across|over)\s+it\b",
    re.IGNORECASE,
)
#: Someone else's own body or doing named in the same stretch: then the story may be theirs.
_THIRD_TOLD = re.compile(r"\b(?:he|she|his|her|him|he's|she's|hes|shes)\b", re.IGNORECASE)


def acts_for_writer(after: str) -> bool:
    """The words right after a person named tell them doing something for or to the writer
    ("checked my temp", "had to carry me off", "drove me in") with no one else's body or
    deed told in the same stretch (`after`: to the end of the sentence), or looking at the
    knee ("had a look and it's hot": examiner.py)."""
    if examines_knee(after):
        return True
    if _THIRD_TOLD.search(after) or _CHILD_ON_PARENT.match(after):
        return False  # "kept me up all night": the child's doing, not one for the writer
    return bool(
        _FOR_WRITER.match(after) or _FOR_WRITER_VERB.match(after) or _ON_WRITERS_KNEE.match(after)
    )


def team_member(people: str) -> str:
    """A coach's player named by the team, as `person._relative`'s alternatives: one of an
    age group or school year ("one of my u14s", "one of our under-12s", "one of my year 5s":
    `noun8`, a player) or one named by
    where they play ("a lad in my team, 14", "a girl from our squad": `noun9`). Round 18e:
    "coach here, one of my u14s has a sore knee" was read as the coach's own knee.
    """
    return (
        r"|\bone\s+of\s+(?:my|our|the)\s+(?P<noun8>(?:u|under[\s-]?|year\s*|yr\s*)\d{1,2}s)\b"
        rf"|\b(?:a|one)\s+(?P<noun9>{people})\s+(?:in|from|on|at)\s+(?:my|our)\s+"
        r"(?:[\w-]+\s+){0,2}?(?:team|squad|club|class|side|group)\b"
    )


#: Before or after "patient", words that make it a quality, never a person: "be patient",
#: "so patient with me" (round 15d: "patient" is the one a nurse writes of).
_QUALITY_BEFORE = frozenset({"be", "being", "been", "is", "am", "are", "was", "were", "'m",
    "m", "very", "so", "too", "more", "less", "quite", "really", "stay", "remain", "keep",
    "not", "n't", "nt", "must", "should", "just", "try", "bit", "impatient"})  # fmt: skip


def a_quality(word: str, before: str, after: str) -> bool:
    """A person word naming no person: "patient" as a quality ("be patient", "patient with
    him"), "coach" with no one's before it ("the coach trip": a bus)."""
    if word in WHOSE_ONLY:
        return before not in WHOSE
    return word == "patient" and (before in _QUALITY_BEFORE or after in ("with", "enough"))


def tells_writers_own(words: str) -> bool:
    """A clause's words tell the writer's own knee or leg ("my knee", "mine"); "a player of
    mine" is the writer's tie to the patient, never their own leg (round 15d)."""
    words = words.replace(" of mine ", " ").replace(" of ours ", " ")
    return any(f" {w} " in words for w in WRITERS)


#: "I'm a sickle cell patient", "as a cancer patient", "I am a diabetic patient": the
#: writer tells what they are, no other person (t34: the sickle cell was set aside).
_I_AM_A = re.compile(r"\b(?:i\s*'?\s*m|im|i\s+am|as)\s+an?\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


def writer_a_patient(doc: Doc, i: int) -> bool:
    """Token `i` is "patient" told of the writer or of the story's subject: "I'm a sickle cell
    patient"; or opening the story with only its condition before it, "sickle cell patient,
    knee throbbing" (a note's first words name its subject, whoever writes it)."""
    if doc[i].norm_ not in ("patient", "patients"):
        return False
    before = doc[max(0, i - 6) : i].text + " "
    if _I_AM_A.search(before):
        return True
    opener = doc[:i]
    return (
        len(opener) <= 4
        and all(
            t.is_alpha and t.norm_ not in ("my", "our", "the", "a", "an", "his", "her", "their")
            for t in opener
        )
        and (i + 1 >= len(doc) or doc[i + 1].text in (",", ":", "-", "("))
    )
