"""What someone said is answered only where they speak, not where they are named."""

from __future__ import annotations

from pathlib import Path

from ..documents import article, engine_over

_SAYINGS = {
    "2021-plan.md": article(
        "Pool plan backed",
        "2021-04-01",
        "Sam Hale said the pool plan was sound and would be built by 2023.\n\n"
        "The pool plan's consultant, Jo Bell, was once an adviser to former minister Ann Kerr.",
    ),
    "2022-plan.md": article("Pool plan costs", "2022-04-01", "The pool plan will cost £4m."),
}


def test_what_someone_said_is_answered_where_they_speak(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, _SAYINGS).ask("What did Sam Hale say about the pool plan?")
    assert not answer.abstained, answer.reason


def test_what_someone_only_named_said_is_not_known(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, _SAYINGS).ask("What did Ann Kerr say about the pool plan?")
    assert answer.abstained
    assert answer.reason == "no passage says what Ann Kerr said"
