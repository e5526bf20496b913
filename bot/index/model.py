"""The `Index`: a corpus ready to search (documents, passages, postings, vocabulary).

Scoring is BM25Okapi from postings (`postings.py`), bit-for-bit rank-bm25's scores;
rank-bm25 itself stays available (`Index.bm25`, `Index.scores`, in `reference.py`) as
the reference, and scores the BM25Plus variant that only `bench/ranking.py` uses.

May import: the standard library, NumPy, rank-bm25 (its types), `bot.corpus` and
`bot.passages` (their types), `.params`, `.postings`, `.reference`, `.store` and `.strings`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from rank_bm25 import BM25Okapi, BM25Plus

from ..corpus import Document, Passage
from .params import BM25Params
from .postings import Postings, top_k
from .reference import Reference
from .store import PassageStore
from .strings import StringIndex

__all__ = ["UNDATED", "Index"]

#: Passages' published date when their document has none (ranks behind every date).
UNDATED = -1
BoolArray = npt.NDArray[np.bool_]

#: Terms whose document share an index remembers across questions.
SHARE_CACHE_SIZE = 1 << 16


@dataclass
class Index:
    """A corpus ready to search: documents, passages, their postings, and the vocabulary."""

    params: BM25Params
    fingerprint: str
    built_at: str
    documents: Mapping[str, Document]
    passages: PassageStore
    postings: Postings
    surface_words: StringIndex  # of the passages, for typo correction
    stems: Mapping[str, str]  # word -> stem, for the corpus's and the synonyms' words
    generation: str | None = None  # the folder it was loaded from or saved to
    corpus_signature: str | None = None  # the corpus folder's file sizes and times when built
    _reference: Reference | None = field(default=None, repr=False)
    _published: npt.NDArray[np.int64] | None = field(default=None, repr=False)
    _shares: dict[str, float] = field(default_factory=dict, repr=False)
    _vocabulary: Set[str] | None = field(default=None, repr=False)
    _known_terms: Set[str] | None = field(default=None, repr=False)

    @property
    def vocabulary(self) -> Set[str]:
        """Surface words of the corpus, for typo correction: the same object each time, so
        that what is worked out from it once can be kept."""
        if self._vocabulary is None:
            self._vocabulary = self.surface_words.keys()
        return self._vocabulary

    @property
    def known_terms(self) -> Set[str]:
        """The index terms some passage holds: the same object each time, as `vocabulary`."""
        if self._known_terms is None:
            self._known_terms = self.postings.terms.keys()
        return self._known_terms

    def has_term(self, term: str) -> bool:
        """Whether some passage holds the term."""
        return term in self.postings.terms

    @property
    def reference(self) -> Reference:
        """rank-bm25 over all passages (slow; made on first use)."""
        if self._reference is None:
            self._reference = Reference(self.passages, self.params)
        return self._reference

    @property
    def terms(self) -> list[list[str]]:
        """Each passage's index terms, as the reference scores them."""
        return self.reference.terms

    @property
    def bm25(self) -> BM25Okapi | BM25Plus:
        """rank-bm25's scorer over all passages, the reference."""
        return self.reference.bm25

    def scores(self, query_terms: list[str]) -> npt.NDArray[np.float64]:
        """rank-bm25's score of every passage for the query terms (the reference; slow)."""
        return self.reference.scores(query_terms)

    def idf(self, term: str) -> float:
        """How informative a term is; terms the corpus lacks count as the rarest."""
        plus = self.params.variant == "plus"
        value = self.reference.idf(term) if plus else self.postings.idf_of(term)
        if value is None:
            n = len(self.passages)
            return math.log((n + 0.5) / 0.5)
        return max(value, 0.0)

    def top(
        self,
        query_terms: Sequence[str],
        extra_terms: Sequence[str] = (),
        extra_weight: float = 1.0,
        k: int = 10,
        eligible: BoolArray | None = None,
    ) -> list[tuple[int, float]]:
        """The k best passages (index, score) with a positive score, best first, ties by index.

        The score is BM25 of `query_terms` plus `extra_weight` times BM25 of `extra_terms`;
        passages where `eligible` is False are left out. Identical to a stable descending
        sort of rank-bm25's `get_scores` arrays combined the same way.
        """
        if self.params.variant == "plus":  # every passage scores under BM25Plus: no postings
            return self.reference.top(query_terms, extra_terms, extra_weight, k, eligible)
        ids, scores = self.postings.scores(query_terms)
        if extra_terms:
            extra_ids, extra_scores = self.postings.scores(extra_terms)
            union = np.concatenate((ids, extra_ids))
            union.sort()  # (np.union1d would import numpy.ma, a cold start's 30 ms)
            if len(union):
                union = union[np.concatenate(([True], union[1:] != union[:-1]))]
            base = np.zeros(len(union), dtype=np.float64)
            base[np.searchsorted(union, ids)] = scores
            added = np.zeros(len(union), dtype=np.float64)
            added[np.searchsorted(union, extra_ids)] = extra_scores
            ids, scores = union, base + extra_weight * added
        best_ids, best_scores = top_k(ids, scores, k, eligible)
        return [(int(i), float(s)) for i, s in zip(best_ids, best_scores, strict=True)]

    def holding(
        self, terms: Sequence[str], k: int, eligible: BoolArray | None = None
    ) -> list[tuple[int, float]]:
        """The k passages holding most of the terms (index, share of the terms held), most
        first, ties by index: candidates when every term is too common for BM25 to weigh."""
        counts: dict[int, int] = {}
        for term in dict.fromkeys(terms):
            ids = self._passages_with(term)
            if ids is None:
                continue
            for i in ids.tolist():
                if eligible is None or eligible[i]:
                    counts[i] = counts.get(i, 0) + 1
        best = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:k]
        return [(i, n / len(terms)) for i, n in best]

    def _passages_with(self, term: str) -> npt.NDArray[np.int32] | None:
        """The passages whose postings hold the term, in index order; None for a term no
        passage holds."""
        row = self.postings.terms.get(term)
        if row is None:
            return None
        return self.postings.ids[int(self.postings.offsets[row]) : int(self.postings.offsets[row + 1])]

    def documents_holding(self, term: str) -> frozenset[str]:
        """The ids of the documents with a passage holding the term."""
        ids = self._passages_with(term)
        return frozenset() if ids is None else self.passages.documents_of(ids)

    def document_share(self, term: str) -> float:
        """The share of the documents with a passage holding the term (0 when none does)."""
        known = self._shares.get(term)
        if known is not None:
            return known
        ids = self._passages_with(term)
        if ids is None or not self.documents:
            return 0.0
        # Sorted and counted by hand: np.unique would import numpy.ma, 30 ms of a cold start.
        docs = np.sort(np.asarray(self.passages.passage_doc)[ids])
        distinct = int(np.count_nonzero(docs[1:] != docs[:-1])) + 1 if len(docs) else 0
        share = distinct / len(self.documents)
        if len(self._shares) < SHARE_CACHE_SIZE:  # questions reuse few terms; bounded all the same
            self._shares[term] = share
        return share

    def published_ordinals(self) -> npt.NDArray[np.int64]:
        """Each passage's publication date as a proleptic ordinal, `UNDATED` when unknown."""
        if self._published is None:
            per_doc = np.array(
                [d.published.value.toordinal() if d.published else UNDATED for d in self.documents.values()]
                or [UNDATED],
                dtype=np.int64,
            )
            self._published = per_doc[np.asarray(self.passages.passage_doc)]
        return self._published

    def document_of(self, passage: Passage) -> Document:
        """The document a passage comes from."""
        return self.documents[passage.doc_id]
