"""The `kneewise` script switches pydantic plugins off unless the person chose otherwise."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = """
import os, sys
from kneewise.cli import main
sys.argv = ["kneewise", "--help"]
try:
    main()
except SystemExit:
    pass
print(repr(os.environ.get("PYDANTIC_DISABLE_PLUGINS")), file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("given", "expected"),
    [(None, "'__all__'"), ("", "''"), ("logfire", "'logfire'")],
    ids=["not set: off", "empty: the person wants them all", "one named: kept"],
)
def test_plugins_are_off_unless_the_person_set_them(given: str | None, expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if given is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = given
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    assert done.stderr.strip().splitlines()[-1] == expected
