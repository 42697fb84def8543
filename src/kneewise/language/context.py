"""Context of a mention: its clause, and whether that clause is hedged, past or about others."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from kneewise.language.described import aged_before
from kneewise.language.examiner import says_what_was_found
from kneewise.language.hedges import (
    describes_manner,
    doubts_only_what_follows,
    doubts_something_else,
)
from kneewise.language.history import measured_from, part_of, told_of_past
from kneewise.language.lexicon import Lexicon
from kneewise.language.person import Patient, describes_patient
from kneewise.language.places import owns_place
from kneewise.language.whose_words import (
    APPOSITION,
    AUXILIARIES,
    FIRST_PERSON,
    LEGS,
    MET,
    ONLOOKING,
    OTHER_PLAYER,
    OWN_BODY,
    OWNED_AFTER,
    REPORTING,
    THEIRS,
    THIRD,
    WHO,
    WHOSE,
    WRITER_SUBJECTS,
    a_quality,
    acts_for_writer,
    patients_birth,
    tells_writers_own,
    writer_a_patient,
)

#: Words that start a new clause: a cue in one clause says nothing about the next.
CLAUSE_WORDS = frozenset(
    {"but", "so", "though", "although", "however", "because", "cause", "whereas", "plus"}
)
NEGATIONS = frozenset({"not", "no", "never", "nt", "n't", "without", "none", "neither"})
_SWELLING_WORDS = frozenset({"swollen", "swelling", "swelled", "swell", "swells", "puffy", "stiff",
    "stiffness", "inflamed"})  # fmt: skip
#: Words opening the time someone came: "before my son found me", "until the carer came".
_UNTIL = frozenset({"before", "until", "till", "til", "when"})
#: What a dip told "there" points back to (cue "kneecap").
_KNEE_WORDS = frozenset({"knee", "knees", "kneecap", "kneecaps", "patella", "patellar"})
#: A hedge followed by one of these doubts a detail, not the finding ("not sure why").
_WH_WORDS = frozenset({"when", "how", "why", "what", "where", "which", "who"})


@dataclass
class Clause:
    """A stretch of tokens between punctuation or clause words."""

    start: int
    end: int
    words: str = ""
    question: bool = False
    flags: dict[str, bool] = field(default_factory=dict)


def _breaks(doc: Doc) -> list[int]:
    """Token indices where a new clause starts."""
    starts = {0, len(doc)}
    for token in doc:
        if token.is_sent_start or token.norm_ in CLAUSE_WORDS:
            starts.add(token.i)
        following = doc[token.i + 1].norm_ if token.i + 1 < len(doc) else ""
        if token.norm_ == "and" and following in WRITER_SUBJECTS:
            starts.add(token.i)  # "my sister has a fever and my knee is red": a new subject
        if token.is_punct or (not token.is_alpha and not token.like_num and len(token.text) == 1):
            starts.update({token.i, token.i + 1})
        elif not token.text.isascii() and not any(c.isalnum() for c in token.text):
            starts.update({token.i, token.i + 1})  # emoji end a thought
    return sorted(s for s in starts if s <= len(doc))


class Context:
    """Clauses of one doc and what each says about time, certainty and person."""

    def __init__(
        self, doc: Doc, lexicon: Lexicon, patient: Patient, said: str | None = None
    ) -> None:
        self.doc = doc
        #: The person's own words (the doc reads a form's "Fever?" as "Fever:"; same offsets)
        self.said = doc.text if said is None else said
        self.lexicon = lexicon
        self.patient = patient
        bounds = _breaks(doc)
        self.clauses = [self._clause(a, b) for a, b in pairwise(bounds)]
        self._index = [0] * len(doc)
        for number, clause in enumerate(self.clauses):
            for i in range(clause.start, clause.end):
                self._index[i] = number

    def _clause(self, start: int, end: int) -> Clause:
        words = " ".join(t.norm_ for t in self.doc[start:end])
        following = self.doc[end].text if end < len(self.doc) else ""
        return Clause(start, end, f" {words} ", question=following == "?")

    def clause_of(self, token: int) -> Clause:
        """The clause holding a token."""
        return self.clauses[self._index[min(token, len(self.doc) - 1)]]

    def clause_at_char(self, char: int) -> Clause:
        """The clause holding a character offset."""
        for token in self.doc:
            if token.idx <= char < token.idx + len(token.text_with_ws):
                return self.clause_of(token.i)
        return self.clauses[-1]

    def sentence_words(self, token: int) -> str:
        """The normalised words of the sentence holding a token."""
        sentence = self.doc[min(token, len(self.doc) - 1)].sent
        return " " + " ".join(t.norm_ for t in sentence) + " "

    def hedged(self, clause: Clause, end: int | None = None, start: int | None = None) -> bool:
        """A hedge ("maybe", "not sure", "can't remember if", a question mark) in the clause.

        `end` is the token after the finding: a not-knowing cue ("can't remember
        if") doubts only a finding it starts before ("my foot may have gone numb").
        A hedge about when, how or why ("not sure why it's swollen", "can't remember
        when it went numb") leaves what was told certain: only that detail is unknown.
        `start` is the finding's first token: "kind of" right before it ("kind of
        limping") says how, not whether (hedges.py).
        """
        if clause.question:
            return True
        words = clause.words
        before = words if end is None else self._words(clause.start, end)
        cues = [(cue, len(words)) for cue in self.lexicon.hedge_cues]
        cues += [(cue, len(before)) for cue in self.lexicon.unknowing_cues]
        leading = None if start is None else self._words(clause.start, start)
        for cue, reach in cues:
            at = words.find(f" {cue} ")
            while 0 <= at < reach - 1:  # the cue starts before the finding
                after = words[at + len(cue) + 2 :].split(" ", 1)[0]
                manner = leading is not None and describes_manner(cue, at, leading, words)
                # a fixed phrase (end == start) that opens with the cue means it: "can't
                # tell if I need a wee" is bladder sensation lost, not doubt (re-trial 27)
                own = leading is not None and end == start and at == len(leading) - 1
                # a hedge after the finding with a finding of its own after it doubts that one
                own = own or (end is not None and doubts_only_what_follows(cue, at, before, words))
                own = own or doubts_something_else(cue, at, leading, before, words)
                if after not in _WH_WORDS and not manner and not own:
                    return True
                at = words.find(f" {cue} ", at + 1)
        return False

    def _words(self, start: int, end: int) -> str:
        """Normalised words of tokens start..end, spaced as `Clause.words`."""
        return " " + "".join(f"{t.norm_} " for t in self.doc[start:end])

    def past(self, clause: Clause, token: int | None = None) -> bool:
        """A history cue ("before", "years ago", "used to") in the clause (history.py).

        With `token`, only in the part of the clause holding it: "had an arthroscopy
        last year and the knee is red and hot now" tells the redness now (re-trial 6c).
        """
        if token is None:
            return told_of_past(clause.words, self.lexicon.history_cues)
        start, end = part_of(self.doc, clause.start, clause.end, token)
        part = self._words(start, end)
        if " then " in part or " at the time " in part:
            part = clause.words  # "... last year and the knee swelled up then": that time
        return told_of_past(part, self.lexicon.history_cues)

    def compared_from(self, char: int) -> bool:
        """The words at `char` are what a comparison measures from: "than yesterday",
        "than it was last week". Never when it began (re-trial 6c: "more swollen than
        yesterday" was read as swollen within a day, for a day)."""
        span = self.doc.char_span(char, char, alignment_mode="expand")
        at = span.start if span is not None else len(self.doc)
        before = [t.norm_ for t in self.doc[:at]]
        return measured_from(before, [t.norm_ for t in self.doc[at:]])

    @cached_property
    def _person_words(self) -> frozenset[str]:
        return frozenset().union(*self.lexicon.people.values())

    def about_someone_else(self, clause: Clause) -> bool:
        """The clause is about a relative or friend who is not the patient.

        Whole statements count: "my mum, 68, had a knee replacement" is about the mum
        from her name through her age in commas or brackets to what she had.
        """
        return self._index[min(clause.start, len(self.doc) - 1)] in self._about_others

    def statements_about_others(self) -> list[tuple[int, int]]:
        """(start, end) character offsets of each statement about someone else, in order."""
        found: list[tuple[int, int]] = []
        previous = -2
        for number in sorted(self._about_others):
            clause = self.clauses[number]
            span = self.doc[clause.start : clause.end]
            if not any(c.isalnum() for c in span.text):
                if found and previous == number - 1 and ")" in span.text:
                    # "my dad (60)" keeps its closing bracket, never "my dad (60"
                    closing = span.start_char + span.text.index(")") + 1
                    found[-1] = (found[-1][0], max(found[-1][1], closing))
                continue  # the commas and brackets between a statement's parts
            joined = (
                found
                and all(n in self._about_others for n in range(previous + 1, number))
                and not span[0].is_sent_start
            )
            if joined:
                found[-1] = (found[-1][0], span.end_char)
            else:
                found.append((span.start_char, span.end_char))
            previous = number
        return found

    @cached_property
    def _about_others(self) -> frozenset[int]:
        """Clauses about someone else: each naming one, and their age and deed after it.

        An age in commas or brackets after a person ("my dad, 70M,", "my son (12)")
        is theirs, and so is the clause right after it unless it speaks of the writer
        or someone new ("and I", "my knee", "says it's hot"). Anything further is
        the writer's again: a sign of theirs must never be lost to a guess.
        """
        found: set[int] = set()
        chain = ""  # "named": a person was just named; "age": and then their age
        for number, clause in enumerate(self.clauses):
            tokens = self.doc[clause.start : clause.end]
            if tokens[0].is_sent_start:
                chain = ""
            if self._names_someone_else(clause):
                found.add(number)
                chain = "named"
            elif not any(c.isalnum() for c in tokens.text):
                if chain:
                    found.add(number)
            elif chain and APPOSITION.fullmatch(tokens.text):
                found.add(number)
                chain = "age"
            else:
                if chain == "age" and not self._speaks_of_another(tokens):
                    found.add(number)
                chain = ""
        return frozenset(found)

    def _speaks_of_another(self, tokens: Span) -> bool:
        """The writer, a new person, or a report of what someone said is in these words."""
        words = {t.norm_ for t in tokens}
        first = tokens[0].norm_
        return bool(words & FIRST_PERSON or words & self._person_words) or first in REPORTING

    def _names_someone_else(self, clause: Clause) -> bool:
        """The clause itself names a relative or friend who is not the patient."""
        if " in the family " in clause.words or " family history " in clause.words:
            return True
        if self.patient.kind == "self" and any(f" {w} " in clause.words for w in OWN_BODY):
            return False
        if patients_birth(clause.words, self.patient.noun, self._person_words):
            return False  # "had my baby 9 days ago": the mother's own event (whose_words.py)
        if self.patient.kind == "other" and tells_writers_own(clause.words):
            return True  # "my daughter twisted her knee. my left knee is fine": the writer's
        if self.patient.kind == "other" and self._writer_describes_self(clause):
            return True  # "Female, 45. My daughter (14)...": the writer's sex and age
        if self.patient.kind == "other" and self._writer_tells_of_self(clause):
            return True  # "my sister's knee is swollen and I'm limping": the limp is the writer's
        tokens = self.doc[clause.start : clause.end]
        if self.patient.kind == "self" and any(  # "(it's a torn ACL) like his": the other's own
            t.norm_ in THEIRS and t.i > clause.start and self.doc[t.i - 1].norm_ in ("like", "as")
            for t in tokens
        ):
            return True
        for token in tokens:
            before = self.doc[token.i - 1].norm_ if token.i > 0 else ""
            after = self.doc[token.i + 1].norm_ if token.i + 1 < len(self.doc) else ""
            descriptive = (
                before in ("old", "yo", "year", "years", "y/o", "yr", "yrs")
                or re.fullmatch(r"\d{1,2}(?:yo|y/o|yrs?|f|m)", before) is not None  # "16yo boy"
                or (before == "o" and token.i > 1 and self.doc[token.i - 2].text == "/")
                or aged_before(self.doc, token.i)  # "13yo overweight lad": the one aged
                # "girl 14, knee pain", "boy, 16, ...": the writer names themselves first
                or (
                    self.patient.kind == "self"
                    and token.norm_ in ("girl", "boy", "lad")
                    and not any(t.is_alpha for t in self.doc[: token.i])
                )
                or after == "here"  # "teenager here, 14": the writer names themselves
                or self._is_patient(after)  # "my baby girl": the girl, described
                # "mum of 2 here": the writer; not "my mum of 80"
                or (after == "of" and before not in WHOSE and self._count_follows(token.i + 2))
                # "my daughter's friend" when the friend is the patient
                or (after in ("'s", "’s") and self._patient_follows(token.i + 2))
                or (token.norm_ == "player" and before.isalpha() and before not in OTHER_PLAYER)
                # "be patient"; "I'm a sickle cell patient": no one else (whose_words)
                or a_quality(token.norm_, before, after)
                or writer_a_patient(self.doc, token.i)
                # "he is 12 and a big lad", "the boy": the patient described (person.py)
                or describes_patient(self.patient, self.doc, token.i)
                or owns_place(self.doc, token.i)  # "went round to my mum's": a place
                # "mum checked my temp": a deed for the writer (whose_words.acts_for_writer)
                or acts_for_writer(self.doc[token.i + 1 : token.sent.end].text)
            )
            met = (
                self.patient.kind == "self"
                and any(t.norm_ in MET for t in self.doc[max(token.i - 3, clause.start) : token.i])
                and not any(t.norm_ in THIRD for t in self.doc[token.i : clause.end])
            )  # "I collided with a teammate"; not "with my brother who hurt his knee"
            # "she was playing with the grandkids and now her knee hurts": only company, the
            # story still the patient's (round 13e: set aside whole, and nothing was read)
            company = self.patient.kind == "other" and any(
                t.norm_ == "with" for t in self.doc[max(token.i - 3, clause.start) : token.i]
            )
            # "on the floor for hours before my son found me": who came, not whose story
            came = any(
                t.norm_ in _UNTIL and t.i > clause.start
                for t in self.doc[max(token.i - 3, clause.start) : token.i]
            )
            if descriptive or met or company or came:
                continue
            if self._owner_without_apostrophe(token) and not self._is_patient(token.norm_):
                return True  # "mums TKR", "my friends knee": theirs, as "mum's" would be
            if token.norm_ in self._person_words and not self._is_patient(token.norm_):
                following = {t.norm_ for t in tokens if token.i < t.i <= token.i + 2}
                return not following & REPORTING
        reported = says_what_was_found(self.doc, clause.start)  # "looked, she says it's red"
        first = tokens[0].norm_ if len(tokens) and not reported else ""
        theirs = any(  # "..., who twisted her knee": a third person's leg, not the writer's
            t.norm_ in THIRD and t.i + 1 < clause.end and self.doc[t.i + 1].norm_ in LEGS
            for t in tokens
        )
        return self.patient.kind == "self" and (first in THIRD or first in WHO or theirs)

    def _owner_without_apostrophe(self, token: Token) -> bool:
        """ "mums TKR", "my friends knee", "dads op": a possessive typed without its apostrophe.

        The plural of a person word before a knee, leg or operation word is whose it is
        (re-trial 28: "mums TKR was last month" gave the writer an operation).
        """
        word = token.norm_
        nxt = self.doc[token.i + 1].norm_ if token.i + 1 < len(self.doc) else ""
        return (
            len(word) > 3
            and word.endswith("s")
            and word[:-1] in self._person_words
            and nxt in OWNED_AFTER
        )

    def _writer_describes_self(self, clause: Clause) -> bool:
        writer = self.patient.writer_span
        if writer is None or clause.start >= len(self.doc):
            return False
        span = self.doc[clause.start : clause.end]
        return span.start_char < writer[1] and writer[0] < span.end_char

    def _writer_tells_of_self(self, clause: Clause) -> bool:
        """ "I'm limping", "I'm 40 and I have a fever": the writer, not the patient, is told of.

        Not when the writer looks on ("I think it happened at football", "I'm not sure")
        or the clause speaks of a third person ("I took him to A&E") or the patient.
        """
        tokens = [t.lower_ for t in self.doc[clause.start : clause.end]]
        if "i" not in tokens or set(tokens) & (THIRD | {"they", "them", "their"}):
            return False
        if any(self._is_patient(word) for word in tokens):
            return False  # "I run a team and one of the girls landed awkwardly": hers
        if {"it", "its", "it's"} & set(tokens):
            return False  # "I can't get it straight": "it" is the knee just told of, theirs
        after = [t for t in tokens[tokens.index("i") + 1 :] if t not in AUXILIARIES]
        return not after or after[0] not in ONLOOKING

    def _count_follows(self, at: int) -> bool:
        return at < len(self.doc) and (
            self.doc[at].like_num or self.doc[at].norm_ in ("two", "three", "four", "five")
        )

    def _patient_follows(self, at: int) -> bool:
        return at < len(self.doc) and self._is_patient(self.doc[at].norm_)

    def _is_patient(self, word: str) -> bool:
        noun = self.patient.noun
        return noun is not None and word.rstrip("s") == noun.rstrip("s")

    def negated_inside(self, span: Span) -> bool:
        """A negation word inside a gapped phrase ("calf isn't swollen")."""
        return any(t.norm_ in NEGATIONS for t in span)

    def cue_nearby(self, span: Span, cue: str) -> bool:
        """A pain word (or for joints, a swelling word) in the clause or just before it.

        For "kneecap", the knee named before it in its sentence or the one before: what a
        "dent there" points back to (re-trial 27).
        """
        if cue == "heading":  # "Walking: no": a form's field, its answer after the ":"
            return span.end < len(self.doc) and self.doc[span.end].text == ":"
        if cue == "kneecap":
            sentence = self.doc[span.start].sent
            start = self.doc[sentence.start - 1].sent.start if sentence.start > 0 else 0
            return any(t.norm_ in _KNEE_WORDS for t in self.doc[start : span.start])
        words = self.lexicon.pain_cues | (_SWELLING_WORDS if cue == "symptom" else frozenset())
        clause = self.clause_of(span.start)
        window = self.doc[max(clause.start - 4, 0) : clause.end]
        return any(t.norm_ in words for t in window if not span.start <= t.i < span.end)
