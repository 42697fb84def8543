"""Reading the YAML lists that hold kneewise's data (knowledge base, vignettes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kneewise._errors import KneewiseError


def read_entries(path: Path, error: type[KneewiseError], what: str = "entries") -> list[Any]:
    """The list a YAML file holds; `error` names the file when it is not one."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as problem:
        raise error(f"{path.name}: cannot be read: {problem}") from None
    except yaml.YAMLError as problem:
        raise error(f"{path.name}: not valid YAML: {problem}") from None
    if not isinstance(data, list):
        raise error(f"{path.name}: expected a list of {what} at the top level")
    return data
