"""Ranked passages: a `Hit` per passage with the sentence that answers best, the
`Ranking` of them (or an abstention), and one hit per statement told by several documents.

May import `corpus`, `text` and this package's `tuning`, `sentences` and `spans`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from ..corpus import Document, Passage
from ..text.dates import PubDate
from ..text.mentions import latest_mentioned
from ..text.tokens import fold
from . import tuning
from .query import FIRST, Query
from .sentences import word_count
from .spans import AnswerSpan

__all__ = ["Hit", "Ranking", "dedupe", "earliest_first", "is_headline", "newest_first", "time_told"]


@dataclass(frozen=True)
class Hit:
    """A passage ranked for a question, with the sentence that answers best."""

    passage: Passage
    document: Document
    score: float  # BM25 of the question's terms plus that of their synonyms
    quality: float  # 0..1: BM25 and sentence coverage, relative to the best candidate
    coverage: float  # share of the question's information in the best sentence
    sentence: str
    span: AnswerSpan | None  # the piece of the sentence that answers, for typed questions
    answers: bool
    linked: bool  # the answer stands next to the question's words
    duplicates: tuple[Hit, ...] = ()  # lower-ranked hits of other documents saying the same
    context: float = 0.0  # share of the question's information in the whole passage
    anchor: frozenset[str] = frozenset()  # question terms standing next to the answer
    retrospective: bool = False  # tells an earlier value ("was first promised for 2015")
    posts: frozenset[str] = frozenset()  # for a person: the role terms the sentence gives them
    cause: bool = False  # its sentence gives a why question's cause, a doer, or a former post
    supersedes: AnswerSpan | None = None  # the value its sentence says the answer replaced


@dataclass(frozen=True)
class Ranking:
    """The ordered hits for a query, or an abstention with its reason."""

    query: Query
    hits: tuple[Hit, ...]
    abstained: bool
    reason: str | None = None
    band: int = 0  # how many of the first hits were comparable, and so ordered by date
    related: tuple[Hit, ...] = ()  # hits that answer the same question, for the timeline
    elsewhere: frozenset[str] = frozenset()  # passages whose person holds another body's post
    as_of: PubDate | None = None  # a cut-off the ranking found the question implies, when not given


def _alike(a: str, b: str) -> bool:
    """Whether two texts are one told twice (rapidfuzz ratio at least tuning.DUPLICATE_RATIO)."""
    # The ratio is at most 2·min/(len a + len b): texts of unlike length are never alike,
    # and most pairs are told apart by that alone.
    shorter, longer = sorted((len(a), len(b)))
    if 200 * shorter < tuning.DUPLICATE_RATIO * (shorter + longer):
        return False
    return fuzz.ratio(a, b, score_cutoff=tuning.DUPLICATE_RATIO) >= tuning.DUPLICATE_RATIO


def _same(hit: Hit, kept: Hit) -> bool:
    if _alike(hit.passage.text, kept.passage.text):
        return True
    return word_count(hit.sentence) >= tuning.DUPLICATE_MIN_WORDS and _alike(hit.sentence, kept.sentence)


def dedupe(hits: list[Hit]) -> list[Hit]:
    """Rank once what several documents say alike (a press release quoted twice); the
    first hit keeps the others as its duplicates, so every source can be cited."""
    kept: list[Hit] = []
    for hit in hits:
        for n, first in enumerate(kept):
            if _same(hit, first):
                sources = {first.document.id} | {d.document.id for d in first.duplicates}
                if hit.document.id not in sources:
                    kept[n] = replace(first, duplicates=(*first.duplicates, hit))
                break
        else:
            kept.append(hit)
    return kept


def _date_key(document: Document) -> dt.date:
    # Undated documents rank behind every dated one.
    return document.published.value if document.published else dt.date.min


def is_headline(hit: Hit) -> bool:
    """Whether a hit is its document's headline, which sums up the news the body tells."""
    title = fold(hit.document.title or "").strip()
    return hit.passage.position == 0 and fold(hit.passage.text).strip() == title


def _mentioned(hit: Hit) -> tuple[int, int]:
    """The latest time a hit's sentence mentions, (0, 0) when none."""
    return latest_mentioned(hit.sentence, hit.document.published) or (0, 0)


def time_told(hit: Hit) -> tuple[int, int]:
    """The time a hit's sentence speaks of: the latest it mentions ("appointed in 2011"),
    else when it was published (its present tense)."""
    published = hit.document.published
    now = (published.value.year, published.value.month) if published else (0, 0)
    return latest_mentioned(hit.sentence, published) or now


def newest_first(hits: Iterable[Hit]) -> list[Hit]:
    """Hits answering the same fact, newest document first; within one document the
    statement about the latest time, and the passage that tells the news before the
    headline that sums it up."""
    return sorted(
        hits,
        key=lambda h: (_date_key(h.document), _mentioned(h), not is_headline(h), h.quality),
        reverse=True,
    )


def earliest_first(hits: Iterable[Hit]) -> list[Hit]:
    """Hits answering the same fact, oldest document first, one saying "first" or
    "original" before others."""
    return sorted(hits, key=lambda h: (not FIRST.search(h.sentence), _date_key(h.document)))
