"""Names typed in lower case: a word the documents write capitalised wherever it stands
inside a sentence is read as the name it is ("lina marsh" for "Lina Marsh")."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.cased import written_as_name

from ..documents import article, engine_over

DOCUMENTS = {
    "2021-new-chief.md": article(
        "Gelston Fire Authority names its next chief",
        "2021-06-01",
        "Gelston Fire Authority has named Dr Lina Marsh, currently deputy chief fire officer at "
        "Tarnholme Fire and Rescue Service, as its next chief fire officer. She starts in October.\n\n"
        "The authority said the trust placed in it by residents depended on fast responses. The "
        "Gelston board thanked Trust Manager Omar Reed for his work on the recruitment.",
    ),
    "2022-review.md": article(
        "Gelston fire service a year on",
        "2022-10-01",
        "A year after Dr Marsh took over, response times across Gelston have improved, and the "
        "trust of residents is high. The marsh roads in the east remain the slowest to reach.",
    ),
}


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("lina", True),  # always "Lina"
        ("gelston", True),
        ("marsh", False),  # "Marsh", but "the marsh roads" too
        ("trust", False),  # "Trust Manager" once, "the trust" more often
        ("the", False),
        ("stanholt", False),  # never written
    ],
)
def test_a_word_is_a_name_when_the_documents_always_capitalise_it(
    tmp_path: Path, word: str, name: bool
) -> None:
    assert written_as_name(engine_over(tmp_path, DOCUMENTS).index, word) is name


def test_a_person_named_in_lower_case_is_read_as_that_person(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, DOCUMENTS)
    query, _ = engine.analyse("where was lina marsh working b4 she joined gelston")
    assert {"lina", "gelston"} <= set(query.names)
    answer = engine.ask("where was lina marsh working b4 she joined gelston")
    assert answer.short is not None and "Tarnholme Fire and Rescue Service" in answer.short


def test_a_question_capitalising_names_is_read_as_typed(tmp_path: Path) -> None:
    query, _ = engine_over(tmp_path, DOCUMENTS).analyse("Where was lina Marsh working before?")
    assert "lina" not in query.names
