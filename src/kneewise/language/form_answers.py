"""A form's question and the answer after it: "Fever? No", "Any swelling in it: yes".

People copy a checklist's questions and answer each one ("Any swelling? yes, since
Sunday", "Redness or warmth? no", "Can you walk 4 steps? barely"). A question mark hedges
a clause, so every finding asked was read as unsure, and the answer after it was lost
(clinical trial 8c); "X: answer" was read only when the finding stood right before the
mark, so "Redness or warmth: no" read red as YES. Here:

- `answered` reads the "?" of a question answered on its line (or alone on the next) as
  ":" (the same length, so every offset and quote of the person's words stays theirs);
- `heading_answer` gives the answer after a heading's mark to every finding in the
  heading, with the characters it covers. "not sure", "maybe", "dunno", "barely" are
  neither yes nor no: asked, never "no". A heading asking "X or Y" is answered whole: a
  "no" denies every part (compound.py then sees each part named); a "yes" says at least
  one part is there, so it is a yes to a question that is itself "X or Y" (one field,
  compound.PARTS); to one naming several signs of a hot joint ("Red/hot? yes", "Swollen
  or warm? yes") it is a yes to one of them, the one the rules read alone (`_HOT_JOINT`),
  the others asked; otherwise every finding it names is asked, never set;
- `own` and `crosses` keep an answer on its line: "Fever: none⏎swollen knee" denied the
  knee, and "Fever: no⏎Injury: yes" read "no ... injury" as no injury;
- a field left blank ("Fever: N/A", "swelling - n.a.", "Any fever? -", or nothing after the
  mark with the next line another field) is unanswered (`Answer.blank`): nothing is read,
  neither yes nor no, and the interview asks ("Fever: N/A" read a fever: emergency).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span

from kneewise.language.bare_answers import LISTING as _LISTING
from kneewise.language.bare_answers import NOT_MEASURED as _NOT_MEASURED
from kneewise.language.bare_answers import bare_answered, told_before
from kneewise.language.compound import PARTS
from kneewise.language.context import NEGATIONS, Context
from kneewise.language.lexicon import Lexicon
from kneewise.language.mention import Mention
from kneewise.language.pipeline import SPAN_KEY
from kneewise.language.scope import Verdict, answer_after

#: After a finding, these put its answer as a form would: "fever: none", "swelling - no".
FORM_MARKS = frozenset({":", "-", "–", "—"})
#: Answers to a form's question, by what they say. Only a question answered with one of
#: these, alone or opening its answer ("yes since Saturday"), is read as "X: answer": any
#: other words after its "?" leave it a question (hedged, so asked), never a finding told.
_ANSWERS: dict[str, Verdict] = {
    **dict.fromkeys(
        ("no", "nope", "nah", "none", "nil", "never", "zero", "not at all", "none at all",
         "no not at all", "no never", "no none", "definitely not", "no thankfully"),
        "denied",
    ),
    **dict.fromkeys(
        ("yes", "yeah", "yep", "yup", "aye", "definitely", "always", "sometimes", "often",
         "a bit", "a little", "slightly", "a lot", "yes definitely", "yes a bit",
         "yes a little", "yes sometimes", "yes always"),
        "affirmed",
    ),
    # neither: asked, never "no" ("not really" may be a little; "barely" walks, or not)
    **dict.fromkeys(
        ("not really", "not sure", "no idea", "not certain", "maybe", "dunno", "idk",
         "unsure", "perhaps", "possibly", "barely", "hardly", "just about", "only just",
         "kind of", "sort of", "don't know", "dont know", "i don't know", "i dont know",
         "not that i know of", "not that i've noticed", "not that ive noticed",
         "i think so", "think so", "don't think so", "dont think so", "i don't think so",
         "i dont think so", "can't tell", "cant tell", "not too sure", "no clue",
         *_NOT_MEASURED),
        "unsaid",
    ),
}  # fmt: skip


def _alternatives(answers: list[str]) -> str:
    return "|".join(
        r"\s+".join(word.replace("'", "['’]?") for word in answer.split())
        for answer in sorted(answers, key=len, reverse=True)
    )


#: A field left unanswered: "n/a", "N/A", "n.a.", "na", "not applicable", a dash.
_BLANK = (
    r"n[ \t]*/[ \t]*a\.?|n\.?[ \t]?a\.?|not[ \t]+applicable|does[ \t]*n[o'’]?t[ \t]+apply"
    r"|[-–—]+|\?+"  # "Fever: ?": the writer does not know; asked (re-trial 27)
)
#: A blank answer ending its field: the line's end, ",", ";" or a sentence's ".".
_BLANK_ANSWER = re.compile(rf"[ \t]*(?:{_BLANK})?[ \t]*(?=[,;\n]|\.(?:\s|$)|$)", re.IGNORECASE)
#: A blank answer to the last field opening a heading on the same line: "n/a, ".
_LAST_BLANK = re.compile(rf"[ \t]*(?:{_BLANK})[ \t]*[,;][ \t]*", re.IGNORECASE)
#: A form's next line is another field: "Swelling: yes", "Any locking?".
_NEXT_FIELD = re.compile(r"[ \t]*\n[ \t]*[^\n:?]{1,60}[:?]")

#: Answers to "Can you take four steps?" (questions.yaml: "needing to hop or be carried
#: means no"): a hop or a carry is no; with help or a stick is asked (the Ottawa rule counts
#: weight moved onto each leg twice, a limp allowed; Stiell 1995). Asked of anything else
#: ("Limping? hopping") they are neither yes nor no (re-trial 10: "Can you walk? hopping").
_WALK_ANSWERS: dict[str, Verdict] = {
    **dict.fromkeys(
        ("hopping", "hop", "hopped", "had to hop", "only hopping", "only by hopping",
         "carried", "had to be carried", "being carried", "crawling", "had to crawl",
         # "Can you walk? not really": the "no" this question's alarm rests on, hedged;
         # read as unable (under-triage is the worse error; re-trial 27). To any other
         # question "not really" stays asked (it may be "a little").
         "not really", "no not really", "not really no"),
        "denied",
    ),
    **dict.fromkeys(
        ("with help", "only with help", "with a stick", "only with a stick", "with support",
         "holding on", "with someone holding me", "leaning on someone", "assisted"),
        "unsaid",
    ),
}  # fmt: skip
#: The fields that question asks.
_WALKING = frozenset({"can_walk_4_steps", "walked_right_after"})

_ANSWER = _alternatives([*_ANSWERS, *_WALK_ANSWERS]) + "|" + _BLANK
#: Answers that may open a longer one ("yes since Saturday", "not sure why"); a "no" may
#: not: "Any fever? no thermometer at home" is no answer, never a fever denied.
_OPENING = _alternatives(
    [answer for answer, said in {**_ANSWERS, **_WALK_ANSWERS}.items() if said != "denied"]
)
#: A question opening a line or sentence, answered after its "?" on the same line, or
#: alone on the next ("Fever?⏎No"), maybe marked as one ("Q: Any fever? A: no"); the
#: answer ends its line or meets punctuation.
_QUESTION = re.compile(
    r"(?:^|(?<=[.;!?:\n]))(?P<q>[ \t]*[^\s.;!?:][^.;!?:\n]{0,80})(?P<marks>\?+)"
    r"(?P<gap>[ \t]*(?:\n[ \t]*)?(?:(?:a|ans|answer)[ \t]*[:.)\-][ \t]*)?)"
    # a bracket may tell more: "Swollen? Yes (within 2 hrs)" (re-trial 10: left a question)
    r"(?=(?:" + _ANSWER + r")[ \t]*(?:[.,;!(\[]|$)|(?:" + _OPENING + r")[ \t]+[\w(\[])",
    re.IGNORECASE | re.MULTILINE,
)
#: Words between a finding and its heading's mark: "Any swelling in the knee: yes".
_HEADING_REACH = 8
#: Fields that say which knee or where, never a finding a heading asks about.
_NAMING = frozenset({"side", "location", "activities"})


#: A question marked "Q:" with no "?", its answer marked "A:" on its line or the next:
#: "Q: Fever A: no", "Q: swollen⏎A: no". The question's words alone read as told ("Fever"
#: read a fever, the "no" on the next line lost: trial 9h), so the space (or line break)
#: before "A:" is read as the "?" a question has; `_QUESTION` then reads the answer.
_MARKED = re.compile(
    r"(?:^|(?<=[\s.;!]))(?P<qm>q[ \t]*[:.)\-][ \t]*)(?P<q>[^\s?][^\n?]{0,80}?)"
    r"(?P<space>[ \t]|\n)(?=[ \t]*(?:\n[ \t]*)?(?:a|ans|answer)[ \t]*[:.)\-])",
    re.IGNORECASE,
)
#: "Q:" after an answer on the same line: "Fever? no Q: swollen? no" (the answer ends there).
_NEXT_Q = re.compile(r"(?<=[^\s.;!?:][ \t])q[ \t]*[:.)\-](?=[ \t]*\S)", re.IGNORECASE)


def _marked(text: str) -> str:
    """`text` with a "Q:" question's end read as "?" and a "Q:" after an answer as a new
    clause (same length; every offset stays the person's)."""
    text = _MARKED.sub(lambda found: found.group("qm") + found.group("q") + "?", text)
    return _NEXT_Q.sub(lambda found: ";" + " " * (len(found.group()) - 1), text)


def answered(text: str) -> str:
    """`text` with the "?" of each question answered after it read as ":" (same length)."""
    text = bare_answered(_marked(text))
    return _QUESTION.sub(
        lambda found: (
            found.group("q")
            + ":" * len(found.group("marks"))
            + " " * len(found.group("gap"))  # "⏎", "A:": the answer's own line or mark
        ),
        text,
    )


@dataclass(frozen=True)
class Answer:
    """A form's answer to the heading a finding stands in."""

    verdict: Verdict
    #: Characters of the heading and its answer: all read for the finding.
    start: int
    end: int
    #: Left unanswered ("Fever: N/A"): nothing is read of it, and the interview asks.
    blank: bool = False
    #: The question's words, when a yes to several hot-joint signs at once is read as this
    #: finding's (`_one_for_all`); empty otherwise.
    for_all: str = ""

    def doubts(self, fixed: bool) -> bool:
        """Neither yes nor no ("fever? dunno"), or a "no" to a phrase whose negation is its
        meaning ("unable to walk? no": not unable, but how well is not told): asked."""
        return self.verdict == "unsaid" or (fixed and self.verdict == "denied")


def heading_answer(span: Span, lexicon: Lexicon, field: str) -> Answer | None:
    """The answer after the mark of the heading `span` (read as `field`) stands in.

    The heading runs from its line's (or sentence's) start to the mark; words between the
    finding and the mark may be listed parts ("numb, pale or cold foot: none") or where
    ("swelling in the knee: yes"), never a negation ("no swelling in it - none at all").
    """
    doc = span.doc
    sent = span.sent
    mark = None
    for i in range(span.end, min(span.end + _HEADING_REACH + 1, sent.end)):
        token = doc[i]
        if token.text in FORM_MARKS:
            mark = i
            break
        if token.norm_ in NEGATIONS or "\n" in token.text:
            return None
        if token.is_punct and token.text not in (",", "/"):
            return None
    if mark is None:
        return None
    first = span.start
    while first > sent.start and not (
        "\n" in doc[first - 1].text
        or doc[first - 1].text in FORM_MARKS
        or doc[first - 1].text[-1] in ".;"
    ):
        first -= 1  # "Swelling: N/A. Fever: yes": the fever's heading is "Fever"
    told = told_before(doc[first:mark])
    if told is not None and span.start < told:
        return None  # "knee swollen and hot, temp?? no idea": only the temperature is asked
    first = told if told is not None else first
    # "Fever: n/a, red knee: yes": the red knee's heading starts after the fever's answer
    before = _LAST_BLANK.match(doc.text, doc[first].idx)
    while before and first < span.start and doc[first].idx < before.end():
        first += 1
    blank = _blank_after(doc.text, doc[mark].idx + 1)
    if blank is not None:
        return Answer("unsaid", doc[first].idx, blank, blank=True)
    verdict = _opening(_answer_words(span, mark), field) or answer_after(
        doc, doc[span.start : mark]
    )
    if verdict is None:
        return None
    chosen = False
    if verdict == "affirmed" and _several_asked(doc[first:mark], lexicon, field):
        # "Redness or warmth? yes": at least one is there; the hot-joint sign the rules
        # read alone is read yes, the others asked (`_one_for_all`)
        chosen = _one_for_all(doc[first:mark], lexicon) == field
        verdict = "affirmed" if chosen else "unsaid"
    end = mark + 1
    while end < sent.end and not doc[end].is_punct and "\n" not in doc[end].text:
        end += 1  # the answer ends its line: "Fever: no⏎Swelling: yes"
    asked = doc.text[doc[first].idx : doc[mark].idx].strip() if chosen else ""
    return Answer(verdict, doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text), for_all=asked)


def _blank_after(text: str, at: int) -> int | None:
    """Where a blank answer starting at `at` ends, or None when something is answered.

    "N/A", "n.a.", "not applicable" or a dash is no answer; nothing at all is none only
    when the next line is another field or the text ends ("Fever:⏎Swelling: yes"), since
    an answer may be written on the line below its heading.
    """
    found = _BLANK_ANSWER.match(text, at)
    if found is None:
        return None
    end = found.end()
    if found.group().strip():
        return end
    rest = text[end:]
    if not rest.strip() or _NEXT_FIELD.match(rest):
        return end
    return None


def _answer_words(span: Span, mark: int) -> str:
    """The answer's words after the mark, up to punctuation or the line's end."""
    doc, end = span.doc, span.sent.end
    i = mark
    while i < end and doc[i].text in FORM_MARKS:
        i += 1
    first = i
    while i < end and not doc[i].is_punct and "\n" not in doc[i].text:
        i += 1
    return " ".join(doc[first:i].text.lower().replace("’", "'").split())


def _opening(words: str, field: str = "") -> Verdict | None:
    """What an answer opens with: "yes since Saturday", "not sure why" (the longest answer
    its first words make; the words after it tell more, read on their own). A "no" is a
    no only on its own: "no thermometer at home" denies nothing. "hopping" is a no only
    to the four-steps question; to any other it is neither."""
    said = words.split()
    for size in range(min(len(said), 5), 0, -1):
        first = " ".join(said[:size])
        verdict = _ANSWERS.get(first)
        if first in _WALK_ANSWERS and (field in _WALKING or verdict is None):
            verdict = _WALK_ANSWERS[first] if field in _WALKING else "unsaid"
        if verdict is not None:
            return None if verdict == "denied" and size < len(said) else verdict
    return None


def _several_asked(heading: Span, lexicon: Lexicon, field: str) -> bool:
    """A heading asking "X or Y" of more than `field`'s own "X or Y" question.

    "Redness or warmth? yes" may be either: each is asked. "Pain in the hip or groin, or
    limping? yes" is one question (compound.PARTS) whose every word is its own, so it is a
    yes to it; "limping" read as walking too is asked, the yes may be the hip alone.
    """
    if not any(t.norm_ in _LISTING for t in heading):
        return False
    if field not in PARTS:
        return True
    found = [
        (span, lexicon.entries[span.label_].field)
        for span in heading.doc.spans[SPAN_KEY]
        if heading.start <= span.start and span.end <= heading.end
    ]
    own = [span for span, named in found if named == field]
    return not all(
        any(span.start < mine.end and mine.start < span.end for mine in own)
        for span, named in found
        if not named.startswith("_") and named not in _NAMING
    )


#: The signs of a hot joint, in the order a yes to several of them at once is read. The
#: rules read "swollen, warm or red" as one sign with a fever or confusion (any one fires
#: infected_joint_with_fever), and two of them as a hot knee, so a yes to "red or hot"
#: says the sign is there but not that both are: one is read yes, the others asked.
#: Red first: after an operation it fires alone (after_surgery_hot_or_red, urgent); then
#: swollen, which only see-a-doctor rules read alone; warm no rule reads alone. So the yes
#: is never lost, and no two signs are claimed where one was told.
_HOT_JOINT = ("red", "swollen", "swelling", "warm")


def _one_for_all(heading: Span, lexicon: Lexicon) -> str | None:
    """The field a yes to a heading naming several hot-joint signs is read as, or None
    when the heading names anything else (then every part is asked)."""
    named = {
        lexicon.entries[span.label_].field
        for span in heading.doc.spans[SPAN_KEY]
        if heading.start <= span.start and span.end <= heading.end
    } - _NAMING
    named = {name for name in named if not name.startswith("_")}
    if not named or not named <= set(_HOT_JOINT):
        return None
    return next(name for name in _HOT_JOINT if name in named)


def answered_number(mention: Mention, context: Context) -> Mention:
    """A yes-or-no read from a number, with the answer a heading gives it.

    "Temperature over 38? nope": the number asked of is no fever; "not sure": asked.
    """
    if not isinstance(mention.value, bool):
        return mention
    span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    form = None if span is None else heading_answer(span, context.lexicon, mention.field)
    if form is None:
        return mention
    start, end = min(mention.start, form.start), max(mention.end, form.end)
    if form.blank:  # "Temp over 38? n/a": unanswered, so asked (the heading's words note it)
        return replace(mention, field="_used", value=None, start=start, end=end)
    if form.verdict == "denied":
        return replace(mention, value=not mention.value, start=start, end=end, negated=True)
    unsure = form.verdict == "unsaid"
    return replace(mention, start=start, end=end, unsure=mention.unsure or unsure)


def crosses(span: Span) -> bool:
    """A phrase running from one form line's answer into the next line's question.

    "Fever: no⏎Injury: yes" holds "no ... injury", but that "no" answered the fever: a
    phrase read across the break would say no injury was had (trial 8c).
    """
    doc = span.doc
    for token in span:
        if "\n" not in token.text:
            continue
        line = token.i
        while line > 0 and "\n" not in doc[line - 1].text:
            line -= 1
        if any(t.text in FORM_MARKS for t in doc[line : token.i]):
            return True
    return False


def own(span: Span) -> bool:
    """Whether a negation negex found for `span` can be its own: not when the finding is on
    the line after a form's answer and its own line has none.

    "Fever: none⏎swollen knee": the "none" answered the fever; read on as a negation it
    denied the swollen knee (trial 8c). A negation on the finding's own line still counts.
    """
    doc = span.doc
    line = span.start
    while line > span.sent.start and "\n" not in doc[line - 1].text:
        line -= 1
    if line <= span.sent.start or any(t.norm_ in NEGATIONS for t in doc[line : span.start]):
        return True
    above = line - 1
    while above > span.sent.start and "\n" not in doc[above - 1].text:
        above -= 1
    return not any(t.text in FORM_MARKS for t in doc[above : line - 1])
