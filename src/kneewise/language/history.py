"""Whether a clause tells the past: its history cues, less those that measure or go back.

"Had gout attacks before" is the past; "hotter than before the op", "swollen again like
last year" measure now against then, "since before the weekend" goes on now, and "it
clunked back in" is where it went, never "back in 2019" (re-trial 6c: each made a hot,
swollen knee after an operation, or a dislocation with a numb foot, a past story).
"""

from __future__ import annotations

from spacy.tokens import Doc

#: A history cue this few words after "than" is what a comparison measures from:
#: "worse than before", "hotter than it was before the op".
_COMPARED_REACH = 4
#: After "and", these start a new part of a clause with its own time.
_NEW_PART = frozenset({"now", "the", "it", "its", "it's", "this", "today", "currently",
    "lately", "recently", "these", "since"})  # fmt: skip
#: Words a comparison or likeness measures from: "than before", "like last year".
_MEASURING = frozenset({"than", "like", "compared", "comparison", "versus", "vs"})
#: "more than", "longer than" before an amount ("two weeks") say how long.
_QUANTIFIERS = frozenset({"more", "less", "longer", "shorter", "fewer", "over", "under"})
_AMOUNTS = frozenset({"a", "an", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "couple", "few", "several", "half"})  # fmt: skip
#: Before "back in", these tell a thing going back ("popped back in"), not a time.
_GONE_BACK = frozenset({"popped", "slipped", "slid", "went", "came", "clicked", "clunked",
    "jumped", "moved", "snapped", "shifted", "got", "fell", "pushed", "put", "shoved",
    "knocked", "forced", "eased", "clicking", "popping", "sliding", "snapping", "pop", "slip",
    "slide", "click", "clunk", "jump", "snap", "shift", "it", "itself", "goes", "go",
    "going", "gone", "clunks", "clicks", "pops", "slips", "snaps"})  # fmt: skip


#: The last word before a history cue that a denial of then ends with: "wasn't there
#: before", "which it wasn't before", "never was before", "not like that last week".
_CONTRAST_ENDS = frozenset({"there", "n't", "not", "nt", "was", "were", "that", "this", "so"})
_NEGATING = frozenset({"n't", "not", "nt", "never"})


def measured_from(before: list[str], after: list[str]) -> bool:
    """The words `after` follow a "than", "like" or "compared to" close before them
    ("worse than last week", "swollen like before", "hot compared to before the op"), in
    the same stretch of words: what a comparison or a likeness measures from. Not when
    they tell an amount ("for more than two weeks", "like 3 years ago"): how long."""
    near = [i for i in range(max(len(before) - _COMPARED_REACH, 0), len(before))]
    marks = [i for i in near if before[i] in _MEASURING]
    if not marks:
        return False
    at = marks[-1]
    if any(w in (",", ";", ".", ":") for w in before[at:]):
        return False
    ahead = (before[at + 1 :] + after)[:1]
    amount = bool(ahead) and (ahead[0].isdigit() or ahead[0] in _AMOUNTS)
    if before[at] == "like":
        return not amount
    return not (at > 0 and before[at - 1] in _QUANTIFIERS and amount)


#: How someone comes to a person on the floor: "before anyone came", "before help arrived",
#: "before my son found her", "before the ambulance got there".
_CAME = frozenset({"came", "come", "arrived", "arrive", "found", "heard", "noticed", "turned",
    "showed", "called", "rang", "phoned", "reached", "saw", "spotted", "checked", "popped",
    "got"})  # fmt: skip
#: "got" comes only to a place ("before I got there", never "before I got injured"), and
#: "found out" is learning, not coming.
_PLACES = frozenset({"there", "here", "home", "back", "to", "round", "in"})
_CAME_REACH = 5
#: What a long lie is told with: the floor, lying there, the hours waited.
_WAITED = frozenset({"floor", "ground", "lying", "lay", "lain", "stuck", "hours", "hour",
    "night", "waiting", "waited", "trapped"})  # fmt: skip


def _help_came(before: list[str], after: list[str]) -> bool:
    """ "before" opens the time someone came, not a time past: "on the floor for hours
    before anyone came" is a long lie told now (NICE NG249 asks of it), never a past story
    (round 13e: the fall was lost). Not "before my op" or "before I started running": no
    one came, nor "skiing before the kids came along": no floor to wait on. `before`,
    `after`: the words either side of "before"; the comer comes first.
    """
    if not _WAITED & set(before):
        return False
    near = after[:_CAME_REACH]
    for i, word in enumerate(near[1:], start=1):
        follows = near[i + 1] if i + 1 < len(near) else ""
        if word == "got" and follows not in _PLACES:
            continue
        if word == "found" and follows == "out":
            continue
        if word in _CAME:
            return True
    return False


#: A point later in the same game or run: "before half time", "before the final whistle".
_GAME_POINTS = (("half", "time"), ("halftime",), ("full", "time"), ("the", "whistle"),
    ("the", "final", "whistle"), ("the", "end", "of", "the"), ("the", "break"))  # fmt: skip


def _in_the_game(after: list[str]) -> bool:
    """ "before" opens a point later in the same game: "before half time it had puffed up"
    tells the swelling now (round 15c: "half-time" joined into one clause read it as an
    old injury). Not "before the game": the time before it."""
    return any(tuple(after[: len(point)]) == point for point in _GAME_POINTS)


def _going_back(before: list[str]) -> bool:
    """The words before "back in" tell a thing going back: "clunked back in", "popped
    out and back in", "slipped out then straight back in"; not "and back in 2019"."""
    if before[-1:] and before[-1] in _GONE_BACK:
        return True
    if before[-1:] and before[-1] in ("and", "then", "straight", "right"):
        return any(w in ("out", "sideways") for w in before[-3:-1])
    return False


def _contrasted(before: list[str]) -> bool:
    """The words before a history cue deny how it was then: "a gap that wasn't there
    before", "red, which it never was before", "not like that last week": the thing is
    new, so it is now, never the past."""
    near = before[-4:]
    return (
        bool(near)
        and near[-1] in _CONTRAST_ENDS
        and any(w in _NEGATING for w in near)
        and any(w in ("was", "were", "used") for w in near)
    )


def told_of_past(words: str, cues: tuple[str, ...]) -> bool:
    """A history cue in `words` (normalised, spaced " a b "), not one measured from, gone
    back in, or "since before"."""
    for cue in cues:
        at = words.find(f" {cue} ")
        while at >= 0:
            before = words[:at].split()
            compared = measured_from(before, words[at:].split())
            gone_back = cue == "back in" and _going_back(before)
            ongoing = cue == "before" and before[-1:] == ["since"]  # "since before May"
            waited = cue == "before" and _help_came(before, words[at:].split()[1:])
            in_play = cue == "before" and _in_the_game(words[at:].split()[1:])
            if not (compared or gone_back or ongoing or waited or in_play or _contrasted(before)):
                return True
            at = words.find(f" {cue} ", at + 1)
    return False


def part_of(doc: Doc, start: int, end: int, token: int) -> tuple[int, int]:
    """The part of the clause `start..end` holding `token`: parts start at "and" before a
    new subject or "now" ("... last year and the knee is red")."""
    for i in range(start, end - 1):
        if doc[i].norm_ == "and" and doc[i + 1].norm_ in _NEW_PART:
            if i < token:
                start = i
            elif i > token:
                return start, i
    return start, end
