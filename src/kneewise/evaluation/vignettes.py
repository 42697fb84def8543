"""Clinical vignettes: published cases written as intakes with acceptable answers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kneewise._errors import IntakeError, VignetteError
from kneewise._yaml import read_entries
from kneewise.intake import Intake, parse_intake
from kneewise.knowledge.model import TriageLevel


class Vignette(BaseModel):
    """One case: what the person reports and what a careful clinician would accept."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    source: str = Field(min_length=10)
    story: str
    intake: Intake
    acceptable_triage: Annotated[list[TriageLevel], Field(min_length=1)]
    acceptable_icd10: Annotated[list[str], Field(min_length=1)]
    narrative: str | None = None


def _vignette(raw: Any, where: str) -> Vignette:
    if not isinstance(raw, dict):
        raise VignetteError(f"{where}: expected a mapping")
    try:
        intake = parse_intake(raw.get("intake", {}))
        return Vignette.model_validate({**raw, "intake": intake})
    except IntakeError as error:
        raise VignetteError(f"{where}: intake: {error}") from None
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise VignetteError(f"{where}: {problems}") from None


def load_vignettes(folder: Path) -> list[Vignette]:
    """Every vignette in the YAML files of `folder`, in file order; ids must be unique."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise VignetteError(f"no vignette files (*.yaml) in {folder}")
    found: dict[str, Vignette] = {}
    for path in files:
        for index, raw in enumerate(read_entries(path, VignetteError, "vignettes")):
            label = raw.get("id") if isinstance(raw, dict) else None
            vignette = _vignette(raw, f"{path.name} vignette {label or f'#{index + 1}'}")
            if vignette.id in found:
                raise VignetteError(f"{path.name}: vignette id {vignette.id!r} is used twice")
            found[vignette.id] = vignette
    return list(found.values())
