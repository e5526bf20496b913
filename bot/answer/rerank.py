"""Reorder a ranking's first passages by a linear model learned from answered questions.

The rules of `rank` weigh one signal at a time (the band of comparable answers, newest
first; then quality). Which passage answers best is often told by several together: a
newer document's sentence that covers less of the question than the one below it, of
an older date, and holds no name the question gives. A logistic model over the signals
the ranking already computed, trained by `bench/train.py` on question sets of
several corpora and scored on corpora it was not trained on, orders the first
`tuning.RERANK_DEPTH` hits (but those `movable` keeps in place); abstention and
everything past that depth stay as the rules left them, and the timeline is read against
the new first answer.

May import `index` and the modules of this package below `reply`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from ..index import UNDATED, Index
from ..text.dates import PubDate
from . import learned, tuning
from .asked import share_of, term_weights
from .hits import Hit, Ranking
from .learned import feature_rows, years
from .reading import passage_or_title_terms
from .rerank_model import WEIGHTS

__all__ = ["CONTEXTS", "SIGNALS", "feature_names", "features", "movable", "rerank"]

#: What each hit is described by, all read off the ranking (see `_signals`).
SIGNALS = (
    "in_band",
    "quality",
    "coverage",
    "context",
    "bm25",
    "typed",
    "linked",
    "retrospective",
    "cause",
    "supersedes",
    "answers",
    "age",
    "corpus_age",
    "beside",
    "same_document",
    "inverse_rank",
    "first",
    "newest",
    "coverage_gap",
    "context_gap",
    "beside_gap",
    "quality_gap",
    "opening",
    "lead",
    "titled",
)
#: The kinds of question whose signals weigh differently: each signal has one weight for
#: every question and one more for each of these the question is.
CONTEXTS = ("all", "latest", "as_of", "why")

#: From the sixth passage of a document on, passages are alike: the body of the story.
_OPENING_PASSAGES = 5


def feature_names() -> tuple[str, ...]:
    """The model's features in order: each signal under each context, then the intercept."""
    return learned.feature_names(CONTEXTS, SIGNALS)


def _age(newest: int, published: int) -> float:
    return years(None if UNDATED in (newest, published) else newest - published)


def _signals(index: Index, ranking: Ranking, depth: int) -> list[dict[str, float]]:
    hits = ranking.hits[:depth]
    weights = term_weights(index, ranking.query)
    dates = [h.document.published.value.toordinal() if h.document.published else UNDATED for h in hits]
    newest = max(dates)
    ordinals = index.published_ordinals()
    # UNDATED sorts before every date: the newest ordinal is the newest dated document's.
    corpus_newest = int(ordinals.max()) if len(ordinals) else UNDATED
    top_score = max(h.score for h in hits) or 1.0

    def beside(hit: Hit) -> float:
        return share_of(hit.anchor, weights)

    def titled(hit: Hit) -> float:
        # "Board papers now say it will not open until 2017" under the headline "Hub
        # delayed": what the passage says of a subject its document's title names.
        return share_of(passage_or_title_terms(hit.passage, hit.document) & weights.keys(), weights)

    most = {
        "coverage": max(h.coverage for h in hits),
        "context": max(h.context for h in hits),
        "beside": max(beside(h) for h in hits),
        "quality": max(h.quality for h in hits),
    }
    rows = []
    for j, (hit, published) in enumerate(zip(hits, dates, strict=True)):
        rows.append(
            {
                "in_band": float(j < ranking.band),
                "quality": hit.quality,
                "coverage": hit.coverage,
                "context": hit.context,
                "bm25": hit.score / top_score,
                "typed": float(hit.span is not None),
                "linked": float(hit.linked),
                "retrospective": float(hit.retrospective),
                "cause": float(hit.cause),
                "supersedes": float(hit.supersedes is not None),
                "answers": float(hit.answers),
                "age": _age(newest, published),
                "corpus_age": _age(corpus_newest, published),
                "beside": beside(hit),
                "same_document": float(hit.document.id == hits[0].document.id),
                "inverse_rank": 1.0 / (1 + j),
                "first": float(j == 0),
                "newest": float(published == newest),
                "coverage_gap": hit.coverage - most["coverage"],
                "context_gap": hit.context - most["context"],
                "beside_gap": beside(hit) - most["beside"],
                "quality_gap": hit.quality - most["quality"],
                "opening": min(hit.passage.position, _OPENING_PASSAGES) / _OPENING_PASSAGES,
                "lead": float(hit.passage.position == 0),
                "titled": titled(hit),
            }
        )
    return rows


def features(index: Index, ranking: Ranking, as_of: PubDate | None, depth: int) -> np.ndarray:
    """One row of `feature_names()` per hit among the first `depth` of a ranking."""
    query = ranking.query
    active = {"all": True, "latest": query.asks_latest, "as_of": as_of is not None, "why": query.why}
    rows = _signals(index, ranking, depth) if ranking.hits and depth > 0 else []
    return feature_rows(rows, active, CONTEXTS, SIGNALS)


def movable(ranking: Ranking, depth: int) -> list[int]:
    """The places among the first `depth` hits whose hits the model may reorder."""
    head = ranking.hits[:depth]
    # For "who" with a person found, a sentence naming no one keeps its place behind: its
    # short answer would be no name. (A date or a place the rules missed in a newer
    # sentence, "relocated to Unit 4 on the trading estate", may rightly go first.) An
    # undated document keeps its place too, behind the dated ones that answer as well:
    # the model knows nothing of its age.
    typed = ranking.query.kind == "person" and any(hit.span is not None for hit in head)
    return [
        j
        for j, hit in enumerate(head)
        if (hit.span is not None or not typed) and hit.document.published is not None
    ]


def rerank(
    index: Index, ranking: Ranking, as_of: PubDate | None, weights: Mapping[str, float] = WEIGHTS
) -> Ranking:
    """The ranking with its first hits ordered by the learned model (ties keep the rules' order)."""
    depth = tuning.RERANK_DEPTH
    if ranking.abstained or len(ranking.hits) < 2 or depth < 2 or not weights:
        return ranking
    scores = learned.scores(features(index, ranking, as_of, depth), weights, feature_names())
    head = list(ranking.hits[:depth])
    slots = movable(ranking, depth)
    ordered = sorted(slots, key=lambda j: -scores[j])
    for slot, j in zip(slots, ordered, strict=True):
        head[slot] = ranking.hits[j]
    return replace(ranking, hits=(*head, *ranking.hits[depth:]))
