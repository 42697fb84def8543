"""The web result says why a cause a warning sign keeps is listed, and never "0 %".

Found on a hot, red, swollen knee with gout: the result page listed an infected joint as
"0 % likely" with its reason folded under "Why". The real app in-process, from the words
through every question answered "don't know", as a browser without JavaScript does.
"""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from tests.web.check_helpers import result_after_dont_know

BECAUSE = "Shown because of a warning sign you told us about:"
STORIES = [
    # (the person's words, the cause a warning sign keeps, the sign in its rule's words)
    (
        "I'm a 55 year old man with gout. My knee went red, hot and swollen overnight. "
        "Nothing happened to it and I have no fever.",
        "septic arthritis",
        "Hot, swollen or red knee",
    ),
    (
        "My 12 year old son has been limping for three weeks and says his knee aches. "
        "He didn't hurt it and has no temperature.",
        "slipped",
        "",
    ),
]


def _text(page_html: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page_html)))


@pytest.mark.parametrize(("words", "cause", "sign"), STORIES, ids=["gout_hot_knee", "limping_boy"])
def test_the_result_page_says_why_a_kept_cause_is_listed(
    client: TestClient, words: str, cause: str, sign: str
) -> None:
    text = _text(result_after_dont_know(client, words))
    causes = text[text.index("What is probably going on") :]
    assert " 0 % likely" not in causes
    at = causes.lower().index(cause)
    after = causes[at : at + 400]
    assert BECAUSE in after, after
    assert sign in after
