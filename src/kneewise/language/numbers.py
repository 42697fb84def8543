"""Numbers with units: ages, body size, pain scores, temperatures, distances and times."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kneewise.language.bend import an_angle
from kneewise.language.mention import Mention
from kneewise.language.near_names import OperationWords
from kneewise.language.quantities import counts_other, ordinal

_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2,
    "few": 3, "several": 4, "half": 0.5}  # fmt: skip
_AMOUNT = (
    r"(?P<n>\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few|several|half\s+an?)"
)
_DAY_UNITS = {"day": 1, "week": 7, "wk": 7, "fortnight": 14, "month": 30, "year": 365, "yr": 365,
    "/7": 1, "/52": 7, "/12": 30}  # fmt: skip
#: A clinician's shorthand is a unit too: "3/52" is 3 weeks (of the 52 in a year), "2/7"
#: 2 days, "3/12" 3 months (UK notes: "3/52 post op TKR" lost the operation's time, round
#: 15d). Never a date's day or year ("3/12/24"), nor a date or "24/7" (_days).
_UNIT = r"(?P<unit>days?|weeks?|wks?|fortnights?|months?|years?|yrs?|/(?:52|12|7)(?![\d/]))"
#: A shorthand told after these is a date ("fell on 3/12", "sore since 2/7"), no time.
_DATE_BEFORE = re.compile(r"\b(?:on|since|from|until|till|by|at|dated?|of|the)\s*$", re.I)
#: "ran a fever": no run (9f); "running temps", "running high temperatures" (round 16b)
_FEVER_AFTER = r"(?!\s+(?:an?\s+(?:\w+\s+){0,3}|(?:high|higher|spiking)\s+)?(?:temp|fever))"
_SESSION = re.compile(
    r"\b(?:run|ran|race|game|match|session|training|class|ride|hike|workout|gym|played|playing|"
    r"skiing|skied|football|rugby|netball|basketball|tennis|leg day|squats?|twisted|fell|"
    r"landed|tackled|slipped|injured|hurt (?:it|my)|bike|spin|practice|parkrun|marathon)\b"
    + _FEVER_AFTER,
    re.IGNORECASE,
)
_STARTED = re.compile(r"\b(?:started|began|begun|took up|new to|picked up|starting)\b", re.I)
#: An operation's words; one misspelt by a letter ("athroscopy") is one too (near_names.py).
_SURGERY = OperationWords(
    re.compile(
        r"\b(?:surgery|op|operation|operated|reconstruction|reconstructed|arthroscopy|arthroscopic|"
        r"scope|scoped|keyhole|key-hole|replacement|replaced|post[\s-]?op"
        # a surgeon's short words and a new joint (re-trial 27): "acl recon", "arthroscope"
        r"|recon|arthroscopes?|tkr|tka|ukr|uka|pkr|aclr|arthroplasty|resurfac(?:ed|ing)|redone|revision|new\s+knees?\s+(?:put|fitted|joint|in|done)"
        r"|(?:a|my|his|her|their)\s+new\s+knees?(?!\s+(?:braces?|supports?|sleeves?|straps?|pains?"
        r"|problems?|injur\w*|issues?))"
        # a scope's everyday names (round 16b: "knee washout 10 days ago" lost its time); a
        # washout or clear-out only of the knee: "the weekend was a washout" is none
        r"|meniscectomy|menisectomy|menisc(?:al|us)\s+repair|microfracture"
        r"|(?:knee|joint)\s+(?:wash|clean|clear)[\s-]?outs?|(?:wash|clean|clear)[\s-]?outs?\s+(?:of|on|in)"
        r"\s+(?:\w+\s+){0,2}(?:knee|joint)|(?:knee|joint)\s+(?:\w+\s+)?(?:washed|cleaned|cleared)\s+out"
        r"|camera\s+(?:\w+\s+)?in(?:to|side)?\s+(?:my|the|his|her|their)\s+(?:\w+\s+)?knee)\b",
        re.IGNORECASE,
    )
)
_PAST = re.compile(r"\b(?:years? ago|last year|as a (?:kid|child)|used to)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Text:
    """The narrative with its sentence boundaries (character offsets)."""

    text: str
    sentences: tuple[tuple[int, int], ...]

    def sentence(self, char: int) -> str:
        """The sentence holding a character offset."""
        for start, end in self.sentences:
            if start <= char < end:
                return self.text[start:end]
        return self.text

    def around(self, char: int) -> str:
        """The sentence, with the one before when it is a fragment ("3 wks ago")."""
        for index, (start, end) in enumerate(self.sentences):
            if start <= char < end:
                short = len(self.text[start:end].split()) < 5
                first = self.sentences[index - 1][0] if short and index else start
                return self.text[first:end]
        return self.text

    def segment(self, start: int, end: int) -> str:
        """The comma-delimited stretch around a match ("2/10 at rest")."""
        left = max((self.text.rfind(c, 0, start) for c in ",.;!?\n"), default=-1)
        left = max(left, self.text.lower().rfind(" but ", 0, start))
        rights = [i for c in ",.;!?\n" if (i := self.text.find(c, end)) != -1]
        cut = self.text.lower().find(" but ", end)
        rights += [cut] if cut != -1 else []
        return self.text[left + 1 : min(rights, default=len(self.text))]


def amount(words: str | None) -> float | None:
    """A number written as digits or words ("two", "a couple of")."""
    if not words:
        return None
    words = words.lower().strip()
    try:
        return float(words)
    except ValueError:
        pass
    for word in words.split():
        if (word in _WORDS and word not in ("a", "an", "of")) or word == words:
            return float(_WORDS.get(word, 0)) or None
    return float(_WORDS["a"]) if words in ("a", "an") else None


def _days(match: re.Match[str]) -> float | None:
    count = amount(match.group("n"))
    unit = match.group("unit").lower().rstrip("s")
    if unit.startswith("/") and not _shorthand(match):
        return None
    return None if count is None else count * _DAY_UNITS[unit]


def _shorthand(match: re.Match[str]) -> bool:
    """ "3/52" is a time only as a whole count told as no date: "24/7" is all the time
    (an idiom, no 24 days), "on 3/12" a day of the year; "10/7" is 10 days in UK notes."""
    told = match.group("n")
    before = match.string[: match.start("n")]
    idiom = told == "24" and match.group("unit") == "/7"
    return told.isdigit() and int(told) > 0 and not idiom and not _DATE_BEFORE.search(before)


def _mention(field: str, value: object, match: re.Match[str], confidence: float) -> Mention:
    return Mention(field, value, match.start(), match.end(), confidence)


def body_size(text: Text) -> Iterator[Mention]:
    """Heights ("6 foot", "5'6", "180 cm") and weights ("80 kg", "176 lbs", "16 stone")."""
    t = text.text
    for m in re.finditer(r"\b(?P<ft>[4-7])\s*(?:'|’|ft|foot|feet)\s*(?P<in>\d{1,2})?", t, re.I):
        inches = int(m.group("in") or 0)
        if inches < 12 and not _FEET_MOVED.search(t[max(0, m.start() - 20) : m.start()]):
            yield _mention(
                "height_cm", round(int(m.group("ft")) * 30.48 + inches * 2.54, 1), m, 0.9
            )
    for m in re.finditer(r"\b(?P<cm>1\d{2}|2[0-2]\d)\s*cm\b", t, re.I):
        yield _mention("height_cm", float(m.group("cm")), m, 0.9)
    for m in re.finditer(r"\b(?P<m>[12][.,]\d{1,2})\s*m\b", t, re.I):
        yield _mention("height_cm", float(m.group("m").replace(",", ".")) * 100, m, 0.9)
    yield from _weights(t)


#: Feet gone, not feet tall: "hopped 6 feet to the bench", "fell 5 ft".
_FEET_MOVED = re.compile(
    r"\b(?:hop\w*|jump\w*|walk\w*|fell|fall\w*|drop\w*|ran|run|crawl\w*|limp\w*|hobbl\w*"
    r"|moved?|about|only|few|couple)\W+$",
    re.IGNORECASE,
)
#: A weight lifted or carried is not the person's: "I squat 120 kg", "deadlift 150kg".
_LIFTED = re.compile(
    r"\b(?:squat\w*|deadlift\w*|bench\w*|press\w*|lift\w*|carr(?:y|ied|ying)|clean\w*|snatch\w*"
    r"|row\w*|pull\w*|push\w*|curl\w*|max|pr|1rm|pb|with|plates?|bar|barbell|dumbbells?"
    r"|kettlebells?|pack|backpack|rucksack)\W+(?:\w+\W+)?$",
    re.IGNORECASE,
)


#: ... and a weight told before the lift: "did 100 kg back squats", "a 20 kg pack".
_LOAD_AFTER = re.compile(
    r"\s*(?:back|front|overhead|barbell|dumbbell|kettlebell|goblet|box|split|walking|heavy)?\s*"
    r"(?:squats?|deadlifts?|bench|press(?:es)?|lifts?|cleans?|snatch(?:es)?|rows?|lunges?|carr(?:y|ies)"
    r"|bar|barbells?|dumbbells?|kettlebells?|plates?|pack|backpack|rucksack|bag|sandbag|vest|sled)\b",
    re.IGNORECASE,
)


def _weights(t: str) -> Iterator[Mention]:
    units = [
        (r"\b(?P<v>\d{2,3}(?:\.\d)?)\s*(?:kg|kgs|kilos?|kilograms?)\b", 1.0),
        (r"\b(?P<v>\d{2,3})\s*(?:lbs?|pounds)\b", 0.4536),
    ]
    for pattern, factor in units:
        for m in re.finditer(pattern, t, re.I):
            if not re.search(
                r"(?:lost|lose|dropped|gained|put on)\s*\S*\s*$", t[: m.start()], re.I
            ) and not (
                _LIFTED.search(t[max(0, m.start() - 30) : m.start()])
                or _LOAD_AFTER.match(t, m.end())
            ):
                yield _mention("weight_kg", round(float(m.group("v")) * factor, 1), m, 0.9)
    stone = r"\b(?P<st>\d{1,2})\s*(?:st|stones?)\b(?:\s*(?P<lb>\d{1,2})\b)?"
    for m in re.finditer(stone, t, re.I):
        if ordinal(t, m.start(), m.end("st") + 2) or (m.group("lb") and counts_other(t, m.end())):
            continue  # "the 21st of March"; "14 st 4 steps" is not 14 st 4 lb
        yield _mention(
            "weight_kg",
            round(int(m.group("st")) * 6.35 + int(m.group("lb") or 0) * 0.4536, 1),
            m,
            0.9,
        )


_SCORE = re.compile(
    r"(?<![\d.])(?P<a>\d{1,2})(?:\s*-\s*(?P<b>\d{1,2}))?\s*(?:/|out of|outta)\s*10\b", re.I
)
_NOW = re.compile(
    r"\b(?:now|currently|current|at rest|rest|resting|today|at the moment|atm|sitting)\b", re.I
)
_REST = re.compile(r"\b(?:at rest|rest|resting|sitting)\b", re.I)
#: Words that say a score is the worst itself, not only a time it hurts ("walking").
_PEAK = re.compile(
    r"\b(?:worst|peaks?|up to|gets to|goes (?:up )?to|spikes?|max|when (?:it'?s )?bad|flares?)\b",
    re.IGNORECASE,
)
_WORST = re.compile(
    r"\b(?:worst|peaks?|up to|gets to|goes (?:up )?to|spikes?|max|when (?:it'?s )?bad|flares?"
    r"|stairs|running|run|squat\w*|walking|during|after|jumping|at night)\b",
    re.IGNORECASE,
)


_NOT_SCORE_AFTER = (
    r"(?!\s*(?:/|out of|outta|%|\.\d|km|k\b|mi\b|miles?|min|minutes?|hours?|hrs?|days?|weeks?"
    r"|wks?|months?|years?|yrs?|times|x\b|kg|lbs?|reps?|sets?))"
)
#: A bare number tied to "worst" once a score is given: "3/10 (5 at worst)", "up to 7".
_BARE_WORST = re.compile(
    rf"(?<![\d./])(?P<a>\d{{1,2}})\b{_NOT_SCORE_AFTER}\s*(?:at (?:its |the )?worst|worst|max\b"
    rf"|maximum|at most|at peak)|\b(?:up to|worst(?: is| of)?|max(?:imum)?|peaks? at|at worst)"
    rf"\s*:?\s*(?P<b>\d{{1,2}})\b{_NOT_SCORE_AFTER}",
    re.IGNORECASE,
)
_BARE_NOW = re.compile(
    rf"(?<![\d./])(?P<a>\d{{1,2}})\b{_NOT_SCORE_AFTER}\s*(?:now|currently|at the moment)\b",
    re.IGNORECASE,
)


def _bare_scores(text: str, pattern: re.Pattern[str], taken: list[range]) -> list[re.Match[str]]:
    found = []
    for match in pattern.finditer(text):
        value = int(match.group("a") or match.group("b") or 99)
        if value <= 10 and not any(match.start() in r or match.end() - 1 in r for r in taken):
            found.append(match)
    return found


def pain_scores(text: Text) -> Iterator[Mention]:
    """ "7/10", "7 out of 10": now or worst by the words around it; "at rest" means rest pain.

    Once the story gives a score, a bare number by "worst", "max" or "now" is one too
    ("3/10 now, 6 at worst"); its cue word is then not the other score's cue.
    """
    scored = list(_SCORE.finditer(text.text))
    taken = [range(m.start(), m.end()) for m in scored]
    worst = _bare_scores(text.text, _BARE_WORST, taken)
    taken += [range(m.start(), m.end()) for m in worst]
    now = _bare_scores(text.text, _BARE_NOW, taken) if scored or worst else []
    masked = text.text
    for match in worst + now:
        number = match.group("a") or match.group("b")
        yield _mention("pain_worst" if match in worst else "pain_now", int(number), match, 0.8)
        masked = (
            masked[: match.start()] + " " * (match.end() - match.start()) + masked[match.end() :]
        )
    text = Text(masked, text.sentences)
    uncued: list[tuple[int, re.Match[str]]] = []
    for match in scored:
        value = max(int(match.group("a")), int(match.group("b") or 0))
        if value > 10:
            continue
        segment = text.segment(match.start(), match.end())
        if _NOW.search(segment):
            yield _mention("pain_now", value, match, 0.9)
            if _REST.search(segment) and value > 0:
                yield _mention("pain_at_rest", True, match, 0.85)
        elif _WORST.search(segment) and (_PEAK.search(segment) or not worst):
            # "4/10 walking around and 5 at worst": with a worst told apart, a score by a
            # movement alone is the pain of the day, not the worst
            yield _mention("pain_worst", value, match, 0.85)
            yield from _provoked(segment, match)
        else:
            uncued.append((value, match))
    if len(uncued) == 1:
        yield _mention("pain_now", uncued[0][0], uncued[0][1], 0.85)
    elif uncued:
        low, high = min(uncued, key=lambda u: u[0]), max(uncued, key=lambda u: u[0])
        yield _mention("pain_now", low[0], low[1], 0.7)
        yield _mention("pain_worst", high[0], high[1], 0.7)


_PROVOKERS = {"running": r"\b(?:running|run|jogging)\b" + _FEVER_AFTER, "walking": r"\bwalking\b",
    "squatting": r"\bsquat\w*", "jumping": r"\bjump\w*"}  # fmt: skip


def _provoked(segment: str, match: re.Match[str]) -> Iterator[Mention]:
    """ "6/10 running": the movement that brings the worst pain."""
    for movement, pattern in _PROVOKERS.items():
        if re.search(pattern, segment, re.IGNORECASE):
            yield _mention("worse_with", movement, match, 0.8)


_TEMP = re.compile(
    r"(?<![\d/.])(?P<v>\d{2,3}(?:\.\d{1,2})?)\s*(?P<deg>°|º|degrees?|deg)?\s*"
    r"(?P<u>c\b|f\b|celsius|fahrenheit)?",
    re.IGNORECASE,
)
#: A fever misspelt is a cue too ("a fiver of 39", "feever 38.6", "fevar 102": round 15d);
#: "fiver" is also five pounds, so only a number in a temperature's range makes it one.
_TEMP_CUE = re.compile(
    r"(?:temp|temperature|fever|thermometer|running|measured|feverish|pyrexial|pyrexia"
    r"|fiver|feever|fevar|feva|fevah)\W*\w*\W*$",
    re.I,
)
_NOT_TEMP = re.compile(
    r"^\s*(?:kg|km|k\b|cm|lbs?|miles?|%|/|min|mm|m\b|years?|yo|out of|x\b)", re.I
)


def temperatures(text: Text) -> Iterator[Mention]:
    """Body temperatures in °C or °F: fever is 38 °C or more."""
    for match in _TEMP.finditer(text.text):
        value, unit = float(match.group("v")), (match.group("u") or "").lower()[:1]
        if _NOT_TEMP.match(text.text[match.end() :]):
            continue
        if not match.group("u") and an_angle(text.text, match.start(), match.end()):
            continue  # "it only bends to about 40 degrees": the knee's, not a fever
        cued = bool(_TEMP_CUE.search(text.text[max(0, match.start() - 30) : match.start()]))
        marked = bool(unit or match.group("deg"))
        celsius = _celsius(value, unit, cued or marked, "." in match.group("v"))
        if celsius is not None:
            yield _mention("fever", celsius >= 38.0, match, 0.95)


def _celsius(value: float, unit: str, cued: bool, decimal: bool) -> float | None:
    if unit != "f" and 34 <= value <= 43.5 and (cued or decimal):
        return value
    if unit != "c" and 94 <= value <= 110 and (cued or unit == "f"):
        return round((value - 32) * 5 / 9, 1)
    return None


_DISTANCE = re.compile(
    r"\b(?:after|around|about|at|by|past)\s+(?:about\s+|around\s+|like\s+|roughly\s+|the\s+)?"
    r"(?P<v>\d+(?:\.\d+)?)\s*(?:k|km|kms|kilometres?|kilometers?|miles?|mi|minutes?|mins?)\b"
    r"|\b\d+\s*(?:k|km|miles?|minutes?|mins?)\s+into\b|\bmile\s+\d+\b",
    re.IGNORECASE,
)
_PAIN_WORD = re.compile(r"\b(?:pain|hurts?|ache|aches|sore|kicks|comes on|starts|twinge)\b", re.I)


def distance_onset(text: Text) -> Iterator[Mention]:
    """ "kicks in after 5k": pain that starts after a distance or time."""
    for match in _DISTANCE.finditer(text.text):
        if _PAIN_WORD.search(text.sentence(match.start())):
            yield _mention("comes_on_after_distance", True, match, 0.85)
