"""BM25Okapi postings give rank-bm25's idf and scores exactly, however they are added."""

from __future__ import annotations

import numpy as np
from rank_bm25 import BM25Okapi

from bot.index.postings import build_postings, top_k

from .helpers import assert_top_equals_reference


def test_postings_top_10_equal_rank_bm25_on_generated_corpus() -> None:
    rng = np.random.default_rng(7)
    vocabulary = [f"w{i}" for i in range(400)]
    weights = 1 / np.arange(1, 401) ** 1.1
    weights /= weights.sum()
    passages = [
        ["common", *rng.choice(vocabulary, size=int(rng.integers(5, 40)), p=weights)] for _ in range(600)
    ]
    passages[10] = []  # an empty passage, as rank-bm25 sees it through Index.bm25
    passages[20] = list(passages[21])  # a tie
    postings = build_postings(passages, k1=1.2, b=0.75, epsilon=0.0)
    reference = BM25Okapi([p or ["\0"] for p in passages], k1=1.2, b=0.75, epsilon=0.0)
    assert postings.idf_of("common") == reference.idf["common"] == 0.0  # in every passage: floored

    for _ in range(200):
        query = list(rng.choice(vocabulary, size=int(rng.integers(1, 8)), p=weights))
        query += ["common", "unseen"]
        dense = np.asarray(reference.get_scores(query))
        ids, scores = postings.scores(query)
        assert np.array_equal(dense[ids], scores)
        assert not np.any(np.delete(dense, ids))  # every other passage scores 0
        best_ids, best_scores = top_k(ids, scores, 10)
        assert_top_equals_reference(
            list(zip(best_ids.tolist(), best_scores.tolist(), strict=True)), dense, 10
        )


def test_postings_match_rank_bm25_idf_floor_with_epsilon() -> None:
    passages = [["a", "b"], ["a", "c"], ["a", "b", "d"], ["e"]]
    postings = build_postings(passages, k1=1.5, b=0.75, epsilon=0.25)
    reference = BM25Okapi(passages, k1=1.5, b=0.75, epsilon=0.25)
    for term in "abcde":
        assert postings.idf_of(term) == reference.idf[term]
    ids, scores = postings.scores(["a", "b"])
    assert np.array_equal(np.asarray(reference.get_scores(["a", "b"]))[ids], scores)


def test_postings_of_a_term_repeated_hundreds_of_times_match_rank_bm25() -> None:
    passages = [["a"] * 300 + ["b"], ["b", "c"], ["a", "c", "c"], ["d"], ["e", "b"]]
    postings = build_postings(passages, k1=1.2, b=0.75, epsilon=0.0)
    reference = BM25Okapi(passages, k1=1.2, b=0.75, epsilon=0.0)
    for query in (["a"], ["c", "a"], ["b", "d", "e"]):
        ids, scores = postings.scores(query)
        dense = np.asarray(reference.get_scores(query))
        assert np.array_equal(dense[ids], scores)
        assert not np.any(np.delete(dense, ids))
