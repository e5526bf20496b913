"""The Telegram front end: `trustbot serve`, a python-telegram-bot v22 application.

Data flows one way: an update is vetted (updates), let through or refused (access),
limited (limits), handled (handlers, buttons, feedback, watch) by asking the `Engine`
held in the bot's state (state), and the answer formatted (format); app wires it all
and serves. Nothing here reads the index, the corpus or the ranking: only `Engine`.

May import: the standard library, python-telegram-bot, bot.engine, bot.errors,
bot.settings, bot.staff, bot.timeline_picture, bot.text, and the types that
travel on the engine's results (bot.answer, bot.corpus's Document).
"""

from __future__ import annotations

from .app import build_application, serve
from .limits import RetryingRateLimiter
from .logs import configure_logging
from .state import TrustBot

__all__ = ["RetryingRateLimiter", "TrustBot", "build_application", "configure_logging", "serve"]
