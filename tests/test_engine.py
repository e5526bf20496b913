"""`Engine`'s own checks of a question before it is asked (the whole question path, whatever
text a user sends, is tested in tests/cli/test_any_question_is_answered_or_refused.py)."""

from __future__ import annotations

import pytest

from bot.engine import validate_question
from bot.errors import QuestionError


def test_control_characters_that_python_counts_as_space_are_refused() -> None:
    for bad in ("when\x1cwill", "when\x85will", "when\u2028will"):
        with pytest.raises(QuestionError, match="control"):
            validate_question(bad)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("\ufeffwhen will the trust go live?", "when will the trust go live?"),  # a byte-order mark
        ("\u202ewhen will it\u200b open?", "when will it open?"),  # a direction override, a zero-width space
        ("𝔴𝔥𝔢𝔫 will it open?", "when will it open?"),  # letters styled as mathematical ones
        ("ｗｈｅｎ will it open?", "when will it open?"),  # full-width letters
    ],
)
def test_invisible_marks_and_styled_letters_are_read_as_the_plain_question(typed: str, read: str) -> None:
    assert validate_question(typed) == read


def test_a_question_of_invisible_marks_only_is_empty() -> None:
    with pytest.raises(QuestionError, match="empty"):
        validate_question("\ufeff\u200b")
