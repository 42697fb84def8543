"""kneewise: explainable, source-cited help for knees that hurt after training.

The public API is what `__all__` lists; everything else is private and may change.

`import kneewise` stays light: the version and the errors are imported at
once, every other name on first use (module `__getattr__`, PEP 562), so a
command that only writes to the diary never loads spaCy, polars or WeasyPrint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from kneewise._errors import (
    DiaryError,
    ImportFileError,
    IntakeError,
    IntakeProblem,
    KneewiseError,
    KnowledgeError,
    StorageError,
    VignetteError,
)
from kneewise._version import __version__

if TYPE_CHECKING:
    from kneewise.assessment import Assessment, FindingWeight, RankedCondition, Triage
    from kneewise.engine.assess import assess
    from kneewise.intake import INTAKE_FIELDS, Intake, parse_intake, parse_intake_json
    from kneewise.interview import Evidence, next_step
    from kneewise.knowledge.load import load_knowledge
    from kneewise.knowledge.model import KnowledgeBase, TriageLevel
    from kneewise.language import ParsedIntake, parse

#: Where each name that is imported on first use lives.
_LAZY: dict[str, str] = {
    "Assessment": "kneewise.assessment",
    "FindingWeight": "kneewise.assessment",
    "RankedCondition": "kneewise.assessment",
    "Triage": "kneewise.assessment",
    "assess": "kneewise.engine.assess",
    "INTAKE_FIELDS": "kneewise.intake",
    "Intake": "kneewise.intake",
    "parse_intake": "kneewise.intake",
    "parse_intake_json": "kneewise.intake",
    "Evidence": "kneewise.interview",
    "next_step": "kneewise.interview",
    "load_knowledge": "kneewise.knowledge.load",
    "KnowledgeBase": "kneewise.knowledge.model",
    "TriageLevel": "kneewise.knowledge.model",
    "ParsedIntake": "kneewise.language",
    "parse": "kneewise.language",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kneewise' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "INTAKE_FIELDS",
    "Assessment",
    "DiaryError",
    "Evidence",
    "FindingWeight",
    "ImportFileError",
    "Intake",
    "IntakeError",
    "IntakeProblem",
    "KneewiseError",
    "KnowledgeBase",
    "KnowledgeError",
    "ParsedIntake",
    "RankedCondition",
    "StorageError",
    "Triage",
    "TriageLevel",
    "VignetteError",
    "__version__",
    "assess",
    "load_knowledge",
    "next_step",
    "parse",
    "parse_intake",
    "parse_intake_json",
]
