"""A past question that names a point in time is asked as of then."""

from __future__ import annotations

import pytest

from bot.answer.asked_time import implied_cutoff


@pytest.mark.parametrize(
    ("question", "kind", "cutoff"),
    [
        ("Who was the chief executive in 2014?", "person", "2014-12-31"),
        ("who was running the service back in March 2016", "person", "2016-03-31"),
        ("What was the estimated cost at the end of 2018?", "amount", "2018-12-31"),
        ("What was the estimated cost at the start of 2019?", "amount", "2019-01-01"),
        ("Who was in charge in mid 2020?", "person", "2020-06-30"),
        ("What was the budget as of June 2017?", "amount", "2017-06-30"),
    ],
)
def test_a_named_point_in_time_is_the_cut_off(question: str, kind: str, cutoff: str) -> None:
    found = implied_cutoff(question, kind)
    assert found is not None and found.iso() == cutoff


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many home visits were made in 2018?", "count"),  # a year's total, reported later
        ("Who is the chief executive in 2024?", "person"),  # not the past tense
        ("Who was still in charge in 2019?", "person"),  # "still" asks about now
        ("How did the cost change from 2015 to 2018?", "count"),  # no single time
        ("Who was the first chief executive?", "person"),  # no time at all
        ("Why was it delayed in 2016?", None),  # a why question's year is when it happened
    ],
)
def test_no_cut_off_is_implied(question: str, kind: str | None) -> None:
    assert implied_cutoff(question, kind) is None
