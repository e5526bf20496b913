"""The timeline's learned additions: which older answers it may add, and what weights do."""

from __future__ import annotations

import math

import pytest

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
    chosen = {h.passage.id for h in ranking.related}
    for hit in candidates(ranking):
        assert hit.span is not None and hit.span.value != top.span.value
        assert hit.document.published is not None
        assert hit.document.published.value < top.document.published.value
        assert hit.passage.id not in chosen


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
    ranking = _ranking(engine, "Why did the Oarsworth Trust raise its boathouse appeal target?")
    assert relate(engine.index, ranking, None, _only("intercept", 5.0)) is ranking


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
    assert _magnitude("£7.3m") == pytest.approx(7_300_000)
    assert _magnitude("2,300 staff") == 2300
    assert _magnitude("£1.2 billion") == pytest.approx(1_200_000_000)
    assert _magnitude("none at all") is None
    assert _year("july 2020") == 2020
    assert _year("the spring") is None
