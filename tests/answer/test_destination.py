"""A question asking where a person went on leaving: not the post they held, but the one
they left for ("is leaving to become director of ..."), told short as that post."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.query import parse_query
from bot.answer.spans import destination

from ..documents import article, engine_over


@pytest.mark.parametrize(
    ("question", "going", "before"),
    [
        ("What job did Jo Bell leave Kelby Trust to take up?", True, False),
        ("Which firm did Omar Reed leave the council for?", True, False),
        ("Where did Lina Marsh go when she left?", True, False),
        ("Which job did Jo Bell leave to join Kelby Trust?", False, True),
        ("What job did Jo Bell have before?", False, True),
    ],
)
def test_a_question_asking_where_someone_went_is_not_one_asking_what_they_left(
    question: str, going: bool, before: bool
) -> None:
    query = parse_query(question, frozenset(), frozenset())
    assert (query.destination, query.asks_before) == (going, before)


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        (
            "Ms Bell is leaving to become director of environment at Orvell County Council.",
            "director of environment at Orvell County Council",
        ),
        (
            "He left to run one of the largest landlords in the north, the board said.",
            "one of the largest landlords in the north",
        ),
        ("She announced she was leaving for a post in Scotland.", "a post in Scotland"),
        ("She joined the trust in 2015.", None),
    ],
)
def test_where_someone_went_is_the_phrase_after_leaving_to(sentence: str, said: str | None) -> None:
    assert destination(sentence) == said


DOCUMENTS = {
    "2019-new-head.md": article(
        "Kelby Trust appoints Jo Bell",
        "2019-01-10",
        "Kelby Trust has appointed Jo Bell as its chief executive. Ms Bell was previously deputy "
        "director of leisure at Stanholt Council.",
    ),
    "2023-head-leaves.md": article(
        "Kelby Trust chief executive to step down",
        "2023-05-02",
        "Jo Bell has led Kelby Trust through the pandemic and the reopening of its pools.\n\n"
        "Ms Bell is leaving to become director of culture at Orvell County Council. Her deputy, "
        "Omar Reed, will act as chief executive until a successor is found.",
    ),
}


def test_the_post_someone_left_for_answers_what_job_they_left_to_take_up(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, DOCUMENTS).ask("What job did Jo Bell leave Kelby Trust to take up?")
    assert "leaving to become" in answer.results[0].passage
    assert answer.short == "director of culture at Orvell County Council"
