"""A body's own report calls it by a common noun ("the council's chief executive"): its
publisher says which body that is, when the question asks of that kind of body."""

from __future__ import annotations

from pathlib import Path

from ..documents import article, engine_over

DOCUMENTS = {
    "review.md": article(
        "Waste company annual shareholder review",
        "2020-12-03",
        "Democratic Services | Kelby Borough Council | 3 December 2020\n\n"
        "The committee reviewed the company's year and its plans for a new depot.\n\n"
        "Collections reached 121,000 households, and missed collections fell again.\n\n"
        "The recycling rate rose to 47 per cent, helped by a campaign against contamination.\n\n"
        "Garden waste permits will cost £49 next year, up from £46.\n\n"
        "Jo Bell, the council's chief executive, advised members that the loan would be repaid "
        "from savings once the depot opens.\n",
        source="Kelby Borough Council, Companies Committee",
    ),
    "news.md": article(
        "Depot fire costs waste firm £2m",
        "2019-07-17",
        "Omar Reed, the waste company's managing director, said the fire had cost the firm £2m.\n",
        source="Stanholt Times",
    ),
}


def test_the_publishers_own_officer_answers_a_question_about_the_publisher(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, DOCUMENTS).ask("Who is the chief executive of Kelby Council?")
    assert not answer.abstained, answer.reason
    assert answer.short == "Jo Bell"


def test_a_question_about_a_publication_is_not_answered_by_what_it_published(tmp_path: Path) -> None:
    # The newspaper names no "the times" in its story: its name is no subject of its passages.
    answer = engine_over(tmp_path, DOCUMENTS).ask("How much does a Stanholt Times subscription cost?")
    assert answer.abstained
