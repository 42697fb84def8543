"""Settle conflicting mentions into one value per intake field."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from kneewise.intake import INTAKE_FIELDS
from kneewise.language.mention import Mention
from kneewise.language.model import CONFIDENT, ParsedField

#: Signs told as they are now: a past mention ("had a fever last year") is history, not now.
CURRENT_SIGNS = frozenset(
    {"fever", "warm", "red", "foot_numb_or_cold", "foot_drop", "calf_swelling",
     "breathless_or_chest_pain", "saddle_numbness_or_bladder", "dark_urine",
     "muscles_very_swollen", "deformity",
     "weight_loss", "night_pain", "wound", "unwell", "cannot_straighten_or_lift_leg",
     "pain_out_of_proportion", "burning_leg_pain", "shin_tense_and_swollen", "pain_moving_toes",
     "leg_tingling"}
)  # fmt: skip
#: When several injuries are told, the one that says most about the knee.
MECHANISM_ORDER = ("hyperextension", "landing", "twist", "direct_blow", "fall", "kneeling", "none")
ACUTE = frozenset({"hyperextension", "landing", "twist", "direct_blow", "fall"})
_STRENGTH = {"now": 2, "intermittent": 1, "none": 0}
#: History told both ways is not settled by confidence: neither answer is used.
_ASK_WHEN_TOLD_BOTH = frozenset({"had_knee_surgery"})


def _field(
    mention: Mention, text: str, value: Any = None, confidence: float | None = None
) -> ParsedField:
    if mention.unsure:
        # told unsure: no yes/no (nor any value) for a client or a person to read; asked
        value = None
    elif value is None:
        value = mention.value
    return ParsedField(
        value=value,
        span=(mention.start, mention.end),
        text=text[mention.start : mention.end],
        confidence=round(mention.confidence if confidence is None else confidence, 2),
        unsure=mention.unsure,
    )


def _best(mentions: list[Mention]) -> Mention:
    """Most confident; on a tie the later mention (people correct themselves)."""
    return max(enumerate(mentions), key=lambda p: (p[1].confidence, p[0]))[1]


#: A fever told in words, not measured ("temp", "shivery"): the lexicon's confidence for it.
_WEAK_FEVER = 0.65 + 1e-9


def _bool(name: str, mentions: list[Mention], alarming: Mapping[str, bool]) -> Mention:
    """The most confident mention; on a tie, the answer that can fire a warning-sign rule."""
    top = max(m.confidence for m in mentions)
    tied = [m for m in mentions if m.confidence >= top - 1e-9]
    wanted = alarming.get(name)
    if name == "fever" and any(m.value is False and m.negated for m in mentions):
        # "no temp but been shivery": a temperature denied in words against a weak sign
        # told in words (NHS: feeling shivery may be a high temperature) is no firm yes,
        # nor a no: asked (re-trial 27), however sure the denial ("no fever as far as I
        # know" is a leaning no, "I don't have a temperature" a firm one). A fever told
        # surely (a number) wins. A temperature measured normal is not `negated`, so
        # shivers beside it still win (fever.py; NHS: "even if a thermometer says below 38C").
        weak = [m for m in mentions if m.value is True and m.confidence <= _WEAK_FEVER]
        if weak and not any(m.value is True and m.confidence > _WEAK_FEVER for m in mentions):
            return replace(max(weak, key=lambda m: m.confidence), unsure=True)
    if wanted is not None and any(m.value is wanted for m in tied):
        return next(m for m in tied if m.value is wanted)
    return _best(tied)


def _choice(name: str, mentions: list[Mention]) -> Mention:
    present = [m for m in mentions if m.value != "none"] or mentions
    # a doubted one never hides one told sure: "dunno if I hit it when I slipped" fell
    present = [m for m in present if not m.unsure] or present
    if name == "mechanism":
        return min(present, key=lambda m: MECHANISM_ORDER.index(m.value))
    if name == "locking":
        return max(present, key=lambda m: (_STRENGTH[m.value], m.confidence))
    if name == "side":
        return _side(present)
    return _best(present)


def _side(mentions: list[Mention]) -> Mention:
    values = {m.value for m in mentions if m.confidence >= 0.9}
    if "both" in values or {"left", "right"} <= values:
        both = [m for m in mentions if m.value == "both"]
        first = both[0] if both else mentions[0]
        return Mention("side", "both", first.start, first.end, 0.85)
    strong = [m for m in mentions if m.value in values]
    return strong[0] if strong else _best(mentions)


def _choices(mentions: list[Mention], text: str) -> ParsedField:
    values = list(dict.fromkeys(m.value for m in mentions))
    first = mentions[0]
    end = max(m.end for m in mentions)
    confidence = min(max(m.confidence for m in mentions if m.value == v) for v in values)
    unsure = all(m.unsure for m in mentions)
    return ParsedField(
        value=None if unsure else values,
        span=(first.start, end),
        text=text[first.start : end],
        confidence=confidence,
        unsure=unsure,
    )


def _number(name: str, mention: Mention, text: str) -> ParsedField:
    kind = INTAKE_FIELDS[name].kind
    value = round(mention.value) if kind == "int" else float(mention.value)
    return _field(mention, text, value=value)


def resolve(
    mentions: list[Mention], text: str, alarming: Mapping[str, bool]
) -> dict[str, ParsedField]:
    """One field per name from all mentions, in intake order.

    `alarming` maps a yes/no field a referral rule (see a doctor or sooner) reads to the
    answer that can fire it (`CompiledKnowledge.alarming_answers`): told both
    ways with equal confidence, that answer is kept, so a warning sign is never
    lost to a tie.
    """
    by_field: dict[str, list[Mention]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.field in INTAKE_FIELDS:
            by_field[mention.field].append(mention)
    fields: dict[str, ParsedField] = {}
    for name in INTAKE_FIELDS:
        found = by_field.get(name)
        if not found or _disagree(name, found):
            continue
        kind = INTAKE_FIELDS[name].kind
        if kind == "choices":
            # what was told sure is the list; an unsure item is asked ("maybe stairs too")
            fields[name] = _choices([m for m in found if not m.unsure] or found, text)
        elif kind == "bool":
            fields[name] = _field(_bool(name, found, alarming), text)
        elif kind == "choice":
            fields[name] = _field(_choice(name, found), text)
        else:
            fields[name] = _number(name, _best(found), text)
    if "had_knee_surgery" in by_field and "had_knee_surgery" not in fields:
        fields.pop("weeks_since_surgery", None)  # the time of an operation told and denied
    return _infer(fields)


def _disagree(name: str, mentions: list[Mention]) -> bool:
    """ "Never operated on" and "keyhole surgery" both of this knee: the interview asks."""
    values = {m.value for m in mentions if m.confidence >= 0.6}
    return name in _ASK_WHEN_TOLD_BOTH and {True, False} <= values


def _infer(fields: dict[str, ParsedField]) -> dict[str, ParsedField]:
    """An injury or a pop means the trouble started suddenly; answers never contradict."""
    if "swelling" in fields:
        fields.pop("swollen", None)  # the swelling's value says it (intake v2 fills it in)
        if fields["swelling"].value == "none":
            fields.pop("swelling_site", None)
    surgery = fields.get("had_knee_surgery")
    if surgery is not None and surgery.value is False and "weeks_since_surgery" in fields:
        # "never operated" and "6 weeks post-op" cannot both be so: the interview asks
        fields.pop("had_knee_surgery")
        fields.pop("weeks_since_surgery")
    if "onset" in fields:
        return fields
    kinds = (("mechanism", None), ("pop", True), ("deformity", True), ("kneecap_slipped_out", True))
    for name, sudden in kinds:
        parsed = fields.get(name)
        if parsed is None or parsed.unsure or parsed.confidence < CONFIDENT:
            continue  # "might have popped" says nothing sure about how it started
        if parsed.value in ACUTE if sudden is None else parsed.value is sudden:
            fields["onset"] = parsed.model_copy(update={"value": "sudden", "confidence": 0.75})
            break
    return fields
