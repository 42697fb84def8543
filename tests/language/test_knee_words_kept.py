"""No clause with a knee word vanishes: what the knee did is read or listed as not used.

Phrasings are built from openings, the knee as told and what it did (fix C, re-trial
02:00: "felt my knee twist" was neither read nor listed). A verb counts as kept when a
read field's span covers it or it is in the words listed as not used.
"""

from __future__ import annotations

import itertools

import pytest

from kneewise import load_knowledge
from kneewise.language import parse

KB = load_knowledge()
OPENINGS = ("", "I was playing football and ", "after netball, ", "on the stairs ")
KNEES = ("felt my knee", "I felt my left knee", "felt the kneecap", "my knee suddenly")
DEEDS = ("twist", "give", "give way", "buckle", "shift", "slip", "pop", "go", "wobbled",
    "jolted", "clunked", "slide", "move", "lurched")  # fmt: skip
ENDINGS = ("", ", it hurts now", " and it swelled within the hour")
PHRASINGS = [
    pytest.param(f"{opening}{knee} {deed}{ending}", deed, id=f"{opening}{knee} {deed}{ending}")
    for opening, knee, deed, ending in itertools.product(OPENINGS, KNEES, DEEDS, ENDINGS)
]


@pytest.mark.parametrize(("text", "deed"), PHRASINGS)
def test_what_the_knee_did_is_read_or_listed(text: str, deed: str) -> None:
    parsed = parse(text, KB)
    told = text.split("knee", 1)[0] + "knee"
    at = text.index(f" {deed}", len(told) - 4) + 1  # the deed right after the knee word
    read = any(f.span[0] <= at < f.span[1] for f in parsed.fields.values())
    listed = any(f"knee {deed}" in said or f"kneecap {deed}" in said or f"suddenly {deed}" in said
        for said in parsed.unparsed)  # fmt: skip
    assert read or listed, (parsed.fields, parsed.unparsed)


def test_the_phrasings_cover_every_kind() -> None:
    assert len(PHRASINGS) == len(OPENINGS) * len(KNEES) * len(DEEDS) * len(ENDINGS)
