"""A place that "welcomed the public" or "welcomed its first patients" opened: the words
news uses for an opening answer "when did it open?"."""

from __future__ import annotations

from pathlib import Path

from ..documents import article, engine_over

DOCUMENTS = {
    "2018-bust.md": article(
        "Gallery builder collapses",
        "2018-11-02",
        "Orvell Construction, which began work on the Kelby Wing behind the Town Museum in March, "
        "called in administrators last month, leaving the site fenced off.",
    ),
    "2021-open.md": article(
        "Kelby Wing at last",
        "2021-07-20",
        "After a builder's collapse, a pandemic and three revised dates, the Kelby Wing finally "
        "welcomed the public on Saturday 17 July.",
    ),
}


def test_welcoming_the_public_answers_when_a_place_opened(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, DOCUMENTS).ask("wen did the kelby wing actualy open")
    assert "welcomed the public" in answer.results[0].passage
    assert answer.short == "17 July 2021"
