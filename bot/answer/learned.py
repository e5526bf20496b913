"""What the two learned models (`rerank`, `related`) share: their features, named by the
kind of question and the signal, their rows, ages in capped years, and a linear score.

Imports nothing of this package.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

__all__ = ["MAX_AGE_YEARS", "feature_names", "feature_rows", "scores", "years"]

#: Ages are capped: a decade apart is as far apart as it matters.
MAX_AGE_YEARS = 10.0
_DAYS_PER_YEAR = 365.0


def feature_names(contexts: Sequence[str], signals: Sequence[str]) -> tuple[str, ...]:
    """A model's features in order: each signal under each context, then the intercept."""
    return (*(f"{c}:{s}" for c in contexts for s in signals), "intercept")


def feature_rows(
    signals_of: Sequence[Mapping[str, float]],
    active: Mapping[str, bool],
    contexts: Sequence[str],
    signals: Sequence[str],
) -> np.ndarray:
    """One row per item: each signal under each context the question is of (else 0), then 1."""
    rows = [[*(row[s] if active[c] else 0.0 for c in contexts for s in signals), 1.0] for row in signals_of]
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(contexts) * len(signals) + 1)


def scores(matrix: np.ndarray, weights: Mapping[str, float], names: Sequence[str]) -> np.ndarray:
    """Each row's log-odds under the weights (by feature name)."""
    return matrix @ np.array([weights[name] for name in names], dtype=np.float64)


def years(days: int | None) -> float:
    """Days as years, between 0 and `MAX_AGE_YEARS`; unknown (None) is as old as it matters."""
    return MAX_AGE_YEARS if days is None else min(max(days, 0) / _DAYS_PER_YEAR, MAX_AGE_YEARS)
