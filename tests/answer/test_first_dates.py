"""A question asking when something first happened ("What year was it originally founded?",
"What year did it first open its doors?"): the earliest date told answers, whichever
document tells it, not a newer event beside the same words ("its first students", "its
founding dean")."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.query import parse_query

from ..documents import article, engine_over


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("What year was Kelby College originally founded?", True),
        ("What year did the hospice first open its doors?", True),
        ("When was the pool first opened?", True),
        ("When did the school take its first students?", False),  # an event, told best newest
        ("When did the first students arrive?", False),
    ],
)
def test_a_date_question_asks_when_something_first_happened(question: str, first: bool) -> None:
    known = frozenset({"kelby", "colleg", "found", "hospic", "open", "door", "pool", "school", "student"})
    assert parse_query(question, known, known).asks_first_value is first


def test_the_earliest_date_told_answers_when_it_was_founded(tmp_path: Path) -> None:
    documents = {
        "2024-school.md": article(
            "Kelby medical school opens",
            "2024-09-26",
            "Kelby College's medical school welcomed its first students on Monday, with a ribbon-cutting "
            "by the founding dean.\n",
        ),
        "2023-profile.md": article(
            "Kelby College at a glance",
            "2023-02-01",
            "Kelby College was founded in 1965 as a technical college and now teaches 9,000 students.\n",
        ),
    }
    answer = engine_over(tmp_path, documents).ask("What year was Kelby College originally founded?")
    assert answer.short == "1965"
