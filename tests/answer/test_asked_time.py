"""A past question that names a point in time is asked as of then, and the words naming
that time say when to look, not what to look for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.answer.asked_time import implied_cutoff, time_terms
from bot.text.dates import PubDate

from ..documents import engine_over


@pytest.mark.parametrize(
    ("question", "kind", "cutoff"),
    [
        ("Who was the chief executive in 2014?", "person", "2014-12-31"),
        ("who was running the service back in March 2016", "person", "2016-03-31"),
        ("What was the estimated cost at the end of 2018?", "amount", "2018-12-31"),
        ("What was the estimated cost at the start of 2019?", "amount", "2019-01-01"),
        ("Who was in charge in mid 2020?", "person", "2020-06-30"),
        ("What was the budget as of June 2017?", "amount", "2017-06-30"),
        ("Who was the chief executive in the summer of 2016?", "person", "2016-08-31"),
        ("How was the home rated in the autumn of 2019?", "rating", "2019-11-30"),
        ("Where was the fire service's head office in March 2021?", "place", "2021-03-31"),
        ("How many branch libraries did the county have in June 2021?", "count", "2021-06-30"),
        ("In July 2018, when was the quay due to open?", "date", "2018-07-31"),  # a plan stood then
        ("What was the pool expected to cost in 2019?", "amount", "2019-12-31"),
    ],
)
def test_a_named_point_in_time_is_the_cut_off(question: str, kind: str, cutoff: str) -> None:
    found = implied_cutoff(question, kind)
    assert found is not None and found.iso() == cutoff


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many home visits were made in 2018?", "count"),  # a year's total, reported later
        ("How many home visits were made in June 2018?", "count"),  # the month's, likewise
        ("Who is the chief executive in 2024?", "person"),  # not the past tense
        ("Who was still in charge in 2019?", "person"),  # "still" asks about now
        ("How did the cost change from 2015 to 2018?", "count"),  # no single time
        ("Who was the first chief executive?", "person"),  # no time at all
        ("Why was it delayed in 2016?", None),  # a why question's year is when it happened
        ("What grade did it get at its inspection in late 2024?", "rating"),  # reported after
    ],
)
def test_no_cut_off_is_implied(question: str, kind: str | None) -> None:
    assert implied_cutoff(question, kind) is None


@pytest.mark.parametrize(
    ("question", "cutoff", "terms"),
    [
        ("As of October 2018, when was the quay due to open?", "2018-10-01", {"octob", "2018"}),
        ("At the start of 2017, when was the quay due to open?", "2017-01-01", {"start", "2017"}),
        ("In mid-2016, when was the quay expected to open?", "2016-06-30", {"mid", "2016"}),
        ("What did the quay cost in the summer of 2019?", "2019-09-30", {"summer", "2019"}),
        ("Why did the 2015 quay plan fail, as of 2019?", "2019-12-31", {"2019"}),
        ("Going into 2021, what was the quay's rating?", "2021-01-01", {"2021"}),
    ],
)
def test_the_phrase_naming_the_cut_off_is_no_part_of_what_is_asked(
    question: str, cutoff: str, terms: set[str]
) -> None:
    assert time_terms(question, PubDate(dt.date.fromisoformat(cutoff), "day")) == terms


def test_an_as_of_question_is_not_answered_by_a_passage_sharing_its_date_words(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2016-quay.md": """\
---
title: Kelmouth terminal approved
published: 2016-05-02
source: Estuary Post
---
The harbour board approved the plans on Monday. Building work on the terminal should finish in \
time for it to open in spring 2018.

The harbour board will hold an open day beside the Kelmouth terminal site in October 2017.
"""
        },
    )
    answer = engine.ask("At the end of October 2017, when was the Kelmouth terminal expected to open?")
    assert answer.short == "spring 2018"
