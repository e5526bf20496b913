"""Yes-or-no questions about a grade ("Is it still rated good?"): the grade the question
names is the value in question, so the answer is the newest grade and the timeline the
grades given before it, the named one among them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.query import grade_terms
from bot.engine import Engine
from bot.text.tokens import tokenize

from ..documents import article, engine_over


@pytest.fixture
def lido(tmp_path: Path) -> Engine:
    """Stanholt Lido graded "good", then "needs attention", then "fair", then "good" again;
    the third document's headline, its first line, calls a grade grim without giving one."""
    return engine_over(
        tmp_path,
        {
            "2016-lido.md": article(
                "Stanholt Lido passes inspection",
                "2016-04-02",
                'Inspectors from the Leisure Standards Board rated Stanholt Lido "good" in March.\n',
            ),
            "2019-lido.md": article(
                "Stanholt Lido marked down",
                "2019-06-11",
                'Stanholt Lido has been downgraded to "needs attention" by the Leisure Standards '
                "Board after an inspection in May found broken changing-room locks.\n",
            ),
            "2022-lido.md": article(
                "Stanholt Lido leaves grim Board rating behind",
                "2022-09-20",
                "Stanholt Lido leaves grim Board rating behind\n\n"
                'Stanholt Lido was re-rated "fair" by the Leisure Standards Board in August, after the '
                "locks were replaced and two more lifeguards were taken on.\n",
            ),
            "2024-lido.md": article(
                "Stanholt Lido back to its best",
                "2024-07-03",
                'Stanholt Lido was rated "good" again by the Leisure Standards Board in June.\n',
            ),
        },
    )


@pytest.mark.parametrize(
    "question",
    [
        "Is Stanholt Lido still rated needs attention?",
        "Did the 'needs attention' grade from May 2019 stick at Stanholt Lido?",
        "is stanholt lido still needs attention",
    ],
)
def test_a_question_naming_a_grade_gets_the_newest_and_the_earlier_grades(
    lido: Engine, question: str
) -> None:
    answer = lido.ask(question)
    assert answer.short is not None and answer.short.startswith("no")
    assert "good" in answer.short
    assert [e.said for e in answer.earlier] == ["fair", "needs attention", "good"]


def test_a_headline_summing_up_is_not_its_documents_earlier_grade(lido: Engine) -> None:
    # "grim Board rating" reads as a grade "Board"; the body says the grade.
    answer = lido.ask("Is Stanholt Lido still rated fair?")
    assert answer.short == "no — good"
    assert answer.earlier[0].said == "fair"


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("Is Stanholt Lido still rated good?", "yes — good"),
        ("Was Stanholt Lido rated needs attention in 2019?", "yes — needs attention"),
    ],
)
def test_a_grade_that_holds_is_answered_yes(lido: Engine, question: str, short: str) -> None:
    as_of = "2019-12-31" if "2019" in question else None
    assert lido.ask(question, as_of=as_of).short == short


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Is the lido still rated good?", {"good"}),
        ("Did the 'needs attention' grade from May 2019 stick?", {"needs", "attention", "may", "2019"}),
        ("Is the lido still open in May 2019?", set()),
        # Asked whether it was so then, not whether it lasted: the year is when to look.
        ("Was the lido rated good in 2019?", {"good"}),
    ],
)
def test_a_grade_named_and_the_time_it_was_given_are_the_value_in_question(
    question: str, named: set[str]
) -> None:
    assert grade_terms(question) == {t for w in named for t in tokenize(w)}


def test_a_grade_asked_of_a_year_with_no_rating_word_is_as_things_stood_then(lido: Engine) -> None:
    answer = lido.ask("was stanholt lido needs attention in 2019")
    assert answer.short == "yes — needs attention"
    assert answer.as_of is not None and answer.as_of.iso() == "2019-12-31"
