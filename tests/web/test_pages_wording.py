"""Plain words on every page (issue 14, item 2): every field and choice has a label, and no
page shows a field's internal name or a choice's code word."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from tests.web.check_helpers import page_form

from kneewise.intake import INTAKE_FIELDS
from kneewise.labels import CHOICE_LABELS, FIELD_LABELS, UNITS
from kneewise.web.wording import answer, choice_label

#: Internal names a person must never read: field names and choice values with an
#: underscore, as written and as the old "words" filter spelled them.
RAW = sorted(
    {
        form
        for name, spec in INTAKE_FIELDS.items()
        for raw in (name, *spec.choices)
        if "_" in raw
        for form in (raw, raw.replace("_", " "))
    },
    key=len,
    reverse=True,
)
#: Labels that are plain words spelled like their value ("Big toe" for `big_toe`).
PLAIN = {
    label.lower()
    for label in [*FIELD_LABELS.values(), *(w for c in CHOICE_LABELS.values() for w in c.values())]
}
STORIES = [
    "I'm 34 and twisted my knee playing football yesterday; it swelled up within an hour",
    "bent my knee backwards landing from a jump 2 days ago, it swelled the next day, left knee",
    "17, my kneecap aches going down stairs and squatting, for three weeks, worse after running",
    "kicked on the knee in a match, it swelled over the kneecap, no fever, I am 22 and male",
]


def visible(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def raw_names_in(page: str) -> list[str]:
    """Internal names on the page: with an underscore anywhere in the visible text, or
    spelled with spaces as the whole of a label (plain prose may hold the same words)."""
    text = visible(page)
    found = [raw for raw in RAW if "_" in raw and re.search(rf"\b{re.escape(raw)}\b", text)]
    labels = re.findall(r"<(label|strong|dt|th|legend)\b[^>]*>(.*?)</\1>", page, flags=re.S)
    shown = {visible(inner).rstrip(":").strip().lower() for _, inner in labels}
    return found + [raw for raw in RAW if "_" not in raw and raw in shown - PLAIN]


@pytest.mark.parametrize("name", sorted(INTAKE_FIELDS))
def test_every_intake_field_and_choice_has_plain_words(name: str) -> None:
    spec = INTAKE_FIELDS[name]
    label = FIELD_LABELS.get(name, "")
    assert label and "_" not in label and label != name, f"{name} has no plain label"
    for choice in spec.choices:
        words = CHOICE_LABELS.get(name, {}).get(choice, "")
        assert words and "_" not in words, f"{name}: choice {choice} has no plain label"
    if spec.kind in ("int", "number"):
        assert name in UNITS, f"{name}: a number without its unit"


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("duration_days", 1.0, "1 day"),
        ("duration_days", 2.5, "2.5 days"),
        ("age", 34, "34 years"),
        ("mechanism", "hyperextension", "Knee bent backwards too far"),
        ("mechanism", "direct_blow", "A knock or kick to the knee"),
        ("location", ["kneecap", "below_kneecap"], "The kneecap, Below the kneecap"),
        ("pop", True, "Yes"),
        ("fever", False, "No"),
    ],
)  # fmt: skip
def test_answers_are_said_in_words(field: str, value: object, said: str) -> None:
    assert answer(field, value) == said


def test_what_kneewise_understood_is_said_in_plain_words(client: TestClient) -> None:
    for story in STORIES:
        page = client.post("/check/understood", data={"text": story}).text
        found = re.findall(r'name="keep" value="([^"]*)"', page)
        assert found, story
        for name in found:
            assert f"<strong>{html.escape(FIELD_LABELS[name])}</strong>:" in page
        assert raw_names_in(page) == [], story


def _screens(client: TestClient) -> list[str]:
    """Every question screen of a check answered "Don't know" throughout."""
    page = client.post("/check/understood", data={"text": ""}).text
    pages = []
    while (screen := re.search(r'name="screen" value="([^"]*)"', page)) is not None:
        pages.append(page)
        data = {**page_form(page), "action": "unknown", "screen": screen.group(1)}
        page = client.post("/check/step", data=data).text
    return [*pages, page]


def test_every_question_screen_and_the_result_use_plain_words(client: TestClient) -> None:
    pages = _screens(client)
    assert len(pages) > 10
    choices = 0
    for page in pages:
        assert raw_names_in(page) == []
        for field, value, label in re.findall(
            r'name="([a-z_0-9]+)" value="([a-z_0-9]+)"[^>]*><label for="[^"]*">([^<]*)</label>',
            page,
        ):
            if field in CHOICE_LABELS:
                assert html.unescape(label) == choice_label(field, value)
                choices += 1
    assert choices > 0


@pytest.mark.parametrize(
    ("path", "label"),
    [("/dashboard?weeks=lots", "Weeks shown"), ("/report.pdf?start=soon&end=later", "From")],
)
def test_error_pages_name_fields_as_the_form_does(
    client: TestClient, path: str, label: str
) -> None:
    answer = client.get(path)
    assert answer.status_code == 422
    assert label in visible(answer.text)


@pytest.mark.parametrize(
    "story", ["my knee is swollen", "maybe a bit warm", "my brother had a swollen knee"]
)
def test_the_parse_api_notes_are_plain_words(client: TestClient, story: str) -> None:
    notes = client.post("/api/v1/parse", json={"text": story}).json()["notes"]
    assert notes
    for note in notes:
        assert not re.search(r"\b[a-z]+_[a-z0-9_]+\b|'|interview|hedged|: \d+$", note), note


def _in_fahrenheit(client: TestClient) -> None:
    from kneewise.diary.records import ProfileRecord
    from kneewise.diary.repository import update_profile

    update_profile(client.app.state.diary, ProfileRecord(temperature_unit="F"))  # type: ignore[attr-defined]


def test_check_pages_show_temperatures_in_the_profiles_unit(client: TestClient) -> None:
    _in_fahrenheit(client)
    pages = _screens(client)
    shown = " ".join(visible(page) for page in pages)
    assert "100.4 °F (38 °C)" in shown
    assert "38 °C (100.4 °F)" not in shown and not re.search(r"38 °C or more", shown)


@pytest.mark.parametrize(
    "story",
    [
        "my knee is swollen, hot and red and I have a fever of 101 F",
        "knee swelled up overnight, it's warm and red, temperature of 102°F",
        "red hot swollen knee, thermometer said 100.9 fahrenheit",
    ],
)
def test_a_fever_told_in_fahrenheit_is_read_and_the_words_kept(
    client: TestClient, story: str
) -> None:
    _in_fahrenheit(client)
    page = client.post("/check/understood", data={"text": story}).text
    assert 'name="keep" value="fever"' in page
    assert story in visible(page)  # the story is quoted as written, never converted
    result = client.post(
        "/check/step", data={**page_form(page), "action": "start", "keep": ["fever", "swollen"]}
    ).text
    shown = visible(result)  # the result, or the next question: any 38 °C says 100.4 °F first
    assert "38 °C" not in shown.replace("100.4 °F (38 °C)", "")
