"""Whose knee is it? The writer, or the son, wife or player they write about."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kneewise.language.after_named import DONE_TO_WRITER, reports, their_leg_told
from kneewise.language.carer import in_care
from kneewise.language.described import describes_patient as describes_patient
from kneewise.language.groups import GROUP_AGED
from kneewise.language.had_recent import HAD_RECENT
from kneewise.language.lexicon import Lexicon
from kneewise.language.onlooker import (
    WRITER_TOLD,
    named_later,
    named_then_told,
    onlooks_unnamed,
    writer_looks_on,
)
from kneewise.language.own_child import DESCRIBED, own_child
from kneewise.language.places import place_owners, within_place
from kneewise.language.sex import SIGNING, Sex, explicit_sex, noun_sex, pronoun_sex, writer_named
from kneewise.language.two_named import with_the_knee
from kneewise.language.whose_words import CHILD_ON_PARENT, acts_for_writer, team_member

_AGE = (
    r"\d{1,2}[\s-]*(?:yo|y/o|y\.o\.|years?[\s-]*old|yrs?[\s-]*old|months?[\s-]*old"
    r"|mths?[\s-]*old|weeks?[\s-]*old|wks?[\s-]*old|mos?(?=\s+(?:baby|boy|girl)\b))"
)
#: How a writer names their own knee before it: "my bad knee", "my gout knee", "my arthritic
#: knee" (round 18c: "my son has a fever, my gout knee is sore" was read as the son's knee).
_OWN_WORDS = (
    r"(?:left\s+|right\s+)?(?:(?:bad|gout|gouty|arthritic|dodgy|sore|swollen|painful|poorly"
    r"|injured|hurt|weak|good|old|new|operated|replaced)\s+)?"
)
_SELF_KNEE = re.compile(
    r"\bmy\s+(?:own\s+)?" + _OWN_WORDS + r"(?:knee|knees|leg|kneecap|calf)\b"
    r"|\bi(?:'ve| have)?\s+(?:twisted|hurt|injured|fell|landed|slipped|tore|play)\b"
    r"|\bi(?:'ve| have)?\s+(?:run|ran)\b"  # "I run a netball team" is no running
    r"(?!\s+(?:a|an|the|our|my)\s+(?:[\w-]+\s+){0,3}?(?:team|club|class|group|squad|side))"
    r"|\bi'?m\s+(?:a\s+)?\d|\bit'?s me\b"
    r"|^\W*\d{2}\s?[mf]\b|(?<=[,.;]\s)\d{2}\s?[mf]\b"  # "27M, ...", "..., 27M." the writer
    r"|^\W*(?:male|female|[mf])\s?,?\s?\d{2}\b",  # "male 70, ...", "F, 15"
    re.IGNORECASE,
)
#: The writer's cue is only their age or sex: "I'm 70", "34F", "male 70".
_WRITER_ONLY = r"i'?m\s|\W*(?:\d{2}\s?[mf]|male|female|[mf])\b"
_OWN_BODY = re.compile(
    r"\bmy\s+(?:own\s+)?" + _OWN_WORDS + r"(?:knee|knees|leg|legs|kneecap|calf)\b"
    r"|\bmy\s+(?:own\s+)?(?:left|right|other)\s+one\b|\bmine\b",  # "my left one didn't"
    re.IGNORECASE,
)
#: The writer's own knee told only as all right ("my knee is fine"): it is not the story.
_OWN_FINE = re.compile(
    r"\b(?:my\s+(?:own\s+)?(?:left\s+|right\s+)?(?:knee|knees|leg|legs)"
    r"|my\s+(?:own\s+)?(?:left|right|other)\s+one|mine)"
    r"(?:['’]s\s+|\s+(?:is|are|was|were|feels?|felt|seems?)?\s*)"  # "mine's fine"
    r"(?:totally\s+|completely\s+|perfectly\s+)?"
    r"(?:fine|ok|okay|alright|all right|good|normal|grand)\b",
    re.IGNORECASE,
)
_THEIR_BODY = re.compile(
    r"(?:'s|s'|’s)?\s*(?:left\s+|right\s+)?(?:knee|leg|kneecap|calf|ankle|thigh|shin)",
    re.IGNORECASE,
)
_THIRD_BODY = re.compile(
    r"\b(?:his|her|their)\s+(?:left\s+|right\s+|bad\s+)?(?:knee|knees|leg|kneecap|calf|ankle)",
    re.IGNORECASE,
)
#: A leg told in a relative's statement with no owner or theirs: "my son (12) has a
#: swollen knee", "my mum hurt the knee", "my daughter's got a sore kneecap".
_UNOWNED_BODY = re.compile(
    r"\b(?:a|an|the|his|her|their|both|one)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:knee|knees|leg|legs|kneecap|calf)\b",
    re.IGNORECASE,
)
#: The writer's own injury told after someone else's story: "my brother twisted his knee
#: last year, I think I did the same thing yesterday", "my daughter was watching when I
#: fell", "same happened to me". Not "I fell on him" (their injury, done by the writer).
_WRITER_HURT = re.compile(
    r"(?:^|[,.;:!?(\n-]|\b(?:and|but|then|now|so|when|as|while|until|till|because))\s*"
    r"(?:(?:i\s+)?(?:think|reckon|guess|believe|suspect|fear|worry)\s+(?:that\s+)?)?"
    r"i\s*(?:have\s+|'ve\s+|ve\s+|just\s+|also\s+|then\s+|(?:must|might|may)\s+(?:have|'ve)\s+)*"
    r"(?:(?:did|done|do)\s+(?:the\s+same|similar|something\s+similar|it\s+too)"
    r"|(?:fell|fallen|tripped|slipped|stumbled|landed|collapsed|crashed|twisted|wrenched"
    r"|sprained|tore|torn|jarred|injured|hurt|banged|bashed|knocked|whacked|hyperextended"
    r"|came\s+off|went\s+(?:over|down|flying))\b"
    r"(?!\s+(?:on|onto|into|over|against)\s+(?:him|her|them|his|their)\b)"
    r"(?!\s+(?:him|her|them|his|their)\b))"
    r"|\b(?:same|it)\s+(?:thing\s+)?(?:has\s+)?happened\s+to\s+me\b",
    re.IGNORECASE,
)
#: Whose the one named is: "my friend's toddler", "my sister's boy".
_OWNER = re.compile(r"(?:my|our)\s+(\w+)(?:'s|’s)\s+\w", re.IGNORECASE)
_SUBJECT = re.compile(r"\b(?:he|she|he's|she's|hes|shes)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|my|me|myself|mine)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Patient:
    """Who the story is about: the writer ("self") or someone they name."""

    kind: Literal["self", "other"]
    noun: str | None
    sex: Sex | None
    sex_span: tuple[int, int] | None
    #: How the writer names them: "your son", or "the kid" when told without "my".
    whose: str = "your"
    #: Where the writer describes themselves before naming the patient ("Female, 45.
    #: My daughter (14)...", "34F here, my son's knee"): the writer's, set aside.
    writer_span: tuple[int, int] | None = None


#: Words describing a child before its noun: "baby girl", "teen daughter" (own_child.py).
_DESCRIBED = DESCRIBED


def _people(lexicon: Lexicon) -> str:
    words = sorted(set().union(*lexicon.people.values()), key=len, reverse=True)
    return "|".join(words)


def _relative(text: str, people: str) -> re.Match[str] | None:
    """The first "my son's knee", "my daughter (15)", "for my husband" in the text."""
    # a sign of theirs ("my son has a temperature") makes them the patient only with "his
    # knee" told after it, and no one else named between: in "my daughter has a temperature
    # and my son hurt his knee" the knee is the son's, and so is the story (re-trial 31)
    their_leg = (
        rf"(?=(?:(?!\b(?:my|our)\s+(?:{people})s?\b)(?:[^.;!?\n]|\.\d))*"
        r"\b(?:his|her|their)\s+(?:\w+\s+)?(?:knee|leg))"
    )
    introduced = re.compile(
        # "my daughter's friend": the friend; "my grandson Jack, 11": a name after them
        rf"\b(?:my|our)\s+(?:(?:{people})(?:'s|’s)\s+)?"
        rf"(?:{_AGE}\s+|(?:year|yr)\s*\d{{1,2}}\s+|{_DESCRIBED}\s+)?"
        rf"(?P<noun>{people})s?\b(?:\s+(?-i:[A-Z][a-z]+)\b)?"
        r"(?=(?:'s|s')?\s*(?:left\s+|right\s+)?(?:knee|leg|kneecap|calf|ankle|thigh|shin)"
        # "my daughter, a sporty girl of 14, has": described beside their name
        r"|\s*,\s*(?:a|an)\s+(?:\w+\s+){0,2}(?:lad|boy|girl|lass|kid|child|teen|teenager|youngster)\b"
        # their doing reaches the parent: "my daughter kept me up all night" (whose_words.py)
        rf"|\s+(?:(?:just|then|also|really)\s+)?(?:{CHILD_ON_PARENT})\b"
        r"|(?:'s|’s)\s+(?:got\s+)?(?:a\s+|an\s+)?(?:\w+\s+)?(?:temp|temperature|fever|limp)\b"
        rf"{their_leg}"
        r"|(?:'s|’s)\s+(?:running\s+a\s+(?:temp|temperature|fever)|burning\s+up|feverish)"
        rf"{their_leg}"
        rf"|{GROUP_AGED}"  # "my twins are 11; one of them ..." (groups.py)
        rf"|\s*\(|\s*,\s*(?:aged?\s+)?\d|\s+is\s+(?:\d|(?:one|two|three|four)\s+and\s+a\s+half)|\s+(?:just\s+)?turned\s+\d|(?:'s|’s)\s+\d{{1,2}}\b(?!\s*(?:/|kg|cm|%))|\s+aged?\s+\d|,?\s*who(?:'s|\s+is)\s+\d|\s+\d{{1,2}}\b(?!\s*(?:/|kg|cm|%|times|x\b|{_AGO}))|\s+(?:twisted|hurt|injured|fell|landed|plays|keeps|does"
        r"|has been|is limping|is (?:walking|hobbling|favou?ring)"
        # what a parent sees a young child do ("my son has gone off his feet", "my 10mo girl
        # hates her knee being bent", "screams when I move her leg")
        r"|has (?:gone|stopped)|hates|cries|screams|is (?:crying|screaming)"
        # how they are: "my son feels really warm and is limping", "my toddler is warm to
        # touch and won't stand" were set aside whole as someone else's story
        r"|(?:is|was|feels|felt|looks|looked|seems|seemed|'s|has\s+been)\s+(?:\w+\s+){0,2}"
        r"(?:warm|hot|feverish|burning|boiling|shivery|shivering|limping|hobbling|unwell"
        r"|poorly|floppy|lethargic|drowsy|in\s+pain|in\s+agony|sore|swollen|unable|refusing"
        r"|not\s+(?:walking|standing|crawling|weight))\b"
        # a leg not used ("my son hasn't moved the leg since", "my girl isn't crawling")
        r"|(?:has|is|does|did|was)(?:n['’]?t|\s+not)\s+(?:been\s+)?(?:moved?|moving|used?|using"
        r"|kick(?:ed|ing)?|crawl(?:ed|ing)?|walk(?:ed|ing)?|stood|standing|stand|put|putting|bear)"
        r"|only|kicks|kicked|moves|moved|uses|used"  # "my baby only kicks his left leg"
        r"|complains|says (?:his|her)|just|takes|is on|is in (?:his|her|their|year\s*\d|yr\s*\d)"
        # on the floor after a fall ("my dad was on the kitchen floor", "found my dad on the
        # floor, there since yesterday": a long lie, round 15f); not "my son on the floor playing"
        r"|(?:(?:was|were|had\s+been)\s+)?(?:lying\s+|stuck\s+)?on\s+the\s+(?:\w+\s+)?"
        r"(?:floor|ground)\b(?=[^.;!?\n]*\b(?:since|all\s+night|overnight|hours?|hrs?)\b)"
        r"|has\s+(?:got\s+)?(?:\w+[\s,]+){0,4}(?:knee|pain)"
        # a blood condition, their knee told after: "my son has hemophilia and hurt his knee"
        r"|(?:has\s+(?:got\s+)?|is\s+)(?:a\s+)?(?:mild\s+|severe\s+|moderate\s+)?"
        r"(?:ha?emophilia|von\s+willebrand|sickle\s+cell|bleeding\s+disorder)\w*"
        rf"{their_leg}"
        # a sign they have now, never a past illness ("my son has a temperature of 38.9 and
        # his knee is red" was set aside whole: re-trial 25)
        # with their own knee told in the statement ("my brother has a fever and I have a
        # swollen knee" is the writer's)
        r"|(?:has|'s)\s+(?:got\s+)?(?:a\s+|an\s+)?(?:\w+\s+)?(?:temp|temperature|fever|limp)\b"
        rf"{their_leg}"
        r"|is\s+(?:\w+\s+)?(?:feverish|shivery|burning\s+up|running\s+a\s+(?:temp|temperature|fever))"
        rf"{their_leg}"
        # any telling of what they did or could not do: "my son came off the trampoline",
        # "my son can hardly put weight on his leg", "my daughter took a tumble" (stop 23:
        # a hand list of verbs set these stories aside as someone else's); the writer's own
        # leg told after is weighed below (_OWN_BODY)
        # (not "had", "has" or "got" alone: "my dad had a DVT"; but see had_recent.py)
        # a birth given: "my daughter gave birth last week", "my wife had our baby"
        r"|(?:just\s+|recently\s+)?(?:gave|has\s+given|had\s+given|has\s+just\s+given)\s+birth\b"
        r"|(?:just\s+|recently\s+)?had\s+(?:a|our|her|their|the)\s+(?:\w+\s+)?"
        r"(?:baby|babies|twins|son|daughter|boy|girl)\b"
        rf"{HAD_RECENT}"
        r"|(?:(?:then|also|really|suddenly)\s+)?(?:came|comes|went|goes"
        r"|(?:got|gets|was|were)\s+(?:kicked|hit|tackled|clattered|taken|knocked|injured|hurt"
        r"|stood|thrown|bucked|playing|running|landing|jumping|skiing|riding)"
        r"|took|can|can't|cant|cannot|could|couldn't|couldnt|won't|wont|will"
        r"|started|starts|collapsed|slipped|tripped|crashed|jumped|woke|wakes|limped"
        r"|limps|hobbled|hobbles|banged|knocked|bashed|caught|copped|rolled|wiped"
        r"|stumbled|overdid|overextended|hyperextended)\b))"
        rf"|\b(?:for|of|about)\s+(?:my|our)\s+(?P<noun2>{people})s?\b"
        # "our little man is 9", "my wee man has": a child named by a description
        rf"|\b(?:my|our)\s+(?P<noun7>(?:little|wee|young)\s+(?:man|fella|fellow|lady|one))\b"
        # "my 6 week old", "our 2 year old" is a baby; "my 6 week old knee sprain" a thing's age
        rf"|\b(?:my|our)\s+(?P<age>{_AGE})\b(?!\s*(?:knee|injury|injuries|sprain|strain|tear|op"
        r"|operation|surgery|scar|problem|pain|niggle|brace|meniscus|acl)\b)"
        # "grandpa, 80, ...": the one named first; "girl 14, ..." is the writer
        rf"|^\W*(?!(?:girl|boy|lad)\b)(?P<noun3>{people})\s*(?:,|is|\()?\s*\(?\d{{1,2}}\b(?!\s*(?:/|kg|cm|%))"
        rf"(?!\s*\)?\s*,?\s*{SIGNING})"  # "grandma (70) writing: my grandson, 13": the writer
        # "the kid's knee", "the boy's left knee": a named person's leg, though not "my"
        rf"|\b(?:the|this|that)\s+(?:{_DESCRIBED}\s+)?"
        rf"(?P<noun4>{people})(?:'s|’s)\s*(?:left\s+|right\s+)?(?:knee|leg|kneecap|calf)"
        # a coach or teacher telling of one of theirs: "one of the players got a boot"
        rf"|\bone\s+of\s+(?:my|our|the)\s+(?P<noun5>{people})s?\b"
        rf"{team_member(people)}"  # "one of my u14s", "a lad in my team" (whose_words.py)
        # "me 72, wife 70, her knee ...": the writer first, then the one they write about
        rf"|^\W*(?:me|myself)\s*,?\s*\(?\d{{2}}\)?\s*[,;.]\s*(?P<noun6>{people})\s*,?\s*\(?\d{{1,2}}\b",
        re.IGNORECASE,
    )
    # "went round to my mum's" names where the writer was, not who is hurt (places.py)
    found = [
        m
        for m in introduced.finditer(text)
        if not within_place(text, *m.span())
        and not _BORN_TO_WRITER.search(text[: m.start()])
        # "my wife took my temperature": she acts for the writer, whose story it is
        and not acts_for_writer(re.split(r"[.!?\n]", text[m.end() :], maxsplit=1)[0])
    ]
    return with_the_knee(found, text)


#: A time past after a number: "my baby 9 days ago" tells when, not a baby of 9.
_AGO = r"(?:days?|weeks?|wks?|months?|years?|yrs?|hours?|hrs?)\s+(?:ago|back)\b"
#: The writer giving birth to the one named: "had my baby", "gave birth to my son". The
#: birth is the writer's own event, not the baby's story (re-trial 31: "had my baby 9 days
#: ago, right leg swollen" was read as the baby's knee); a baby told of after it as "he"
#: or "she" is still theirs (onlooker.py).
_BORN_TO_WRITER = re.compile(
    r"\b(?:had|having|gave\s+birth\s+to|given\s+birth\s+to|giving\s+birth\s+to|delivered"
    r"|birth\s+to)\s+$",
    re.IGNORECASE,
)


def find_patient(text: str, lexicon: Lexicon) -> Patient:
    """Decide whose knee the story is about, and their sex where the text says it."""
    explicit = explicit_sex(text)
    own_words = (_SELF_KNEE, _OWN_BODY, _WRITER_HURT, WRITER_TOLD)
    # a child of the writer's told with no age nor leg of theirs: the child's (own_child.py)
    relative = _relative(text, _people(lexicon)) or own_child(text, own_words)
    self_cue = _SELF_KNEE.search(text)
    about_other = relative is not None and (self_cue is None or relative.start() < self_cue.start())
    if (
        not about_other
        and relative is not None
        and self_cue is not None
        and re.match(_WRITER_ONLY, self_cue.group(), re.IGNORECASE)
        and _OWN_BODY.search(text) is None
        and (
            _THIRD_BODY.search(text, relative.end())
            or _THEIR_BODY.match(text, relative.end())
            or their_leg_told(text, relative.end())
        )
    ):
        # "I'm 70 and my wife is 68, she fell and her knee is bruised", "I'm 70 and my
        # wife's knee is swollen": the writer gave their age, the knee told of is hers
        # (the writer's age is set aside, with a note)
        about_other = True
    if (
        about_other
        and relative is not None
        and (reports(text, relative.end()) or DONE_TO_WRITER.match(text, relative.end()))
    ):
        about_other = False  # they tell of, or did it to, the writer's knee: the writer's
    if about_other and relative is not None and _WRITER_HURT.search(text, relative.end()):
        # the writer tells of their own injury after theirs: the writer's story, unless
        # their own leg is only said to be all right
        about_other = _OWN_FINE.search(text, relative.end()) is not None
    own = _OWN_BODY.search(text, relative.end()) if relative is not None else None
    if about_other and relative is not None and own is not None:
        # "my granny, 80, had a clot; my calf is swollen", "my brother's knee locks but
        # mine doesn't", "my son's knee gave way. my knee hurts": the writer tells of
        # their own leg, so it is the story; unless the relative comes in with their own
        # leg and the writer's is only said to be all right ("my daughter (15) twisted
        # her knee ... my knee is fine")
        statement = re.split(r"[.;!?\n]", text[relative.end() :], maxsplit=1)[0]
        before_own = text[relative.end() : max(own.start(), relative.end())]
        theirs = (
            _THEIR_BODY.match(text, relative.end())
            or _THIRD_BODY.search(statement)
            or _UNOWNED_BODY.search(before_own)  # "my son (12) has a swollen knee, mine is fine"
        )
        about_other = bool(theirs) and _OWN_FINE.search(text, relative.end()) is not None
    if about_other and relative is not None:
        group = relative.groupdict()  # own_child's match names only "noun"
        names = [group.get(f"noun{n}") for n in ("", "2", "3", "4", "5", "6", "7", "9")]
        noun = next((n for n in names if n), None) or ("player" if group.get("noun8") else None)
        if noun and noun[:-1].lower() in _people(lexicon).split("|"):
            noun = noun[:-1]  # "one of the players": a player
        by_noun = noun_sex(noun, lexicon)
        writer = None
        if group.get("noun6"):
            writer = (relative.start(), relative.start("noun6"))  # "me 72,": the writer
        elif (signed := writer_named(text, _people(lexicon))) and signed[1] <= relative.start():
            writer = signed  # "grandad here, 70 —": the writer's own words
        if explicit is not None and explicit[1][0] < relative.start():
            # "I'm a 70-year-old man and my wife's knee...", "Female, 45. My daughter":
            # the writer's sex, told before the patient is named
            writer, explicit = explicit[1], None
        named = relative.span("noun6") if group.get("noun6") else relative.span()
        # the relative's noun says their sex ("my son"); a sex told beside it may be the
        # writer's ("my son's knee is swollen, I'm a 45 year old woman")
        sex = (by_noun, named) if by_noun else explicit or pronoun_sex(text)
        whose = "the" if any(group.get(n) for n in ("noun4", "noun5", "noun8", "noun9")) else "your"
        if owner := _OWNER.match(relative.group()):  # "my friend's toddler": the friend's
            whose = f"your {owner.group(1).lower()}'s"
        told, where = sex or (None, None)
        return Patient("other", noun.lower() if noun else None, told, where, whose, writer)
    pronoun = pronoun_sex(text)
    # "baby girl limping", "little boy won't walk": the noun after its describing word
    opener = re.match(
        rf"\W*(?:the\s+|our\s+)?(?:{_DESCRIBED}\s+)?({_people(lexicon)})\b", text, re.IGNORECASE
    ) or re.search(  # "hi, little girl has a fever": described, after a greeting's comma
        rf"(?<=[,;])\s*(?:the\s+|our\s+)?{_DESCRIBED}\s+({_people(lexicon)})\b", text, re.IGNORECASE
    )
    # "found dad on the floor, he can't get up": named after the writer's verb (onlooker.py)
    after_verb = None if opener else named_then_told(text, _people(lexicon), own_words)
    if after_verb and pronoun and noun_sex(after_verb["noun"], lexicon) not in (None, pronoun[0]):
        after_verb = None  # "found my mum's dog, he ...": "he" is not the mum
    if (
        (
            _FIRST_PERSON.search(text) is None
            or writer_looks_on(text, own_words, opened=opener is not None)
            or after_verb
            or onlooks_unnamed(text, _people(lexicon), own_words)
        )
        and (pronoun is not None or opener is not None)
        # "popped over to Dave's and slipped on his floor" is the writer's; "she fell at her
        # mum's house" is hers: "she" is the one who did it
        and (not place_owners(text) or _SUBJECT.search(text) is not None)
    ):
        # "grandpa can't stand since he tripped": the person the story opens with; so too
        # one told with no "he" or "she" ("toddler limping with a temperature": a parent
        # writing of their child without "my" was set aside as someone else's story)
        at = opener.span(1) if opener else after_verb.span("noun") if after_verb else None
        if at is None and (later := named_later(text, _people(lexicon), own_words)):
            agrees = pronoun is None or noun_sex(later["noun"], lexicon) in (None, pronoun[0])
            at = later.span("noun") if agrees else None  # "she ..., mum is 88": mum
        noun = text[at[0] : at[1]].lower() if at else None
        sex = explicit or pronoun
        if sex is None and at is not None and (by_noun := noun_sex(noun, lexicon)):
            sex = (by_noun, at)
        return Patient("other", noun, *(sex or (None, None)))
    if cared := in_care(text, own_words):  # "I'm a nurse writing about my patient: his knee"
        cared_noun, noun_at, whose = cared
        by = noun_sex(cared_noun, lexicon) if cared_noun else None
        told_sex = pronoun or ((by, (noun_at, noun_at + len(cared_noun or ""))) if by else None)
        told_sex = told_sex or (explicit if explicit and explicit[1][0] > noun_at else None)
        said, span = told_sex or (None, None)
        return Patient("other", cared_noun, said, span, whose)
    return Patient("self", None, *(explicit or (None, None)))
