"""Comparisons: what a finding or a time is measured against ("than before", "hotter").

"More swollen than yesterday" tells a swelling now; yesterday is what it is measured
against, never when it swelled or began. A comparison denied against an earlier time
("no redder than yesterday") says nothing of whether the finding is there; against what
is normal ("not warmer than the other one") it is a no (re-trial 6c).
"""

from __future__ import annotations

from spacy.tokens import Span

from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: Times that say when it began or swelled; after "than" they are a comparison's.
_WHEN_FIELDS = frozenset({"swelling_time", "duration_days", "days_since_session"})


def not_compared(mentions: list[Mention], context: Context) -> list[Mention]:
    """ "more swollen than yesterday": yesterday is what it is measured against, not
    when it swelled or began (re-trial 6c), so that time is not read."""
    return [
        m for m in mentions if m.field not in _WHEN_FIELDS or not context.compared_from(m.start)
    ]


#: A finding told by comparison ("hotter", "more swollen"); denied, the comparison is.
_COMPARATIVES = frozenset({"hotter", "warmer", "redder", "pinker", "puffier", "swoller",
    "colder", "paler", "whiter", "bluer", "bigger", "fatter", "worse"})  # fmt: skip
_MORE = frozenset({"more", "less", "worse", "bigger"})
#: Measured against what is normal, a denied comparison is a denial: "not more sleepy than
#: usual", "isn't colder than the other one" (the question asks just that).
_BASELINES = frozenset({"usual", "normal", "normally", "other", "others", "ever"})


def denied_comparison(span: Span) -> bool:
    """The finding is told as more or less than something: "not any hotter", "no more
    swollen than yesterday", "the redness is no worse". Denying a comparison says nothing
    of whether the finding is there (re-trial 6c), so it stays unknown and is asked."""
    doc = span.doc
    before = doc[span.start - 1].norm_ if span.start > 0 else ""
    after: list[str] = []
    for token in doc[span.end : min(span.end + 3, span.sent.end)]:
        if token.is_punct or token.norm_ in ("and", "but", "or", "nor"):
            break  # "no swelling, worse at night": the swelling is denied, the pain compared
        after.append(token.norm_)
    rest = [t.norm_ for t in doc[span.start : span.sent.end]]
    baseline = "than" in rest and bool(set(rest[rest.index("than") :][:4]) & _BASELINES)
    return not baseline and (
        any(t.norm_ in _COMPARATIVES for t in span)
        or before in _MORE
        or any(w in _COMPARATIVES for w in after)
    )
