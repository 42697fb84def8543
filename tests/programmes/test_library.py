"""The exercise library and programmes: validated at load, every dose sourced, pictures drawn."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from kneewise._errors import KnowledgeError
from kneewise.knowledge.load import load_knowledge
from kneewise.programmes.figure import figure_svg
from kneewise.programmes.load import DATA_DIR, load_library, load_library_from
from kneewise.programmes.model import Figure, Limb

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged data, for breaking one entry at a time."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(path: Path, change: object) -> None:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(entries)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")


def test_packaged_library_loads_with_enough_exercises_and_programmes() -> None:
    library = load_library()
    assert len(library.exercises) >= 40
    names = {e.name for e in library.exercises.values()}
    assert len(names) == len(library.exercises), "two exercises share a name"
    expected = {
        "patellofemoral_pain", "patellar_tendinopathy", "quadriceps_tendinopathy",
        "itb_syndrome", "knee_osteoarthritis", "collateral_ligament_sprain",
        "acl_without_surgery", "growing_knee_tendon", "hamstring_strain",
        "return_to_running", "general_knee",
    }  # fmt: skip
    assert expected <= set(library.programmes)


def test_programme_conditions_are_knowledge_base_conditions() -> None:
    conditions = set(load_knowledge().conditions)
    for programme in load_library().programmes.values():
        assert set(programme.conditions) <= conditions, programme.id


def test_every_exercise_used_by_a_programme_or_a_variant_chain() -> None:
    library = load_library()
    used = {d.exercise for p in library.programmes.values() for s in p.stages for d in s.doses}
    linked = {v for e in library.exercises.values() for v in (e.easier, e.harder) if v}
    assert set(library.exercises) <= used | linked


def test_a_dose_without_a_source_fails_naming_file_and_programme(data_copy: Path) -> None:
    path = data_copy / "programmes" / "itb_syndrome.yaml"
    _edit(path, lambda entries: entries[0]["stages"][0]["doses"][0].update(sources=[]))
    with pytest.raises(KnowledgeError) as error:
        load_library_from(data_copy)
    message = str(error.value)
    assert "programmes/itb_syndrome.yaml entry itb_syndrome" in message
    assert "sources" in message


def test_a_dose_missing_its_sources_key_fails(data_copy: Path) -> None:
    path = data_copy / "programmes" / "general_knee.yaml"
    _edit(path, lambda entries: entries[0]["stages"][1]["doses"][2].pop("sources"))
    with pytest.raises(KnowledgeError, match=r"general_knee\.yaml entry general_knee: stages\.1"):
        load_library_from(data_copy)


def test_a_dose_citing_an_unknown_source_fails(data_copy: Path) -> None:
    path = data_copy / "programmes" / "knee_osteoarthritis.yaml"
    _edit(path, lambda entries: entries[0]["stages"][0]["doses"][1].update(sources=["nobody2020"]))
    with pytest.raises(KnowledgeError, match=r"knee_osteoarthritis stage level_1.*nobody2020"):
        load_library_from(data_copy)


def test_an_adapted_dose_without_a_note_fails(data_copy: Path) -> None:
    path = data_copy / "programmes" / "patellofemoral_pain.yaml"
    _edit(path, lambda entries: entries[0]["stages"][0]["doses"][0].update(note=""))
    with pytest.raises(KnowledgeError, match="adapted: say how in a note"):
        load_library_from(data_copy)


def test_a_broken_exercise_names_file_and_id(data_copy: Path) -> None:
    path = data_copy / "exercises" / "hip.yaml"
    _edit(path, lambda entries: entries[2].update(steps=["only one step"]))
    with pytest.raises(KnowledgeError, match=r"exercises/hip\.yaml entry standing_hip_abduction"):
        load_library_from(data_copy)


def test_an_unknown_variant_and_exercise_are_both_listed(data_copy: Path) -> None:
    _edit(data_copy / "exercises" / "knee.yaml", lambda entries: entries[0].update(harder="flying"))
    _edit(
        data_copy / "programmes" / "general_knee.yaml",
        lambda entries: entries[0]["stages"][0]["doses"][0].update(exercise="moonwalk"),
    )
    with pytest.raises(KnowledgeError) as error:
        load_library_from(data_copy)
    assert "variant 'flying'" in str(error.value)
    assert "'moonwalk' is not an exercise" in str(error.value)


def test_a_dose_with_two_amounts_fails(data_copy: Path) -> None:
    path = data_copy / "programmes" / "hamstring_strain.yaml"
    if not path.exists():
        path = data_copy / "programmes" / "young_athletes.yaml"
    _edit(path, lambda entries: entries[-1]["stages"][0]["doses"][0].update(seconds=30))
    with pytest.raises(KnowledgeError, match="exactly one of reps, seconds, minutes"):
        load_library_from(data_copy)


@pytest.mark.parametrize("exercise_id", sorted(load_library().exercises))
def test_every_exercise_picture_is_a_well_formed_svg(exercise_id: str) -> None:
    exercise = load_library().exercises[exercise_id]
    svg = figure_svg(exercise.figure, exercise.name)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.findtext(f"{SVG}title") == exercise.name
    assert len(root.findall(f"{SVG}polyline")) == 4  # two legs, two arms
    assert "href" not in svg  # nothing fetched from elsewhere


def test_picture_follows_the_angles() -> None:
    standing = ET.fromstring(figure_svg(Figure()))
    squatting = ET.fromstring(
        figure_svg(Figure(near_leg=Limb(upper=80, bend=100), far_leg=Limb(upper=80, bend=100)))
    )

    def height(root: ET.Element) -> float:
        return float(root.attrib["viewBox"].split()[3])

    assert height(squatting) < height(standing)
    assert figure_svg(Figure()) == figure_svg(Figure())
