"""Where a sentence holds an answer of a kind: a date, a person, a sum, a count, a share,
a rating, a place or a name, as `AnswerSpan`s in text order.

May import `dates`, `lexicon` and `tokens`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..text.dates import MONTH_CAPITALISED, MONTHS, WEEKDAYS, PubDate
from ..text.lexicon import POST_NOUNS, ROLE_WORDS
from ..text.mentions import find_date_mentions
from ..text.patterns import lazy_compile
from ..text.tokens import STOP_WORDS, fold, stem, tokenize

__all__ = [
    "CALENDAR_WORDS",
    "COMPANY_WORDS",
    "FUNCTION_WORDS",
    "NUMBER_WORDS",
    "ORDINAL_COUNTS",
    "PERSON_TITLES",
    "SAINT_WORDS",
    "STREET_KINDS",
    "TITLE",
    "AnswerSpan",
    "AnswerType",
    "Party",
    "bare_word",
    "credited",
    "destination",
    "dimension_terms",
    "fate",
    "find_answer_spans",
    "former_use",
    "former_use_told",
    "funding",
    "is_body_word",
    "is_month_year",
    "is_name_word",
    "is_year",
    "name_words",
    "names_a_site",
    "names_noun",
    "opener",
    "party",
    "people_in",
    "persons_in",
    "predecessor",
    "purpose",
    "replaced_by",
    "replacement",
    "span_value",
    "successor",
    "years_in",
]

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
#: A number in words: "fourteen", "twenty-five", "a hundred", "a handful".
NUMBER_WORDS = (
    rf"(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_TEENS}|{_UNITS}|hundred|thousand|dozen|several|a few|a handful"
)
AnswerType = Literal["date", "person", "amount", "count", "percent", "measure", "name", "place", "rating"]

GRADING = r"rating|rated|rate|grade|graded|grading|judged|judgement|verdict"

# Where a grade read from a sentence's shape ends: before "by the inspectors", "in May",
# "overall", or at a stop.
_AFTER_GRADE = r"by|in|for|after|overall|across|from|on|and|but|since|last|this|at"
_GRADE_ENDS = rf"(?=\s+(?:{_AFTER_GRADE})\b|[,.;:]|$)"

# A grade in quotes, double or single (British news writes 'good'): an opening quote
# after a space and a closing one before no letter, so "the trust's" is no quote.
_OPEN = r"(?:(?<=\s)|^)[“\"‘']"
_CLOSE = r"[”\"’'](?![\w])"
_QUOTED_TEXT = r"[^”\"’']{1,40}"
# A quoted grade, its words in the group "quoted".
_QUOTED = rf"{_OPEN}(?P<quoted>{_QUOTED_TEXT}){_CLOSE}"
# A grade of one to three lower-case words, as few as end where a grade ends: "outstanding".
_LOWER_GRADE = r"[a-z][a-z-]*(?:\s[a-z][a-z-]*){0,2}?"
# A score out of a maximum: "4 out of 5" (not "4/5", which is as often a date or "24/7").
_SCORE = r"\d+(?:\.\d+)?\s+out\s+of\s+\d+"
# A grade of one to three capitalised words: "Good", "Requires Improvement", "Very Good";
# not a month or a day ("rated 'poor' in May") nor the label of a grade code ("Grade 1").
_CAPITAL_GRADE = (
    rf"(?!(?:{MONTH_CAPITALISED}|{'|'.join(d.capitalize() for d in WEEKDAYS)})\b)"
    r"(?!(?:Band|Grade|Level|Tier|Category|Class)\s+(?:[A-E]|[1-9])\b)"
    r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}"
)

# A grade is what a rating verb gives ("rated as X", "downgraded to X"), or a short phrase
# in quotes beside a rating word ("the “good” rating"): read from the sentence's shape.
_GRADE_AFTER_VERB = lazy_compile(
    r"\b(?:rated|ranked|graded|judged|assessed|evaluated|reevaluated|re-evaluated|re-rated|downgraded|"
    r"upgraded|upgrade|downgrade|classed|classified|categorised|categorized)\s+"
    # The thing graded ("the new pool"), before "as" or "to": "rated it as requires improvement".
    r"(?:(?:the|its|their|it|them)\b(?:\s+(?!(?:as|to)\b)[\w'’]+){0,3}\s+)?"
    r"(?:(?:as|to\s+be|to|at)\s+)?"
    rf"(?:{_QUOTED}|(?!(?:overall|across)\b)"
    # "rated outstanding", "downgraded to Amber", "rated Requires Improvement by inspectors"
    # (capitalised words ending where a grade ends: a grade, not a name).
    rf"(?P<grade>{_LOWER_GRADE}|{_CAPITAL_GRADE}|{_SCORE})" + _GRADE_ENDS + r")"
)

# A grade given to a body named between the verb and the grade: "judged Stanholt Ferries
# excellent for safety", "graded the Kelby Lido as Outstanding". A capitalised grade needs
# the "as": in "rated Needs Attention by assessors" the capitals are the grade itself, and
# a lower-case grade opens on no word of time, place or manner ("by assessors", "last week").
_GRADE_AFTER_NAMED = lazy_compile(
    r"\b(?:rated|ranked|graded|judged|assessed|downgraded|upgraded)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}\s+"
    r"(?:as\s+(?P<capital>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)|(?:as\s+)?"
    rf"(?!(?:{_AFTER_GRADE}|to|among|its|their|the|a|an)\b)"
    rf"(?P<grade>{_LOWER_GRADE}))" + _GRADE_ENDS
)

# A grade moved from one to another: "upgraded from Amber to Green", "marked down to Red",
# "went down from 'good' to 'fair'". Both are grades; which one replaced the other,
# `replaced_by` reads.
_A_GRADE = rf"(?:{_OPEN}{_QUOTED_TEXT}{_CLOSE}|{_CAPITAL_GRADE}|{_LOWER_GRADE})"
_GRADE_FROM_TO = lazy_compile(
    r"\b(?P<verb>upgraded|downgraded|marked\s+(?:up|down)|moved(?:\s+(?:up|down))?|went(?:\s+(?:up|down))?|"
    r"dropped|slipped|climbed|raised|lowered|lifted|improved|fell|rose|changed)\s+(?:from\s+(?P<old>"
    + _A_GRADE
    + r")\s+)?to\s+(?P<new>"
    + _A_GRADE
    + r")"
    + rf"(?=\s+(?:{_AFTER_GRADE}|under)\b|[,.;:]|$)"
)
# Verbs that speak of grades by themselves; others ("dropped to third") only in a
# sentence about ratings.
_SAYS_GRADED = frozenset(("upgraded", "downgraded", "marked"))

_QUOTED_GRADE = lazy_compile(rf"{_OPEN}(?P<quoted>[a-z][a-z-]*(?:\s[a-z][a-z-]*){{0,2}}){_CLOSE}")
# A capitalised grade in quotes right before the word for it: "retained its “Good” rating".
_QUOTED_GRADE_BEFORE = lazy_compile(
    rf"{_OPEN}(?P<quoted>[A-Z][a-z-]*(?:\s[A-Za-z][a-z-]*){{0,2}}){_CLOSE}\s+"
    r"(?:rating|grade|grading|verdict|judgement|judgment)\b"
)

# A capitalised grade right before the word for it, unquoted: "its Platinum accreditation",
# "Amber status", "a Fair rating".
_GRADE_BEFORE_NOUN = lazy_compile(
    r"\b(?P<grade>(?:Very\s+)?[A-Z][a-z]+)\s+"
    r"(?:rating|grade|grading|accreditation|status|award|mark|level)\b"
)

# Grades written as one capitalised word: a medal's metal, a traffic light, a verdict.
_GRADE_WORDS = (
    "Platinum|Gold|Silver|Bronze|Green|Amber|Red|Outstanding|Excellent|Good|Satisfactory|Adequate|"
    "Fair|Poor|Inadequate"
)
# A grade given to someone: "the assessors awarded it Platinum", "earned Kelby Lido Green".
_GRADE_AWARDED = lazy_compile(
    r"\b(?:awarded|granted|earned|won|achieved|regained|retained|kept)\s+"
    rf"(?:(?:us|it|them|(?:[A-Z][\w'’-]*\s+){{1,4}})\s*)?(?P<grade>{_GRADE_WORDS})"
    rf"(?=\s+(?:again|under|status|rating|accreditation|{_AFTER_GRADE})\b|[,.;:]|$)"
)

_NAME_BEFORE = lazy_compile(r"\b([A-Z][\w'’-]*)\s+$")


def _in_a_name(sentence: str, start: int) -> bool:
    """Whether the word at `start` goes on from a capitalised word ("Harbour Board")."""
    before = _NAME_BEFORE.search(sentence, 0, start)
    return before is not None and fold(before.group(1)) not in FUNCTION_WORDS


_WEEKDAY_BEFORE = lazy_compile(rf"\b(?:{'|'.join(day.capitalize() for day in WEEKDAYS)}),?\s+$")

# A grade written as a code ("G1", "V2"): beside a rating word, or after a label ("Governance: G2").
_GRADE_CODE = lazy_compile(r"(?<![\w-])(?P<grade>[A-Z][1-9][+-]?)(?![\w-])")
_LABELLED_CODE = lazy_compile(r"^\W*[A-Z][a-z]+(?: [a-z]+){0,2}:\s*(?P<grade>[A-Z][1-9][+-]?)\W*$")

# A grade something moved to, in a sentence about ratings: "the rating was cut to Silver".
_GRADE_MOVED_TO = lazy_compile(
    r"\b(?:cut|lowered|dropped|fell|slipped|lifted|raised|returned|restored|moved|climbed|rose|improved)\s+"
    rf"(?:back\s+)?(?:up\s+|down\s+)?to\s+"
    rf"(?:{_QUOTED}|(?P<grade>{_CAPITAL_GRADE}))\b"
)
# A grade named after the word for it: "a rating of 'substantial assurance'", "a grade
# of Very Good", "the verdict was 'requires improvement'".
_GRADE_OF = lazy_compile(
    r"\b(?:rating|grade|grading|verdict|judgement|judgment)\s+(?:of|was|is|remains)\s+"
    rf"(?:{_QUOTED}|(?P<grade>{_CAPITAL_GRADE}|{_SCORE}))"
    + _GRADE_ENDS
    # ... or set off by commas: "the top rating, Excellent, for the third year".
    # (a grade word only: "After the rating, Jo Bell said" names a person)
    + rf"|\b(?:rating|grade),\s+(?P<named>(?:Very\s+)?(?:{_GRADE_WORDS}))(?=[,.;]|$)"
)
# A score in a sentence about ratings: "it scored 4 out of 5".
_SCORED = lazy_compile(rf"(?<![\w.,/])(?P<grade>{_SCORE})(?![\w/])")
# A grade that is a label and a letter or number, "Band B", "Grade 2"; or stars, "a
# five-star rating": in a sentence about ratings ("a Band D home", "a five-star hotel" and
# a "Grade 2 listed" pier are no grades).
_LABEL_GRADE = lazy_compile(
    r"\b(?P<grade>(?:Band|Grade)\s+(?:[A-E]|[1-9])(?![\w-])(?!\*?\s+listed\b)"
    r"|(?:one|two|three|four|five|[1-5])[- ]stars?\b)"
    # A letter before the word for it: "an A rating", "its B grade".
    r"|\b(?:an?|its|the|their)\s+(?P<letter>[A-E][+*]?)\s+(?:rating|grade|grading)\b"
)
# ... and labels that number other things too ("Category 1 calls"): only right after a
# rating word ("its rating was raised to Level 3"), or before one ("a Level 3 rating").
_OTHER_LABEL_GRADE = lazy_compile(
    r"(?:\b(?:rat(?:ed|ing)|grad(?:ed|e)|accredit\w*)\s+(?:\w+\s+){0,3}?)"
    r"(?P<grade>(?:Level|Tier|Category|Class)\s+(?:[A-E]|[1-9]))(?![\w-])"
    r"|\b(?P<named>(?:Level|Tier|Category|Class)\s+(?:[A-E]|[1-9]))\s+(?:rating|grade|accreditation|status)\b"
)
# A grade found by an inspection: "inspectors found the service to be Good".
_FOUND_TO_BE = lazy_compile(
    r"\b(?:found|considered|deemed|judged)\s+(?:[\w'’]+\s+){0,4}?to\s+be\s+"
    rf"(?:{_QUOTED}"
    rf"|(?P<grade>{_LOWER_GRADE}|{_CAPITAL_GRADE}))" + _GRADE_ENDS
)
_RATING_WORD = lazy_compile(
    r"\b(rat(ed|ing|ings)|rank(ed)?|(down|up)?grad(e[ds]?|ings?)|judged|inspect\w*|assessments|assessors?|verdict)\b",
    re.I,
)


@dataclass(frozen=True)
class AnswerSpan:
    """A piece of a sentence that answers: its place, its text, and what it means."""

    start: int
    end: int
    text: str
    value: str  # normalised for comparison across documents ("july 2020", "£9m")
    # How the answer reads when not as written: what a relative date meant ("July 2020"
    # for "July next year"), a person with their title ("Councillor Nell Ames").
    resolved: str | None = None

    @property
    def display(self) -> str:
        """The answer as people should read it."""
        return self.resolved or self.text


# A person: two or three capitalised words, none a word of organisations, places or roles.
_NAME_WORD = r"(?:[A-Z]['’]|Ma?c)?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"

_PERSON = lazy_compile(rf"\b{_NAME_WORD}(?:\s+[A-Z]\.)?(?:\s+{_NAME_WORD}){{1,2}}\b")

FUNCTION_WORDS = frozenset(
    """the a an this that these those in on at for of and to by from with as it its our we they
    he she i you if but or so then when while after before since until during""".split()
)

CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december spring summer autumn
    winter""".split()
)

# Words of titles, roles, organisations and places: never part of a person's name, and
# too general to make a name distinctive on their own.
_GENERIC_WORDS = frozenset(
    """mr mrs ms dr cllr councillor sir dame lord lady minister minster secretary director
    chief executive leader deputy chair chairman cabinet member mayor officer head manager
    council county city borough district parish government department ministry office agency
    authority authorities trust trusts board committee service services children children's
    childrens families family education schools school skills learning disabilities care social
    health nhs police court union university college company group partnership network hospice
    association society foundation charity cooperative cooperatives co-operative co-operatives
    co-op co-ops coop alliance alliances federation federations consortium consortia
    england britain wales scotland ireland uk london
    north south east west northern southern eastern western new old national local royal
    street road house hall centre center park library hospital school station museum
    bridge church court academy primary secondary clinic ofsted dfe party
    memorandum understanding direction plan plans report model programme review strategy
    limited ltd plc inc news telegraph chronicle echo times post herald gazette press""".split()
)

_NOT_NAME_WORDS = FUNCTION_WORDS | CALENDAR_WORDS | _GENERIC_WORDS

_MONEY_SPAN = lazy_compile(
    # The figure ends on a digit: "£40, rising" is "£40", not "£40, ".
    r"(?:[£$€]\s?\d(?:[\d,.]*\d)?(?:\s?(?:million|billion|thousand|mn|bn|m|k)\b)?|\b\d[\d,.]*\s?(?:million|billion)\s+(?:pounds|euros|dollars)\b"
    r"|\b\d+(?:\.\d+)?\s?(?:p|pence)\b)",  # "9.8p per kWh"
    re.IGNORECASE,
)

_AT_WHAT_TIME = lazy_compile(r"\bwhat time\b", re.IGNORECASE)


def _asks_time_of_day(question: str) -> bool:
    """Whether a question asks for a time of day: "What time is the first boat?"."""
    return bool(_AT_WHAT_TIME.search(question))


# A time of day, not a sum ("£7.10"): "07:10", "6.45pm", "9am".
_CLOCK = lazy_compile(
    r"(?<![£$€\d.])\b(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?[ap]\.?m\.?)?(?!\d)|\b(?:1[0-2]|0?[1-9])\s?[ap]\.?m\b",
    re.I,
)

_PERCENT_SPAN = lazy_compile(r"\b\d+(?:\.\d+)?\s?(?:%|per\s?cent\b)", re.IGNORECASE)

# A quantity in units of time, distance, weight or volume: "8 minutes 41 seconds",
# "455,000 tonnes", "1.2m tonnes", "12 miles".
_UNIT = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|tonnes?|tons?|"
    r"kilometres?|kilometers?|km|miles?|metres?|meters?|litres?|liters?|kilograms?|kg|mph|knots?|"
    r"acres?|hectares?|feet|ft|inches|cm|mm|kilowatts?|megawatts?|gigawatts?|kw|mw|gw|kwh|mwh|gwh)"
)
# The kinds of unit, and the question words that ask for each: "how tall" is answered in
# metres, not kilowatts.
_UNIT_KINDS = {
    "time": r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?",
    "length": r"kilometres?|kilometers?|km|miles?|metres?|meters?|feet|ft|inches|cm|mm",
    "weight": r"tonnes?|tons?|kilograms?|kg",
    "speed": r"mph|knots?",
    "area": r"acres?|hectares?",
    "power": r"kilowatts?|megawatts?|gigawatts?|kw|mw|gw",
    "energy": r"kwh|mwh|gwh",
    "volume": r"litres?|liters?",
}
_DIMENSIONS = {
    **dict.fromkeys(
        "tall high height deep depth wide width broad breadth far distance".split(), frozenset({"length"})
    ),
    **dict.fromkeys("heavy weight tonnage".split(), frozenset({"weight"})),
    **dict.fromkeys("fast speed".split(), frozenset({"speed"})),
    **dict.fromkeys("size big large".split(), frozenset({"length", "area", "power", "volume", "weight"})),
    **dict.fromkeys("capacity output".split(), frozenset({"power", "energy", "volume", "weight"})),
    **dict.fromkeys("duration".split(), frozenset({"time"})),
}
_DIMENSION_WORD = lazy_compile(rf"\b({'|'.join(_DIMENSIONS)})\b")


@functools.cache
def dimension_terms() -> frozenset[str]:
    """The terms of words that ask for a quantity in units ("size", "height"); worked out
    on first use (stemming loads a lemmatiser)."""
    return frozenset(map(stem, _DIMENSIONS))


def _unit_kind(quantity: str) -> str | None:
    """The kind of unit a quantity ends on ("67 metres": length)."""
    unit = re.search(r"([a-z]+)\W*$", fold(quantity))
    if unit is None:
        return None
    return next((k for k, units in _UNIT_KINDS.items() if re.fullmatch(units, unit.group(1))), None)


def _asks_units(question: str) -> frozenset[str] | None:
    """The kinds of unit a question's first dimension word asks for, or None for any."""
    found = _DIMENSION_WORD.search(fold(question))
    if found:
        return _DIMENSIONS[found.group(1)]
    # "How much cargo did it handle in ten months?" asks a quantity of stuff, never a time.
    return _NOT_TIME if _HOW_MUCH_STUFF.match(fold(question)) else None


_NOT_TIME = frozenset(_UNIT_KINDS) - {"time"}
_HOW_MUCH_STUFF = lazy_compile(r"\W*how much\b(?! (?:time|longer|later|earlier)\b)")


_AMOUNT_OF = rf"(?:\d[\d,]*(?:\.\d+)?|{NUMBER_WORDS})(?:\s*(?:million|m|thousand|k|bn|billion))?"
_MEASURE_SPAN = lazy_compile(
    rf"(?<![£$€\d.,])\b{_AMOUNT_OF}[\s-]*{_UNIT}\b(?:,?\s*(?:and\s+)?\d[\d,]*(?:\.\d+)?\s*{_UNIT}\b)?",
    re.IGNORECASE,
)

# "three-quarters of a million", "two thirds of staff": a share, not a count.
_FRACTION_AFTER = r"[\s-]?(?:quarters?|thirds?|fifths?|sixths?|eighths?|tenths?|halves)\b"
# A count's scale: "1.2 million", "1.2m", "2.4k", "three thousand".
# ("1.2m" written close; "25 m" with a space is metres).
_SCALE = r"(?:(?:m|bn|k)|\s*(?:million|billion)|(?:\s+(?:hundred|thousand)){1,2})"
_COUNT_SPAN = lazy_compile(
    # Not a piece of a date or code written with hyphens: "2024-03-09".
    rf"(?<![£$€\d.,-])\b(?:\d[\d,]*(?:\.\d+)?|{NUMBER_WORDS})(?:{_SCALE})?"
    rf"\b(?!\s?%|/\d|-\d|{_FRACTION_AFTER})",
    re.IGNORECASE,
)

#: Ordinals and the count they make: "the third council to do it" makes three that have.
ORDINAL_COUNTS = {
    "second": "two",
    "third": "three",
    "fourth": "four",
    "fifth": "five",
    "sixth": "six",
    "seventh": "seven",
    "eighth": "eight",
    "ninth": "nine",
    "tenth": "ten",
}
_ORDINAL_COUNT = lazy_compile(
    rf"(?<=\bthe )({'|'.join(ORDINAL_COUNTS)})(?= (?:[\w'’-]+ ){{0,2}}to\b)", re.IGNORECASE
)

_PROPER = lazy_compile(r"\b[A-Z][\w'’&-]*(?:(?:\s+|,\s+|\s+(?:and|of|for|&)\s+)[A-Z][\w'’&-]*)*")

#: The titles people are named with: "Councillor Nell Ames" is how the answer should read.
PERSON_TITLES = (
    "Councillor|Cllr|Dr|Doctor|Professor|Prof|Sir|Dame|Lord|Lady|Baroness|Mr|Mrs|Ms|Miss|Rev|Canon"
)
_TITLE_BEFORE = lazy_compile(rf"\b({PERSON_TITLES})\.?\s+$")
#: A word that is a person's title: "Professor", "Cllr", "Ms.".
TITLE = lazy_compile(rf"(?:{PERSON_TITLES})\.?")


def bare_word(word: str) -> str:
    """A folded word without possessive or surrounding punctuation."""
    return re.sub(r"['’]s?$", "", fold(word).strip(".,;:!?\"()'‘’“”"))


def _question_words(question: str) -> set[str]:
    words = {bare_word(w) for w in re.findall(r"[\w'’]+", question)}
    return words | {w[:-1] for w in words if w.endswith("s")}  # "councils" names "council" too


def _is_person(text: str) -> bool:
    parts = [p for p in re.split(r"\s+", text) if not re.fullmatch(r"[A-Z]\.", p)]
    return all(fold(p).strip("'’") not in _NOT_NAME_WORDS for p in parts)


_POSTS = "|".join(sorted(POST_NOUNS))
# A name's possessive before a post: "Tarnby Airways' chief executive" names a body.
_OWNS_POST = lazy_compile(rf"['’]s?\s+(?:{_POSTS})\b", re.IGNORECASE)
# A post in lower case right before a capitalised name: "[Carrick Sands] harbour master
# Captain Jo Bell", "[Kelby] chief executive Sam Hart".
_POST_THEN_NAME = lazy_compile(r"\s+((?:[a-z][a-z-]*\s+){0,2}[a-z]+)\s+[A-Z]")
# Words that join two people rather than say a post: "Jo Bell told chief executive Sam Hart".
_NOT_POST_WORDS = frozenset("said says told tells thanked thanks met meets and or with by to as".split())


def names_post_holder(sentence: str, end: int) -> bool:
    """Whether a post in lower case and another name follow `end` in the sentence, so that
    the name ending there is the body whose post it is."""
    found = _POST_THEN_NAME.match(sentence, end)
    if found is None:
        return False
    words = found.group(1).split()
    return fold(words[-1]) in ROLE_WORDS and not any(
        w in STOP_WORDS or w in _NOT_POST_WORDS or w.endswith("ed") for w in words
    )


# A post followed by "of": what comes next is the body that has the post.
_POST_OF = lazy_compile(rf"\b(?:{_POSTS})\s+(?:of|at)\s+(?:the\s+)?$", re.IGNORECASE)


def _after_post_of(sentence: str, start: int) -> bool:
    """Whether a post and "of" or "at" stand right before `start`: what follows is the
    body that has the post ("chief executive of Kelby Ferries")."""
    return _POST_OF.search(sentence[max(0, start - 40) : start]) is not None


# The capitalised words that run on from a name, past a plural's apostrophe ("Wensley
# Residents' Association").
_NEXT_WORDS = lazy_compile(r"(?:['’]?\s+[A-Z][\w'’-]*)+")
# Words that end the name of a firm or landlord, not of a person: "Oxley Homes".
_FIRM_ENDINGS = frozenset("homes living housing".split())
_NUMBER_NAMES = frozenset("one two three four five six seven eight nine ten".split())


# A person named by a title and one name: "Ms Ames-Colby", "Dr Grell".
_TITLED = lazy_compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Professor|Prof|Sir|Dame)\.?\s+[A-Z][\w'’-]+")


def people_in(sentence: str) -> list[AnswerSpan]:
    """Everyone a sentence names: full names ("Tobias Grell"), then a title and one name
    ("Ms Ames-Colby"), which is no answer by itself but says whose a value is."""
    return persons_in(sentence) + [
        AnswerSpan(m.start(), m.end(), m.group(0), m.group(0)) for m in _TITLED.finditer(sentence)
    ]


def _not_a_name_word(word: str) -> bool:
    """Whether a capitalised word is a title, role or place word: "Councillor",
    "Vice-Chancellor"."""
    folded = fold(word)
    parts = folded.split("-")
    return folded in _NOT_NAME_WORDS or (
        len(parts) > 1 and all(p in _NOT_NAME_WORDS | ROLE_WORDS for p in parts)
    )


def persons_in(sentence: str) -> list[AnswerSpan]:
    spans = []
    for match in _PERSON.finditer(sentence):
        words = match.group(0).split()
        # A name ending in a body's word is the body's: "Harbour Arts Centre", and one
        # running on to it ("Elmbury Vale Ambulance Service").
        after = _NEXT_WORDS.match(sentence, match.end())
        rest = after.group(0).split() if after else []
        if any(bare_word(w) in _BODY_WORDS | _FIRM_ENDINGS for w in [words[-1], *rest]):
            continue
        # "Oxley's Wensley" is a place of a body's; "Phase One" no one's name.
        if any(re.search(r"['’]s$", w) for w in words[:-1]) or fold(words[-1]) in _NUMBER_NAMES:
            continue
        # Trim role and place words off either end: "Councillor Dale Carwick" -> "Dale Carwick".
        trimmed = 0
        while words and _not_a_name_word(words[0]):
            words, trimmed = words[1:], trimmed + 1
        if trimmed:
            # "Vice-Chancellor Professor Dale Carwick": the name runs on past the match.
            words = [*words, *rest][: len(words) + trimmed]
        while words and fold(words[-1]) in _NOT_NAME_WORDS:
            words = words[:-1]
        if words and words[0] in SAINT_WORDS:
            continue  # "St Anne's", "St Anne Street": a church, school or street, not a person
        if words and re.search(r"['’]s$", words[-1]):
            words = [*words[:-1], words[-1][:-2]]  # "Jo Bell's budget": Jo Bell
        if len(words) >= 2 and _is_person(" ".join(words)):
            text = " ".join(words)
            start = sentence.index(text, match.start())
            if _after_post_of(sentence, start):
                continue  # "chief executive of Redhaven Ferries": the body, not its holder
            if _OWNS_POST.match(sentence, start + len(text)):
                continue  # "Tarnby Airways' chief executive": a name owning a post is a body's
            if names_post_holder(sentence, start + len(text)):
                continue  # "Carrick Sands harbour master Jo Bell": the name before is the body's

            title = _TITLE_BEFORE.search(sentence[max(0, start - 16) : start])
            shown = f"{title.group(1)} {text}" if title else None
            spans.append(AnswerSpan(start, start + len(text), text, fold(text), shown))
    return spans


#: Words a saint's name starts with: "St Anne's" is a church, a school or a street.
SAINT_WORDS = frozenset(("St", "St.", "Saint"))


def _regex_spans(pattern: re.Pattern[str], sentence: str) -> list[AnswerSpan]:
    return [
        AnswerSpan(m.start(), m.end(), m.group(0), re.sub(r"\s+", "", fold(m.group(0))))
        for m in pattern.finditer(sentence)
    ]


def _amounts(sentence: str) -> list[AnswerSpan]:
    spans = []
    for span in _regex_spans(_MONEY_SPAN, sentence):
        value = span.value.replace("million", "m").replace("billion", "bn").replace("thousand", "k")
        spans.append(AnswerSpan(span.start, span.end, span.text, value))
    return spans


# A name joined to a word in lower case describes the noun after it: "London-based".
_DESCRIBING = lazy_compile(r"[A-Z][\w'’]*-[a-z]+")


def _proper_names(sentence: str) -> Iterator[tuple[int, str]]:
    """Runs of capitalised words (offset, text), a sentence's capitalised first word aside."""
    for match in _PROPER.finditer(sentence):
        text = match.group(0).strip(" ,")
        if not sentence[: match.start()].strip(" \"“‘'(—–-") and " " not in text:
            continue  # a capitalised first word is just the start of the sentence (or quote)
        yield match.start(), text


# A capital letter closing a label: "Band A", "Grade A"; not "Mr A".
_LABEL_LETTER = lazy_compile(
    r"^(?:Band|Grade|Tier|Plan|Category|Class|Level|Group|Phase|Stage|Type|Zone|Block|Wing|Option|Section)"
    r"\s+([A-Z])$"
)


def _names(sentence: str, question_words: set[str]) -> list[AnswerSpan]:
    spans = []
    for start, text in _proper_names(sentence):
        if _DESCRIBING.fullmatch(text):
            continue  # "London-based", "Conservative-controlled": what a name makes of a noun
        words = {bare_word(w) for w in re.split(r"[\s,]+", text)} - FUNCTION_WORDS - CALENDAR_WORDS - {""}
        # A letter after a label is what names it ("Band A", "Plan A"), not an article.
        letter = _LABEL_LETTER.search(text)
        words |= {letter.group(1).lower()} if letter else set()
        distinctive = words - _GENERIC_WORDS
        # A name answers only with something the question does not already say:
        # "Kelby County Council" does not answer "which councils ... before
        # Kelby?", nor "Children's Trust" a question about children's trusts.
        if not words or (distinctive <= question_words if distinctive else bool(words & question_words)):
            continue
        spans.append(AnswerSpan(start, start + len(text), text, fold(text)))
    return spans


def names_noun(span: AnswerSpan, sentence: str, noun: str) -> bool:
    """Whether a name is of the kind asked for: "Stanholt Council" for "which councils"."""
    stem = noun[:-1] if noun.endswith("s") else noun
    before = fold(sentence[max(0, span.start - 30) : span.start])
    words = span.text.split()
    head = bare_word(words[0] if _LABEL_LETTER.match(span.text) else words[-1])  # "Band A" is a band
    # The noun heads the name ("Stanholt Council") or stands right before it in apposition
    # ("consultancy Brightlea Partners").
    first = bare_word(words[0]) if len(words) > 1 else ""
    # "River Callow" for "which river", "Mill Brook" for "which stream": the noun, or a
    # word for the same kind of thing, opens or ends the name.
    alike = _ALIKE_NOUNS.get(stem, frozenset({stem}))
    return (
        any(head.startswith(a) or first == a for a in alike)
        or head.startswith(stem)
        or bool(re.search(rf"\b{re.escape(stem)}\w*\W*(the\s+|an?\s+)?$", before))
    )


# Words that name one kind of thing, as place names use them ("Moss Beck" is a stream).
_WATERCOURSES = frozenset("river stream brook beck burn creek".split())
_ALIKE_NOUNS = {w: _WATERCOURSES for w in _WATERCOURSES}


def find_answer_spans(
    sentence: str,
    kind: AnswerType,
    question: str,
    published: PubDate | None = None,
    keep: frozenset[str] = frozenset(),
) -> list[AnswerSpan]:
    """The pieces of a sentence that could answer a question of this kind; a value the
    question already says is no answer, unless its words are in `keep` ("Is X still ...?")."""
    question_words = _question_words(question) - keep
    if kind == "date" and _asks_time_of_day(question):
        # "What time is the first boat?": a time of day, "07:10", "7.10am".
        return [
            AnswerSpan(m.start(), m.end(), m.group(0), fold(m.group(0))) for m in _CLOCK.finditer(sentence)
        ]
    if kind == "date":
        spans = []
        for m in find_date_mentions(sentence, published):
            if fold(m.text) in question_words:
                continue
            # "on Friday 4 June": the day of the week is part of the date as written.
            weekday = _WEEKDAY_BEFORE.search(sentence, 0, m.start)
            start = weekday.start() if weekday else m.start
            value = fold(m.resolved or m.text)
            spans.append(AnswerSpan(start, m.end, sentence[start : m.end], value, m.resolved))
        return spans
    if kind == "person":
        # "Who chaired it before Dunholme?": the person the question names is not the answer;
        # nor is a place or a structure ("Kelby Aqueduct", "Mill Wharf").
        return [
            s
            for s in persons_in(sentence)
            if s.value.split()[-1] not in question_words and not _ends_on_a_place(s)
        ]
    if kind == "amount":
        return _amounts(sentence)
    if kind == "percent":
        return _regex_spans(_PERCENT_SPAN, sentence)
    if kind == "measure":
        wanted = _asks_units(question)
        return [
            AnswerSpan(m.start(), m.end(), m.group(0), fold(m.group(0)))
            for m in _MEASURE_SPAN.finditer(sentence)
            if wanted is None or _unit_kind(m.group(0)) in wanted
        ]
    if kind == "count":
        # "8 February 2017" counts nothing: a number inside a date is the date's.
        dates = [(m.start, m.end) for m in find_date_mentions(sentence, published)]
        counts = [
            s for s in _regex_spans(_COUNT_SPAN, sentence)
            if not is_year(s.value) and s.value not in question_words
            and not any(a <= s.start < b for a, b in dates)
            and not _LABEL_BEFORE.search(sentence, 0, s.start)
        ]  # fmt: skip
        ordinals = _regex_spans(_ORDINAL_COUNT, sentence)
        return sorted(counts + ordinals, key=lambda s: s.start) if ordinals else counts
    if kind == "place":
        return _places(sentence, question_words, "address" in question_words)
    if kind == "rating":
        return _grades(sentence, question_words)
    return _names(sentence, question_words)


# A number that ends a name is a label, not a count: "Year 7 students", "Category 1 calls",
# "route 44"; a sentence's first word aside ("Around 300 came").
_LABEL_BEFORE = lazy_compile(
    r"(?<=[\w,;:]\s)(?:[A-Z][a-z]+|route|line|ward|gate|platform|stand)\s+$"
    # ... and each number listed after one: "Wards 4 and 5", "Gates 2, 3 or 6" (not a date's
    # "March 2019, 300 people").
    rf"|(?<=[\w,;:]\s)(?!(?i:{'|'.join(sorted(CALENDAR_WORDS))})\b)[A-Z][a-z]+s\s+"
    r"(?:\d{1,3}\s*(?:,|and|or|to|-|–)\s*)+$"
)


_LOCATIVE = lazy_compile(
    r"\b(in|at|on|near|from|to|inside|outside|based|headquartered|located|sited|"
    r"(?:address|base|home) (?:is|was|will be)(?: now)?"
    r"|(?:is|are|was|were|be|based|located|sited|housed) (?:at|in) the)\W*$",
    re.I,
)
# "is at the Kelby Centre": a building named after "the", where a body may stand too.
_AT_THE = lazy_compile(r"\b(?:at|in) the\W*$", re.I)
# "leaving Keldby House in May for The Boathouse": where something went. The place left
# is named, and only a few words stand between it and "for" ("left room for" is no move).
_LEFT_FOR = lazy_compile(
    r"\b(?i:leave|leaves|leaving|left)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,4}(?:[a-z]+\s+){0,2}for\s+$"
)
# "moved its head office from Keldby House to the Corn Store": where something went.
_MOVED_TO_THE = lazy_compile(r"\b(?i:mov(?:e|es|ed|ing)|relocat\w+)\b[^.;]{0,60}\b(?i:to|into)\s+the\s+$")
# "based in the east wing of Keldby House": a part of a place names the place.
_PART_OF_PLACE = lazy_compile(
    r"\b(?i:in|at|on|inside|into|to)\s+the\s+(?:[a-z]+\s+){0,2}"
    r"(?:wing|annexe?|floor|basement|grounds|site|premises|offices|building|corner|rear|yard|campus|"
    r"edge|outskirts)\s+of\s+(?:the\s+)?$"
)
# "moved from Keldby House": where something was, not where it is; "meet at the mill
# rather than at Keldby House", "no longer sail to Keldby Pier": where it is not.
_FROM = lazy_compile(
    r"\b(?:from|rather than(?:\s+(?:to|in|at))?|instead of"
    r"|(?:not|no longer|never)\s+(?:(?!(?:only|just|merely|simply|also|least)\b)[a-z]+\s+){0,2}"
    r"(?:to|in|at))\W*$",
    re.I,
)

# The town or street number after a place: " in Lowmere", ", 1 Mill Yard".
_WITHIN = lazy_compile(
    r"(?:,|\s+(?:in|on))\s+(?:\d+[a-z]?\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:,\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?"
)


# "Unit 4, Kelby Park": a number closing the name's phrase; not "Kelby Hall 12 May".
_NUMBERED = lazy_compile(r"\s\d{1,3}[A-Za-z]?(?=[,;:)]|\.(?!\d)|$)")


def _places(sentence: str, question_words: set[str], addresses: bool = False) -> list[AnswerSpan]:
    """Capitalised names the question does not give, standing where a place does ("at X",
    "X-based"), and street addresses, anywhere when `addresses` are asked for: where
    something is or happens."""
    spans = []
    # Not "Orvell Wharf", which is a place though it reads as a name.
    people = {s.text for s in persons_in(sentence) if not names_a_site(s)}
    left_until = -1  # the end of a place something moved from, with its town
    for start, text in _proper_names(sentence):
        before = sentence[max(0, start - 25) : start]
        moved_to = (
            _LEFT_FOR.search(sentence, max(0, start - 100), start) is not None
            or _MOVED_TO_THE.search(sentence, max(0, start - 100), start) is not None
        )
        part_of = _PART_OF_PLACE.search(sentence, max(0, start - 40), start) is not None
        if text in people or not (_LOCATIVE.search(before) or text.endswith("-based") or moved_to or part_of):
            continue
        if _after_post_of(sentence, start):
            continue  # "deputy chief fire officer at Keldby Fire Service": an employer
        if start < left_until:
            continue
        if _FROM.search(before) and "from" not in question_words:
            town = _WITHIN.match(sentence, start + len(text))
            left_until = town.end() if town else start + len(text)
            continue
        words = {bare_word(w) for w in re.split(r"[\s,-]+", text)} - FUNCTION_WORDS - CALENDAR_WORDS - {""}
        if not words or words <= question_words or words <= _GENERIC_WORDS - {"london"}:
            continue
        if _AT_THE.search(before) and (is_body_word(text.split()[-1]) or re.search(r"['’]s?$", text)):
            continue  # "was at the Wexby Trust", "in the Wexby Board's hands": a body, no place
        # "Unit 4", "Suite 12": a number after the name is part of it.
        if numbered := _NUMBERED.match(sentence, start + len(text)):
            text += numbered.group(0)
        # "Hatherby House in Lowmere": the town a building stands in is part of where.
        wider = _WITHIN.match(sentence, start + len(text))
        shown = text + wider.group(0) if wider else None
        spans.append(AnswerSpan(start, start + len(text), text, fold(text), shown))
    # "4 Ferry Lane, Stanholt SH7 1QP": asked for an address, one is the answer wherever it stands.
    for found in _STREET_ADDRESS.finditer(sentence):
        before = sentence[max(0, found.start() - 25) : found.start()]
        if not addresses and not _LOCATIVE.search(before):
            continue  # asked where, an address stands where a place does ("moved to 2 Mill Lane")
        if not any(s.start <= found.start() < s.start + len(s.display) for s in spans):
            text = found.group(0)
            spans.append(AnswerSpan(found.start(), found.end(), text, fold(text)))
    if addresses:
        # "The Wharf Wing, Quayside, Greyhallow GH1 2DW": a postal address, whole, in place
        # of the names it is made of.
        for found in _POSTAL_ADDRESS.finditer(sentence):
            spans = [s for s in spans if not found.start() <= s.start < found.end()]
            text = found.group(0)
            spans.append(AnswerSpan(found.start(), found.end(), text, fold(text)))
    return sorted(spans, key=lambda s: s.start)


# Capitalised parts between commas, the last before a postcode: "The Counting House,
# Coldbeck Mill, Mill Lane, Greyhallow GH4 7RD".
_POSTAL_ADDRESS = lazy_compile(
    r"(?:(?<=\s)|^)(?:(?:The\s+)?[A-Z0-9][\w'’&-]*(?:\s+[A-Z0-9][\w'’&-]*){0,4},\s+){1,5}"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2},?\s+[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"
)

#: The kinds of street an address names after the street's name: "Mill Lane", "Quay Street".
STREET_KINDS = "Street|Road|Lane|Avenue|Way|Square|Place|Drive|Terrace|Row|Close|Crescent|Quay|Parade|Walk"

# A house number, a street's name and its kind, then maybe the town and a postcode.
_STREET_ADDRESS = lazy_compile(
    # Not a date ("12 March Road works") nor a count of shops ("40 High Street shops").
    rf"(?<![\w£$€.,])\d{{1,3}}[A-Za-z]?\s+(?!(?:{'|'.join(m.capitalize() for m in MONTHS)})\b)"
    r"(?:[A-Z][\w'’-]+\s+){1,3}"
    rf"(?:{STREET_KINDS}|Mews)\b"
    r"(?!\s+[A-Z])(?!\s+(?:shops?|stores?|branch(?:es)?|outlets?|premises|sites?|businesses|traders|homes|houses|flats)\b)"
    r"(?:,\s+[A-Z][a-z][\w'’-]*(?:[ -][A-Z][a-z][\w'’-]*){0,2})?"
    r"(?:,?\s+[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b)?"
)


# A value the sentence says was replaced, before the new one: "rose from £600 a month to
# £750", "cut from six sailings a day to five", "from the original £600 to £750".
_FROM_OLD = lazy_compile(
    r"\bfrom\s+(?:(?:the|an?|its|their)\s+)?(?:(?:original|earlier|previous|initial|first)\s+)?[“\"‘']?$",
    re.IGNORECASE,
)
_THEN_TO = lazy_compile(r"[”\"’']?\s*(?:[\w'’-]+\s+){0,4}to\s*[“\"‘']?$", re.IGNORECASE)
# Between an old holder and a new one: "X retired last year and was succeeded by Y".
_HANDED_ON = lazy_compile(
    r"\b(succeeded|replaced|followed|taken over|superseded) by|\bhand(ed|s|ing) over to|\bgave way to",
    re.IGNORECASE,
)
# Before a value the sentence says was replaced, after the new one: "£61m, up from the £48m
# quoted", "£9.1m, against the £7.4m contract price", "compared with 41 last year".
_REPLACED_AFTER = lazy_compile(
    r"(?:\b(up|down|rising|falling|risen|fallen|rose|fell|increased|decreased|cut|raised)\s+)?"
    r"\b(?:from|against|compared (?:with|to)|versus|rather than|instead of)\s+(?:(?:the|an?|its|their)\s+)?"
    r"(?:(?:original|earlier|previous|initial|first)\s+)?$",
    re.IGNORECASE,
)
# Right before a holder the one named earlier replaced: "Jo Bell became chair in May,
# taking over from Sam Hart". Only people: "12 electric buses, replacing 40 diesel ones"
# gives no earlier count of the same buses.
_SUCCEEDING = lazy_compile(
    r"\b(?:took|taking|takes|take) over from\s+$|\b(?:succeeding|replacing|in place of|in succession to)\s+$",
    re.IGNORECASE,
)
# Right before the value something changed to: "has climbed to", "was cut to".
_CHANGED_TO = lazy_compile(
    r"\b(?:rose|risen|rises|climbed|climbs|increased|grown|grew|jumped|soared|fell|fallen|falls|dropped|cut|"
    r"reduced|raised|lowered|slipped|moved|(?:gone|went|go|put|pushed) (?:up|down|back))\s+to\s+$",
    re.IGNORECASE,
)
# A holder said to have gone, after whom another came: "after X retired", "after X left".
_AFTER = lazy_compile(r"\b(?:after|following)\s+$", re.IGNORECASE)
_LEFT_AFTER = lazy_compile(
    r"\s+(?:had\s+|has\s+)?(?:retired|resigned|left|quit|departed|stepped down|stood down|moved on|died)\b",
    re.IGNORECASE,
)
# Words of taking a post: someone is said to have come after the one who left.
_TOOK_POST = lazy_compile(
    r"\b(?:took over|takes over|taking over|became|becomes|was appointed|was named|stepped up|succeeded|"
    r"took the chair|took charge)\b",
    re.IGNORECASE,
)


def _gone_before(sentence: str, old: AnswerSpan) -> bool:
    """Whether the sentence says a holder left before another took the post: "after X
    retired", with "took over" or "became" in it; not "thanked Y after X retired"."""
    return bool(
        _LEFT_AFTER.match(sentence, old.end)
        and _AFTER.search(sentence[max(0, old.start - 15) : old.start])
        and _TOOK_POST.search(sentence)
    )


#: How far (in words) after the new value the old one may stand and still be its own.
REPLACED_WITHIN = 5


def replaced_by(sentence: str, old: AnswerSpan, new: AnswerSpan, people: bool = False) -> bool:
    """Whether the sentence says `new` replaced `old`: "from £600 to £750", "X was
    succeeded by Y", "£61m, up from the £48m"; and, for `people`, "Y became chair, taking
    over from X". Not "47 staff, up from 41, and 150 volunteers" read for the volunteers,
    nor "41,500 objects moved from three stores"."""
    if people and _gone_before(sentence, old):
        return True  # "Y took over after X retired", "After X stepped down, Y became chair"
    if old.start < new.start:
        between = sentence[old.end : new.start]
        return bool(
            (_FROM_OLD.search(sentence[: old.start]) and _THEN_TO.match(between))
            or _HANDED_ON.search(between)
        )
    if people and _SUCCEEDING.search(sentence[max(0, old.start - 25) : old.start]):
        return True
    said = _REPLACED_AFTER.search(sentence[max(0, old.start - 40) : old.start])
    return (
        said is not None
        and len(sentence[new.end : old.start].split()) <= REPLACED_WITHIN
        # A bare "from" after a value says where it came from, not what it was before,
        # unless the value is what something changed to: "climbed to £6m from £5m".
        and (
            said.group(1) is not None
            or not said.group(0).lower().startswith("from")
            or bool(_CHANGED_TO.search(sentence[max(0, new.start - 30) : new.start]))
        )
    )


# What a site was: "former", "old", "was once a" and up to four words more, to a word that
# says where, which, or what it was part of.
_FORMER_ENDS = (
    r"on|at|in|beside|by|off|near|next|which|that|where|site|yard|land|and|was|were|had|has|is|took|to"
)
_FORMER = lazy_compile(
    r"\b(?:former|disused|derelict|old"
    r"|(?:(?:was |were )?(?:once|previously|formerly)|used to be)\s+(?:an?|the))"
    rf"\s+(?:(?!(?:{_FORMER_ENDS})\b)[\w'’-]+\s+){{0,3}}(?!(?:{_FORMER_ENDS})\b)[\w'’-]+",
    re.I,
)
# Where someone went on leaving: "is leaving to become director of environment at Kelby
# County Council", "left to run one of the largest landlords", "left for a post in Scotland".
_DESTINATION = lazy_compile(
    r"\b(?:to (?:become|take up|join|run|lead|head)"
    r"|(?:leaving|left|leave|leaves|moving|moved) (?:for|to(?! (?:become|take|join|run|lead|head)\b)))\s+"
    r"(?P<to>[^,.;:()\"“”]{3,}?)(?=\s+(?:after|from|at the end|in (?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December|\d{4}))\b|[,.;:()\"“”]|$)"
)


# Where a person the sentence names has gone: "Mr Bell, who had been in charge since 2018,
# is now group chief executive of Stanholt Homes".
_NOW_POST = lazy_compile(
    r"\b(?:is|are)\s+now\s+(?:the\s+)?(?P<to>(?:[a-z-]+\s+){1,4}(?:of|at)\s+(?:the\s+)?"
    r"[A-Z][\w'’-]*(?:\s+(?:&\s+)?[A-Z][\w'’-]*)*)"
)


def destination(sentence: str, people: frozenset[str] = frozenset()) -> str | None:
    """Where a sentence says someone went on leaving ("director of the Kelby Energy
    Alliance"), or the post elsewhere it says one of `people` now holds; or None."""
    found = _DESTINATION.search(sentence)
    if found is None and people:
        now = _NOW_POST.search(sentence)
        found = now if now is not None and people & set(tokenize(sentence[: now.start()])) else None
    return found.group("to") if found is not None else None


# A firm's name: capitalised words, "&" between two ("Corrie & Pask Renewables"); not a
# pronoun or an article opening the sentence ("It replaces ...").
_FIRM_NAME = (
    r"(?!(?:It|Its|They|He|She|The|This|That|These|A|An|We|Our|Their)\b)"
    r"[A-Z][\w'’-]*(?:\s+(?:&\s+)?[A-Z][\w'’-]*)*"
)
_FIRM_WORDS = r"contractor|builder|installer|firm|company|operator|developer"
# The firm that took on the work: "its replacement, X", "completed by X", "a new main
# contractor, X", or "X, which took over the contract", "the X team, who picked up".
_TAKEN_ON_BY = lazy_compile(
    rf"(?i:\b(?:replacement(?:\s+(?:main\s+)?(?:{_FIRM_WORDS}))?|replaced\s+by|(?:completed|finished|taken\s+over)\s+by"
    rf"|new\s+(?:main\s+)?(?:{_FIRM_WORDS})|brought\s+in))\W{{1,3}}(?:the\s+)?(?P<firm>{_FIRM_NAME})"
)
_TOOK_IT_ON = lazy_compile(
    rf"(?P<firm>{_FIRM_NAME})(?:\s+team)?,?\s+(?:(?:which|who)\s+)?(?:has\s+|have\s+|had\s+|then\s+)?"
    r"(?:took|taken|takes|stepped|step)\s+(?:over|in)\b(?!\s+as\b)|(?P<brought>"
    rf"{_FIRM_NAME})\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:brought|called)\s+in\b"
    rf"|(?P<took>{_FIRM_NAME})(?:\s+team)?,?\s+(?:(?:which|who)\s+)?(?:picked\s+up|replaces|replaced)\b"
)


def replacement(sentence: str) -> AnswerSpan | None:
    """The firm a sentence says took on work another had ("its replacement, Corrie & Pask
    Renewables", "completed by Brackwell Build, which took over the contract"), or None."""
    found = _TAKEN_ON_BY.search(sentence)
    group = "firm"
    if found is None:
        found = _TOOK_IT_ON.search(sentence)
        group = next((g for g in ("firm", "brought", "took") if found is not None and found.group(g)), "firm")
    if found is None:
        return None
    text = found.group(group)
    return AnswerSpan(found.start(group), found.end(group), text, fold(text))


# Who opened a place: "was opened on 12 March by the novelist Winifred Ambler", "with a
# ribbon-cutting by the founding dean, Professor Jo Bell" (before the name); "Jo Bell cut the
# ribbon", "Jo Bell, chair of the trust, performed the opening" (after it).
_OPENED_BY = lazy_compile(
    r"\b(?:opened|ribbon\s+was\s+cut|ribbon[- ]cutting|unveiled)\b[^.;]{0,40}?\bby\s+(?:the\s+)?"
    r"(?:[\w'’-]+,?\s+){0,4}$",
    re.I,
)
_OPENS_IT = lazy_compile(
    r"(?:\s*,[^,.;]{1,80},)?\s+(?:who\s+)?(?:(?:will|has|had|then|formally|officially)\s+)*"
    r"(?:cut|cuts|performed|performs)\s+(?:a|the)\s+(?:official\s+)?(?:ribbon|opening)\b"
    r"|(?:\s*,[^,.;]{1,80},)?\s+(?:formally|officially)\s+opened\b",
    re.I,
)


def opener(sentence: str) -> AnswerSpan | None:
    """The person a sentence says opened a place ("opened by the author Winifred Ambler",
    "Helen Carrow cut the ribbon"), or None."""
    for person in persons_in(sentence):
        if _OPENED_BY.search(sentence[max(0, person.start - 90) : person.start]) or _OPENS_IT.match(
            sentence, person.end
        ):
            return person
    return None


# A pronoun taking over from the name after it: "She takes over from Councillor Peter
# Vance", "He succeeds Graham Pellow", "His predecessor, Jo Bell, retired".
_PRONOUN_SUCCEEDS = lazy_compile(
    r"\b(?:(?:He|She|They)\s+(?:will\s+|has\s+|had\s+)?(?:takes?|took|taken|is\s+taking)\s+over"
    r"(?:\s+as\s+[\w\s'’-]{1,40}?)?\s+from|(?:He|She|They)\s+(?:will\s+)?(?:succeeds?|succeeded|replaces?|replaced)"
    rf"|(?:His|Her|Their|his|her|their)\s+predecessor,?)\s+(?:(?:{PERSON_TITLES})\.?\s+)?$"
)
# One given name taking over from another: "Anjali takes over from Marcus Tennant".
_FIRST_NAME_SUCCEEDS = lazy_compile(
    r"\b(?P<name>[A-Z][a-z]+)\s+(?:takes|took|has\s+taken|will\s+take)\s+over\s+(?:as\s+[\w\s'’-]{1,40}?\s+)?from\s+"
    rf"(?:(?:{PERSON_TITLES})\.?\s+)?$"
)


def name_words(text: str) -> frozenset[str]:
    """The folded words of a name as written ("jo", "bell"), to match a person named in a
    question against the people a sentence names."""
    return frozenset(re.findall(r"[\w'’-]+", fold(text)))


def _named_as(span: AnswerSpan, named: frozenset[str]) -> bool:
    """Whether a person's name holds a word of the one named (`named`: `name_words`)."""
    return bool(named & name_words(span.text))


def successor(sentence: str, named: frozenset[str]) -> AnswerSpan | None:
    """The person a sentence says took over from the one named ("Y takes over from X", "X
    was succeeded by Y", "after X retired, Y became chair"), or None."""
    people = persons_in(sentence)
    for old in (p for p in people if _named_as(p, named)):
        for new in (p for p in people if not _named_as(p, named)):
            if replaced_by(sentence, old, new, people=True):
                return new
        given = _FIRST_NAME_SUCCEEDS.search(sentence[: old.start])
        if given is not None and given.group("name") not in _PRONOUNS:
            name = given.group("name")
            return AnswerSpan(given.start("name"), given.end("name"), name, fold(name))
    return None


def predecessor(sentence: str, named: frozenset[str]) -> AnswerSpan | None:
    """The person a sentence says the one named took over from ("X succeeds Y", "Y was
    replaced by X"), or, naming no one else, that "she" or "he" did ("She takes over from
    Y": the passage says who she is); None if it says neither."""
    people = persons_in(sentence)
    new_ones = [p for p in people if _named_as(p, named)]
    for old in (p for p in people if not _named_as(p, named)):
        if any(replaced_by(sentence, old, new, people=True) for new in new_ones):
            return old
        if not new_ones and _PRONOUN_SUCCEEDS.search(sentence[max(0, old.start - 80) : old.start]):
            return old
    return None


_PRONOUNS = frozenset({"He", "She", "They", "It", "We", "I"})

#: The part in an event a question may ask who played: the firm that took the work on after
#: another failed, the person who opened a place, and who held a post after or before the
#: person the question names.
Party = Literal["replacement", "opener", "successor", "predecessor"]


def party(sentence: str, part: Party, named: frozenset[str] = frozenset()) -> AnswerSpan | None:
    """Who a sentence says played a part in an event (`named`: the `name_words` of the
    person a succession is asked of); None if it says no one did."""
    if part == "replacement":
        return replacement(sentence)
    if part == "opener":
        return opener(sentence)
    if not named:
        return None
    return successor(sentence, named) if part == "successor" else predecessor(sentence, named)


# What became of something, from its auxiliary to the clause's end: "will be sold",
# "closed last month and will be sold", "went into administration in March".
_FATE = lazy_compile(
    r"\b(?:(?:will|would|is\s+to|are\s+to|(?:is|are)\s+going\s+to)\s+(?:now\s+)?(?:be\s+)?"
    r"|(?:was|were|has\s+been|have\s+been|had\s+been|is\s+being|are\s+being|is|are)\s+)?"
    r"(?:sold|demolished|closed|converted|knocked\s+down|turned\s+into|redeveloped|bulldozed|mothballed"
    r"|went\s+(?:into\s+administration|bust|under)|called\s+in\s+administrators|collapsed"
    r"|transferred|handed\s+over|leased|reopened)\b[^,.;:\"“”]{0,70}",
    re.I,
)


def fate(sentence: str) -> str | None:
    """What a sentence says became of something ("closed last month and will be sold",
    "went into administration"), or None."""
    found = _FATE.search(sentence)
    return found.group(0).strip() if found is not None else None


# How something is paid for, from the words that say so to the clause's end: "paid for from
# the port's reserves, a bank loan and ...", "must be met by the company's shareholders",
# "is expected to come from the council, a public appeal and ...".
_FUNDING = lazy_compile(
    r"\b(?:(?:paid\s+for|paid|funded|financed|met|covered|bankrolled|underwritten)"
    r"(?:\s+(?:entirely|largely|mainly|mostly|partly|in\s+part|jointly|wholly))?"
    r"\s+(?:by|from|through|out\s+of|with|using)"
    # "come from" only after money: "the balance will come from", not "students come from".
    r"|\b(?:money|funding|funds|cash|cost|costs|balance|rest|remainder|bill|shortfall|gap)\b"
    r"(?:\s+\S+){0,5}?\s+(?:come|comes|came|coming)\s+(?:(?:entirely|largely|mainly|mostly|partly)\s+)?from"
    # "paying for the move by selling the old site": the means.
    r"|\b(?:paying|paid|pays|pay|funding|funded|funds|fund|financing|financed)\s+(?:for\s+)?(?:\S+\s+){0,3}?by"
    r"(?=\s+\w+ing\b))"
    r"\s+(?P<how>(?:[^.;:\"“”]|\.(?=\d)){3,120})",
    re.I,
)


# What money is for: "the extra income would go towards the replacement of the pontoons",
# "the increase would fund a shared safeguarding team"; not "to pay for it".
_PURPOSE = lazy_compile(
    r"\b(?:would|will|to|should|could|is\s+to|are\s+to|was\s+to|were\s+to|help(?:s|ed)?(?:\s+to)?)\s+"
    r"(?:go\s+towards|fund|pay\s+for|be\s+spent\s+on|be\s+used\s+(?:for|to\s+pay\s+for|to\s+fund))\s+"
    r"(?!(?:it|them|this|that|these|those)\b)(?P<what>[^.;:\"“”]{3,160})",
    re.I,
)


def purpose(sentence: str) -> str | None:
    """What a sentence says money is for ("the replacement of the visitor pontoons"), or None."""
    found = _PURPOSE.search(sentence)
    if found is None:
        return None
    what = _NEXT_CLAUSE.split(found.group("what"), maxsplit=1)[0]
    return _SAID_AFTER.split(what, maxsplit=1)[0].strip().rstrip(",")


# "..., the trust said": who said it, not part of what was said.
_SAID_AFTER = lazy_compile(r",\s+(?:[\w'’-]+\s+){0,4}(?:said|says|added|explained|confirmed)\b")


def funding(sentence: str) -> str | None:
    """How a sentence says something is paid for ("the port's reserves, a bank loan and a
    bid to the regional growth fund"), or None."""
    found = _FUNDING.search(sentence)
    if found is None:
        return None
    # "..., and said no money would be sought": the next clause says something else.
    return _NEXT_CLAUSE.split(found.group("how"), maxsplit=1)[0].strip().rstrip(",")


_NEXT_CLAUSE = lazy_compile(
    r",?\s+(?:and|but)\s+(?:\w+\s+)?(?:said|says|cannot|can't|could|will|would|is|was|are|were|has|have|had|must)\b"
    r"|,\s+which\b",
    re.I,
)


# What assessors credited, after their verb: "Inspectors praised the facility's cameras",
# "The report highlights a reading-first timetable", "The assessors noted that every survey
# is now done by our own surveyors", "Inspectors said the service had transformed ...".
_CREDITED = lazy_compile(
    r"\b(?:inspectors?|assessors?|auditors?|reviewers?|judges?|the\s+(?:report|inspectorate|regulator|agency|panel"
    r"|review|assessment|inspection|watchdog|findings))\b[^.;]{0,40}?\b"
    r"(?:praised|praises|criticised|criticized|criticises|highlight(?:s|ed)?|noted|notes|credit(?:s|ed)?"
    r"|singled\s+out|single\s+out|pointed\s+to|raised\s+concerns\s+(?:about|over)"
    r"|points\s+to|commended|commends|said|says|found|finds|cited|cites|gave\s+(?:particular\s+)?credit\s+to)"
    r"\s+(?:that\s+)?(?P<what>[^.;]{3,160})",
    re.I,
)


def credited(sentence: str) -> str | None:
    """What a sentence says assessors credited ("the recovery facility's thermal-imaging
    cameras"), or None."""
    told = (m for m in _CREDITED.finditer(sentence) if not _TIME_SINCE.search(sentence, 0, m.start()))
    found = next(told, None)
    return found.group("what").strip().rstrip(",") if found is not None else None


# "a year after inspectors said it required improvement": what they said before, told as
# the time since (where "downgraded after assessors criticised" tells why).
_TIME_SINCE = lazy_compile(
    r"\b(?:(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?)\s+(?:after|since)|since|when)\s+$", re.I
)


# "on the site of a former bus depot": the words that say a site's former use is meant.
_ON_THE_SITE = lazy_compile(
    r"\b(?:site|land|ground|plot) of (?:a |an |the )?$|\b(?:on|at) (?:a |an |the )?$", re.I
)


def _former_uses(sentence: str) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """A sentence's phrases telling what a site was, and those told as the site's."""
    found = list(_FORMER.finditer(sentence))
    return found, [m for m in found if _ON_THE_SITE.search(sentence[max(0, m.start() - 40) : m.start()])]


def former_use(sentence: str) -> str | None:
    """What a sentence says a site used to be ("the former bus garage"), preferring one told
    as the site's ("on the site of the former bus depot"), or None."""
    found, sited = _former_uses(sentence)
    best = sited or found
    return _ONCE.sub("", best[0].group(0)) if best else None


# "was once a gasworks" tells "a gasworks".
_ONCE = lazy_compile(r"^(?:(?:was|were)\s+)?(?:once|previously|formerly|used to be)\s+", re.I)


def former_use_told(sentence: str) -> int:
    """How plainly a sentence tells a site's former use: 2 as the site's ("on the site of
    the former depot"), 1 in passing ("the former depot was cleared"), 0 not at all."""
    found, sited = _former_uses(sentence)
    return 2 if sited else 1 if found else 0


def is_year(value: str) -> bool:
    """Whether a span's value is a year alone: "2020", not "september 2020" or "2,020"."""
    return _YEAR_ALONE.fullmatch(value) is not None


def is_month_year(value: str) -> bool:
    """Whether a date span's value is a month (or a season) of a year: "september 2020",
    not "3 september 2020" or "2020"."""
    return _MONTH_YEAR.fullmatch(value) is not None


_YEAR_ALONE = lazy_compile(r"(?:19|20)\d\d")
_MONTH_YEAR = lazy_compile(r"[a-z]+ \d{4}")  # values are folded to lower case
_YEAR_IN_TEXT = lazy_compile(r"\b(?:19|20)\d\d\b")


def years_in(text: str) -> frozenset[str]:
    """The years a text names: "2019" in "opened in May 2019"."""
    return frozenset(_YEAR_IN_TEXT.findall(text))


def is_name_word(word: str) -> bool:
    """Whether a capitalised word may be part of a name: not a role, place kind or month."""
    bare = bare_word(word)
    return bool(bare) and bare not in _NOT_NAME_WORDS and bare not in ROLE_WORDS


# Words that make a name the name of a body or place, not of a person.
_BODY_WORDS = _GENERIC_WORDS - FUNCTION_WORDS - frozenset(
    """mr mrs ms dr cllr councillor sir dame lord lady minister minster secretary director chief
    executive leader deputy chair chairman cabinet member mayor officer head manager new old
    street road house hall centre center park library station museum bridge church court
    north south east west northern southern eastern western national local royal""".split()
) | frozenset("commission hospitals water council's trust's agency institute club consultancy".split())
#: Words that end a firm's name: "Elmbury Ward Construction", "Tarnby Build".
COMPANY_WORDS = frozenset(
    """ltd limited plc llp construction builders build engineering civils contractors developments
    holdings partners associates""".split()
)
_BODY_WORDS |= COMPANY_WORDS


def names_a_site(span: AnswerSpan) -> bool:
    """Whether a place is a site, by the kind of place its last word names ("Kelby Wharf"),
    not a town or a county."""
    return bool(span.value) and span.value.split()[-1] in _SITE_ENDINGS


def _ends_on_a_place(span: AnswerSpan) -> bool:
    """Whether a name ends on a word no surname is: "Kelby Wharf" is no one's name."""
    return bool(span.value) and span.value.split()[-1] in _PLACE_ENDINGS


#: Words of ordinary English that end the name of a place or a structure and are no
#: surname ("Hill", "Brook" and "Green" are; "Fell" rarely).
_PLACE_ENDINGS = frozenset(
    """aqueduct canal wharf quay basin reservoir viaduct tunnel pier harbour marina depot estate
    campus gateway square avenue crescent gallery theatre arena valley junction terminal docks
    fell""".split()
)
#: The ends of a site's name, surnames among them ("Kelby Weir" is a site, "Sam Weir" a man).
_SITE_ENDINGS = _PLACE_ENDINGS | frozenset("beck crag weir".split())
# Bodies that carry or host: "Wexby Airport" is no one's name.
_BODY_WORDS |= frozenset(
    "airport airports airline airlines airways railway railways buses stadium port".split()
)


def is_body_word(word: str) -> bool:
    """Whether a word names a kind of body or place: "Council", "Trust", "Hospitals"."""
    return bare_word(word) in _BODY_WORDS


def _grades(sentence: str, question_words: set[str]) -> list[AnswerSpan]:
    """The grades a sentence gives, in text order."""
    found: dict[int, AnswerSpan] = {}
    matches = [*_GRADE_AFTER_VERB.finditer(sentence), *_GRADE_AFTER_NAMED.finditer(sentence)]
    if _RATING_WORD.search(sentence):
        matches += list(_GRADE_MOVED_TO.finditer(sentence))
        matches += list(_QUOTED_GRADE.finditer(sentence))
        matches += list(_QUOTED_GRADE_BEFORE.finditer(sentence))
        matches += list(_GRADE_CODE.finditer(sentence))
        matches += list(_GRADE_OF.finditer(sentence))
        matches += list(_OTHER_LABEL_GRADE.finditer(sentence))
        matches += list(_FOUND_TO_BE.finditer(sentence))
        matches += list(_SCORED.finditer(sentence))
        matches += list(_LABEL_GRADE.finditer(sentence))
    matches += list(_LABELLED_CODE.finditer(sentence))
    matches += list(_GRADE_AWARDED.finditer(sentence))
    # Not the last word of a name: "the Harbour Board rating".
    matches += [m for m in _GRADE_BEFORE_NOUN.finditer(sentence) if not _in_a_name(sentence, m.start())]

    def add(start: int, end: int) -> None:
        text = sentence[start:end]
        words = set(fold(text).split())
        # A capital letter is a grade ("an A rating"), though "a" is a function word.
        letter = len(text) <= 2 and text[:1].isupper()
        if words and not words <= question_words and (letter or not words <= FUNCTION_WORDS | STOP_WORDS):
            found.setdefault(start, AnswerSpan(start, end, text, fold(text)))

    for moved in _GRADE_FROM_TO.finditer(sentence):
        if moved.group("verb").split()[0] not in _SAYS_GRADED and not _RATING_WORD.search(sentence):
            continue
        for group in ("old", "new"):
            if moved.group(group) is not None:
                start, end = moved.span(group)
                quoted = sentence[start] in "“\"‘'"
                add(start + quoted, end - quoted)
    for match in matches:
        groups = match.groupdict()
        add(
            *match.span(next((g for g in ("quoted", "capital", "letter", "named") if groups.get(g)), "grade"))
        )
    return [found[k] for k in sorted(found)]


def span_value(kind: AnswerType | None, span: AnswerSpan) -> str:
    """A typed answer as people read it: "July 2020" for "July next year", "£7.3m" for
    "£7.3 million" (sums in one spelling, so that the same sum reads alike everywhere)."""
    if kind == "amount" and span.value[:1] in "£$€":
        return span.value
    return span.display
