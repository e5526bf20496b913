"""How much each word of a question weighs in what a passage covers."""

from __future__ import annotations

from pathlib import Path

from bot.answer import parse_query
from bot.answer.asked import term_weights
from bot.text.tokens import stem

from ..documents import article, engine_over


def test_one_thing_said_twice_in_a_question_is_weighed_once(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2019-rating.md": article(
                "Ferry service rated", "2019-05-02", "Inspectors rated the Kelby ferry service good in May."
            ),
            "2021-inspection.md": article(
                "Ferry inspection due", "2021-03-09", "The next inspection of the ferry will be in June."
            ),
        },
    )
    index = engine.index
    query = parse_query(
        "What grade did the inspectors give the ferry at the inspection?", index.vocabulary, index.known_terms
    )
    weights = term_weights(index, query)
    # "inspectors" and "inspection" are one word family: a passage saying either covers it.
    assert (stem("inspectors") in weights) != (stem("inspection") in weights)
    assert stem("ferry") in weights and stem("grade") in weights
