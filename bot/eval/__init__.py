"""Evaluation: score the engine on question–answer pairs (ranking, abstention, short
answers, timelines), overall and per category, with a table of misses.

The format and the scoring are those of `shared/eval/README.md`; text is compared after
folding case, curly quotes and white space. May import `engine`, `answer` and `errors`.
"""

from __future__ import annotations

from .pairs import CATEGORIES, QAPair, load_pairs, normalise
from .report import EvalReport, evaluate, render
from .scoring import Metrics, Score, hit, score_answer

__all__ = [
    "CATEGORIES",
    "EvalReport",
    "Metrics",
    "QAPair",
    "Score",
    "evaluate",
    "hit",
    "load_pairs",
    "normalise",
    "render",
    "score_answer",
]
