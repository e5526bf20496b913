"""Question–answer pairs in the format of `shared/eval/README.md`, read and checked.

May import `errors`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import QAFileError

__all__ = ["CATEGORIES", "KINDS", "Kind", "QAPair", "load_pairs", "normalise"]

Kind = Literal["fact", "latest", "as_of", "none"]

KINDS = ("fact", "latest", "as_of", "none")

CATEGORIES = ("fact", "latest", "as_of", "casual", "why_how", "none")

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
        raise QAFileError(f"{path}: cannot read ({exc})") from None
    pairs = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            pair = _pair(json.loads(line))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            detail = " ".join(str(exc).split())
            raise QAFileError(
                f"{path}:{number}: not a question–answer pair ({type(exc).__name__}: {detail})"
            ) from None
        if pair.answerable and not (pair.answers and pair.docs):
            raise QAFileError(f"{path}:{number}: an answerable pair needs answers and docs")
        pairs.append(pair)
    if not pairs:
        raise QAFileError(f"{path}: no question–answer pairs")
    return pairs
