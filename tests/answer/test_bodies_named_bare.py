"""A question naming a body bare ("When did Orvell go bust?") names "Orvell Construction":
the date beside it is that body's, not another's."""

from __future__ import annotations

import pytest

from bot.answer.asked import Asked
from bot.answer.posts import attributed_elsewhere
from bot.answer.query import parse_query
from bot.answer.spans import find_answer_spans

SENTENCE = (
    "The main contractor for the Kelby Gateway Centre at Wexby, Orvell Construction, went into "
    "administration in March 2017, leaving the building unfinished."
)


def _asked(question: str) -> Asked:
    query = parse_query(question, frozenset(), frozenset())
    return Asked(query, {}, 0.0, {}, frozenset(), lambda term: False)


@pytest.mark.parametrize(
    ("question", "elsewhere"),
    [
        ("wen did orvell go bust", False),
        ("When did Orvell go into administration?", False),
        ("When did Orvell Council go into administration?", True),
        ("When did Stanholt go into administration?", True),
    ],
)
def test_a_body_the_question_names_bare_is_the_questions(question: str, elsewhere: bool) -> None:
    asked = _asked(question)
    (span,) = find_answer_spans(SENTENCE, "date", asked.query.corrected)
    assert attributed_elsewhere(SENTENCE, span, asked) is elsewhere
