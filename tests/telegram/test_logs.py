"""The bot's log: the token never written, PTB's Telegram errors in one line."""

from __future__ import annotations

import io
import logging

from bot.engine import Engine
from bot.telegram import configure_logging
from bot.telegram.logs import BriefTelegramErrors, TokenRedactor

from ..botapi_standin import (
    TOKEN,
    BotAPIStandIn,
    Fault,
    message,
)
from .harness import (
    QUESTION,
    ask,
    bot_settings,
    running,
)


def _record(msg: str, *args: object, exc: BaseException | None = None, name: str = "x") -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, exc_info)


def test_token_redactor_cleans_message_arguments_and_traceback() -> None:
    token = "123:SECRET"
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{token}/getMe failed")
    except RuntimeError as exc:
        record = _record("calling %s", f"/bot{token}/sendMessage", exc=exc)
    TokenRedactor(token).filter(record)
    formatted = logging.Formatter().format(record)
    assert "SECRET" not in formatted
    assert "/bot[redacted]/sendMessage" in formatted and "/bot[redacted]/getMe" in formatted


def test_telegram_errors_from_ptb_are_one_line() -> None:
    from telegram.error import InvalidToken

    record = _record(
        "Error while initializing", exc=InvalidToken("The token was rejected"), name="telegram.ext"
    )
    BriefTelegramErrors().filter(record)
    text = logging.Formatter().format(record)
    assert "\n" not in text and "InvalidToken: The token was rejected" in text
    ours = _record("error while handling", exc=ValueError("boom"), name="bot.telegram.app")
    BriefTelegramErrors().filter(ours)
    assert ours.exc_info is not None  # our own errors keep their traceback


async def test_token_never_logged(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    stream = io.StringIO()
    handler = configure_logging(TOKEN, level=logging.DEBUG, stream=stream)
    try:
        standin.fail(Fault("sendMessage", 500, "Internal Server Error"))
        async with running(bot_settings(standin), seed_engine):
            await ask(standin, message(QUESTION, 43), chat_id=43)
            # Even a message that quotes a request URL has its token replaced.
            logging.getLogger("httpx").warning("HTTP Request: POST %s/getMe", standin.base_url + TOKEN)
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(logging.WARNING)
    output = stream.getvalue()
    assert "retry 1 of" in output  # it did log: the 500 and its retry
    assert "[redacted]/getMe" in output
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
