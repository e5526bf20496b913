"""A question asking what money is for ("What was the rise meant to pay for?"): answered by
the sentence saying where it goes ("would go towards ..."), in the year asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.question import purpose_asked
from bot.answer.spans import purpose

from ..documents import article, engine_over


@pytest.mark.parametrize(
    ("question", "money"),
    [
        ("What was the 2019 rise in parking charges meant to pay for?", "the 2019 rise in parking charges"),
        ("What will the extra income go towards?", "the extra income"),
        ("What is the grant for?", "the grant"),
        ("What is the trust responsible for?", None),  # no money asked about
        ("What did the council pay for the site?", None),  # a sum, not a purpose
    ],
)
def test_a_question_asking_what_money_is_for(question: str, money: str | None) -> None:
    assert purpose_asked(question) == money


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        (
            "The council said the extra income would go towards resurfacing the Wexby Road car park.",
            "resurfacing the Wexby Road car park",
        ),
        ("The increase will fund two more rangers, the trust said.", "two more rangers"),
        ("To pay for it, each school's share rises to 5%.", None),
    ],
)
def test_what_a_sentence_says_money_is_for(sentence: str, said: str | None) -> None:
    assert purpose(sentence) == said


DOCUMENTS = {
    "2019-parking.md": article(
        "Kelby parking charges to rise",
        "2019-02-11",
        "Parking at Kelby Wharf will cost £2 an hour from April, up from £1.50.\n\n"
        "The council said the extra income would go towards resurfacing the Wexby Road car park.",
    ),
    "2023-parking.md": article(
        "Kelby Wharf parking goes up again",
        "2023-02-09",
        "Parking at Kelby Wharf will rise to £3 an hour in April. Councillors agreed the charge "
        "after a short debate; the car park has 240 spaces and is full most weekends.",
    ),
}


def test_what_a_rise_was_meant_to_pay_for_is_the_sentence_saying_where_it_goes(tmp_path: Path) -> None:
    question = "What was the 2019 rise in parking charges meant to pay for?"
    answer = engine_over(tmp_path, DOCUMENTS).ask(question)
    assert answer.short == "resurfacing the Wexby Road car park"
