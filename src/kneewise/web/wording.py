"""The words a person sees for every field and choice: one place, used by every page.

`field_label(name)` names a field in a list or a message ("How long it has
hurt", never `duration_days`); `choice_label(field, value)` names one of its
choices ("Bent backwards too far", never `hyperextension`); `answer(field,
value)` says an answer in words ("2 days", "Yes", "Kneecap, below the
kneecap"). Intake fields are all listed here (a test walks `INTAKE_FIELDS`
and fails on one without words); diary fields use the diary's own labels
(`kneewise.diary.records.LABELS`), so a message names them as the form does.

Labels are short phrases a worried 16-year-old or a 70-year-old reads at a
glance; the full question, help and rationale stay in
`knowledge/data/questions.yaml`.
"""

from __future__ import annotations

from collections.abc import Mapping

from kneewise.diary.records import LABELS as DIARY_LABELS

#: Every intake field, as a short phrase for lists ("what kneewise understood", "you told us").
FIELD_LABELS: Mapping[str, str] = {
    "age": "Age",
    "sex": "Sex",
    "height_cm": "Height",
    "weight_kg": "Weight",
    "activities": "Sports",
    "load_change_pct": "Change in training lately",
    "new_activity": "A new sport or exercise lately",
    "days_since_session": "Time since the session it started after",
    "shoes_worn_or_new": "Worn-out or new shoes",
    "flat_feet": "Flat feet",
    "side": "Which knee",
    "onset": "How it started",
    "mechanism": "What happened when it started",
    "pop": "A pop when it happened",
    "duration_days": "How long it has hurt",
    "pain_now": "Pain now (0–10)",
    "pain_worst": "Worst pain (0–10)",
    "location": "Where it hurts",
    "worse_with": "What makes it worse",
    "comes_on_after_distance": "Comes on after a certain distance",
    "pain_at_rest": "Pain at rest",
    "night_pain": "Pain at night",
    "not_improving": "Not getting better",
    "swollen": "Swollen",
    "swelling": "When the swelling started",
    "swelling_site": "Where it is swollen",
    "warm": "Knee feels warm",
    "red": "Knee looks red",
    "fever": "Fever",
    "unwell": "Feeling ill",
    "locking": "Knee locks (gets stuck)",
    "catching": "Catches or clicks painfully",
    "giving_way": "Knee gives way",
    "crepitus": "Grinding or crunching",
    "bump_below_kneecap": "A bump below the kneecap",
    "deformity": "Knee or kneecap looks out of place",
    "bruising": "Bruising",
    "can_walk_4_steps": "Can take four steps now",
    "walked_right_after": "Could take four steps right after",
    "can_bend_90": "Can bend the knee to a right angle",
    "tender_kneecap": "Only the kneecap hurts when pressed",
    "tender_fibula_head": "The bony knob on the outer side hurts when pressed",
    "cannot_straighten_or_lift_leg": "Cannot straighten the knee or lift the straight leg",
    "could_not_straighten_or_lift_at_first": "Could not straighten or lift the leg at first",
    "calf_swelling": "One calf swollen, tight or tender",
    "breathless_or_chest_pain": "Short of breath or chest pain",
    "foot_numb_or_cold": "Foot numb, pale or cold",
    "back_pain": "Back pain",
    "shooting_leg_pain": "Pain shooting down the leg",
    "saddle_numbness_or_bladder": "Numb between the legs, or new toilet trouble",
    "hip_pain_or_limp": "Hip pain or a limp",
    "limp_from": "Where the limp comes from",
    "other_joints": "Other painful or swollen joints",
    "morning_stiffness_min": "Stiffness in the morning",
    "dark_urine": "Dark, cola-coloured urine",
    "muscles_very_swollen": "Thigh or calf muscles hugely swollen and hard",
    "pain_out_of_proportion": "Pain far worse than the injury looks",
    "burning_leg_pain": "Burning pain in the lower leg",
    "shin_tense_and_swollen": "Shin tense and swollen",
    "pain_moving_toes": "Pain when the toes are moved",
    "leg_tingling": "Tingling or pins and needles in the leg",
    "weight_loss": "Losing weight without trying",
    "previous_injury": "Hurt this knee before",
    "had_knee_surgery": "An operation on this knee",
    "weeks_since_surgery": "Time since the operation",
    "wound": "A cut or wound near the knee",
    "gout_history": "Gout before",
    "arthritis": "Arthritis",
    "immunosuppressed": "Weak immune system or medicines that lower it",
    "long_travel_or_immobile": "Long journey, cast or days in bed lately",
    "anticoagulants": "Takes blood thinners",
}

#: Every choice of every choice field, in words; `none` is said for its field.
CHOICE_LABELS: Mapping[str, Mapping[str, str]] = {
    "sex": {"female": "Female", "male": "Male"},
    "activities": {
        "running": "Running", "cycling": "Cycling", "football": "Football",
        "basketball": "Basketball", "volleyball": "Volleyball", "tennis": "Tennis",
        "skiing": "Skiing", "martial_arts": "Martial arts", "gymnastics": "Gymnastics",
        "dance": "Dance", "weightlifting": "Weightlifting", "crossfit": "CrossFit",
        "hiking": "Hiking", "swimming": "Swimming", "other": "Another sport",
    },
    "side": {"left": "Left", "right": "Right", "both": "Both"},
    "onset": {"sudden": "Suddenly, at one moment", "gradual": "Gradually"},
    "mechanism": {
        "none": "Nothing happened",
        "twist": "A twist (turning on a planted foot)",
        "direct_blow": "A knock or kick to the knee",
        "fall": "A fall",
        "landing": "Landing from a jump",
        "hyperextension": "Knee bent backwards too far",
        "kneeling": "Kneeling",
    },
    "location": {
        "front": "Front of the knee", "kneecap": "The kneecap",
        "below_kneecap": "Below the kneecap", "above_kneecap": "Above the kneecap",
        "inner": "Inner side", "outer": "Outer side", "back": "Back of the knee",
        "whole": "The whole knee", "calf": "The calf", "thigh": "The thigh",
    },
    "worse_with": {
        "stairs_up": "Going up stairs", "stairs_down": "Going down stairs",
        "squatting": "Squatting", "kneeling": "Kneeling",
        "sitting_long": "Sitting for a long time", "running": "Running", "jumping": "Jumping",
        "twisting": "Twisting or turning", "walking": "Walking", "downhill": "Going downhill",
        "cycling": "Cycling",
    },
    "swelling": {
        "none": "No swelling",
        "within_2h": "Within 2 hours",
        "within_24h": "Within a day, after more than 2 hours",
        "gradual": "Slowly, over days",
        "recurrent": "It comes and goes",
    },
    "swelling_site": {
        "whole_knee": "The whole knee", "over_kneecap": "Over the kneecap",
        "back_of_knee": "Behind the knee", "below_kneecap": "Below the kneecap",
    },
    "locking": {
        "none": "Never gets stuck",
        "intermittent": "Gets stuck now and then",
        "now": "Stuck now: it will not straighten",
    },
    "limp_from": {
        "none": "No limp", "hip": "The hip", "knee": "The knee", "calf": "The calf",
        "unsure": "Not sure",
    },
    "other_joints": {
        "other_knee": "The other knee", "hands": "Hands", "wrists": "Wrists", "feet": "Feet",
        "big_toe": "Big toe", "hips": "Hips", "back": "Back",
    },
    "arthritis": {
        "none": "No arthritis", "osteoarthritis": "Osteoarthritis (wear and tear)",
        "rheumatoid": "Rheumatoid arthritis", "gout": "Gout", "other": "Another kind",
    },
}  # fmt: skip

#: Numbers with their unit: (one, several).
UNITS: Mapping[str, tuple[str, str]] = {
    "age": ("year", "years"),
    "height_cm": ("cm", "cm"),
    "weight_kg": ("kg", "kg"),
    "load_change_pct": ("%", "%"),
    "days_since_session": ("day", "days"),
    "duration_days": ("day", "days"),
    "pain_now": ("out of 10", "out of 10"),
    "pain_worst": ("out of 10", "out of 10"),
    "morning_stiffness_min": ("minute", "minutes"),
    "weeks_since_surgery": ("week", "weeks"),
}

#: The pages' own form fields, named as their labels say.
FORM_LABELS: Mapping[str, str] = {
    "text": "Your words",
    "number": "Emergency number",
    "confirm": "Confirmation word",
    "weeks": "Weeks shown",
    "start": "From",
    "end": "To",
    "state": "Your answers so far",
}


def field_label(name: object) -> str:
    """A field as a person reads it: intake, diary or form field; else its name in words."""
    key = str(name)
    for labels in (FIELD_LABELS, DIARY_LABELS, FORM_LABELS):
        if key in labels:
            return labels[key]
    return key.replace("_", " ")


def choice_label(field: str, value: object) -> str:
    """One choice of a field in words (`direct_blow` of `mechanism` → "A knock or kick…")."""
    text = str(value)
    return CHOICE_LABELS.get(field, {}).get(text) or text.replace("_", " ")


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def answer(field: str, value: object) -> str:
    """An answer in words: Yes, No, "2 days", a choice's label, or choices joined by commas."""
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, int | float):
        one, several = UNITS.get(field, ("", ""))
        unit = one if value == 1 else several
        return f"{_number(value)} {unit}".strip()
    if isinstance(value, list | tuple):
        if not value:
            return "None of these"
        return ", ".join(choice_label(field, v) for v in value)
    return choice_label(field, value)
