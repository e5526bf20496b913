"""The Telegram front end: `trustbot serve`, a python-telegram-bot v22 application.

Staff ask in a private chat, or in a group by mentioning the bot, replying to it or with
/ask. Every question goes to the same `Engine` as the command line, off the event loop;
this module only decides who may ask, how often, and how the reply is delivered.

Delivery: PTB's `AIORateLimiter` keeps outgoing messages within Telegram's limits and
retries `RetryAfter`; `RetryingRateLimiter` adds retries with back-off for network errors
and 5xx replies, so an answer is not lost to a hiccup. The token never reaches a log: the
httpx logger (which prints request URLs, token included) is quieted, and every log line
passes through `TokenRedactor`.

Robustness: `TolerantBot` vets each polled update on its own, so one that PTB cannot
parse (or a handler could not read) is logged in one line and skipped, not fetched again
forever; button data is parsed strictly (`parse_button`). The bot is closed by default:
`serve` refuses to start with no allow-list unless TRUSTBOT_OPEN_TO_EVERYONE is true.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import re
import secrets
import sys
import time
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from telegram import (
    Bot,
    BotCommand,
    CallbackQuery,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    Update,
    User,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    ExtBot,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from . import __version__
from .answer import Answer
from .dates import PubDate, parse_as_of
from .engine import Engine
from .errors import DateError, TrustbotError
from .settings import Settings
from .store import Store
from .telegram_feedback import FeedbackHandlers
from .telegram_format import (
    QUOTE_CHARS,
    DocumentSpan,
    clip,
    escape,
    format_about,
    format_answer,
    format_help,
    format_more,
    format_source,
    format_sources,
    format_start,
)
from .telegram_watch import WatchHandlers
from .timeline_plot import has_timeline

__all__ = [
    "COMMANDS",
    "BriefTelegramErrors",
    "RetryingRateLimiter",
    "TokenRedactor",
    "TolerantBot",
    "TrustBot",
    "UserRateLimit",
    "access_summary",
    "build_application",
    "configure_logging",
    "parse_button",
    "serve",
    "update_problem",
    "vet_updates",
]

logger = logging.getLogger(__name__)

# PTB 22 warns on every `RetryAfter` unless durations are opted in to being timedeltas,
# as they will be in v23; nothing here reads them as integers.
os.environ.setdefault("PTB_TIMEDELTA", "1")

#: Passages a "More results" press shows, and the most a question can page through.
MORE_PAGE = 3
MAX_RESULTS = 20
#: Answers kept for their buttons; older buttons say the answer has expired.
REMEMBERED_ANSWERS = 1000
#: Network errors and 5xx replies: retries, and the first back-off (doubling each time).
NETWORK_RETRIES = 4
RETRY_BASE_DELAY = 0.5
#: `RetryAfter` (HTTP 429) retries, each after the wait Telegram asks for.
RETRY_AFTER_RETRIES = 3
#: "typing…" is shown only for an answer that takes noticeable time, as Telegram's Bot
#: API docs recommend for sendChatAction; a quick answer would arrive before it shows.
TYPING_AFTER = 0.2
#: Telegram shows "typing…" for about five seconds; refresh it a little sooner.
TYPING_REFRESH = 4.0
RATE_WINDOW = 60.0
EXIT_OK, EXIT_ERROR = 0, 1
#: Citations link their sources; a preview card under every answer would bury it.
NO_PREVIEWS = LinkPreviewOptions(is_disabled=True)

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

NO_TOKEN = """\
trustbot: no Telegram bot token is configured, so there is nothing to serve.
  1. In Telegram, talk to @BotFather (https://t.me/BotFather), send /newbot and follow it.
  2. Put the token it gives you in .env:  TRUSTBOT_TELEGRAM_TOKEN=123456:ABC...
  3. Run `trustbot serve` again.
Meanwhile, ask the same questions in the terminal with `trustbot chat`."""

#: One line: a staff tool is closed until someone says who may use it.
CLOSED = (
    "trustbot: error: no one may use the bot: list who may in TRUSTBOT_ALLOWED_USERS and/or "
    "TRUSTBOT_ALLOWED_CHATS (comma-separated Telegram ids), or set TRUSTBOT_OPEN_TO_EVERYONE=true "
    "to let anyone on Telegram use it"
)

REFUSAL = "Sorry, this bot is private. Ask its administrator to add your user id <code>{user}</code>."
SLOW_DOWN = "You're asking faster than I can answer well. Please wait about {seconds} s and ask again."
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
EXPIRED = "That answer has expired; please ask again."


# --- logging ----------------------------------------------------------------------------


class TokenRedactor(logging.Filter):
    """Replaces secrets in every log record, message, arguments and traceback alike."""

    def __init__(self, *secrets_: str) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets_ if s)

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
    """Keeps PTB's own reports of Telegram errors (a refused token, a network outage) to
    one line: the traceback is about PTB's internals, not something an operator can act on."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Drop the traceback of a TelegramError that PTB itself logs; never drops the record."""
        error = record.exc_info[1] if record.exc_info else None
        if record.name.startswith("telegram") and isinstance(error, TelegramError):
            record.msg = f"{record.getMessage()}: {type(error).__name__}: {error}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def configure_logging(*secrets_: str, level: int = logging.INFO, stream: Any = None) -> logging.Handler:
    """Log to stderr (or `stream`) with secrets redacted and httpx's URL logging quieted."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if os.environ.get("TRUSTBOT_DEBUG", "").lower() not in ("1", "true", "yes"):
        handler.addFilter(BriefTelegramErrors())
    handler.addFilter(TokenRedactor(*secrets_))  # last: it sees every change made before
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL at INFO, and a Bot API URL holds the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return handler


# --- delivery ---------------------------------------------------------------------------


class RetryingRateLimiter(AIORateLimiter):
    """PTB's rate limiter that also retries network errors and 5xx replies, with back-off."""

    def __init__(
        self,
        network_retries: int = NETWORK_RETRIES,
        base_delay: float = RETRY_BASE_DELAY,
        max_retries: int = RETRY_AFTER_RETRIES,
        **kwargs: Any,
    ) -> None:
        super().__init__(max_retries=max_retries, **kwargs)
        self._network_retries = network_retries
        self._base_delay = base_delay

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Send one Bot API request within the limits, retrying what can succeed later."""
        delay = self._base_delay
        attempt = 0
        while True:
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:  # the request itself is wrong: sending it again cannot help
                raise
            except NetworkError as exc:  # 5xx, timeouts, refused connections
                if attempt >= self._network_retries:
                    raise
                attempt += 1
                logger.warning(
                    "Bot API %s failed (%s); retry %d of %d in %.1f s",
                    endpoint,
                    exc,
                    attempt,
                    self._network_retries,
                    delay,
                )
                await asyncio.sleep(delay)
                delay *= 2


# --- updates ----------------------------------------------------------------------------

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


_SURROGATE = re.compile(r"[\ud800-\udfff]")


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
    """PTB's bot, but one update it cannot parse no longer sinks its whole batch.

    `Bot.get_updates` parses a batch with `Update.de_list`: one bad update raises for all,
    the Updater logs it with the batch and asks again for the same batch, forever. Here the
    raw batch is vetted update by update (`vet_updates`) before PTB parses it."""

    async def _post(self, endpoint: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            return vet_updates(result, self)
        return result


class UserRateLimit:
    """At most `limit` questions per user in any `window` seconds."""

    def __init__(self, limit: int, window: float = RATE_WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._asked: dict[int, deque[float]] = {}
        self._warned: set[int] = set()

    def check(self, user: int, now: float | None = None) -> Literal["ok", "warn", "drop"]:
        """ "ok" to answer; "warn" the first time over the limit; "drop" after that."""
        now = time.monotonic() if now is None else now
        times = self._asked.setdefault(user, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            self._warned.discard(user)
            return "ok"
        if user in self._warned:
            return "drop"
        self._warned.add(user)
        return "warn"

    def wait(self, user: int, now: float | None = None) -> int:
        """Seconds until the user may ask again."""
        now = time.monotonic() if now is None else now
        times = self._asked.get(user)
        if not times:
            return 0
        return max(1, round(self.window - (now - times[0])))


@dataclass(frozen=True)
class _Asked:
    """A question answered, kept so its buttons can show more of it."""

    answer: Answer
    chat_id: int
    generation: str | None = None  # the index generation that answered


class _Memory:
    """The last answers, by a short key that fits in a button's callback data."""

    def __init__(self, size: int = REMEMBERED_ANSWERS) -> None:
        self._size = size
        self._items: OrderedDict[str, _Asked] = OrderedDict()

    def keep(self, asked: _Asked) -> str:
        key = secrets.token_urlsafe(6)
        self._items[key] = asked
        while len(self._items) > self._size:
            self._items.popitem(last=False)
        return key

    def get(self, key: str) -> _Asked | None:
        return self._items.get(key)


# --- the bot ----------------------------------------------------------------------------


EngineOpener = Callable[[], Engine]
Handler = Callable[["TrustBot", Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def _members_only(handler: Handler) -> Handler:
    """A handler that first turns away whoever the allow-lists leave out."""

    @functools.wraps(handler)
    async def guarded(self: TrustBot, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not self.allowed(update):
            return await self.refuse(update)
        await handler(self, update, context)

    return guarded


class TrustBot:
    """The bot's state (engine, limits, remembered answers) and its handlers."""

    def __init__(self, settings: Settings, engine: Engine, open_engine: EngineOpener) -> None:
        self.settings = settings
        self.engine = engine
        self._open_engine = open_engine
        self._limit = UserRateLimit(settings.rate_limit)
        self._memory = _Memory()
        self._reload_lock = asyncio.Lock()
        self._generation = engine.generation
        self._watcher: asyncio.Task[None] | None = None
        self._bot: Bot | None = None
        self.store = Store(settings.data_dir)
        self.feedback = FeedbackHandlers(self, self.store)
        self.watching = WatchHandlers(self, self.store)

    # -- access ------------------------------------------------------------------------

    def allowed(self, update: Update) -> bool:
        """Whether the update's user (or chat) may use the bot: listed, or the bot is open.

        An allow-list wins over `open_to_everyone`; with neither, nobody may."""
        users, chats = self.settings.allowed_users, self.settings.allowed_chats
        if not users and not chats:
            return self.settings.open_to_everyone
        user, chat = update.effective_user, update.effective_chat
        return (user is not None and user.id in users) or (chat is not None and chat.id in chats)

    def is_admin(self, update: Update) -> bool:
        """Whether the update's user may run /reload."""
        user = update.effective_user
        return user is not None and user.id in self.settings.admin_users

    async def refuse(self, update: Update) -> None:
        """Turn away someone the allow-lists leave out: one short refusal, one log line."""
        user = update.effective_user
        logger.info(
            "refused user %s in chat %s",
            user.id if user else "?",
            update.effective_chat.id if update.effective_chat else "?",
        )
        if update.callback_query:
            await update.callback_query.answer("Sorry, this bot is private.")
        elif update.effective_message:
            await update.effective_message.reply_html(REFUSAL.format(user=user.id if user else "?"))

    async def within_limit(self, update: Update) -> bool:
        """Whether the user may ask now; the first time they may not, they are told."""
        user, chat = update.effective_user, update.effective_chat
        who = user.id if user else chat.id if chat else 0
        verdict = self._limit.check(who)
        if verdict == "warn":
            await _reply(update, SLOW_DOWN.format(seconds=self._limit.wait(who)))
        return verdict == "ok"

    def span(self) -> DocumentSpan:
        """What the current engine knows, for /start and /about."""
        info = self.engine.info()
        return DocumentSpan(info.documents, info.passages, info.oldest, info.newest, info.built_at)

    # -- commands ----------------------------------------------------------------------

    @_members_only
    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start: what the bot knows, example questions, the date range."""
        user = update.effective_user
        await _reply(update, format_start(self.span(), user.first_name if user else None))

    @_members_only
    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/help: the commands."""
        await _reply(update, format_help(admin=self.is_admin(update)))

    @_members_only
    async def sources(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/sources: each document with its title, publisher and date."""
        if not await self.within_limit(update):  # a long list costs many messages
            return
        for text in format_sources(self.engine.sources()):
            await _reply(update, text)

    @_members_only
    async def about(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/about: the corpus and when its index was built."""
        await _reply(update, format_about(self.span(), __version__))

    @_members_only
    async def ask_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/ask <question>."""
        question = " ".join(context.args or [])
        if not question:
            return await _reply(update, "Ask like this: <code>/ask when will the trust go live?</code>")
        await self.answer(update, context, question)

    @_members_only
    async def asof_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/asof YYYY[-MM[-DD]] <question>: answer as things stood then."""
        args = context.args or []
        usage = "Ask like this: <code>/asof 2016-12-31 when will the trust go live?</code>"
        if len(args) < 2:
            return await _reply(update, usage)
        try:
            as_of = parse_as_of(args[0])
        except DateError as exc:
            return await _reply(
                update, f"Can't use “{clip(args[0], QUOTE_CHARS // 3)}” as a date: {clip(str(exc))}.\n{usage}"
            )
        await self.answer(update, context, " ".join(args[1:]), as_of)

    async def reload(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/reload (admins): load the index again from disk, answering meanwhile."""
        if not self.allowed(update) and not self.is_admin(update):
            return await self.refuse(update)
        if not self.is_admin(update):
            return await _reply(update, "Only administrators can reload the index.")
        await _reply(update, await self.reload_engine("requested by an admin"))

    @_members_only
    async def unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Any other /command in a private chat."""
        await _reply(update, "I don't know that command. /help lists the ones I do.")

    @_members_only
    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A photo, sticker, voice note... in a private chat."""
        await _reply(update, "I can only read questions written as text. /help shows how to ask.")

    # -- questions ---------------------------------------------------------------------

    @_members_only
    async def private_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A plain message in a private chat is a question."""
        message = update.effective_message
        if message and message.text:
            await self.answer(update, context, message.text)

    async def group_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A group message is a question only when it mentions the bot or replies to it."""
        message = update.effective_message
        if message is None or not message.text:
            return
        question = _addressed(message, context.bot.username, context.bot.id)
        if question is None:
            return  # chatter not meant for the bot: not even a refusal
        if not self.allowed(update):
            return await self.refuse(update)
        await self.answer(update, context, question)

    async def answer(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, question: str, as_of: PubDate | None = None
    ) -> None:
        """Answer a question in its chat, within the user's rate limit (callers check access)."""
        message = update.effective_message
        if message is None:
            return
        if not await self.within_limit(update):
            return
        engine = self.engine  # a reload swaps self.engine; this question keeps its engine
        async with _typing(context, message.chat_id):
            try:
                answer = await asyncio.to_thread(engine.ask, question, as_of, MAX_RESULTS)
            except TrustbotError as exc:
                return await _reply(update, f"Sorry: {clip(str(exc))}.")
        texts = format_answer(answer)
        markup = None
        if not answer.abstained and answer.results:
            key = self._memory.keep(_Asked(answer, message.chat_id, engine.generation))
            markup = _buttons(key, answer, shown=1, source_ranks=(1,), extras=True)
        for n, text in enumerate(texts):
            await _reply(update, text, markup if n == len(texts) - 1 else None)

    @_members_only
    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The buttons under an answer: More results, Source, 👍/👎, 🔔 and Timeline."""
        query = update.callback_query
        if query is None:
            return
        button = parse_button(query.data)
        asked = self._memory.get(button[1]) if button else None
        if button is None or asked is None:  # forged, or from before a restart
            logger.info(
                "button %r from user %d: unknown or expired", clip(str(query.data), 80), query.from_user.id
            )
            await query.answer(EXPIRED)
            return
        if button[0] in ("u", "d"):
            return await self.feedback.vote(update, context, button[1], asked)
        if button[0] == "w":
            return await self.watching.watch_button(update, context, asked)
        if button[0] == "t":
            return await self.watching.timeline_button(update, context, asked)
        await query.answer()
        results = asked.answer.results
        action, key, n = button
        if action == "m":
            page = results[n : n + MORE_PAGE]
            shown = n + len(page)
            if isinstance(query.message, Message):  # this button is used: take it off
                with contextlib.suppress(BadRequest):  # e.g. the message is too old to edit
                    await query.message.edit_reply_markup(_without(query.message.reply_markup, query.data))
            texts = format_more(page)
            markup = _buttons(key, asked.answer, shown=shown, source_ranks=tuple(r.rank for r in page))
            for i, text in enumerate(texts):
                await context.bot.send_message(
                    asked.chat_id, text, reply_markup=markup if i == len(texts) - 1 else None
                )
        else:
            chosen = [r for r in results if r.rank == n]
            texts = format_source(chosen[0]) if chosen else [EXPIRED]
            for text in texts:
                await context.bot.send_message(asked.chat_id, text)

    # -- reloading ---------------------------------------------------------------------

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

    # -- lifecycle ---------------------------------------------------------------------

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

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the error in full; tell the user, briefly, that it failed."""
        logger.error("error while handling an update", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat:
            with contextlib.suppress(TelegramError):
                await context.bot.send_message(update.effective_chat.id, APOLOGY)


# --- helpers ----------------------------------------------------------------------------


async def _reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    message = update.effective_message
    if message is not None:
        await message.reply_html(text, reply_markup=markup)


#: A button's callback data: an action, an answer's key in `_Memory`, and a rank, written
#: as `_buttons` writes it. Actions: "m" (more results from) or "s" (source of) the passage
#: of that rank; "u" 👍, "d" 👎, "w" 🔔 (watch) and "t" (timeline) of the answer, rank 1.
#: Digits are ASCII [0-9] only: `str.isdigit()` accepts "²", which `int()` refuses.
_BUTTON_DATA = re.compile(r"([msudwt]):([A-Za-z0-9_-]{1,16}):([1-9][0-9]{0,2})")
ButtonAction = Literal["m", "s", "u", "d", "w", "t"]
_ACTIONS: dict[str, ButtonAction] = {"m": "m", "s": "s", "u": "u", "d": "d", "w": "w", "t": "t"}
#: Telegram's limit for callback data, in bytes.
MAX_BUTTON_DATA = 64


def parse_button(data: object) -> tuple[ButtonAction, str, int] | None:
    """(action, key, rank) from a button's callback data; None for anything not made by
    `_buttons` (forged, truncated, from another bot version). Never raises."""
    if not isinstance(data, str) or len(data) > MAX_BUTTON_DATA:
        return None
    match = _BUTTON_DATA.fullmatch(data)
    if match is None:
        return None
    rank = int(match[3])
    if not 1 <= rank <= MAX_RESULTS or (match[1] in "udwt" and rank != 1):
        return None
    return _ACTIONS[match[1]], match[2], rank


def _buttons(
    key: str, answer: Answer, *, shown: int, source_ranks: tuple[int, ...], extras: bool = False
) -> InlineKeyboardMarkup | None:
    """Source buttons for the passages just shown, and "More results" while any remain; with
    `extras` (the answer's own message), 👍 👎 🔔 and, for two dated reports or more, Timeline."""
    row = [
        InlineKeyboardButton(
            "Source" if len(source_ranks) == 1 else f"Source {rank}", callback_data=f"s:{key}:{rank}"
        )
        for rank in source_ranks
    ]
    rows = [row] if row else []
    if shown and shown < len(answer.results):
        rows.append([InlineKeyboardButton("More results", callback_data=f"m:{key}:{shown}")])
    if extras:
        row = [InlineKeyboardButton(label, callback_data=f"{action}:{key}:1") for action, label in _EXTRAS]
        if has_timeline(answer):
            row.append(InlineKeyboardButton("Timeline", callback_data=f"t:{key}:1"))
        rows.append(row)
    return InlineKeyboardMarkup(rows) if rows else None


#: The answer's own buttons: vote, and watch its question.
_EXTRAS = (("u", "👍"), ("d", "👎"), ("w", "🔔"))


def _without(markup: InlineKeyboardMarkup | None, data: str | None) -> InlineKeyboardMarkup | None:
    """The keyboard without the button that sends `data`."""
    if markup is None:
        return None
    rows = [[b for b in row if b.callback_data != data] for row in markup.inline_keyboard]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(rows) if rows else None


def _addressed(message: Message, username: str, bot_id: int) -> str | None:
    """The question in a group message addressed to the bot; None when it isn't."""
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


# --- wiring -----------------------------------------------------------------------------


def build_application(
    settings: Settings, trustbot: TrustBot, rate_limiter: AIORateLimiter | None = None
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The PTB application for a bot: handlers, rate limiter, error handler, HTML defaults."""
    assert settings.telegram_token is not None
    # The bot is built here, not by the builder, to be a TolerantBot; its requests are
    # the ones the builder would make (a pool for replies sent at once, one for polling).
    bot = TolerantBot(
        token=settings.telegram_token.get_secret_value(),
        base_url=settings.telegram_api_url,
        defaults=Defaults(parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEWS),
        request=HTTPXRequest(connection_pool_size=256),
        get_updates_request=HTTPXRequest(connection_pool_size=1),
        rate_limiter=rate_limiter or RetryingRateLimiter(overall_max_rate=settings.telegram_max_rate),
    )
    application = (
        Application.builder()
        .bot(bot)
        .concurrent_updates(True)
        .post_init(trustbot.post_init)
        .post_shutdown(trustbot.post_shutdown)
        .build()
    )
    groups = filters.ChatType.GROUPS
    # First, in a group of its own: a message answering "What was wrong?" after a 👎.
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND, trustbot.feedback.reply_check), -1
    )
    application.add_handlers(
        [
            CommandHandler("start", trustbot.start),
            CommandHandler("help", trustbot.help),
            CommandHandler("sources", trustbot.sources),
            CommandHandler("about", trustbot.about),
            CommandHandler("ask", trustbot.ask_command),
            CommandHandler("asof", trustbot.asof_command),
            CommandHandler("reload", trustbot.reload),
            CommandHandler("feedback", trustbot.feedback.feedback),
            CommandHandler("skip", trustbot.feedback.skip),
            CommandHandler("watch", trustbot.watching.watch),
            CommandHandler("watches", trustbot.watching.watches),
            CommandHandler("unwatch", trustbot.watching.unwatch),
            MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, trustbot.unknown_command),
            MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, trustbot.private_text),
            MessageHandler(filters.TEXT & ~filters.COMMAND & groups, trustbot.group_text),
            MessageHandler(~filters.TEXT & filters.ChatType.PRIVATE, trustbot.not_text),
            CallbackQueryHandler(trustbot.button),
        ]
    )
    application.add_error_handler(trustbot.on_error)
    return application


def _webhook_path(url: str) -> str:
    return urlsplit(url).path.strip("/")


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


def serve(settings: Settings, open_engine: EngineOpener) -> int:
    """Run the bot until interrupted: polling, or a webhook when one is configured."""
    if settings.telegram_token is None:
        print(NO_TOKEN, file=sys.stderr)
        return EXIT_ERROR
    access = access_summary(settings)
    if access is None:  # closed by default: refuse before touching Telegram or the index
        print(CLOSED, file=sys.stderr)
        return EXIT_ERROR
    token = settings.telegram_token.get_secret_value()
    secret = (
        settings.webhook_secret.get_secret_value() if settings.webhook_secret else secrets.token_urlsafe(32)
    )
    configure_logging(token, secret)
    logger.info("who may use the bot: %s", access)
    engine = open_engine()
    for notice in engine.notices:
        logger.info("%s", notice)
    trustbot = TrustBot(settings, engine, open_engine)
    application = build_application(settings, trustbot)
    updates = [Update.MESSAGE, Update.CALLBACK_QUERY]
    try:
        if settings.webhook_url:
            logger.info(
                "serving by webhook at %s (listening on %s:%d)",
                settings.webhook_url,
                settings.webhook_listen,
                settings.webhook_port,
            )
            application.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=_webhook_path(settings.webhook_url),
                webhook_url=settings.webhook_url,
                secret_token=secret,
                allowed_updates=updates,
            )
        else:
            logger.info("serving by polling %s", urlsplit(settings.telegram_api_url).netloc)
            application.run_polling(allowed_updates=updates)
    except InvalidToken:
        print("trustbot: error: Telegram refused the token; check TRUSTBOT_TELEGRAM_TOKEN", file=sys.stderr)
        return EXIT_ERROR
    except NetworkError as exc:
        host = urlsplit(settings.telegram_api_url).netloc
        problem = TokenRedactor(token).redact(str(exc))
        print(f"trustbot: error: cannot reach the Bot API at {host}: {problem}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK
