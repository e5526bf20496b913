"""The bot's log: one handler on stderr, the token and webhook secret never written.

httpx logs every request URL, and a Bot API URL holds the token: its logger is quieted,
and every line passes through `TokenRedactor` last. PTB's own reports of Telegram errors
(a refused token, a network outage) are kept to one line unless TRUSTBOT_DEBUG is set.

May import: the standard library, python-telegram-bot and `bot.settings`.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from telegram.error import TelegramError

from ..settings import debug_enabled

__all__ = ["BriefTelegramErrors", "TokenRedactor", "configure_logging"]


class TokenRedactor(logging.Filter):
    """Replaces secrets in every log record, message, arguments and traceback alike."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        """The text with every secret replaced."""
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record with its secrets replaced; never drops it."""
        if not self._secrets:
            return True
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class BriefTelegramErrors(logging.Filter):
    """Keeps PTB's own reports of Telegram errors to one line: the traceback is about PTB's
    internals, not something an operator can act on."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Drop the traceback of a TelegramError that PTB itself logs; never drops the record."""
        error = record.exc_info[1] if record.exc_info else None
        if record.name.startswith("telegram") and isinstance(error, TelegramError):
            record.msg = f"{record.getMessage()}: {type(error).__name__}: {error}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def configure_logging(*secrets: str, level: int = logging.INFO, stream: Any = None) -> logging.Handler:
    """Log to stderr (or `stream`) with secrets redacted and httpx's URL logging quieted."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if not debug_enabled():
        handler.addFilter(BriefTelegramErrors())
    handler.addFilter(TokenRedactor(*secrets))  # last: it sees every change made before
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL at INFO, and a Bot API URL holds the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return handler
