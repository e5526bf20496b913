"""Score the engine on question–answer pairs: ranking, abstention, short answers and timelines.

The format and the scoring are those of `shared/eval/README.md`. An answerable question
is a hit at rank k when the k-th passage comes from one of its `docs`, contains one of
its `answers` and is at most 200 words long; a short answer is right when it has at most
12 words and contains one of the pair's `short`; a timeline entry is right when its
`said` or `sentence` contains one of the pair's `earlier` values. Text is compared after
folding case, curly quotes and white space. Every figure is reported overall and per
category, with the misses and what each got wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .answer import Answer, Result
from .engine import Engine
from .errors import TrustbotError

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

Kind = Literal["fact", "latest", "as_of", "none"]
KINDS = ("fact", "latest", "as_of", "none")
CATEGORIES = ("fact", "latest", "as_of", "casual", "why_how", "none")
MRR_DEPTH = 5
MAX_PASSAGE_WORDS = 200  # a longer passage is a page, which would contain every answer
MAX_SHORT_WORDS = 12
WIDTH = 100  # columns of the rendered report
NA = "–"  # a figure with nothing to measure

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def normalise(text: str) -> str:
    """Text as the scoring compares it: case, curly quotes and white space folded."""
    return " ".join(text.translate(_QUOTES).casefold().split())


# --- pairs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QAPair:
    """One evaluation question with what counts as its answer."""

    id: str
    question: str
    answers: tuple[str, ...]
    docs: tuple[str, ...]
    kind: Kind
    as_of: str | None = None
    short: tuple[str, ...] = ()  # accepted one-line answers; () when none is scored
    earlier: tuple[str, ...] = ()  # values older documents gave for the same fact
    category: str = ""  # one of CATEGORIES; empty means the kind
    timeline_known: bool = False  # the row states `earlier` (even as []), so its timeline is scored

    def __post_init__(self) -> None:
        """Default the category to the kind."""
        if not self.category:
            object.__setattr__(self, "category", self.kind)

    @property
    def answerable(self) -> bool:
        """Whether the documents answer the question."""
        return self.kind != "none"


def _strings(row: dict[str, Any], key: str) -> tuple[str, ...]:
    """A row's list of non-blank strings under `key`, () when absent."""
    value = row.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TypeError(f"{key!r} must be a list of non-blank strings")
    return tuple(value)


def _pair(row: Any) -> QAPair:
    """The pair a parsed JSON row describes; KeyError, TypeError or ValueError if it is not one."""
    if not isinstance(row, dict):
        raise TypeError("not a JSON object")
    kind = row["kind"]
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    category = row.get("category", kind)
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}")
    as_of = row.get("as_of")
    if as_of is not None and not isinstance(as_of, str):
        raise TypeError("'as_of' must be a string")
    return QAPair(
        id=str(row["id"]),
        question=str(row["question"]),
        answers=_strings(row, "answers"),
        docs=_strings(row, "docs"),
        kind=kind,
        as_of=as_of,
        short=_strings(row, "short"),
        earlier=_strings(row, "earlier"),
        category=category,
        timeline_known="earlier" in row,
    )


def load_pairs(path: Path) -> list[QAPair]:
    """Read a JSON-lines file of question–answer pairs; TrustbotError names a bad line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise TrustbotError(f"{path}: cannot read ({exc})") from None
    pairs = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            pair = _pair(json.loads(line))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            detail = " ".join(str(exc).split())
            raise TrustbotError(
                f"{path}:{number}: not a question–answer pair ({type(exc).__name__}: {detail})"
            ) from None
        if pair.answerable and not (pair.answers and pair.docs):
            raise TrustbotError(f"{path}:{number}: an answerable pair needs answers and docs")
        pairs.append(pair)
    if not pairs:
        raise TrustbotError(f"{path}: no question–answer pairs")
    return pairs


# --- one answer -------------------------------------------------------------------------

_REASON_ANSWERED = "answered (should abstain)"
_REASON_ABSTAINED = "abstained"
_REASON_NO_HIT = f"not in top {MRR_DEPTH}"
_REASON_SHORT = "short answer wrong"
_REASON_TL_WRONG = "timeline wrong entry"
_REASON_TL_MISSING = "timeline missing value"


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
            return () if self.abstained and not self.returned else (_REASON_ANSWERED,)
        reasons = []
        if self.abstained:
            reasons.append(_REASON_ABSTAINED)
        elif self.rank != 1:
            reasons.append(f"rank {self.rank}" if self.rank else _REASON_NO_HIT)
        if self.short_ok is False:
            reasons.append(_REASON_SHORT)
        if self.timeline_scored and self.timeline_right < self.timeline_entries:
            reasons.append(_REASON_TL_WRONG)
        if self.timeline_found < len(self.pair.earlier):
            reasons.append(_REASON_TL_MISSING)
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


# --- metrics ----------------------------------------------------------------------------


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


@dataclass(frozen=True)
class EvalReport:
    """Metrics over a set of pairs, and each pair's score."""

    scores: tuple[Score, ...] = field(default=())

    @property
    def answerable(self) -> list[Score]:
        """Scores of the answerable questions."""
        return [s for s in self.scores if s.pair.answerable]

    @property
    def overall(self) -> Metrics:
        """The metrics over every pair."""
        return Metrics.of(self.scores)

    def by_category(self) -> dict[str, Metrics]:
        """The metrics of each category present, in the order of CATEGORIES."""
        present = {s.pair.category for s in self.scores}
        order = [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))
        return {c: Metrics.of(s for s in self.scores if s.pair.category == c) for c in order}

    @property
    def hit_at_1(self) -> float:
        """Share of answerable questions hit at rank 1; 0.0 when none is answerable."""
        return self.overall.hit_at_1 or 0.0

    @property
    def mrr_at_5(self) -> float:
        """Mean reciprocal rank of the first hit within the top 5; 0.0 when none is answerable."""
        return self.overall.mrr_at_5 or 0.0

    @property
    def abstention_accuracy(self) -> float:
        """Share of unanswerable questions rightly abstained on; 0.0 when there are none."""
        return self.overall.abstention_accuracy or 0.0

    @property
    def misses(self) -> list[Score]:
        """The pairs the engine got wrong on any count."""
        return [s for s in self.scores if not s.correct]

    def to_json(self) -> dict[str, Any]:
        """The report as a JSON object: headline figures, overall, per category, misses."""
        return {
            "questions": len(self.scores),
            "answerable": len(self.answerable),
            "hit_at_1": round(self.hit_at_1, 4),
            "mrr_at_5": round(self.mrr_at_5, 4),
            "abstention_accuracy": round(self.abstention_accuracy, 4),
            "overall": self.overall.to_json(),
            "by_category": {c: m.to_json() for c, m in self.by_category().items()},
            "misses": [s.to_json() for s in self.misses],
        }


def evaluate(engine: Engine, pairs: list[QAPair]) -> EvalReport:
    """Ask every question and score the answers."""
    return EvalReport(
        tuple(score_answer(p, engine.ask(p.question, as_of=p.as_of, top_k=MRR_DEPTH)) for p in pairs)
    )


# --- text report ------------------------------------------------------------------------

_SHORT_REASONS = {
    _REASON_SHORT: "short",
    _REASON_TL_WRONG: "tl wrong entry",
    _REASON_TL_MISSING: "tl missing",
}


def _fit(text: str, width: int) -> str:
    """The text on one line, cut to `width` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _figure(value: float | None, applies: bool = True) -> str:
    return f"{value:.3f}" if value is not None and applies else NA


def _metrics_row(name: str, m: Metrics) -> list[str]:
    return [
        name,
        str(m.n),
        _figure(m.hit_at_1),
        _figure(m.mrr_at_5),
        _figure(m.abstention_accuracy),
        str(m.false_abstentions) if m.answerable else NA,
        _figure(m.short_accuracy),
        _figure(m.timeline_precision, m.timeline_entries > 0),
        _figure(m.timeline_recall, m.timeline_values > 0),
    ]


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], left: int) -> list[str]:
    """Rows in columns two spaces apart: the first `left` columns aligned left, the others right."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(
            c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in [header, *rows]
    ]


def _got(s: Score) -> str:
    """What the engine gave: abstention, rank or passages, and its short answer when that counts."""
    if s.abstained:
        return "abstained"
    if s.pair.answerable:
        got = f"rank {s.rank}" if s.rank else "no hit"
    else:
        got = f"{s.returned} passage{'' if s.returned == 1 else 's'}"
    if s.short_ok is not None or (not s.pair.answerable and s.short is not None):
        got += f" · “{s.short}”" if s.short is not None else " · no short"
    return got


def render(report: EvalReport) -> str:
    """The report as plain text at most 100 columns wide: figures per category, then the misses."""
    header = ["category", "n", "hit@1", "MRR@5", "abst.", "false abst.", "short", "tl prec", "tl rec"]
    rows = [_metrics_row(c, m) for c, m in report.by_category().items()]
    rows.append(_metrics_row("all", report.overall))
    lines = _table(header, rows, left=1)
    misses = report.misses
    lines.append("")
    if not misses:
        lines.append("misses  none")
        return "\n".join(lines)
    lines.append(f"misses  {len(misses)} of {len(report.scores)}")
    cells = [
        [
            _fit(s.pair.id, 16),
            _fit(s.pair.category, 8),
            _fit(", ".join(_SHORT_REASONS.get(r, r) for r in s.reasons), 25),
            _fit(_got(s), 21),
        ]
        for s in misses
    ]
    head = ["id", "category", "what went wrong", "got"]
    used = sum(max(len(r[i]) for r in [head, *cells]) + 2 for i in range(len(head)))
    room = WIDTH - used  # at least 22: the other columns are cut to 78 at most
    rows = [[*c, _fit(s.pair.question, room)] for c, s in zip(cells, misses, strict=True)]
    lines.extend(_table([*head, "question"], rows, left=5))
    return "\n".join(lines)
