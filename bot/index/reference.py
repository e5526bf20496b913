"""rank-bm25 itself over an index's passages: the reference the postings are checked
against (BM25Okapi), and the BM25Plus variant that `bench/ranking.py` compares, which
has no postings and is scored here, over every passage.

Slow by design (every passage tokenised again, every passage scored); a question under
the default parameters never comes here.

May import: the standard library, NumPy, rank-bm25, `bot.tokens`, `.params`,
`.postings` and `.store`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from rank_bm25 import BM25Okapi, BM25Plus

from ..text.tokens import tokenize
from .params import BM25Params
from .postings import EMPTY_PASSAGE_TERM
from .store import PassageStore

__all__ = ["Reference"]

BoolArray = npt.NDArray[np.bool_]


class Reference:
    """rank-bm25's scorer of the configured variant over all passages (built on first use)."""

    def __init__(self, passages: PassageStore, params: BM25Params) -> None:
        self._passages = passages
        self._params = params
        self._terms: list[list[str]] | None = None
        self._bm25: BM25Okapi | BM25Plus | None = None

    @property
    def terms(self) -> list[list[str]]:
        """Each passage's index terms (tokenised again on first use: rank-bm25's input)."""
        if self._terms is None:
            self._terms = [tokenize(self._passages.text(i)) for i in range(len(self._passages))]
        return self._terms

    @property
    def bm25(self) -> BM25Okapi | BM25Plus:
        """rank-bm25's scorer over all passages."""
        if self._bm25 is None:
            # rank-bm25 divides by zero on a passage without terms
            corpus = [t or [EMPTY_PASSAGE_TERM] for t in self.terms]
            p = self._params
            if p.variant == "plus":
                self._bm25 = BM25Plus(corpus, k1=p.k1, b=p.b, delta=p.delta)
            else:
                self._bm25 = BM25Okapi(corpus, k1=p.k1, b=p.b, epsilon=p.epsilon)
        return self._bm25

    def scores(self, query_terms: list[str]) -> npt.NDArray[np.float64]:
        """rank-bm25's score of every passage for the query terms."""
        return np.asarray(self.bm25.get_scores(query_terms), dtype=np.float64)

    def idf(self, term: str) -> float | None:
        """rank-bm25's idf of a term; None when no passage holds it."""
        found = self.bm25.idf.get(term)
        return None if found is None else float(found)

    def top(
        self,
        query_terms: Sequence[str],
        extra_terms: Sequence[str],
        extra_weight: float,
        k: int,
        eligible: BoolArray | None,
    ) -> list[tuple[int, float]]:
        """`Index.top` from dense scores: a stable descending sort of every passage's score."""
        dense = self.scores(list(query_terms))
        if extra_terms:
            dense = dense + extra_weight * self.scores(list(extra_terms))
        if eligible is not None:
            dense = np.where(eligible, dense, 0.0)
        order = np.argsort(-dense, kind="stable")[:k]
        return [(int(i), float(dense[i])) for i in order if dense[i] > 0]
