"""Load the exercise library and the programmes from YAML once, validated and cross-checked.

Layout under `data/`: `sources.yaml`, `exercises/*.yaml`, `programmes/*.yaml`,
each a list of entries. A broken entry raises KnowledgeError naming its file
and id (`programmes/itb.yaml entry itb_syndrome: stages.0.doses.1.sources: …`);
references that do not resolve (an unknown exercise, source or variant) are
all listed at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from kneewise._errors import KnowledgeError
from kneewise._yaml import read_entries
from kneewise.programmes.model import Exercise, Library, Programme, ProgrammeSource

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


def cross_check(library: Library) -> Iterator[str]:
    """Every reference that does not resolve, as `programme X stage Y: …` lines."""
    for exercise in library.exercises.values():
        for variant in (exercise.easier, exercise.harder):
            if variant is not None and variant not in library.exercises:
                yield f"exercise {exercise.id}: variant {variant!r} is not an exercise"
            if variant == exercise.id:
                yield f"exercise {exercise.id}: is its own variant"
    for programme in library.programmes.values():
        owner = f"programme {programme.id}"
        cited = [*programme.sources, *programme.pain_limit.sources]
        if programme.then is not None and programme.then not in library.programmes:
            yield f"{owner}: then {programme.then!r} is not a programme"
        if programme.general == bool(programme.conditions):
            yield f"{owner}: either lists conditions or is the general programme"
        seen: set[str] = set()
        for stage in programme.stages:
            if stage.id in seen:
                yield f"{owner}: stage {stage.id!r} is defined twice"
            seen.add(stage.id)
            cited.extend(stage.move_on.sources)
            for dose in stage.doses:
                where = f"{owner} stage {stage.id}"
                if dose.exercise not in library.exercises:
                    yield f"{where}: {dose.exercise!r} is not an exercise"
                for source in dose.sources:
                    if source not in library.sources:
                        yield f"{where} dose {dose.exercise}: unknown source {source!r}"
        for source in cited:
            if source not in library.sources:
                yield f"{owner}: unknown source {source!r}"
