"""Score the engine on question–answer pairs: hit@1, MRR@5 and abstention accuracy.

The format and the scoring are those of `shared/eval/README.md`: an answerable question
is a hit at rank k when the k-th passage comes from one of its `docs` and contains one
of its `answers`, text compared after folding case, curly quotes and white space.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .answer import Answer
from .engine import Engine
from .errors import TrustbotError

__all__ = ["EvalReport", "QAPair", "Score", "evaluate", "load_pairs", "normalise"]

Kind = Literal["fact", "latest", "as_of", "none"]
KINDS = ("fact", "latest", "as_of", "none")
MRR_DEPTH = 5
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def normalise(text: str) -> str:
    """Text as the scoring compares it: case, curly quotes and white space folded."""
    return " ".join(text.translate(_QUOTES).casefold().split())


@dataclass(frozen=True)
class QAPair:
    """One evaluation question with what counts as its answer."""

    id: str
    question: str
    answers: tuple[str, ...]
    docs: tuple[str, ...]
    kind: Kind
    as_of: str | None = None


@dataclass(frozen=True)
class Score:
    """How the engine did on one pair."""

    pair: QAPair
    rank: int | None  # rank of the first hit within MRR_DEPTH, None if none
    abstained: bool
    top: str | None  # the first passage returned, for the misses table

    @property
    def correct(self) -> bool:
        """Right: a none question abstained, an answerable one hit at rank 1."""
        return self.abstained if self.pair.kind == "none" else self.rank == 1


@dataclass(frozen=True)
class EvalReport:
    """Metrics over a set of pairs, and each pair's score."""

    scores: tuple[Score, ...] = field(default=())

    @property
    def answerable(self) -> list[Score]:
        """Scores of the answerable questions."""
        return [s for s in self.scores if s.pair.kind != "none"]

    @property
    def hit_at_1(self) -> float:
        """Share of answerable questions hit at rank 1."""
        a = self.answerable
        return sum(s.rank == 1 for s in a) / len(a) if a else 0.0

    @property
    def mrr_at_5(self) -> float:
        """Mean reciprocal rank of the first hit within the top 5."""
        a = self.answerable
        return sum(1 / s.rank for s in a if s.rank) / len(a) if a else 0.0

    @property
    def abstention_accuracy(self) -> float:
        """Share of unanswerable questions on which the engine abstained."""
        n = [s for s in self.scores if s.pair.kind == "none"]
        return sum(s.abstained for s in n) / len(n) if n else 0.0

    @property
    def misses(self) -> list[Score]:
        """The pairs the engine got wrong."""
        return [s for s in self.scores if not s.correct]

    def to_json(self) -> dict[str, Any]:
        """The report as a JSON object."""
        return {
            "questions": len(self.scores),
            "answerable": len(self.answerable),
            "hit_at_1": round(self.hit_at_1, 4),
            "mrr_at_5": round(self.mrr_at_5, 4),
            "abstention_accuracy": round(self.abstention_accuracy, 4),
            "misses": [
                {"id": s.pair.id, "kind": s.pair.kind, "question": s.pair.question, "rank": s.rank,
                 "abstained": s.abstained, "top": s.top}
                for s in self.misses
            ],
        }  # fmt: skip


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
            row = json.loads(line)
            kind = row["kind"]
            if kind not in KINDS:
                raise ValueError(f"unknown kind {kind!r}")
            pair = QAPair(
                id=str(row["id"]),
                question=str(row["question"]),
                answers=tuple(row.get("answers", [])),
                docs=tuple(row.get("docs", [])),
                kind=kind,
                as_of=row.get("as_of"),
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise TrustbotError(
                f"{path}:{number}: not a question–answer pair ({type(exc).__name__}: {exc})"
            ) from None
        if pair.kind != "none" and not (pair.answers and pair.docs):
            raise TrustbotError(f"{path}:{number}: an answerable pair needs answers and docs")
        pairs.append(pair)
    if not pairs:
        raise TrustbotError(f"{path}: no question–answer pairs")
    return pairs


def _first_hit(pair: QAPair, answer: Answer) -> int | None:
    wanted = [normalise(a) for a in pair.answers]
    for result in answer.results[:MRR_DEPTH]:
        text = normalise(result.passage)
        if result.citation.doc_id in pair.docs and any(w in text for w in wanted):
            return result.rank
    return None


def evaluate(engine: Engine, pairs: list[QAPair]) -> EvalReport:
    """Ask every question and score the answers."""
    scores = []
    for pair in pairs:
        answer = engine.ask(pair.question, as_of=pair.as_of, top_k=MRR_DEPTH)
        top = answer.results[0].passage_id if answer.results else None
        scores.append(Score(pair, _first_hit(pair, answer), answer.abstained, top))
    return EvalReport(tuple(scores))
