"""Dates mentioned in text: "in July 2020", "by next summer", "last September", resolved
against the document's publication date, and the latest time a sentence speaks of.

May import this package's `dates`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from .dates import (
    DAY_MONTH_YEAR,
    MENTION_CACHE_SIZE,
    MONTH_CAPITALISED,
    MONTH_DAY_YEAR,
    MONTH_RE,
    MONTH_YEAR,
    MONTHS,
    NUMBER_WORDS,
    SEASONS,
    WEEKDAYS,
    PubDate,
)
from .patterns import lazy_compile

__all__ = ["DateMention", "find_date_mentions", "latest_mentioned"]


@dataclass(frozen=True)
class DateMention:
    """A date mentioned in text, with what it means against the document's date."""

    start: int
    end: int
    text: str
    resolved: str | None  # e.g. "July 2020" for "July next year"; None when unknowable
    relative: bool  # True when the text's meaning depends on the document's date


_YEAR = r"(?:19|20)\d{2}"
_ORDINAL_DAY = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
_COUNT = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)"
_BEFORE_MONTH = r"(end\s+of|in|by|from|until|since)\s+"
# Words that make "in <month>" a month to come: "due to open in January".
_FUTURE_BEFORE = lazy_compile(
    r"\b(will|due|expected|set|scheduled|planned|plans?|aims?|hopes?|going)\b[^.;]{0,25}$", re.I
)
_MENTION_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b{_ORDINAL_DAY}({MONTH_RE})\s+(next|last|this)\s+year\b", re.I), "month_rel_year"),
    (DAY_MONTH_YEAR, "dmy"),
    (MONTH_DAY_YEAR, "mdy"),
    (MONTH_YEAR, "my"),
    (re.compile(rf"\b(spring|summer|autumn|fall|winter)\s+(?:of\s+)?({_YEAR})\b", re.I), "season_year"),
    # A day and month without a year ("closed on 3 May"): the month is capitalised, and no
    # year or further number follows.
    (
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+((?-i:{MONTH_CAPITALISED}))\b(?![\s,]+\d)", re.I),
        "day_month",
    ),
    # A financial or school year, "2019/20", "2020-21".
    (re.compile(rf"\b({_YEAR})([/\-–])(\d{{2}})\b(?![/\-–]\d)"), "fin_year"),
    (re.compile(r"\b(next|last|this)\s+(year|month|week)\b", re.I), "rel_unit"),
    (re.compile(r"\b(next|last|this)\s+(spring|summer|autumn|fall|winter)\b", re.I), "rel_season"),
    (re.compile(rf"\b(next|last|this)\s+({'|'.join(WEEKDAYS)})\b", re.I), "rel_weekday"),
    # The month capitalised: "this may be" is no date.
    (re.compile(rf"\b(next|last|this)\s+((?-i:{MONTH_CAPITALISED}))\b(?!\s+\d)", re.I), "rel_month"),
    (re.compile(rf"\b{_COUNT}\s+(year|month)s?\s+ago\b", re.I), "ago"),
    (re.compile(rf"\b{_BEFORE_MONTH}({MONTH_RE})\b(?!\s+\d)", re.I), "bare_month"),
    (re.compile(r"\b(yesterday|today|tomorrow)\b", re.I), "rel_day"),
    # A day of the week alone, in news: "opened its doors on Monday" (the Monday just gone),
    # "will open on Friday" (the next); not "on Monday 3 June", which gives its date.
    (
        re.compile(rf"(?<=\bon )((?-i:{'|'.join(d.capitalize() for d in WEEKDAYS)}))\b(?![\s,]+\d)"),
        "bare_weekday",
    ),
    (re.compile(rf"\b({_YEAR})\b"), "year"),
    # An older year only where a preposition makes it one: "founded in 1889", not "1889 homes".
    (re.compile(r"(?:(?<=\bin )|(?<=\bsince )|(?<=\bfrom )|(?<=\buntil ))(1[5-8]\d\d)\b(?![,.]?\d)"), "year"),
]  # fmt: skip


def _month_name(month: int) -> str:
    return calendar.month_name[month]


def _days_on(base: PubDate, days: int) -> str:
    """The day some days after (or before) a document's date, written out: "2 December 2019"."""
    day = base.value + dt.timedelta(days=days)
    return f"{day.day} {_month_name(day.month)} {day.year}"


def _resolve(kind: str, match: re.Match[str], base: PubDate | None) -> tuple[str | None, bool]:
    """What a mention means: an absolute date as text, and whether it was relative."""
    g = match.groups()
    if kind == "dmy":
        return f"{int(g[0])} {_month_name(MONTHS[g[1].lower()])} {g[2]}", False
    if kind == "mdy":
        return f"{int(g[1])} {_month_name(MONTHS[g[0].lower()])} {g[2]}", False
    if kind == "my":
        return f"{_month_name(MONTHS[g[0].lower()])} {g[1]}", False
    if kind == "season_year":
        return f"{g[0].lower()} {g[1]}", False
    if kind == "fin_year":
        return f"{g[0]}{g[1]}{g[2]}", False  # as written: "2020-21" is how readers will ask it
    if kind == "year":
        return g[0], False
    if base is None:
        return None, True
    year = base.value.year
    if kind == "day_month":
        month = MONTHS[g[1].lower()]
        if not 1 <= int(g[0]) <= calendar.monthrange(year, month)[1]:
            return None, True
        day = dt.date(year, month, int(g[0]))
        # The nearest such day to the document's date: within half a year either side.
        if (day - base.value).days > 183:
            year -= 1
        elif (base.value - day).days > 183:
            year += 1
        return f"{int(g[0])} {_month_name(month)} {year}", True
    if kind == "month_rel_year":
        offset = {"next": 1, "last": -1, "this": 0}[g[1].lower()]
        return f"{_month_name(MONTHS[g[0].lower()])} {year + offset}", True
    if kind == "rel_unit":
        offset = {"next": 1, "last": -1, "this": 0}[g[0].lower()]
        if g[1].lower() == "year":
            return str(year + offset), True
        if g[1].lower() == "month" and base.precision != "year":
            month_index = base.value.month - 1 + offset
            return f"{_month_name(month_index % 12 + 1)} {year + month_index // 12}", True
        if g[1].lower() == "week" and base.precision == "day":
            monday = base.value - dt.timedelta(days=base.value.weekday()) + dt.timedelta(weeks=offset)
            return f"week of {monday.day} {_month_name(monday.month)} {monday.year}", True
        return None, True
    if kind == "rel_season":
        offset = {"next": 1, "last": -1, "this": 0}[g[0].lower()]
        season = g[1].lower()
        # "next summer" in an April article is next year's: this year's would be "this
        # summer"; but "next winter" in April is the one starting this December. "Last
        # summer" in a December one is this year's, the season being over.
        month, start = base.value.month, SEASONS[season]
        coming_this_year = offset == 1 and start == 12 and month < start
        over_this_year = offset == -1 and month >= start + 3
        if base.precision != "year" and (coming_this_year or over_this_year):
            offset = 0
        return f"{season} {year + offset}", True
    if kind == "rel_day":
        if base.precision != "day":
            return None, True
        return _days_on(base, {"yesterday": -1, "today": 0, "tomorrow": 1}[g[0].lower()]), True
    if kind == "rel_month":
        # "next March" in a June article is next year's March; "last March" this year's.
        word, month = g[0].lower(), MONTHS[g[1].lower()]
        if base.precision != "year":
            if word == "next" and month <= base.value.month:
                year += 1
            elif word == "last" and month >= base.value.month:
                year -= 1
        elif word != "this":
            year += 1 if word == "next" else -1
        return f"{_month_name(month)} {year}", True
    if kind == "rel_weekday":
        if base.precision != "day":
            return None, True
        target = WEEKDAYS[g[1].lower()]
        days = (target - base.value.weekday()) % 7
        if g[0].lower() == "next":
            days = days or 7
        elif g[0].lower() == "last":
            days = -((base.value.weekday() - target) % 7 or 7)
        return _days_on(base, days), True
    if kind in ("bare_weekday", "bare_weekday_ahead"):
        if base.precision != "day":
            return None, True
        target = WEEKDAYS[g[0].lower()]
        if kind == "bare_weekday_ahead":
            days = (target - base.value.weekday()) % 7 or 7
        else:
            days = -((base.value.weekday() - target) % 7)
        return _days_on(base, days), True
    if kind == "ago":
        amount = int(g[0]) if g[0].isdigit() else NUMBER_WORDS[g[0].lower()]
        if g[1].lower() == "year":
            return str(year - amount), True
        if base.precision == "year":
            return None, True
        month_index = base.value.month - 1 - amount
        return f"{_month_name(month_index % 12 + 1)} {year + month_index // 12}", True
    if kind in ("bare_month", "bare_month_ahead"):
        # "by the end of December" in a November article means this December, "by April"
        # in a December one next April, "since June" in a May one last June.
        word, month = g[0].lower(), MONTHS[g[1].lower()]
        if base.precision != "year":
            if (word != "in" or kind == "bare_month_ahead") and word != "since" and month < base.value.month:
                year += 1
            elif word == "since" and month > base.value.month:
                year -= 1
        return f"{_month_name(month)} {year}", True
    return None, True


def find_date_mentions(text: str, base: PubDate | None = None) -> list[DateMention]:
    """Dates mentioned in a text, longest first where they overlap, resolved against `base`."""
    return list(_date_mentions(text, base))


# Ranking reads the same candidate sentences question after question; finding their dates
# was most of a question's cost, so each (sentence, document date) is read once.
@functools.lru_cache(maxsize=MENTION_CACHE_SIZE)
def _date_mentions(text: str, base: PubDate | None) -> tuple[DateMention, ...]:
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    for pattern, kind in _MENTION_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            month_group = 2 if kind == "bare_month" else 1
            if kind == "bare_month":
                start = match.start(2)
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            if (
                kind in ("my", "bare_month", "month_rel_year")
                and match.group(month_group).lower() in ("may", "march")
                # "may" and "march" are verbs far more often than months when lower-case.
                and not match.group(month_group)[0].isupper()
            ):
                continue
            if kind == "bare_month" and len(match.group(2)) <= 3 and not match.group(2)[0].isupper():
                continue
            if kind == "fin_year" and int(match.group(3)) != (int(match.group(1)) + 1) % 100:
                continue  # "2015-18" is a span of years, "2021-05" a month: each year is read alone
            if (
                kind == "bare_month"
                and match.group(1).lower() == "in"
                and _FUTURE_BEFORE.search(text[:start])
            ):
                kind = "bare_month_ahead"  # "due to open in January": the next January
            if kind == "bare_weekday" and _FUTURE_BEFORE.search(text[:start]):
                kind = "bare_weekday_ahead"  # "will open on Friday": the next Friday
            try:
                resolved, relative = _resolve(kind, match, base)
            except (OverflowError, ValueError):  # a date at the calendar's edge
                resolved, relative = None, True
            if kind == "day_month" and resolved is None and base is not None:
                continue  # "32 May" is no day
            taken.append((start, end))
            mentions.append(DateMention(start, end, text[start:end], resolved, relative))
    mentions.sort(key=lambda m: m.start)
    return tuple(mentions)


_RESOLVED = lazy_compile(rf"\b(?:({MONTH_RE})\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)


def latest_mentioned(text: str, base: PubDate | None = None) -> tuple[int, int] | None:
    """The latest (year, month) a text mentions, month 0 when only the year is known:
    among one document's statements, the one about the latest time is the latest news."""
    keys = []
    for mention in find_date_mentions(text, base):
        for match in _RESOLVED.finditer(mention.resolved or mention.text):
            month = MONTHS.get(match.group(1).lower(), 0) if match.group(1) else 0
            keys.append((int(match.group(2)), month))
    return max(keys) if keys else None
