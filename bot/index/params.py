"""The BM25 variant and parameters an index is built with, recorded in its manifest.

May import: `bot.tokens` (the tokeniser's version is part of the parameters).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..text.tokens import TOKENIZER_VERSION

__all__ = ["BM25Params", "Variant"]

Variant = Literal["okapi", "plus"]


@dataclass(frozen=True)
class BM25Params:
    """The BM25 variant and parameters; chosen on the dev set (see README, "Ranking").

    "plus" (BM25Plus) is for `bench/ranking.py`'s comparison of variants only: it is
    scored by rank-bm25 itself over every passage (`reference.py`), with no postings.
    """

    variant: Variant = "okapi"
    k1: float = 1.2
    b: float = 0.75
    epsilon: float = 0.0  # BM25Okapi's idf floor; 0 keeps very common terms at no weight
    delta: float = 1.0  # BM25Plus only
    tokenizer: int = TOKENIZER_VERSION
