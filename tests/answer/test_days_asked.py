""" "On what date ...?" asks a day: the comparable answer giving the day leads a newer one
that gives only the month, or recalls the month in passing."""

from __future__ import annotations

from pathlib import Path

from ..documents import article, engine_over

DOCUMENTS = {
    "2016-handover.md": article(
        "Kelby pools pass to leisure trust",
        "2016-04-08",
        "Kelby's four swimming pools passed from the council to Kelby Leisure last week.\n\n"
        "The handover of the pools to Kelby Leisure, which took effect on 1 April, ends forty years "
        "of council management.",
    ),
    "2019-funding.md": article(
        "Council agrees Kelby Leisure funding",
        "2019-07-10",
        "The council agreed a new three-year grant for Kelby Leisure, which has run the pools on "
        "the council's behalf since April 2016.",
    ),
}


def test_on_what_date_is_answered_by_the_day(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, DOCUMENTS).ask("On what date did Kelby Leisure take over the pools?")
    assert answer.short == "1 April 2016"


def test_when_is_answered_by_the_newest_report_as_before(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, DOCUMENTS).ask("When did Kelby Leisure take over the pools?")
    assert answer.short is not None and "April 2016" in answer.short
