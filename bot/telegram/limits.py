"""How often: a per-user limit on questions, and delivery within Telegram's limits.

Incoming: `UserRateLimit` lets each user ask at most a number of questions a minute; the
first question over it is answered with a request to slow down, the rest are dropped.
Outgoing: PTB's `AIORateLimiter` keeps replies within Telegram's limits and retries
`RetryAfter`; `RetryingRateLimiter` also retries network errors and 5xx replies with
back-off, so an answer is not lost to a hiccup.

May import: the standard library and python-telegram-bot.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any, Literal

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

__all__ = ["RATE_WINDOW", "RetryingRateLimiter", "UserRateLimit"]

logger = logging.getLogger(__name__)

#: The window of the per-user limit, in seconds.
RATE_WINDOW = 60.0
#: Network errors and 5xx replies: retries, and the first back-off (doubling each time).
NETWORK_RETRIES = 4
RETRY_BASE_DELAY = 0.5
#: `RetryAfter` (HTTP 429) retries, each after the wait Telegram asks for.
RETRY_AFTER_RETRIES = 3


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
