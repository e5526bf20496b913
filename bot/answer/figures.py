"""Figures as a sentence gives them: how exact ("about £2.1m"), and for what period
("£750 a year"); a figure something rose to is no bound ("pushed the cost up to £16.3m").

May import `text` and this package's `spans`.
"""

from __future__ import annotations

import re

from ..text.patterns import lazy_compile
from .spans import AnswerSpan

__all__ = ["FIGURE_KINDS", "RATE_AFTER", "figure_as_said"]

#: Answer types that are figures: said with how exact they are and their period.
FIGURE_KINDS = frozenset({"amount", "count", "percent", "measure"})
# Words before a figure that say how exact it is, and after it what period it is for.
_HEDGE = lazy_compile(
    r"(?:\b(?:about|around|approximately|roughly|some|nearly|almost|up to|more than|over|under|less than|"
    r"at least|at most|just over|just under)\s+)$",
    re.IGNORECASE,
)
# A figure something was moved up or down to: "pushed the cost up to £16.3m".
_RISEN_TO = lazy_compile(
    r"\b(?:pushed|push|pushing|risen|rose|rise|gone|went|climbed|driven|moved|brought|put|increased|cut|"
    r"fallen|fell)\b(?:\s+[\w'’]+){0,10}\s+(?:up|down)\s+to\s*$",
    re.IGNORECASE,
)
#: What follows a figure that is paid again and again: "£750 a year", "£2 per head"; the
#: group "rate" holds it.
RATE_AFTER = lazy_compile(
    r"(?P<rate>\s*(?:(?:a|an|per|each|every)\s+(?:year|annum|month|week|day|head|student|pupil|person)\b|"
    # A unit price: "8.4p per kWh" is not what something cost to build.
    r"(?:a|per|each)\s+(?:kwh|unit|litre|liter|tonne|ton|mile|night|hour|minute|trip|journey|mwh|"
    r"visit|session|ticket|gallon|kilo|kg)\b|"
    r"annually\b|yearly\b|monthly\b))",
    re.IGNORECASE,
)


# What a figure is of, between it and its period: "of water" in "60 million litres of water a day".
_OF_WHAT_THEN_RATE = lazy_compile(rf"\s+of(?:\s+[a-z][\w'’-]*){{1,2}}?{RATE_AFTER.pattern}", re.IGNORECASE)


def figure_as_said(sentence: str, span: AnswerSpan) -> str:
    """A figure as the sentence gives it, with how exact it is and the period it is for:
    "about £2.1m a year"; "up to 60 million litres a day" for "... litres of water a day"."""
    text = span.text.strip().rstrip(",.;:")
    hedge = _HEDGE.search(sentence[max(0, span.start - 20) : span.start])
    if hedge and _RISEN_TO.search(sentence[max(0, span.start - 100) : span.start]):
        hedge = None  # "pushed the final cost up to £16.3m": where it rose to, not a bound
    rate = RATE_AFTER.match(sentence, span.end)
    if rate is None:
        # "60 million litres of water a day": the period follows what is measured, which
        # the question has named already.
        rate = _OF_WHAT_THEN_RATE.match(sentence, span.end)
    said = [hedge.group(0).strip() if hedge else "", text, rate.group("rate").strip() if rate else ""]
    return " ".join(w for w in said if w)
