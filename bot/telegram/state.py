"""The running bot's state: the engine it answers from, reloaded when the index changes,
who may use it, the per-user limit, and the store of votes and watched questions.

Every question goes to the same `Engine` as the command line; a reload opens the index
again off the event loop and swaps the engine in, while questions go on being answered
by the old one, and asks the watched questions again when the index generation changed.

May import: the standard library, python-telegram-bot, bot.engine, bot.errors,
bot.settings, bot.staff, and this package's access, limits, format, handlers (the
command menu), feedback and watch modules.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from telegram import Bot, Update
from telegram.ext import Application

from ..engine import Engine
from ..errors import TrustbotError
from ..settings import Settings
from ..staff import Store
from .access import Access
from .feedback import FeedbackHandlers
from .format import DocumentSpan, escape
from .handlers import COMMANDS
from .limits import UserRateLimit
from .watch import WatchHandlers

__all__ = ["SLOW_DOWN", "EngineOpener", "TrustBot"]

logger = logging.getLogger(__name__)

EngineOpener = Callable[[], Engine]

SLOW_DOWN = "You're asking faster than I can answer well. Please wait about {seconds} s and ask again."


class TrustBot:
    """The bot's state (engine, access, limits, store) and its feedback and watch handlers."""

    def __init__(self, settings: Settings, engine: Engine, open_engine: EngineOpener) -> None:
        self.settings = settings
        self.engine = engine
        self._open_engine = open_engine
        self.access = Access(settings)
        self._limit = UserRateLimit(settings.rate_limit)
        self._reload_lock = asyncio.Lock()
        self._generation = engine.generation
        self._watcher: asyncio.Task[None] | None = None
        self._bot: Bot | None = None
        self.store = Store(settings.data_dir)
        self.feedback = FeedbackHandlers(self.store)
        self.watching = WatchHandlers(self, self.store)

    async def within_limit(self, update: Update) -> bool:
        """Whether the user may ask now; the first time they may not, they are told."""
        user, chat = update.effective_user, update.effective_chat
        who = user.id if user else chat.id if chat else 0
        verdict = self._limit.check(who)
        if verdict == "warn" and update.effective_message is not None:
            await update.effective_message.reply_html(SLOW_DOWN.format(seconds=self._limit.wait(who)))
        return verdict == "ok"

    def span(self) -> DocumentSpan:
        """What the current engine knows, for /start and /about."""
        info = self.engine.info()
        return DocumentSpan(info.documents, info.passages, info.oldest, info.newest, info.built_at)

    async def reload_engine(self, why: str) -> str:
        """Open the index again off the event loop and swap it in; a one-line report."""
        async with self._reload_lock:
            try:
                engine = await asyncio.to_thread(self._open_engine)
            except TrustbotError as exc:
                logger.warning("reload (%s) failed: %s", why, exc)
                return f"Reload failed, still answering from the previous index: {escape(str(exc))}"
            self.engine = engine
            previous = self._generation
            # The generation this engine holds, not whatever CURRENT says by now: a save
            # landing during the reload must still be noticed by the watcher.
            self._generation = engine.generation
            if self._generation != previous and self._bot is not None:
                self.watching.schedule(engine, self._bot)  # watched questions, asked again
            for notice in engine.notices:
                logger.info("reload: %s", notice)
            span = self.span()
            logger.info("reloaded (%s): %d documents, %d passages", why, span.documents, span.passages)
            return (
                f"Reloaded: {span.documents} documents, {span.passages} passages "
                f"(index built {escape(span.built_at)})."
            )

    async def watch_index(self, interval: float) -> None:
        """Reload whenever the index on disk changes (e.g. after `trustbot index build`)."""
        while True:
            await asyncio.sleep(interval)
            try:
                generation = self.engine.generation_on_disk()
                if generation != self._generation and not self._reload_lock.locked():
                    await self.reload_engine("the index on disk changed")
            except Exception:  # the watcher must outlive any one failure
                logger.exception("watching the index failed")

    async def post_init(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Register the command menu and start watching the index."""
        self._bot = application.bot
        await application.bot.set_my_commands(list(COMMANDS))
        if self.settings.index_watch_seconds > 0:
            self._watcher = asyncio.create_task(self.watch_index(self.settings.index_watch_seconds))

    async def post_shutdown(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Stop watching the index, and any re-check of watched questions."""
        if self._watcher:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
        await self.watching.stop()
