"""Questions and commands: a private message, a group message addressed to the bot, /ask,
/asof, and /start, /help, /sources, /about, /reload.

Handlers are registered with `Access` filters (see app.py), so each one here may assume
its sender may use the bot. A question is answered off the event loop within the user's
rate limit, with "typing…" shown while a slow one is worked out, and its buttons below.

May import: the standard library, python-telegram-bot, bot (its version), bot.text,
bot.errors, and this package's access, buttons and format modules.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from telegram import BotCommand, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from .. import __version__
from ..errors import DateError, TrustbotError
from ..text.dates import PubDate, parse_as_of
from .access import addressed
from .buttons import Asked, keyboard
from .format import (
    QUOTE_CHARS,
    clip,
    format_about,
    format_answer,
    format_help,
    format_sources,
    format_start,
    format_usage,
)

if TYPE_CHECKING:
    from .state import TrustBot

__all__ = ["COMMANDS", "MAX_RESULTS", "Commands"]

#: The most passages a question can page through.
MAX_RESULTS = 20
#: "typing…" is shown only for an answer that takes noticeable time, as Telegram's Bot
#: API docs recommend for sendChatAction; a quick answer would arrive before it shows.
TYPING_AFTER = 0.2
#: Telegram shows "typing…" for about five seconds; refresh it a little sooner.
TYPING_REFRESH = 4.0

COMMANDS = (
    BotCommand("ask", "Ask a question (in groups too)"),
    BotCommand("asof", "Answer as things stood on a date: /asof 2016-12-31 question"),
    BotCommand("watch", "Tell me when an answer changes: /watch question"),
    BotCommand("watches", "The questions you watch"),
    BotCommand("unwatch", "Stop watching one: /unwatch N"),
    BotCommand("sources", "The documents I answer from"),
    BotCommand("about", "The corpus and when its index was built"),
    BotCommand("help", "How to ask, and the commands"),
    BotCommand("start", "What I know, with example questions"),
)


async def _reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    message = update.effective_message
    if message is not None:
        await message.reply_html(text, reply_markup=markup)


class Commands:
    """The question and command handlers of one bot."""

    def __init__(self, bot: TrustBot) -> None:
        self.bot = bot

    def _usage(self, command: str) -> str:
        """How to use a command, with the first example question."""
        return format_usage(command, self.bot.settings.example_questions[0])

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start: what the bot knows, example questions, the date range."""
        user = update.effective_user
        settings = self.bot.settings
        welcome = format_start(
            self.bot.span(), settings.topic, settings.example_questions, user.first_name if user else None
        )
        await _reply(update, welcome)

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/help: the commands."""
        await _reply(update, format_help(admin=self.bot.access.is_admin(update)))

    async def sources(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/sources: each document with its title, publisher and date."""
        if not await self.bot.within_limit(update):  # a long list costs many messages
            return
        for text in format_sources(self.bot.engine.sources()):
            await _reply(update, text)

    async def about(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/about: the corpus and when its index was built."""
        await _reply(update, format_about(self.bot.span(), __version__))

    async def reload(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/reload (admins): load the index again from disk, answering meanwhile."""
        await _reply(update, await self.bot.reload_engine("requested by an admin"))

    async def reload_refused(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/reload from a member who is not an administrator."""
        await _reply(update, "Only administrators can reload the index.")

    async def unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Any other /command in a private chat."""
        await _reply(update, "I don't know that command. /help lists the ones I do.")

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A photo, sticker, voice note... in a private chat."""
        await _reply(update, "I can only read questions written as text. /help shows how to ask.")

    async def ask_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/ask <question>."""
        question = " ".join(context.args or [])
        if not question:
            return await _reply(update, self._usage("ask"))
        await self.answer(update, context, question)

    async def asof_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/asof YYYY[-MM[-DD]] <question>: answer as things stood then."""
        args = context.args or []
        if len(args) < 2:
            return await _reply(update, self._usage("asof"))
        try:
            as_of = parse_as_of(args[0])
        except DateError as exc:
            quoted = clip(args[0], QUOTE_CHARS // 3)
            usage = self._usage("asof")
            return await _reply(update, f"Can't use “{quoted}” as a date: {clip(str(exc))}.\n{usage}")
        await self.answer(update, context, " ".join(args[1:]), as_of)

    async def private_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A plain message in a private chat is a question."""
        message = update.effective_message
        if message and message.text:
            await self.answer(update, context, message.text)

    async def group_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A group message that mentions the bot or replies to it: the question in it."""
        message = update.effective_message
        question = addressed(message, context.bot.username, context.bot.id) if message else None
        if question is not None:
            await self.answer(update, context, question)

    async def answer(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, question: str, as_of: PubDate | None = None
    ) -> None:
        """Answer a question in its chat, with its buttons, within the user's rate limit."""
        message = update.effective_message
        if message is None or not await self.bot.within_limit(update):
            return
        engine = self.bot.engine  # a reload swaps the bot's engine; this question keeps its own
        async with _typing(context, message.chat_id):
            try:
                answer = await asyncio.to_thread(engine.ask, question, as_of, MAX_RESULTS)
            except TrustbotError as exc:
                return await _reply(update, f"Sorry: {clip(str(exc))}.")
        texts = format_answer(answer)
        markup = None
        if not answer.abstained and answer.results:
            asked = Asked(answer, message.chat_id, engine.generation)
            markup = keyboard(asked, shown=1, sources=answer.results[:1], extras=True)
        for n, text in enumerate(texts):
            await _reply(update, text, markup if n == len(texts) - 1 else None)


@contextlib.asynccontextmanager
async def _typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in the chat while the body runs, if it runs long; never breaks the reply."""

    sending: asyncio.Task[None] | None = None

    async def keep_typing() -> None:
        nonlocal sending
        await asyncio.sleep(TYPING_AFTER)
        while True:
            sending = asyncio.create_task(_send_typing(context, chat_id))
            await asyncio.sleep(TYPING_REFRESH)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        if sending is not None:
            await sending  # so "typing…" never arrives after the reply


async def _send_typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    with contextlib.suppress(TelegramError):  # a lost "typing…" is no reason to fail
        await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
