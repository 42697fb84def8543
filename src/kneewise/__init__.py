"""kneewise: explainable, source-cited help for knees that hurt after training.

The public API is what `__all__` lists; everything else is private and may change.
"""

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
from kneewise.assessment import Assessment, RankedCondition, Triage
from kneewise.engine.assess import assess
from kneewise.intake import INTAKE_FIELDS, Intake, parse_intake, parse_intake_json
from kneewise.interview import Evidence, next_step
from kneewise.knowledge.load import load_knowledge
from kneewise.knowledge.model import KnowledgeBase, TriageLevel
from kneewise.language import ParsedIntake, parse

__version__ = "0.1.0"

__all__ = [
    "INTAKE_FIELDS",
    "Assessment",
    "DiaryError",
    "Evidence",
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
