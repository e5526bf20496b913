"""The time a question asks about, when it names one: its implied `--as-of` cut-off.

"Who was the chief executive in 2014?" asks how things stood at the end of 2014, and
"what was the cost at the start of 2019?" how they stood on 1 January 2019. A question in
the past tense that names such a point in time is answered as if asked with that cut-off;
one that asks about now ("still", "currently", "latest") or the future names no cut-off.
"In 2018" alone is a point only for who held a post or what a rating was: "how many
visits were made in 2018?" asks about the whole year, reported after it ended.

Imports only `text`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..text.dates import MONTHS, PubDate
from ..text.patterns import lazy_compile
from ..text.tokens import tokenize

__all__ = ["STATE_KINDS", "implied_cutoff", "time_terms"]

#: Answers that hold at a point in time: "who was ... in 2014" asks how things stood then.
STATE_KINDS = frozenset({"person", "rating", "place"})
# "How many branches did it have in May 2022?": what something had is a state too.
_HAD = lazy_compile(r"\b(?:did\s+(?:[\w'’-]+\s+){1,4}have|had)\b", re.IGNORECASE)
# "In July 2018, when was it due to open?": a plan, like a post, stood at a time.
_PLANNED = lazy_compile(
    r"\b(?:due|expected|planned|scheduled|supposed to|meant to|set to|forecast|estimated|projected)\b",
    re.IGNORECASE,
)

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_PAST = lazy_compile(r"\b(was|were|did|had)\b", re.IGNORECASE)
_NOW = lazy_compile(r"\b(now|currently|current|still|latest|today|yet|will|going to)\b", re.IGNORECASE)
# "in 2014", "at the end of March 2018", "in early 2016", "as of 2017", "during 2015".
_TIME = lazy_compile(
    rf"\b(?P<when>at the (?:start|beginning|end) of|by the end of|in (?:early|mid|late)|"
    rf"in the (?:spring|summer|autumn|winter) of|"
    rf"in|during|as of|by)\s+(?:(?P<month>{_MONTH})\.?\s+)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-/])",
    re.IGNORECASE,
)
# Where in its period each phrase points: the month's or year's first or last day, or a
# day within the year.
_START = ("at the start of", "at the beginning of")
_PART_OF_YEAR = {
    "in early": (3, 31),
    "in mid": (6, 30),
    "in the spring of": (5, 31),
    "in the summer of": (8, 31),
    "in the autumn of": (11, 30),
    "in the winter of": (12, 31),
}
# Phrases that may name a whole period rather than a point in it.
_PERIODS = (
    "in",
    "during",
    "in early",
    "in mid",
    "in late",
    *(p for p in _PART_OF_YEAR if p.startswith("in the")),
)


def implied_cutoff(question: str, kind: str | None) -> PubDate | None:
    """The cut-off a past-tense question's named time implies; None when it names none.

    `kind` is the answer the question wants: for who held a post or how something stood
    (`STATE_KINDS`), "in 2014" means as things stood then; otherwise only a point ("at the
    end of 2018", "as of 2017") is a cut-off; a question of no kind (why, how) has none.
    """
    if kind is None or not _PAST.search(question) or _NOW.search(question):
        return None
    state = (
        kind in STATE_KINDS
        or (kind == "count" and _HAD.search(question) is not None)
        or _PLANNED.search(question) is not None
    )
    found = list(_TIME.finditer(question))
    if len(found) != 1:  # "from 2015 to 2018", or none: no single time asked about
        return None
    match = found[0]
    if _EVENT_BEFORE.search(question[: match.start()]):
        return None  # "at its inspection in late 2024": its result may be reported later
    when = " ".join(match["when"].casefold().split())
    if when in _PERIODS and not state:
        return None
    year = int(match["year"])
    month = MONTHS[match["month"].casefold()] if match["month"] else None
    if when in _START:
        day = dt.date(year, month or 1, 1)
    elif month is not None:
        day = dt.date(year, month, calendar.monthrange(year, month)[1])
    elif when in _PART_OF_YEAR:
        day = dt.date(year, *_PART_OF_YEAR[when])
    else:
        day = dt.date(year, 12, 31)
    return PubDate(day, "day")


# An event a time phrase may date: what came of it is told after it.
_EVENT_BEFORE = lazy_compile(
    r"\b(inspection|assessment|review|election|vote|ballot|audit|survey|consultation|inquiry)s?\s*$",
    re.IGNORECASE,
)

# Any phrase naming a time: "as of October 2018", "at the start of 2017", "in mid-2016",
# "in the summer of 2016", "at the end of 2018".
_ANY_TIME = lazy_compile(
    rf"\b(?:as of|as at|in|at|by|during|going into|heading into|entering|back in|before|until|up to|"
    rf"(?:at|by|in) the (?:start|beginning|end|middle|summer|spring|"
    rf"autumn|winter|first half|second half) of|in (?:early|mid|late))[\s-]+(?:(?:early|mid|late)[\s-]+)?"
    rf"(?:(?:{_MONTH})\.?\s+)?"
    rf"(?P<year>(?:19|20)\d\d)\b(?!\s*[-/])",
    re.IGNORECASE,
)


def time_terms(question: str, cutoff: PubDate) -> frozenset[str]:
    """The terms of the phrase by which a question names the time of its cut-off ("as of
    October 2018"): they say when to look, not what to look for."""
    found: set[str] = set()
    for match in _ANY_TIME.finditer(question):
        if int(match["year"]) == cutoff.value.year:
            found.update(tokenize(match.group(0)))
    return frozenset(found)
