"""The Bot API stand-in, one per test, for the Telegram tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..botapi_standin import (
    BotAPIStandIn,
)


@pytest.fixture
def standin() -> Iterator[BotAPIStandIn]:
    server = BotAPIStandIn().start()
    yield server
    server.stop()
