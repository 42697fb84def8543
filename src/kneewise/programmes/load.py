"""Load the exercise library and the programmes from YAML once, validated and cross-checked.

Layout under `data/`: `sources.yaml`, `exercises/*.yaml`, `programmes/*.yaml`,
each a list of entries. A broken entry raises KnowledgeError naming its file
and id (`programmes/itb.yaml entry itb_syndrome: stages.0.doses.1.cites: …`);
references that do not resolve (an unknown exercise, source, passage or
variant) and numbers no cited passage backs are all listed at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from kneewise._errors import KnowledgeError
from kneewise._yaml import read_entries
from kneewise.programmes.model import (
    Exercise,
    Library,
    Passage,
    Programme,
    ProgrammeSource,
    Stage,
    Supports,
)

DATA_DIR = Path(__file__).parent / "data"
M = TypeVar("M", bound=BaseModel)


def _load_kind(data_dir: Path, paths: list[Path], model: type[M], kind: str) -> dict[str, M]:
    found: dict[str, M] = {}
    for path in paths:
        shown = path.relative_to(data_dir).as_posix()
        for index, raw in enumerate(read_entries(path, KnowledgeError)):
            label = raw.get("id") if isinstance(raw, dict) else None
            where = f"{shown} entry {label or f'#{index + 1}'}"
            try:
                item = model.model_validate(raw)
            except ValidationError as error:
                details = "; ".join(
                    f"{'.'.join(str(p) for p in e['loc']) or '(entry)'}: {e['msg']}"
                    for e in error.errors()
                )
                raise KnowledgeError(f"{where}: {details}") from None
            key = str(getattr(item, "id", ""))
            if key in found:
                raise KnowledgeError(f"{shown}: {kind} {key!r} is defined twice")
            found[key] = item
    return found


def load_library_from(data_dir: Path) -> Library:
    """Load, validate and cross-check the library in `data_dir`.

    Raises KnowledgeError naming the file and entry of the first broken entry,
    or listing every reference that does not resolve.
    """
    sources = _load_kind(data_dir, [data_dir / "sources.yaml"], ProgrammeSource, "source")
    exercises = _load_kind(
        data_dir, sorted((data_dir / "exercises").glob("*.yaml")), Exercise, "exercise"
    )
    programmes = _load_kind(
        data_dir, sorted((data_dir / "programmes").glob("*.yaml")), Programme, "programme"
    )
    library = Library(exercises=exercises, programmes=programmes, sources=sources)
    problems = list(cross_check(library))
    if problems:
        raise KnowledgeError("programme library is inconsistent:\n  " + "\n  ".join(problems))
    return library


@cache
def load_library() -> Library:
    """The packaged library, loaded once per process."""
    return load_library_from(DATA_DIR)


def _passages(library: Library, refs: list[str], where: str) -> Iterator[Passage | str]:
    """Each cited passage, or a line naming a reference that does not resolve."""
    for ref in refs:
        source_id, passage_id = ref.split("/", 1)
        source = library.sources.get(source_id)
        passage = source.passage(passage_id) if source is not None else None
        if source is None:
            yield f"{where}: unknown source {source_id!r}"
        elif passage is None:
            yield f"{where}: source {source_id} has no passage {passage_id!r}"
        else:
            yield passage


def _backed(library: Library, refs: list[str], parts: list[Supports], where: str) -> Iterator[str]:
    """Lines for unresolved references and for every part no cited passage backs."""
    backed: set[str] = set()
    for item in _passages(library, refs, where):
        if isinstance(item, str):
            yield item
        else:
            backed.update(item.supports)
    for part in parts:
        if part not in backed:
            yield f"{where}: no cited passage backs its {part} (cited: {', '.join(refs)})"


def _check_stage(library: Library, owner: str, stage: Stage) -> Iterator[str]:
    where = f"{owner} stage {stage.id}"
    yield from _backed(library, stage.move_on.cites, ["move_on"], f"{where} move_on")
    for dose in stage.doses:
        if dose.exercise not in library.exercises:
            yield f"{where}: {dose.exercise!r} is not an exercise"
        yield from _backed(library, dose.cites, dose.parts(), f"{where} dose {dose.exercise}")
    # The planned days come from the doses' cited frequencies: a session holds every
    # dose due that day, so the stage plans as many days as its most frequent dose.
    busiest = max(min(dose.per_week, 7) for dose in stage.doses)
    if stage.days_per_week != busiest:
        yield (
            f"{where}: plans {stage.days_per_week} days a week but its most frequent"
            f" dose is {busiest} a week"
        )


def cross_check(library: Library) -> Iterator[str]:
    """Every reference that does not resolve and every number no cited passage backs.

    Lines read `programme X stage Y dose Z: …`.
    """
    for exercise in library.exercises.values():
        for variant in (exercise.easier, exercise.harder):
            if variant is not None and variant not in library.exercises:
                yield f"exercise {exercise.id}: variant {variant!r} is not an exercise"
            if variant == exercise.id:
                yield f"exercise {exercise.id}: is its own variant"
    for programme in library.programmes.values():
        owner = f"programme {programme.id}"
        if programme.then is not None and programme.then not in library.programmes:
            yield f"{owner}: then {programme.then!r} is not a programme"
        if programme.general == bool(programme.conditions):
            yield f"{owner}: either lists conditions or is the general programme"
        for source in programme.sources:
            if source not in library.sources:
                yield f"{owner}: unknown source {source!r}"
        yield from _backed(
            library, programme.pain_limit.cites, ["pain_limit"], f"{owner} pain_limit"
        )
        if programme.diagnosis_first is not None:
            yield from _backed(
                library, programme.diagnosis_first.cites, ["diagnosis_first"],
                f"{owner} diagnosis_first",
            )  # fmt: skip
        seen: set[str] = set()
        for stage in programme.stages:
            if stage.id in seen:
                yield f"{owner}: stage {stage.id!r} is defined twice"
            seen.add(stage.id)
            yield from _check_stage(library, owner, stage)
