"""An index searches as rank-bm25 scores: the same scores, the same top passages, bit for bit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi

from bot.index import load_index

from .helpers import assert_top_equals_reference, build_and_save


def test_loaded_index_scores_exactly_as_rank_bm25(corpus_dir: Path, index_dir: Path) -> None:
    build_and_save(corpus_dir, index_dir)
    index = load_index(index_dir)
    reference = BM25Okapi(index.terms, k1=1.2, b=0.75, epsilon=0.0)
    for query in (["trust", "live"], ["cabinet", "member"], ["£22m"], ["nothing"]):
        assert np.allclose(index.scores(query), reference.get_scores(query))
    ids = [p.id for p in index.passages]
    assert len(ids) == len(set(ids)) and all(i.split("#")[0] in index.documents for i in ids)


def test_fast_path_top_10_equals_rank_bm25_on_seed_corpus(corpus_dir: Path, index_dir: Path) -> None:
    build_and_save(corpus_dir, index_dir)
    index = load_index(index_dir)
    queries = [
        ["trust", "live"],
        ["cabinet", "member", "children"],
        ["£22m"],
        ["nothing"],
        ["trust", "trust"],
    ]
    queries += [t[:6] for t in index.terms[::7] if t]
    as_of = index.published_ordinals() <= index.published_ordinals().max() - 400
    for query in queries:
        dense = index.scores(query)
        assert_top_equals_reference(index.top(query, k=10), dense, 10)
        assert_top_equals_reference(index.top(query, k=40, eligible=as_of), dense, 40, as_of)
        extra = ["council", "open"]
        combined = dense + 1.0 * index.scores(extra)
        assert_top_equals_reference(index.top(query, extra, 1.0, 40), combined, 40)


def test_documents_holding_a_term_are_those_of_its_passages(corpus_dir: Path, index_dir: Path) -> None:
    build_and_save(corpus_dir, index_dir)
    index = load_index(index_dir)
    for term in ("trust", "cabinet", "£22m", "nothing"):
        expected = {p.doc_id for i, p in enumerate(index.passages) if term in index.terms[i]}
        assert index.documents_holding(term) == expected
        assert index.document_share(term) == len(expected) / len(index.documents)
    assert index.documents_holding("trust")  # a term some documents hold
