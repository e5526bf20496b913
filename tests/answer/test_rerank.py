"""The learned reordering: its features, what its weights move, and its shipped model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import bot.engine
from bot.answer import Ranking, rerank, tuning
from bot.answer.rerank import CONTEXTS, SIGNALS, feature_names, features, movable
from bot.answer.rerank_model import WEIGHTS
from bot.engine import Engine
from bot.text.dates import PubDate, parse_as_of

from ..documents import article, engine_over

_CHAIRS = {
    "2016": "Sam Hart",
    "2017": "Jo Bell",
    "2018": "Ann Reeve",
    "2019": "Tom Vale",
    "2020": "Kit Marsh",
    "2021": "Lee Dunn",
}
#: Six reports of who chairs the Oarsworth Trust, one a year, and one of its boathouse.
DOCUMENTS = {
    **{
        f"chair-{year}.md": article(
            f"Oarsworth Trust report {year}",
            f"{year}-03-01",
            f"The Oarsworth Trust met at Kelby in {year}. Its chair is {chair}, who spoke of the "
            "rowing season ahead and the cost of new boats.\n\nThe trust's boathouse on the "
            f"river at Stanholt was repainted in {year}.",
        )
        for year, chair in _CHAIRS.items()
    },
    "boathouse.md": article(
        "Boathouse reopens",
        "2021-06-01",
        "The Oarsworth Trust boathouse at Stanholt reopened after the river flooded it.",
    ),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An engine over the Oarsworth Trust reports."""
    return engine_over(tmp_path_factory.mktemp("oarsworth"), DOCUMENTS)


WHEN = "When was the Oarsworth Trust's boathouse repainted?"
WHO = "Who chairs the Oarsworth Trust?"


def _ranking(engine: Engine, question: str, as_of: str | None = None) -> tuple[Ranking, PubDate | None]:
    query, cutoff = engine.analyse(question, parse_as_of(as_of) if as_of else None)
    return engine.ranking(query, cutoff, learned=False), cutoff


def _ids(ranking: Ranking) -> list[str]:
    return [h.passage.id for h in ranking.hits]


def _only(name: str, weight: float) -> dict[str, float]:
    return {**dict.fromkeys(feature_names(), 0.0), name: weight}


def test_shipped_model_weighs_every_feature_and_no_other() -> None:
    assert set(WEIGHTS) == set(feature_names())
    assert len(feature_names()) == len(SIGNALS) * len(CONTEXTS) + 1


def test_zero_weights_keep_the_rules_order(engine: Engine) -> None:
    ranking, _ = _ranking(engine, WHEN)
    assert len(ranking.hits) >= 3
    reordered = rerank(engine.index, ranking, None, _only("intercept", 1.0))
    assert _ids(reordered) == _ids(ranking)


def test_weights_reorder_the_first_hits_and_leave_the_rest(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    ranking, _ = _ranking(engine, WHEN)
    assert len(ranking.hits) >= 3
    monkeypatch.setattr(tuning, "RERANK_DEPTH", 2)
    # A weight against the rules' own order turns the first two round.
    reordered = rerank(engine.index, ranking, None, _only("all:inverse_rank", -1.0))
    ids = _ids(ranking)
    assert _ids(reordered) == [ids[1], ids[0], *ids[2:]]


def test_a_weight_for_older_documents_lifts_the_oldest_report(engine: Engine) -> None:
    ranking, _ = _ranking(engine, WHEN)
    reordered = rerank(engine.index, ranking, None, _only("all:corpus_age", 1.0))
    first = reordered.hits[0].document.published
    depth = ranking.hits[: tuning.RERANK_DEPTH]
    assert first is not None and first.value == min(
        h.document.published.value for h in depth if h.document.published
    )


def test_an_abstention_is_left_as_it_is(engine: Engine) -> None:
    ranking, _ = _ranking(engine, "Who won the hockey league in Brancaster?")
    assert ranking.abstained
    assert rerank(engine.index, ranking, None, _only("all:first", -5.0)) is ranking


def test_a_question_kind_has_its_own_features_only_when_asked(engine: Engine) -> None:
    names = feature_names()
    plain, _ = _ranking(engine, WHEN)
    rows = features(engine.index, plain, None, tuning.RERANK_DEPTH)
    assert rows.shape == (min(len(plain.hits), tuning.RERANK_DEPTH), len(names))
    for context in CONTEXTS[1:]:
        columns = [i for i, n in enumerate(names) if n.startswith(f"{context}:")]
        assert not rows[:, columns].any(), context

    dated, cutoff = _ranking(engine, WHEN, as_of="2018-12-31")
    rows = features(engine.index, dated, cutoff, tuning.RERANK_DEPTH)
    every = [names.index(f"all:{s}") for s in SIGNALS]
    as_of = [names.index(f"as_of:{s}") for s in SIGNALS]
    assert np.array_equal(rows[:, every], rows[:, as_of])


def test_the_first_hit_alone_is_marked_first_and_ages_are_capped(engine: Engine) -> None:
    ranking, _ = _ranking(engine, WHEN)
    rows = features(engine.index, ranking, None, tuning.RERANK_DEPTH)
    names = feature_names()
    assert rows[:, names.index("all:first")].tolist() == [1.0] + [0.0] * (len(rows) - 1)
    ages = rows[:, names.index("all:corpus_age")]
    assert ages.min() >= 0.0 and ages.max() <= 10.0
    assert rows[:, names.index("intercept")].tolist() == [1.0] * len(rows)


def test_the_engine_answers_with_the_learned_order(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    ranking, _ = _ranking(engine, WHEN)
    assert len(ranking.hits) >= 2
    # Weights that turn the rules' first two round, as the engine's model.
    backwards = _only("all:inverse_rank", -1.0)
    monkeypatch.setattr(tuning, "RERANK_DEPTH", 2)
    monkeypatch.setattr(bot.engine, "rerank", lambda index, r, as_of: rerank(index, r, as_of, backwards))
    answer = engine.ask(WHEN, top_k=20)
    ids = _ids(ranking)
    assert [r.passage_id for r in answer.results][:2] == [ids[1], ids[0]]


def test_an_undated_document_keeps_its_place(engine: Engine) -> None:
    ranking, _ = _ranking(engine, WHEN)
    undated = replace(ranking.hits[0], document=replace(ranking.hits[0].document, published=None))
    marked = replace(ranking, hits=(undated, *ranking.hits[1:]))
    assert 0 not in movable(marked, tuning.RERANK_DEPTH)
    assert rerank(engine.index, marked, None, _only("all:first", -5.0)).hits[0] is undated


def test_a_sentence_naming_no_one_never_goes_before_a_person_found(engine: Engine) -> None:
    ranking, _ = _ranking(engine, WHO)
    head = ranking.hits[: tuning.RERANK_DEPTH]
    untyped = [j for j, h in enumerate(head) if h.span is None]
    assert untyped and any(h.span is not None for h in head)
    # Weights that favour what the rules put last, and passages naming no one.
    reordered = rerank(engine.index, ranking, None, {**_only("all:inverse_rank", -5.0), "all:typed": -5.0})
    assert reordered.hits[0].span is not None
    assert [j for j, h in enumerate(reordered.hits[: tuning.RERANK_DEPTH]) if h.span is None] == untyped


def test_a_passage_under_a_title_naming_the_subject_is_marked_as_about_it(tmp_path: Path) -> None:
    documents = {
        "delay.md": article(
            "Kelby pool delayed until 2017",
            "2014-02-11",
            "Kelby Leisure Trust had promised the building would open in autumn 2015. Board papers now "
            "say it will not open until spring 2017.",
        ),
        "plan.md": article(
            "Kelby Leisure Trust news",
            "2013-06-01",
            "Kelby Leisure Trust says the building will open in autumn 2015.",
        ),
    }
    engine = engine_over(tmp_path, documents)
    ranking, _ = _ranking(engine, "When was the Kelby pool expected to open?")
    rows = features(engine.index, ranking, None, tuning.RERANK_DEPTH)
    titled = dict(
        zip((h.passage.id for h in ranking.hits), rows[:, feature_names().index("all:titled")], strict=False)
    )
    # Neither passage names the pool; only the delay's headline does.
    assert titled["delay#0"] > titled["plan#0"]
