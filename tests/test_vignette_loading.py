"""A broken vignette file is reported with its file and vignette, never a traceback."""

from pathlib import Path

import pytest

from kneewise import VignetteError
from kneewise.evaluation import load_vignettes

GOOD = """
- id: one
  source: "Somebody. A case. Journal. 2020. https://example.org/case"
  story: A case.
  intake: {age: 30}
  acceptable_triage: [self_care]
  acceptable_icd10: [M22.2]
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- id: [unclosed\n", "cases.yaml: not valid YAML"),
        ("id: one\n", "cases.yaml: expected a list of vignettes"),
        (GOOD.replace("{age: 30}", "{age: 300}"), "cases.yaml vignette one: intake: age"),
        (GOOD.replace("[self_care]", "[soon]"), "cases.yaml vignette one: acceptable_triage"),
        (GOOD + GOOD, "vignette id 'one' is used twice"),
    ],
)
def test_broken_vignettes_are_named(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "cases.yaml").write_text(text)
    with pytest.raises(VignetteError) as caught:
        load_vignettes(tmp_path)
    assert message in str(caught.value)


def test_a_good_file_loads(tmp_path: Path) -> None:
    (tmp_path / "cases.yaml").write_text(GOOD)
    assert [v.id for v in load_vignettes(tmp_path)] == ["one"]
