"""Votes turned into question–answer pairs in the evaluation format, for a person to review.

A 👍 becomes a pair whose answer is the short answer shown, from the document of the
passage shown first (kind `fact`, or `as_of` with its date). A 👎 with a reply becomes a
pair whose answer is the reply; since the reply does not say which document holds it,
every document of the corpus counts as the right source until the reviewer narrows `docs`
down. A 👎 without a reply has no answer to test and is left out. Each row is marked
`"reviewed": false`; `trustbot eval` ignores fields it does not know.

May import `text`, `atomic`, `errors` and this package's `store`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import OutputError, TrustbotError
from ..text.dates import parse_as_of
from .store import Vote

__all__ = ["Export", "export_pairs", "write_pairs"]


@dataclass(frozen=True)
class Export:
    """The pairs made from votes, and how many votes could not become one."""

    rows: tuple[dict[str, Any], ...]
    unanswered: int  # 👎 without a reply: no answer to test
    no_answer: int  # 👍 on an answer without a short answer (a why question)


def _doc_of(passage_id: str) -> str:
    """The document of a passage id (`doc_id#n`)."""
    return passage_id.rsplit("#", 1)[0]


def _cutoff(as_of: str | None) -> str | None:
    """A stored cut-off as the evaluation format's YYYY-MM-DD (its first day)."""
    if not as_of:
        return None
    try:
        return parse_as_of(as_of).value.isoformat()
    except TrustbotError:
        return None


def export_pairs(votes: Iterable[Vote], corpus_docs: Sequence[str]) -> Export:
    """Question–answer rows for the votes, oldest first, each `"reviewed": false`."""
    rows: list[dict[str, Any]] = []
    unanswered = no_answer = 0
    for vote in sorted(votes, key=lambda v: v.id):
        if vote.good:
            if not vote.short or not vote.passages:
                no_answer += 1
                continue
            answer, docs = vote.short, [_doc_of(vote.passages[0])]
        else:
            if not vote.reply:
                unanswered += 1
                continue
            answer, docs = vote.reply, list(corpus_docs)
        as_of = _cutoff(vote.as_of)
        kind = "as_of" if as_of else "fact"
        row: dict[str, Any] = {
            "id": f"feedback-{vote.id}",
            "question": vote.question,
            "answers": [answer],
            "short": [answer],
            "docs": docs,
            "kind": kind,
            "category": kind,
            "reviewed": False,
            "vote": "up" if vote.good else "down",
            "shown": vote.short,
        }
        if as_of:
            row["as_of"] = as_of
        rows.append(row)
    return Export(tuple(rows), unanswered, no_answer)


def write_pairs(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    """Write the rows as JSON lines, replacing the file in one step."""
    data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
