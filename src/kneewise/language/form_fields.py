"""A form's fields written on one line, each its own statement.

App exports and copied checklists put several "Label: value" fields on a line, split by
"|", ",", ";", "/" or a tab ("Swelling: yes | Temp: 38.6 | Injury: none"). Read as one
sentence, the "none" of the last field was a negation reaching back over the temperature
(negspacy's following "none"), so a typed 38.6 was cancelled and the swollen, feverish
knee read as self care (re-trial 29). The same fields split by full stops read right, so
here each field starts its own sentence, as a full stop would make it:

- after "|" or a tab, always: neither is a word of prose;
- after ",", ";" or a spaced "/", or at a new line, when a "Label:" follows and a field's
  ":" stands earlier on the line, or after "," or ";" right after a number (a value typed
  without its ":", "Temp 38.4, Walking: no"), so prose lists ("swollen, hot, no injury")
  and a heading naming several signs ("Red/hot: yes") stay one statement.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

#: Always a boundary between fields.
_ALWAYS = frozenset({"|", "||"})
#: A boundary only between two "Label: value" fields.
_BETWEEN = frozenset({",", ";", "/"})
#: Words a field's label may have: "Able to walk", "Any injury", "Pain score".
_LABEL_WORDS = 6


@Language.component("kneewise_fields")
def split_fields(doc: Doc) -> Doc:
    """Each "Label: value" field on a line made its own sentence (see module docstring)."""
    for token in doc[1:]:
        if token.is_sent_start:
            continue
        before = doc[token.i - 1]
        if _always(before) or (_between(before) and _labelled(token) and _field_before(before)):
            token.is_sent_start = True
    return doc


def _always(token: Token) -> bool:
    return token.text in _ALWAYS or (token.is_space and "\t" in token.text)


def _between(token: Token) -> bool:
    if token.is_space and "\n" in token.text:
        return True
    if token.text == "/":  # "Red/hot: yes" is one heading; "yes / Temp: 38" two fields
        return bool(token.whitespace_) or (token.i > 0 and bool(token.doc[token.i - 1].whitespace_))
    return token.text in _BETWEEN


def _labelled(token: Token) -> bool:
    """A label of a few words, then ":", starts at `token`."""
    doc = token.doc
    for i in range(token.i, min(token.i + _LABEL_WORDS + 1, len(doc))):
        if doc[i].text == ":":
            return i > token.i
        if not (doc[i].is_alpha or doc[i].text in ("'", "’")) and not doc[i].like_num:
            return False
    return False


def _field_before(separator: Token) -> bool:
    """A field before the separator: a ":" earlier on its line, or a number right before a
    "," or ";", a value typed without its ":" ("Temp 38.4, Walking: no": the walking's
    "no" reached back and denied the 38.4, re-trial 30)."""
    doc = separator.doc
    if separator.text in (",", ";") and separator.i > 0 and doc[separator.i - 1].like_num:
        return True
    i = separator.i - 1
    while i >= 0 and not (doc[i].is_space and "\n" in doc[i].text):
        if doc[i].text == ":":
            return True
        i -= 1
    return False
