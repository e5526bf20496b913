"""A question asking what became of something ("what's happening to the old library?"):
the newest sentence saying it ("which closed last month and will be sold") answers, and
its short answer is what became of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.question import fate_asked
from bot.answer.spans import fate

from ..documents import article, engine_over


@pytest.mark.parametrize(
    ("question", "what"),
    [
        ("what is happening to the old kelby library building", "the old kelby library building"),
        ("what happened to the first lot of builders", "the first lot of builders"),
        ("What is planned for the old Wexby Road depot?", "the old Wexby Road depot"),
        ("What happens to services before the trust is fully ready?", "services"),
        ("What happened next?", None),
        ("What is the plan?", None),
    ],
)
def test_a_question_asks_what_became_of_something(question: str, what: str | None) -> None:
    assert fate_asked(question) == what


@pytest.mark.parametrize(
    ("sentence", "became"),
    [
        (
            "The library replaces the old building on Castle Hill, which closed last month and will be sold.",
            "closed last month and will be sold",
        ),
        (
            "Orvell Construction went into administration in March, leaving the site fenced off.",
            "went into administration in March",
        ),
        ("The old house is to be sold to a housing association.", "is to be sold to a housing association"),
        ("The old library will stay open until the new one is ready.", None),
    ],
)
def test_what_became_of_it_is_read_off_the_sentence(sentence: str, became: str | None) -> None:
    assert fate(sentence) == became


def test_the_newest_sentence_saying_what_became_of_it_answers(tmp_path: Path) -> None:
    documents = {
        "2019-quote.md": article(
            "Kelby library delayed",
            "2019-05-02",
            '"The old Castle Hill library building will stay open until the new one is ready, so '
            'nobody loses their library in the meantime," the council leader said.',
        ),
        "2022-open.md": article(
            "New Kelby library opens",
            "2022-09-05",
            "The £11m centre replaces the 1964 building on Castle Hill, which closed last month and "
            "will be sold.",
        ),
    }
    answer = engine_over(tmp_path, documents).ask("whats happenin to the old castle hill library bldg")
    assert "will be sold" in answer.results[0].passage
    assert answer.short is not None and "will be sold" in answer.short
