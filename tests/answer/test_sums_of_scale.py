"""A sum of the wrong scale answers no question about money: what one person pays is
never millions, and what a whole thing cost is never pence. The corpus is a lido's."""

from __future__ import annotations

import pytest

from bot.engine import Engine

from ..documents import write_corpus

DOCUMENTS = {
    "2021-lido-approved.md": """\
---
title: Fennick Cove lido approved
published: 2021-03-02
source: Cove Gazette
---
Councillors have approved the rebuilding of the Fennick Cove lido, which will cost £4.5m.

The lido is due to reopen in the summer of 2023 with a heated main pool and a paddling pool.
""",
    "2023-lido-reopens.md": """\
---
title: Fennick Cove lido reopens
published: 2023-07-14
source: Cove Gazette
---
The Fennick Cove lido reopened on Saturday after a two-year rebuild.

Its new heat pump has cut the lido's heating bill to 9.5p per kWh, down from 12.1p.

The lido's manager, Tess Marwood, said more than 2,000 swimmers came on the first day.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An engine over the lido corpus."""
    corpus = write_corpus(tmp_path_factory.mktemp("lido") / "corpus", DOCUMENTS)
    return Engine.open(corpus, tmp_path_factory.mktemp("lido-index"))


def test_what_one_person_pays_is_never_a_sum_in_millions(engine: Engine) -> None:
    answer = engine.ask("How much is an adult ticket for the Fennick Cove lido?")
    assert answer.abstained, answer.short  # the £4.5m rebuild is no ticket price


def test_what_a_whole_thing_cost_is_never_a_sum_in_pence(engine: Engine) -> None:
    answer = engine.ask("How much did the heat pump cost?")
    assert answer.abstained, answer.short  # "down from 12.1p" is a unit price, not its cost


def test_a_sum_of_the_asked_scale_still_answers(engine: Engine) -> None:
    assert engine.ask("How much did rebuilding the Fennick Cove lido cost?").short == "£4.5m"
