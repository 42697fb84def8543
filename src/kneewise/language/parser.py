"""parse(text): a knee story in everyday words → intake fields with spans and confidence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span

from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.model import KnowledgeBase
from kneewise.language import form_answers as form
from kneewise.language import injection
from kneewise.language.bend import bent_to
from kneewise.language.bodypart import attribute
from kneewise.language.compare import denied_comparison, not_compared
from kneewise.language.compound import whole_denials
from kneewise.language.context import Context
from kneewise.language.crepitus import surfaces_not_crepitus
from kneewise.language.ellipsis import now_it_is, writer_denials
from kneewise.language.exam import Exam, exam_mentions, fibula_site
from kneewise.language.fever import measured_normal
from kneewise.language.headings import unheaded
from kneewise.language.kneecap import kneecap_out_and_back
from kneewise.language.legs import one_leg, side_aside
from kneewise.language.lexicon import Entry, Lexicon, load_lexicon
from kneewise.language.mention import Mention
from kneewise.language.model import ParsedIntake
from kneewise.language.numbers import (
    Text,
    ages,
    body_size,
    distance_onset,
    pain_scores,
    temperatures,
)
from kneewise.language.painless import painless
from kneewise.language.person import find_patient
from kneewise.language.pipeline import SPAN_KEY, build_pipeline
from kneewise.language.reach import negation_reaches
from kneewise.language.resolve import CURRENT_SIGNS, resolve
from kneewise.language.scope import (
    PAIN_TIMINGS,
    TIMED_SYMPTOMS,
    graded_denial,
    pain_time_over,
    restricted_denial,
    timing_and_reach,
)
from kneewise.language.spelled import with_digits
from kneewise.language.stiffness import joints_in_a_list, morning_stiffness
from kneewise.language.swelling import swelling
from kneewise.language.times import durations, load_change, surgery
from kneewise.language.unused import (
    about_someone_else,
    rough_ages,
    suppressed,
    too_young,
    unparsed,
)
from kneewise.language.weight_borne import weight_borne_hardly

#: Longer texts are cut: a story, not a book (keeps parsing fast and bounded).
MAX_CHARS = 5000
#: Past mentions of these describe then, not now ("had a fever last year").
#: A side told of the past yields to the side hurting now, and never makes it "both".
_PAST_SIDE = 0.65
_NOW_ONLY = CURRENT_SIGNS | {
    "onset", "mechanism", "pop", "swelling", "locking", "days_since_session",
}  # fmt: skip
#: Pain at a time that can be told over ("not anymore"): then it is "no" now.
_OVER_TIMES = frozenset({"night_pain", "pain_at_rest"})
#: Intake fields about an operation or a needle into the knee: about this knee, and done.
_SURGERY_FIELDS = frozenset({"had_knee_surgery", "weeks_since_surgery", injection.FIELD})
#: An operation still to come ("I need an op", "waiting for surgery") was not had.
_NOT_YET = frozenset({"need", "needs", "needed", "needing", "waiting", "booked", "scheduled",
    "planned", "recommended", "suggested", "offered", "considering", "consider", "referred",
    "will", "going", "gonna", "next", "future", "list", "want", "wants",
    "thinking", "wondering", "hoping", "talked", "talking", "discussed", "discussing"})  # fmt: skip
_OTHER_PARTS = frozenset({"shoulder", "shoulders", "hip", "hips", "back", "spine", "ankle",
    "ankles", "wrist", "wrists", "elbow", "elbows", "hand", "hands", "foot", "feet", "toe",
    "eye", "eyes", "heart", "hernia", "appendix", "gallbladder", "tonsils", "caesarean",
    "c-section", "neck", "achilles", "arm", "arms", "bum", "buttock", "thumb",
    "finger"})  # fmt: skip
#: "4 weeks back" is "4 weeks ago", never the back (re-trial 6e).
_TIME_BACK = re.compile(r"\b(days?|weeks?|wks?|months?|years?|yrs?|fortnight)\s+back\b")
_KNEE_WORDS = frozenset({"knee", "knees", "kneecap", "acl", "pcl", "mcl", "lcl", "meniscus",
    "meniscal", "cartilage", "patella", "patellar", "leg"})  # fmt: skip


def parse(text: str, knowledge: KnowledgeBase) -> ParsedIntake:
    """Read a narrative; every field carries the span it came from and a confidence.

    `knowledge` says which answers are warning signs (what its urgent and
    emergency rules read): a sign told both ways is kept, not lost to a tie.
    """
    text = text[:MAX_CHARS] if isinstance(text, str) else ""
    if not text.strip():
        return ParsedIntake(text=text, notes=["no text to read"])
    lexicon = load_lexicon()
    # "Foot: numb": the part told of; "Fever? No": answered (form_answers.py; same offsets)
    doc = build_pipeline()(unheaded(form.answered(text)))
    # "my son is twelve": whose knee is read with numbers in words as digits (same offsets)
    context = Context(doc, lexicon, find_patient(with_digits(text)[0], lexicon))
    notes: list[str] = []
    mentions = not_compared(list(_word_mentions(doc, context, lexicon, notes)), context)
    mentions = attribute(mentions, doc)
    mentions = swelling(mentions, context, notes)
    exams = list(exam_mentions(context))
    mentions = _after_exam(mentions, exams, context) + [e.mention for e in exams]
    mentions += not_compared(_number_mentions(doc, context, notes), context)
    mentions = _which_knee(mentions, context, notes)
    mentions = injection.long_ago(mentions, context, notes)  # "a cortisone jab 6 months ago": asked
    mentions += _patient_mentions(context)
    mentions += writer_denials(context)  # "my brother's knee locks but mine doesn't"
    mentions = now_it_is(mentions, context)  # "wasn't swollen before the trip, but now it is"
    mentions += joints_in_a_list(context, mentions)  # "stiff in the mornings, knees and wrists"
    mentions = weight_borne_hardly(mentions, context, notes)  # "can hardly stand on it": asked
    mentions = bent_to(mentions, context)  # "can only bend it to 45": no right angle
    mentions = one_leg(mentions, context, notes)  # "both calves puffy", "hips are fine": not asked
    mentions = painless(context, mentions)  # "clicks, doesn't hurt at all": no pain, no catch
    mentions = kneecap_out_and_back(mentions, context)  # "it popped back": it was out
    mentions = surfaces_not_crepitus(mentions, context)  # "ran on gravel": the ground's crunch
    mentions = measured_normal(mentions, context)  # "took my temp and it's normal": no fever
    mentions = whole_denials(mentions, context, notes)  # "not his hip": no "no" to hip or limp
    fields = resolve(mentions, text, compiled(knowledge).alarming_answers)
    others = [text[start:end] for start, end in context.statements_about_others()]
    notes += [about_someone_else(said, context.patient) for said in others]
    notes += rough_ages(context) + too_young(context)
    if context.patient.kind == "other" and context.patient.noun and fields:
        # "my friend's knee is swollen, mine is fine": the answers are the friend's; say so,
        # or they read as the writer's own (re-trial 23:15)
        notes.insert(
            0, _READ_AS_THEIRS.format(whose=context.patient.whose, who=context.patient.noun)
        )
    return ParsedIntake(text=text, fields=fields, notes=notes, unparsed=unparsed(context, mentions))


def _word_mentions(
    doc: Doc, context: Context, lexicon: Lexicon, notes: list[str]
) -> Iterator[Mention]:
    spans = list(doc.spans[SPAN_KEY])
    for span in spans:
        entry = lexicon.entries[span.label_]
        if entry.field == "_ignore" or suppressed(span, spans, lexicon) or form.crosses(span):
            continue  # "Fever: no⏎Injury: yes" holds no "no injury"
        if entry.field == "_unasked" and not (
            "=" in entry.history and context.past(context.clause_of(span.start), span.start)
        ):
            continue  # "a torn ACL" is read only as a past injury ("years ago")
        if entry.cue is not None and not context.cue_nearby(span, entry.cue):
            continue
        if (span.end < len(doc) and doc[span.end].norm_ in entry.unless_next) or (
            span.start > 0 and doc[span.start - 1].norm_ in entry.unless_prev
        ):
            continue  # "my knee went numb", "the swelling went down": not what it says
        if _their_own_mishap(span, entry, context):
            continue
        mention = _read(span, entry, context, notes)
        if mention is not None:
            yield mention


#: How an injury can happen to someone, and who "he", "she" or "they" are when it did.
_MISHAPS = frozenset({"fall", "landing", "twist", "hyperextension"})
_THIRD = frozenset({"he", "she", "they", "he'd", "she'd", "they'd", "hed", "shed"})
_AUX = frozenset({"had", "has", "have", "'d", "just", "then", "also", "nearly", "almost"})


def _their_own_mishap(span: Span, entry: Entry, context: Context) -> bool:
    """A fall or twist whose subject is "he", "she" or "they" in the writer's own story.

    "I hurt my knee catching him when he fell", "lifting my dad after he'd fallen": the
    fall is theirs; how the writer was hurt is told by the writer's own words. When the
    story is about someone else ("my son ... he fell off his bike") it is theirs to keep.
    """
    if entry.field != "mechanism" or entry.value not in _MISHAPS:
        return False
    if context.patient.kind != "self":
        return False
    doc = span.doc
    after = [token.norm_ for token in doc[span.end : span.end + 2]]
    if after[:1] in (["on"], ["onto"], ["into"]) and after[1:] in (["me"], ["my"], ["it"]):
        return False  # "she fell on my knee": what hit the writer
    i = span.start - 1
    while i >= 0 and doc[i].norm_ in _AUX:
        i -= 1
    return i >= 0 and doc[i].norm_ in _THIRD


# Notes are shown to the person (terminal, web, API): plain words, never a field name.
_READ_AS_THEIRS = "This was read as about {whose} {who}'s knee, not yours: the answers are theirs."


def _read(span: Span, entry: Entry, context: Context, notes: list[str]) -> Mention | None:
    """One lexicon match in its context: negated, hedged, past or about someone else."""
    clause = context.clause_of(span.start)
    if context.about_someone_else(clause):
        return None  # the whole statement is noted once, in its own words
    # "Fever: none⏎swollen knee": the answer's "none" is the fever's (form_answers.py)
    by_negex = bool(span._.negex) and negation_reaches(span, context) and form.own(span)
    # "no injury no swelling": negex lets the pseudo-negation "no injury" take the second
    # "no" (re-trial 25 read a swelling); a bare "no" right before a finding denies it
    by_negex = by_negex or (span.start > 0 and span.doc[span.start - 1].norm_ in ("no", "nil"))
    negated = not entry.fixed and (by_negex or context.negated_inside(span))
    answer = form.heading_answer(span, context.lexicon, entry.field)
    if answer is not None and not entry.fixed:  # "fever: none", "Redness or warmth? no"
        negated = answer.verdict == "denied"
    if entry.field == "side" and negated and not _side_denied(span):
        negated = False  # "can't bend my left knee" denies the bending, not the side
    reach = span.end_char  # the words read for it ("Resting, it doesn't hurt": all)
    if entry.field in PAIN_TIMINGS and answer is None and (not entry.fixed or entry.value is True):
        # "doesn't hurt when resting": the time is denied with the pain it qualifies;
        # a phrase whose own negation is its meaning ("when I'm not moving") keeps it
        verdict, reach = timing_and_reach(span, context, own=not entry.fixed)
        if verdict == "unsaid":
            return None  # "not too bad at night" says neither yes nor no
        if verdict is not None:
            negated = verdict == "denied"
    over = None
    if entry.field in _OVER_TIMES and entry.value is True:
        over = pain_time_over(span, context)  # "used to hurt at night but not anymore": no, now
    negated = negated or over is not None
    if negated and not entry.fixed and denied_comparison(span):
        return None  # "not any redder", "isn't more swollen": there or not, it is not said
    field, value = entry.field, entry.negated if negated else entry.value
    if (
        negated
        and entry.field in TIMED_SYMPTOMS
        and (restricted_denial(span, context) or graded_denial(span, context))
    ):
        return None  # "doesn't give way on stairs", "not much swelling": unknown, never "no"
    if context.past(clause, span.start) and over is None:
        field, value = _history(entry, value, negated)
    if value is None:
        return None
    confidence = entry.confidence
    if field == "side" and context.past(clause):
        confidence = min(confidence, _PAST_SIDE)  # "the right was operated on years ago"
    # a not-knowing cue inside a fixed phrase is its meaning ("don't remember knocking it":
    # no known injury), so only cues before the phrase doubt it
    unsure = context.hedged(clause, span.start if entry.fixed else span.end, start=span.start)
    unsure = unsure or (answer is not None and answer.doubts(entry.fixed))  # "fever? dunno"
    if unsure:
        confidence *= 0.5
        notes.append(f"“{span.text}” sounded unsure, so kneewise will ask about it.")
    end = max(reach, over or 0)  # the words saying it is over gave the answer too
    start = span.start_char
    if answer is not None:  # the whole heading and its answer: "numb, pale or cold foot: no"
        start, end = min(start, answer.start), max(end, answer.end)
    return Mention(field, value, start, end, confidence, negated, unsure)


#: Words between a negation and a side that still deny the side ("not the left one").
_SIDE_DENIERS = frozenset({"not", "no", "never", "nor"})


def _side_denied(span: Span) -> bool:
    """ "not my left knee", "it isn't the right": the negation stands right before the side."""
    before = [t.norm_ for t in span.doc[max(span.start - 3, span.sent.start) : span.start]]
    while before and before[-1] in ("my", "the", "his", "her", "their", "your"):
        before.pop()
    return bool(before) and before[-1] in _SIDE_DENIERS


def _history(entry: Entry, value: object, negated: bool) -> tuple[str, object]:
    """What a past mention means now: kept, dropped, or read as another field."""
    rule = entry.history
    if rule == "keep":
        return entry.field, value
    if "=" in rule and not negated:
        field, raw = rule.split("=", 1)
        return field, {"true": True, "false": False}.get(raw, raw)
    if rule == "drop" or entry.field in _NOW_ONLY:
        return entry.field, None
    return entry.field, value


def _after_exam(mentions: list[Mention], exams: list[Exam], context: Context) -> list[Mention]:
    """A denied press test names a site, not a complaint; the knob on the outside is no bump."""
    denied = {id(e.clause) for e in exams if e.mention.value is False}
    kept: list[Mention] = []
    for mention in mentions:
        clause = context.clause_at_char(mention.start)
        if mention.field == "location" and id(clause) in denied:
            continue
        if mention.field == "bump_below_kneecap":
            words = [t.norm_ for t in context.doc[clause.start : clause.end]]
            if fibula_site(words) is not None:
                continue
        kept.append(mention)
    return kept


def _which_knee(mentions: list[Mention], context: Context, notes: list[str]) -> list[Mention]:
    """An operation counts only on the knee this story is about, and only once it was done.

    "My right knee was operated on years ago; now it's the left": the side named where
    the operation is told differs from the side named elsewhere, so the painful knee was
    never operated on as far as the text says: unknown, not "no". "the other knee", an
    operation on another body part, or one still to come ("I need an op") do not count.
    """
    # "right one is normal" names no other knee the operation could be on (re-trial 25)
    sides = [m for m in mentions if m.field == "side" and not side_aside(m, context)]
    dropped: set[int] = set()
    for mention in mentions:
        if mention.field not in _SURGERY_FIELDS:
            continue
        clause = context.clause_at_char(mention.start)
        words = set(_TIME_BACK.sub(r"\1 ago", clause.words).split())
        here = [s for s in sides if context.clause_at_char(s.start) is clause]
        told = {s.value for s in here}
        elsewhere = {
            s.value
            for s in sides
            if context.clause_at_char(s.start) is not clause and s.confidence >= 0.9
        }
        why, what = "", "an injection" if mention.field == injection.FIELD else "an operation"
        if words & _NOT_YET:
            why = f"{what} not yet done"
        elif (
            "other" in words
            or _elsewhere(words)
            or _elsewhere(_named_with(mention, context) | injection.given_to(mention, context))
        ):
            # "6 weeks since my hip op and now the knee aches": the part named with it
            why = f"{what} on something else"
        elif told and elsewhere and "both" not in told | elsewhere and not told & elsewhere:
            why = f"{what} on the other knee"
        if why:
            said = context.doc.text[mention.start : mention.end]
            notes.append(f"“{said}” seems to be about {why}, so it was not used.")
            dropped.add(id(mention))
        if strong_elsewhere := {s.value for s in sides if s.confidence >= 0.9} - told:
            # the side an operation is told of yields to the side hurting now
            weak = [s for s in here if s.value not in strong_elsewhere]
            mentions = [_weaker(m) if any(m is w for w in weak) else m for m in mentions]
            sides = [_weaker(s) if any(s is w for w in weak) else s for s in sides]
    if any(m.field == "had_knee_surgery" and id(m) in dropped for m in mentions):
        # the time of an operation that does not count does not count either
        for mention in mentions:
            own = _named_with(mention, context) & _KNEE_WORDS  # "my knee op 5 weeks ago"
            if (
                mention.field == "weeks_since_surgery"
                and not own
                and _same_sentence(mention, [m for m in mentions if id(m) in dropped], context)
            ):
                dropped.add(id(mention))
    return [m for m in mentions if id(m) not in dropped]


def _elsewhere(words: set[str]) -> bool:
    return bool(words & _OTHER_PARTS) and not words & _KNEE_WORDS


def _named_with(mention: Mention, context: Context) -> set[str]:
    """The words of an operation's mention and the two before it ("my hip op")."""
    span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return set()
    words = " ".join(t.norm_.lower() for t in context.doc[max(span.start - 2, 0) : span.end])
    return set(_TIME_BACK.sub(r"\1 ago", words).split())


def _weaker(side: Mention) -> Mention:
    return replace(side, confidence=min(side.confidence, _PAST_SIDE))


def _same_sentence(mention: Mention, others: list[Mention], context: Context) -> bool:
    doc = context.doc
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    bounds = (span.sent.start_char, span.sent.end_char)
    return any(bounds[0] <= other.start < bounds[1] for other in others)


def _number_mentions(doc: Doc, context: Context, notes: list[str]) -> list[Mention]:
    text = Text(doc.text, tuple((s.start_char, s.end_char) for s in doc.sents))
    readers = (ages, body_size, pain_scores, temperatures, distance_onset, durations, surgery,
               morning_stiffness, load_change)  # fmt: skip
    found: list[Mention] = []
    for reader in readers:
        for mention in reader(text):
            if context.about_someone_else(context.clause_at_char(mention.start)):
                continue  # the whole statement is noted once, in its own words
            found.append(form.answered_number(mention, context))  # "Temp over 38? no"
    return found


def _patient_mentions(context: Context) -> list[Mention]:
    patient = context.patient
    if patient.sex is None or patient.sex_span is None:
        return []
    if context.about_someone_else(context.clause_at_char(patient.sex_span[0])):
        return []  # "my dad, 70M," says the dad's sex, not the writer's
    return [Mention("sex", patient.sex, *patient.sex_span, 0.85)]
