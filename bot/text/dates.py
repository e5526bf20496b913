"""Publication dates with their precision, parsed from metadata, cut-offs and datelines.

A `PubDate` is a calendar date plus how much of it is known (day, month or year) and
whether it was inferred rather than printed. Comparisons use the earliest day the date
could be, so "2017" counts from 1 January 2017 in an `--as-of` cut-off.

May import `errors`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from ..errors import DateError
from .patterns import lazy_compile

__all__ = [
    "DAY_MONTH_YEAR",
    "MENTION_CACHE_SIZE",
    "MONTHS",
    "MONTH_CAPITALISED",
    "MONTH_DAY_YEAR",
    "MONTH_RE",
    "MONTH_YEAR",
    "NUMBER_WORDS",
    "SEASONS",
    "WEEKDAYS",
    "Precision",
    "PubDate",
    "find_dateline",
    "is_date_only_line",
    "parse_as_of",
    "parse_published",
]

Precision = Literal["day", "month", "year"]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a": 1,
}  # fmt: skip

#: Sentences whose date mentions are remembered (a few MB at most).
MENTION_CACHE_SIZE = 50_000

_ISO = lazy_compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True)
class PubDate:
    """A publication date: its earliest possible day, precision, and whether inferred."""

    value: dt.date
    precision: Precision = "day"
    inferred: bool = False

    @property
    def last_day(self) -> dt.date:
        """The latest day the date could be: the end of its month or year."""
        if self.precision == "year":
            return dt.date(self.value.year, 12, 31)
        if self.precision == "month":
            days = calendar.monthrange(self.value.year, self.value.month)[1]
            return dt.date(self.value.year, self.value.month, days)
        return self.value

    def iso(self) -> str:
        """The date at its precision: `2015-12-08`, `2015-12` or `2017`."""
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    def human(self) -> str:
        """The date as a person writes it: `8 December 2015`, `c. December 2015`, `2017`."""
        if self.precision == "year":
            text = str(self.value.year)
        elif self.precision == "month":
            text = f"{calendar.month_name[self.value.month]} {self.value.year}"
        else:
            text = f"{self.value.day} {calendar.month_name[self.value.month]} {self.value.year}"
        return f"c. {text}" if self.inferred else text


def _from_parts(year: int, month: int | None, day: int | None, inferred: bool) -> PubDate:
    try:
        if month is None:
            return PubDate(dt.date(year, 1, 1), "year", inferred)
        if day is None:
            return PubDate(dt.date(year, month, 1), "month", inferred)
        return PubDate(dt.date(year, month, day), "day", inferred)
    except ValueError as exc:
        raise DateError(f"not a real date: {exc}") from None


def parse_as_of(text: str) -> PubDate:
    """Parse a user's cut-off date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    match = _ISO.match(text.strip())
    if not match:
        raise DateError(f"unknown date format {text.strip()[:40]!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    return _from_parts(year, month, day, inferred=False)


def parse_published(value: object, inferred: bool = False) -> PubDate:
    """Parse a publication date from metadata or front matter (ISO or written out)."""
    if isinstance(value, dt.datetime):
        return PubDate(value.date(), "day", inferred)
    if isinstance(value, dt.date):
        return PubDate(value, "day", inferred)
    if isinstance(value, int) and 1000 <= value <= 9999:
        return PubDate(dt.date(value, 1, 1), "year", inferred)
    if not isinstance(value, str) or not value.strip():
        raise DateError(f"published date {value!r} is not a date")
    text = value.strip()
    if _ISO.match(text):
        parsed = parse_as_of(text)
        return PubDate(parsed.value, parsed.precision, inferred)
    found = _parse_written(text)
    if found is None:
        raise DateError(f"published date {text[:40]!r} does not parse")
    return PubDate(found.value, found.precision, inferred)


# A dateline: a short line that is (almost) only a date, e.g. "08 December 2015" or
# "Tuesday, 4th October 2016, 10:50 am". "Updated ..." lines are not the first publication.
MONTH_RE = "|".join(sorted((m for m in MONTHS), key=len, reverse=True))
MONTH_CAPITALISED = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
DAY_MONTH_YEAR = lazy_compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE})\.?,?\s+(\d{{4}})\b", re.IGNORECASE
)
MONTH_DAY_YEAR = lazy_compile(
    rf"\b({MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE
)
MONTH_YEAR = lazy_compile(rf"\b({MONTH_RE})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_DATELINE_MAX_WORDS = 12
_UPDATED = lazy_compile(r"(?i)^(updated|last updated|modified)\b")
_DATELINE_SCAN_LINES = 8


def _parse_written(text: str) -> PubDate | None:
    """Parse a written-out date with dateparser, keeping only the precision it states."""
    import dateparser  # deferred: only ingestion needs it, and it costs start-up time

    if DAY_MONTH_YEAR.search(text) or MONTH_DAY_YEAR.search(text):
        precision: Precision = "day"
    elif MONTH_YEAR.search(text):
        precision = "month"
    elif re.fullmatch(r"\s*\d{4}\s*", text):
        precision = "year"
    else:
        precision = "day"
    parsed = dateparser.parse(
        text,
        languages=["en"],
        # Absolute dates only: "yesterday" in front matter would move with the clock.
        settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"], "PARSERS": ["absolute-time"]},
    )
    if parsed is None:
        return None
    day = parsed.day if precision == "day" else None
    month = parsed.month if precision in ("day", "month") else None
    return _from_parts(parsed.year, month, day, inferred=False)


# A byline before a date stamp: "By Sam Smith, Echo reporter | Thursday 19 May 2016".
_BYLINE = lazy_compile(r"^by\s+[A-Z][\w'’. -]{1,60}?(?:,[^|•·]{1,40})?\s*[|•·–-]\s*", re.IGNORECASE)


# The parts of a byline line before its date: "Tom Vale, Transport Reporter | Kelby
# Gazette | 14/05/2013", "Press Office | Kelby Airport Ltd | 12 March 2015".
_BYLINE_PART = lazy_compile(r"^[^|•·]{1,60}$")
# A date in figures, day first as British papers print it: "14/05/2013", "22.09.2016".
_NUMERIC_DATE = lazy_compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def _stamp(line: str) -> str:
    """The date stamp a line may hold, without a byline before it."""
    stripped = _BYLINE.sub("", line.strip())
    parts = re.split(r"\s+[|•·]\s+", stripped)
    if len(parts) > 1 and all(_BYLINE_PART.match(p) and len(p.split()) <= 8 for p in parts[:-1]):
        stripped = parts[-1]
    return _UPDATED.sub("", stripped).strip(" :,")


def is_date_only_line(line: str) -> bool:
    """Whether a line is only a date stamp ("Updated Wednesday, 5th October 2016, 2:20 pm"),
    perhaps after a byline ("By Sam Smith, Echo reporter | ...")."""
    stripped = _UPDATED.sub("", _BYLINE.sub("", line.strip())).strip(" :,")
    return (
        bool(stripped)
        and len(stripped.split()) <= _DATELINE_MAX_WORDS
        and _dateline_date(stripped) is not None
    )


def _dateline_date(stripped: str) -> PubDate | None:
    numeric = _NUMERIC_DATE.match(stripped)
    if numeric is not None:
        day, month, year = (int(g) for g in numeric.groups())
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
        return _from_parts(year, month, day, inferred=False)
    match = DAY_MONTH_YEAR.search(stripped) or MONTH_DAY_YEAR.search(stripped)
    if match is None:
        return None
    # The date must be most of the line, not a passing mention in a sentence.
    rest = (stripped[: match.start()] + stripped[match.end() :]).strip(" ,.-|:")
    rest = re.sub(r"(?i)\b(\d{1,2}[:.]\d{2}\s*(am|pm)?|published|posted|on)\b", "", rest)
    rest = re.sub(rf"(?i)\b({'|'.join(WEEKDAYS)})\b", "", rest).strip(" ,.-|:")
    if rest:
        return None
    return _parse_written(match.group(0))


def find_dateline(lines: list[str]) -> tuple[int, PubDate] | None:
    """Find a dateline among a document's first lines: its line number and date."""
    for number, line in enumerate(lines[:_DATELINE_SCAN_LINES]):
        stripped = line.strip()
        if not stripped or _UPDATED.match(stripped):
            continue
        stamp = _stamp(stripped)
        if len(stamp.split()) > _DATELINE_MAX_WORDS:
            continue
        parsed = _dateline_date(stamp)
        if parsed is not None:
            return number, parsed
    return None
