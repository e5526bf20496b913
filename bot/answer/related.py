"""Add to the timeline the older answers a learned model finds report the same fact.

The rules of `rank` keep as related only answers that stand next to as much of the
question as the best one does (`tuning.RELATED`); an older report of the same fact often
says it in other words ("the trust's lead for rowing" for "the trust's chair"). A
logistic model, trained by `bench/train.py` on the read sets' known earlier
values, weighs every other older typed answer of the ranking by what the rules measured
of it and how its sentence's wording matches the answer's; the timeline adds those it
finds at even odds or better to the rules' own.

May import `index` and the modules of this package below `reply`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from ..index import Index
from ..text.dates import PubDate
from ..text.patterns import lazy_compile
from . import learned, tuning
from .asked import share_of, term_weights
from .figures import FIGURE_KINDS
from .hits import Hit, Ranking
from .learned import MAX_AGE_YEARS, feature_rows, years
from .posts import same_post
from .rank import fact_words, wording_overlap
from .related_model import WEIGHTS

__all__ = ["CONTEXTS", "SIGNALS", "candidates", "feature_names", "features", "relate"]

#: What each older answer is described by (see `_signals`).
SIGNALS = (
    "beside",
    "beside_gap",
    "coverage",
    "context",
    "quality",
    "bm25",
    "linked",
    "retrospective",
    "cause",
    "answers",
    "same_post",
    "age",
    "wording",
    "place",
    "scaled",
    "scale_gap",
    "dated",
    "year_gap",
)
#: Each signal has a weight for every question and one more for each of these it is.
CONTEXTS = ("all", "person", "date", "figure", "latest")
#: Figures whose orders of magnitude compare (a measure's units may differ: km and m).
_FIGURES = FIGURE_KINDS - {"measure"}

#: Figures three orders of magnitude apart (thousands and millions) are as far as it matters.
_MAX_ORDERS = 3.0
_NUMBER = lazy_compile(r"(\d[\d,]*(?:\.\d+)?)\s*(bn|billion|m|million|k)?\b", re.IGNORECASE)
_SCALE = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3}
_YEAR = lazy_compile(r"\b(1[89]\d\d|20\d\d)\b")


def feature_names() -> tuple[str, ...]:
    """The model's features in order: each signal under each context, then the intercept."""
    return learned.feature_names(CONTEXTS, SIGNALS)


def candidates(ranking: Ranking) -> list[Hit]:
    """The ranking's typed answers from documents older than the first hit's, that say
    something else than it does, of documents the rules relate nothing of: what the
    model decides."""
    if ranking.abstained or not ranking.hits:
        return []
    top = ranking.hits[0]
    if top.span is None or top.document.published is None:
        return []
    newest = top.document.published.value
    # A document the rules already relate speaks through their choice (one entry each).
    told = {h.document.id for h in ranking.related}
    return [
        h
        for h in ranking.hits[1:]
        if h.span is not None
        and h.answers
        and h.document.id != top.document.id
        and h.document.published is not None
        and h.document.published.value < newest
        and h.span.value != top.span.value
        and h.document.id not in told
        and h.passage.id not in ranking.elsewhere  # another body's post holder: never
    ]


def _magnitude(value: str, money: bool) -> float | None:
    """The first figure a value gives, in units ("£4.6m" is 4,600,000 when `money`); None if
    it gives none, or nought or too many digits to have an order of magnitude."""
    found = _NUMBER.search(value)
    if found is None:
        return None
    number = float(found.group(1).replace(",", ""))
    if money:
        number *= _SCALE.get((found.group(2) or "").lower(), 1.0)
    return number if 0.0 < number < math.inf else None


def _year(value: str) -> int | None:
    found = _YEAR.search(value)
    return int(found.group(1)) if found else None


def _signals(index: Index, ranking: Ranking, older: Sequence[Hit]) -> list[dict[str, float]]:
    top = ranking.hits[0]
    if top.span is None or not older:
        return []  # `candidates` gives none then
    weights = term_weights(index, ranking.query)
    place = {h.passage.id: j for j, h in enumerate(ranking.hits)}
    told = fact_words(index, top)
    # How far apart two figures or two dates are says whether they are one fact's values.
    figures = ranking.query.kind in _FIGURES
    dates = ranking.query.kind == "date"
    money = ranking.query.kind == "amount"
    top_size = _magnitude(top.span.value, money) if figures else None
    top_year = _year(top.span.value) if dates else None
    published = top.document.published.value if top.document.published else None

    def beside(hit: Hit) -> float:
        return share_of(hit.anchor, weights)

    rows = []
    for hit in older:
        when = hit.document.published.value if hit.document.published else None
        age = years((published - when).days if published and when else None)
        size = _magnitude(hit.span.value, money) if figures and hit.span is not None else None
        year = _year(hit.span.value) if dates and hit.span is not None else None
        scaled = size is not None and top_size is not None
        dated = year is not None and top_year is not None
        rows.append(
            {
                "beside": beside(hit),
                "beside_gap": beside(hit) - beside(top),
                "coverage": hit.coverage,
                "context": hit.context,
                "quality": hit.quality,
                "bm25": hit.score / (top.score or 1.0),
                "linked": float(hit.linked),
                "retrospective": float(hit.retrospective),
                "cause": float(hit.cause),
                "answers": float(hit.answers),
                "same_post": float(not top.posts or same_post(hit.posts, top.posts)),
                "age": age,
                "wording": wording_overlap(fact_words(index, hit), told),
                "place": min(place[hit.passage.id], 50) / 50,
                "scaled": float(scaled),
                "scale_gap": (
                    min(abs(math.log10(size) - math.log10(top_size)), _MAX_ORDERS) / _MAX_ORDERS
                    if size is not None and top_size is not None
                    else 0.0
                ),
                "dated": float(dated),
                "year_gap": (
                    min(abs(year - top_year), MAX_AGE_YEARS) / MAX_AGE_YEARS
                    if year is not None and top_year is not None
                    else 0.0
                ),
            }
        )
    return rows


def features(index: Index, ranking: Ranking, older: Sequence[Hit], as_of: PubDate | None) -> np.ndarray:
    """One row of `feature_names()` per older answer."""
    kind = ranking.query.kind
    active = {
        "all": True,
        "person": kind == "person",
        "date": kind == "date",
        "figure": kind in _FIGURES,
        "latest": ranking.query.asks_latest or as_of is not None,
    }
    return feature_rows(_signals(index, ranking, older), active, CONTEXTS, SIGNALS)


def relate(
    index: Index, ranking: Ranking, as_of: PubDate | None, weights: Mapping[str, float] = WEIGHTS
) -> Ranking:
    """The ranking with the older answers the model finds of the same fact added to its related."""
    if not weights or ranking.query.why:
        return ranking  # a why question has no timeline
    older = candidates(ranking)
    if not older:
        return ranking
    scores = learned.scores(features(index, ranking, older, as_of), weights, feature_names())
    added = tuple(h for h, s in zip(older, scores, strict=True) if s >= tuning.TIMELINE_LOG_ODDS)
    return replace(ranking, related=ranking.related + added)
