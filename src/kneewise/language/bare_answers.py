"""Form answers told loosely: a bare answer after its heading, a temperature not measured,
a statement before a heading's last comma (re-trial 27; form_answers.py reads the rest).

- `bare_answered` reads "fever no", "swelling yes", "temp not sure" (a short heading at a
  clause's start, its answer ending the clause, no mark) as "fever:no" (same length, so
  every offset stays the person's): "knee swollen and hot, fever no" read a fever;
- `NOT_MEASURED` are answers that say nothing was measured ("not checked", "no
  thermometer"): neither yes nor no, so asked;
- `told_before` keeps a don't-know with its own heading: "knee swollen and hot, temp??
  no idea" asked the swelling and the heat too.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

#: Joins inside a heading that lists what it asks: "Redness or warmth", "numb/cold".
LISTING = frozenset({"or", "nor", "/"})

#: Not looked at: "Temp: not checked", "Fever: not taken", "no thermometer". Nothing was
#: measured, so neither yes nor no: asked (re-trial 27: each read the heading as a fever).
NOT_MEASURED = (
    *(f"{did} {done}{it}" for did in ("not", "not been", "haven't", "havent", "have not",
      "didn't", "didnt", "did not", "never", "wasn't", "wasnt", "not yet")
      for done in ("checked", "check", "taken", "take", "measured", "measure", "tested",
                   "test", "done", "looked")
      for it in ("", " it")),
    "no thermometer", "no thermometer at home", "don't have a thermometer",
    "dont have a thermometer", "haven't got a thermometer", "havent got a thermometer",
    "no way to check", "no way of checking", "unknown", "unchecked", "untested",
)  # fmt: skip

#: A short heading answered after it with no mark, ending its clause: "fever no",
#: "swelling yes", "temp not sure" (re-trial 27: "hot, fever no" read a fever). One to
#: three words after a clause's start; the answer is one the form reads alone.
_BARE = re.compile(
    r"(?:^|(?<=[,;.\n]))(?P<h>[ \t]*(?:[a-z][\w'’]*[ \t]+){0,2}[a-z][\w'’]*)(?P<sp>[ \t]+)"
    r"(?=(?:no|nope|nah|none|nil|yes|yeah|yep|not\s+sure|no\s+idea|dunno|unsure)"
    r"[ \t]*(?:[,;.!\n]|$))",
    re.IGNORECASE | re.MULTILINE,
)
#: Words that make the words before a bare answer something other than a heading.
_NOT_HEADING = frozenset({"no", "not", "never", "and", "but", "or", "if", "said", "say",
    "says", "answer", "answered", "is", "was", "it", "i", "that", "to", "the", "a"})  # fmt: skip


def _bare(found: re.Match[str]) -> str:
    words = {w.lower().replace("’", "'") for w in found.group("h").split()}
    if words & _NOT_HEADING or any(w.endswith(("n't", "nt")) for w in words):
        return found.group()
    return found.group("h") + ":" + found.group("sp")[1:]


def bare_answered(text: str) -> str:
    """`text` with each bare answer's heading marked as a form's (same length)."""
    return _BARE.sub(_bare, text)


#: Words that make the stretch before a heading's last comma a statement, not a list's
#: first items: "knee swollen and hot, fever no" (re-trial 27).
_TELLING = frozenset({"and", "but", "it", "its", "it's", "is", "was", "knee", "my", "i",
    "really", "very", "so", "got", "gone", "went", "been"})  # fmt: skip


def told_before(heading: Span) -> int | None:
    """Where a heading's question starts when a statement stands before its last comma.

    "knee swollen and hot, temperature?? no idea" asks only the temperature: the swelling
    and the heat were told, and the don't-know spread to them (re-trial 27). A list
    ("Redness, warmth or swelling: no", "numb, pale or cold foot") stays one heading.
    """
    commas = [t.i for t in heading if t.text == ","]
    if not commas:
        return None
    last = commas[-1]
    after = heading.doc[last + 1 : heading.end]
    before = heading.doc[heading.start : last]
    if any(t.norm_ in LISTING or t.text == "/" for t in after):
        return None
    if not any(t.lower_ in _TELLING or t.norm_ in _TELLING for t in before):
        return None
    return last + 1
