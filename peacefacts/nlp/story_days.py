"""The days a story's own text gives its events, read by the planner (:mod:`peacefacts.nlp.plan`)
without any model: the day of the attack a story reports (:func:`incident_day`), the day of the
statement it reports (:func:`statement_day`), and whether a line tells of an attack and what it
cost (:func:`tells_of_incident`).
"""

from __future__ import annotations

import re
from typing import Optional

from peacefacts import vocab
from peacefacts.nlp.dates import find_dates
from peacefacts.nlp.segment import Sentence
from peacefacts.records import PartialDate
from peacefacts.vocab.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, alternation

__all__ = ["TOLL_REACH", "incident_day", "statement_day", "tells_of_incident", "vocab_weekday"]

#: Words that make a story one about an attack or accident, and what it cost.
_INCIDENT = re.compile(
    r"\b(?:attack\w*|ambush\w*|explosion|blast|IED|mine|convoy|crash\w*|clash\w*|shelling|gunmen|rocket|"
    r"mortar|raid|bomb\w*|assault|gunfire|fire|rebels|militants|insurgents|jihadists|accident|"
    r"drones?|(?:air\s*)?strikes?|struck|missiles?|grenades?|artillery|shell(?:s|ed|ing)?|shot|gunshot|fired|firing|"
    r"storm(?:ed|ing)|mobs?|riot(?:s|ers|ing)?|protesters|crossfire|landmines?|IEDs|gunman|shootings?)\b",
    re.IGNORECASE,
)
_DEATH_TOLL = re.compile(r"\bdeath\s+toll\b", re.IGNORECASE)
_TOLL = re.compile(r"\b(?:kill\w*|die[ds]?|dead|deadly|deaths?|wounded|injur\w+|hurt|toll|fallen|martyr\w*)\b", re.IGNORECASE)


def tells_of_incident(line: str) -> bool:
    """Whether a headline or lead line tells of an attack or accident and what it cost ("Malaysian
    peacekeeper killed as drone strikes UN post"), or of a death toll."""
    return bool((_TOLL.search(line) and _INCIDENT.search(line)) or _DEATH_TOLL.search(line))


_REPORTED = re.compile(r"\b(?:said|says|told|announced|reported|added|stated|noted|confirmed|expressed|statement)\b", re.IGNORECASE)


_THE_INCIDENT = re.compile(r"\b(?:the|this|that)\s+incidents?\b", re.IGNORECASE)


#: how far before a day its toll or attack word may stand (characters): the attack's place may run
#: long ("in the attack … on the UN base at Oicha, Beni, North Kivu Province, Democratic Republic of
#: Congo, on Tuesday")
TOLL_REACH = 150


def incident_day(text: str, sentences: list[Sentence], published: Optional[PartialDate]) -> Optional[PartialDate]:
    """The day of the attack: a day-precise date right after a toll or attack word ("killed on
    Thursday night", "attacked late on Monday") or before one ("Monday's attack"), else the day
    the first sentence with a toll gives ("A peacekeeper was killed … when a drone struck a post
    of the force near Naqoura on Thursday, the force said"); never the day of "a separate
    incident"."""
    in_toll_sentence: Optional[PartialDate] = None
    for s in sentences:
        sentence = text[s.start : s.end]
        if not (_TOLL.search(sentence) or _INCIDENT.search(sentence) or _THE_INCIDENT.search(sentence)):
            continue
        for match in find_dates(sentence, base=published):
            if match.value is None or match.value.precision != "day":
                continue
            # a day the text names ("on 15 August") may be a few weeks old in a funeral or obituary
            # story; a weekday or "yesterday" is of the last few days
            window = 31 if _MONTH_WORD.search(match.text) else 10
            if published is not None and not 0 <= (published.first_day - match.value.first_day).days <= window:
                continue
            if _OTHER_INCIDENT.search(sentence, max(0, match.start - 40), match.start):
                continue  # "wounded in a separate incident on Saturday": another event's day
            if _AFTERMATH.search(sentence, max(0, match.start - 60), match.start):
                continue  # "… was laid to rest in her hometown on Thursday": the funeral's day
            if in_toll_sentence is None and _TOLL.search(sentence, 0, match.start):
                in_toll_sentence = match.value
            before = sentence[max(0, match.start - TOLL_REACH) : match.start]
            after = sentence[match.end : match.end + 30]
            # "… were injured when a rocket hit. The incident took place on 12 October."
            near_toll = bool(_TOLL.search(before) or _INCIDENT.search(before) or _THE_INCIDENT.search(before)) and not _REPORTED.search(before[-25:])
            possessive = after.startswith(("'s", "’s")) and bool(_INCIDENT.search(after))
            # "An attack … overnight Saturday killed at least 52 people": the toll verb right after the day
            toll_after = bool(_TOLL.match(after.lstrip(" ,")))
            # "Yesterday, a MINUSCA patrol was ambushed near Sam Ouandja": the day opens the attack's clause
            attacked_after = bool(_ATTACKED_AFTER.match(sentence, match.end))
            if near_toll or possessive or toll_after or attacked_after:
                return match.value
    return in_toll_sentence


#: the clause after a day tells that something was attacked ("Yesterday, a patrol was ambushed",
#: "On Sunday gunmen attacked a convoy"); a statement about an attack ("the UN condemned the
#: attack") names no attack verb and a report verb in between stops it
_ATTACKED_AFTER = re.compile(
    r"(?:\s*,)?\s+(?:(?!said|says|told|announced|reported|condemned|confirmed|stated)[^\W\d_][\w'’-]*,?\s+){0,6}?"
    r"(?:(?:was|were|had\s+been|came)\s+(?:under\s+)?)?(?:ambushed|attacked|shelled|struck|targeted|stormed|raided|fire\b)",
    re.IGNORECASE,
)


#: what follows a death, whose day is not the attack's ("laid to rest", "buried", "repatriated")
_AFTERMATH = re.compile(
    r"\b(?:(?:laid|put)\s+to\s+rest|remains|interred|buried|burial|funeral|memorial|repatriat\w+|flown\s+home|arrived|received|mourned|honoured|honored)\b[^.;]*$",
    re.IGNORECASE,
)
_MONTH_WORD = re.compile(r"\b(?:" + alternation([*MONTH_NAMES, *MONTH_ABBREVIATIONS]) + r")\b|\d{1,2}[/.-]\d{1,2}", re.IGNORECASE)

#: "in a separate incident", "in another attack", "an earlier ambush": an event besides the story's
_OTHER_INCIDENT = re.compile(r"\b(?:separate|another|earlier|previous|different|unrelated)\s+(?:\w+\s+)?(?:incident|attack|strike|ambush|explosion|blast|clash)\w*\b[^.;]*$", re.IGNORECASE)


# A weekday name or abbreviation anywhere, even inside a word ("month" passes): a sentence without
# one has no date :func:`vocab_weekday` accepts.
_MAY_NAME_WEEKDAY = re.compile("|".join(sorted(map(re.escape, vocab.WEEKDAYS), key=len, reverse=True)), re.IGNORECASE)


def statement_day(text: str, sentences: list[Sentence], published: Optional[PartialDate]) -> Optional[PartialDate]:
    """The day of the statement a story reports ("…, the minister said on Monday"), which dates
    the figures the statement gives; an event's day ("the contingent left on Sunday") does not."""
    if published is None or published.precision != "day":
        return None
    for s in sentences:
        if s.start - sentences[0].start > 800:
            break  # the lead's statement; a quote further down dates only itself
        sentence = text[s.start : s.end]
        if not _MAY_NAME_WEEKDAY.search(sentence):
            continue  # no weekday to read (scanning the lead for dates is costly)
        for match in find_dates(sentence, base=published):
            if match.value is None or match.value.precision != "day" or not vocab_weekday(match.text):
                continue
            around = sentence[max(0, match.start - 120) : match.start] + " " + sentence[match.end : match.end + 20]
            if _REPORTED.search(around) and 0 <= (published.first_day - match.value.first_day).days <= 7:
                return match.value
    return None


def vocab_weekday(phrase: str) -> bool:
    """Whether a date phrase names a weekday ("on Monday", "last Tuesday")."""
    # Strip punctuation and a possessive only: stripping the character set ".,'s" would
    # also eat the leading "s" of Saturday and Sunday.
    words = (re.sub(r"(?:['’]s)?[.,]*$", "", word.lower()).strip(".,") for word in phrase.split())
    return any(word in vocab.WEEKDAYS for word in words)
