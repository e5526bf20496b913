"""Publication dates: `--as-of` values, front-matter and metadata dates with the precision
they state, and the dateline at the top of an article."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.errors import DateError
from bot.text.dates import PubDate, find_dateline, is_date_only_line, parse_as_of, parse_published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017", PubDate(dt.date(2017, 1, 1), "year")),
        ("2019-03", PubDate(dt.date(2019, 3, 1), "month")),
        ("2019-03-14", PubDate(dt.date(2019, 3, 14), "day")),
        ("2019-3-4", PubDate(dt.date(2019, 3, 4), "day")),
        ("  2020-11  ", PubDate(dt.date(2020, 11, 1), "month")),
    ],
)
def test_parse_as_of_formats(text: str, expected: PubDate) -> None:
    assert parse_as_of(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("14/03/2019", "YYYY"),
        ("March 2019", "YYYY"),
        ("", "YYYY"),
        ("yesterday", "YYYY"),
        ("2019-13", "not a real date"),
        ("2019-02-30", "not a real date"),
    ],
)
def test_parse_as_of_errors(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_as_of(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017", PubDate(dt.date(2017, 1, 1), "year")),
        (2017, PubDate(dt.date(2017, 1, 1), "year")),
        ("2015-12", PubDate(dt.date(2015, 12, 1), "month")),
        ("2015-12-08", PubDate(dt.date(2015, 12, 8), "day")),
        (dt.date(2015, 12, 8), PubDate(dt.date(2015, 12, 8), "day")),
        (dt.datetime(2015, 12, 8, 10, 50), PubDate(dt.date(2015, 12, 8), "day")),
        ("08 December 2015", PubDate(dt.date(2015, 12, 8), "day")),
        ("Tuesday, 4th October 2016", PubDate(dt.date(2016, 10, 4), "day")),
        ("December 2015", PubDate(dt.date(2015, 12, 1), "month")),
    ],
)
def test_parse_published_keeps_the_precision_it_states(value: object, expected: PubDate) -> None:
    assert parse_published(value) == expected


def test_parse_published_marks_inferred_dates() -> None:
    date = parse_published("2019-11", inferred=True)
    assert date == PubDate(dt.date(2019, 11, 1), "month", inferred=True)
    assert date.human() == "c. November 2019"
    assert date.iso() == "2019-11"


@pytest.mark.parametrize("value", ["", "   ", None, "not a date at all", 99, 3.5, ["2019"]])
def test_parse_published_errors(value: object) -> None:
    with pytest.raises(DateError):
        parse_published(value)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Tuesday, 4th October 2016, 10:50 am", "", "Text."], (0, PubDate(dt.date(2016, 10, 4), "day"))),
        (["08 December 2015", "", "A new trust..."], (0, PubDate(dt.date(2015, 12, 8), "day"))),
        (["Headline", "", "Published: 14 March 2019"], (2, PubDate(dt.date(2019, 3, 14), "day"))),
        (["December 8, 2015"], (0, PubDate(dt.date(2015, 12, 8), "day"))),
        # A byline before the date: reporter, paper, date; the date in figures is day first.
        (
            ["Headline", "", "Tom Vale, Transport Reporter | Kelby Gazette | 14/05/2013"],
            (2, PubDate(dt.date(2013, 5, 14), "day")),
        ),
        (
            ["Ruth Lane, Business Editor | The Vale Examiner | Wednesday 3 April 2019"],
            (0, PubDate(dt.date(2019, 4, 3), "day")),
        ),
        (["By Sam Smith, Echo reporter | Thursday 19 May 2016"], (0, PubDate(dt.date(2016, 5, 19), "day"))),
        # An "Updated ..." stamp is not the first publication.
        (
            ["Updated Wednesday, 5th October 2016, 2:20 pm", "Tuesday, 4th October 2016, 10:50 am"],
            (1, PubDate(dt.date(2016, 10, 4), "day")),
        ),
    ],
)
def test_find_dateline(lines: list[str], expected: tuple[int, PubDate]) -> None:
    assert find_dateline(lines) == expected


@pytest.mark.parametrize(
    "lines",
    [
        ["The council met on 4 October 2016 to agree its budget."],
        ["Ofsted inspected on 4 October 2016."],
        ["Updated Wednesday, 5th October 2016, 2:20 pm"],
        ["Fares rose by 10% | a record | 3 May 2016 was the busiest day"],
        ["Tom Vale, Transport Reporter | Kelby Gazette | 31/02/2013"],  # no such day
        ["Headline", *[f"Paragraph {n}." for n in range(8)], "14 March 2019"],  # too far down
        [],
    ],
)
def test_find_dateline_rejects_what_is_not_a_dateline(lines: list[str]) -> None:
    assert find_dateline(lines) is None


def test_is_date_only_line() -> None:
    assert is_date_only_line("Updated Wednesday, 5th October 2016, 2:20 pm")
    assert is_date_only_line("08 December 2015")
    assert not is_date_only_line("The council met on 4 October 2016 to agree its budget.")
    assert not is_date_only_line("")


def test_parse_published_refuses_a_relative_date() -> None:
    with pytest.raises(DateError):
        parse_published("yesterday")
