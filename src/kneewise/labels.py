"""Plain words for every intake field and choice: the one place screens take them from.

The terminal, the web pages and the reports show a person what was said in
words a worried 16-year-old or a 70-year-old understands, never a field name
(`duration_days`) or a stored choice (`within_2h`). A field's label is its
question's `short` phrase in the knowledge base when it has one, else the
short label below; a choice's label is below. Both tables are complete for
the intake (tests/cli/test_labels.py checks every field and every choice),
so a new field or choice without words fails a test rather than showing a code.
The web pages (`web/wording.py`) take their words from here too.

The diary's fields (a session, a pain entry, the profile) are a different
thing with their own names (`DIARY_LABELS`); where a diary field is the same
as an intake field (age, sex, height, weight, where it hurts) its words are
taken from the intake table, so no word is written twice.

Pure: nothing here reads a file; the knowledge base is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

# For annotations only: the diary's records read DIARY_LABELS on every `kneewise log`,
# which need not build the knowledge base's models (issue #11).
if TYPE_CHECKING:
    from kneewise.knowledge.model import KnowledgeBase

# Short labels for lists and tables ("what kneewise understood"), one per intake field.
FIELD_LABELS: Mapping[str, str] = {
    "age": "Age",
    "is_child": "16 or under",
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
    "confused_or_drowsy": "Newly confused or very drowsy",
    "locking": "Knee locks (gets stuck)",
    "catching": "Catches or clicks painfully",
    "giving_way": "Knee gives way",
    "crepitus": "Grinding or crunching",
    "bump_below_kneecap": "A bump below the kneecap",
    "lump_on_bone_near_knee": "A hard lump on the bone above or below the knee",
    "bone_pain_one_spot": "Pain on one spot of the shin or thigh bone, or on hopping",
    "pain_when_leg_moved": "The leg hurts when someone else moves or touches it (a child)",
    "long_lie": "On the floor an hour or more after a fall, unable to get up",
    "deformity": "Knee or kneecap looks out of place",
    "kneecap_slipped_out": "Kneecap slipped out of place and went back",
    "kneecap_slipped_out_this_time": "Kneecap slipped out in this injury or flare-up",
    "bruising": "Bruising",
    "can_walk_4_steps": "Can take four steps now",
    "walked_right_after": "Could take four steps right after",
    "can_bend_90": "Can bend the knee to a right angle",
    "tender_kneecap": "Only the kneecap hurts when pressed",
    "tender_fibula_head": "The bony knob on the outer side hurts when pressed",
    "cannot_straighten_or_lift_leg": "Cannot straighten the knee or lift the straight leg",
    "dip_by_kneecap": "A dip or gap just above or below the kneecap",
    "kneecap_sits_higher": "Kneecap sits higher than on the other knee",
    "kneels_a_lot": "Kneels a lot, at work, at home or in sport",
    "could_not_straighten_or_lift_at_first": "Could not straighten or lift the leg at first",
    "calf_swelling": "One calf swollen, tight or tender",
    "breathless_or_chest_pain": "Short of breath or chest pain",
    "foot_numb_or_cold": "Foot numb, pale or cold",
    "foot_drop": "Foot flops and cannot be lifted",
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
    "sickle_cell_disease": "Sickle cell disease",
    "rash_not_fading": "A rash that does not fade when pressed",
    "pain_not_eased_by_painkillers": "Pain not eased by the painkillers you have at home",
    "recent_knee_injection": "Injection into the knee or fluid drained from it lately",
    "long_travel_or_immobile": "Long journey, cast or days in bed lately",
    "anticoagulants": "Takes blood thinners",
    "bleeding_disorder": "Haemophilia or another bleeding disorder",
    "early_bleed_signs": "Tingling, bubbling or warmth inside the knee, or newly tight or stiff",
    "head_knock": "Hit the head in the fall or injury",
}

# Words for each stored choice, by field: what a person would say.
CHOICE_LABELS: Mapping[str, Mapping[str, str]] = {
    "sex": {
        "female": "Female",
        "male": "Male",
    },
    "activities": {
        "running": "Running",
        "cycling": "Cycling",
        "football": "Football",
        "basketball": "Basketball",
        "volleyball": "Volleyball",
        "tennis": "Tennis",
        "skiing": "Skiing",
        "martial_arts": "Martial arts",
        "gymnastics": "Gymnastics",
        "dance": "Dance",
        "weightlifting": "Weightlifting",
        "crossfit": "CrossFit",
        "hiking": "Hiking",
        "swimming": "Swimming",
        "other": "Another sport",
    },
    "side": {
        "left": "Left",
        "right": "Right",
        "both": "Both",
    },
    "onset": {
        "sudden": "Suddenly, at one moment",
        "gradual": "Gradually",
    },
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
        "front": "Front of the knee",
        "kneecap": "The kneecap",
        "below_kneecap": "Below the kneecap",
        "above_kneecap": "Above the kneecap",
        "inner": "Inner side",
        "outer": "Outer side",
        "back": "Back of the knee",
        "whole": "The whole knee",
        "calf": "The calf",
        "thigh": "The thigh",
    },
    "worse_with": {
        "stairs_up": "Going up stairs",
        "stairs_down": "Going down stairs",
        "squatting": "Squatting",
        "kneeling": "Kneeling",
        "sitting_long": "Sitting for a long time",
        "running": "Running",
        "jumping": "Jumping",
        "twisting": "Twisting or turning",
        "walking": "Walking",
        "downhill": "Going downhill",
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
        "whole_knee": "The whole knee",
        "over_kneecap": "Over the kneecap",
        "back_of_knee": "Behind the knee",
        "below_kneecap": "Below the kneecap",
    },
    "locking": {
        "none": "Never gets stuck",
        "intermittent": "Gets stuck now and then",
        "now": "Stuck now: it will not straighten",
    },
    "limp_from": {
        "none": "No limp",
        "hip": "The hip",
        "knee": "The knee",
        "calf": "The calf",
        "unsure": "Not sure",
    },
    "other_joints": {
        "other_knee": "The other knee",
        "hands": "Hands",
        "wrists": "Wrists",
        "feet": "Feet",
        "big_toe": "Big toe",
        "hips": "Hips",
        "back": "Back",
    },
    "arthritis": {
        "none": "No arthritis",
        "osteoarthritis": "Osteoarthritis (wear and tear)",
        "rheumatoid": "Rheumatoid arthritis",
        "gout": "Gout",
        "other": "Another kind",
    },
}

#: What each diary field (session, exercise, pain entry, profile) is called on a screen
#: and in every message about it; `kneewise.diary.records.LABELS` is this table.
DIARY_LABELS: Mapping[str, str] = {
    "date": "Date",
    "activity": "Activity",
    "duration_min": "Duration",
    "rpe": "Effort (RPE)",
    "distance_km": "Distance",
    "notes": "Notes",
    "start_time": "Start time",
    "name": "Exercise",
    "sets": "Sets",
    "reps": "Reps",
    "load_kg": "Weight lifted",
    "knee": "Knee",
    "during": "Pain during activity",
    "after": "Pain after activity",
    "next_morning": "Pain the next morning",
    "swelling": "Swelling",  # a diary entry's yes/no, not the intake's timing of it
    "stiffness_min": "Morning stiffness",
    "sports": "Sports",
    "distance_unit": "Distance unit",
    "temperature_unit": "Temperature unit",
    "time_zone": "Time zone",
    # the same things as the intake asks about: the intake's words
    **{
        name: FIELD_LABELS[name]
        for name in ("location", "night_pain", "age", "sex", "height_cm", "weight_kg")
    },
}

# The unit a number is said in, singular and plural.
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


def field_label(name: str, kb: KnowledgeBase | None = None) -> str:
    """A short label for an intake field: its question's `short` phrase, else the table.

    An unknown name (never an intake field) comes back with its underscores
    as spaces, so nothing on a screen is a raw code even then.
    """
    if kb is not None:
        short = next((q.short for q in kb.questions if q.field == name and q.short), "")
        if short:
            return short
    return FIELD_LABELS.get(name) or name.replace("_", " ")


def field_question(name: str, kb: KnowledgeBase) -> str:
    """The question kneewise asks for a field, as the knowledge base words it."""
    return next((q.text for q in kb.questions if q.field == name), field_label(name, kb))


def choice_label(name: str, value: str) -> str:
    """The words for one stored choice of a field (`swelling`, `within_2h` → "within 2 hours…")."""
    return CHOICE_LABELS.get(name, {}).get(value) or value.replace("_", " ")


def words_list(items: Iterable[str]) -> str:
    """Items as words separated by commas ("running, football"), never a Python list."""
    return ", ".join(items)


def _number(name: str, value: float) -> str:
    shown = f"{value:g}"
    if name == "load_change_pct":
        return f"{abs(value):g}% {'more' if value > 0 else 'less'}" if value else "no change"
    singular, plural = UNITS.get(name, ("", ""))
    unit = singular if value == 1 else plural
    return f"{shown} {unit}".strip()


def answer_words(name: str, value: Any) -> str:
    """An answer as a person would say it: yes/no, choices in words, numbers with units.

    An empty list is "none of these"; `None` is "not known" (it is never "no").
    """
    if value is None:
        return "not known"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return _number(name, float(value))
    if isinstance(value, str):
        return choice_label(name, value)
    if isinstance(value, Iterable):
        items = [choice_label(name, str(item)) for item in value]
        return words_list(items) if items else "none of these"
    return str(value)
