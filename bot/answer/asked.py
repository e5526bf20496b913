"""What reading a candidate needs to know about the question, worked out once.

The question's term weights (idf-like: rare words count more), how much of them a
sentence covers, and which sentence term stands for which question term.
May import `index`, `tokens` and this package's `tuning`, `query` and `question`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from ..index import Index
from ..text.lexicon import GENERIC_ROLE_WORDS, ROLE_MODIFIERS
from ..text.tokens import stem
from . import tuning
from .query import Query

__all__ = [
    "Asked",
    "asked_term",
    "coverage_of",
    "proximity_of",
    "role_and_modifier_stems",
    "share_of",
    "term_weights",
]


_FAMILY_PREFIX = 5  # letters two forms of one word share, at the least


def term_weights(index: Index, query: Query) -> dict[str, float]:
    # idf plus a constant: rare words count more, but a passage sharing one rare word
    # does not cover a question whose other words it lacks. A word the corpus lacks but
    # reaches through synonyms weighs what they weigh, not what an unseen word would.
    weights: dict[str, float] = {}
    for term in query.terms:
        synonyms = query.expansions.get(term, frozenset())
        if any(
            (t in synonyms or term in query.expansions.get(t, ())) and t.startswith(term[:_FAMILY_PREFIX])
            for t in weights
        ):
            # "inspectors ... at the inspection": one word said twice, in two forms, is
            # weighed once, or a passage lacking it covers too little. (Synonyms stay two
            # words: "the council's fire authority" names two bodies.)
            continue
        if term in query.about:
            continue  # "Is X still ...?": X is the value in question, not what the answer shares
        if term in query.unknown:
            weights[term] = tuning.UNKNOWN_WEIGHT
            continue
        if not index.has_term(term) and synonyms:
            idf = max(index.idf(s) for s in synonyms)
        else:
            idf = index.idf(term)
        weight = max(idf, 0.0) + tuning.COVERAGE_SMOOTHING
        # What nearly every document is about ("the trust") tells passages apart little.
        if index.document_share(term) > tuning.SUBJECT_SHARE:
            weight *= tuning.SUBJECT_WEIGHT
        weights[term] = weight
    return weights


def coverage_of(stems: set[str], query: Query, weights: dict[str, float], total: float) -> float:
    matched = 0.0
    for term, weight in weights.items():
        if term in stems:
            matched += weight
        elif query.expansions.get(term, frozenset()) & stems:
            matched += tuning.SYNONYM_WEIGHT * weight
    return matched / total if total else 0.0


def proximity_of(terms: Sequence[str], query: Query) -> float:
    """Share of the question's adjacent word pairs that stand together in the sentence."""
    pairs = list(itertools.pairwise(query.terms))
    if not pairs:
        return 0.0
    present = set(itertools.pairwise(terms))
    return sum((a, b) in present for a, b in pairs) / len(pairs)


@lru_cache(maxsize=1)
def role_and_modifier_stems() -> tuple[frozenset[str], frozenset[str]]:
    """The terms of generic role words ("head") and of post modifiers ("deputy")."""
    return frozenset(stem(w) for w in GENERIC_ROLE_WORDS), frozenset(stem(w) for w in ROLE_MODIFIERS)


def asked_term(term: str, query: Query) -> str | None:
    """The question term a sentence term stands for (itself or a synonym of it), or None."""
    if term in query.terms:
        return term
    for asked, synonyms in query.expansions.items():
        if term in synonyms:
            return asked
    return None


@dataclass(frozen=True)
class Asked:
    """What reading a candidate needs to know about the question, worked out once."""

    query: Query
    weights: dict[str, float]  # coverage weight of each question term
    total: float
    informative: dict[str, float]  # idf-like weight of question terms and qualifiers
    subject: frozenset[str]  # qualifiers the corpus is about, implied where not said
    is_subject: Callable[[str], bool]  # whether a term is what most documents are about
    keep: frozenset[str] = frozenset()  # folded words of the person a "still" question names
    documents: int = 0  # how many documents the corpus has
    rivals: frozenset[str] = frozenset()  # names of bodies of the subject's kind, not the subject
    untitled: frozenset[str] = frozenset()  # names most documents give but no title: no subject


def share_of(terms: AbstractSet[str], weights: Mapping[str, float]) -> float:
    """The share of the question's weight the terms carry (summed exactly: a set's order
    must not tip a tie)."""
    total = math.fsum(weights.values())
    return math.fsum(weights.get(t, 0.0) for t in terms) / total if total else 0.0
