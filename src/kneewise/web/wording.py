"""The web pages' glue to the one table of words: intake words come from `kneewise.labels`.

`field_label(name)` names a field in a list or a message ("How long it has
hurt", never `duration_days`): an intake field by `kneewise.labels`, a diary
field by `kneewise.labels.DIARY_LABELS` (the words its forms show), a
page's own form field by `FORM_LABELS` below.
`choice_label(field, value)` and `answer(field, value)` say a choice and an
answer as the pages show them (capitalised "Yes"/"No", "None of these"),
with the words and units of `kneewise.labels`. No intake word is defined
here: tests/cli/test_labels.py checks every field and choice has words there.
"""

from __future__ import annotations

from collections.abc import Mapping

from kneewise import labels

#: The pages' own form fields (not intake, not diary), named as their labels say.
FORM_LABELS: Mapping[str, str] = {
    "text": "Your words",
    "number": "Emergency number",
    "confirm": "Confirmation word",
    "weeks": "Weeks shown",
    "start": "From",
    "end": "To",
    "state": "Your answers so far",
}


def field_label(name: object) -> str:
    """A field as a person reads it: intake, diary or form field; else its name in words."""
    key = str(name)
    for table in (labels.FIELD_LABELS, labels.DIARY_LABELS, FORM_LABELS):
        if key in table:
            return table[key]
    return key.replace("_", " ")


def choice_label(field: str, value: object) -> str:
    """One choice of a field in words (`direct_blow` of `mechanism` → "A knock or kick…")."""
    return labels.choice_label(field, str(value))


def answer(field: str, value: object) -> str:
    """An answer in words: Yes, No, "2 days", a choice's label, or choices joined by commas.

    `None` is "Not known" (never "No"), as in `kneewise.labels.answer_words`.
    """
    if isinstance(value, list | tuple):
        if not value:
            return "None of these"
        return ", ".join(choice_label(field, v) for v in value)
    words = labels.answer_words(field, value)
    return words[:1].upper() + words[1:] if isinstance(value, bool | None) else words
