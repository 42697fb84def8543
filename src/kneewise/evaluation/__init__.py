"""Check kneewise against clinical vignettes: triage accuracy, under-triage, top-k."""

from kneewise.evaluation.metrics import CaseResult, Report, evaluate, judge
from kneewise.evaluation.vignettes import Vignette, load_vignettes

__all__ = ["CaseResult", "Report", "Vignette", "evaluate", "judge", "load_vignettes"]
