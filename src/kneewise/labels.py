"""Plain words for every intake field and choice: the one place screens take them from.

The terminal, the web pages and the reports show a person what was said in
words a worried 16-year-old or a 70-year-old understands, never a field name
(`duration_days`) or a stored choice (`within_2h`). A field's label is its
question's `short` phrase in the knowledge base when it has one, else the
short label below; a choice's label is below. Both tables are complete for
the intake (tests/cli/test_labels.py checks every field and every choice),
so a new field or choice without words fails a test rather than showing a code.

Pure: nothing here reads a file; the knowledge base is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kneewise.knowledge.model import KnowledgeBase

# Short labels for lists and tables ("what kneewise understood"), one per intake field.
FIELD_LABELS: Mapping[str, str] = {
    "age": "Age",
    "sex": "Sex",
    "height_cm": "Height",
    "weight_kg": "Weight",
    "activities": "Sports",
    "load_change_pct": "Change in weekly training",
    "new_activity": "New sport or back after a break",
    "days_since_session": "Days since the session that set it off",
    "shoes_worn_or_new": "Worn-out or brand-new shoes",
    "flat_feet": "Flat feet",
    "side": "Which knee",
    "onset": "How the pain started",
    "mechanism": "What happened when it started",
    "pop": "A pop when it happened",
    "duration_days": "How long you have had it",
    "pain_now": "Pain now",
    "pain_worst": "Worst pain in the last day",
    "location": "Where it hurts",
    "worse_with": "What makes it worse",
    "comes_on_after_distance": "Starts after a certain distance or time",
    "pain_at_rest": "Pain at rest",
    "night_pain": "Pain at night",
    "not_improving": "No better or getting worse",
    "swollen": "Swollen knee",
    "swelling": "When the swelling started",
    "swelling_site": "Where it is swollen",
    "warm": "Knee hot to touch",
    "red": "Red skin over the knee",
    "fever": "Fever of 38 °C or more",
    "unwell": "Feeling generally ill",
    "locking": "Knee gets stuck",
    "catching": "Catches or clicks painfully",
    "giving_way": "Gives way or feels unstable",
    "crepitus": "Crunches or grinds",
    "bump_below_kneecap": "Tender bony lump below the kneecap",
    "deformity": "Knee or kneecap looks out of place",
    "bruising": "Bruising",
    "can_walk_4_steps": "Can take four steps now",
    "walked_right_after": "Could take four steps right after",
    "can_bend_90": "Can bend the knee to a right angle",
    "tender_kneecap": "Only the kneecap sore to press",
    "tender_fibula_head": "Bony knob below the outer knee sore to press",
    "cannot_straighten_or_lift_leg": "Cannot straighten the knee or lift the straight leg now",
    "could_not_straighten_or_lift_at_first": "Could not straighten or lift the leg at first",
    "calf_swelling": "Swollen or tender calf",
    "breathless_or_chest_pain": "New breathlessness or chest pain",
    "foot_numb_or_cold": "Foot numb, pale or cold",
    "back_pain": "Low back pain",
    "shooting_leg_pain": "Pain shooting down the leg",
    "saddle_numbness_or_bladder": "Numbness between the legs or new bladder or bowel trouble",
    "hip_pain_or_limp": "Hip or groin pain, or a limp",
    "limp_from": "Where the limp comes from",
    "other_joints": "Other painful or swollen joints",
    "morning_stiffness_min": "Stiffness after getting up",
    "dark_urine": "Urine dark like tea or cola",
    "muscles_very_swollen": "Thigh or calf muscles hugely swollen",
    "pain_out_of_proportion": "Pain far worse than the injury explains",
    "burning_leg_pain": "Deep burning or bursting pain in the leg",
    "shin_tense_and_swollen": "Front of the shin swollen and tight",
    "pain_moving_toes": "Moving the toes makes the pain much worse",
    "leg_tingling": "Pins and needles in the lower leg or foot",
    "weight_loss": "Losing weight without trying",
    "previous_injury": "Hurt this knee before",
    "had_knee_surgery": "An operation on this knee",
    "weeks_since_surgery": "Time since the operation",
    "wound": "A cut or wound near the knee",
    "gout_history": "Gout attacks before",
    "arthritis": "Arthritis a doctor told you of",
    "immunosuppressed": "Weak immune system or medicines that weaken it",
    "long_travel_or_immobile": "Long journey, plaster cast or days in bed",
    "anticoagulants": "Taking blood thinners",
}

# Words for each stored choice, by field: what a person would say.
CHOICE_LABELS: Mapping[str, Mapping[str, str]] = {
    "sex": {"female": "female", "male": "male"},
    "side": {"left": "the left knee", "right": "the right knee", "both": "both knees"},
    "onset": {"sudden": "suddenly, at one moment", "gradual": "gradually"},
    "activities": {
        "running": "running", "cycling": "cycling", "football": "football",
        "basketball": "basketball", "volleyball": "volleyball", "tennis": "tennis",
        "skiing": "skiing", "martial_arts": "martial arts", "gymnastics": "gymnastics",
        "dance": "dance", "weightlifting": "weightlifting", "crossfit": "CrossFit",
        "hiking": "hiking", "swimming": "swimming", "other": "another sport",
    },
    "mechanism": {
        "none": "nothing happened", "twist": "a twist, turning on a planted foot",
        "direct_blow": "a blow to the knee", "fall": "a fall",
        "landing": "landing from a jump", "hyperextension": "the knee bent backwards too far",
        "kneeling": "kneeling",
    },
    "location": {
        "front": "the front of the knee", "kneecap": "the kneecap",
        "below_kneecap": "just below the kneecap", "above_kneecap": "just above the kneecap",
        "inner": "the inner side", "outer": "the outer side", "back": "the back of the knee",
        "whole": "the whole knee", "calf": "the calf", "thigh": "the thigh",
    },
    "worse_with": {
        "stairs_up": "going up stairs", "stairs_down": "going down stairs",
        "squatting": "squatting", "kneeling": "kneeling",
        "sitting_long": "sitting for a long time", "running": "running",
        "jumping": "jumping", "twisting": "twisting or turning", "walking": "walking",
        "downhill": "going downhill", "cycling": "cycling",
    },
    "swelling": {
        "none": "not swollen", "within_2h": "within 2 hours of the injury",
        "within_24h": "within a day", "gradual": "slowly, over days",
        "recurrent": "it comes and goes",
    },
    "swelling_site": {
        "whole_knee": "the whole knee", "over_kneecap": "over the kneecap",
        "back_of_knee": "behind the knee", "below_kneecap": "just below the kneecap",
    },
    "locking": {
        "none": "never", "intermittent": "now and then, and it comes free",
        "now": "it is stuck right now",
    },
    "limp_from": {
        "none": "not limping", "hip": "the hip", "knee": "the knee", "calf": "the calf",
        "unsure": "not sure",
    },
    "other_joints": {
        "other_knee": "the other knee", "hands": "hands", "wrists": "wrists", "feet": "feet",
        "big_toe": "a big toe", "hips": "hips", "back": "the back",
    },
    "arthritis": {
        "none": "no", "osteoarthritis": "osteoarthritis (wear and tear)",
        "rheumatoid": "rheumatoid arthritis", "gout": "gout", "other": "another kind",
    },
}  # fmt: skip

# The unit a number is said in, singular and plural (`None`: say the number alone).
UNITS: Mapping[str, tuple[str, str]] = {
    "age": ("year", "years"),
    "height_cm": ("cm", "cm"),
    "weight_kg": ("kg", "kg"),
    "days_since_session": ("day ago", "days ago"),
    "duration_days": ("day", "days"),
    "pain_now": ("out of 10", "out of 10"),
    "pain_worst": ("out of 10", "out of 10"),
    "morning_stiffness_min": ("minute", "minutes"),
    "weeks_since_surgery": ("week ago", "weeks ago"),
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
