"""The buttons under an answer: what each one carries, the keyboards, and More results/Source.

The bot runs with python-telegram-bot's arbitrary callback data: a button carries one of
the typed presses below (the answer itself, not a key to look it up by), PTB keeps them
in its `CallbackDataCache` and hands them back on a press, so a button keeps working after
the index is reloaded. A press whose data PTB does not know (from before a restart, pushed
out of the cache, or forged) arrives as `InvalidCallbackData` and is answered `EXPIRED`.

May import: the standard library, python-telegram-bot, bot.answer (the Answer and Result
types), bot.timeline_picture, and this package's format module.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes, InvalidCallbackData

from ..answer import Answer, Result
from ..timeline_picture import has_timeline
from .format import clip, format_more, format_source

if TYPE_CHECKING:
    from .state import TrustBot

__all__ = [
    "EXPIRED",
    "MORE_PAGE",
    "Asked",
    "Buttons",
    "MoreResults",
    "SourceOf",
    "TimelineOf",
    "VoteOn",
    "WatchQuestion",
    "keyboard",
    "pressed",
]

logger = logging.getLogger(__name__)

#: Passages a "More results" press shows.
MORE_PAGE = 3
EXPIRED = "That answer has expired; please ask again."


@dataclass(frozen=True, eq=False)  # one asking: two of the same question are two answers
class Asked:
    """A question answered in a chat, as its buttons carry it."""

    answer: Answer
    chat_id: int
    generation: str | None = None  # the index generation that answered
    #: Names it where keeping the answer itself would hold its memory (a vote's "already voted").
    key: str = field(default_factory=lambda: secrets.token_urlsafe(8))


@dataclass(frozen=True)
class MoreResults:
    """Show the passages after the first `shown`."""

    asked: Asked
    shown: int


@dataclass(frozen=True)
class SourceOf:
    """Show one passage whole, with where it comes from."""

    asked: Asked
    result: Result


@dataclass(frozen=True)
class VoteOn:
    """👍 (`good`) or 👎 on the answer."""

    asked: Asked
    good: bool


@dataclass(frozen=True)
class WatchQuestion:
    """🔔: be told when the answer to this question changes."""

    asked: Asked


@dataclass(frozen=True)
class TimelineOf:
    """Draw how the answer changed over time."""

    asked: Asked


P = TypeVar("P", MoreResults, SourceOf, VoteOn, WatchQuestion, TimelineOf)


def pressed(update: Update, kind: type[P]) -> tuple[CallbackQuery, P]:
    """The press and what its button carries (its handler's pattern has checked the kind)."""
    query = update.callback_query
    data: object = query.data if query is not None else None
    if query is None or not isinstance(data, kind):
        raise TypeError(f"not a press of a {kind.__name__} button: {type(data).__name__}")
    return query, data


def keyboard(
    asked: Asked, *, shown: int, sources: Sequence[Result], extras: bool = False
) -> InlineKeyboardMarkup | None:
    """Source buttons for the passages just shown, and "More results" while any remain; with
    `extras` (the answer's own message), 👍 👎 🔔 and, for two dated reports or more, Timeline."""
    row = [
        InlineKeyboardButton(
            "Source" if len(sources) == 1 else f"Source {result.rank}", callback_data=SourceOf(asked, result)
        )
        for result in sources
    ]
    rows = [row] if row else []
    if shown and shown < len(asked.answer.results):
        rows.append([InlineKeyboardButton("More results", callback_data=MoreResults(asked, shown))])
    if extras:
        row = [
            InlineKeyboardButton("👍", callback_data=VoteOn(asked, good=True)),
            InlineKeyboardButton("👎", callback_data=VoteOn(asked, good=False)),
            InlineKeyboardButton("🔔", callback_data=WatchQuestion(asked)),
        ]
        if has_timeline(asked.answer):
            row.append(InlineKeyboardButton("Timeline", callback_data=TimelineOf(asked)))
        rows.append(row)
    return InlineKeyboardMarkup(rows) if rows else None


def _without(markup: InlineKeyboardMarkup | None, data: object) -> InlineKeyboardMarkup | None:
    """The keyboard without the button that carries `data`."""
    if markup is None:
        return None
    rows = [[b for b in row if b.callback_data != data] for row in markup.inline_keyboard]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(rows) if rows else None


class Buttons:
    """More results, Source, and the reply to a button the bot no longer knows."""

    def __init__(self, bot: TrustBot) -> None:
        self.bot = bot

    async def more(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """More results: the next passages, each with its Source button."""
        query, press = pressed(update, MoreResults)
        await query.answer()
        results = press.asked.answer.results
        page = results[press.shown : press.shown + MORE_PAGE]
        if isinstance(query.message, Message):  # this button is used: take it off
            with contextlib.suppress(BadRequest):  # e.g. the message is too old to edit
                await query.message.edit_reply_markup(_without(query.message.reply_markup, press))
        texts = format_more(page)
        markup = keyboard(press.asked, shown=press.shown + len(page), sources=page)
        for i, text in enumerate(texts):
            last = i == len(texts) - 1
            await context.bot.send_message(press.asked.chat_id, text, reply_markup=markup if last else None)

    async def source(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Source: one passage whole, with everything known about where it comes from."""
        query, press = pressed(update, SourceOf)
        await query.answer()
        for text in format_source(press.result):
            await context.bot.send_message(press.asked.chat_id, text)

    async def expired(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button the bot does not know (stale, forged, or without data): say it expired."""
        query = update.callback_query
        if query is None:
            return
        data = query.data.callback_data if isinstance(query.data, InvalidCallbackData) else query.data
        logger.info("button %r from user %d: unknown or expired", clip(str(data), 80), query.from_user.id)
        await query.answer(EXPIRED)
