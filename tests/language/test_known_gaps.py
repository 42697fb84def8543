"""Kinds of fault left at the last stop, each with fresh phrasings and near misses.

Tables: weight_bearing.yaml (which Ottawa time a weight-bearing phrase answers),
other_quantities.yaml (a number counting steps or sets is no age, weight or height),
pain_times.yaml (pain at night or at rest told gone, or when resting or sitting),
reported_by_someone.yaml (someone telling of the writer's knee is not the patient),
negated_side.yaml (a negation of something else keeps the side),
refused_weight.yaml (a refusal to put weight on the leg is no weight borne; a limp yields),
kicks_and_blows.yaml (the person's own kick or hit is no blow; "again" of pain is no injury),
words_not_lost.yaml (typos read, ability lost since, every unused clause listed),
falls_not_denials.yaml ("came off my bike", "went down": a fall, not a denial of what follows),
retrial_2315.yaml (too much pain to stand; a blow from another player; a kneecap out and back
in; someone's knee; walked off then not; typos),
round4.yaml (the writer beside someone else's story; "the kid's knee"; blows in slang; ages
in words and decades; words inside a read clause; rugby),
felt_and_whose.yaml ("felt my knee give / kneecap shift out" read or listed; "like his",
"she heard a snap": another's, set aside),
round5.yaml (the writer's age beside a relative's story; compact ages and sexes; morning
stiffness in words; "my knee went"; time since an injury; how fast it swelled),
clinical22.yaml (clinical trial 22: "kind of limping" is limping; a "no" to one part of an
"X or Y" question is no answer; wound and sweat words; weight lost with fillers).
round6b.yaml (the ground is no crepitus; night sweats are no night pain; a kneecap gone back
into place was out; a temperature measured normal is no fever; morning stiffness in words;
a weekday onset listed as not used).
round6c.yaml (a comparison's "than before" is now; comparatives are findings; a negation never
reaches the event of "before/since <trip>"; immobility in words; "clicked back in" is no past;
no feeling in the foot; painkillers doing nothing; a cast is no wound; used words never listed).
round6d.yaml (a relative described as "a big lad" or "the boy" is the patient; "who's 13" is an
age; groin pain is hip pain; a lump on the bone; a wondered injury is none told; both parts of
the straight-leg raise told can).
round6e.yaml (a fall in slang; "has gone cold" denies nothing; a denied twist is no "no injury";
"wasn't swollen before, but now it is"; a fat calf; "my op", "4 weeks back"; swelling straight
after; other joints; weight borne hardly; a painless click).
round6f.yaml (told new against before, "that wasn't there before", is there now; a blow from an
object named with its sport).
round7a.yaml (catching someone or something is no catching; the writer's injury told after a
relative's story is the writer's; a body part as a heading, "Foot: numb"; calf muscles only tight).
round8a.yaml (falls in everyday words, "lost my footing"; a leg that won't lift; "at my mum's" is a
place; errands are no pop; locking a door; climbing stairs is no sport; a foot gives no knee side).
round8d.yaml (a calf sign told of both legs is no one calf; a joint told fine or the other knee
as a yardstick is no other joint; a painless click is no painful catch; a bend in degrees).
round8b.yaml (an injury an hour ago with the knee swollen now, or "swelled up fast" after one,
is swelling within two hours, asked with no injury; "burning up", "roasting" are a fever, the
knee burning up is warm; a hard lump on the shin or thigh; "like 6 weeks", "6ish weeks").
round8c.yaml (a copied form's "Question? answer" read as "Question: answer"; "not sure" asked;
"X or Y? no" denies every part; "warmth"; a knee injected or drained, read since round10d).
round9h.yaml (a form's "Q: fever A: no" with no "?" answers the question, never a yes; fever
told as hot and cold, sweats with shivers, rigors; the side told fine or as a yardstick).
round9g.yaml (how fast it swelled told as a span, "over the next 2 hours", "an hour or two
after", "by the time I got home, about an hour"; an injury in everyday words, "hurt it at
rugby", "did my knee in", a sudden start; "it's massive now" of the knee is swollen).
round9f.yaml (degrees of the knee's bend are no temperature; a count of steps is the four-steps
question, never the stairs; "running a temp" is a fever, no run).
round10a.yaml (steps limited to "a few" are under four, a form's "hopping" is no, "hardly" is
asked; swelling "over a couple of hours" or "yes (within 2 hrs)" is timed, a trip home is
not; a form's field left blank, "N/A", "-", is unanswered, never a yes or a no).
round10b.yaml (a "no" stops at a list item told as it is or as an amount; a denial with a
trigger is listed back; a side told fine without a verb, "on the left"; compound form
questions answered yes; shivery is a fever sign; a denied blow; a child written of
without "my"). round10e.yaml (a limp in a parent's words; what nobody saw; a relative who
"has a hot swollen knee"; ages in months). round11g.yaml (a blow from an object, a jump down,
"felt something go", a dip "there"; confusion as usual is not new; a cut on the other knee;
a crash; a "no" told leaning, "I think", is asked).
round11f.yaml (a temperature not measured, "?", or denied after its noun is no fever; a
temperature denied beside shivers is asked; a don't-know stays with its own finding; "not
really" to walking is unable; able but only a couple of steps; "by half time"; a weekday
alone listed; rest pain told of he or she).
round12d.yaml (a form's fields on one line split by "|", ",", ";", "/" or a tab are a
statement each, "Walking: no", "Injury: none"; misspelt red-flag words, "hott", "numm",
"reed"; "last month" as an operation's time, a fever's "tonight" never its time).
round10d.yaml (a needle into the knee, an injection or fluid drawn off, is recent_knee_injection;
a jab elsewhere, one still to come, or one told over 4 months ago is not).
round12a.yaml (a baby's or child's leg not used, by contrast or not moved: a limp, the leg not
used its side; ages with no "my", in weeks, in halves, or before a description, "13yo
overweight lad"; "for weeks" at its least; a child crying when the leg is moved, since round
13d read).
round12s.yaml (a time told by its plural unit alone, "for months", is at least two;
several other people, "the kids", "my folks", are theirs; "my own knee" is the writer's; a
story of "he" or "she" the writer only looks on at is theirs; a verb's negation stops at
"and" before a new verb, "won't walk and feels hot"; a knee that "won't bend"; after "no
<noun>," an item with its own verb, "wound is weeping", is told; a relative told by how they
are, "my son feels really warm and is limping", is the patient; "is not walking on it";
"Temp 38.4, Walking: no" is two fields; a foot not put down; "peed myself without
realising"; a form's "Age: 3" or "Age: 18 months").
round12c.yaml (compartment syndrome in everyday words; a bend still lost after an injury;
"mums TKR", "my friends knee" are someone else's; oozing after an operation; "since sat";
jumping down off; "no pain really" asked).
round12b.yaml (a hedge reaches only its own finding; "not hot" after a contrast word; a form's
"Recent injection: yes"; shivers beside a denied temperature).
round12e.yaml (after a fall, "can't get up" is no four steps and a leg shorter, a foot
turned out or a "funny shape" is a deformity; a leg swollen "from the knee down" is the
calf's; pain on one spot of a bone, "pinpoint pain on my shin bone").
round13a.yaml (a child warm or hot to the touch is a weak fever sign, "not hot" of the child
is asked; a leg not used told with no side word; a child crying when the leg is moved listed
with a note; "hes"/"shes" name the child; a form's "Age 3" with no colon).
round13b.yaml (a relative named after the verb, "found my dad on the floor", then told of as
he or she is the patient; "can't stand" after a fall; a birth is the writer's own event and
the leg swollen under the knee the calf's; a site on the shin bone is never the knee's side).
round13s.yaml (a child's noun then the months or weeks, "my baby 9 months", is the age, never
a time since a birth; "won't crawl" of a young child refuses the leg).
round13c.yaml (shivers told as coming back, "on and off", are rigors and "on and off" is
theirs, not the swelling's; of two people named, the one with the knee is the patient and
the other's fever is theirs; weight lost on purpose, a leak on a laugh or a sneeze, the
heat of the weather or a bath are none of the red flags).
round13g.yaml (pain out of proportion after a blow or fall; a past fever or old travel is not
now; a click with no pain named is no painful catch; weight lost with night sweats).
round13e.yaml (a story of "he" or "she" naming them after, "nan is 81", is theirs; company,
"with the grandkids", leaves it theirs; a long lie "before anyone came" is a fall told now; a
person who collapsed or went down fell, the knee collapsing gave way).
round13f.yaml (a child who has stopped walking or no longer puts weight on the leg bears none
now, "isn't walking properly" is a limp; after "no <noun>," an item opening with a
participle, "feeling shivery", is told; calf signs told second or as pain; "(4 years)" ages).
with a note, since round 13d read; "hes"/"shes" name the child; a form's "Age 3" with no colon).
round13d.yaml (a baby's or child's pain when someone else moves, bends or touches the leg, at a
nappy change with the leg told, or not letting anyone touch it, is pain_when_leg_moved, its
side when told; the child's own bending, crying for other reasons, a denial, the writer's
own knee and an adult's are not).
round14a.yaml (a child's age told by their name, "our son Kai is 8", "Zara's 7", "turned 6";
someone acting for the writer, "mum checked my temp", leaves the clause theirs; "n" is "and";
where the kneecap sits now is out of place; slang and blow-measured pain out of proportion,
pain killing on moving the toes, a shin tight and hard).
round15b.yaml (an age in weeks is no pregnancy or time back; "N years old" of an injury,
an operation, a knee or a shoe is no age; a medicine stopped, quit, finished or come off is
not taken now; "won't crawl" is a baby's or toddler's sign, never the writer's; a child
who "kept me up" or "had us worried" is the patient; "I bend her knee and she screams").
round15d.yaml (the time since a knee operation told before its name with a surgeon's short
word, "3 weeks after TKR", a clinician's shorthand, "3/52 post op", or "day 6 post op"; a
vague time, "recently", "a few months ago", reads no number, with a note; a nurse, carer
or coach writing of "my patient", "the resident", "a player of mine" or "he"/"she" after
their role writes that person's story, the writer's own knee kept apart; a fever misspelt
read from its number, "a fiver" alone money; feeling ill in plain words, "feel so rough",
"not feeling myself", never the knee's own feeling).
round15e.yaml (a kneecap not gone back, still out, round the side or sitting wrong is out of
place now, gone back by itself is not; a place told of "it" that is the knee, "just below
it"; the shin is no calf; unchanged is no better, a change of the training is no answer).
round15c.yaml (heat of effort, weather, a fire or a heat pack is no warm knee nor fever; a
click told "not really painful" is asked; a warm swelling placed on the calf or thigh is
theirs; hyphenated words, "non-weight-bearing", "right-sided", read whole; going down a way
is no fall; shins only tight after a run are no tense shin).
round15f.yaml (sickle cell disease by its names, "HbSS", "SCD", "sickler", "sickle cell crisis",
of the person the story is about, never the trait, a carrier or a brother's; a long lie, "on
the floor all night", "for 3 hours", "there since yesterday", is long_lie and a fall, never
minutes on the floor, a quick get-up or lying down to stretch or play).
round15g.yaml (a knee operation's time told after its short name, "TKR 3/52", or as a day
after it, "day 10 after my knee replacement", "post op day 10", never a year, "24/7" or a
date; a numb, cold, pale or tingling leg below the knee or from the knee down is the foot's
sign, never a numb patch by the scar or a knee cold from ice).
round16m.yaml (an immune-weakening medicine given up, "came off my methotrexate", "not on my
Humira anymore", is asked, never a no, a blood thinner given up stays a no; after "no
<sign>,", a medicine told taken, "on steroids", "takes apixaban", is taken; "the consultant
took me off it" is a stop, a word ending in "nt" no "can't").
round16a.yaml (a parent's or grandparent's story of their own child told with no number age
is the child's, read as its subject, never set aside; the writer's own knee or symptom told
beside it keeps the story theirs and the child's illness apart; a baby, toddler, tot, "little
one" or a child at nursery, preschool or primary school is is_child with no age told, never
"my kid" or "my son" alone, "like a baby", "since he was a toddler" or a told age).
round16c.yaml (painkillers at home told as not easing the pain, "aren't touching it",
"nothing is helping the pain", "isn't holding it", never painkillers that help; a long lie told
in a clause of its own after a fall, "she'd been there for hours", "lying there since last
night", "couldn't get up for 3 hours", of the person the story is about; never a sofa, a bed,
A&E, minutes or lying down to stretch).
round16b.yaml (a knee operation's time told by a day gone by, "on thursday", "last friday",
"over the weekend", "the other day", is a week since it, never a day still to come or
another event's; a knee scope by its everyday names, "knee washout", "keyhole 2/52", "a
camera in my knee", never a washed-out weekend, a garage's clear-out or a colonoscopy; a
fever in the plural, "temperatures on and off", "running high temperatures", never a room's
or the weather's; tingling of the leg or foot below the knee or from the knee down, never of
the hands or arm, a cream or a patch by the scar; a fever told after an operation's own
time, "knee replacement 3 weeks ago and a fever", is now, never one told with its own old time).
round16d.yaml (the foot's sign told in other words, "cooler than the other", "dusky",
"numb on top of the foot", "can't feel the sole of her foot", never feet always cold, "cold
feet" about an event or a foot numb from ice; a knee, not a kneecap, bent the wrong way, sideways
or out of joint and gone back into place, or not gone back, is out of place, "looks normal-ish"
after it no "no"; a burning or bursting pain in its own clause with the leg in its sentence,
never the skin's, and pain getting worse "even with co-codamol"; coughing up "a bit of" blood
and a pain in "her" chest).
round16n.yaml (one found on the floor with no "him" or "her", "nan was found on the kitchen
floor", had a fall; the hours on the floor told with no "for", "lay on the ground around 2
hrs", are a long lie, never minutes or lying down to stretch; a painkiller taken, then "and
it's not helping", is pain the painkillers do not ease, never one that helps; a foot that
flops and cannot be pulled up is the foot's sign, never a foot lifted onto a step; a blow
told of the head, face or elbow is no knee injury, so the fall beside it stands).
round16e.yaml (a bleeding disorder by its names, haemophilia, "factor IX deficiency", "von
Willebrands", "VWD", "a bleeder", of the person the story is about, never a carrier, a
brother's or a cut's bleeding; a medicine's or an operation's name one letter out,
"predisone", "replacment", never a real word or a plural; one who kicked or jumped on "it"
leaves the knee the writer's; "no fever that I know of" is unsure; a nurse's note "writing
about a patient, 84F" is the patient's, never the nurse's own knee).
round17c.yaml (a parent's own child's fever and limp with no age told are read; a blood
thinner given up in the last few days, "stopped my warfarin yesterday", is still taken,
never one given up weeks ago; a time told of a fever, a cough or a medicine's stop,
"temperatures on and off since yesterday", is not how long the knee has hurt).
round17a.yaml (one who fell and cannot get up "even with help" or "after the fall", or whom
others cannot get up now, "we can't get her up", "I can't lift him", the time on the floor
unknown kept unknown, never the stairs, a squat, the mornings, a child got up for school or
"couldn't" at first; a fall told as going over in a place, "went over in the garden", never
a thing gone over in a meeting; hip or groin pain or a limp after a fall, never an old hip
replacement).
round17b.yaml (a knock to the head in the fall or blow, "smacked the back of his head", "a
lump on her forehead", "her head struck the wall", is head_knock, the fall beside it kept, told
unsure asked, never a knock years ago, a head coach, a headache or the head of a bed; a joint
bleed's first signs, "fizzing feeling", "warm and tingly inside", "tight and stiff", "stiff and
I can't bend it", are early_bleed_signs, never a heat pack's warmth, tingling fingers, a fizzy
drink or a stiffness years ago, one sign denied asked).
round17d.yaml (the time told beside an operation word misspelt by a letter, "arthroscapy a
month ago", is the operation's time, never a surgeon's or an operation still to come; a
knee operation's day told by a weekday cut short, "last weds", "this past tues", is a day
gone by, never "next weds" or "sat down"; a foot that flops and cannot be lifted is
foot_drop, never a foot told warm or not numb).
round18b.yaml (a swelling word misspelt by a letter, "sweled", "swollne", "swellng", is the
knee's swelling, never "spelling", "smelled" or "selling"; "cant wlk on it", "can't bare
weight" bear none, a bare foot answers nothing; swollen glands, tonsils or lips are not the knee's).
round18d.yaml (a calf sign told after the calf joined to another part, "my calf and the back
of my knee are tender", "knee + calf tight", or through "it" after the calf told unsure, or of
the back of the leg, is calf_swelling, never calf raises, a calf sleeve, a cramp gone, a sign
denied or someone else's calf; the calf told only unsure is asked).
round18e.yaml (a knee, not a kneecap, gone sideways, the wrong way or backwards and snapped
back, "popped back in", "clicked back", is out of place, never a kneecap's, a giving way, a
pop, a bike gone sideways or the pain come back; a child told with an age and a bare
description, "my son 13 chunky lad", or a player named by the team, "one of my u14s", "a lad
in my team, 14", is the patient, never the coach's own knee, a son who drove the writer or
the writer beside their team).
round18a.yaml (a rash of red or purple spots or blotches that does not fade when pressed, "a
purple rash that doesnt fade when I press a glass on it", "stays when I push a glass against
it", "petechiae", "pin-point red dots", "purplish splotches", is rash_not_fading, its purple
never a bruise; a rash that fades or goes white is the "no", a rash told with nothing about
fading, a bruise, a purple knee after a fall, a heat, brace or nettle rash stay unknown; a
fever guessed and not measured, "think i had a temp but didnt check", is asked, never a yes
or a no, one told plainly or with a number stays told).
round18c.yaml (a fever told with a number or a word beside a knee told as gout, "my gouty
knee", pseudogout or calcium crystals, or rheumatoid arthritis, and feeling ill as "totally
wiped out" or "feel like I've got flu"; "my <word> knee" keeps the knee the writer's beside
another's fever; never a fever denied or under 38, hot weather, a fever last month, or
"wiped out" by a player or on a bike).
round18g.yaml (a child told with a describing word, "teen daughter", "eldest grandson", with or
without "my", is the patient, never "my teen years"; a fall told with -ing, "slipping on ice",
"tripping over the rug", never "fell asleep"; an unread event after a read sign is listed).
round18h.yaml (a doubt about one thing keeps the certain fact beside it: "not sure if I banged
my head as I went down" tells the fall, the knock asked; "no idea if the swelling came fast
or slow" tells the swelling, its speed asked; never "not sure if I fell or fainted" or "no
idea if it's swollen").
round19b.yaml (a knee, not a kneecap, out at an angle, inwards or outwards and back, told
"relocated", "reduced", "went back" after a dislocation or put back by someone, "was shoved
back in by the club doctor", is out of place, a tackle today no old injury, never a kneecap's,
a bend back that snapped back, a swelling or pain reduced or the writer's own foam roller; a
knee out "for a split second" gave way, the look asked, never an errand, "popped out for a
bit"; "nothing seemed out of place", "didn't appear out of position" is the "no", a doubt
asked, a shape denied alone kept asked).
round19c.yaml (the glass test in other words, "still visible through the side of a clear
cup", "pressed a glass on it and it's still there", "doesn't go white when pressed", "no
blanching", is rash_not_fading, never a glass of water or a glass door; its fading told
unsure or untested, "not sure if it fades", "haven't tried the glass test", is asked, never
a "no"; a rash told with nothing about fading is listed as not used; a rash's colour or heat,
"a pink rash", "dark red pinprick dots", "heat rash", "prickly heat", is no red or warm knee,
the knee told red or hot still is).
round19d.yaml (a group of one age, "my twins are 7", then one of them is that one's story
and age; a team's age group, "one of the under 9s I coach", is 16 or under, a school year's,
"one of my year 5s", an age; "my oldest" is the writer's child with no age; two ages, a
relative's team or the writer's own knee are not; "feeling run down" is feeling ill, never
running, "run down the stairs" is; lagging behind, "fallen behind with my physio", is no
fall, "fell behind the counter" is; the time of another illness or its treatment, "a chest
infection 3 weeks ago", "in plaster for 6 weeks", is not the knee's; days in bed with a bug
are no pain in bed).
round19a.yaml (a walking or weight-bearing word or the "can't" before it misspelt by a letter,
"canot wallk", "cnt stannd on it", "carnt put any weihgt", is no four steps, never "cant
wake", "cant wait", "cant wear", "weigh myself" or bare feet, a "can't" nothing read listed;
walking with difficulty now, "can only just hobble", "struggling to walk", "can bearly wlak",
is asked and a limp, never walking far, up hills or a run hardly done).
round19f.yaml (an age told bare before a medicine or an illness, "83 on edoxaban", "88 with
heart failure", or "at 84" before the person, never a dose, a distance, a score, a year or a
clock's "at 10"; a fever told over, "settled on sunday", "that's passed now", is no fever now,
never one brought down by a medicine, come back or not gone, a doubt before it asked).
round19g.yaml (one who looks at, feels or checks the knee, "had a look and it's hot", "felt it
and said it's warm", finds the patient's signs, never their own knee's or a boiler's; a
colour told of "it" after a rash, "a rash on her tummy, it's bright red", is the rash's, the
knee told red after it still red; "the redness round my knee is still there" is a red knee;
the knee told in place with no look, "the knee wasn't out of line", "was sitting in the right
place", is the "no", a doubt asked, "isn't in line" out of place, another joint not read).
round19i.yaml ("can't stop limping", "won't stop swelling", "never stops limping" go on, told,
never denied, never a run the writer loves or stopping at the lights; the knee told big,
"gone enormous", "doubled in size", "like a melon", is swollen, never its pain, a bruise or a
worry told big; a "can't" with letters swapped, "cnat", "cannto", is read; weight borne
with difficulty, "barely able to bear weight", is asked and a limp, never "cnat wait").
round19j.yaml (a long lie told by when it ended after a night, "on the floor until my sister
came by the next morning", "lay there till morning", or as "the whole night on the bathroom
floor", is long_lie, "couldn't get himself back up" no walking right after; a lie ended with
no time told, a sofa, getting up at once or the stairs are none; a knock's verb carried over
to the head, "bashed my shin and my head on the table", is head_knock, never "and my head
was fine"; feeling hot and cold or shivery beside a doubted temperature is asked, never a
sure fever, and "burning up all night" is no night pain, a number stays a fever).
Each case: `read` fields and values, `unknown` fields that must stay unknown, `unsure`
fields told unsure (out of the intake, with a note that kneewise will ask), `all_used`
when every word gave the answer (nothing is shown as unused), `not_used` words that must
be shown as not used, `note` words a note to the person must say.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kneewise import load_knowledge
from kneewise.language import parse

KB = load_knowledge()
TABLES = (
    "weight_bearing.yaml",
    "other_quantities.yaml",
    "pain_times.yaml",
    "reported_by_someone.yaml",
    "negated_side.yaml",
    "refused_weight.yaml",
    "kicks_and_blows.yaml",
    "words_not_lost.yaml",
    "falls_not_denials.yaml",
    "retrial_2315.yaml",
    "round4.yaml",
    "felt_and_whose.yaml",
    "round5.yaml",
    "clinical22.yaml",
    "retrial22.yaml",
    "round6b.yaml",
    "round6a.yaml",
    "round6c.yaml",
    "round6d.yaml",
    "round6e.yaml",
    "round6f.yaml",
    "round7a.yaml",
    "round8a.yaml",
    "round8d.yaml",
    "round8b.yaml",
    "round8c.yaml",
    "round9h.yaml",
    "round9g.yaml",
    "round9f.yaml",
    "round10e.yaml",
    "round10a.yaml",
    "round10b.yaml",
    "round11e.yaml",
    "round11g.yaml",
    "round11f.yaml",
    "round10d.yaml",
    "round12a.yaml",
    "round12s.yaml",
    "round12c.yaml",
    "round12d.yaml",
    "round12b.yaml",
    "round12e.yaml",
    "round13a.yaml",
    "round13b.yaml",
    "round13s.yaml",
    "round13c.yaml",
    "round13g.yaml",
    "round13e.yaml",
    "round13f.yaml",
    "round13d.yaml",
    "round14a.yaml",
    "round15b.yaml",
    "round15d.yaml",
    "round15e.yaml",
    "round15c.yaml",
    "round15f.yaml",
    "round15g.yaml",
    "round16m.yaml",
    "round16a.yaml",
    "round16c.yaml",
    "round16b.yaml",
    "round16d.yaml",
    "round16n.yaml",
    "round16e.yaml",
    "round17c.yaml",
    "round17a.yaml",
    "round17b.yaml",
    "round17d.yaml",
    "round18b.yaml",
    "round18d.yaml",
    "round18e.yaml",
    "round18a.yaml",
    "round18c.yaml",
    "round18g.yaml",
    "round18h.yaml",
    "round19b.yaml",
    "round19c.yaml",
    "round19d.yaml",
    "round19a.yaml",
    "round19f.yaml",
    "round19g.yaml",
    "round19i.yaml",
    "round19j.yaml",
)
CASES = [
    pytest.param(case, id=f"{name}: {case['text']}")
    for name in TABLES
    for case in yaml.safe_load((Path(__file__).parent / name).read_text(encoding="utf-8"))
]


@pytest.mark.parametrize("case", CASES)
def test_a_phrase_reads_what_it_says_and_nothing_else(case: dict[str, Any]) -> None:
    parsed = parse(case["text"], KB)
    known = parsed.intake().known()
    for field, want in case.get("read", {}).items():
        got = known.get(field)
        assert got == (pytest.approx(want, abs=0.2) if isinstance(want, float) else want), field
    for field in case.get("unknown", []):
        assert field not in known, field
    if case.get("all_used"):
        assert parsed.unparsed == []  # the words that said it are not shown as unused
    for field in case.get("unsure", []):
        read = parsed.fields.get(field)
        assert read is None or read.unsure, field
        assert read is None or read.value is None, field  # no yes/no to read anywhere
        assert any("sounded unsure" in note for note in parsed.notes)
    for words in case.get("not_used", []):
        assert any(words in said for said in parsed.unparsed), words
    for words in case.get("note", []):
        assert any(words in note for note in parsed.notes), words


def test_every_kind_has_phrasings_and_near_misses() -> None:
    for name in TABLES[:4]:
        table = yaml.safe_load((Path(__file__).parent / name).read_text(encoding="utf-8"))
        assert len(table) >= 12, name
        assert any("unknown" in case for case in table), name  # something must not be read
