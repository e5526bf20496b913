"""Telegram watched questions and timeline pictures: /watch, /watches, /unwatch, the 🔔 and
Timeline buttons, and the update messages sent when a new index changes an answer.

Whenever the bot loads a new index generation, `recheck` asks every watched question
again (`watching.changes`, off the event loop) and messages each watcher whose answer
changed, with the new citation. A chat that blocked the bot (403 Forbidden) has its
watches dropped instead of being retried at every new index.

May import: the standard library, python-telegram-bot, bot.engine, bot.errors, bot.staff,
bot.staff, bot.timeline_picture, and this package's buttons and format modules.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

from telegram import Bot, InputFile, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from ..engine import Engine
from ..errors import TrustbotError
from ..staff import Change, Store, StoreError, TooManyWatches, Watch, answer_value, changes
from ..timeline_picture import render_timeline
from .buttons import TimelineOf, WatchQuestion, pressed
from .format import QUOTE_CHARS, clip, escape, format_citation, format_usage, pack

if TYPE_CHECKING:
    from .state import TrustBot

__all__ = ["TIMELINE_FILE", "WatchHandlers", "format_change"]

logger = logging.getLogger(__name__)

TIMELINE_FILE = "timeline.png"
NOT_SAVED = "Sorry, I couldn't save that just now; the administrator can see why in the log."


def _was(value: str | None) -> str:
    return clip(value, QUOTE_CHARS) if value else "no answer"


def format_change(change: Change) -> str:
    """The update message: the question, its new answer in bold, what it was, the citation."""
    question = clip(change.watch.question, QUOTE_CHARS)
    was = _was(change.watch.short)
    if change.now is None:
        head = f"Update on “{question}”: the documents no longer answer it (was {was})"
        return head
    head = f"Update on “{question}”: now <b>{clip(change.now, QUOTE_CHARS)}</b> (was {was})"
    results = change.answer.results
    return f"{head}\n{format_citation(results[0].citation)}" if results else head


def _format_watch(n: int, watch: Watch) -> str:
    as_of = f" (as of {escape(watch.as_of)})" if watch.as_of else ""
    return f"{n}. “{clip(watch.question, QUOTE_CHARS)}”{as_of} — now: <b>{_was(watch.short)}</b>"


class WatchHandlers:
    """Watched questions and timeline pictures of one bot (its handlers are registered for
    those who may use the bot)."""

    def __init__(self, host: TrustBot, store: Store) -> None:
        self.host = host
        self.store = store
        self._lock = asyncio.Lock()  # one re-check at a time: each watcher is told once
        self._tasks: set[asyncio.Task[int]] = set()

    def _usage(self) -> str:
        """How to watch a question, with the first example question."""
        return format_usage("watch", self.host.settings.example_questions[0])

    # -- making and listing watches ----------------------------------------------------

    async def _add(self, user: int, chat: int, question: str, as_of: str | None, short: str | None) -> str:
        """Store a watch; the line to tell the user."""
        try:
            added = await asyncio.to_thread(
                self.store.add_watch, user_id=user, chat_id=chat, question=question, as_of=as_of, short=short
            )
        except TooManyWatches as exc:
            return str(exc)
        except StoreError as exc:
            logger.warning("watch for user %d not saved: %s", user, exc)
            return NOT_SAVED
        if not added:
            return f"You already watch “{clip(question, QUOTE_CHARS)}”."
        return (
            f"🔔 Watching “{clip(question, QUOTE_CHARS)}” — now <b>{_was(short)}</b>. "
            "I'll message you when the answer changes. /watches lists what you watch."
        )

    async def watch(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/watch <question>: be told when its answer changes."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        question = " ".join(context.args or [])
        if not question:
            await message.reply_html(self._usage())
            return
        if not await self.host.within_limit(update):
            return
        engine = self.host.engine
        try:
            answer = await asyncio.to_thread(engine.ask, question)
        except TrustbotError as exc:
            await message.reply_html(f"Sorry: {clip(str(exc))}.")
            return
        reply = await self._add(user.id, message.chat_id, answer.question, None, answer_value(answer))
        await message.reply_html(reply)

    async def watch_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """🔔 under an answer: watch its question."""
        query, press = pressed(update, WatchQuestion)
        asked = press.asked
        answer = asked.answer
        as_of = answer.as_of.iso() if answer.as_of else None
        reply = await self._add(
            query.from_user.id, asked.chat_id, answer.question, as_of, answer_value(answer)
        )
        await query.answer()
        await context.bot.send_message(asked.chat_id, reply)

    async def watches(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/watches: the questions this user watches here, numbered."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        try:
            found = await asyncio.to_thread(self.store.watches, chat_id=message.chat_id, user_id=user.id)
        except StoreError as exc:
            logger.warning("/watches: %s", exc)
            await message.reply_html(NOT_SAVED.replace("save", "read"))
            return
        if not found:
            await message.reply_html(f"You watch no questions. {self._usage()}")
            return
        blocks = ["<b>Your watched questions</b> (/unwatch <i>N</i> stops one):"]
        blocks += [_format_watch(n, w) for n, w in enumerate(found, 1)]
        for text in pack(blocks):
            await message.reply_html(text)

    async def unwatch(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/unwatch N: stop watching the N-th question of /watches."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        args = context.args or []
        if len(args) != 1 or not args[0].isascii() or not args[0].isdigit() or len(args[0]) > 6:
            await message.reply_html("Say which one: <code>/unwatch 2</code> (/watches numbers them).")
            return
        try:
            removed = await asyncio.to_thread(
                self.store.remove_watch, chat_id=message.chat_id, user_id=user.id, number=int(args[0])
            )
        except StoreError as exc:
            logger.warning("/unwatch: %s", exc)
            await message.reply_html(NOT_SAVED)
            return
        if removed is None:
            await message.reply_html(f"There is no watch number {int(args[0])}; /watches lists them.")
            return
        await message.reply_html(f"Stopped watching “{clip(removed.question, QUOTE_CHARS)}”.")

    # -- the timeline picture ----------------------------------------------------------

    async def timeline_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Timeline under an answer: the picture of its dated reports."""
        query, press = pressed(update, TimelineOf)
        asked = press.asked
        if not await self.host.within_limit(update):
            await query.answer()
            return
        try:
            png = await asyncio.to_thread(render_timeline, asked.answer)
        except TrustbotError as exc:
            await query.answer(str(exc), show_alert=True)
            return
        await query.answer()
        caption = f"How the answer to “{clip(asked.answer.question, QUOTE_CHARS)}” changed over time"
        await context.bot.send_photo(asked.chat_id, InputFile(png, filename=TIMELINE_FILE), caption=caption)

    # -- asking watched questions again ------------------------------------------------

    def schedule(self, engine: Engine, bot: Bot) -> None:
        """Ask the watched questions again in the background, against a newly loaded index."""
        task = asyncio.create_task(self.recheck(engine, bot))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def stop(self) -> None:
        """Cancel re-checks still running (at shutdown)."""
        for task in list(self._tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def recheck(self, engine: Engine, bot: Bot) -> int:
        """Tell every watcher whose answer changed; how many were told."""
        async with self._lock:
            try:
                watches = await asyncio.to_thread(self.store.watches)
                found = await asyncio.to_thread(changes, engine, watches)
            except StoreError as exc:
                logger.warning("watched questions not asked again: %s", exc)
                return 0
            told = 0
            blocked: set[int] = set()
            for change in found:
                chat = change.watch.chat_id
                if chat in blocked:
                    continue
                try:
                    await bot.send_message(chat, format_change(change))
                except Forbidden as exc:
                    blocked.add(chat)
                    await self._drop(chat, exc)
                    continue
                except TelegramError as exc:  # told at the next new index instead
                    logger.warning("update for watch %d not sent: %s", change.watch.id, exc)
                    continue
                told += 1
                await self._record(change)
            logger.info("asked %d watched questions again: %d answers changed", len(watches), len(found))
            return told

    async def _drop(self, chat: int, exc: Any) -> None:
        try:
            dropped = await asyncio.to_thread(self.store.drop_chat, chat)
        except StoreError as error:
            logger.warning("chat %d blocked the bot, but its watches could not be dropped: %s", chat, error)
            return
        logger.info("chat %d blocked the bot (%s): dropped its %d watches", chat, exc, dropped)

    async def _record(self, change: Change) -> None:
        try:
            await asyncio.to_thread(self.store.set_watch_short, change.watch.id, change.now)
        except StoreError as exc:
            logger.warning("watch %d: the new answer was sent but not recorded: %s", change.watch.id, exc)
