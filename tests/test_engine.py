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
