"""Score one answer against its pair: rank of the first hit, abstention, short answer and
timeline, as `shared/eval/README.md` says; and the metrics of many scores.

An answerable question is a hit at rank k when the k-th passage comes from one of its
`docs`, contains one of its `answers` and is at most 200 words long; a short answer is
right when it has at most 12 words and contains one of the pair's `short`; a timeline
entry is right when its `said` or `sentence` contains one of the pair's `earlier` values.
May import `answer` (its result types) and this package's `pairs`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..answer import Answer, Result
from .pairs import QAPair, normalise

__all__ = [
    "MRR_DEPTH",
    "REASON_SHORT",
    "REASON_TL_MISSING",
    "REASON_TL_WRONG",
    "Metrics",
    "Score",
    "hit",
    "score_answer",
]

MRR_DEPTH = 5

MAX_PASSAGE_WORDS = 200  # a longer passage is a page, which would contain every answer

MAX_SHORT_WORDS = 12

REASON_ANSWERED = "answered (should abstain)"

REASON_ABSTAINED = "abstained"

REASON_NO_HIT = f"not in top {MRR_DEPTH}"

REASON_SHORT = "short answer wrong"

REASON_TL_WRONG = "timeline wrong entry"

REASON_TL_MISSING = "timeline missing value"


@dataclass(frozen=True)
class Score:
    """How the engine did on one pair."""

    pair: QAPair
    rank: int | None  # rank of the first hit within MRR_DEPTH, None if none
    abstained: bool
    top: str | None  # the first passage returned, for the misses table
    short: str | None = None  # the engine's short answer
    short_ok: bool | None = None  # None when the pair has no gold short answer
    timeline_entries: int = 0  # entries of the engine's `earlier` timeline
    timeline_right: int = 0  # entries that report one of the pair's `earlier` values
    timeline_found: int = 0  # of the pair's `earlier` values, those some entry reports
    returned: int = 0  # how many passages the engine returned

    @property
    def timeline_scored(self) -> bool:
        """Whether the timeline counts: an answerable pair whose row states `earlier`."""
        return self.pair.answerable and self.pair.timeline_known

    @property
    def false_abstention(self) -> bool:
        """An answerable question on which the engine abstained."""
        return self.pair.answerable and self.abstained

    @property
    def reasons(self) -> tuple[str, ...]:
        """What the engine got wrong on this pair, in README terms; () when nothing."""
        if not self.pair.answerable:
            return () if self.abstained and not self.returned else (REASON_ANSWERED,)
        reasons = []
        if self.abstained:
            reasons.append(REASON_ABSTAINED)
        elif self.rank != 1:
            reasons.append(f"rank {self.rank}" if self.rank else REASON_NO_HIT)
        if self.short_ok is False:
            reasons.append(REASON_SHORT)
        if self.timeline_scored and self.timeline_right < self.timeline_entries:
            reasons.append(REASON_TL_WRONG)
        if self.timeline_found < len(self.pair.earlier):
            reasons.append(REASON_TL_MISSING)
        return tuple(reasons)

    @property
    def correct(self) -> bool:
        """Right on every count: rank or abstention, short answer and timeline."""
        return not self.reasons

    def to_json(self) -> dict[str, Any]:
        """The score as an entry of the report's `misses` list."""
        return {
            "id": self.pair.id,
            "category": self.pair.category,
            "kind": self.pair.kind,
            "question": self.pair.question,
            "rank": self.rank,
            "abstained": self.abstained,
            "top": self.top,
            "short": self.short,
            "reasons": list(self.reasons),
            "timeline_entries": self.timeline_entries,
            "timeline_right": self.timeline_right,
            "timeline_found": self.timeline_found,
        }


def hit(pair: QAPair, result: Result) -> bool:
    """Whether a passage answers the pair: from one of its docs, with an answer, at most 200 words."""
    if result.citation.doc_id not in pair.docs or len(result.passage.split()) > MAX_PASSAGE_WORDS:
        return False
    text = normalise(result.passage)
    return any(normalise(a) in text for a in pair.answers)


def _short_ok(pair: QAPair, short: str | None) -> bool | None:
    """Whether the short answer is right; None when the pair has no gold short answer."""
    if not pair.short:
        return None
    if short is None or len(short.split()) > MAX_SHORT_WORDS:
        return False
    text = normalise(short)
    return any(normalise(g) in text for g in pair.short)


def score_answer(pair: QAPair, answer: Answer) -> Score:
    """Score one answer against its pair."""
    rank = next((r.rank for r in answer.results[:MRR_DEPTH] if hit(pair, r)), None)
    values = [normalise(v) for v in pair.earlier]
    entries = [(normalise(e.said), normalise(e.sentence)) for e in answer.earlier]
    right = sum(any(v in said or v in sentence for v in values) for said, sentence in entries)
    found = sum(any(v in said or v in sentence for said, sentence in entries) for v in values)
    return Score(
        pair=pair,
        rank=rank,
        abstained=answer.abstained,
        top=answer.results[0].passage_id if answer.results else None,
        short=answer.short,
        short_ok=_short_ok(pair, answer.short),
        timeline_entries=len(entries),
        timeline_right=right,
        timeline_found=found,
        returned=len(answer.results),
    )


def _share(count: float, total: int) -> float | None:
    return count / total if total else None


@dataclass(frozen=True)
class Metrics:
    """The figures of a set of scores; a share is None when it has nothing to measure.

    Timeline precision is 1.0 when the engine listed no timeline entry at all, and recall
    is 1.0 when no scored pair has an `earlier` value: nothing was wrong, nothing missed.
    `timeline_entries` and `timeline_values` tell those cases apart from a perfect score.
    """

    n: int
    answerable: int
    unanswerable: int
    hit_at_1: float | None  # over answerable pairs
    mrr_at_5: float | None  # over answerable pairs
    abstention_accuracy: float | None  # over unanswerable pairs
    false_abstentions: int  # answerable pairs on which the engine abstained
    short_scored: int  # answerable pairs with a gold short answer
    short_accuracy: float | None  # over those
    timeline_entries: int  # entries listed on answerable pairs whose timeline is scored
    timeline_right: int
    timeline_precision: float
    timeline_values: int  # gold `earlier` values over the pairs that have some
    timeline_found: int
    timeline_recall: float
    misses: int

    @classmethod
    def of(cls, scores: Iterable[Score]) -> Metrics:
        """The metrics of these scores."""
        scores = list(scores)
        answerable = [s for s in scores if s.pair.answerable]
        none = [s for s in scores if not s.pair.answerable]
        shorts = [s for s in answerable if s.short_ok is not None]
        timed = [s for s in answerable if s.timeline_scored]
        entries = sum(s.timeline_entries for s in timed)
        right = sum(s.timeline_right for s in timed)
        with_values = [s for s in scores if s.pair.earlier]
        values = sum(len(s.pair.earlier) for s in with_values)
        found = sum(s.timeline_found for s in with_values)
        return cls(
            n=len(scores),
            answerable=len(answerable),
            unanswerable=len(none),
            hit_at_1=_share(sum(s.rank == 1 for s in answerable), len(answerable)),
            mrr_at_5=_share(sum(1 / s.rank for s in answerable if s.rank), len(answerable)),
            abstention_accuracy=_share(sum(not s.reasons for s in none), len(none)),
            false_abstentions=sum(s.false_abstention for s in answerable),
            short_scored=len(shorts),
            short_accuracy=_share(sum(bool(s.short_ok) for s in shorts), len(shorts)),
            timeline_entries=entries,
            timeline_right=right,
            timeline_precision=right / entries if entries else 1.0,
            timeline_values=values,
            timeline_found=found,
            timeline_recall=found / values if values else 1.0,
            misses=sum(not s.correct for s in scores),
        )

    def to_json(self) -> dict[str, Any]:
        """The metrics as a JSON object, shares rounded to four places."""
        return {
            "n": self.n,
            "answerable": self.answerable,
            "unanswerable": self.unanswerable,
            "hit_at_1": _round(self.hit_at_1),
            "mrr_at_5": _round(self.mrr_at_5),
            "abstention_accuracy": _round(self.abstention_accuracy),
            "false_abstentions": self.false_abstentions,
            "short_scored": self.short_scored,
            "short_accuracy": _round(self.short_accuracy),
            "timeline_entries": self.timeline_entries,
            "timeline_right": self.timeline_right,
            "timeline_precision": _round(self.timeline_precision),
            "timeline_values": self.timeline_values,
            "timeline_found": self.timeline_found,
            "timeline_recall": _round(self.timeline_recall),
            "misses": self.misses,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
