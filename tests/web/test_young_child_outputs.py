"""A child under 5: the web result and the API say why no likely causes are listed.

Re-trial 26: "my 3 year old has a temperature and is limping" was read without the age, so a
toddler was given an adult's causes or none without a word. The real app in-process.
"""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient
from tests.web.check_helpers import result_after_dont_know

WITHHELD = "kneewise lists likely causes from the age of 5"


def test_the_result_page_says_why_no_cause_is_listed_for_a_toddler(client: TestClient) -> None:
    page = result_after_dont_know(client, "our little one is 2 and has been limping all week")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
    assert WITHHELD in text and "child aged 2" in text
    assert "In a child under 5, a limp can come from the hip" in text  # the rule, in its words
    assert "likely</p>" not in page  # no cause with a likelihood


def test_the_api_gives_no_causes_and_the_reason_below_five(client: TestClient) -> None:
    body = client.post("/api/v1/assess", json={"age": 0, "hip_pain_or_limp": True}).json()
    assert body["conditions"] == [] and "child aged 0" in body["conditions_withheld"]
    assert body["triage"]["level"] == "urgent"  # infant_limp: under 2 (RCHT 2021)
    older = client.post("/api/v1/assess", json={"age": 5, "hip_pain_or_limp": True}).json()
    assert older["conditions"] and older["conditions_withheld"] is None


def test_an_age_out_of_range_names_what_is_allowed(client: TestClient) -> None:
    response = client.post("/api/v1/assess", json={"age": -1})
    assert response.status_code == 422
    assert "0" in response.text and "age" in response.text


def test_a_toddlers_result_says_nothing_of_causes_in_why_it_stopped(client: TestClient) -> None:
    # Round 17e: "kneewise stopped because the likely causes are clear" beside no cause listed
    page = result_after_dont_know(client, "my 2 year old fell off the sofa and is limping")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
    assert WITHHELD in text
    stopped = text.split("kneewise stopped because", 1)[1].split(".", 1)[0]
    assert "cause" not in stopped and "likely" not in stopped
    assert "The answer most likely to change this" not in text
