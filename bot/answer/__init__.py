"""Answering: read a question, rank passages for it, and shape the cited reply.

The flow inside the package runs one way: `wording` and `question` read the question,
`query` analyses it against an index's vocabulary, `asked_time` finds the time it asks
about, `reading` (with `sentences`, `asked` and `posts`) reads each candidate passage,
`rank` orders them (or abstains; `causes` for a why question), `rerank` reorders the
first of them by a learned model and `related` adds to their timeline by another,
`short` cuts the answer to a few words, and `reply` shapes the `Answer` front ends show.
Constants tuned on the dev set live in `tuning`; what the learned models share in
`learned`, their weights in `rerank_model` and `related_model`.

May import `corpus`, `dates`, `index`, `passages`, `tokens` and `errors`; never a front end.
"""

from __future__ import annotations

from .asked_time import implied_cutoff, time_terms
from .cased import read_question
from .query import Query, parse_query
from .rank import Hit, Ranking, rank
from .related import relate
from .reply import Answer, Citation, Earlier, Result, Source, shape_answer
from .rerank import rerank

__all__ = [
    "Answer",
    "Citation",
    "Earlier",
    "Hit",
    "Query",
    "Ranking",
    "Result",
    "Source",
    "implied_cutoff",
    "parse_query",
    "rank",
    "read_question",
    "relate",
    "rerank",
    "shape_answer",
    "time_terms",
]
