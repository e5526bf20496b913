""" "Which river ...?", "Which stream ...?": a name whose first or last word is the kind
asked for, or a word for the same kind of thing ("Gelston Beck" is a stream)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..documents import article, engine_over

DOCUMENTS = {
    "2019-canal.md": article(
        "Wexby canal restoration reaches the aqueduct",
        "2019-05-02",
        "The biggest job left is the Wexby Aqueduct, which carries the canal on three arches over "
        "the River Orvell. Volunteers from the Tarnholme Canal Society have cleared the towpath.",
    ),
    "2020-hydro.md": article(
        "Kelby co-op's first hydro scheme",
        "2020-03-14",
        "The Kelby Energy Co-operative's first scheme was a small hydro turbine on Gelston Beck at "
        "Holmbrae Force, run by volunteers from the Kelby Energy Co-operative.",
    ),
}


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("Which river does the Wexby Aqueduct cross?", "River Orvell"),
        ("Which stream does the co-op's hydro turbine run on?", "Gelston Beck"),
    ],
)
def test_a_name_of_the_kind_asked_answers_which_kind(tmp_path: Path, question: str, short: str) -> None:
    assert engine_over(tmp_path, DOCUMENTS).ask(question).short == short
