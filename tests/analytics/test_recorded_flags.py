"""Night pain and new swelling: yes, no, or not recorded (data/recorded_flag_cases.yaml).

Safety rule: nothing claims an absence that was not asked. A day whose entry did
not say is neither yes nor no, so the week is "not recorded" unless some day said
yes (a red flag) or every day said no.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import yaml

from kneewise.analytics import pain_light

CASES = yaml.safe_load((Path(__file__).parent / "data" / "recorded_flag_cases.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_flags_are_yes_no_or_not_recorded(
    case: dict[str, Any], pain_frame: Callable[..., pl.DataFrame], today: date
) -> None:
    light = pain_light(pain_frame(case["entries"]), today)
    assert light.figures["night_pain_recent"] is case["night_pain_recent"]
    assert light.figures["new_swelling"] is case["new_swelling"]
    assert light.colour == case["colour"]
