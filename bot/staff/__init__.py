"""What staff keep between questions: their votes on answers and the questions they
watch, in one SQLite file; votes exported as question–answer pairs; watched questions
asked again when the index changes.

May import `engine`, `answer` (its result types), `dates`, `atomic` and `errors`; the
front ends use it, never the reverse.
"""

from __future__ import annotations

from .export import Export, export_pairs, write_pairs
from .store import (
    DB_NAME,
    MAX_REPLY_CHARS,
    MAX_WATCHES,
    SCHEMA_VERSION,
    Store,
    StoreError,
    TooManyWatches,
    Vote,
    Watch,
    clip_reply,
)
from .watching import MAX_VALUE_CHARS, Change, answer_value, changes

__all__ = [
    "DB_NAME",
    "MAX_REPLY_CHARS",
    "MAX_VALUE_CHARS",
    "MAX_WATCHES",
    "SCHEMA_VERSION",
    "Change",
    "Export",
    "Store",
    "StoreError",
    "TooManyWatches",
    "Vote",
    "Watch",
    "answer_value",
    "changes",
    "clip_reply",
    "export_pairs",
    "write_pairs",
]
