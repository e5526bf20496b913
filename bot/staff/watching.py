"""Watched questions asked again on a new index: which answers changed, and to what.

`answer_value` is what a watch remembers of an answer (its short answer; the answer
sentence when there is no short one; None when the documents do not answer), and
`changes` asks every watch again and returns those whose value differs.

May import `engine`, `answer` (its result types), `errors` and this package's `store`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from ..answer import Answer
from ..engine import Engine
from ..errors import TrustbotError
from .store import Watch

__all__ = ["MAX_VALUE_CHARS", "Change", "answer_value", "changes"]

logger = logging.getLogger(__name__)

#: The most of an answer sentence a watch keeps when the answer has no short form.
MAX_VALUE_CHARS = 300


@dataclass(frozen=True)
class Change:
    """A watched question whose answer is no longer the one its watcher was told."""

    watch: Watch
    answer: Answer
    now: str | None


def answer_value(answer: Answer) -> str | None:
    """What a watch compares: the short answer, else the answer sentence; None for "I don't know"."""
    if answer.abstained:
        return None
    value = answer.short or answer.answer
    return value[:MAX_VALUE_CHARS] if value else None


def changes(engine: Engine, watches: Iterable[Watch]) -> list[Change]:
    """The watches whose answer from `engine` differs from the one last told."""
    found = []
    for watch in watches:
        try:
            answer = engine.ask(watch.question, watch.as_of)
        except TrustbotError as exc:  # e.g. a longer question limit than now
            logger.warning("watch %d cannot be asked again: %s", watch.id, exc)
            continue
        now = answer_value(answer)
        if now != watch.short:
            found.append(Change(watch, answer, now))
    return found
