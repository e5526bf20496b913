"""Who may use the bot, as python-telegram-bot filters, and the refusal for everyone else.

The bot is closed by default: with no allow-list nobody may use it, unless
TRUSTBOT_OPEN_TO_EVERYONE is true; an allow-list (users, chats or both) wins over that.
Handlers take `Access.members` (or `Access.admins`) as their filter, and the handlers
registered last refuse whoever is left, when the message was meant for the bot (a private
chat, a command, or a group message addressed to it); group chatter gets no reply at all.
Button presses, which message filters do not see, are checked by `Access.gate`.

May import: the standard library, python-telegram-bot, bot.settings.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Message, MessageEntity, Update
from telegram.ext import ApplicationHandlerStop, ContextTypes, filters

from ..settings import Settings

__all__ = ["REFUSAL", "TO_THE_BOT", "Access", "access_summary", "addressed", "refuse"]

logger = logging.getLogger(__name__)

REFUSAL = "Sorry, this bot is private. Ask its administrator to add your user id <code>{user}</code>."
PRIVATE = "Sorry, this bot is private."


def addressed(message: Message, username: str, bot_id: int) -> str | None:
    """The question in a group message addressed to the bot (a mention of it, or a reply to
    it); None when it isn't."""
    text = message.text or ""
    mention = f"@{username}".lower()
    found = False
    for entity, value in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        if value.lower() == mention or (entity.user is not None and entity.user.id == bot_id):
            text = text.replace(value, " ")
            found = True
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        found = True
    question = " ".join(text.split()).strip(" ,:")
    return question if found and question else None


class _ToTheBot(filters.MessageFilter):
    """Group messages that mention the bot or reply to it, with a question in them."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        return addressed(message, bot.username, bot.id) is not None


#: Messages addressed to the bot (see `addressed`).
TO_THE_BOT = _ToTheBot(name="TO_THE_BOT")


class Access:
    """Who may use the bot, from the settings: `members` may ask, `admins` may /reload and
    see /feedback (whether or not they are members)."""

    def __init__(self, settings: Settings) -> None:
        self._users = filters.User(user_id=settings.allowed_users)
        self._chats = filters.Chat(chat_id=settings.allowed_chats)
        listed = bool(settings.allowed_users or settings.allowed_chats)
        self.open = settings.open_to_everyone and not listed
        self.members: filters.BaseFilter = filters.ALL if self.open else self._users | self._chats
        self.admins = filters.User(user_id=settings.admin_users)

    def is_admin(self, update: Update) -> bool:
        """Whether the message's sender is an administrator."""
        return bool(self.admins.check_update(update))

    def admits_press(self, query: CallbackQuery) -> bool:
        """Whether a button press comes from a member (the user, or the chat of the message)."""
        if self.open:
            return True
        chat = query.message.chat.id if query.message is not None else None
        return query.from_user.id in self._users.user_ids or chat in self._chats.chat_ids

    async def gate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Turn away a button press from whoever may not use the bot; let the others through."""
        query = update.callback_query
        if query is not None and not self.admits_press(query):
            await refuse(update, context)
            raise ApplicationHandlerStop


async def refuse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Turn away someone the allow-lists leave out: one short refusal, one log line."""
    user, chat = update.effective_user, update.effective_chat
    logger.info("refused user %s in chat %s", user.id if user else "?", chat.id if chat else "?")
    if update.callback_query:
        await update.callback_query.answer(PRIVATE)
    elif update.effective_message:
        await update.effective_message.reply_html(REFUSAL.format(user=user.id if user else "?"))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def access_summary(settings: Settings) -> str | None:
    """Who may use the bot, for the start-up log: "open to everyone", "2 users, 1 chat";
    None when nobody may (no allow-list, and not opened)."""
    users, chats = len(settings.allowed_users), len(settings.allowed_chats)
    if users or chats:
        listed = f"{_count(users, 'user')}, {_count(chats, 'chat')}"
        if settings.open_to_everyone:
            listed += " (TRUSTBOT_OPEN_TO_EVERYONE is ignored while an allow-list is set)"
        return listed
    if settings.open_to_everyone:
        return "open to everyone (TRUSTBOT_OPEN_TO_EVERYONE=true)"
    return None
