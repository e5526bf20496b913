"""A question asking what a site was before: read as such, answered by the sentence that
tells it ("on the site of the former bus garage"), told short as that former use."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.question import ASKS_FORMER_USE
from bot.answer.spans import former_use

from ..documents import article, engine_over


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("What used to be on the plot where the new pool went up?", True),
        ("What was the Mill Road site used for before the council bought it?", True),
        ("What is the new fire station being built on?", True),
        ("wat used to be on the land b4 the school", True),
        ("What was there before the market hall?", True),
        ("What is the pool used for?", False),
        ("What is the new fire station being built for?", False),
        ("What was built in 2019?", False),
    ],
)
def test_a_question_asking_what_a_site_was_is_read_as_such(question: str, asks: bool) -> None:
    assert bool(ASKS_FORMER_USE.match(question)) is asks


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        (
            "The pool will go up on the site of the former bus garage on Mill Road, the council said.",
            "former bus garage",
        ),
        ("Crews cleared the old gasworks site in May.", "old gasworks"),
        ("The school is being built on disused railway sidings at Kelby.", "disused railway sidings"),
        ("The pool will go up on land that was once a gasworks.", "a gasworks"),
        ("The site, previously a car park, was sold in May.", "a car park"),
        ("The council has approved the new pool.", None),
    ],
)
def test_a_sites_former_use_is_the_phrase_after_former(sentence: str, said: str | None) -> None:
    assert former_use(sentence) == said


DOCUMENTS = {
    "2018-pool-approved.md": article(
        "Wexby pool approved",
        "2018-03-04",
        "Councillors have approved a new swimming pool for Wexby town centre on the site of the "
        "former bus garage on Mill Road. The pool will have six lanes and a learner pool.\n\n"
        "The pool is expected to open in 2020, the council said.",
    ),
    "2020-pool-opens.md": article(
        "New Wexby pool opens",
        "2020-09-01",
        "The new swimming pool on Mill Road in Wexby opened on Monday. The pool, which went up "
        "over two years, had 900 swimmers on its first day.\n\n"
        "The old pool on Station Street closed last month.",
    ),
}


def test_no_sentence_saying_what_a_site_was_is_no_answer(tmp_path: Path) -> None:
    # "The council is using ..." shares a word, and says nothing of what a site was.
    documents = {
        "2020.md": article("Pool plans", "2020-01-02", "The council is using a consultancy on the pool site.")
    }
    answer = engine_over(tmp_path, documents).ask("What used to be on the pool site?")
    assert answer.abstained


def test_what_used_to_be_on_a_plot_is_answered_by_what_the_site_was(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, DOCUMENTS).ask("What used to be on the plot where the new pool went up?")
    assert "former bus garage" in answer.results[0].passage
    assert answer.short == "former bus garage"
