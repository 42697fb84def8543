"""The exercise library and programmes: validated at load, every dose sourced, pictures drawn."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise._errors import KnowledgeError
from kneewise.knowledge.load import load_knowledge
from kneewise.programmes.figure import figure_svg
from kneewise.programmes.load import DATA_DIR, load_library, load_library_from
from kneewise.programmes.model import Dose, Figure, Limb

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
    _edit(path, lambda entries: entries[0]["stages"][0]["doses"][0].update(cites=[]))
    with pytest.raises(KnowledgeError) as error:
        load_library_from(data_copy)
    message = str(error.value)
    assert "programmes/itb_syndrome.yaml entry itb_syndrome" in message
    assert "cites" in message


def test_a_dose_missing_its_cites_key_fails(data_copy: Path) -> None:
    path = data_copy / "programmes" / "general_knee.yaml"
    _edit(path, lambda entries: entries[0]["stages"][1]["doses"][2].pop("cites"))
    with pytest.raises(KnowledgeError, match=r"general_knee\.yaml entry general_knee: stages\.1"):
        load_library_from(data_copy)


def test_a_citation_without_its_passage_fails(data_copy: Path) -> None:
    path = data_copy / "programmes" / "general_knee.yaml"
    ref = "acsm2009_resistance_progression"  # a source id alone says nowhere in it
    _edit(path, lambda entries: entries[0]["stages"][0]["doses"][0].update(cites=[ref]))
    with pytest.raises(KnowledgeError, match=r"general_knee\.yaml entry general_knee: stages\.0"):
        load_library_from(data_copy)


def test_a_dose_citing_an_unknown_source_or_passage_fails(data_copy: Path) -> None:
    path = data_copy / "programmes" / "knee_osteoarthritis.yaml"

    def change(entries: list[dict[str, Any]]) -> None:
        entries[0]["stages"][0]["doses"][1].update(cites=["nobody2020/dose"])
        entries[0]["stages"][0]["doses"][2].update(cites=["skou2017_glad/nowhere"])

    _edit(path, change)
    with pytest.raises(KnowledgeError) as error:
        load_library_from(data_copy)
    assert re.search(r"knee_osteoarthritis stage level_1 .*nobody2020", str(error.value))
    assert "source skou2017_glad has no passage 'nowhere'" in str(error.value)


def _parts_set_somewhere() -> dict[str, tuple[str, str, int, int]]:
    """For each part a dose can set, one packaged dose setting it: file, programme, stage, dose."""
    found: dict[str, tuple[str, str, int, int]] = {}
    for path in sorted((DATA_DIR / "programmes").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            for s_index, stage in enumerate(entry["stages"]):
                for d_index, dose in enumerate(stage["doses"]):
                    model = Dose.model_validate(dose)
                    for part in model.parts():
                        found.setdefault(part, (path.name, entry["id"], s_index, d_index))
    return found


DOSE_PARTS = _parts_set_somewhere()


def test_every_part_a_dose_can_set_is_checked() -> None:
    assert set(DOSE_PARTS) == {"sets", "amount", "load", "per_week"}


@pytest.mark.parametrize("part", sorted(DOSE_PARTS))
def test_a_dose_part_no_cited_passage_backs_fails_naming_it(data_copy: Path, part: str) -> None:
    """Each number of a dose needs a passage that backs it, not just any citation."""
    file_name, programme_id, s_index, d_index = DOSE_PARTS[part]
    others = [p for p in ("sets", "amount", "load", "per_week", "exercise") if p != part]
    passage = {
        "id": "all_but_one",
        "where": "Table 9",
        "says": "Everything but one part.",
        "supports": others,
        "checked": "read",
    }
    _edit(
        data_copy / "sources.yaml",
        lambda entries: entries[0].setdefault("passages", []).append(passage),
    )
    source_id = yaml.safe_load((data_copy / "sources.yaml").read_text(encoding="utf-8"))[0]["id"]
    _edit(
        data_copy / "programmes" / file_name,
        lambda entries: next(e for e in entries if e["id"] == programme_id)["stages"][s_index][
            "doses"
        ][d_index].update(cites=[f"{source_id}/all_but_one"]),
    )
    with pytest.raises(KnowledgeError, match=rf"programme {programme_id} stage .*its {part} "):
        load_library_from(data_copy)


@pytest.mark.parametrize(
    ("where", "part"),
    [("pain_limit", "pain_limit"), ("move_on", "move_on")],
)
def test_pain_limits_and_criteria_need_a_passage_that_backs_them(
    data_copy: Path, where: str, part: str
) -> None:
    # Kongsgaard's HSR passage backs doses, neither a pain limit nor when to move on.
    ref = "kongsgaard2009_heavy_slow_resistance/hsr"

    def change(entries: list[dict[str, Any]]) -> None:
        if where == "pain_limit":
            entries[0]["pain_limit"]["cites"] = [ref]
        else:
            entries[0]["stages"][0]["move_on"]["cites"] = [ref]

    _edit(data_copy / "programmes" / "patellofemoral_pain.yaml", change)
    with pytest.raises(
        KnowledgeError, match=rf"patellofemoral_pain.* no cited passage backs its {part}"
    ):
        load_library_from(data_copy)


def test_a_passage_not_read_must_say_what_was_found(data_copy: Path) -> None:
    def change(entries: list[dict[str, Any]]) -> None:
        source = next(e for e in entries if e["id"] == "skou2017_glad")
        source["passages"][1]["found"] = ""

    _edit(data_copy / "sources.yaml", change)
    with pytest.raises(KnowledgeError, match=r"sources\.yaml entry skou2017_glad: .*not_verified"):
        load_library_from(data_copy)


def test_a_stage_planning_more_days_than_its_doses_fails(data_copy: Path) -> None:
    path = data_copy / "programmes" / "general_knee.yaml"
    _edit(path, lambda entries: entries[0]["stages"][0].update(days_per_week=5))
    with pytest.raises(KnowledgeError, match=r"general_knee stage basics: plans 5 days a week"):
        load_library_from(data_copy)


def test_every_passage_says_where_and_how_it_was_checked() -> None:
    """The packaged data: a passage never read in its source says what was found instead."""
    library = load_library()
    cited = {
        ref
        for p in library.programmes.values()
        for ref in [
            *p.pain_limit.cites,
            *(r for s in p.stages for r in s.move_on.cites),
            *(r for s in p.stages for d in s.doses for r in d.cites),
        ]
    }
    for ref in cited:
        source_id, passage_id = ref.split("/")
        passage = library.sources[source_id].passage(passage_id)
        assert passage is not None, ref
        assert passage.where.strip() and passage.says.strip(), ref
        assert passage.checked == "read" or passage.found.strip(), ref


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
