"""Notices: one typed line about something met while loading a corpus or opening its index.

A notice says what happened (`kind`), to which file (`path`, when one), and why
(`message`); printed, it reads as one line, `path: message`. Front ends print or log it;
code that acts on notices reads their fields, never their text.

May import: nothing of trustbot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Notice", "NoticeKind"]

NoticeKind = Literal[
    "skipped",  # a document, or the metadata file, left out; the rest still loads
    "undated",  # a document loaded without a date: it ranks behind dated ones
    "stray entry",  # a metadata entry that names no document
    "rebuilding",  # the saved index cannot be used as it is and is built again
    "not saved",  # a rebuilt index could not be written to disk
]


@dataclass(frozen=True)
class Notice:
    """One thing a user should know about a corpus or its index."""

    kind: NoticeKind
    message: str
    path: str | None = None  # the file it is about; None for the corpus or index as a whole

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path is not None else self.message
