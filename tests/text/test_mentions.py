"""Dates mentioned in a passage, resolved against the date of its document: "next year",
"last Tuesday", "by April", a financial year, and "may" the verb."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.text.dates import PubDate, parse_as_of
from bot.text.mentions import find_date_mentions

THURSDAY = PubDate(dt.date(2019, 3, 14), "day")  # a Thursday
LATE_2019 = PubDate(dt.date(2019, 11, 1), "month")
SOME_2017 = PubDate(dt.date(2017, 1, 1), "year")


@pytest.mark.parametrize(
    ("text", "base", "mention", "resolved", "relative"),
    [
        ("It should open in July next year.", LATE_2019, "July next year", "July 2020", True),
        ("It opened in July last year.", LATE_2019, "July last year", "July 2018", True),
        ("The board meets next Tuesday.", THURSDAY, "next Tuesday", "19 March 2019", True),
        ("The board met last Tuesday.", THURSDAY, "last Tuesday", "12 March 2019", True),
        ("Ofsted judged it inadequate four years ago.", SOME_2017, "four years ago", "2013", True),
        ("It could save £9million in 2016/17.", THURSDAY, "2016/17", "2016/17", False),
        ("It opened on 8 December 2015.", THURSDAY, "8 December 2015", "8 December 2015", False),
        ("A decision is due by the end of December.", LATE_2019, "December", "December 2019", True),
        ("It will open in spring 2021.", THURSDAY, "spring 2021", "spring 2021", False),
        ("The consultation closed on 3 February.", THURSDAY, "3 February", "3 February 2019", True),
        ("The consultation runs until Friday 26 April.", THURSDAY, "26 April", "26 April 2019", True),
        ("The review reported on 20 December.", THURSDAY, "20 December", "20 December 2018", True),
        ("The depot opened its doors on Monday.", THURSDAY, "Monday", "11 March 2019", True),
        ("The depot will open on Monday.", THURSDAY, "Monday", "18 March 2019", True),
    ],
)
def test_find_date_mentions_resolves_against_the_document_date(
    text: str, base: PubDate, mention: str, resolved: str, relative: bool
) -> None:
    mentions = find_date_mentions(text, base)
    assert len(mentions) == 1, mentions
    found = mentions[0]
    assert found.text == mention
    assert text[found.start : found.end] == mention
    assert found.resolved == resolved
    assert found.relative is relative


@pytest.mark.parametrize("text", ["It has 32 May in it.", "Turn to page 3 may be", "On 3 May, 12 June 5"])
def test_no_day_and_month_without_a_real_day_or_with_a_number_after(text: str) -> None:
    assert all(m.text not in ("32 May", "12 June") for m in find_date_mentions(text, THURSDAY))


def test_a_day_of_the_week_giving_its_date_is_read_once() -> None:
    assert [m.text for m in find_date_mentions("It opened on Monday 3 June.", THURSDAY)] == ["3 June"]


def test_next_weekday_needs_a_day_precise_document_date() -> None:
    (month_only,) = find_date_mentions("The board meets next Tuesday.", PubDate(dt.date(2019, 3, 1), "month"))
    assert month_only.relative and month_only.resolved is None
    (undated,) = find_date_mentions("The board meets next Tuesday.", None)
    assert undated.relative and undated.resolved is None
    (undated_year,) = find_date_mentions("It should open in July next year.", None)
    assert undated_year.resolved is None


def test_financial_year_is_one_mention_not_a_year() -> None:
    mentions = find_date_mentions("Savings of £9million in 2016/17 and £3m in 2017.", THURSDAY)
    assert [m.text for m in mentions] == ["2016/17", "2017"]
    (hyphened,) = find_date_mentions("The 2020-21 budget was set.", THURSDAY)
    assert hyphened.text == hyphened.resolved == "2020-21"
    # A span of years, or a year and month, is no financial year.
    assert [m.text for m in find_date_mentions("The 2015-18 plan ended.", THURSDAY)] == ["2015"]


def test_lower_case_may_and_march_are_verbs() -> None:
    mentions = find_date_mentions("The council may march on in 2020; it opens in May 2021.", THURSDAY)
    assert [m.text for m in mentions] == ["2020", "May 2021"]


DEC_2016 = parse_as_of("2016-12-05")


def _resolved(text: str, base: object = DEC_2016) -> list[str | None]:
    return [m.resolved for m in find_date_mentions(text, base)]  # type: ignore[arg-type]


def test_modal_may_is_not_a_month() -> None:
    assert _resolved("The council may next year decide on the library.") == ["2017"]


def test_last_season_already_over_is_this_year() -> None:
    assert _resolved("Work started last summer.") == ["summer 2016"]
    assert _resolved("Work started last summer.", parse_as_of("2016-02-10")) == ["summer 2015"]


def test_by_a_month_already_past_means_next_year() -> None:
    assert _resolved("The pool will reopen by April.") == ["April 2017"]
    assert _resolved("Open since June.", parse_as_of("2016-05-01")) == ["June 2015"]


def test_relative_dates_at_the_calendar_edge_resolve_to_nothing() -> None:
    assert _resolved("next Friday", parse_as_of("9999-12-31")) == [None]
