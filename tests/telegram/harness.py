"""Running the real bot (python-telegram-bot over HTTP) against the Bot API stand-in,
and what the tests read from its calls."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from bot.answer import Citation, Result
from bot.engine import Engine
from bot.settings import Settings
from bot.telegram import RetryingRateLimiter, TrustBot, build_application
from bot.text.dates import PubDate

from ..botapi_standin import (
    TOKEN,
    BotAPIStandIn,
    Call,
    html_problems,
)
from ..conftest import SEED_CORPUS

QUESTION = "when will the trust go live?"


def assert_valid_html(text: str) -> None:
    """Known tags only, all closed: what Telegram's HTML parse mode accepts."""
    problems = html_problems(text)
    assert not problems, (problems, text[:300])


def buttons(call: Call) -> dict[str, str]:
    """Button label -> callback data of a sent message."""
    markup = call.json("reply_markup") or {}
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


def bot_settings(standin: BotAPIStandIn, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_token": TOKEN,
        "telegram_api_url": standin.base_url,
        "corpus_dir": SEED_CORPUS,
        "index_watch_seconds": 0,
        # The bot is closed by default; these tests are about everything else.
        "open_to_everyone": True,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@contextlib.asynccontextmanager
async def running(
    settings: Settings,
    engine: Engine,
    opener: Callable[[], Engine] | None = None,
    limiter: RetryingRateLimiter | None = None,
) -> AsyncIterator[TrustBot]:
    """The bot as `trustbot serve` runs it (polling), until the block ends."""
    trustbot = TrustBot(settings, engine, opener or (lambda: engine))
    # Short back-off so fault tests take fractions of a second; the logic is the real one.
    application = build_application(settings, trustbot, limiter or RetryingRateLimiter(base_delay=0.05))
    await application.initialize()
    await trustbot.post_init(application)
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    await application.start()
    try:
        yield trustbot
    finally:
        await application.updater.stop()
        await application.stop()
        await trustbot.post_shutdown(application)
        await application.shutdown()


async def until(
    standin: BotAPIStandIn, predicate: Callable[[BotAPIStandIn], bool], timeout: float = 15
) -> None:
    """Wait, without blocking the bot's event loop, until the predicate holds."""
    deadline = time.monotonic() + timeout
    while not predicate(standin):
        if time.monotonic() > deadline:
            last = [(c.method, c.text[:50]) for c in standin.calls[-10:]]
            raise AssertionError(f"timed out; last calls: {last}")
        await asyncio.sleep(0.02)


async def ask(standin: BotAPIStandIn, update: dict[str, Any], chat_id: int, count: int = 1) -> list[Call]:
    """Push an update and return the messages sent to the chat once `count` more arrived."""
    before = len(standin.sent(chat_id=chat_id))
    standin.push(update)
    await until(standin, lambda s: len(s.sent(chat_id=chat_id)) >= before + count)
    return standin.sent(chat_id=chat_id)[before:]


async def until_reply(standin: BotAPIStandIn, chat_id: int) -> list[Call]:
    await until(standin, lambda s: len(s.sent(chat_id=chat_id)) >= 1)
    return standin.sent(chat_id=chat_id)


def serve_env(standin: BotAPIStandIn, tmp_path: Path, token: str = TOKEN, **access: str) -> dict[str, str]:
    """The environment of `trustbot serve`: open to everyone unless `access` says who may."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRUSTBOT_")}
    env.update(
        TRUSTBOT_TELEGRAM_TOKEN=token,
        TRUSTBOT_TELEGRAM_API_URL=standin.base_url,
        TRUSTBOT_INDEX_DIR=str(tmp_path / "index"),
    )
    env.update(access or {"TRUSTBOT_OPEN_TO_EVERYONE": "true"})
    return env


def make_result(passage: str, sentence: str, rank: int = 1, title: str = "A <title> & more") -> Result:
    """A result as the engine makes them, of a dated document whose title needs escaping."""
    citation = Citation("doc", title, "Gazette & Co", PubDate(dt.date(2019, 11, 1), "month", True), None)
    return Result(rank, f"doc#{rank}", citation, passage, sentence, sentence, 1.0, False)
