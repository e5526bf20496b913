"""Updates as Telegram sends them, vetted one by one before python-telegram-bot parses them.

`Bot.get_updates` parses a batch with `Update.de_list`: one update it cannot parse raises
for the whole batch, and the Updater asks for the same batch again, forever. `TolerantBot`
vets the raw batch first (`vet_updates`): an update PTB cannot parse, or whose message a
handler could not read (no chat, no sender id, text that is not text), is logged in one
line and replaced by its bare id, which no handler matches and the poller moves past.

May import: the standard library and python-telegram-bot.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from telegram import Bot, CallbackQuery, Chat, Message, Update, User
from telegram.ext import ExtBot

from ..text.patterns import lazy_compile

__all__ = ["TolerantBot", "update_problem", "vet_updates"]

logger = logging.getLogger(__name__)

#: The longest account of a malformed update that reaches the log.
PROBLEM_CHARS = 200
_MESSAGE_FIELDS = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_message",
    "edited_business_message",
)


_SURROGATE = lazy_compile(r"[\ud800-\udfff]")


def _has_surrogate(raw: object) -> bool:
    """Whether any text in the JSON holds a lone surrogate (escaped as \\ud800): not Unicode,
    so it can neither be measured in UTF-16 nor sent back."""
    stack: list[object] = [raw]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if _SURROGATE.search(node):
                return True
        elif isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def _is_int(value: object) -> bool:
    return type(value) is int  # not bool, which JSON's true would be


def _one_line(text: str, limit: int = PROBLEM_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _message_problem(message: object, where: str) -> str | None:
    """What the handlers would trip over in a message, or None."""
    if not isinstance(message, Message):
        return f"{where} is not a message"
    chat = message.chat
    if not isinstance(chat, Chat) or not _is_int(chat.id) or not isinstance(chat.type, str):
        return f"{where} has no chat"
    if not _is_int(message.message_id):
        return f"{where} has no message_id"
    if not isinstance(message.date, datetime):
        return f"{where} has no date"
    if message.text is not None and not isinstance(message.text, str):
        return f"{where} has a text that is not text"
    sender = message.from_user
    if sender is not None and (not isinstance(sender, User) or not _is_int(sender.id)):
        return f"{where} has a sender without an id"
    for entity in message.entities or ():
        if not (_is_int(entity.offset) and _is_int(entity.length) and isinstance(entity.type, str)):
            return f"{where} has a malformed entity"
    replied = message.reply_to_message
    if replied is not None:
        sender = replied.from_user
        if sender is not None and (not isinstance(sender, User) or not _is_int(sender.id)):
            return f"{where} replies to a message whose sender has no id"
    return None


def _query_problem(query: CallbackQuery) -> str | None:
    if not isinstance(query.id, str) or not query.id:
        return "callback_query has no id"
    if not isinstance(query.from_user, User) or not _is_int(query.from_user.id):
        return "callback_query has no sender"
    if query.data is not None and not isinstance(query.data, str):
        return "callback_query data is not text"
    if query.message is not None:
        chat = query.message.chat
        if not isinstance(chat, Chat) or not _is_int(chat.id):
            return "callback_query message has no chat"
    return None


def update_problem(raw: object, bot: Bot | None = None) -> str | None:
    """What is wrong with one update as received (raw JSON), in one line; None when it is
    well-formed. Never raises: python-telegram-bot refusing to parse it is a problem, and
    so is a message a handler could not read (no chat, no sender id, text that is not text)."""
    if not isinstance(raw, dict):
        return f"not an object but {type(raw).__name__}"
    if not _is_int(raw.get("update_id")):
        return "no numeric update_id"
    if _has_surrogate(raw):
        return "text that is not valid Unicode (a lone surrogate)"
    try:
        update = Update.de_json(raw, bot)
        for name in _MESSAGE_FIELDS:
            message = getattr(update, name, None)
            if message is not None and (problem := _message_problem(message, name)):
                return problem
        if update.callback_query is not None:
            return _query_problem(update.callback_query)
    except Exception as exc:  # whatever the parser trips on, it is this update's fault
        return _one_line(f"{type(exc).__name__}: {exc}")
    return None


def vet_updates(raws: Iterable[object], bot: Bot | None = None) -> list[dict[str, Any]]:
    """A getUpdates batch with each malformed update replaced by a bare `{"update_id": n}`,
    logged once, in one line. The bare update matches no handler, and the poller still
    moves its offset past it, so it is never fetched again."""
    vetted: list[dict[str, Any]] = []
    for raw in raws:
        problem = update_problem(raw, bot)
        if problem is None:
            assert isinstance(raw, dict)
            vetted.append(raw)
            continue
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if _is_int(update_id):
            logger.warning("skipped malformed update %d: %s", update_id, problem)
            vetted.append({"update_id": update_id})
        else:  # nothing to skip past: Telegram numbers every update, so this is no update
            logger.warning("skipped malformed update without an id: %s", problem)
    return vetted


class TolerantBot(ExtBot[Any]):
    """PTB's bot, with each polled batch vetted update by update (`vet_updates`) before PTB
    parses it: one update it cannot parse no longer sinks its whole batch."""

    async def _post(self, endpoint: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            return vet_updates(result, self)
        return result
