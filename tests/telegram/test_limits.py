"""How often: the per-user question limit, and replies delivered through Telegram's 429
and 5xx errors."""

from __future__ import annotations

import asyncio
import time

from bot.engine import Engine
from bot.telegram.limits import UserRateLimit

from ..botapi_standin import (
    BotAPIStandIn,
    Fault,
    message,
)
from .harness import (
    QUESTION,
    ask,
    bot_settings,
    running,
    until,
)


def test_rate_limit_window() -> None:
    limit = UserRateLimit(2, window=60)
    assert [limit.check(1, now=t) for t in (0, 1, 2, 3)] == ["ok", "ok", "warn", "drop"]
    assert limit.check(2, now=3) == "ok"  # another user
    assert limit.wait(1, now=30) == 30
    assert limit.check(1, now=60.5) == "ok"  # the first question left the window
    assert limit.check(1, now=61.5) == "ok"
    assert limit.check(1, now=62) == "warn"  # warned again in a new episode


async def test_rate_limit_asks_to_slow_down_once(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    async with running(bot_settings(standin, rate_limit=3), seed_engine):
        for _ in range(6):
            standin.push(message(QUESTION, 31))
        await until(standin, lambda s: len(s.sent(chat_id=31)) >= 4)
        await asyncio.sleep(0.5)  # the rest are dropped, not answered late
        replies = standin.sent(chat_id=31)
        [other_user] = await ask(standin, message(QUESTION, 32), chat_id=32)
    assert len(replies) == 4
    assert sum("July 2020" in r.text for r in replies) == 3
    assert sum("faster than I can answer" in r.text for r in replies) == 1
    assert "July 2020" in other_user.text  # one user's limit is not another's


async def test_429_with_retry_after_is_survived(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    standin.fail(Fault("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1))
    async with running(bot_settings(standin), seed_engine):
        started = time.monotonic()
        [reply] = await ask(standin, message(QUESTION, 41), chat_id=41)
        waited = time.monotonic() - started
    assert len(standin.failed) == 1 and standin.failed[0].method == "sendMessage"
    assert "July 2020" in reply.text
    assert waited >= 1.0  # it honoured retry_after before sending again


async def test_500_errors_are_retried(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    standin.fail(Fault("sendMessage", 500, "Internal Server Error", times=2))
    async with running(bot_settings(standin), seed_engine):
        [reply] = await ask(standin, message(QUESTION, 42), chat_id=42)
    assert [c.method for c in standin.failed] == ["sendMessage", "sendMessage"]
    assert "July 2020" in reply.text
