"""Printed lines wrap between words at the width, under their own text (issue 14).

Each kind of line that lines something up: an indent, a bullet, a number,
a padded first column. Its later lines start where its text started.
"""

from __future__ import annotations

import io

import pytest

from kneewise.cli._console import TerminalConsole

LONG = "a sentence long enough that it has to wrap at least once or twice here"
LINES = [
    ("  - ", f"  - {LONG}"),
    ("    * ", f"    * {LONG}"),
    ("12. ", f"12. {LONG}"),
    ("   ", f"   {LONG}"),
    ("patellar-tendinopathy    ", f"patellar-tendinopathy    {LONG}"),
]


@pytest.mark.parametrize(("lead", "line"), LINES)
@pytest.mark.parametrize("width", [40, 60])
def test_a_lined_up_line_wraps_under_its_text(lead: str, line: str, width: int) -> None:
    out = io.StringIO()
    TerminalConsole(file=out, width=width, highlight=False).print(line, markup=False)
    shown = out.getvalue().splitlines()
    assert len(shown) > 1
    assert all(len(row) <= width for row in shown)
    assert shown[0].startswith(lead)
    assert all(row.startswith(" " * len(lead)) for row in shown[1:])
    assert " ".join(row[len(lead) :].strip() for row in shown) == LONG  # no word cut


def test_a_plain_sentence_wraps_between_words() -> None:
    out = io.StringIO()
    TerminalConsole(file=out, width=30, highlight=False).print(LONG)
    shown = out.getvalue().splitlines()
    assert all(len(row) <= 30 for row in shown)
    assert " ".join(row.strip() for row in shown) == LONG
