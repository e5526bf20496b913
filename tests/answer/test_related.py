"""The timeline's learned additions: which older answers it may add, and what weights do."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

import bot.engine
from bot.answer import Ranking, relate
from bot.answer.related import CONTEXTS, SIGNALS, _magnitude, _year, candidates, feature_names, features
from bot.answer.related_model import WEIGHTS
from bot.engine import Engine

from ..documents import article, engine_over

#: The Oarsworth Trust's boathouse appeal, its target raised twice, and an older rowing grant.
DOCUMENTS = {
    "2017-appeal.md": article(
        "Boathouse appeal opens",
        "2017-04-01",
        "The Oarsworth Trust opened an appeal to rebuild its boathouse at Kelby. The appeal "
        "aims to raise £400,000 by the end of the year.",
    ),
    "2016-grant.md": article(
        "Rowing grant for juniors",
        "2016-09-01",
        "The Oarsworth Trust was awarded a county rowing grant of £12,000 for its junior squad, "
        "to be spent on boats kept in the boathouse.",
    ),
    "2018-appeal.md": article(
        "Boathouse appeal target raised",
        "2018-05-01",
        "The Oarsworth Trust has raised its boathouse appeal target to £550,000 after "
        "builders found rot in the slipway.",
    ),
    "2019-appeal.md": article(
        "Boathouse appeal target raised again",
        "2019-06-01",
        "The Oarsworth Trust's boathouse appeal now needs £700,000, the trust said, as the "
        "cost of timber has risen.",
    ),
}
QUESTION = "How much does the Oarsworth Trust's boathouse appeal now aim to raise?"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An engine over the boathouse appeal reports."""
    return engine_over(tmp_path_factory.mktemp("appeal"), DOCUMENTS)


def _ranking(engine: Engine, question: str = QUESTION) -> Ranking:
    query, cutoff = engine.analyse(question)
    return engine.ranking(query, cutoff, learned=False)


def _only(name: str, weight: float) -> dict[str, float]:
    return {**dict.fromkeys(feature_names(), 0.0), name: weight}


def test_shipped_model_weighs_every_feature_and_no_other() -> None:
    assert set(WEIGHTS) == set(feature_names())
    assert len(feature_names()) == len(SIGNALS) * len(CONTEXTS) + 1


def test_candidates_are_older_other_values_the_rules_left_out(engine: Engine) -> None:
    ranking = _ranking(engine)
    top = ranking.hits[0]
    assert top.span is not None and top.document.published is not None
    told = {h.document.id for h in ranking.related}
    older = candidates(ranking)
    assert older
    for hit in older:
        assert hit.span is not None and hit.span.value != top.span.value
        assert hit.document.published is not None
        assert hit.document.published.value < top.document.published.value
        assert hit.document.id not in told  # a document the rules relate speaks through them


def test_weights_for_every_candidate_add_them_all_after_the_rules_own(engine: Engine) -> None:
    ranking = _ranking(engine)
    older = candidates(ranking)
    assert older, "the older targets or the grant are candidates"
    widened = relate(engine.index, ranking, None, _only("intercept", 1.0))
    assert widened.related == ranking.related + tuple(older)


def test_weights_against_every_candidate_leave_the_rules_timeline(engine: Engine) -> None:
    ranking = _ranking(engine)
    assert relate(engine.index, ranking, None, _only("intercept", -1.0)).related == ranking.related


def test_a_why_question_gets_no_additions(engine: Engine) -> None:
    ranking = _ranking(engine)
    assert candidates(ranking)
    # The same ranking, its question asked as a cause: its figures are another fact.
    why = "Why " + ranking.query.corrected
    asked_why = replace(ranking, query=replace(ranking.query, question=why, plain=why, corrections=()))
    assert asked_why.query.why
    assert relate(engine.index, asked_why, None, _only("intercept", 5.0)) is asked_why


def test_another_bodys_post_holder_is_never_a_candidate(engine: Engine) -> None:
    ranking = _ranking(engine)
    older = candidates(ranking)
    assert older
    marked = replace(ranking, elsewhere=frozenset(h.passage.id for h in older))
    assert candidates(marked) == []


def test_the_engine_adds_what_the_model_relates(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    every = _only("intercept", 5.0)
    monkeypatch.setattr(
        bot.engine, "relate", lambda index, ranking, as_of: relate(index, ranking, as_of, every)
    )
    said = [e.said for e in engine.ask(QUESTION).earlier]
    assert "£12,000" in said  # the grant, added only by the model's weights


def test_a_figure_far_from_the_answer_is_marked_far(engine: Engine) -> None:
    ranking = _ranking(engine)
    older = candidates(ranking)
    assert [h.span.value for h in older if h.span] == ["£12,000"]  # the grant, not a target
    rows = features(engine.index, ranking, older, None)
    names = feature_names()
    # £12,000 against the £700,000 target: 1.77 orders of magnitude, of the 3 that count.
    assert rows[0, names.index("figure:scaled")] == 1.0
    assert rows[0, names.index("figure:scale_gap")] == pytest.approx(
        math.log10(700_000 / 12_000) / 3, abs=0.01
    )
    assert rows[0, names.index("date:dated")] == 0.0  # a sum is no date


def test_magnitudes_and_years_are_read_from_values() -> None:
    assert _magnitude("£4.6m", money=True) == pytest.approx(4_600_000)
    assert _magnitude("1,870 rowers", money=False) == 1870
    assert _magnitude("£1.2 billion", money=True) == pytest.approx(1_200_000_000)
    assert _magnitude("5 m", money=False) == 5  # metres, not millions, when no sum is asked
    assert _magnitude("none at all", money=False) is None
    assert _magnitude("£0", money=True) is None  # nought has no order of magnitude
    assert _magnitude("9" * 400, money=False) is None  # nor a figure past a float's range
    assert _year("july 2024") == 2024
    assert _year("the spring") is None
