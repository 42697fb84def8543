"""The person's story in plain words: who they are and what they told kneewise.

Written for a doctor reading the report in a minute: the profile first, then
the complaint from the latest assessment's intake, then anything else the
person answered, each as a short sentence. Unanswered fields are left out:
absent means unknown, never "no".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kneewise.diary import ProfileRecord

Phrase = Callable[[Any], str]


def _words(value: Any) -> str:
    if isinstance(value, list | tuple):
        items = [_words(v) for v in value]
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("_", " ")


def _yes_no(yes: str, no: str) -> Phrase:
    return lambda value: yes if value else no


def _count(value: Any, unit: str) -> str:
    """`value` `unit`s, the unit singular for one ("1 day", "2 days", "1.5 days")."""
    return f"{_words(value)} {unit}{'' if float(value) == 1 else 's'}"


def _ago(value: Any, unit: str, none: str) -> str:
    """How long ago, in whole `unit`s; `none` for 0 (a session today is not "0 days ago")."""
    return none if float(value) == 0 else f"{_count(value, unit)} ago"


def _days(value: Any) -> str:
    days = float(value)
    if days == 0:
        return "It started today."
    if days >= 14:
        return f"It has lasted about {days / 7:.0f} weeks ({_words(days)} days)."
    return f"It has lasted {_count(days, 'day')}."


def who(profile: ProfileRecord, intake: Mapping[str, Any] | None = None) -> str:
    """One sentence about the person: age, sex, sports and the knee of concern."""
    intake = intake or {}
    age = profile.age if profile.age is not None else intake.get("age")
    sex = profile.sex or intake.get("sex")
    person = {"female": "woman", "male": "man"}.get(sex or "", "person")
    text = f"A {age}-year-old {person}" if age is not None else f"A {person} (age not given)"
    sports = list(profile.sports) or list(intake.get("activities") or [])
    if sports:
        text += f" who does {_words(sports)}"
    if profile.height_cm and profile.weight_kg:
        text += f"; {profile.height_cm:g} cm, {profile.weight_kg:g} kg"
    knee = profile.knee or intake.get("side")
    if knee:
        text += f". Knee of concern: {'both knees' if knee == 'both' else f'the {knee} knee'}"
    return text + "."


MECHANISMS = {
    "twist": "a twist on a planted foot",
    "direct_blow": "a direct blow",
    "fall": "a fall",
    "landing": "landing from a jump",
    "hyperextension": "the knee bending backwards too far",
    "kneeling": "kneeling",
}
SWELLING = {
    "within_2h": "that came within 2 hours",
    "within_24h": "that came within a day",
    "gradual": "that came on gradually",
    "recurrent": "that keeps coming back",
}
# One phrase per intake field, in the order a clinician takes a history.
PHRASES: dict[str, Phrase] = {
    "onset": lambda v: f"The pain came on {'suddenly' if v == 'sudden' else 'gradually'}.",
    "mechanism": lambda v: (
        "No particular event started it." if v == "none" else f"It started with {MECHANISMS[v]}."
    ),
    "pop": _yes_no("A pop was felt or heard.", "No pop was felt or heard."),
    "duration_days": _days,
    "location": lambda v: f"Where it hurts: {_words(v)}.",
    "worse_with": lambda v: f"Worse with {_words(v)}.",
    "pain_now": lambda v: f"Pain now {v}/10.",
    "pain_worst": lambda v: f"Pain at its worst {v}/10.",
    "comes_on_after_distance": _yes_no(
        "The pain comes on after a certain distance.", "The pain does not wait for a distance."
    ),
    "pain_at_rest": _yes_no("It hurts at rest.", "It does not hurt at rest."),
    "night_pain": _yes_no("It hurts at night.", "No pain at night."),
    "swelling": lambda v: "No swelling." if v == "none" else f"Swelling {SWELLING[v]}.",
    "locking": lambda v: {
        "none": "No locking.",
        "intermittent": "The knee locks now and then.",
        "now": "The knee is locked now.",
    }[v],
    "giving_way": _yes_no("The knee gives way.", "The knee does not give way."),
    "kneecap_slipped_out": _yes_no(
        "The kneecap slipped out of place and went back.", "The kneecap has not slipped out."
    ),
    "kneecap_slipped_out_this_time": _yes_no(
        "It slipped out in this injury or flare-up.",
        "It last slipped out long before this injury or flare-up.",
    ),
    "can_walk_4_steps": _yes_no(
        "Can take four steps on the leg.", "Cannot take four steps on the leg."
    ),
    "load_change_pct": lambda v: f"Training load changed by {_words(v)}% recently.",
    "new_activity": _yes_no("Started a new activity recently.", "No new activity."),
    "days_since_session": lambda v: f"Last training session {_ago(v, 'day', 'today')}.",
    "previous_injury": _yes_no("Has injured this knee before.", "No earlier injury of this knee."),
    "weeks_since_surgery": lambda v: f"Knee surgery {_ago(v, 'week', 'less than a week ago')}.",
    "arthritis": lambda v: "No known arthritis." if v == "none" else f"Known {_words(v)}.",
}
# Shown elsewhere (`who`) or not part of the complaint.
SKIPPED = frozenset({"age", "sex", "height_cm", "weight_kg", "activities", "side",
                     # intake v2's bookkeeping: the don't-knows are listed from the answer
                     "schema", "dont_know", "mentioned_only"})  # fmt: skip


def complaint(intake: Mapping[str, Any]) -> list[str]:
    """The intake's answers as sentences: the complaint first, then the other answers."""
    sentences = [phrase(intake[name]) for name, phrase in PHRASES.items() if name in intake]
    others = [
        f"{_words(name).capitalize()}: {_other(value)}."
        for name, value in intake.items()
        if name not in PHRASES and name not in SKIPPED and value is not None
    ]
    return sentences + others


def _other(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _words(value)
