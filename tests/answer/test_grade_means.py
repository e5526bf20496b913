"""A question asking how a grade was won ("How did the co-op get its Silver rating back?"):
what the assessors credited ("The assessors noted that every survey is now done by our
own surveyors") answers, in the passage reporting the grade or just after it, and is the
short answer. Asking why a grade was lost, what they found, in a passage telling the loss
as news."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.question import ASKS_GRADE_LOST, ASKS_GRADE_MEANS
from bot.answer.spans import credited

from ..documents import article, engine_over


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("How did the co-op manage to get its Silver rating back?", True),
        ("How did Kelby School get to a good rating?", True),
        ("How did the service get its inspection grade up to good?", True),
        ("How did Wexby win back its Band A rating in 2024?", True),
        ("How did the co-op describe its rating?", False),  # no winning
        ("How did the co-op pay for the turbine?", False),  # no grade
        ("Why did the co-op get its rating back?", False),  # a cause, asked as why
    ],
)
def test_a_question_asks_how_a_grade_was_won(question: str, asks: bool) -> None:
    assert bool(ASKS_GRADE_MEANS.match(question)) is asks


@pytest.mark.parametrize(
    ("sentence", "credit"),
    [
        (
            "Inspectors praised the plant's thermal-imaging cameras, which scan the hall for hot spots.",
            "the plant's thermal-imaging cameras, which scan the hall for hot spots",
        ),
        ("The report highlights a reading-first timetable.", "a reading-first timetable"),
        (
            "The assessors noted that every survey is now done by our own surveyors.",
            "every survey is now done by our own surveyors",
        ),
        # What inspectors said before the grade was won is no credit for it.
        ("It is now rated good, a year after inspectors said it required improvement.", None),
        (
            "It was downgraded to Bronze last autumn, after assessors criticised out-of-date displays.",
            "out-of-date displays",
        ),
        ("The school opened in 2015.", None),
    ],
)
def test_what_assessors_credited_is_read_off_the_sentence(sentence: str, credit: str | None) -> None:
    assert credited(sentence) == credit


def test_what_the_assessors_credited_after_the_grade_answers(tmp_path: Path) -> None:
    documents = {
        "2021-down.md": article(
            "Holmbrae Energy loses Silver",
            "2021-03-10",
            "Holmbrae Energy has been downgraded to Bronze after complaints about damp insulation work.\n",
        ),
        "2023-back.md": article(
            "Holmbrae Energy annual review",
            "2023-07-01",
            "In March the standards council restored our Silver rating, two years after we were "
            "downgraded to Bronze.\n\n"
            "The assessors noted that every insulation survey is now done by our own surveyors.\n\n"
            "We will aim for Gold at the next review.\n",
        ),
    }
    answer = engine_over(tmp_path, documents).ask(
        "How did Holmbrae Energy manage to get its Silver rating back?"
    )
    assert "done by our own surveyors" in answer.results[0].passage
    assert answer.short == "every insulation survey is now done by our own surveyors"


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Why did the standards council take the co-op's Gold rating away?", True),
        ("What led to the Wexby museum losing its Silver grade?", True),
        ("Why was the authority marked down by the agency in 2021?", True),
        ("Why did the co-op move its office?", False),
    ],
)
def test_a_question_asks_why_a_grade_was_lost(question: str, asks: bool) -> None:
    assert bool(ASKS_GRADE_LOST.match(question)) is asks


def test_what_the_assessors_found_in_the_report_of_the_loss_answers_why(tmp_path: Path) -> None:
    documents = {
        "2021-down.md": article(
            "Holmbrae Energy loses Gold",
            "2021-03-10",
            "The standards council downgraded Holmbrae Energy to Bronze in February. Holmbrae had held Gold "
            "since 2018.\n\n"
            "Assessors found that the co-op could not show it had checked the work of its installers.\n",
        ),
        "2023-back.md": article(
            "Holmbrae Energy annual review",
            "2023-07-01",
            "In March the standards council restored Holmbrae's Silver rating, two years after it was "
            "downgraded to Bronze. The council's assessors noted that every survey is now done by our own "
            "surveyors. Holmbrae hopes to win its Gold rating back at the next review.\n",
        ),
    }
    answer = engine_over(tmp_path, documents).ask(
        "Why did the standards council take Holmbrae's Gold rating away?"
    )
    assert answer.results[0].citation.doc_id == "2021-down"
    assert "could not show it had checked" in answer.results[0].answer
