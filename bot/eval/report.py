"""Run the engine over pairs and report: figures overall and per category, and the misses.

May import `engine` and this package's `pairs` and `scoring`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..engine import Engine
from .pairs import CATEGORIES, QAPair
from .scoring import MRR_DEPTH, REASON_SHORT, REASON_TL_MISSING, REASON_TL_WRONG, Metrics, Score, score_answer

__all__ = ["EvalReport", "evaluate", "render"]

WIDTH = 100  # columns of the rendered report

NA = "–"  # a figure with nothing to measure


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


_SHORT_REASONS = {
    REASON_SHORT: "short",
    REASON_TL_WRONG: "tl wrong entry",
    REASON_TL_MISSING: "tl missing",
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
