"""A question asking where a person went on leaving: not the post they held, but the one
they left for ("is leaving to become director of ..."), told short as that post."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.query import parse_query
from bot.answer.spans import destination
from bot.text.tokens import tokenize

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


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        (
            "Mr Reed, who had led the trust since 2016, is now chief executive of Tarnholme Homes.",
            "chief executive of Tarnholme Homes",
        ),
        ("Lina Marsh is now chair of Gelston Rowing Club.", None),  # not the person asked about
    ],
)
def test_the_post_elsewhere_a_named_person_now_holds_is_where_they_went(
    sentence: str, said: str | None
) -> None:
    assert destination(sentence, frozenset(tokenize("Omar Reed"))) == said


GONE = {
    "2018-head.md": article(
        "Wexby Homes names its new boss",
        "2018-02-01",
        "Omar Reed has been appointed chief executive of Wexby Homes, which owns 6,000 homes.",
    ),
    "2024-head-leaves.md": article(
        "Wexby Homes promotes its finance director",
        "2024-03-05",
        "Wexby Homes has promoted its finance director to chief executive, after Omar Reed left to "
        "run one of the largest landlords in the north.\n\n"
        "Lina Marsh took up the post on 1 March. Mr Reed, who had been in charge since 2018, is now "
        "group chief executive of Holmbrae Housing Group, which has 30,000 homes.",
    ),
}


def test_a_named_body_gone_to_answers_before_a_description_of_it(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, GONE).ask("Which organisation did Omar Reed leave Wexby Homes to run?")
    assert answer.short is not None and "Holmbrae Housing Group" in answer.short
