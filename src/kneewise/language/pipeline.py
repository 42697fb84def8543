"""The spaCy pipeline: a blank English tokenizer, word fixes, the finding matcher and negex."""

from __future__ import annotations

from functools import cache
from typing import Any

import negspacy.negation  # noqa: F401  (registers the "negex" factory)
import spacy
from negspacy.termsets import termset
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kneewise.language.form_fields import split_fields  # noqa: F401  (registers kneewise_fields)
from kneewise.language.lexicon import load_lexicon
from kneewise.language.near_names import near_name
from kneewise.language.pointed import pointed_places  # noqa: F401  (registers kneewise_pointed)
from kneewise.language.walk_words import cant_parts, walk_word

SPAN_KEY = "findings"

# Everyday negations on top of negspacy's clinical list. "n't" and "nt" are how the
# tokenizer splits "didn't", "isnt", "can't"; a bare "not" is already there.
_PRECEDING = ["n't", "nt", "nor", "neither", "none", "zero", "nothing like", "no real",
    "no obvious", "haven't noticed", "hasnt", "havent", "didnt", "no sign", "no signs",
    "nope", "nil", "free from", "not any", "not much", "nothing", "no more", "no longer",
    "stopped taking", "quit taking", "stopped using", "came off", "come off",
    "been off", "does'nt", "dosen't", "doesen't", "dosent", "dosnt", "doesent", "doesnot",
    "did'nt", "is'nt", "has'nt"]  # fmt: skip
_FOLLOWING = ["not really", "none", "nope", "gone now", "has gone", "have gone", "went down"]
# Hedges and phrases that contain "no"/"not" without denying anything.
_PSEUDO = ["not sure", "not certain", "not too sure", "not really sure", "no idea", "not just",
    "no reason", "no apparent reason", "no clue", "n't stopped", "not stopped", "n't gone down",
    "n't gone away", "not gone", "not going away", "n't go down", "n't get better", "not improving",
    "n't improved", "not getting better", "no better", "can't tell", "cant tell", "no injury",
    "no specific injury", "no trauma", "not even", "nothing happened", "not 100", "n't stop",
    "don't trust", "dont trust", "can't trust", "cant trust", "n't trust", "no matter",
    "n't remember", "not quite", "n't only", "nt only", "n't just", "nt just", "never only",
    "didn't do anything", "n't do anything", "not only",
    # doing it unawares denies nothing: "peed myself without realising" is incontinence
    # (re-trial 30: its "without" denied the numbness told after it)
    "without realising", "without realizing", "without noticing", "without knowing",
    "without meaning", "without feeling",
    # disbelief denies nothing: "still can't believe I fell" (re-trial 28)
    "can't believe", "cant believe", "n't believe", "can not believe", "cannot believe",
    "can't do", "cant do", "can't even", "cant even", "can't manage", "cant manage", "can't go",
    "cant go", "can't climb", "cant climb", "can't get up", "cant get up",
    # "came off" denies a medicine ("came off steroids"), but "came off my bike" is a fall;
    # "went down" denies a swelling, but "heard a pop and went down" is a fall.
    "came off my", "came off the", "came off a", "came off an", "came off his", "came off her",
    "came off our", "came off their", "came off of", "come off my", "come off the",
    "come off a", "come off an", "and went down", ", went down", "i went down",
    "then went down", "and i went down", "he went down", "she went down",
    # "has gone" ends a swelling ("the swelling has gone"), but a foot that "has gone cold"
    # has become cold: a sign told, and nothing before it is denied (re-trial 6e)
    *(f"{have} gone{all_} {sign}" for have in ("has", "have", "had", "'s", "s")
      for all_ in ("", " all", " a bit", " really", " very") for sign in (
        "cold", "pale", "white", "blue", "grey", "gray", "purple", "numb", "dead", "red",
        "hot", "warm", "stiff", "puffy", "swollen", "tight", "weak", "tingly", "funny",
        "wobbly", "black", "mottled"))]  # fmt: skip
# a child "off her legs" will not walk: no negation of what follows ("has been off her legs
# and feels hot" denied the fever sign; re-trial 31)
_PSEUDO += [f"{been}off {whose} {legs}" for been in ("", "been ") for whose in ("her", "his",
    "their", "my", "the") for legs in ("legs", "feet")]  # fmt: skip
# "can't stop limping", "won't stop swelling", "never stops throbbing": the thing goes on,
# told, never denied (round 19i: "he cant stop limping and has a temp" read no limp). The
# whole "can't" must be the pseudo-negation, as negex's own "can't" starts before "n't stop".
_PSEUDO += [f"{neg} {stop}" for neg in ("can't", "cant", "cannot", "can not", "couldn't",
    "couldnt", "could not", "won't", "wont", "will not", "doesn't", "doesnt", "does not",
    "didn't", "didnt", "did not", "never", "nt", "not") for stop in ("stop", "stops",
    "stopped")]  # fmt: skip
# "a gap above the kneecap that wasn't there before": told new, so there now. Only with a
# time it was absent at ("before", "yesterday", "last week"): "it wasn't there" alone may be
# an absence looked for.
_PSEUDO += [f"{was} there {when}" for was in ("wasn't", "wasnt", "was not", "weren't",
    "werent", "were not", "never used to be", "didn't use to be", "didn't used to be",
    "not") for when in ("before", "yesterday", "last", "earlier", "until", "till", "this",
    "a", "two", "three", "at")]  # fmt: skip
_PSEUDO += [f"which {it} {was} before" for it in ("it", "they") for was in ("wasn't",
    "wasnt", "never was", "weren't", "never were")]  # fmt: skip
# A negation does not reach past these ("no fever, it's swollen").
_TERMINATION = [", it", ", its", ", my", ", the", ", i", ", he", ", she", ", but", ", and",
    ", now", ", just", ", only", ", though", ", knee", ", his", ", her", ", their", ", our",
    ", we", ", they", "and it", "and my", "and the", "and i",
    "and he", "and she", "and now", "and its", "so", "because", "cause", "then", "now", "until",
    "after", "when", "which", "since", ";", "-", "–", "—", ":", "though", "apart from",
    # what follows is when it is so: "doesn't hurt unless it catches" (trial 8d)
    "unless", "except"]  # fmt: skip


def negation_termset() -> dict[str, list[str]]:
    """negspacy's clinical English termset widened for everyday writing."""
    clinical = termset("en_clinical")  # type: ignore[no-untyped-call]
    terms: dict[str, list[str]] = clinical.get_patterns()  # type: ignore[no-untyped-call]
    return {
        "pseudo_negations": [*terms["pseudo_negations"], *_PSEUDO],
        "preceding_negations": [*terms["preceding_negations"], *_PRECEDING],
        "following_negations": [*terms["following_negations"], *_FOLLOWING],
        "termination": [*terms["termination"], *_TERMINATION],
    }


@Language.component("kneewise_words")
def fix_words(doc: Doc) -> Doc:
    """Join split words ("knee cap") and set each token's norm, typos fixed."""
    lexicon = load_lexicon()
    found = [Span(doc, s, e, label=m) for m, s, e in _merger(doc.vocab)(doc)]
    with doc.retokenize() as retokenizer:
        for span in filter_spans(found):
            retokenizer.merge(span, attrs={"NORM": span.label_})
    _split_cants(doc)
    for token in doc:
        fixed = lexicon.typos.get(token.lower_)
        if fixed is None and token.is_lower:  # "swollen and reed", never "my coach Reed"
            fixed = lexicon.typos_lowercase.get(token.text)
        if fixed is None and (token.is_lower or token.is_title):  # "predisone", "replacment"
            fixed = near_name(token.text) or walk_word(doc, token.i)  # "cnt wlak", "walke"
        if fixed is not None:
            token.norm_ = fixed
    _join_hyphens(doc)
    return doc


def _split_cants(doc: Doc) -> None:
    """A "can't" misspelt by a letter ("cnt", "canot", "carnt", "cudnt") cut as the
    tokenizer cuts "cant" ("ca" + "nt"), so negex and the lexicon read its denial (round 19a;
    walk_words.py)."""
    cuts = [(token, parts) for token in doc if (parts := cant_parts(token.text)) is not None]
    with doc.retokenize() as retokenizer:
        for token, (first, tail, means) in cuts:
            retokenizer.split(
                token, [first, tail], heads=[(token, 1), (token, 1)],
                attrs={"NORM": [means, "not"]},
            )  # fmt: skip


def _join_hyphens(doc: Doc) -> None:
    """A hyphen inside a word ("non-weight-bearing", "left-sided", "c-section", "x-ray",
    "re-injured", "hot-water bottle") is no break between two statements: it joins the
    word after it, whose norm it keeps, so the phrase reads as the same words with spaces
    (round 15c: "non-weight-bearing since the fall" read no weight borne and "left-sided"
    no side; the lone "-" ended the clause and the negation). A dash with a space either
    side, or before a number or a form's answer ("Fever-no"), is left as it was."""
    joins = [
        doc[i : i + 2]
        for i in range(1, len(doc) - 1)
        if doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i - 1].text[-1:].isalpha()
        and doc[i + 1].text[:1].isalpha()
        and doc[i + 1].lower_ not in _FORM_ANSWERS | _NOT_ALONE
    ]
    with doc.retokenize() as retokenizer:
        for span in joins:
            retokenizer.merge(span, attrs={"NORM": span[1].norm_})


#: A word that, joined, would be read alone as something else: "the left-hand side" is
#: no hand (other_joints).
_NOT_ALONE = frozenset({"hand", "handed", "hander", "hands"})
#: A form's answer after a hyphen ("Swelling-yes"): a field and its answer, never one word.
_FORM_ANSWERS = frozenset({"yes", "no", "none", "nil", "y", "n", "yeah", "nope", "unsure"})


@cache
def _merger(vocab: object) -> PhraseMatcher:
    nlp = spacy.blank("en")
    matcher = PhraseMatcher(vocab, attr="LOWER")  # type: ignore[arg-type]
    for norm, phrases in load_lexicon().merges.items():
        matcher.add(norm, [nlp.make_doc(p) for p in phrases])
    return matcher


@cache
def _matcher(vocab: object) -> Matcher:
    matcher = Matcher(vocab)  # type: ignore[arg-type]
    for key, patterns in load_lexicon().patterns.items():
        matcher.add(key, patterns, greedy="LONGEST")
    return matcher


@Language.component("kneewise_findings")
def find_findings(doc: Doc) -> Doc:
    """Every lexicon phrase in the text, as spans labelled with their lexicon entry."""
    matches = _matcher(doc.vocab)(doc)
    by_key: dict[str, list[Span]] = {}
    for match_id, start, end in matches:
        key = doc.vocab.strings[match_id]
        by_key.setdefault(key, []).append(Span(doc, start, end, label=key))
    spans = [span for group in by_key.values() for span in filter_spans(group)]
    doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: (s.start, -s.end))
    return doc


@cache
def build_pipeline() -> Language:
    """The parser's spaCy pipeline, built once (no model download)."""
    nlp = spacy.blank("en")
    # spaCy keeps the full stop of "35M." as an abbreviation's ("Dr."): split it off, so
    # the sentence ends there and "35M. my dad had gout" is two statements.
    tokenizer: Any = nlp.tokenizer  # spacy.blank's rule-based Tokenizer (Cython, no stubs)
    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=\d[A-Za-z])\.$"]
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    # "yes|Temp: 38.6": a form's fields split by a bare "|" are two words (form_fields.py)
    infixes = [*(nlp.Defaults.infixes or ()), r"\|"]
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    # ... and ends an answer as a comma would ("Injury: none | Swelling: yes"), a tab too
    for mark in ("|", "||", "\t", "\t\t"):
        nlp.vocab[mark].is_punct = True
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kneewise_words")
    nlp.add_pipe("kneewise_fields")  # "Swelling: yes | Temp: 38.6": a statement each
    nlp.add_pipe("kneewise_pointed")  # "a lump just below it": the knee told before
    nlp.add_pipe("kneewise_findings")
    nlp.add_pipe(
        "negex",
        config={
            "neg_termset": negation_termset(),
            "span_keys": [SPAN_KEY],
            # Whole words only: negex tests the span's text with startswith, and a bare
            # "no" would deny "nordimet" or "noac".
            "chunk_prefix": ["no ", "non ", "not ", "without "],
        },
    )
    return nlp
