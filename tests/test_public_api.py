"""The public API is exactly what __all__ lists, each name resolves, and importing it is light."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import kneewise

ROOT = Path(__file__).resolve().parents[1]
#: Libraries `import kneewise` must not load: each is loaded by the part that needs it.
HEAVY = ("spacy", "polars", "sqlalchemy", "alembic", "weasyprint", "pandas", "numpy", "fastapi")

EXPECTED = {
    "INTAKE_FIELDS", "Assessment", "DiaryError", "Evidence", "FindingWeight", "ImportFileError",
    "Intake", "IntakeError", "IntakeProblem", "KneewiseError", "KnowledgeBase", "KnowledgeError",
    "ParsedIntake", "RankedCondition", "StorageError", "Triage", "TriageLevel", "VignetteError",
    "__version__", "assess", "load_knowledge", "next_step", "parse", "parse_intake",
    "parse_intake_json",
}  # fmt: skip


def test_exports_do_not_drift() -> None:
    assert set(kneewise.__all__) == EXPECTED


def test_every_export_resolves() -> None:
    for name in kneewise.__all__:
        assert getattr(kneewise, name) is not None, name
    assert set(kneewise.__all__) <= set(dir(kneewise))


def test_a_name_that_is_not_public_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'diagnose'"):
        _ = kneewise.diagnose  # type: ignore[attr-defined]


def test_the_version_is_the_packages() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert kneewise.__version__ == project["version"]


def _loaded_after(statement: str) -> set[str]:
    """Top-level packages in sys.modules after `statement` in a fresh interpreter."""
    listing = "print(' '.join({m.split('.')[0] for m in sys.modules}))"
    code = f"{statement}\nimport sys\n{listing}"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(found.stdout.split())


@pytest.mark.parametrize(
    "statement",
    ["import kneewise", "from kneewise import __version__, KneewiseError, IntakeError"],
)
def test_importing_kneewise_loads_no_heavy_library(statement: str) -> None:
    assert _loaded_after(statement) & set(HEAVY) == set()


def test_a_lazy_name_loads_only_what_it_needs() -> None:
    assert _loaded_after("from kneewise import assess, Assessment") & {"spacy", "polars"} == set()
    assert "spacy" in _loaded_after("from kneewise import parse")


def test_errors_share_one_base() -> None:
    for name in ("IntakeError", "KnowledgeError", "VignetteError", "DiaryError"):
        assert issubclass(getattr(kneewise, name), kneewise.KneewiseError)


def _subclasses(base: type) -> set[type]:
    found = set(base.__subclasses__())
    return found | {sub for cls in found for sub in _subclasses(cls)}


def test_every_error_is_drawn_in_the_hierarchy() -> None:
    import importlib
    import pkgutil

    import kneewise._errors as errors

    for module in pkgutil.walk_packages(kneewise.__path__, "kneewise."):
        if ".migrations" not in module.name:  # Alembic scripts run only under Alembic
            importlib.import_module(module.name)
    for error in _subclasses(kneewise.KneewiseError):
        assert error.__module__ == "kneewise._errors", error
        assert f" {error.__name__} " in (errors.__doc__ or ""), error
