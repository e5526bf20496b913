"""Measure the ranking choices on a question set: BM25 variants and the ranking constants.

    .venv/bin/python bench/ranking.py [tests/qa_dev.jsonl]

Prints hit@1 of plain BM25 (the top of rank-bm25's `get_scores`), trustbot's metrics for
each BM25 variant, and the plateau of the ranking constants. The numbers in the README's
"Choices, as measured" table come from this script.
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from pathlib import Path

import numpy as np

from bot.answer import tuning as rank
from bot.answer.query import parse_query
from bot.engine import Engine
from bot.eval import evaluate, load_pairs, normalise
from bot.index import BM25Params

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = [
    BM25Params("okapi", 1.2, 0.75, 0.0),
    BM25Params("okapi", 1.2, 0.75, 0.25),
    BM25Params("okapi", 0.9, 0.4, 0.0),
    BM25Params("okapi", 1.5, 0.75, 0.0),
    BM25Params("okapi", 2.0, 0.5, 0.0),
    BM25Params("plus", 1.2, 0.75),
    BM25Params("plus", 1.5, 0.75),
    BM25Params("plus", 0.9, 0.4),
]


def plain_bm25_hit_at_1(engine: Engine, qa: Path) -> float:
    """Share of answerable questions whose top BM25 passage is a hit."""
    pairs = [p for p in load_pairs(qa) if p.kind != "none"]
    hits = 0
    for pair in pairs:
        query = parse_query(pair.question, engine.index.vocabulary, frozenset(engine.index.bm25.idf))
        passage = engine.index.passages[int(np.argmax(engine.index.scores(list(query.terms))))]
        text = normalise(passage.text)
        hits += passage.doc_id in pair.docs and any(normalise(a) in text for a in pair.answers)
    return hits / len(pairs)


def main() -> None:
    """Print the measurements."""
    qa = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "qa_dev.jsonl"
    pairs = load_pairs(qa)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'variant':<34} {'plain BM25 hit@1':>16} {'hit@1':>6} {'MRR@5':>6} {'abst':>5}  misses")
        for n, params in enumerate(VARIANTS):
            engine = Engine.open(ROOT / "corpus", Path(tmp) / str(n), params=params)
            report = evaluate(engine, pairs)
            name = f"{params.variant} k1={params.k1} b={params.b}" + (
                f" eps={params.epsilon}" if params.variant == "okapi" else f" delta={params.delta}"
            )
            # Wrong at rank 1, or answered when it should abstain (short answers and
            # timelines are `trustbot eval`'s to report).
            misses = [
                s.pair.id for s in report.scores if (s.rank != 1 if s.pair.answerable else not s.abstained)
            ]
            print(
                f"{name:<34} {plain_bm25_hit_at_1(engine, qa):>16.3f} {report.hit_at_1:>6.3f} "
                f"{report.mrr_at_5:>6.3f} {report.abstention_accuracy:>5.2f}  {misses}"
            )
        engine = Engine.open(ROOT / "corpus", Path(tmp) / "default")
        print("\nranking constants (default BM25): link window x comparable -> hit@1, abstention")
        defaults = (rank.LINK_WINDOW, rank.COMPARABLE)
        for window, comparable in itertools.product((4, 6, 8, 10), (0.65, 0.75, 0.85)):
            rank.LINK_WINDOW, rank.COMPARABLE = window, comparable
            report = evaluate(engine, pairs)
            scores = f"{report.hit_at_1:.3f} {report.abstention_accuracy:.2f}"
            print(f"  window={window:<3} comparable={comparable:<5} {scores}")
        rank.LINK_WINDOW, rank.COMPARABLE = defaults


if __name__ == "__main__":
    main()
