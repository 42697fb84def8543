"""parse(text): a knee story in everyday words → intake fields with spans and confidence."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from kneewise.knowledge.compiled import compiled
from kneewise.knowledge.model import KnowledgeBase
from kneewise.language import form_answers as form
from kneewise.language import injection
from kneewise.language.ages import ages
from kneewise.language.bend import bent_to
from kneewise.language.blow_elsewhere import blow_elsewhere
from kneewise.language.body_warmth import whole_body_warmth
from kneewise.language.bodypart import attribute, sited_elsewhere
from kneewise.language.burning import burning_in_the_leg
from kneewise.language.calf_signs import calf_signs
from kneewise.language.compare import denied_comparison, not_compared
from kneewise.language.compound import whole_denials
from kneewise.language.context import Context
from kneewise.language.crepitus import surfaces_not_crepitus
from kneewise.language.ellipsis import now_it_is, writer_denials
from kneewise.language.exam import Exam, exam_mentions, fibula_site
from kneewise.language.falls import after_a_fall
from kneewise.language.fever import measured_normal
from kneewise.language.fever_gone import fever_over
from kneewise.language.foot_signs import usual_cold_foot
from kneewise.language.given_up import acting_note, given_up, off_a_medicine, still_acting
from kneewise.language.groups import age_group
from kneewise.language.headings import unheaded
from kneewise.language.knee_back import knee_out_and_back
from kneewise.language.kneecap import kneecap_out_and_back
from kneewise.language.leaning import leaning_denials
from kneewise.language.legs import one_leg
from kneewise.language.lexicon import Entry, Lexicon, load_lexicon
from kneewise.language.longstanding import lasting_severe_pain, usual_confusion
from kneewise.language.mention import Mention
from kneewise.language.model import ParsedIntake
from kneewise.language.moved_leg import leg_moved
from kneewise.language.numbers import (
    Text,
    body_size,
    distance_onset,
    pain_scores,
    temperatures,
)
from kneewise.language.operated import PAST_SIDE, which_knee
from kneewise.language.other_knee import other_knee_skin
from kneewise.language.other_times import other_times
from kneewise.language.painless import leaning_no_pain, painless
from kneewise.language.person import find_patient
from kneewise.language.pipeline import SPAN_KEY, build_pipeline
from kneewise.language.post_op import surgery, vague_time
from kneewise.language.rash import rash_words
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
from kneewise.language.still_leg import leg_not_used, young_only
from kneewise.language.still_out import still_out
from kneewise.language.swelling import swelling
from kneewise.language.times import durations, load_change
from kneewise.language.told_long_ago import told_long_ago
from kneewise.language.unmeasured import guessed_unmeasured
from kneewise.language.unused import (
    about_someone_else,
    rough_ages,
    suppressed,
    unaged_child,
    unparsed,
)
from kneewise.language.weight_borne import weight_borne_hardly
from kneewise.language.young_words import young_words

#: Longer texts are cut: a story, not a book (keeps parsing fast and bounded).
MAX_CHARS = 5000
#: Past mentions of these describe then, not now ("had a fever last year").
_NOW_ONLY = CURRENT_SIGNS | {
    "onset", "mechanism", "pop", "swelling", "locking", "days_since_session",
}  # fmt: skip
#: Pain at a time that can be told over ("not anymore"): then it is "no" now.
_OVER_TIMES = frozenset({"night_pain", "pain_at_rest"})


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
    context = Context(doc, lexicon, find_patient(with_digits(text)[0], lexicon), text)
    notes: list[str] = []
    mentions = not_compared(list(_word_mentions(doc, context, lexicon, notes)), context)
    mentions = calf_signs(sited_elsewhere(attribute(mentions, doc), doc), doc)  # "shin's", "calf's"
    mentions = swelling(mentions, context, notes)
    exams = list(exam_mentions(context))
    mentions = _after_exam(mentions, exams, context) + [e.mention for e in exams]
    mentions += not_compared(_number_mentions(doc, context, notes), context)
    mentions = injection.headed(mentions, context)  # "Recent injection: yes": the needle question
    mentions = which_knee(mentions, context, notes)
    notes += vague_time(mentions, context)  # "had a knee op recently": the weeks asked
    mentions = other_knee_skin(mentions, context, notes)  # "the right one has a cut": not this
    mentions = injection.long_ago(mentions, context, notes)  # "a cortisone jab 6 months ago": asked
    # "a temp last month", "flew last year"; "temps since yesterday": the fever's time
    mentions = told_long_ago(other_times(mentions, context), context, notes)
    mentions += _patient_mentions(context)
    mentions += young_words(context, mentions)  # "my toddler": 16 or under, no age told
    mentions += age_group(context, mentions)  # "one of my under 12s": 16 or under, no age
    mentions += writer_denials(context)  # "my brother's knee locks but mine doesn't"
    mentions = now_it_is(mentions, context)  # "wasn't swollen before the trip, but now it is"
    mentions += joints_in_a_list(context, mentions)  # "stiff in the mornings, knees and wrists"
    mentions = weight_borne_hardly(mentions, context, notes)  # "can hardly stand on it": asked
    mentions = bent_to(mentions, context)  # "can only bend it to 45": no right angle
    mentions = one_leg(mentions, context, notes)  # "both calves puffy", "hips are fine": not asked
    mentions = young_only(mentions, context)  # "I won't crawl under the house": an adult's
    mentions = leg_not_used(mentions, context)  # "kicks the left but not the right": a limp, right
    mentions = leg_moved(mentions, context)  # "cries when we move her leg": pain on being moved
    mentions = whole_body_warmth(mentions, context, notes)  # "baby (7 wks) is warm": a fever sign
    mentions = painless(
        context, mentions, notes
    )  # "clicks, doesn't hurt at all": no pain, no catch
    mentions = leaning_no_pain(context, mentions, notes)  # "no pain really": asked, not 0
    mentions = kneecap_out_and_back(mentions, context)  # "it popped back": it was out
    mentions = still_out(mentions, context)  # "it hasn't gone back in": out of place now
    mentions = knee_out_and_back(mentions, context)  # "bent the wrong way, back into place"
    mentions = after_a_fall(mentions, context, notes)  # "fell, can't get up": no four steps
    mentions = surfaces_not_crepitus(mentions, context)  # "ran on gravel": the ground's crunch
    # "took my temp and it's normal", "the fever broke yesterday": no fever now
    mentions = fever_over(measured_normal(mentions, context), context, notes)
    mentions = guessed_unmeasured(mentions, context, notes)  # "think i had a temp, didnt check"
    mentions = rash_words(mentions, context, notes)  # "a pink rash", "not sure if it fades"
    mentions = usual_confusion(mentions, context)  # "always muddled with her dementia": not new
    mentions = lasting_severe_pain(mentions, context)  # "agony for months": not an injury
    mentions = usual_cold_foot(mentions, context, notes)  # "feet always cold", "cold feet about"
    mentions = burning_in_the_leg(mentions, context)  # "calf swelling, burning pain"
    mentions = whole_denials(mentions, context, notes)  # "not his hip": no "no" to hip or limp
    alarming = compiled(knowledge).alarming_answers
    mentions = leaning_denials(mentions, context, notes, alarming)  # "temp normal i think"
    fields = resolve(mentions, text, alarming)
    fever = fields.get("fever")
    denied = any(m.field == "fever" and m.value is False and m.negated for m in mentions)
    if fever is not None and fever.unsure and denied:
        notes.append(_FEVER_BOTH_WAYS.format(said=fever.text))  # "no temp but shivery"
    if "mechanism" in fields:  # "twisted it, didn't bang it": how it started is answered
        notes = [note for note in notes if not _is_not_that_way(note)]
    others = [text[start:end] for start, end in context.statements_about_others()]
    notes += [about_someone_else(said, context.patient) for said in others]
    notes += rough_ages(context) + unaged_child(context, aged="age" in fields)
    if context.patient.kind == "other" and context.patient.noun and fields:
        # "my friend's knee is swollen, mine is fine": the answers are the friend's; say so,
        # or they read as the writer's own (re-trial 23:15)
        notes.insert(
            0, _READ_AS_THEIRS.format(whose=context.patient.whose, who=context.patient.noun)
        )
    return ParsedIntake(text=text, fields=fields, notes=notes, unparsed=unparsed(context, mentions),
                        someone_else=context.patient.kind == "other")  # fmt: skip


def _is_not_that_way(note: str) -> bool:
    return note.endswith(_NOT_THAT_WAY.split("”", 1)[1])


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
        if entry.field == "mechanism" and entry.value == "direct_blow" and blow_elsewhere(span):
            continue  # "not sure if he hit his head": the head's knock, not the knee's
        if not entry.key.startswith("drug:") and off_a_medicine(span, spans):
            continue  # "they took me off rivaroxaban": no carrying off
        mention = _read(span, entry, context, notes)
        if mention is not None:
            yield mention


#: How an injury can happen to someone, and who "he", "she" or "they" are when it did.
_MISHAPS = frozenset({"fall", "landing", "twist", "hyperextension"})
#: ... or "him", "her", "them" a verb of seeing names first: "I saw him fall" (round 13e)
_THIRD = frozenset({"he", "she", "they", "he'd", "she'd", "they'd", "hed", "shed", "him", "her",
    "them"})  # fmt: skip
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


#: Said of a symptom denied only at a time or with a trigger, or only in part.
_RESTRICTED = (
    "“{said}” says only when it does not happen, not whether it ever does, so kneewise will"
    " ask about it."
)
_GRADED = "“{said}” tells how much rather than yes or no, so kneewise will ask about it."
_NOT_THAT_WAY = (
    "“{said}” says how it did not happen, not whether it was hurt another way, so kneewise"
    " will ask how it started."
)
_FOR_ALL = (
    "A yes to “{said}” says at least one of these is so: kneewise read “{word}” as yes and"
    " will ask about the others."
)
_FEVER_BOTH_WAYS = (
    "“{said}” may be a high temperature, but a temperature was also said to be absent,"
    " so kneewise will ask about a fever."
)
# Notes are shown to the person (terminal, web, API): plain words, never a field name.
_UNANSWERED = "“{words}” gives no answer, so kneewise will ask."
_STILL_ACTING = (
    "“{said}”: a medicine that weakens the immune system can go on doing so for months"
    " after it is stopped, so kneewise will ask about it."
)
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
    # "came off the blood thinners": a medicine given up; "haven't stopped it": taken
    if (stopped := given_up(span, entry)) is not None:
        said = context.doc[clause.start : clause.end].text.strip(" ,.;")
        if stopped and still_acting(entry):  # "came off my methotrexate": asked, never "no"
            if (note := _STILL_ACTING.format(said=said)) not in notes:
                notes.append(note)
            return Mention("_used", None, span.start_char, span.end_char, 0.0)
        if stopped and (acting := acting_note(span, entry, said)):  # "stopped it yesterday"
            notes.append(acting)
            stopped = False  # a blood thinner stopped in the last few days still acts
        negated = stopped
    answer = form.heading_answer(span, context.lexicon, entry.field)
    if answer is not None and answer.blank:  # "Fever: N/A": unanswered, so asked (never "no")
        said = context.said[answer.start : answer.end].strip()
        if (note := _UNANSWERED.format(words=said)) not in notes:
            notes.append(note)
        return Mention("_used", None, answer.start, answer.end, 0.0)  # quoted, never listed
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
    if negated and entry.field in TIMED_SYMPTOMS:
        # "doesn't give way on stairs", "not much swelling": unknown, never "no"; the
        # words are listed back, as a trigger's activity read beside them ("no swelling
        # after cycling": the cycling) would hide them from the words not used
        why = _RESTRICTED if restricted_denial(span, context) else None
        why = why or (_GRADED if graded_denial(span, context) else None)
        if why is not None:
            said = context.doc[clause.start : clause.end].text.strip(" ,.;")
            if (note := why.format(said=said)) not in notes:  # "doesn't lock or catch when"
                notes.append(note)
            return None
    if context.past(clause, span.start) and over is None:
        field, value = _history(entry, value, negated)
    if value is None:
        if negated and entry.field == "mechanism":
            # "didn't bang it", "never knocked it": that way denied, not every injury, and the
            # answer is one injury or none: asked, with the words read back (re-trial 6e)
            said = context.doc[clause.start : clause.end].text.strip(" ,.;")
            if (note := _NOT_THAT_WAY.format(said=said)) not in notes:
                notes.append(note)
        return None
    confidence = entry.confidence
    if field == "side" and context.past(clause):
        confidence = min(confidence, PAST_SIDE)  # "the right was operated on years ago"
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
        if answer.for_all:  # "Red/hot? yes": one sign read yes, the others asked
            notes.append(_FOR_ALL.format(said=answer.for_all, word=span.text))
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
