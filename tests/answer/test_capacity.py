"""A question asking how many a place holds when full is answered by its places ("1,050
places", "a capacity of 900"), however the question names who fills them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.question import ASKS_CAPACITY

from ..documents import article, engine_over


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("how many kids can the school take wen its full", True),
        ("How many pupils will Kelby Academy hold once it is full?", True),
        ("how many ppl can u fit on the ferry", True),
        ("How many pupils does Kelby Academy have?", False),
        ("How many homes will be built?", False),
    ],
)
def test_a_question_asking_what_a_place_holds_is_read_as_such(question: str, asks: bool) -> None:
    assert bool(ASKS_CAPACITY.match(question)) is asks


def test_how_many_a_school_takes_when_full_is_its_places(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2023.md": article(
                "Kelby Academy grows",
                "2023-10-02",
                "Kelby Academy now teaches Years 7 and 8. The school has 1,050 places when full, "
                "and its sixth form will open in 2027.",
            ),
        },
    )
    answer = engine.ask("how many kids can kelby academy take wen its full")
    assert not answer.abstained
    assert answer.short is not None and "1,050" in answer.short


def test_what_a_school_will_hold_leads_a_newer_count_of_its_pupils(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2019.md": article(
                "Stanholt Academy approved",
                "2019-03-14",
                "The council has approved Stanholt Academy, a new 1,200-place secondary school.",
            ),
            "2023.md": article(
                "Stanholt Academy opens",
                "2023-09-06",
                "Stanholt Academy opened this week with 240 pupils in Year 7.",
            ),
        },
    )
    answer = engine.ask("How many pupils will Stanholt Academy hold once it is full?")
    assert answer.short is not None and answer.short.startswith("1,200")
    assert engine.ask("How many pupils does Stanholt Academy have?").short == "240 pupils"


def test_how_many_a_boat_seats_is_how_many_it_fits(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2021.md": article(
                "Canal trust buys a trip boat",
                "2021-02-09",
                "The trust has bought the Wexby Lass, a 36-seat trip boat.\n\n"
                "Trips on the Wexby Lass: 4, 5, 11 and 12 April.",
            ),
        },
    )
    assert engine.ask("how many ppl can u fit on the wexby lass").short == "36"
