"""Grinding or crunching in the knee, never the ground underfoot.

Crepitus is a grating, crunching or crackling felt or heard in the knee as it moves.
People describe it by likeness: "feels like gravel in there", "gritty", "crunches like rice
krispies". The same words name where they trained: "ran on gravel", "gritty towpath",
"crunching along the cinder track" (re-trial 6b: "on gravel" read as crepitus, which sent
a runner's story towards arthritis). A crepitus word in a clause that names a surface,
with no knee or joint in it and no likeness ("like", "as if"), is the surface's, so it is
not read; its words stay listed as not used when nothing else in the clause was read.
Nor is a crepitus word said of the effort or the exercise: "a cracking pace", "a grinding
session", "grinding out hill reps", "50 crunches", "ab crunches" (sit-ups).

`surfaces_not_crepitus(mentions, context)` drops those readings.
"""

from __future__ import annotations

from kneewise.language.context import Context
from kneewise.language.mention import Mention

#: Ground that is run, walked or cycled on, and what lies on it.
_SURFACES = frozenset({"gravel", "grit", "gritty", "gravelly", "cinder", "cinders", "shingle",
    "stones", "stony", "rocky", "rocks", "pebbles", "trail", "trails", "track", "towpath",
    "path", "paths", "road", "roads", "pavement", "sidewalk", "tarmac", "asphalt", "concrete",
    "sand", "sandy", "beach", "snow", "ice", "icy", "leaves", "ground", "underfoot", "surface",
    "surfaces", "terrain", "driveway", "scree", "hill", "hills", "forest", "woods", "field",
    "pitch", "court", "floor", "treadmill", "route", "lane", "footpath", "cobbles", "frost",
    "frosty", "grass", "mud", "muddy", "rubble", "woodchip", "woodchips", "bark", "shale",
    "chippings", "flint", "flints"})  # fmt: skip
#: The knee or a joint named: the crunch is felt in the body, whatever else is named.
_BODY = frozenset({"knee", "knees", "kneecap", "kneecaps", "joint", "joints", "patella",
    "leg", "legs", "inside", "bone", "bones", "cartilage"})  # fmt: skip
#: ... and "it" too when the crunch is a verb of its own ("it grinds on the gravel path").
_IT = frozenset({"it", "its", "they"})
#: A likeness: "like gravel", "as if there's grit in it", "sounds like gravel".
_LIKENESS = frozenset({"like", "as", "feels", "feel", "felt", "sounds", "sound", "noise",
    "noises", "sensation", "full"})  # fmt: skip
#: Words that are the surface itself when read as crepitus ("on gravel").
_SURFACE_WORDS = frozenset({"gravel", "grit", "gritty", "gravelly"})


#: After a crepitus word, what makes it the effort's: "a cracking pace", "grinding session".
_EFFORT_AFTER = frozenset({"pace", "time", "times", "session", "sessions", "run", "runs",
    "workout", "day", "race", "game", "match", "climb", "effort", "speed", "tempo", "ride",
    "out", "away", "start", "finish", "sprint", "week"})  # fmt: skip
#: Before "crunches": the sit-up ("did 50 crunches", "ab crunches", "bicycle crunches").
_EXERCISE_BEFORE = frozenset({"ab", "abs", "bicycle", "reverse", "oblique", "sit", "did", "do",
    "doing", "done", "some", "few", "of", "and", "with", "plus", "planks", "situps",
    "sit-ups"})  # fmt: skip
_CRUNCHES = frozenset({"crunch", "crunches"})


def surfaces_not_crepitus(mentions: list[Mention], context: Context) -> list[Mention]:
    """Drop crepitus read from the ground underfoot ("ran on gravel", "crunchy cinder track"),
    the effort ("a cracking pace") or the exercise ("50 crunches")."""
    return [
        m
        for m in mentions
        if m.field != "crepitus" or not (_of_effort(m, context) or _of_surface(m, context))
    ]


def _of_effort(mention: Mention, context: Context) -> bool:
    doc = context.doc
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    after = doc[span.end].norm_ if span.end < len(doc) else ""
    before = doc[span.start - 1] if span.start > 0 else None
    if span[-1].norm_ in _CRUNCHES and before is not None:
        return before.like_num or before.norm_ in _EXERCISE_BEFORE
    return span[-1].norm_.endswith("ing") and after in _EFFORT_AFTER


def _of_surface(mention: Mention, context: Context) -> bool:
    clause = context.clause_at_char(mention.start)
    words = set(clause.words.split())
    if words & _LIKENESS or words & _BODY:
        return False  # "feels like gravel", "gravel in my knee", "my knee grinds on the path"
    said = context.doc.text[mention.start : mention.end].lower().split()
    if said and said[-1] in _SURFACE_WORDS:
        return True  # "ran on gravel": the surface itself, told with no likeness
    return bool(words & _SURFACES) and not words & _IT
