"""The Telegram front end's wiring: `build_application` and `trustbot serve`.

Staff ask in a private chat, or in a group by mentioning the bot, replying to it or with
/ask. `build_application` puts python-telegram-bot together: the `TolerantBot` (polled
updates vetted one by one), arbitrary callback data for the buttons, the retrying rate
limiter, HTML replies without link previews, every handler with its `Access` filter, and
one error handler. `serve` refuses to start with no token or with nobody allowed, sets up
the redacting log, opens the engine, and runs by polling or, when configured, a webhook.

May import: the standard library, python-telegram-bot, bot.engine, bot.settings, and this
package's modules.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import sys
from typing import Any
from urllib.parse import urlsplit

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InvalidCallbackData,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from ..exits import EXIT_ERROR, EXIT_OK
from ..settings import Settings
from .access import TO_THE_BOT, access_summary, refuse
from .buttons import Buttons, MoreResults, SourceOf, TimelineOf, VoteOn, WatchQuestion
from .handlers import Commands
from .limits import RetryingRateLimiter
from .logs import TokenRedactor, configure_logging
from .state import EngineOpener, TrustBot
from .updates import TolerantBot

__all__ = ["build_application", "serve"]

logger = logging.getLogger(__name__)

# PTB 22 warns on every `RetryAfter` unless durations are opted in to being timedeltas,
# as they will be in v23; nothing here reads them as integers.
os.environ.setdefault("PTB_TIMEDELTA", "1")

#: Keyboards whose buttons are kept (an answer's, and one per "More results" page); a
#: press on one pushed out of the cache is answered as expired.
REMEMBERED_KEYBOARDS = 2000
#: First: a message answering "What was wrong?" after a 👎. Then a button press's access.
FEEDBACK_GROUP, PRESS_GROUP = -2, -1


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
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error in full; tell the user, briefly, that it failed."""
    logger.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(update.effective_chat.id, APOLOGY)


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
        # Citations link their sources; a preview card under every answer would bury it.
        defaults=Defaults(
            parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
        ),
        request=HTTPXRequest(connection_pool_size=256),
        get_updates_request=HTTPXRequest(connection_pool_size=1),
        rate_limiter=rate_limiter or RetryingRateLimiter(overall_max_rate=settings.telegram_max_rate),
        arbitrary_callback_data=REMEMBERED_KEYBOARDS,
    )
    application = (
        Application.builder()
        .bot(bot)
        .concurrent_updates(True)
        .post_init(trustbot.post_init)
        .post_shutdown(trustbot.post_shutdown)
        .build()
    )
    access, feedback, watching = trustbot.access, trustbot.feedback, trustbot.watching
    members, admins = access.members, access.admins
    commands, buttons = Commands(trustbot), Buttons(trustbot)
    text, private, groups = filters.TEXT & ~filters.COMMAND, filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    application.add_handler(MessageHandler(text & members, feedback.reply_check), FEEDBACK_GROUP)
    application.add_handler(CallbackQueryHandler(access.gate), PRESS_GROUP)
    asking = {
        "start": commands.start,
        "help": commands.help,
        "sources": commands.sources,
        "about": commands.about,
        "ask": commands.ask_command,
        "asof": commands.asof_command,
        "skip": feedback.skip,
        "watch": watching.watch,
        "watches": watching.watches,
        "unwatch": watching.unwatch,
    }
    for name, callback in asking.items():
        application.add_handler(CommandHandler(name, callback, filters=members))
    application.add_handlers(
        [
            CommandHandler("reload", commands.reload, filters=admins),
            CommandHandler("reload", commands.reload_refused, filters=members),
            CommandHandler("feedback", feedback.feedback, filters=admins),
            CommandHandler("feedback", feedback.feedback_refused, filters=members),
            MessageHandler(filters.COMMAND & private & members, commands.unknown_command),
            MessageHandler(text & private & members, commands.private_text),
            MessageHandler(text & groups & TO_THE_BOT & members, commands.group_text),
            MessageHandler(~filters.TEXT & private & members, commands.not_text),
            # Data PTB does not know (stale or forged); first, as a press without data matches
            # every pattern of a CallbackQueryHandler.
            CallbackQueryHandler(buttons.expired, pattern=InvalidCallbackData),
            CallbackQueryHandler(buttons.more, pattern=MoreResults),
            CallbackQueryHandler(buttons.source, pattern=SourceOf),
            CallbackQueryHandler(feedback.vote, pattern=VoteOn),
            CallbackQueryHandler(watching.watch_button, pattern=WatchQuestion),
            CallbackQueryHandler(watching.timeline_button, pattern=TimelineOf),
            CallbackQueryHandler(buttons.expired),  # any other press (a game's button)
            # Whoever the filters above left out, when they spoke to the bot: refused.
            CommandHandler([*asking, "reload", "feedback"], refuse),
            MessageHandler(private | (text & groups & TO_THE_BOT), refuse),
        ]
    )
    application.add_error_handler(on_error)
    return application


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
    application = build_application(settings, TrustBot(settings, engine, open_engine))
    updates = [Update.MESSAGE, Update.CALLBACK_QUERY]
    host = urlsplit(settings.telegram_api_url).netloc
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
                url_path=urlsplit(settings.webhook_url).path.strip("/"),
                webhook_url=settings.webhook_url,
                secret_token=secret,
                allowed_updates=updates,
            )
        else:
            logger.info("serving by polling %s", host)
            application.run_polling(allowed_updates=updates)
    except InvalidToken:
        print("trustbot: error: Telegram refused the token; check TRUSTBOT_TELEGRAM_TOKEN", file=sys.stderr)
        return EXIT_ERROR
    except NetworkError as exc:
        problem = TokenRedactor(token).redact(str(exc))
        print(f"trustbot: error: cannot reach the Bot API at {host}: {problem}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK
