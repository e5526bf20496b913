"""The exceptions trustbot raises, one hierarchy so front ends can catch them all.

    TrustbotError
    ├── DocumentError      a document cannot be read, parsed or dated
    ├── CorpusError        the corpus as a whole is unusable (missing, empty)
    │   └── CorpusChangeError   a corpus add or remove could not be done; nothing changed
    ├── IndexError_        the index on disk is corrupt, unreadable or of another version
    ├── QuestionError      a question is empty, too long or not text
    ├── DateError          a date given by the user does not parse
    ├── UsageError         options that are empty or do not go together
    ├── OutputError        a file the user asked for cannot be written
    ├── QAFileError        a question–answer file is unreadable or malformed
    └── NoTimelineError    an answer has too few dated reports to draw

(`StoreError`, for the staff database, is in `bot/staff/store.py`.)

Every message is one line a user can act on; none carries a stack trace or a secret.

Imports nothing of trustbot.
"""

from __future__ import annotations

__all__ = [
    "CorpusChangeError",
    "CorpusError",
    "DateError",
    "DocumentError",
    "IndexError_",
    "NoTimelineError",
    "OutputError",
    "QAFileError",
    "QuestionError",
    "TrustbotError",
    "UsageError",
]


class TrustbotError(Exception):
    """Base of every error trustbot reports to a user."""


class DocumentError(TrustbotError):
    """A single document cannot be used; the rest of the corpus still loads."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class CorpusError(TrustbotError):
    """The corpus folder is missing or holds no usable document."""


class IndexError_(TrustbotError):  # noqa: N801 - trailing underscore avoids the builtin
    """The index on disk cannot be used as it is."""


class QuestionError(TrustbotError):
    """The question cannot be asked as given."""


class DateError(TrustbotError):
    """A date given by the user does not parse."""


class CorpusChangeError(CorpusError):
    """A corpus add or remove could not be done; the corpus is as it was."""


class UsageError(TrustbotError):
    """Options that are empty or do not go together."""


class OutputError(TrustbotError):
    """A file the user asked for cannot be written."""


class QAFileError(TrustbotError):
    """A question–answer file is unreadable or malformed."""


class NoTimelineError(TrustbotError):
    """An answer has fewer than two dated reports, so there is no timeline to draw."""
