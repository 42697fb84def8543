"""The intake: what a person can tell about their knee (versions 1 and 2).

Version 1 is `shared/spec/intake-v1.md` (copied to `docs/intake-v1.md`);
version 2 (`docs/intake-v2.md`) adds what v1 could not say (`V2_ONLY`): a
swollen knee whose swelling started at an unknown time (`swollen`), "no
operation on this knee" (`had_knee_surgery`), "I don't know" (`dont_know`),
lists that name only what was mentioned (`mentioned_only`), where a limp comes
from, and the signs of an extensor or compartment injury. A document says
`"schema": "kneewise.intake/2"` to use them; without a `schema` key it is v1.

Every field is optional and absent means "unknown", never "no". Unknown keys,
wrong types, values out of range, unknown choices and answers that contradict
each other are rejected; nothing is guessed. What one answer implies is filled
in (`swelling: gradual` implies `swollen: true`), never more.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kneewise._errors import IntakeError, IntakeProblem
from kneewise._field_specs import FieldSpec as FieldSpec  # what the CLI's prompts read
from kneewise._field_specs import field_spec
from kneewise._lists import distinct
from kneewise._locations import Location as Location  # shared with the diary's pain entries
from kneewise._strict_json import DuplicateKeyError, NotANumberError, loads_strict, refused_fields

Activity = Literal[
    "running", "cycling", "football", "basketball", "volleyball", "tennis", "skiing",
    "martial_arts", "gymnastics", "dance", "weightlifting", "crossfit", "hiking",
    "swimming", "other",
]  # fmt: skip
Movement = Literal[
    "stairs_up", "stairs_down", "squatting", "kneeling", "sitting_long", "running",
    "jumping", "twisting", "walking", "downhill", "cycling",
]  # fmt: skip
Mechanism = Literal["none", "twist", "direct_blow", "fall", "landing", "hyperextension", "kneeling"]
Swelling = Literal["none", "within_2h", "within_24h", "gradual", "recurrent"]
SwellingSite = Literal["whole_knee", "over_kneecap", "back_of_knee", "below_kneecap"]
Locking = Literal["none", "intermittent", "now"]
OtherJoint = Literal["other_knee", "hands", "wrists", "feet", "big_toe", "hips", "back"]
Arthritis = Literal["none", "osteoarthritis", "rheumatoid", "gout", "other"]
LimpFrom = Literal["none", "hip", "knee", "calf", "unsure"]

INTAKE_V1 = "kneewise.intake/1"
INTAKE_V2 = "kneewise.intake/2"
SCHEMAS = (INTAKE_V1, INTAKE_V2)
# What a v1 document cannot carry; each needs `"schema": "kneewise.intake/2"`.
V2_ONLY = (
    "swollen", "had_knee_surgery", "dont_know", "not_improving", "cannot_straighten_or_lift_leg",
    "could_not_straighten_or_lift_at_first", "pain_out_of_proportion", "burning_leg_pain",
    "shin_tense_and_swollen", "pain_moving_toes", "leg_tingling", "limp_from",
    "kneecap_slipped_out", "kneecap_slipped_out_this_time", "confused_or_drowsy",
    "lump_on_bone_near_knee", "dip_by_kneecap", "kneecap_sits_higher", "kneels_a_lot",
    "recent_knee_injection", "bone_pain_one_spot", "pain_when_leg_moved",
    "sickle_cell_disease", "long_lie", "is_child", "pain_not_eased_by_painkillers",
    "bleeding_disorder", "early_bleed_signs", "head_knock", "foot_drop", "rash_not_fading",
)  # fmt: skip
SWELLING_TIMES = ("within_2h", "within_24h", "gradual", "recurrent")

Score = Annotated[int, Field(ge=0, le=10)]
NonNegative = Annotated[float, Field(ge=0)]


class Intake(BaseModel):
    """One person's answers; `None` means unknown."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)

    # The person
    age: Annotated[int, Field(ge=0, le=100)] | None = None  # years; under 1 is 0
    # v2: the person is 16 or under, when the exact age is not told: a parent's "toddler",
    # "baby", "at nursery" (round 16a). The rules for children read it only while `age` is
    # unknown: a told age always decides
    is_child: bool | None = None
    sex: Literal["female", "male"] | None = None
    height_cm: Annotated[float, Field(ge=100, le=230)] | None = None
    weight_kg: Annotated[float, Field(ge=25, le=250)] | None = None
    # Training context
    activities: list[Activity] | None = None
    load_change_pct: Annotated[float, Field(ge=-100, le=1000)] | None = None
    new_activity: bool | None = None
    days_since_session: NonNegative | None = None
    shoes_worn_or_new: bool | None = None
    flat_feet: bool | None = None
    # The complaint
    side: Literal["left", "right", "both"] | None = None
    onset: Literal["sudden", "gradual"] | None = None
    mechanism: Mechanism | None = None
    pop: bool | None = None
    duration_days: NonNegative | None = None
    pain_now: Score | None = None
    pain_worst: Score | None = None
    location: list[Location] | None = None
    worse_with: list[Movement] | None = None
    comes_on_after_distance: bool | None = None
    pain_at_rest: bool | None = None
    night_pain: bool | None = None
    # v2: the pain is no better since it started, or is getting worse
    not_improving: bool | None = None
    # What they see and feel
    swollen: bool | None = None
    swelling: Swelling | None = None
    swelling_site: SwellingSite | None = None
    warm: bool | None = None
    red: bool | None = None
    fever: bool | None = None
    unwell: bool | None = None
    # v2: newly confused, muddled or much more drowsy than usual (NICE NG51's "new altered
    # mental state"), as the person or someone with them notices it
    confused_or_drowsy: bool | None = None
    locking: Locking | None = None
    catching: bool | None = None
    giving_way: bool | None = None
    crepitus: bool | None = None
    bump_below_kneecap: bool | None = None
    # v2: a hard lump or swelling on the thigh bone above the knee or the shin bone below
    # it, other than the bump just below the kneecap (NG12's "bone swelling")
    lump_on_bone_near_knee: bool | None = None
    # v2: pain on one spot of the shin or thigh bone (tender to press there) or pain on
    # hopping on that leg: a bone stress injury's signs (Warden 2014)
    bone_pain_one_spot: bool | None = None
    # v2: a child's leg hurts (they cry, scream or pull it away) when someone else moves,
    # bends or touches it: pain on passive movement, a red feature of the Royal Cornwall
    # guideline on a child's limp (RCHT 2021), pseudoparalysis in an infected joint or bone
    pain_when_leg_moved: bool | None = None
    # v2: after a fall, on the floor for an hour or more, unable to get up (a long lie: muscle
    # breakdown, pressure damage, dehydration, cold; Fleming 2008, NHS England 2023)
    long_lie: bool | None = None
    deformity: bool | None = None
    # v2: the kneecap slipped out of place (fully or partly) and went back; `deformity`
    # is a knee that looks out of place now
    kneecap_slipped_out: bool | None = None
    # v2: it slipped out in the injury or flare-up checked now (False: only long before it)
    kneecap_slipped_out_this_time: bool | None = None
    bruising: bool | None = None
    # What they can do (Ottawa knee rule)
    can_walk_4_steps: bool | None = None
    walked_right_after: bool | None = None
    can_bend_90: bool | None = None
    tender_kneecap: bool | None = None
    tender_fibula_head: bool | None = None
    # v2: straightening the knee and lifting the straight leg (the straight-leg raise)
    cannot_straighten_or_lift_leg: bool | None = None
    could_not_straighten_or_lift_at_first: bool | None = None
    # v2: the signs of a torn tendon of the extensor: a dip (gap) just above or just below the
    # kneecap, and a kneecap sitting higher than the other one (a torn kneecap tendon)
    dip_by_kneecap: bool | None = None
    kneecap_sits_higher: bool | None = None
    # v2: kneeling a lot is a habit (work, home, sport), not an injury: "no injury" never denies it
    kneels_a_lot: bool | None = None
    # Elsewhere in the body
    calf_swelling: bool | None = None
    breathless_or_chest_pain: bool | None = None
    foot_numb_or_cold: bool | None = None
    # v2: the foot flops and cannot be lifted (foot drop): the nerve beside the knee, hurt
    # with the artery in a knee dislocation (Medina 2014). A field of its own, so a foot told
    # warm and not numb leaves it asked (round 17d)
    foot_drop: bool | None = None
    back_pain: bool | None = None
    shooting_leg_pain: bool | None = None
    saddle_numbness_or_bladder: bool | None = None
    hip_pain_or_limp: bool | None = None
    # v2: where a limp comes from, as the person feels it ("none": not limping)
    limp_from: LimpFrom | None = None
    other_joints: list[OtherJoint] | None = None
    morning_stiffness_min: NonNegative | None = None
    dark_urine: bool | None = None
    muscles_very_swollen: bool | None = None
    # v2: what a person can notice of pressure building up in the leg's muscles
    pain_out_of_proportion: bool | None = None
    burning_leg_pain: bool | None = None
    shin_tense_and_swollen: bool | None = None
    pain_moving_toes: bool | None = None
    leg_tingling: bool | None = None
    weight_loss: bool | None = None
    # History
    previous_injury: bool | None = None
    had_knee_surgery: bool | None = None
    weeks_since_surgery: NonNegative | None = None
    wound: bool | None = None
    gout_history: bool | None = None
    arthritis: Arthritis | None = None
    immunosuppressed: bool | None = None
    # v2: sickle cell disease (HbSS, HbSC, sickle beta thalassaemia), never the trait: the
    # spleen stops working early in life, so a fever can be a serious infection (NHS sickle
    # cell guidance: a temperature of 38 C or more needs a doctor at once)
    sickle_cell_disease: bool | None = None
    # v2: a rash of red or purple spots or blotches that does not fade when pressed (a glass
    # pressed on it): with a fever or feeling ill it can be meningococcal disease or sepsis,
    # an emergency at any age (NICE NG240, 2024; NICE NG143: a red feature in under 5s)
    rash_not_fading: bool | None = None
    # v2: the painkillers the person has at home do not ease the pain (asked with sickle cell
    # disease: a painful crisis they do not control needs the hospital, NICE CG143)
    pain_not_eased_by_painkillers: bool | None = None
    # v2: a needle into this knee in the last 4 months (an injection, or fluid drawn off):
    # a way in for germs (septic arthritis after a joint injection, Mueller 2026: 1-16 weeks)
    recent_knee_injection: bool | None = None
    long_travel_or_immobile: bool | None = None
    anticoagulants: bool | None = None
    # v2: an inherited bleeding disorder (haemophilia A or B, von Willebrand disease, another
    # clotting factor deficiency): a knee swollen after an injury is a joint bleed to treat with
    # clotting factor at once, ideally within 2 hours (WFH guidelines 2020)
    bleeding_disorder: bool | None = None
    # v2: a joint bleed's first signs in the knee, before it swells: a tingling, bubbling or
    # warm feeling inside it, or newly tight or stiff and not moving as far; with a bleeding
    # disorder, treat at once (WFH guidelines 2020: at the "aura", not after the swelling)
    early_bleed_signs: bool | None = None
    # v2: the head hit or banged in this fall or injury: on a blood thinner, a CT head scan
    # within 8 hours of it (NICE NG232, 2023)
    head_knock: bool | None = None
    # Questions the person was asked and answered "I don't know".
    dont_know: list[str] = []
    # List fields that hold only what the person happened to mention (in their own
    # words), not everything that applies: what is not listed stays unknown.
    mentioned_only: list[str] = []

    @model_validator(mode="before")
    @classmethod
    def _implied(cls, data: Any) -> Any:
        """Fill in what an answer says by itself: a swelling time means swollen, and so on."""
        if not isinstance(data, Mapping):
            return data
        given = dict(data)
        for name, value in given.items():  # a list of answers says each thing once
            if isinstance(value, list):
                given[name] = list(distinct(value))
        swelling, site = given.get("swelling"), given.get("swelling_site")
        if given.get("swollen") is None:
            if swelling == "none":
                given["swollen"] = False
            elif swelling in SWELLING_TIMES or site is not None:
                given["swollen"] = True
        elif given["swollen"] is False and swelling is None:
            given["swelling"] = "none"
        if given.get("had_knee_surgery") is None and given.get("weeks_since_surgery") is not None:
            given["had_knee_surgery"] = True
        if given.get("kneecap_slipped_out") is None and given.get("kneecap_slipped_out_this_time"):
            given["kneecap_slipped_out"] = True  # it came out this time: it came out
        # A limp from the hip is hip trouble; a limp from elsewhere says nothing about
        # the hip. "No hip pain and no limp" (any limp counts) is not limping.
        if given.get("hip_pain_or_limp") is None and given.get("limp_from") == "hip":
            given["hip_pain_or_limp"] = True
        elif given.get("hip_pain_or_limp") is False and given.get("limp_from") is None:
            given["limp_from"] = "none"
        return given

    @model_validator(mode="after")
    def _consistent(self) -> Intake:
        problems = [f"{name}: {why}" for name, why in contradictions(self)]
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def known(self) -> dict[str, Any]:
        """The fields the person answered (or that an answer implies), by name.

        A `mentioned_only` list comes back as `Mentioned`, so a test for an item it
        lacks is unknown rather than false (engine/logic.py).
        """
        # `model_dump(exclude_none=True, exclude=_NOT_ANSWERS)`, lists copied, read directly.
        known = {
            name: value[:] if type(value) is list else value
            for name, value in self.__dict__.items()
            if value is not None and name not in _NOT_ANSWERS
        }
        for name in self.mentioned_only:
            if isinstance(known.get(name), list):  # anything else is refused as a contradiction
                known[name] = Mentioned(known[name])
        return known


_NOT_ANSWERS = frozenset({"dont_know", "mentioned_only"})


class Mentioned(list[str]):
    """A list answer that names only what was mentioned: absence from it is not a no."""


def contradictions(intake: Intake) -> list[tuple[str, str]]:
    """(field, why) for each pair of answers that cannot both be true."""
    found: list[tuple[str, str]] = []
    if intake.swollen is True and intake.swelling == "none":
        found.append(("swelling", "is 'none' but swollen is true"))
    if intake.swollen is False and intake.swelling not in (None, "none"):
        found.append(("swelling", f"is {intake.swelling!r} but swollen is false"))
    if intake.swollen is False and intake.swelling_site is not None:
        found.append(("swelling_site", "is given but swollen is false"))
    if intake.had_knee_surgery is False and intake.weeks_since_surgery is not None:
        found.append(("weeks_since_surgery", "is given but had_knee_surgery is false"))
    if intake.kneecap_slipped_out is False and intake.kneecap_slipped_out_this_time is not None:
        found.append(("kneecap_slipped_out_this_time", "is given but kneecap_slipped_out is false"))
    if intake.hip_pain_or_limp is False and intake.limp_from not in (None, "none"):
        found.append(("limp_from", f"is {intake.limp_from!r} but hip_pain_or_limp is false"))
    known = intake.known()
    for name in intake.mentioned_only:
        spec = INTAKE_FIELDS.get(name)
        if spec is None or spec.kind != "choices":
            found.append(("mentioned_only", f"names {name!r}, which is not a list field"))
        elif name not in known:
            found.append(("mentioned_only", f"names {name!r}, which is not answered"))
    for name in intake.dont_know:
        if name not in INTAKE_FIELDS:
            found.append(("dont_know", f"names {name!r}, which is not an intake field"))
        elif name in known:
            found.append(
                ("dont_know", f"names {name!r}, which is answered (or implied by an answer)")
            )
    return found


INTAKE_FIELDS: dict[str, FieldSpec] = {
    name: field_spec(Intake, name)
    for name in Intake.model_fields
    if name not in ("dont_know", "mentioned_only")
}


def _problem(error: Mapping[str, Any]) -> list[IntakeProblem]:
    location = [str(part) for part in error.get("loc", ())]
    if not location:  # contradictions between answers: "field: why", one per line
        message = str(error.get("ctx", {}).get("error", error.get("msg", "")))
        return [
            IntakeProblem(field=part.split(":")[0].strip(), message=part.strip())
            for part in message.splitlines()
        ]
    name = location[0]
    got = error.get("input")
    if error.get("type") == "extra_forbidden":
        return [
            IntakeProblem(
                field=name,
                message=f"unknown field {name!r}; see docs/intake-v2.md for the fields "
                "kneewise reads",
            )
        ]
    spec = INTAKE_FIELDS.get(name)
    if spec is not None:
        allowed = spec.allowed()
    elif name in ("dont_know", "mentioned_only"):
        allowed = "a list of intake field names"
    else:
        allowed = "see docs/intake-v2.md"
    where = name + "".join(f"[{p}]" for p in location[1:])
    return [
        IntakeProblem(
            field=name, message=f"{where}: got {json.dumps(got, default=str)}, allowed: {allowed}"
        )
    ]


def parse_intake(data: object, *, schema: str = INTAKE_V1) -> Intake:
    """Validate a decoded JSON object as an intake; raise IntakeError listing every problem.

    The object's own `schema` key says which version it is; `schema` is the
    version assumed when it has none (v1 for documents, v2 for the answers the
    interview and the web check collect).
    """
    if not isinstance(data, Mapping):
        kind = type(data).__name__
        raise IntakeError(
            [IntakeProblem(field="(intake)", message=f"expected an object, got {kind}")]
        )
    fields = dict(data)
    version = fields.pop("schema", schema)
    if version not in SCHEMAS:
        got = json.dumps(version, default=str)
        message = f"schema: got {got}, allowed: {' or '.join(SCHEMAS)}"
        raise IntakeError([IntakeProblem(field="schema", message=message)])
    if version == INTAKE_V1:
        newer = [name for name in V2_ONLY if name in fields]
        if newer:
            raise IntakeError(
                [
                    IntakeProblem(
                        field=name,
                        message=f"{name} is an intake v2 field: add "
                        f'"schema": "{INTAKE_V2}" (docs/intake-v2.md)',
                    )
                    for name in newer
                ]
            )
    try:
        return Intake.model_validate(fields)
    except ValidationError as error:
        problems = [p for e in error.errors() for p in _problem(e)]
        raise IntakeError(problems) from None


def parse_intake_json(text: str) -> Intake:
    """Decode and validate intake JSON text (v1, or v2 with its `schema` key)."""
    if not text.strip():
        message = "the intake is empty: it is one JSON object, {} at the least"
        raise IntakeError([IntakeProblem(field="(json)", message=message)])
    try:
        data = loads_strict(text)
    except (DuplicateKeyError, NotANumberError) as error:
        found = refused_fields(text, error)
        raise IntakeError([IntakeProblem(field=f, message=m) for f, m in found]) from None
    except RecursionError:
        problem = IntakeProblem(field="(json)", message="not an intake: nested too deeply")
        raise IntakeError([problem]) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        problem = IntakeProblem(field="(json)", message=f"not valid JSON at {where}: {error.msg}")
        raise IntakeError([problem]) from None
    return parse_intake(data)
