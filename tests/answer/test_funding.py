"""A question asking how something is paid for ("How will the hospice pay for the
overspend?", "Where is the money for the new stations coming from?"): a sentence saying
what pays ("met from reserves") answers, the newest, or the first told when the question
asks what was meant at first; its short answer is what pays."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.question import expected_answer, funding_asked
from bot.answer.spans import funding

from ..documents import article, engine_over


@pytest.mark.parametrize(
    ("question", "paid"),
    [
        ("How will the hospice pay for the overspend?", "the overspend"),
        ("How did the board originally intend to pay for the new berth?", "the new berth"),
        ("How did the college plan to fund the new wing when it was first announced?", "the new wing"),
        ("How is the £2m fine to be paid?", "the £2m fine"),
        ("How is the new footbridge being paid for?", "the new footbridge"),
        ("Where is the money for the Wexby stations coming from?", "the Wexby stations"),
        ("where's the money coming from", ""),
        ("How much did the council pay for the site?", None),  # a sum
        ("How do I pay for parking?", None),  # an errand
        ("How did the trust describe the grant?", None),
    ],
)
def test_a_question_asks_how_something_is_paid_for(question: str, paid: str | None) -> None:
    assert funding_asked(question) == paid


def test_where_the_money_comes_from_asks_no_place() -> None:
    assert expected_answer("Where is the money for the Wexby stations coming from?") is None
    assert expected_answer("Where is the Wexby station?") == "place"


@pytest.mark.parametrize(
    ("sentence", "paying"),
    [
        (
            "He expects it to be paid for from the port's reserves, a bank loan and a lottery bid, and said "
            "no money would be sought from users.",
            "the port's reserves, a bank loan and a lottery bid",
        ),
        ("The £2m penalty must be met by the company's shareholders.", "the company's shareholders"),
        (
            "The balance is expected to come from the council and a public appeal.",
            "the council and a public appeal",
        ),
        (
            "It moved to the new campus, paying for the move by selling the old site for housing.",
            "selling the old site for housing",
        ),
        (
            "The extra cost will be met from reserves and the appeal, which has raised £5.9m so far.",
            "reserves and the appeal",
        ),
        ("Of the first intake, 51 come from the north of England.", None),  # students, not money
        ("The footbridge opened on Friday.", None),
    ],
)
def test_what_pays_is_read_off_the_sentence(sentence: str, paying: str | None) -> None:
    assert funding(sentence) == paying


_BERTH = {
    "2014-plan.md": article(
        "Stanholt harbour plans a new berth",
        "2014-05-13",
        "Stanholt harbour board has unveiled plans for a deep-water berth costing £9m.\n\n"
        "The chief executive said the berth would be paid for from the harbour's reserves and a bank "
        "loan.\n",
    ),
    "2019-rise.md": article(
        "Stanholt berth bill rises",
        "2019-02-11",
        "The cost of the Stanholt deep-water berth has risen to £12m after piling struck hard rock. "
        "The rise will be met from a further loan of £1.8m and from a government grant.\n",
    ),
}


def test_the_newest_sentence_saying_what_pays_answers(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, _BERTH).ask("How is the Stanholt berth being paid for?")
    assert answer.results[0].citation.doc_id == "2019-rise"
    assert answer.short == "a further loan of £1.8m and from a government grant"


def test_what_was_meant_to_pay_at_first_is_the_first_told(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, _BERTH).ask(
        "How did the board originally intend to pay for the Stanholt berth?"
    )
    assert answer.results[0].citation.doc_id == "2014-plan"
    assert answer.short == "the harbour's reserves and a bank loan"
